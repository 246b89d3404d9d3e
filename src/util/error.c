/* error.c: thread-local last error message behind hf_error() */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "handoff/redact.h"
#include "handoff/status.h"

static _Thread_local char last_message[1024];

enum hf_status hf_error(enum hf_status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	/*
	 * Every message from a library or a server enters here: no credential
	 * it quotes goes further (terminal, trace, log view, database), and the
	 * newline a server ends its message with is not kept.
	 */
	hf_redact_in_place(last_message);
	hf_trim_end(last_message);
	return code;
}

void hf_trim_end(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

const char *hf_last_error(void)
{
	return last_message;
}

void hf_error_clear(void)
{
	last_message[0] = '\0';
}

const char *hf_status_name(enum hf_status code)
{
	switch (code) {
	case HF_OK: return "ok";
	case HF_ERR: return "error";
	case HF_ENOTFOUND: return "not found";
	case HF_EINVAL: return "invalid input";
	case HF_EIO: return "i/o error";
	case HF_ENET: return "network error";
	case HF_EAUTH: return "not authorised";
	case HF_ESCHEMA: return "schema too new";
	case HF_ETOOBIG: return "too big";
	case HF_ECANCEL: return "cancelled";
	case HF_EBUSY: return "busy";
	}
	return "error";
}
