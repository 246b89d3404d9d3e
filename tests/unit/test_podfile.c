/* test_podfile.c: classifying pod-repository paths, loading pod.json (good, bad, unknown fields), problem positions, the cross-file check */
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

#include "handoff/podfile.h"
#include "handoff/store.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

static void classify_paths(void **state)
{
	static const struct { const char *path; enum hf_podfile_kind kind; const char *name; } cases[] = {
		{ "pod.json", HF_PODFILE_POD, NULL },
		{ "models/fraud-detector/contract.json", HF_PODFILE_CONTRACT, "fraud-detector" },
		{ "models/ranker/readiness.json", HF_PODFILE_READINESS, "ranker" },
		{ "models/ranker/MODEL_CARD.md", HF_PODFILE_CARD, "ranker" },
		{ "checklists/default.json", HF_PODFILE_CHECKLIST, "default" },
		{ "oncall/ml-serving.json", HF_PODFILE_ONCALL, "ml-serving" },
		{ "sprints/2026-12.json", HF_PODFILE_SPRINT, "2026-12" },
		{ "README.md", HF_PODFILE_NONE, NULL },
		{ "models/ranker/notes.txt", HF_PODFILE_NONE, NULL },
		{ "models/../contract.json", HF_PODFILE_NONE, NULL },
		{ "models/a/b/contract.json", HF_PODFILE_NONE, NULL },
		{ "sprints/nested/x.json", HF_PODFILE_NONE, NULL },
		{ "sprints/.json", HF_PODFILE_NONE, NULL },
		{ "oncall/rota.yaml", HF_PODFILE_NONE, NULL },
		{ "models/bad\x1bname/contract.json", HF_PODFILE_NONE, NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *name = NULL;

		assert_int_equal(hf_podfile_classify(cases[i].path, &name), cases[i].kind);
		if (cases[i].name)
			assert_string_equal(name, cases[i].name);
		else
			assert_null(name);
		free(name);
	}
}

static const char design_pod[] =
	"{ \"name\": \"vision-pod\",\n"
	"  \"members\": [ {\"handle\": \"ana\", \"name\": \"Ana Ruiz\", \"role\": \"research\",    \"timezone\": \"Europe/Madrid\"},\n"
	"               {\"handle\": \"raj\", \"name\": \"Raj Iyer\", \"role\": \"engineering\", \"timezone\": \"Asia/Kolkata\"} ],\n"
	"  \"evaluation\": {\"suite\": \"https://git.example/pod/eval-suite\", \"metrics\": [\"auc\", \"latency_p99_ms\"]} }\n";

static void design_example_loads(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);
	struct hf_pod pod;
	struct hf_problem *p;
	size_t n;

	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", design_pod, strlen(design_pod)), HF_OK);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 0);
	hf_problems_free(p, n);
	assert_int_equal(hf_store_pod_get(store, &pod), HF_OK);
	assert_string_equal(pod.name, "vision-pod");
	assert_int_equal(pod.nmembers, 2);
	assert_string_equal(pod.members[1].handle, "raj");
	assert_int_equal(pod.members[1].role, HF_ROLE_ENGINEERING);
	assert_string_equal(pod.members[1].timezone, "Asia/Kolkata");
	assert_int_equal(pod.neval_metrics, 2);
	assert_string_equal(pod.eval_metrics[1], "latency_p99_ms");
	hf_pod_clear(&pod);
	hf_test_store_close(store, path);
}

static void bad_file_is_reported_and_skipped_keeping_nothing_half_loaded(void **state)
{
	static const char bad_role[] =
		"{\"name\": \"p\", \"members\": [{\"handle\": \"ana\", \"role\": \"wizard\"}]}";
	static const char not_json[] = "{\"name\": \"p\", ";
	char *path;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);
	struct hf_pod pod;
	struct hf_problem *p;
	size_t n;

	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", design_pod, strlen(design_pod)), HF_OK);
	/* a broken new version replaces the old one: the file is skipped, and says why */
	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", bad_role, strlen(bad_role)), HF_OK);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].path, "pod.json");
	assert_string_equal(p[0].field, "members[0].role");
	assert_non_null(strstr(p[0].message, "'wizard'"));
	assert_int_equal(p[0].severity, HF_PROBLEM_ERROR);
	hf_problems_free(p, n);
	assert_int_equal(hf_store_pod_get(store, &pod), HF_OK);
	assert_null(pod.name);
	hf_pod_clear(&pod);

	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", not_json, strlen(not_json)), HF_OK);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_non_null(strstr(p[0].message, "not valid JSON"));
	assert_int_equal(p[0].line, 1);
	assert_int_equal(p[0].col, 14);
	hf_problems_free(p, n);
	hf_test_store_close(store, path);
}

