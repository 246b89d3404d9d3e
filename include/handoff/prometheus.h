/* prometheus.h: the Prometheus source (live SLOs): sync ops and the parsers of its HTTP API's answers */
#ifndef HANDOFF_PROMETHEUS_H
#define HANDOFF_PROMETHEUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/live.h"
#include "handoff/source.h"
#include "handoff/status.h"

/*
 * `[source "NAME"] type = prometheus` with url, token-env (Bearer) or
 * ~/.netrc basic auth, ca-file, insecure, timeout. A sync reads every
 * contract's live SLOs from the store (live.h resolves each query), asks
 * `url`/api/v1/query at the sync's time (HANDOFF_NOW in tests) and
 * `url`/api/v1/query_range over the SLO's window at HF_LIVE_POINTS points,
 * all in parallel through the shared HTTP client, and stores per SLO the
 * value now, the error budget spent, the worst value and the points.
 *
 * A fault of the server (down, timeout, 401, an HTML page from a proxy)
 * fails the sync: nothing is written and the last values stay, with their
 * age. A fault of one query (a PromQL error, more than one series) is that
 * SLO's: the others are stored, the query's row keeps its last values and
 * carries the error, and a problem names the contract and the query.
 */
extern const struct hf_source_ops hf_source_prometheus_ops;

/*
 * Parsers (tests and the fetch). `what` names the query in messages. The
 * body is the answer of a successful request (status "success").
 *
 * Instant (/api/v1/query): a vector of at most one series, or a scalar.
 * No series: *state HF_LIVE_NODATA. A NaN or infinite value: HF_LIVE_NAN.
 * More than one series: HF_EINVAL naming the series' labels. Another shape:
 * HF_EINVAL naming what was wrong.
 */
enum hf_status hf_prom_parse_instant(const char *what, const char *body, size_t len,
				     enum hf_live_state *state, double *value);

/*
 * Range (/api/v1/query_range): a matrix of at most one series, its samples
 * placed on the grid start + i * step for i < n: *values (caller frees)
 * holds each point's value (NAN for NaN), *gaps (caller frees) the points
 * without a sample, *points (caller frees) the hf_live_points_format text
 * with the server's own digits. No series: every point a gap. Errors as
 * above.
 */
enum hf_status hf_prom_parse_range(const char *what, const char *body, size_t len, int64_t start,
				   int64_t step, size_t n, double **values, bool **gaps,
				   char **points);

/*
 * An error answer's own words, "errorType: error" ("bad_data: 1:5: parse
 * error: unclosed left parenthesis"), sanitised and bounded; NULL when the
 * body is not a Prometheus error. Caller frees.
 */
char *hf_prom_error_text(const char *body, size_t len);

#endif
