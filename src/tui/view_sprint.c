/* view_sprint.c: the sprint: board by status, capacity per person and role, burndown */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/strbuf.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#define CHART_ROWS 8

enum row_kind { ROW_HEADING, ROW_TEXT, ROW_ITEM, ROW_PERSON, ROW_ROLE, ROW_CHART, ROW_AXIS };

struct sprint_row {
	enum row_kind kind;
	size_t index;
	char *text; /* headings (owned) */
};

struct sprint_state {
	struct hf_tui_sprint sp;
	struct sprint_row *rows;
	size_t nrows, alloc;
	struct hf_outbox_marks marks; /* what actions waiting in the outbox touch */
};

static const enum hf_item_status board_order[] = {
	HF_ITEM_BLOCKED, HF_ITEM_DOING, HF_ITEM_TODO, HF_ITEM_DONE, HF_ITEM_UNKNOWN,
};
static const enum hf_role role_order[] = {
	HF_ROLE_RESEARCH, HF_ROLE_ENGINEERING, HF_ROLE_PRODUCT, HF_ROLE_SHARED, HF_ROLE_UNKNOWN,
};

static void add(struct hf_view *v, unsigned flags, enum row_kind kind, size_t index, char *text)
{
	struct sprint_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->alloc, sizeof(*s->rows));
	s->rows[r] = (struct sprint_row){kind, index, text};
	s->nrows = r + 1;
}

static enum hf_status sprint_load(struct hf_view *v, struct hf_store *store)
{
	struct sprint_state *s = v->state;
	const struct hf_sprint *sp = &s->sp.sprint;
	const struct hf_sprint_eval *e = &s->sp.eval;
	enum hf_status rc = hf_tui_sprint_load(store, &s->sp);

	if (rc || (rc = hf_store_outbox_marks(store, &s->marks)))
		return rc;
	v->head_lines = 2;
	if (!s->sp.found) {
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    xstrdup("no sprint yet: add sprints/<sprint>.json to the pod repository"));
		return HF_OK;
	}
	for (size_t k = 0; k < sizeof(board_order) / sizeof(board_order[0]); k++) {
		size_t count = 0;
		double pts = 0;

		for (size_t i = 0; i < sp->nitems; i++)
			if (sp->items[i].status == board_order[k]) {
				count++;
				pts += sp->items[i].points;
			}
		if (!count)
			continue;
		add(v, HF_ROW_HEADING, ROW_HEADING, 0,
		    xasprintf("%s (%zu item%s, %g pt%s)", hf_item_status_name(board_order[k]), count,
			      count == 1 ? "" : "s", pts, pts == 1 ? "" : "s"));
		for (size_t i = 0; i < sp->nitems; i++)
			if (sp->items[i].status == board_order[k])
				add(v, 0, ROW_ITEM, i, NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0,
	    xstrdup("CAPACITY PER PERSON (committed / capacity)"));
	for (size_t i = 0; i < e->npeople; i++)
		add(v, 0, ROW_PERSON, i, NULL);
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, xstrdup("CAPACITY PER ROLE"));
	for (size_t k = 0; k < sizeof(role_order) / sizeof(role_order[0]); k++) {
		const struct hf_sprint_role *r = &e->roles[role_order[k]];

		if (r->capacity > 0 || r->committed > 0)
			add(v, 0, ROW_ROLE, role_order[k], NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0,
	    xasprintf("BURNDOWN (remaining points per day; %s ideal)", "\xC2\xB7"));
	if (e->nburndown) {
		for (size_t i = 0; i < CHART_ROWS; i++)
			add(v, HF_ROW_INERT, ROW_CHART, i, NULL);
		add(v, HF_ROW_INERT, ROW_AXIS, 0, NULL);
	} else {
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    xstrdup("no burndown yet (the sprint has not started)"));
	}
	return HF_OK;
}

