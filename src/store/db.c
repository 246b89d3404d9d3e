/* db.c: opening the database, migrations, transactions and the statement cache */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/paths.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "internal.h"

/* What to do about a damaged database: it holds nothing the sources do not. */
#define CACHE_HINT                                                                             \
	"the database is only a cache of the sources: delete it and run 'handoff sync', or run " \
	"'handoff sync --rebuild'"

/* SQLite's message, and for a damaged file what to do about it. */
static enum hf_status db_error(struct hf_store *store, const char *what, const char *msg)
{
	int code = sqlite3_errcode(store->db);

	if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		return hf_error(HF_EIO, "database '%s' is damaged (%s while %s): " CACHE_HINT,
				store->path ? store->path : "?", msg, what);
	if (code == SQLITE_READONLY)
		return hf_error(HF_EIO, "cannot write database '%s' while %s: it is read-only (%s)",
				store->path ? store->path : "?", what, msg);
	return hf_error(HF_EIO, "database error while %s in '%s': %s", what,
			store->path ? store->path : "?", msg);
}

enum hf_status hf_store_fail(struct hf_store *store, const char *what)
{
	return db_error(store, what, sqlite3_errmsg(store->db));
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
		db_error(store, what, msg ? msg : sqlite3_errmsg(store->db));
		sqlite3_free(msg);
		return HF_EIO;
	}
	return HF_OK;
}

