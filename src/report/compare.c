/* compare.c: two versions of a model side by side (metrics with SLO marks, params, tags, registry fields), runs on demand */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff/clock.h"
#include "handoff/compare.h"
#include "handoff/ctx.h"
#include "handoff/mlflow.h"
#include "handoff/report.h"
#include "handoff/report_text.h"
#include "handoff/store_registry.h"
#include "handoff/xmalloc.h"

static enum hf_status runs_on_demand(struct hf_store *store, const struct hf_conf *conf,
				     const struct hf_cancel *cancel, const char *source,
				     const char *name, const char *const *versions, size_t n,
				     bool params, size_t *fetched)
{
	struct hf_reg_model m;
	const struct hf_source_conf *sc;
	char **ids = xcalloc(n + 1, sizeof(*ids));
	int64_t *updated = xcalloc(n + 1, sizeof(*updated));
	struct hf_reg_run *runs = NULL;
	size_t nids = 0, stored = 0;
	enum hf_status rc;

	if (fetched)
		*fetched = 0;
	rc = hf_store_reg_model_get(store, source, name, &m);
	if (rc == HF_ENOTFOUND)
		rc = HF_OK;
	if (rc || !m.source)
		goto out;
	sc = conf ? hf_conf_source(conf, m.source) : NULL;
	if (!sc || sc->type != HF_SOURCE_MLFLOW)
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct hf_reg_version *v = versions[i] ? hf_reg_model_version(&m, versions[i]) : NULL;
		struct hf_reg_run run;
		bool known = false, dup = false;

		if (!v || !v->run_id || !*v->run_id)
			continue;
		for (size_t k = 0; k < nids; k++)
			dup = dup || !strcmp(ids[k], v->run_id);
		if (dup || (rc = hf_store_reg_run_get(store, m.source, v->run_id, &run, &known)))
			continue;
		if (!(known || run.nmetrics) || (params && !run.nparams)) {
			updated[nids] = v->updated;
			ids[nids++] = xstrdup(v->run_id);
		}
		hf_reg_run_clear(&run);
	}
	if (rc || !nids)
		goto out;
	runs = xcalloc(nids, sizeof(*runs));
	if ((rc = hf_mlflow_get_runs(sc, cancel, ids, nids, runs)))
		goto out;
	/* a deleted run: nothing to store; the others as a sync stores them */
	for (size_t i = 0; i < nids; i++) {
		runs[i].version_updated = updated[i];
		if (runs[i].run_id)
			runs[stored++] = runs[i];
		else
			hf_reg_run_clear(&runs[i]);
	}
	if (stored) {
		struct hf_reg_update u = { 0 };

		u.runs = runs;
		u.nruns = stored;
		if (!(rc = hf_store_begin(store))) {
			rc = hf_store_reg_update(store, m.source, &u, hf_now(), NULL);
			if (rc)
				hf_store_rollback(store);
			else
				rc = hf_store_commit(store);
		}
	}
	if (!rc && fetched)
		*fetched = stored;
out:
	hf_reg_runs_free(runs, stored);
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(updated);
	hf_reg_model_clear(&m);
	return rc;
}

enum hf_status hf_runs_on_demand(struct hf_store *store, const struct hf_conf *conf,
				 const char *source, const char *name, const char *const *versions,
				 size_t n, bool params, size_t *fetched)
{
	return runs_on_demand(store, conf, NULL, source, name, versions, n, params, fetched);
}

