/* view_readiness.c: every open readiness item of the pod, by owner or by role (o) */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/report.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

/* One open item: a blocker of one model, copied out of its report. */
struct open_item {
	const char *model; /* borrowed from the names */
	char *item, *title, *owner, *role, *reason;
	const char *group; /* owner or role (borrowed from the fields above) */
	size_t seq;	   /* order of arrival: models by name, blockers in report order */
};

struct readiness_state {
	struct hf_tui_models names; /* the models, in order; evaluated here, not summarised */
	size_t next;		    /* models before this one are in items */
	struct open_item *items;
	size_t nitems, alloc_items;
	size_t *row_item; /* per list row: index into items, or HEADING(i) for item i's group */
	char **claimed;	  /* registry names a pod model's contract maps to itself */
	size_t nclaimed, alloc_claimed;
	size_t alloc_rows;
	bool by_role;
	struct hf_outbox_marks marks; /* what actions waiting in the outbox touch */
};

#define HEADING_FLAG ((size_t)1 << (sizeof(size_t) * 8 - 1))

/* The grouping survives reloads (the state is zeroed), so it is kept here. */
static bool group_by_role;

static int cmp_items(const void *a, const void *b)
{
	const struct open_item *x = a, *y = b;
	int c = strcmp(x->group, y->group);

	if (!c)
		c = strcmp(x->model, y->model);
	if (!c)
		c = x->seq < y->seq ? -1 : x->seq > y->seq;
	return c;
}

static void add_row(struct hf_view *v, unsigned flags, size_t item)
{
	struct readiness_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->row_item = xgrow(s->row_item, r + 1, &s->alloc_rows, sizeof(*s->row_item));
	s->row_item[r] = item;
}

static bool is_claimed(const struct readiness_state *s, const char *model)
{
	for (size_t i = 0; i < s->nclaimed; i++)
		if (!strcmp(s->claimed[i], model))
			return true;
	return false;
}

/* Lay the items out again: sorted by group, a heading before each group. */
static void build_rows(struct hf_view *v)
{
	struct readiness_state *s = v->state;
	const char *group = NULL;

	if (s->nitems > 1)
		qsort(s->items, s->nitems, sizeof(*s->items), cmp_items);
	hf_list_reset(&v->list);
	for (size_t i = 0; i < s->nitems; i++) {
		/* a registry entry that a pod model claims is that model, not another */
		if (s->nclaimed && is_claimed(s, s->items[i].model))
			continue;
		if (!group || strcmp(s->items[i].group, group))
			add_row(v, HF_ROW_HEADING, HEADING_FLAG | i);
		group = s->items[i].group;
		add_row(v, 0, i);
	}
}

static void take_blockers(struct readiness_state *s, const char *model)
{
	struct hf_model_report r;

	if (hf_report_session_model(s->names.reports, model, &r)) {
		hf_error_clear();
		return;
	}
	if (r.has_pod_files && r.registry_name && strcmp(r.registry_name, r.name)) {
		s->claimed =
			xgrow(s->claimed, s->nclaimed + 1, &s->alloc_claimed, sizeof(*s->claimed));
		s->claimed[s->nclaimed++] = xstrdup(r.registry_name);
	}
	for (size_t j = 0; j < r.nblockers; j++) {
		const struct hf_blocker *b = &r.blockers[j];
		struct open_item *it;

		s->items = xgrow(s->items, s->nitems + 1, &s->alloc_items, sizeof(*s->items));
		it = &s->items[s->nitems++];
		it->model = model;
		it->seq = s->nitems - 1;
		it->item = xstrdup(b->item);
		it->title = xstrdup(b->title);
		it->owner = xstrdup(b->owner);
		it->role = xstrdup(b->role);
		it->reason = xstrdup(b->reason);
		it->group = s->by_role ? (it->role ? it->role : "(no role)")
				       : (it->owner ? it->owner : "(no owner)");
	}
	hf_model_report_clear(&r);
}

static bool readiness_step(struct hf_view *v, int budget_ms)
{
	struct readiness_state *s = v->state;
	int64_t until = hf_mono_ms() + budget_ms;

	while (s->next < s->names.n) {
		take_blockers(s, s->names.m[s->next++].name);
		if (hf_mono_ms() >= until)
			break;
	}
	build_rows(v);
	return s->next < s->names.n;
}

