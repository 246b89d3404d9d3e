/* view_pod.c: the pod screen: pod, on call, sprint, sync age, a row per model, blocked items */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/store_live.h"
#include "handoff/store_pod.h"
#include "handoff/store_registry.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

struct pod_state {
	struct hf_pod pod;
	struct hf_tui_models ms;
	size_t nmodels;
	struct hf_tui_sprint sprint;
	struct hf_tui_oncall oc;
	char sync_age[64];
	bool sync_failed;
	char oncall[160];	  /* "raj (until Mon 09:00, then li)" or "" */
	char oncall_short[64];	  /* "raj, then li" */
	bool empty;		  /* no models and nothing blocked: two lines of help instead */
	bool live;		  /* the pod checks SLOs live: a LIVE column */
	size_t first_blocked_row; /* list rows >= this are blocked sprint items */
	/* registered models no pod file names: this week's, or all of them; one line after the models */
	size_t outside, outside_new;
	size_t outside_row;	  /* the row of that line (SIZE_MAX: none) */
};

#define NEW_REGISTRATIONS_S (7 * 86400)	/* "this week" */

/* Column widths for the terminal width (80 columns is the floor). */
struct pod_cols {
	int name, stage, stage_name, ready, gap, slo, live, cand, owners;
	bool compact; /* "ana→raj" instead of "ana → raj" */
};

static void pod_columns(int cols, bool live, struct pod_cols *c)
{
	if (cols >= 140)
		*c = (struct pod_cols){24, 8, 13, 6, 2, 6, 6, 18, 16, false};
	else if (cols >= 100)
		*c = (struct pod_cols){18, 8, 12, 6, 2, 5, 5, 15, 13, false};
	else
		*c = (struct pod_cols){16, 8, 0, 5, 1, 4, 5, 14, 9, true};
	if (!live)
		c->live = 0;
}

/* How many registered models no pod file names, and how many of them were registered this week. */
static enum hf_status outside_counts(struct hf_store *store, struct pod_state *s)
{
	char **names;
	enum hf_status rc;

	if ((rc = hf_store_reg_outside_pod(store, 0, &names, &s->outside)))
		return rc;
	hf_strv_free(names, s->outside);
	if ((rc = hf_store_reg_outside_pod(store, hf_now() - NEW_REGISTRATIONS_S, &names,
					   &s->outside_new)))
		return rc;
	hf_strv_free(names, s->outside_new);
	return HF_OK;
}

static enum hf_status pod_load(struct hf_view *v, struct hf_store *store)
{
	struct pod_state *s = v->state;
	enum hf_status rc;

	v->head_lines = 2;
	if ((rc = hf_store_pod_get(store, &s->pod)))
		return rc;
	if ((rc = hf_tui_models_load(store, false, &s->ms)))
		return rc;
	s->nmodels = s->ms.n;
	if ((rc = outside_counts(store, s)))
		return rc;
	v->pending = s->ms.n > 0;
	if ((rc = hf_tui_sprint_load(store, &s->sprint)))
		return rc;
	if ((rc = hf_tui_oncall_load(store, &s->oc)))
		return rc;
	hf_tui_oncall_line(&s->oc, s->oncall, sizeof(s->oncall));
	if (s->oc.n && s->oc.rows[0].now_found)
		snprintf(s->oncall_short, sizeof(s->oncall_short), "%s%s%s", s->oc.rows[0].now.who,
			 s->oc.rows[0].next_found ? ", then " : "",
			 s->oc.rows[0].next_found ? s->oc.rows[0].next.who : "");
	if ((rc = hf_tui_sync_age(store, s->sync_age, sizeof(s->sync_age), &s->sync_failed)) ||
	    (rc = hf_store_live_any(store, &s->live)))
		return rc;
	for (size_t i = 0; i < s->nmodels; i++)
		hf_list_add(&v->list, 0);
	s->outside_row = SIZE_MAX;
	if (s->outside) {
		s->outside_row = s->nmodels;
		hf_list_add(&v->list, 0);
	}
	s->first_blocked_row = v->list.n;
	if (s->sprint.found && s->sprint.eval.nblocked) {
		hf_list_add(&v->list, HF_ROW_HEADING);
		for (size_t i = 0; i < s->sprint.eval.nblocked; i++)
			hf_list_add(&v->list, 0);
	} else if (!s->nmodels && !s->outside) {
		/* an empty database: say how to fill it */
		s->empty = true;
		hf_list_add(&v->list, HF_ROW_INERT);
		hf_list_add(&v->list, HF_ROW_INERT);
	}
	return HF_OK;
}