enum hf_status hf_report_runs_to_fetch(struct hf_store *store, const struct hf_model_report *r,
				       char ***versions, size_t *n)
{
	struct hf_reg_model m;
	enum hf_status rc;
	size_t alloc = 0;

	*versions = NULL;
	*n = 0;
	/* the pod's models: a sync fetches these runs */
	if (r->has_pod_files || !r->in_registry || !r->registry_name)
		return HF_OK;
	rc = hf_store_reg_model_get(store, r->registry_source, r->registry_name, &m);
	if (rc == HF_ENOTFOUND) {
		hf_error_clear();
		return HF_OK;
	}
	if (rc)
		return rc;
	for (size_t i = 0; !rc && i < m.nversions; i++) {
		const struct hf_reg_version *v = &m.versions[i];
		struct hf_reg_run run;
		bool named = r->candidate_version && !strcmp(v->version, r->candidate_version);
		bool known = false;

		for (size_t j = 0; j < m.naliases && !named; j++)
			named = m.aliases[j].version && !strcmp(m.aliases[j].version, v->version);
		if (!named || !v->run_id || !*v->run_id)
			continue;
		if ((rc = hf_store_reg_run_get(store, m.source, v->run_id, &run, &known)))
			break;
		if (!(known || run.nmetrics)) {
			*versions = xgrow(*versions, *n + 1, &alloc, sizeof(**versions));
			(*versions)[(*n)++] = xstrdup(v->version);
		}
		hf_reg_run_clear(&run);
	}
	hf_reg_model_clear(&m);
	if (rc) {
		hf_strv_free(*versions, *n);
		*versions = NULL;
		*n = 0;
	}
	return rc;
}

enum hf_status hf_model_open_fetch(struct hf_store *store, const struct hf_conf *conf,
				   const struct hf_cancel *cancel, const char *model,
				   size_t *fetched)
{
	struct hf_model_report r;
	char **versions = NULL;
	size_t n = 0;
	enum hf_status rc;

	if (fetched)
		*fetched = 0;
	if ((rc = hf_report_model(store, model, &r)))
		return rc;
	rc = hf_report_runs_to_fetch(store, &r, &versions, &n);
	if (!rc && n)
		rc = runs_on_demand(store, conf, cancel, r.registry_source, r.registry_name,
				    (const char *const *)versions, n, false, fetched);
	hf_strv_free(versions, n);
	hf_model_report_clear(&r);
	return rc;
}

enum hf_status hf_compare_fetch(struct hf_store *store, const struct hf_conf *conf,
				const struct hf_cancel *cancel, const char *model, const char *v1,
				const char *v2, size_t *fetched)
{
	char *left, *right, *reg_name, *reg_source;
	const char *vs[2];
	enum hf_status rc;

	if (fetched)
		*fetched = 0;
	if ((rc = hf_compare_versions(store, model, v1, v2, &left, &right, &reg_name, &reg_source)))
		return rc;
	vs[0] = left;
	vs[1] = right;
	rc = runs_on_demand(store, conf, cancel, reg_source, reg_name, vs, 2, true, fetched);
	free(left);
	free(right);
	free(reg_name);
	free(reg_source);
	return rc;
}

void hf_ctx_runs_on_demand(struct hf_ctx *ctx, struct hf_store *store, const char *source,
			   const char *name, const char *const *versions, size_t n, bool params)
{
	const struct hf_conf *conf = NULL;

	if (hf_ctx_conf(ctx, &conf))
		return;		/* no configuration (the demo, a copied database): what is stored */
	if (hf_runs_on_demand(store, conf, source, name, versions, n, params, NULL))
		hf_warn("could not fetch the run of '%s' on demand: %s (using what is stored)", name,
			hf_last_error());
}

/* "v3" and "3" name the same version. */
static const char *bare(const char *v)
{
	return v && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' ? v + 1 : v;
}

/* The baseline when none is given: champion alias, Production stage, else the newest older than right. */
static const struct hf_reg_version *baseline(const struct hf_reg_model *m, const char *right,
					     const char **role)
{
	const char *champ = hf_reg_model_alias(m, "champion");
	const struct hf_reg_version *v;

	if (champ && strcmp(champ, right) && (v = hf_reg_model_version(m, champ))) {
		*role = "champion";
		return v;
	}
	for (size_t i = 0; i < m->nversions; i++)
		if (m->versions[i].stage && !strcasecmp(m->versions[i].stage, "Production") &&
		    strcmp(m->versions[i].version, right)) {
			*role = "Production";
			return &m->versions[i];
		}
	*role = "older";
	for (size_t i = 0; i < m->nversions; i++)	/* newest first */
		if (hf_reg_version_cmp(m->versions[i].version, right) < 0)
			return &m->versions[i];
	for (size_t i = 0; i < m->nversions; i++)
		if (strcmp(m->versions[i].version, right))
			return &m->versions[i];
	return NULL;
}

