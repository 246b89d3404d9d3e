/* test_live.c: live SLOs: windows, templates, the window's summary, the verdict rule, sparklines, pod files and the store */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/live.h"
#include "handoff/podfile.h"
#include "handoff/store.h"
#include "handoff/store_live.h"
#include "handoff/store_models.h"
#include "handoff/store_pod.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

static void windows_parse_and_print(void **state)
{
	static const struct { const char *text; int64_t s; const char *back; } ok[] = {
		{ "7d", 604800, "7d" }, { "1w", 604800, "7d" }, { "24h", 86400, "1d" },
		{ "36h", 129600, "36h" }, { "90m", 5400, "90m" }, { "45s", 45, "45s" },
		{ "30d", 2592000, "30d" },
	};
	static const char *const bad[] = { "", "7", "d", "-1d", "0d", "7dd", "7 d", "1.5h", "400d",
					   "7y", "99999999999999999999d" };
	char buf[32];
	int64_t s;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(hf_live_window_parse(ok[i].text, &s));
		assert_int_equal(s, ok[i].s);
		hf_live_window_format(s, buf, sizeof(buf));
		assert_string_equal(buf, ok[i].back);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(hf_live_window_parse(bad[i], &s));
	assert_int_equal(hf_live_step(604800), 3024);
	assert_int_equal(hf_live_step(100), 1);
}

static void templates_resolve_with_the_model_escaped(void **state)
{
	struct hf_live_template t[] = { { "latency_p99_ms", "p99{model=\"{model}\", job=\"{model}\"}" } };
	struct hf_pod_live pod = { "prom", 86400, t, 1 };
	struct hf_slo templated = { "latency_p99_ms", "<=", 50, { NULL, 0, NULL, false } };
	struct hf_slo own = { "latency_p99_ms", "<=", 50, { "mine{x=\"{model}\"}", 3600, "other", false } };
	struct hf_slo off = { "latency_p99_ms", "<=", 50, { NULL, 0, NULL, true } };
	struct hf_slo none = { "auc", ">=", 0.9, { NULL, 0, NULL, false } };
	struct hf_live_spec spec;
	char *q;

	assert_true(hf_live_resolve(&templated, &pod, "fraud-detector", &spec));
	assert_string_equal(spec.query, "p99{model=\"fraud-detector\", job=\"fraud-detector\"}");
	assert_int_equal(spec.window, 86400);
	assert_string_equal(spec.source, "prom");
	hf_live_spec_clear(&spec);
	assert_true(hf_live_resolve(&own, &pod, "m", &spec));
	assert_string_equal(spec.query, "mine{x=\"m\"}");
	assert_int_equal(spec.window, 3600);
	assert_string_equal(spec.source, "other");
	hf_live_spec_clear(&spec);
	assert_false(hf_live_resolve(&off, &pod, "m", &spec));
	assert_null(spec.query);
	assert_false(hf_live_resolve(&none, &pod, "m", &spec));
	/* no pod template: the SLO's own query and the default window */
	assert_true(hf_live_resolve(&own, NULL, "m", &spec));
	hf_live_spec_clear(&spec);
	own.live.window = 0;
	assert_true(hf_live_resolve(&own, NULL, "m", &spec));
	assert_int_equal(spec.window, HF_LIVE_WINDOW_DEFAULT);
	hf_live_spec_clear(&spec);
	q = hf_live_expand("a{m=\"{model}\"}", "we\"ird\\");
	assert_string_equal(q, "a{m=\"we\\\"ird\\\\\"}");
	free(q);
}

static void the_window_is_summarised_against_the_slo(void **state)
{
	double lat[] = { 40, 45, 62, 50, NAN, 71.5, 30, 49.9 };
	double thr[] = { 900, 790, 1200, 805 };
	double none[] = { NAN, NAN };
	struct hf_live_summary s;

	hf_live_summarise(HF_SLO_LE, 50, lat, 8, &s);
	assert_int_equal(s.points, 8);
	assert_int_equal(s.measured, 7);
	assert_int_equal(s.bad, 2);
	assert_true(s.has_budget);
	assert_true(fabs(s.budget - 2.0 / 7.0) < 1e-12);
	assert_true(s.has_worst);
	assert_true(s.worst == 71.5);
	hf_live_summarise(HF_SLO_GE, 800, thr, 4, &s);
	assert_int_equal(s.bad, 1);
	assert_true(s.worst == 790);
	hf_live_summarise(HF_SLO_LE, 50, none, 2, &s);
	assert_false(s.has_budget);
	assert_false(s.has_worst);
	assert_int_equal(s.measured, 0);
}