static enum hf_status readiness_load(struct hf_view *v, struct hf_store *store)
{
	struct readiness_state *s = v->state;
	enum hf_status rc = hf_tui_models_load(store, false, &s->names);

	if (rc || (rc = hf_store_outbox_marks(store, &s->marks)))
		return rc;
	v->head_lines = 2;
	s->by_role = group_by_role;
	/* a first slice now, so a small pod is complete at once; the rest in the background */
	v->pending = readiness_step(v, 30);
	return HF_OK;
}

static void readiness_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct readiness_state *s = v->state;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Readiness", -1);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu open items by %s   o: group by %s",
			      s->nitems, s->by_role ? "role" : "owner",
			      s->by_role ? "owner" : "role");
		if (s->next < s->names.n)
			hf_draw_textf(d, HF_COLOR_DIM, -1, "   (%zu of %zu model%s read)", s->next,
				      s->names.n, s->names.n == 1 ? "" : "s");
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

	if (i & HEADING_FLAG) {
		it = &s->items[i & ~HEADING_FLAG];
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, it->group, -1);
		return;
	}
	it = &s->items[i];
	hf_draw_space(d, 3);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->model, 17);
	hf_draw_text(d, HF_COLOR_DEFAULT, it->title ? it->title : it->item,
		     d->cols >= 120 ? 50 : 28);
	if (s->by_role)
		hf_draw_text(d, HF_COLOR_PERSON, it->owner ? it->owner : "-", 12);
	else
		hf_draw_text(d, HF_COLOR_DIM, it->role ? it->role : "-", 12);
	hf_draw_text(d, HF_COLOR_BAD, it->reason ? it->reason : "", -1);
	if (hf_outbox_marked(&s->marks, it->model, it->item))
		hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
}

static bool readiness_match(struct hf_view *v, size_t row, const char *needle)
{
	struct readiness_state *s = v->state;
	size_t i = s->row_item[row];
	const struct open_item *it;

	if (i & HEADING_FLAG)
		return false;
	it = &s->items[i];
	return hf_view_contains(it->model, needle) || hf_view_contains(it->title, needle) ||
	       hf_view_contains(it->item, needle) || hf_view_contains(it->owner, needle) ||
	       hf_view_contains(it->role, needle) || hf_view_contains(it->reason, needle);
}

static unsigned readiness_key(struct hf_view *v, enum hf_action action)
{
	struct readiness_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action == HF_ACTION_GROUP) {
		group_by_role = !group_by_role;
		return HF_REACT_RELOAD;
	}
	if (row == SIZE_MAX || (s->row_item[row] & HEADING_FLAG))
		return HF_REACT_NOT_MINE;
	if (action == HF_ACTION_ENTER)
		return hf_view_open(v, "model", s->items[s->row_item[row]].model);
	if (action == HF_ACTION_TICK || action == HF_ACTION_WAIVE || action == HF_ACTION_NOTE) {
		const struct open_item *it = &s->items[s->row_item[row]];
		struct hf_act a = { 0 };
		char ask[160];

		a.model = xstrdup(it->model);
		a.item = xstrdup(it->item);
		a.kind = action == HF_ACTION_TICK ? HF_ACT_TICK
			 : action == HF_ACTION_WAIVE ? HF_ACT_WAIVE : HF_ACT_NOTE;
		snprintf(ask, sizeof(ask), action == HF_ACTION_TICK ? "%s done: evidence link (Enter: none)"
					   : action == HF_ACTION_WAIVE ? "waive %s: why"
					   : "note on %s (empty: none)", it->item);
		return hf_view_act(v, &a, ask, action == HF_ACTION_TICK ? "evidence"
					      : action == HF_ACTION_WAIVE ? "reason" : "note", NULL);
	}
	return HF_REACT_NOT_MINE;
}

static void readiness_done(struct hf_view *v)
{
	struct readiness_state *s = v->state;

	for (size_t i = 0; i < s->nitems; i++) {
		free(s->items[i].item);
		free(s->items[i].title);
		free(s->items[i].owner);
		free(s->items[i].role);
		free(s->items[i].reason);
	}
	free(s->items);
	free(s->row_item);
	hf_strv_free(s->claimed, s->nclaimed);
	hf_tui_models_clear(&s->names);
	hf_outbox_marks_clear(&s->marks);
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
	.step = readiness_step,
	.resize = NULL,
	.done = readiness_done,
};
