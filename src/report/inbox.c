/* inbox.c: history of stages, verdicts and items recorded per sync, and each user's inbox read from the activity timeline */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/inbox.h"
#include "handoff/pod.h"
#include "handoff/readiness.h"
#include "handoff/report.h"
#include "handoff/shifts.h"
#include "handoff/sprint.h"
#include "handoff/store_oncall.h"
#include "handoff/store_sprint.h"
#include "handoff/store_history.h"
#include "handoff/store_pod.h"
#include "handoff/xmalloc.h"

#define INBOX_MAX 500
#define SYNC_STALE (24 * 3600)	/* a source failing this long is the user's problem too */
#define SHIFT_SOON (48 * 3600)	/* a shift starting this soon is news */

/* The state of one model as rows (stage, each SLO, each item), by key. */
static void state_of(const struct hf_model_report *r, struct hf_state_row **rows, size_t *n)
{
	*n = 0;
	*rows = xcalloc(1 + r->nslos + r->nitems, sizeof(**rows));
	(*rows)[*n].key = xstrdup("stage");
	(*rows)[(*n)++].value = xstrdup(r->stage ? r->stage : "");
	for (size_t i = 0; i < r->nslos; i++) {
		(*rows)[*n].key = xasprintf("slo:%s", r->slos[i].id + (strncmp(r->slos[i].id, "slo:", 4) ? 0 : 4));
		(*rows)[(*n)++].value = xstrdup(r->slos[i].result);
	}
	for (size_t i = 0; i < r->nitems; i++) {
		if (!r->items[i].required)
			continue;
		(*rows)[*n].key = xasprintf("item:%s", r->items[i].id);
		(*rows)[(*n)++].value = xstrdup(r->items[i].state);
	}
}

static const char *old_value(const struct hf_state_row *rows, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].key, key))
			return rows[i].value ? rows[i].value : "";
	return NULL;
}

static const struct hf_report_item *item_of(const struct hf_model_report *r, const char *id)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (!strcmp(r->items[i].id, id))
			return &r->items[i];
	return NULL;
}

static const struct hf_slo_result *slo_of(const struct hf_model_report *r, const char *id)
{
	for (size_t i = 0; i < r->nslos; i++)
		if (!strcmp(r->slos[i].id + (strncmp(r->slos[i].id, "slo:", 4) ? 0 : 4), id))
			return &r->slos[i];
	return NULL;
}

/* An event about model (may be NULL) for subject (NULL: the model's owners). Takes summary. */
static enum hf_status event(struct hf_store *store, int64_t now, const char *kind, const char *model,
			    const char *subject, const char *actor, const char *ref, char *summary,
			    size_t *events)
{
	struct hf_activity a = { 0 };
	enum hf_status rc;

	a.at = now;
	a.source = (char *)"handoff";
	a.kind = (char *)kind;
	a.model = (char *)model;
	a.subject = (char *)subject;
	a.actor = (char *)actor;
	a.ref = (char *)ref;
	a.summary = summary;
	rc = hf_store_activity_add(store, &a);
	free(summary);
	(*events)++;
	return rc;
}