static void the_verdict_never_guesses(void **state)
{
	char why[64];

	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_VALUE, 42, false, why, sizeof(why)),
			 HF_SLO_MET);
	assert_string_equal(why, "");
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_VALUE, 58, false, why, sizeof(why)),
			 HF_SLO_MISSED);
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_VALUE, 42, true, why, sizeof(why)),
			 HF_SLO_UNKNOWN);
	assert_string_equal(why, "source failing");
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_NODATA, 0, false, why, sizeof(why)),
			 HF_SLO_UNKNOWN);
	assert_string_equal(why, "no data");
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_NAN, NAN, false, why, sizeof(why)),
			 HF_SLO_UNKNOWN);
	assert_string_equal(why, "NaN");
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_VALUE, INFINITY, false, why, sizeof(why)),
			 HF_SLO_UNKNOWN);
	assert_string_equal(why, "NaN");
	assert_int_equal(hf_live_verdict(HF_SLO_LE, 50, HF_LIVE_UNSYNCED, 0, false, why, sizeof(why)),
			 HF_SLO_UNKNOWN);
	assert_string_equal(why, "not synced yet");
	assert_int_equal(hf_live_state_parse(hf_live_state_name(HF_LIVE_NODATA)), HF_LIVE_NODATA);
	assert_int_equal(hf_live_state_parse("bogus"), HF_LIVE_UNSYNCED);
}

static void points_round_trip(void **state)
{
	double v[] = { 40.25, NAN, 0, 1e-7, 62, 0.1 + 0.2 };
	bool gaps[] = { false, false, true, false, false, false };
	double *back;
	bool *bgaps;
	size_t n;
	char *text = hf_live_points_format(v, gaps, NULL, 6);

	/* shortest forms that read back exactly */
	assert_string_equal(text, "40.25 NaN - 1e-07 62 0.30000000000000004");
	assert_true(hf_live_points_parse(text, &back, &bgaps, &n));
	assert_int_equal(n, 6);
	assert_true(back[5] == 0.1 + 0.2);
	assert_true(back[0] == 40.25 && isnan(back[1]) && isnan(back[2]) && back[3] == 1e-7);
	assert_true(!bgaps[1] && bgaps[2]);
	free(back);
	free(bgaps);
	free(text);
	assert_true(hf_live_points_parse("", &back, NULL, &n));
	assert_int_equal(n, 0);
	assert_false(hf_live_points_parse("1 x 2", &back, NULL, &n));
	assert_false(hf_live_points_parse("1  2", &back, NULL, &n));
	assert_false(hf_live_points_parse("inf", &back, NULL, &n));
}

/* The server's digits are kept as written; anything but a plain number is formatted afresh. */
static void points_keep_server_digits(void **state)
{
	double v[] = { 40.243, 1e6, 2.5, 7, 3 };
	bool gaps[] = { false, false, false, false, true };
	const char *texts[] = { "40.243", "1000000", " 2.5", "7\x1b[31m", "3" };
	char *text = hf_live_points_format(v, gaps, texts, 5);

	(void)state;
	/* a leading space or an escape would break the stored list, or reach a terminal */
	assert_string_equal(text, "40.243 1000000 2.5 7 -");
	free(text);
}

static void sparklines_show_the_worst_of_each_cell(void **state)
{
	double v[] = { 40, 41, 42, 43, 60, 44, NAN, NAN, 45, 40 };
	struct hf_spark_cell cells[10];
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t n = hf_sparkline_cells(HF_SLO_LE, 50, v, 10, 5, cells);

	assert_int_equal(n, 5);
	/* cells of two points: (40,41) (42,43) (60,44) (gap) (45,40) */
	assert_int_equal(cells[0].level, 0);
	assert_false(cells[0].bad);
	assert_int_equal(cells[2].level, 7);
	assert_true(cells[2].bad);
	assert_int_equal(cells[3].level, -1);
	assert_false(cells[4].bad);
	hf_strbuf_init(&sb);
	hf_sparkline(HF_SLO_LE, 50, v, 10, 5, true, &sb);
	assert_int_equal(sb.len, 5);
	assert_int_equal(sb.buf[2], '#');
	assert_int_equal(sb.buf[3], ' ');
	hf_strbuf_reset(&sb);
	hf_sparkline(HF_SLO_LE, 50, v, 10, 5, false, &sb);
	assert_int_equal(sb.len, 4 * 3 + 1);
	assert_memory_equal(sb.buf + 6, "\xE2\x96\x88", 3);
	hf_strbuf_release(&sb);
	/* fewer points than cells: one cell each */
	assert_int_equal(hf_sparkline_cells(HF_SLO_LE, 50, v, 3, 40, cells), 3);
}

