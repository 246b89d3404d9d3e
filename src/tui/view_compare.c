/* view_compare.c: two versions of a model side by side (what `handoff diff` shows): metrics and deltas, SLOs, params, tags, registry fields */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/compare.h"
#include "handoff/tui_view.h"
#include "handoff/xmalloc.h"

#define MARK_COLS  2	/* "•" (ASCII "*") before a row that differs */
#define DELTA_COLS 12

enum row_kind {
	ROW_HEADING,
	ROW_TEXT,	/* a line of the view's own (static) */
	ROW_INFO,	/* stage, aliases, created, run, description, ... (c.info) */
	ROW_METRIC,
	ROW_SLO,
	ROW_PARAM,
	ROW_TAG,
	ROW_NOTE,	/* what compare.c says the reader must know (c.notes) */
	ROW_FETCH,	/* the runs being fetched, and how it goes */
};

struct compare_row {
	enum row_kind kind;
	size_t index;
	const char *text;
};

struct compare_state {
	char *model;		/* from the argument: "V1 V2 MODEL", "-" for a default version */
	char *version[2];	/* NULL: chosen as `handoff diff` chooses */
	bool built;
	struct hf_compare c;
	char *error;		/* why there is nothing to compare */
	char *fetching;		/* "v1" or "v1 and v4": runs not fetched yet */
	size_t ndiffer, nrows_all;
	struct compare_row *rows;
	size_t nrows, alloc;
};

/* e: only the rows that differ (the CLI's --changed); kept across reloads and models, as the models view keeps show_all */
static bool hide_equal;

static void add(struct hf_view *v, unsigned flags, enum row_kind kind, size_t index,
		const char *text)
{
	struct compare_state *s = v->state;
	size_t r = hf_list_add(&v->list, flags);

	s->rows = xgrow(s->rows, r + 1, &s->alloc, sizeof(*s->rows));
	s->rows[r] = (struct compare_row){ kind, index, text };
	s->nrows = r + 1;
}

static bool parse_arg(struct compare_state *s, const char *arg)
{
	const char *p = arg;

	for (int i = 0; i < 2; i++) {
		size_t len = strcspn(p, " ");

		if (!p[len])
			return false;
		s->version[i] = len == 1 && *p == '-' ? NULL : xstrndup(p, len);
		p += len + 1;
	}
	s->model = xstrdup(p);
	return *p != '\0';
}

/* A section of rows of one kind: its heading, each row (the differing ones only when hiding). */
static void add_rows(struct hf_view *v, const char *heading, enum row_kind kind,
		     const struct hf_compare_row *rows, size_t n, const char *none)
{
	struct compare_state *s = v->state;
	size_t shown = 0;

	add(v, HF_ROW_HEADING, ROW_HEADING, 0, heading);
	for (size_t i = 0; i < n; i++) {
		s->nrows_all++;
		s->ndiffer += rows[i].differs;
		if (hide_equal && !rows[i].differs)
			continue;
		add(v, 0, kind, i, NULL);
		shown++;
	}
	if (!shown)
		add(v, HF_ROW_INERT, ROW_TEXT, 0, n ? "all equal (e shows them)" : none);
}

/* Runs of the two versions that no sync fetched: the loop fetches them in the background. */
static void runs_to_fetch(struct hf_view *v)
{
	struct compare_state *s = v->state;
	const struct hf_compare_side *side = s->c.side;
	bool want[2];

	for (int i = 0; i < 2; i++)
		want[i] = side[i].has_run && !side[i].run_fetched;
	if (!want[0] && !want[1])
		return;
	if (want[0] && want[1])
		s->fetching = xasprintf("runs of v%s and v%s", side[0].version, side[1].version);
	else
		s->fetching = xasprintf("run of v%s", side[want[0] ? 0 : 1].version);
	v->fetch_runs = xstrdup(s->model);
	v->fetch_versions[0] = xstrdup(side[0].version);
	v->fetch_versions[1] = xstrdup(side[1].version);
	add(v, HF_ROW_INERT, ROW_FETCH, 0, NULL);
}

static enum hf_status compare_load(struct hf_view *v, struct hf_store *store)
{
	struct compare_state *s = v->state;
	struct hf_compare *c = &s->c;

