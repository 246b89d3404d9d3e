/* history.c: the model state recorded at each sync (stage, verdicts, items) and the inbox's last-seen time per user */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_history.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static void read_row(sqlite3_stmt *st, void *item)
{
	struct hf_state_row *r = item;

	r->key = hf_column_text(st, 0);
	r->value = hf_column_text(st, 1);
	if (!r->key)
		r->key = xstrdup("");
}

void hf_state_rows_free(struct hf_state_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].key);
		free(rows[i].value);
	}
	free(rows);
}

static void free_rows(void *items, size_t n)
{
	hf_state_rows_free(items, n);
}

enum hf_status hf_store_model_state(struct hf_store *store, const char *model,
				    struct hf_state_row **rows, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT key, value FROM model_state WHERE model = ?1"
						" ORDER BY key");

	hf_bind_text(st, 1, model);
	return hf_store_read_rows(store, st, rows, n, sizeof(**rows), read_row, free_rows,
				  "reading a model's recorded state");
}

enum hf_status hf_store_model_state_put(struct hf_store *store, const char *model,
					const struct hf_state_row *rows, size_t n)
{
	sqlite3_stmt *st = hf_store_stmt(store, "DELETE FROM model_state WHERE model = ?1");
	enum hf_status rc;

	hf_bind_text(st, 1, model);
	rc = hf_store_exec_stmt(store, st, "replacing a model's recorded state");
	for (size_t i = 0; i < n && !rc; i++) {
		st = hf_store_stmt(store, "INSERT OR REPLACE INTO model_state (model, key, value)"
					  " VALUES (?1, ?2, ?3)");
		hf_bind_text(st, 1, model);
		hf_bind_text(st, 2, rows[i].key);
		hf_bind_text(st, 3, rows[i].value);
		rc = hf_store_exec_stmt(store, st, "recording a model's state");
	}
	return rc;
}

static void read_seen(sqlite3_stmt *st, void *item)
{
	int64_t *v = item;

	v[0] = sqlite3_column_int64(st, 0);
	v[1] = sqlite3_column_int64(st, 1);
}

enum hf_status hf_store_inbox_seen(struct hf_store *store, const char *handle, int64_t *at,
				   int64_t *id)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT seen, seen_id FROM inbox_seen WHERE handle = ?1");
	int64_t v[2] = { 0, 0 };
	enum hf_status rc;

	hf_bind_text(st, 1, handle);
	rc = hf_store_read_one(store, st, read_seen, v, NULL, "reading when the inbox was seen");
	*at = v[0];
	*id = v[1];
	return rc;
}

enum hf_status hf_store_inbox_seen_set(struct hf_store *store, const char *handle, int64_t at,
				       int64_t upto_id)
{
	sqlite3_stmt *st = hf_store_stmt(store, "INSERT OR REPLACE INTO inbox_seen (handle, seen, seen_id)"
						" VALUES (?1, ?2, CASE WHEN ?3 > 0 THEN ?3"
						" ELSE (SELECT ifnull(max(id), 0) FROM activity) END)");

	hf_bind_text(st, 1, handle);
	hf_bind_int(st, 2, at);
	hf_bind_int(st, 3, upto_id);
	return hf_store_exec_stmt(store, st, "marking the inbox read");
}

static void read_id(sqlite3_stmt *st, void *item)
{
	*(int64_t *)item = sqlite3_column_int64(st, 0);
}

enum hf_status hf_store_activity_newest(struct hf_store *store, int64_t *id)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT ifnull(max(id), 0) FROM activity");

	*id = 0;
	return hf_store_read_one(store, st, read_id, id, NULL, "reading the newest activity event");
}
