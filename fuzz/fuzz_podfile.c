/* fuzz_podfile.c: libFuzzer target: any bytes as any pod-file kind load or become a problem, never crash */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "handoff/podfile.h"
#include "handoff/store.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const char *const paths[] = {
	"pod.json", "models/m/contract.json", "models/m/readiness.json", "models/m/MODEL_CARD.md",
	"checklists/default.json", "oncall/rota.json", "sprints/s.json",
};

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct hf_store *store;

	if (!store) {
		char dir[] = "/tmp/hf-fuzz-XXXXXX";
		char path[64];

		if (!mkdtemp(dir))
			abort();
		snprintf(path, sizeof(path), "%s/fuzz.db", dir);
		if (hf_store_open(path, &store))
			abort();
	}
	if (!size)
		return 0;
	/* the first byte picks the kind, the rest is the file */
	if (hf_store_begin(store))
		abort();
	if (hf_podfile_load(store, "fuzz", paths[data[0] % (sizeof(paths) / sizeof(paths[0]))],
			    (const char *)data + 1, size - 1))
		abort();
	hf_store_rollback(store);
	return 0;
}
