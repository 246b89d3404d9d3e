/* registry.c: the registry tables: replace a source's models in one go with history, read them back */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "internal.h"

/* What was stored for the source before a replace: versions and aliases, sorted for bsearch. */
struct prev_row {
	char *model, *key, *value;	/* version rows: key = version; alias rows: key = alias, value = version */
};

struct prev_set {
	struct prev_row *rows;
	size_t n;
};

static int prev_cmp(const void *x, const void *y)
{
	const struct prev_row *a = x, *b = y;
	int c = strcmp(a->model, b->model);

	return c ? c : strcmp(a->key, b->key);
}

static void prev_free(struct prev_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].model);
		free(s->rows[i].key);
		free(s->rows[i].value);
	}
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

static void read_prev(sqlite3_stmt *st, void *item)
{
	struct prev_row *r = item;

	r->model = hf_column_text(st, 0);
	r->key = hf_column_text(st, 1);
	r->value = hf_column_text(st, 2);
	if (!r->model)
		r->model = xstrdup("");
	if (!r->key)
		r->key = xstrdup("");
}

static enum hf_status prev_load(struct hf_store *store, const char *sql, const char *source,
				struct prev_set *s)
{
	sqlite3_stmt *st = hf_store_stmt(store, sql);
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	if ((rc = hf_store_read_rows(store, st, &s->rows, &s->n, sizeof(*s->rows), read_prev, NULL,
				     "reading the stored registry")))
		return rc;
	if (s->n > 1)
		qsort(s->rows, s->n, sizeof(*s->rows), prev_cmp);
	return HF_OK;
}

/* The row for (model, key), or NULL; marks it seen by setting model's first byte check aside. */
static struct prev_row *prev_find(struct prev_set *s, const char *model, const char *key)
{
	struct prev_row k = { (char *)model, (char *)key, NULL };

	if (!s->n)
		return NULL;
	return bsearch(&k, s->rows, s->n, sizeof(*s->rows), prev_cmp);
}

static enum hf_status activity(struct hf_store *store, int64_t at, const char *source,
			       const char *kind, const char *model, const char *summary,
			       const char *ref, size_t *events)
{
	struct hf_activity a = { 0 };

	a.at = at;
	a.source = (char *)source;
	a.kind = (char *)kind;
	a.model = (char *)model;
	a.summary = (char *)summary;
	a.ref = (char *)ref;
	(*events)++;
	return hf_store_activity_add(store, &a);
}

static enum hf_status alias_history(struct hf_store *store, const char *source, const char *model,
				    const char *alias, const char *version, int64_t at)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO reg_alias_history (source, model, alias, version, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, model);
	hf_bind_text(st, 3, alias);
	hf_bind_text(st, 4, version);
	hf_bind_int(st, 5, at);
	return hf_store_exec_stmt(store, st, "recording an alias move");
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The models a partial update touches, sorted for bsearch; NULL scope: every model. */
struct scope {
	const char **names;
	size_t n;
};

static bool in_scope(const struct scope *sc, const char *model)
{
	return !sc || (sc->n && bsearch(&model, sc->names, sc->n, sizeof(*sc->names), str_cmp));
}

/*
 * Events for versions and aliases that are new, moved or gone since the
 * last sync, for the models in scope (NULL: all: what is not in models was
 * deleted).
 */
static enum hf_status record_history(struct hf_store *store, const char *source,
				     const struct hf_reg_model *models, size_t n,
				     const struct scope *sc, int64_t now, size_t *events,
				     struct hf_reg_changes *c)
{
	struct prev_set pv = { 0 }, pa = { 0 };
	char *seen_v = NULL, *seen_a = NULL;
	enum hf_status rc;

