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

#endif
