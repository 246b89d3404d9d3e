/* live.c: the live half of a model's report: each SLO as production measures it, its verdict, and the --live gate */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/live.h"
#include "handoff/readiness.h"
#include "handoff/store_live.h"
#include "handoff/xmalloc.h"
#include "internal.h"

void hf_live_result_free(struct hf_live_result *l)
{
	if (!l)
		return;
	free(l->source);
	free(l->query);
	free(l->result);
	free(l->reason);
	free(l->error);
	free(l->state);
	free(l->points);
	free(l);
}

/* The row measuring this SLO: same metric and operator, from the named source if any, its query first. */
static const struct hf_live_row *find_row(const struct hf_live_row *rows, size_t n,
					  const struct hf_slo *slo, const struct hf_live_spec *spec)
{
	const struct hf_live_row *best = NULL;

	for (size_t i = 0; i < n; i++) {
		const struct hf_live_row *row = &rows[i];

		if (strcmp(row->metric, slo->metric) != 0 || strcmp(row->op, slo->op) != 0 ||
		    (spec->source && strcmp(row->source, spec->source) != 0))
			continue;
		if (!best || (strcmp(row->query, spec->query) == 0 && strcmp(best->query, spec->query) != 0))
			best = row;
	}
	return best;
}

/* The latest run of source failed: its error (borrowed), else NULL. */
static const char *source_failing(const struct hf_sync_run *runs, size_t n, const char *source)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].source, source) == 0 && !runs[i].ok)
			return runs[i].error ? runs[i].error : "sync failed";
	return NULL;
}

static void fill_one(struct hf_live_result *l, const struct hf_slo *slo, const struct hf_live_row *row,
		     const struct hf_sync_run *runs, size_t nruns)
{
	enum hf_live_state state = HF_LIVE_UNSYNCED;
	const char *failed = NULL;
	bool query_failed = false;
	char why[64];
	enum hf_slo_verdict v;

	/* values of another query (the contract changed since the last sync) say nothing of this one */
	if (row && strcmp(row->query, l->query) == 0) {
		l->source = xstrdup(row->source);
		state = row->state;
		l->at = row->at;
		l->has_value = state == HF_LIVE_VALUE && isfinite(row->value);
		l->value = row->value;
		l->has_budget = row->has_budget;
		l->budget = row->budget;
		l->has_worst = row->has_worst;
		l->worst = row->worst;
		l->start = row->start;
		l->step = row->step;
		if (row->points && !hf_live_points_parse(row->points, &l->points, NULL, &l->npoints))
			l->npoints = 0;
		if (row->error) {
			failed = row->error;
			query_failed = true;
			l->error_at = row->error_at;
		} else if ((failed = source_failing(runs, nruns, row->source))) {
			l->error_at = 0;
		}
	} else if (row) {
		l->source = xstrdup(row->source);
		if (row->error) {
			failed = row->error;
			query_failed = true;
			l->error_at = row->error_at;
		}
	}
	l->state = xstrdup(hf_live_state_name(state));
	l->error = xstrdup(failed);
	v = hf_live_verdict(hf_slo_op_parse(slo->op), slo->target, state, l->value, failed != NULL,
			    why, sizeof(why));
	l->result = xstrdup(hf_slo_verdict_name(v));
	if (v == HF_SLO_UNKNOWN)
		l->reason = xstrdup(query_failed ? "query failed" : why);
}

enum hf_status hf_report_live_fill(struct hf_store *store, const struct hf_pod *pod,
				   const struct hf_contract *contract, struct hf_model_report *r)
{
	struct hf_live_row *rows = NULL;
	struct hf_sync_run *runs = NULL;
	size_t nrows = 0, nruns = 0;
	bool loaded = false;
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < contract->nslos && i < r->nslos; i++) {
		const struct hf_slo *slo = &contract->slos[i];
		struct hf_live_spec spec;
		struct hf_live_result *l;

		if (!hf_live_resolve(slo, pod ? &pod->live : NULL, r->name, &spec))
			continue;
		if (!loaded) {
			if ((rc = hf_store_live_list(store, r->name, &rows, &nrows)) ||
			    (nrows && (rc = hf_store_sync_latest(store, &runs, &nruns)))) {
				hf_live_spec_clear(&spec);
				break;
			}
			loaded = true;
		}
		l = xcalloc(1, sizeof(*l));
		l->query = spec.query;
		l->window = spec.window;
		spec.query = NULL;
		fill_one(l, slo, find_row(rows, nrows, slo, &spec), runs, nruns);
		hf_live_spec_clear(&spec);
		r->slos[i].live = l;
		r->live_met += !strcmp(l->result, "met");
		r->live_missed += !strcmp(l->result, "missed");
		r->live_unknown += !strcmp(l->result, "unknown");
	}
	hf_live_rows_free(rows, nrows);
	hf_sync_runs_free(runs, nruns);
	return rc;
}

const struct hf_blocker *hf_report_first_blocker(const struct hf_model_report *r)
{
	return r->nblockers ? &r->blockers[0] : NULL;
}

const char *hf_report_blocker_text(const struct hf_blocker *b)
{
	if (!b->reason || !*b->reason || strcmp(b->reason, "not done") == 0)
		return b->title ? b->title : "";
	return b->reason;
}

bool hf_report_serving(const struct hf_model_report *r)
{
	return r->stage_index >= HF_STAGE_SERVING;
}

size_t hf_report_live_gate(struct hf_model_report *r)
{
	size_t added = 0;

	if (!hf_report_serving(r))
		return 0;
	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];
		const struct hf_live_result *l = s->live;
		struct hf_blocker *b;
		char reason[256];

		if (!l || strcmp(l->result, "met") == 0)
			continue;
		if (l->has_value && strcmp(l->result, "missed") == 0) {
			struct hf_slo slo = { .metric = s->metric, .op = s->op, .target = s->target };
			char why[96];

			hf_slo_explain(&slo, l->value, why, sizeof(why));
			snprintf(reason, sizeof(reason), "%s live %s", s->metric, why);
		} else {
			snprintf(reason, sizeof(reason), "%s live unknown: %s", s->metric,
				 l->reason ? l->reason : "unknown");
		}
		r->blockers = xrealloc(r->blockers, (r->nblockers + 1) * sizeof(*r->blockers));
		b = &r->blockers[r->nblockers++];
		/* the SLO's own id, unique in the model: "live:latency_p99_ms", "live:auc#2" */
		b->item = xasprintf("live:%s", s->id && !strncmp(s->id, "slo:", 4) ? s->id + 4 : s->metric);
		b->title = xasprintf("live SLO %s %s %g", s->metric, s->op, s->target);
		b->owner = xstrdup(r->owner_engineering);
		b->role = xstrdup("engineering");
		b->reason = xstrdup(reason);
		added++;
	}
	if (added)
		r->ready = false;
	return added;
}
