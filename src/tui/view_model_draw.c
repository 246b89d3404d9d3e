/* view_model_draw.c: drawing the model view: its summary, the selected row in full, and each row */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/report_text.h"
#include "handoff/rotation.h"
#include "handoff/sanitize.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"

#include "view_model_internal.h"

#define ELLIPSIS "\xE2\x80\xA6"	/* "~" in ASCII mode (ascii.c) */

static bool in_list(char **list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return true;
	return false;
}

static const struct hf_reg_version *reg_version(struct model_state *s, const char *version);

/* "raj until Mon 09:00, then li" for rotation row i (time in the viewer's zone). */
static void oncall_text(const struct model_state *s, size_t i, struct hf_strbuf *out)
{
	const struct hf_tui_rotation *rr = &s->oc.rows[i];
	char when[32];

	if (!rr->now_found) {
		hf_strbuf_adds(out, "nobody now");
		if (rr->next_found) {
			hf_tui_local_time(&s->oc, rr->next.start, true, when, sizeof(when));
			hf_strbuf_addf(out, ", then %s from %s", rr->next.who, when);
		}
		return;
	}
	hf_tui_local_time(&s->oc, rr->now.end, true, when, sizeof(when));
	hf_strbuf_addf(out, "%s until %s", rr->now.who, when);
	if (rr->next_found && strcmp(rr->next.who, rr->now.who))
		hf_strbuf_addf(out, ", then %s", rr->next.who);
	if (rr->now.reason)
		hf_strbuf_addf(out, " (override: %s)", rr->now.reason);
}

/* The bytes of s's longest prefix that fits in cols columns (whole characters). */
static size_t prefix_bytes(const char *s, int cols)
{
	size_t at = 0, len = strlen(s);

	while (at < len) {
		unsigned int cp;
		size_t n = hf_utf8_decode(s + at, len - at, &cp);
		char ch[8];
		int w;

		if (!n)
			n = 1;
		memcpy(ch, s + at, n < sizeof(ch) ? n : sizeof(ch) - 1);
		ch[n < sizeof(ch) ? n : sizeof(ch) - 1] = '\0';
		w = hf_width(ch);
		if (w > cols)
			break;
		cols -= w;
		at += n;
	}
	return at;
}

/*
 * The selected row in full, on two lines under the summary: what a row
 * cuts to fit (a checklist item's title, its evidence URL, a failure).
 */
