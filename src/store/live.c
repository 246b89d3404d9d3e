/* live.c: SQL for live SLOs: the pod's query templates and the values a Prometheus source measured */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_live.h"
#include "handoff/xmalloc.h"
#include "internal.h"

enum hf_status hf_store_pod_live_put(struct hf_store *store, const char *source, const char *path,
				     const struct hf_pod_live *live)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"UPDATE pod SET live_source = ?3, live_window = NULLIF(?4, 0)"
		" WHERE source = ?1 AND path = ?2");
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, live->source);
	hf_bind_int(st, 4, live->window);
	if (!st || (rc = hf_store_exec_stmt(store, st, "storing the pod's live settings")))
		return st ? rc : HF_EIO;
	st = hf_store_stmt(store,
		"INSERT INTO pod_live_query (source, path, position, metric, query)"
		" VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < live->nqueries; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_int(st, 3, (int64_t)i);
		hf_bind_text(st, 4, live->queries[i].metric);
		hf_bind_text(st, 5, live->queries[i].query);
		if ((rc = hf_store_exec_stmt(store, st, "storing a live query template")))
			return rc;
	}
	return HF_OK;
}

struct pod_live_row {
	char *source, *path;
	struct hf_pod_live *live;
};

static void read_pod_live(sqlite3_stmt *st, void *item)
{
	struct pod_live_row *row = item;

	row->source = hf_column_text(st, 0);
	row->path = hf_column_text(st, 1);
	row->live->source = hf_column_text(st, 2);
	row->live->window = sqlite3_column_int64(st, 3);
}

static void read_template(sqlite3_stmt *st, void *item)
{
	struct hf_live_template *t = item;

	t->metric = hf_column_text(st, 0);
	t->query = hf_column_text(st, 1);
}

enum hf_status hf_store_pod_live_get(struct hf_store *store, struct hf_pod_live *live)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, path, live_source, live_window FROM pod ORDER BY source LIMIT 1");
	struct pod_live_row row = { NULL, NULL, live };
	enum hf_status rc;
	bool found;

	memset(live, 0, sizeof(*live));
	rc = hf_store_read_one(store, st, read_pod_live, &row, &found, "reading the pod's live settings");
	if (!rc && found) {
		st = hf_store_stmt(store,
			"SELECT metric, query FROM pod_live_query WHERE source = ?1 AND path = ?2"
			" ORDER BY position");
		hf_bind_text(st, 1, row.source);
		hf_bind_text(st, 2, row.path);
		rc = hf_store_read_rows(store, st, &live->queries, &live->nqueries,
					sizeof(*live->queries), read_template, NULL,
					"reading live query templates");
	}
	free(row.source);
	free(row.path);
	if (rc)
		hf_pod_live_clear(live);
	return rc;
}

void hf_live_row_clear(struct hf_live_row *r)
{
	free(r->source);
	free(r->model);
	free(r->metric);
	free(r->op);
	free(r->query);
	free(r->points);
	free(r->verdict);
	free(r->error);
	memset(r, 0, sizeof(*r));
}

void hf_live_rows_free(struct hf_live_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_live_row_clear(&rows[i]);
	free(rows);
}

enum hf_status hf_store_live_begin(struct hf_store *store, const char *source)
{
	sqlite3_stmt *st = hf_store_stmt(store, "UPDATE live_value SET seen = 0 WHERE source = ?1");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	return hf_store_exec_stmt(store, st, "starting to store live values");
}

enum hf_status hf_store_live_end(struct hf_store *store, const char *source, size_t *dropped)
{
	sqlite3_stmt *st = hf_store_stmt(store, "DELETE FROM live_value WHERE source = ?1 AND seen = 0");
	enum hf_status rc;

	*dropped = 0;
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	if (!(rc = hf_store_exec_stmt(store, st, "dropping live values of SLOs no longer live")))
		*dropped = (size_t)sqlite3_changes(store->db);
	return rc;
}

static void bind_key(sqlite3_stmt *st, const struct hf_live_row *r)
{
	hf_bind_text(st, 1, r->source);
	hf_bind_text(st, 2, r->model);
	hf_bind_text(st, 3, r->metric);
	hf_bind_text(st, 4, r->op);
}

