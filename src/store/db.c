/* db.c: opening the database, migrations, transactions and the statement cache */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/paths.h"
#include "handoff/xmalloc.h"
#include "internal.h"

enum hf_status hf_store_fail(struct hf_store *store, const char *what)
{
	return hf_error(HF_EIO, "database error while %s in '%s': %s", what,
			store->path ? store->path : "?", sqlite3_errmsg(store->db));
}

/*
 * A bind that failed (a value too big, a parameter out of range): the next
 * step of that statement reports it instead of running with the parameter
 * unset. One connection per thread, so one record per thread.
 */
static _Thread_local struct {
	sqlite3_stmt *st;
	int param;
	int rc;
} bind_failure;

static void bound(sqlite3_stmt *st, int i, int rc)
{
	if (rc != SQLITE_OK && !bind_failure.st) {
		bind_failure.st = st;
		bind_failure.param = i;
		bind_failure.rc = rc;
	}
}

/* Whether st may be stepped: HF_EIO for a statement that did not prepare (its error is recorded) or lacks a binding. */
static enum hf_status ready_to_step(struct hf_store *store, sqlite3_stmt *st, const char *what)
{
	if (!st)
		return HF_EIO;
	if (bind_failure.st != st)
		return HF_OK;
	bind_failure.st = NULL;
	sqlite3_reset(st);
	return hf_error(HF_EIO, "database error while %s in '%s': cannot bind parameter %d: %s", what,
			store->path ? store->path : "?", bind_failure.param,
			sqlite3_errstr(bind_failure.rc));
}

sqlite3_stmt *hf_store_stmt(struct hf_store *store, const char *sql)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < store->nstmts; i++) {
		if (store->stmts[i].sql == sql || strcmp(store->stmts[i].sql, sql) == 0) {
			st = store->stmts[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			if (bind_failure.st == st)
				bind_failure.st = NULL;
			return st;
		}
	}
	if (sqlite3_prepare_v3(store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		hf_store_fail(store, "preparing a statement");
		return NULL;
	}
	store->stmts = xgrow(store->stmts, store->nstmts + 1, &store->alloc_stmts,
			     sizeof(*store->stmts));
	store->stmts[store->nstmts].sql = sql;
	store->stmts[store->nstmts].stmt = st;
	store->nstmts++;
	return st;
}

enum hf_status hf_store_exec_stmt(struct hf_store *store, sqlite3_stmt *st, const char *what)
{
	enum hf_status status = ready_to_step(store, st, what);
	int rc;

	if (status)
		return status;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return hf_store_fail(store, what);
	return HF_OK;
}

void hf_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (st)
		bound(st, i, s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void hf_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (st)
		bound(st, i, sqlite3_bind_int64(st, i, v));
}

void hf_bind_double(sqlite3_stmt *st, int i, double v)
{
	if (st)
		bound(st, i, sqlite3_bind_double(st, i, v));
}

char *hf_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

void hf_column_lines(sqlite3_stmt *st, int i, char ***lines, size_t *n)
{
	const char *text = (const char *)sqlite3_column_text(st, i);
	size_t alloc = *n;

	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		*lines = xgrow(*lines, *n + 1, &alloc, sizeof(char *));
		(*lines)[(*n)++] = xstrndup(text, len);
		text += len + (nl ? 1 : 0);
	}
}

enum hf_status hf_store_read_rows(struct hf_store *store, sqlite3_stmt *st, void *items, size_t *n,
				  size_t item_size, void (*read_row)(sqlite3_stmt *st, void *item),
				  void (*free_items)(void *items, size_t n), const char *what)
{
	void *v = NULL;
	size_t nv = 0, alloc = 0;
	enum hf_status status = HF_OK;
	int rc;

	if ((status = ready_to_step(store, st, what)))
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *item;

		v = xgrow(v, nv + 1, &alloc, item_size);
		item = (char *)v + nv++ * item_size;
		memset(item, 0, item_size);
		read_row(st, item);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		status = hf_store_fail(store, what);
		if (free_items) {
			free_items(v, nv);
			v = NULL;
			nv = 0;
		}
	}
