/* mlflow_fetch.c: what a registry sync asks: the pod's models by name, the rest down to a watermark (runs: mlflow_runs.c) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/http.h"
#include "handoff/mlflow.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "mlflow_fetch.h"
#include "mlflow_internal.h"

#define MODELS_PAGE_MAX 1000	/* registered-models/search accepts at most this */
#define VERSIONS_PAGE 20000	/* model-versions/search accepts 200000; this stays well under the body cap */
#define ORDERED_PAGE 50	/* registered-models/search by last update: most syncs need one page */
/*
 * The ordered listing reads down to the newest update the last sync saw,
 * minus this: MLflow stamps a change with the clock of the worker that
 * made it when the request starts, and commits it later, so a change can
 * become visible with a time a little older than one already seen (several
 * workers, a slow transaction, skewed clocks). Five minutes covers that
 * with room; it costs re-reading the models changed in those minutes,
 * which are compared with what is stored and skipped when unchanged.
 */
#define WATERMARK_MARGIN_S 300

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

bool hf_mlflow_in_sorted(char *const *names, size_t n, const char *name)
{
	return n && bsearch(&name, names, n, sizeof(*names), str_cmp);
}

static void names_add(char ***names, size_t *n, size_t *alloc, const char *name)
{
	*names = xgrow(*names, *n + 1, alloc, sizeof(**names));
	(*names)[(*n)++] = xstrdup(name);
}

void hf_mlflow_phase(struct fetch *f, const char *what, size_t count)
{
	struct hf_http_stats st;
	int64_t now = hf_mono_ms(), net;

	hf_http_client_stats(f->c.http, &st);
	net = st.net_ms - st.cb_ms;
	hf_trace("mlflow: %s: %zu in %lld ms (%lld ms in HTTP transfers)", what, count,
		 (long long)(now - f->mark), (long long)(net - f->c.phase_net));
	f->c.phase_net = net;
	f->mark = now;
}

void hf_mlflow_fetched_free(struct hf_fetched *base)
{
	struct hf_mlflow_fetched *mf = (struct hf_mlflow_fetched *)base;

	if (!mf)
		return;
	hf_mlflow_parsed_clear(&mf->p);
	hf_strv_free(mf->gone, mf->ngone);
	hf_reg_runs_free(mf->runs, mf->nruns);
	hf_strv_free(mf->runs_gone, mf->nruns_gone);
	hf_strv_free(mf->pod, mf->npod);
	free(mf);
}

/* ---- searches paged through next_page_token ---- */

typedef enum hf_status (*page_parse_fn)(struct hf_mlflow_parsed *p, const char *what,
					const char *body, size_t len, char **next_token);

/* One search paged through next_page_token. */
struct search_chain {
	const char *endpoint;
	char *query;		/* owned */
	page_parse_fn parse;
	char *token;		/* of the next page; NULL before the first and after the last */
	size_t pages;
	bool done;
	/* the ordered listing stops once a page reaches below this (seconds; 0: never) */
	int64_t stop_below;
};

static void chain_release(struct search_chain *ch)
{
	free(ch->query);
	free(ch->token);
	memset(ch, 0, sizeof(*ch));
}

/* The request for a chain's next page. */
static void chain_req(struct fetch *f, struct search_chain *ch, struct hf_http_req *req)
{
	char *q;

	if (ch->token) {
		char *esc = hf_http_escape(ch->token);

		q = xasprintf("%s&page_token=%s", ch->query, esc);
		free(esc);
	} else {
		q = xstrdup(ch->query);
	}
	hf_mlflow_req_init(&f->c, req, "GET", ch->endpoint, q, NULL);
	free(q);
}

/* A chain's page came: parse it into p, note the next token. */
static enum hf_status chain_page(struct search_chain *ch, struct hf_mlflow_parsed *p,
				 const struct hf_http_req *req)
{
	size_t before = p->nmodels;
	char *next = NULL;
	enum hf_status rc = ch->parse(p, ch->endpoint, req->resp.buf, req->resp.len, &next);

	if (!rc && next && ch->token && !strcmp(next, ch->token))
		rc = hf_error(HF_EINVAL, "'%s' answered the same next_page_token twice", ch->endpoint);
	if (!rc && ++ch->pages > HF_MLFLOW_MAX_PAGES)
		rc = hf_error(HF_EINVAL, "'%s' gave more than %d pages", ch->endpoint, HF_MLFLOW_MAX_PAGES);
	free(ch->token);
	ch->token = next;
	ch->done = !next;
	/* ordered by last update: the page's oldest model below the watermark ends the listing */
	if (!rc && ch->stop_below && p->nmodels > before &&
	    p->models[p->nmodels - 1].updated < ch->stop_below)
		ch->done = true;
	return rc;
}

