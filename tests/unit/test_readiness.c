/* test_readiness.c: tables of cases for the pure readiness rules: SLOs, contracts, rules, stages, score (model cards: test_card.c) */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/contract.h"
#include "handoff/readiness.h"
#include "handoff/suggest.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void slo_every_operator(void **state)
{
	static const struct {
		const char *op;
		double target;
		bool has;
		double value;
		enum hf_slo_verdict want;
	} cases[] = {
		{ "<=", 50, true, 62, HF_SLO_MISSED }, { "<=", 50, true, 50, HF_SLO_MET },
		{ "<=", 50, true, 12.5, HF_SLO_MET }, { "<=", 50, false, 0, HF_SLO_UNKNOWN },
		{ "<", 50, true, 50, HF_SLO_MISSED }, { "<", 50, true, 49.9, HF_SLO_MET },
		{ "<", 50, true, 51, HF_SLO_MISSED }, { "<", 50, false, 0, HF_SLO_UNKNOWN },
		{ ">=", 0.91, true, 0.93, HF_SLO_MET }, { ">=", 0.91, true, 0.91, HF_SLO_MET },
		{ ">=", 0.91, true, 0.9, HF_SLO_MISSED }, { ">=", 800, false, 0, HF_SLO_UNKNOWN },
		{ ">", 800, true, 800, HF_SLO_MISSED }, { ">", 800, true, 900, HF_SLO_MET },
		{ ">", 800, true, 10, HF_SLO_MISSED }, { ">", 800, false, 0, HF_SLO_UNKNOWN },
		{ "==", 0.3, true, 0.1 + 0.2, HF_SLO_MET }, { "==", 1, true, 1.5, HF_SLO_MISSED },
		{ "==", 1, false, 0, HF_SLO_UNKNOWN }, { "=>", 1, true, 1, HF_SLO_UNKNOWN },
		{ "", 1, true, 1, HF_SLO_UNKNOWN }, { "<=", 50, true, 1.0 / 0.0, HF_SLO_UNKNOWN },
	};

	for (size_t i = 0; i < N(cases); i++) {
		enum hf_slo_verdict v = hf_slo_eval(hf_slo_op_parse(cases[i].op), cases[i].target,
						    cases[i].has, cases[i].value);
		if (v != cases[i].want)
			fail_msg("case %zu: %g %s %g gave %s, want %s", i, cases[i].value, cases[i].op,
				 cases[i].target, hf_slo_verdict_name(v), hf_slo_verdict_name(cases[i].want));
	}
	assert_string_equal(hf_slo_verdict_name(HF_SLO_MET), "met");
	assert_string_equal(hf_slo_verdict_name(HF_SLO_MISSED), "missed");
	assert_string_equal(hf_slo_verdict_name(HF_SLO_UNKNOWN), "unknown");
}

static void slo_explain_gives_both_numbers(void **state)
{
	struct hf_slo s = { .metric = "latency_p99_ms", .op = "<=", .target = 50 };
	struct hf_slo a = { .metric = "auc", .op = ">=", .target = 0.91 };
	char buf[64];

	hf_slo_explain(&s, 62, buf, sizeof(buf));
	assert_string_equal(buf, "62 > 50");
	hf_slo_explain(&a, 0.9, buf, sizeof(buf));
	assert_string_equal(buf, "0.9 < 0.91");
}