	/* the title, how many rows differ, the selected row whole on each side, the column titles */
	v->head_lines = 5;
	if (!v->arg || !parse_arg(s, v->arg)) {
		add(v, HF_ROW_INERT, ROW_TEXT, 0,
		    "no versions to compare: in a model's versions list, v marks two, = compares them");
		return HF_OK;
	}
	if (hf_compare_build(store, s->model, s->version[0], s->version[1], c)) {
		s->error = xstrdup(hf_last_error());
		hf_error_clear();
		add(v, HF_ROW_INERT, ROW_TEXT, 0, s->error);
		return HF_OK;
	}
	s->built = true;
	add_rows(v, "VERSION", ROW_INFO, c->info, c->ninfo, "nothing recorded");
	add_rows(v, "METRICS (of each version's run)", ROW_METRIC, c->metrics, c->nmetrics,
		 "no metrics on either side");
	runs_to_fetch(v);
	add(v, HF_ROW_HEADING, ROW_HEADING, 0, "SLOS (the contract's, judged on each side)");
	{
		size_t shown = 0;

		for (size_t i = 0; i < c->nslos; i++) {
			s->nrows_all++;
			s->ndiffer += c->slos[i].differs;
			if (hide_equal && !c->slos[i].differs)
				continue;
			add(v, 0, ROW_SLO, i, NULL);
			shown++;
		}
		if (!shown)
			add(v, HF_ROW_INERT, ROW_TEXT, 0,
			    c->nslos ? "all equal (e shows them)" : "no SLOs in the contract");
	}
	add_rows(v, "PARAMS (of each version's run)", ROW_PARAM, c->params, c->nparams,
		 "no parameters on either side");
	add_rows(v, "VERSION TAGS", ROW_TAG, c->tags, c->ntags, "no tags on either side");
	if (c->nnotes) {
		add(v, HF_ROW_HEADING, ROW_HEADING, 0, "NOTES");
		for (size_t i = 0; i < c->nnotes; i++)
			add(v, 0, ROW_NOTE, i, NULL);
	}
	return HF_OK;
}

/* The widths of the key, each value and the delta: wider screens give the values (descriptions) more. */
static void columns(int width, int *key, int *val)
{
	int room = width - 1 - MARK_COLS - DELTA_COLS;

	*key = width >= 160 ? 36 : width >= 120 ? 30 : 22;
	*val = (room - *key) / 2;
	if (*val < 10)
		*val = 10;
}

/* "v3 (champion)": a side's version and why it was picked ("given" needs no saying) */
static void side_title(const struct hf_compare_side *side, char *buf, size_t n)
{
	if (side->role && strcmp(side->role, "given"))
		snprintf(buf, n, "v%s (%s)", side->version, side->role);
	else
		snprintf(buf, n, "v%s", side->version);
}

/* The selected row's key, and its text on one side (NULL: none). */
static const char *row_text(const struct compare_state *s, const struct compare_row *r, int side,
			    const char **key)
{
	const struct hf_compare *c = &s->c;
	const struct hf_compare_row *rows = r->kind == ROW_INFO     ? c->info
					    : r->kind == ROW_METRIC ? c->metrics
					    : r->kind == ROW_PARAM  ? c->params
					    : r->kind == ROW_TAG    ? c->tags
								    : NULL;

	*key = rows ? rows[r->index].key : NULL;
	return rows ? rows[r->index].text[side] : NULL;
}

static void compare_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	struct compare_state *s = v->state;
	const struct hf_compare *c = &s->c;
	size_t sel = hf_list_selected(&v->list);
	const struct compare_row *r = s->built && sel < s->nrows ? &s->rows[sel] : NULL;
	char title[2][96];
	int key, val;

	if (line == 0) {
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_TITLE, s->model ? s->model : "compare", -1);
		if (!s->built)
			return;
		side_title(&c->side[0], title[0], sizeof(title[0]));
		side_title(&c->side[1], title[1], sizeof(title[1]));
		hf_draw_space(d, 2);
		hf_draw_text(d, HF_COLOR_ALIAS, title[0], -1);
		hf_draw_text(d, HF_COLOR_DIM, " against ", -1);
		hf_draw_text(d, HF_COLOR_ALIAS, title[1], -1);
		return;
	}
	if (!s->built)
		return;
	if (line == 1) {
		hf_draw_space(d, 1);
		hf_draw_textf(d, s->ndiffer ? HF_COLOR_KEY : HF_COLOR_DIM, -1, "%zu of %zu rows differ",
			      s->ndiffer, s->nrows_all);
		hf_draw_text(d, HF_COLOR_DIM,
			     hide_equal ? "   equal rows hidden (e shows them)"
					: "   (marked \xE2\x80\xA2; e hides the equal rows)", -1);
		return;
	}
	if (line == 2 || line == 3) {
		/* the selected row whole, one side a line: what the columns cut */
		const char *k, *text = r ? row_text(s, r, line - 2, &k) : NULL;

		if (!r || !k)
			return;
		hf_draw_space(d, 1);
		hf_draw_textf(d, HF_COLOR_ALIAS, -1, "v%s", c->side[line - 2].version);
		hf_draw_textf(d, HF_COLOR_DIM, -1, " %s: ", k);
		hf_draw_text(d, HF_COLOR_DEFAULT, text ? text : "-", -1);
		return;
	}
	columns(d->cols, &key, &val);
	side_title(&c->side[0], title[0], sizeof(title[0]));
	side_title(&c->side[1], title[1], sizeof(title[1]));
	hf_draw_space(d, 1 + MARK_COLS);
	hf_draw_text(d, HF_COLOR_HEADER, "", key);
	hf_draw_text(d, HF_COLOR_HEADER, title[0], val);
	hf_draw_text(d, HF_COLOR_HEADER, title[1], val);
	hf_draw_text(d, HF_COLOR_HEADER, "delta", DELTA_COLS);
}