/*
 * Page through the chains side by side (page k of each at once), with
 * extra requests (may be none) in the first round: the registered-model
 * and model-version searches do not depend on each other.
 */
static enum hf_status run_chains(struct fetch *f, struct search_chain *chains, size_t n,
				 struct hf_mlflow_parsed *p, struct hf_http_req *extra, size_t nextra,
				 hf_http_done_fn extra_done, void *extra_data)
{
	enum hf_status rc = HF_OK;
	bool first = true;

	while (!rc) {
		struct hf_http_req *reqs = xcalloc(n + nextra + 1, sizeof(*reqs));
		size_t *which = xcalloc(n + 1, sizeof(*which)), nreq = 0, nchain;

		for (size_t i = 0; i < n; i++) {
			if (chains[i].done)
				continue;
			chain_req(f, &chains[i], &reqs[nreq]);
			which[nreq++] = i;
		}
		nchain = nreq;
		if (first && nextra) {
			/* the extra requests ride along in the first round */
			memcpy(&reqs[nreq], extra, nextra * sizeof(*extra));
			nreq += nextra;
		}
		if (!nreq) {
			free(reqs);
			free(which);
			break;
		}
		rc = hf_http_perform(f->c.http, reqs, nreq, NULL, NULL);
		for (size_t k = nchain; k < nreq; k++) {
			/* hand each outcome back to the caller's array, then to extra_done */
			struct hf_http_req *x = &extra[k - nchain];

			*x = reqs[k];
			if (!rc && extra_done && (!x->rc || (x->rc == HF_ENOTFOUND && x->missing_ok)))
				rc = extra_done(extra_data, k - nchain, x);
		}
		for (size_t k = 0; k < nchain; k++) {
			if (!rc)
				rc = chain_page(&chains[which[k]], p, &reqs[k]);
			hf_http_req_release(&reqs[k]);
		}
		free(reqs);
		free(which);
		first = false;
	}
	return rc;
}

/* ---- the full listing ---- */

/* Aliases from registered-models/get for models with versions, when the search carries none. */
static enum hf_status fetch_aliases(struct fetch *f, struct hf_reg_model *models, size_t n)
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
		hf_mlflow_req_init(&f->c, &reqs[nreq], "GET", "registered-models/get", q, NULL);
		reqs[nreq].missing_ok = true;
		which[nreq++] = i;
		free(esc);
		free(q);
	}
	rc = nreq ? hf_http_perform(f->c.http, reqs, nreq, NULL, NULL) : HF_OK;
	for (size_t k = 0; k < nreq && !rc; k++)
		if (!reqs[k].rc)
			rc = hf_mlflow_parse_model_get("registered-models/get", reqs[k].resp.buf,
						       reqs[k].resp.len, &models[which[k]]);
	for (size_t k = 0; k < nreq; k++)
		hf_http_req_release(&reqs[k]);
	free(reqs);
	free(which);
	hf_mlflow_phase(f, "registered-models/get (no aliases in the search)", nreq);
	return rc;
}

static char *filter_query(const struct hf_source_conf *conf, const char *base)
{
	struct hf_strbuf q = HF_STRBUF_INIT;

	hf_strbuf_init(&q);
	hf_strbuf_adds(&q, base);
	if (conf->filter && *conf->filter) {
		char *esc = hf_http_escape(conf->filter);

		hf_strbuf_addf(&q, "&filter=%s", esc);
		free(esc);
	}
	return hf_strbuf_detach(&q);
}

/* The whole registry: both searches page by page, side by side. */
static enum hf_status full_listing(struct fetch *f)
{
	const struct hf_source_conf *conf = f->conf;
	struct hf_mlflow_parsed *p = &f->out->p;
	long msize = conf->page_size > 0 && conf->page_size < MODELS_PAGE_MAX
		? conf->page_size : MODELS_PAGE_MAX;
	long vsize = conf->page_size > 0 && conf->page_size < 200000 ? conf->page_size : VERSIONS_PAGE;
	struct search_chain chains[2];
	char *mq = xasprintf("max_results=%ld", msize);
	enum hf_status rc;