static void sprint_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct sprint_state *s = v->state;
	const struct hf_sprint *sp = &s->sp.sprint;
	const struct hf_sprint_eval *e = &s->sp.eval;

	if (!s->sp.found) {
		if (line == 0)
			hf_draw_text(d, HF_COLOR_TITLE, " Sprint", -1);
		return;
	}
	if (line == 0) {
		hf_draw_space(d, 1);
		hf_draw_textf(d, HF_COLOR_TITLE, -1, "Sprint %s", sp->id);
		hf_draw_space(d, 2);
		hf_draw_text(d, HF_COLOR_DEFAULT, sp->name, -1);
		/* narrow: the dates are on the burndown's axis anyway */
		if (d->cols >= 100) {
			hf_draw_space(d, 2);
			hf_draw_textf(d, HF_COLOR_DIM, -1, "%s \xE2\x86\x92 %s",
				      sp->start ? sp->start : "?", sp->end ? sp->end : "?");
		}
		hf_draw_space(d, 2);
		if (hf_draw_left(d) >= 30)
			hf_draw_textf(d, HF_COLOR_DEFAULT, -1, "%g/%g pts, %d day%s left", e->done,
				      e->committed, e->days_left, e->days_left == 1 ? "" : "s");
		else
			hf_draw_textf(d, HF_COLOR_DEFAULT, -1, "%g/%g pts, %dd left", e->done,
				      e->committed, e->days_left);
		return;
	}
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_DIM, "goal: ", -1);
	hf_draw_text(d, HF_COLOR_DEFAULT, sp->goal ? sp->goal : "(none)", -1);
	hf_draw_textf(d, HF_COLOR_DIM, -1, "   research %.0f%% / engineering %.0f%%",
		      e->research_share * 100,
		      (e->research_share > 0 || e->committed > 0) ? (1 - e->research_share) * 100
								  : 0);
}

static void draw_capacity(struct hf_draw *d, const char *who, const char *role, double committed,
			  double capacity, bool over)
{
	int bar = d->cols >= 120 ? 40 : 24;

	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_PERSON, who, 12);
	hf_draw_text(d, HF_COLOR_DIM, role, 13);
	hf_draw_bar(d, committed, capacity, bar);
	hf_draw_space(d, 1);
	hf_draw_textf(d, over ? HF_COLOR_BAD : HF_COLOR_DEFAULT, -1, "%g/%g%s", committed, capacity,
		      over ? "  over capacity" : "");
}

/* One line of the chart: line 0 is the top. */
static void draw_chart(struct sprint_state *s, struct hf_draw *d, size_t line)
{
	const struct hf_sprint_eval *e = &s->sp.eval;
	double top = 0;
	int per_day, days = e->days > 0 ? e->days : (int)e->nburndown;
	double lo, hi;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	for (size_t i = 0; i < e->nburndown; i++)
		if (e->burndown[i].total > top)
			top = e->burndown[i].total;
	if (top < e->committed)
		top = e->committed;
	if (top <= 0)
		top = 1;
	hi = top * (double)(CHART_ROWS - line) / CHART_ROWS;
	lo = top * (double)(CHART_ROWS - line - 1) / CHART_ROWS;
	per_day = days > 0 ? (d->cols - 12) / days : 1;
	if (per_day > 4)
		per_day = 4;
	if (per_day < 1)
		per_day = 1;
	hf_draw_textf(d, HF_COLOR_DIM, -1, "%6.0f \xE2\x94\x82", hi);
	hf_strbuf_init(&sb);
	for (int day = 0; day < days && hf_draw_left(d) >= per_day; day++) {
		const char *cell = " ";
		enum hf_color role = HF_COLOR_DEFAULT;
		double ideal = days > 1 ? top * (1.0 - (double)day / (days - 1)) : 0;

		if ((size_t)day < e->nburndown) {
			double rem = e->burndown[day].remaining;

			if (rem >= hi)
				cell = "\xE2\x96\x88"; /* █ */
			else if (rem > lo)
				cell = "\xE2\x96\x84"; /* ▄ */
			role = HF_COLOR_BAR;
		}
		if (!strcmp(cell, " ") && ideal > lo && ideal <= hi) {
			cell = "\xC2\xB7"; /* · */
			role = HF_COLOR_DIM;
		}
		hf_strbuf_reset(&sb);
		for (int k = 0; k < per_day; k++)
			hf_strbuf_adds(&sb, cell);
		hf_draw_text(d, role, sb.buf, -1); /* exactly per_day columns */
	}
	hf_strbuf_release(&sb);
}

