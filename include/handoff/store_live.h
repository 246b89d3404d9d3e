/* store_live.h: storing and reading live SLOs: the pod's query templates and what a Prometheus source measured */
#ifndef HANDOFF_STORE_LIVE_H
#define HANDOFF_STORE_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/live.h"
#include "handoff/store.h"

/* pod.json's "live" of the pod stored as (source, path); hf_store_pod_put calls it. */
enum hf_status hf_store_pod_live_put(struct hf_store *store, const char *source, const char *path,
				     const struct hf_pod_live *live);
/* The pod's template (*live cleared first; empty when none). */
enum hf_status hf_store_pod_live_get(struct hf_store *store, struct hf_pod_live *live);

/*
 * One live SLO of one model as a Prometheus source (source) measured it.
 * Keyed by (source, model, metric, op). Strings owned by the row.
 */
struct hf_live_row {
	char *source;
	char *model;
	char *metric;
	char *op;
	double target;
	char *query;		/* as sent, {model} replaced */
	int64_t window;		/* seconds */
	int64_t step;		/* seconds between points */
	int64_t at;		/* when the values were measured (the query's time); 0: never */
	enum hf_live_state state;
	double value;		/* the value now, when state is HF_LIVE_VALUE */
	bool has_budget;
	double budget;		/* share of the window's measured points breaking the SLO, 0..1 */
	bool has_worst;
	double worst;
	int64_t measured, bad;	/* points with a value, and of those breaking the SLO */
	int64_t start;		/* time of the first point */
	char *points;		/* hf_live_points_format text, or NULL */
	char *verdict;		/* met, missed, unknown: as of the last fetch that worked */
	char *error;		/* the last fetch of this query failed: why (NULL when it worked) */
	int64_t error_at;
};
void hf_live_row_clear(struct hf_live_row *r);
void hf_live_rows_free(struct hf_live_row *rows, size_t n);

/*
 * Applying one fetch of a source, inside the caller's transaction:
 * begin marks the source's rows unseen; put writes each SLO's outcome and
 * marks it seen; end deletes the rows still unseen (SLOs no longer live),
 * *dropped of them.
 *
 * put with row->error NULL stores the measurement whole. With an error it
 * keeps the values measured before (they show with their age) and records
 * the error, unless the query changed: values of another query are dropped.
 * *previous (may be NULL) receives the verdict stored before (caller
 * frees; NULL for a new row), to notice a verdict that changed.
 */
enum hf_status hf_store_live_begin(struct hf_store *store, const char *source);
enum hf_status hf_store_live_put(struct hf_store *store, const struct hf_live_row *row,
				 char **previous);
enum hf_status hf_store_live_end(struct hf_store *store, const char *source, size_t *dropped);

/* Every row of a model (model NULL: of every model), by model, source, metric. Caller frees. */
enum hf_status hf_store_live_list(struct hf_store *store, const char *model,
				  struct hf_live_row **rows, size_t *n);

/* Whether the pod checks any SLO live (a template, a contract's live query, or stored values). */
enum hf_status hf_store_live_any(struct hf_store *store, bool *any);

#endif