static void unknown_fields_are_warnings_and_the_file_loads(void **state)
{
	static const char extra[] =
		"{\"name\": \"p\", \"slack\": \"#pod\", \"members\": [{\"handle\": \"ana\", \"role\": \"research\", \"pronouns\": \"she\"}]}";
	char *path;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);
	struct hf_pod pod;
	struct hf_problem *p;
	size_t n;

	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", extra, strlen(extra)), HF_OK);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 2);
	assert_int_equal(p[0].severity, HF_PROBLEM_WARNING);
	assert_string_equal(p[0].field, "slack");
	assert_string_equal(p[1].field, "members[0].pronouns");
	hf_problems_free(p, n);
	assert_int_equal(hf_store_pod_get(store, &pod), HF_OK);
	assert_string_equal(pod.name, "p");
	hf_pod_clear(&pod);
	hf_test_store_close(store, path);
}

static void oversized_and_rejected_files_are_problems(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);
	size_t big = HF_PODFILE_MAX_SIZE + 10;
	char *buf = xmalloc(big);
	struct hf_problem *p;
	size_t n;

	memset(buf, ' ', big);
	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", buf, big), HF_OK);
	assert_int_equal(hf_podfile_reject(store, "pod", "models/x/contract.json",
					   "'%s' is a symlink: not followed", "models/x/contract.json"), HF_OK);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 2);
	assert_non_null(strstr(p[0].message, "symlink"));
	assert_non_null(strstr(p[1].message, "over the limit"));
	hf_problems_free(p, n);
	free(buf);
	hf_test_store_close(store, path);
}

/* The problems of the store as "PATH:LINE:COL: error: FIELD: MESSAGE" lines, as sync and lint print them. */
static char *problem_lines(struct hf_store *store)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	struct hf_problem *p;
	size_t n;

	hf_strbuf_init(&sb);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	for (size_t i = 0; i < n; i++) {
		hf_podfile_problem_text(&sb, &p[i], "");
		hf_strbuf_addch(&sb, '\n');
	}
	hf_problems_free(p, n);
	return hf_strbuf_detach(&sb);
}

static void load(struct hf_store *store, const char *rel, const char *text)
{
	assert_int_equal(hf_podfile_load(store, "pod", rel, text, strlen(text)), HF_OK);
}

/* Each problem points at the value that is wrong, in characters; a missing field at the object lacking it. */
static void problems_have_line_and_column(void **state)
{
	static const char readiness[] =
		"{ \"checklist\": \"default\",\n"
		"  \"items\": { \"r\\u00e9pro\": {\"state\": \"done\"},\n"
		"             \"data.sources\": {\"by\": \"ana\", \"state\": \"yes\"} } }\n";
	static const char contract[] =
		"{ \"owners\": {\"research\": \"ana\"},\n"
		"  \"slos\": [ {\"metric\": \"auc\", \"op\": \"~\", \"target\": 0.9} ] }\n";
	static const char sprint[] =
		"{ \"id\": \"s\", \"start\": \"2026-12-01\", \"end\": \"2026-12-10\",\n"
		"  \"items\": [ {\"id\": \"S-1\", \"title\": \"Ünïcode før\", \"kind\": \"research\",\n"
		"              \"points\": 1, \"status\": \"started\"} ] }\n";
	static const char syntax[] = "{ \"checklist\": \"default\",\n  \"items\": { \"a\": {}\n  \"b\": {} } }\n";
	char *path, *lines;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);

	load(store, "models/m/readiness.json", readiness);
	load(store, "models/m/contract.json", contract);
	load(store, "sprints/s.json", sprint);
	load(store, "models/n/readiness.json", syntax);
	lines = problem_lines(store);
	assert_string_equal(lines,
		"models/m/contract.json:1:13: error: owners.engineering: missing required field 'owners.engineering'\n"
		"models/m/readiness.json:3:53: error: items.data.sources.state: state 'yes' must be done, waived or todo\n"
		"models/n/readiness.json:3:3: error: not valid JSON: '}' expected near '\"b\"' (a comma missing before it?)\n"
		"sprints/s.json:3:38: error: items[0].status: status 'started' of item 'S-1' must be todo, doing, blocked or done\n"
		"models/m/readiness.json:2:28: warning: items.répro.by: done without saying by whom\n");
	free(lines);
	hf_test_store_close(store, path);
}

