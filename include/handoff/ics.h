/* ics.h: the iCalendar (RFC 5545) feed of a rotation's shifts, as pure text */
#ifndef HANDOFF_ICS_H
#define HANDOFF_ICS_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/rotation.h"
#include "handoff/strbuf.h"

/*
 * hf_ics_feed appends one VCALENDAR with one VEVENT per shift to out:
 * CRLF line ends, lines folded at 75 octets (never inside a UTF-8
 * sequence), TEXT values escaped. Times are UTC ("20261019T070000Z"), which
 * every calendar program shows in its own zone. Each event's UID is
 * "<rotation>-<shift start UTC>@handoff", so importing the feed again
 * updates the events instead of duplicating them; DTSTAMP is `stamp`
 * (hf_now() in the command, so HANDOFF_NOW makes the output reproducible).
 */
void hf_ics_feed(struct hf_strbuf *out, const char *rotation, const struct hf_shift *shifts,
		 size_t n, int64_t stamp);

/* Append "NAME:VALUE" folded, with CRLF; `text` escapes VALUE as an RFC 5545 TEXT. */
void hf_ics_line(struct hf_strbuf *out, const char *name, const char *value, int text);

/*
 * Append s escaped as a TEXT value: \\ \; \, and newlines (LF, U+2028,
 * U+2029) as \n; other controls, C0 and C1, and bidi controls
 * (hf_codepoint_hostile) dropped; invalid UTF-8 as U+FFFD.
 */
void hf_ics_escape(struct hf_strbuf *out, const char *s);

/* "20261019T070000Z" into buf (at least 17 bytes). */
void hf_ics_time(int64_t t, char *buf, size_t n);

#endif
