/* live_out.h: how commands print live SLOs (docs/json.md): JSON objects, a text line with a sparkline, verdict marks */
#ifndef HANDOFF_LIVE_OUT_H
#define HANDOFF_LIVE_OUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include "handoff/report.h"
#include "handoff/strbuf.h"

/* True when the locale is not UTF-8: marks and sparklines in plain ASCII. */
bool hf_live_out_ascii(void);

/* An SLO's `live` object (null when it is not checked live). New reference. */
json_t *hf_live_json(const struct hf_live_result *l);

/* A summary's `live` counts {met, missed, unknown}, null when no SLO is checked live. New reference. */
json_t *hf_live_json_counts(const struct hf_model_report *r);

/* "✓" met, "✗" missed, "?" unknown (ASCII: "+", "x", "?"). */
const char *hf_live_mark(const char *result, bool ascii);

/* One mark per SLO (live: per SLO checked live, from its live verdict) into sb; "-" when none. */
void hf_live_marks(const struct hf_model_report *r, bool live, bool ascii, struct hf_strbuf *sb);

/* The `models` LIVE cell, `cols` wide: a serving model's live marks ("✗✓"), else "-". */
void hf_live_cell(struct hf_strbuf *sb, const struct hf_model_report *r, int cols);

/*
 * The live line under an SLO's line (nothing when it is not live):
 * "    live: missed, 58 3m ago, 12.0% of 7d over target, worst 64  ▁▂▃█",
 * then the last fetch's failure, if any, sanitised.
 */
void hf_live_print(FILE *out, const struct hf_slo_result *s, bool ascii);

#endif