static void draw_mark(struct hf_draw *d, bool differs)
{
	hf_draw_text(d, HF_COLOR_KEY, differs ? "\xE2\x80\xA2" : "", MARK_COLS);
}

static void draw_pair(struct hf_draw *d, const struct hf_compare_row *r, bool metric)
{
	int key, val;

	columns(d->cols, &key, &val);
	hf_view_draw_lead(d, 1);
	draw_mark(d, r->differs);
	hf_draw_text(d, HF_COLOR_DEFAULT, r->key, key);
	for (int i = 0; i < 2; i++)
		hf_draw_text(d, r->text[i] ? HF_COLOR_DEFAULT : HF_COLOR_DIM,
			     r->text[i] ? r->text[i] : "-", val);
	hf_draw_text(d, HF_COLOR_DEFAULT, metric && r->delta ? r->delta : "", DELTA_COLS);
}

static void draw_slo(struct hf_draw *d, const struct hf_compare_slo *slo)
{
	char mark[2] = { 0 };
	int key, val;

	columns(d->cols, &key, &val);
	hf_view_draw_lead(d, 1);
	draw_mark(d, slo->differs);
	hf_draw_textf(d, HF_COLOR_DEFAULT, key, "%s %s %s", slo->metric, slo->op, slo->target_text);
	for (int i = 0; i < 2; i++) {
		const char *res = slo->result[i] ? slo->result[i] : "unknown";
		enum hf_color role = !strcmp(res, "met")      ? HF_COLOR_GOOD
				     : !strcmp(res, "missed") ? HF_COLOR_BAD
							      : HF_COLOR_UNKNOWN;

		mark[0] = hf_view_mark_of(res);
		hf_view_draw_marks(d, mark, 2);
		if (slo->value_text[i])
			hf_draw_textf(d, role, val - 2, "%s %s", res, slo->value_text[i]);
		else
			hf_draw_text(d, role, res, val - 2);
	}
}

static void compare_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	struct compare_state *s = v->state;
	const struct compare_row *r = &s->rows[row];
	const struct hf_compare *c = &s->c;

	switch (r->kind) {
	case ROW_HEADING:
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_SECTION, r->text, -1);
		break;
	case ROW_TEXT:
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, s->error ? HF_COLOR_ERROR : HF_COLOR_DIM, r->text, -1);
		break;
	case ROW_INFO:
		draw_pair(d, &c->info[r->index], false);
		break;
	case ROW_METRIC:
		draw_pair(d, &c->metrics[r->index], true);
		break;
	case ROW_PARAM:
		draw_pair(d, &c->params[r->index], false);
		break;
	case ROW_TAG:
		draw_pair(d, &c->tags[r->index], false);
		break;
	case ROW_SLO:
		draw_slo(d, &c->slos[r->index]);
		break;
	case ROW_NOTE:
		hf_view_draw_lead(d, 3);
		hf_draw_text(d, HF_COLOR_DIM, c->notes[r->index], -1);
		break;
	case ROW_FETCH:
		hf_view_draw_lead(d, 3);
		hf_draw_textf(d, HF_COLOR_DIM, -1, "%s: ", s->fetching);
		hf_draw_text(d, HF_COLOR_KEY, v->fetch_note ? v->fetch_note : "not fetched yet", -1);
		break;
	}
}

static bool compare_match(struct hf_view *v, size_t row, const char *needle)
{
	struct compare_state *s = v->state;
	const struct compare_row *r = &s->rows[row];
	const char *key;

	if (r->kind == ROW_SLO)
		return hf_view_contains(s->c.slos[r->index].metric, needle) ||
		       hf_view_contains(s->c.slos[r->index].result[0], needle) ||
		       hf_view_contains(s->c.slos[r->index].result[1], needle);
	if (r->kind == ROW_NOTE)
		return hf_view_contains(s->c.notes[r->index], needle);
	return hf_view_contains(row_text(s, r, 0, &key), needle) ||
	       hf_view_contains(row_text(s, r, 1, &key), needle) || hf_view_contains(key, needle);
}

static unsigned compare_key(struct hf_view *v, enum hf_action action)
{
	if (action != HF_ACTION_HIDE_EQUAL)
		return HF_REACT_NOT_MINE;
	hide_equal = !hide_equal;
	hf_view_message(v, hide_equal ? "equal rows hidden (e shows them)" : "every row shown");
	return HF_REACT_RELOAD;
}

static void compare_done(struct hf_view *v)
{
	struct compare_state *s = v->state;

	if (s->built)
		hf_compare_clear(&s->c);
	free(s->model);
	free(s->version[0]);
	free(s->version[1]);
	free(s->error);
	free(s->fetching);
	free(s->rows);
}

const struct hf_view_ops hf_view_compare = {
	.name = "compare",
	.title = "compare",
	.state_size = sizeof(struct compare_state),
	.load = compare_load,
	.draw_head = compare_draw_head,
	.draw_row = compare_draw_row,
	.match = compare_match,
	.key = compare_key,
	.resize = NULL,
	.done = compare_done,
};