static void contract_validity(void **state)
{
	struct hf_slo ok[] = { { .metric = "latency_p99_ms", .op = "<=", .target = 50 },
			       { .metric = "auc", .op = ">=", .target = 0.9 } };
	struct hf_slo badop[] = { { .metric = "latency_p99_ms", .op = "=<", .target = 50 } };
	struct hf_slo dup[] = { { .metric = "auc", .op = ">=", .target = 0.9 },
				{ .metric = "auc", .op = ">=", .target = 0.8 } };
	struct hf_slo noname[] = { { .metric = "", .op = ">=", .target = 0.9 } };
	const struct {
		const char *research, *engineering;
		struct hf_slo *slos;
		size_t n;
		bool valid;
		const char *why;
	} cases[] = {
		{ "ana", "raj", ok, 2, true, "" },
		{ NULL, "raj", ok, 2, false, "owners.research: no research owner named" },
		{ "ana", "", ok, 2, false, "owners.engineering: no engineering owner named" },
		{ "ana", "raj", ok, 0, false, "slos: no SLO agreed" },
		{ "ana", "raj", badop, 1, false, "slos[0].op: unknown operator '=<' (use <=, <, >=, > or ==)" },
		{ "ana", "raj", dup, 2, false, "slos[1]: 'auc >=' is already slos[0]" },
		{ "ana", "raj", noname, 1, false, "slos[0].metric: empty metric name" },
	};

	for (size_t i = 0; i < N(cases); i++) {
		struct hf_contract c = { 0 };
		char why[160];

		c.owner_research = (char *)cases[i].research;
		c.owner_engineering = (char *)cases[i].engineering;
		c.slos = cases[i].slos;
		c.nslos = cases[i].n;
		assert_int_equal(hf_contract_check(&c, why, sizeof(why)), cases[i].valid);
		assert_string_equal(why, cases[i].why);
	}
}

static void rules_table(void **state)
{
	static const struct {
		enum hf_rule rule;
		struct hf_readiness_facts f;
		bool holds;
		const char *why;
	} cases[] = {
		{ HF_RULE_CONTRACT, { .has_contract = true, .contract_valid = true }, true, "" },
		{ HF_RULE_CONTRACT, { 0 }, false, "no contract.json" },
		{ HF_RULE_CONTRACT, { .has_contract = true, .contract_error = "slos: no SLO agreed" }, false,
		  "contract invalid: slos: no SLO agreed" },
		{ HF_RULE_CARD, { .has_card = true }, true, "" },
		{ HF_RULE_CARD, { 0 }, false, "no MODEL_CARD.md" },
		{ HF_RULE_CARD, { .has_card = true, .card_missing = 2, .card_empty = 1 }, false,
		  "model card lacks 2 sections, 1 empty" },
		{ HF_RULE_CARD, { .has_card = true, .card_empty = 1 }, false, "model card has 1 empty section" },
		{ HF_RULE_CANDIDATE, { .has_candidate = true }, true, "" },
		{ HF_RULE_CANDIDATE, { 0 }, false, "no candidate version registered" },
		{ HF_RULE_SLOS, { .has_candidate = true, .slos = 3, .slos_met = 3 }, true, "" },
		{ HF_RULE_SLOS, { .has_candidate = true, .slos = 3, .slos_met = 2 }, false, "1 of 3 SLOs not met" },
		{ HF_RULE_SLOS, { .slos = 3 }, false, "no candidate version to measure" },
		{ HF_RULE_SLOS, { .has_candidate = true }, false, "no SLOs in the contract" },
		{ HF_RULE_EVAL, { .has_candidate = true, .eval_defined = true }, true, "" },
		{ HF_RULE_EVAL, { .has_candidate = true, .eval_defined = true, .eval_missing = 1,
				  .eval_missing_first = "auc" }, false, "auc not logged on the candidate" },
		{ HF_RULE_EVAL, { .has_candidate = true }, false, "pod.json names no evaluation metrics" },
		{ HF_RULE_ONCALL, { .oncall_people = 2 }, true, "" },
		{ HF_RULE_ONCALL, { .oncall_people = 1 }, false, "on-call rotation has only 1 person" },
		{ HF_RULE_ONCALL, { 0 }, false, "no on-call rotation covers the model" },
		{ HF_RULE_NONE, { 0 }, false, "" },
	};

	for (size_t i = 0; i < N(cases); i++) {
		char why[160];

		if (hf_rule_holds(cases[i].rule, &cases[i].f, why, sizeof(why)) != cases[i].holds)
			fail_msg("case %zu (%s): wrong verdict (%s)", i,
				 hf_rule_name(cases[i].rule) ? hf_rule_name(cases[i].rule) : "none", why);
		assert_string_equal(why, cases[i].why);
	}
	assert_int_equal(hf_rule_parse("eval-metrics"), HF_RULE_EVAL);
	assert_int_equal(hf_rule_parse(NULL), HF_RULE_NONE);
	assert_int_equal(hf_rule_parse("magic"), HF_RULE_INVALID);
}

