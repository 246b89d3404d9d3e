/* compare.h: two registered versions of a model side by side (handoff diff, the TUI's compare), runs brought on demand */
#ifndef HANDOFF_COMPARE_H
#define HANDOFF_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/conf.h"
#include "handoff/registry.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Runs on demand. A sync fetches the runs of the versions that matter (the
 * three newest, aliased and staged ones); a command that judges or shows
 * another version brings its run then: runs/get from the model's registry
 * source (conf), stored as a sync would store it (metrics, parameters,
 * remembered as fetched), in one short write transaction.
 *
 * For each of versions[0..n) of registered model `name` in `source` (NULL:
 * any): a version with a run that was never fetched (with `params`: or
 * whose parameters are not stored either) is asked for. *fetched (may be
 * NULL) gets how many runs were stored. Nothing to fetch, no configuration
 * of that source, or a source that is not mlflow: HF_OK, nothing done.
 * Errors (the network's, the store's) leave the view as it was; callers
 * print them as a warning and go on with what is stored.
 */
enum hf_status hf_runs_on_demand(struct hf_store *store, const struct hf_conf *conf,
				 const char *source, const char *name, const char *const *versions,
				 size_t n, bool params, size_t *fetched);

/*
 * Opening a model (`handoff show`, the TUI's model view) shows the figures
 * of its candidate and of the versions its aliases name. A sync fetches
 * those runs for the pod's models only; for a model the pod does not name
 * (known from the registry only), opening it fetches them.
 * hf_report_runs_to_fetch: the versions of r (candidate, aliased) whose
 * run no sync fetched; none for a pod model. *versions owned (hf_strv_free).
 * hf_model_open_fetch: fetch those of `model` (hf_runs_on_demand), stopped
 * by cancel (may be NULL); *fetched (may be NULL): runs stored.
 */
struct hf_cancel;
struct hf_model_report;
enum hf_status hf_report_runs_to_fetch(struct hf_store *store, const struct hf_model_report *r,
				       char ***versions, size_t *n);
enum hf_status hf_model_open_fetch(struct hf_store *store, const struct hf_conf *conf,
				   const struct hf_cancel *cancel, const char *model,
				   size_t *fetched);

/*
 * The same for a front end: the configuration from ctx (none: nothing to
 * do), and a failure printed as a warning on stderr, not returned.
 */
struct hf_ctx;
void hf_ctx_runs_on_demand(struct hf_ctx *ctx, struct hf_store *store, const char *source,
			   const char *name, const char *const *versions, size_t n, bool params);

/* One row of a comparison: a key and its value on each side (NULL: absent there). */
struct hf_compare_row {
	char *key;
	char *text[2];		/* as shown: a metric's two values with the decimals either needs */
	bool has_num[2];
	double num[2];		/* metrics: the values; delta = num[1] - num[0] */
	bool differs;
	char *delta;		/* as shown, signed ("+0.029"); NULL unless both are numbers and differ */
};

/* One SLO of the model's contract judged on each side. */
struct hf_compare_slo {
	char *id, *metric, *op;
	double target;
	char *result[2];	/* "met" | "missed" | "unknown" */
	bool has_value[2];
	double value[2];
	char *target_text, *value_text[2];	/* as shown: the decimals the three need; value NULL when none */
	bool differs;		/* the two verdicts are not the same */
};

struct hf_compare_side {
	char *version;
	char *role;		/* why it was picked: "candidate", "champion", "Production", "older", "given" */
	bool has_run;		/* the version names a run */
	bool run_fetched;	/* ... and its run is stored */
};

struct hf_compare {
	char *model;		/* as the pod names it */
	char *registry_name, *source;
	struct hf_compare_side side[2];	/* [0] the baseline, [1] the version judged */
	struct hf_compare_row *info;	/* stage, aliases, status, created, run, run status, description */
	size_t ninfo;
	struct hf_compare_row *metrics;	/* every metric of either run, by key */
	size_t nmetrics;
	struct hf_compare_slo *slos;	/* contract order */
	size_t nslos;
	struct hf_compare_row *params;	/* every parameter of either run, by key */
	size_t nparams;
	struct hf_compare_row *tags;	/* every version tag of either version, by key */
	size_t ntags;
	char **notes;		/* what the reader must know: a version without a run, a run not fetched */
	size_t nnotes;
};

/*
 * Compare two versions of model `name` (as `show` resolves it). v1 NULL:
 * the version the champion alias points at, else the Production one, else
 * the newest older than the other; v2 NULL: the contract's candidate. A
 * leading "v" is allowed ("v3"). HF_ENOTFOUND for an unknown model or
 * version; HF_EINVAL naming the model when it has fewer than two versions
 * or both sides are one version. Reads the store only (call
 * hf_compare_versions first and hf_runs_on_demand to bring missing runs).
 */
enum hf_status hf_compare_build(struct hf_store *store, const char *name, const char *v1,
				const char *v2, struct hf_compare *out);

/*
 * Which versions hf_compare_build would compare, and the model's registry
 * name and source: *left, *right, *reg_name, *reg_source (NULL when none)
 * allocated, caller frees. Errors as hf_compare_build.
 */
enum hf_status hf_compare_versions(struct hf_store *store, const char *name, const char *v1,
				   const char *v2, char **left, char **right, char **reg_name,
				   char **reg_source);

/*
 * Bring the runs of the two versions hf_compare_build would compare (v1,
 * v2 as there) when no sync fetched them, with their parameters
 * (hf_runs_on_demand), stopped by cancel (may be NULL): for a front end
 * that fetches off its UI thread (the TUI's compare view). *fetched (may
 * be NULL): runs stored. Errors as hf_compare_versions, then the network's
 * and the store's.
 */
enum hf_status hf_compare_fetch(struct hf_store *store, const struct hf_conf *conf,
				const struct hf_cancel *cancel, const char *model, const char *v1,
				const char *v2, size_t *fetched);

void hf_compare_clear(struct hf_compare *c);

#endif
