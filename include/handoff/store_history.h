/* store_history.h: what each model looked like at the last sync (stage, verdicts, items), and who last saw the inbox when */
#ifndef HANDOFF_STORE_HISTORY_H
#define HANDOFF_STORE_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/store.h"

/*
 * Model state: one row per (model, key) holding the value the last
 * recording saw: key "stage" (the hand-off stage), "slo:<id>" (met,
 * missed, unknown), "item:<id>" (todo, done, waived). Only the latest
 * value is kept; each change becomes an activity event (store.h), which
 * is the history.
 */
struct hf_state_row {
	char *key, *value;
};
/* Every row of model, by key. *n 0 when the model was never recorded. */
enum hf_status hf_store_model_state(struct hf_store *store, const char *model,
				    struct hf_state_row **rows, size_t *n);
/* Replace every row of model with rows[0..n). Call inside a transaction. */
enum hf_status hf_store_model_state_put(struct hf_store *store, const char *model,
					const struct hf_state_row *rows, size_t n);
void hf_state_rows_free(struct hf_state_row *rows, size_t n);

/*
 * When `handle` last marked the inbox read (*at 0: never) and the newest
 * activity event id then (an event a later sync records with an older
 * time, a version created yesterday, is still unread). _set marks the
 * events up to id upto_id (0: every event recorded so far) read, at `at`.
 */
enum hf_status hf_store_inbox_seen(struct hf_store *store, const char *handle, int64_t *at,
				   int64_t *id);
enum hf_status hf_store_inbox_seen_set(struct hf_store *store, const char *handle, int64_t at,
				       int64_t upto_id);
/* The id of the newest activity event (0: none). */
enum hf_status hf_store_activity_newest(struct hf_store *store, int64_t *id);

#endif
