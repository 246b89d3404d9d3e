/* mlflow_parse.c: MLflow REST responses (jansson) into registry structs, with messages naming endpoint and field */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/mlflow.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "mlflow_internal.h"

static enum hf_status load(const char *what, const char *body, size_t len, json_t **out)
{
	json_error_t err;
	json_t *root;
	size_t i = 0;

	while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t'))
		i++;
	if (i == len)
		return hf_error(HF_EINVAL, "empty response from '%s'", what);
	if (body[i] != '{' && body[i] != '[') {
		/* body need not be NUL-terminated: quote at most 20 bytes of it */
		struct hf_strbuf quote = HF_STRBUF_INIT;
		enum hf_status rc;

		hf_sanitize_append(&quote, body + i, len - i < 20 ? len - i : 20, 0);
		rc = hf_error(HF_EINVAL, "response from '%s' is not JSON (starts with '%s')", what,
			      quote.buf);
		hf_strbuf_release(&quote);
		return rc;
	}
	root = json_loadb(body, len, JSON_ALLOW_NUL, &err);
	if (!root)
		return hf_error(HF_EINVAL, "response from '%s' is not valid JSON: %s at line %d",
				what, err.text, err.line);
	if (!json_is_object(root)) {
		json_decref(root);
		return hf_error(HF_EINVAL, "response from '%s' is not a JSON object", what);
	}
	*out = root;
	return HF_OK;
}

static enum hf_status bad(const char *what, const char *field, const char *problem)
{
	return hf_error(HF_EINVAL, "response from '%s': '%s' %s", what, field, problem);
}

/* bad() naming member key of the object at path: 'path.key', or 'key' at the top. */
static enum hf_status bad_member(const char *what, const char *path, const char *key,
				 const char *problem)
{
	char *f = xasprintf("%s%s%s", path, *path ? "." : "", key);
	enum hf_status rc = bad(what, f, problem);

	free(f);
	return rc;
}

/* A string member (copied), NULL when absent or null; error when another type. */
static enum hf_status opt_string(const char *what, json_t *obj, const char *key, const char *path,
				 char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return HF_OK;
	if (json_is_string(v)) {
		*out = xstrndup(json_string_value(v), json_string_length(v));
		return HF_OK;
	}
	if (json_is_integer(v)) {	/* lenient: a number where MLflow sends a string */
		*out = xasprintf("%lld", (long long)json_integer_value(v));
		return HF_OK;
	}
	return bad_member(what, path, key, "is not a string");
}

/*
 * A number from outside in milliseconds (or any integer count), checked
 * before it is converted: not a number, not finite, or beyond
 * +-10^15 (the year 33658) is an error naming the field, never undefined
 * behaviour.
 */
#define MAX_OUTSIDE_NUMBER 1e15

static enum hf_status opt_int(const char *what, json_t *obj, const char *key, const char *path,
			      int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	double d;

	*out = 0;
	if (!v || json_is_null(v))
		return HF_OK;
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i > (json_int_t)MAX_OUTSIDE_NUMBER || i < -(json_int_t)MAX_OUTSIDE_NUMBER)
			return bad_member(what, path, key, "is out of range");
		*out = (int64_t)i;
		return HF_OK;
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (!isfinite(d) || d > MAX_OUTSIDE_NUMBER || d < -MAX_OUTSIDE_NUMBER)
			return bad_member(what, path, key, "is out of range");
		*out = (int64_t)d;
		return HF_OK;
	}
	return bad_member(what, path, key, "is not a number");
}

/* Milliseconds member -> seconds; 0 when absent. */
static enum hf_status opt_time(const char *what, json_t *obj, const char *key, const char *path,
			       int64_t *out)
{
	enum hf_status rc = opt_int(what, obj, key, path, out);

	*out /= 1000;
	return rc;
}

/* An array member, NULL when absent; error when another type. */
static enum hf_status opt_array(const char *what, json_t *obj, const char *key, const char *path,
				json_t **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return HF_OK;
	if (!json_is_array(v))
		return bad_member(what, path, key, "is not an array");
	*out = v;
	return HF_OK;
}

