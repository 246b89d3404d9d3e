/* view_models.c: every model with stage, readiness, SLO counts, candidate, owners */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/report_text.h"
#include "handoff/store_live.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

struct models_state {
	struct hf_tui_models ms;
	bool live; /* the pod checks SLOs live: a LIVE column */
};

enum sort_key { SORT_NAME, SORT_STAGE, SORT_READY, SORT_BLOCKERS, SORT_MISSED, SORT__COUNT };
static const char *const sort_names[SORT__COUNT] = {
	"name", "stage", "readiness", "blockers", "missed SLOs",
};
/* The order and the choice of models survive reloads (the state is zeroed), so they are kept here. */
static enum sort_key sort_key;
static bool show_all;	/* also registered models no pod file names (a) */

/* Further along first; rows not evaluated yet last, by name. */
static int cmp_models(void *data, size_t a, size_t b)
{
	const struct hf_tui_models *ms = data;
	const struct hf_tui_model *x = &ms->m[a], *y = &ms->m[b];
	double fx, fy;

	if (x->evaluated != y->evaluated)
		return x->evaluated ? -1 : 1;
	if (!x->evaluated)
		return 0;
	switch (sort_key) {
	case SORT_STAGE:
		return y->stage_index - x->stage_index;
	case SORT_READY:
		fx = x->required ? (double)x->done / x->required : 0;
		fy = y->required ? (double)y->done / y->required : 0;
		return fx < fy ? 1 : fx > fy ? -1 : 0;
	case SORT_BLOCKERS:
		return x->nblockers < y->nblockers ? 1 : x->nblockers > y->nblockers ? -1 : 0;
	case SORT_MISSED:
		return y->slo_missed - x->slo_missed;
	default:
		return 0;
	}
}

static void models_sort(struct hf_view *v)
{
	struct models_state *s = v->state;

	hf_list_sort(&v->list, sort_key == SORT_NAME ? NULL : cmp_models, &s->ms);
}

static enum hf_status models_load(struct hf_view *v, struct hf_store *store)
{
	struct models_state *s = v->state;
	enum hf_status rc;

	/* opened from the pod screen's line about them */
	if (v->arg && !strcmp(v->arg, "all")) {
		show_all = true;
		HF_FREE(v->arg);
	}
	rc = hf_tui_models_load(store, show_all, &s->ms);

	if (rc || (rc = hf_store_live_any(store, &s->live)))
		return rc;
	v->head_lines = 2;
	v->pending = s->ms.n > 0;
	for (size_t i = 0; i < s->ms.n; i++)
		hf_list_add(&v->list, 0);
	models_sort(v);
	return HF_OK;
}

static int name_width(int cols)
{
	return cols >= 140 ? 28 : cols >= 100 ? 22 : 17;
}

static void models_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct models_state *s = v->state;
	int wide = d->cols >= 100;

	if (line == 0) {
		hf_draw_text(d, HF_COLOR_TITLE, " Models", -1);
		if (s->ms.next < s->ms.n)
			hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu model%s, evaluating %zu%%",
				      s->ms.n, s->ms.n == 1 ? "" : "s", s->ms.next * 100 / s->ms.n);
		else
			hf_draw_textf(d, HF_COLOR_DIM, -1, "   %zu model%s, %zu ready", s->ms.n,
				      s->ms.n == 1 ? "" : "s", s->ms.nready);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   by %s (s sorts)", sort_names[sort_key]);
		return;
	}
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_HEADER, "MODEL", name_width(d->cols));
	hf_draw_text(d, HF_COLOR_HEADER, "STAGE", 13);
	hf_draw_right(d, HF_COLOR_HEADER, "READY", 6);
	/* the rubric score of the weakest category: how much of it is shown by evidence */
	hf_draw_right(d, HF_COLOR_HEADER, "EVIDENCE", 9);
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_HEADER, "SLO \xE2\x9C\x93/\xE2\x9C\x97/?", 10);
	if (s->live)
		hf_draw_text(d, HF_COLOR_HEADER, "LIVE", 5);
	hf_draw_text(d, HF_COLOR_HEADER, "CANDIDATE", 15);
	if (wide) {
		hf_draw_text(d, HF_COLOR_HEADER, "RESEARCH", 10);
		hf_draw_text(d, HF_COLOR_HEADER, "ENGINEERING", 12);
		hf_draw_text(d, HF_COLOR_HEADER, "OPEN", -1);
	} else {
		hf_draw_text(d, HF_COLOR_HEADER, "OPEN", -1);
	}
}

