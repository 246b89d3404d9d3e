/* data.c: store reads several TUI views share: the current sprint evaluated, the sync age */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handoff/clock.h"
#include "handoff/report.h"
#include "handoff/store_models.h"
#include "handoff/store_oncall.h"
#include "handoff/store_registry.h"
#include "handoff/xmalloc.h"
#include "handoff/store_pod.h"
#include "handoff/store_sprint.h"
#include "handoff/tui_data.h"

enum hf_status hf_tui_sprint_load(struct hf_store *store, struct hf_tui_sprint *out)
{
	struct hf_sprint *list = NULL;
	struct hf_sprint_snapshot *snaps = NULL;
	size_t n = 0, nsnaps = 0, pick = 0;
	int64_t now = hf_now(), today = now / 86400;
	enum hf_status rc;
	bool current = false;

	memset(out, 0, sizeof(*out));
	rc = hf_store_sprint_list(store, &list, &n);
	if (rc || !n) {
		hf_sprints_free(list, n);
		return rc;
	}
	/* by start date: the last that contains today, else the last that has started */
	for (size_t i = 0; i < n; i++) {
		int64_t start;

		if (hf_sprint_contains(list[i].start, list[i].end, today)) {
			pick = i;
			current = true;
		} else if (!current && list[i].start &&
			   hf_sprint_day_parse(list[i].start, &start) && start <= today) {
			pick = i;
		}
	}
	rc = hf_store_sprint_get(store, list[pick].id, &out->sprint);
	hf_sprints_free(list, n);
	if (rc)
		return rc;
	rc = hf_store_pod_get(store, &out->pod);
	if (!rc)
		rc = hf_store_sprint_snapshots(store, out->sprint.id, &snaps, &nsnaps);
	if (rc) {
		hf_tui_sprint_clear(out);
		return rc;
	}
	hf_sprint_evaluate(&out->sprint, &out->pod, snaps, nsnaps, now, &out->eval);
	hf_sprint_snapshots_free(snaps, nsnaps);
	out->found = true;
	return HF_OK;
}

void hf_tui_sprint_clear(struct hf_tui_sprint *s)
{
	if (s->found)
		hf_sprint_eval_clear(&s->eval);
	hf_sprint_clear(&s->sprint);
	hf_pod_clear(&s->pod);
	memset(s, 0, sizeof(*s));
}

enum hf_status hf_tui_sync_age(struct hf_store *store, char *buf, size_t n, bool *failed)
{
	struct hf_sync_run *runs;
	size_t nruns;
	int64_t latest = 0;
	char ago[32];
	enum hf_status rc = hf_store_sync_latest(store, &runs, &nruns);

	*failed = false;
	if (rc)
		return rc;
	for (size_t i = 0; i < nruns; i++) {
		int64_t at = runs[i].finished ? runs[i].finished : runs[i].started;

		if (at > latest)
			latest = at;
		if (!runs[i].ok)
			*failed = true;
	}
	if (!nruns) {
		snprintf(buf, n, "never synced");
	} else {
		hf_time_ago(latest, hf_now(), ago, sizeof(ago));
		snprintf(buf, n, "%s %s", *failed ? "sync failed" : "synced", ago);
	}
	hf_sync_runs_free(runs, nruns);
	return HF_OK;
}

static int32_t utc_offset(const void *impl, int64_t t)
{
	return 0;
}

struct hf_zone hf_tui_rotation_zone(const struct hf_tui_rotation *r)
{
	if (r->tz)
		return hf_tz_zone(r->tz);
	return (struct hf_zone){"UTC", utc_offset, NULL};
}

enum hf_status hf_tui_oncall_load(struct hf_store *store, struct hf_tui_oncall *out)
{
	int64_t now = hf_now();
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	out->local = hf_tz_local();
	rc = hf_store_rotations(store, NULL, &out->rotations, &out->n);
	if (rc)
		return rc;
	out->rows = xcalloc(out->n + 1, sizeof(*out->rows));
	for (size_t i = 0; i < out->n; i++) {
		struct hf_tui_rotation *r = &out->rows[i];
		struct hf_zone z;

		r->rot = &out->rotations[i];
		if (!r->rot->timezone || hf_tz_open(r->rot->timezone, &r->tz))
			r->tz = NULL;
		z = hf_tui_rotation_zone(r);
		if (hf_rotation_at(r->rot, &z, now, &r->now, &r->now_found, &r->next,
				   &r->next_found))
			r->now_found = r->next_found = false;
	}
	hf_error_clear();
	return HF_OK;
}

