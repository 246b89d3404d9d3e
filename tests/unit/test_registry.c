/* test_registry.c: registry rules (candidate, metric values, version order), the MLflow parser on real fixtures, the store with history */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "handoff/mlflow.h"
#include "handoff/registry.h"
#include "handoff/store.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

/* ---- pure rules ---- */

static void test_version_cmp(void **state)
{
	static const struct { const char *a, *b; int sign; } cases[] = {
		{ "2", "10", -1 }, { "10", "9", 1 }, { "7", "7", 0 }, { "007", "7", 0 },
		{ "100000000000000000000", "99999999999999999999", 1 },
		{ "a", "1", 1 }, { "1", "a", -1 }, { "abc", "abd", -1 }, { "0", "1", -1 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int c = hf_reg_version_cmp(cases[i].a, cases[i].b);
		int sign = c < 0 ? -1 : c > 0;

		if (sign != cases[i].sign)
			fail_msg("cmp('%s', '%s') = %d, want sign %d", cases[i].a, cases[i].b, c,
				 cases[i].sign);
	}
}

static struct hf_reg_tag tag(const char *k, const char *v)
{
	struct hf_reg_tag t = { xstrdup(k), xstrdup(v) };

	return t;
}

/* versions 5, 7, 6 (unsorted on purpose), aliases challenger->7, champion->6, stale->99 */
static void make_model(struct hf_reg_model *m)
{
	static const char *const vs[] = { "5", "7", "6" };
	static const char *const stages[] = { "None", "Staging", "Production" };

	memset(m, 0, sizeof(*m));
	m->name = xstrdup("fraud-detector");
	m->nversions = 3;
	m->versions = xcalloc(3, sizeof(*m->versions));
	for (int i = 0; i < 3; i++) {
		m->versions[i].version = xstrdup(vs[i]);
		m->versions[i].stage = xstrdup(stages[i]);
	}
	m->naliases = 3;
	m->aliases = xcalloc(3, sizeof(*m->aliases));
	m->aliases[0] = (struct hf_reg_alias){ xstrdup("challenger"), xstrdup("7") };
	m->aliases[1] = (struct hf_reg_alias){ xstrdup("champion"), xstrdup("6") };
	m->aliases[2] = (struct hf_reg_alias){ xstrdup("stale"), xstrdup("99") };
	hf_reg_model_sort_versions(m);
}

static void test_candidate(void **state)
{
	static const struct { const char *candidate, *version, *how; } cases[] = {
		{ "challenger", "7", "alias" },
		{ "champion", "6", "alias" },
		{ "production", "6", "stage" },	/* case-insensitive stage */
		{ "Staging", "7", "stage" },
		{ "stale", "7", "newest" },		/* alias to a version not listed */
		{ "no-such", "7", "newest" },
		{ "", "7", "newest" },
		{ NULL, "7", "newest" },
	};
	struct hf_reg_model m, empty = { 0 };
	const char *how;

	(void)state;
	make_model(&m);
	assert_string_equal(m.versions[0].version, "7");
	assert_string_equal(m.versions[2].version, "5");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct hf_reg_version *v = hf_reg_candidate(&m, cases[i].candidate, &how);

		assert_non_null(v);
		if (strcmp(v->version, cases[i].version) || strcmp(how, cases[i].how))
			fail_msg("candidate '%s': got v%s by %s, want v%s by %s",
				 cases[i].candidate ? cases[i].candidate : "(null)", v->version, how,
				 cases[i].version, cases[i].how);
	}
	assert_null(hf_reg_candidate(&empty, "champion", &how));
	assert_null(how);
	{
		char *al = hf_reg_version_aliases(&m, "7");

		assert_string_equal(al, "challenger");
		free(al);
		al = hf_reg_version_aliases(&m, "5");
		assert_string_equal(al, "");
		free(al);
	}
	hf_reg_model_clear(&m);
	assert_null(m.name);
}