/* The {key, value} objects of obj's array `name` (tags, params) appended to *tags. */
static enum hf_status parse_pairs(const char *what, json_t *obj, const char *name, const char *path,
				  struct hf_reg_tag **tags, size_t *n)
{
	json_t *arr, *t;
	size_t i, alloc = 0;
	enum hf_status rc;

	if ((rc = opt_array(what, obj, name, path, &arr)) || !arr)
		return rc;
	json_array_foreach(arr, i, t) {
		char *p = xasprintf("%s.%s[%zu]", path, name, i);
		char *key = NULL, *value = NULL;

		if (!json_is_object(t))
			rc = bad(what, p, "is not an object");
		if (!rc)
			rc = opt_string(what, t, "key", p, &key);
		if (!rc && !key)
			rc = bad_member(what, p, "key", "is missing");
		if (!rc)
			rc = opt_string(what, t, "value", p, &value);
		free(p);
		if (rc) {
			free(key);
			return rc;
		}
		*tags = xgrow(*tags, *n + 1, &alloc, sizeof(**tags));
		(*tags)[*n].key = key;
		(*tags)[*n].value = value ? value : xstrdup("");
		(*n)++;
	}
	return HF_OK;
}

static enum hf_status parse_tags(const char *what, json_t *obj, const char *path,
				 struct hf_reg_tag **tags, size_t *n)
{
	return parse_pairs(what, obj, "tags", path, tags, n);
}

static void alias_add(struct hf_reg_model *m, const char *alias, const char *version)
{
	for (size_t i = 0; i < m->naliases; i++) {
		if (!strcmp(m->aliases[i].alias, alias)) {
			free(m->aliases[i].version);
			m->aliases[i].version = xstrdup(version);
			return;
		}
	}
	m->aliases = xrealloc(m->aliases, (m->naliases + 1) * sizeof(*m->aliases));
	m->aliases[m->naliases].alias = xstrdup(alias);
	m->aliases[m->naliases].version = xstrdup(version);
	m->naliases++;
}

/* Model aliases: [{"alias": "champion", "version": "2"}]. */
static enum hf_status parse_model_aliases(const char *what, json_t *obj, const char *path,
					  struct hf_reg_model *m)
{
	json_t *arr, *a;
	size_t i;
	enum hf_status rc;

	if ((rc = opt_array(what, obj, "aliases", path, &arr)) || !arr)
		return rc;
	json_array_foreach(arr, i, a) {
		char *p = xasprintf("%s.aliases[%zu]", path, i);
		char *alias = NULL, *version = NULL;

		if (!json_is_object(a))
			rc = bad(what, p, "is not an object");
		if (!rc)
			rc = opt_string(what, a, "alias", p, &alias);
		if (!rc)
			rc = opt_string(what, a, "version", p, &version);
		if (!rc && (!alias || !version))
			rc = bad(what, p, "lacks 'alias' or 'version'");
		if (!rc)
			alias_add(m, alias, version);
		free(p);
		free(alias);
		free(version);
		if (rc)
			return rc;
	}
	return HF_OK;
}

static enum hf_status next_token(const char *what, json_t *root, char **token)
{
	json_t *v = json_object_get(root, "next_page_token");

	if (!token)
		return HF_OK;
	*token = NULL;
	if (!v || json_is_null(v))
		return HF_OK;
	if (!json_is_string(v))
		return bad(what, "next_page_token", "is not a string");
	if (json_string_length(v))
		*token = xstrdup(json_string_value(v));
	return HF_OK;
}

static enum hf_status parse_model(const char *what, json_t *o, const char *path,
				  struct hf_reg_model *m)
{
	enum hf_status rc;

