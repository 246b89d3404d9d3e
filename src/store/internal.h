/* internal.h: what the store's own files share: the connection and the statement cache */
#ifndef HANDOFF_STORE_INTERNAL_H
#define HANDOFF_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include "handoff/store.h"

struct hf_stmt_cache_entry {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct hf_store {
	sqlite3 *db;
	char *path;
	struct hf_stmt_cache_entry *stmts;
	size_t nstmts, alloc_stmts;
	char **owned_tables;	/* tables with (source, path) columns */
	size_t nowned_tables;
	sqlite3_stmt **forget_stmts;	/* per owned table: DELETE ... WHERE source = ?1 AND path = ?2 */
};

/*
 * A prepared statement for sql, from the cache (reset, bindings cleared).
 * NULL after recording an HF_EIO error when it does not prepare.
 * The statement stays owned by the store.
 */
sqlite3_stmt *hf_store_stmt(struct hf_store *store, const char *sql);

/* Record an HF_EIO error with sqlite's message and what we were doing. */
enum hf_status hf_store_fail(struct hf_store *store, const char *what);

/* Step a statement that returns no rows; HF_EIO with the message on failure. */
enum hf_status hf_store_exec_stmt(struct hf_store *store, sqlite3_stmt *st, const char *what);

/* Bind helpers: NULL strings bind SQL NULL. */
void hf_bind_text(sqlite3_stmt *st, int i, const char *s);
void hf_bind_int(sqlite3_stmt *st, int i, int64_t v);
void hf_bind_double(sqlite3_stmt *st, int i, double v);
/* Column helpers: a newly allocated copy, NULL for SQL NULL. */
char *hf_column_text(sqlite3_stmt *st, int i);

/* The migrations, in order; migration i (1-based) brings user_version to i. */
struct hf_migration {
	const char *name;
	const char *sql;
};
extern const struct hf_migration hf_migrations[];
extern const size_t hf_nmigrations;

#endif
