/* report_out.h: how commands print model reports: JSON objects (docs/json.md) and text lines */
#ifndef HANDOFF_REPORT_OUT_H
#define HANDOFF_REPORT_OUT_H

#include <jansson.h>
#include <stdio.h>
#include "handoff/report.h"

/*
 * The JSON shapes documented in docs/json.md, built from a report (strings
 * copied; the report is not kept). Text output goes through out.h, so every
 * string from a pod file or the registry is sanitised.
 */

/* One entry of `models --json` (and of `status --json` models). New reference. */
json_t *hf_report_json_summary(const struct hf_model_report *r);

/* `blockers` and `slos` arrays. New references. */
json_t *hf_report_json_blockers(const struct hf_model_report *r);
json_t *hf_report_json_slos(const struct hf_model_report *r);

/* `stale`: the sources of the model's data whose last sync failed (source, type, error, failed_at, synced_at). New reference. */
json_t *hf_report_json_stale(const struct hf_model_report *r);

/* The keys `check --json` prints, added to doc: model, ready, stage, done, required, score, candidate, blockers, slos, stale. */
void hf_report_json_gate(json_t *doc, const struct hf_model_report *r);

/* "ana → raj", "ana → ?"; into buf. */
void hf_report_owners_text(const struct hf_model_report *r, char *buf, size_t size);

/* "v7 challenger", "v3", "-"; into buf. */
void hf_report_candidate_text(const struct hf_model_report *r, char *buf, size_t size);

/* "2/3 met", "1 missed", "-" (no SLOs); into buf. */
void hf_report_slo_text(const struct hf_model_report *r, char *buf, size_t size);

/* "●●●●○○○" for the stage, as UTF-8, into buf. */
void hf_report_stage_dots(const struct hf_model_report *r, char *buf, size_t size);

/* Print the blockers, one a line, indented: "  ITEM  REASON  OWNER (ROLE)". */
void hf_report_print_blockers(FILE *out, const struct hf_model_report *r);

/* Print each stale source in two lines (its failure, then the age of its data), after indent. */
void hf_report_print_stale(FILE *out, const struct hf_model_report *r, const char *indent);

/* Print the SLO verdicts, one a line, indented. */
void hf_report_print_slos(FILE *out, const struct hf_model_report *r);

/*
 * The `check`/`show` preamble for an unknown model: "unknown model 'X'"
 * with up to three nearest names suggested, on stderr (exit status 2 is the
 * caller's). json: also print {"schema": 1, "model", "error", "suggestions"} on stdout.
 */
int hf_report_fail_unknown(struct hf_store *store, const char *name, bool json);

#endif