static void test_version_value(void **state)
{
	static const struct { const char *tag; bool found; double value; } cases[] = {
		{ "6.1", true, 6.1 }, { " 42 ", true, 42 }, { "1e3", true, 1000 }, { "-0.5", true, -0.5 },
		{ "fast", false, 0 }, { "", false, 0 }, { "12ms", false, 0 }, { "nan", false, 0 },
		{ "inf", false, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_reg_version v = { 0 };
		double d = -1;
		bool found;

		v.ntags = 2;
		v.tags = xcalloc(2, sizeof(*v.tags));
		v.tags[0] = tag("other", "1");
		v.tags[1] = tag("latency_p99_ms", cases[i].tag);
		found = hf_reg_version_value(&v, "latency_p99_ms", &d);
		if (found != cases[i].found || (found && d != cases[i].value))
			fail_msg("tag '%s': found %d value %g", cases[i].tag, found, d);
		hf_reg_version_clear(&v);
	}
	{
		/* a run metric wins over a tag of the same key */
		struct hf_reg_version v = { 0 };
		double d = 0;

		v.ntags = 1;
		v.tags = xcalloc(1, sizeof(*v.tags));
		v.tags[0] = tag("auc", "0.5");
		v.nmetrics = 1;
		v.metrics = xcalloc(1, sizeof(*v.metrics));
		v.metrics[0].key = xstrdup("auc");
		v.metrics[0].value = 0.93;
		assert_true(hf_reg_version_value(&v, "auc", &d));
		assert_true(d == 0.93);
		assert_false(hf_reg_version_value(&v, "latency_p99_ms", &d));
		hf_reg_version_clear(&v);
	}
}

/* ---- the parser on the captured responses ---- */

static char *fixture_dir(void)
{
	const char *shared = getenv("SHARED_DIR");
	char *dir = shared ? xasprintf("%s/fixtures/mlflow", shared)
			   : xstrdup(HF_ABS_SRCDIR "/../shared/fixtures/mlflow");

	return dir;
}

static bool read_fixture(const char *name, struct hf_strbuf *sb)
{
	char *dir = fixture_dir(), *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	free(dir);
	free(path);
	hf_strbuf_reset(sb);
	if (!f)
		return false;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		hf_strbuf_add(sb, buf, n);
	fclose(f);
	return true;
}

static const struct hf_reg_model *find(const struct hf_mlflow_parsed *p, const char *name)
{
	for (size_t i = 0; i < p->nmodels; i++)
		if (!strcmp(p->models[i].name, name))
			return &p->models[i];
	return NULL;
}

/* Parse the paged fixtures into p (false when the fixtures are not there). */
static bool parse_fixture_pages(struct hf_mlflow_parsed *p)
{
	static const char *const models[] = { "registered-models-search.page1.json",
		"registered-models-search.page2.json", "registered-models-search.page3.json" };
	static const char *const versions[] = { "model-versions-search.page1.json",
		"model-versions-search.page2.json", "model-versions-search.page3.json" };
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char *token = NULL;

	memset(p, 0, sizeof(*p));
	for (int i = 0; i < 3; i++) {
		if (!read_fixture(models[i], &sb)) {
			hf_strbuf_release(&sb);
			return false;
		}
		assert_int_equal(hf_mlflow_parse_models(p, models[i], sb.buf, sb.len, &token), HF_OK);
		if (i < 2)
			assert_non_null(token);
		else
			assert_null(token);
		free(token);
		assert_true(read_fixture(versions[i], &sb));
		assert_int_equal(hf_mlflow_parse_versions(p, versions[i], sb.buf, sb.len, &token), HF_OK);
		free(token);
	}
	hf_strbuf_release(&sb);
	hf_mlflow_parsed_assemble(p);
	return true;
}

static void test_parse_fixtures(void **state)
{
	struct hf_mlflow_parsed p;
	const struct hf_reg_model *m;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	struct hf_reg_run run;

	(void)state;
	if (!parse_fixture_pages(&p))
		skip();
	assert_int_equal(p.nmodels, 6);
	m = find(&p, "fraud-detector");
	assert_non_null(m);
	assert_int_equal(m->nversions, 3);
	assert_string_equal(m->versions[0].version, "3");
	assert_string_equal(m->versions[0].stage, "Staging");
	assert_string_equal(hf_reg_model_alias(m, "champion"), "2");
	assert_int_equal(m->versions[1].created, 1795945195);	/* ms -> s */
	m = find(&p, "churn-predictor");
	assert_int_equal(m->nversions, 3);
	assert_string_equal(m->versions[0].version, "4");
	assert_string_equal(m->versions[1].version, "2");
	m = find(&p, "empty-model");
	assert_non_null(m);
	assert_int_equal(m->nversions, 0);
	assert_null(m->description);
	m = find(&p, "hostile-input-model");
	assert_non_null(strchr(m->description, '\033'));
	assert_non_null(strstr(m->description, "\xe2\x80\xae"));	/* U+202E kept as it came */
	assert_true(strlen(m->description) > 12000);
	m = find(&p, "Mod\xc3\xa8le de d\xc3\xa9tection \xe2\x80\x94 \xe4\xb8\x8d\xe6\xad\xa3\xe6\xa4\x9c\xe7\x9f\xa5 \xf0\x9f\x9a\x80");
	assert_non_null(m);
	m = find(&p, "team-a/ranker v2 (50% traffic) it's");
	assert_non_null(m);
	assert_null(m->versions[0].run_id);	/* "run_id": "" */
	{
		double d;

		assert_true(hf_reg_version_value(&m->versions[0], "latency_p99_ms", &d));
		assert_true(d == 6.1);
	}
	hf_mlflow_parsed_clear(&p);

	assert_true(read_fixture("runs-get.87495143.json", &sb));
	assert_int_equal(hf_mlflow_parse_run("runs/get", sb.buf, sb.len, &run), HF_OK);
	assert_int_equal(run.nmetrics, 2);
	assert_string_equal(run.metrics[0].key, "accuracy");
	assert_true(run.metrics[0].value == 0.66);
	/* the step and time of the latest value are kept (the compare and live views want them) */
	assert_true(run.metrics[0].step > 0);
	assert_true(run.metrics[0].at > 1700000000);
	assert_string_equal(run.status, "FINISHED");
	assert_string_equal(run.run_id, "87495143dfa9426381f98f97e93d2477");
	hf_reg_run_clear(&run);

	/* an empty search answers {} */
	memset(&p, 0, sizeof(p));
	assert_true(read_fixture("registered-models-search.empty.json", &sb));
	assert_int_equal(hf_mlflow_parse_models(&p, "x", sb.buf, sb.len, NULL), HF_OK);
	assert_int_equal(p.nmodels, 0);
	/* model-versions/get lists aliases as strings; registered-models/get as objects */
	{
		struct hf_reg_model gm = { 0 };

		assert_true(read_fixture("registered-models-get.json", &sb));
		assert_int_equal(hf_mlflow_parse_model_get("registered-models/get", sb.buf, sb.len, &gm),
				 HF_OK);
		assert_string_equal(hf_reg_model_alias(&gm, "challenger"), "3");
		hf_reg_model_clear(&gm);
	}
	hf_strbuf_release(&sb);
}

static void test_parse_errors(void **state)
{
	static const struct { const char *body, *message; } cases[] = {
		{ "", "empty response from 'ep'" },
		{ "<!doctype html>\n<title>404 Not Found</title>", "response from 'ep' is not JSON (starts with '<!doctype html>" },
		{ "{\"registered_models\": [", "response from 'ep' is not valid JSON" },
		{ "[1]", "response from 'ep' is not a JSON object" },
		{ "{\"registered_models\": {}}", "'registered_models' is not an array" },
		{ "{\"registered_models\": [{\"name\": true}]}", "'registered_models[0].name' is not a string" },
		{ "{\"registered_models\": [{}]}", "'registered_models[0].name' is missing" },
		{ "{\"registered_models\": [{\"name\": \"m\", \"tags\": [{\"value\": \"x\"}]}]}", "'registered_models[0].tags[0].key' is missing" },
		{ "{\"registered_models\": [{\"name\": \"m\", \"aliases\": [\"a\"]}]}", "'registered_models[0].aliases[0]' is not an object" },
		{ "{\"next_page_token\": 7}", "'next_page_token' is not a string" },
		{ "{\"registered_models\": [{\"name\": \"m\", \"last_updated_timestamp\": \"x\"}]}", "'registered_models[0].last_updated_timestamp' is not a number" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_mlflow_parsed p = { 0 };
		char *token = NULL;
		enum hf_status rc = hf_mlflow_parse_models(&p, "ep", cases[i].body, strlen(cases[i].body),
							   &token);

		assert_int_equal(rc, HF_EINVAL);
		if (!strstr(hf_last_error(), cases[i].message))
			fail_msg("body %zu: message '%s' lacks '%s'", i, hf_last_error(), cases[i].message);
		assert_null(token);
		hf_mlflow_parsed_clear(&p);
	}
}

/* ---- the store ---- */

static char *temp_dir(void)
{
	char dir[] = "/tmp/hf-registry-XXXXXX";

	assert_non_null(mkdtemp(dir));
	return xstrdup(dir);
}

/* Versions repeated across pages are kept once, versions of unlisted models dropped, newest first. */
static void test_assemble_repeats(void **state)
{
	static const char models[] = "{\"registered_models\": [{\"name\": \"b\"}, {\"name\": \"a\"}]}";
	static const char page1[] = "{\"model_versions\": [{\"name\": \"a\", \"version\": \"2\"},"
		" {\"name\": \"a\", \"version\": \"10\", \"aliases\": [\"champion\"]},"
		" {\"name\": \"zz\", \"version\": \"1\"}]}";
	static const char page2[] = "{\"model_versions\": [{\"name\": \"a\", \"version\": \"2\"},"
		" {\"name\": \"b\", \"version\": \"1\"}, {\"name\": \"a\", \"version\": \"1\"}]}";
	struct hf_mlflow_parsed p = { 0 };

	(void)state;
	assert_int_equal(hf_mlflow_parse_models(&p, "m", models, sizeof(models) - 1, NULL), HF_OK);
	assert_int_equal(hf_mlflow_parse_versions(&p, "v", page1, sizeof(page1) - 1, NULL), HF_OK);
	assert_int_equal(hf_mlflow_parse_versions(&p, "v", page2, sizeof(page2) - 1, NULL), HF_OK);
	hf_mlflow_parsed_assemble(&p);
	assert_int_equal(p.nmodels, 2);
	assert_string_equal(p.models[0].name, "a");
	assert_int_equal(p.models[0].nversions, 3);
	assert_string_equal(p.models[0].versions[0].version, "10");
	assert_string_equal(p.models[0].versions[1].version, "2");
	assert_string_equal(p.models[0].versions[2].version, "1");
	assert_string_equal(hf_reg_model_alias(&p.models[0], "champion"), "10");
	assert_int_equal(p.models[1].nversions, 1);
	hf_mlflow_parsed_clear(&p);
}

/* A number from the server is checked before it is converted (1e300 would be undefined behaviour). */
static void test_parse_numbers(void **state)
{
	static const char big[] = "{\"registered_models\": [{\"name\": \"m\", \"last_updated_timestamp\": 1e300}]}";
	static const char huge[] = "{\"run\": {\"info\": {\"run_id\": \"r\"}, \"data\": {\"metrics\":"
		" [{\"key\": \"k\", \"value\": 1, \"step\": 1e19, \"timestamp\": 5}]}}}";
	struct hf_mlflow_parsed p = { 0 };
	struct hf_reg_run run;

	(void)state;
	assert_int_equal(hf_mlflow_parse_models(&p, "m", big, sizeof(big) - 1, NULL), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "'registered_models[0].last_updated_timestamp' is out of range"));
	hf_mlflow_parsed_clear(&p);
	assert_int_equal(hf_mlflow_parse_run("r", huge, sizeof(huge) - 1, &run), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "step' is out of range"));
}

