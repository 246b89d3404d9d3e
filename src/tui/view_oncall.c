/* view_oncall.c: on call now and next per rotation, and a two-week grid of who holds each day */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#define GRID_DAYS 14

enum row_kind {
	ROW_ROTATION,
	ROW_NOW,
	ROW_NEXT,
	ROW_COVERS,
	ROW_COVERED,
	ROW_TEXT,
	ROW_GRID_HEADING,
	ROW_GRID_WEEKDAYS,
	ROW_GRID_DATES,
	ROW_GRID
};

struct oncall_row {
	enum row_kind kind;
	size_t index;
	size_t sub; /* ROW_COVERED: the covered model */
};

struct oncall_state {
	struct hf_tui_oncall oc;
	int64_t first_day; /* viewer-local day number of the grid's first column */
	const char **grid; /* n * GRID_DAYS: who holds local noon of each day (borrowed) */
	struct oncall_row *rows;
	size_t nrows, alloc;
	struct hf_tui_live_model **covered; /* per rotation, one per covered model */
	struct hf_outbox_marks marks; /* what actions waiting in the outbox touch */
};

static void add(struct hf_view *v, unsigned flags, enum row_kind kind, size_t index)
{
	struct oncall_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->alloc, sizeof(*s->rows));
	s->rows[r] = (struct oncall_row){kind, index, 0};
	s->nrows = r + 1;
}

static void fill_grid(struct oncall_state *s)
{
	struct hf_zone local = hf_tz_zone(s->oc.local);
	int64_t now = hf_now(), lnow = hf_zone_to_local(&local, now);

	s->first_day = hf_day_of(lnow);
	s->grid = xcalloc(s->oc.n * GRID_DAYS + 1, sizeof(*s->grid));
	for (size_t i = 0; i < s->oc.n; i++) {
		struct hf_tui_rotation *r = &s->oc.rows[i];
		struct hf_zone z = hf_tui_rotation_zone(r);
		int64_t from = hf_zone_from_local(&local, s->first_day * 86400);
		int64_t to = hf_zone_from_local(&local, (s->first_day + GRID_DAYS) * 86400);
		struct hf_shift *shifts = NULL;
		size_t n = 0;

		if (hf_rotation_shifts(r->rot, &z, from, to, &shifts, &n))
			continue;
		for (int d = 0; d < GRID_DAYS; d++) {
			int64_t noon =
				hf_zone_from_local(&local, (s->first_day + d) * 86400 + 12 * 3600);

			for (size_t k = 0; k < n; k++)
				if (shifts[k].start <= noon && noon < shifts[k].end)
					s->grid[i * GRID_DAYS + d] = shifts[k].who;
		}
		free(shifts);
	}
	hf_error_clear();
}

static enum hf_status oncall_load(struct hf_view *v, struct hf_store *store)
{
	struct oncall_state *s = v->state;
	struct hf_report_session *session;
	bool any_live = false;
	enum hf_status rc = hf_tui_oncall_load(store, &s->oc);

	if (rc || (rc = hf_store_outbox_marks(store, &s->marks)))
		return rc;
	v->head_lines = 1;
	if (!s->oc.n) {
		add(v, HF_ROW_INERT, ROW_TEXT, 0);
		return HF_OK;
	}
	fill_grid(s);
	/* what the person on call answers for, and how it is doing in production */
	s->covered = xcalloc(s->oc.n + 1, sizeof(*s->covered));
	session = hf_report_session_new(store);
	for (size_t i = 0; i < s->oc.n && !rc; i++) {
		const struct hf_rotation *rot = s->oc.rows[i].rot;

		rc = hf_tui_live_models(session, rot->covers, rot->ncovers, &s->covered[i]);
		for (size_t k = 0; !rc && k < rot->ncovers; k++)
			any_live = any_live || s->covered[i][k].marks[0];
	}
	hf_report_session_free(session);
	if (rc)
		return rc;
	for (size_t i = 0; i < s->oc.n; i++) {
		add(v, HF_ROW_HEADING, ROW_ROTATION, i);
		add(v, 0, ROW_NOW, i);
		add(v, 0, ROW_NEXT, i);
		add(v, 0, ROW_COVERS, i);
		/* a model a line, with its live state, once the pod checks SLOs live at all */
		for (size_t k = 0; any_live && k < s->oc.rows[i].rot->ncovers; k++) {
			add(v, 0, ROW_COVERED, i);
			s->rows[s->nrows - 1].sub = k;
		}
	}
	add(v, HF_ROW_INERT, ROW_GRID_HEADING, 0);
	add(v, HF_ROW_INERT, ROW_GRID_WEEKDAYS, 0);
	add(v, HF_ROW_INERT, ROW_GRID_DATES, 0);
	for (size_t i = 0; i < s->oc.n; i++)
		add(v, HF_ROW_INERT, ROW_GRID, i);
	return HF_OK;
}

