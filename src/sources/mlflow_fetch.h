/* mlflow_fetch.h: what the registry fetch's two files share (mlflow_fetch.c lists models, mlflow_runs.c fetches runs): one fetch's state */
#ifndef HANDOFF_MLFLOW_FETCH_H
#define HANDOFF_MLFLOW_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/registry.h"
#include "handoff/source.h"
#include "handoff/store_registry.h"
#include "mlflow_internal.h"

#define HF_MLFLOW_MAX_PAGES 100000	/* of one paged search: past this the server is looping */

/* One fetch: the client, what the store knew, what is asked and what came back. */
struct fetch {
	struct hf_mlflow_client c;
	struct hf_sync *sync;
	const struct hf_source_conf *conf;
	struct hf_reg_known known;
	char **pod;		/* registry names the pod cares about, sorted */
	size_t npod;
	int64_t watermark;	/* from the last sync; 0 when none */
	bool aliases_known;	/* a search of this server once carried "aliases" */
	bool filter_changed;	/* the source's filter is not the one of the last sync */
	struct hf_mlflow_fetched *out;
	int64_t mark;
};

/* Whether name is in names[0..n) (sorted by strcmp). */
bool hf_mlflow_in_sorted(char *const *names, size_t n, const char *name);

/* HANDOFF_TRACE: how long a phase took since the last mark, and how much of it was the network. */
void hf_mlflow_phase(struct fetch *f, const char *what, size_t count);

/*
 * The runs of the fetched models that matter (mlflow_runs.c): those never
 * fetched, not finished when fetched, or whose version moved since; in
 * batches (runs/search), runs/get one by one when the server refuses the
 * batch. Fills f->out's runs, runs_gone and runs_fetched.
 */
enum hf_status hf_mlflow_fetch_runs(struct fetch *f);

#endif
