/* status.h: error values and the one way to record an error message */
#ifndef HANDOFF_STATUS_H
#define HANDOFF_STATUS_H

/*
 * Every function that can fail returns an enum hf_status; HF_OK is 0 so
 * `if (hf_foo(...))` reads as "if it failed". hf_error() records a message
 * (thread-local, so a sync thread and the TUI thread never mix them) and
 * returns its code, so callers write `return hf_error(HF_EINVAL, "...")`.
 * Messages: lower case, no full stop, problem first, subject in quotes.
 */
enum hf_status {
	HF_OK = 0,
	HF_ERR = -1,		/* anything not listed below */
	HF_ENOTFOUND = -2,	/* a named thing does not exist */
	HF_EINVAL = -3,		/* bad input: a file, field, flag or response */
	HF_EIO = -4,		/* disk or database */
	HF_ENET = -5,		/* network, remote gone, timeout */
	HF_EAUTH = -6,		/* 401/403 or a rejected credential */
	HF_ESCHEMA = -7,	/* database made by a newer handoff */
	HF_ETOOBIG = -8,	/* over a size limit */
	HF_ECANCEL = -9,	/* stopped on request: a signal, q in the TUI, a timeout watchdog */
	HF_EBUSY = -10,		/* someone else holds it: another sync of the same source */
};

#if defined(__GNUC__)
#define HF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define HF_PRINTF(f, a)
#endif

/*
 * Record a message for `code` and return `code`. The message is redacted
 * (redact.h: no credential survives) and its trailing whitespace trimmed.
 */
enum hf_status hf_error(enum hf_status code, const char *fmt, ...) HF_PRINTF(2, 3);

/* The last message recorded on this thread ("" when none); borrowed until the next hf_error(). */
const char *hf_last_error(void);

/* Forget the last message on this thread. */
void hf_error_clear(void);

/* Drop trailing spaces, tabs and line ends of s in place. */
void hf_trim_end(char *s);

/* A short name for a status ("invalid input", "not found", ...). */
const char *hf_status_name(enum hf_status code);

#endif
