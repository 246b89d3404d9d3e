/* store_registry.h: storing a registry source's models in one go, reading them back, alias history */
#ifndef HANDOFF_STORE_REGISTRY_H
#define HANDOFF_STORE_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/registry.h"
#include "handoff/store.h"

/*
 * Replace everything stored for `source` (models, tags, aliases, versions,
 * version tags, run metrics) with models[0..n). Call inside the sync
 * transaction. Before replacing, compares with what was stored and records
 * history: each version not seen before becomes an activity event (kind
 * "version", ref the version, at its creation time, or `now` when the
 * model was already known and the creation time is older than the last
 * sync), and each alias that appeared, moved or went away becomes an
 * activity event (kind "alias", ref the new version or "" when deleted, at
 * `now`) and a row of the alias history read by hf_store_reg_alias_at; a
 * version whose stage changed becomes an event of kind "stage" at `now`.
 * Metrics come from each version's metrics (keyed by run id).
 * *events (may be NULL) receives the number of activity events recorded.
 */
enum hf_status hf_store_reg_replace(struct hf_store *store, const char *source,
				    const struct hf_reg_model *models, size_t n, int64_t now,
				    size_t *events);

/*
 * What one registry sync changes, for hf_store_reg_update (all borrowed).
 *  - full: models is the whole registry of the source: any stored model
 *    not in it was deleted on the server (and runs no version names any
 *    more are dropped);
 *  - else models are complete models to replace one by one (their
 *    versions, tags and aliases as the server has them now), gone names
 *    models that no longer exist, and every other stored model stays;
 *  - runs: fetched runs whose metrics (with step and time) replace what
 *    was stored for them; each is remembered with its status and the
 *    updated time of its version, for hf_store_reg_known.
 */
struct hf_reg_update {
	bool full;
	const struct hf_reg_model *models;
	size_t nmodels;
	char *const *gone;
	size_t ngone;
	const struct hf_reg_run *runs;
	size_t nruns;
};

/* What hf_store_reg_update changed, by kind: the sync's one-line summary says it. */
struct hf_reg_changes {
	size_t models_new, models_updated, models_deleted;	/* written or removed */
	size_t versions_new, versions_deleted, stages;	/* activity events */
	size_t aliases_set, aliases_moved, aliases_removed;	/* activity events */
	size_t runs;		/* runs whose metrics were written */
};

/* The models and runs written or removed (the sync log's count of changes). */
size_t hf_reg_changes_total(const struct hf_reg_changes *c);

/*
 * Apply u inside the sync transaction, recording history as
 * hf_store_reg_replace does, but only for the models u names (so an
 * incremental sync never reads a model it did not fetch as deleted).
 * *changes (may be NULL) receives what was written, by kind.
 */
enum hf_status hf_store_reg_update(struct hf_store *store, const char *source,
				   const struct hf_reg_update *u, int64_t now,
				   struct hf_reg_changes *changes);

/* What the previous syncs of a source left, for the next fetch to know what to ask. */
struct hf_reg_known_model {
	char *name;
	int64_t updated;	/* seconds, as the server said */
};
struct hf_reg_known_run {
	char *run_id;
	char *status;
	int64_t version_updated;
};
struct hf_reg_known {
	struct hf_reg_known_model *models;	/* sorted by name (byte order) */
	size_t nmodels;
	struct hf_reg_known_run *runs;	/* sorted by run id */
	size_t nruns;
};
enum hf_status hf_store_reg_known(struct hf_store *store, const char *source,
				  struct hf_reg_known *out);
void hf_reg_known_clear(struct hf_reg_known *k);
/* The known model or run of that name, or NULL. */
const struct hf_reg_known_model *hf_reg_known_model(const struct hf_reg_known *k, const char *name);
const struct hf_reg_known_run *hf_reg_known_run(const struct hf_reg_known *k, const char *run_id);

/*
 * The registry names the pod's contracts point at in `source`: each
 * contract's registry.name (its model's name when it gives none) whose
 * registry.source is `source` or unset. Sorted (byte order), distinct;
 * caller frees each and the array.
 */
enum hf_status hf_store_reg_pod_names(struct hf_store *store, const char *source, char ***names,
				      size_t *n);

/* How many models and versions a source has stored. */
enum hf_status hf_store_reg_counts(struct hf_store *store, const char *source, size_t *models,
				   size_t *versions);

/*
 * Registered models the pod does not name (no contract points at them, no
 * models/<name>/ folder has their name) first registered at or after
 * `since` (seconds): the "new registrations, not in the pod" of the pod
 * screen. Sorted by name; caller frees each and the
 * array. With since 0: every registry-only model.
 */
enum hf_status hf_store_reg_outside_pod(struct hf_store *store, int64_t since, char ***names,
					size_t *n);

/*
 * Read one registered model by name, from `source` (NULL = any source; the
 * first by source name when several have it). *out is cleared first and
 * owned by the caller (hf_reg_model_clear). Versions newest first with
 * their tags and the metrics of their run. HF_ENOTFOUND when absent.
 */
enum hf_status hf_store_reg_model_get(struct hf_store *store, const char *source, const char *name,
				      struct hf_reg_model *out);

/*
 * Every registered model name of every source, sorted (byte order), distinct.
 * Caller frees each name and the array. *n 0 and *names NULL when none.
 */
enum hf_status hf_store_reg_model_names(struct hf_store *store, char ***names, size_t *n);

/*
 * Every model of one source (NULL = all), sorted by name then source, each
 * as hf_store_reg_model_get gives it. Caller frees with hf_reg_models_free.
 */
enum hf_status hf_store_reg_models(struct hf_store *store, const char *source,
				   struct hf_reg_model **out, size_t *n);

/*
 * The version alias `alias` of `model` (any source) pointed at, at time `at`
 * (seconds), from the alias history recorded by syncs. *version is NULL
 * (and HF_OK) when it pointed nowhere or nothing was known then; caller
 * frees. When nothing was recorded before `at` but the alias is known now,
 * *version stays NULL: history starts at the first sync that saw it.
 */
enum hf_status hf_store_reg_alias_at(struct hf_store *store, const char *model, const char *alias,
				     int64_t at, char **version);

/*
 * One run as stored: *out gets its status (NULL when never fetched), its
 * metrics and its parameters, sorted by key (hf_reg_run_clear frees it).
 * *fetched (may be NULL) says whether a sync or an on-demand fetch ever
 * brought it (a run fetched with no metrics is fetched; one never asked
 * for is not).
 */
enum hf_status hf_store_reg_run_get(struct hf_store *store, const char *source, const char *run_id,
				    struct hf_reg_run *out, bool *fetched);

/* One alias move, for `handoff show` history lists. */
struct hf_reg_alias_move {
	char *source, *model, *alias;
	char *version;		/* NULL when the alias was deleted */
	int64_t at;
};
/* Alias history of a model (any source), oldest first. Free with hf_reg_alias_moves_free. */
enum hf_status hf_store_reg_alias_history(struct hf_store *store, const char *model,
					  struct hf_reg_alias_move **out, size_t *n);
void hf_reg_alias_moves_free(struct hf_reg_alias_move *m, size_t n);

#endif