static void draw_axis(struct sprint_state *s, struct hf_draw *d)
{
	const struct hf_sprint_eval *e = &s->sp.eval;
	char first[16], last[16];
	int days = e->days > 0 ? e->days : (int)e->nburndown;
	int per_day = days > 0 ? (d->cols - 12) / days : 1;

	if (per_day > 4)
		per_day = 4;
	if (per_day < 1)
		per_day = 1;
	hf_date_format(e->first_day * 86400, first, sizeof(first));
	hf_date_format(e->last_day * 86400, last, sizeof(last));
	hf_draw_space(d, 7);
	hf_draw_text(d, HF_COLOR_DIM, "\xE2\x94\x94", 1);
	hf_draw_text(d, HF_COLOR_DIM, first + 5, -1);
	hf_draw_goto(d, 8 + days * per_day - 5);
	hf_draw_text(d, HF_COLOR_DIM, last + 5, -1);
	hf_draw_textf(d, HF_COLOR_DIM, -1, "   day %d of %d",
		      e->days_elapsed + 1 > days ? days : e->days_elapsed + 1, days);
}

static void sprint_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct sprint_state *s = v->state;
	const struct sprint_row *sr = &s->rows[row];
	const struct hf_sprint *sp = &s->sp.sprint;
	const struct hf_sprint_eval *e = &s->sp.eval;

	switch (sr->kind) {
	case ROW_HEADING:
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, sr->text, -1);
		break;
	case ROW_TEXT:
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, sr->text, -1);
		break;
	case ROW_ITEM: {
		const struct hf_sprint_item *it = &sp->items[sr->index];
		bool wide = d->cols >= 120;

		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, it->id, 6);
		hf_draw_text(d, it->status == HF_ITEM_BLOCKED ? HF_COLOR_BAD : HF_COLOR_DEFAULT,
			     it->title, wide ? 44 : 27);
		hf_draw_text(d, HF_COLOR_DIM, hf_role_name(it->kind), 12);
		hf_draw_text(d, HF_COLOR_PERSON, it->owner ? it->owner : "-", wide ? 6 : 5);
		hf_draw_textf(d, HF_COLOR_DEFAULT, wide ? 5 : 4, "%g", it->points);
		hf_draw_text(d, HF_COLOR_DEFAULT, it->model ? it->model : "", wide ? 18 : 16);
		if (it->blocked_by) {
			hf_draw_text(d, HF_COLOR_BAD, "by ", -1);
			hf_draw_text(d, HF_COLOR_BAD, it->blocked_by, -1);
		}
		if (hf_outbox_marked(&s->marks, sp->id, it->id))
			hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
		break;
	}
	case ROW_PERSON: {
		const struct hf_sprint_person *p = &e->people[sr->index];

		char target[96];

		draw_capacity(d, p->handle, p->member ? hf_role_name(p->role) : "not in pod",
			      p->committed, p->capacity, p->over);
		snprintf(target, sizeof(target), "capacity:%s", p->handle);
		if (hf_outbox_marked(&s->marks, sp->id, target))
			hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
		break;
	}
	case ROW_ROLE: {
		const struct hf_sprint_role *r = &e->roles[sr->index];

		draw_capacity(d, hf_role_name((enum hf_role)sr->index), "", r->committed,
			      r->capacity, r->over);
		break;
	}
	case ROW_CHART:
		draw_chart(s, d, sr->index);
		break;
	case ROW_AXIS:
		draw_axis(s, d);
		break;
	}
}

static bool sprint_match(struct hf_view *v, size_t row, const char *needle)
{
	struct sprint_state *s = v->state;
	const struct sprint_row *sr = &s->rows[row];

	if (sr->kind == ROW_ITEM) {
		const struct hf_sprint_item *it = &s->sp.sprint.items[sr->index];

		return hf_view_contains(it->id, needle) || hf_view_contains(it->title, needle) ||
		       hf_view_contains(it->owner, needle) || hf_view_contains(it->model, needle) ||
		       hf_view_contains(hf_role_name(it->kind), needle) ||
		       hf_view_contains(hf_item_status_name(it->status), needle);
	}
	if (sr->kind == ROW_PERSON)
		return hf_view_contains(s->sp.eval.people[sr->index].handle, needle);
	if (sr->kind == ROW_ROLE)
		return hf_view_contains(hf_role_name((enum hf_role)sr->index), needle);
	return false;
}

/* The status an item usually moves to next. */
static const char *next_status(enum hf_item_status st)
{
	return st == HF_ITEM_TODO || st == HF_ITEM_BLOCKED ? "doing"
	       : st == HF_ITEM_DOING ? "done" : "todo";
}

