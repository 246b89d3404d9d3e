/* sprint.c: sprint arithmetic (pure): capacity per person and role, balance, progress, burndown */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/sprint.h"
#include "handoff/xmalloc.h"

static const char *const status_names[] = {
	[HF_ITEM_TODO] = "todo", [HF_ITEM_DOING] = "doing", [HF_ITEM_BLOCKED] = "blocked",
	[HF_ITEM_DONE] = "done", [HF_ITEM_UNKNOWN] = "unknown",
};

enum hf_item_status hf_item_status_parse(const char *text)
{
	for (int i = HF_ITEM_TODO; text && i < HF_ITEM_UNKNOWN; i++)
		if (strcmp(text, status_names[i]) == 0)
			return (enum hf_item_status)i;
	return HF_ITEM_UNKNOWN;
}

const char *hf_item_status_name(enum hf_item_status status)
{
	if ((int)status < HF_ITEM_TODO || status > HF_ITEM_UNKNOWN)
		status = HF_ITEM_UNKNOWN;
	return status_names[status];
}

void hf_sprint_clear(struct hf_sprint *s)
{
	for (size_t i = 0; i < s->ncapacity; i++)
		free(s->capacity[i].handle);
	for (size_t i = 0; i < s->nitems; i++) {
		struct hf_sprint_item *it = &s->items[i];

		free(it->id);
		free(it->title);
		free(it->owner);
		free(it->model);
		free(it->blocked_by);
		hf_strv_free(it->links, it->nlinks);
	}
	free(s->capacity);
	free(s->items);
	free(s->source);
	free(s->path);
	free(s->id);
	free(s->name);
	free(s->start);
	free(s->end);
	free(s->goal);
	memset(s, 0, sizeof(*s));
}

const struct hf_sprint_item *hf_sprint_item_find(const struct hf_sprint *s, const char *id)
{
	for (size_t i = 0; id && i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	return NULL;
}

void hf_sprint_points(const struct hf_sprint *s, double *done, double *total)
{
	*done = *total = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		*total += s->items[i].points;
		if (s->items[i].status == HF_ITEM_DONE)
			*done += s->items[i].points;
	}
}

void hf_sprint_snapshots_free(struct hf_sprint_snapshot *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i].ref);
	free(s);
}

bool hf_sprint_day_parse(const char *date, int64_t *day)
{
	int64_t t;

	if (!date || strlen(date) != 10 || hf_time_parse(date, &t))
		return false;
	*day = t / 86400;
	return true;
}

bool hf_sprint_contains(const char *start, const char *end, int64_t today)
{
	int64_t a, b;

	return hf_sprint_day_parse(start, &a) && hf_sprint_day_parse(end, &b) && a <= today &&
	       today <= b;
}

static struct hf_sprint_person *person_for(struct hf_sprint_eval *ev, const char *handle,
					   size_t *alloc)
{
	for (size_t i = 0; i < ev->npeople; i++)
		if (strcmp(ev->people[i].handle, handle) == 0)
			return &ev->people[i];
	ev->people = xgrow(ev->people, ev->npeople + 1, alloc, sizeof(*ev->people));
	memset(&ev->people[ev->npeople], 0, sizeof(*ev->people));
	ev->people[ev->npeople].handle = handle;
	return &ev->people[ev->npeople++];
}

static void add_unknown(struct hf_sprint_eval *ev, size_t *alloc, char *field, const char *handle,
			const char *item)
{
	ev->unknown = xgrow(ev->unknown, ev->nunknown + 1, alloc, sizeof(*ev->unknown));
	ev->unknown[ev->nunknown].field = field;
	ev->unknown[ev->nunknown].handle = handle;
	ev->unknown[ev->nunknown].item = item;
	ev->nunknown++;
}

