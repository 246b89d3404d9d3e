/* log.c: per-source state, the sync log, problems, forgetting a file and activity */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/strbuf.h"
#include "internal.h"

enum hf_status hf_store_state_get(struct hf_store *store, const char *source, const char *key,
				  char **value)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT value FROM source_state WHERE source = ?1 AND key = ?2");

	*value = NULL;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, key);
	return hf_store_read_one(store, st, hf_store_row_text, value, NULL, "reading source state");
}

enum hf_status hf_store_state_set(struct hf_store *store, const char *source, const char *key,
				  const char *value)
{
	sqlite3_stmt *st = value
		? hf_store_stmt(store, "INSERT OR REPLACE INTO source_state (source, key, value) "
				       "VALUES (?1, ?2, ?3)")
		: hf_store_stmt(store, "DELETE FROM source_state WHERE source = ?1 AND key = ?2");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, key);
	if (value)
		hf_bind_text(st, 3, value);
	return hf_store_exec_stmt(store, st, "writing source state");
}

enum hf_status hf_store_sync_record(struct hf_store *store, const struct hf_sync_run *run)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO sync_run (source, type, started, finished, ok, error, detail, pid,"
		" fetch_ms, apply_ms, changes, full) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
		" ?11, ?12)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, run->source);
	hf_bind_text(st, 2, run->type);
	hf_bind_int(st, 3, run->started);
	hf_bind_int(st, 4, run->finished);
	hf_bind_int(st, 5, run->ok);
	hf_bind_text(st, 6, run->ok ? NULL : run->error);
	hf_bind_text(st, 7, run->detail);
	hf_bind_int(st, 8, run->pid);
	hf_bind_int(st, 9, run->fetch_ms);
	hf_bind_int(st, 10, run->apply_ms);
	if (run->changes >= 0)
		hf_bind_int(st, 11, run->changes);
	hf_bind_int(st, 12, run->full);
	return hf_store_exec_stmt(store, st, "recording a sync");
}

#define RUN_COLUMNS "source, type, started, finished, ok, error, detail, ifnull(pid, 0)," \
	" ifnull(fetch_ms, 0), ifnull(apply_ms, 0), ifnull(changes, -1), ifnull(full, 0)"

static void read_run(sqlite3_stmt *st, void *item)
{
	struct hf_sync_run *r = item;

	r->source = hf_column_text(st, 0);
	r->type = hf_column_text(st, 1);
	r->started = sqlite3_column_int64(st, 2);
	r->finished = sqlite3_column_int64(st, 3);
	r->ok = sqlite3_column_int(st, 4) != 0;
	r->error = hf_column_text(st, 5);
	r->detail = hf_column_text(st, 6);
	r->pid = sqlite3_column_int64(st, 7);
	r->fetch_ms = sqlite3_column_int64(st, 8);
	r->apply_ms = sqlite3_column_int64(st, 9);
	r->changes = sqlite3_column_int64(st, 10);
	r->full = sqlite3_column_int(st, 11) != 0;
	if (sqlite3_column_count(st) > 12)
		r->last_ok = sqlite3_column_int64(st, 12);
}

static void runs_free(void *runs, size_t n)
{
	hf_sync_runs_free(runs, n);
}

static enum hf_status read_runs(struct hf_store *store, sqlite3_stmt *st,
				struct hf_sync_run **runs, size_t *n)
{
	return hf_store_read_rows(store, st, runs, n, sizeof(**runs), read_run, runs_free,
				  "reading the sync log");
}

enum hf_status hf_store_sync_latest(struct hf_store *store, struct hf_sync_run **runs, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT " RUN_COLUMNS ", ifnull((SELECT max(ok.finished) FROM sync_run ok"
		" WHERE ok.source = sync_run.source AND ok.ok = 1), 0) FROM sync_run "
		"WHERE id IN (SELECT max(id) FROM sync_run GROUP BY source) ORDER BY source");

	return read_runs(store, st, runs, n);
}

enum hf_status hf_store_sync_history(struct hf_store *store, size_t limit,
				     struct hf_sync_run **runs, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT " RUN_COLUMNS " FROM sync_run "
		"ORDER BY id DESC LIMIT ?1");

	hf_bind_int(st, 1, (int64_t)limit);
	return read_runs(store, st, runs, n);
}