static void draw_detail(struct hf_view *v, struct hf_draw *d, int line)
{
	struct model_state *s = v->state;
	size_t row = hf_list_selected(&v->list);
	const struct model_row *mr = row < s->nrows ? &s->rows[row] : NULL;
	const struct hf_model_report *r = &s->r;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	enum hf_color role = line ? HF_COLOR_DEFAULT : HF_COLOR_TITLE;

	if (!mr)
		return;
	hf_strbuf_init(&sb);
	switch (mr->kind) {
	case ROW_ITEM: {
		const struct hf_report_item *it = &r->items[mr->index];

		if (!line) {
			hf_strbuf_addf(&sb, "%s: %s", it->id, it->title ? it->title : it->id);
		} else if (it->complete && it->state && !strcmp(it->state, "waived")) {
			hf_strbuf_addf(&sb, "waived%s%s: %s", it->by ? " by " : "", it->by ? it->by : "",
				       it->reason ? it->reason : "no reason given");
		} else if (it->evidence) {
			hf_strbuf_addf(&sb, "evidence: %s", it->evidence);
		} else {
			hf_strbuf_addf(&sb, "%s, %s, gates %s%s", it->category ? it->category : "-",
				       it->role ? it->role : "shared", it->stage ? it->stage : "-",
				       it->complete ? ", no evidence linked" : "");
			if (!it->complete && it->reason)
				hf_strbuf_addf(&sb, ": %s", it->reason);
		}
		break;
	}
	case ROW_STALE:
	case ROW_STALE_AGE: {
		/* the failure names a long URL: over both lines, cut between characters */
		char *safe;
		size_t at;

		hf_text_stale(&r->stale[mr->index], hf_now(), &sb);
		safe = hf_sanitize(sb.buf, HF_SANITIZE_TAB_AS_SPACE);
		at = prefix_bytes(safe, d->cols - 2);
		hf_strbuf_reset(&sb);
		if (line)
			hf_strbuf_adds(&sb, safe + at);
		else
			hf_strbuf_add(&sb, safe, at);
		free(safe);
		role = HF_COLOR_ERROR;
		break;
	}
	case ROW_VERSION: {
		const struct hf_report_version *rv = &r->versions[mr->index];
		const struct hf_reg_version *rg = reg_version(s, rv->version);

		if (!line)
			hf_strbuf_addf(&sb, "v%s%s", rv->version, rv->candidate ? " (candidate)" : "");
		if (!line && rg && rg->run_id && *rg->run_id)
			hf_strbuf_addf(&sb, "  run %s", rg->run_id);
		if (line && rg && rg->description)
			hf_strbuf_adds(&sb, rg->description);
		break;
	}
	case ROW_ONCALL:
		if (!line)
			hf_strbuf_addf(&sb, "rotation %s", s->oc.rows[mr->index].rot->name);
		else
			oncall_text(s, mr->index, &sb);
		break;
	case ROW_ACTIVITY:
		if (line)
			hf_strbuf_adds(&sb, s->activity[mr->index].summary);
		break;
	case ROW_DESCRIPTION:
		if (!line)
			hf_strbuf_adds(&sb, s->reg.description);
		break;
	default:
		break;
	}
	hf_draw_space(d, 1);
	hf_draw_text(d, role, sb.buf, -1);
	hf_strbuf_release(&sb);
}

