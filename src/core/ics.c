/* ics.c: RFC 5545 writer for the on-call feed: folding, escaping, CRLF, stable UIDs */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/ics.h"
#include "handoff/sanitize.h"
#include "handoff/width.h"

#define FOLD 75		/* octets per line, CRLF not counted (RFC 5545 3.1) */

void hf_ics_time(int64_t t, char *buf, size_t n)
{
	int64_t days = hf_day_of(t);
	int64_t secs = t - days * 86400;
	int y, m, d;

	hf_civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d%02d%02dT%02d%02d%02dZ", y, m, d, (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60));
}

void hf_ics_escape(struct hf_strbuf *out, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		unsigned int cp;
		size_t n;

		if (c == '\\' || c == ';' || c == ',') {
			hf_strbuf_addch(out, '\\');
			hf_strbuf_addch(out, (char)c);
		} else if (c == '\n') {
			hf_strbuf_adds(out, "\\n");
		} else if (c >= 0x20 && c < 0x7f) {
			hf_strbuf_addch(out, (char)c);
		} else if (c < 0x80) {
			/* other CTLs are not allowed in TEXT; the "\r" of a CRLF goes too */
		} else {
			/* C1 and bidi controls are dropped, separators are line breaks, bad UTF-8 is U+FFFD */
			if (!(n = hf_utf8_decode(s + i, len - i, &cp)))
				hf_strbuf_adds(out, "\xEF\xBF\xBD");
			else if (cp == 0x2028 || cp == 0x2029)
				hf_strbuf_adds(out, "\\n");
			else if (!hf_codepoint_hostile(cp))
				hf_strbuf_add(out, s + i, n);
			i += n ? n : 1;
			continue;
		}
		i++;
	}
}

/* Append line (no CRLF in it) folded at FOLD octets, then CRLF. */
static void fold(struct hf_strbuf *out, const char *line, size_t len)
{
	size_t col = 0;

	for (size_t i = 0; i < len;) {
		size_t clen = 1;
		unsigned char c = (unsigned char)line[i];

		/* keep a UTF-8 sequence on one line */
		if (c >= 0xc0) {
			while (i + clen < len && ((unsigned char)line[i + clen] & 0xc0) == 0x80)
				clen++;
		}
		if (col + clen > FOLD) {
			hf_strbuf_adds(out, "\r\n ");
			col = 1;
		}
		hf_strbuf_add(out, line + i, clen);
		col += clen;
		i += clen;
	}
	hf_strbuf_adds(out, "\r\n");
}

void hf_ics_line(struct hf_strbuf *out, const char *name, const char *value, int text)
{
	struct hf_strbuf line = HF_STRBUF_INIT;

	hf_strbuf_init(&line);
	hf_strbuf_adds(&line, name);
	hf_strbuf_addch(&line, ':');
	if (text)
		hf_ics_escape(&line, value);
	else
		hf_strbuf_adds(&line, value);
	fold(out, line.buf, line.len);
	hf_strbuf_release(&line);
}

void hf_ics_feed(struct hf_strbuf *out, const char *rotation, const struct hf_shift *shifts,
		 size_t n, int64_t stamp)
{
	struct hf_strbuf v = HF_STRBUF_INIT;
	char st[32], s[32], e[32];

	hf_strbuf_init(&v);
	hf_ics_time(stamp, st, sizeof(st));
	hf_ics_line(out, "BEGIN", "VCALENDAR", 0);
	hf_ics_line(out, "VERSION", "2.0", 0);
	hf_ics_line(out, "PRODID", "-//handoff//on-call feed//EN", 0);
	hf_ics_line(out, "CALSCALE", "GREGORIAN", 0);
	hf_ics_line(out, "METHOD", "PUBLISH", 0);
	hf_strbuf_reset(&v);
	hf_strbuf_addf(&v, "on call: %s", rotation);
	hf_ics_line(out, "X-WR-CALNAME", v.buf, 1);
	for (size_t i = 0; i < n; i++) {
		hf_ics_time(shifts[i].start, s, sizeof(s));
		hf_ics_time(shifts[i].end, e, sizeof(e));
		hf_ics_line(out, "BEGIN", "VEVENT", 0);
		hf_strbuf_reset(&v);
		hf_strbuf_addf(&v, "%s-%s@handoff", rotation, s);
		hf_ics_line(out, "UID", v.buf, 1);
		hf_ics_line(out, "DTSTAMP", st, 0);
		hf_ics_line(out, "DTSTART", s, 0);
		hf_ics_line(out, "DTEND", e, 0);
		hf_strbuf_reset(&v);
		if (shifts[i].override >= 0)
			hf_strbuf_addf(&v, "On call: %s (%s, override%s%s)", shifts[i].who, rotation,
				       shifts[i].reason ? ": " : "", shifts[i].reason ? shifts[i].reason : "");
		else
			hf_strbuf_addf(&v, "On call: %s (%s)", shifts[i].who, rotation);
		hf_ics_line(out, "SUMMARY", v.buf, 1);
		hf_ics_line(out, "TRANSP", "TRANSPARENT", 0);
		hf_ics_line(out, "END", "VEVENT", 0);
	}
	hf_ics_line(out, "END", "VCALENDAR", 0);
	hf_strbuf_release(&v);
}