out:
	/* the caller's pointer has its own element type: store through memcpy, not a void ** */
	memcpy(items, &v, sizeof(v));
	*n = nv;
	return status;
}

enum hf_status hf_store_read_one(struct hf_store *store, sqlite3_stmt *st,
				 void (*read_row)(sqlite3_stmt *st, void *item), void *item,
				 bool *found, const char *what)
{
	enum hf_status status = ready_to_step(store, st, what);
	int rc;

	if (found)
		*found = false;
	if (status)
		return status;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (found)
			*found = true;
		if (read_row)
			read_row(st, item);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return hf_store_fail(store, what);
	return HF_OK;
}

void hf_store_row_text(sqlite3_stmt *st, void *item)
{
	*(char **)item = hf_column_text(st, 0);
}

void hf_store_row_text2(sqlite3_stmt *st, void *item)
{
	char **texts = item;

	texts[0] = hf_column_text(st, 0);
	texts[1] = hf_column_text(st, 1);
}

void hf_store_free_texts(void *items, size_t n)
{
	char **texts = items;

	for (size_t i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
}

static enum hf_status exec_sql(struct hf_store *store, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(store->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		hf_error(HF_EIO, "database error while %s in '%s': %s", what, store->path,
			 msg ? msg : sqlite3_errmsg(store->db));
		sqlite3_free(msg);
		return HF_EIO;
	}
	return HF_OK;
}

static int user_version(struct hf_store *store)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int hf_store_latest_version(void)
{
	return (int)hf_nmigrations;
}

static const char owned_tables_sql[] =
	"SELECT m.name FROM sqlite_master m WHERE m.type = 'table' "
	"AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'source') "
	"AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'path') "
	"ORDER BY m.name";

/* Tables with both source and path columns: what a pod file defines. */
static enum hf_status owned_tables(struct hf_store *store, char ***names, size_t *n)
{
	sqlite3_stmt *st;
	enum hf_status rc;

	*names = NULL;
	*n = 0;
	/* not cached: sqlite_master changes under it while migrating */
	if (sqlite3_prepare_v2(store->db, owned_tables_sql, -1, &st, NULL) != SQLITE_OK)
		return hf_store_fail(store, "listing tables");
	rc = hf_store_read_rows(store, st, names, n, sizeof(char *), hf_store_row_text,
				hf_store_free_texts, "listing tables");
	sqlite3_finalize(st);
	return rc;
}

/*
 * Forgetting a file looks rows up by (source, path): every table with those
 * columns gets an index, made in the migration that created the table, so
 * new tables take part without being listed anywhere.
 */
static enum hf_status index_owned_tables(struct hf_store *store)
{
	enum hf_status rc;
	char **names;
	size_t n;

	if ((rc = owned_tables(store, &names, &n)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		char *sql = xasprintf("CREATE INDEX IF NOT EXISTS \"%s_by_source_path\" ON \"%s\" (source, path)",
				      names[i], names[i]);

		if (!rc)
			rc = exec_sql(store, sql, "indexing a table");
		free(sql);
		free(names[i]);
	}
	free(names);
	return rc;
}

static enum hf_status migrate(struct hf_store *store, int target)
{
	int have = user_version(store);
	char pragma[64];

	if (have < 0)
		return hf_store_fail(store, "reading the schema version");
	if (have > (int)hf_nmigrations)
		return hf_error(HF_ESCHEMA,
				"database '%s' has schema version %d, newer than this handoff knows (%d): "
				"use a newer handoff or another --db", store->path, have,
				(int)hf_nmigrations);
	if (have >= target)
		return HF_OK;
	if (exec_sql(store, "BEGIN IMMEDIATE", "starting a migration"))
		return HF_EIO;
	for (int v = have; v < target; v++) {
		if (exec_sql(store, hf_migrations[v].sql, hf_migrations[v].name))
			goto fail;
	}
	if (index_owned_tables(store))
		goto fail;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", target);
	if (exec_sql(store, pragma, "setting the schema version") ||
	    exec_sql(store, "COMMIT", "committing a migration"))
		goto fail;
	return HF_OK;
fail:
	sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return HF_EIO;
}

static enum hf_status find_owned_tables(struct hf_store *store)
{
	enum hf_status rc = owned_tables(store, &store->owned_tables, &store->nowned_tables);

	if (!rc)
		store->forget_stmts = xcalloc(store->nowned_tables + 1, sizeof(*store->forget_stmts));
	return rc;
}

enum hf_status hf_store_open_version(const char *path, int version, struct hf_store **out)
{
	struct hf_store *store = xcalloc(1, sizeof(*store));
	const char *slash = strrchr(path, '/');
	enum hf_status rc;

	store->path = xstrdup(path);
	if (slash && slash != path) {
		char *dir = xstrndup(path, (size_t)(slash - path));

		rc = hf_mkdir_p(dir);
		free(dir);
		if (rc) {
			hf_store_close(store);
			return rc;
		}
	}
	if (sqlite3_open_v2(path, &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = hf_error(HF_EIO, "cannot open database '%s': %s", path,
			      store->db ? sqlite3_errmsg(store->db) : "out of memory");
		hf_store_close(store);
		return rc;
	}
	sqlite3_busy_timeout(store->db, 5000);
	rc = exec_sql(store, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			     "PRAGMA synchronous = NORMAL;", "setting up the connection");
	if (!rc)
		rc = migrate(store, version ? version : (int)hf_nmigrations);
	if (!rc)
		rc = find_owned_tables(store);
	if (rc) {
		hf_store_close(store);
		return rc;
	}
	*out = store;
	return HF_OK;
}

enum hf_status hf_store_open(const char *path, struct hf_store **out)
{
	return hf_store_open_version(path, (int)hf_nmigrations, out);
}

void hf_store_close(struct hf_store *store)
{
	if (!store)
		return;
	for (size_t i = 0; i < store->nstmts; i++)
		sqlite3_finalize(store->stmts[i].stmt);
	free(store->stmts);
	for (size_t i = 0; i < store->nowned_tables; i++) {
		if (store->forget_stmts)
			sqlite3_finalize(store->forget_stmts[i]);
		free(store->owned_tables[i]);
	}
	free(store->forget_stmts);
	free(store->owned_tables);
	if (store->db)
		sqlite3_close(store->db);
	free(store->path);
	free(store);
}

int hf_store_version(struct hf_store *store)
{
	return user_version(store);
}

const char *hf_store_path(struct hf_store *store)
{
	return store->path;
}

enum hf_status hf_store_begin(struct hf_store *store)
{
	/* a writer inside a command's read snapshot: the snapshot ends, the write sees the latest */
	if (store->read_owned && !sqlite3_get_autocommit(store->db)) {
		sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
		store->read_owned = false;
		store->read_depth = 0;
	}
	return exec_sql(store, "BEGIN IMMEDIATE", "starting a transaction");
}

enum hf_status hf_store_commit(struct hf_store *store)
{
	return exec_sql(store, "COMMIT", "committing");
}

void hf_store_rollback(struct hf_store *store)
{
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

enum hf_status hf_store_read_begin(struct hf_store *store)
{
	if (store->read_depth++ > 0 || !sqlite3_get_autocommit(store->db))
		return HF_OK;	/* nested, or inside a write transaction: that one is the snapshot */
	store->read_owned = true;
	/* deferred: the snapshot is taken by the first read and holds until the end */
	if (exec_sql(store, "BEGIN DEFERRED", "starting a read")) {
		store->read_depth--;
		store->read_owned = false;
		return HF_EIO;
	}
	return HF_OK;
}

void hf_store_read_end(struct hf_store *store)
{
	if (!store->read_depth || --store->read_depth > 0 || !store->read_owned)
		return;
	store->read_owned = false;
	if (!sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
}