	rc = prev_load(store, "SELECT model, version, stage FROM reg_version WHERE source = ?1",
		       source, &pv);
	if (!rc)
		rc = prev_load(store, "SELECT model, alias, version FROM reg_alias WHERE source = ?1",
			       source, &pa);
	if (rc)
		goto out;
	seen_v = xcalloc(pv.n + 1, 1);
	seen_a = xcalloc(pa.n + 1, 1);
	for (size_t i = 0; i < n && !rc; i++) {
		const struct hf_reg_model *m = &models[i];

		/* oldest first, so the activity ids follow the order versions were made */
		for (size_t j = m->nversions; j-- > 0 && !rc;) {
			const struct hf_reg_version *v = &m->versions[j];
			struct prev_row *r = prev_find(&pv, m->name, v->version);
			char *summary;

			if (r) {
				seen_v[r - pv.rows] = 1;
				if (!v->stage || !r->value || !strcmp(r->value, v->stage))
					continue;
				/* stages are deprecated in MLflow but still move: say so */
				summary = xasprintf("version %s moved from stage %s to %s", v->version,
						    r->value, v->stage);
				rc = activity(store, now, source, "stage", m->name, summary, v->version,
					      events);
				c->stages++;
				free(summary);
				continue;
			}
			summary = xasprintf("version %s registered%s%s", v->version,
					    hf_reg_stage(v->stage) ? " in stage " : "",
					    hf_reg_stage(v->stage) ? v->stage : "");
			rc = activity(store, v->created ? v->created : now, source, "version",
				      m->name, summary, v->version, events);
			c->versions_new++;
			free(summary);
		}
		for (size_t j = 0; j < m->naliases && !rc; j++) {
			const struct hf_reg_alias *a = &m->aliases[j];
			struct prev_row *r = prev_find(&pa, m->name, a->alias);
			char *summary;

			if (r) {
				seen_a[r - pa.rows] = 1;
				if (r->value && !strcmp(r->value, a->version))
					continue;
				summary = xasprintf("alias %s moved from version %s to %s", a->alias,
						    r->value ? r->value : "?", a->version);
				c->aliases_moved++;
			} else {
				summary = xasprintf("alias %s set to version %s", a->alias, a->version);
				c->aliases_set++;
			}
			rc = activity(store, now, source, "alias", m->name, summary, a->version, events);
			if (!rc)
				rc = alias_history(store, source, m->name, a->alias, a->version, now);
			free(summary);
		}
	}
	for (size_t i = 0; i < pa.n && !rc; i++) {
		char *summary;

		if (seen_a[i] || !in_scope(sc, pa.rows[i].model))
			continue;
		summary = xasprintf("alias %s removed (was version %s)", pa.rows[i].key,
				    pa.rows[i].value ? pa.rows[i].value : "?");
		rc = activity(store, now, source, "alias", pa.rows[i].model, summary, "", events);
		c->aliases_removed++;
		if (!rc)
			rc = alias_history(store, source, pa.rows[i].model, pa.rows[i].key, NULL, now);
		free(summary);
	}
	for (size_t i = 0; i < pv.n && !rc; i++) {
		char *summary;

		if (seen_v[i] || !in_scope(sc, pv.rows[i].model))
			continue;
		summary = xasprintf("version %s deleted from the registry", pv.rows[i].key);
		rc = activity(store, now, source, "version", pv.rows[i].model, summary,
			      pv.rows[i].key, events);
		c->versions_deleted++;
		free(summary);
	}
out:
	free(seen_v);
	free(seen_a);
	prev_free(&pv);
	prev_free(&pa);
	return rc;
}

/* Delete what is stored for one model of source (its run metrics stay: runs are shared). */
static enum hf_status delete_models(struct hf_store *store, const char *source, const char *model)
{
	static const char *const sql[] = {
		"DELETE FROM reg_model WHERE source = ?1 AND name = ?2",
		"DELETE FROM reg_model_tag WHERE source = ?1 AND model = ?2",
		"DELETE FROM reg_alias WHERE source = ?1 AND model = ?2",
		"DELETE FROM reg_version WHERE source = ?1 AND model = ?2",
		"DELETE FROM reg_version_tag WHERE source = ?1 AND model = ?2",
	};
	enum hf_status rc = HF_OK;

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]) && !rc; i++) {
		sqlite3_stmt *st = hf_store_stmt(store, sql[i]);

		if (!st)
			return HF_EIO;
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, model);
		rc = hf_store_exec_stmt(store, st, "clearing registry rows");
	}
	return rc;
}

static enum hf_status exec_source(struct hf_store *store, const char *sql, const char *source,
				  const char *what)
{
	sqlite3_stmt *st = hf_store_stmt(store, sql);

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	return hf_store_exec_stmt(store, st, what);
}