static void oncall_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct oncall_state *s = v->state;

	hf_draw_text(d, HF_COLOR_TITLE, " On call", -1);
	hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu rotation%s, times in %s", s->oc.n,
		      s->oc.n == 1 ? "" : "s", s->oc.local ? hf_tz_name(s->oc.local) : "UTC");
}

static int day_width(int cols)
{
	int w = (cols - 14) / GRID_DAYS;

	return w > 8 ? 8 : w < 3 ? 3 : w;
}

static void draw_shift(struct oncall_state *s, struct hf_draw *d, const char *label,
		       const struct hf_shift *sh, bool found)
{
	char from[32], until[32];

	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_DIM, label, 6);
	if (!found) {
		hf_draw_text(d, HF_COLOR_BAD, "nobody", -1);
		return;
	}
	hf_tui_local_time(&s->oc, sh->start, true, from, sizeof(from));
	hf_tui_local_time(&s->oc, sh->end, true, until, sizeof(until));
	hf_draw_text(d, HF_COLOR_PERSON, sh->who, 8);
	hf_draw_textf(d, HF_COLOR_DEFAULT, -1, "%s \xE2\x86\x92 %s", from, until);
	if (sh->reason) {
		hf_draw_text(d, HF_COLOR_WARNING, "  override: ", -1);
		hf_draw_text(d, HF_COLOR_WARNING, sh->reason, -1);
	}
}

/* One covered model: its stage and, in production, its live verdicts and what burns. */
static void draw_covered(struct hf_draw *d, const struct hf_tui_live_model *m)
{
	hf_draw_space(d, 5);
	hf_draw_text(d, HF_COLOR_DEFAULT, m->name, 20);
	if (!m->found) {
		hf_draw_text(d, HF_COLOR_DIM, "no pod files or registry entry", -1);
		return;
	}
	if (!m->serving) {
		hf_draw_textf(d, HF_COLOR_DIM, -1, "not serving yet (%s)", m->stage);
		return;
	}
	hf_draw_text(d, HF_COLOR_DIM, "live", 5);
	hf_view_draw_marks(d, m->marks, 6);
	if (m->problem)
		hf_draw_text(d, strchr(m->marks, 'x') ? HF_COLOR_BAD : HF_COLOR_UNKNOWN, m->problem, -1);
	else if (m->marks[0])
		hf_draw_text(d, HF_COLOR_GOOD, "all met", -1);
	else
		hf_draw_text(d, HF_COLOR_DIM, "no live SLOs", -1);
}

