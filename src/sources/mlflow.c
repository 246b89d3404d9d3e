/* mlflow.c: the MLflow registry source: fetch (search pages, alias look-ups, parallel runs/get), apply, push, demo loader */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/http.h"
#include "handoff/mlflow.h"
#include "handoff/sanitize.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "mlflow_internal.h"

#define MODELS_PAGE_MAX 1000		/* registered-models/search accepts at most this */
#define VERSIONS_PAGE 20000		/* model-versions/search accepts 200000; this stays well under the body cap */
#define NEWEST_RUNS 3			/* runs fetched per model besides aliased and staged versions */
#define MAX_PAGES 100000

enum hf_status hf_mlflow_client_init(struct hf_mlflow_client *c, const struct hf_source_conf *conf,
				     const struct hf_cancel *cancel)
{
	struct hf_http_opts o = { 0 };
	size_t len;
	enum hf_status rc;

	memset(c, 0, sizeof(*c));
	if ((rc = hf_http_check_url(conf->name, conf->url)))
		return rc;
	o.source = conf->name;
	o.token_env = conf->token_env;
	o.ca_file = conf->ca_file;
	o.insecure = conf->insecure;
	o.timeout = conf->timeout;
	o.expect_type = "json";
	o.describe = hf_mlflow_describe_error;
	o.cancel = cancel;
	if ((rc = hf_http_client_new(&o, &c->http)))
		return rc;
	c->conf = conf;
	len = strlen(conf->url);
	while (len && conf->url[len - 1] == '/')
		len--;
	c->api = xasprintf("%.*s/api/2.0/mlflow/", (int)len, conf->url);
	return HF_OK;
}

void hf_mlflow_client_release(struct hf_mlflow_client *c)
{
	hf_http_client_free(c->http);
	free(c->api);
	memset(c, 0, sizeof(*c));
}

void hf_mlflow_req_init(struct hf_mlflow_client *c, struct hf_http_req *req, const char *method,
			const char *endpoint, const char *query, const char *body)
{
	char *url = xasprintf("%s%s%s%s", c->api, endpoint, query && *query ? "?" : "",
			      query ? query : "");

	hf_http_req_init(req, method, url, endpoint, body);
	free(url);
}

typedef enum hf_status (*page_parse_fn)(struct hf_mlflow_parsed *p, const char *what,
					const char *body, size_t len, char **next_token);

/* One search endpoint paged through next_page_token. */
struct search_chain {
	const char *endpoint;
	const char *query;
	page_parse_fn parse;
	char *token;		/* of the next page; NULL before the first and after the last */
	size_t pages;
	bool done;
};

/*
 * Page through the searches side by side: the registered-model and the
 * model-version searches do not depend on each other, so page k of each is
 * fetched at the same time.
 */
static enum hf_status fetch_searches(struct hf_mlflow_client *c, struct search_chain *chains,
				     size_t n, struct hf_mlflow_parsed *p)
{
	struct hf_http_req reqs[2];
	size_t which[2];
	enum hf_status rc = HF_OK;

	while (!rc) {
		size_t nreq = 0;

		for (size_t i = 0; i < n && nreq < 2; i++) {
			char *q;

			if (chains[i].done)
				continue;
			if (chains[i].token) {
				char *esc = hf_http_escape(chains[i].token);

				q = xasprintf("%s&page_token=%s", chains[i].query, esc);
				free(esc);
			} else {
				q = xstrdup(chains[i].query);
			}
			hf_mlflow_req_init(c, &reqs[nreq], "GET", chains[i].endpoint, q, NULL);
			which[nreq++] = i;
			free(q);
		}
		if (!nreq)
			break;
		rc = hf_http_perform(c->http, reqs, nreq, NULL, NULL);
		for (size_t k = 0; k < nreq; k++) {
			struct search_chain *ch = &chains[which[k]];
			char *next = NULL;

			if (!rc)
				rc = ch->parse(p, ch->endpoint, reqs[k].resp.buf, reqs[k].resp.len, &next);
			if (!rc && next && ch->token && !strcmp(next, ch->token))
				rc = hf_error(HF_EINVAL, "'%s' answered the same next_page_token twice",
					      ch->endpoint);
			if (!rc && ++ch->pages > MAX_PAGES)
				rc = hf_error(HF_EINVAL, "'%s' gave more than %d pages", ch->endpoint,
					      MAX_PAGES);
			free(ch->token);
			ch->token = next;
			ch->done = !next;
			hf_http_req_release(&reqs[k]);
		}
	}
	for (size_t i = 0; i < n; i++)
		HF_FREE(chains[i].token);
	return rc;
}

