/* view_model.c: one model (stale sources, versions, aliases, SLOs, contract inputs/outputs, on call, checklist, card, activity): loading it, its keys; view_model_draw.c draws it */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/compare.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/report_text.h"
#include "handoff/rotation.h"
#include "handoff/store_models.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

#include "view_model_internal.h"

const char *const hf_model_card_names[CARD_SECTIONS] = {
	"model details",
	"intended use",
	"factors",
	"metrics",
	"evaluation data",
	"training data",
	"quantitative analyses",
	"ethical considerations",
	"caveats and recommendations",
};

/*
 * The versions marked to compare (v), [0] the older mark: kept while the
 * same model is shown, so the reload after a sync keeps them. There is one
 * model view, so one set (as the models view keeps show_all).
 */
static struct {
	char *model;
	char *version[2];
} marked;

static void marks_clear(void)
{
	HF_FREE(marked.model);
	HF_FREE(marked.version[0]);
	HF_FREE(marked.version[1]);
}

static void unmark(int i)
{
	free(marked.version[i]);
	if (i == 0)
		marked.version[0] = marked.version[1];
	marked.version[1] = NULL;
}

bool hf_model_marked(const char *version)
{
	return (marked.version[0] && !strcmp(marked.version[0], version)) ||
	       (marked.version[1] && !strcmp(marked.version[1], version));
}

/* Another model's marks go; so does the mark of a version no longer registered. */
static void marks_keep(const struct hf_model_report *r)
{
	if (marked.model && strcmp(marked.model, r->name))
		marks_clear();
	for (int i = 1; i >= 0; i--) {
		bool found = false;

		for (size_t k = 0; marked.version[i] && k < r->nversions; k++)
			found = found || !strcmp(r->versions[k].version, marked.version[i]);
		if (marked.version[i] && !found)
			unmark(i);
	}
}

static void add(struct hf_view *v, unsigned flags, enum row_kind kind, size_t index,
		const char *text)
{
	struct model_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->alloc, sizeof(*s->rows));
	s->rows[r] = (struct model_row){kind, index, text};
	s->nrows = r + 1;
}

static enum hf_status load_io(struct model_state *s, struct hf_store *store)
{
	char *in = NULL, *out = NULL;
	enum hf_status rc = hf_store_contract_io(store, s->r.name, &in, &out);

	if (!rc) {
		hf_text_io(in, &s->inputs, &s->ninputs);
		hf_text_io(out, &s->outputs, &s->noutputs);
	}
	free(in);
	free(out);
	return rc;
}

static bool covers(const struct hf_rotation *rot, const char *model)
{
	for (size_t i = 0; i < rot->ncovers; i++)
		if (!strcmp(rot->covers[i], model))
			return true;
	return false;
}

/* A row per rotation covering the model; false when none does. */
static bool add_oncall(struct hf_view *v)
{
	struct model_state *s = v->state;
	bool any = false;

	for (size_t i = 0; s->oc_loaded && i < s->oc.n; i++) {
		if (!covers(s->oc.rows[i].rot, s->r.name))
			continue;
		add(v, 0, ROW_ONCALL, i, NULL);
		any = true;
	}
	return any;
}

/* A model the pod does not name: opening it fetches the runs no sync fetched (the loop does). */
static void runs_to_fetch(struct hf_view *v, struct hf_store *store)
{
	struct model_state *s = v->state;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char **versions = NULL;
	size_t n = 0;

	if (hf_report_runs_to_fetch(store, &s->r, &versions, &n) || !n) {
		hf_error_clear();
		return;
	}
	hf_strbuf_init(&sb);
	for (size_t i = 0; i < n; i++)
		hf_strbuf_addf(&sb, "%sv%s", i ? ", " : "", versions[i]);
	s->fetching = hf_strbuf_detach(&sb);
	hf_strv_free(versions, n);
	free(v->fetch_runs);
	v->fetch_runs = xstrdup(s->r.name);
	add(v, HF_ROW_INERT, ROW_FETCH, 0, NULL);
}

static enum hf_status model_load(struct hf_view *v, struct hf_store *store)
{
	struct model_state *s = v->state;
	enum hf_status rc;