/* The planning meeting's keys: on an item, a person, or (add) anywhere on the board. */
static unsigned sprint_edit(struct hf_view *v, enum hf_action action, const struct sprint_row *sr)
{
	struct sprint_state *s = v->state;
	struct hf_act a = { 0 };
	const struct hf_sprint_item *it = sr && sr->kind == ROW_ITEM ? &s->sp.sprint.items[sr->index]
								       : NULL;
	char ask[160], preset[64];
	const char *field = "value";

	if (!s->sp.found) {
		hf_view_message(v, "no sprint to change");
		return HF_REACT_NONE;
	}
	a.sprint = xstrdup(s->sp.sprint.id);
	if (action == HF_ACTION_ITEM_ADD) {
		a.kind = HF_ACT_SPRINT_ADD;
		return hf_view_act(v, &a, "new item: TITLE points=N [kind=K owner=H model=M]", "item",
				   NULL);
	}
	if (action == HF_ACTION_CAPACITY && sr && sr->kind == ROW_PERSON) {
		const struct hf_sprint_person *p = &s->sp.eval.people[sr->index];

		a.kind = HF_ACT_CAPACITY;
		a.handle = xstrdup(p->handle);
		snprintf(ask, sizeof(ask), "capacity of %s (points)", p->handle);
		snprintf(preset, sizeof(preset), "%g", p->capacity);
		return hf_view_act(v, &a, ask, "value", preset);
	}
	if (!it) {
		hf_act_clear(&a);
		hf_view_message(v, action == HF_ACTION_CAPACITY ? "select a person first"
							  : "select a sprint item first");
		return HF_REACT_NONE;
	}
	a.id = xstrdup(it->id);
	a.kind = HF_ACT_SPRINT_SET;
	preset[0] = '\0';
	switch (action) {
	case HF_ACTION_ITEM_MOVE:
		a.field = xstrdup("status");
		snprintf(ask, sizeof(ask), "move %s to (todo, doing, blocked, done)", it->id);
		snprintf(preset, sizeof(preset), "%s", next_status(it->status));
		break;
	case HF_ACTION_ITEM_ASSIGN:
		a.field = xstrdup("owner");
		snprintf(ask, sizeof(ask), "give %s to", it->id);
		snprintf(preset, sizeof(preset), "%s", it->owner ? it->owner : "");
		break;
	case HF_ACTION_ITEM_POINTS:
		a.field = xstrdup("points");
		snprintf(ask, sizeof(ask), "points of %s", it->id);
		snprintf(preset, sizeof(preset), "%g", it->points);
		break;
	case HF_ACTION_ITEM_BLOCK:
		a.field = xstrdup("blocked_by");
		snprintf(ask, sizeof(ask), "%s blocked by (an item; empty: unblock)", it->id);
		snprintf(preset, sizeof(preset), "%s", it->blocked_by ? it->blocked_by : "");
		break;
	case HF_ACTION_ITEM_REMOVE:
		a.kind = HF_ACT_SPRINT_REMOVE;
		return hf_view_act(v, &a, NULL, NULL, NULL);
	default:
		hf_act_clear(&a);
		hf_view_message(v, "that key is for the model view or the on-call view");
		return HF_REACT_NONE;
	}
	return hf_view_act(v, &a, ask, field, preset);
}

static unsigned sprint_key(struct hf_view *v, enum hf_action action)
{
	struct sprint_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action == HF_ACTION_ENTER && row != SIZE_MAX && s->rows[row].kind == ROW_ITEM &&
	    s->sp.sprint.items[s->rows[row].index].model)
		return hf_view_open(v, "model", s->sp.sprint.items[s->rows[row].index].model);
	if (hf_action_is_edit(action))
		return sprint_edit(v, action, row == SIZE_MAX ? NULL : &s->rows[row]);
	return HF_REACT_NOT_MINE;
}

static void sprint_done(struct hf_view *v)
{
	struct sprint_state *s = v->state;

	for (size_t i = 0; i < s->nrows; i++)
		free(s->rows[i].text);
	free(s->rows);
	hf_tui_sprint_clear(&s->sp);
	hf_outbox_marks_clear(&s->marks);
}

const struct hf_view_ops hf_view_sprint = {
	.name = "sprint",
	.title = "sprint",
	.state_size = sizeof(struct sprint_state),
	.load = sprint_load,
	.draw_head = sprint_draw_head,
	.draw_row = sprint_draw_row,
	.match = sprint_match,
	.key = sprint_key,
	.resize = NULL,
	.done = sprint_done,
};
