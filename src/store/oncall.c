/* oncall.c: SQL for on-call rotations (members, changes, overrides, covered models) */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/feed.h"
#include "handoff/store_feed.h"
#include "handoff/store_oncall.h"
#include "handoff/store_pod.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static void read_count(sqlite3_stmt *st, void *item)
{
	*(size_t *)item = (size_t)sqlite3_column_int64(st, 0);
}

static enum hf_status feed_coverage(struct hf_store *store, const char *model, size_t *people);

enum hf_status hf_store_oncall_coverage(struct hf_store *store, const char *model, size_t *people)
{
	/* the initial list (effective NULL) counts as in effect since forever */
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT COALESCE(MAX(n), 0) FROM ("
		" SELECT (SELECT COUNT(DISTINCT m.handle) FROM rotation_member m"
		"   WHERE m.rotation = c.rotation AND COALESCE(m.effective, -2147483648) ="
		"    (SELECT MAX(COALESCE(m2.effective, -2147483648)) FROM rotation_member m2"
		"     WHERE m2.rotation = c.rotation AND COALESCE(m2.effective, -2147483648) <= ?2)) AS n"
		" FROM rotation_cover c WHERE c.model = ?1)");
	enum hf_status rc;
	bool found;

	*people = 0;
	hf_bind_text(st, 1, model);
	hf_bind_int(st, 2, hf_now() / 86400);
	rc = hf_store_read_one(store, st, read_count, people, &found, "reading on-call coverage");
	if (!rc && !found)
		return hf_store_fail(store, "reading on-call coverage");
	if (!rc)
		rc = feed_coverage(store, model, people);
	return rc;
}

enum hf_status hf_store_rotation_taken(struct hf_store *store, const char *name, const char *source,
				       const char *path, bool *taken)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT 1 FROM rotation WHERE name = ?1 AND NOT (source = ?2 AND path = ?3) LIMIT 1");

	hf_bind_text(st, 1, name);
	hf_bind_text(st, 2, source);
	hf_bind_text(st, 3, path);
	return hf_store_read_one(store, st, NULL, NULL, taken, "looking up a rotation");
}