static void oncall_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct oncall_state *s = v->state;
	const struct oncall_row *orow = &s->rows[row];
	const struct hf_tui_rotation *r =
		orow->kind == ROW_TEXT || orow->kind == ROW_GRID_HEADING ||
				orow->kind == ROW_GRID_WEEKDAYS || orow->kind == ROW_GRID_DATES
			? NULL
			: &s->oc.rows[orow->index];
	int w = day_width(d->cols);

	switch (orow->kind) {
	case ROW_TEXT:
		hf_draw_text(d, HF_COLOR_DIM,
			     "   no rotations: add oncall/<rotation>.json to the pod repository",
			     -1);
		break;
	case ROW_ROTATION: {
		const char *unit = r->rot->shift_unit == HF_SHIFT_HOURS	 ? "h"
				   : r->rot->shift_unit == HF_SHIFT_DAYS ? "d"
									 : "w";

		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, r->rot->name, -1);
		if (r->rot->calendar) {
			/* a feed rotation: its shifts, and so its overrides, live in the calendar */
			hf_draw_textf(d, HF_COLOR_DIM, -1, "   %s, from calendar '%s' (overrides are made "
				      "in the calendar)", r->rot->timezone ? r->rot->timezone : "UTC",
				      r->rot->calendar);
			if (!r->rot->feed_at)
				hf_draw_text(d, HF_COLOR_WARNING, "  not read yet: sync", -1);
			break;
		}
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   %s, %d%s shifts",
			      r->rot->timezone ? r->rot->timezone : "UTC", r->rot->shift_count,
			      unit);
		if (hf_outbox_marked(&s->marks, r->rot->name, "override:"))
			hf_draw_text(d, HF_COLOR_KEY, "   \xE2\xA7\x97 override pending", -1);
		break;
	}
	case ROW_NOW:
		draw_shift(s, d, "now", &r->now, r->now_found);
		break;
	case ROW_NEXT:
		draw_shift(s, d, "next", &r->next, r->next_found);
		break;
	case ROW_COVERS:
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, "covers", 7);
		for (size_t i = 0; i < r->rot->ncovers; i++) {
			if (i)
				hf_draw_text(d, HF_COLOR_DIM, ", ", -1);
			hf_draw_text(d, HF_COLOR_DEFAULT, r->rot->covers[i], -1);
		}
		if (!r->rot->ncovers)
			hf_draw_text(d, HF_COLOR_DIM, "no models", -1);
		break;
	case ROW_COVERED:
		draw_covered(d, &s->covered[orow->index][orow->sub]);
		break;
	case ROW_GRID_HEADING:
		hf_draw_text(d, HF_COLOR_SECTION, " NEXT TWO WEEKS (who is on call at noon)", -1);
		break;
	case ROW_GRID_WEEKDAYS:
	case ROW_GRID_DATES:
		hf_draw_space(d, 14);
		for (int i = 0; i < GRID_DAYS; i++) {
			int64_t day = s->first_day + i;
			int y, m, dd;
			const char *wd = hf_weekday_name(hf_weekday(day));

			hf_civil_from_days(day, &y, &m, &dd);
			if (orow->kind == ROW_GRID_WEEKDAYS)
				hf_draw_textf(d,
					      hf_weekday(day) >= 5 ? HF_COLOR_DIM : HF_COLOR_HEADER,
					      w, "%c%c", wd[0] - 32, wd[1]);
			else
				hf_draw_textf(d, HF_COLOR_HEADER, w, "%02d", dd);
		}
		break;
	case ROW_GRID:
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DEFAULT, r->rot->name, 13);
		for (int i = 0; i < GRID_DAYS; i++) {
			const char *who = s->grid[orow->index * GRID_DAYS + i];

			if (who)
				hf_draw_text(d, HF_COLOR_PERSON, who, w);
			else
				hf_draw_text(d, HF_COLOR_DIM, "\xC2\xB7", w);
		}
		break;
	}
}

static bool oncall_match(struct hf_view *v, size_t row, const char *needle)
{
	struct oncall_state *s = v->state;
	const struct oncall_row *orow = &s->rows[row];
	const struct hf_tui_rotation *r = &s->oc.rows[orow->index];

	switch (orow->kind) {
	case ROW_NOW:
		return hf_view_contains(r->rot->name, needle) ||
		       (r->now_found && hf_view_contains(r->now.who, needle));
	case ROW_NEXT:
		return hf_view_contains(r->rot->name, needle) ||
		       (r->next_found && hf_view_contains(r->next.who, needle));
	case ROW_COVERED:
		return hf_view_contains(s->covered[orow->index][orow->sub].name, needle) ||
		       hf_view_contains(s->covered[orow->index][orow->sub].problem, needle);
	case ROW_COVERS:
		if (hf_view_contains(r->rot->name, needle))
			return true;
		for (size_t i = 0; i < r->rot->ncovers; i++)
			if (hf_view_contains(r->rot->covers[i], needle))
				return true;
		return false;
	default:
		return false;
	}
}