	memset(chains, 0, sizeof(chains));
	chains[0].endpoint = "registered-models/search";
	chains[0].query = filter_query(conf, mq);
	chains[0].parse = hf_mlflow_parse_models;
	/* versions of every model, unfiltered: the filter applies through the model list */
	chains[1].endpoint = "model-versions/search";
	chains[1].query = xasprintf("max_results=%ld", vsize);
	chains[1].parse = hf_mlflow_parse_versions;
	free(mq);
	hf_sync_progress_report(f->sync->progress, conf->name, "listing the registry", 0, 0);
	rc = run_chains(f, chains, 2, p, NULL, 0, NULL, NULL);
	hf_trace("mlflow: %zu pages of registered models, %zu of model versions", chains[0].pages,
		 chains[1].pages);
	chain_release(&chains[0]);
	chain_release(&chains[1]);
	if (rc)
		return rc;
	f->out->listed = p->nmodels;
	f->out->saw_aliases = p->saw_aliases;
	hf_mlflow_phase(f, "searches", p->nmodels + p->nversions);
	for (size_t i = 0; i < p->nmodels; i++)
		if (p->models[i].updated > f->out->watermark)
			f->out->watermark = p->models[i].updated;
	hf_mlflow_parsed_assemble(p);
	/* MLflow 2.9.2 leaves out an empty alias list: ask models/get only when no model had one */
	if (!p->saw_aliases)
		rc = fetch_aliases(f, p->models, p->nmodels);
	return rc;
}

/* ---- the incremental listing ---- */

/*
 * A filter that finds one model by name. MLflow's filter parser takes a
 * name in single or double quotes but no escape inside them (a doubled ''
 * or \' finds nothing), so the quote is the one the name lacks; a name
 * with both kinds is found by LIKE with '_' for each quote, and the answer
 * is kept only for the exact name (assemble drops other models' versions).
 */
static char *name_filter(const char *name)
{
	bool single = strchr(name, '\'') != NULL, dbl = strchr(name, '"') != NULL;

	if (!single)
		return xasprintf("name = '%s'", name);
	if (!dbl)
		return xasprintf("name = \"%s\"", name);
	{
		char *like = xasprintf("name LIKE '%s'", name);

		for (char *c = like + 11; c[1]; c++)
			if (*c == '\'' || *c == '"')
				*c = '_';
		return like;
	}
}

/* The per-name requests for one model: its registered-models/get (when asked) and its versions. */
static void model_reqs(struct fetch *f, const char *name, bool with_get, struct hf_http_req **reqs,
		       size_t *n, size_t *alloc)
{
	char *esc = hf_http_escape(name), *flt = name_filter(name), *fesc = hf_http_escape(flt);
	char *q;

	if (with_get) {
		*reqs = xgrow(*reqs, *n + 1, alloc, sizeof(**reqs));
		q = xasprintf("name=%s", esc);
		hf_mlflow_req_init(&f->c, &(*reqs)[*n], "GET", "registered-models/get", q, NULL);
		(*reqs)[(*n)++].missing_ok = true;
		free(q);
	}
	*reqs = xgrow(*reqs, *n + 1, alloc, sizeof(**reqs));
	q = xasprintf("filter=%s&max_results=%d", fesc, VERSIONS_PAGE);
	hf_mlflow_req_init(&f->c, &(*reqs)[(*n)++], "GET", "model-versions/search", q, NULL);
	free(q);
	free(esc);
	free(flt);
	free(fesc);
}

/* What the per-name answers fill: models (from get) and versions, and which pod models are gone. */
struct per_name {
	struct fetch *f;
	struct hf_mlflow_parsed *p;
	struct hf_http_req *reqs;
	char **names;		/* the model each request is for */
	char **more;		/* version searches that need a next page: "name\ttoken" */
	size_t nmore, alloc_more;
};

static enum hf_status per_name_done(void *data, size_t i, struct hf_http_req *req)
{
	struct per_name *pn = data;
	struct hf_mlflow_fetched *out = pn->f->out;
	enum hf_status rc;
	char *next = NULL;