enum hf_status hf_store_rotation_put(struct hf_store *store, const char *source, const char *path,
				     const struct hf_rotation *r)
{
	sqlite3_stmt *st;
	enum hf_status rc;
	bool taken;

	if ((rc = hf_store_rotation_taken(store, r->name, source, path, &taken)))
		return rc;
	if (taken)
		return hf_error(HF_EINVAL, "rotation '%s' is already defined by another file", r->name);
	st = hf_store_stmt(store,
		"INSERT INTO rotation (source, path, name, timezone, start_day, shift_count, shift_unit,"
		" handoff_wday, handoff_minute, restricted, restrict_days, restrict_from, restrict_to, calendar)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_text(st, 2, path);
	hf_bind_text(st, 3, r->name);
	hf_bind_text(st, 4, r->timezone);
	hf_bind_int(st, 5, r->start_day);
	hf_bind_int(st, 6, r->shift_count);
	hf_bind_int(st, 7, r->shift_unit);
	hf_bind_int(st, 8, r->handoff_wday);
	hf_bind_int(st, 9, r->handoff_minute);
	hf_bind_int(st, 10, r->restricted);
	hf_bind_int(st, 11, r->restrict_days);
	hf_bind_int(st, 12, r->restrict_from);
	hf_bind_int(st, 13, r->restrict_to);
	hf_bind_text(st, 14, r->calendar);
	if ((rc = hf_store_exec_stmt(store, st, "storing a rotation")))
		return rc;

	st = hf_store_stmt(store,
		"INSERT INTO rotation_who (source, path, rotation, position, name, handle)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < r->nwho; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, r->name);
		hf_bind_int(st, 4, (int64_t)i);
		hf_bind_text(st, 5, r->who_names[i]);
		hf_bind_text(st, 6, r->who_handles[i]);
		if ((rc = hf_store_exec_stmt(store, st, "storing a rotation's who map")))
			return rc;
	}

	st = hf_store_stmt(store,
		"INSERT INTO rotation_member (source, path, rotation, change, effective, position, handle)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return HF_EIO;
	for (size_t c = 0; c < r->nchanges; c++) {
		for (size_t i = 0; i < r->changes[c].nmembers; i++) {
			hf_bind_text(st, 1, source);
			hf_bind_text(st, 2, path);
			hf_bind_text(st, 3, r->name);
			hf_bind_int(st, 4, (int64_t)c);
			if (c)
				hf_bind_int(st, 5, r->changes[c].from_day);
			else
				hf_bind_text(st, 5, NULL);
			hf_bind_int(st, 6, (int64_t)i);
			hf_bind_text(st, 7, r->changes[c].members[i]);
			if ((rc = hf_store_exec_stmt(store, st, "storing a rotation member")))
				return rc;
		}
	}

	st = hf_store_stmt(store,
		"INSERT INTO rotation_override (source, path, rotation, position, who, starts, ends, reason)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < r->noverrides; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, r->name);
		hf_bind_int(st, 4, (int64_t)i);
		hf_bind_text(st, 5, r->overrides[i].who);
		hf_bind_int(st, 6, r->overrides[i].from);
		hf_bind_int(st, 7, r->overrides[i].to);
		hf_bind_text(st, 8, r->overrides[i].reason);
		if ((rc = hf_store_exec_stmt(store, st, "storing a rotation override")))
			return rc;
	}

	st = hf_store_stmt(store,
		"INSERT INTO rotation_cover (source, path, rotation, model) VALUES (?1, ?2, ?3, ?4)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < r->ncovers; i++) {
		hf_bind_text(st, 1, source);
		hf_bind_text(st, 2, path);
		hf_bind_text(st, 3, r->name);
		hf_bind_text(st, 4, r->covers[i]);
		if ((rc = hf_store_exec_stmt(store, st, "storing a covered model")))
			return rc;
	}
	return HF_OK;
}

void hf_rotations_free(struct hf_rotation *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hf_rotation_clear(&r[i]);
	free(r);
}

/* One rotation_member row; read_details groups them into the rotation's changes. */
struct member_row {
	size_t change;
	bool has_from;		/* effective is not NULL (the initial list starts with the rotation) */
	int64_t from_day;
	char *handle;
};

static void read_member(sqlite3_stmt *st, void *item)
{
	struct member_row *m = item;

	m->change = (size_t)sqlite3_column_int64(st, 0);
	m->has_from = sqlite3_column_type(st, 1) != SQLITE_NULL;
	m->from_day = sqlite3_column_int64(st, 1);
	m->handle = hf_column_text(st, 2);
}

static void member_rows_free(void *items, size_t n)
{
	struct member_row *m = items;

	for (size_t i = 0; i < n; i++)
		free(m[i].handle);
	free(m);
}

static void read_override(sqlite3_stmt *st, void *item)
{
	struct hf_rotation_override *o = item;

	o->who = hf_column_text(st, 0);
	o->from = sqlite3_column_int64(st, 1);
	o->to = sqlite3_column_int64(st, 2);
	o->reason = hf_column_text(st, 3);
}

static enum hf_status read_details(struct hf_store *store, struct hf_rotation *r)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT change, effective, handle FROM rotation_member WHERE rotation = ?1"
		" ORDER BY change, position");
	struct member_row *rows;
	size_t nrows, alloc = 0;
	enum hf_status rc;

	hf_bind_text(st, 1, r->name);
	if ((rc = hf_store_read_rows(store, st, &rows, &nrows, sizeof(*rows), read_member,
				     member_rows_free, "reading rotation members")))
		return rc;
	for (size_t i = 0; i < nrows; i++) {
		size_t c = rows[i].change;
		struct hf_rotation_change *ch;

		while (r->nchanges <= c) {
			r->changes = xgrow(r->changes, r->nchanges + 1, &alloc, sizeof(*r->changes));
			memset(&r->changes[r->nchanges], 0, sizeof(*r->changes));
			r->changes[r->nchanges].from_day = r->start_day;
			r->nchanges++;
		}
		ch = &r->changes[c];
		if (rows[i].has_from)
			ch->from_day = rows[i].from_day;
		ch->members = xrealloc(ch->members, (ch->nmembers + 1) * sizeof(char *));
		ch->members[ch->nmembers++] = rows[i].handle;
	}
	free(rows);

	st = hf_store_stmt(store,
		"SELECT who, starts, ends, reason FROM rotation_override WHERE rotation = ?1 ORDER BY position");
	hf_bind_text(st, 1, r->name);
	if ((rc = hf_store_read_rows(store, st, &r->overrides, &r->noverrides, sizeof(*r->overrides),
				     read_override, NULL, "reading rotation overrides")))
		return rc;

	st = hf_store_stmt(store, "SELECT model FROM rotation_cover WHERE rotation = ?1 ORDER BY rowid");
	hf_bind_text(st, 1, r->name);
	return hf_store_read_rows(store, st, &r->covers, &r->ncovers, sizeof(*r->covers),
				  hf_store_row_text, NULL, "reading covered models");
}

struct who_row {
	char *name, *handle;
};

static void read_who(sqlite3_stmt *st, void *item)
{
	struct who_row *w = item;

	w->name = hf_column_text(st, 0);
	w->handle = hf_column_text(st, 1);
}

static void who_rows_free(void *items, size_t n)
{
	struct who_row *w = items;

	for (size_t i = 0; i < n; i++) {
		free(w[i].name);
		free(w[i].handle);
	}
	free(w);
}

/*
 * A feed rotation's shifts: the calendar source's kept events, each matched
 * to a member now (so a changed who map or email applies at once, without
 * reading the feed again).
 */
