/* checklist.h: parsing checklist templates (the shipped default and checklists/<name>.json) */
#ifndef HANDOFF_CHECKLIST_H
#define HANDOFF_CHECKLIST_H

#include <stddef.h>
#include "handoff/readiness.h"
#include "handoff/status.h"

/*
 * Parse a checklist file ({"name": ..., "items": [...]}) with the same rules
 * the pod-file loader applies to checklists/<name>.json (src/podfile/checklist.c).
 * `what` names the file in messages. On success *items (caller frees with
 * hf_check_items_free) holds the items in file order; on a bad file returns
 * HF_EINVAL with a message "FILE: FIELD: problem" recorded by hf_error.
 */
enum hf_status hf_checklist_parse(const char *buf, size_t len, const char *what,
				  struct hf_check_item **items, size_t *n);

/*
 * The checklist a model uses: the pod's checklists/<name>.json when synced,
 * else for "default" the shipped data/checklists/default.json. Defined in
 * src/report/. HF_ENOTFOUND for another unknown name.
 */

#endif
