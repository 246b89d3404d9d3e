/* mlflow_runs.c: a registry sync's runs (in batches, runs/get when refused) and runs/get on demand (check --version, diff) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "handoff/http.h"
#include "handoff/mlflow.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "mlflow_fetch.h"
#include "mlflow_internal.h"

#define NEWEST_RUNS 3		/* runs that matter per model besides aliased and staged versions */
#define RUN_BATCH 200		/* run ids per runs/search */
#define EXPERIMENTS_PAGE 1000

/* ---- a sync's runs ---- */

/* A version whose run's metrics matter: one of the newest, or named by an alias or a live stage. */
bool hf_mlflow_version_matters(const struct hf_reg_model *m, size_t i)
{
	const struct hf_reg_version *v = &m->versions[i];

	if (!v->run_id || !*v->run_id)
		return false;
	if (i < NEWEST_RUNS)
		return true;
	if (v->stage && (!strcmp(v->stage, "Production") || !strcmp(v->stage, "Staging")))
		return true;
	for (size_t k = 0; k < m->naliases; k++)
		if (m->aliases[k].version && !strcmp(m->aliases[k].version, v->version))
			return true;
	return false;
}

/* A run id safe to quote in a filter: MLflow's are hex; anything else goes through runs/get. */
static bool plain_id(const char *id)
{
	if (!*id)
		return false;
	for (const char *c = id; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      *c == '-' || *c == '_'))
			return false;
	return true;
}

/* A run to fetch and the updated time of the version it is fetched for. */
struct want_run {
	const char *run_id;	/* borrowed from the models */
	int64_t version_updated;
};

static int want_cmp(const void *x, const void *y)
{
	return strcmp(((const struct want_run *)x)->run_id, ((const struct want_run *)y)->run_id);
}

/*
 * The runs to fetch: of the versions that matter of the pod's models (or
 * of every model fetched, with runs = all), those never fetched, not
 * finished when fetched, or whose version moved since.
 */
static struct want_run *runs_wanted(struct fetch *f, size_t *n)
{
	const struct hf_mlflow_parsed *p = &f->out->p;
	struct want_run *w = NULL;
	size_t count = 0, alloc = 0, out = 0;
	bool full = f->out->full || (f->sync->flags & HF_SYNC_FULL);

	for (size_t i = 0; i < p->nmodels; i++) {
		const struct hf_reg_model *m = &p->models[i];

		if (!f->conf->runs_all && !hf_mlflow_in_sorted(f->pod, f->npod, m->name))
			continue;
		for (size_t j = 0; j < m->nversions; j++) {
			const struct hf_reg_version *v = &m->versions[j];
			const struct hf_reg_known_run *k;

			if (!hf_mlflow_version_matters(m, j))
				continue;
			k = hf_reg_known_run(&f->known, v->run_id);
			/* --full fetches the runs again too: it repairs the view; a run several
			 * versions share is stored with the latest update of them */
			if (k && !full && !hf_reg_run_live(k->status) && k->version_updated >= v->updated)
				continue;
			w = xgrow(w, count + 1, &alloc, sizeof(*w));
			w[count].run_id = v->run_id;
			w[count++].version_updated = v->updated;
		}
	}
	if (count > 1)
		qsort(w, count, sizeof(*w), want_cmp);
	for (size_t i = 0; i < count; i++) {
		if (!out || strcmp(w[out - 1].run_id, w[i].run_id))
			w[out++] = w[i];
		else if (w[i].version_updated > w[out - 1].version_updated)
			w[out - 1].version_updated = w[i].version_updated;
	}
	*n = out;
	return w;
}

/* Every experiment id (experiments/search, all view types), for runs/search. */
static enum hf_status experiment_ids(struct fetch *f, char ***ids, size_t *n)
{
	char *token = NULL;
	size_t pages = 0;
	enum hf_status rc = HF_OK;

