/* show.c: `handoff show MODEL [--json]`: everything about one model */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/compare.h"
#include "handoff/out.h"
#include "handoff/report.h"
#include "handoff/report_out.h"
#include "handoff/report_text.h"
#include "handoff/sanitize.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

#define ACTIVITY_LIMIT 10

/* The registry keeps no history of aliases; handoff records every move it sees at a sync. */
struct alias_history {
	struct hf_reg_alias_move *moves;	/* oldest first */
	size_t n;
	bool asked;				/* --at given */
	int64_t at;
};

/* Where `alias` pointed at h->at: the last move of it at or before then (NULL: nowhere). */
static const char *alias_at(const struct alias_history *h, const char *alias, bool *known)
{
	const char *version = NULL;

	*known = false;
	for (size_t i = 0; i < h->n && h->moves[i].at <= h->at; i++) {
		if (strcmp(h->moves[i].alias, alias) == 0) {
			version = h->moves[i].version;
			*known = true;
		}
	}
	return version;
}

/* Each alias once, in the order it first appears in the history. */
static bool first_of_alias(const struct alias_history *h, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(h->moves[j].alias, h->moves[i].alias) == 0)
			return false;
	return true;
}

static json_t *history_json(const struct alias_history *h)
{
	json_t *doc = json_object(), *moves = json_array();

	for (size_t i = 0; i < h->n; i++) {
		json_t *o = json_object();
		char at[32];

		hf_time_format(h->moves[i].at, at, sizeof(at));
		json_object_set_new(o, "alias", hf_json_str(h->moves[i].alias));
		json_object_set_new(o, "version", hf_json_str(h->moves[i].version));
		json_object_set_new(o, "at", json_string(at));
		json_array_append_new(moves, o);
	}
	json_object_set_new(doc, "moves", moves);
	if (h->asked) {
		json_t *aliases = json_object();
		char at[32];

		for (size_t i = 0; i < h->n; i++) {
			bool known;
			const char *v;

			if (!first_of_alias(h, i))
				continue;
			v = alias_at(h, h->moves[i].alias, &known);
			if (known)
				json_object_set_new(aliases, h->moves[i].alias, hf_json_str(v));
		}
		hf_time_format(h->at, at, sizeof(at));
		json_object_set_new(doc, "at", json_string(at));
		json_object_set_new(doc, "aliases", aliases);
	}
	return doc;
}

static void history_text(const struct alias_history *h)
{
	char at[32];

	if (!h->n)
		return;
	puts("alias history:");
	for (size_t i = 0; i < h->n; i++) {
		hf_time_format(h->moves[i].at, at, sizeof(at));
		printf("  %s  ", at);
		hf_out_text(stdout, h->moves[i].alias);
		fputs(h->moves[i].version ? " -> v" : " removed", stdout);
		if (h->moves[i].version)
			hf_out_text(stdout, h->moves[i].version);
		putchar('\n');
	}
	if (!h->asked)
		return;
	hf_time_format(h->at, at, sizeof(at));
	printf("aliases at %s:\n", at);
	for (size_t i = 0; i < h->n; i++) {
		bool known;
		const char *v;

		if (!first_of_alias(h, i))
			continue;
		v = alias_at(h, h->moves[i].alias, &known);
		fputs("  ", stdout);
		hf_out_text(stdout, h->moves[i].alias);
		if (!known) {
			puts(": not seen yet");
		} else if (!v) {
			puts(": not set");
		} else {
			fputs(" -> v", stdout);
			hf_out_text(stdout, v);
			putchar('\n');
		}
	}
}

static json_t *strv_json(char **v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, hf_json_str(v[i]));
	return arr;
}

