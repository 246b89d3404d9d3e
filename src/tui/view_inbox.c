/* view_inbox.c: the inbox view: what changed on the user's models since they last looked (opening it marks it read) */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/inbox.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#define EARLIER_DAYS 7 /* read lines of the last week stay in sight below the new ones */

struct inbox_row {
	const struct hf_inbox_item *it; /* NULL for a heading */
	const char *heading;
};

struct inbox_state {
	struct hf_inbox unread; /* everything after the last mark read */
	struct hf_inbox recent; /* the last week, read or not (its unread ones are above) */
	struct inbox_row *rows;
	size_t nearlier;
	char seen[32];
};

static void add_row(struct hf_view *v, const struct hf_inbox_item *it, const char *heading)
{
	struct inbox_state *s = v->state;
	size_t row = hf_list_add(&v->list, it ? 0 : HF_ROW_HEADING);

	s->rows = xrealloc(s->rows, (row + 1) * sizeof(*s->rows));
	s->rows[row].it = it;
	s->rows[row].heading = heading;
}

static enum hf_status inbox_load(struct hf_view *v, struct hf_store *store)
{
	struct inbox_state *s = v->state;
	int64_t now = hf_now();
	enum hf_status rc;

	v->head_lines = 2;
	if (!v->arg)
		return hf_error(HF_EINVAL, "who are you? set [user] handle = YOUR-HANDLE in the configuration");
	if ((rc = hf_inbox_read(store, v->arg, -1, now, &s->unread)) ||
	    (rc = hf_inbox_read(store, v->arg, now - EARLIER_DAYS * 86400, now, &s->recent)))
		return rc;
	if (s->unread.seen)
		hf_time_format_minutes(s->unread.seen, s->seen, sizeof(s->seen));
	if (s->unread.n)
		add_row(v, NULL, "NEW");
	for (size_t i = 0; i < s->unread.n; i++)
		add_row(v, &s->unread.items[i], NULL);
	for (size_t i = 0; i < s->recent.n; i++) {
		if (s->recent.items[i].unread)
			continue;
		if (!s->nearlier++)
			add_row(v, NULL, "EARLIER (read, the last 7 days)");
		add_row(v, &s->recent.items[i], NULL);
	}
	/* seen here: read from now on (up to what was read, so a sync meanwhile stays new) */
	if (s->unread.unread && (rc = hf_inbox_mark_read(store, v->arg, now, s->unread.newest_id)))
		hf_view_message(v, "could not mark the inbox read: %s", hf_last_error());
	return HF_OK;
}

static void inbox_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct inbox_state *s = v->state;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Inbox of ", -1);
		hf_draw_text(d, HF_COLOR_PERSON, v->arg ? v->arg : "?", -1);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu new", s->unread.n);
		if (s->seen[0])
			hf_draw_textf(d, HF_COLOR_DIM, -1, " since %s", s->seen);
		if (!s->unread.n && !s->nearlier)
			hf_draw_text(d, HF_COLOR_DIM, ": nothing on your models this week", -1);
		else if (s->nearlier)
			hf_draw_textf(d, HF_COLOR_DIM, -1, ", %zu read this week", s->nearlier);
		return;
	}
	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_HEADER, "WHEN", 12);
	hf_draw_text(d, HF_COLOR_HEADER, "ABOUT", d->cols >= 120 ? 24 : 16);
	hf_draw_text(d, HF_COLOR_HEADER, "WHAT", 9);
	hf_draw_text(d, HF_COLOR_HEADER, "SUMMARY", -1);
}

static void inbox_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct inbox_state *s = v->state;
	const struct hf_inbox_item *it = s->rows[row].it;
	char when[32];

	if (!it) {
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, s->rows[row].heading, -1);
		return;
	}
	/* "2026-11-30 12:00" without the year: the week is what matters */
	hf_time_format_minutes(it->at, when, sizeof(when));
	hf_draw_text(d, HF_COLOR_BAD, it->unread ? " *" : "  ", 3);
	hf_draw_text(d, HF_COLOR_DIM, strlen(when) > 5 ? when + 5 : when, 12);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->model ? it->model : it->ref ? it->ref : "-",
		     d->cols >= 120 ? 24 : 16);
	hf_draw_text(d, HF_COLOR_ALIAS, it->kind, 9);
	hf_draw_text(d, it->unread ? HF_COLOR_DEFAULT : HF_COLOR_DIM, it->summary, -1);
	if (it->actor && *it->actor) {
		hf_draw_text(d, HF_COLOR_DIM, " (", -1);
		hf_draw_text(d, HF_COLOR_PERSON, it->actor, -1);
		hf_draw_text(d, HF_COLOR_DIM, ")", -1);
	}
}

static bool inbox_match(struct hf_view *v, size_t row, const char *needle)
{
	struct inbox_state *s = v->state;
	const struct hf_inbox_item *it = s->rows[row].it;

	return it && (hf_view_contains(it->model, needle) || hf_view_contains(it->kind, needle) ||
		      hf_view_contains(it->actor, needle) || hf_view_contains(it->summary, needle) ||
		      hf_view_contains(it->ref, needle));
}

unsigned hf_view_open_about(struct hf_view *v, enum hf_action action, const char *kind,
			    const char *model)
{
	const char *target = NULL;

	if (action != HF_ACTION_ENTER || !kind)
		return HF_REACT_NOT_MINE;
	if (!strcmp(kind, "sprint") || !strcmp(kind, "capacity"))
		target = "sprint";
	else if (!strcmp(kind, "shift") || !strcmp(kind, "override"))
		target = "on-call";
	else if (!strcmp(kind, "sync"))
		target = "log";
	else if (model)
		return hf_view_open(v, "model", model);
	return target ? hf_view_open(v, target, NULL) : HF_REACT_NOT_MINE;
}

static unsigned inbox_key(struct hf_view *v, enum hf_action action)
{
	struct inbox_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct hf_inbox_item *it = row == SIZE_MAX ? NULL : s->rows[row].it;

	return hf_view_open_about(v, action, it ? it->kind : NULL, it ? it->model : NULL);
}

static void inbox_done(struct hf_view *v)
{
	struct inbox_state *s = v->state;

	hf_inbox_clear(&s->unread);
	hf_inbox_clear(&s->recent);
	free(s->rows);
}

const struct hf_view_ops hf_view_inbox = {
	.name = "inbox",
	.title = "inbox",
	.state_size = sizeof(struct inbox_state),
	.load = inbox_load,
	.draw_head = inbox_draw_head,
	.draw_row = inbox_draw_row,
	.match = inbox_match,
	.key = inbox_key,
	.resize = NULL,
	.done = inbox_done,
	.fresh = true,
};
