/* clock.h: what time it is (frozen by HANDOFF_NOW in tests) and ISO 8601 parsing/printing */
#ifndef HANDOFF_CLOCK_H
#define HANDOFF_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/status.h"

/*
 * Every piece of handoff that asks for the time calls hf_now(). When the
 * environment variable HANDOFF_NOW holds an ISO 8601 instant (for example
 * 2026-11-29T10:00:00Z) that instant is returned instead of the clock.
 * Times are Unix seconds (UTC).
 */
int64_t hf_now(void);

/*
 * A monotonic clock in milliseconds (CLOCK_MONOTONIC): for timeouts,
 * backoff, frame budgets and benches, never for dates. Not frozen by
 * HANDOFF_NOW.
 */
int64_t hf_mono_ms(void);

/*
 * Parse an ISO 8601 instant: "YYYY-MM-DD" (midnight UTC),
 * "YYYY-MM-DDTHH:MM[:SS][.fff]" followed by "Z", "+HH:MM", "-HH:MM" or
 * nothing (then UTC). A space may stand for the T.
 * HF_EINVAL with a message naming the text when it is not one.
 */
enum hf_status hf_time_parse(const char *text, int64_t *out);

/* True when text carries an explicit zone ("Z" or an offset). */
bool hf_time_has_zone(const char *text);

/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void hf_time_format(int64_t t, char *buf, size_t n);

/* Format t as "YYYY-MM-DD HH:MM" (UTC) into buf (at least 17 bytes): timelines in the TUI. */
void hf_time_format_minutes(int64_t t, char *buf, size_t n);

/* Format t as "YYYY-MM-DD" (UTC) into buf (at least 11 bytes). */
void hf_date_format(int64_t t, char *buf, size_t n);

/*
 * Floor division and its remainder, for b > 0: instants before 1970 (and
 * local times west of UTC) land on the right day, -1 / 86400 being day -1.
 * hf_day_of(t) is the day (days since 1970-01-01) holding t.
 */
int64_t hf_floor_div(int64_t a, int64_t b);
int64_t hf_floor_mod(int64_t a, int64_t b);
int64_t hf_day_of(int64_t t);

/* Days from civil date (proleptic Gregorian) to days since 1970-01-01, and back. */
int64_t hf_days_from_civil(int y, int m, int d);
void hf_civil_from_days(int64_t days, int *y, int *m, int *d);

/* "2m ago", "3h ago", "in 5d": a short human age of t relative to now. */
void hf_time_ago(int64_t t, int64_t now, char *buf, size_t n);

#endif