static json_t *show_json(const struct hf_model_report *r, const struct hf_activity *act, size_t nact,
			 const struct alias_history *h)
{
	json_t *doc = json_object(), *o, *arr;

	hf_report_json_gate(doc, r);
	json_object_set_new(doc, "stage_index", json_integer(r->stage_index));
	json_object_set_new(doc, "pod_files", json_boolean(r->has_pod_files));
	o = json_object();
	json_object_set_new(o, "present", json_boolean(r->has_card));
	json_object_set_new(o, "missing", strv_json(r->card_missing, r->ncard_missing));
	json_object_set_new(o, "empty", strv_json(r->card_empty, r->ncard_empty));
	json_object_set_new(doc, "card", o);
	o = json_object();
	json_object_set_new(o, "present", json_boolean(r->has_contract));
	json_object_set_new(o, "valid", json_boolean(r->contract_valid));
	json_object_set_new(o, "error", hf_json_str(r->contract_error));
	json_object_set_new(doc, "contract", o);
	o = json_object();
	json_object_set_new(o, "source", hf_json_str(r->registry_source));
	json_object_set_new(o, "name", hf_json_str(r->registry_name));
	json_object_set_new(o, "found", json_boolean(r->in_registry));
	/* found false with stale true: not in what the last good sync read, which may be old or nothing */
	json_object_set_new(o, "stale", json_boolean(r->registry_stale));
	json_object_set_new(doc, "registry", o);
	arr = json_array();
	for (size_t i = 0; i < r->ncategories; i++) {
		o = json_object();
		json_object_set_new(o, "category", hf_json_str(r->categories[i].category));
		json_object_set_new(o, "score", json_real((double)(long)(r->categories[i].score * 100 + 0.5) / 100));
		json_object_set_new(o, "items", json_integer(r->categories[i].items));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "categories", arr);
	arr = json_array();
	for (size_t i = 0; i < r->nitems; i++) {
		const struct hf_report_item *it = &r->items[i];

		o = json_object();
		json_object_set_new(o, "id", hf_json_str(it->id));
		json_object_set_new(o, "title", hf_json_str(it->title));
		json_object_set_new(o, "category", hf_json_str(it->category));
		json_object_set_new(o, "role", hf_json_str(it->role));
		json_object_set_new(o, "stage", hf_json_str(it->stage));
		json_object_set_new(o, "required", json_boolean(it->required));
		json_object_set_new(o, "auto", hf_json_str(it->rule));
		json_object_set_new(o, "state", hf_json_str(it->state));
		json_object_set_new(o, "by", hf_json_str(it->by));
		json_object_set_new(o, "at", hf_json_str(it->at));
		json_object_set_new(o, "evidence", hf_json_str(it->evidence));
		json_object_set_new(o, "reason", hf_json_str(it->reason));
		json_object_set_new(o, "until", hf_json_str(it->until));
		json_object_set_new(o, "note", hf_json_str(it->note));
		json_object_set_new(o, "pending", json_boolean(it->pending));
		json_object_set_new(o, "credit", json_real(it->credit));
		json_array_append_new(arr, o);
	}
	o = json_object();
	json_object_set_new(o, "name", hf_json_str(r->checklist));
	json_object_set_new(o, "items", arr);
	json_object_set_new(o, "unknown_items", strv_json(r->unknown_items, r->nunknown_items));
	json_object_set_new(doc, "checklist", o);
	arr = json_array();
	for (size_t i = 0; i < r->nversions; i++) {
		const struct hf_report_version *v = &r->versions[i];
		char at[32];

		o = json_object();
		json_object_set_new(o, "version", hf_json_str(v->version));
		json_object_set_new(o, "stage", hf_json_str(v->stage));
		json_object_set_new(o, "aliases", strv_json(v->aliases, v->naliases));
		hf_time_format(v->created, at, sizeof(at));
		json_object_set_new(o, "created", v->created ? json_string(at) : json_null());
		json_object_set_new(o, "candidate", json_boolean(v->candidate));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "versions", arr);
	arr = json_array();
	for (size_t i = 0; i < nact; i++) {
		char at[32];

		o = json_object();
		hf_time_format(act[i].at, at, sizeof(at));
		json_object_set_new(o, "at", json_string(at));
		json_object_set_new(o, "source", hf_json_str(act[i].source));
		json_object_set_new(o, "kind", hf_json_str(act[i].kind));
		json_object_set_new(o, "actor", hf_json_str(act[i].actor));
		json_object_set_new(o, "summary", hf_json_str(act[i].summary));
		json_object_set_new(o, "ref", hf_json_str(act[i].ref));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "activity", arr);
	json_object_set_new(doc, "alias_history", history_json(h));
	return doc;
}

