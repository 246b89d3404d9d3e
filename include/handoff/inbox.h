/* inbox.h: what changed since a user last looked: history recorded at each sync, and the inbox read from it */
#ifndef HANDOFF_INBOX_H
#define HANDOFF_INBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/pod.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * History: after a sync, each pod model's hand-off stage, SLO verdicts and
 * checklist item states are compared with what the last recording saw
 * (store_history.h: one row per model and key, the latest only); each
 * change becomes an activity event at `now`: kind "handoff" (the stage moved
 * forward or back), "verdict" (an SLO's verdict, e.g. met -> missed) or
 * "item" (ticked, waived, reopened, newly required; actor: who the file
 * says did it). A model recorded for the first time gives no event. In one
 * transaction of its own. *events (may be NULL) gets the events recorded.
 */
enum hf_status hf_history_record(struct hf_store *store, int64_t now, size_t *events);

struct hf_inbox_item {
	int64_t at;
	char *kind;		/* version, alias, stage, live, verdict, handoff, item, sync */
	char *model;		/* the pod's name for it; NULL for a source's failure */
	char *actor;		/* may be NULL */
	char *summary;		/* one line, unsanitised */
	char *ref;		/* a version, an item id, an SLO id, a source; may be NULL */
	bool unread;		/* after the user last marked the inbox read */
};

struct hf_inbox {
	char *handle;
	int64_t seen;		/* when the user last marked it read, 0 never */
	int64_t since;		/* the lower bound used */
	struct hf_inbox_item *items;	/* newest first */
	size_t n, unread;
	int64_t newest_id;	/* the newest activity event when read: mark read up to it */
};

/*
 * The inbox of `handle` (a pod member): events at or after `since` (-1:
 * every event recorded after the user last marked it read, whatever its time) on the models the user owns (a
 * contract owner by handle, or by role when the contract names none for the
 * user's role), except items the user changed; and each source whose sync
 * has failed for more than a day (always unread). Records history first
 * (hf_history_record), so nothing is missed between syncs.
 */
enum hf_status hf_inbox_load(struct hf_store *store, const char *handle, int64_t since,
			     int64_t now, struct hf_inbox *out);
/* The same without recording (the TUI: its sync thread records after each sync). */
enum hf_status hf_inbox_read(struct hf_store *store, const char *handle, int64_t since,
			     int64_t now, struct hf_inbox *out);

/*
 * Mark the inbox read for `handle` at `at`: every event up to activity id
 * upto_id (an inbox's newest_id, so an event a sync records meanwhile stays
 * unread; 0: every event recorded so far).
 */
enum hf_status hf_inbox_mark_read(struct hf_store *store, const char *handle, int64_t at,
				  int64_t upto_id);

void hf_inbox_clear(struct hf_inbox *in);

/*
 * Whether `handle` (of pod role `role`) owns the model: named as its
 * research or engineering owner, or holding a role its contract names
 * nobody for. The inbox and `mine` share this rule.
 */
struct hf_model_report;
bool hf_report_owns(const struct hf_model_report *r, const char *handle, enum hf_role role);

#endif
