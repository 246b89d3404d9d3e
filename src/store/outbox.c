/* outbox.c: people's actions waiting to land at their source, what became of them, and which file an action edits */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const state_names[] = {
	[HF_OUTBOX_PENDING] = "pending",
	[HF_OUTBOX_CONFLICT] = "conflict",
	[HF_OUTBOX_REFUSED] = "refused",
	[HF_OUTBOX_LANDED] = "landed",
	[HF_OUTBOX_DROPPED] = "dropped",
};

const char *hf_outbox_state_name(enum hf_outbox_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "unknown";
}

static enum hf_outbox_state state_parse(const char *s)
{
	for (size_t i = 0; s && i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (!strcmp(s, state_names[i]))
			return (enum hf_outbox_state)i;
	/* rows of the first schema said 'done' and 'failed' */
	return s && !strcmp(s, "done") ? HF_OUTBOX_LANDED : HF_OUTBOX_REFUSED;
}

#define COLUMNS "id, created, source, kind, payload, state, error, attempts, file, scope, target, " \
		"actor, summary, base, commit_id, landed, finished"

static void read_entry(sqlite3_stmt *st, void *item)
{
	struct hf_outbox_entry *e = item;
	char *state = hf_column_text(st, 5);

	e->id = sqlite3_column_int64(st, 0);
	e->created = sqlite3_column_int64(st, 1);
	e->source = hf_column_text(st, 2);
	e->kind = hf_column_text(st, 3);
	e->payload = hf_column_text(st, 4);
	e->state = state_parse(state);
	free(state);
	e->error = hf_column_text(st, 6);
	e->attempts = sqlite3_column_int(st, 7);
	e->file = hf_column_text(st, 8);
	e->scope = hf_column_text(st, 9);
	e->target = hf_column_text(st, 10);
	e->actor = hf_column_text(st, 11);
	e->summary = hf_column_text(st, 12);
	e->base = hf_column_text(st, 13);
	e->commit_id = hf_column_text(st, 14);
	e->landed = hf_column_text(st, 15);
	e->finished = sqlite3_column_int64(st, 16);
}

static void entries_free(void *e, size_t n)
{
	hf_outbox_free(e, n);
}

enum hf_status hf_store_outbox_put(struct hf_store *store, const struct hf_outbox_entry *e,
				   int64_t *id)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO outbox (created, source, kind, payload, state, error, file, scope, target,"
		" actor, summary, base, commit_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_int(st, 1, e->created ? e->created : hf_now());
	hf_bind_text(st, 2, e->source);
	hf_bind_text(st, 3, e->kind);
	hf_bind_text(st, 4, e->payload ? e->payload : "{}");
	hf_bind_text(st, 5, hf_outbox_state_name(e->state));
	hf_bind_text(st, 6, e->error);
	hf_bind_text(st, 7, e->file);
	hf_bind_text(st, 8, e->scope);
	hf_bind_text(st, 9, e->target);
	hf_bind_text(st, 10, e->actor);
	hf_bind_text(st, 11, e->summary);
	hf_bind_text(st, 12, e->base);
	hf_bind_text(st, 13, e->commit_id);
	rc = hf_store_exec_stmt(store, st, "queueing an action");
	if (!rc && id)
		*id = sqlite3_last_insert_rowid(store->db);
	return rc;
}

enum hf_status hf_store_outbox_update(struct hf_store *store, const struct hf_outbox_entry *e,
				      bool attempted)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"UPDATE outbox SET state = ?2, error = ?3, payload = ?4, summary = ?5, base = ?6,"
		" commit_id = ?7, landed = ?8, finished = ?9, target = ?10,"
		" attempts = attempts + ?11 WHERE id = ?1");

	if (!st)
		return HF_EIO;
	hf_bind_int(st, 1, e->id);
	hf_bind_text(st, 2, hf_outbox_state_name(e->state));
	hf_bind_text(st, 3, e->error);
	hf_bind_text(st, 4, e->payload ? e->payload : "{}");
	hf_bind_text(st, 5, e->summary);
	hf_bind_text(st, 6, e->base);
	hf_bind_text(st, 7, e->commit_id);
	hf_bind_text(st, 8, e->landed);
	if (e->finished)
		hf_bind_int(st, 9, e->finished);
	hf_bind_text(st, 10, e->target);
	hf_bind_int(st, 11, attempted ? 1 : 0);
	return hf_store_exec_stmt(store, st, "updating the outbox");
}

enum hf_status hf_store_outbox_list(struct hf_store *store, const char *source, unsigned states,
				    struct hf_outbox_entry **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT " COLUMNS " FROM outbox WHERE (?1 IS NULL OR source = ?1) AND "
		"(?2 & (CASE state WHEN 'pending' THEN 1 WHEN 'conflict' THEN 2 WHEN 'refused' THEN 4"
		" WHEN 'failed' THEN 4 WHEN 'landed' THEN 8 WHEN 'done' THEN 8 ELSE 16 END)) != 0 "
		"ORDER BY id");

	hf_bind_text(st, 1, source);
	hf_bind_int(st, 2, states);
	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_entry, entries_free,
				  "reading the outbox");
}

enum hf_status hf_store_outbox_get(struct hf_store *store, int64_t id, struct hf_outbox_entry *e,
				   bool *found)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT " COLUMNS " FROM outbox WHERE id = ?1");

	hf_bind_int(st, 1, id);
	return hf_store_read_one(store, st, read_entry, e, found, "reading the outbox");
}