static enum hf_status read_version(struct hf_store *store, int *version)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(store->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return hf_store_fail(store, "reading the schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return hf_store_fail(store, "reading the schema version");
	return HF_OK;
}

/* A version this handoff can open: never one it does not know (newer, or negative: not handoff's). */
static enum hf_status check_version(struct hf_store *store, int version)
{
	if (version > (int)hf_nmigrations)
		return hf_error(HF_ESCHEMA,
				"database '%s' has schema version %d, newer than this handoff knows (%d): "
				"use a newer handoff or another --db", store->path, version,
				(int)hf_nmigrations);
	if (version < 0)
		return hf_error(HF_ESCHEMA,
				"database '%s' has schema version %d, which no handoff writes: it was "
				"not made by handoff, or is damaged; if it is handoff's, " CACHE_HINT,
				store->path, version);
	return HF_OK;
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

/*
 * Migrate from `have` to `target` in one transaction. Another process may
 * open the same new database at the same moment: the version is read again
 * once the write lock is held, and what that one did is not done twice.
 */
static enum hf_status migrate(struct hf_store *store, int have, int target)
{
	char pragma[64];
	enum hf_status rc;

	if (have >= target)
		return HF_OK;
	if ((rc = exec_sql(store, "BEGIN IMMEDIATE", "starting a migration")))
		return rc;
	if ((rc = read_version(store, &have)) || (rc = check_version(store, have)))
		goto fail;
	if (have >= target)
		return exec_sql(store, "COMMIT", "committing a migration");
	for (int v = have; v < target; v++) {
		if ((rc = exec_sql(store, hf_migrations[v].sql, hf_migrations[v].name)))
			goto fail;
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", target);
	if ((rc = index_owned_tables(store)) ||
	    (rc = exec_sql(store, pragma, "setting the schema version")) ||
	    (rc = exec_sql(store, "COMMIT", "committing a migration")))
		goto fail;
	return HF_OK;
fail:
	sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/*
 * WAL (readers never wait for the writer), set once: a database already in
 * WAL is not written to. Two processes switching a new database at once can
 * each hold the read lock the other needs gone; SQLite then answers busy at
 * once, without waiting: try again, for as long as the busy timeout.
 */
static enum hf_status use_wal(struct hf_store *store)
{
	for (int waited = 0;; waited += 20) {
		sqlite3_stmt *st;
		bool wal = false;

		if (sqlite3_prepare_v2(store->db, "PRAGMA journal_mode", -1, &st, NULL) != SQLITE_OK)
			return hf_store_fail(store, "reading the journal mode");
		if (sqlite3_step(st) == SQLITE_ROW)
			wal = sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
		sqlite3_finalize(st);
		if (wal || sqlite3_exec(store->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) ==
				   SQLITE_OK)
			return HF_OK;
		if ((sqlite3_errcode(store->db) & 0xff) != SQLITE_BUSY || waited >= 5000)
			return hf_store_fail(store, "switching to WAL");
		sqlite3_sleep(20);
	}
}

static enum hf_status find_owned_tables(struct hf_store *store)
{
	enum hf_status rc = owned_tables(store, &store->owned_tables, &store->nowned_tables);

	if (!rc)
		store->forget_stmts = xcalloc(store->nowned_tables + 1, sizeof(*store->forget_stmts));
	return rc;
}

/* Open the connection: read-write (read-only when the file is), or as an unchanging snapshot. */
static enum hf_status db_connect(struct hf_store *store, bool snapshot)
{
	int flags = snapshot ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI
			     : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	char *uri = NULL;
	enum hf_status rc = HF_OK;

	if (snapshot) {
		struct hf_strbuf sb = HF_STRBUF_INIT;

		hf_strbuf_init(&sb);
		hf_strbuf_adds(&sb, "file:");
		for (const char *p = store->path; *p; p++) {
			if (isalnum((unsigned char)*p) || strchr("/._-", *p))
				hf_strbuf_addch(&sb, *p);
			else
				hf_strbuf_addf(&sb, "%%%02X", (unsigned char)*p);
		}
		hf_strbuf_adds(&sb, "?immutable=1");
		uri = hf_strbuf_detach(&sb);
	}
	if (sqlite3_open_v2(uri ? uri : store->path, &store->db, flags, NULL) != SQLITE_OK)
		rc = hf_error(HF_EIO, "cannot open database '%s': %s", store->path,
			      store->db ? sqlite3_errmsg(store->db) : "out of memory");
	free(uri);
	if (rc)
		return rc;
	sqlite3_busy_timeout(store->db, 5000);
	/* connection settings only: nothing is written before the version is known to be ours */
	return exec_sql(store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;",
			"setting up the connection");
}

/*
 * A read-only WAL database in a folder handoff may not write: SQLite cannot
 * make the shared-memory file it reads through. With no write-ahead log
 * holding committed pages, the file alone is the database: read it as an
 * unchanging snapshot.
 */
static enum hf_status reconnect_snapshot(struct hf_store *store, int *have)
{
	char *wal = xasprintf("%s-wal", store->path);
	struct stat st;
	bool pending = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	if (pending)
		return hf_error(HF_EIO,
				"database '%s' is read-only, in a folder handoff may not write, and has "
				"changes in its write-ahead log: open it once with write access",
				store->path);
	sqlite3_close(store->db);
	store->db = NULL;
	return db_connect(store, true) || read_version(store, have) ? HF_EIO : HF_OK;
}

enum hf_status hf_store_open_version(const char *path, int version, struct hf_store **out)
{
	struct hf_store *store = xcalloc(1, sizeof(*store));
	const char *slash = strrchr(path, '/');
	int have = 0, target = version ? version : (int)hf_nmigrations;
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
	rc = db_connect(store, false);
	if (!rc)
		rc = read_version(store, &have);
	if (rc && store->db && sqlite3_db_readonly(store->db, "main") == 1 &&
	    (sqlite3_extended_errcode(store->db) & 0xff) == SQLITE_READONLY)
		rc = reconnect_snapshot(store, &have);
	if (!rc)
		rc = check_version(store, have);
	if (!rc && sqlite3_db_readonly(store->db, "main") == 1) {
		if (have < target)
			rc = hf_error(HF_EIO,
				      "database '%s' is read-only and has schema version %d, older than "
				      "this handoff's (%d): open it once with write access to upgrade it",
				      path, have, target);
	} else if (!rc) {
		rc = use_wal(store);
		if (!rc)
			rc = migrate(store, have, target);
	}
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

enum hf_status hf_store_check(struct hf_store *store)
{
	sqlite3_stmt *st;
	char *first = NULL;
	int rc;

	if (sqlite3_prepare_v2(store->db, "PRAGMA quick_check(1)", -1, &st, NULL) != SQLITE_OK)
		return hf_store_fail(store, "checking the database");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		first = hf_column_text(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		free(first);
		return hf_store_fail(store, "checking the database");
	}
	if (first && strcmp(first, "ok") != 0) {
		enum hf_status status;

		/* "*** in database main ***\nPage 38: ..." on one line */
		for (char *p = first; *p; p++)
			if (*p == '\n')
				*p = ' ';
		status = hf_error(HF_EIO, "database '%s' is damaged (%s): " CACHE_HINT, store->path,
				  strncmp(first, "*** in database main *** ", 25) ? first : first + 25);

		free(first);
		return status;
	}
	free(first);
	return HF_OK;
}

enum hf_status hf_store_remove(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		char *file = xasprintf("%s%s", path, suffixes[i]);
		int failed = remove(file) != 0 && errno != ENOENT;
		enum hf_status rc = failed ? hf_error(HF_EIO, "cannot delete '%s': %s", file,
						      strerror(errno))
					   : HF_OK;

		free(file);
		if (rc)
			return rc;
	}
	return HF_OK;
}

int hf_store_version(struct hf_store *store)
{
	int v = -1;

	return read_version(store, &v) ? -1 : v;
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
