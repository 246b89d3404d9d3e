/* writeback.h: people's actions landing where the pod's truth lives: queued at once, pushed without force, re-applied on a race */
#ifndef HANDOFF_WRITEBACK_H
#define HANDOFF_WRITEBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/act.h"
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * The flow (src/sources/writeback.c; docs/architecture.md):
 *
 *  queue  an action (act.h, resolved: source and file set) becomes, in one
 *         transaction, an outbox entry and, for a git source, a commit in
 *         the source's cache on top of the synced tip and of the actions
 *         still waiting (the chain); the edited file is loaded into the
 *         view at once, so every view shows it, marked pending. A file
 *         that does not parse, or an edit the pod-file loader would
 *         reject, is refused and nothing is queued.
 *  push   the chain goes to the source's branch as a fast-forward. When
 *         the branch moved, the source is synced and every waiting action
 *         re-applied, as a structured edit, on the new tip (the conflict
 *         rule of act.h decides), then pushed again, at most
 *         HF_WB_MAX_TRIES times with jittered backoff. A conflict stops
 *         that action (it stays in the outbox, naming who changed the
 *         entry and when); a server that refuses is quoted, sanitised; an
 *         unreachable remote leaves everything queued. Registry actions
 *         are REST calls in order, with the same rules.
 *  refresh after any sync of a git source: the waiting actions are
 *         re-applied on the new tip (no network), so the view keeps
 *         showing them.
 *
 * Errors are HF_EINVAL for an action that cannot be queued (its message
 * names the file or field), HF_ENOTFOUND for a source never synced, and
 * HF_EIO for the database or the cache.
 */
#define HF_WB_MAX_TRIES 10

/* What became of one action. Strings owned. */
struct hf_wb_outcome {
	int64_t id;			/* its outbox entry */
	char *source;
	enum hf_outbox_state state;	/* landed, pending (offline), conflict or refused */
	char *summary;			/* what it does (the commit message's first line) */
	char *message;			/* why it did not land, or NULL */
	char *landed;			/* the commit id or registry call, once landed */
	int retries;			/* pushes the race cost */
};
void hf_wb_outcomes_free(struct hf_wb_outcome *o, size_t n);

/* What an action will change, before it is queued. Strings owned. */
struct hf_wb_preview {
	char *file;		/* the pod file (git), or NULL for a registry call */
	char *change;		/* the exact change on one line ("-OLD +NEW"), or the call */
	char *message;		/* the commit message's first line */
	char *text;		/* the file's whole new text (git), for a preview of what it means */
	size_t len;
	bool nothing;		/* the file already says so: nothing to do */
};
void hf_wb_preview_clear(struct hf_wb_preview *p);

/* The change a resolved action would make now, changing nothing. */
enum hf_status hf_wb_preview(struct hf_store *store, const struct hf_conf *conf,
			     struct hf_act *a, struct hf_wb_preview *out);

/*
 * Queue a resolved, validated action. *id receives the outbox entry, or 0
 * when the file already says so (nothing queued).
 */
enum hf_status hf_wb_queue(struct hf_store *store, const struct hf_conf *conf, struct hf_act *a,
			   int64_t *id);

/*
 * Push the waiting actions of source (NULL: of every source), oldest
 * first. One outcome per action tried (caller frees). Returns HF_OK even
 * when actions stay queued or conflict: the outcomes say so.
 */
enum hf_status hf_wb_push(struct hf_store *store, const struct hf_conf *conf, const char *source,
			  struct hf_wb_outcome **out, size_t *n);

/* Re-apply the waiting actions of a git source on its synced tip and show them (no network). */
enum hf_status hf_wb_refresh(struct hf_store *store, const struct hf_conf *conf,
			     const char *source);

/*
 * Drop an open action: it leaves the chain and the view (the entry is
 * kept, marked dropped). Retry one in conflict or refused: it is applied
 * again on the synced tip as it now is, and waits to be pushed.
 */
enum hf_status hf_wb_drop(struct hf_store *store, const struct hf_conf *conf, int64_t id);
enum hf_status hf_wb_retry(struct hf_store *store, const struct hf_conf *conf, int64_t id);

/* scope and target of an action, as the outbox keeps them for the views' pending marks (caller frees). */
void hf_wb_marks(const struct hf_act *a, char **scope, char **target);

#endif
