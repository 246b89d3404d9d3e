/* ical_feed.h: an iCalendar feed read with libical and its events expanded over a window */
#ifndef HANDOFF_ICAL_FEED_H
#define HANDOFF_ICAL_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/feed.h"
#include "handoff/status.h"

/*
 * Parse an iCalendar body (text[0..len), any line ends, folded lines) and
 * expand every VEVENT over [from, to): DTSTART with RRULE (COUNT, UNTIL,
 * BYDAY, INTERVAL, ...), RDATE and EXDATE; RECURRENCE-ID overrides replace
 * the occurrence they name (or remove it when cancelled); STATUS:CANCELLED
 * events are left out. Times: UTC, TZID through the feed's own VTIMEZONE
 * or else the system zoneinfo, floating times and all-day (DATE) events in
 * the feed's X-WR-TIMEZONE (else UTC). An occurrence keeps the length of
 * the first on the wall clock (a 7-day shift from Monday 09:00 ends Monday
 * 09:00 across a DST change). Only occurrences overlapping the window are
 * computed, so years of recurrences cost what the window holds.
 *
 * `what` names the feed in messages ("source 'pd' (cal.example)"; never
 * the URL, whose path is a secret). HF_EINVAL with a message saying what
 * the body is instead: empty, an HTML page, not iCalendar, no VCALENDAR.
 * Holds hf_ical_lock while it uses libical. *out: hf_feed_clear.
 */
enum hf_status hf_feed_parse(const char *what, const char *text, size_t len, int64_t from,
			     int64_t to, struct hf_feed *out);
void hf_feed_clear(struct hf_feed *f);

/*
 * The calendar source (`type = ical`): fetch reads the feed (one GET through
 * the shared HTTP client, or a file) and expands it over the window, a week
 * back and the source's `weeks` (default HF_ICAL_WEEKS) ahead of the sync's time, outside the write lock;
 * apply replaces the source's kept events in one short transaction. A
 * failed read (unreachable, 404, an HTML page, not iCalendar, over the size
 * cap) keeps the previous events and their age. Messages name the source and
 * the feed's host only: the URL's path is the feed's secret.
 */
#define HF_ICAL_BACK_DAYS 7
#define HF_ICAL_WEEKS 12
struct hf_source_ops;
extern const struct hf_source_ops hf_source_ical_ops;

#endif