void hf_tui_oncall_clear(struct hf_tui_oncall *o)
{
	for (size_t i = 0; o->rows && i < o->n; i++)
		hf_tz_free(o->rows[i].tz);
	free(o->rows);
	if (o->rotations)
		hf_rotations_free(o->rotations, o->n);
	if (o->local)
		hf_tz_free(o->local);
	memset(o, 0, sizeof(*o));
}

void hf_tui_local_time(const struct hf_tui_oncall *o, int64_t t, bool date, char *buf, size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct hf_zone z = hf_tz_zone(o->local);
	int64_t local = hf_zone_to_local(&z, t);
	int64_t day = hf_day_of(local);
	int64_t sec = local - day * 86400;
	const char *wd = hf_weekday_name(hf_weekday(day));
	int y, m, d;

	hf_civil_from_days(day, &y, &m, &d);
	if (date)
		snprintf(buf, n, "%c%c%c %02d %s %02d:%02d", wd[0] - 32, wd[1], wd[2], d,
			 months[m - 1], (int)(sec / 3600), (int)(sec % 3600 / 60));
	else
		snprintf(buf, n, "%c%c%c %02d:%02d", wd[0] - 32, wd[1], wd[2], (int)(sec / 3600),
			 (int)(sec % 3600 / 60));
}

void hf_tui_oncall_line(const struct hf_tui_oncall *o, char *buf, size_t n)
{
	const struct hf_tui_rotation *r;
	char until[32];

	buf[0] = '\0';
	if (!o->n)
		return;
	r = &o->rows[0];
	if (!r->now_found) {
		if (r->next_found) {
			hf_tui_local_time(o, r->next.start, false, until, sizeof(until));
			snprintf(buf, n, "nobody (next %s at %s)", r->next.who, until);
		} else {
			snprintf(buf, n, "nobody");
		}
		return;
	}
	hf_tui_local_time(o, r->now.end, false, until, sizeof(until));
	if (r->next_found && strcmp(r->next.who, r->now.who))
		snprintf(buf, n, "%s (until %s, then %s)", r->now.who, until, r->next.who);
	else
		snprintf(buf, n, "%s (until %s)", r->now.who, until);
}

enum hf_status hf_tui_models_load(struct hf_store *store, bool all, struct hf_tui_models *out)
{
	char **pod = NULL, **reg = NULL, **names;
	size_t npod = 0, nreg = 0, n;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	out->store = store;
	if ((rc = hf_store_model_names(store, &pod, &npod)))
		return rc;
	if (all && (rc = hf_store_reg_model_names(store, &reg, &nreg))) {
		hf_strv_free(pod, npod);
		return rc;
	}
	/* both come sorted from the store; the names move into the rows */
	names = hf_strv_merge(pod, npod, reg, nreg, &n);
	out->m = xcalloc(n + 1, sizeof(*out->m));
	for (size_t k = 0; k < n; k++)
		out->m[out->n++].name = names[k];
	free(names);
	out->reports = hf_report_session_new(store);
	return HF_OK;
}

static int cmp_model_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct hf_tui_model *)elem)->name);
}

