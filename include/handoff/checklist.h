/* checklist.h: parsing checklist templates (the shipped default and checklists/<name>.json) */
#ifndef HANDOFF_CHECKLIST_H
#define HANDOFF_CHECKLIST_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/readiness.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Parse a checklist file ({"name": ..., "items": [...]}) with the same rules
 * the pod-file loader applies to checklists/<name>.json (src/podfile/checklist.c).
 * `what` names the file in messages. On success *items (caller frees with
 * hf_check_items_free) holds the items in file order; on a bad file returns
 * HF_EINVAL with a message "FILE: FIELD: problem" recorded by hf_error.
 */
enum hf_status hf_checklist_parse(const char *buf, size_t len, const char *what,
				  struct hf_check_item **items, size_t *n);

/* The shipped data/checklists/default.json, read and parsed once for many models. */
struct hf_checklist_cache {
	bool loaded;
	struct hf_check_item *items;
	size_t n;
};
void hf_checklist_cache_release(struct hf_checklist_cache *cache);

/*
 * The items a model is judged by, in order: the template `checklist` as the
 * pod defines it (checklists/<name>.json), else the pod's "default", else
 * the shipped default (read through cache); then the model's own items from
 * readiness.json's "extra", each replacing a template item of the same id or
 * going after the last item gating the same or an earlier stage. The one
 * rule for the report, the cross-file check and lint. *items owned by the
 * caller (hf_check_items_free).
 */
enum hf_status hf_checklist_model_items(struct hf_store *store, struct hf_checklist_cache *cache,
					const char *model, const char *checklist,
					struct hf_check_item **items, size_t *n);

#endif
