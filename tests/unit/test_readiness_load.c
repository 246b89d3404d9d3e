/* test_readiness_load.c: contract/readiness/card/checklist files through hf_podfile_load into a real store, judged by the report layer */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "handoff/checklist.h"
#include "handoff/paths.h"
#include "handoff/podfile.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store.h"
#include "handoff/store_models.h"
#include "handoff/store_registry.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

static void load(struct hf_store *store, const char *path, const char *text)
{
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_podfile_load(store, "pod", path, text, strlen(text)), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
}

/* The problems recorded, one "path|field|message" per line with E or W first. */
static char *problems(struct hf_store *store)
{
	struct hf_problem *p;
	size_t n;
	char *out = xstrdup(""), *next;

	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	for (size_t i = 0; i < n; i++) {
		next = xasprintf("%s%c %s|%s|%s\n", out, p[i].severity == HF_PROBLEM_ERROR ? 'E' : 'W',
				 p[i].path, p[i].field ? p[i].field : "", p[i].message);
		free(out);
		out = next;
	}
	hf_problems_free(p, n);
	return out;
}

static const char design_contract[] =
	"{ \"registry\": {\"source\": \"registry\", \"candidate\": \"challenger\"},"
	"  \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
	"  \"inputs\":  [{\"name\": \"amount\", \"dtype\": \"float32\", \"shape\": [1]}],"
	"  \"outputs\": [{\"name\": \"score\",  \"dtype\": \"float32\", \"range\": [0, 1]}],"
	"  \"slos\": [ {\"metric\": \"latency_p99_ms\", \"op\": \"<=\", \"target\": 50},"
	"            {\"metric\": \"throughput_rps\", \"op\": \">=\", \"target\": 800},"
	"            {\"metric\": \"auc\",            \"op\": \">=\", \"target\": 0.91} ] }";

static void design_contract_loads(void **state)
{
	char *path, *probs;
	struct hf_store *store = hf_test_store_open("hf-ready", &path);
	struct hf_contract c;

	load(store, "models/fraud-detector/contract.json", design_contract);
	probs = problems(store);
	assert_string_equal(probs, "");
	free(probs);
	assert_int_equal(hf_store_contract_get(store, "fraud-detector", &c), HF_OK);
	assert_string_equal(c.registry_source, "registry");
	assert_string_equal(c.registry_name, "fraud-detector");	/* defaults to the folder */
	assert_string_equal(c.candidate, "challenger");
	assert_string_equal(c.owner_research, "ana");
	assert_int_equal(c.nslos, 3);
	assert_string_equal(c.slos[1].metric, "throughput_rps");
	assert_string_equal(c.slos[1].op, ">=");
	assert_true(c.slos[2].target == 0.91);
	hf_contract_clear(&c);
	assert_int_equal(hf_store_contract_get(store, "ranker", &c), HF_ENOTFOUND);

	/* once the pod names its members, an owner outside it makes the contract item fail */
	struct hf_model_report r;

	load(store, "pod.json", "{\"name\": \"p\", \"members\": ["
	     "{\"handle\": \"ana\", \"role\": \"research\"}, {\"handle\": \"rj\", \"role\": \"engineering\"}]}");
	assert_int_equal(hf_report_model(store, "fraud-detector", &r), HF_OK);
	assert_false(r.contract_valid);
	assert_string_equal(r.contract_error, "owners.engineering: 'raj' is not a member of the pod");
	assert_string_equal(r.blockers[0].item, "contract.valid");
	assert_string_equal(r.blockers[0].reason,
			    "contract invalid: owners.engineering: 'raj' is not a member of the pod");
	hf_model_report_clear(&r);
	hf_test_store_close(store, path);
}

