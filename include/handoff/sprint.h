/* sprint.h: joint sprints (pure data and arithmetic): capacity, balance, progress, burndown */
#ifndef HANDOFF_SPRINT_H
#define HANDOFF_SPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/pod.h"

/*
 * A sprint as written in sprints/<sprint>.json, and what the planning
 * meeting wants to know about it. Everything here is pure: no I/O, no
 * clock (today is passed in as days since 1970-01-01, UTC). Strings are
 * unsanitised: sanitise before printing (out.h).
 */

/* Longer is refused by the loader and gets no burndown (a sprint is weeks, not years). */
#define HF_SPRINT_MAX_DAYS 366

enum hf_item_status {
	HF_ITEM_TODO = 0,
	HF_ITEM_DOING,
	HF_ITEM_BLOCKED,
	HF_ITEM_DONE,
	HF_ITEM_UNKNOWN,
};

/* "doing" -> HF_ITEM_DOING; HF_ITEM_UNKNOWN for anything else. */
enum hf_item_status hf_item_status_parse(const char *text);
const char *hf_item_status_name(enum hf_item_status status);	/* "todo", ..., "unknown" */

struct hf_sprint_item {
	char *id;
	char *title;
	enum hf_role kind;	/* HF_ROLE_RESEARCH, HF_ROLE_ENGINEERING or HF_ROLE_SHARED */
	char *owner;		/* member handle, NULL when unassigned */
	char *model;		/* NULL when the item is not about one model */
	double points;
	enum hf_item_status status;
	char *blocked_by;	/* free text or another item's id; NULL when nothing */
	char **links;
	size_t nlinks;
};

struct hf_sprint_capacity {
	char *handle;
	double points;
};

/* The struct owns every string and array in it; hf_sprint_clear frees them. */
struct hf_sprint {
	char *source;		/* where it came from (NULL in pure tests) */
	char *path;		/* "sprints/2026-12.json" */
	char *id;
	char *name;
	char *start;		/* "YYYY-MM-DD", first day */
	char *end;		/* "YYYY-MM-DD", last day (inclusive) */
	char *goal;
	struct hf_sprint_capacity *capacity;
	size_t ncapacity;
	struct hf_sprint_item *items;
	size_t nitems;
};

void hf_sprint_clear(struct hf_sprint *sprint);

/* The item with this id, or NULL; borrowed. */
const struct hf_sprint_item *hf_sprint_item_find(const struct hf_sprint *sprint, const char *id);

/* Points done and in total over all items, as the burndown counts them. */
void hf_sprint_points(const struct hf_sprint *sprint, double *done, double *total);

/* One burndown observation: at time `at` (Unix seconds), done of total points. */
struct hf_sprint_snapshot {
	int64_t at;
	char *ref;		/* the commit id, may be NULL */
	double done;
	double total;
};
void hf_sprint_snapshots_free(struct hf_sprint_snapshot *s, size_t n);

/* Committed points against capacity of one person. */
struct hf_sprint_person {
	const char *handle;	/* borrowed from the sprint */
	enum hf_role role;	/* from the pod; HF_ROLE_UNKNOWN when not a member */
	bool member;
	double capacity;	/* 0 when the sprint gives none */
	double committed;	/* points of every item they own, done included */
	double done;
	int items;
	bool over;		/* committed > capacity, or items and no capacity */
};

/* The same summed over the members of one role (index: enum hf_role). */
struct hf_sprint_role {
	double capacity;
	double committed;
	double done;
	int items;
	bool over;		/* committed > capacity, or items and no capacity */
};

/* A handle the sprint uses that is not a member of the pod. */
struct hf_sprint_unknown {
	char *field;		/* "items[3].owner" or "capacity.zoe" */
	const char *handle;	/* borrowed from the sprint */
	const char *item;	/* the item's id, NULL for a capacity entry */
};

/* One day of the burndown (days since 1970-01-01, UTC). */
struct hf_sprint_day {
	int64_t day;
	double done;		/* points done at the end of that day */
	double total;		/* points in the sprint that day */
	double remaining;	/* total - done */
	double ideal;		/* remaining on a straight line from total to 0 by the end */
};

struct hf_sprint_eval {
	struct hf_sprint_person *people;	/* capacity order, then new owners in item order */
	size_t npeople;
	struct hf_sprint_role roles[HF_ROLE_SHARED + 1];
	double kind_points[HF_ROLE_SHARED + 1];	/* points by item kind: the balance */
	double research_share;	/* research / (research + engineering) points, 0..1; 0 when none */
	double committed;	/* all points */
	double done;		/* points of done items */
	int nitems, items_done, items_doing, items_blocked, items_todo;
	size_t *blocked;	/* indexes of blocked items */
	size_t nblocked;
	struct hf_sprint_unknown *unknown;	/* handles that are not pod members */
	size_t nunknown;
	int64_t first_day, last_day;	/* the sprint's dates as day numbers */
	int days;		/* days in the sprint, end inclusive */
	int days_left;		/* days from today to the end, today included; 0 after it */
	int days_elapsed;	/* days before today within the sprint */
	double ideal_done;	/* points a straight line would have done by the end of yesterday */
	struct hf_sprint_day *burndown;	/* first day .. min(today, last day) */
	size_t nburndown;
};

/*
 * Evaluate the sprint on day `today` against the pod (for roles and
 * membership; a pod with no members skips the membership check) and the
 * snapshots of its file's history (any order). The sprint's current state
 * counts as a snapshot at `now`. eval borrows strings from sprint, which
 * must outlive it; hf_sprint_eval_clear frees the rest.
 * Dates that do not parse, or span more than HF_SPRINT_MAX_DAYS, give days 0
 * and no burndown.
 */
void hf_sprint_evaluate(const struct hf_sprint *sprint, const struct hf_pod *pod,
			const struct hf_sprint_snapshot *snaps, size_t nsnaps, int64_t now,
			struct hf_sprint_eval *eval);
void hf_sprint_eval_clear(struct hf_sprint_eval *eval);

/* "YYYY-MM-DD" to a day number; false when it is not such a date. */
bool hf_sprint_day_parse(const char *date, int64_t *day);

/* Whether the sprint's dates contain day `today`. */
bool hf_sprint_contains(const char *start, const char *end, int64_t today);

/*
 * Items not done whose model is one of the nnot_ready names (the models the
 * readiness evaluation found not ready; compared exactly). Fills *out with
 * item indexes (caller frees), in item order.
 */
void hf_sprint_items_on_models(const struct hf_sprint *sprint, const char *const *not_ready,
			       size_t nnot_ready, size_t **out, size_t *n);

#endif