/* Aliases from registered-models/get for models with versions whose search gave none. */
static enum hf_status fetch_aliases(struct hf_mlflow_client *c, struct hf_reg_model *models,
				    size_t n, size_t *fetched)
{
	struct hf_http_req *reqs = NULL;
	size_t *which = NULL, nreq = 0;
	enum hf_status rc;

	for (size_t i = 0; i < n; i++) {
		char *esc, *q;

		if (models[i].naliases || !models[i].nversions)
			continue;
		reqs = xrealloc(reqs, (nreq + 1) * sizeof(*reqs));
		which = xrealloc(which, (nreq + 1) * sizeof(*which));
		esc = hf_http_escape(models[i].name);
		q = xasprintf("name=%s", esc);
		hf_mlflow_req_init(c, &reqs[nreq], "GET", "registered-models/get", q, NULL);
		reqs[nreq].missing_ok = true;
		which[nreq++] = i;
		free(esc);
		free(q);
	}
	*fetched = nreq;
	rc = nreq ? hf_http_perform(c->http, reqs, nreq, NULL, NULL) : HF_OK;
	for (size_t k = 0; k < nreq && !rc; k++)
		if (!reqs[k].rc)
			rc = hf_mlflow_parse_model_get("registered-models/get", reqs[k].resp.buf,
						       reqs[k].resp.len, &models[which[k]]);
	for (size_t k = 0; k < nreq; k++)
		hf_http_req_release(&reqs[k]);
	free(reqs);
	free(which);
	return rc;
}

/* A version whose run's metrics matter: one of the newest, or named by an alias or a live stage. */
static bool version_matters(const struct hf_reg_model *m, size_t i)
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

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void metrics_free(struct hf_reg_metric *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].key);
	free(m);
}

/* The distinct run ids whose metrics matter, sorted. */
static char **runs_needed(const struct hf_reg_model *models, size_t n, size_t *nruns)
{
	char **ids = NULL;
	size_t count = 0, alloc = 0, out = 0;

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < models[i].nversions; j++) {
			if (!version_matters(&models[i], j))
				continue;
			ids = xgrow(ids, count + 1, &alloc, sizeof(*ids));
			ids[count++] = models[i].versions[j].run_id;
		}
	}
	if (count > 1)
		qsort(ids, count, sizeof(*ids), str_cmp);
	for (size_t i = 0; i < count; i++)
		if (!out || strcmp(ids[out - 1], ids[i]))
			ids[out++] = ids[i];
	*nruns = out;
	return ids;
}

/* The metrics of each needed run, by index into the sorted run ids. */
struct run_results {
	char **ids;
	size_t nids;
	struct hf_reg_metric **metrics;
	size_t *nmetrics;
	char **gone;		/* "url\tmessage" of runs that no longer exist, for apply to record */
	size_t ngone;
	const char *source;
	const struct hf_sync_progress *progress;
	size_t done;
};

static void results_init(struct run_results *r, const struct hf_reg_model *models, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->ids = runs_needed(models, n, &r->nids);
	r->metrics = xcalloc(r->nids + 1, sizeof(*r->metrics));
	r->nmetrics = xcalloc(r->nids + 1, sizeof(*r->nmetrics));
}

static void results_clear(struct run_results *r)
{
	for (size_t i = 0; i < r->nids; i++)
		metrics_free(r->metrics[i], r->nmetrics[i]);
	free(r->metrics);
	free(r->nmetrics);
	free(r->ids);	/* the ids are borrowed from the models */
	hf_strv_free(r->gone, r->ngone);
	memset(r, 0, sizeof(*r));
}

/* Give each version whose run was fetched a copy of that run's metrics. */
static void results_attach(const struct run_results *r, struct hf_reg_model *models, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < models[i].nversions; j++) {
			struct hf_reg_version *v = &models[i].versions[j];
			char **hit;
			size_t k;

			if (!v->run_id || v->nmetrics || !r->nids)
				continue;
			hit = bsearch(&v->run_id, r->ids, r->nids, sizeof(*r->ids), str_cmp);
			if (!hit || !r->nmetrics[hit - r->ids])
				continue;
			k = (size_t)(hit - r->ids);
			v->metrics = xcalloc(r->nmetrics[k], sizeof(*v->metrics));
			for (size_t m = 0; m < r->nmetrics[k]; m++) {
				v->metrics[m].key = xstrdup(r->metrics[k][m].key);
				v->metrics[m].value = r->metrics[k][m].value;
			}
			v->nmetrics = r->nmetrics[k];
		}
	}
}