static void rm_dir(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

static void set_alias(struct hf_reg_model *m, const char *alias, const char *version)
{
	for (size_t i = 0; i < m->naliases; i++) {
		if (!strcmp(m->aliases[i].alias, alias)) {
			free(m->aliases[i].version);
			m->aliases[i].version = xstrdup(version);
			return;
		}
	}
	fail_msg("no alias %s", alias);
}

static size_t count_activity(struct hf_store *store, const char *kind, const char *needle)
{
	struct hf_activity *a;
	size_t n, count = 0;

	assert_int_equal(hf_store_activity_list(store, NULL, 0, 1000, &a, &n), HF_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(a[i].kind, kind) && (!needle || strstr(a[i].summary, needle)))
			count++;
	hf_activity_free(a, n);
	return count;
}

static void test_store_replace(void **state)
{
	char *dir = temp_dir(), *path = xasprintf("%s/h.db", dir), *v = NULL;
	struct hf_store *store;
	struct hf_reg_model m, got;
	size_t events, n;
	char **names;

	(void)state;
	assert_int_equal(hf_store_open(path, &store), HF_OK);
	make_model(&m);
	m.versions[0].run_id = xstrdup("run7");
	m.versions[0].nmetrics = 1;
	m.versions[0].metrics = xcalloc(1, sizeof(*m.versions[0].metrics));
	m.versions[0].metrics[0].key = xstrdup("latency_p99_ms");
	m.versions[0].metrics[0].value = 62;
	m.versions[0].created = 1000;
	m.versions[0].ntags = 1;
	m.versions[0].tags = xcalloc(1, sizeof(*m.versions[0].tags));
	m.versions[0].tags[0] = tag("note", "\033[31mred\033[0m");

	/* first sync at t=5000: 3 version events (at their creation), 3 alias events */
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", &m, 1, 5000, &events), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(events, 6);

	assert_int_equal(hf_store_reg_model_get(store, NULL, "fraud-detector", &got), HF_OK);
	assert_string_equal(got.source, "registry");
	assert_int_equal(got.nversions, 3);
	assert_string_equal(got.versions[0].version, "7");
	assert_int_equal(got.versions[0].nmetrics, 1);
	assert_true(got.versions[0].metrics[0].value == 62);
	assert_string_equal(got.versions[0].tags[0].value, "\033[31mred\033[0m");	/* stored raw */
	assert_string_equal(hf_reg_model_alias(&got, "champion"), "6");
	{
		const char *how;
		const struct hf_reg_version *c = hf_reg_candidate(&got, "challenger", &how);
		double d;

		assert_string_equal(c->version, "7");
		assert_true(hf_reg_version_value(c, "latency_p99_ms", &d) && d == 62);
	}
	hf_reg_model_clear(&got);
	assert_int_equal(hf_store_reg_model_get(store, "other", "fraud-detector", &got), HF_ENOTFOUND);
	assert_int_equal(hf_store_reg_model_get(store, NULL, "nope", &got), HF_ENOTFOUND);
	assert_non_null(strstr(hf_last_error(), "no registered model 'nope'"));

	/* the same state again: no events */
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", &m, 1, 6000, &events), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(events, 0);

	/* at t=9000 champion moves 6 -> 7, stale goes away, version 5 is deleted, 7 goes to Production */
	set_alias(&m, "champion", "7");
	free(m.versions[0].stage);
	m.versions[0].stage = xstrdup("Production");
	free(m.aliases[2].alias);
	free(m.aliases[2].version);
	m.naliases = 2;
	hf_reg_version_clear(&m.versions[2]);
	m.nversions = 2;
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", &m, 1, 9000, &events), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(events, 4);
	assert_int_equal(count_activity(store, "stage", "version 7 moved from stage Staging to Production"), 1);
	assert_int_equal(count_activity(store, "alias", "alias champion moved from version 6 to 7"), 1);
	assert_int_equal(count_activity(store, "alias", "alias stale removed (was version 99)"), 1);
	assert_int_equal(count_activity(store, "version", "version 5 deleted from the registry"), 1);

	/* which version did champion point at, when */
	static const struct { int64_t at; const char *version; } when[] = {
		{ 4999, NULL }, { 5000, "6" }, { 8999, "6" }, { 9000, "7" }, { 99999, "7" },
	};
	for (size_t i = 0; i < sizeof(when) / sizeof(when[0]); i++) {
		assert_int_equal(hf_store_reg_alias_at(store, "fraud-detector", "champion", when[i].at, &v),
				 HF_OK);
		if (when[i].version)
			assert_string_equal(v, when[i].version);
		else
			assert_null(v);
		free(v);
	}
	assert_int_equal(hf_store_reg_alias_at(store, "fraud-detector", "stale", 9500, &v), HF_OK);
	assert_null(v);	/* deleted */
	{
		struct hf_reg_alias_move *moves;

		assert_int_equal(hf_store_reg_alias_history(store, "fraud-detector", &moves, &n), HF_OK);
		assert_int_equal(n, 5);	/* 3 set, champion moved, stale removed */
		hf_reg_alias_moves_free(moves, n);
	}

	/* a rolled-back replace leaves the previous view */
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "registry", NULL, 0, 10000, NULL), HF_OK);
	hf_store_rollback(store);
	assert_int_equal(hf_store_reg_model_names(store, &names, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(names[0], "fraud-detector");
	free(names[0]);
	free(names);

	/* a second source with the same model: names stay distinct */
	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_reg_replace(store, "other", &m, 1, 10000, NULL), HF_OK);
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(hf_store_reg_model_names(store, &names, &n), HF_OK);
	assert_int_equal(n, 1);
	free(names[0]);
	free(names);
	{
		struct hf_reg_model *all;

		assert_int_equal(hf_store_reg_models(store, NULL, &all, &n), HF_OK);
		assert_int_equal(n, 2);
		assert_string_equal(all[0].source, "other");
		assert_int_equal(all[1].nversions, 2);
		hf_reg_models_free(all, n);
	}
	hf_reg_model_clear(&m);
	hf_store_close(store);
	free(path);
	rm_dir(dir);
}

