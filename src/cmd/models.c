/* models.c: `handoff models [--json]`: one line per model: stage, readiness, SLOs, candidate, owners */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "handoff/cmd.h"
#include "handoff/out.h"
#include "handoff/live_out.h"
#include "handoff/report.h"
#include "handoff/report_out.h"
#include "handoff/store.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

static void print_line(const struct hf_model_report *r, bool live)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char cell[96], dots[32];

	hf_strbuf_init(&sb);
	hf_out_cell(&sb, r->name, 18);
	hf_strbuf_addch(&sb, ' ');
	hf_report_stage_dots(r, dots, sizeof(dots));
	hf_strbuf_adds(&sb, dots);
	hf_strbuf_addch(&sb, ' ');
	hf_out_cell(&sb, r->stage, 12);
	snprintf(cell, sizeof(cell), "%d/%d", r->done, r->required);
	hf_strbuf_addf(&sb, " %6s %4.0f%% ", cell, r->score * 100.0);
	hf_report_slo_text(r, cell, sizeof(cell));
	hf_out_cell(&sb, cell, 10);
	hf_strbuf_addch(&sb, ' ');
	if (live) {
		hf_live_cell(&sb, r, 5);
		hf_strbuf_addch(&sb, ' ');
	}
	hf_report_candidate_text(r, cell, sizeof(cell));
	hf_out_cell(&sb, cell, 15);
	hf_strbuf_addch(&sb, ' ');
	hf_report_owners_text(r, cell, sizeof(cell));
	hf_out_cell(&sb, cell, 12);
	hf_strbuf_addch(&sb, ' ');
	if (r->ready)
		hf_strbuf_adds(&sb, "ready");
	else if (r->nblockers)
		hf_out_cell(&sb, hf_report_blocker_text(hf_report_first_blocker(r)), 30);
	/* trailing blanks are noise in a terminal and in diffs */
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		hf_strbuf_setlen(&sb, sb.len - 1);
	puts(sb.buf);
	hf_strbuf_release(&sb);
}

static int run_models(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	struct hf_model_report *reports;
	bool all = hf_args_has(args, "all");
	size_t n, outside = 0;
	enum hf_status rc;

	if (hf_ctx_store(ctx, &store))
		return hf_fail_last();
	rc = all ? hf_report_models_all(store, &reports, &n) : hf_report_models(store, &reports, &n);
	if (!rc && !all) {
		char **names;

		if (!(rc = hf_store_reg_outside_pod(store, 0, &names, &outside)))
			hf_strv_free(names, outside);
	}
	if (rc)
		return hf_fail_last();
	if (hf_args_has(args, "json")) {
		json_t *doc = json_object(), *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, hf_report_json_summary(&reports[i]));
		json_object_set_new(doc, "models", arr);
		hf_out_json(stdout, doc);
	} else if (!n && !outside) {
		puts("no models yet: add models/<name>/contract.json to the pod repository and run 'handoff sync'");
	} else {
		if (n) {
			/* the LIVE column once the pod checks SLOs in production */
			bool live = false;

			for (size_t i = 0; i < n; i++)
				live = live || reports[i].live_met + reports[i].live_missed +
						       reports[i].live_unknown;
			printf("%-18s %-7s %-12s %6s %5s %-10s %s%-15s %-12s %s\n", "MODEL", "STAGE", "",
			       "READY", "SCORE", "SLO", live ? "LIVE  " : "", "CANDIDATE", "OWNERS",
			       "BLOCKING");
			for (size_t i = 0; i < n; i++)
				print_line(&reports[i], live);
		}
		/* registry models no pod file names: counted here, listed by --all */
		if (outside)
			printf("%s%zu registered model%s not in the pod: 'handoff models --all' lists %s\n",
			       n ? "\n" : "", outside, outside == 1 ? "" : "s",
			       outside == 1 ? "it" : "them");
	}
	hf_model_reports_free(reports, n);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag models_flags[] = {
	{ "all", NULL, "also the registry's models that no pod file names" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_models = {
	"models", "[--all] [--json]", "the pod's models: stage, ready count, score, SLOs, candidate, owners",
	models_flags, 0, 0, run_models,
};
