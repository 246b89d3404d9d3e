/* trace.h: HANDOFF_TRACE, a log of every git and HTTP call on stderr */
#ifndef HANDOFF_TRACE_H
#define HANDOFF_TRACE_H

#include <stdbool.h>
#include "handoff/status.h"

/*
 * When HANDOFF_TRACE is set (to anything but "" or "0") each git and HTTP
 * call is logged to stderr as "handoff: trace: <what>". Callers must never
 * pass a secret: log URLs without credentials and never a header value.
 */
bool hf_trace_enabled(void);
void hf_trace(const char *fmt, ...) HF_PRINTF(1, 2);

/*
 * Send trace lines to fn instead of stderr (NULL: back to stderr). For the
 * TUI, while curses owns the terminal (lines go to its log view), and for a
 * child process that hands its lines to its parent. fn may be called from
 * any thread, with the line without "handoff: trace: " and without newline.
 */
void hf_trace_set_sink(void (*fn)(void *data, const char *line), void *data);

/* In a child right after fork(): start from a fresh lock (another thread may have held it). */
void hf_trace_after_fork(void);

#endif