/* The events between the recorded rows `was` and the report r. */
static enum hf_status changes(struct hf_store *store, int64_t now, const struct hf_model_report *r,
			      const struct hf_state_row *was, size_t nwas, const struct hf_state_row *is,
			      size_t nis, size_t *events)
{
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < nis && !rc; i++) {
		const char *before = old_value(was, nwas, is[i].key), *after = is[i].value;

		if (before && !strcmp(before, after))
			continue;
		if (!strcmp(is[i].key, "stage") && before) {
			int from = hf_stage_parse(before), to = hf_stage_parse(after);

			rc = event(store, now, "handoff", r->name, NULL, NULL, after,
				   xasprintf("hand-off stage %s: %s -> %s", to < from ? "moved back" : "moved forward",
					     before, after), events);
		} else if (!strncmp(is[i].key, "slo:", 4) && before) {
			const struct hf_slo_result *s = slo_of(r, is[i].key + 4);

			rc = event(store, now, "verdict", r->name, NULL, NULL, is[i].key,
				   xasprintf("SLO %s %s %g: %s -> %s%s%s", s ? s->metric : is[i].key + 4,
					     s ? s->op : "", s ? s->target : 0.0, before, after,
					     r->candidate_version ? " on v" : "",
					     r->candidate_version ? r->candidate_version : ""), events);
		} else if (!strncmp(is[i].key, "item:", 5)) {
			const struct hf_report_item *it = item_of(r, is[i].key + 5);
			const char *id = is[i].key + 5;
			char *what;

			if (!before)
				what = xasprintf("%s is newly required", id);
			else if (!strcmp(after, "todo"))
				what = xasprintf("%s reopened (was %s)", id, before);
			else if (!strcmp(after, "waived"))
				what = xasprintf("%s waived", id);
			else
				what = xasprintf("%s ticked", id);
			rc = event(store, now, "item", r->name, NULL,
				   it && !strcmp(after, "todo") ? NULL : it ? it->by : NULL,
				   id, what, events);
		}
	}
	return rc;
}

/*
 * The sprint and the rotations are recorded like a model, under a name no
 * pod folder can have: "/sprint/<id>" (the current sprint: "item:<id>" ->
 * "status|owner|blocked by", "over:<handle>" -> "committed/capacity") and
 * "/oncall/<rotation>" ("override:<from>:<to>:<who>" -> its reason). Their
 * events are for one member (the activity's subject), whoever owns the model.
 */
static void sprint_rows(const struct hf_sprint *sp, const struct hf_sprint_eval *ev,
			struct hf_state_row **rows, size_t *n)
{
	*n = 0;
	*rows = xcalloc(sp->nitems + ev->npeople + 1, sizeof(**rows));
	for (size_t i = 0; i < sp->nitems; i++) {
		const struct hf_sprint_item *it = &sp->items[i];

		(*rows)[*n].key = xasprintf("item:%s", it->id);
		(*rows)[(*n)++].value = xasprintf("%s|%s|%s", hf_item_status_name(it->status),
						  it->owner ? it->owner : "",
						  it->blocked_by ? it->blocked_by : "");
	}
	for (size_t i = 0; i < ev->npeople; i++) {
		if (!ev->people[i].over)
			continue;
		(*rows)[*n].key = xasprintf("over:%s", ev->people[i].handle);
		(*rows)[(*n)++].value = xasprintf("%g/%g", ev->people[i].committed, ev->people[i].capacity);
	}
}

/* "status|owner|blocked by" -> its three fields (in buf). */
static void split3(const char *value, char *buf, size_t size, const char **f)
{
	char *bar;

	snprintf(buf, size, "%s", value ? value : "");
	f[0] = buf;
	f[1] = f[2] = "";
	if ((bar = strchr(buf, '|'))) {
		*bar = '\0';
		f[1] = bar + 1;
		if ((bar = strchr(bar + 1, '|'))) {
			*bar = '\0';
			f[2] = bar + 1;
		}
	}
}