static void pod_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct pod_state *s = v->state;
	struct pod_cols c;
	int age_w;

	if (line == 0) {
		const struct hf_sprint_eval *e = &s->sprint.eval;
		const char *name = s->pod.name ? s->pod.name : "(no pod synced yet)";
		char sprint[128] = "", sprint_short[64] = "";
		const char *oc = s->oncall, *sp = sprint;
		int avail;

		age_w = hf_width(s->sync_age) + 1;
		avail = d->cols - age_w - 2 - hf_width(name);
		if (s->sprint.found) {
			snprintf(sprint, sizeof(sprint), "sprint %s: %g/%g pts, %d day%s left",
				 s->sprint.sprint.id, e->done, e->committed, e->days_left,
				 e->days_left == 1 ? "" : "s");
			snprintf(sprint_short, sizeof(sprint_short), "%g/%g pts, %dd left", e->done,
				 e->committed, e->days_left);
		}
		/* the whole line, else shorter forms, else without the sprint */
		if (3 + 9 + hf_width(oc) + 3 + hf_width(sp) > avail)
			oc = s->oncall_short;
		if (3 + 9 + hf_width(oc) + 3 + hf_width(sp) > avail)
			sp = sprint_short;
		if (3 + 9 + hf_width(oc) + 3 + hf_width(sp) > avail)
			sp = "";
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_TITLE, name, -1);
		if (*oc) {
			hf_draw_space(d, 3);
			hf_draw_text(d, HF_COLOR_DIM, "on call: ", -1);
			hf_draw_text(d, HF_COLOR_PERSON, oc, -1);
		}
		if (*sp && hf_draw_left(d) > age_w + 3 + hf_width(sp)) {
			hf_draw_space(d, 3);
			hf_draw_text(d, HF_COLOR_DEFAULT, sp, -1);
		}
		hf_draw_goto(d, d->cols - age_w);
		hf_draw_text(d, s->sync_failed ? HF_COLOR_ERROR : HF_COLOR_DIM, s->sync_age, -1);
		return;
	}
	pod_columns(d->cols, s->live, &c);
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_HEADER, "MODEL", c.name);
	hf_draw_text(d, HF_COLOR_HEADER, "STAGE", c.stage + c.stage_name);
	hf_draw_right(d, HF_COLOR_HEADER, "READY", c.ready);
	hf_draw_space(d, c.gap);
	hf_draw_text(d, HF_COLOR_HEADER, "SLO", c.slo);
	if (c.live)
		hf_draw_text(d, HF_COLOR_HEADER, "LIVE", c.live);
	hf_draw_text(d, HF_COLOR_HEADER, "CANDIDATE", c.cand);
	hf_draw_text(d, HF_COLOR_HEADER, "OWNERS", c.owners);
	hf_draw_text(d, HF_COLOR_HEADER, "BLOCKING", -1);
}

static void draw_model(struct hf_draw *d, const struct hf_tui_model *r, bool live)
{
	struct pod_cols c;
	char buf[64];

	pod_columns(d->cols, live, &c);
	hf_draw_space(d, 1);
	hf_draw_text(d, HF_COLOR_DEFAULT, r->name, c.name);
	hf_view_draw_stage(d, r->stage_index);
	hf_draw_space(d, 1);
	if (c.stage_name)
		hf_draw_text(d, HF_COLOR_DEFAULT, r->stage, c.stage_name);
	snprintf(buf, sizeof(buf), "%d/%d", r->done, r->required);
	hf_draw_right(d, r->ready ? HF_COLOR_GOOD : HF_COLOR_DEFAULT, buf, c.ready);
	hf_draw_space(d, c.gap);
	hf_view_draw_marks(d, r->marks, c.slo);
	/* production's verdicts, for models that are in production */
	if (c.live)
		hf_view_draw_marks(d, r->serving ? r->live_marks : "", c.live);
	if (r->cand_version) {
		snprintf(buf, sizeof(buf), "v%s", r->cand_version);
		hf_draw_text(d, HF_COLOR_ALIAS, buf, -1);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, r->cand_alias ? r->cand_alias : "",
			     c.cand - (hf_width(buf) + 1));
	} else {
		hf_draw_text(d, HF_COLOR_DIM, "-", c.cand);
	}
	if (r->owner_research || r->owner_engineering) {
		char *owners = xasprintf("%s%s%s", r->owner_research ? r->owner_research : "?",
					 c.compact ? "\xE2\x86\x92" : " \xE2\x86\x92 ",
					 r->owner_engineering ? r->owner_engineering : "?");

		hf_draw_text(d, HF_COLOR_PERSON, owners, c.owners);
		free(owners);
	} else {
		hf_draw_text(d, HF_COLOR_DIM, "-", c.owners);
	}
	if (r->ready)
		hf_draw_text(d, HF_COLOR_GOOD, "ready", -1);
	else if (r->blocker)
		hf_draw_text(d, HF_COLOR_BAD, r->blocker, -1);
}

