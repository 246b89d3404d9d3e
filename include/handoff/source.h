/* source.h: the one small interface every source type sits behind: fetch outside the write lock, apply in one short transaction, push */
#ifndef HANDOFF_SOURCE_H
#define HANDOFF_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/cancel.h"
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

enum hf_sync_flags {
	HF_SYNC_FULL = 1 << 0,	/* --full: list everything, find deletions, repair the view */
	HF_SYNC_NO_WAIT = 1 << 1,	/* another sync of the source running: HF_EBUSY at once */
};

/*
 * What one sync run did, filled by the source's fetch and apply; the
 * driver records it in the sync log and `handoff sync` prints it as one
 * line. Counts a source does not have stay 0.
 */
struct hf_sync_summary {
	/* git */
	size_t files_read, files_removed, files_refused, commits;
	/* registry */
	size_t models, versions, runs;	/* in the view after the sync */
	size_t models_fetched, runs_fetched;	/* of which fetched this time */
	/* every source */
	size_t requests;	/* network requests (HTTP) made */
	size_t changes;		/* activity events and rows added, changed or removed */
	bool full;		/* the source read everything (not incremental) */
	bool up_to_date;	/* nothing new at the source */
	char *detail;		/* the source's own words ("abc1234 on main"), owned, may be NULL */
	char *changed;		/* what changed, in the source's words ("1 version registered,
				 * 1 alias moved"), owned, may be NULL: the line then gives
				 * the count of changes */
	char *problem;		/* the first thing the run could not read though it went on ("the live
				 * query of ranker latency_p99_ms failed: ..."): one line for the
				 * status line, its problems are in the store; owned, may be NULL */
	int64_t fetch_ms, apply_ms;	/* wall time of each phase; apply = the write lock held */
};

/*
 * One sync run of one source: its settings, how to report progress, the
 * cancel flag, and what it did. Filled by hf_source_sync and handed to the
 * source's fetch and apply.
 */
struct hf_sync {
	const struct hf_source_conf *conf;
	const struct hf_sync_progress *progress;	/* may be NULL */
	const struct hf_cancel *cancel;	/* may be NULL */
	unsigned flags;		/* enum hf_sync_flags */
	const char *model;	/* a registry's one model to fetch (sync --model), or NULL: everything */
	int64_t now;		/* hf_now() when the run started */
	struct hf_sync_summary summary;
};

/*
 * What a fetch produced, owned by the driver until apply has run; each
 * source embeds this as the first member of its own result struct and
 * frees the whole of it in `free`.
 */
struct hf_fetched {
	void (*free)(struct hf_fetched *f);
};

struct hf_source_ops {
	enum hf_source_type type;
	/*
	 * Fetch: everything slow. Network transfers and parsing, with no write
	 * transaction open (other syncs and readers go on). It may read the
	 * store's previous state (what was synced last, watermarks) to know
	 * what to ask: wrap such reads in hf_store_read_begin/end so they see
	 * one snapshot, and never write. It checks sync->cancel in its loops
	 * and transfer callbacks (HF_ECANCEL) and gives up on a silent peer
	 * after the source's timeout (HF_ENET naming the URL). On success
	 * *out is an owned, self-contained in-memory result (NULL is allowed:
	 * nothing to apply). On failure nothing was written.
	 */
	enum hf_status (*fetch)(struct hf_store *store, struct hf_sync *sync,
				struct hf_fetched **out);
	/*
	 * Apply: called inside the one BEGIN IMMEDIATE transaction the driver
	 * opened, with the fetch's result (NULL when fetch gave none); writes
	 * what changed and nothing slow (no network, no waiting). Any error
	 * rolls the whole transaction back, leaving the previous view intact.
	 * Problems with single files or entries are recorded
	 * (hf_store_problem_add / hf_podfile_*) and are not errors. Fills
	 * sync->summary.
	 */
	enum hf_status (*apply)(struct hf_store *store, struct hf_sync *sync,
				struct hf_fetched *fetched);
	/* Push one outbox entry back to the source (NULL when the type cannot). */
	enum hf_status (*push)(struct hf_store *store, const struct hf_source_conf *conf,
			       const struct hf_outbox_entry *entry);
};

/* The ops for a type, or NULL. */
const struct hf_source_ops *hf_source_ops_for(enum hf_source_type type);

/*
 * When a sync of every source runs this type: 0 for sources of the pod's
 * own state (git, mlflow), 1 for those that read what the others stored
 * (prometheus reads the contracts' live queries; ical the rotation files
 * that name it, to warn of events nobody matches), so one sync of all sees
 * the contracts it just brought whatever the configuration's order.
 */
int hf_source_pass(enum hf_source_type type);
#define HF_SOURCE_PASSES 2

/*
 * Sync one configured source:
 *  1. take the source's sync lock (hf_store_sync_lock): when another
 *     process or thread is syncing the same source, wait for it (printing
 *     nothing: progress says "waiting for ..."), or with HF_SYNC_NO_WAIT
 *     return HF_EBUSY with a message naming its pid and start time;
 *  2. ops->fetch, outside any transaction;
 *  3. BEGIN IMMEDIATE, ops->apply, COMMIT (ROLLBACK on any error);
 *  4. record the run in the sync log (ok or the error, durations, summary),
 *     in a transaction of its own, so a failure is remembered too;
 *  5. release the lock.
 * Syncs of different sources run independently. *summary (may be NULL)
 * receives what the run did (caller frees with hf_sync_summary_clear).
 * Returns the sync's status; the message is in hf_last_error() (HF_ECANCEL
 * when `cancel` was set: the previous view is kept).
 */
enum hf_status hf_source_sync(struct hf_store *store, const struct hf_source_conf *conf,
			      const struct hf_sync_progress *progress,
			      const struct hf_cancel *cancel, unsigned flags,
			      struct hf_sync_summary *summary);

/*
 * hf_source_sync for one registered model of a registry source (`handoff
 * sync --model NAME`): that model, its versions and the runs that matter
 * are fetched and stored whether the pod names it or not; nothing else
 * changes. A source type without models by name (git, prometheus, ical)
 * is refused with HF_EINVAL saying so: nothing is fetched or recorded.
 */
enum hf_status hf_source_sync_model(struct hf_store *store, const struct hf_source_conf *conf,
				    const struct hf_sync_progress *progress,
				    const struct hf_cancel *cancel, const char *model,
				    struct hf_sync_summary *summary);

void hf_sync_summary_clear(struct hf_sync_summary *s);

/*
 * The one line `handoff sync` prints for a run, without the source's name,
 * also kept as the run's detail in the sync log:
 * "abc1234 on main: incremental, 3 files read, 1 commit, 4 changes" or
 * "incremental, 2006 models, 6033 versions, 40 models fetched, 2 runs
 * fetched, 92 requests, nothing changed". Caller frees.
 */
char *hf_sync_summary_line(const struct hf_sync_summary *s);

/*
 * After syncing: the cross-file check of the pod files (hf_podfile_check_refs)
 * against the configured sources, in its own short transaction.
 */
enum hf_status hf_source_check_refs(struct hf_store *store, const struct hf_source_conf *sources,
				    size_t n);

#endif
