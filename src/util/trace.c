/* trace.c: HANDOFF_TRACE logging of git and HTTP calls */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/redact.h"
#include "handoff/trace.h"

bool hf_trace_enabled(void)
{
	const char *v = getenv("HANDOFF_TRACE");

	return v && *v && strcmp(v, "0") != 0;
}

void hf_trace(const char *fmt, ...)
{
	va_list ap;
	char line[2048];

	if (!hf_trace_enabled())
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	hf_redact_in_place(line);	/* a URL a caller or a library passes may hold a password */
	/* one write per line so concurrent transfers do not interleave mid-line */
	fprintf(stderr, "handoff: trace: %s\n", line);
}
