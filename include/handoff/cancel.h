/* cancel.h: one flag that stops a sync: set by a signal handler, the TUI or a watchdog, read by transfers */
#ifndef HANDOFF_CANCEL_H
#define HANDOFF_CANCEL_H

#include <stdatomic.h>
#include <stdbool.h>

/*
 * One per sync run. Whoever wants the sync to stop calls hf_cancel_request
 * (async-signal-safe: a lock-free atomic store, nothing else, so a signal
 * handler may call it); the work checks hf_cancelled in its loops and in
 * curl's and libgit2's progress callbacks and returns HF_ECANCEL. The
 * reason is kept: the first request wins (a signal number, or one of the
 * HF_CANCEL_* values below), so a message can say why.
 */
struct hf_cancel {
	atomic_int why;		/* 0: keep going */
};

#define HF_CANCEL_INIT { 0 }
enum { HF_CANCEL_USER = 1000 };	/* the person asked (q in the TUI) */

static inline void hf_cancel_request(struct hf_cancel *c, int why)
{
	int none = 0;

	if (c)
		atomic_compare_exchange_strong(&c->why, &none, why ? why : HF_CANCEL_USER);
}

/* true once a cancel was requested; c may be NULL (never cancelled) */
static inline bool hf_cancelled(const struct hf_cancel *c)
{
	return c && atomic_load(&((struct hf_cancel *)c)->why) != 0;
}

/* the reason given to hf_cancel_request, 0 when none */
static inline int hf_cancel_reason(const struct hf_cancel *c)
{
	return c ? atomic_load(&((struct hf_cancel *)c)->why) : 0;
}

#endif