static enum hf_status read_feed(struct hf_store *store, struct hf_rotation *r)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT name, handle FROM rotation_who WHERE rotation = ?1 ORDER BY position");
	struct who_row *rows;
	struct hf_feed feed;
	struct hf_pod pod;
	struct hf_feed_member *m;
	size_t nrows;
	enum hf_status rc;

	hf_bind_text(st, 1, r->name);
	if ((rc = hf_store_read_rows(store, st, &rows, &nrows, sizeof(*rows), read_who, who_rows_free,
				     "reading a rotation's who map")))
		return rc;
	r->who_names = xcalloc(nrows + 1, sizeof(char *));
	r->who_handles = xcalloc(nrows + 1, sizeof(char *));
	for (size_t i = 0; i < nrows; i++) {
		r->who_names[i] = rows[i].name;
		r->who_handles[i] = rows[i].handle;
	}
	r->nwho = nrows;
	free(rows);
	if ((rc = hf_store_feed_state(store, r->calendar, &r->feed_at, NULL)) ||
	    (rc = hf_store_feed_events(store, r->calendar, &feed)))
		return rc;
	if ((rc = hf_store_pod_get(store, &pod))) {
		hf_feed_clear(&feed);
		return rc;
	}
	m = xcalloc(pod.nmembers + 1, sizeof(*m));
	for (size_t i = 0; i < pod.nmembers; i++)
		m[i] = (struct hf_feed_member){ pod.members[i].handle, pod.members[i].name,
						pod.members[i].email };
	hf_feed_shifts(feed.events, feed.n, m, pod.nmembers, r->who_names, r->who_handles, r->nwho,
		       &r->feed, &r->nfeed);
	free(m);
	hf_pod_clear(&pod);
	hf_feed_clear(&feed);
	return HF_OK;
}

static void read_rotation(sqlite3_stmt *st, void *item)
{
	struct hf_rotation *r = item;
	int unit = sqlite3_column_int(st, 4);

	r->name = hf_column_text(st, 0);
	r->timezone = hf_column_text(st, 1);
	r->start_day = sqlite3_column_int64(st, 2);
	r->shift_count = sqlite3_column_int(st, 3);
	r->shift_unit = unit >= HF_SHIFT_HOURS && unit <= HF_SHIFT_WEEKS ? unit : HF_SHIFT_WEEKS;
	r->handoff_wday = sqlite3_column_int(st, 5);
	r->handoff_minute = sqlite3_column_int(st, 6);
	r->restricted = sqlite3_column_int(st, 7) != 0;
	r->restrict_days = (unsigned)sqlite3_column_int(st, 8);
	r->restrict_from = sqlite3_column_int(st, 9);
	r->restrict_to = sqlite3_column_int(st, 10);
	r->calendar = hf_column_text(st, 11);
}

static void rotations_free(void *r, size_t n)
{
	hf_rotations_free(r, n);
}

enum hf_status hf_store_rotations(struct hf_store *store, const char *name,
				  struct hf_rotation **out, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT name, timezone, start_day, shift_count, shift_unit, handoff_wday, handoff_minute,"
		" restricted, restrict_days, restrict_from, restrict_to, calendar FROM rotation"
		" WHERE ?1 IS NULL OR name = ?1 ORDER BY name, source");
	struct hf_rotation *v;
	size_t nv;
	enum hf_status status;

	*out = NULL;
	*n = 0;
	hf_bind_text(st, 1, name);
	if ((status = hf_store_read_rows(store, st, &v, &nv, sizeof(*v), read_rotation, rotations_free,
					 "reading rotations")))
		return status;
	for (size_t i = 0; i < nv && !status; i++) {
		status = read_details(store, &v[i]);
		if (!status && v[i].calendar)
			status = read_feed(store, &v[i]);
	}
	if (status) {
		hf_rotations_free(v, nv);
		return status;
	}
	if (name && !nv)
		return hf_error(HF_ENOTFOUND, "no rotation '%s'", name);
	*out = v;
	*n = nv;
	return HF_OK;
}

enum hf_status hf_store_rotations_covering(struct hf_store *store, const char *model,
					   char ***names, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT DISTINCT rotation FROM rotation_cover WHERE model = ?1 ORDER BY rotation");

	hf_bind_text(st, 1, model);
	return hf_store_read_rows(store, st, names, n, sizeof(**names), hf_store_row_text,
				  hf_store_free_texts, "reading rotations covering a model");
}

/* Feed rotations covering model: the members the feed names on shifts from today on. */
static enum hf_status feed_coverage(struct hf_store *store, const char *model, size_t *people)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT DISTINCT c.rotation FROM rotation_cover c JOIN rotation r ON r.name = c.rotation"
		" WHERE c.model = ?1 AND r.calendar IS NOT NULL ORDER BY c.rotation");
	char **names;
	size_t n;
	enum hf_status rc;

	hf_bind_text(st, 1, model);
	if ((rc = hf_store_read_rows(store, st, &names, &n, sizeof(*names), hf_store_row_text,
				     hf_store_free_texts, "reading feed rotations covering a model")))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_rotation *r;
		size_t nr, k;

		if ((rc = hf_store_rotations(store, names[i], &r, &nr)))
			break;
		k = nr ? hf_rotation_people(&r[0], hf_now() / 86400) : 0;
		if (k > *people)
			*people = k;
		hf_rotations_free(r, nr);
	}
	hf_store_free_texts(names, n);
	return rc;
}
