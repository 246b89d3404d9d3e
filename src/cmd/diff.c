/* diff.c: `handoff diff MODEL [V1] [V2] [--changed] [--json]`: two versions side by side, their runs fetched on demand */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/cmd.h"
#include "handoff/compare.h"
#include "handoff/out.h"
#include "handoff/report_out.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

#define KEY_COLS 24
#define VAL_COLS 18
#define DELTA_COLS 12

static void line(const char *mark, const char *key, const char *a, const char *b,
		 const char *delta)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	hf_strbuf_adds(&sb, mark);
	hf_out_cell(&sb, key, KEY_COLS);
	hf_strbuf_adds(&sb, " ");
	hf_out_cell(&sb, a ? a : "", VAL_COLS);
	hf_strbuf_adds(&sb, " ");
	if (delta) {
		hf_out_cell(&sb, b ? b : "", VAL_COLS);
		hf_strbuf_adds(&sb, " ");
		hf_out_cell(&sb, delta, DELTA_COLS);
	} else {
		hf_out_cell(&sb, b ? b : "", VAL_COLS);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	puts(sb.buf);
	hf_strbuf_release(&sb);
}

static void rows_text(const char *title, const struct hf_compare_row *rows, size_t n, bool changed,
		      bool delta)
{
	bool shown = false;

	for (size_t i = 0; i < n; i++) {
		const struct hf_compare_row *r = &rows[i];
		if (changed && !r->differs)
			continue;
		if (!shown)
			puts(title);
		shown = true;
		line(r->differs ? "* " : "  ", r->key, r->text[0] ? r->text[0] : "-",
		     r->text[1] ? r->text[1] : "-", delta ? (r->delta ? r->delta : "") : NULL);
	}
	if (!shown && !changed)
		printf("%s none\n", title);
}

static void slo_cell(char *buf, size_t n, const struct hf_compare_slo *s, int side)
{
	if (s->value_text[side])
		snprintf(buf, n, "%s (%s)", s->result[side], s->value_text[side]);
	else
		snprintf(buf, n, "%s", s->result[side] ? s->result[side] : "-");
}

static void text_out(const struct hf_compare *c, bool changed)
{
	char head[2][64];

	for (int s = 0; s < 2; s++)
		snprintf(head[s], sizeof(head[s]), "v%s (%s)", c->side[s].version, c->side[s].role);
	hf_out_text(stdout, c->model);
	printf(": %s against %s\n", head[0], head[1]);
	line("  ", "", head[0], head[1], "delta");
	rows_text("version", c->info, c->ninfo, changed, false);
	rows_text("metrics", c->metrics, c->nmetrics, changed, true);
	if (c->nslos)
		puts("SLOs");
	for (size_t i = 0; i < c->nslos; i++) {
		const struct hf_compare_slo *s = &c->slos[i];
		char key[96], a[48], b[48];

		if (changed && !s->differs)
			continue;
		snprintf(key, sizeof(key), "%s %s %s", s->metric, s->op, s->target_text);
		slo_cell(a, sizeof(a), s, 0);
		slo_cell(b, sizeof(b), s, 1);
		line(s->differs ? "* " : "  ", key, a, b, NULL);
	}
	rows_text("params", c->params, c->nparams, changed, false);
	rows_text("version tags", c->tags, c->ntags, changed, false);
	for (size_t i = 0; i < c->nnotes; i++) {
		fputs("note: ", stdout);
		hf_out_text(stdout, c->notes[i]);
		putchar('\n');
	}
}

static json_t *num_or_null(bool has, double v)
{
	return has && isfinite(v) ? json_real(v) : json_null();
}

