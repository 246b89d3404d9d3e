/* view_model.c: one model: versions, aliases, SLOs, checklist, card sections, activity */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#define CARD_SECTIONS 9

enum row_kind {
	ROW_HEADING,
	ROW_TEXT,
	ROW_DESCRIPTION,
	ROW_VERSION,
	ROW_SLO,
	ROW_LIVE,
	ROW_ITEM,
	ROW_CARD,
	ROW_ACTIVITY,
	ROW_ALIAS_MOVE,
};

struct model_row {
	enum row_kind kind;
	size_t index;
	const char *text; /* headings and plain lines (static) */
};

struct model_state {
	bool found;
	struct hf_model_report r;
	bool has_reg;
	struct hf_reg_model reg;
	struct hf_activity *activity;
	size_t nactivity;
	struct hf_reg_alias_move *moves;
	size_t nmoves;
	struct model_row *rows;
	size_t nrows, alloc;
	struct hf_outbox_marks marks; /* what actions waiting in the outbox touch */
};

static const char *const card_names[CARD_SECTIONS] = {
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

static void add(struct hf_view *v, unsigned flags, enum row_kind kind, size_t index,
		const char *text)
{
	struct model_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->alloc, sizeof(*s->rows));
	s->rows[r] = (struct model_row){kind, index, text};
	s->nrows = r + 1;
}

static bool in_list(char **list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static enum hf_status model_load(struct hf_view *v, struct hf_store *store)
{
	struct model_state *s = v->state;
	enum hf_status rc;

	v->head_lines = 2;
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

	if (s->has_reg && s->reg.description && *s->reg.description) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "DESCRIPTION");
		add(v, 0, ROW_DESCRIPTION, 0, NULL);
	}
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "VERSIONS");
	for (size_t i = 0; i < s->r.nversions; i++)
		add(v, 0, ROW_VERSION, i, NULL);
	if (!s->r.nversions)
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    s->r.in_registry ? "no versions registered" : "not in the registry");
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

static void model_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct model_state *s = v->state;
	const struct hf_model_report *r = &s->r;

	if (!s->found) {
		if (line == 0) {
			hf_draw_space(d, 1);
			hf_draw_text(d, HF_COLOR_TITLE, v->arg, -1);
		}
		return;
	}
	if (line == 0) {
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_TITLE, r->name, -1);
		hf_draw_space(d, 2);
		hf_view_draw_stage(d, r->stage_index);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DEFAULT, r->stage, -1);
		hf_draw_space(d, 2);
		hf_draw_textf(d, r->ready ? HF_COLOR_GOOD : HF_COLOR_BAD, -1, "%s %d/%d",
			      r->ready ? "ready" : "not ready", r->done, r->required);
		hf_draw_space(d, 2);
		hf_draw_text(d, HF_COLOR_PERSON, r->owner_research ? r->owner_research : "?", -1);
		hf_draw_text(d, HF_COLOR_DIM, " \xE2\x86\x92 ", -1);
		hf_draw_text(d, HF_COLOR_PERSON, r->owner_engineering ? r->owner_engineering : "?",
			     -1);
		return;
	}
	hf_draw_space(d, 1);
	if (r->candidate_version) {
		hf_draw_text(d, HF_COLOR_DIM, "candidate ", -1);
		hf_draw_textf(d, HF_COLOR_ALIAS, -1, "v%s", r->candidate_version);
		if (r->candidate_alias) {
			hf_draw_text(d, HF_COLOR_DIM, " (", -1);
			hf_draw_text(d, HF_COLOR_ALIAS, r->candidate_alias, -1);
			hf_draw_text(d, HF_COLOR_DIM, ")", -1);
		}
	} else {
		hf_draw_text(d, HF_COLOR_DIM, "no candidate version", -1);
	}
	{
		/* the score is its weakest category's: name it, so the figure explains itself */
		const struct hf_category_score *weak = NULL;

		for (size_t i = 0; i < r->ncategories; i++)
			if (r->categories[i].items &&
			    (!weak || r->categories[i].score < weak->score))
				weak = &r->categories[i];
		hf_draw_textf(d, HF_COLOR_DIM, -1, "   evidence %.0f%%", r->score * 100);
		if (weak)
			hf_draw_textf(d, HF_COLOR_DIM, -1, " (weakest: %s)", weak->category);
		hf_draw_space(d, 3);
	}
	hf_draw_textf(d, HF_COLOR_DIM, -1, "%zu blocker%s", r->nblockers,
		      r->nblockers == 1 ? "" : "s");
	if (r->contract_error) {
		hf_draw_text(d, HF_COLOR_ERROR, "   contract: ", -1);
		hf_draw_text(d, HF_COLOR_ERROR, r->contract_error, -1);
	}
}

static const struct hf_reg_version *reg_version(struct model_state *s, const char *version)
{
	return s->has_reg ? hf_reg_model_version(&s->reg, version) : NULL;
}