	memset(m, 0, sizeof(*m));
	if (!json_is_object(o))
		return bad(what, path, "is not an object");
	rc = opt_string(what, o, "name", path, &m->name);
	if (!rc && (!m->name || !*m->name))
		rc = bad_member(what, path, "name", "is missing");
	if (!rc)
		rc = opt_string(what, o, "description", path, &m->description);
	if (!rc)
		rc = opt_time(what, o, "creation_timestamp", path, &m->created);
	if (!rc)
		rc = opt_time(what, o, "last_updated_timestamp", path, &m->updated);
	if (!rc)
		rc = parse_tags(what, o, path, &m->tags, &m->ntags);
	if (!rc)
		rc = parse_model_aliases(what, o, path, m);
	if (rc)
		hf_reg_model_clear(m);
	return rc;
}

/*
 * One page of a search answer: each element of the array `key` goes to
 * add(p, what, element, "key[i]") until one fails; then the page token.
 */
static enum hf_status parse_page(void *p, const char *what, const char *body, size_t len,
				 const char *key,
				 enum hf_status (*add)(void *, const char *, json_t *, const char *),
				 char **token)
{
	json_t *root, *arr, *o;
	size_t i;
	enum hf_status rc;

	if (token)
		*token = NULL;
	if ((rc = load(what, body, len, &root)))
		return rc;
	rc = opt_array(what, root, key, "", &arr);
	json_array_foreach(arr, i, o) {
		char path[64];

		if (rc)
			break;
		snprintf(path, sizeof(path), "%s[%zu]", key, i);
		rc = add(p, what, o, path);
	}
	if (!rc)
		rc = next_token(what, root, token);
	json_decref(root);
	return rc;
}

static enum hf_status add_model(void *sink, const char *what, json_t *o, const char *path)
{
	struct hf_mlflow_parsed *p = sink;
	enum hf_status rc;

	p->models = xgrow(p->models, p->nmodels + 1, &p->alloc_models, sizeof(*p->models));
	rc = parse_model(what, o, path, &p->models[p->nmodels]);
	if (!rc)
		p->nmodels++;
	/* 2.9.2 leaves out an empty list: a page where no model has the key may be a server that never sends it */
	if (!rc && json_object_get(o, "aliases"))
		p->saw_aliases = true;
	return rc;
}

enum hf_status hf_mlflow_parse_models(struct hf_mlflow_parsed *p, const char *what,
				      const char *body, size_t len, char **token)
{
	return parse_page(p, what, body, len, "registered_models", add_model, token);
}

static enum hf_status parse_version(const char *what, json_t *o, const char *path,
				    struct hf_mlflow_pending_version *pv)
{
	struct hf_reg_version *v = &pv->v;
	json_t *arr, *a;
	size_t i;
	enum hf_status rc;

	memset(pv, 0, sizeof(*pv));
	if (!json_is_object(o))
		return bad(what, path, "is not an object");
	rc = opt_string(what, o, "name", path, &pv->model);
	if (!rc)
		rc = opt_string(what, o, "version", path, &v->version);
	if (!rc && (!pv->model || !*pv->model || !v->version || !*v->version))
		rc = bad(what, path, "lacks 'name' or 'version'");
	if (!rc)
		rc = opt_string(what, o, "current_stage", path, &v->stage);
	if (!rc)
		rc = opt_string(what, o, "status", path, &v->status);
	if (!rc)
		rc = opt_string(what, o, "run_id", path, &v->run_id);
	if (!rc && v->run_id && !*v->run_id)
		HF_FREE(v->run_id);
	if (!rc)
		rc = opt_string(what, o, "description", path, &v->description);
	if (!rc)
		rc = opt_time(what, o, "creation_timestamp", path, &v->created);
	if (!rc)
		rc = opt_time(what, o, "last_updated_timestamp", path, &v->updated);
	if (!rc)
		rc = parse_tags(what, o, path, &v->tags, &v->ntags);
	if (!rc)
		rc = opt_array(what, o, "aliases", path, &arr);
	if (!rc && arr) {
		json_array_foreach(arr, i, a) {
			if (!json_is_string(a)) {
				char *f = xasprintf("%s.aliases[%zu]", path, i);

				rc = bad(what, f, "is not a string");
				free(f);
				break;
			}
			pv->aliases = xrealloc(pv->aliases, (pv->naliases + 1) * sizeof(char *));
			pv->aliases[pv->naliases++] = xstrdup(json_string_value(a));
		}
	}
	return rc;
}