static void stage_names_and_reach(void **state)
{
	static const struct {
		bool complete[HF_STAGE_COUNT];
		int want;
	} cases[] = {
		{ { true, false, false, false, false, false, false }, HF_STAGE_RESEARCH },
		{ { true, true, false, false, false, false, false }, HF_STAGE_CONTRACT },
		{ { true, true, true, false, false, false, false }, HF_STAGE_HANDOFF },
		{ { true, true, true, true, false, false, false }, HF_STAGE_VALIDATION },
		{ { true, true, true, true, true, false, false }, HF_STAGE_OPTIMISATION },
		{ { true, true, true, true, true, true, false }, HF_STAGE_SERVING },
		{ { true, true, true, true, true, true, true }, HF_STAGE_MONITORING },
		{ { true, false, true, true, true, true, true }, HF_STAGE_RESEARCH },	/* gates are in order */
		{ { true, true, true, false, true, true, true }, HF_STAGE_HANDOFF },
	};
	static const char *const names[] = { "research", "contract", "hand-off", "validation",
					     "optimisation", "serving", "monitoring" };

	for (size_t i = 0; i < N(cases); i++)
		assert_int_equal(hf_stage_reached(cases[i].complete), cases[i].want);
	for (int s = 0; s < HF_STAGE_COUNT; s++) {
		assert_string_equal(hf_stage_name(s), names[s]);
		assert_int_equal(hf_stage_parse(names[s]), s);
	}
	assert_int_equal(hf_stage_parse("handoff"), HF_STAGE_HANDOFF);
	assert_int_equal(hf_stage_parse("optimization"), HF_STAGE_OPTIMISATION);
	assert_int_equal(hf_stage_parse("production"), -1);
	assert_string_equal(hf_stage_name(7), "unknown");
}

#define ITEM(id, cat, stage, req, rule) { id, id, cat, "shared", stage, req, rule }

static void eval_counts_stage_and_score(void **state)
{
	struct hf_check_item items[] = {
		ITEM("contract.valid", "process", "contract", true, "contract"),
		ITEM("data.sources", "data", "contract", true, NULL),
		ITEM("card.complete", "model", "hand-off", true, "card"),
		ITEM("repro.training", "model", "hand-off", true, NULL),
		ITEM("repro.validated", "model", "validation", true, NULL),
		ITEM("canary.plan", "process", "serving", true, NULL),
		ITEM("monitor.skew", "monitoring", "monitoring", false, NULL),
	};
	struct hf_item_state states[] = {
		{ "data.sources", "done", "ana", "2026-11-02", "https://wiki/x", NULL, NULL, NULL },
		{ "repro.training", "done", "ana", "2026-11-03", NULL, NULL, NULL, NULL },
		{ "canary.plan", "waived", "ana", NULL, NULL, "batch model", NULL, NULL },
		{ "contract.valid", "done", "ana", NULL, NULL, NULL, NULL, NULL },	/* ignored: automatic */
	};
	struct hf_readiness_facts f = { .has_contract = true, .contract_valid = true, .has_card = true };
	struct hf_readiness_eval e;
	struct hf_category_share cats[8];
	size_t nc;

	hf_readiness_eval(items, N(items), states, N(states), &f, &e);
	assert_int_equal(e.required, 6);
	assert_int_equal(e.done, 5);	/* all but repro.validated */
	assert_int_equal(e.stage, HF_STAGE_HANDOFF);
	assert_true(e.items[0].complete);
	assert_true(e.items[0].credit == 1.0);
	assert_true(e.items[1].credit == 0.5);	/* by hand with evidence */
	assert_true(e.items[3].complete);
	assert_true(e.items[3].credit == 0.0);	/* by hand without evidence */
	assert_true(e.items[5].waived);
	assert_string_equal(e.items[5].reason, "batch model");
	assert_string_equal(e.items[4].reason, "not done");
	nc = hf_readiness_categories(&e, cats, N(cats));
	assert_int_equal(nc, 4);	/* process (waived item excluded), data, model, monitoring */
	assert_string_equal(cats[0].category, "process");
	assert_true(cats[0].score == 1.0);
	assert_string_equal(cats[2].category, "model");
	assert_int_equal(cats[2].items, 3);
	assert_true(cats[2].score > 0.333 && cats[2].score < 0.334);
	assert_true(e.score == 0.0);	/* monitoring: 0 of 1 */
	hf_readiness_eval_clear(&e);

	/* an automatic item that does not hold can still be waived; a broken contract blocks the first stage */
	struct hf_item_state waive[] = { { "card.complete", "waived", "li", NULL, NULL, "legacy model", NULL, NULL } };
	struct hf_readiness_facts broken = { .has_contract = true, .contract_error = "slos: no SLO agreed" };

	hf_readiness_eval(items, 3, waive, 1, &broken, &e);
	assert_int_equal(e.stage, HF_STAGE_RESEARCH);
	assert_false(e.items[0].complete);
	assert_string_equal(e.items[0].reason, "contract invalid: slos: no SLO agreed");
	assert_true(e.items[2].complete && e.items[2].waived);
	assert_int_equal(e.done, 1);
	hf_readiness_eval_clear(&e);

	/* a waiver with an end holds through its last day, then the item is open again */
	struct hf_item_state until[] = { { "card.complete", "waived", "li", NULL, NULL, "legacy model",
					   "2026-11-30", NULL } };
	broken.today = "2026-11-30";
	hf_readiness_eval(items, 3, until, 1, &broken, &e);
	assert_true(e.items[2].complete && e.items[2].waived);
	hf_readiness_eval_clear(&e);
	broken.today = "2026-12-01";
	hf_readiness_eval(items, 3, until, 1, &broken, &e);
	assert_false(e.items[2].complete);
	assert_false(e.items[2].waived);
	assert_string_equal(e.items[2].reason, "waiver ended 2026-11-30");
	hf_readiness_eval_clear(&e);
}

