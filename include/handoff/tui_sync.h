/* tui_sync.h: syncing every configured source in a background thread while the TUI keeps drawing */
#ifndef HANDOFF_TUI_SYNC_H
#define HANDOFF_TUI_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/conf.h"
#include "handoff/status.h"

/*
 * The thread opens its own SQLite connection (hf_store_open on db_path) and
 * runs hf_source_sync for each source of the configuration in turn (a
 * source another process is syncing is skipped with a plain message); the
 * TUI thread only reads a snapshot of the progress under a mutex. Errors of
 * each source are in the sync log (the log view shows them) and in the
 * result text.
 */
struct hf_tui_sync;

enum hf_tui_sync_flags {
	HF_TUI_SYNC_PUSH = 1 << 0,	/* after a source synced, push its waiting actions (writeback.h) */
	HF_TUI_SYNC_PUSH_ONLY = 1 << 1,	/* sync nothing: push what waits in the outbox */
};

/*
 * Start a sync (a copy of what is needed from conf is taken); NULL with an
 * hf_error if it could not start. flags: enum hf_tui_sync_flags.
 */
struct hf_tui_sync *hf_tui_sync_start(const char *db_path, const struct hf_conf *conf,
				      unsigned flags);

/*
 * Start fetching, in the same background thread, the runs opening model
 * `name` shows that no sync fetched (hf_model_open_fetch in compare.h: a
 * model the pod does not name); the state's text says "fetching the run of
 * NAME…", then what came of it (failed = 1 when it failed). With versions
 * (two, NULL: opening the model), the runs of those two versions compared
 * instead (hf_compare_fetch), whatever model it is.
 */
struct hf_tui_sync *hf_tui_sync_start_runs(const char *db_path, const struct hf_conf *conf,
					   const char *name, const char *const *versions);

struct hf_tui_sync_state {
	bool done;
	size_t failed;	/* sources that failed */
	char text[256]; /* "pod: fetching 3/10" or, when done, a summary */
};
void hf_tui_sync_poll(struct hf_tui_sync *s, struct hf_tui_sync_state *st);

/*
 * Ask the sync to stop: its transfers check the flag in their progress
 * callbacks, so the thread ends within a second and the previous view is
 * kept (the apply transaction is never half done).
 */
void hf_tui_sync_cancel(struct hf_tui_sync *s);

/* Join the thread (waits for it to finish) and free. */
void hf_tui_sync_finish(struct hf_tui_sync *s);

#endif