static enum hf_status sprint_changes(struct hf_store *store, int64_t now, const struct hf_sprint *sp,
				     const struct hf_sprint_eval *ev, const struct hf_state_row *was,
				     size_t nwas, size_t *events)
{
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < sp->nitems && !rc; i++) {
		const struct hf_sprint_item *it = &sp->items[i];
		const struct hf_sprint_item *by = it->blocked_by ? hf_sprint_item_find(sp, it->blocked_by) : NULL;
		char *key = xasprintf("item:%s", it->id), buf[512];
		const char *before = old_value(was, nwas, key), *f[3];
		bool blocked = it->status == HF_ITEM_BLOCKED || (it->blocked_by && it->status != HF_ITEM_DONE);

		free(key);
		split3(before, buf, sizeof(buf), f);
		if (it->status == HF_ITEM_DONE)
			continue;
		if (it->owner && strcmp(f[1], it->owner))
			rc = event(store, now, "sprint", it->model, it->owner, NULL, it->id,
				   xasprintf("sprint %s: %s assigned to %s: %s", sp->id, it->id, it->owner,
					     it->title ? it->title : it->id), events);
		if (!rc && blocked && it->owner &&
		    (strcmp(f[0], "blocked") || strcmp(f[2], it->blocked_by ? it->blocked_by : "")))
			rc = event(store, now, "sprint", it->model, it->owner, NULL, it->id,
				   xasprintf("sprint %s: %s is blocked%s%s: %s", sp->id, it->id,
					     it->blocked_by ? " by " : "", it->blocked_by ? it->blocked_by : "",
					     it->title ? it->title : it->id), events);
		/* the other side: the owner of the item it now waits on */
		if (!rc && by && by->owner && (!it->owner || strcmp(by->owner, it->owner)) &&
		    strcmp(f[2], it->blocked_by))
			rc = event(store, now, "sprint", by->model, by->owner, NULL, by->id,
				   xasprintf("sprint %s: %s (%s) waits on %s: %s", sp->id, it->id,
					     it->owner ? it->owner : "nobody's", by->id,
					     by->title ? by->title : by->id), events);
	}
	for (size_t i = 0; i < ev->npeople && !rc; i++) {
		const struct hf_sprint_person *p = &ev->people[i];
		char *key;
		bool was_over;

		if (!p->over)
			continue;
		key = xasprintf("over:%s", p->handle);
		was_over = old_value(was, nwas, key) != NULL;
		free(key);
		if (!was_over)
			rc = event(store, now, "capacity", NULL, p->handle, NULL, sp->id,
				   xasprintf("sprint %s: %s over capacity, %g points committed of %g",
					     sp->id, p->handle, p->committed, p->capacity), events);
	}
	return rc;
}

static enum hf_status record_sprint(struct hf_store *store, int64_t now, size_t *events)
{
	struct hf_sprint sp = { 0 };
	struct hf_sprint_eval ev;
	struct hf_pod pod = { 0 };
	struct hf_state_row *was = NULL, *is = NULL;
	size_t nwas = 0, nis = 0;
	char date[16], *id = NULL, *name;
	enum hf_status rc;

	hf_date_format(now, date, sizeof(date));
	if ((rc = hf_store_sprint_current(store, date, &id)) || !id)
		return rc;
	rc = hf_store_sprint_get(store, id, &sp);
	free(id);
	if (rc)
		return rc;
	if ((rc = hf_store_pod_get(store, &pod))) {
		hf_sprint_clear(&sp);
		return rc;
	}
	hf_sprint_evaluate(&sp, &pod, NULL, 0, now, &ev);
	name = xasprintf("/sprint/%s", sp.id);
	sprint_rows(&sp, &ev, &is, &nis);
	rc = hf_store_model_state(store, name, &was, &nwas);
	if (!rc)
		rc = sprint_changes(store, now, &sp, &ev, was, nwas, events);
	if (!rc)
		rc = hf_store_model_state_put(store, name, is, nis);
	hf_state_rows_free(was, nwas);
	hf_state_rows_free(is, nis);
	free(name);
	hf_sprint_eval_clear(&ev);
	hf_sprint_clear(&sp);
	hf_pod_clear(&pod);
	return rc;
}

