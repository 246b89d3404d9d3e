/* readiness_bench.c: how long judging every model of a large pod takes (hf_report_models, one model, the card check); prints figures, asserts nothing */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/card.h"
#include "handoff/podfile.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char card[] =
	"# Model card\n\n## Model Details\nx\n\n## Intended Use\nx\n\n## Factors\nx\n\n## Metrics\nx\n\n"
	"## Evaluation Data\nx\n\n## Training Data\nx\n\n## Quantitative Analyses\nx\n\n"
	"## Ethical Considerations\nx\n\n## Caveats and Recommendations\nx\n";

static void load(struct hf_store *store, const char *path, const char *text)
{
	if (hf_podfile_load(store, "pod", path, text, strlen(text))) {
		fprintf(stderr, "load %s: %s\n", path, hf_last_error());
		exit(1);
	}
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 500;
	char dir[] = "/tmp/hf-ready-bench-XXXXXX", *db, *cmd;
	struct hf_store *store;
	struct hf_reg_model *models;
	struct hf_model_report *all, one;
	size_t nall;
	double t0, t1;

	if (!mkdtemp(dir))
		return 1;
	db = xasprintf("%s/handoff.db", dir);
	if (hf_store_open(db, &store))
		return 1;
	models = xcalloc(n, sizeof(*models));
	t0 = now_ms();
	hf_store_begin(store);
	for (size_t i = 0; i < n; i++) {
		char path[128], *text;
		struct hf_reg_model *m = &models[i];

		snprintf(path, sizeof(path), "models/m%05zu/contract.json", i);
		text = xasprintf("{\"registry\": {\"candidate\": \"challenger\"}, \"owners\": {\"research\": \"ana\","
				 " \"engineering\": \"raj\"}, \"slos\": [{\"metric\": \"latency_p99_ms\", \"op\": \"<=\","
				 " \"target\": 50}, {\"metric\": \"auc\", \"op\": \">=\", \"target\": 0.9}]}");
		load(store, path, text);
		free(text);
		snprintf(path, sizeof(path), "models/m%05zu/readiness.json", i);
		load(store, path, "{\"items\": {\"data.sources\": {\"state\": \"done\", \"by\": \"ana\","
		     " \"evidence\": \"https://x\"}, \"repro.training\": {\"state\": \"done\", \"by\": \"ana\"}}}");
		snprintf(path, sizeof(path), "models/m%05zu/MODEL_CARD.md", i);
		load(store, path, card);
		m->source = xstrdup("registry");
		m->name = xasprintf("m%05zu", i);
		m->nversions = 3;
		m->versions = xcalloc(3, sizeof(*m->versions));
		for (size_t v = 0; v < 3; v++) {
			struct hf_reg_version *rv = &m->versions[v];

			rv->version = xasprintf("%zu", 3 - v);
			rv->run_id = xasprintf("r%zu-%zu", i, v);
			rv->nmetrics = 2;
			rv->metrics = xcalloc(2, sizeof(*rv->metrics));
			rv->metrics[0].key = xstrdup("latency_p99_ms");
			rv->metrics[0].value = 30.0 + (double)(i % 40);
			rv->metrics[1].key = xstrdup("auc");
			rv->metrics[1].value = 0.93;
		}
		m->naliases = 1;
		m->aliases = xcalloc(1, sizeof(*m->aliases));
		m->aliases[0].alias = xstrdup("challenger");
		m->aliases[0].version = xstrdup("3");
	}
	hf_store_reg_replace(store, "registry", models, n, 1795945300, NULL);
	hf_store_commit(store);
	t1 = now_ms();
	printf("setup: %zu models (contract, readiness, card, 3 registry versions each) in %.0f ms\n", n,
	       t1 - t0);

	t0 = now_ms();
	if (hf_report_models(store, &all, &nall)) {
		fprintf(stderr, "%s\n", hf_last_error());
		return 1;
	}
	t1 = now_ms();
	printf("hf_report_models: %zu models in %.1f ms (%.3f ms per model)\n", nall, t1 - t0,
	       (t1 - t0) / (double)nall);
	hf_model_reports_free(all, nall);

	t0 = now_ms();
	for (int k = 0; k < 100; k++) {
		hf_report_model(store, "m00042", &one);
		hf_model_report_clear(&one);
	}
	t1 = now_ms();
	printf("hf_report_model: %.3f ms per call (100 calls)\n", (t1 - t0) / 100);

	{
		struct hf_strbuf big = HF_STRBUF_INIT;
		struct hf_card_result r;

		hf_strbuf_init(&big);
		for (int k = 0; k < 2000; k++)
			hf_strbuf_adds(&big, card);
		t0 = now_ms();
		hf_card_check(big.buf, big.len, &r);
		t1 = now_ms();
		printf("hf_card_check: %zu KiB card in %.2f ms\n", big.len / 1024, t1 - t0);
		hf_strbuf_release(&big);
	}

	hf_reg_models_free(models, n);
	hf_store_close(store);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(db);
	return 0;
}
