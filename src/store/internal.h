/* internal.h: what the store's own files share: the connection and the statement cache */
#ifndef HANDOFF_STORE_INTERNAL_H
#define HANDOFF_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
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
	int read_depth;		/* hf_store_read_begin nesting */
	bool read_owned;	/* the outermost one began a transaction (not inside a write) */
};

/*
 * A prepared statement for sql, from the cache (reset, bindings cleared).
 * NULL after recording an HF_EIO error when it does not prepare.
 * The statement stays owned by the store.
 */
sqlite3_stmt *hf_store_stmt(struct hf_store *store, const char *sql);

/* Record an HF_EIO error with sqlite's message and what we were doing. */
enum hf_status hf_store_fail(struct hf_store *store, const char *what);

/* Step a statement that returns no rows; HF_EIO with the message on failure (also for a NULL st or a failed bind). */
enum hf_status hf_store_exec_stmt(struct hf_store *store, sqlite3_stmt *st, const char *what);

/*
 * Bind helpers: NULL strings bind SQL NULL. Nothing fails silently: when a
 * bind fails (a value over SQLite's length limit, a parameter out of range)
 * or the statement is NULL (hf_store_stmt failed and recorded why), the step
 * that follows (hf_store_exec_stmt, hf_store_read_rows, hf_store_read_one)
 * does not run it and returns HF_EIO naming the parameter and what it did.
 */
void hf_bind_text(sqlite3_stmt *st, int i, const char *s);
void hf_bind_int(sqlite3_stmt *st, int i, int64_t v);
void hf_bind_double(sqlite3_stmt *st, int i, double v);
/* Column helpers: a newly allocated copy, NULL for SQL NULL. */
char *hf_column_text(sqlite3_stmt *st, int i);
/* A column holding one entry per line, appended to *lines (owned strings); nothing for NULL or "". */
void hf_column_lines(sqlite3_stmt *st, int i, char ***lines, size_t *n);

/*
 * Reading rows: st comes from hf_store_stmt with its parameters bound (a
 * NULL st gives HF_EIO, its error already recorded) and is reset after.
 * read_row(st, item) fills one item from the current row.
 *
 * hf_store_read_rows: every row into a new array of item_size-byte items,
 * each zeroed before read_row fills it. `items` is the address of the
 * caller's array pointer of any element type (&c->slos); *items and *n are
 * set to the array and its length, NULL and 0 when there are no rows. On a
 * step error the error names `what`, and free_items releases the items read
 * so far and *items and *n become NULL and 0; with free_items NULL they stay
 * for the caller, which frees them with the struct that holds them.
 */
enum hf_status hf_store_read_rows(struct hf_store *store, sqlite3_stmt *st, void *items, size_t *n,
				  size_t item_size, void (*read_row)(sqlite3_stmt *st, void *item),
				  void (*free_items)(void *items, size_t n), const char *what);

/*
 * hf_store_read_one: at most one row. read_row (NULL: nothing to read)
 * fills item when there is a row; *found (may be NULL) says whether there
 * was one. No row is HF_OK; a step error names `what`.
 */
enum hf_status hf_store_read_one(struct hf_store *store, sqlite3_stmt *st,
				 void (*read_row)(sqlite3_stmt *st, void *item), void *item,
				 bool *found, const char *what);

/* read_row for one text column: item is a char ** (hf_column_text of column 0). */
void hf_store_row_text(sqlite3_stmt *st, void *item);
/* read_row for two text columns: item is a char *[2] (columns 0 and 1). */
void hf_store_row_text2(sqlite3_stmt *st, void *item);
/* free_items for an array of strings. */
void hf_store_free_texts(void *items, size_t n);

/* The migrations, in order; migration i (1-based) brings user_version to i. */
struct hf_migration {
	const char *name;
	const char *sql;
};
extern const struct hf_migration hf_migrations[];
extern const size_t hf_nmigrations;

#endif
