/* trace.c: HANDOFF_TRACE logging of git and HTTP calls */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/redact.h"
#include "handoff/trace.h"

static pthread_mutex_t sink_lock = PTHREAD_MUTEX_INITIALIZER;
static void (*sink_fn)(void *data, const char *line);
static void *sink_data;

void hf_trace_set_sink(void (*fn)(void *data, const char *line), void *data)
{
	pthread_mutex_lock(&sink_lock);
	sink_fn = fn;
	sink_data = data;
	pthread_mutex_unlock(&sink_lock);
}

void hf_trace_after_fork(void)
{
	pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;

	sink_lock = fresh;
	sink_fn = NULL;
	sink_data = NULL;
}

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
	pthread_mutex_lock(&sink_lock);
	if (sink_fn)
		sink_fn(sink_data, line);
	else	/* one write per line so concurrent transfers do not interleave mid-line */
		fprintf(stderr, "handoff: trace: %s\n", line);
	pthread_mutex_unlock(&sink_lock);
}