static void pending_clear(struct hf_mlflow_pending_version *pv)
{
	free(pv->model);
	hf_reg_version_clear(&pv->v);
	hf_strv_free(pv->aliases, pv->naliases);
	memset(pv, 0, sizeof(*pv));
}

static enum hf_status add_version(void *sink, const char *what, json_t *o, const char *path)
{
	struct hf_mlflow_parsed *p = sink;
	struct hf_mlflow_pending_version *pv;
	enum hf_status rc;

	p->versions = xgrow(p->versions, p->nversions + 1, &p->alloc_versions,
			    sizeof(*p->versions));
	pv = &p->versions[p->nversions];
	rc = parse_version(what, o, path, pv);
	if (rc)
		pending_clear(pv);
	else
		p->nversions++;
	return rc;
}

enum hf_status hf_mlflow_parse_versions(struct hf_mlflow_parsed *p, const char *what,
					const char *body, size_t len, char **token)
{
	return parse_page(p, what, body, len, "model_versions", add_version, token);
}

/* One run object ({"info": {...}, "data": {"metrics": [...], "params": [...]}}) at path into r. */
static enum hf_status parse_run_object(const char *what, json_t *run, const char *path,
				       struct hf_reg_run *r)
{
	json_t *info, *data, *arr = NULL, *m;
	char *p;
	size_t i, alloc = 0;
	enum hf_status rc = HF_OK;

	memset(r, 0, sizeof(*r));
	if (!json_is_object(run))
		return bad(what, path, "is missing or not an object");
	info = json_object_get(run, "info");
	if (info && !json_is_object(info))
		return bad_member(what, path, "info", "is not an object");
	p = xasprintf("%s.info", path);
	if (info)
		rc = opt_string(what, info, "run_id", p, &r->run_id);
	if (!rc && info && !r->run_id)
		rc = opt_string(what, info, "run_uuid", p, &r->run_id);
	if (!rc && info)
		rc = opt_string(what, info, "status", p, &r->status);
	free(p);
	data = json_object_get(run, "data");
	if (!rc && data && !json_is_object(data))
		rc = bad_member(what, path, "data", "is not an object");
	p = xasprintf("%s.data", path);
	if (!rc && data)
		rc = opt_array(what, data, "metrics", p, &arr);
	if (!rc && data)
		rc = parse_pairs(what, data, "params", p, &r->params, &r->nparams);
	free(p);
	json_array_foreach(arr, i, m) {
		json_t *k, *v;
		double d;
		char f[96];
		int64_t step = 0, at = 0;

		if (rc)
			break;
		snprintf(f, sizeof(f), "%s.data.metrics[%zu]", path, i);
		k = json_object_get(m, "key");
		v = json_object_get(m, "value");
		if (!json_is_string(k) || !(json_is_number(v) || json_is_string(v))) {
			rc = bad(what, f, "lacks a string 'key' or a numeric 'value'");
			break;
		}
		if ((rc = opt_int(what, m, "step", f, &step)) ||
		    (rc = opt_time(what, m, "timestamp", f, &at)))
			break;
		if (json_is_string(v)) {	/* MLflow writes NaN/Infinity as strings */
			char *end;

			d = strtod(json_string_value(v), &end);
			if (*end)
				d = NAN;
		} else {
			d = json_number_value(v);
		}
		r->metrics = xgrow(r->metrics, r->nmetrics + 1, &alloc, sizeof(*r->metrics));
		r->metrics[r->nmetrics].key = xstrdup(json_string_value(k));
		r->metrics[r->nmetrics].value = d;
		r->metrics[r->nmetrics].step = step;
		r->metrics[r->nmetrics].at = at;
		r->nmetrics++;
	}
	if (rc)
		hf_reg_run_clear(r);
	return rc;
}