	*ids = NULL;
	*n = 0;
	do {
		struct hf_http_req req;
		char *q, *next = NULL;

		if (token) {
			char *esc = hf_http_escape(token);

			q = xasprintf("max_results=%d&view_type=ALL&page_token=%s", EXPERIMENTS_PAGE, esc);
			free(esc);
		} else {
			q = xasprintf("max_results=%d&view_type=ALL", EXPERIMENTS_PAGE);
		}
		hf_mlflow_req_init(&f->c, &req, "GET", "experiments/search", q, NULL);
		free(q);
		rc = hf_http_perform(f->c.http, &req, 1, NULL, NULL);
		if (!rc)
			rc = hf_mlflow_parse_experiments("experiments/search", req.resp.buf, req.resp.len,
							 ids, n, &next);
		hf_http_req_release(&req);
		if (!rc && next && token && !strcmp(next, token))
			rc = hf_error(HF_EINVAL, "'experiments/search' answered the same "
				      "next_page_token twice");
		free(token);
		token = next;
	} while (!rc && token && ++pages < HF_MLFLOW_MAX_PAGES);
	free(token);
	return rc;
}

/* The body of one runs/search: the runs of ids[0..n) in the given experiments. */
static char *runs_search_body(char **exps, size_t nexps, const struct want_run *w, size_t n)
{
	json_t *body = json_object(), *e = json_array();
	struct hf_strbuf flt = HF_STRBUF_INIT;
	char *text;

	hf_strbuf_init(&flt);
	for (size_t i = 0; i < nexps; i++)
		json_array_append_new(e, json_string(exps[i]));
	hf_strbuf_adds(&flt, "attributes.run_id IN (");
	for (size_t i = 0; i < n; i++)
		hf_strbuf_addf(&flt, "%s'%s'", i ? ", " : "", w[i].run_id);
	hf_strbuf_addch(&flt, ')');
	json_object_set_new(body, "experiment_ids", e);
	json_object_set_new(body, "filter", json_string(flt.buf));
	json_object_set_new(body, "run_view_type", json_string("ALL"));
	json_object_set_new(body, "max_results", json_integer((json_int_t)n));
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	hf_strbuf_release(&flt);
	return text ? text : xstrdup("{}");
}

/* What the run answers fill. */
struct run_sink {
	struct hf_mlflow_fetched *out;
	const struct want_run *w;	/* for runs/get: w[i] is request i's run */
	size_t done, total;
	const struct hf_sync_progress *progress;
	const char *source;
};

static enum hf_status runs_search_done(void *data, size_t i, struct hf_http_req *req)
{
	struct run_sink *rs = data;
	size_t before = rs->out->nruns, alloc = rs->out->nruns;
	enum hf_status rc;

	(void)i;
	rc = hf_mlflow_parse_runs("runs/search", req->resp.buf, req->resp.len, &rs->out->runs,
				  &rs->out->nruns, NULL);
	(void)alloc;
	rs->done += rs->out->nruns - before;
	hf_strbuf_release(&req->resp);
	hf_sync_progress_report(rs->progress, rs->source, "runs", rs->done, rs->total);
	return rc;
}

static enum hf_status run_get_done(void *data, size_t i, struct hf_http_req *req)
{
	struct run_sink *rs = data;
	struct hf_mlflow_fetched *out = rs->out;
	enum hf_status rc = HF_OK;

	if (req->rc == HF_ENOTFOUND) {
		out->runs_gone = xrealloc(out->runs_gone, (out->nruns_gone + 1) * sizeof(char *));
		out->runs_gone[out->nruns_gone++] = xstrdup(rs->w[i].run_id);
	} else {
		out->runs = xrealloc(out->runs, (out->nruns + 1) * sizeof(*out->runs));
		rc = hf_mlflow_parse_run("runs/get", req->resp.buf, req->resp.len, &out->runs[out->nruns]);
		if (!rc) {
			struct hf_reg_run *r = &out->runs[out->nruns++];

			if (!r->run_id)	/* the answer need not say which run it is */
				r->run_id = xstrdup(rs->w[i].run_id);
		}
	}
	hf_strbuf_release(&req->resp);
	if (++rs->done % 64 == 0 || rs->done == rs->total)
		hf_sync_progress_report(rs->progress, rs->source, "runs", rs->done, rs->total);
	return rc;
}