/* One metric of a run (with its step and time when known). */
static enum hf_status insert_metric(struct hf_store *store, const char *source, const char *run_id,
				    const struct hf_reg_metric *m)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO run_metric (source, run_id, key, value, step, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, run_id);
	hf_bind_text(st, 3, m->key);
	hf_bind_double(st, 4, m->value);
	hf_bind_int(st, 5, m->step);
	if (m->at)
		hf_bind_int(st, 6, m->at);
	return hf_store_exec_stmt(store, st, "storing a run metric");
}

/* A run's parameters, replacing the stored ones. */
static enum hf_status insert_params(struct hf_store *store, const char *source,
				    const struct hf_reg_run *r)
{
	sqlite3_stmt *st = hf_store_stmt(store, "DELETE FROM run_param WHERE source = ?1 AND run_id = ?2");
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, r->run_id);
	if ((rc = hf_store_exec_stmt(store, st, "replacing a run's parameters")))
		return rc;
	for (size_t k = 0; k < r->nparams && !rc; k++) {
		st = hf_store_stmt(store, "INSERT OR REPLACE INTO run_param (source, run_id, key, value)"
					  " VALUES (?1, ?2, ?3, ?4)");
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, r->run_id);
		hf_bind_text(st, 3, r->params[k].key);
		hf_bind_text(st, 4, r->params[k].value);
		rc = hf_store_exec_stmt(store, st, "storing a run parameter");
	}
	return rc;
}

/* A fetched run: its metrics and parameters replace the stored ones, and it is remembered as fetched. */
static enum hf_status insert_run(struct hf_store *store, const char *source,
				 const struct hf_reg_run *r, int64_t now)
{
	sqlite3_stmt *st = hf_store_stmt(store, "DELETE FROM run_metric WHERE source = ?1 AND run_id = ?2");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, r->run_id);
	if ((rc = hf_store_exec_stmt(store, st, "replacing a run's metrics")))
		return rc;
	for (size_t k = 0; k < r->nmetrics; k++)
		if ((rc = insert_metric(store, source, r->run_id, &r->metrics[k])))
			return rc;
	if ((rc = insert_params(store, source, r)))
		return rc;
	st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO reg_run (source, run_id, status, version_updated, fetched) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, r->run_id);
	hf_bind_text(st, 3, r->status);
	hf_bind_int(st, 4, r->version_updated);
	hf_bind_int(st, 5, now);
	return hf_store_exec_stmt(store, st, "remembering a fetched run");
}

static enum hf_status insert_version(struct hf_store *store, const char *source, const char *model,
				     const struct hf_reg_version *v)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO reg_version (source, model, version, stage, status, run_id,"
		" description, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, model);
	hf_bind_text(st, 3, v->version);
	hf_bind_text(st, 4, v->stage);
	hf_bind_text(st, 5, v->status);
	hf_bind_text(st, 6, v->run_id);
	hf_bind_text(st, 7, v->description);
	hf_bind_int(st, 8, v->created);
	hf_bind_int(st, 9, v->updated);
	if ((rc = hf_store_exec_stmt(store, st, "storing a model version")))
		return rc;
	for (size_t k = 0; k < v->ntags; k++) {
		st = hf_store_stmt(store,
			"INSERT OR REPLACE INTO reg_version_tag (source, model, version, key, value) "
			"VALUES (?1, ?2, ?3, ?4, ?5)");
		if (!st)
			return HF_EIO;
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, model);
		hf_bind_text(st, 3, v->version);
		hf_bind_text(st, 4, v->tags[k].key);
		hf_bind_text(st, 5, v->tags[k].value);
		if ((rc = hf_store_exec_stmt(store, st, "storing a version tag")))
			return rc;
	}
	for (size_t k = 0; v->run_id && *v->run_id && k < v->nmetrics; k++)
		if ((rc = insert_metric(store, source, v->run_id, &v->metrics[k])))
			return rc;
	return HF_OK;
}