static void print_list(const char *label, char **v, size_t n)
{
	if (!n)
		return;
	fputs(label, stdout);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", stdout);
		hf_out_text(stdout, v[i]);
	}
}

static void print_items(const struct hf_model_report *r)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	const char *stage = NULL;

	hf_strbuf_init(&sb);
	printf("checklist (");
	hf_out_text(stdout, r->checklist);
	puts("):");
	for (size_t i = 0; i < r->nitems; i++) {
		const struct hf_report_item *it = &r->items[i];
		const char *mark = strcmp(it->state, "waived") == 0 ? "[~]" : it->complete ? "[x]" : "[ ]";

		if (!stage || strcmp(stage, it->stage) != 0) {
			stage = it->stage;
			fputs("  ", stdout);
			hf_out_text(stdout, stage);
			putchar('\n');
		}
		hf_strbuf_reset(&sb);
		hf_strbuf_addf(&sb, "    %s ", mark);
		hf_out_cell(&sb, it->id, 20);
		hf_strbuf_addch(&sb, ' ');
		hf_out_cell(&sb, it->title, 46);
		hf_strbuf_addch(&sb, ' ');
		fputs(sb.buf, stdout);
		if (strcmp(it->state, "waived") == 0) {
			fputs("waived", stdout);
			if (it->by) {
				fputs(" by ", stdout);
				hf_out_text(stdout, it->by);
			}
			fputs(": ", stdout);
			hf_out_text(stdout, it->reason);
			if (it->until) {
				fputs(" (until ", stdout);
				hf_out_text(stdout, it->until);
				putchar(')');
			}
		} else if (it->rule) {
			fputs("auto", stdout);
			if (!it->complete && it->reason) {
				fputs(": ", stdout);
				hf_out_text(stdout, it->reason);
			}
		} else if (it->complete) {
			hf_out_text(stdout, it->by ? it->by : "?");
			if (it->at) {
				putchar(' ');
				hf_out_text(stdout, it->at);
			}
			if (it->evidence) {
				putchar(' ');
				hf_out_text(stdout, it->evidence);
			} else {
				fputs(" (no evidence)", stdout);
			}
		} else {
			fputs("open (", stdout);
			hf_out_text(stdout, it->role);
			putchar(')');
		}
		if (!it->required)
			fputs(" [optional]", stdout);
		if (it->pending)
			fputs(" [pending]", stdout);
		if (it->note) {
			fputs(" -- ", stdout);
			hf_out_text(stdout, it->note);
		}
		putchar('\n');
	}
	hf_strbuf_release(&sb);
}

