/* report_out.c: JSON and text renderings of model reports shared by models, show, check and status */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/cmd.h"
#include "handoff/live_out.h"
#include "handoff/out.h"
#include "handoff/clock.h"
#include "handoff/report_out.h"
#include "handoff/report_text.h"
#include "handoff/strbuf.h"
#include "handoff/suggest.h"
#include "handoff/xmalloc.h"

static json_t *candidate_json(const struct hf_model_report *r)
{
	json_t *c = json_object();

	json_object_set_new(c, "version", hf_json_str(r->candidate_version));
	json_object_set_new(c, "alias", hf_json_str(r->candidate_alias));
	json_object_set_new(c, "how", hf_json_str(r->candidate_how));
	return c;
}

static json_t *owners_json(const struct hf_model_report *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "research", hf_json_str(r->owner_research));
	json_object_set_new(o, "engineering", hf_json_str(r->owner_engineering));
	return o;
}

/* Scores are shown with two decimals; keep JSON the same so a diff is stable. */
static json_t *score_json(double s)
{
	return json_real((double)(long)(s * 100.0 + 0.5) / 100.0);
}

json_t *hf_report_json_blockers(const struct hf_model_report *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nblockers; i++) {
		const struct hf_blocker *b = &r->blockers[i];
		json_t *o = json_object();

		json_object_set_new(o, "item", hf_json_str(b->item));
		json_object_set_new(o, "title", hf_json_str(b->title));
		json_object_set_new(o, "owner", hf_json_str(b->owner));
		json_object_set_new(o, "role", hf_json_str(b->role));
		json_object_set_new(o, "reason", hf_json_str(b->reason));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *hf_report_json_slos(const struct hf_model_report *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];
		json_t *o = json_object();

		json_object_set_new(o, "id", hf_json_str(s->id));
		json_object_set_new(o, "metric", hf_json_str(s->metric));
		json_object_set_new(o, "op", hf_json_str(s->op));
		json_object_set_new(o, "target", json_real(s->target));
		json_object_set_new(o, "value", s->has_value ? json_real(s->value) : json_null());
		json_object_set_new(o, "result", hf_json_str(s->result));
		json_object_set_new(o, "live", hf_live_json(s->live));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *hf_report_json_summary(const struct hf_model_report *r)
{
	json_t *m = json_object(), *slo = json_object();

	json_object_set_new(m, "name", hf_json_str(r->name));
	json_object_set_new(m, "stage", hf_json_str(r->stage));
	json_object_set_new(m, "stage_index", json_integer(r->stage_index));
	json_object_set_new(m, "ready", json_integer(r->done));
	json_object_set_new(m, "required", json_integer(r->required));
	json_object_set_new(m, "passes", json_boolean(r->ready));
	json_object_set_new(m, "score", score_json(r->score));
	json_object_set_new(slo, "met", json_integer(r->slo_met));
	json_object_set_new(slo, "missed", json_integer(r->slo_missed));
	json_object_set_new(slo, "unknown", json_integer(r->slo_unknown));
	json_object_set_new(m, "slo", slo);
	json_object_set_new(m, "serving", json_boolean(hf_report_serving(r)));
	json_object_set_new(m, "live", hf_live_json_counts(r));
	json_object_set_new(m, "candidate", candidate_json(r));
	json_object_set_new(m, "owners", owners_json(r));
	json_object_set_new(m, "pod_files", json_boolean(r->has_pod_files));
	json_object_set_new(m, "blocking", r->nblockers ? hf_json_str(hf_report_first_blocker(r)->reason) : json_null());
	json_object_set_new(m, "blockers", json_integer((json_int_t)r->nblockers));
	return m;
}

json_t *hf_report_json_stale(const struct hf_model_report *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nstale; i++) {
		const struct hf_stale_source *st = &r->stale[i];
		json_t *o = json_object();
		char at[32];

		json_object_set_new(o, "source", hf_json_str(st->source));
		json_object_set_new(o, "type", hf_json_str(st->type));
		json_object_set_new(o, "error", hf_json_str(st->error));
		hf_time_format(st->failed_at, at, sizeof(at));
		json_object_set_new(o, "failed_at", json_string(at));
		hf_time_format(st->synced_at, at, sizeof(at));
		json_object_set_new(o, "synced_at", st->synced_at ? json_string(at) : json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}

void hf_report_print_stale(FILE *out, const struct hf_model_report *r, const char *indent)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	int64_t now = hf_now();

	hf_strbuf_init(&sb);
	for (size_t i = 0; i < r->nstale; i++) {
		hf_strbuf_reset(&sb);
		hf_text_stale(&r->stale[i], now, &sb);
		fputs(indent, out);
		hf_out_text(out, sb.buf);
		hf_strbuf_reset(&sb);
		hf_text_stale_age(&r->stale[i], now, &sb);
		fprintf(out, "\n%s  ", indent);
		hf_out_text(out, sb.buf);
		fputc('\n', out);
	}
	hf_strbuf_release(&sb);
}

void hf_report_json_gate(json_t *doc, const struct hf_model_report *r)
{
	json_object_set_new(doc, "model", hf_json_str(r->name));
	json_object_set_new(doc, "ready", json_boolean(r->ready));
	json_object_set_new(doc, "stage", hf_json_str(r->stage));
	json_object_set_new(doc, "done", json_integer(r->done));
	json_object_set_new(doc, "required", json_integer(r->required));
	json_object_set_new(doc, "score", score_json(r->score));
	json_object_set_new(doc, "candidate", candidate_json(r));
	json_object_set_new(doc, "owners", owners_json(r));
	json_object_set_new(doc, "blockers", hf_report_json_blockers(r));
	json_object_set_new(doc, "slos", hf_report_json_slos(r));
	json_object_set_new(doc, "stale", hf_report_json_stale(r));
}

void hf_report_owners_text(const struct hf_model_report *r, char *buf, size_t size)
{
	if (!r->owner_research && !r->owner_engineering)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%s \xE2\x86\x92 %s", r->owner_research ? r->owner_research : "?",
			 r->owner_engineering ? r->owner_engineering : "?");
}

