/* sprint.c: SQL for sprints, their capacity and items, and the burndown snapshots */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/store_sprint.h"
#include "handoff/strbuf.h"
#include "internal.h"

static enum hf_status put_items(struct hf_store *store, const char *source, const char *path,
				const struct hf_sprint *s)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO sprint_item (source, path, sprint, position, id, title, kind, owner, model,"
		" points, status, blocked_by, links) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < s->nitems; i++) {
		const struct hf_sprint_item *it = &s->items[i];
		struct hf_strbuf links = HF_STRBUF_INIT;

		/* links are stored one per line (the parser refuses control characters in them) */
		hf_strbuf_init(&links);
		for (size_t j = 0; j < it->nlinks; j++)
			hf_strbuf_addf(&links, "%s%s", j ? "\n" : "", it->links[j]);
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, s->id);
		hf_bind_int(st, 4, (int64_t)i);
		hf_bind_text(st, 5, it->id);
		hf_bind_text(st, 6, it->title);
		hf_bind_text(st, 7, hf_role_name(it->kind));
		hf_bind_text(st, 8, it->owner);
		hf_bind_text(st, 9, it->model);
		hf_bind_double(st, 10, it->points);
		hf_bind_text(st, 11, hf_item_status_name(it->status));
		hf_bind_text(st, 12, it->blocked_by);
		hf_bind_text(st, 13, it->nlinks ? links.buf : NULL);
		rc = hf_store_exec_stmt(store, st, "storing a sprint item");
		hf_strbuf_release(&links);
		if (rc)
			return rc;
	}
	return HF_OK;
}

enum hf_status hf_store_sprint_put(struct hf_store *store, const char *source, const char *path,
				   const struct hf_sprint *s)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT INTO sprint (source, path, id, name, starts, ends, goal) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	enum hf_status rc;

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, s->id);
	hf_bind_text(st, 4, s->name);
	hf_bind_text(st, 5, s->start);
	hf_bind_text(st, 6, s->end);
	hf_bind_text(st, 7, s->goal);
	if ((rc = hf_store_exec_stmt(store, st, "storing a sprint")))
		return rc;
	st = hf_store_stmt(store,
		"INSERT INTO sprint_capacity (source, path, sprint, handle, points) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < s->ncapacity; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, s->id);
		hf_bind_text(st, 4, s->capacity[i].handle);
		hf_bind_double(st, 5, s->capacity[i].points);
		if ((rc = hf_store_exec_stmt(store, st, "storing a sprint's capacity")))
			return rc;
	}
	return put_items(store, source, path, s);
}

enum hf_status hf_store_sprint_owner(struct hf_store *store, const char *id, char **source,
				     char **path)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT source, path FROM sprint WHERE id = ?1");
	char *owner[2] = { NULL, NULL };	/* source, path */
	enum hf_status rc;

	hf_bind_text(st, 1, id);
	rc = hf_store_read_one(store, st, hf_store_row_text2, owner, NULL, "looking up a sprint");
	*source = owner[0];
	*path = owner[1];
	return rc;
}

static void read_head(sqlite3_stmt *st, void *item)
{
	struct hf_sprint *s = item;

	s->source = hf_column_text(st, 0);
	s->path = hf_column_text(st, 1);
	s->id = hf_column_text(st, 2);
	s->name = hf_column_text(st, 3);
	s->start = hf_column_text(st, 4);
	s->end = hf_column_text(st, 5);
	s->goal = hf_column_text(st, 6);
}

static void read_item(sqlite3_stmt *st, void *item)
{
	struct hf_sprint_item *it = item;

	it->id = hf_column_text(st, 0);
	it->title = hf_column_text(st, 1);
	it->kind = hf_role_parse((const char *)sqlite3_column_text(st, 2));
	it->owner = hf_column_text(st, 3);
	it->model = hf_column_text(st, 4);
	it->points = sqlite3_column_double(st, 5);
	it->status = hf_item_status_parse((const char *)sqlite3_column_text(st, 6));
	it->blocked_by = hf_column_text(st, 7);
	hf_column_lines(st, 8, &it->links, &it->nlinks);
}

static void read_capacity(sqlite3_stmt *st, void *item)
{
	struct hf_sprint_capacity *c = item;

	c->handle = hf_column_text(st, 0);
	c->points = sqlite3_column_double(st, 1);
}