/* A runs/get answer: parse it now (while other transfers run) and drop the body. */
static enum hf_status run_done(void *data, size_t i, struct hf_http_req *req)
{
	struct run_results *r = data;
	enum hf_status rc = HF_OK;

	if (req->rc == HF_ENOTFOUND) {
		r->gone = xrealloc(r->gone, (r->ngone + 1) * sizeof(*r->gone));
		r->gone[r->ngone++] = xstrdup(r->ids[i]);
	} else {
		rc = hf_mlflow_parse_run("runs/get", req->resp.buf, req->resp.len, &r->metrics[i],
					 &r->nmetrics[i]);
	}
	hf_strbuf_release(&req->resp);
	if (++r->done % 64 == 0 || r->done == r->nids)
		hf_sync_progress_report(r->progress, r->source, "runs", r->done, r->nids);
	return rc;
}

/* runs/get for the versions that matter; the ids of runs that are gone go to *gone. */
static enum hf_status fetch_runs(struct hf_mlflow_client *c, struct hf_reg_model *models, size_t n,
				 const struct hf_sync_progress *progress, size_t *fetched,
				 char ***gone, size_t *ngone)
{
	struct run_results r;
	struct hf_http_req *reqs;
	enum hf_status rc;

	results_init(&r, models, n);
	r.source = c->conf->name;
	r.progress = progress;
	reqs = xcalloc(r.nids + 1, sizeof(*reqs));
	for (size_t i = 0; i < r.nids; i++) {
		char *esc = hf_http_escape(r.ids[i]);
		char *q = xasprintf("run_id=%s", esc);

		hf_mlflow_req_init(c, &reqs[i], "GET", "runs/get", q, NULL);
		reqs[i].missing_ok = true;
		free(esc);
		free(q);
	}
	rc = r.nids ? hf_http_perform(c->http, reqs, r.nids, run_done, &r) : HF_OK;
	*fetched = r.nids;
	if (!rc) {
		results_attach(&r, models, n);
		*gone = r.gone;
		*ngone = r.ngone;
		r.gone = NULL;
		r.ngone = 0;
	}
	for (size_t i = 0; i < r.nids; i++)
		hf_http_req_release(&reqs[i]);
	free(reqs);
	results_clear(&r);
	return rc;
}

static size_t count_versions(const struct hf_reg_model *models, size_t n)
{
	size_t v = 0;

	for (size_t i = 0; i < n; i++)
		v += models[i].nversions;
	return v;
}

static void set_source(struct hf_reg_model *models, size_t n, const char *source)
{
	for (size_t i = 0; i < n; i++) {
		free(models[i].source);
		models[i].source = xstrdup(source);
	}
}

/* HANDOFF_TRACE: how long a phase of the sync took, and how much of it was the network. */
static void phase(struct hf_mlflow_client *c, int64_t *mark, const char *what, size_t count)
{
	struct hf_http_stats st;
	int64_t now = hf_mono_ms(), net;

	hf_http_client_stats(c->http, &st);
	net = st.net_ms - st.cb_ms;
	hf_trace("mlflow: %s: %zu in %lld ms (%lld ms in HTTP transfers)", what, count,
		 (long long)(now - *mark), (long long)(net - c->phase_net));
	c->phase_net = net;
	*mark = now;
}

/* What a registry fetch brings: the models as they are on the server, and runs that are gone. */
struct mlflow_fetched {
	struct hf_fetched base;
	struct hf_mlflow_parsed p;	/* assembled: p.models */
	char **gone;			/* run ids of versions whose run no longer exists */
	size_t ngone;
	size_t nruns, requests;
};

static void mlflow_fetched_free(struct hf_fetched *f)
{
	struct mlflow_fetched *mf = (struct mlflow_fetched *)f;

	hf_mlflow_parsed_clear(&mf->p);
	hf_strv_free(mf->gone, mf->ngone);
	free(mf);
}