void hf_tui_models_eval(struct hf_tui_models *ms, size_t i)
{
	struct hf_tui_model *m = &ms->m[i];
	struct hf_model_report r;

	if (i >= ms->n || m->evaluated)
		return;
	m->evaluated = true;
	if (hf_report_session_model(ms->reports, m->name, &r)) {
		/* gone since the names were read, or unreadable: not shown */
		hf_error_clear();
		m->hidden = true;
		ms->changed = true;
		return;
	}
	m->stage = xstrdup(r.stage);
	m->stage_index = r.stage_index;
	m->ready = r.ready;
	m->done = r.done;
	m->required = r.required;
	m->score = r.score;
	m->slo_met = r.slo_met;
	m->slo_missed = r.slo_missed;
	m->slo_unknown = r.slo_unknown;
	for (size_t k = 0; k < r.nslos && k < sizeof(m->marks) - 1; k++) {
		const char *res = r.slos[k].result ? r.slos[k].result : "";

		m->marks[k] = !strcmp(res, "met") ? 'm' : !strcmp(res, "missed") ? 'x' : '?';
	}
	hf_tui_live_marks(&r, m->live_marks, sizeof(m->live_marks));
	m->serving = hf_report_serving(&r);
	m->cand_version = xstrdup(r.candidate_version);
	m->cand_alias = xstrdup(r.candidate_alias);
	m->owner_research = xstrdup(r.owner_research);
	m->owner_engineering = xstrdup(r.owner_engineering);
	m->nblockers = r.nblockers;
	if (r.nblockers) {
		/* the same blocker and words as 'handoff status' (one rule, report.h) */
		const struct hf_blocker *b = hf_report_first_blocker(&r);
		const char *text = hf_report_blocker_text(b);

		m->blocker = xstrdup(*text ? text : b->item);
	}
	ms->nready += m->ready;
	/* a contract naming a differently named registry model claims that registry row */
	if (r.has_pod_files && r.registry_name && strcmp(r.registry_name, r.name)) {
		struct hf_tui_model *claimed =
			bsearch(r.registry_name, ms->m, ms->n, sizeof(*ms->m), cmp_model_name);

		if (claimed && !claimed->hidden) {
			claimed->hidden = true;
			ms->changed = true;
		}
	}
	hf_model_report_clear(&r);
}

bool hf_tui_models_step(struct hf_tui_models *ms, int budget_ms)
{
	int64_t until = hf_mono_ms() + budget_ms;

	while (ms->next < ms->n) {
		hf_tui_models_eval(ms, ms->next++);
		if (hf_mono_ms() >= until)
			break;
	}
	return ms->next < ms->n;
}

void hf_tui_models_clear(struct hf_tui_models *ms)
{
	for (size_t i = 0; i < ms->n; i++) {
		struct hf_tui_model *m = &ms->m[i];

		free(m->name);
		free(m->stage);
		free(m->cand_version);
		free(m->cand_alias);
		free(m->owner_research);
		free(m->owner_engineering);
		free(m->blocker);
	}
	free(ms->m);
	hf_report_session_free(ms->reports);
	memset(ms, 0, sizeof(*ms));
}

static char **notes;
static size_t nnotes, alloc_notes;

void hf_tui_note(const char *text)
{
	for (size_t i = 0; i < nnotes; i++)
		if (!strcmp(notes[i], text))
			return;
	notes = xgrow(notes, nnotes + 1, &alloc_notes, sizeof(*notes));
	notes[nnotes++] = xstrdup(text);
}

size_t hf_tui_notes_copy(char ***out)
{
	*out = xcalloc(nnotes + 1, sizeof(char *));
	for (size_t i = 0; i < nnotes; i++)
		(*out)[i] = xstrdup(notes[i]);
	return nnotes;
}

void hf_tui_notes_clear(void)
{
	hf_strv_free(notes, nnotes);
	notes = NULL;
	nnotes = alloc_notes = 0;
}

/*
 * Trace lines from any thread while curses owns the terminal: kept here
 * under a lock and moved to the log view by the main loop.
 */
static pthread_mutex_t traces_lock = PTHREAD_MUTEX_INITIALIZER;
static char **traces;
static size_t ntraces;

void hf_tui_trace_sink(void *data, const char *line)
{
	(void)data;
	pthread_mutex_lock(&traces_lock);
	if (ntraces < 10000) {
		traces = xrealloc(traces, (ntraces + 1) * sizeof(*traces));
		traces[ntraces++] = xasprintf("trace: %s", line);
	}
	pthread_mutex_unlock(&traces_lock);
}

void hf_tui_traces_take(void)
{
	pthread_mutex_lock(&traces_lock);
	for (size_t i = 0; i < ntraces; i++)
		hf_tui_note(traces[i]);
	hf_strv_free(traces, ntraces);
	traces = NULL;
	ntraces = 0;
	pthread_mutex_unlock(&traces_lock);
}