static void models_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct models_state *s = v->state;
	const struct hf_tui_model *r;
	char buf[64];

	hf_tui_models_eval(&s->ms, row);
	/* a row found to be a duplicate is hidden by the next step */
	if (s->ms.changed)
		v->pending = true;
	r = &s->ms.m[row];
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_DEFAULT, r->name, name_width(d->cols));
	hf_draw_text(d, HF_COLOR_DEFAULT, r->stage, 13);
	snprintf(buf, sizeof(buf), "%d/%d", r->done, r->required);
	hf_draw_right(d, r->ready ? HF_COLOR_GOOD : HF_COLOR_DEFAULT, buf, 6);
	hf_text_share(r->score, buf, sizeof(buf));
	hf_draw_right(d, HF_COLOR_DEFAULT, buf, 9);
	hf_draw_space(d, 1);
	hf_draw_textf(d, HF_COLOR_GOOD, -1, "%d", r->slo_met);
	hf_draw_text(d, HF_COLOR_DIM, "/", -1);
	hf_draw_textf(d, r->slo_missed ? HF_COLOR_BAD : HF_COLOR_DEFAULT, -1, "%d", r->slo_missed);
	hf_draw_text(d, HF_COLOR_DIM, "/", -1);
	hf_draw_textf(d, r->slo_unknown ? HF_COLOR_UNKNOWN : HF_COLOR_DEFAULT, -1, "%d",
		      r->slo_unknown);
	hf_draw_goto(d, 1 + name_width(d->cols) + 13 + 6 + 9 + 1 + 10);
	/* production's verdicts, for models in production */
	if (s->live)
		hf_view_draw_marks(d, r->serving ? r->live_marks : "", 5);
	if (r->cand_version)
		snprintf(buf, sizeof(buf), "v%s %s", r->cand_version,
			 r->cand_alias ? r->cand_alias : "");
	else
		snprintf(buf, sizeof(buf), "-");
	hf_draw_text(d, HF_COLOR_ALIAS, buf, 15);
	if (d->cols >= 100) {
		hf_draw_text(d, HF_COLOR_PERSON, r->owner_research ? r->owner_research : "-", 10);
		hf_draw_text(d, HF_COLOR_PERSON, r->owner_engineering ? r->owner_engineering : "-",
			     12);
	}
	if (r->ready)
		hf_draw_text(d, HF_COLOR_GOOD, "none", -1);
	else
		hf_draw_textf(d, r->nblockers ? HF_COLOR_BAD : HF_COLOR_DEFAULT, -1, "%zu",
			      r->nblockers);
}

static bool models_match(struct hf_view *v, size_t row, const char *needle)
{
	struct models_state *s = v->state;
	const struct hf_tui_model *r = &s->ms.m[row];

	return hf_view_contains(r->name, needle) || hf_view_contains(r->stage, needle) ||
	       hf_view_contains(r->owner_research, needle) ||
	       hf_view_contains(r->owner_engineering, needle) ||
	       hf_view_contains(r->cand_alias, needle);
}

static unsigned models_key(struct hf_view *v, enum hf_action action)
{
	struct models_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action == HF_ACTION_MODELS_ALL) {
		show_all = !show_all;
		hf_view_message(v, show_all ? "every model, the registry's too (a: the pod's only)"
					    : "the pod's models (a: the registry's too)");
		return HF_REACT_RELOAD;
	}
	if (action == HF_ACTION_SORT) {
		/* rows still being read sort last and move up as they come in (models_step) */
		sort_key = (sort_key + 1) % SORT__COUNT;
		models_sort(v);
		hf_list_apply(&v->list);
		hf_list_first(&v->list);
		return HF_REACT_REDRAW;
	}
	if (action != HF_ACTION_ENTER || row == SIZE_MAX)
		return HF_REACT_NOT_MINE;
	return hf_view_open(v, "model", s->ms.m[row].name);
}

static void models_done(struct hf_view *v)
{
	struct models_state *s = v->state;

	hf_tui_models_clear(&s->ms);
}

static bool models_step(struct hf_view *v, int budget_ms)
{
	struct models_state *s = v->state;
	bool more = hf_tui_models_step(&s->ms, budget_ms);

	/* rows evaluated in this slice take their place */
	if (sort_key != SORT_NAME)
		models_sort(v);
	if (s->ms.changed) {
		for (size_t i = 0; i < s->ms.n; i++)
			if (s->ms.m[i].hidden)
				hf_list_set_flags(&v->list, i, HF_ROW_HIDDEN);
		s->ms.changed = false;
	}
	return more;
}

const struct hf_view_ops hf_view_models = {
	.name = "models",
	.title = "models",
	.state_size = sizeof(struct models_state),
	.load = models_load,
	.draw_head = models_draw_head,
	.draw_row = models_draw_row,
	.match = models_match,
	.key = models_key,
	.step = models_step,
	.resize = NULL,
	.done = models_done,
};