void hf_model_draw_head(struct hf_view *v, struct hf_draw *d, int line)
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
	if (line >= 2) {
		draw_detail(v, d, line - 2);
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
		/* the score is its weakest category's, named so the figure explains itself */
		struct hf_strbuf ev = HF_STRBUF_INIT;

		hf_strbuf_init(&ev);
		hf_text_evidence(r, &ev);
		hf_draw_space(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, ev.buf, -1);
		hf_draw_space(d, 3);
		hf_strbuf_release(&ev);
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

/*
 * The decimals of one metric's numbers side by side (every version's value
 * and the contract's target): the most any of them needs (report_text.h).
 */
static int metric_decimals(struct model_state *s, const char *key)
{
	int d = 0;

	for (size_t i = 0; i < s->r.nslos; i++)
		if (!strcmp(s->r.slos[i].metric, key) && hf_text_decimals(s->r.slos[i].target) > d)
			d = hf_text_decimals(s->r.slos[i].target);
	for (size_t i = 0; s->has_reg && i < s->reg.nversions; i++) {
		const struct hf_reg_version *v = &s->reg.versions[i];

		for (size_t m = 0; m < v->nmetrics; m++)
			if (!strcmp(v->metrics[m].key, key) && hf_text_decimals(v->metrics[m].value) > d)
				d = hf_text_decimals(v->metrics[m].value);
	}
	return d;
}

static void draw_version(struct model_state *s, struct hf_draw *d,
			 const struct hf_report_version *rv)
{
	const struct hf_reg_version *v = reg_version(s, rv->version);
	struct hf_strbuf aliases = HF_STRBUF_INIT;
	char when[16] = "";
	bool cut = false;

	hf_strbuf_init(&aliases);
	for (size_t i = 0; i < rv->naliases; i++)
		hf_strbuf_addf(&aliases, "%s%s", i ? "," : "", rv->aliases[i]);
	hf_view_draw_lead(d, 1);
	if (hf_model_marked(rv->version)) {
		/* "•" ("*" in ASCII mode) beside the candidate's arrow */
		hf_draw_text(d, HF_COLOR_ALIAS, rv->candidate ? "\xE2\x96\xB8" : " ", -1);
		hf_draw_text(d, HF_COLOR_KEY, "\xE2\x80\xA2", -1);
	} else {
		hf_draw_text(d, rv->candidate ? HF_COLOR_ALIAS : HF_COLOR_DIM,
			     rv->candidate ? "\xE2\x96\xB8 " : "  ", -1);
	}
	hf_draw_textf(d, HF_COLOR_ALIAS, 6, "v%s", rv->version);
	hf_draw_text(d, HF_COLOR_ALIAS, aliases.buf, 20);
	hf_draw_text(d, HF_COLOR_DEFAULT, rv->stage ? rv->stage : "-", 11);
	if (rv->created)
		hf_date_format(rv->created, when, sizeof(when));
	hf_draw_text(d, HF_COLOR_DIM, when, 11);
	/* a metric shows whole or not at all; a row cut short ends in an ellipsis */
	for (size_t i = 0; v && i < v->nmetrics; i++) {
		bool more = i + 1 < v->nmetrics || (v->description && *v->description);
		int gap = i ? 2 : 0;
		char num[48];

		hf_text_number(v->metrics[i].value, metric_decimals(s, v->metrics[i].key), num,
			       sizeof(num));
		if (gap + hf_width(v->metrics[i].key) + 1 + hf_width(num) + (more ? 2 : 0) >
		    hf_draw_left(d)) {
			hf_draw_text(d, HF_COLOR_DIM, i ? " " ELLIPSIS : ELLIPSIS, -1);
			cut = true;
			break;
		}
		hf_draw_space(d, gap);
		hf_draw_text(d, HF_COLOR_DIM, v->metrics[i].key, -1);
		hf_draw_text(d, HF_COLOR_DEFAULT, " ", -1);
		hf_draw_text(d, HF_COLOR_DEFAULT, num, -1);
	}
	if (!cut && v && v->description && *v->description) {
		int gap = v->nmetrics ? 2 : 0;

		if (hf_draw_left(d) < gap + 4) {
			hf_draw_text(d, HF_COLOR_DIM, gap ? " " ELLIPSIS : ELLIPSIS, -1);
		} else {
			hf_draw_space(d, gap);
			hf_draw_text(d, HF_COLOR_DIM, "\xE2\x80\x94 ", -1);
			hf_draw_text(d, HF_COLOR_DEFAULT, v->description, -1);
		}
	}
	if (version_pending(s, rv->version))
		hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
	hf_strbuf_release(&aliases);
}

/*
 * The title column: the widest title when the row has room for it beside
 * the role and a state (30 columns for those), else what is left, at least
 * 30; a cut title ends in an ellipsis and shows whole in the detail lines.
 */
static int title_cols(const struct model_state *s, const struct hf_draw *d)
{
	int room = d->cols - 5 - 12 - 30, want = s->title_cols + 1;

	if (room < 30)
		room = 30;
	return want < room ? (want < 30 ? 30 : want) : room;
}

void hf_model_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
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
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, mr->text, -1);
		break;
	case ROW_DESCRIPTION:
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DEFAULT, s->reg.description, -1);
		break;
	case ROW_FETCH:
		hf_view_draw_lead(d, 3);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "run%s of %s: ", strchr(s->fetching, ',') ? "s" : "",
			      s->fetching);
		hf_draw_text(d, HF_COLOR_KEY, v->fetch_note ? v->fetch_note : "not fetched yet", -1);
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
		char target[48], value[48];

		hf_view_draw_lead(d, 3);
		hf_draw_text(d, role,
			     !strcmp(res, "met")      ? "\xE2\x9C\x93"
			     : !strcmp(res, "missed") ? "\xE2\x9C\x97"
						      : "?",
			     2);
		hf_text_slo(slo, target, value, sizeof(target));
		hf_draw_text(d, HF_COLOR_DEFAULT, slo->metric, 20);
		hf_draw_textf(d, HF_COLOR_DEFAULT, 12, "%s %s", slo->op, target);
		if (slo->has_value)
			hf_draw_textf(d, HF_COLOR_DEFAULT, 18, "measured %s", value);
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

		hf_view_draw_lead(d, 3);
		hf_draw_text(d,
			     it->complete   ? HF_COLOR_GOOD
			     : it->required ? HF_COLOR_BAD
					    : HF_COLOR_DIM,
			     it->complete ? (waived ? "~" : "\xE2\x9C\x93") : "\xE2\x97\x8B", 2);
		hf_draw_text(d, HF_COLOR_DEFAULT, it->title ? it->title : it->id, title_cols(s, d));
		hf_draw_text(d, HF_COLOR_DIM, it->role, 12);
		if (it->complete) {
			hf_draw_text(d, HF_COLOR_DIM, it->state, -1);
			/* before the evidence: a cut row may lose the URL (the lines below show it), not this */
			if (it->pending)
				hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
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
			if (it->pending)
				hf_draw_text(d, HF_COLOR_KEY, " \xE2\xA7\x97 pending", -1);
			if (it->reason) {
				hf_draw_text(d, HF_COLOR_DIM, ": ", -1);
				hf_draw_text(d, HF_COLOR_DEFAULT, it->reason, -1);
			}
		}
		if (it->note) {
			hf_draw_text(d, HF_COLOR_DIM, " \xE2\x80\x94 ", -1);
			hf_draw_text(d, HF_COLOR_DEFAULT, it->note, -1);
		}
		break;
	}
	case ROW_CARD: {
		const char *name = hf_model_card_names[mr->index];
		bool missing = !r->has_card || in_list(r->card_missing, r->ncard_missing, name);
		bool empty = in_list(r->card_empty, r->ncard_empty, name);

		hf_view_draw_lead(d, 3);
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
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, when, 17);
		hf_draw_text(d, HF_COLOR_ALIAS, m->alias, 13);
		if (m->version)
			hf_draw_textf(d, HF_COLOR_ALIAS, -1, "\xE2\x86\x92 v%s", m->version);
		else
			hf_draw_text(d, HF_COLOR_DIM, "removed", -1);
		break;
	}
	case ROW_STALE:
	case ROW_STALE_AGE: {
		struct hf_strbuf sb = HF_STRBUF_INIT;

		hf_strbuf_init(&sb);
		if (mr->kind == ROW_STALE)
			hf_text_stale(&r->stale[mr->index], hf_now(), &sb);
		else
			hf_text_stale_age(&r->stale[mr->index], hf_now(), &sb);
		hf_view_draw_lead(d, mr->kind == ROW_STALE ? 3 : 5);
		hf_draw_text(d, mr->kind == ROW_STALE ? HF_COLOR_ERROR : HF_COLOR_DIM, sb.buf, -1);
		hf_strbuf_release(&sb);
		break;
	}
	case ROW_INPUT:
	case ROW_OUTPUT:
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, mr->kind == ROW_INPUT ? "in" : "out", 5);
		hf_draw_text(d, HF_COLOR_DEFAULT,
			     mr->kind == ROW_INPUT ? s->inputs[mr->index] : s->outputs[mr->index], -1);
		break;
	case ROW_ONCALL: {
		struct hf_strbuf sb = HF_STRBUF_INIT;

		hf_strbuf_init(&sb);
		oncall_text(s, mr->index, &sb);
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, s->oc.rows[mr->index].rot->name, 16);
		hf_draw_text(d, s->oc.rows[mr->index].now_found ? HF_COLOR_PERSON : HF_COLOR_BAD,
			     sb.buf, -1);
		hf_strbuf_release(&sb);
		break;
	}
	case ROW_ACTIVITY: {
		const struct hf_activity *a = &s->activity[mr->index];
		char when[32];

		hf_time_format_minutes(a->at, when, sizeof(when));
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, when, 17);
		hf_draw_text(d, HF_COLOR_ALIAS, a->kind, 9);
		hf_draw_text(d, HF_COLOR_PERSON, a->actor ? a->actor : "", 9);
		hf_draw_text(d, HF_COLOR_DEFAULT, a->summary, -1);
		break;
	}
	}
}