static enum hf_status mlflow_fetch(struct hf_store *store, struct hf_sync *sync,
				   struct hf_fetched **out)
{
	const struct hf_source_conf *conf = sync->conf;
	const struct hf_sync_progress *progress = sync->progress;
	struct hf_mlflow_client c;
	struct mlflow_fetched *mf;
	struct hf_mlflow_parsed *p;
	struct hf_strbuf q = HF_STRBUF_INIT;
	struct hf_http_stats st;
	char *vq;
	size_t pages = 0, vpages = 0, nget = 0;
	long msize = conf->page_size > 0 && conf->page_size < MODELS_PAGE_MAX
		? conf->page_size : MODELS_PAGE_MAX;
	long vsize = conf->page_size > 0 && conf->page_size < 200000 ? conf->page_size : VERSIONS_PAGE;
	int64_t started = hf_mono_ms(), mark = started;
	enum hf_status rc;

	(void)store;
	*out = NULL;
	if ((rc = hf_mlflow_client_init(&c, conf, sync->cancel)))
		return rc;
	mf = xcalloc(1, sizeof(*mf));
	mf->base.free = mlflow_fetched_free;
	p = &mf->p;
	hf_strbuf_addf(&q, "max_results=%ld", msize);
	if (conf->filter && *conf->filter) {
		char *esc = hf_http_escape(conf->filter);

		hf_strbuf_addf(&q, "&filter=%s", esc);
		free(esc);
	}
	hf_sync_progress_report(progress, conf->name, "registered models", 0, 0);
	/* versions of every model, unfiltered: the filter applies through the model list */
	vq = xasprintf("max_results=%ld", vsize);
	{
		struct search_chain chains[2] = {
			{ "registered-models/search", q.buf, hf_mlflow_parse_models, NULL, 0, false },
			{ "model-versions/search", vq, hf_mlflow_parse_versions, NULL, 0, false },
		};

		rc = fetch_searches(&c, chains, 2, p);
		pages = chains[0].pages;
		vpages = chains[1].pages;
	}
	hf_trace("mlflow: %zu pages of registered models, %zu of model versions", pages, vpages);
	free(vq);
	if (!rc) {
		phase(&c, &mark, "searches", p->nmodels + p->nversions);
		hf_mlflow_parsed_assemble(p);
		hf_sync_progress_report(progress, conf->name, "aliases", 0, p->nmodels);
		rc = fetch_aliases(&c, p->models, p->nmodels, &nget);
	}
	if (!rc) {
		phase(&c, &mark, "registered-models/get", nget);
		hf_sync_progress_report(progress, conf->name, "runs", 0, 0);
		rc = fetch_runs(&c, p->models, p->nmodels, progress, &mf->nruns, &mf->gone, &mf->ngone);
		phase(&c, &mark, "runs/get", mf->nruns);
	}
	if (!rc)
		set_source(p->models, p->nmodels, conf->name);
	hf_strbuf_release(&q);
	hf_http_client_stats(c.http, &st);
	mf->requests = st.requests;
	{
		int64_t total = hf_mono_ms() - started, net = st.net_ms - st.cb_ms;

		hf_trace("mlflow fetch of '%s': %lld ms, %lld ms in HTTP transfers, %lld ms outside "
			 "(parsing), %zu requests (%zu retried)", conf->name, (long long)total,
			 (long long)net, (long long)(total - net), st.requests, st.retries);
	}
	hf_mlflow_client_release(&c);
	if (rc)
		mlflow_fetched_free(&mf->base);
	else
		*out = &mf->base;
	return rc;
}

/* Store what the fetch brought: the source's registry is replaced, with history, in one go. */
static enum hf_status mlflow_apply(struct hf_store *store, struct hf_sync *sync,
				   struct hf_fetched *fetched)
{
	struct mlflow_fetched *mf = (struct mlflow_fetched *)fetched;
	struct hf_sync_summary *sum = &sync->summary;
	const char *source = sync->conf->name;
	size_t events = 0;
	enum hf_status rc;

	if (!mf)
		return HF_OK;
	/* problems of this source are from its previous sync */
	rc = hf_store_forget_source(store, source);
	for (size_t i = 0; i < mf->ngone && !rc; i++) {
		struct hf_problem pr = { 0 };

		pr.source = (char *)source;
		pr.path = xasprintf("runs/get?run_id=%s", mf->gone[i]);
		pr.severity = HF_PROBLEM_WARNING;
		pr.message = xasprintf("run '%s' of a registered version no longer exists: "
				       "its metrics are unknown", mf->gone[i]);
		pr.at = sync->now;
		rc = hf_store_problem_add(store, &pr);
		free(pr.message);
		free(pr.path);
	}
	if (!rc)
		rc = hf_store_reg_replace(store, source, mf->p.models, mf->p.nmodels, sync->now,
					  &events);
	sum->full = true;
	sum->models = mf->p.nmodels;
	sum->versions = count_versions(mf->p.models, mf->p.nmodels);
	sum->models_fetched = mf->p.nmodels;
	sum->runs_fetched = mf->nruns;
	sum->requests = mf->requests;
	sum->changes = events;
	return rc;
}