void hf_sync_runs_free(struct hf_sync_run *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(runs[i].source);
		free(runs[i].type);
		free(runs[i].error);
		free(runs[i].detail);
	}
	free(runs);
}

enum hf_status hf_store_problem_add(struct hf_store *store, const struct hf_problem *p)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO problem (source, path, field, severity, message, at, line, col, reference) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, p->source);
	hf_bind_text(st, 2, p->path ? p->path : "");
	hf_bind_text(st, 3, p->field);
	hf_bind_int(st, 4, p->severity);
	hf_bind_text(st, 5, p->message);
	hf_bind_int(st, 6, p->at ? p->at : hf_now());
	if (p->line > 0) {
		hf_bind_int(st, 7, p->line);
		hf_bind_int(st, 8, p->col > 0 ? p->col : 1);
	}
	hf_bind_int(st, 9, p->reference);
	return hf_store_exec_stmt(store, st, "recording a problem");
}

static void read_problem(sqlite3_stmt *st, void *item)
{
	struct hf_problem *p = item;

	p->source = hf_column_text(st, 0);
	p->path = hf_column_text(st, 1);
	p->field = hf_column_text(st, 2);
	p->severity = sqlite3_column_int(st, 3) ? HF_PROBLEM_WARNING : HF_PROBLEM_ERROR;
	p->message = hf_column_text(st, 4);
	p->at = sqlite3_column_int64(st, 5);
	p->line = sqlite3_column_int(st, 6);
	p->col = sqlite3_column_int(st, 7);
	p->reference = sqlite3_column_int(st, 8) != 0;
}

static void problems_free(void *p, size_t n)
{
	hf_problems_free(p, n);
}

enum hf_status hf_store_problems_of(struct hf_store *store, const char *source,
				    struct hf_problem **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, path, field, severity, message, at, line, col, reference FROM problem "
		"WHERE ?1 IS NULL OR source = ?1 "
		"ORDER BY severity, source, path, coalesce(line, 0), coalesce(col, 0), id");

	hf_bind_text(st, 1, source);
	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_problem, problems_free,
				  "reading problems");
}

enum hf_status hf_store_problems(struct hf_store *store, struct hf_problem **out, size_t *n)
{
	return hf_store_problems_of(store, NULL, out, n);
}

enum hf_status hf_store_problems_clear_references(struct hf_store *store)
{
	sqlite3_stmt *st = hf_store_stmt(store, "DELETE FROM problem WHERE reference != 0");

	return hf_store_exec_stmt(store, st, "clearing the cross-file problems");
}

void hf_problems_free(struct hf_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].source);
		free(p[i].path);
		free(p[i].field);
		free(p[i].message);
	}
	free(p);
}

enum hf_status hf_store_ref_add(struct hf_store *store, const struct hf_pod_ref *r)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO pod_ref (source, path, kind, value, scope, field, line, col) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, r->source);
	hf_bind_text(st, 2, r->path);
	hf_bind_text(st, 3, r->kind);
	hf_bind_text(st, 4, r->value);
	hf_bind_text(st, 5, r->scope);
	hf_bind_text(st, 6, r->field);
	if (r->line > 0) {
		hf_bind_int(st, 7, r->line);
		hf_bind_int(st, 8, r->col > 0 ? r->col : 1);
	}
	return hf_store_exec_stmt(store, st, "recording a reference");
}

static void read_ref(sqlite3_stmt *st, void *item)
{
	struct hf_pod_ref *r = item;

	r->source = hf_column_text(st, 0);
	r->path = hf_column_text(st, 1);
	r->kind = hf_column_text(st, 2);
	r->value = hf_column_text(st, 3);
	r->scope = hf_column_text(st, 4);
	r->field = hf_column_text(st, 5);
	r->line = sqlite3_column_int(st, 6);
	r->col = sqlite3_column_int(st, 7);
}

static void refs_free(void *r, size_t n)
{
	hf_pod_refs_free(r, n);
}

enum hf_status hf_store_refs(struct hf_store *store, struct hf_pod_ref **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, path, kind, value, scope, field, line, col FROM pod_ref "
		"ORDER BY source, path, coalesce(line, 0), coalesce(col, 0), rowid");

	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_ref, refs_free,
				  "reading references");
}

void hf_pod_refs_free(struct hf_pod_ref *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].source);
		free(r[i].path);
		free(r[i].kind);
		free(r[i].value);
		free(r[i].scope);
		free(r[i].field);
	}
	free(r);
}

