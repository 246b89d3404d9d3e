/* store_models.h: storing and reading contracts, model cards, readiness states and checklists */
#ifndef HANDOFF_STORE_MODELS_H
#define HANDOFF_STORE_MODELS_H

#include <stddef.h>
#include "handoff/contract.h"
#include "handoff/readiness.h"
#include "handoff/store.h"

/*
 * Writers store what one pod file (source, path) defined; the pod-file
 * loader forgot that path first. Readers take a model name and return the
 * first definition by source name when several sources define it. Every
 * returned structure is owned by the caller. HF_EIO on a database error.
 */

/* inputs/outputs: the JSON text of those arrays as written (may be NULL). */
enum hf_status hf_store_contract_put(struct hf_store *store, const char *source, const char *path,
				     const char *model, const struct hf_contract *c,
				     const char *inputs, const char *outputs);
/* *c cleared first (hf_contract_clear). HF_ENOTFOUND when the model has no stored contract. */
enum hf_status hf_store_contract_get(struct hf_store *store, const char *model,
				     struct hf_contract *c);
/* The contract's inputs and outputs, the JSON text of those arrays as written (NULL when absent; caller frees). */
enum hf_status hf_store_contract_io(struct hf_store *store, const char *model, char **inputs,
				    char **outputs);

enum hf_status hf_store_card_put(struct hf_store *store, const char *source, const char *path,
				 const char *model, const char *markdown);
/* *markdown caller frees. HF_ENOTFOUND when there is none. */
enum hf_status hf_store_card_get(struct hf_store *store, const char *model, char **markdown);

/*
 * readiness.json: the template name, people's item states and the model's
 * own extra items (stored as checklist "model:<model>").
 */
enum hf_status hf_store_readiness_put(struct hf_store *store, const char *source, const char *path,
				      const char *model, const char *checklist,
				      const struct hf_item_state *states, size_t nstates,
				      const struct hf_check_item *extra, size_t nextra);
/* *checklist caller frees ("default" when not stored). HF_ENOTFOUND when the model has no readiness.json. */
enum hf_status hf_store_readiness_get(struct hf_store *store, const char *model, char **checklist,
				      struct hf_item_state **states, size_t *nstates);

/* checklists/<name>.json */
enum hf_status hf_store_checklist_put(struct hf_store *store, const char *source, const char *path,
				      const char *name, const struct hf_check_item *items, size_t n);
/* Items in file order (one source's). HF_ENOTFOUND when no pod file defines that checklist. */
enum hf_status hf_store_checklist_get(struct hf_store *store, const char *name,
				      struct hf_check_item **items, size_t *n);

/* Names of the checklist templates the pod defines, sorted (not the models' own). Free each and the array. */
enum hf_status hf_store_checklist_names(struct hf_store *store, char ***names, size_t *n);

/*
 * Every model with a contract, readiness.json or model card, or with an
 * invalid one of those files, sorted (byte order, as strcmp), distinct; free
 * each and the array.
 */
enum hf_status hf_store_model_names(struct hf_store *store, char ***names, size_t *n);

/*
 * The first error recorded against models/<model>/<file> (a file that was
 * skipped as invalid), as "field: message"; *message NULL when none. Caller frees.
 */
enum hf_status hf_store_model_file_error(struct hf_store *store, const char *model, const char *file,
					 char **message);

#endif
