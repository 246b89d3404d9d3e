/* fuzz_mlflow.c: libFuzzer target: any bytes as an MLflow answer never crash the registry parser, and what it accepts is well-formed */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/mlflow.h"
#include "handoff/registry.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_models(const struct hf_reg_model *models, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct hf_reg_model *m = &models[i];

		if (!m->name || (i && strcmp(models[i - 1].name, m->name) >= 0))
			abort();	/* names present, sorted and distinct */
		for (size_t j = 0; j < m->nversions; j++) {
			if (!m->versions[j].version)
				abort();
			if (j && hf_reg_version_cmp(m->versions[j - 1].version, m->versions[j].version) < 0)
				abort();	/* newest first */
		}
		for (size_t j = 0; j < m->naliases; j++)
			if (!m->aliases[j].alias || !m->aliases[j].version)
				abort();
		(void)hf_reg_candidate(m, "champion", NULL);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hf_mlflow_parsed p = { 0 };
	struct hf_reg_run run, *runs = NULL;
	struct hf_reg_model m = { 0 };
	const char *body = (const char *)data + 1;
	char *token = NULL;
	size_t n = 0;

	if (!size)
		return 0;
	/* the first byte picks the endpoint, the rest is its answer */
	switch (data[0] % 4) {
	case 0:
		if (hf_mlflow_parse_models(&p, "fuzz", body, size - 1, &token) == HF_OK) {
			hf_mlflow_parsed_assemble(&p);
			check_models(p.models, p.nmodels);
		}
		break;
	case 1:
		/* versions need a model to attach to: one named as the fuzzer likes */
		if (hf_mlflow_parse_versions(&p, "fuzz", body, size - 1, &token) == HF_OK && p.nversions) {
			p.models = calloc(1, sizeof(*p.models));
			p.models[0].name = strdup(p.versions[0].model);
			p.nmodels = p.alloc_models = 1;
			hf_mlflow_parsed_assemble(&p);
			check_models(p.models, p.nmodels);
		}
		break;
	case 2:
		if (hf_mlflow_parse_run("fuzz", body, size - 1, &run) == HF_OK)
			for (size_t i = 0; i < run.nmetrics; i++)
				if (!run.metrics[i].key)
					abort();
		hf_reg_run_clear(&run);
		if (hf_mlflow_parse_runs("fuzz", body, size - 1, &runs, &n, &token) == HF_OK)
			for (size_t i = 0; i < n; i++)
				if (!runs[i].run_id)
					abort();
		hf_reg_runs_free(runs, n);
		break;
	default:
		m.name = strdup("fuzz");
		(void)hf_mlflow_parse_model_get("fuzz", body, size - 1, &m);
		hf_reg_model_clear(&m);
		break;
	}
	free(token);
	hf_mlflow_parsed_clear(&p);
	return 0;
}