static void show_text(const struct hf_model_report *r, const struct hf_activity *act, size_t nact,
		      const struct alias_history *h,
		      const struct hf_reg_model *reg)
{
	char buf[128];

	struct hf_strbuf ev = HF_STRBUF_INIT;

	hf_strbuf_init(&ev);
	hf_text_evidence(r, &ev);
	hf_out_text(stdout, r->name);
	hf_report_stage_dots(r, buf, sizeof(buf));
	printf("  %s %s  %d/%d required, ", buf, r->stage, r->done, r->required);
	hf_out_text(stdout, ev.buf);
	printf("  %s\n", r->ready ? "READY" : "NOT READY");
	hf_strbuf_release(&ev);
	hf_report_owners_text(r, buf, sizeof(buf));
	fputs("owners: ", stdout);
	hf_out_text(stdout, buf);
	fputs(" (research \xE2\x86\x92 engineering)\n", stdout);
	fputs("registry: ", stdout);
	hf_out_text(stdout, r->registry_name);
	if (r->registry_source) {
		fputs(" in ", stdout);
		hf_out_text(stdout, r->registry_source);
	}
	if (!r->in_registry && r->registry_stale)
		fputs(" (not in what the registry last gave: it could not be synced, see below)", stdout);
	else if (!r->in_registry)
		fputs(" (not registered)", stdout);
	hf_report_candidate_text(r, buf, sizeof(buf));
	fputs("; candidate ", stdout);
	hf_out_text(stdout, buf);
	if (r->candidate_how) {
		fputs(" (by ", stdout);
		hf_out_text(stdout, r->candidate_how);
		putchar(')');
	}
	putchar('\n');
	if (r->nstale) {
		puts("stale data:");
		hf_report_print_stale(stdout, r, "  ");
	}
	fputs("contract: ", stdout);
	if (!r->has_contract)
		puts("none (models/<model>/contract.json)");
	else if (!r->contract_valid) {
		fputs("invalid: ", stdout);
		hf_out_text(stdout, r->contract_error);
		putchar('\n');
	} else
		puts("valid");
	fputs("model card: ", stdout);
	if (!r->has_card)
		fputs("none (models/<model>/MODEL_CARD.md)", stdout);
	else if (!r->ncard_missing && !r->ncard_empty)
		fputs("complete", stdout);
	print_list("missing: ", r->card_missing, r->ncard_missing);
	print_list(r->ncard_missing ? "; empty: " : "empty: ", r->card_empty, r->ncard_empty);
	putchar('\n');
	if (r->ncategories) {
		fputs("evidence by category:", stdout);
		for (size_t i = 0; i < r->ncategories; i++) {
			char pct[16];

			hf_text_share(r->categories[i].score, pct, sizeof(pct));
			printf("%s ", i ? "," : "");
			hf_out_text(stdout, r->categories[i].category);
			printf(" %s", pct);
		}
		putchar('\n');
	}
	if (r->nslos) {
		puts("SLOs:");
		hf_report_print_slos(stdout, r);
	}
	print_items(r);
	print_list("readiness.json ticks items the checklist lacks (typo?): ", r->unknown_items,
		   r->nunknown_items);
	if (r->nunknown_items)
		putchar('\n');
	if (r->nblockers) {
		printf("blockers (%zu):\n", r->nblockers);
		hf_report_print_blockers(stdout, r);
	}
	if (r->nversions) {
		puts("versions:");
		for (size_t i = 0; i < r->nversions; i++) {
			const struct hf_report_version *v = &r->versions[i];
			const struct hf_reg_version *rv;
			char at[32] = "";

			if (v->created)
				hf_date_format(v->created, at, sizeof(at));
			fputs("  v", stdout);
			hf_out_text(stdout, v->version);
			printf("  %-10s ", at);
			if (v->stage)
				hf_out_text(stdout, v->stage);
			print_list("  ", v->aliases, v->naliases);
			if (v->candidate)
				fputs("  \xE2\x86\x90 candidate", stdout);
			putchar('\n');
			/* the figures of the candidate and the aliased versions: their runs' metrics */
			if ((v->candidate || v->naliases) && reg &&
			    (rv = hf_reg_model_version(reg, v->version)) && rv->nmetrics) {
				for (size_t k = 0; k < rv->nmetrics; k++) {
					fputs(k ? ", " : "      run metrics: ", stdout);
					hf_out_text(stdout, rv->metrics[k].key);
					printf(" %g", rv->metrics[k].value);
				}
				putchar('\n');
			}
		}
	}
	history_text(h);
	if (nact) {
		puts("recent activity:");
		for (size_t i = 0; i < nact; i++) {
			char at[32];

			hf_time_format(act[i].at, at, sizeof(at));
			printf("  %s  ", at);
			hf_out_text(stdout, act[i].kind);
			fputs("  ", stdout);
			if (act[i].actor) {
				hf_out_text(stdout, act[i].actor);
				fputs(": ", stdout);
			}
			hf_out_text(stdout, act[i].summary);
			putchar('\n');
		}
	}
}

/* name as one shell word: as it is when plain, else in single quotes ('\'' for a quote). */
static char *shell_word(const char *name)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	bool plain = *name != '\0';

	for (const char *p = name; *p && plain; p++)
		plain = isalnum((unsigned char)*p) || strchr("._/-+:@", *p);
	if (plain)
		return xstrdup(name);
	hf_strbuf_init(&sb);
	hf_strbuf_addch(&sb, '\'');
	for (const char *p = name; *p; p++) {
		if (*p == '\'')
			hf_strbuf_adds(&sb, "'\\''");
		else
			hf_strbuf_addch(&sb, *p);
	}
	hf_strbuf_addch(&sb, '\'');
	return hf_strbuf_detach(&sb);
}