/* POST or DELETE one JSON body to endpoint; MLflow answers {}. */
static enum hf_status write_call(const struct hf_source_conf *conf, const char *method,
				 const char *endpoint, json_t *body)
{
	struct hf_mlflow_client c;
	struct hf_http_req req;
	char *text = json_dumps(body, JSON_COMPACT);
	enum hf_status rc;

	json_decref(body);
	if (!text)
		return hf_error(HF_ERR, "cannot encode the request to '%s'", endpoint);
	if ((rc = hf_mlflow_client_init(&c, conf, NULL))) {
		free(text);
		return rc;
	}
	hf_mlflow_req_init(&c, &req, method, endpoint, NULL, text);
	rc = hf_http_perform(c.http, &req, 1, NULL, NULL);
	if (!rc) {
		json_t *root = json_loadb(req.resp.buf, req.resp.len, 0, NULL);

		if (!json_is_object(root))
			rc = hf_error(HF_EINVAL, "response from '%s' is not a JSON object", endpoint);
		json_decref(root);
	}
	hf_http_req_release(&req);
	hf_mlflow_client_release(&c);
	free(text);
	return rc;
}

enum hf_status hf_mlflow_set_version_tag(const struct hf_source_conf *conf, const char *model,
					 const char *version, const char *key, const char *value)
{
	return write_call(conf, "POST", "model-versions/set-tag",
			  json_pack("{s:s, s:s, s:s, s:s}", "name", model, "version", version,
				    "key", key, "value", value ? value : ""));
}

enum hf_status hf_mlflow_set_alias(const struct hf_source_conf *conf, const char *model,
				   const char *alias, const char *version)
{
	return write_call(conf, "POST", "registered-models/alias",
			  json_pack("{s:s, s:s, s:s}", "name", model, "alias", alias,
				    "version", version));
}

enum hf_status hf_mlflow_delete_alias(const struct hf_source_conf *conf, const char *model,
				      const char *alias)
{
	return write_call(conf, "DELETE", "registered-models/alias",
			  json_pack("{s:s, s:s}", "name", model, "alias", alias));
}

static const char *payload_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static enum hf_status mlflow_push(struct hf_store *store, const struct hf_source_conf *conf,
				  const struct hf_outbox_entry *e)
{
	json_error_t err;
	json_t *o = json_loads(e->payload ? e->payload : "", 0, &err);
	const char *model, *version, *alias, *key;
	enum hf_status rc;

	(void)store;
	if (!json_is_object(o)) {
		json_decref(o);
		return hf_error(HF_EINVAL, "outbox entry %lld ('%s') has a payload that is not a "
				"JSON object", (long long)e->id, e->kind);
	}
	model = payload_str(o, "model");
	if (!model)
		model = payload_str(o, "name");
	version = payload_str(o, "version");
	alias = payload_str(o, "alias");
	key = payload_str(o, "key");
	if (!model) {
		rc = hf_error(HF_EINVAL, "outbox entry %lld ('%s') lacks 'model'", (long long)e->id,
			      e->kind);
	} else if (!strcmp(e->kind, "tag-set")) {
		rc = version && key
			? hf_mlflow_set_version_tag(conf, model, version, key, payload_str(o, "value"))
			: hf_error(HF_EINVAL, "outbox entry %lld ('tag-set') needs 'version' and 'key'",
				   (long long)e->id);
	} else if (!strcmp(e->kind, "alias-set")) {
		rc = version && alias
			? hf_mlflow_set_alias(conf, model, alias, version)
			: hf_error(HF_EINVAL, "outbox entry %lld ('alias-set') needs 'alias' and "
				   "'version'", (long long)e->id);
	} else if (!strcmp(e->kind, "alias-delete")) {
		rc = alias ? hf_mlflow_delete_alias(conf, model, alias)
			: hf_error(HF_EINVAL, "outbox entry %lld ('alias-delete') needs 'alias'",
				   (long long)e->id);
	} else {
		rc = hf_error(HF_EINVAL, "a registry source cannot push outbox entries of kind '%s'",
			      e->kind);
	}
	json_decref(o);
	return rc;
}

