/* live_out.c: how commands print live SLOs: the JSON object, the text line with a sparkline, the marks */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/ascii.h"
#include "handoff/clock.h"
#include "handoff/live.h"
#include "handoff/live_out.h"
#include "handoff/out.h"
#include "handoff/report_text.h"
#include "handoff/strbuf.h"
#include "handoff/width.h"

bool hf_live_out_ascii(void)
{
	return hf_ascii_on();	/* the one rule (ascii.h): --ascii, or a terminal known not to be UTF-8 */
}

static json_t *time_json(int64_t t)
{
	char buf[32];

	if (!t)
		return json_null();
	hf_time_format(t, buf, sizeof(buf));
	return json_string(buf);
}

json_t *hf_live_json(const struct hf_live_result *l)
{
	json_t *o, *points;
	char window[32];

	if (!l)
		return json_null();
	o = json_object();
	points = json_array();
	hf_live_window_format(l->window, window, sizeof(window));
	json_object_set_new(o, "source", hf_json_str(l->source));
	json_object_set_new(o, "query", hf_json_str(l->query));
	json_object_set_new(o, "window", json_string(window));
	json_object_set_new(o, "window_seconds", json_integer(l->window));
	json_object_set_new(o, "result", hf_json_str(l->result));
	json_object_set_new(o, "reason", hf_json_str(l->reason));
	json_object_set_new(o, "error", hf_json_str(l->error));
	json_object_set_new(o, "error_at", time_json(l->error_at));
	json_object_set_new(o, "state", hf_json_str(l->state));
	json_object_set_new(o, "value", l->has_value ? json_real(l->value) : json_null());
	json_object_set_new(o, "at", time_json(l->at));
	json_object_set_new(o, "age_seconds", l->at ? json_integer(hf_now() - l->at) : json_null());
	json_object_set_new(o, "budget", l->has_budget ? json_real(l->budget) : json_null());
	json_object_set_new(o, "worst", l->has_worst ? json_real(l->worst) : json_null());
	json_object_set_new(o, "start", time_json(l->npoints ? l->start : 0));
	json_object_set_new(o, "step", json_integer(l->step));
	for (size_t i = 0; i < l->npoints; i++)
		json_array_append_new(points, l->points[i] == l->points[i] ? json_real(l->points[i])
									   : json_null());
	json_object_set_new(o, "points", points);
	return o;
}

json_t *hf_live_json_counts(const struct hf_model_report *r)
{
	json_t *o;

	if (!r->live_met && !r->live_missed && !r->live_unknown)
		return json_null();
	o = json_object();
	json_object_set_new(o, "met", json_integer(r->live_met));
	json_object_set_new(o, "missed", json_integer(r->live_missed));
	json_object_set_new(o, "unknown", json_integer(r->live_unknown));
	return o;
}

const char *hf_live_mark(const char *result, bool ascii)
{
	if (result && !strcmp(result, "met"))
		return ascii ? "+" : "\xE2\x9C\x93";	/* ✓ */
	if (result && !strcmp(result, "missed"))
		return ascii ? "x" : "\xE2\x9C\x97";	/* ✗ */
	return "?";
}

void hf_live_marks(const struct hf_model_report *r, bool live, bool ascii, struct hf_strbuf *sb)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];

		if (live && !s->live)
			continue;
		hf_strbuf_adds(sb, hf_live_mark(live ? s->live->result : s->result, ascii));
		n++;
	}
	if (!n)
		hf_strbuf_addch(sb, '-');
}

void hf_live_print(FILE *out, const struct hf_slo_result *s, bool ascii)
{
	const struct hf_live_result *l = s->live;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char window[32], age[32], figure[64];

	if (!l)
		return;
	hf_strbuf_init(&sb);
	hf_live_window_format(l->window, window, sizeof(window));
	hf_strbuf_addf(&sb, "    live: %s", l->result);
	if (l->reason)
		hf_strbuf_addf(&sb, " (%s)", l->reason);
	if (l->at) {
		hf_time_ago(l->at, hf_now(), age, sizeof(age));
		if (l->has_value) {
			hf_text_live(s, l->value, figure, sizeof(figure));
			hf_strbuf_addf(&sb, ", %s", figure);
		} else
			hf_strbuf_addf(&sb, ", %s", !strcmp(l->state, "nan") ? "NaN" : "no data");
		hf_strbuf_addf(&sb, " %s", age);
	}
	if (l->has_budget)
		hf_strbuf_addf(&sb, ", %.1f%% of %s over target", l->budget * 100.0, window);
	if (l->has_worst) {
		hf_text_live(s, l->worst, figure, sizeof(figure));
		hf_strbuf_addf(&sb, ", worst %s", figure);
	}
	if (l->npoints) {
		hf_strbuf_adds(&sb, "  ");
		hf_sparkline(hf_slo_op_parse(s->op), s->target, l->points, l->npoints, 40, ascii, &sb);
	}
	fputs(sb.buf, out);
	putc('\n', out);
	if (l->error) {
		/* the source's or the query's words: sanitised */
		fputs("      last fetch failed", out);
		if (l->error_at) {
			hf_time_ago(l->error_at, hf_now(), age, sizeof(age));
			fprintf(out, " %s", age);
		}
		fputs(": ", out);
		hf_out_text(out, l->error);
		putc('\n', out);
	}
	hf_strbuf_release(&sb);
}

void hf_live_cell(struct hf_strbuf *sb, const struct hf_model_report *r, int cols)
{
	struct hf_strbuf marks = HF_STRBUF_INIT;

	hf_strbuf_init(&marks);
	if (hf_report_serving(r))
		hf_live_marks(r, true, hf_live_out_ascii(), &marks);
	else
		hf_strbuf_addch(&marks, '-');
	hf_width_fit(sb, marks.buf, cols, 1);
	hf_strbuf_release(&marks);
}