static void bad_contracts_name_the_field(void **state)
{
	static const struct {
		const char *json;
		const char *want;
	} cases[] = {
		{ "{\"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"}}",
		  "E models/m/contract.json|slos|missing required field 'slos'\n" },
		{ "{\"owners\": {\"research\": \"ana\"}, \"slos\": []}",
		  "E models/m/contract.json|owners.engineering|missing required field 'owners.engineering'\n" },
		{ "{\"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"}, \"slos\": []}",
		  "E models/m/contract.json|slos|no SLO agreed\n" },
		{ "{\"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
		  " \"slos\": [{\"metric\": \"auc\", \"op\": \"=>\", \"target\": 1}]}",
		  "E models/m/contract.json|slos[0].op|unknown operator '=>' (use <=, <, >=, > or ==)\n" },
		{ "{\"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
		  " \"slos\": [{\"metric\": \"auc\", \"op\": \">=\", \"target\": \"high\"}]}",
		  "E models/m/contract.json|slos[0].target|'slos[0].target' must be a number, not a string\n" },
		{ "{\"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"}, \"sloz\": 1,"
		  " \"slos\": [{\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.9}]}",
		  "W models/m/contract.json|sloz|unknown field 'sloz' (kept, ignored)\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path, *probs;
		struct hf_store *store = hf_test_store_open("hf-ready", &path);
		struct hf_model_report r;

		load(store, "models/m/contract.json", cases[i].json);
		probs = problems(store);
		if (strcmp(probs, cases[i].want) != 0)
			fail_msg("case %zu: got [%s] want [%s]", i, probs, cases[i].want);
		free(probs);
		/* the model still shows up, its contract item open with the reason */
		assert_int_equal(hf_report_model(store, "m", &r), HF_OK);
		assert_true(r.has_contract);
		assert_true(r.has_pod_files);
		if (cases[i].want[0] == 'E') {
			assert_false(r.contract_valid);
			assert_non_null(r.contract_error);
			assert_string_equal(r.stage, "research");
			assert_string_equal(r.blockers[0].item, "contract.valid");
		} else {
			assert_true(r.contract_valid);
		}
		hf_model_report_clear(&r);
		hf_test_store_close(store, path);
	}
}

static void readiness_states_and_errors(void **state)
{
	static const struct {
		const char *json;
		const char *want;
	} cases[] = {
		{ "{\"items\": {\"canary.plan\": {\"state\": \"waived\", \"by\": \"ana\"}}}",
		  "E models/m/readiness.json|items.canary.plan.reason|a waived item needs a reason\n" },
		{ "{\"items\": {\"canary.plan\": {\"state\": \"finished\"}}}",
		  "E models/m/readiness.json|items.canary.plan.state|state 'finished' must be done, waived or todo\n" },
		{ "{\"items\": {\"x\": {\"state\": \"done\", \"by\": \"ana\", \"at\": \"yesterday\"}}}",
		  "E models/m/readiness.json|items.x.at|'items.x' must be a date such as 2026-11-20, not 'yesterday'\n" },
		{ "{\"extra\": [{\"id\": \"privacy review\", \"title\": \"t\", \"owner\": \"shared\", \"stage\": \"validation\"}]}",
		  "E models/m/readiness.json|extra[0].id|item id 'privacy review' must be one word without spaces\n" },
		{ "{\"extra\": [{\"id\": \"p\", \"title\": \"t\", \"owner\": \"legal\", \"stage\": \"validation\"}]}",
		  "E models/m/readiness.json|extra[0].owner|'legal' must be research, engineering or shared\n" },
		{ "{\"extra\": [{\"id\": \"p\", \"title\": \"t\", \"owner\": \"shared\", \"stage\": \"prod\"}]}",
		  "E models/m/readiness.json|extra[0].stage|unknown stage 'prod' (research, contract, hand-off, validation, optimisation, serving, monitoring)\n" },
		{ "{\"extra\": [{\"id\": \"p\", \"title\": \"t\", \"owner\": \"shared\", \"stage\": \"serving\", \"auto\": \"magic\"}]}",
		  "E models/m/readiness.json|extra[0].auto|unknown rule 'magic' (contract, card, candidate, slos, eval-metrics, oncall)\n" },
		{ "{\"items\": {\"x\": {\"state\": \"done\"}}}",
		  "W models/m/readiness.json|items.x.by|done without saying by whom\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path, *probs;
		struct hf_store *store = hf_test_store_open("hf-ready", &path);

		load(store, "models/m/readiness.json", cases[i].json);
		probs = problems(store);
		if (strcmp(probs, cases[i].want) != 0)
			fail_msg("case %zu: got [%s] want [%s]", i, probs, cases[i].want);
		free(probs);
		hf_test_store_close(store, path);
	}
}

static const struct hf_report_item *item(const struct hf_model_report *r, const char *id)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].id, id) == 0)
			return &r->items[i];
	return NULL;
}

