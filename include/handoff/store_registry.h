/* store_registry.h: storing a registry source's models in one go, reading them back, alias history */
#ifndef HANDOFF_STORE_REGISTRY_H
#define HANDOFF_STORE_REGISTRY_H

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
