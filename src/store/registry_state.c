/* registry_state.c: what an incremental registry sync reads first: known models and runs, the pod's names, counts */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_registry.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static void read_known_model(sqlite3_stmt *st, void *item)
{
	struct hf_reg_known_model *m = item;

	m->name = hf_column_text(st, 0);
	if (!m->name)
		m->name = xstrdup("");
	m->updated = sqlite3_column_int64(st, 1);
}

static void read_known_run(sqlite3_stmt *st, void *item)
{
	struct hf_reg_known_run *r = item;

	r->run_id = hf_column_text(st, 0);
	if (!r->run_id)
		r->run_id = xstrdup("");
	r->status = hf_column_text(st, 1);
	r->version_updated = sqlite3_column_int64(st, 2);
}

static int model_cmp(const void *x, const void *y)
{
	return strcmp(((const struct hf_reg_known_model *)x)->name,
		      ((const struct hf_reg_known_model *)y)->name);
}

static int run_cmp(const void *x, const void *y)
{
	return strcmp(((const struct hf_reg_known_run *)x)->run_id,
		      ((const struct hf_reg_known_run *)y)->run_id);
}

void hf_reg_known_clear(struct hf_reg_known *k)
{
	for (size_t i = 0; i < k->nmodels; i++)
		free(k->models[i].name);
	free(k->models);
	for (size_t i = 0; i < k->nruns; i++) {
		free(k->runs[i].run_id);
		free(k->runs[i].status);
	}
	free(k->runs);
	memset(k, 0, sizeof(*k));
}

enum hf_status hf_store_reg_known(struct hf_store *store, const char *source,
				  struct hf_reg_known *out)
{
	sqlite3_stmt *st;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	st = hf_store_stmt(store, "SELECT name, ifnull(updated, 0) FROM reg_model WHERE source = ?1");
	hf_bind_text(st, 1, source);
	rc = hf_store_read_rows(store, st, &out->models, &out->nmodels, sizeof(*out->models),
				read_known_model, NULL, "reading the synced models");
	if (!rc) {
		st = hf_store_stmt(store, "SELECT run_id, status, ifnull(version_updated, 0) FROM reg_run"
					  " WHERE source = ?1");
		hf_bind_text(st, 1, source);
		rc = hf_store_read_rows(store, st, &out->runs, &out->nruns, sizeof(*out->runs),
					read_known_run, NULL, "reading the fetched runs");
	}
	if (rc) {
		hf_reg_known_clear(out);
		return rc;
	}
	/* byte order, as strcmp: the database's collation need not agree */
	if (out->nmodels > 1)
		qsort(out->models, out->nmodels, sizeof(*out->models), model_cmp);
	if (out->nruns > 1)
		qsort(out->runs, out->nruns, sizeof(*out->runs), run_cmp);
	return HF_OK;
}

const struct hf_reg_known_model *hf_reg_known_model(const struct hf_reg_known *k, const char *name)
{
	struct hf_reg_known_model key = { (char *)name, 0 };

	if (!k->nmodels || !name)
		return NULL;
	return bsearch(&key, k->models, k->nmodels, sizeof(*k->models), model_cmp);
}

const struct hf_reg_known_run *hf_reg_known_run(const struct hf_reg_known *k, const char *run_id)
{
	struct hf_reg_known_run key = { (char *)run_id, NULL, 0 };

	if (!k->nruns || !run_id)
		return NULL;
	return bsearch(&key, k->runs, k->nruns, sizeof(*k->runs), run_cmp);
}

static int str_cmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sort names in byte order and drop repeats. */
static void sort_unique(char **names, size_t *n)
{
	size_t out = 0;

	if (*n > 1)
		qsort(names, *n, sizeof(*names), str_cmp);
	for (size_t i = 0; i < *n; i++) {
		if (out && !strcmp(names[out - 1], names[i])) {
			free(names[i]);
			continue;
		}
		names[out++] = names[i];
	}
	*n = out;
}

enum hf_status hf_store_reg_pod_names(struct hf_store *store, const char *source, char ***names,
				      size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT DISTINCT ifnull(registry_name, model) FROM contract"
		" WHERE registry_source IS NULL OR registry_source = ?1");
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	rc = hf_store_read_rows(store, st, names, n, sizeof(**names), hf_store_row_text,
				hf_store_free_texts, "reading the pod's registry names");
	if (!rc)
		sort_unique(*names, n);
	return rc;
}

static void read_counts(sqlite3_stmt *st, void *item)
{
	int64_t *c = item;

	c[0] = sqlite3_column_int64(st, 0);
	c[1] = sqlite3_column_int64(st, 1);
}

enum hf_status hf_store_reg_counts(struct hf_store *store, const char *source, size_t *models,
				   size_t *versions)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT (SELECT count(*) FROM reg_model WHERE source = ?1),"
		" (SELECT count(*) FROM reg_version WHERE source = ?1)");
	int64_t c[2] = { 0, 0 };
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	rc = hf_store_read_one(store, st, read_counts, c, NULL, "counting registry rows");
	*models = (size_t)c[0];
	*versions = (size_t)c[1];
	return rc;
}

enum hf_status hf_store_reg_outside_pod(struct hf_store *store, int64_t since, char ***names,
					size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT DISTINCT r.name FROM reg_model r WHERE ifnull(r.created, r.updated) >= ?1"
		" AND r.name NOT IN (SELECT ifnull(registry_name, model) FROM contract"
		"  UNION SELECT model FROM readiness UNION SELECT model FROM model_card)");
	enum hf_status rc;

	hf_bind_int(st, 1, since);
	rc = hf_store_read_rows(store, st, names, n, sizeof(**names), hf_store_row_text,
				hf_store_free_texts, "listing registry models outside the pod");
	if (!rc)
		sort_unique(*names, n);
	return rc;
}