static enum hf_status pick(struct hf_store *store, const char *name, const char *v1, const char *v2,
			   char **left, char **right, const char **roles, struct hf_model_report *r,
			   struct hf_reg_model *m)
{
	const struct hf_reg_version *a, *b;
	enum hf_status rc;

	*left = *right = NULL;
	if ((rc = hf_report_model(store, name, r)))
		return rc;
	if (!r->in_registry)
		return hf_error(HF_EINVAL, "'%s' is not in the registry: no versions to compare", name);
	if ((rc = hf_store_reg_model_get(store, r->registry_source, r->registry_name, m)))
		return rc;
	if (m->nversions == 0)
		return hf_error(HF_EINVAL, "'%s' has no registered version to compare", name);
	if (m->nversions == 1 && (!v1 || !v2))
		return hf_error(HF_EINVAL, "'%s' has one version (v%s): nothing to compare it with",
				name, m->versions[0].version);
	roles[1] = v2 ? "given" : "candidate";
	b = v2 ? hf_reg_model_version(m, bare(v2))
	       : r->candidate_version ? hf_reg_model_version(m, r->candidate_version) : &m->versions[0];
	if (!b)
		return hf_error(HF_ENOTFOUND, "'%s' has no version %s", name, bare(v2));
	roles[0] = "given";
	a = v1 ? hf_reg_model_version(m, bare(v1)) : baseline(m, b->version, &roles[0]);
	if (!a)
		return hf_error(HF_ENOTFOUND, "'%s' has no version %s", name, bare(v1));
	if (!strcmp(a->version, b->version))
		return hf_error(HF_EINVAL, "both sides are version %s of '%s': name two versions",
				a->version, name);
	*left = xstrdup(a->version);
	*right = xstrdup(b->version);
	return HF_OK;
}

enum hf_status hf_compare_versions(struct hf_store *store, const char *name, const char *v1,
				   const char *v2, char **left, char **right, char **reg_name,
				   char **reg_source)
{
	struct hf_model_report r;
	struct hf_reg_model m = { 0 };
	const char *roles[2];
	enum hf_status rc = pick(store, name, v1, v2, left, right, roles, &r, &m);

	*reg_name = rc ? NULL : xstrdup(r.registry_name);
	*reg_source = rc ? NULL : xstrdup(m.source);
	hf_model_report_clear(&r);
	hf_reg_model_clear(&m);
	return rc;
}

static void note(struct hf_compare *c, const char *fmt, ...) HF_PRINTF(2, 3);
static void note(struct hf_compare *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof(*c->notes));
	c->notes[c->nnotes++] = xvasprintf(fmt, ap);
	va_end(ap);
}

static struct hf_compare_row *row_for(struct hf_compare_row **rows, size_t *n, const char *key)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*rows)[i].key, key))
			return &(*rows)[i];
	*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
	memset(&(*rows)[*n], 0, sizeof(**rows));
	(*rows)[*n].key = xstrdup(key);
	return &(*rows)[(*n)++];
}

static void set_text(struct hf_compare_row **rows, size_t *n, const char *key, int side,
		     const char *text)
{
	struct hf_compare_row *row = row_for(rows, n, key);

	free(row->text[side]);
	row->text[side] = text ? xstrdup(text) : NULL;
}

static int row_cmp(const void *x, const void *y)
{
	return strcmp(((const struct hf_compare_row *)x)->key, ((const struct hf_compare_row *)y)->key);
}