static enum hf_status insert_model(struct hf_store *store, const char *source,
				   const struct hf_reg_model *m)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO reg_model (source, name, description, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, m->name);
	hf_bind_text(st, 3, m->description);
	if (m->created)
		hf_bind_int(st, 4, m->created);
	hf_bind_int(st, 5, m->updated);
	if ((rc = hf_store_exec_stmt(store, st, "storing a registered model")))
		return rc;
	for (size_t k = 0; k < m->ntags; k++) {
		st = hf_store_stmt(store,
			"INSERT OR REPLACE INTO reg_model_tag (source, model, key, value) "
			"VALUES (?1, ?2, ?3, ?4)");
		if (!st)
			return HF_EIO;
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, m->name);
		hf_bind_text(st, 3, m->tags[k].key);
		hf_bind_text(st, 4, m->tags[k].value);
		if ((rc = hf_store_exec_stmt(store, st, "storing a model tag")))
			return rc;
	}
	for (size_t k = 0; k < m->naliases; k++) {
		st = hf_store_stmt(store,
			"INSERT OR REPLACE INTO reg_alias (source, model, alias, version) "
			"VALUES (?1, ?2, ?3, ?4)");
		if (!st)
			return HF_EIO;
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, m->name);
		hf_bind_text(st, 3, m->aliases[k].alias);
		hf_bind_text(st, 4, m->aliases[k].version);
		if ((rc = hf_store_exec_stmt(store, st, "storing an alias")))
			return rc;
	}
	for (size_t k = 0; k < m->nversions; k++)
		if ((rc = insert_version(store, source, m->name, &m->versions[k])))
			return rc;
	return HF_OK;
}

static enum hf_status set_digest(struct hf_store *store, const char *source,
				const struct hf_reg_model *m)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"UPDATE reg_model SET digest = ?3 WHERE source = ?1 AND name = ?2");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, m->name);
	hf_bind_int(st, 3, (int64_t)hf_reg_model_digest(m));
	return hf_store_exec_stmt(store, st, "storing a model's digest");
}

/* A stored model's digest, for the unchanged-model check. */
struct stored_digest {
	char *name;
	int64_t digest;
};

static int digest_cmp(const void *x, const void *y)
{
	return strcmp(((const struct stored_digest *)x)->name, ((const struct stored_digest *)y)->name);
}

static void read_digest(sqlite3_stmt *st, void *item)
{
	struct stored_digest *d = item;

	d->name = hf_column_text(st, 0);
	if (!d->name)
		d->name = xstrdup("");
	d->digest = sqlite3_column_int64(st, 1);
}

size_t hf_reg_changes_total(const struct hf_reg_changes *c)
{
	return c->models_new + c->models_updated + c->models_deleted + c->runs;
}

/*
 * hf_store_reg_update: *nevents counts the activity events, *c what was
 * written by kind. force (the demo's replace, whose metrics come with the
 * versions) writes every model again.
 */
static enum hf_status update(struct hf_store *store, const char *source,
			     const struct hf_reg_update *u, bool force, int64_t now, size_t *nevents,
			     struct hf_reg_changes *c)
{
	struct stored_digest *stored = NULL;
	struct hf_reg_model *changed;
	struct scope sc = { NULL, 0 };
	size_t nstored = 0, nch = 0;
	char *seen;
	sqlite3_stmt *st;
	enum hf_status rc;