/* Each override of r not over yet that the last recording did not see: for whom it adds and whom it displaces. */
static enum hf_status override_changes(struct hf_store *store, int64_t now, const struct hf_rotation *r,
				       const struct hf_state_row *was, size_t nwas,
				       const struct hf_state_row *is, size_t *events)
{
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < r->noverrides && !rc; i++) {
		const struct hf_rotation_override *o = &r->overrides[i];
		const char **who = NULL;
		char from[32], to[32], *when;
		size_t n = 0;

		if (o->to <= now || old_value(was, nwas, is[i].key))
			continue;
		hf_time_format_minutes(o->from, from, sizeof(from));
		hf_time_format_minutes(o->to, to, sizeof(to));
		when = xasprintf("%s to %s UTC%s%s", from, to, o->reason ? ": " : "",
				 o->reason ? o->reason : "");
		rc = event(store, now, "override", NULL, o->who, NULL, r->name,
			   xasprintf("%s on call for %s by override, %s", o->who, r->name, when), events);
		if (!rc)
			rc = hf_override_displaced(r, i, &who, &n);
		for (size_t k = 0; k < n && !rc; k++)
			rc = event(store, now, "override", NULL, who[k], NULL, r->name,
				   xasprintf("%s takes %s's %s shift by override, %s", o->who, who[k],
					     r->name, when), events);
		free(who);
		free(when);
	}
	return rc;
}

static enum hf_status record_overrides(struct hf_store *store, int64_t now, size_t *events)
{
	struct hf_rotation *rots = NULL;
	size_t nrots = 0;
	enum hf_status rc = hf_store_rotations(store, NULL, &rots, &nrots);

	if (rc == HF_ENOTFOUND) {
		hf_error_clear();
		return HF_OK;
	}
	for (size_t i = 0; i < nrots && !rc; i++) {
		const struct hf_rotation *r = &rots[i];
		struct hf_state_row *was = NULL, *is = xcalloc(r->noverrides + 1, sizeof(*is));
		char *name = xasprintf("/oncall/%s", r->name);
		size_t nwas = 0;

		for (size_t k = 0; k < r->noverrides; k++) {
			is[k].key = xasprintf("override:%lld:%lld:%s", (long long)r->overrides[k].from,
					      (long long)r->overrides[k].to, r->overrides[k].who);
			is[k].value = xstrdup(r->overrides[k].reason ? r->overrides[k].reason : "");
		}
		rc = hf_store_model_state(store, name, &was, &nwas);
		if (!rc)
			rc = override_changes(store, now, r, was, nwas, is, events);
		if (!rc)
			rc = hf_store_model_state_put(store, name, is, r->noverrides);
		hf_state_rows_free(was, nwas);
		hf_state_rows_free(is, r->noverrides);
		free(name);
	}
	hf_rotations_free(rots, nrots);
	return rc;
}

enum hf_status hf_history_record(struct hf_store *store, int64_t now, size_t *events)
{
	struct hf_model_report *reports = NULL;
	size_t n = 0, nev = 0;
	enum hf_status rc;

	if (events)
		*events = 0;
	if ((rc = hf_report_models(store, &reports, &n)))
		return rc;
	if ((rc = hf_store_begin(store))) {
		hf_model_reports_free(reports, n);
		return rc;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_state_row *was = NULL, *is = NULL;
		size_t nwas = 0, nis = 0;

		state_of(&reports[i], &is, &nis);
		rc = hf_store_model_state(store, reports[i].name, &was, &nwas);
		if (!rc && nwas)
			rc = changes(store, now, &reports[i], was, nwas, is, nis, &nev);
		if (!rc)
			rc = hf_store_model_state_put(store, reports[i].name, is, nis);
		hf_state_rows_free(was, nwas);
		hf_state_rows_free(is, nis);
	}
	/* the sprint and the rotations: events for one member each */
	if (!rc)
		rc = record_sprint(store, now, &nev);
	if (!rc)
		rc = record_overrides(store, now, &nev);
	if (rc)
		hf_store_rollback(store);
	else
		rc = hf_store_commit(store);
	hf_model_reports_free(reports, n);
	if (events)
		*events = nev;
	return rc;
}

bool hf_report_owns(const struct hf_model_report *r, const char *handle, enum hf_role role)
{
	if ((r->owner_research && !strcmp(r->owner_research, handle)) ||
	    (r->owner_engineering && !strcmp(r->owner_engineering, handle)))
		return true;
	return (role == HF_ROLE_RESEARCH && !r->owner_research) ||
	       (role == HF_ROLE_ENGINEERING && !r->owner_engineering);
}