enum hf_status hf_mlflow_parse_run(const char *what, const char *body, size_t len,
				   struct hf_reg_run *out)
{
	json_t *root;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	if ((rc = load(what, body, len, &root)))
		return rc;
	rc = parse_run_object(what, json_object_get(root, "run"), "run", out);
	json_decref(root);
	return rc;
}

/* Where parse_page puts runs or experiment ids. */
struct list_sink {
	void *items;		/* struct hf_reg_run * or char ** */
	size_t *n, alloc;
};

static enum hf_status add_run(void *data, const char *what, json_t *o, const char *path)
{
	struct list_sink *ls = data;
	struct hf_reg_run *runs = ls->items;
	enum hf_status rc;

	runs = xgrow(runs, *ls->n + 1, &ls->alloc, sizeof(*runs));
	ls->items = runs;
	rc = parse_run_object(what, o, path, &runs[*ls->n]);
	if (!rc && !runs[*ls->n].run_id) {
		rc = bad(what, path, "lacks 'info.run_id'");
		hf_reg_run_clear(&runs[*ls->n]);
	}
	if (!rc)
		(*ls->n)++;
	return rc;
}

enum hf_status hf_mlflow_parse_runs(const char *what, const char *body, size_t len,
				    struct hf_reg_run **runs, size_t *n, char **token)
{
	struct list_sink ls = { *runs, n, *n };
	enum hf_status rc = parse_page(&ls, what, body, len, "runs", add_run, token);

	*runs = ls.items;
	return rc;
}

static enum hf_status add_experiment(void *data, const char *what, json_t *o, const char *path)
{
	struct list_sink *ls = data;
	char **ids = ls->items, *id = NULL;
	enum hf_status rc = HF_OK;

	if (!json_is_object(o))
		rc = bad(what, path, "is not an object");
	if (!rc)
		rc = opt_string(what, o, "experiment_id", path, &id);
	if (!rc && !id)
		rc = bad_member(what, path, "experiment_id", "is missing");
	if (!rc) {
		ids = xgrow(ids, *ls->n + 1, &ls->alloc, sizeof(*ids));
		ids[(*ls->n)++] = id;
		ls->items = ids;
	}
	return rc;
}

enum hf_status hf_mlflow_parse_experiments(const char *what, const char *body, size_t len,
					   char ***ids, size_t *n, char **token)
{
	struct list_sink ls = { *ids, n, *n };
	enum hf_status rc = parse_page(&ls, what, body, len, "experiments", add_experiment, token);

	*ids = ls.items;
	return rc;
}

enum hf_status hf_mlflow_parse_model_one(struct hf_mlflow_parsed *p, const char *what,
					 const char *body, size_t len)
{
	json_t *root;
	enum hf_status rc;

	if ((rc = load(what, body, len, &root)))
		return rc;
	rc = add_model(p, what, json_object_get(root, "registered_model"), "registered_model");
	json_decref(root);
	return rc;
}

enum hf_status hf_mlflow_parse_model_get(const char *what, const char *body, size_t len,
					 struct hf_reg_model *m)
{
	json_t *root, *o;
	enum hf_status rc;

	if ((rc = load(what, body, len, &root)))
		return rc;
	o = json_object_get(root, "registered_model");
	if (!json_is_object(o))
		rc = bad(what, "registered_model", "is missing or not an object");
	else
		rc = parse_model_aliases(what, o, "registered_model", m);
	json_decref(root);
	return rc;
}

