/* live.c: live SLOs in the TUI's views: verdict marks, a live row with its sparkline, the models an on-call rotation covers */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/ascii.h"
#include "handoff/clock.h"
#include "handoff/live.h"
#include "handoff/readiness.h"
#include "handoff/report_text.h"
#include "handoff/tui_data.h"
#include "handoff/tui_view.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

bool hf_view_ascii(void)
{
	/* ASCII mode (ascii.h: the one rule for the terminal), or no colour to tell cells apart */
	return hf_ascii_on() || !hf_draw_has_color();
}

char hf_view_mark_of(const char *result)
{
	return result && !strcmp(result, "met") ? 'm' : result && !strcmp(result, "missed") ? 'x' : '?';
}

void hf_view_draw_marks(struct hf_draw *d, const char *marks, int cols)
{
	bool ascii = hf_view_ascii();
	int used = 0;

	for (const char *p = marks; *p && used < cols - 1; p++, used++) {
		if (*p == 'm')
			hf_draw_text(d, HF_COLOR_GOOD, ascii ? "+" : "\xE2\x9C\x93", 1); /* ✓ */
		else if (*p == 'x')
			hf_draw_text(d, HF_COLOR_BAD, ascii ? "x" : "\xE2\x9C\x97", 1); /* ✗ */
		else
			hf_draw_text(d, HF_COLOR_UNKNOWN, "?", 1);
	}
	if (!*marks) {
		hf_draw_text(d, HF_COLOR_DIM, "-", 1);
		used = 1;
	}
	hf_draw_space(d, cols - used);
}

void hf_view_draw_sparkline(struct hf_draw *d, const struct hf_slo_result *s, int cols)
{
	const struct hf_live_result *l = s->live;
	struct hf_spark_cell *cells;
	bool ascii = hf_view_ascii();
	size_t n;

	if (!l || !l->npoints || cols <= 0)
		return;
	cells = xcalloc((size_t)cols + 1, sizeof(*cells));
	n = hf_sparkline_cells(hf_slo_op_parse(s->op), s->target, l->points, l->npoints,
			       (size_t)cols, cells);
	for (size_t i = 0; i < n; i++)
		hf_draw_text(d, cells[i].level < 0 ? HF_COLOR_DIM : cells[i].bad ? HF_COLOR_BAD : HF_COLOR_GOOD,
			     hf_spark_glyph(cells[i].level, ascii), 1);
	free(cells);
}

static enum hf_color verdict_role(const char *result)
{
	return hf_view_mark_of(result) == 'm' ? HF_COLOR_GOOD
	       : hf_view_mark_of(result) == 'x' ? HF_COLOR_BAD : HF_COLOR_UNKNOWN;
}

void hf_view_draw_live(struct hf_draw *d, const struct hf_slo_result *s)
{
	const struct hf_live_result *l = s->live;
	char window[16], age[32], text[64];
	bool ascii = hf_view_ascii();
	const char *reason;
	int spark;

	if (!l)
		return;
	hf_live_window_format(l->window, window, sizeof(window));
	hf_draw_space(d, 5);
	hf_draw_text(d, HF_COLOR_DIM, "live", 5);
	hf_draw_text(d, verdict_role(l->result),
		     hf_view_mark_of(l->result) == 'm' ? (ascii ? "+" : "\xE2\x9C\x93")
		     : hf_view_mark_of(l->result) == 'x' ? (ascii ? "x" : "\xE2\x9C\x97") : "?", 2);
	if (l->has_value)
		hf_text_live(s, l->value, text, sizeof(text));
	else if (l->at)
		snprintf(text, sizeof(text), "%s", !strcmp(l->state, "nan") ? "NaN" : "no data");
	else
		snprintf(text, sizeof(text), "-");
	if (l->at && (l->error || hf_now() - l->at > 3600)) {
		/* a value kept from an earlier sync says how old it is */
		hf_time_ago(l->at, hf_now(), age, sizeof(age));
		snprintf(text + strlen(text), sizeof(text) - strlen(text), " %s", age);
	}
	hf_draw_text(d, l->has_value ? verdict_role(l->result) : HF_COLOR_UNKNOWN, text,
		     d->cols >= 100 ? 16 : 11);
	if (l->has_budget)
		hf_draw_textf(d, l->budget > 0 ? HF_COLOR_BAD : HF_COLOR_DIM, 17, "%.1f%% of %s over",
			      l->budget * 100.0, window);
	else
		hf_draw_text(d, HF_COLOR_DIM, "", 17);
	if (l->has_worst) {
		char worst[32];

		hf_text_live(s, l->worst, worst, sizeof(worst));
		hf_draw_textf(d, HF_COLOR_DIM, 12, "worst %s", worst);
	}
	else
		hf_draw_text(d, HF_COLOR_DIM, "", 12);
	reason = l->reason ? l->reason : l->result;
	spark = hf_draw_left(d) - hf_width(reason) - 1;
	if (spark > 48)
		spark = 48;
	if (spark >= 8 && l->npoints) {
		hf_view_draw_sparkline(d, s, spark);
		hf_draw_space(d, 1);
	}
	hf_draw_text(d, verdict_role(l->result), reason, -1);
}

void hf_tui_live_models_free(struct hf_tui_live_model *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].name);
		free(m[i].problem);
	}
	free(m);
}

/* The first live SLO not met, in one line: "latency_p99_ms 58 > 50, 12% of 7d over" or "... NaN". */
static char *first_problem(const struct hf_model_report *r)
{
	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];
		const struct hf_live_result *l = s->live;
		char window[16];

		if (!l || !strcmp(l->result, "met"))
			continue;
		hf_live_window_format(l->window, window, sizeof(window));
		if (l->has_value && !strcmp(l->result, "missed")) {
			struct hf_slo slo = { .metric = s->metric, .op = s->op, .target = s->target };
			char why[96];

			hf_slo_explain(&slo, l->value, why, sizeof(why));
			if (l->has_budget)
				return xasprintf("%s %s, %.1f%% of %s over", s->metric, why,
						 l->budget * 100.0, window);
			return xasprintf("%s %s", s->metric, why);
		}
		return xasprintf("%s %s", s->metric, l->reason ? l->reason : "unknown");
	}
	return NULL;
}

enum hf_status hf_tui_live_models(struct hf_report_session *session, char *const *names, size_t n,
				  struct hf_tui_live_model **out)
{
	struct hf_tui_live_model *m = xcalloc(n + 1, sizeof(*m));

	for (size_t i = 0; i < n; i++) {
		struct hf_model_report r;

		m[i].name = xstrdup(names[i]);
		if (hf_report_session_model(session, names[i], &r)) {
			/* a rotation may cover a model no pod file names: shown as such */
			hf_error_clear();
			continue;
		}
		m[i].found = true;
		m[i].serving = hf_report_serving(&r);
		m[i].stage = hf_stage_name(r.stage_index);
		hf_tui_live_marks(&r, m[i].marks, sizeof(m[i].marks));
		m[i].problem = first_problem(&r);
		hf_model_report_clear(&r);
	}
	*out = m;
	return HF_OK;
}

void hf_tui_live_marks(const struct hf_model_report *r, char *marks, size_t size)
{
	size_t k = 0;

	for (size_t j = 0; j < r->nslos && k + 1 < size; j++)
		if (r->slos[j].live)
			marks[k++] = hf_view_mark_of(r->slos[j].live->result);
	marks[k] = '\0';
}
