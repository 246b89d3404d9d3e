/* view_readiness.c: every open readiness item across the pod, grouped by owner or by role (o toggles) */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/report.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

struct open_item {
	const struct hf_model_report *model;
	const struct hf_blocker *b;
	const char *group;	/* owner or role; "(nobody)" when none */
};

struct readiness_state {
	struct hf_model_report *models;
	size_t nmodels;
	struct open_item *items;
	size_t nitems;
	size_t *row_item;	/* per list row: index into items, SIZE_MAX for a heading */
	size_t nrows, alloc;
	bool by_role;
};

/* The grouping survives reloads (the state is zeroed), so it is kept here. */
static bool group_by_role;

static int cmp_items(const void *a, const void *b)
{
	const struct open_item *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	if (!c)
		c = strcmp(x->model->name, y->model->name);
	return c;
}

static void add_row(struct hf_view *v, unsigned flags, size_t item)
{
	struct readiness_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->row_item = xgrow(s->row_item, r + 1, &s->alloc, sizeof(*s->row_item));
	s->row_item[r] = item;
	s->nrows = r + 1;
}

static enum hf_status readiness_load(struct hf_view *v, struct hf_store *store)
{
	struct readiness_state *s = v->state;
	enum hf_status rc = hf_report_models(store, &s->models, &s->nmodels);
	size_t n = 0;

	if (rc)
		return rc;
	v->head_lines = 2;
	s->by_role = group_by_role;
	for (size_t i = 0; i < s->nmodels; i++)
		n += s->models[i].nblockers;
	s->items = xcalloc(n ? n : 1, sizeof(*s->items));
	for (size_t i = 0; i < s->nmodels; i++) {
		for (size_t j = 0; j < s->models[i].nblockers; j++) {
			struct open_item *it = &s->items[s->nitems++];
			const struct hf_blocker *b = &s->models[i].blockers[j];

			it->model = &s->models[i];
			it->b = b;
			it->group = s->by_role ? (b->role ? b->role : "(no role)") :
					       (b->owner ? b->owner : "(no owner)");
		}
	}
	qsort(s->items, s->nitems, sizeof(*s->items), cmp_items);
	for (size_t i = 0; i < s->nitems; i++) {
		if (!i || strcmp(s->items[i].group, s->items[i - 1].group))
			add_row(v, HF_ROW_HEADING, SIZE_MAX - 1 - i);
		add_row(v, 0, i);
	}
	return HF_OK;
}

static void readiness_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct readiness_state *s = v->state;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Readiness", -1);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu open items by %s   o: group by %s", s->nitems,
			      s->by_role ? "role" : "owner", s->by_role ? "owner" : "role");
		return;
	}
	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_HEADER, "MODEL", 17);
	hf_draw_text(d, HF_COLOR_HEADER, "ITEM", d->cols >= 120 ? 50 : 28);
	hf_draw_text(d, HF_COLOR_HEADER, s->by_role ? "OWNER" : "ROLE", 12);
	hf_draw_text(d, HF_COLOR_HEADER, "WHY", -1);
}

static void readiness_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct readiness_state *s = v->state;
	size_t i = s->row_item[row];
	const struct open_item *it;

	if (i >= SIZE_MAX - s->nitems - 1) {
		it = &s->items[SIZE_MAX - 1 - i];
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, it->group, -1);
		return;
	}
	it = &s->items[i];
	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->model->name, 17);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->b->title ? it->b->title : it->b->item,
		     d->cols >= 120 ? 50 : 28);
	if (s->by_role)
		hf_draw_text(d, HF_COLOR_PERSON, it->b->owner ? it->b->owner : "-", 12);
	else
		hf_draw_text(d, HF_COLOR_DIM, it->b->role ? it->b->role : "-", 12);
	hf_draw_text(d, HF_COLOR_BAD, it->b->reason ? it->b->reason : "", -1);
}

static bool readiness_match(struct hf_view *v, size_t row, const char *needle)
{
	struct readiness_state *s = v->state;
	size_t i = s->row_item[row];
	const struct open_item *it;

	if (i >= s->nitems)
		return false;
	it = &s->items[i];
	return hf_view_contains(it->model->name, needle) || hf_view_contains(it->b->title, needle) ||
	       hf_view_contains(it->b->item, needle) || hf_view_contains(it->b->owner, needle) ||
	       hf_view_contains(it->b->role, needle) || hf_view_contains(it->b->reason, needle);
}

static unsigned readiness_key(struct hf_view *v, enum hf_action action)
{
	struct readiness_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action == HF_ACTION_GROUP) {
		group_by_role = !group_by_role;
		return HF_REACT_RELOAD;
	}
	if (action == HF_ACTION_ENTER && row != SIZE_MAX && s->row_item[row] < s->nitems)
		return hf_view_open(v, "model", s->items[s->row_item[row]].model->name);
	return HF_REACT_NOT_MINE;
}

static void readiness_done(struct hf_view *v)
{
	struct readiness_state *s = v->state;

	hf_model_reports_free(s->models, s->nmodels);
	free(s->items);
	free(s->row_item);
}

const struct hf_view_ops hf_view_readiness = {
	.name = "readiness",
	.title = "readiness",
	.state_size = sizeof(struct readiness_state),
	.load = readiness_load,
	.draw_head = readiness_draw_head,
	.draw_row = readiness_draw_row,
	.match = readiness_match,
	.key = readiness_key,
	.resize = NULL,
	.done = readiness_done,
};
