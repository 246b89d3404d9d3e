/* registry.h: registered models, versions, aliases and the pure rules that pick a candidate */
#ifndef HANDOFF_REGISTRY_H
#define HANDOFF_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A model registry's view of one registered model, as MLflow describes it.
 * Pure data: no I/O here. Every string is owned by the struct that holds it
 * and is stored exactly as the server sent it (unsanitised: print it only
 * through hf_out_text / hf_sanitize). NULL means the server omitted it.
 * Timestamps are Unix milliseconds as MLflow sends them, converted to
 * seconds (the unit of hf_now()) by the parser: created/updated are seconds.
 */
struct hf_reg_tag {
	char *key, *value;
};

struct hf_reg_metric {
	char *key;
	double value;
	int64_t step;		/* the step it was logged at (0 when not said) */
	int64_t at;		/* when it was logged, seconds (0 when not said) */
};

/* One run as a sync fetched it: its status then and its metrics (latest value of each key). */
struct hf_reg_run {
	char *run_id;
	char *status;		/* RUNNING, SCHEDULED, FINISHED, FAILED, KILLED; NULL when not said */
	int64_t version_updated;	/* the updated time of the version it was fetched for */
	struct hf_reg_metric *metrics;
	size_t nmetrics;
	struct hf_reg_tag *params;	/* its parameters (key order as sent) */
	size_t nparams;
};

struct hf_reg_version {
	char *version;		/* "7": MLflow sends a string; compared numerically */
	char *stage;		/* "None", "Staging", "Production", "Archived" (deprecated, read-only) */
	char *status;		/* "READY", "PENDING_REGISTRATION", "FAILED_REGISTRATION" */
	char *run_id;		/* NULL when the version has no run */
	char *description;
	int64_t created, updated;	/* seconds */
	struct hf_reg_tag *tags;
	size_t ntags;
	struct hf_reg_metric *metrics;	/* of its run (latest value of each key) */
	size_t nmetrics;
};

struct hf_reg_alias {
	char *alias, *version;
};

struct hf_reg_model {
	char *source, *name, *description;
	int64_t created, updated;	/* seconds */
	struct hf_reg_tag *tags;
	size_t ntags;
	struct hf_reg_alias *aliases;
	size_t naliases;
	struct hf_reg_version *versions;	/* newest first by numeric version */
	size_t nversions;
};

/*
 * The version a contract's `candidate` names: the alias of that name, else
 * a stage of that name (case-insensitive), else the newest version. *how
 * (may be NULL) receives "alias", "stage" or "newest" (static strings).
 * NULL when the model has no versions (or an alias points at a version not
 * listed: then the stage and newest fallbacks apply). Borrowed from m.
 */
const struct hf_reg_version *hf_reg_candidate(const struct hf_reg_model *m, const char *candidate,
					      const char **how);

/*
 * A version's measured value for metric: its run's metric of that key, else
 * a version tag of that key whose whole value parses as a finite number.
 * false when neither exists.
 */
bool hf_reg_version_value(const struct hf_reg_version *v, const char *metric, double *out);

/* The version named version ("7"), or NULL. Borrowed. */
const struct hf_reg_version *hf_reg_model_version(const struct hf_reg_model *m, const char *version);

/* The version an alias points at ("4"), or NULL. Borrowed. */
const char *hf_reg_model_alias(const struct hf_reg_model *m, const char *alias);

/* The aliases pointing at version v, joined with ", " into a new string ("" when none). */
char *hf_reg_version_aliases(const struct hf_reg_model *m, const char *version);

/*
 * Order two version strings numerically ("10" after "9"); non-numeric ones
 * sort after numeric ones, by bytes. Returns <0, 0, >0 like strcmp.
 */
int hf_reg_version_cmp(const char *a, const char *b);

/* Sort m->versions newest first (by hf_reg_version_cmp, descending). */
void hf_reg_model_sort_versions(struct hf_reg_model *m);

/*
 * A digest of everything stored about m (not run metrics): two syncs that
 * fetched the same model give the same digest, so an unchanged model is
 * neither written again nor counted as a change.
 */
uint64_t hf_reg_model_digest(const struct hf_reg_model *m);

/*
 * The stage a person would name: NULL for none, including MLflow's
 * literal "None" (every version outside a stage carries it). Borrowed.
 */
const char *hf_reg_stage(const char *stage);

/* Whether a run in this status can still change (RUNNING, SCHEDULED, or not said). */
bool hf_reg_run_live(const char *status);

/* Free everything m owns and zero it. */
void hf_reg_run_clear(struct hf_reg_run *r);
void hf_reg_runs_free(struct hf_reg_run *runs, size_t n);
void hf_reg_version_clear(struct hf_reg_version *v);
void hf_reg_model_clear(struct hf_reg_model *m);
/* Clear each of n models and free the array. */
void hf_reg_models_free(struct hf_reg_model *models, size_t n);

#endif