/* runs/get one at a time (8 in flight): the fallback for a server that refuses the batch. */
static enum hf_status runs_one_by_one(struct fetch *f, const struct want_run *w, size_t n,
				      struct run_sink *rs)
{
	struct hf_http_req *reqs = xcalloc(n + 1, sizeof(*reqs));
	enum hf_status rc;

	for (size_t i = 0; i < n; i++) {
		char *esc = hf_http_escape(w[i].run_id);
		char *q = xasprintf("run_id=%s", esc);

		hf_mlflow_req_init(&f->c, &reqs[i], "GET", "runs/get", q, NULL);
		reqs[i].missing_ok = true;
		free(esc);
		free(q);
	}
	rs->w = w;
	rc = n ? hf_http_perform(f->c.http, reqs, n, run_get_done, rs) : HF_OK;
	for (size_t i = 0; i < n; i++)
		hf_http_req_release(&reqs[i]);
	free(reqs);
	return rc;
}

/* runs/search with run_id IN (...), RUN_BATCH ids a request; HF_EINVAL when the server refuses it. */
static enum hf_status runs_in_batches(struct fetch *f, const struct want_run *w, size_t n,
				      struct run_sink *rs, bool *refused)
{
	char **exps = NULL;
	size_t nexps = 0, nbatch = (n + RUN_BATCH - 1) / RUN_BATCH;
	struct hf_http_req *reqs;
	char **bodies;
	enum hf_status rc;

	*refused = false;
	if ((rc = experiment_ids(f, &exps, &nexps))) {
		/* a server without experiments/search: runs/get will do */
		*refused = rc == HF_EINVAL || rc == HF_ENOTFOUND;
		return rc;
	}
	reqs = xcalloc(nbatch + 1, sizeof(*reqs));
	bodies = xcalloc(nbatch + 1, sizeof(*bodies));
	for (size_t b = 0; b < nbatch; b++) {
		size_t from = b * RUN_BATCH, count = n - from < RUN_BATCH ? n - from : RUN_BATCH;

		bodies[b] = runs_search_body(exps, nexps, w + from, count);
		hf_mlflow_req_init(&f->c, &reqs[b], "POST", "runs/search", NULL, bodies[b]);
	}
	rc = hf_http_perform(f->c.http, reqs, nbatch, runs_search_done, rs);
	if (rc && (reqs[0].rc == HF_EINVAL || reqs[0].rc == HF_ENOTFOUND) &&
	    (reqs[0].status == 400 || reqs[0].status == 404 || reqs[0].status == 405))
		*refused = true;
	for (size_t b = 0; b < nbatch; b++) {
		hf_http_req_release(&reqs[b]);
		free(bodies[b]);
	}
	free(reqs);
	free(bodies);
	hf_strv_free(exps, nexps);
	return rc;
}

static int run_cmp(const void *x, const void *y)
{
	return strcmp(((const struct hf_reg_run *)x)->run_id, ((const struct hf_reg_run *)y)->run_id);
}

/*
 * Fetch the runs wanted: in batches (runs/search), or one by one when the
 * server refuses the batch. Runs asked for and not found are noted; each
 * run found gets the updated time of the version it was fetched for.
 */
enum hf_status hf_mlflow_fetch_runs(struct fetch *f)
{
	struct hf_mlflow_fetched *out = f->out;
	struct run_sink rs = { out, NULL, 0, 0, f->sync->progress, f->conf->name };
	struct want_run *w, *plain, *odd;
	size_t n, nodd = 0, nplain = 0;
	bool refused = false;
	enum hf_status rc = HF_OK;