	if (!strcmp(req->what, "registered-models/get")) {
		if (req->rc == HF_ENOTFOUND) {
			/* a pod model the server no longer has: gone at once */
			out->gone = xrealloc(out->gone, (out->ngone + 1) * sizeof(*out->gone));
			out->gone[out->ngone++] = xstrdup(pn->names[i]);
			return HF_OK;
		}
		rc = hf_mlflow_parse_model_one(pn->p, req->what, req->resp.buf, req->resp.len);
	} else {
		rc = hf_mlflow_parse_versions(pn->p, req->what, req->resp.buf, req->resp.len, &next);
		if (!rc && next) {
			pn->more = xgrow(pn->more, pn->nmore + 1, &pn->alloc_more, sizeof(*pn->more));
			pn->more[pn->nmore++] = xasprintf("%s\t%s", pn->names[i], next);
		}
		free(next);
	}
	hf_strbuf_release(&req->resp);
	return rc;
}

/* The later pages of version searches of single models (a model with over 20,000 versions). */
static enum hf_status more_pages(struct fetch *f, struct per_name *pn)
{
	enum hf_status rc = HF_OK;

	while (!rc && pn->nmore) {
		char **todo = pn->more;
		size_t ntodo = pn->nmore;
		struct hf_http_req *reqs = xcalloc(ntodo, sizeof(*reqs));
		char **names = xcalloc(ntodo, sizeof(*names));

		pn->more = NULL;
		pn->nmore = pn->alloc_more = 0;
		for (size_t i = 0; i < ntodo; i++) {
			char *tab = strchr(todo[i], '\t');
			char *flt, *fesc, *tesc, *q;

			*tab = '\0';
			names[i] = xstrdup(todo[i]);
			flt = name_filter(names[i]);
			fesc = hf_http_escape(flt);
			tesc = hf_http_escape(tab + 1);
			q = xasprintf("filter=%s&max_results=%d&page_token=%s", fesc, VERSIONS_PAGE, tesc);
			hf_mlflow_req_init(&f->c, &reqs[i], "GET", "model-versions/search", q, NULL);
			free(flt);
			free(fesc);
			free(tesc);
			free(q);
		}
		pn->names = names;
		rc = hf_http_perform(f->c.http, reqs, ntodo, per_name_done, pn);
		for (size_t i = 0; i < ntodo; i++)
			hf_http_req_release(&reqs[i]);
		free(reqs);
		hf_strv_free(names, ntodo);
		hf_strv_free(todo, ntodo);
	}
	hf_strv_free(pn->more, pn->nmore);
	pn->more = NULL;
	pn->nmore = 0;
	return rc;
}

/*
 * The incremental listing: the pod's models by name (get and version
 * search, all at once) side by side with the registry ordered by last
 * update down to the watermark; then the versions of the models that
 * listing shows changed.
 */
static enum hf_status incremental_listing(struct fetch *f)
{
	const struct hf_source_conf *conf = f->conf;
	struct hf_mlflow_fetched *out = f->out;
	struct hf_mlflow_parsed listing = { 0 };
	struct per_name pn = { 0 };
	struct hf_http_req *reqs = NULL;
	char **names = NULL, **changed = NULL;
	size_t nreq = 0, alloc = 0, nnames = 0, nchanged = 0, alloc_changed = 0;
	struct search_chain chain;
	char *base = xasprintf("max_results=%d&order_by=%s", ORDERED_PAGE, "last_updated_timestamp%20DESC");
	enum hf_status rc;