static const char live_pod[] =
	"{ \"name\": \"p\", \"members\": [{\"handle\": \"ana\", \"role\": \"research\"},"
	"  {\"handle\": \"raj\", \"role\": \"engineering\"}],"
	"  \"live\": {\"source\": \"prom\", \"window\": \"1d\","
	"    \"queries\": {\"latency_p99_ms\": \"svc_latency_p99_ms{model=\\\"{model}\\\"}\","
	"                  \"throughput_rps\": \"svc_throughput_rps{model=\\\"{model}\\\"}\"}} }";

static const char live_contract[] =
	"{ \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
	"  \"slos\": [ {\"metric\": \"latency_p99_ms\", \"op\": \"<=\", \"target\": 50,"
	"               \"live\": {\"query\": \"max(p99{m=\\\"x\\\"})\", \"window\": \"7d\"}},"
	"              {\"metric\": \"throughput_rps\", \"op\": \">=\", \"target\": 800},"
	"              {\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.9, \"live\": false} ] }";

static size_t problems(struct hf_store *store, const char *needle)
{
	struct hf_problem *p;
	size_t n, hits = 0;

	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	for (size_t i = 0; i < n; i++) {
		char *line = xasprintf("%s %s: %s", p[i].path, p[i].field ? p[i].field : "", p[i].message);

		if (!needle || strstr(line, needle))
			hits++;
		free(line);
	}
	hf_problems_free(p, n);
	return hits;
}

static void pod_files_carry_live_queries(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-live", &path);
	struct hf_contract c;
	struct hf_pod pod;
	static const char bad_window[] =
		"{ \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
		"  \"slos\": [ {\"metric\": \"m\", \"op\": \"<=\", \"target\": 1, \"live\": {\"window\": \"7 days\"}} ] }";
	static const char bad_live[] =
		"{ \"owners\": {\"research\": \"ana\", \"engineering\": \"raj\"},"
		"  \"slos\": [ {\"metric\": \"m\", \"op\": \"<=\", \"target\": 1, \"live\": \"up\"} ] }";
	static const char bad_template[] =
		"{ \"name\": \"p\", \"members\": [], \"live\": {\"queries\": {\"m\": 3}} }";

	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", live_pod, strlen(live_pod)), HF_OK);
	assert_int_equal(hf_podfile_load(store, "pod", "models/x/contract.json", live_contract,
					 strlen(live_contract)), HF_OK);
	assert_int_equal(problems(store, NULL), 0);
	assert_int_equal(hf_store_contract_get(store, "x", &c), HF_OK);
	assert_int_equal(c.nslos, 3);
	assert_string_equal(c.slos[0].live.query, "max(p99{m=\"x\"})");
	assert_int_equal(c.slos[0].live.window, 604800);
	assert_null(c.slos[1].live.query);
	assert_false(c.slos[1].live.off);
	assert_true(c.slos[2].live.off);
	assert_int_equal(hf_store_pod_get(store, &pod), HF_OK);
	assert_string_equal(pod.live.source, "prom");
	assert_int_equal(pod.live.window, 86400);
	assert_int_equal(pod.live.nqueries, 2);
	assert_string_equal(pod.live.queries[1].metric, "throughput_rps");
	{
		struct hf_live_spec spec;

		assert_true(hf_live_resolve(&c.slos[1], &pod.live, "x", &spec));
		assert_string_equal(spec.query, "svc_throughput_rps{model=\"x\"}");
		assert_int_equal(spec.window, 86400);
		hf_live_spec_clear(&spec);
		assert_false(hf_live_resolve(&c.slos[2], &pod.live, "x", &spec));
	}
	hf_pod_clear(&pod);
	hf_contract_clear(&c);

	/* bad live parts: the file is reported (naming the field) and skipped */
	assert_int_equal(hf_podfile_load(store, "pod", "models/y/contract.json", bad_window,
					 strlen(bad_window)), HF_OK);
	assert_int_equal(problems(store, "slos[0].live.window: 'slos[0].live.window' must be a duration"), 1);
	assert_int_equal(hf_store_contract_get(store, "y", &c), HF_ENOTFOUND);
	assert_int_equal(hf_podfile_load(store, "pod", "models/y/contract.json", bad_live,
					 strlen(bad_live)), HF_OK);
	assert_int_equal(problems(store, "slos[0].live: 'slos[0].live' must be an object"), 1);
	assert_int_equal(hf_podfile_load(store, "pod", "pod.json", bad_template, strlen(bad_template)),
			 HF_OK);
	assert_int_equal(problems(store, "live.queries.m: 'live.queries.m' must be a PromQL query"), 1);
	assert_int_equal(hf_store_pod_get(store, &pod), HF_OK);
	assert_int_equal(pod.live.nqueries, 0);
	hf_pod_clear(&pod);
	hf_test_store_close(store, path);
}