static bool same_num(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static void mark_differences(struct hf_compare_row *rows, size_t n, bool sort)
{
	if (sort && n > 1)
		qsort(rows, n, sizeof(*rows), row_cmp);
	for (size_t i = 0; i < n; i++) {
		struct hf_compare_row *r = &rows[i];

		if (r->has_num[0] && r->has_num[1])
			r->differs = !same_num(r->num[0], r->num[1]);
		else if (r->text[0] && r->text[1])
			r->differs = strcmp(r->text[0], r->text[1]) != 0;
		else
			r->differs = (r->text[0] != NULL) != (r->text[1] != NULL);
	}
}

static void fill_side(struct hf_store *store, struct hf_compare *c, const struct hf_reg_model *m,
		      const struct hf_reg_version *v, int side, enum hf_status *rc)
{
	struct hf_reg_run run = { 0 };
	bool fetched = false;
	char buf[64], *aliases = hf_reg_version_aliases(m, v->version);

	c->side[side].version = xstrdup(v->version);
	set_text(&c->info, &c->ninfo, "stage", side, hf_reg_stage(v->stage) ? v->stage : "-");
	set_text(&c->info, &c->ninfo, "aliases", side, *aliases ? aliases : "-");
	free(aliases);
	set_text(&c->info, &c->ninfo, "status", side, v->status);
	if (v->created) {
		hf_time_format_minutes(v->created, buf, sizeof(buf));
		set_text(&c->info, &c->ninfo, "created", side, buf);
	} else {
		set_text(&c->info, &c->ninfo, "created", side, NULL);
	}
	c->side[side].has_run = v->run_id && *v->run_id;
	set_text(&c->info, &c->ninfo, "run", side, c->side[side].has_run ? v->run_id : "-");
	if (c->side[side].has_run && !*rc)
		*rc = hf_store_reg_run_get(store, m->source, v->run_id, &run, &fetched);
	c->side[side].run_fetched = fetched || run.nmetrics;
	set_text(&c->info, &c->ninfo, "run status", side, run.status);
	set_text(&c->info, &c->ninfo, "description", side, v->description);
	if (!c->side[side].has_run)
		note(c, "v%s has no run: its metrics are its numeric version tags", v->version);
	else if (!c->side[side].run_fetched)
		note(c, "the run of v%s is not fetched yet: its metrics are unknown", v->version);
	for (size_t i = 0; i < run.nmetrics; i++) {
		struct hf_compare_row *row = row_for(&c->metrics, &c->nmetrics, run.metrics[i].key);

		free(row->text[side]);
		row->text[side] = NULL;	/* written once both sides are in (format_metrics) */
		row->has_num[side] = true;
		row->num[side] = run.metrics[i].value;
	}
	for (size_t i = 0; i < run.nparams; i++)
		set_text(&c->params, &c->nparams, run.params[i].key, side, run.params[i].value);
	for (size_t i = 0; i < v->ntags; i++)
		set_text(&c->tags, &c->ntags, v->tags[i].key, side,
			 v->tags[i].value ? v->tags[i].value : "");
	hf_reg_run_clear(&run);
}

static int decimals_of(const bool has[2], const double x[2], int at_least)
{
	for (int i = 0; i < 2; i++)
		if (has[i] && hf_text_decimals(x[i]) > at_least)
			at_least = hf_text_decimals(x[i]);
	return at_least;
}

static char *number_text(double x, int decimals)
{
	char buf[64];

	hf_text_number(x, decimals, buf, sizeof(buf));
	return xstrdup(buf);
}

/* A metric's two values with the decimals either needs, as the SLO table does (report_text.h). */
static void format_metrics(struct hf_compare_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct hf_compare_row *r = &rows[i];
		int d = decimals_of(r->has_num, r->num, 0);

		for (int k = 0; k < 2; k++)
			if (r->has_num[k]) {
				free(r->text[k]);
				r->text[k] = number_text(r->num[k], d);
			}
	}
}

/* The delta of a metric that differs, with its values' decimals. */
static void metric_deltas(struct hf_compare_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct hf_compare_row *r = &rows[i];
		int d = decimals_of(r->has_num, r->num, 0);

		if (r->has_num[0] && r->has_num[1] && r->differs) {
			double delta = r->num[1] - r->num[0];
			/* a difference finer than both values still shows */
			char *text = number_text(delta, hf_text_decimals(delta) > d ? hf_text_decimals(delta) : d);

			r->delta = delta > 0 ? xasprintf("+%s", text) : xstrdup(text);
			free(text);
		}
	}
}

