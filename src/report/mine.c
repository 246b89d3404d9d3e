/* mine.c: what is mine to do: open items and SLOs I own, my sprint items, versions waiting for review, my next shifts */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/inbox.h"
#include "handoff/mine.h"
#include "handoff/pod.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/shifts.h"
#include "handoff/sprint.h"
#include "handoff/store_pod.h"
#include "handoff/store_sprint.h"
#include "handoff/xmalloc.h"

#define SHIFT_DAYS 14

static struct hf_mine_item *add(struct hf_mine *m, const char *kind, const char *model,
				const char *ref, char *title, char *detail)
{
	struct hf_mine_item *it;

	m->items = xrealloc(m->items, (m->n + 1) * sizeof(*m->items));
	it = &m->items[m->n++];
	memset(it, 0, sizeof(*it));
	it->kind = xstrdup(kind);
	it->model = model ? xstrdup(model) : NULL;
	it->ref = ref ? xstrdup(ref) : NULL;
	it->title = title;
	it->detail = detail;
	return it;
}

/* Whether a blocker of r is the user's: the person named, or the holder of its role on r. */
static bool blocker_mine(const struct hf_model_report *r, const struct hf_blocker *b,
			 const char *handle, enum hf_role role)
{
	const char *holder = NULL;

	if (b->owner)
		return !strcmp(b->owner, handle);
	if (b->role && !strcmp(b->role, "research"))
		holder = r->owner_research;
	else if (b->role && !strcmp(b->role, "engineering"))
		holder = r->owner_engineering;
	if (holder)
		return !strcmp(holder, handle);
	if (b->role && !strcmp(b->role, "shared"))
		return hf_report_owns(r, handle, role);
	return b->role && hf_role_parse(b->role) == role && hf_report_owns(r, handle, role);
}

/* Whether an open sprint item waits on `id`: a checklist item of `model` (named in its blocked_by), or (model NULL) another sprint item. */
static bool sprint_waits_on(const struct hf_sprint *s, const char *model, const char *id)
{
	for (size_t i = 0; s && i < s->nitems; i++) {
		const struct hf_sprint_item *it = &s->items[i];

		if (it->status == HF_ITEM_DONE || !it->blocked_by)
			continue;
		if (!model && !strcmp(it->blocked_by, id))
			return true;	/* another sprint item */
		if (model && (!it->model || !strcmp(it->model, model)) && strstr(it->blocked_by, id))
			return true;	/* a checklist item of that model */
	}
	return false;
}

static void model_items(struct hf_mine *m, const struct hf_model_report *r, const char *handle,
			enum hf_role role, const struct hf_sprint *sprint)
{
	for (size_t i = 0; i < r->nblockers; i++) {
		const struct hf_blocker *b = &r->blockers[i];
		struct hf_mine_item *it;

		if (!blocker_mine(r, b, handle, role))
			continue;
		it = add(m, "item", r->name, b->item, xstrdup(b->title ? b->title : b->item),
			 b->reason ? xstrdup(b->reason) : NULL);
		if (sprint_waits_on(sprint, r->name, b->item))
			it->weight = 2;
		else if (b->stage == r->stage_index + 1)
			it->weight = 1;
	}
	if (!hf_report_owns(r, handle, role) || !r->candidate_version)
		return;
	/* versions newer than the candidate: registered, not yet judged */
	for (size_t i = 0; i < r->nversions && !r->versions[i].candidate; i++)
		if (hf_reg_version_cmp(r->versions[i].version, r->candidate_version) > 0)
			add(m, "review", r->name, r->versions[i].version,
			    xasprintf("v%s registered after the candidate v%s", r->versions[i].version,
				      r->candidate_version),
			    xasprintf("handoff diff %s %s %s", r->name, r->candidate_version,
				      r->versions[i].version));
}

