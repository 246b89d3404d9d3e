/* prometheus.c: the Prometheus source: fetch every live SLO's value now and over its window in parallel, apply the values, verdicts and their changes */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/http.h"
#include "handoff/live.h"
#include "handoff/prometheus.h"
#include "handoff/store_live.h"
#include "handoff/store_models.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"

/* One live SLO of one model, and what the server answered for it. */
struct prom_item {
	char *model;
	char *path;		/* the pod file the query comes from, for problems */
	char *field;		/* ... and its field: "slos[0].live.query", "live.queries.latency_p99_ms" */
	char *metric, *op;
	double target;
	char *query;
	int64_t window, step, start;
	/* outcome */
	enum hf_live_state state;
	double value;
	double *values;		/* the window's points, NAN for NaN or a gap */
	bool *gaps;
	size_t npoints;
	bool have_now, have_range;
	char *error;		/* this query failed: Prometheus's words, or why the answer was refused */
	/* what apply stores, computed by the fetch (outside the write lock); borrows the above */
	struct hf_live_row row;
	char *points;		/* row.points, owned */
	char verdict[16];	/* row.verdict */
};

struct prom_fetched {
	struct hf_fetched base;
	int64_t at;		/* the time the queries were evaluated at */
	struct prom_item *items;
	size_t n;
	size_t requests;
};

static void item_clear(struct prom_item *it)
{
	free(it->model);
	free(it->path);
	free(it->field);
	free(it->metric);
	free(it->op);
	free(it->query);
	free(it->values);
	free(it->gaps);
	free(it->error);
	free(it->points);
}

static void prom_fetched_free(struct hf_fetched *f)
{
	struct prom_fetched *pf = (struct prom_fetched *)f;

	for (size_t i = 0; i < pf->n; i++)
		item_clear(&pf->items[i]);
	free(pf->items);
	free(pf);
}

/* Where an SLO's live query is written: its own contract field, else the pod's template. */
static void item_origin(struct prom_item *it, const struct hf_slo *slo, size_t i)
{
	if (slo->live.query) {
		it->path = xasprintf("models/%s/contract.json", it->model);
		it->field = xasprintf("slos[%zu].live.query", i);
	} else {
		it->path = xstrdup("pod.json");
		it->field = xasprintf("live.queries.%s", slo->metric);
	}
}

/* Every live SLO this source answers for, from the pod files in the store. */
static enum hf_status collect(struct hf_store *store, const struct hf_source_conf *conf,
			      int64_t at, struct prom_fetched *pf)
{
	struct hf_pod pod;
	char **names = NULL;
	size_t nnames = 0, alloc = 0;
	enum hf_status rc;

	if ((rc = hf_store_read_begin(store)))
		return rc;
	if ((rc = hf_store_pod_get(store, &pod))) {
		hf_store_read_end(store);
		return rc;
	}
	rc = hf_store_model_names(store, &names, &nnames);
	for (size_t m = 0; m < nnames && !rc; m++) {
		struct hf_contract c;

		if ((rc = hf_store_contract_get(store, names[m], &c)) == HF_ENOTFOUND) {
			rc = HF_OK;
			continue;
		}
		for (size_t i = 0; i < c.nslos && !rc; i++) {
			struct hf_live_spec spec;
			struct prom_item *it;

			if (!hf_live_resolve(&c.slos[i], &pod.live, names[m], &spec))
				continue;
			if (spec.source && strcmp(spec.source, conf->name) != 0) {
				hf_live_spec_clear(&spec);
				continue;
			}
			pf->items = xgrow(pf->items, pf->n + 1, &alloc, sizeof(*pf->items));
			it = &pf->items[pf->n++];
			memset(it, 0, sizeof(*it));
			it->model = xstrdup(names[m]);
			it->metric = xstrdup(c.slos[i].metric);
			it->op = xstrdup(c.slos[i].op);
			it->target = c.slos[i].target;
			it->query = spec.query;
			it->window = spec.window;
			it->step = hf_live_step(spec.window);
			it->start = at - spec.window + it->step;
			it->npoints = HF_LIVE_POINTS;
			item_origin(it, &c.slos[i], i);
			spec.query = NULL;
			hf_live_spec_clear(&spec);
		}
		hf_contract_clear(&c);
	}
	hf_store_read_end(store);
	hf_strv_free(names, nnames);
	hf_pod_clear(&pod);
	return rc;
}

