/* check.c: `handoff check MODEL [--alias A | --version N] [--live] [--allow-stale] [--json]`: the deploy gate, exit 0 ready, 1 not, 2 error */
#include "config.h"

#include <stdio.h>

#include "handoff/cmd.h"
#include "handoff/compare.h"
#include "handoff/out.h"
#include "handoff/report.h"
#include "handoff/report_out.h"
#include "handoff/report_text.h"
#include "handoff/strbuf.h"

/*
 * The answer would rest on data a failed sync left behind (a registry that
 * could not be reached is not a model without a candidate): exit 2 and say
 * which source failed, how, and how old its data is.
 */
static int refuse_stale(struct hf_model_report *r, bool json)
{
	if (json) {
		json_t *doc = json_object();

		hf_report_json_gate(doc, r);
		json_object_set_new(doc, "judged", json_false());
		json_object_set_new(doc, "error", json_string("not judged: the last sync of a source of its data failed"));
		hf_out_json(stdout, doc);
	}
	fputs("handoff: error: ", stderr);
	hf_out_text(stderr, r->name);
	fputs(": not judged: the last sync of a source of its data failed\n", stderr);
	hf_report_print_stale(stderr, r, "  ");
	fputs("sync again ('handoff sync'), or give --allow-stale to judge on the data as it is\n", stderr);
	hf_model_report_clear(r);
	return HF_EXIT_ERROR;
}

static int run_check(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	struct hf_model_report r;
	struct hf_report_opts opts = { hf_args_get(args, "alias"), hf_args_get(args, "version") };
	const char *name = args->pos[0];
	bool json = hf_args_has(args, "json");
	bool allow_stale = hf_args_has(args, "allow-stale");
	enum hf_status rc;
	int exit_status;
	char cand[96];

	if (opts.alias && opts.version)
		return hf_fail("give --alias or --version, not both");
	if ((opts.alias && !*opts.alias) || (opts.version && !*opts.version))
		return hf_fail("--alias and --version need a value");
	if (hf_ctx_store(ctx, &store))
		return hf_fail_last();
	rc = hf_report_model_opts(store, name, &opts, &r);
	if (rc == HF_ENOTFOUND && !opts.alias && !opts.version)
		return hf_report_fail_unknown(store, name, json);
	if (rc)
		return hf_fail_last();
	if (r.in_registry && r.candidate_version && r.slo_unknown) {
		/* the version judged may be one whose run the sync did not fetch: bring it */
		const char *v = r.candidate_version;

		hf_ctx_runs_on_demand(ctx, store, r.registry_source, r.registry_name, &v, 1, false);
		hf_model_report_clear(&r);
		if ((rc = hf_report_model_opts(store, name, &opts, &r)))
			return hf_fail_last();
	}
	if (hf_args_has(args, "live"))
		hf_report_live_gate(&r);
	if (r.nstale && !allow_stale)
		return refuse_stale(&r, json);
	if (json) {
		json_t *doc = json_object();

		hf_report_json_gate(doc, &r);
		json_object_set_new(doc, "judged", json_true());
		hf_out_json(stdout, doc);
	} else {
		struct hf_strbuf ev = HF_STRBUF_INIT;

		hf_strbuf_init(&ev);
		hf_text_evidence(&r, &ev);
		hf_out_text(stdout, r.name);
		hf_report_candidate_text(&r, cand, sizeof(cand));
		printf(": %s (stage %s, %d/%d required items, ", r.ready ? "READY" : "NOT READY",
		       r.stage, r.done, r.required);
		hf_out_text(stdout, ev.buf);
		fputs(", candidate ", stdout);
		hf_out_text(stdout, cand);
		puts(")");
		hf_strbuf_release(&ev);
		if (r.nstale) {
			puts("judged on stale data (--allow-stale):");
			hf_report_print_stale(stdout, &r, "  ");
		}
		if (r.nslos) {
			puts("SLOs:");
			hf_report_print_slos(stdout, &r);
		}
		if (r.nblockers) {
			printf("blockers (%zu):\n", r.nblockers);
			hf_report_print_blockers(stdout, &r);
		}
	}
	exit_status = r.ready ? HF_EXIT_OK : HF_EXIT_NO;
	hf_model_report_clear(&r);
	return exit_status;
}

static const struct hf_cmd_flag check_flags[] = {
	{ "alias", "ALIAS", "judge the version this registry alias points at" },
	{ "version", "N", "judge this registered version" },
	{ "live", NULL, "a model already serving must also meet its live SLOs (production, from Prometheus)" },
	{ "allow-stale", NULL, "judge even when the last sync of a source of the model's data failed (else exit 2)" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_check = {
	"check", "MODEL [--alias A | --version N] [--live] [--allow-stale] [--json]",
	"readiness gate for CI: exit 0 ready, 1 not ready (blockers listed), 2 error or stale data",
	check_flags, 1, 1, run_check,
};