static enum hf_status sprint_items(struct hf_store *store, struct hf_mine *m, const char *handle,
				   int64_t now, struct hf_sprint *sprint, bool *have)
{
	char date[16], *id = NULL;
	enum hf_status rc;

	*have = false;
	hf_date_format(now, date, sizeof(date));
	if ((rc = hf_store_sprint_current(store, date, &id)) || !id)
		return rc;
	rc = hf_store_sprint_get(store, id, sprint);
	free(id);
	if (rc)
		return rc;
	*have = true;
	for (size_t i = 0; i < sprint->nitems; i++) {
		const struct hf_sprint_item *it = &sprint->items[i];
		struct hf_mine_item *mi;

		if (!it->owner || strcmp(it->owner, handle) || it->status == HF_ITEM_DONE)
			continue;
		mi = add(m, "sprint", it->model, it->id, xstrdup(it->title ? it->title : it->id),
			 it->status == HF_ITEM_BLOCKED && it->blocked_by
			 ? xasprintf("blocked by %s", it->blocked_by)
			 : xstrdup(hf_item_status_name(it->status)));
		if (sprint_waits_on(sprint, NULL, it->id))
			mi->weight = 2;
	}
	return HF_OK;
}

static enum hf_status shifts(struct hf_store *store, struct hf_mine *m, const char *handle,
			     int64_t now)
{
	struct hf_user_shift *s = NULL;
	size_t n = 0;
	enum hf_status rc = hf_user_shifts(store, handle, now, now + SHIFT_DAYS * 86400, &s, &n);

	for (size_t k = 0; k < n && !rc; k++) {
		char from[32], to[32];
		struct hf_mine_item *it;

		hf_time_format_minutes(s[k].start, from, sizeof(from));
		hf_time_format_minutes(s[k].end, to, sizeof(to));
		it = add(m, "shift", NULL, s[k].rotation, xasprintf("on call for %s", s[k].rotation),
			 xasprintf("%s to %s UTC%s%s", from, to, s[k].reason ? ": " : "",
				   s[k].reason ? s[k].reason : ""));
		it->at = s[k].start;
	}
	hf_user_shifts_free(s, n);
	return rc;
}

static int kind_rank(const char *kind)
{
	static const char *const order[] = { "item", "sprint", "review", "shift" };

	for (int i = 0; i < 4; i++)
		if (!strcmp(order[i], kind))
			return i;
	return 4;
}

static int item_cmp(const void *x, const void *y)
{
	const struct hf_mine_item *a = x, *b = y;
	int c;

	if (a->weight != b->weight)
		return b->weight - a->weight;
	if ((c = kind_rank(a->kind) - kind_rank(b->kind)))
		return c;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((c = strcmp(a->model ? a->model : "", b->model ? b->model : "")))
		return c;
	return strcmp(a->ref ? a->ref : "", b->ref ? b->ref : "");
}

enum hf_status hf_mine_load(struct hf_store *store, const char *handle, int64_t now,
			    struct hf_mine *out)
{
	struct hf_model_report *reports = NULL;
	struct hf_sprint sprint = { 0 };
	struct hf_pod pod = { 0 };
	const struct hf_member *me;
	size_t nreports = 0;
	bool have_sprint = false;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	out->handle = xstrdup(handle);
	if ((rc = hf_store_pod_get(store, &pod)))
		goto out;
	if (!(me = hf_pod_member(&pod, handle))) {
		rc = hf_error(HF_EINVAL, "'%s' ([user] handle) is not a member of the pod", handle);
		goto out;
	}
	if ((rc = sprint_items(store, out, handle, now, &sprint, &have_sprint)) ||
	    (rc = hf_report_models(store, &reports, &nreports)))
		goto out;
	for (size_t i = 0; i < nreports; i++)
		model_items(out, &reports[i], handle, me->role, have_sprint ? &sprint : NULL);
	if ((rc = shifts(store, out, handle, now)))
		goto out;
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), item_cmp);
out:
	hf_model_reports_free(reports, nreports);
	hf_sprint_clear(&sprint);
	hf_pod_clear(&pod);
	return rc;
}

void hf_mine_clear(struct hf_mine *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].kind);
		free(m->items[i].model);
		free(m->items[i].ref);
		free(m->items[i].title);
		free(m->items[i].detail);
	}
	free(m->items);
	free(m->handle);
	memset(m, 0, sizeof(*m));
}
