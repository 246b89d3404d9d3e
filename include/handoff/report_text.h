/* report_text.h: one way to put a report's numbers and stale sources into words, for the CLI and the TUI alike */
#ifndef HANDOFF_REPORT_TEXT_H
#define HANDOFF_REPORT_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/report.h"
#include "handoff/strbuf.h"

/*
 * The rules (docs/readiness.md, "Numbers"), one per kind of number, so
 * `show`, `check` and the TUI print the same figure the same way:
 * - a share (the evidence score and its categories, 0..1) is a whole
 *   percent: "33%";
 * - a metric's numbers (an SLO's target and the value measured on a
 *   version, a version's run metrics) carry up to four significant digits
 *   and no trailing zeros, and the numbers of one metric side by side (an
 *   SLO's target and value) share the most decimals either needs:
 *   "auc >= 0.90: 0.93", "latency_p99_ms <= 50: 62".
 * JSON keeps the raw numbers (docs/json.md).
 */

/* "33%": share 0..1 as a whole percent, into buf. */
void hf_text_share(double share, char *buf, size_t size);

/* "evidence 33% (weakest: data)": the score and the category that limits it, into out. */
void hf_text_evidence(const struct hf_model_report *r, struct hf_strbuf *out);

/* The decimals x needs: four significant digits, trailing zeros dropped (0 from 1000 up), 0..6. */
int hf_text_decimals(double x);

/* x with that many decimals, into buf. */
void hf_text_number(double x, int decimals, char *buf, size_t size);

/* An SLO's target and (when measured) its value, with the decimals the pair shares, into the two buffers. */
void hf_text_slo(const struct hf_slo_result *s, char *target, char *value, size_t size);

/* A live figure of the SLO (its last value, its window's worst) with the decimals it or the target needs. */
void hf_text_live(const struct hf_slo_result *s, double x, char *buf, size_t size);

/*
 * A contract's inputs or outputs (the JSON array as written) one field a
 * line: "amount  float32  shape [1]", the name and dtype first, then each
 * other member as KEY VALUE. *lines NULL and *n 0 for NULL or empty text;
 * a line "(not a list of fields)" for anything else. Free with hf_strv_free.
 */
void hf_text_io(const char *json, char ***lines, size_t *n);

/*
 * A stale source in words (outside text: sanitise before printing):
 * hf_text_stale: "registry 'registry' could not be synced 2026-11-30 10:05 (5m ago): ERROR"
 * hf_text_stale_age: "shown as of its last good sync, 2026-11-30 10:00 (10m ago)"
 * or "nothing from it yet: it never synced".
 */
void hf_text_stale(const struct hf_stale_source *st, int64_t now, struct hf_strbuf *out);
void hf_text_stale_age(const struct hf_stale_source *st, int64_t now, struct hf_strbuf *out);

#endif