	*nevents = 0;
	memset(c, 0, sizeof(*c));
	st = hf_store_stmt(store, "SELECT name, ifnull(digest, 0) FROM reg_model WHERE source = ?1");
	hf_bind_text(st, 1, source);
	if ((rc = hf_store_read_rows(store, st, &stored, &nstored, sizeof(*stored), read_digest, NULL,
				     "reading the stored registry")))
		goto out0;
	if (nstored > 1)
		qsort(stored, nstored, sizeof(*stored), digest_cmp);
	seen = xcalloc(nstored + 1, 1);
	changed = xcalloc(u->nmodels + 1, sizeof(*changed));
	sc.names = xcalloc(u->nmodels + u->ngone + nstored + 1, sizeof(*sc.names));
	for (size_t i = 0; i < u->nmodels; i++) {
		struct stored_digest key = { u->models[i].name, 0 }, *d;

		d = nstored ? bsearch(&key, stored, nstored, sizeof(*stored), digest_cmp) : NULL;
		if (d)
			seen[d - stored] = 1;
		if (!force && d && d->digest == (int64_t)hf_reg_model_digest(&u->models[i]))
			continue;	/* as stored: nothing to write, nothing happened */
		changed[nch++] = u->models[i];	/* shallow: borrowed for this call */
		sc.names[sc.n++] = u->models[i].name;
		if (d)
			c->models_updated++;
		else
			c->models_new++;
	}
	for (size_t i = 0; i < u->ngone; i++) {
		struct stored_digest key = { u->gone[i], 0 };

		sc.names[sc.n++] = u->gone[i];
		if (nstored && bsearch(&key, stored, nstored, sizeof(*stored), digest_cmp))
			c->models_deleted++;
	}
	/* a full listing names every model: a stored one it lacks was deleted */
	for (size_t i = 0; u->full && i < nstored; i++)
		if (!seen[i]) {
			sc.names[sc.n++] = stored[i].name;
			c->models_deleted++;
		}
	if (sc.n > 1)
		qsort(sc.names, sc.n, sizeof(*sc.names), str_cmp);
	rc = record_history(store, source, changed, nch, &sc, now, nevents, c);
	for (size_t i = 0; i < sc.n && !rc; i++)
		rc = delete_models(store, source, sc.names[i]);
	for (size_t i = 0; i < nch && !rc; i++) {
		rc = insert_model(store, source, &changed[i]);
		if (!rc)
			rc = set_digest(store, source, &changed[i]);
	}
	for (size_t i = 0; i < u->nruns && !rc; i++)
		rc = insert_run(store, source, &u->runs[i], now);
	/* a full listing knows every version: metrics of runs none names are dropped */
	if (!rc && u->full)
		rc = exec_source(store, "DELETE FROM run_metric WHERE source = ?1 AND run_id NOT IN"
				 " (SELECT run_id FROM reg_version WHERE source = ?1 AND run_id IS NOT NULL)",
				 source, "dropping the metrics of runs no version names");
	if (!rc && u->full)
		rc = exec_source(store, "DELETE FROM reg_run WHERE source = ?1 AND run_id NOT IN"
				 " (SELECT run_id FROM reg_version WHERE source = ?1 AND run_id IS NOT NULL)",
				 source, "forgetting runs no version names");
	if (!rc && u->full)
		rc = exec_source(store, "DELETE FROM run_param WHERE source = ?1 AND run_id NOT IN"
				 " (SELECT run_id FROM reg_version WHERE source = ?1 AND run_id IS NOT NULL)",
				 source, "dropping the parameters of runs no version names");
	c->runs = u->nruns;
	free(sc.names);
	free(changed);
	free(seen);
out0:
	for (size_t i = 0; i < nstored; i++)
		free(stored[i].name);
	free(stored);
	return rc;
}

enum hf_status hf_store_reg_update(struct hf_store *store, const char *source,
				   const struct hf_reg_update *u, int64_t now,
				   struct hf_reg_changes *changes)
{
	struct hf_reg_changes c;
	size_t nevents;
	enum hf_status rc = update(store, source, u, false, now, &nevents, &c);

	if (changes)
		*changes = c;
	return rc;
}

enum hf_status hf_store_reg_replace(struct hf_store *store, const char *source,
				    const struct hf_reg_model *models, size_t n, int64_t now,
				    size_t *events)
{
	struct hf_reg_update u = { 0 };
	struct hf_reg_changes c;
	size_t nevents = 0;
	enum hf_status rc;

	u.full = true;
	u.models = models;
	u.nmodels = n;
	/* the metrics of the versions are all there is: start from none */
	rc = exec_source(store, "DELETE FROM run_metric WHERE source = ?1", source,
			 "clearing run metrics");
	if (!rc)
		rc = update(store, source, &u, true, now, &nevents, &c);
	if (events)
		*events = nevents;
	return rc;
}

static void read_tag(sqlite3_stmt *st, void *item)
{
	struct hf_reg_tag *t = item;

	t->key = hf_column_text(st, 0);
	if (!t->key)
		t->key = xstrdup("");
	t->value = hf_column_text(st, 1);
}

static void read_alias(sqlite3_stmt *st, void *item)
{
	struct hf_reg_alias *a = item;

	a->alias = hf_column_text(st, 0);
	a->version = hf_column_text(st, 1);
}

