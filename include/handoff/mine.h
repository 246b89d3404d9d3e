/* mine.h: what is mine to do: open checklist items and SLOs I own, my sprint items, my next shifts, versions waiting for my review */
#ifndef HANDOFF_MINE_H
#define HANDOFF_MINE_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/status.h"
#include "handoff/store.h"

struct hf_mine_item {
	char *kind;		/* "item" (a checklist item or an SLO not met), "sprint", "review", "shift" */
	char *model;		/* NULL when not about one model */
	char *ref;		/* the item id, SLO id, sprint item id, version, rotation */
	char *title;		/* one line, unsanitised */
	char *detail;		/* why it is open / its status / when; may be NULL */
	int weight;		/* what it blocks: 2 a sprint item waits on it, 1 it gates the model's next stage, 0 */
	int64_t at;		/* shifts: when it starts; 0 otherwise */
};

struct hf_mine {
	char *handle;
	struct hf_mine_item *items;	/* what blocks most first (weight), then items, sprint, reviews, shifts */
	size_t n;
};

/*
 * What `handle` (a pod member) has to do, at `now`: every open required
 * checklist item and SLO not met on the pod's models whose owner is the
 * user (by handle, or by role where the contract names nobody for the
 * user's role), the user's open items of the current sprint, the versions
 * registered after the candidate of the models the user owns (waiting for
 * review), and the user's on-call shifts in the next 14 days. HF_EINVAL
 * when handle is not a pod member.
 */
enum hf_status hf_mine_load(struct hf_store *store, const char *handle, int64_t now,
			    struct hf_mine *out);
void hf_mine_clear(struct hf_mine *m);

#endif