/* An alias or tag action on this version waits in the outbox ("alias:NAME=V", "tag:V:KEY"). */
static bool version_pending(const struct model_state *s, const char *version)
{
	const char *name = s->r.registry_name ? s->r.registry_name : s->r.name;
	size_t vl = strlen(version);

	for (size_t i = 0; i < s->marks.n; i++) {
		const char *t = s->marks.target[i], *eq;

		if (!t || !s->marks.scope[i] || strcmp(s->marks.scope[i], name) != 0)
			continue;
		if (!strncmp(t, "alias:", 6) && (eq = strrchr(t, '=')) && !strcmp(eq + 1, version))
			return true;
		if (!strncmp(t, "tag:", 4) && !strncmp(t + 4, version, vl) && t[4 + vl] == ':')
			return true;
	}
	return false;
}

static void draw_version(struct model_state *s, struct hf_draw *d,
			 const struct hf_report_version *rv)
{
	const struct hf_reg_version *v = reg_version(s, rv->version);
	struct hf_strbuf aliases = HF_STRBUF_INIT;
	char when[16] = "";

	hf_strbuf_init(&aliases);
	for (size_t i = 0; i < rv->naliases; i++)
		hf_strbuf_addf(&aliases, "%s%s", i ? "," : "", rv->aliases[i]);
	hf_draw_text(d, rv->candidate ? HF_COLOR_ALIAS : HF_COLOR_DIM,
		     rv->candidate ? " \xE2\x96\xB8 " : "   ", -1);
	hf_draw_textf(d, HF_COLOR_ALIAS, 6, "v%s", rv->version);
	hf_draw_text(d, HF_COLOR_ALIAS, aliases.buf, 20);
	hf_draw_text(d, HF_COLOR_DEFAULT, rv->stage ? rv->stage : "-", 11);
	if (rv->created)
		hf_date_format(rv->created, when, sizeof(when));
	hf_draw_text(d, HF_COLOR_DIM, when, 11);
	for (size_t i = 0; v && i < v->nmetrics && hf_draw_left(d) > 4; i++) {
		hf_draw_text(d, HF_COLOR_DIM, v->metrics[i].key, -1);
		hf_draw_textf(d, HF_COLOR_DEFAULT, -1, " %g  ", v->metrics[i].value);
	}
	if (v && v->description && *v->description && hf_draw_left(d) > 4) {
		hf_draw_text(d, HF_COLOR_DIM, "\xE2\x80\x94 ", -1);
		hf_draw_text(d, HF_COLOR_DEFAULT, v->description, -1);
	}
	if (version_pending(s, rv->version))
		hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
	hf_strbuf_release(&aliases);
}