/* Once both sides are judged: whether the verdicts differ, and the numbers as shown. */
static void finish_slos(struct hf_compare *c)
{
	for (size_t i = 0; i < c->nslos; i++) {
		struct hf_compare_slo *s = &c->slos[i];
		int d = decimals_of(s->has_value, s->value, hf_text_decimals(s->target));

		s->differs = strcmp(s->result[0] ? s->result[0] : "", s->result[1] ? s->result[1] : "") != 0;
		s->target_text = number_text(s->target, d);
		for (int k = 0; k < 2; k++)
			s->value_text[k] = s->has_value[k] ? number_text(s->value[k], d) : NULL;
	}
}

/* The contract's SLOs judged on one side (the report with that version as candidate). */
static enum hf_status fill_slos(struct hf_store *store, struct hf_compare *c, int side)
{
	struct hf_report_opts opts = { NULL, c->side[side].version };
	struct hf_model_report r;
	enum hf_status rc = hf_report_model_opts(store, c->model, &opts, &r);

	if (rc)
		return rc;
	if (side == 0) {
		c->slos = xcalloc(r.nslos + 1, sizeof(*c->slos));
		c->nslos = r.nslos;
	}
	for (size_t i = 0; i < r.nslos && i < c->nslos; i++) {
		struct hf_compare_slo *s = &c->slos[i];

		if (side == 0) {
			s->id = xstrdup(r.slos[i].id);
			s->metric = xstrdup(r.slos[i].metric);
			s->op = xstrdup(r.slos[i].op);
			s->target = r.slos[i].target;
		}
		s->result[side] = xstrdup(r.slos[i].result);
		s->has_value[side] = r.slos[i].has_value;
		s->value[side] = r.slos[i].value;
	}
	hf_model_report_clear(&r);
	return HF_OK;
}

enum hf_status hf_compare_build(struct hf_store *store, const char *name, const char *v1,
				const char *v2, struct hf_compare *out)
{
	struct hf_model_report r;
	struct hf_reg_model m = { 0 };
	const char *roles[2] = { NULL, NULL };
	char *left = NULL, *right = NULL;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	rc = pick(store, name, v1, v2, &left, &right, roles, &r, &m);
	if (!rc) {
		out->model = xstrdup(r.name);
		out->registry_name = xstrdup(r.registry_name);
		out->source = xstrdup(m.source);
		for (int s = 0; s < 2; s++) {
			fill_side(store, out, &m, hf_reg_model_version(&m, s ? right : left), s, &rc);
			out->side[s].role = xstrdup(roles[s]);
		}
	}
	mark_differences(out->info, out->ninfo, false);
	format_metrics(out->metrics, out->nmetrics);
	mark_differences(out->metrics, out->nmetrics, true);
	metric_deltas(out->metrics, out->nmetrics);
	mark_differences(out->params, out->nparams, true);
	mark_differences(out->tags, out->ntags, true);
	for (int s = 0; s < 2 && !rc; s++)
		rc = fill_slos(store, out, s);
	if (!rc)
		finish_slos(out);
	free(left);
	free(right);
	hf_model_report_clear(&r);
	hf_reg_model_clear(&m);
	if (rc)
		hf_compare_clear(out);
	return rc;
}

static void rows_free(struct hf_compare_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].key);
		free(rows[i].text[0]);
		free(rows[i].text[1]);
		free(rows[i].delta);
	}
	free(rows);
}

void hf_compare_clear(struct hf_compare *c)
{
	free(c->model);
	free(c->registry_name);
	free(c->source);
	for (int s = 0; s < 2; s++) {
		free(c->side[s].version);
		free(c->side[s].role);
	}
	rows_free(c->info, c->ninfo);
	rows_free(c->metrics, c->nmetrics);
	rows_free(c->params, c->nparams);
	rows_free(c->tags, c->ntags);
	for (size_t i = 0; i < c->nslos; i++) {
		free(c->slos[i].id);
		free(c->slos[i].metric);
		free(c->slos[i].op);
		free(c->slos[i].result[0]);
		free(c->slos[i].result[1]);
		free(c->slos[i].target_text);
		free(c->slos[i].value_text[0]);
		free(c->slos[i].value_text[1]);
	}
	free(c->slos);
	for (size_t i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->notes);
	memset(c, 0, sizeof(*c));
}