static void pod_checklist_and_model_items(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-ready", &path);
	struct hf_model_report r;
	const struct hf_report_item *it;

	load(store, "models/m/contract.json", design_contract);
	/* the shipped default first */
	assert_int_equal(hf_report_model(store, "m", &r), HF_OK);
	assert_string_equal(r.checklist, "default");
	assert_int_equal(r.nitems, 20);
	assert_int_equal(r.required, 19);
	assert_string_equal(r.stage, "research");	/* contract valid, but data.sources (same gate) open */
	assert_false(r.ready);
	assert_int_equal(r.nunknown_items, 0);
	hf_model_report_clear(&r);

	/* the pod replaces it with its own, the model adds one and overrides one */
	load(store, "checklists/lean.json",
	     "{\"name\": \"lean\", \"items\": ["
	     " {\"id\": \"contract.valid\", \"title\": \"Contract\", \"category\": \"process\", \"owner\": \"shared\", \"stage\": \"contract\", \"auto\": \"contract\"},"
	     " {\"id\": \"rollback.plan\", \"title\": \"Rollback\", \"category\": \"infrastructure\", \"owner\": \"engineering\", \"stage\": \"serving\"}]}");
	load(store, "models/m/readiness.json",
	     "{\"checklist\": \"lean\", \"items\": {\"rollback.plan\": {\"state\": \"done\", \"by\": \"raj\","
	     " \"at\": \"2026-11-20\", \"evidence\": \"https://ci/1\"},"
	     " \"privacy.review\": {\"state\": \"waived\", \"by\": \"ana\", \"reason\": \"no personal data\"},"
	     " \"rollbak.plan\": {\"state\": \"done\", \"by\": \"raj\"}},"
	     " \"extra\": [{\"id\": \"privacy.review\", \"title\": \"Privacy review\", \"category\": \"process\","
	     " \"owner\": \"shared\", \"stage\": \"validation\"},"
	     " {\"id\": \"rollback.plan\", \"title\": \"Rollback drill\", \"category\": \"infrastructure\","
	     " \"owner\": \"engineering\", \"stage\": \"serving\", \"required\": false}]}");
	assert_int_equal(hf_report_model(store, "m", &r), HF_OK);
	assert_string_equal(r.checklist, "lean");
	assert_int_equal(r.nitems, 3);
	assert_int_equal(r.required, 2);
	assert_string_equal(r.items[1].id, "privacy.review");	/* in stage order, not appended */
	it = item(&r, "rollback.plan");
	assert_non_null(it);
	assert_string_equal(it->title, "Rollback drill");
	assert_false(it->required);
	assert_string_equal(it->by, "raj");
	assert_string_equal(it->evidence, "https://ci/1");
	assert_true(it->credit == 0.5);
	it = item(&r, "privacy.review");
	assert_string_equal(it->state, "waived");
	assert_string_equal(it->reason, "no personal data");
	assert_int_equal(r.nunknown_items, 1);
	assert_string_equal(r.unknown_items[0], "rollbak.plan");
	assert_true(r.ready == false);	/* no candidate: SLOs unknown */
	assert_int_equal(r.slo_unknown, 3);
	assert_string_equal(r.stage, "monitoring");	/* every gate of this small checklist is passed */
	hf_model_report_clear(&r);
	hf_test_store_close(store, path);
}