/* Whether a version opening the model shows has a run no sync fetched (compare.h). */
static bool run_not_fetched(struct hf_store *store, const struct hf_model_report *r)
{
	char **versions = NULL;
	size_t n = 0;

	if (hf_report_runs_to_fetch(store, r, &versions, &n)) {
		hf_error_clear();
		return false;
	}
	hf_strv_free(versions, n);
	return n > 0;
}

/*
 * Opening a model the pod does not name fetches the runs of its candidate
 * and aliased versions, which no sync fetches (compare.h); then the report
 * again with their figures. A failure is a warning: what is stored is shown.
 */
static enum hf_status fetch_on_open(struct hf_ctx *ctx, struct hf_store *store, const char *name,
				    struct hf_model_report *r)
{
	const struct hf_conf *conf = NULL;
	size_t fetched = 0;

	if (!run_not_fetched(store, r))
		return HF_OK;
	if (hf_ctx_conf(ctx, &conf)) {
		hf_error_clear();	/* no configuration (the demo, a copied database) */
		return HF_OK;
	}
	if (hf_model_open_fetch(store, conf, NULL, name, &fetched)) {
		char *msg = hf_sanitize(hf_last_error(), 0), *clean = hf_sanitize(r->registry_name, 0);

		hf_warn("could not fetch the run of '%s': %s (showing what is stored)", clean, msg);
		free(clean);
		free(msg);
		return HF_OK;
	}
	if (!fetched)
		return HF_OK;
	hf_model_report_clear(r);
	return hf_report_model(store, name, r);
}

static int run_show(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	struct hf_model_report r;
	struct hf_activity *act = NULL;
	size_t nact = 0;
	const char *name = args->pos[0];
	const char *at = hf_args_get(args, "at");
	bool json = hf_args_has(args, "json");
	struct alias_history h = { NULL, 0, at != NULL, 0 };
	struct hf_reg_model reg = { 0 };
	bool has_reg = false;
	enum hf_status rc;

	if (at && hf_time_parse(at, &h.at))
		return hf_fail("--at: %s", hf_last_error());
	if (hf_ctx_store(ctx, &store))
		return hf_fail_last();
	rc = hf_report_model(store, name, &r);
	if (rc == HF_ENOTFOUND)
		return hf_report_fail_unknown(store, name, json);
	if (rc || (rc = fetch_on_open(ctx, store, name, &r)))
		return hf_fail_last();
	has_reg = r.in_registry &&
		  !hf_store_reg_model_get(store, r.registry_source, r.registry_name, &reg);
	hf_error_clear();
	if (hf_store_activity_list(store, name, 0, ACTIVITY_LIMIT, &act, &nact) ||
	    hf_store_reg_alias_history(store, r.registry_name ? r.registry_name : name, &h.moves, &h.n)) {
		hf_activity_free(act, nact);
		hf_model_report_clear(&r);
		hf_reg_model_clear(&reg);
		return hf_fail_last();
	}
	if (json)
		hf_out_json(stdout, show_json(&r, act, nact, &h));
	else
		show_text(&r, act, nact, &h, has_reg ? &reg : NULL);
	if (!json && !r.has_pod_files && run_not_fetched(store, &r)) {
		/* the fetch on opening failed (or there is no configuration): how to fetch them */
		char *arg = shell_word(r.registry_name);

		fputs("\nruns not fetched: a sync fetches the runs of the pod's models; this fetches "
		      "this model's: handoff sync --model ", stdout);
		hf_out_text(stdout, arg);
		putchar('\n');
		free(arg);
	}
	hf_reg_alias_moves_free(h.moves, h.n);
	hf_activity_free(act, nact);
	hf_model_report_clear(&r);
	hf_reg_model_clear(&reg);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag show_flags[] = {
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ "at", "TIME", "also say where each alias pointed at TIME (ISO 8601)" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_show = {
	"show", "MODEL [--at TIME] [--json]",
	"everything about one model: stage, checklist, SLOs, card, versions, activity",
	show_flags, 1, 1, run_show,
};