const struct hf_source_ops hf_source_mlflow_ops = {
	.type = HF_SOURCE_MLFLOW,
	.fetch = mlflow_fetch,
	.apply = mlflow_apply,
	.push = mlflow_push,
};

/* Read a whole file (capped like a response). */
static enum hf_status read_file(const char *path, struct hf_strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t got;

	hf_strbuf_reset(sb);
	if (!f)
		return hf_error(errno == ENOENT ? HF_ENOTFOUND : HF_EIO, "cannot read '%s': %s",
				path, strerror(errno));
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (sb->len + got > HF_MLFLOW_MAX_BODY) {
			fclose(f);
			return hf_error(HF_ETOOBIG, "'%s' is larger than %u MiB", path,
					HF_MLFLOW_MAX_BODY >> 20);
		}
		hf_strbuf_add(sb, buf, got);
	}
	if (ferror(f)) {
		fclose(f);
		return hf_error(HF_EIO, "cannot read '%s'", path);
	}
	fclose(f);
	return HF_OK;
}

/* A run id as MLflow makes them (hex, or letters, digits, '-', '_'), at most 64 bytes. */
static bool plain_name(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		      (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'))
			return false;
	return n > 0 && n <= 64;
}

/* Files in dir named prefix*.json, sorted. */
static enum hf_status list_pages(const char *dir, const char *prefix, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t alloc = 0, plen = strlen(prefix);

	*out = NULL;
	*n = 0;
	if (!d)
		return hf_error(errno == ENOENT ? HF_ENOTFOUND : HF_EIO, "cannot open '%s': %s",
				dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (strncmp(de->d_name, prefix, plen) || len < plen + 5 ||
		    strcmp(de->d_name + len - 5, ".json"))
			continue;
		*out = xgrow(*out, *n + 1, &alloc, sizeof(**out));
		(*out)[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), str_cmp);
	return HF_OK;
}

enum hf_status hf_mlflow_load_dir(struct hf_store *store, const char *source, const char *dir)
{
	struct hf_mlflow_parsed p = { 0 };
	struct hf_strbuf sb = HF_STRBUF_INIT;
	struct run_results r = { 0 };
	char **files = NULL;
	size_t nfiles = 0;
	enum hf_status rc;

	rc = list_pages(dir, "registered-models-search", &files, &nfiles);
	if (!rc && !nfiles)
		rc = hf_error(HF_ENOTFOUND, "no registered-models-search.json in '%s'", dir);
	for (size_t i = 0; i < nfiles && !rc; i++)
		if (!(rc = read_file(files[i], &sb)))
			rc = hf_mlflow_parse_models(&p, files[i], sb.buf, sb.len, NULL);
	hf_strv_free(files, nfiles);
	files = NULL;
	nfiles = 0;
	if (!rc)
		rc = list_pages(dir, "model-versions-search", &files, &nfiles);
	for (size_t i = 0; i < nfiles && !rc; i++)
		if (!(rc = read_file(files[i], &sb)))
			rc = hf_mlflow_parse_versions(&p, files[i], sb.buf, sb.len, NULL);
	hf_strv_free(files, nfiles);
	if (!rc) {
		hf_mlflow_parsed_assemble(&p);
		results_init(&r, p.models, p.nmodels);
	}
	for (size_t i = 0; i < r.nids && !rc; i++) {
		char *path;

		/* the id comes from a file: it names a file in runs/, never a path elsewhere */
		if (!plain_name(r.ids[i])) {
			char *shown = hf_sanitize(r.ids[i], 0);

			rc = hf_error(HF_EINVAL, "'%s/model-versions-search*.json': run id '%s' is not "
				      "a plain name (letters, digits, '-', '_')", dir, shown);
			free(shown);
			break;
		}
		path = xasprintf("%s/runs/%s.json", dir, r.ids[i]);
		rc = read_file(path, &sb);
		if (rc == HF_ENOTFOUND) {
			rc = HF_OK;	/* a run without a file simply has no metrics */
			hf_error_clear();
		} else if (!rc) {
			rc = hf_mlflow_parse_run(path, sb.buf, sb.len, &r.metrics[i], &r.nmetrics[i]);
		}
		free(path);
	}
	if (!rc)
		results_attach(&r, p.models, p.nmodels);
	results_clear(&r);
	if (!rc) {
		set_source(p.models, p.nmodels, source);
		rc = hf_store_reg_replace(store, source, p.models, p.nmodels, hf_now(), NULL);
	}
	hf_strbuf_release(&sb);
	hf_mlflow_parsed_clear(&p);
	return rc;
}
