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
#include "handoff/store_history.h"
#include "handoff/store_pod.h"
#include "handoff/xmalloc.h"

#define INBOX_MAX 500
#define SYNC_STALE (24 * 3600)	/* a source failing this long is the user's problem too */

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

static enum hf_status event(struct hf_store *store, int64_t now, const char *kind,
			    const struct hf_model_report *r, const char *actor, const char *ref,
			    char *summary, size_t *events)
{
	struct hf_activity a = { 0 };
	enum hf_status rc;

	a.at = now;
	a.source = (char *)"handoff";
	a.kind = (char *)kind;
	a.model = r->name;
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

			rc = event(store, now, "handoff", r, NULL, after,
				   xasprintf("hand-off stage %s: %s -> %s", to < from ? "moved back" : "moved forward",
					     before, after), events);
		} else if (!strncmp(is[i].key, "slo:", 4) && before) {
			const struct hf_slo_result *s = slo_of(r, is[i].key + 4);

			rc = event(store, now, "verdict", r, NULL, is[i].key,
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
			rc = event(store, now, "item", r, it && !strcmp(after, "todo") ? NULL : it ? it->by : NULL,
				   id, what, events);
		}
	}
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
					     "handoff", "item", NULL };

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

		if (!wanted_kind(a->kind) || !r || !hf_report_owns(r, handle, me->role))
			continue;
		if (!strcmp(a->kind, "item") && a->actor && !strcmp(a->actor, handle))
			continue;	/* what the user did is no news to them */
		it = add(out, a->at, a->kind, r->name);
		it->actor = a->actor ? xstrdup(a->actor) : NULL;
		it->summary = xstrdup(a->summary ? a->summary : "");
		it->ref = a->ref ? xstrdup(a->ref) : NULL;
		it->unread = a->id > seen_id;
		out->unread += it->unread;
	}
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
