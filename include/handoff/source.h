/* source.h: the one small interface every source type (git, mlflow) sits behind */
#ifndef HANDOFF_SOURCE_H
#define HANDOFF_SOURCE_H

#include <stddef.h>
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/* Progress of a sync, for a terminal line or the TUI's status bar. fn may be NULL. */
struct hf_sync_progress {
	void (*fn)(void *data, const char *source, const char *what, size_t done, size_t total);
	void *data;
};

/* Report progress through p (which may be NULL). */
void hf_sync_progress_report(const struct hf_sync_progress *p, const char *source,
			     const char *what, size_t done, size_t total);

struct hf_source_ops {
	enum hf_source_type type;
	/*
	 * Bring the source's current state into the store. Called inside the
	 * transaction hf_source_sync began: any error it returns rolls back
	 * everything it wrote, leaving the previous view intact. Problems with
	 * single files or entries are recorded (hf_store_problem_add /
	 * hf_podfile_*) and are not errors. *detail may receive a short
	 * allocated summary ("3 files changed").
	 */
	enum hf_status (*sync)(struct hf_store *store, const struct hf_source_conf *conf,
			       const struct hf_sync_progress *progress, char **detail);
	/* Push one outbox entry back to the source (NULL when the type cannot). */
	enum hf_status (*push)(struct hf_store *store, const struct hf_source_conf *conf,
			       const struct hf_outbox_entry *entry);
};

/* The ops for a type, or NULL. */
const struct hf_source_ops *hf_source_ops_for(enum hf_source_type type);

/*
 * Sync one configured source: begin a transaction, run its ops->sync,
 * commit or roll back, then record the run (ok or the error message) in the
 * sync log, outside the transaction so a failure is remembered too.
 * Returns the sync's status; the message is in hf_last_error().
 */
enum hf_status hf_source_sync(struct hf_store *store, const struct hf_source_conf *conf,
			      const struct hf_sync_progress *progress);

#endif