/* ---- the demo registry through the same parser ---- */

static void test_demo_registry(void **state)
{
	char *dir = temp_dir(), *path = xasprintf("%s/h.db", dir);
	struct hf_store *store;
	struct hf_reg_model m;
	const struct hf_reg_version *c;
	const char *how;
	char **names;
	size_t n;
	double d;

	(void)state;
	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_store_begin(store), HF_OK);
	if (hf_mlflow_load_dir(store, "registry", HF_ABS_SRCDIR "/data/demo/registry"))
		fail_msg("%s", hf_last_error());
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(hf_store_reg_model_names(store, &names, &n), HF_OK);
	assert_int_equal(n, 7);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	assert_int_equal(hf_store_reg_model_get(store, "registry", "fraud-detector", &m), HF_OK);
	c = hf_reg_candidate(&m, "challenger", &how);
	assert_string_equal(c->version, "7");
	assert_string_equal(how, "alias");
	assert_true(hf_reg_version_value(c, "latency_p99_ms", &d) && d == 62);
	assert_true(hf_reg_version_value(c, "auc", &d) && d == 0.93);
	assert_true(hf_reg_version_value(c, "throughput_rps", &d) && d == 900);
	hf_reg_model_clear(&m);
	assert_int_equal(hf_store_reg_model_get(store, "registry", "image-embedder", &m), HF_OK);
	assert_true(m.nversions >= 2);
	hf_reg_model_clear(&m);
	hf_store_close(store);
	free(path);
	rm_dir(dir);
}