static bool wanted_kind(const char *kind)
{
	static const char *const kinds[] = { "version", "alias", "stage", "live", "verdict",
					     "handoff", "item", "sprint", "capacity", "override", NULL };

	for (size_t i = 0; kinds[i]; i++)
		if (!strcmp(kinds[i], kind))
			return true;
	return false;
}

static struct hf_inbox_item *add(struct hf_inbox *in, int64_t at, const char *kind,
				 const char *model)
{
	struct hf_inbox_item *it;

	in->items = xrealloc(in->items, (in->n + 1) * sizeof(*in->items));
	it = &in->items[in->n++];
	memset(it, 0, sizeof(*it));
	it->at = at;
	it->kind = xstrdup(kind);
	it->model = model ? xstrdup(model) : NULL;
	return it;
}

/* Each source whose sync has failed since more than a day ago. */
static enum hf_status stale_sources(struct hf_store *store, int64_t now, struct hf_inbox *in)
{
	struct hf_sync_run *runs = NULL, *latest = NULL;
	size_t n = 0, nlatest = 0;
	enum hf_status rc = hf_store_sync_latest(store, &latest, &nlatest);

	if (!rc)
		rc = hf_store_sync_history(store, 5000, &runs, &n);
	for (size_t i = 0; i < nlatest && !rc; i++) {
		int64_t failing_since = latest[i].started;
		struct hf_inbox_item *it;
		char when[32];

		if (latest[i].ok)
			continue;
		/* newest first: walk back over this source's failures to the last success */
		for (size_t k = 0; k < n; k++) {
			if (strcmp(runs[k].source, latest[i].source))
				continue;
			if (runs[k].ok)
				break;
			failing_since = runs[k].started;
		}
		if (now - failing_since <= SYNC_STALE)
			continue;
		hf_time_format_minutes(failing_since, when, sizeof(when));
		it = add(in, latest[i].started, "sync", NULL);
		it->ref = xstrdup(latest[i].source);
		it->summary = xasprintf("failing to sync since %s UTC: you see an old view (%s)", when,
					latest[i].error ? latest[i].error : "failed");
		it->unread = true;
		in->unread++;
	}
	hf_sync_runs_free(runs, n);
	hf_sync_runs_free(latest, nlatest);
	return rc;
}

/* Whether the inbox has an unread line of this kind and ref. */
static bool unread_line(const struct hf_inbox *in, const char *kind, const char *ref)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->items[i].unread && !strcmp(in->items[i].kind, kind) && in->items[i].ref &&
		    !strcmp(in->items[i].ref, ref))
			return true;
	return false;
}

/*
 * The user's shifts starting within SHIFT_SOON: unread until the user
 * marks the inbox read after the shift came that close, or while an
 * override of that rotation for the user is unread (the shift may be new).
 */
static enum hf_status next_shifts(struct hf_store *store, const char *handle, int64_t now,
				  bool read_too, struct hf_inbox *in)
{
	struct hf_user_shift *s = NULL;
	size_t n = 0;
	enum hf_status rc = hf_user_shifts(store, handle, now, now + SHIFT_SOON, &s, &n);

	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_inbox_item *it;
		char from[32], to[32];
		bool unread = in->seen < s[i].start - SHIFT_SOON || unread_line(in, "override", s[i].rotation);

		if (s[i].start <= now || s[i].start > now + SHIFT_SOON || (!unread && !read_too))
			continue;
		hf_time_format_minutes(s[i].start, from, sizeof(from));
		hf_time_format_minutes(s[i].end, to, sizeof(to));
		it = add(in, s[i].start, "shift", NULL);
		it->ref = xstrdup(s[i].rotation);
		it->summary = xasprintf("you are on call for %s from %s to %s UTC%s%s", s[i].rotation,
					from, to, s[i].reason ? ": " : "", s[i].reason ? s[i].reason : "");
		it->unread = unread;
		in->unread += it->unread;
	}
	hf_user_shifts_free(s, n);
	return rc;
}