/* The whole row: measured, or (measured false) only the error, without values. */
static enum hf_status write_row(struct hf_store *store, const struct hf_live_row *r, bool measured)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO live_value (source, model, metric, op, target, query, window_s,"
		" step_s, at, state, value, budget, worst, measured, bad, start, points, verdict,"
		" error, error_at, seen)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19, ?20, 1)");

	if (!st)
		return HF_EIO;
	bind_key(st, r);
	hf_bind_double(st, 5, r->target);
	hf_bind_text(st, 6, r->query);
	hf_bind_int(st, 7, r->window);
	hf_bind_int(st, 8, r->step);
	if (measured) {
		hf_bind_int(st, 9, r->at);
		hf_bind_text(st, 10, hf_live_state_name(r->state));
		if (r->state == HF_LIVE_VALUE)
			hf_bind_double(st, 11, r->value);
		if (r->has_budget)
			hf_bind_double(st, 12, r->budget);
		if (r->has_worst)
			hf_bind_double(st, 13, r->worst);
		hf_bind_int(st, 14, r->measured);
		hf_bind_int(st, 15, r->bad);
		hf_bind_int(st, 16, r->start);
		hf_bind_text(st, 17, r->points);
		hf_bind_text(st, 18, r->verdict ? r->verdict : "unknown");
	} else {
		hf_bind_text(st, 10, hf_live_state_name(HF_LIVE_UNSYNCED));
		hf_bind_text(st, 18, "unknown");
		hf_bind_text(st, 19, r->error);
		hf_bind_int(st, 20, r->error_at);
	}
	return hf_store_exec_stmt(store, st, "storing a live value");
}

enum hf_status hf_store_live_put(struct hf_store *store, const struct hf_live_row *r,
				 char **previous)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT query, verdict FROM live_value"
		" WHERE source = ?1 AND model = ?2 AND metric = ?3 AND op = ?4");
	char *old[2] = { NULL, NULL };
	enum hf_status rc;
	bool found;

	if (previous)
		*previous = NULL;
	bind_key(st, r);
	if ((rc = hf_store_read_one(store, st, hf_store_row_text2, old, &found, "reading a live value")))
		return rc;
	if (!r->error || !found || !old[0] || strcmp(old[0], r->query) != 0) {
		rc = write_row(store, r, !r->error);
	} else {
		/* the same query failed this time: keep what it measured before, with its age */
		st = hf_store_stmt(store,
			"UPDATE live_value SET error = ?5, error_at = ?6, target = ?7, seen = 1"
			" WHERE source = ?1 AND model = ?2 AND metric = ?3 AND op = ?4");
		bind_key(st, r);
		hf_bind_text(st, 5, r->error);
		hf_bind_int(st, 6, r->error_at);
		hf_bind_double(st, 7, r->target);
		rc = st ? hf_store_exec_stmt(store, st, "storing a live query's failure") : HF_EIO;
	}
	if (!rc && previous && found)
		*previous = old[1];
	else
		free(old[1]);
	free(old[0]);
	return rc;
}

static void read_live(sqlite3_stmt *st, void *item)
{
	struct hf_live_row *r = item;

	r->source = hf_column_text(st, 0);
	r->model = hf_column_text(st, 1);
	r->metric = hf_column_text(st, 2);
	r->op = hf_column_text(st, 3);
	r->target = sqlite3_column_double(st, 4);
	r->query = hf_column_text(st, 5);
	r->window = sqlite3_column_int64(st, 6);
	r->step = sqlite3_column_int64(st, 7);
	r->at = sqlite3_column_int64(st, 8);
	r->state = hf_live_state_parse((const char *)sqlite3_column_text(st, 9));
	r->value = sqlite3_column_double(st, 10);
	r->has_budget = sqlite3_column_type(st, 11) != SQLITE_NULL;
	r->budget = sqlite3_column_double(st, 11);
	r->has_worst = sqlite3_column_type(st, 12) != SQLITE_NULL;
	r->worst = sqlite3_column_double(st, 12);
	r->measured = sqlite3_column_int64(st, 13);
	r->bad = sqlite3_column_int64(st, 14);
	r->start = sqlite3_column_int64(st, 15);
	r->points = hf_column_text(st, 16);
	r->verdict = hf_column_text(st, 17);
	r->error = hf_column_text(st, 18);
	r->error_at = sqlite3_column_int64(st, 19);
}

static void read_int(sqlite3_stmt *st, void *item)
{
	*(int *)item = sqlite3_column_int(st, 0);
}

static void free_live(void *items, size_t n)
{
	hf_live_rows_free(items, n);
}

enum hf_status hf_store_live_list(struct hf_store *store, const char *model,
				  struct hf_live_row **rows, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, model, metric, op, target, query, window_s, step_s, at, state, value,"
		" budget, worst, measured, bad, start, points, verdict, error, error_at"
		" FROM live_value WHERE ?1 IS NULL OR model = ?1 ORDER BY model, source, metric, op");

	hf_bind_text(st, 1, model);
	return hf_store_read_rows(store, st, rows, n, sizeof(**rows), read_live, free_live,
				  "reading live values");
}

enum hf_status hf_store_live_any(struct hf_store *store, bool *any)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT EXISTS (SELECT 1 FROM pod_live_query) OR EXISTS (SELECT 1 FROM live_value)"
		" OR EXISTS (SELECT 1 FROM slo WHERE live_query IS NOT NULL)");
	int v = 0;
	enum hf_status rc;

	rc = hf_store_read_one(store, st, read_int, &v, NULL, "looking for live SLOs");
	*any = v != 0;
	return rc;
}