/* "ranker latency_p99_ms": how messages name an item. */
static char *item_name(const struct prom_item *it)
{
	return xasprintf("the live query of %s %s", it->model, it->metric);
}

/* Prometheus's own words for a failed query: "bad_data: 1:5: parse error: ..." */
static char *describe(const struct hf_http_req *req, bool *missing)
{
	*missing = false;
	return hf_prom_error_text(req->resp.buf, req->resp.len);
}

struct done_ctx {
	struct prom_fetched *pf;
	struct hf_http_req *reqs;
};

/* Requests 2i (now) and 2i+1 (the window) belong to item i. */
static enum hf_status on_done(void *data, size_t r, struct hf_http_req *req)
{
	struct done_ctx *d = data;
	struct prom_item *it = &d->pf->items[r / 2];
	char *name = item_name(it);
	enum hf_status rc;

	if (r % 2 == 0) {
		rc = hf_prom_parse_instant(name, req->resp.buf, req->resp.len, &it->state, &it->value);
		it->have_now = rc == HF_OK;
	} else {
		rc = hf_prom_parse_range(name, req->resp.buf, req->resp.len, it->start, it->step,
					 it->npoints, &it->values, &it->gaps, &it->points);
		it->have_range = rc == HF_OK;
	}
	/* an answer that is not one series is this query's fault, not the server's: go on */
	if (rc && !it->error)
		it->error = xstrdup(hf_last_error());
	free(name);
	return HF_OK;
}

/*
 * A failure of the server names the request's URL, whose query string is
 * the whole escaped PromQL: name the endpoint only, so the message (a status
 * line's worth) reaches what went wrong.
 */
static void shorten_error(enum hf_status rc)
{
	const char *msg = hf_last_error(), *q = strstr(msg, "?query=");
	const char *end = q ? strchr(q, '\'') : NULL;
	char *shorter;

	if (!q || !end)
		return;
	shorter = xasprintf("%.*s%s", (int)(q - msg), msg, end);
	hf_error(rc, "%s", shorter);
	free(shorter);
}

static char *api_url(const char *base, const char *path)
{
	size_t len = strlen(base);

	while (len && base[len - 1] == '/')
		len--;
	return xasprintf("%.*s/api/v1/%s", (int)len, base, path);
}

/* The row apply stores for an item: the window summarised, the points as text, the verdict. */
static void item_finish(struct prom_item *it, const char *source, int64_t at)
{
	struct hf_live_row *row = &it->row;
	struct hf_live_summary sum;
	enum hf_slo_op op = hf_slo_op_parse(it->op);

	memset(row, 0, sizeof(*row));
	row->source = (char *)source;
	row->model = it->model;
	row->metric = it->metric;
	row->op = it->op;
	row->target = it->target;
	row->query = it->query;
	row->window = it->window;
	row->step = it->step;
	row->error = it->error;
	row->error_at = at;
	if (it->error)
		return;
	hf_live_summarise(op, it->target, it->values, it->npoints, &sum);
	row->at = at;
	row->state = it->state;
	row->value = it->value;
	row->has_budget = sum.has_budget;
	row->budget = sum.budget;
	row->has_worst = sum.has_worst;
	row->worst = sum.worst;
	row->measured = (int64_t)sum.measured;
	row->bad = (int64_t)sum.bad;
	row->start = it->start;
	row->points = it->points;
	snprintf(it->verdict, sizeof(it->verdict), "%s",
		 hf_slo_verdict_name(hf_live_verdict(op, it->target, it->state, it->value, false, NULL, 0)));
	row->verdict = it->verdict;
}