enum hf_status hf_store_sprint_get(struct hf_store *store, const char *id, struct hf_sprint *out)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, path, id, name, starts, ends, goal FROM sprint WHERE id = ?1");
	enum hf_status rc;
	bool found;

	memset(out, 0, sizeof(*out));
	hf_bind_text(st, 1, id);
	if ((rc = hf_store_read_one(store, st, read_head, out, &found, "reading a sprint")))
		return rc;
	if (!found)
		return hf_error(HF_ENOTFOUND, "no sprint '%s'", id);
	st = hf_store_stmt(store,
		"SELECT handle, points FROM sprint_capacity WHERE sprint = ?1 ORDER BY rowid");
	hf_bind_text(st, 1, id);
	rc = hf_store_read_rows(store, st, &out->capacity, &out->ncapacity, sizeof(*out->capacity),
				read_capacity, NULL, "reading a sprint's capacity");
	if (!rc) {
		st = hf_store_stmt(store,
			"SELECT id, title, kind, owner, model, points, status, blocked_by, links "
			"FROM sprint_item WHERE sprint = ?1 ORDER BY position");
		hf_bind_text(st, 1, out->id);
		rc = hf_store_read_rows(store, st, &out->items, &out->nitems, sizeof(*out->items),
					read_item, NULL, "reading sprint items");
	}
	if (rc)
		hf_sprint_clear(out);
	return rc;
}

enum hf_status hf_store_sprint_current(struct hf_store *store, const char *date, char **id)
{
	/* ISO dates compare as text */
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT id FROM sprint WHERE starts <= ?1 AND ends >= ?1 ORDER BY starts DESC, id LIMIT 1");

	*id = NULL;
	hf_bind_text(st, 1, date);
	return hf_store_read_one(store, st, hf_store_row_text, id, NULL, "finding the current sprint");
}

static void sprints_free(void *s, size_t n)
{
	hf_sprints_free(s, n);
}

enum hf_status hf_store_sprint_list(struct hf_store *store, struct hf_sprint **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT source, path, id, name, starts, ends, goal FROM sprint ORDER BY starts, id");

	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_head, sprints_free,
				  "listing sprints");
}

void hf_sprints_free(struct hf_sprint *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_sprint_clear(&s[i]);
	free(s);
}

enum hf_status hf_store_sprint_snapshot_put(struct hf_store *store, const char *source,
					    const char *sprint, const char *file,
					    const struct hf_sprint_snapshot *snap)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO sprint_snapshot (source, file, sprint, at, ref, done, total) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	char at_ref[32];

	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, file);
	hf_bind_text(st, 3, sprint);
	hf_bind_int(st, 4, snap->at);
	if (!snap->ref) {
		/* without a commit id the time is what tells two snapshots apart */
		snprintf(at_ref, sizeof(at_ref), "@%lld", (long long)snap->at);
		hf_bind_text(st, 5, at_ref);
	} else {
		hf_bind_text(st, 5, snap->ref);
	}
	hf_bind_double(st, 6, snap->done);
	hf_bind_double(st, 7, snap->total);
	return hf_store_exec_stmt(store, st, "storing a sprint snapshot");
}

static void read_snapshot(sqlite3_stmt *st, void *item)
{
	struct hf_sprint_snapshot *s = item;

	s->at = sqlite3_column_int64(st, 0);
	s->ref = hf_column_text(st, 1);
	s->done = sqlite3_column_double(st, 2);
	s->total = sqlite3_column_double(st, 3);
}

static void snapshots_free(void *s, size_t n)
{
	hf_sprint_snapshots_free(s, n);
}

enum hf_status hf_store_sprint_snapshots(struct hf_store *store, const char *sprint,
					 struct hf_sprint_snapshot **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		/* the history of the file that defines the sprint now, when another source reuses its id */
		"SELECT at, ref, done, total FROM sprint_snapshot WHERE sprint = ?1"
		" AND (source = (SELECT source FROM sprint WHERE id = ?1)"
		"      OR NOT EXISTS (SELECT 1 FROM sprint WHERE id = ?1))"
		" ORDER BY at, rowid");

	hf_bind_text(st, 1, sprint);
	return hf_store_read_rows(store, st, out, n, sizeof(**out), read_snapshot, snapshots_free,
				  "reading sprint snapshots");
}