void hf_report_candidate_text(const struct hf_model_report *r, char *buf, size_t size)
{
	if (!r->candidate_version)
		snprintf(buf, size, "-");
	else if (r->candidate_alias)
		snprintf(buf, size, "v%s %s", r->candidate_version, r->candidate_alias);
	else
		snprintf(buf, size, "v%s", r->candidate_version);
}

void hf_report_slo_text(const struct hf_model_report *r, char *buf, size_t size)
{
	if (!r->nslos)
		snprintf(buf, size, "-");
	else if (r->slo_missed)
		snprintf(buf, size, "%d/%zu missed", r->slo_missed, r->nslos);
	else
		snprintf(buf, size, "%d/%zu met", r->slo_met, r->nslos);
}

void hf_report_stage_dots(const struct hf_model_report *r, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (int s = 0; s < HF_STAGE_COUNT && o + 4 < size; s++) {
		memcpy(buf + o, s <= r->stage_index ? "\xE2\x97\x8F" : "\xE2\x97\x8B", 3);
		o += 3;
	}
	buf[o] = '\0';
}

void hf_report_print_blockers(FILE *out, const struct hf_model_report *r)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	for (size_t i = 0; i < r->nblockers; i++) {
		const struct hf_blocker *b = &r->blockers[i];

		hf_strbuf_reset(&sb);
		hf_strbuf_adds(&sb, "  ");
		hf_out_cell(&sb, b->item, 22);
		hf_strbuf_addch(&sb, ' ');
		hf_out_cell(&sb, hf_report_blocker_text(b), 44);
		hf_strbuf_addch(&sb, ' ');
		fputs(sb.buf, out);
		if (b->owner) {
			hf_out_text(out, b->owner);
			fputs(" (", out);
			hf_out_text(out, b->role);
			fputs(")\n", out);
		} else {
			hf_out_text(out, b->role);
			fputc('\n', out);
		}
	}
	hf_strbuf_release(&sb);
}

