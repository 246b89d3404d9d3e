/* view_activity.c: the activity view: the timeline merged from git commits and registry changes */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "handoff/clock.h"
#include "handoff/store.h"
#include "handoff/tui_view.h"

#define ACTIVITY_LIMIT 1000

struct activity_state {
	struct hf_activity *items;
	size_t n;
};

static enum hf_status activity_load(struct hf_view *v, struct hf_store *store)
{
	struct activity_state *s = v->state;
	enum hf_status rc =
		hf_store_activity_list(store, NULL, 0, ACTIVITY_LIMIT, &s->items, &s->n);

	if (rc)
		return rc;
	v->head_lines = 2;
	for (size_t i = 0; i < s->n; i++)
		hf_list_add(&v->list, 0);
	return HF_OK;
}

static void activity_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct activity_state *s = v->state;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Activity", -1);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu event%s, newest first%s", s->n,
			      s->n == 1 ? "" : "s",
			      s->n ? "" : ": sync a pod repository or a registry to see some");
		return;
	}
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_HEADER, "WHEN", 17);
	hf_draw_text(d, HF_COLOR_HEADER, "MODEL", 17);
	hf_draw_text(d, HF_COLOR_HEADER, "WHAT", 9);
	hf_draw_text(d, HF_COLOR_HEADER, "WHO", 9);
	hf_draw_text(d, HF_COLOR_HEADER, "SUMMARY", -1);
}

static void activity_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct activity_state *s = v->state;
	const struct hf_activity *a = &s->items[row];
	char when[32];

	hf_time_format_minutes(a->at, when, sizeof(when));
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_DIM, when, 17);
	hf_draw_text(d, HF_COLOR_DEFAULT, a->model ? a->model : "-", 17);
	hf_draw_text(d, HF_COLOR_ALIAS, a->kind, 9);
	hf_draw_text(d, HF_COLOR_PERSON, a->actor ? a->actor : "", 9);
	hf_draw_text(d, HF_COLOR_DEFAULT, a->summary, -1);
}

static bool activity_match(struct hf_view *v, size_t row, const char *needle)
{
	struct activity_state *s = v->state;
	const struct hf_activity *a = &s->items[row];

	return hf_view_contains(a->model, needle) || hf_view_contains(a->kind, needle) ||
	       hf_view_contains(a->actor, needle) || hf_view_contains(a->summary, needle) ||
	       hf_view_contains(a->source, needle) || hf_view_contains(a->ref, needle);
}

static unsigned activity_key(struct hf_view *v, enum hf_action action)
{
	struct activity_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action != HF_ACTION_ENTER || row == SIZE_MAX || !s->items[row].model)
		return HF_REACT_NOT_MINE;
	return hf_view_open(v, "model", s->items[row].model);
}

static void activity_done(struct hf_view *v)
{
	struct activity_state *s = v->state;

	hf_activity_free(s->items, s->n);
}

const struct hf_view_ops hf_view_activity = {
	.name = "activity",
	.title = "activity",
	.state_size = sizeof(struct activity_state),
	.load = activity_load,
	.draw_head = activity_draw_head,
	.draw_row = activity_draw_row,
	.match = activity_match,
	.key = activity_key,
	.resize = NULL,
	.done = activity_done,
};