	for (size_t i = 0; i < f->npod; i++) {
		size_t before = nreq;

		model_reqs(f, f->pod[i], true, &reqs, &nreq, &alloc);
		for (size_t k = before; k < nreq; k++) {
			names = xrealloc(names, (nnames + 1) * sizeof(*names));
			names[nnames++] = f->pod[i];
		}
	}
	memset(&chain, 0, sizeof(chain));
	chain.endpoint = "registered-models/search";
	chain.query = filter_query(conf, base);
	chain.parse = hf_mlflow_parse_models;
	chain.stop_below = f->watermark - WATERMARK_MARGIN_S;
	if (chain.stop_below <= 0)
		chain.stop_below = 1;
	free(base);
	pn.f = f;
	pn.p = &out->p;
	pn.names = names;
	hf_sync_progress_report(f->sync->progress, conf->name, "the pod's models", 0, f->npod);
	/* sync --model asks for that model only: no listing */
	rc = run_chains(f, &chain, f->sync->model ? 0 : 1, &listing, reqs, nreq, per_name_done, &pn);
	hf_trace("mlflow: %zu pod models by name, %zu pages of the registry by last update",
		 f->npod, chain.pages);
	chain_release(&chain);
	for (size_t k = 0; k < nreq; k++)
		hf_http_req_release(&reqs[k]);
	free(reqs);
	reqs = NULL;
	nreq = alloc = 0;
	free(names);
	names = NULL;
	if (!rc)
		rc = more_pages(f, &pn);
	if (rc)
		goto out;
	hf_mlflow_phase(f, "pod models and the ordered listing", f->npod + listing.nmodels);
	out->listed = listing.nmodels;
	out->saw_aliases = listing.saw_aliases;
	/* the models the listing shows changed since the last sync, outside the pod */
	for (size_t i = 0; i < listing.nmodels; i++) {
		const struct hf_reg_model *m = &listing.models[i];
		const struct hf_reg_known_model *k = hf_reg_known_model(&f->known, m->name);

		if (m->updated > out->watermark)
			out->watermark = m->updated;
		if (m->updated < f->watermark - WATERMARK_MARGIN_S || hf_mlflow_in_sorted(f->pod, f->npod, m->name))
			continue;
		if (k && k->updated == m->updated)
			continue;	/* seen by the last sync as it is now */
		names_add(&changed, &nchanged, &alloc_changed, m->name);
	}
	if (nchanged) {
		/* its aliases from the listing, unless this server never sends them in a search */
		bool with_get = !listing.saw_aliases && !f->aliases_known;

		for (size_t i = 0; i < nchanged; i++) {
			size_t before = nreq;

			model_reqs(f, changed[i], with_get, &reqs, &nreq, &alloc);
			for (size_t k = before; k < nreq; k++) {
				names = xrealloc(names, (nnames = k + 1) * sizeof(*names));
				names[k] = changed[i];
			}
			if (!with_get) {
				/* move the listed model (with its aliases and tags) into the result */
				for (size_t j = 0; j < listing.nmodels; j++) {
					if (!listing.models[j].name || strcmp(listing.models[j].name, changed[i]))
						continue;
					out->p.models = xgrow(out->p.models, out->p.nmodels + 1,
							      &out->p.alloc_models, sizeof(*out->p.models));
					out->p.models[out->p.nmodels++] = listing.models[j];
					memset(&listing.models[j], 0, sizeof(listing.models[j]));
					break;
				}
			}
		}
		pn.names = names;
		rc = hf_http_perform(f->c.http, reqs, nreq, per_name_done, &pn);
		if (!rc)
			rc = more_pages(f, &pn);
		hf_mlflow_phase(f, "models changed outside the pod", nchanged);
	}
	if (!rc)
		hf_mlflow_parsed_assemble(&out->p);
out:
	for (size_t k = 0; k < nreq; k++)
		hf_http_req_release(&reqs[k]);
	free(reqs);
	free(names);
	hf_strv_free(changed, nchanged);
	hf_strv_free(pn.more, pn.nmore);
	/* models cleared by the move have a NULL name: clear skips them */
	hf_mlflow_parsed_clear(&listing);
	return rc;
}

/* ---- the fetch ---- */

/* What the last syncs left: known models and runs, the pod's names, the watermark. */
static enum hf_status read_previous(struct hf_store *store, struct fetch *f, int64_t *full_at)
{
	const char *source = f->conf->name;
	char *wm = NULL, *fa = NULL, *sa = NULL, *flt = NULL;
	const char *now_flt = f->conf->filter ? f->conf->filter : "";
	enum hf_status rc;