static void test_load_dir_errors(void **state)
{
	char *dir = temp_dir(), *path = xasprintf("%s/h.db", dir), *file;
	char *reg = xasprintf("%s/reg", dir), *runs = xasprintf("%s/reg/runs", dir);
	struct hf_store *store;
	struct hf_reg_model m;

	(void)state;
	assert_int_equal(hf_store_open(path, &store), HF_OK);
	assert_int_equal(hf_mlflow_load_dir(store, "registry", "/nonexistent/registry"), HF_ENOTFOUND);
	assert_int_equal(mkdir(reg, 0700), 0);
	assert_int_equal(hf_mlflow_load_dir(store, "registry", reg), HF_ENOTFOUND);
	assert_non_null(strstr(hf_last_error(), "no registered-models-search.json in"));

	/* a bad file is named, with the field */
	file = xasprintf("%s/registered-models-search.json", reg);
	hf_test_write_file(file, "{\"registered_models\": [{\"name\": \"m\", \"tags\": 3}]}");
	assert_int_equal(hf_mlflow_load_dir(store, "registry", reg), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "registered-models-search.json"));
	assert_non_null(strstr(hf_last_error(), "'registered_models[0].tags' is not an array"));

	/* pages load in name order; versions attach; a run file gives metrics; no run file, none */
	hf_test_write_file(file, "{\"registered_models\": [{\"name\": \"m\", \"aliases\": [{\"alias\": \"champion\", \"version\": \"1\"}]}]}");
	free(file);
	file = xasprintf("%s/registered-models-search.page2.json", reg);
	hf_test_write_file(file, "{\"registered_models\": [{\"name\": \"n\"}]}");
	free(file);
	file = xasprintf("%s/model-versions-search.json", reg);
	hf_test_write_file(file, "{\"model_versions\": [{\"name\": \"m\", \"version\": \"1\", \"run_id\": \"r1\"},"
			 " {\"name\": \"m\", \"version\": \"2\", \"run_id\": \"r2\"},"
			 " {\"name\": \"gone\", \"version\": \"1\"}]}");
	free(file);
	assert_int_equal(mkdir(runs, 0700), 0);
	file = xasprintf("%s/r1.json", runs);
	hf_test_write_file(file, "{\"run\": {\"data\": {\"metrics\": [{\"key\": \"auc\", \"value\": 0.9}]}}}");
	free(file);
	assert_int_equal(hf_store_begin(store), HF_OK);
	if (hf_mlflow_load_dir(store, "registry", reg))
		fail_msg("%s", hf_last_error());
	assert_int_equal(hf_store_commit(store), HF_OK);
	assert_int_equal(hf_store_reg_model_get(store, "registry", "m", &m), HF_OK);
	assert_int_equal(m.nversions, 2);
	assert_string_equal(m.versions[1].version, "1");
	assert_int_equal(m.versions[1].nmetrics, 1);
	assert_int_equal(m.versions[0].nmetrics, 0);
	hf_reg_model_clear(&m);
	assert_int_equal(hf_store_reg_model_get(store, "registry", "n", &m), HF_OK);
	hf_reg_model_clear(&m);
	assert_int_equal(hf_store_reg_model_get(store, "registry", "gone", &m), HF_ENOTFOUND);

	/* a run id read from a file never becomes a path outside runs/ */
	file = xasprintf("%s/model-versions-search.json", reg);
	hf_test_write_file(file, "{\"model_versions\": [{\"name\": \"m\", \"version\": \"1\","
			 " \"run_id\": \"../../r1\"}]}");
	free(file);
	assert_int_equal(hf_mlflow_load_dir(store, "registry", reg), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "run id '../../r1' is not a plain name"));

	hf_store_close(store);
	free(path);
	free(reg);
	free(runs);
	rm_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_cmp),
		cmocka_unit_test(test_candidate),
		cmocka_unit_test(test_version_value),
		cmocka_unit_test(test_parse_fixtures),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_assemble_repeats),
		cmocka_unit_test(test_parse_numbers),
		cmocka_unit_test(test_store_replace),
		cmocka_unit_test(test_demo_registry),
		cmocka_unit_test(test_load_dir_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