static enum hf_status forget(struct hf_store *store, const char *source, const char *path)
{
	struct hf_strbuf sql = HF_STRBUF_INIT;
	enum hf_status rc = HF_OK;

	hf_strbuf_init(&sql);
	for (size_t i = 0; i < store->nowned_tables && !rc; i++) {
		/* one file at a time is the common case (every pod file loaded): keep those prepared */
		sqlite3_stmt *st = path ? store->forget_stmts[i] : NULL;

		if (!st) {
			hf_strbuf_reset(&sql);
			/* table names come from sqlite_master, not from input */
			hf_strbuf_addf(&sql, "DELETE FROM \"%s\" WHERE source = ?1%s", store->owned_tables[i],
				       path ? " AND path = ?2" : "");
			if (sqlite3_prepare_v3(store->db, sql.buf, -1, path ? SQLITE_PREPARE_PERSISTENT : 0,
					       &st, NULL) != SQLITE_OK) {
				rc = hf_store_fail(store, "forgetting a file");
				break;
			}
			if (path)
				store->forget_stmts[i] = st;
		}
		hf_bind_text(st, 1, source);
		if (path)
			hf_bind_text(st, 2, path);
		rc = hf_store_exec_stmt(store, st, "forgetting a file");
		if (!path)
			sqlite3_finalize(st);
	}
	hf_strbuf_release(&sql);
	return rc;
}

enum hf_status hf_store_forget_path(struct hf_store *store, const char *source, const char *path)
{
	return forget(store, source, path);
}

enum hf_status hf_store_forget_source(struct hf_store *store, const char *source)
{
	return forget(store, source, NULL);
}

enum hf_status hf_store_activity_add(struct hf_store *store, const struct hf_activity *a)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO activity (at, source, kind, model, actor, summary, ref, subject) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");

	if (!st)
		return HF_EIO;
	hf_bind_int(st, 1, a->at);
	hf_bind_text(st, 2, a->source);
	hf_bind_text(st, 3, a->kind);
	hf_bind_text(st, 4, a->model);
	hf_bind_text(st, 5, a->actor);
	hf_bind_text(st, 6, a->summary);
	hf_bind_text(st, 7, a->ref);
	hf_bind_text(st, 8, a->subject);
	return hf_store_exec_stmt(store, st, "recording activity");
}

static void read_activity(sqlite3_stmt *st, void *item)
{
	struct hf_activity *a = item;

	a->id = sqlite3_column_int64(st, 0);
	a->at = sqlite3_column_int64(st, 1);
	a->source = hf_column_text(st, 2);
	a->kind = hf_column_text(st, 3);
	a->model = hf_column_text(st, 4);
	a->actor = hf_column_text(st, 5);
	a->summary = hf_column_text(st, 6);
	a->ref = hf_column_text(st, 7);
	a->subject = hf_column_text(st, 8);
}

static void activity_free(void *a, size_t n)
{
	hf_activity_free(a, n);
}

/* Events of model (NULL: all) after event id after_id, at or after since, newest first. */
static enum hf_status activity_query(struct hf_store *store, const char *model, int64_t after_id,
				     int64_t since, size_t limit, struct hf_activity **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT id, at, source, kind, model, actor, summary, ref, subject FROM activity "
		"WHERE (?1 IS NULL OR model = ?1) AND at >= ?2 AND id > ?4"
		" ORDER BY at DESC, id DESC LIMIT ?3");

	hf_bind_text(st, 1, model);
	hf_bind_int(st, 2, since);
	hf_bind_int(st, 3, (int64_t)limit);
	hf_bind_int(st, 4, after_id);
	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_activity, activity_free,
				  "reading activity");
}

enum hf_status hf_store_activity_list(struct hf_store *store, const char *model, int64_t since,
				      size_t limit, struct hf_activity **out, size_t *n)
{
	return activity_query(store, model, 0, since, limit, out, n);
}

enum hf_status hf_store_activity_after(struct hf_store *store, int64_t after_id, int64_t since,
				       size_t limit, struct hf_activity **out, size_t *n)
{
	return activity_query(store, NULL, after_id, since, limit, out, n);
}

void hf_activity_free(struct hf_activity *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].source);
		free(a[i].kind);
		free(a[i].model);
		free(a[i].actor);
		free(a[i].summary);
		free(a[i].ref);
		free(a[i].subject);
	}
	free(a);
}