/* t as the rotation's wall clock, "YYYY-MM-DDTHH:MM": how its file writes times. */
static void rotation_time(const struct hf_tui_rotation *r, int64_t t, char *buf, size_t n)
{
	struct hf_zone z = hf_tui_rotation_zone(r);
	int64_t local = hf_zone_to_local(&z, t), day = hf_day_of(local), sec = local - day * 86400;
	int y, m, d;

	hf_civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d", y, m, d, (int)(sec / 3600),
		 (int)(sec % 3600 / 60));
}

/* O on a shift: take it ("I cover raj"), its span offered to edit. */
static unsigned take_shift(struct hf_view *v, const struct oncall_row *orow)
{
	struct oncall_state *s = v->state;
	const struct hf_tui_rotation *r;
	const struct hf_shift *sh;
	struct hf_act a = { 0 };
	char from[32], to[32], preset[96], ask[160];

	if (!orow || (orow->kind != ROW_NOW && orow->kind != ROW_NEXT)) {
		hf_view_message(v, "select a shift (now or next) first");
		return HF_REACT_NONE;
	}
	r = &s->oc.rows[orow->index];
	if (!(orow->kind == ROW_NOW ? r->now_found : r->next_found)) {
		hf_view_message(v, "nobody holds that shift to take it from");
		return HF_REACT_NONE;
	}
	sh = orow->kind == ROW_NOW ? &r->now : &r->next;
	rotation_time(r, sh->start, from, sizeof(from));
	rotation_time(r, sh->end, to, sizeof(to));
	snprintf(preset, sizeof(preset), "%s %s", from, to);
	snprintf(ask, sizeof(ask), "take %s's shift on %s (FROM TO [REASON], %s time)", sh->who,
		 r->rot->name, r->rot->timezone ? r->rot->timezone : "UTC");
	a.kind = HF_ACT_OVERRIDE;
	a.rotation = xstrdup(r->rot->name);
	return hf_view_act(v, &a, ask, "span", preset);
}

static unsigned oncall_key(struct hf_view *v, enum hf_action action)
{
	struct oncall_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct oncall_row *orow = row == SIZE_MAX ? NULL : &s->rows[row];

	/* Enter on a covered model opens it; O on a shift takes it */
	if (action == HF_ACTION_ENTER && orow && orow->kind == ROW_COVERED)
		return hf_view_open(v, "model", s->covered[orow->index][orow->sub].name);
	if (action == HF_ACTION_OVERRIDE)
		return take_shift(v, orow);
	if (hf_action_is_edit(action)) {
		hf_view_message(v, "on call, O takes a shift");
		return HF_REACT_NONE;
	}
	return HF_REACT_NOT_MINE;
}

static void oncall_done(struct hf_view *v)
{
	struct oncall_state *s = v->state;

	for (size_t i = 0; s->covered && i < s->oc.n; i++)
		if (s->covered[i])
			hf_tui_live_models_free(s->covered[i], s->oc.rows[i].rot->ncovers);
	free(s->covered);
	hf_outbox_marks_clear(&s->marks);
	free(s->grid);
	free(s->rows);
	hf_tui_oncall_clear(&s->oc);
}

const struct hf_view_ops hf_view_oncall = {
	.name = "on-call",
	.title = "on-call",
	.state_size = sizeof(struct oncall_state),
	.load = oncall_load,
	.draw_head = oncall_draw_head,
	.draw_row = oncall_draw_row,
	.match = oncall_match,
	.key = oncall_key,
	.resize = NULL,
	.done = oncall_done,
};