	*full_at = 0;
	if ((rc = hf_store_read_begin(store)))
		return rc;
	rc = hf_store_reg_known(store, source, &f->known);
	if (!rc)
		rc = hf_store_reg_pod_names(store, source, &f->pod, &f->npod);
	if (!rc)
		rc = hf_store_state_get(store, source, "watermark", &wm);
	if (!rc)
		rc = hf_store_state_get(store, source, "full_at", &fa);
	if (!rc)
		rc = hf_store_state_get(store, source, "search_aliases", &sa);
	if (!rc)
		rc = hf_store_state_get(store, source, "filter", &flt);
	hf_store_read_end(store);
	f->filter_changed = strcmp(flt ? flt : "", now_flt) != 0;
	free(flt);
	f->watermark = wm ? strtoll(wm, NULL, 10) : 0;
	*full_at = fa ? strtoll(fa, NULL, 10) : 0;
	f->aliases_known = sa && !strcmp(sa, "yes");
	free(wm);
	free(fa);
	free(sa);
	/* sync --model: that one model is the whole question */
	if (!rc && f->sync->model) {
		hf_strv_free(f->pod, f->npod);
		f->pod = xcalloc(1, sizeof(*f->pod));
		f->pod[0] = xstrdup(f->sync->model);
		f->npod = 1;
		return HF_OK;
	}
	/* with a filter the registry view is already narrowed to what the pod follows */
	if (!rc && f->conf->filter && *f->conf->filter) {
		size_t alloc = f->npod;

		for (size_t i = 0; i < f->known.nmodels; i++)
			names_add(&f->pod, &f->npod, &alloc, f->known.models[i].name);
		if (f->npod > 1)
			qsort(f->pod, f->npod, sizeof(*f->pod), str_cmp);
		alloc = 0;
		for (size_t i = 0; i < f->npod; i++) {
			if (alloc && !strcmp(f->pod[alloc - 1], f->pod[i])) {
				free(f->pod[i]);
				continue;
			}
			f->pod[alloc++] = f->pod[i];
		}
		f->npod = alloc;
	}
	return rc;
}

/* Whether this sync lists the whole registry: asked, first ever, or the first of a UTC day. */
static bool wants_full(const struct fetch *f, int64_t full_at)
{
	if (f->sync->model)
		return false;	/* one model by name, nothing else */
	if (f->sync->flags & HF_SYNC_FULL)
		return true;
	if (!f->watermark || !full_at || f->filter_changed)
		return true;	/* first sync, or the filter changed what the view holds */
	switch (f->conf->full_sync) {
	case HF_FULL_SYNC_ALWAYS: return true;
	case HF_FULL_SYNC_NEVER: return false;
	case HF_FULL_SYNC_DAILY: break;
	}
	return hf_floor_div(full_at, 86400) != hf_floor_div(f->sync->now, 86400);
}

enum hf_status hf_mlflow_fetch(struct hf_store *store, struct hf_sync *sync,
			       struct hf_fetched **result)
{
	struct fetch f;
	struct hf_http_stats st;
	int64_t started = hf_mono_ms(), full_at;
	enum hf_status rc;

	*result = NULL;
	memset(&f, 0, sizeof(f));
	f.sync = sync;
	f.conf = sync->conf;
	f.mark = started;
	if ((rc = hf_mlflow_client_init(&f.c, f.conf, sync->cancel)))
		return rc;
	f.out = xcalloc(1, sizeof(*f.out));
	f.out->base.free = hf_mlflow_fetched_free;
	rc = read_previous(store, &f, &full_at);
	if (!rc) {
		f.out->full = wants_full(&f, full_at);
		hf_trace("mlflow: '%s': %s sync, %zu pod models, watermark %lld", f.conf->name,
			 f.out->full ? "full" : "incremental", f.npod, (long long)f.watermark);
		rc = f.out->full ? full_listing(&f) : incremental_listing(&f);
	}
	if (!rc && !f.out->full && f.watermark > f.out->watermark)
		f.out->watermark = f.watermark;	/* an empty listing keeps the old mark */
	if (sync->model)
		f.out->watermark = 0;	/* no listing: the mark stays as it was */
	if (!rc)
		rc = hf_mlflow_fetch_runs(&f);
	hf_http_client_stats(f.c.http, &st);
	f.out->requests = st.requests;
	{
		int64_t total = hf_mono_ms() - started, net = st.net_ms - st.cb_ms;

		hf_trace("mlflow fetch of '%s': %lld ms, %lld ms in HTTP transfers, %lld ms outside "
			 "(parsing), %zu requests (%zu retried)", f.conf->name, (long long)total,
			 (long long)net, (long long)(total - net), st.requests, st.retries);
	}
	hf_mlflow_client_release(&f.c);
	hf_reg_known_clear(&f.known);
	/* apply needs the pod's names to tell its models from the rest */
	f.out->pod = f.pod;
	f.out->npod = f.npod;
	if (rc)
		hf_mlflow_fetched_free(&f.out->base);
	else
		*result = &f.out->base;
	return rc;
}
