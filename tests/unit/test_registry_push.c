/* test_registry_push.c: write-back primitives and outbox push against the replay server (run by tests/integ/mlflow_write.sh) */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/mlflow.h"
#include "handoff/source.h"
#include "handoff/xmalloc.h"

static struct hf_source_conf conf;

static int setup(void **state)
{
	(void)state;
	memset(&conf, 0, sizeof(conf));
	conf.name = (char *)"registry";
	conf.type = HF_SOURCE_MLFLOW;
	conf.url = getenv("HF_TEST_MLFLOW_URL");
	conf.token_env = (char *)"HF_TEST_MLFLOW_TOKEN";
	conf.timeout = 5;
	return conf.url ? 0 : -1;
}

static void test_primitives(void **state)
{
	(void)state;
	if (hf_mlflow_set_alias(&conf, "fraud-detector", "champion", "3"))
		fail_msg("set alias: %s", hf_last_error());
	if (hf_mlflow_delete_alias(&conf, "fraud-detector", "challenger"))
		fail_msg("delete alias: %s", hf_last_error());
	if (hf_mlflow_set_version_tag(&conf, "fraud-detector", "3", "handoff.review", "approved"))
		fail_msg("set tag: %s", hf_last_error());
	/* names that need quoting in JSON travel as they are */
	if (hf_mlflow_set_alias(&conf, "team-a/ranker v2 (50% traffic) it's", "prod-candidate", "2"))
		fail_msg("set alias on special name: %s", hf_last_error());
}

static void test_errors(void **state)
{
	(void)state;
	/* a version that does not exist: MLflow's 404 RESOURCE_DOES_NOT_EXIST */
	assert_int_equal(hf_mlflow_set_alias(&conf, "fraud-detector", "prod", "42"), HF_ENOTFOUND);
	assert_non_null(strstr(hf_last_error(), "answered 404 RESOURCE_DOES_NOT_EXIST: Model Version (name=fraud-detector, version=42) not found"));
	/* a reserved alias: 400 INVALID_PARAMETER_VALUE */
	assert_int_equal(hf_mlflow_set_alias(&conf, "fraud-detector", "v1", "1"), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "answered 400 INVALID_PARAMETER_VALUE"));
	assert_int_equal(hf_mlflow_set_version_tag(&conf, "fraud-detector", "77", "k", "x"), HF_ENOTFOUND);
	assert_int_equal(hf_mlflow_delete_alias(&conf, "no-such-model", "x"), HF_ENOTFOUND);
}

static void test_push(void **state)
{
	static const struct { const char *kind, *payload; enum hf_status rc; const char *message; } cases[] = {
		{ "tag-set", "{\"model\": \"churn-predictor\", \"version\": \"4\", \"key\": \"handoff.ready\", \"value\": \"yes\"}", HF_OK, NULL },
		{ "alias-set", "{\"model\": \"churn-predictor\", \"alias\": \"challenger\", \"version\": \"2\"}", HF_OK, NULL },
		{ "alias-delete", "{\"model\": \"Mod\\u00e8le de d\\u00e9tection \\u2014 \\u4e0d\\u6b63\\u691c\\u77e5 \\ud83d\\ude80\", \"alias\": \"challenger\"}", HF_OK, NULL },
		{ "alias-set", "{\"model\": \"churn-predictor\", \"alias\": \"x\"}", HF_EINVAL, "('alias-set') needs 'alias' and 'version'" },
		{ "tag-set", "[1, 2]", HF_EINVAL, "payload that is not a JSON object" },
		{ "tick", "{\"model\": \"churn-predictor\"}", HF_EINVAL, "cannot push outbox entries of kind 'tick'" },
	};
	(void)state;
	assert_non_null(hf_source_mlflow_ops.push);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_outbox_entry e = { 0 };
		enum hf_status rc;

		e.id = (int64_t)i + 1;
		e.source = (char *)"registry";
		e.kind = (char *)cases[i].kind;
		e.payload = (char *)cases[i].payload;
		rc = hf_source_mlflow_ops.push(NULL, &conf, &e);
		if (rc != cases[i].rc || (cases[i].message && !strstr(hf_last_error(), cases[i].message)))
			fail_msg("entry %zu (%s): rc %d, message '%s'", i, cases[i].kind, rc, hf_last_error());
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_primitives),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_push),
	};

	if (!getenv("HF_TEST_MLFLOW_URL")) {
		fprintf(stderr, "test_registry_push: run by tests/integ/mlflow_write.sh (needs HF_TEST_MLFLOW_URL)\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, setup, NULL);
}