static void read_version(sqlite3_stmt *st, void *item)
{
	struct hf_reg_version *v = item;

	v->version = hf_column_text(st, 0);
	v->stage = hf_column_text(st, 1);
	v->status = hf_column_text(st, 2);
	v->run_id = hf_column_text(st, 3);
	v->description = hf_column_text(st, 4);
	v->created = sqlite3_column_int64(st, 5);
	v->updated = sqlite3_column_int64(st, 6);
}

static void read_metric(sqlite3_stmt *st, void *item)
{
	struct hf_reg_metric *m = item;

	m->key = hf_column_text(st, 0);
	if (!m->key)
		m->key = xstrdup("");
	m->value = sqlite3_column_double(st, 1);
}

/* Fill versions, tags, aliases and metrics of m (source and name set). */
static enum hf_status read_model_parts(struct hf_store *store, struct hf_reg_model *m)
{
	sqlite3_stmt *st;
	enum hf_status rc;

	st = hf_store_stmt(store, "SELECT key, value FROM reg_model_tag WHERE source = ?1 AND model = ?2"
				  " ORDER BY rowid");
	hf_bind_text(st, 1, m->source);
	hf_bind_text(st, 2, m->name);
	if ((rc = hf_store_read_rows(store, st, &m->tags, &m->ntags, sizeof(*m->tags), read_tag, NULL,
				     "reading model tags")))
		return rc;

	st = hf_store_stmt(store, "SELECT alias, version FROM reg_alias WHERE source = ?1 AND model = ?2"
				  " ORDER BY alias");
	hf_bind_text(st, 1, m->source);
	hf_bind_text(st, 2, m->name);
	if ((rc = hf_store_read_rows(store, st, &m->aliases, &m->naliases, sizeof(*m->aliases),
				     read_alias, NULL, "reading aliases")))
		return rc;

	st = hf_store_stmt(store, "SELECT version, stage, status, run_id, description, created, updated"
				  " FROM reg_version WHERE source = ?1 AND model = ?2");
	hf_bind_text(st, 1, m->source);
	hf_bind_text(st, 2, m->name);
	if ((rc = hf_store_read_rows(store, st, &m->versions, &m->nversions, sizeof(*m->versions),
				     read_version, NULL, "reading model versions")))
		return rc;
	hf_reg_model_sort_versions(m);

	for (size_t i = 0; i < m->nversions; i++) {
		struct hf_reg_version *v = &m->versions[i];

		st = hf_store_stmt(store, "SELECT key, value FROM reg_version_tag"
					  " WHERE source = ?1 AND model = ?2 AND version = ?3 ORDER BY rowid");
		hf_bind_text(st, 1, m->source);
		hf_bind_text(st, 2, m->name);
		hf_bind_text(st, 3, v->version);
		if ((rc = hf_store_read_rows(store, st, &v->tags, &v->ntags, sizeof(*v->tags), read_tag,
					     NULL, "reading version tags")))
			return rc;
		if (!v->run_id || !*v->run_id)
			continue;
		st = hf_store_stmt(store, "SELECT key, value FROM run_metric"
					  " WHERE source = ?1 AND run_id = ?2 ORDER BY key");
		hf_bind_text(st, 1, m->source);
		hf_bind_text(st, 2, v->run_id);
		if ((rc = hf_store_read_rows(store, st, &v->metrics, &v->nmetrics, sizeof(*v->metrics),
					     read_metric, NULL, "reading run metrics")))
			return rc;
	}
	return HF_OK;
}

static void read_run_head(sqlite3_stmt *st, void *item)
{
	struct hf_reg_run *r = item;

	r->status = hf_column_text(st, 0);
	r->version_updated = sqlite3_column_int64(st, 1);
}

enum hf_status hf_store_reg_run_get(struct hf_store *store, const char *source, const char *run_id,
				    struct hf_reg_run *out, bool *fetched)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT status, version_updated FROM reg_run"
						" WHERE source = ?1 AND run_id = ?2");
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, run_id);
	if ((rc = hf_store_read_one(store, st, read_run_head, out, fetched, "reading a fetched run")))
		return rc;
	out->run_id = xstrdup(run_id);
	st = hf_store_stmt(store, "SELECT key, value FROM run_metric WHERE source = ?1 AND run_id = ?2"
				  " ORDER BY key");
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, run_id);
	rc = hf_store_read_rows(store, st, &out->metrics, &out->nmetrics, sizeof(*out->metrics),
				read_metric, NULL, "reading run metrics");
	st = hf_store_stmt(store, "SELECT key, value FROM run_param WHERE source = ?1 AND run_id = ?2"
				  " ORDER BY key");
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, run_id);
	if (!rc)
		rc = hf_store_read_rows(store, st, &out->params, &out->nparams, sizeof(*out->params),
					read_tag, NULL, "reading run parameters");
	if (rc)
		hf_reg_run_clear(out);
	return rc;
}