enum hf_status hf_store_outbox_pending(struct hf_store *store, const char *source,
				       struct hf_outbox_entry **out, size_t *n)
{
	return hf_store_outbox_list(store, source, HF_OUTBOX_WAITING, out, n);
}

static void row_int(sqlite3_stmt *st, void *item)
{
	*(int64_t *)item = sqlite3_column_int64(st, 0);
}

enum hf_status hf_store_outbox_count(struct hf_store *store, unsigned states, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT count(*) FROM outbox WHERE (?1 & (CASE state WHEN 'pending' THEN 1"
		" WHEN 'conflict' THEN 2 WHEN 'refused' THEN 4 WHEN 'failed' THEN 4"
		" WHEN 'landed' THEN 8 WHEN 'done' THEN 8 ELSE 16 END)) != 0");
	int64_t count = 0;
	enum hf_status rc;

	hf_bind_int(st, 1, states);
	rc = hf_store_read_one(store, st, row_int, &count, NULL, "counting the outbox");
	*n = rc ? 0 : (size_t)count;
	return rc;
}

enum hf_status hf_store_outbox_mark(struct hf_store *store, int64_t id, const char *state,
				    const char *error)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"UPDATE outbox SET state = ?2, error = ?3, attempts = attempts + 1 WHERE id = ?1");

	if (!st)
		return HF_EIO;
	hf_bind_int(st, 1, id);
	hf_bind_text(st, 2, state);
	hf_bind_text(st, 3, error);
	return hf_store_exec_stmt(store, st, "updating the outbox");
}

void hf_outbox_entry_clear(struct hf_outbox_entry *e)
{
	free(e->source);
	free(e->kind);
	free(e->payload);
	free(e->error);
	free(e->file);
	free(e->scope);
	free(e->target);
	free(e->actor);
	free(e->summary);
	free(e->base);
	free(e->commit_id);
	free(e->landed);
	memset(e, 0, sizeof(*e));
}

void hf_outbox_free(struct hf_outbox_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_outbox_entry_clear(&e[i]);
	free(e);
}

enum hf_status hf_store_defined_by(struct hf_store *store, enum hf_defined what, const char *name,
				   char **source, char **path)
{
	static const char *const sql[] = {
		[HF_DEFINED_READINESS] = "SELECT source, path FROM readiness WHERE model = ?1 "
					 "ORDER BY source LIMIT 1",
		[HF_DEFINED_CONTRACT] = "SELECT source, path FROM contract WHERE model = ?1 "
					"ORDER BY source LIMIT 1",
		[HF_DEFINED_SPRINT] = "SELECT source, path FROM sprint WHERE id = ?1 LIMIT 1",
		[HF_DEFINED_ROTATION] = "SELECT source, path FROM rotation WHERE name = ?1 "
					"ORDER BY source LIMIT 1",
	};
	sqlite3_stmt *st = hf_store_stmt(store, sql[what]);
	char *row[2] = { NULL, NULL };
	enum hf_status rc;

	hf_bind_text(st, 1, name);
	rc = hf_store_read_one(store, st, hf_store_row_text2, row, NULL, "finding a pod file");
	*source = row[0];
	*path = row[1];
	return rc;
}

enum hf_status hf_store_sprints_with_item(struct hf_store *store, const char *item, char ***sprints,
					  size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT sprint FROM sprint_item WHERE id = ?1 ORDER BY sprint");

	hf_bind_text(st, 1, item);
	return hf_store_read_rows(store, st, sprints, n, sizeof(char *), hf_store_row_text,
				  hf_store_free_texts, "finding a sprint item");
}

static void read_mark(sqlite3_stmt *st, void *item)
{
	hf_store_row_text2(st, item);
}

enum hf_status hf_store_outbox_marks(struct hf_store *store, struct hf_outbox_marks *m)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT scope, target FROM outbox WHERE state IN ('pending', 'conflict', 'refused')"
		" AND scope IS NOT NULL ORDER BY id");
	char *(*rows)[2] = NULL;
	size_t n = 0;
	enum hf_status rc;

	memset(m, 0, sizeof(*m));
	rc = hf_store_read_rows(store, st, &rows, &n, sizeof(*rows), read_mark, NULL,
				"reading the outbox");
	m->scope = xcalloc(n + 1, sizeof(char *));
	m->target = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		m->scope[i] = rows[i][0];
		m->target[i] = rows[i][1];
	}
	m->n = rc ? 0 : n;
	free(rows);
	return rc;
}

bool hf_outbox_marked(const struct hf_outbox_marks *m, const char *scope, const char *target)
{
	size_t tl = target ? strlen(target) : 0;

	for (size_t i = 0; m && scope && i < m->n; i++) {
		if (!m->scope[i] || strcmp(m->scope[i], scope) != 0)
			continue;
		/* a target ending in ':' or ' ' matches every target it begins ("override:", "override:ana ") */
		if (!target || (m->target[i] && (tl && (target[tl - 1] == ':' || target[tl - 1] == ' ')
						 ? strncmp(m->target[i], target, tl) == 0
						 : strcmp(m->target[i], target) == 0)))
			return true;
	}
	return false;
}

void hf_outbox_marks_clear(struct hf_outbox_marks *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->scope[i]);
		free(m->target[i]);
	}
	free(m->scope);
	free(m->target);
	memset(m, 0, sizeof(*m));
}
