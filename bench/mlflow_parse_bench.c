/* mlflow_parse_bench.c: one registered model with many versions: parse, assemble and store it (prints the figures, asserts nothing) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/mlflow.h"
#include "handoff/store.h"
#include "handoff/store_registry.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
	struct hf_strbuf models = HF_STRBUF_INIT, versions = HF_STRBUF_INIT;
	struct hf_mlflow_parsed p = { 0 };
	struct hf_reg_update u = { 0 };
	struct hf_store *store = NULL;
	char path[] = "/tmp/hf-parse-bench-XXXXXX";
	int64_t t0, t1, t2, t3;
	int fd;

	if (n < 1)
		n = 1;
	hf_strbuf_init(&models);
	hf_strbuf_init(&versions);
	hf_strbuf_adds(&models, "{\"registered_models\": [{\"name\": \"big\", "
				"\"last_updated_timestamp\": 1795945200000, "
				"\"aliases\": [{\"alias\": \"champion\", \"version\": \"2\"}]}]}");
	/* as model-versions/search answers: newest update first, each version once */
	hf_strbuf_adds(&versions, "{\"model_versions\": [");
	for (long i = n; i >= 1; i--)
		hf_strbuf_addf(&versions, "%s{\"name\": \"big\", \"version\": \"%ld\", "
			       "\"creation_timestamp\": %ld, \"last_updated_timestamp\": %ld, "
			       "\"current_stage\": \"None\", \"status\": \"READY\", "
			       "\"run_id\": \"%032lx\", \"tags\": [{\"key\": \"k\", \"value\": \"v\"}]}",
			       i == n ? "" : ", ", i, 1700000000000L + i, 1700000000000L + i, i);
	hf_strbuf_adds(&versions, "]}");

	t0 = hf_mono_ms();
	if (hf_mlflow_parse_models(&p, "bench", models.buf, models.len, NULL) ||
	    hf_mlflow_parse_versions(&p, "bench", versions.buf, versions.len, NULL)) {
		fprintf(stderr, "mlflow_parse_bench: %s\n", hf_last_error());
		return 1;
	}
	t1 = hf_mono_ms();
	hf_mlflow_parsed_assemble(&p);
	t2 = hf_mono_ms();
	if ((fd = mkstemp(path)) < 0)
		return 1;
	close(fd);
	p.models[0].source = xstrdup("bench");
	u.full = true;
	u.models = p.models;
	u.nmodels = p.nmodels;
	if (hf_store_open(path, &store) || hf_store_begin(store) ||
	    hf_store_reg_update(store, "bench", &u, hf_now(), NULL) || hf_store_commit(store)) {
		fprintf(stderr, "mlflow_parse_bench: %s\n", hf_last_error());
		return 1;
	}
	t3 = hf_mono_ms();
	printf("one model with %ld versions (%.1f MB of JSON):\n", n, versions.len / 1e6);
	printf("  parse            %6lld ms\n", (long long)(t1 - t0));
	printf("  assemble         %6lld ms  (sort once, bsearch per model: O(n log n))\n",
	       (long long)(t2 - t1));
	printf("  store (apply)    %6lld ms  (the write lock: %zu versions written)\n",
	       (long long)(t3 - t2), p.models[0].nversions);
	hf_store_close(store);
	unlink(path);
	hf_mlflow_parsed_clear(&p);
	hf_strbuf_release(&models);
	hf_strbuf_release(&versions);
	return 0;
}