static void model_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct model_state *s = v->state;
	const struct model_row *mr = &s->rows[row];
	const struct hf_model_report *r = &s->r;

	switch (mr->kind) {
	case ROW_HEADING:
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, mr->text, -1);
		break;
	case ROW_TEXT:
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, mr->text, -1);
		break;
	case ROW_DESCRIPTION:
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DEFAULT, s->reg.description, -1);
		break;
	case ROW_VERSION:
		draw_version(s, d, &r->versions[mr->index]);
		break;
	case ROW_SLO: {
		const struct hf_slo_result *slo = &r->slos[mr->index];
		const char *res = slo->result ? slo->result : "unknown";
		enum hf_color role = !strcmp(res, "met")      ? HF_COLOR_GOOD
				     : !strcmp(res, "missed") ? HF_COLOR_BAD
							      : HF_COLOR_UNKNOWN;

		hf_draw_space(d, 3);
		hf_draw_text(d, role,
			     !strcmp(res, "met")      ? "\xE2\x9C\x93"
			     : !strcmp(res, "missed") ? "\xE2\x9C\x97"
						      : "?",
			     2);
		hf_draw_text(d, HF_COLOR_DEFAULT, slo->metric, 20);
		hf_draw_textf(d, HF_COLOR_DEFAULT, 12, "%s %g", slo->op, slo->target);
		if (slo->has_value)
			hf_draw_textf(d, HF_COLOR_DEFAULT, 18, "measured %g", slo->value);
		else
			hf_draw_text(d, HF_COLOR_DIM, "not measured", 18);
		hf_draw_text(d, role, res, -1);
		break;
	}
	case ROW_LIVE:
		hf_view_draw_live(d, &r->slos[mr->index]);
		break;
	case ROW_ITEM: {
		const struct hf_report_item *it = &r->items[mr->index];
		bool waived = it->state && !strcmp(it->state, "waived");

		hf_draw_space(d, 3);
		hf_draw_text(d,
			     it->complete   ? HF_COLOR_GOOD
			     : it->required ? HF_COLOR_BAD
					    : HF_COLOR_DIM,
			     it->complete ? (waived ? "~" : "\xE2\x9C\x93") : "\xE2\x97\x8B", 2);
		hf_draw_text(d, HF_COLOR_DEFAULT, it->title ? it->title : it->id,
			     d->cols >= 120 ? 40 : 30);
		hf_draw_text(d, HF_COLOR_DIM, it->role, 12);
		if (it->complete) {
			hf_draw_text(d, HF_COLOR_DIM, it->state, -1);
			if (it->by) {
				hf_draw_text(d, HF_COLOR_DIM, " by ", -1);
				hf_draw_text(d, HF_COLOR_PERSON, it->by, -1);
			}
			if (it->at) {
				hf_draw_text(d, HF_COLOR_DIM, " ", -1);
				hf_draw_text(d, HF_COLOR_DIM, it->at, -1);
			}
			if (waived && it->reason) {
				hf_draw_text(d, HF_COLOR_DIM, ": ", -1);
				hf_draw_text(d, HF_COLOR_DEFAULT, it->reason, -1);
			} else if (it->evidence) {
				hf_draw_text(d, HF_COLOR_DIM, " ", -1);
				hf_draw_text(d, HF_COLOR_DEFAULT, it->evidence, -1);
			}
		} else {
			hf_draw_text(d, it->required ? HF_COLOR_BAD : HF_COLOR_DIM,
				     it->required ? "open" : "optional", -1);
			if (it->reason) {
				hf_draw_text(d, HF_COLOR_DIM, ": ", -1);
				hf_draw_text(d, HF_COLOR_DEFAULT, it->reason, -1);
			}
		}
		if (it->pending)
			hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
		if (it->note) {
			hf_draw_text(d, HF_COLOR_DIM, " \xE2\x80\x94 ", -1);
			hf_draw_text(d, HF_COLOR_DEFAULT, it->note, -1);
		}
		break;
	}
	case ROW_CARD: {
		const char *name = card_names[mr->index];
		bool missing = !r->has_card || in_list(r->card_missing, r->ncard_missing, name);
		bool empty = in_list(r->card_empty, r->ncard_empty, name);

		hf_draw_space(d, 3);
		hf_draw_text(d, missing || empty ? HF_COLOR_BAD : HF_COLOR_GOOD,
			     missing ? "\xE2\x9C\x97"
			     : empty ? "!"
				     : "\xE2\x9C\x93",
			     2);
		hf_draw_text(d, HF_COLOR_DEFAULT, name, 30);
		hf_draw_text(d, missing || empty ? HF_COLOR_BAD : HF_COLOR_DIM,
			     missing ? "missing"
			     : empty ? "empty"
				     : "present",
			     -1);
		break;
	}
	case ROW_ALIAS_MOVE: {
		const struct hf_reg_alias_move *m = &s->moves[mr->index];
		char when[32];

		hf_time_format_minutes(m->at, when, sizeof(when));
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, when, 17);
		hf_draw_text(d, HF_COLOR_ALIAS, m->alias, 13);
		if (m->version)
			hf_draw_textf(d, HF_COLOR_ALIAS, -1, "\xE2\x86\x92 v%s", m->version);
		else
			hf_draw_text(d, HF_COLOR_DIM, "removed", -1);
		break;
	}
	case ROW_ACTIVITY: {
		const struct hf_activity *a = &s->activity[mr->index];
		char when[32];

		hf_time_format_minutes(a->at, when, sizeof(when));
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, when, 17);
		hf_draw_text(d, HF_COLOR_ALIAS, a->kind, 9);
		hf_draw_text(d, HF_COLOR_PERSON, a->actor ? a->actor : "", 9);
		hf_draw_text(d, HF_COLOR_DEFAULT, a->summary, -1);
		break;
	}
	}
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
		return hf_view_contains(card_names[mr->index], needle);
	case ROW_ACTIVITY:
		return hf_view_contains(s->activity[mr->index].summary, needle) ||
		       hf_view_contains(s->activity[mr->index].kind, needle);
	case ROW_DESCRIPTION:
		return hf_view_contains(s->reg.description, needle);
	case ROW_ALIAS_MOVE:
		return hf_view_contains(s->moves[mr->index].alias, needle) ||
		       hf_view_contains(s->moves[mr->index].version, needle);
	default:
		return false;
	}
}

/* The write actions on the selected checklist item or version. */
static unsigned model_key(struct hf_view *v, enum hf_action action)
{
	struct model_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct model_row *mr = row == SIZE_MAX || !s->found ? NULL : &s->rows[row];
	struct hf_act a = { 0 };
	char ask[160];

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
	free(s->rows);
}

const struct hf_view_ops hf_view_model = {
	.name = "model",
	.title = "model",
	.state_size = sizeof(struct model_state),
	.load = model_load,
	.draw_head = model_draw_head,
	.draw_row = model_draw_row,
	.match = model_match,
	.key = model_key,
	.resize = NULL,
	.done = model_done,
};