static void eval_all_done_reaches_monitoring(void **state)
{
	struct hf_check_item items[] = {
		ITEM("a", "process", "contract", true, "contract"),
		ITEM("b", "model", "hand-off", true, "candidate"),
		ITEM("c", "model", "validation", true, NULL),
		ITEM("d", "infrastructure", "optimisation", true, NULL),
		ITEM("e", "infrastructure", "serving", true, "slos"),
		ITEM("f", "monitoring", "monitoring", true, "oncall"),
		ITEM("g", "other", "nowhere", true, NULL),	/* unknown stage: counts, gates nothing */
	};
	struct hf_item_state states[] = {
		{ "c", "done", "raj", NULL, "https://ci/1", NULL, NULL, NULL },
		{ "d", "done", "raj", NULL, "https://ci/2", NULL, NULL, NULL },
	};
	struct hf_readiness_facts f = { .has_contract = true, .contract_valid = true, .has_candidate = true,
					.slos = 2, .slos_met = 2, .oncall_people = 3 };
	struct hf_readiness_eval e;

	hf_readiness_eval(items, N(items), states, N(states), &f, &e);
	assert_int_equal(e.stage, HF_STAGE_MONITORING);
	assert_int_equal(e.done, 6);
	assert_int_equal(e.required, 7);
	hf_readiness_eval_clear(&e);
	hf_readiness_eval(items, 0, NULL, 0, &f, &e);
	assert_int_equal(e.required, 0);
	assert_true(e.score == 0.0);
	assert_int_equal(e.stage, HF_STAGE_MONITORING);
	hf_readiness_eval_clear(&e);
}

static void edit_distance_table(void **state)
{
	static const struct {
		const char *a, *b;
		size_t cap, want;
	} cases[] = {
		{ "ranker", "ranker", 3, 0 }, { "rnaker", "ranker", 3, 1 }, { "gti", "git", 2, 1 }, { "ranke", "ranker", 3, 1 },
		{ "fraud-detectr", "fraud-detector", 3, 1 }, { "", "abc", 5, 3 },
		{ "speech-vad", "ranker", 3, 4 }, { "a", "abcdefgh", 2, 3 },
	};

	for (size_t i = 0; i < N(cases); i++)
		assert_int_equal(hf_edit_distance(cases[i].a, cases[i].b, cases[i].cap), cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slo_every_operator),
		cmocka_unit_test(slo_explain_gives_both_numbers),
		cmocka_unit_test(contract_validity),
		cmocka_unit_test(rules_table),
		cmocka_unit_test(stage_names_and_reach),
		cmocka_unit_test(eval_counts_stage_and_score),
		cmocka_unit_test(eval_all_done_reaches_monitoring),
		cmocka_unit_test(edit_distance_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
