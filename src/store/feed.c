/* feed.c: SQL for calendar sources: their expanded events and when the feed was read */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/store_feed.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static void read_event(sqlite3_stmt *st, void *item)
{
	struct hf_feed_event *e = item;

	e->start = sqlite3_column_int64(st, 0);
	e->end = sqlite3_column_int64(st, 1);
	e->uid = hf_column_text(st, 2);
	e->summary = hf_column_text(st, 3);
	e->people = hf_column_text(st, 4);
	e->all_day = sqlite3_column_int(st, 5) != 0;
}

static void events_free(void *items, size_t n)
{
	struct hf_feed f = { .events = items, .n = n };

	hf_feed_clear(&f);
}

enum hf_status hf_store_feed_events(struct hf_store *store, const char *source, struct hf_feed *out)
{
	sqlite3_stmt *st = hf_store_stmt(store,
		"SELECT starts, ends, uid, summary, people, all_day FROM feed_event WHERE source = ?1"
		" ORDER BY starts, ends, rowid");

	memset(out, 0, sizeof(*out));
	hf_bind_text(st, 1, source);
	return hf_store_read_rows(store, st, &out->events, &out->n, sizeof(*out->events), read_event,
				  events_free, "reading a calendar feed's events");
}

struct state_row {
	int64_t at;
	size_t n;
};

static void read_state(sqlite3_stmt *st, void *item)
{
	struct state_row *s = item;

	s->at = sqlite3_column_int64(st, 0);
	s->n = (size_t)sqlite3_column_int64(st, 1);
}

enum hf_status hf_store_feed_state(struct hf_store *store, const char *source, int64_t *at, size_t *n)
{
	sqlite3_stmt *st = hf_store_stmt(store, "SELECT at, events FROM feed_state WHERE source = ?1");
	struct state_row row = { 0, 0 };
	enum hf_status rc;

	hf_bind_text(st, 1, source);
	rc = hf_store_read_one(store, st, read_state, &row, NULL, "reading a calendar feed's state");
	*at = row.at;
	if (n)
		*n = row.n;
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int cmp_events(const struct hf_feed_event *a, const struct hf_feed_event *b)
{
	int c;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	c = strcmp(a->summary ? a->summary : "", b->summary ? b->summary : "");
	return c ? c : strcmp(a->people ? a->people : "", b->people ? b->people : "");
}

/* Occurrences in one list and not the other (both sorted by start, end). */
static size_t count_changes(const struct hf_feed *old, const struct hf_feed *new_)
{
	size_t i = 0, j = 0, changes = 0;

	while (i < old->n || j < new_->n) {
		int c = i == old->n ? 1 : j == new_->n ? -1 : cmp_events(&old->events[i], &new_->events[j]);

		if (!c && same_text(old->events[i].summary, new_->events[j].summary)) {
			i++;
			j++;
			continue;
		}
		changes++;
		if (c <= 0)
			i++;
		else
			j++;
	}
	return changes;
}

enum hf_status hf_store_feed_put(struct hf_store *store, const char *source, const struct hf_feed *feed,
				 int64_t at, int64_t from, int64_t to, size_t *changes)
{
	struct hf_feed old;
	sqlite3_stmt *st;
	enum hf_status rc;

	*changes = 0;
	if ((rc = hf_store_feed_events(store, source, &old)))
		return rc;
	*changes = count_changes(&old, feed);
	hf_feed_clear(&old);
	st = hf_store_stmt(store, "DELETE FROM feed_event WHERE source = ?1");
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	if ((rc = hf_store_exec_stmt(store, st, "replacing a calendar feed's events")))
		return rc;
	st = hf_store_stmt(store,
		"INSERT INTO feed_event (source, starts, ends, uid, summary, people, all_day)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return HF_EIO;
	for (size_t i = 0; i < feed->n; i++) {
		const struct hf_feed_event *e = &feed->events[i];

		hf_bind_text(st, 1, source);
		hf_bind_int(st, 2, e->start);
		hf_bind_int(st, 3, e->end);
		hf_bind_text(st, 4, e->uid);
		hf_bind_text(st, 5, e->summary);
		hf_bind_text(st, 6, e->people);
		hf_bind_int(st, 7, e->all_day);
		if ((rc = hf_store_exec_stmt(store, st, "storing a calendar event")))
			return rc;
	}
	st = hf_store_stmt(store,
		"INSERT OR REPLACE INTO feed_state (source, at, window_from, window_to, events, calname)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return HF_EIO;
	hf_bind_text(st, 1, source);
	hf_bind_int(st, 2, at);
	hf_bind_int(st, 3, from);
	hf_bind_int(st, 4, to);
	hf_bind_int(st, 5, (int64_t)feed->n);
	hf_bind_text(st, 6, feed->calname);
	return hf_store_exec_stmt(store, st, "storing a calendar feed's state");
}
