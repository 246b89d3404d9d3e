/* view_mine.c: the mine view: what is the user's to do (what `handoff mine` lists), what blocks most first */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "handoff/clock.h"
#include "handoff/mine.h"
#include "handoff/tui_view.h"

struct mine_state {
	struct hf_mine m;
	size_t blocking;
};

static enum hf_status mine_load(struct hf_view *v, struct hf_store *store)
{
	struct mine_state *s = v->state;
	enum hf_status rc;

	v->head_lines = 2;
	if (!v->arg)
		return hf_error(HF_EINVAL, "who are you? set [user] handle = YOUR-HANDLE in the configuration");
	if ((rc = hf_mine_load(store, v->arg, hf_now(), &s->m)))
		return rc;
	for (size_t i = 0; i < s->m.n; i++) {
		hf_list_add(&v->list, 0);
		s->blocking += s->m.items[i].weight > 0;
	}
	return HF_OK;
}

static void mine_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct mine_state *s = v->state;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Yours to do, ", -1);
		hf_draw_text(d, HF_COLOR_PERSON, v->arg ? v->arg : "?", -1);
		if (!s->m.n)
			hf_draw_text(d, HF_COLOR_DIM, "   nothing is waiting for you", -1);
		else
			hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu thing%s, %zu blocking; "
				      "what blocks most first", s->m.n, s->m.n == 1 ? "" : "s",
				      s->blocking);
		return;
	}
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_HEADER, "KIND", 7);
	hf_draw_text(d, HF_COLOR_HEADER, "MODEL", d->cols >= 120 ? 24 : 15);
	hf_draw_text(d, HF_COLOR_HEADER, "WHAT", d->cols >= 120 ? 22 : 17);
	hf_draw_text(d, HF_COLOR_HEADER, "BLOCKS", 7);
	hf_draw_text(d, HF_COLOR_HEADER, "TITLE", -1);
}

static void mine_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct mine_state *s = v->state;
	const struct hf_mine_item *it = &s->m.items[row];

	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_ALIAS, it->kind, 7);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->model ? it->model : "-", d->cols >= 120 ? 24 : 15);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->ref ? it->ref : "", d->cols >= 120 ? 22 : 17);
	/* what it blocks: a sprint item waits on it, or the model's next stage */
	hf_draw_text(d, HF_COLOR_BAD, it->weight == 2 ? "sprint" : it->weight == 1 ? "stage" : "", 7);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->title, -1);
	if (it->detail) {
		hf_draw_text(d, HF_COLOR_DIM, " (", -1);
		hf_draw_text(d, HF_COLOR_DIM, it->detail, -1);
		hf_draw_text(d, HF_COLOR_DIM, ")", -1);
	}
}

static bool mine_match(struct hf_view *v, size_t row, const char *needle)
{
	struct mine_state *s = v->state;
	const struct hf_mine_item *it = &s->m.items[row];

	return hf_view_contains(it->kind, needle) || hf_view_contains(it->model, needle) ||
	       hf_view_contains(it->ref, needle) || hf_view_contains(it->title, needle) ||
	       hf_view_contains(it->detail, needle);
}

static unsigned mine_key(struct hf_view *v, enum hf_action action)
{
	struct mine_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct hf_mine_item *it = row == SIZE_MAX ? NULL : &s->m.items[row];

	return hf_view_open_about(v, action, it ? it->kind : NULL, it ? it->model : NULL);
}

static void mine_done(struct hf_view *v)
{
	struct mine_state *s = v->state;

	hf_mine_clear(&s->m);
}

const struct hf_view_ops hf_view_mine = {
	.name = "mine",
	.title = "mine",
	.state_size = sizeof(struct mine_state),
	.load = mine_load,
	.draw_head = mine_draw_head,
	.draw_row = mine_draw_row,
	.match = mine_match,
	.key = mine_key,
	.resize = NULL,
	.done = mine_done,
	.fresh = true,
};