/* Names other files define, checked once all are in: members, checklist items and templates, registries. */
static void cross_file_names_are_checked_where_they_are_written(void **state)
{
	static const char rotation[] =
		"{ \"timezone\": \"UTC\", \"start\": \"2026-11-02\", \"shift\": \"1w\",\n"
		"  \"members\": [\"ana\", \"rja\", \"zoe\"] }\n";
	static const char readiness[] =
		"{ \"items\": { \"repro.validatd\": {\"state\": \"done\", \"by\": \"raj\"},\n"
		"             \"data.sources\": {\"state\": \"done\", \"by\": \"ana\"},\n"
		"             \"privacy\": {\"state\": \"todo\"} },\n"
		"  \"extra\": [ {\"id\": \"privacy\", \"title\": \"Privacy review\", \"owner\": \"shared\", \"stage\": \"validation\"} ] }\n";
	static const char strict[] = "{ \"checklist\": \"strict\", \"items\": { \"x\": {\"state\": \"todo\"} } }\n";
	static const char contract[] =
		"{ \"registry\": {\"source\": \"registy\"},\n"
		"  \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},\n"
		"  \"slos\": [ {\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.9} ] }\n";
	static const struct hf_podfile_source sources[] = { { "pod", false }, { "registry", true } };
	static const char members_added[] =
		"{ \"name\": \"p\", \"members\": [ {\"handle\": \"ana\", \"role\": \"research\"},\n"
		"  {\"handle\": \"raj\", \"role\": \"engineering\"}, {\"handle\": \"zoe\", \"role\": \"product\"} ] }\n";
	char *path, *lines;
	struct hf_store *store = hf_test_store_open("hf-podfile", &path);

	load(store, "pod.json", design_pod);
	load(store, "oncall/rota.json", rotation);
	load(store, "models/m/readiness.json", readiness);
	load(store, "models/m/contract.json", contract);
	load(store, "models/s/readiness.json", strict);
	assert_int_equal(hf_podfile_check_refs(store, sources, 2), HF_OK);
	lines = problem_lines(store);
	assert_string_equal(lines,
		"models/m/readiness.json:1:14: error: items.repro.validatd: item 'repro.validatd' is not in checklist 'default' nor in the model's 'extra', so its state is ignored (did you mean 'repro.validated'?)\n"
		"models/s/readiness.json:1:16: error: checklist: checklist 'strict' is not in the pod's checklists/, so 'default' is used (no checklists yet)\n"
		"oncall/rota.json:2:22: error: members[1]: 'rja' is not a member of the pod (did you mean 'raj'?)\n"
		"oncall/rota.json:2:29: error: members[2]: 'zoe' is not a member of the pod (members: 'ana', 'raj')\n"
		"models/m/contract.json:1:26: warning: registry.source: no source 'registy' in the configuration, so the model's versions are not looked up (did you mean 'registry'?)\n");
	free(lines);

	/* the check is redone whole: a member added to pod.json clears what named them */
	load(store, "pod.json", members_added);
	assert_int_equal(hf_podfile_check_refs(store, NULL, 0), HF_OK);
	lines = problem_lines(store);
	assert_null(strstr(lines, "zoe"));
	assert_non_null(strstr(lines, "'rja'"));
	assert_null(strstr(lines, "registy"));	/* no configuration given: registries are not judged */
	free(lines);
	hf_test_store_close(store, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classify_paths),
		cmocka_unit_test(design_example_loads),
		cmocka_unit_test(bad_file_is_reported_and_skipped_keeping_nothing_half_loaded),
		cmocka_unit_test(unknown_fields_are_warnings_and_the_file_loads),
		cmocka_unit_test(oversized_and_rejected_files_are_problems),
		cmocka_unit_test(problems_have_line_and_column),
		cmocka_unit_test(cross_file_names_are_checked_where_they_are_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