	/* two lines of summary, then two of the selected row in full (title, evidence URL, error) */
	v->head_lines = 4;
	if (!v->arg)
		return hf_error(HF_EINVAL, "no model to show");
	rc = hf_report_model(store, v->arg, &s->r);
	if (rc == HF_ENOTFOUND) {
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    "no such model (any more): it was not in the last sync");
		return HF_OK;
	}
	if (rc)
		return rc;
	s->found = true;
	marks_keep(&s->r);
	if (hf_store_reg_model_get(store, s->r.registry_source,
				   s->r.registry_name ? s->r.registry_name : s->r.name,
				   &s->reg) == HF_OK)
		s->has_reg = true;
	hf_error_clear();
	if ((rc = hf_store_outbox_marks(store, &s->marks)) ||
	    (rc = hf_store_activity_list(store, s->r.name, 0, 30, &s->activity, &s->nactivity)))
		return rc;
	if ((rc = hf_store_reg_alias_history(store,
					     s->r.registry_name ? s->r.registry_name : s->r.name,
					     &s->moves, &s->nmoves)))
		return rc;
	if ((rc = load_io(s, store)))
		return rc;
	/* without the rotations the view only lacks who is on call */
	if (hf_tui_oncall_load(store, &s->oc) == HF_OK)
		s->oc_loaded = true;
	hf_error_clear();
	for (size_t i = 0; i < s->r.nitems; i++) {
		const char *t = s->r.items[i].title ? s->r.items[i].title : s->r.items[i].id;
		int w = hf_width(t);

		if (w > s->title_cols)
			s->title_cols = w;
	}

	if (s->r.nstale) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "STALE DATA (the last sync of a source failed)");
		for (size_t i = 0; i < s->r.nstale; i++) {
			add(v, 0, ROW_STALE, i, NULL);
			add(v, HF_ROW_INERT, ROW_STALE_AGE, i, NULL);
		}
	}

	if (s->has_reg && s->reg.description && *s->reg.description) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "DESCRIPTION");
		add(v, 0, ROW_DESCRIPTION, 0, NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "VERSIONS");
	for (size_t i = 0; i < s->r.nversions; i++)
		add(v, 0, ROW_VERSION, i, NULL);
	runs_to_fetch(v, store);
	if (!s->r.nversions)
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    s->r.in_registry      ? "no versions registered"
		    : s->r.registry_stale ? "not in what the registry last gave: it could not be synced"
					  : "not in the registry");
	if (s->nmoves) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "ALIAS HISTORY (newest first)");
		for (size_t i = s->nmoves; i-- > 0;)
			add(v, 0, ROW_ALIAS_MOVE, i, NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0,
	    s->r.live_met + s->r.live_missed + s->r.live_unknown
		    ? "SLOS (candidate against the contract, then live in production)"
		    : "SLOS (candidate against the contract)");
	for (size_t i = 0; i < s->r.nslos; i++) {
		add(v, 0, ROW_SLO, i, NULL);
		if (s->r.slos[i].live)
			add(v, 0, ROW_LIVE, i, NULL);
	}
	if (!s->r.nslos)
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    s->r.has_contract ? "the contract has no SLOs" : "no contract.json yet");
	if (s->ninputs || s->noutputs) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "CONTRACT (inputs, outputs)");
		for (size_t i = 0; i < s->ninputs; i++)
			add(v, 0, ROW_INPUT, i, NULL);
		for (size_t i = 0; i < s->noutputs; i++)
			add(v, 0, ROW_OUTPUT, i, NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "ON CALL NOW");
	if (!add_oncall(v))
		add(v, HF_ROW_INERT, ROW_TEXT, 0, "no on-call rotation covers it (oncall/*.json covers)");
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "CHECKLIST");
	for (size_t i = 0; i < s->r.nitems; i++)
		add(v, 0, ROW_ITEM, i, NULL);
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "MODEL CARD");
	if (!s->r.has_card)
		add(v, HF_ROW_INERT, ROW_TEXT, 0, "no MODEL_CARD.md");
	for (size_t i = 0; i < CARD_SECTIONS; i++)
		add(v, 0, ROW_CARD, i, NULL);
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "RECENT ACTIVITY");
	for (size_t i = 0; i < s->nactivity; i++)
		add(v, 0, ROW_ACTIVITY, i, NULL);
	if (!s->nactivity)
		add(v, HF_ROW_INERT, ROW_TEXT, 0, "none recorded");
	return HF_OK;
}

