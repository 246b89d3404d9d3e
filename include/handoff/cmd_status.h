/* cmd_status.h: the sections of `handoff status`, each filled by the area that owns it */
#ifndef HANDOFF_CMD_STATUS_H
#define HANDOFF_CMD_STATUS_H

#include <jansson.h>
#include <stdio.h>
#include "handoff/store.h"

/*
 * A section adds its key(s) to the JSON document `doc`, or, when text is
 * not NULL, prints its lines for a person (sanitised through out.h) instead.
 * HF_OK, or an error (recorded with hf_error) that fails the command.
 */
typedef enum hf_status (*hf_status_section_fn)(struct hf_store *store, json_t *doc, FILE *text);

struct hf_status_section {
	const char *name;
	hf_status_section_fn fill;
};

/* In the order `handoff status` shows them; NULL-terminated. */
extern const struct hf_status_section hf_status_sections[];

enum hf_status hf_status_pod(struct hf_store *store, json_t *doc, FILE *text);
enum hf_status hf_status_sync(struct hf_store *store, json_t *doc, FILE *text);
enum hf_status hf_status_errors(struct hf_store *store, json_t *doc, FILE *text);

#endif