char *hf_mlflow_describe_error(const struct hf_http_req *req, bool *missing)
{
	json_t *root = json_loadb(req->resp.buf, req->resp.len, 0, NULL);
	json_t *code, *msg;
	char *out = NULL;

	*missing = false;
	if (!root)
		return NULL;
	code = json_object_get(root, "error_code");
	msg = json_object_get(root, "message");
	if (json_is_string(code)) {
		/* the server's words go into a message a terminal shows: sanitised, bounded */
		char *c = hf_sanitize(json_string_value(code), 0);
		char *m = hf_sanitize(json_is_string(msg) ? json_string_value(msg) : "", 0);

		*missing = !strcmp(json_string_value(code), "RESOURCE_DOES_NOT_EXIST");
		out = xasprintf("%.100s: %.400s", c, m);
		free(c);
		free(m);
	}
	json_decref(root);
	return out;
}

static int model_name_cmp(const void *x, const void *y)
{
	const struct hf_reg_model *a = x, *b = y;

	return strcmp(a->name, b->name);
}

/* Pending versions by model name, then version (byte order): equal ones end up side by side. */
static int pending_cmp(const void *x, const void *y)
{
	const struct hf_mlflow_pending_version *a = x, *b = y;
	int c = strcmp(a->model, b->model);

	return c ? c : strcmp(a->v.version, b->v.version);
}

/*
 * O(n log n) in the versions: sorted once, repeats dropped next to each
 * other, each model found by bsearch (a linear look-up per version made a
 * model with a million versions take minutes under the write lock).
 */
void hf_mlflow_parsed_assemble(struct hf_mlflow_parsed *p)
{
	size_t *alloc, out = 0;
	const char *prev_model = NULL, *prev_version = NULL;

	/* distinct models by name (a page that repeats a row keeps the first) */
	if (p->nmodels > 1)
		qsort(p->models, p->nmodels, sizeof(*p->models), model_name_cmp);
	for (size_t i = 0; i < p->nmodels; i++) {
		if (out && !strcmp(p->models[out - 1].name, p->models[i].name)) {
			hf_reg_model_clear(&p->models[i]);
			continue;
		}
		if (out != i)
			p->models[out] = p->models[i];
		out++;
	}
	p->nmodels = out;
	/* stable for equal keys would keep the first; any one of two equal rows is as good */
	if (p->nversions > 1)
		qsort(p->versions, p->nversions, sizeof(*p->versions), pending_cmp);
	alloc = xcalloc(p->nmodels + 1, sizeof(*alloc));
	for (size_t i = 0; i < p->nversions; i++) {
		struct hf_mlflow_pending_version *pv = &p->versions[i];
		struct hf_reg_model key = { 0 }, *m;

		/* a repeat of the row before (the strings of a moved version stay alive in its model) */
		if (prev_model && !strcmp(prev_model, pv->model) && !strcmp(prev_version, pv->v.version))
			continue;
		prev_model = pv->model;
		prev_version = pv->v.version;
		key.name = pv->model;
		m = p->nmodels ? bsearch(&key, p->models, p->nmodels, sizeof(*p->models),
					 model_name_cmp) : NULL;
		if (!m)
			continue;	/* a version of a model not listed: dropped */
		m->versions = xgrow(m->versions, m->nversions + 1, &alloc[m - p->models],
				    sizeof(*m->versions));
		m->versions[m->nversions++] = pv->v;
		for (size_t j = 0; j < pv->naliases; j++)
			if (!hf_reg_model_alias(m, pv->aliases[j]))
				alias_add(m, pv->aliases[j], pv->v.version);
		memset(&pv->v, 0, sizeof(pv->v));
	}
	free(alloc);
	for (size_t i = 0; i < p->nversions; i++)
		pending_clear(&p->versions[i]);
	HF_FREE(p->versions);
	p->nversions = p->alloc_versions = 0;
	for (size_t i = 0; i < p->nmodels; i++)
		hf_reg_model_sort_versions(&p->models[i]);
}

void hf_mlflow_parsed_clear(struct hf_mlflow_parsed *p)
{
	hf_reg_models_free(p->models, p->nmodels);
	for (size_t i = 0; i < p->nversions; i++)
		pending_clear(&p->versions[i]);
	free(p->versions);
	memset(p, 0, sizeof(*p));
}
