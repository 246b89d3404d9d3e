/* test_podfile.c: classifying pod-repository paths and loading pod.json (good, bad, unknown fields) */
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
	assert_non_null(strstr(p[0].message, "line 1"));
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(classify_paths),
		cmocka_unit_test(design_example_loads),
		cmocka_unit_test(bad_file_is_reported_and_skipped_keeping_nothing_half_loaded),
		cmocka_unit_test(unknown_fields_are_warnings_and_the_file_loads),
		cmocka_unit_test(oversized_and_rejected_files_are_problems),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