static bool model_match(struct hf_view *v, size_t row, const char *needle)
{
	struct model_state *s = v->state;
	const struct model_row *mr = &s->rows[row];
	const struct hf_model_report *r = &s->r;

	switch (mr->kind) {
	case ROW_VERSION:
		return hf_view_contains(r->versions[mr->index].version, needle) ||
		       hf_view_contains(r->versions[mr->index].stage, needle);
	case ROW_SLO:
		return hf_view_contains(r->slos[mr->index].metric, needle) ||
		       hf_view_contains(r->slos[mr->index].result, needle);
	case ROW_LIVE:
		return hf_view_contains("live", needle) ||
		       hf_view_contains(r->slos[mr->index].metric, needle) ||
		       hf_view_contains(r->slos[mr->index].live->result, needle);
	case ROW_ITEM:
		return hf_view_contains(r->items[mr->index].title, needle) ||
		       hf_view_contains(r->items[mr->index].id, needle) ||
		       hf_view_contains(r->items[mr->index].state, needle) ||
		       hf_view_contains(r->items[mr->index].role, needle);
	case ROW_CARD:
		return hf_view_contains(hf_model_card_names[mr->index], needle);
	case ROW_ACTIVITY:
		return hf_view_contains(s->activity[mr->index].summary, needle) ||
		       hf_view_contains(s->activity[mr->index].kind, needle);
	case ROW_DESCRIPTION:
		return hf_view_contains(s->reg.description, needle);
	case ROW_ALIAS_MOVE:
		return hf_view_contains(s->moves[mr->index].alias, needle) ||
		       hf_view_contains(s->moves[mr->index].version, needle);
	case ROW_STALE:
		return hf_view_contains(r->stale[mr->index].source, needle) ||
		       hf_view_contains(r->stale[mr->index].error, needle);
	case ROW_INPUT:
		return hf_view_contains(s->inputs[mr->index], needle);
	case ROW_OUTPUT:
		return hf_view_contains(s->outputs[mr->index], needle);
	case ROW_ONCALL:
		return hf_view_contains(s->oc.rows[mr->index].rot->name, needle) ||
		       (s->oc.rows[mr->index].now_found &&
			hf_view_contains(s->oc.rows[mr->index].now.who, needle));
	default:
		return false;
	}
}

/* v on a version: mark it to compare, or unmark it; two at most, a third drops the older mark. */
static unsigned mark(struct hf_view *v, const struct model_row *mr)
{
	struct model_state *s = v->state;
	const char *ver;

	if (!mr || mr->kind != ROW_VERSION) {
		hf_view_message(v, "select a version first: v marks it to compare");
		return HF_REACT_NONE;
	}
	ver = s->r.versions[mr->index].version;
	for (int i = 0; i < 2; i++) {
		if (marked.version[i] && !strcmp(marked.version[i], ver)) {
			unmark(i);
			hf_view_message(v, "v%s unmarked", ver);
			return HF_REACT_REDRAW;
		}
	}
	if (!marked.model)
		marked.model = xstrdup(s->r.name);
	if (marked.version[1]) {
		hf_view_message(v, "v%s marked, v%s unmarked (two at most): = compares v%s and v%s", ver,
				marked.version[0], marked.version[1], ver);
		unmark(0);
		marked.version[1] = xstrdup(ver);
	} else if (marked.version[0]) {
		marked.version[1] = xstrdup(ver);
		hf_view_message(v, "v%s and v%s marked: = compares them", marked.version[0], ver);
	} else {
		marked.version[0] = xstrdup(ver);
		hf_view_message(v, "v%s marked: = compares it with the champion, or mark another", ver);
	}
	return HF_REACT_REDRAW;
}