static void registry_models_and_candidates(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-ready", &path);
	struct hf_reg_metric m7[] = { { .key = "latency_p99_ms", .value = 62 },
				      { .key = "auc", .value = 0.93 } };
	struct hf_reg_metric m6[] = { { .key = "latency_p99_ms", .value = 41 }, { .key = "auc", .value = 0.92 },
				      { .key = "throughput_rps", .value = 950 } };
	struct hf_reg_tag t7[] = { { "throughput_rps", "900" } };
	struct hf_reg_version fv[] = {
		{ .version = "7", .stage = "Staging", .run_id = "r7", .created = 1795945200, .tags = t7,
		  .ntags = 1, .metrics = m7, .nmetrics = 2 },
		{ .version = "6", .stage = "Production", .run_id = "r6", .created = 1795940000,
		  .metrics = m6, .nmetrics = 3 },
	};
	struct hf_reg_alias fa[] = { { "challenger", "7" }, { "champion", "6" } };
	struct hf_reg_version iv[] = { { .version = "1", .stage = "None", .run_id = "r1" } };
	struct hf_reg_model models[] = {
		{ .source = "registry", .name = "fraud-detector", .aliases = fa, .naliases = 2,
		  .versions = fv, .nversions = 2 },
		{ .source = "registry", .name = "image-embedder", .versions = iv, .nversions = 1 },
	};
	struct hf_model_report r, *all;
	size_t n;
	char **names;

	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", models, 2, 1795945300, NULL), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	load(store, "models/fraud-detector/contract.json", design_contract);

	assert_int_equal(hf_report_model(store, "fraud-detector", &r), HF_OK);
	assert_string_equal(r.candidate_version, "7");
	assert_string_equal(r.candidate_alias, "challenger");
	assert_string_equal(r.candidate_how, "alias");
	assert_int_equal(r.slo_met, 2);	/* throughput from the version tag, auc */
	assert_int_equal(r.slo_missed, 1);
	assert_string_equal(r.slos[0].result, "missed");
	assert_true(r.slos[0].value == 62);
	assert_true(r.slos[1].has_value && r.slos[1].value == 900);
	assert_int_equal(r.nversions, 2);
	assert_true(r.versions[0].candidate);
	assert_string_equal(r.versions[1].aliases[0], "champion");
	hf_model_report_clear(&r);

	/* --version 6 meets every SLO; --alias champion is the same version */
	struct hf_report_opts by_version = { NULL, "6" }, by_alias = { "champion", NULL }, bad = { "nope", NULL };
	assert_int_equal(hf_report_model_opts(store, "fraud-detector", &by_version, &r), HF_OK);
	assert_int_equal(r.slo_met, 3);
	assert_string_equal(r.candidate_how, "version");
	assert_string_equal(r.candidate_alias, "champion");
	hf_model_report_clear(&r);
	assert_int_equal(hf_report_model_opts(store, "fraud-detector", &by_alias, &r), HF_OK);
	assert_string_equal(r.candidate_version, "6");
	hf_model_report_clear(&r);
	assert_int_equal(hf_report_model_opts(store, "fraud-detector", &bad, &r), HF_ENOTFOUND);

	/* registry-only: research stage, no owners */
	assert_int_equal(hf_report_model(store, "image-embedder", &r), HF_OK);
	assert_false(r.has_pod_files);
	assert_string_equal(r.stage, "research");
	assert_null(r.owner_research);
	assert_string_equal(r.candidate_version, "1");
	hf_model_report_clear(&r);
	assert_int_equal(hf_report_model(store, "nothing", &r), HF_ENOTFOUND);

	/* the pod's models by default; with the registry's, models --all */
	assert_int_equal(hf_report_models(store, &all, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(all[0].name, "fraud-detector");
	hf_model_reports_free(all, n);
	assert_int_equal(hf_report_models_all(store, &all, &n), HF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(all[0].name, "fraud-detector");
	assert_string_equal(all[1].name, "image-embedder");
	hf_model_reports_free(all, n);

	assert_int_equal(hf_report_suggest(store, "fraud-detectr", 3, &names, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "fraud-detector");
	free(names[0]);
	free(names);
	assert_int_equal(hf_report_suggest(store, "fraud", 3, &names, &n), HF_OK);
	assert_int_equal(n, 1);
	free(names[0]);
	free(names);
	assert_int_equal(hf_report_suggest(store, "zzzzzzzz", 3, &names, &n), HF_OK);
	assert_int_equal(n, 0);
	free(names);
	hf_test_store_close(store, path);
}

/*
 * A checklist with several "auto": "slos" items and a candidate missing
 * every SLO: each SLO blocks once, at the earliest stage such an item gates
 * (this overflowed the blockers' stage array when each item added them all).
 */
static void several_slo_items_block_once(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-ready", &path);
	struct hf_reg_metric m[] = { { .key = "latency_p99_ms", .value = 90 }, { .key = "auc", .value = 0.5 } };
	struct hf_reg_version v[] = { { .version = "3", .stage = "Staging", .run_id = "r3",
					.metrics = m, .nmetrics = 2 } };
	struct hf_reg_alias a[] = { { "challenger", "3" } };
	struct hf_reg_model reg[] = { { .source = "registry", .name = "m", .aliases = a, .naliases = 1,
					.versions = v, .nversions = 1 } };
	const char *slo_ids[] = { "slo:latency_p99_ms", "slo:throughput_rps", "slo:auc", "slo:recall",
				  "slo:error_rate" };
	struct hf_model_report r;

	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", reg, 1, 1795945300, NULL), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	load(store, "models/m/contract.json",
	     "{ \"registry\": {\"source\": \"registry\", \"candidate\": \"challenger\"},"
	     "  \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
	     "  \"slos\": [ {\"metric\": \"latency_p99_ms\", \"op\": \"<=\", \"target\": 50},"
	     "            {\"metric\": \"throughput_rps\", \"op\": \">=\", \"target\": 800},"
	     "            {\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.91},"
	     "            {\"metric\": \"recall\", \"op\": \">=\", \"target\": 0.8},"
	     "            {\"metric\": \"error_rate\", \"op\": \"<\", \"target\": 0.01} ] }");
	load(store, "checklists/slos.json",
	     "{\"name\": \"slos\", \"items\": ["
	     " {\"id\": \"review\", \"title\": \"Review\", \"category\": \"process\", \"owner\": \"shared\", \"stage\": \"hand-off\"},"
	     " {\"id\": \"slo.prod\", \"title\": \"SLOs in production\", \"category\": \"monitoring\", \"owner\": \"shared\", \"stage\": \"monitoring\", \"auto\": \"slos\"},"
	     " {\"id\": \"slo.staging\", \"title\": \"SLOs in staging\", \"category\": \"model\", \"owner\": \"engineering\", \"stage\": \"validation\", \"auto\": \"slos\"},"
	     " {\"id\": \"slo.serving\", \"title\": \"SLOs when serving\", \"category\": \"model\", \"owner\": \"research\", \"stage\": \"serving\", \"auto\": \"slos\"}]}");
	load(store, "models/m/readiness.json", "{\"checklist\": \"slos\", \"items\": {}}");

	for (int round = 0; round < 2; round++) {
		struct hf_report_session *session = hf_report_session_new(store);

		if (round == 0)
			assert_int_equal(hf_report_model(store, "m", &r), HF_OK);
		else
			assert_int_equal(hf_report_session_model(session, "m", &r), HF_OK);
		hf_report_session_free(session);
		assert_string_equal(r.candidate_version, "3");
		assert_int_equal(r.slo_missed, 2);
		assert_int_equal(r.slo_unknown, 3);
		assert_int_equal(r.nitems, 4);
		assert_int_equal(r.nblockers, 6);
		assert_string_equal(r.blockers[0].item, "review");
		assert_int_equal(r.blockers[0].stage, HF_STAGE_HANDOFF);
		for (size_t i = 0; i < 5; i++) {
			const struct hf_blocker *b = &r.blockers[i + 1];

			assert_string_equal(b->item, slo_ids[i]);
			assert_int_equal(b->stage, HF_STAGE_VALIDATION);
			assert_string_equal(b->role, "engineering");
			assert_string_equal(b->owner, "raj");
		}
		assert_string_equal(r.blockers[1].reason, "latency_p99_ms 90 > 50");
		assert_string_equal(r.blockers[2].reason, "throughput_rps not measured on v3");
		assert_false(r.ready);
		hf_model_report_clear(&r);
		/* the TUI's session path too, and with every SLO item but one waived */
		load(store, "models/m/readiness.json",
		     "{\"checklist\": \"slos\", \"items\": {"
		     " \"slo.staging\": {\"state\": \"waived\", \"by\": \"raj\", \"reason\": \"staging is gone\"}}}");
	}
	hf_test_store_close(store, path);
}

/* Several SLOs on one metric (a range, and a tighter bound) block with ids scripts can tell apart. */
static void slo_ids_unique_per_metric(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-ready", &path);
	struct hf_reg_metric m[] = { { .key = "auc", .value = 0.5 }, { .key = "latency_p99_ms", .value = 90 } };
	struct hf_reg_version v[] = { { .version = "3", .stage = "Staging", .run_id = "r3",
					.metrics = m, .nmetrics = 2 } };
	struct hf_reg_alias a[] = { { "challenger", "3" } };
	struct hf_reg_model reg[] = { { .source = "registry", .name = "m", .aliases = a, .naliases = 1,
					.versions = v, .nversions = 1 } };
	const char *ids[] = { "slo:auc", "slo:latency_p99_ms", "slo:auc#2", "slo:auc#3" };
	struct hf_model_report r;
	size_t nslo = 0;

	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", reg, 1, 1795945300, NULL), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	load(store, "models/m/contract.json",
	     "{ \"registry\": {\"source\": \"registry\", \"candidate\": \"challenger\"},"
	     "  \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
	     "  \"slos\": [ {\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.91},"
	     "            {\"metric\": \"latency_p99_ms\", \"op\": \"<=\", \"target\": 50},"
	     "            {\"metric\": \"auc\", \"op\": \"<=\", \"target\": 0.4},"
	     "            {\"metric\": \"auc\", \"op\": \">\", \"target\": 0.95} ] }");
	assert_int_equal(hf_report_model(store, "m", &r), HF_OK);
	assert_int_equal(r.nslos, 4);
	for (size_t i = 0; i < r.nslos; i++)
		assert_string_equal(r.slos[i].id, ids[i]);
	/* every SLO is missed: four blockers, four different ids, in contract order */
	for (size_t i = 0; i < r.nblockers; i++) {
		if (strncmp(r.blockers[i].item, "slo:", 4) != 0)
			continue;
		assert_string_equal(r.blockers[i].item, ids[nslo]);
		nslo++;
	}
	assert_int_equal(nslo, 4);
	hf_model_report_clear(&r);
	hf_test_store_close(store, path);
}

static void shipped_default_checklist_is_valid(void **state)
{
	char *file = hf_path_shared_file("data/checklists/default.json"), *buf;
	struct hf_check_item *items;
	size_t len, n;
	bool rules[HF_RULE_INVALID] = { false };
	const char *cats[] = { "data", "model", "infrastructure", "monitoring", "process" };

	assert_int_equal(hf_read_file(file, 1 << 20, &buf, &len), HF_OK);
	assert_int_equal(hf_checklist_parse(buf, len, file, &items, &n), HF_OK);
	assert_true(n >= 15);
	for (size_t i = 0; i < n; i++)
		rules[hf_rule_parse(items[i].rule)] = true;
	for (int r = HF_RULE_CONTRACT; r < HF_RULE_INVALID; r++)
		if (!rules[r])
			fail_msg("no item uses the rule '%s'", hf_rule_name(r));
	for (size_t c = 0; c < 5; c++) {
		bool found = false;

		for (size_t i = 0; i < n; i++)
			found = found || strcmp(items[i].category, cats[c]) == 0;
		if (!found)
			fail_msg("no item in category '%s'", cats[c]);
	}
	hf_check_items_free(items, n);
	free(buf);
	free(file);
	buf = "{\"items\": [{\"id\": \"a\"}]}";
	assert_int_equal(hf_checklist_parse(buf, strlen(buf), "x.json", &items, &n), HF_EINVAL);
	assert_string_equal(hf_last_error(), "'x.json': items[0].title: missing required field 'title'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(design_contract_loads),
		cmocka_unit_test(bad_contracts_name_the_field),
		cmocka_unit_test(readiness_states_and_errors),
		cmocka_unit_test(pod_checklist_and_model_items),
		cmocka_unit_test(registry_models_and_candidates),
		cmocka_unit_test(several_slo_items_block_once),
		cmocka_unit_test(slo_ids_unique_per_metric),
		cmocka_unit_test(shipped_default_checklist_is_valid),
	};

	setenv("HANDOFF_NOW", "2026-11-30T10:00:00Z", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