/* The head of a registered model: source, name, description, updated. */
static void read_model(sqlite3_stmt *st, void *item)
{
	struct hf_reg_model *m = item;

	m->source = hf_column_text(st, 0);
	m->name = hf_column_text(st, 1);
	m->description = hf_column_text(st, 2);
	m->updated = sqlite3_column_int64(st, 3);
	m->created = sqlite3_column_int64(st, 4);
}

enum hf_status hf_store_reg_model_get(struct hf_store *store, const char *source, const char *name,
				      struct hf_reg_model *out)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, name, description, updated, ifnull(created, 0) FROM reg_model"
		" WHERE (?1 IS NULL OR source = ?1) AND name = ?2 ORDER BY source LIMIT 1");
	enum hf_status rc;
	bool found;

	memset(out, 0, sizeof(*out));
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, name);
	if ((rc = hf_store_read_one(store, st, read_model, out, &found, "reading a registered model")))
		return rc;
	if (!found)
		return hf_error(HF_ENOTFOUND, "no registered model '%s'%s%s%s", name,
				source ? " in source '" : "", source ? source : "", source ? "'" : "");
	rc = read_model_parts(store, out);
	if (rc)
		hf_reg_model_clear(out);
	return rc;
}

enum hf_status hf_store_reg_models(struct hf_store *store, const char *source,
				   struct hf_reg_model **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, name, description, updated, ifnull(created, 0) FROM reg_model"
		" WHERE (?1 IS NULL OR source = ?1) ORDER BY name, source");
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	rc = hf_store_read_rows(store, st, out, n, sizeof(**out), read_model, NULL,
				"listing registered models");
	for (size_t i = 0; i < *n && !rc; i++)
		rc = read_model_parts(store, &(*out)[i]);
	if (rc) {
		hf_reg_models_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

enum hf_status hf_store_reg_model_names(struct hf_store *store, char ***names, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT DISTINCT name FROM reg_model ORDER BY name");

	return hf_store_read_rows(store, st, names, n, sizeof(**names), hf_store_row_text,
				  hf_store_free_texts, "listing registered model names");
}

enum hf_status hf_store_reg_alias_at(struct hf_store *store, const char *model, const char *alias,
				     int64_t at, char **version)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT version FROM reg_alias_history WHERE model = ?1 AND alias = ?2 AND at <= ?3"
		" ORDER BY at DESC, id DESC LIMIT 1");

	*version = NULL;
	hf_bind_text(st, 1, model);
	hf_bind_text(st, 2, alias);
	hf_bind_int(st, 3, at);
	return hf_store_read_one(store, st, hf_store_row_text, version, NULL, "reading alias history");
}

static void read_alias_move(sqlite3_stmt *st, void *item)
{
	struct hf_reg_alias_move *m = item;

	m->source = hf_column_text(st, 0);
	m->model = hf_column_text(st, 1);
	m->alias = hf_column_text(st, 2);
	m->version = hf_column_text(st, 3);
	m->at = sqlite3_column_int64(st, 4);
}

static void alias_moves_free(void *m, size_t n)
{
	hf_reg_alias_moves_free(m, n);
}

enum hf_status hf_store_reg_alias_history(struct hf_store *store, const char *model,
					  struct hf_reg_alias_move **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, model, alias, version, at FROM reg_alias_history WHERE model = ?1"
		" ORDER BY at, id");

	hf_bind_text(st, 1, model);
	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_alias_move, alias_moves_free,
				  "reading alias history");
}

void hf_reg_alias_moves_free(struct hf_reg_alias_move *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].source);
		free(m[i].model);
		free(m[i].alias);
		free(m[i].version);
	}
	free(m);
}