static enum hf_status prom_fetch(struct hf_store *store, struct hf_sync *sync,
				 struct hf_fetched **out)
{
	const struct hf_source_conf *conf = sync->conf;
	struct hf_http_opts o;
	struct hf_http_client *http = NULL;
	struct hf_http_req *reqs = NULL;
	struct prom_fetched *pf;
	struct hf_http_stats st;
	struct done_ctx d;
	char *query_url = NULL, *range_url = NULL;
	int64_t t0;
	enum hf_status rc;

	*out = NULL;
	if ((rc = hf_http_check_url(conf->name, conf->url)))
		return rc;
	pf = xcalloc(1, sizeof(*pf));
	pf->base.free = prom_fetched_free;
	pf->at = sync->now;
	t0 = hf_mono_ms();
	if ((rc = collect(store, conf, pf->at, pf)))
		goto out;
	hf_trace("prometheus: %zu live SLOs read from the pod files in %lld ms", pf->n,
		 (long long)(hf_mono_ms() - t0));
	hf_sync_progress_report(sync->progress, conf->name, "live queries", 0, pf->n);
	if (!pf->n)
		goto out;
	if ((rc = hf_http_opts_for(&o, conf, sync->cancel)))
		goto out;
	/* answers of a few KB: gzip costs the server more than it saves (2.7x slower on loopback) */
	o.identity = true;
	o.describe = describe;
	if ((rc = hf_http_client_new(&o, &http)))
		goto out;
	query_url = api_url(conf->url, "query");
	range_url = api_url(conf->url, "query_range");
	reqs = xcalloc(2 * pf->n + 1, sizeof(*reqs));
	for (size_t i = 0; i < pf->n; i++) {
		struct prom_item *it = &pf->items[i];
		char *q = hf_http_escape(it->query);
		char *url;

		url = xasprintf("%s?query=%s&time=%lld", query_url, q, (long long)pf->at);
		hf_http_req_init(&reqs[2 * i], "GET", url, "query", NULL);
		reqs[2 * i].answer_ok = true;
		free(url);
		url = xasprintf("%s?query=%s&start=%lld&end=%lld&step=%lld", range_url, q,
				(long long)it->start, (long long)pf->at, (long long)it->step);
		hf_http_req_init(&reqs[2 * i + 1], "GET", url, "query_range", NULL);
		reqs[2 * i + 1].answer_ok = true;
		free(url);
		free(q);
	}
	d.pf = pf;
	d.reqs = reqs;
	rc = hf_http_perform(http, reqs, 2 * pf->n, on_done, &d);
	if (rc)
		shorten_error(rc);
	for (size_t r = 0; !rc && r < 2 * pf->n; r++) {
		struct prom_item *it = &pf->items[r / 2];

		/* a query the server refused (a PromQL error): its own error, in Prometheus's words */
		if (reqs[r].rc && !it->error) {
			char *own = hf_prom_error_text(reqs[r].resp.buf, reqs[r].resp.len);
			char *name = item_name(it);

			it->error = own ? xasprintf("%s failed: %s", name, own)
					: xasprintf("%s failed: %s", name, reqs[r].error);
			free(own);
			free(name);
		}
	}
	for (size_t i = 0; !rc && i < pf->n; i++)
		item_finish(&pf->items[i], conf->name, pf->at);
	hf_http_client_stats(http, &st);
	pf->requests = st.requests;
	hf_trace("prometheus fetch of '%s': %zu live SLOs, %zu requests (%zu retried), %lld ms",
		 conf->name, pf->n, st.requests, st.retries, (long long)st.net_ms);
	hf_sync_progress_report(sync->progress, conf->name, "live queries", pf->n, pf->n);
out:
	for (size_t r = 0; reqs && r < 2 * pf->n; r++)
		hf_http_req_release(&reqs[r]);
	free(reqs);
	free(query_url);
	free(range_url);
	hf_http_client_free(http);
	if (rc)
		prom_fetched_free(&pf->base);
	else
		*out = &pf->base;
	return rc;
}