static void pod_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct pod_state *s = v->state;
	const struct hf_sprint *sp = &s->sprint.sprint;

	if (s->empty) {
		if (s->sync_failed)
			hf_draw_text(d, HF_COLOR_DIM,
				     row == 0 ? "   No models yet: the last sync failed (the log, 7, says "
						"why);"
					      : "   r tries again",
				     -1);
		else if (strcmp(s->sync_age, "never synced"))
			/* synced, yet empty: the pod repository has no model folder */
			hf_draw_text(d, HF_COLOR_DIM,
				     row == 0 ? "   No models yet: a model is a folder models/NAME/ with "
						"a contract.json in the pod repository"
					      : "   ('handoff help pod'); commit it and press r",
				     -1);
		else
			hf_draw_text(d, HF_COLOR_DIM,
				     row == 0 ? "   No models yet: add a [source] to the configuration "
						"and press r,"
					      : "   or try the built-in demo pod: handoff --demo",
				     -1);
	} else if (row < s->nmodels) {
		hf_tui_models_eval(&s->ms, row);
		/* a row found to be a duplicate is hidden by the next step */
		if (s->ms.changed)
			v->pending = true;
		draw_model(d, &s->ms.m[row], s->live);
	} else if (row == s->outside_row) {
		if (s->outside_new)
			hf_draw_textf(d, HF_COLOR_DIM, -1, " %zu new registration%s this week, not in the pod"
				      " (a: list them)", s->outside_new, s->outside_new == 1 ? "" : "s");
		else
			hf_draw_textf(d, HF_COLOR_DIM, -1, " %zu registered model%s not in the pod (a: list "
				      "%s)", s->outside, s->outside == 1 ? "" : "s",
				      s->outside == 1 ? "it" : "them");
	} else if (row == s->first_blocked_row) {
		hf_draw_textf(d, HF_COLOR_SECTION, -1, " BLOCKED IN SPRINT %s", sp->id);
	} else {
		const struct hf_sprint_item *it =
			&sp->items[s->sprint.eval.blocked[row - s->first_blocked_row - 1]];

		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, it->id, 6);
		hf_draw_text(d, HF_COLOR_DEFAULT, it->title, d->cols >= 100 ? 40 : 30);
		hf_draw_text(d, HF_COLOR_PERSON, it->owner ? it->owner : "-", 6);
		hf_draw_text(d, HF_COLOR_DEFAULT, it->model ? it->model : "", 16);
		if (it->blocked_by) {
			hf_draw_text(d, HF_COLOR_BAD, "by ", -1);
			hf_draw_text(d, HF_COLOR_BAD, it->blocked_by, -1);
		}
	}
}

static bool pod_match(struct hf_view *v, size_t row, const char *needle)
{
	struct pod_state *s = v->state;

	if (row < s->nmodels) {
		const struct hf_tui_model *m = &s->ms.m[row];

		/* until it is evaluated, a row is known by its name only */
		return hf_view_contains(m->name, needle) || hf_view_contains(m->stage, needle) ||
		       hf_view_contains(m->owner_research, needle) ||
		       hf_view_contains(m->owner_engineering, needle) ||
		       hf_view_contains(m->cand_alias, needle) ||
		       hf_view_contains(m->blocker, needle);
	}
	if (row > s->first_blocked_row) {
		const struct hf_sprint_item *it =
			&s->sprint.sprint
				 .items[s->sprint.eval.blocked[row - s->first_blocked_row - 1]];

		return hf_view_contains(it->id, needle) || hf_view_contains(it->title, needle) ||
		       hf_view_contains(it->owner, needle) || hf_view_contains(it->model, needle);
	}
	return false;
}

static unsigned pod_key(struct hf_view *v, enum hf_action action)
{
	struct pod_state *s = v->state;
	size_t row = hf_list_selected(&v->list);

	if (action != HF_ACTION_ENTER || row == SIZE_MAX)
		return HF_REACT_NOT_MINE;
	if (row < s->nmodels)
		return hf_view_open(v, "model", s->ms.m[row].name);
	if (row == s->outside_row)
		return hf_view_open(v, "models", "all");
	if (row > s->first_blocked_row) {
		const struct hf_sprint_item *it =
			&s->sprint.sprint
				 .items[s->sprint.eval.blocked[row - s->first_blocked_row - 1]];

		if (it->model)
			return hf_view_open(v, "model", it->model);
		return hf_view_open(v, "sprint", NULL);
	}
	return HF_REACT_NONE;
}

static bool pod_step(struct hf_view *v, int budget_ms)
{
	struct pod_state *s = v->state;
	bool more = hf_tui_models_step(&s->ms, budget_ms);

	if (s->ms.changed) {
		for (size_t i = 0; i < s->ms.n; i++)
			if (s->ms.m[i].hidden)
				hf_list_set_flags(&v->list, i, HF_ROW_HIDDEN);
		s->ms.changed = false;
	}
	return more;
}

static void pod_done(struct hf_view *v)
{
	struct pod_state *s = v->state;

	hf_pod_clear(&s->pod);
	hf_tui_models_clear(&s->ms);
	hf_tui_sprint_clear(&s->sprint);
	hf_tui_oncall_clear(&s->oc);
}

const struct hf_view_ops hf_view_pod = {
	.name = "pod",
	.title = "pod",
	.state_size = sizeof(struct pod_state),
	.load = pod_load,
	.draw_head = pod_draw_head,
	.draw_row = pod_draw_row,
	.match = pod_match,
	.key = pod_key,
	.step = pod_step,
	.resize = NULL,
	.done = pod_done,
};
