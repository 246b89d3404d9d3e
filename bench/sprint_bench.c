/* sprint_bench.c: how long evaluating a large sprint and loading it from the store take (prints figures, asserts nothing) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/podfile.h"
#include "handoff/sprint.h"
#include "handoff/store.h"
#include "handoff/store_sprint.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A sprint file with n items over 40 owners, a quarter of them done. */
static char *sprint_json(size_t n, size_t done_upto)
{
	static const char *const st[] = { "todo", "doing", "blocked" };
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	hf_strbuf_adds(&sb, "{\"id\": \"big\", \"start\": \"2026-11-02\", \"end\": \"2026-12-31\", \"capacity\": {");
	for (int p = 0; p < 40; p++)
		hf_strbuf_addf(&sb, "%s\"u%d\": 20", p ? ", " : "", p);
	hf_strbuf_adds(&sb, "}, \"items\": [");
	for (size_t i = 0; i < n; i++)
		hf_strbuf_addf(&sb, "%s{\"id\": \"S-%zu\", \"title\": \"item %zu\", \"kind\": \"%s\", "
			       "\"owner\": \"u%zu\", \"model\": \"m%zu\", \"points\": %zu, \"status\": \"%s\"}",
			       i ? ", " : "", i, i, i % 3 ? "engineering" : "research", i % 40, i % 25,
			       1 + i % 5, i < done_upto ? "done" : st[i % 3]);
	hf_strbuf_adds(&sb, "]}");
	return hf_strbuf_detach(&sb);
}

int main(void)
{
	const size_t nitems = 1000, ncommits = 100;
	char dir[] = "/tmp/hf-sprint-bench-XXXXXX", *db, *cmd, *json;
	struct hf_store *store;
	struct hf_sprint s;
	struct hf_sprint_snapshot *snaps;
	struct hf_sprint_eval ev;
	size_t nsnaps;
	int64_t start;
	double t0, t1;
	const int rounds = 200;

	if (!mkdtemp(dir))
		return 1;
	db = xasprintf("%s/bench.db", dir);
	if (hf_store_open(db, &store))
		return 1;
	hf_time_parse("2026-11-02T09:00:00Z", &start);

	/* the history: one commit every ~5 hours, each a little further along */
	char **versions = xcalloc(ncommits, sizeof(char *));

	for (size_t c = 0; c < ncommits; c++)
		versions[c] = sprint_json(nitems, c * nitems / ncommits);
	t0 = now_ms();
	hf_store_begin(store);
	for (size_t c = 0; c < ncommits; c++) {
		char ref[32];

		snprintf(ref, sizeof(ref), "c%zu", c);
		hf_podfile_sprint_snapshot(store, "pod", "sprints/big.json", versions[c],
					   strlen(versions[c]), start + (int64_t)c * 5 * 3600, ref);
	}
	hf_store_commit(store);
	t1 = now_ms();
	printf("snapshot %zu commits of a %zu-item sprint file: %.1f ms (%.2f ms each)\n", ncommits,
	       nitems, t1 - t0, (t1 - t0) / ncommits);
	for (size_t c = 0; c < ncommits; c++)
		free(versions[c]);
	free(versions);

	json = sprint_json(nitems, nitems / 2);
	t0 = now_ms();
	hf_store_begin(store);
	hf_podfile_load(store, "pod", "sprints/big.json", json, strlen(json));
	hf_store_commit(store);
	printf("load the %zu-item sprint file (%zu bytes): %.1f ms\n", nitems, strlen(json), now_ms() - t0);
	free(json);

	t0 = now_ms();
	for (int r = 0; r < rounds; r++) {
		hf_store_sprint_get(store, "big", &s);
		hf_store_sprint_snapshots(store, "big", &snaps, &nsnaps);
		hf_sprint_clear(&s);
		hf_sprint_snapshots_free(snaps, nsnaps);
	}
	printf("read sprint + %zu snapshots from the store: %.3f ms\n", nsnaps, (now_ms() - t0) / rounds);

	hf_store_sprint_get(store, "big", &s);
	hf_store_sprint_snapshots(store, "big", &snaps, &nsnaps);
	hf_time_parse("2026-12-20T12:00:00Z", &start);
	t0 = now_ms();
	for (int r = 0; r < rounds; r++) {
		hf_sprint_evaluate(&s, NULL, snaps, nsnaps, start, &ev);
		if (r < rounds - 1)
			hf_sprint_eval_clear(&ev);
	}
	t1 = now_ms();
	printf("evaluate (capacity, balance, %zu-day burndown): %.3f ms\n", ev.nburndown, (t1 - t0) / rounds);
	hf_sprint_eval_clear(&ev);
	hf_sprint_clear(&s);
	hf_sprint_snapshots_free(snaps, nsnaps);
	hf_store_close(store);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		perror("rm");
	free(cmd);
	free(db);
	return 0;
}