static struct hf_live_row row(const char *metric, double value, const char *verdict, const char *error)
{
	struct hf_live_row r = { 0 };

	r.source = "prom";
	r.model = "x";
	r.metric = (char *)metric;
	r.op = "<=";
	r.target = 50;
	r.query = "q";
	r.window = 604800;
	r.step = 3024;
	r.at = 1000;
	r.state = HF_LIVE_VALUE;
	r.value = value;
	r.has_budget = true;
	r.budget = 0.12;
	r.points = "40 NaN - 62";
	r.start = 10;
	r.verdict = (char *)verdict;
	r.error = (char *)error;
	r.error_at = 2000;
	return r;
}

static void live_values_keep_the_last_measure_through_failures(void **state)
{
	char *path, *prev;
	struct hf_store *store = hf_test_store_open("hf-live", &path);
	struct hf_live_row r = row("latency_p99_ms", 58, "missed", NULL), *rows;
	size_t n, dropped;

	assert_int_equal(hf_store_begin(store), HF_OK);
	assert_int_equal(hf_store_live_begin(store, "prom"), HF_OK);
	assert_int_equal(hf_store_live_put(store, &r, &prev), HF_OK);
	assert_null(prev);
	r = row("throughput_rps", 900, "met", NULL);
	assert_int_equal(hf_store_live_put(store, &r, NULL), HF_OK);
	assert_int_equal(hf_store_live_end(store, "prom", &dropped), HF_OK);
	assert_int_equal(dropped, 0);
	assert_int_equal(hf_store_commit(store), HF_OK);

	/* the next fetch: latency fails, throughput is no longer live */
	assert_int_equal(hf_store_live_begin(store, "prom"), HF_OK);
	r = row("latency_p99_ms", 0, NULL, "bad_data: parse error");
	assert_int_equal(hf_store_live_put(store, &r, &prev), HF_OK);
	assert_string_equal(prev, "missed");
	free(prev);
	assert_int_equal(hf_store_live_end(store, "prom", &dropped), HF_OK);
	assert_int_equal(dropped, 1);
	assert_int_equal(hf_store_live_list(store, "x", &rows, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].metric, "latency_p99_ms");
	assert_true(rows[0].value == 58);
	assert_int_equal(rows[0].at, 1000);
	assert_int_equal(rows[0].state, HF_LIVE_VALUE);
	assert_true(rows[0].has_budget && rows[0].budget == 0.12);
	assert_false(rows[0].has_worst);
	assert_string_equal(rows[0].points, "40 NaN - 62");
	assert_string_equal(rows[0].verdict, "missed");
	assert_string_equal(rows[0].error, "bad_data: parse error");
	assert_int_equal(rows[0].error_at, 2000);
	hf_live_rows_free(rows, n);

	/* a changed query that fails keeps nothing of the old query's values */
	r = row("latency_p99_ms", 0, NULL, "bad_data: x");
	r.query = "another";
	assert_int_equal(hf_store_live_put(store, &r, NULL), HF_OK);
	assert_int_equal(hf_store_live_list(store, NULL, &rows, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, HF_LIVE_UNSYNCED);
	assert_int_equal(rows[0].at, 0);
	assert_null(rows[0].points);
	assert_string_equal(rows[0].verdict, "unknown");
	hf_live_rows_free(rows, n);

	/* and a good fetch clears the error */
	r = row("latency_p99_ms", 41, "met", NULL);
	assert_int_equal(hf_store_live_put(store, &r, &prev), HF_OK);
	assert_string_equal(prev, "unknown");
	free(prev);
	assert_int_equal(hf_store_live_list(store, "x", &rows, &n), HF_OK);
	assert_null(rows[0].error);
	assert_true(rows[0].value == 41);
	hf_live_rows_free(rows, n);
	hf_test_store_close(store, path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(windows_parse_and_print),
		cmocka_unit_test(templates_resolve_with_the_model_escaped),
		cmocka_unit_test(the_window_is_summarised_against_the_slo),
		cmocka_unit_test(the_verdict_never_guesses),
		cmocka_unit_test(points_round_trip),
		cmocka_unit_test(points_keep_server_digits),
		cmocka_unit_test(sparklines_show_the_worst_of_each_cell),
		cmocka_unit_test(pod_files_carry_live_queries),
		cmocka_unit_test(live_values_keep_the_last_measure_through_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
