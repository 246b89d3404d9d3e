/* live.h: live SLOs: which query checks an SLO in production, over what window, the verdict rule and the sparkline (pure) */
#ifndef HANDOFF_LIVE_H
#define HANDOFF_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/contract.h"
#include "handoff/strbuf.h"

/*
 * Pure rules (src/core/live.c), no I/O. An SLO is checked against
 * production when its contract gives a live query, or when pod.json's
 * "live" template has a query for its metric (with {model} replaced by the
 * model's name). A Prometheus source evaluates that query now and over the
 * window at HF_LIVE_POINTS points; these functions turn what it answered
 * into the figures handoff shows and the verdict it stands by.
 */

#define HF_LIVE_POINTS 200			/* points of a window's range query */
#define HF_LIVE_WINDOW_DEFAULT (7 * 86400)	/* when neither contract nor pod names one */

/* pod.json "live": the pod-wide defaults and per-metric query templates. */
struct hf_live_template {
	char *metric;
	char *query;		/* PromQL with {model} where the model's name goes */
};
struct hf_pod_live {
	char *source;		/* prometheus source name, NULL: any */
	int64_t window;		/* seconds, 0: HF_LIVE_WINDOW_DEFAULT */
	struct hf_live_template *queries;
	size_t nqueries;
};
void hf_pod_live_clear(struct hf_pod_live *l);

/* The live check of one SLO of one model, all resolved. Owned strings. */
struct hf_live_spec {
	char *query;
	int64_t window;		/* seconds */
	char *source;		/* NULL: any prometheus source */
};

/*
 * Resolve an SLO's live check from its own "live" and the pod's template
 * (pod may be NULL). False (and *out zeroed) when the SLO has none: "live":
 * false, or no query of its own and no template for its metric.
 */
bool hf_live_resolve(const struct hf_slo *slo, const struct hf_pod_live *pod, const char *model,
		     struct hf_live_spec *out);
void hf_live_spec_clear(struct hf_live_spec *s);

/*
 * tmpl with every "{model}" replaced by model, escaped for a PromQL string
 * (backslash and double quote get a backslash). Caller frees.
 */
char *hf_live_expand(const char *tmpl, const char *model);

/* "7d", "24h", "90m", "3600s", "2w" -> seconds; false for anything else (or 0, or over a year). */
bool hf_live_window_parse(const char *text, int64_t *seconds);
/* Seconds -> the shortest exact "7d", "36h", "90m", "45s" into buf. */
void hf_live_window_format(int64_t seconds, char *buf, size_t n);

/* The range query's step for a window: window / HF_LIVE_POINTS seconds, at least 1. */
int64_t hf_live_step(int64_t window);

/*
 * The window's points summarised against the SLO (op, target): points with
 * a finite value are measured; bad ones break the SLO; the budget spent is
 * bad / measured (the share of the measured window in violation); worst is
 * the measured value furthest on the wrong side (the largest for <= and <,
 * the smallest for >= and >, the furthest from target for ==).
 * values: NAN for a point that was NaN; gaps are simply absent.
 */
struct hf_live_summary {
	size_t points;		/* values given */
	size_t measured;	/* finite ones */
	size_t bad;
	bool has_budget;	/* measured > 0 */
	double budget;		/* 0..1 */
	bool has_worst;
	double worst;
};
void hf_live_summarise(enum hf_slo_op op, double target, const double *values, size_t n,
		       struct hf_live_summary *out);

/* What is known about an SLO's value now, for the verdict. */
enum hf_live_state {
	HF_LIVE_UNSYNCED = 0,	/* never fetched */
	HF_LIVE_VALUE,		/* one series, a finite value */
	HF_LIVE_NAN,		/* one series, NaN (or Inf) */
	HF_LIVE_NODATA,		/* no series */
};
const char *hf_live_state_name(enum hf_live_state s);	/* "value", "nan", "no data", "unsynced" */
enum hf_live_state hf_live_state_parse(const char *text);	/* the inverse; HF_LIVE_UNSYNCED for others */

/*
 * The live verdict: met or missed only from a finite value the last fetch
 * measured; unknown when there is no value yet, no data, a NaN, or the last
 * fetch of the query or of its source failed (failing true): the value kept
 * from before is not a verdict on now. Never a guess. why (may be NULL)
 * receives the reason of an unknown verdict ("no data", "NaN", "source
 * failing", "not synced yet"), "" otherwise.
 */
enum hf_slo_verdict hf_live_verdict(enum hf_slo_op op, double target, enum hf_live_state state,
				    double value, bool failing, char *why, size_t size);

/*
 * The window's values as stored: "v v v ...", one per point, "NaN" for a
 * NaN and "-" for a step without a sample. Format writes a value as texts[i]
 * when that is given and a plain number (the server's own digits: no
 * printf, no rounding), else in the shortest form that reads back exactly.
 * Parse returns false on anything else; *values (caller frees) holds NAN for
 * both NaN and gaps, *gaps (optional, caller frees) marks the gaps.
 */
char *hf_live_points_format(const double *values, const bool *gaps, const char *const *texts,
			    size_t n);
bool hf_live_points_parse(const char *text, double **values, bool **gaps, size_t *n);

/*
 * A sparkline: n values (NAN: a gap or NaN) squeezed into width cells, each
 * cell the worst value of its points for the SLO (see hf_live_summarise),
 * scaled between the smallest and largest value shown (and the target, when
 * it lies near). level is 0..7, or -1 for a cell without a value; bad marks
 * a cell breaking the SLO. Returns the cells written (at most width, fewer
 * when n < width).
 */
struct hf_spark_cell {
	int level;
	bool bad;
};
size_t hf_sparkline_cells(enum hf_slo_op op, double target, const double *values, size_t n,
			  size_t width, struct hf_spark_cell *cells);
/* One cell's glyph: block elements U+2581..U+2588, or ASCII "_.-~=+*#"; a gap is a space. */
const char *hf_spark_glyph(int level, bool ascii);
/* The whole line into sb (glyphs only, no colour): for the CLI. */
void hf_sparkline(enum hf_slo_op op, double target, const double *values, size_t n, size_t width,
		  bool ascii, struct hf_strbuf *sb);

#endif