/* =: the compare view of the two marked versions, older first; one: with the champion; none: the candidate. */
static unsigned compare(struct hf_view *v)
{
	struct model_state *s = v->state;
	const char *older = marked.version[0], *newer = marked.version[1];
	char *arg;
	unsigned r;

	if (!s->found) {
		hf_view_message(v, "no model to compare the versions of");
		return HF_REACT_NONE;
	}
	if (older && newer && hf_reg_version_cmp(older, newer) > 0) {
		older = marked.version[1];
		newer = marked.version[0];
	}
	arg = hf_view_compare_arg(s->r.name, newer ? older : NULL, newer ? newer : older);
	r = hf_view_open(v, "compare", arg);
	free(arg);
	return r;
}

/* Marking and comparing versions; the write actions on the selected checklist item or version. */
static unsigned model_key(struct hf_view *v, enum hf_action action)
{
	struct model_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct model_row *mr = row == SIZE_MAX || !s->found ? NULL : &s->rows[row];
	struct hf_act a = { 0 };
	char ask[160];

	if (action == HF_ACTION_MARK)
		return mark(v, mr);
	if (action == HF_ACTION_COMPARE)
		return compare(v);
	if (!mr || !hf_action_is_edit(action))
		return HF_REACT_NOT_MINE;
	a.model = xstrdup(s->r.name);
	if (mr->kind == ROW_ITEM) {
		const struct hf_report_item *it = &s->r.items[mr->index];

		a.item = xstrdup(it->id);
		switch (action) {
		case HF_ACTION_TICK:
			a.kind = HF_ACT_TICK;
			snprintf(ask, sizeof(ask), "%s done: evidence link (Enter: none)", it->id);
			return hf_view_act(v, &a, ask, "evidence", it->evidence);
		case HF_ACTION_WAIVE:
			a.kind = HF_ACT_WAIVE;
			snprintf(ask, sizeof(ask), "waive %s: why", it->id);
			return hf_view_act(v, &a, ask, "reason", it->reason);
		case HF_ACTION_REOPEN:
			a.kind = HF_ACT_REOPEN;
			return hf_view_act(v, &a, NULL, NULL, NULL);
		case HF_ACTION_NOTE:
			a.kind = HF_ACT_NOTE;
			snprintf(ask, sizeof(ask), "note on %s (empty: none)", it->id);
			return hf_view_act(v, &a, ask, "note", it->note);
		default:
			break;
		}
	} else if (mr->kind == ROW_VERSION) {
		const char *ver = s->r.versions[mr->index].version;

		a.version = xstrdup(ver);
		if (action == HF_ACTION_PROMOTE) {
			a.kind = HF_ACT_PROMOTE;
			snprintf(ask, sizeof(ask), "promote v%s to the alias", ver);
			return hf_view_act(v, &a, ask, "alias", "champion");
		}
		if (action == HF_ACTION_TAG) {
			a.kind = HF_ACT_TAG_SET;
			snprintf(ask, sizeof(ask), "tag v%s: KEY=VALUE", ver);
			return hf_view_act(v, &a, ask, "kv", NULL);
		}
	}
	hf_act_clear(&a);
	hf_view_message(v, "select a checklist item (x w u n) or a version (P t) first");
	return HF_REACT_NONE;
}

static void model_done(struct hf_view *v)
{
	struct model_state *s = v->state;

	if (s->found)
		hf_model_report_clear(&s->r);
	if (s->has_reg)
		hf_reg_model_clear(&s->reg);
	hf_activity_free(s->activity, s->nactivity);
	hf_reg_alias_moves_free(s->moves, s->nmoves);
	hf_outbox_marks_clear(&s->marks);
	hf_strv_free(s->inputs, s->ninputs);
	hf_strv_free(s->outputs, s->noutputs);
	if (s->oc_loaded)
		hf_tui_oncall_clear(&s->oc);
	free(s->fetching);
	free(s->rows);
}

const struct hf_view_ops hf_view_model = {
	.name = "model",
	.title = "model",
	.state_size = sizeof(struct model_state),
	.load = model_load,
	.draw_head = hf_model_draw_head,
	.draw_row = hf_model_draw_row,
	.match = model_match,
	.key = model_key,
	.resize = NULL,
	.done = model_done,
};
