/* mlflow.c: the MLflow registry source: its client, apply, push (alias and tag writes), demo loader; fetch in mlflow_fetch.c and mlflow_runs.c */
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
#include "handoff/paths.h"
#include "handoff/sanitize.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "mlflow_internal.h"

#define MODELS_PAGE_MAX 1000		/* registered-models/search accepts at most this */
#define VERSIONS_PAGE 20000		/* model-versions/search accepts 200000; this stays well under the body cap */

enum hf_status hf_mlflow_client_init(struct hf_mlflow_client *c, const struct hf_source_conf *conf,
				     const struct hf_cancel *cancel)
{
	struct hf_http_opts o = { 0 };
	size_t len;
	enum hf_status rc;

	memset(c, 0, sizeof(*c));
	if ((rc = hf_http_opts_for(&o, conf, cancel)))
		return rc;
	o.describe = hf_mlflow_describe_error;
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

static void set_source(struct hf_reg_model *models, size_t n, const char *source)
{
	for (size_t i = 0; i < n; i++) {
		free(models[i].source);
		models[i].source = xstrdup(source);
	}
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Runs asked for that no longer exist: a warning each (their metrics are unknown). */
static enum hf_status note_gone_runs(struct hf_store *store, const char *source,
				     char *const *ids, size_t n, int64_t now)
{
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_problem pr = { 0 };

		pr.source = (char *)source;
		pr.path = xasprintf("runs/get?run_id=%s", ids[i]);
		pr.severity = HF_PROBLEM_WARNING;
		pr.message = xasprintf("run '%s' of a registered version no longer exists: "
				       "its metrics are unknown", ids[i]);
		pr.at = now;
		rc = hf_store_problem_add(store, &pr);
		free(pr.message);
		free(pr.path);
	}
	return rc;
}

static void add_change(struct hf_strbuf *sb, size_t n, const char *one, const char *many)
{
	if (n)
		hf_strbuf_addf(sb, "%s%zu %s", sb->len ? ", " : "", n, n == 1 ? one : many);
}

/* "1 version registered, 1 alias moved, metrics of 2 runs": what the apply wrote, by kind. */
static char *changes_text(const struct hf_reg_changes *c)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	add_change(&sb, c->models_new, "model new", "models new");
	add_change(&sb, c->models_deleted, "model deleted", "models deleted");
	add_change(&sb, c->versions_new, "version registered", "versions registered");
	add_change(&sb, c->versions_deleted, "version deleted", "versions deleted");
	add_change(&sb, c->stages, "stage moved", "stages moved");
	add_change(&sb, c->aliases_set, "alias set", "aliases set");
	add_change(&sb, c->aliases_moved, "alias moved", "aliases moved");
	add_change(&sb, c->aliases_removed, "alias removed", "aliases removed");
	add_change(&sb, c->models_updated, "model updated", "models updated");
	if (c->runs)
		hf_strbuf_addf(&sb, "%smetrics of %zu run%s", sb.len ? ", " : "", c->runs,
			       c->runs == 1 ? "" : "s");
	return hf_strbuf_detach(&sb);
}

/*
 * Store what the fetch brought, in the sync's transaction: a full listing
 * replaces the source's registry (models it lacks were deleted); an
 * incremental one replaces the models it fetched and removes the pod
 * models the server no longer has. Unchanged models are not written.
 */
static enum hf_status mlflow_apply(struct hf_store *store, struct hf_sync *sync,
				   struct hf_fetched *fetched)
{
	struct hf_mlflow_fetched *mf = (struct hf_mlflow_fetched *)fetched;
	struct hf_sync_summary *sum = &sync->summary;
	const char *source = sync->conf->name;
	struct hf_reg_update u = { 0 };
	struct hf_reg_changes changes = { 0 };
	char buf[32];
	enum hf_status rc;