	w = runs_wanted(f, &n);
	rs.total = n;
	/* ids MLflow would never make are fetched by runs/get: they are never quoted in a filter */
	plain = xcalloc(n + 1, sizeof(*plain));
	odd = xcalloc(n + 1, sizeof(*odd));
	for (size_t i = 0; i < n; i++) {
		if (plain_id(w[i].run_id))
			plain[nplain++] = w[i];
		else
			odd[nodd++] = w[i];
	}
	if (n)
		hf_sync_progress_report(f->sync->progress, f->conf->name, "runs", 0, n);
	if (nplain && (rc = runs_in_batches(f, plain, nplain, &rs, &refused)) && refused) {
		hf_trace("mlflow: the server refuses runs/search by run id (%s): runs/get one by one",
			 hf_last_error());
		hf_error_clear();
		hf_reg_runs_free(out->runs, out->nruns);
		out->runs = NULL;
		out->nruns = 0;
		rs.done = 0;
		rc = runs_one_by_one(f, plain, nplain, &rs);
	} else if (!rc && nplain) {
		/* what the batch did not return no longer exists */
		if (out->nruns > 1)
			qsort(out->runs, out->nruns, sizeof(*out->runs), run_cmp);
		for (size_t i = 0; i < nplain; i++) {
			struct hf_reg_run key = { .run_id = (char *)plain[i].run_id };

			if (!out->nruns || !bsearch(&key, out->runs, out->nruns, sizeof(*out->runs), run_cmp)) {
				out->runs_gone = xrealloc(out->runs_gone, (out->nruns_gone + 1) * sizeof(char *));
				out->runs_gone[out->nruns_gone++] = xstrdup(plain[i].run_id);
			}
		}
	}
	if (!rc && nodd)
		rc = runs_one_by_one(f, odd, nodd, &rs);
	/* each run remembers the updated time of the version it was fetched for */
	if (!rc && out->nruns > 1)
		qsort(out->runs, out->nruns, sizeof(*out->runs), run_cmp);
	for (size_t i = 0; !rc && out->nruns && i < n; i++) {
		struct hf_reg_run key = { .run_id = (char *)w[i].run_id }, *r;

		r = bsearch(&key, out->runs, out->nruns, sizeof(*out->runs), run_cmp);
		if (r)
			r->version_updated = w[i].version_updated;
	}
	out->runs_fetched = n;
	free(w);
	free(plain);
	free(odd);
	hf_mlflow_phase(f, refused ? "runs/get (the server refuses runs/search)" : "runs", n);
	return rc;
}

/* ---- runs on demand ---- */

struct got {
	struct hf_reg_run *out;
	char *const *ids;
};

static enum hf_status got_run(void *data, size_t i, struct hf_http_req *req)
{
	struct got *g = data;
	enum hf_status rc;

	if (req->rc == HF_ENOTFOUND)
		return HF_OK;	/* the run was deleted: out[i] stays without an id */
	rc = hf_mlflow_parse_run("runs/get", req->resp.buf, req->resp.len, &g->out[i]);
	if (!rc && !g->out[i].run_id)
		g->out[i].run_id = xstrdup(g->ids[i]);
	hf_strbuf_release(&req->resp);
	return rc;
}

enum hf_status hf_mlflow_get_runs(const struct hf_source_conf *conf,
				  const struct hf_cancel *cancel, char *const *ids, size_t n,
				  struct hf_reg_run *out)
{
	struct hf_mlflow_client c;
	struct hf_http_req *reqs;
	struct got g = { out, ids };
	enum hf_status rc;

	memset(out, 0, n * sizeof(*out));
	if (!n)
		return HF_OK;
	if ((rc = hf_mlflow_client_init(&c, conf, cancel)))
		return rc;
	reqs = xcalloc(n, sizeof(*reqs));
	for (size_t i = 0; i < n; i++) {
		char *esc = hf_http_escape(ids[i]);
		char *q = xasprintf("run_id=%s", esc);

		hf_mlflow_req_init(&c, &reqs[i], "GET", "runs/get", q, NULL);
		reqs[i].missing_ok = true;
		free(esc);
		free(q);
	}
	rc = hf_http_perform(c.http, reqs, n, got_run, &g);
	for (size_t i = 0; i < n; i++)
		hf_http_req_release(&reqs[i]);
	free(reqs);
	hf_mlflow_client_release(&c);
	if (rc)
		for (size_t i = 0; i < n; i++)
			hf_reg_run_clear(&out[i]);
	return rc;
}