/* A verdict that moved since the last sync becomes an event of the model's timeline. */
static enum hf_status verdict_event(struct hf_store *store, const char *source, int64_t at,
				    const struct prom_item *it, const char *before, const char *now)
{
	struct hf_activity a = { 0 };
	char detail[96] = "";
	enum hf_status rc;

	if (it->state == HF_LIVE_VALUE) {
		struct hf_slo slo = { .metric = it->metric, .op = it->op, .target = it->target };

		hf_slo_explain(&slo, it->value, detail, sizeof(detail));
	} else {
		snprintf(detail, sizeof(detail), "%s", it->state == HF_LIVE_NAN ? "NaN" : "no data");
	}
	a.at = at;
	a.source = (char *)source;
	a.kind = (char *)"live";
	a.model = it->model;
	a.ref = it->metric;
	a.summary = xasprintf("%s live %s \xE2\x86\x92 %s (%s)", it->metric, before, now, detail);
	rc = hf_store_activity_add(store, &a);
	free(a.summary);
	return rc;
}

static enum hf_status problem(struct hf_store *store, const char *source, int64_t at,
			      const struct prom_item *it)
{
	struct hf_problem p = { 0 };

	p.source = (char *)source;
	p.path = it->path;
	p.field = it->field;
	p.severity = HF_PROBLEM_ERROR;
	p.message = it->error;
	p.at = at;
	return hf_store_problem_add(store, &p);
}

static enum hf_status prom_apply(struct hf_store *store, struct hf_sync *sync,
				 struct hf_fetched *fetched)
{
	struct prom_fetched *pf = (struct prom_fetched *)fetched;
	const char *source = sync->conf->name;
	struct hf_sync_summary *sum = &sync->summary;
	size_t counts[3] = { 0, 0, 0 }, failed = 0, changes = 0, dropped = 0;
	const char *first_error = NULL;
	enum hf_status rc;

	if (!pf)
		return HF_OK;
	/* problems of this source are from its previous sync */
	if ((rc = hf_store_forget_source(store, source)) || (rc = hf_store_live_begin(store, source)))
		return rc;
	for (size_t i = 0; i < pf->n && !rc; i++) {
		const struct prom_item *it = &pf->items[i];
		const char *verdict = it->verdict;
		char *before = NULL;

		rc = hf_store_live_put(store, &it->row, &before);
		if (!rc && it->error) {
			failed++;
			first_error = first_error ? first_error : it->error;
			rc = problem(store, source, pf->at, it);
		} else if (!rc) {
			counts[!strcmp(verdict, "met") ? 0 : !strcmp(verdict, "missed") ? 1 : 2]++;
			if (before && strcmp(before, verdict) != 0) {
				rc = verdict_event(store, source, pf->at, it, before, verdict);
				changes++;
			}
			changes += !before;	/* an SLO checked live for the first time */
		}
		free(before);
	}
	if (!rc)
		rc = hf_store_live_end(store, source, &dropped);
	changes += dropped;
	sum->requests = pf->requests;
	sum->changes = changes;
	sum->full = true;	/* every live query, every time: values move with the clock */
	sum->detail = xasprintf("%zu live SLO%s (%zu met, %zu missed, %zu unknown)%s", pf->n,
				pf->n == 1 ? "" : "s", counts[0], counts[1], counts[2],
				failed ? (failed == 1 ? ", 1 query failed" : ", queries failed") : "");
	if (first_error)
		sum->problem = failed == 1 ? xstrdup(first_error)
			     : xasprintf("%zu live queries failed, the first: %s", failed, first_error);
	return rc;
}

const struct hf_source_ops hf_source_prometheus_ops = {
	.type = HF_SOURCE_PROMETHEUS,
	.fetch = prom_fetch,
	.apply = prom_apply,
	.push = NULL,
};