	if (!mf)
		return HF_OK;
	set_source(mf->p.models, mf->p.nmodels, source);
	/* problems of this source are from its previous sync (one model by name leaves them) */
	rc = sync->model ? HF_OK : hf_store_forget_source(store, source);
	if (!rc)
		rc = note_gone_runs(store, source, mf->runs_gone, mf->nruns_gone, sync->now);
	u.full = mf->full;
	u.models = mf->p.models;
	u.nmodels = mf->p.nmodels;
	u.gone = mf->gone;
	u.ngone = mf->ngone;
	u.runs = mf->runs;
	u.nruns = mf->nruns;
	if (!rc)
		rc = hf_store_reg_update(store, source, &u, sync->now, &changes);
	if (!rc && mf->watermark) {
		snprintf(buf, sizeof(buf), "%lld", (long long)mf->watermark);
		rc = hf_store_state_set(store, source, "watermark", buf);
	}
	if (!rc && mf->full) {
		snprintf(buf, sizeof(buf), "%lld", (long long)sync->now);
		rc = hf_store_state_set(store, source, "full_at", buf);
		if (!rc)
			rc = hf_store_state_set(store, source, "filter",
						sync->conf->filter ? sync->conf->filter : "");
	}
	if (!rc && mf->saw_aliases)
		rc = hf_store_state_set(store, source, "search_aliases", "yes");
	if (!rc)
		rc = hf_store_reg_counts(store, source, &sum->models, &sum->versions);
	sum->full = mf->full;
	sum->models_fetched = mf->p.nmodels;
	sum->runs_fetched = mf->runs_fetched;
	sum->requests = mf->requests;
	sum->changes = hf_reg_changes_total(&changes);
	sum->changed = changes_text(&changes);
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
	} else if (!strcmp(e->kind, "promote")) {
		/* a promotion the gate refused says so on the version first (key, value) */
		rc = !version || !alias
			? hf_error(HF_EINVAL, "outbox entry %lld ('promote') needs 'alias' and "
				   "'version'", (long long)e->id)
		     : key ? hf_mlflow_set_version_tag(conf, model, version, key, payload_str(o, "value"))
			   : HF_OK;
		if (!rc)
			rc = hf_mlflow_set_alias(conf, model, alias, version);
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
	.fetch = hf_mlflow_fetch,
	.apply = mlflow_apply,
	.push = mlflow_push,
};

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
	struct hf_reg_run *runs = NULL;
	char *text = NULL;
	size_t len;
	struct hf_reg_update u = { 0 };
	char **files = NULL, **ids = NULL;
	size_t nfiles = 0, nids = 0, alloc = 0, nruns = 0;
	enum hf_status rc;

	rc = list_pages(dir, "registered-models-search", &files, &nfiles);
	if (!rc && !nfiles)
		rc = hf_error(HF_ENOTFOUND, "no registered-models-search.json in '%s'", dir);
	for (size_t i = 0; i < nfiles && !rc; i++) {
		if (!(rc = hf_read_file(files[i], HF_MLFLOW_MAX_BODY, &text, &len)))
			rc = hf_mlflow_parse_models(&p, files[i], text, len, NULL);
		HF_FREE(text);
	}
	hf_strv_free(files, nfiles);
	files = NULL;
	nfiles = 0;
	if (!rc)
		rc = list_pages(dir, "model-versions-search", &files, &nfiles);
	for (size_t i = 0; i < nfiles && !rc; i++) {
		if (!(rc = hf_read_file(files[i], HF_MLFLOW_MAX_BODY, &text, &len)))
			rc = hf_mlflow_parse_versions(&p, files[i], text, len, NULL);
		HF_FREE(text);
	}
	hf_strv_free(files, nfiles);
	if (!rc)
		hf_mlflow_parsed_assemble(&p);
	/* the runs of the versions that matter, as a live sync with runs = all would fetch */
	for (size_t i = 0; !rc && i < p.nmodels; i++)
		for (size_t j = 0; j < p.models[i].nversions; j++)
			if (hf_mlflow_version_matters(&p.models[i], j)) {
				ids = xgrow(ids, nids + 1, &alloc, sizeof(*ids));
				ids[nids++] = p.models[i].versions[j].run_id;
			}
	if (nids > 1)
		qsort(ids, nids, sizeof(*ids), str_cmp);
	runs = xcalloc(nids + 1, sizeof(*runs));
	for (size_t i = 0; i < nids && !rc; i++) {
		char *path;

		if (i && !strcmp(ids[i - 1], ids[i]))
			continue;
		/* the id comes from a file: it names a file in runs/, never a path elsewhere */
		if (!plain_name(ids[i])) {
			char *shown = hf_sanitize(ids[i], 0);

			rc = hf_error(HF_EINVAL, "'%s/model-versions-search*.json': run id '%s' is not "
				      "a plain name (letters, digits, '-', '_')", dir, shown);
			free(shown);
			break;
		}
		path = xasprintf("%s/runs/%s.json", dir, ids[i]);
		rc = hf_read_file(path, HF_MLFLOW_MAX_BODY, &text, &len);
		if (rc == HF_ENOTFOUND) {
			rc = HF_OK;	/* a run without a file simply has no metrics */
			hf_error_clear();
		} else if (!rc && !(rc = hf_mlflow_parse_run(path, text, len, &runs[nruns]))) {
			free(runs[nruns].run_id);
			runs[nruns++].run_id = xstrdup(ids[i]);
		}
		HF_FREE(text);
		free(path);
	}
	free(ids);
	if (!rc) {
		set_source(p.models, p.nmodels, source);
		u.full = true;
		u.models = p.models;
		u.nmodels = p.nmodels;
		u.runs = runs;
		u.nruns = nruns;
		rc = hf_store_reg_update(store, source, &u, hf_now(), NULL);
	}
	hf_reg_runs_free(runs, nruns);
	hf_mlflow_parsed_clear(&p);
	return rc;
}