/* The pod's name of the model an event names (registry events carry the registered name). */
static const struct hf_model_report *model_for(const struct hf_model_report *r, size_t n,
					       const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(r[i].name, name) || (r[i].registry_name && !strcmp(r[i].registry_name, name)))
			return &r[i];
	return NULL;
}

enum hf_status hf_inbox_load(struct hf_store *store, const char *handle, int64_t since,
			     int64_t now, struct hf_inbox *out)
{
	enum hf_status rc = hf_history_record(store, now, NULL);

	if (rc) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	return hf_inbox_read(store, handle, since, now, out);
}

enum hf_status hf_inbox_read(struct hf_store *store, const char *handle, int64_t since,
			     int64_t now, struct hf_inbox *out)
{
	struct hf_model_report *reports = NULL;
	struct hf_activity *acts = NULL;
	struct hf_pod pod = { 0 };
	const struct hf_member *me;
	size_t nreports = 0, nacts = 0;
	int64_t seen_id = 0;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	out->handle = xstrdup(handle);
	if ((rc = hf_store_activity_newest(store, &out->newest_id)) ||
	    (rc = hf_store_inbox_seen(store, handle, &out->seen, &seen_id)) ||
	    (rc = hf_store_pod_get(store, &pod)))
		goto out;
	me = hf_pod_member(&pod, handle);
	if (!me) {
		rc = hf_error(HF_EINVAL, "'%s' ([user] handle) is not a member of the pod", handle);
		goto out;
	}
	out->since = since >= 0 ? since : 0;
	if ((rc = hf_report_models(store, &reports, &nreports)) ||
	    (rc = hf_store_activity_after(store, since >= 0 ? 0 : seen_id, out->since, INBOX_MAX,
					  &acts, &nacts)) ||
	    (rc = stale_sources(store, now, out)))
		goto out;
	for (size_t i = 0; i < nacts; i++) {
		const struct hf_activity *a = &acts[i];
		const struct hf_model_report *r = model_for(reports, nreports, a->model);
		struct hf_inbox_item *it;

		if (!wanted_kind(a->kind))
			continue;
		if (a->subject ? strcmp(a->subject, handle) != 0	/* for one member: them */
			       : !r || !hf_report_owns(r, handle, me->role))
			continue;
		if (!strcmp(a->kind, "item") && a->actor && !strcmp(a->actor, handle))
			continue;	/* what the user did is no news to them */
		it = add(out, a->at, a->kind, r ? r->name : a->model);
		it->actor = a->actor ? xstrdup(a->actor) : NULL;
		it->summary = xstrdup(a->summary ? a->summary : "");
		it->ref = a->ref ? xstrdup(a->ref) : NULL;
		it->unread = a->id > seen_id;
		out->unread += it->unread;
	}
	rc = next_shifts(store, handle, now, since >= 0, out);
out:
	hf_activity_free(acts, nacts);
	hf_model_reports_free(reports, nreports);
	hf_pod_clear(&pod);
	return rc;
}

enum hf_status hf_inbox_mark_read(struct hf_store *store, const char *handle, int64_t at,
				  int64_t upto_id)
{
	enum hf_status rc = hf_store_begin(store);

	if (rc)
		return rc;
	if ((rc = hf_store_inbox_seen_set(store, handle, at, upto_id)))
		hf_store_rollback(store);
	else
		rc = hf_store_commit(store);
	return rc;
}

void hf_inbox_clear(struct hf_inbox *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->items[i].kind);
		free(in->items[i].model);
		free(in->items[i].actor);
		free(in->items[i].summary);
		free(in->items[i].ref);
	}
	free(in->items);
	free(in->handle);
	memset(in, 0, sizeof(*in));
}