void hf_report_print_slos(FILE *out, const struct hf_model_report *r)
{
	bool ascii = hf_live_out_ascii();

	for (size_t i = 0; i < r->nslos; i++) {
		const struct hf_slo_result *s = &r->slos[i];
		char target[48], value[48];

		hf_text_slo(s, target, value, sizeof(target));
		fputs("  ", out);
		hf_out_text(out, s->metric);
		fputc(' ', out);
		hf_out_text(out, s->op);
		fprintf(out, " %s: ", target);
		if (s->has_value)
			fprintf(out, "%s (%s)\n", s->result, value);
		else
			fprintf(out, "%s (not measured%s)\n", s->result,
				r->candidate_version ? " on the candidate" : ": no candidate");
		hf_live_print(out, s, ascii);
	}
}

/*
 * A registry whose last sync failed may hold the model: "not found" is
 * then no answer. Each such registry as a stale source (report.h), into *out.
 */
static void failing_registries(struct hf_store *store, struct hf_model_report *out)
{
	struct hf_sync_run *runs = NULL;
	size_t n = 0;

	if (hf_store_sync_latest(store, &runs, &n)) {
		hf_error_clear();
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!runs[i].ok && runs[i].type && !strcmp(runs[i].type, "mlflow"))
			hf_report_add_stale(out, &runs[i]);
	hf_sync_runs_free(runs, n);
}

int hf_report_fail_unknown(struct hf_store *store, const char *name, bool json)
{
	struct hf_model_report stale = { 0 };
	char **names = NULL;
	size_t n = 0;
	struct hf_strbuf msg = HF_STRBUF_INIT;
	char *err = xstrdup(hf_last_error());
	int rc;

	hf_strbuf_init(&msg);
	hf_strbuf_adds(&msg, err);
	if (hf_report_suggest(store, name, 3, &names, &n) == HF_OK && n) {
		hf_strbuf_adds(&msg, "; did you mean ");
		for (size_t i = 0; i < n; i++)
			hf_strbuf_addf(&msg, "%s'%s'", i ? (i + 1 == n ? " or " : ", ") : "", names[i]);
		hf_strbuf_adds(&msg, "?");
	} else {
		struct hf_sync_run *runs = NULL;
		size_t nruns = 0;
		char **all = NULL;
		size_t nall = 0;

		if (hf_store_sync_latest(store, &runs, &nruns) == HF_OK && !nruns)
			hf_strbuf_adds(&msg, " (nothing synced yet: run 'handoff sync')");
		else if (hf_report_names(store, false, &all, &nall) == HF_OK && nall)
			/* nothing near: the names there are, so the right one can be picked */
			hf_suggest_tail(&msg, name, (const char *const *)all, nall, "the pod's models", 10);
		hf_strv_free(all, nall);
		hf_sync_runs_free(runs, nruns);
	}
	failing_registries(store, &stale);
	if (json) {
		json_t *doc = json_object(), *sugg = json_array();

		json_object_set_new(doc, "model", hf_json_str(name));
		json_object_set_new(doc, "error", hf_json_str(err));
		for (size_t i = 0; i < n; i++)
			json_array_append_new(sugg, hf_json_str(names[i]));
		json_object_set_new(doc, "suggestions", sugg);
		json_object_set_new(doc, "stale", hf_report_json_stale(&stale));
		hf_out_json(stdout, doc);
	}
	fputs("handoff: error: ", stderr);
	hf_out_text(stderr, msg.buf);
	fputc('\n', stderr);
	if (stale.nstale) {
		fputs(stale.nstale == 1 ? "a registry could not be synced, so the model may be there:\n"
					: "registries could not be synced, so the model may be there:\n", stderr);
		hf_report_print_stale(stderr, &stale, "  ");
	}
	hf_model_report_clear(&stale);
	rc = HF_EXIT_ERROR;
	hf_strv_free(names, n);
	free(err);
	hf_strbuf_release(&msg);
	return rc;
}