static json_t *rows_json(const struct hf_compare_row *rows, size_t n, bool metrics)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		const struct hf_compare_row *r = &rows[i];
		json_t *o = json_object();

		json_object_set_new(o, "key", json_string(r->key));
		if (metrics) {
			json_object_set_new(o, "v1", num_or_null(r->has_num[0], r->num[0]));
			json_object_set_new(o, "v2", num_or_null(r->has_num[1], r->num[1]));
			json_object_set_new(o, "delta", r->has_num[0] && r->has_num[1]
					    ? num_or_null(true, r->num[1] - r->num[0]) : json_null());
		} else {
			json_object_set_new(o, "v1", hf_json_str(r->text[0]));
			json_object_set_new(o, "v2", hf_json_str(r->text[1]));
		}
		json_object_set_new(o, "differs", json_boolean(r->differs));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *side_json(const struct hf_compare *c, int s)
{
	json_t *o = json_object();

	json_object_set_new(o, "version", json_string(c->side[s].version));
	json_object_set_new(o, "role", json_string(c->side[s].role));
	json_object_set_new(o, "has_run", json_boolean(c->side[s].has_run));
	json_object_set_new(o, "run_fetched", json_boolean(c->side[s].run_fetched));
	return o;
}

static json_t *json_out(const struct hf_compare *c)
{
	json_t *doc = json_object(), *slos = json_array(), *notes = json_array();

	json_object_set_new(doc, "model", json_string(c->model));
	json_object_set_new(doc, "registry_name", hf_json_str(c->registry_name));
	json_object_set_new(doc, "source", hf_json_str(c->source));
	json_object_set_new(doc, "v1", side_json(c, 0));
	json_object_set_new(doc, "v2", side_json(c, 1));
	json_object_set_new(doc, "version", rows_json(c->info, c->ninfo, false));
	json_object_set_new(doc, "metrics", rows_json(c->metrics, c->nmetrics, true));
	for (size_t i = 0; i < c->nslos; i++) {
		const struct hf_compare_slo *s = &c->slos[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", json_string(s->id));
		json_object_set_new(o, "metric", json_string(s->metric));
		json_object_set_new(o, "op", json_string(s->op));
		json_object_set_new(o, "target", json_real(s->target));
		for (int k = 0; k < 2; k++) {
			json_t *side = json_object();

			json_object_set_new(side, "result", hf_json_str(s->result[k]));
			json_object_set_new(side, "value", num_or_null(s->has_value[k], s->value[k]));
			json_object_set_new(o, k ? "v2" : "v1", side);
		}
		json_array_append_new(slos, o);
	}
	json_object_set_new(doc, "slos", slos);
	json_object_set_new(doc, "params", rows_json(c->params, c->nparams, false));
	json_object_set_new(doc, "tags", rows_json(c->tags, c->ntags, false));
	for (size_t i = 0; i < c->nnotes; i++)
		json_array_append_new(notes, json_string(c->notes[i]));
	json_object_set_new(doc, "notes", notes);
	return doc;
}

static int run_diff(struct hf_ctx *ctx, const struct hf_args *args)
{
	const char *name = args->pos[0];
	const char *v1 = args->npos > 1 ? args->pos[1] : NULL, *v2 = args->npos > 2 ? args->pos[2] : NULL;
	bool json = hf_args_has(args, "json");
	char *left, *right, *reg_name, *reg_source;
	struct hf_store *store;
	struct hf_compare c;
	enum hf_status rc;

	if (hf_ctx_store(ctx, &store))
		return hf_fail_last();
	rc = hf_compare_versions(store, name, v1, v2, &left, &right, &reg_name, &reg_source);
	if (rc == HF_ENOTFOUND && !v1 && !v2)
		return hf_report_fail_unknown(store, name, json);
	if (rc)
		return hf_fail_last();
	{
		const char *vs[2] = { left, right };

		hf_ctx_runs_on_demand(ctx, store, reg_source, reg_name, vs, 2, true);
	}
	free(left);
	free(right);
	free(reg_name);
	free(reg_source);
	if (hf_compare_build(store, name, v1, v2, &c))
		return hf_fail_last();
	if (json)
		hf_out_json(stdout, json_out(&c));
	else
		text_out(&c, hf_args_has(args, "changed"));
	hf_compare_clear(&c);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag diff_flags[] = {
	{ "changed", NULL, "show only the rows that differ" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_diff = {
	"diff", "MODEL [V1] [V2] [--changed] [--json]",
	"two versions side by side: V1 the champion (or Production), V2 the candidate by default",
	diff_flags, 1, 3, run_diff,
};