static int cmp_snap(const void *a, const void *b)
{
	const struct hf_sprint_snapshot *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

static void burndown(const struct hf_sprint *s, const struct hf_sprint_snapshot *snaps,
		     size_t nsnaps, int64_t now, struct hf_sprint_eval *ev)
{
	struct hf_sprint_snapshot *all = xcalloc(nsnaps + 1, sizeof(*all));
	int64_t today = hf_day_of(now), last;
	size_t next = 0;
	double done = 0, total = 0;

	if (nsnaps)
		memcpy(all, snaps, nsnaps * sizeof(*all));
	all[nsnaps].at = now;
	hf_sprint_points(s, &all[nsnaps].done, &all[nsnaps].total);
	qsort(all, nsnaps + 1, sizeof(*all), cmp_snap);
	last = today < ev->last_day ? today : ev->last_day;
	if (last >= ev->first_day) {
		ev->nburndown = (size_t)(last - ev->first_day + 1);
		ev->burndown = xcalloc(ev->nburndown, sizeof(*ev->burndown));
	}
	/* before the first snapshot nothing is known done; its total stands */
	total = all[0].total;
	for (size_t d = 0; d < ev->nburndown; d++) {
		int64_t day = ev->first_day + (int64_t)d;
		struct hf_sprint_day *bd = &ev->burndown[d];

		while (next <= nsnaps && hf_day_of(all[next].at) <= day) {
			done = all[next].done;
			total = all[next].total;
			next++;
		}
		bd->day = day;
		bd->done = done;
		bd->total = total;
		bd->remaining = total - done;
		bd->ideal = ev->days ? ev->committed * (double)(ev->last_day - day) / ev->days : 0;
	}
	free(all);
}

/* Over capacity: more points than capacity, or items (even of 0 points) and no capacity at all. */
static bool over(double committed, double capacity, int items)
{
	return committed > capacity || (items > 0 && capacity <= 0);
}

void hf_sprint_evaluate(const struct hf_sprint *s, const struct hf_pod *pod,
			const struct hf_sprint_snapshot *snaps, size_t nsnaps, int64_t now,
			struct hf_sprint_eval *ev)
{
	size_t people_alloc = 0, unknown_alloc = 0;
	int64_t today = hf_day_of(now);
	bool check = pod && pod->nmembers > 0;

	memset(ev, 0, sizeof(*ev));
	for (size_t i = 0; i < s->ncapacity; i++) {
		struct hf_sprint_person *p = person_for(ev, s->capacity[i].handle, &people_alloc);

		p->capacity += s->capacity[i].points;
		if (check && !hf_pod_member(pod, p->handle))
			add_unknown(ev, &unknown_alloc, xasprintf("capacity.%s", p->handle), p->handle,
				    NULL);
	}
	for (size_t i = 0; i < s->nitems; i++) {
		const struct hf_sprint_item *it = &s->items[i];

		ev->nitems++;
		ev->committed += it->points;
		if (it->kind >= 0 && it->kind <= HF_ROLE_SHARED)
			ev->kind_points[it->kind] += it->points;
		switch (it->status) {
		case HF_ITEM_DONE: ev->items_done++; ev->done += it->points; break;
		case HF_ITEM_DOING: ev->items_doing++; break;
		case HF_ITEM_BLOCKED:
			ev->items_blocked++;
			ev->blocked = xrealloc(ev->blocked, (ev->nblocked + 1) * sizeof(*ev->blocked));
			ev->blocked[ev->nblocked++] = i;
			break;
		default: ev->items_todo++; break;
		}
		if (!it->owner)
			continue;
		struct hf_sprint_person *p = person_for(ev, it->owner, &people_alloc);

		p->committed += it->points;
		p->items++;
		if (it->status == HF_ITEM_DONE)
			p->done += it->points;
		if (check && !hf_pod_member(pod, it->owner))
			add_unknown(ev, &unknown_alloc, xasprintf("items[%zu].owner", i), it->owner, it->id);
	}
	for (size_t i = 0; i < ev->npeople; i++) {
		struct hf_sprint_person *p = &ev->people[i];
		const struct hf_member *m = pod ? hf_pod_member(pod, p->handle) : NULL;

		p->member = m != NULL;
		p->role = m ? m->role : HF_ROLE_UNKNOWN;
		p->over = over(p->committed, p->capacity, p->items);
		ev->roles[p->role].capacity += p->capacity;
		ev->roles[p->role].committed += p->committed;
		ev->roles[p->role].done += p->done;
		ev->roles[p->role].items += p->items;
	}
	for (int r = 0; r <= HF_ROLE_SHARED; r++)
		ev->roles[r].over = over(ev->roles[r].committed, ev->roles[r].capacity, ev->roles[r].items);
	if (ev->kind_points[HF_ROLE_RESEARCH] + ev->kind_points[HF_ROLE_ENGINEERING] > 0)
		ev->research_share = ev->kind_points[HF_ROLE_RESEARCH] /
			(ev->kind_points[HF_ROLE_RESEARCH] + ev->kind_points[HF_ROLE_ENGINEERING]);

	if (!hf_sprint_day_parse(s->start, &ev->first_day) ||
	    !hf_sprint_day_parse(s->end, &ev->last_day) || ev->last_day < ev->first_day ||
	    ev->last_day - ev->first_day >= HF_SPRINT_MAX_DAYS) {
		ev->first_day = ev->last_day = 0;
		return;
	}
	ev->days = (int)(ev->last_day - ev->first_day + 1);
	if (today < ev->first_day) {
		ev->days_left = ev->days;
	} else if (today <= ev->last_day) {
		ev->days_left = (int)(ev->last_day - today + 1);
		ev->days_elapsed = (int)(today - ev->first_day);
	} else {
		ev->days_elapsed = ev->days;
	}
	ev->ideal_done = ev->committed * ev->days_elapsed / ev->days;
	burndown(s, snaps, nsnaps, now, ev);
}

void hf_sprint_eval_clear(struct hf_sprint_eval *ev)
{
	for (size_t i = 0; i < ev->nunknown; i++)
		free(ev->unknown[i].field);
	free(ev->unknown);
	free(ev->people);
	free(ev->blocked);
	free(ev->burndown);
	memset(ev, 0, sizeof(*ev));
}

void hf_sprint_items_on_models(const struct hf_sprint *s, const char *const *not_ready,
			       size_t nnot_ready, size_t **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct hf_sprint_item *it = &s->items[i];

		if (!it->model || it->status == HF_ITEM_DONE)
			continue;
		for (size_t j = 0; j < nnot_ready; j++) {
			if (strcmp(not_ready[j], it->model) == 0) {
				*out = xrealloc(*out, (*n + 1) * sizeof(**out));
				(*out)[(*n)++] = i;
				break;
			}
		}
	}
}
