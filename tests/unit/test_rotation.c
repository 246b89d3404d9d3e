/* test_rotation.c: the rotation engine against real zones: DST, changes, overrides, restrictions, coverage */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

static int64_t T(const char *iso)
{
	int64_t t;

	if (hf_time_parse(iso, &t))
		fail_msg("bad time in test: %s", iso);
	return t;
}

static int64_t D(const char *date)
{
	return T(date) / 86400;
}

static void add_change(struct hf_rotation *r, const char *from, const char *members)
{
	struct hf_rotation_change *c;
	char *copy = xstrdup(members), *p = copy;

	r->changes = xrealloc(r->changes, (r->nchanges + 1) * sizeof(*r->changes));
	c = &r->changes[r->nchanges++];
	memset(c, 0, sizeof(*c));
	c->from_day = from ? D(from) : r->start_day;
	while (p && *p) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		c->members = xrealloc(c->members, (c->nmembers + 1) * sizeof(char *));
		c->members[c->nmembers++] = xstrdup(p);
		p = comma ? comma + 1 : NULL;
	}
	free(copy);
}

static void add_override(struct hf_rotation *r, const char *who, const char *from, const char *to,
			 const char *reason)
{
	r->overrides = xrealloc(r->overrides, (r->noverrides + 1) * sizeof(*r->overrides));
	r->overrides[r->noverrides++] = (struct hf_rotation_override){
		xstrdup(who), T(from), T(to), xstrdup(reason) };
}

static void make(struct hf_rotation *r, const char *tz, const char *start, const char *shift,
		 const char *handoff, const char *members)
{
	memset(r, 0, sizeof(*r));
	r->name = xstrdup("test");
	r->timezone = xstrdup(tz);
	r->start_day = D(start);
	assert_true(hf_rotation_parse_shift(shift, &r->shift_count, &r->shift_unit));
	assert_true(hf_rotation_parse_handoff(handoff, &r->handoff_wday, &r->handoff_minute));
	add_change(r, NULL, members);
}

static struct hf_tz *zone(const char *name)
{
	struct hf_tz *tz;

	assert_int_equal(hf_tz_open(name, &tz), HF_OK);
	return tz;
}

static void fmt(int64_t t, char *buf)
{
	hf_time_format(t, buf, 32);
}

/* The first n shifts from `from`, as "START END WHO" lines in UTC, compared to want. */
static void expect_shifts(const struct hf_rotation *r, const char *from, size_t n, const char *const *want)
{
	struct hf_tz *tz = zone(r->timezone);
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_shift *v;
	size_t got;

	assert_int_equal(hf_rotation_next(r, &z, T(from), n, 0, &v, &got), HF_OK);
	assert_int_equal(got, n);
	for (size_t i = 0; i < n; i++) {
		char s[32], e[32], line[128];

		fmt(v[i].start, s);
		fmt(v[i].end, e);
		snprintf(line, sizeof(line), "%s %s %s", s, e, v[i].who);
		assert_string_equal(line, want[i]);
	}
	free(v);
	hf_tz_free(tz);
}

static void parsers(void **state)
{
	static const struct { const char *text; int ok, count; enum hf_shift_unit unit; } shifts[] = {
		{ "12h", 1, 12, HF_SHIFT_HOURS }, { "1d", 1, 1, HF_SHIFT_DAYS }, { "1w", 1, 1, HF_SHIFT_WEEKS },
		{ "2w", 1, 2, HF_SHIFT_WEEKS }, { "0w", 0, 0, 0 }, { "w", 0, 0, 0 }, { "1y", 0, 0, 0 },
		{ "1ww", 0, 0, 0 }, { "1000d", 0, 0, 0 }, { "", 0, 0, 0 },
	};
	static const struct { const char *text; int ok, wday, minute; } handoffs[] = {
		{ "mon 09:00", 1, 0, 540 }, { "Sun 23:30", 1, 6, 1410 }, { "friday 17:00", 1, 4, 1020 },
		{ "09:00", 1, -1, 540 }, { "mon", 0, 0, 0 }, { "mon 9:00", 0, 0, 0 }, { "mon 24:00", 0, 0, 0 },
		{ "xyz 09:00", 0, 0, 0 }, { "mon 09:60", 0, 0, 0 }, { "monday09:00", 0, 0, 0 },
	};
	static const struct { const char *text; int ok; unsigned mask; } days[] = {
		{ "mon-fri", 1, 0x1f }, { "sat,sun", 1, 0x60 }, { "mon,wed-fri", 1, 0x1d },
		{ "fri-mon", 1, 0x71 }, { "mon-", 0, 0 }, { "", 0, 0 }, { "weekdays", 0, 0 },
	};
	static const struct { const char *text; int ok, from, to; } hours[] = {
		{ "09:00-18:00", 1, 540, 1080 }, { "22:00-06:00", 1, 1320, 360 }, { "00:00-24:00", 1, 0, 1440 },
		{ "09:00-09:00", 0, 0, 0 }, { "9-18", 0, 0, 0 }, { "09:00-25:00", 0, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
		int c = -1;
		enum hf_shift_unit u = 0;

		assert_int_equal(hf_rotation_parse_shift(shifts[i].text, &c, &u), shifts[i].ok);
		if (shifts[i].ok) {
			assert_int_equal(c, shifts[i].count);
			assert_int_equal(u, shifts[i].unit);
		}
	}
	for (size_t i = 0; i < sizeof(handoffs) / sizeof(handoffs[0]); i++) {
		int w = 9, m = -1;

		assert_int_equal(hf_rotation_parse_handoff(handoffs[i].text, &w, &m), handoffs[i].ok);
		if (handoffs[i].ok) {
			assert_int_equal(w, handoffs[i].wday);
			assert_int_equal(m, handoffs[i].minute);
		}
	}
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		unsigned mask = 0;

		assert_int_equal(hf_rotation_parse_days(days[i].text, &mask), days[i].ok);
		if (days[i].ok)
			assert_int_equal(mask, days[i].mask);
	}
	for (size_t i = 0; i < sizeof(hours) / sizeof(hours[0]); i++) {
		int f = -1, t = -1;

		assert_int_equal(hf_rotation_parse_hours(hours[i].text, &f, &t), hours[i].ok);
		if (hours[i].ok) {
			assert_int_equal(f, hours[i].from);
			assert_int_equal(t, hours[i].to);
		}
	}
	assert_int_equal(hf_weekday(D("2026-10-19")), 0);
	assert_int_equal(hf_weekday(D("2026-11-29")), 6);
}

/* Hand-offs stay at the same local time on both sides of each DST change. */
static void dst_table(void **state)
{
	static const struct {
		const char *what, *tz, *start, *shift, *handoff, *from;
		const char *want[4];
	} cases[] = {
		{ "Berlin autumn (CEST->CET), weekly mon 09:00", "Europe/Berlin", "2026-10-19", "1w", "mon 09:00",
		  "2026-10-19T00:00:00Z",
		  { "2026-10-19T07:00:00Z 2026-10-26T08:00:00Z a", "2026-10-26T08:00:00Z 2026-11-02T08:00:00Z b",
		    "2026-11-02T08:00:00Z 2026-11-09T08:00:00Z c", "2026-11-09T08:00:00Z 2026-11-16T08:00:00Z a" } },
		{ "Berlin spring (CET->CEST), weekly mon 09:00", "Europe/Berlin", "2027-03-15", "1w", "mon 09:00",
		  "2027-03-15T00:00:00Z",
		  { "2027-03-15T08:00:00Z 2027-03-22T08:00:00Z a", "2027-03-22T08:00:00Z 2027-03-29T07:00:00Z b",
		    "2027-03-29T07:00:00Z 2027-04-05T07:00:00Z c", "2027-04-05T07:00:00Z 2027-04-12T07:00:00Z a" } },
		{ "Berlin autumn, 12h at 09:00 (the night of the change lasts 13h)", "Europe/Berlin", "2026-10-24",
		  "12h", "09:00", "2026-10-24T00:00:00Z",
		  { "2026-10-24T07:00:00Z 2026-10-24T19:00:00Z a", "2026-10-24T19:00:00Z 2026-10-25T08:00:00Z b",
		    "2026-10-25T08:00:00Z 2026-10-25T20:00:00Z c", "2026-10-25T20:00:00Z 2026-10-26T08:00:00Z a" } },
		{ "Berlin spring, daily at 02:30 (skipped hour: 03:30 that night)", "Europe/Berlin", "2027-03-27",
		  "1d", "02:30", "2027-03-27T00:00:00Z",
		  { "2027-03-27T01:30:00Z 2027-03-28T01:30:00Z a", "2027-03-28T01:30:00Z 2027-03-29T00:30:00Z b",
		    "2027-03-29T00:30:00Z 2027-03-30T00:30:00Z c", "2027-03-30T00:30:00Z 2027-03-31T00:30:00Z a" } },
		{ "Berlin autumn, daily at 02:30 (repeated hour: the first 02:30)", "Europe/Berlin", "2026-10-24",
		  "1d", "02:30", "2026-10-24T00:00:00Z",
		  { "2026-10-24T00:30:00Z 2026-10-25T00:30:00Z a", "2026-10-25T00:30:00Z 2026-10-26T01:30:00Z b",
		    "2026-10-26T01:30:00Z 2026-10-27T01:30:00Z c", "2026-10-27T01:30:00Z 2026-10-28T01:30:00Z a" } },
		{ "New York autumn (EDT->EST), daily 09:00", "America/New_York", "2026-10-30", "1d", "09:00",
		  "2026-10-30T00:00:00Z",
		  { "2026-10-30T13:00:00Z 2026-10-31T13:00:00Z a", "2026-10-31T13:00:00Z 2026-11-01T14:00:00Z b",
		    "2026-11-01T14:00:00Z 2026-11-02T14:00:00Z c", "2026-11-02T14:00:00Z 2026-11-03T14:00:00Z a" } },
		{ "New York spring (EST->EDT), weekly sun 09:00", "America/New_York", "2027-02-28", "1w", "sun 09:00",
		  "2027-02-28T00:00:00Z",
		  { "2027-02-28T14:00:00Z 2027-03-07T14:00:00Z a", "2027-03-07T14:00:00Z 2027-03-14T13:00:00Z b",
		    "2027-03-14T13:00:00Z 2027-03-21T13:00:00Z c", "2027-03-21T13:00:00Z 2027-03-28T13:00:00Z a" } },
		{ "Berlin spring, hourly: the 02:00 shift does not exist that night; c's turn is at 03:00",
		  "Europe/Berlin", "2027-03-28", "1h", "00:00", "2027-03-27T23:30:00Z",
		  { "2027-03-27T23:00:00Z 2027-03-28T00:00:00Z a", "2027-03-28T00:00:00Z 2027-03-28T01:00:00Z b",
		    "2027-03-28T01:00:00Z 2027-03-28T02:00:00Z c", "2027-03-28T02:00:00Z 2027-03-28T03:00:00Z a" } },
		{ "Troll spring (+00 to +02 at 01:00Z), hourly: 01:00 and 02:00 do not exist, nobody loses a turn",
		  "Antarctica/Troll", "2027-03-28", "1h", "00:00", "2027-03-28T00:00:00Z",
		  { "2027-03-28T00:00:00Z 2027-03-28T01:00:00Z a", "2027-03-28T01:00:00Z 2027-03-28T02:00:00Z b",
		    "2027-03-28T02:00:00Z 2027-03-28T03:00:00Z c", "2027-03-28T03:00:00Z 2027-03-28T04:00:00Z a" } },
		{ "Apia skips 30 Dec 2011, 12h at 09:00: the 29th's night shift lasts to the 31st 09:00",
		  "Pacific/Apia", "2011-12-29", "12h", "09:00", "2011-12-29T19:00:00Z",
		  { "2011-12-29T19:00:00Z 2011-12-30T07:00:00Z a", "2011-12-30T07:00:00Z 2011-12-30T19:00:00Z b",
		    "2011-12-30T19:00:00Z 2011-12-31T07:00:00Z c", "2011-12-31T07:00:00Z 2011-12-31T19:00:00Z a" } },
		{ "Apia, daily at 09:00: the 30th does not exist, c takes the 31st",
		  "Pacific/Apia", "2011-12-28", "1d", "09:00", "2011-12-28T19:00:00Z",
		  { "2011-12-28T19:00:00Z 2011-12-29T19:00:00Z a", "2011-12-29T19:00:00Z 2011-12-30T19:00:00Z b",
		    "2011-12-30T19:00:00Z 2011-12-31T19:00:00Z c", "2011-12-31T19:00:00Z 2012-01-01T19:00:00Z a" } },
		{ "A Wednesday start with a Monday hand-off: the first shift is Wednesday to Monday",
		  "Europe/Berlin", "2026-11-04", "1w", "mon 09:00", "2026-11-01T00:00:00Z",
		  { "2026-11-04T08:00:00Z 2026-11-09T08:00:00Z a", "2026-11-09T08:00:00Z 2026-11-16T08:00:00Z b",
		    "2026-11-16T08:00:00Z 2026-11-23T08:00:00Z c", "2026-11-23T08:00:00Z 2026-11-30T08:00:00Z a" } },
		{ "New York spring, 12h at 08:00", "America/New_York", "2027-03-13", "12h", "08:00",
		  "2027-03-13T00:00:00Z",
		  { "2027-03-13T13:00:00Z 2027-03-14T01:00:00Z a", "2027-03-14T01:00:00Z 2027-03-14T12:00:00Z b",
		    "2027-03-14T12:00:00Z 2027-03-15T00:00:00Z c", "2027-03-15T00:00:00Z 2027-03-15T12:00:00Z a" } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_rotation r;

		print_message("case: %s\n", cases[i].what);
		make(&r, cases[i].tz, cases[i].start, cases[i].shift, cases[i].handoff, "a,b,c");
		expect_shifts(&r, cases[i].from, 4, cases[i].want);
		hf_rotation_clear(&r);
	}
}

/* Members in Kolkata and New York see the Berlin hand-off at their own wall-clock times. */
static void members_in_two_timezones(void **state)
{
	static const struct { const char *tz, *instant, *local; } cases[] = {
		{ "Asia/Kolkata", "2026-10-19T07:00:00Z", "2026-10-19T12:30:00Z" },
		{ "Asia/Kolkata", "2026-10-26T08:00:00Z", "2026-10-26T13:30:00Z" },
		{ "America/New_York", "2026-10-26T08:00:00Z", "2026-10-26T04:00:00Z" },
		{ "America/New_York", "2026-11-02T08:00:00Z", "2026-11-02T03:00:00Z" },
	};
	static const char *const want[] = {
		"2026-10-19T07:00:00Z 2026-10-26T08:00:00Z raj", "2026-10-26T08:00:00Z 2026-11-02T08:00:00Z sam",
		"2026-11-02T08:00:00Z 2026-11-09T08:00:00Z raj",
	};
	struct hf_rotation r;

	make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "raj,sam");
	expect_shifts(&r, "2026-10-19T00:00:00Z", 3, want);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_tz *tz = zone(cases[i].tz);
		struct hf_zone z = hf_tz_zone(tz);
		char buf[32];

		fmt(hf_zone_to_local(&z, T(cases[i].instant)), buf);
		assert_string_equal(buf, cases[i].local);
		hf_tz_free(tz);
	}
	hf_rotation_clear(&r);
}

static void overrides_overlapping_and_across_handoff(void **state)
{
	static const char *const across[] = {
		"2026-10-19T07:00:00Z 2026-10-25T00:00:00Z a",		/* a until the override */
		"2026-10-25T00:00:00Z 2026-10-27T00:00:00Z x",		/* x across Monday's hand-off */
		"2026-10-27T00:00:00Z 2026-11-02T08:00:00Z b",		/* b takes the rest of the week */
		"2026-11-02T08:00:00Z 2026-11-09T08:00:00Z c",
	};
	static const char *const overlapping[] = {
		"2026-11-09T08:00:00Z 2026-11-10T00:00:00Z a",
		"2026-11-10T00:00:00Z 2026-11-11T00:00:00Z y",		/* y alone */
		"2026-11-11T00:00:00Z 2026-11-12T00:00:00Z z",		/* z, listed later, wins the overlap */
		"2026-11-12T00:00:00Z 2026-11-13T00:00:00Z y",		/* y again once z is done */
		"2026-11-13T00:00:00Z 2026-11-16T08:00:00Z a",
	};
	struct hf_rotation r;
	struct hf_tz *tz = zone("Europe/Berlin");
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_shift *claims, now, next;
	struct hf_interval *gaps, *doubles;
	size_t n, ng, nd;
	bool nf, xf;
	char s[32], e[32];

	make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "a,b,c");
	add_override(&r, "x", "2026-10-25T00:00:00Z", "2026-10-27T00:00:00Z", "swap");
	add_override(&r, "y", "2026-11-10T00:00:00Z", "2026-11-13T00:00:00Z", "conference cover");
	add_override(&r, "z", "2026-11-11T00:00:00Z", "2026-11-12T00:00:00Z", NULL);
	expect_shifts(&r, "2026-10-19T00:00:00Z", 4, across);
	expect_shifts(&r, "2026-11-09T09:00:00Z", 5, overlapping);

	assert_int_equal(hf_rotation_at(&r, &z, T("2026-10-26T12:00:00Z"), &now, &nf, &next, &xf), HF_OK);
	assert_true(nf && xf);
	assert_string_equal(now.who, "x");
	assert_string_equal(now.reason, "swap");
	assert_int_equal(now.override, 0);
	assert_string_equal(next.who, "b");
	assert_int_equal(next.start, T("2026-10-27T00:00:00Z"));

	/* the overlap of y and z is double cover; nothing is a gap */
	assert_int_equal(hf_rotation_claims(&r, &z, T("2026-11-09T08:00:00Z"), T("2026-11-16T08:00:00Z"),
					    &claims, &n), HF_OK);
	hf_oncall_coverage(claims, n, T("2026-11-09T08:00:00Z"), T("2026-11-16T08:00:00Z"), &gaps, &ng,
			   &doubles, &nd);
	assert_int_equal(ng, 0);
	assert_int_equal(nd, 1);
	fmt(doubles[0].start, s);
	fmt(doubles[0].end, e);
	assert_string_equal(s, "2026-11-11T00:00:00Z");
	assert_string_equal(e, "2026-11-12T00:00:00Z");
	free(claims);
	free(gaps);
	free(doubles);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
}

/* A change never rewrites shifts before it, and continues the order from whoever was last. */
static void member_added_and_removed(void **state)
{
	static const struct {
		const char *what, *from, *members;
		const char *want[7];
	} cases[] = {
		{ "no change", NULL, NULL,
		  { "a", "b", "c", "a", "b", "c", "a" } },
		{ "dana added after b, effective Wed of week 3 (from the next Monday)", "2026-11-04", "a,b,dana,c",
		  { "a", "b", "c", "a", "b", "dana", "c" } },
		{ "b removed, effective on a hand-off day (that hand-off already)", "2026-11-09", "a,c",
		  { "a", "b", "c", "a", "c", "a", "c" } },
		{ "b removed and dana added where b was, next after a would have been b", "2026-11-10",
		  "a,c,dana",
		  { "a", "b", "c", "a", "c", "dana", "a" } },
		{ "a change dated before the start replaces the first list", "2026-10-01", "x,y",
		  { "x", "y", "x", "y", "x", "y", "x" } },
		{ "everyone replaced: the new list starts from its first member", "2026-11-16", "p,q",
		  { "a", "b", "c", "a", "p", "q", "p" } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_rotation r;
		struct hf_tz *tz = zone("Europe/Berlin");
		struct hf_zone z = hf_tz_zone(tz);
		struct hf_shift *v;
		size_t n;

		print_message("case: %s\n", cases[i].what);
		make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "a,b,c");
		if (cases[i].from)
			add_change(&r, cases[i].from, cases[i].members);
		assert_int_equal(hf_rotation_next(&r, &z, T("2026-10-19T00:00:00Z"), 7, 0, &v, &n), HF_OK);
		assert_int_equal(n, 7);
		for (size_t k = 0; k < 7; k++)
			assert_string_equal(v[k].who, cases[i].want[k]);
		free(v);
		/* who is on call on the day the change is written is untouched */
		if (cases[i].from && strcmp(cases[i].from, "2026-11-03") > 0) {
			struct hf_shift now, next;
			bool nf, xf;

			assert_int_equal(hf_rotation_at(&r, &z, T("2026-11-03T12:00:00Z"), &now, &nf, &next, &xf),
					 HF_OK);
			assert_true(nf);
			assert_string_equal(now.who, "c");
		}
		hf_rotation_clear(&r);
		hf_tz_free(tz);
	}
}

static void restrictions_leave_gaps(void **state)
{
	static const char *const want[] = {
		"2026-10-23T07:00:00Z 2026-10-23T16:00:00Z a",		/* Fri 09:00-18:00 CEST */
		"2026-10-26T08:00:00Z 2026-10-26T17:00:00Z b",		/* Mon, after the hand-off, CET */
		"2026-10-27T08:00:00Z 2026-10-27T17:00:00Z b",
	};
	struct hf_rotation r;
	struct hf_tz *tz = zone("Europe/Berlin");
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_shift *claims;
	struct hf_interval *gaps, *doubles;
	struct hf_oncall_hours *hours;
	size_t n, ng, nd, nh;
	char s[32], e[32];

	make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "a,b");
	r.restricted = true;
	assert_true(hf_rotation_parse_days("mon-fri", &r.restrict_days));
	assert_true(hf_rotation_parse_hours("09:00-18:00", &r.restrict_from, &r.restrict_to));
	expect_shifts(&r, "2026-10-23T12:00:00Z", 3, want);

	/* over one week: 5 days on, so the gaps are the nights and the weekend */
	assert_int_equal(hf_rotation_claims(&r, &z, T("2026-10-26T00:00:00Z"), T("2026-11-02T00:00:00Z"),
					    &claims, &n), HF_OK);
	assert_int_equal(n, 5);
	hf_oncall_coverage(claims, n, T("2026-10-26T00:00:00Z"), T("2026-11-02T00:00:00Z"), &gaps, &ng,
			   &doubles, &nd);
	assert_int_equal(nd, 0);
	assert_int_equal(ng, 6);
	fmt(gaps[5].start, s);
	fmt(gaps[5].end, e);
	assert_string_equal(s, "2026-10-30T17:00:00Z");	/* Friday 18:00 CET to the window's end */
	assert_string_equal(e, "2026-11-02T00:00:00Z");
	hf_oncall_hours(claims, n, T("2026-10-26T00:00:00Z"), T("2026-11-02T00:00:00Z"), &hours, &nh);
	assert_int_equal(nh, 1);
	assert_string_equal(hours[0].who, "b");
	assert_int_equal(hours[0].seconds, 45 * 3600);
	free(hours);
	free(claims);
	free(gaps);
	free(doubles);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
}

/* Night restriction crossing midnight, and shifts of two weeks. */
static void long_shifts_and_night_hours(void **state)
{
	static const char *const fortnight[] = {
		"2026-10-19T07:00:00Z 2026-11-02T08:00:00Z a", "2026-11-02T08:00:00Z 2026-11-16T08:00:00Z b",
		"2026-11-16T08:00:00Z 2026-11-30T08:00:00Z a",
	};
	static const char *const nights[] = {
		"2026-10-19T20:00:00Z 2026-10-20T04:00:00Z a", "2026-10-20T20:00:00Z 2026-10-21T04:00:00Z b",
	};
	static const char *const three_days[] = {
		"2026-10-19T07:00:00Z 2026-10-22T07:00:00Z a", "2026-10-22T07:00:00Z 2026-10-25T08:00:00Z b",
		"2026-10-25T08:00:00Z 2026-10-28T08:00:00Z a",
	};
	struct hf_rotation r;
	struct hf_tz *tz = zone("Europe/Berlin");
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_oncall_hours *hours;
	struct hf_shift *v;
	size_t n, nh;

	make(&r, "Europe/Berlin", "2026-10-19", "2w", "mon 09:00", "a,b");
	expect_shifts(&r, "2026-10-01T00:00:00Z", 3, fortnight);
	/* fairness over the four weeks from the start: a has one more hour (the autumn night) */
	assert_int_equal(hf_rotation_shifts(&r, &z, T("2026-10-19T07:00:00Z"), T("2026-11-16T08:00:00Z"),
					    &v, &n), HF_OK);
	hf_oncall_hours(v, n, T("2026-10-19T07:00:00Z"), T("2026-11-16T08:00:00Z"), &hours, &nh);
	assert_int_equal(nh, 2);
	assert_int_equal(hours[0].seconds, 14 * 24 * 3600 + 3600);
	assert_int_equal(hours[1].seconds, 14 * 24 * 3600);
	free(hours);
	free(v);
	hf_rotation_clear(&r);

	make(&r, "Europe/Berlin", "2026-10-19", "1d", "09:00", "a,b");
	r.restricted = true;
	r.restrict_days = 0x7f;
	assert_true(hf_rotation_parse_hours("22:00-06:00", &r.restrict_from, &r.restrict_to));
	/* the 09:00 hand-off cuts nothing: each night belongs to the day shift it starts in */
	expect_shifts(&r, "2026-10-19T00:00:00Z", 2, nights);
	hf_rotation_clear(&r);

	make(&r, "Europe/Berlin", "2026-10-19", "3d", "09:00", "a,b");
	expect_shifts(&r, "2026-10-19T00:00:00Z", 3, three_days);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
}

static void before_start_is_a_gap(void **state)
{
	struct hf_rotation r;
	struct hf_tz *tz = zone("Europe/Berlin");
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_shift now, next;
	bool nf, xf;

	make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "a,b");
	assert_int_equal(hf_rotation_at(&r, &z, T("2026-10-19T06:59:59Z"), &now, &nf, &next, &xf), HF_OK);
	assert_false(nf);
	assert_true(xf);
	assert_string_equal(next.who, "a");
	assert_int_equal(next.start, T("2026-10-19T07:00:00Z"));
	assert_int_equal(hf_rotation_people(&r, D("2026-10-20")), 2);
	hf_rotation_clear(&r);

	make(&r, "Europe/Berlin", "2026-10-19", "1w", "mon 09:00", "");
	assert_int_equal(hf_rotation_at(&r, &z, T("2026-10-20T00:00:00Z"), &now, &nf, &next, &xf), HF_EINVAL);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
}

static void invalid_timezone(void **state)
{
	static const char *const bad[] = { "Europe/Berln", "Mars/Olympus", "../../etc/passwd", "", "Europe/ Berlin" };
	struct hf_tz *tz;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(hf_tz_open(bad[i], &tz), HF_EINVAL);
		assert_null(tz);
		assert_non_null(strstr(hf_last_error(), "unknown time zone"));
		assert_non_null(strstr(hf_last_error(), bad[i]));
	}
	assert_int_equal(hf_tz_open("UTC", &tz), HF_OK);
	assert_int_equal(hf_tz_offset(tz, T("2026-07-01T00:00:00Z")), 0);
	hf_tz_free(tz);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parsers),
		cmocka_unit_test(dst_table),
		cmocka_unit_test(members_in_two_timezones),
		cmocka_unit_test(overrides_overlapping_and_across_handoff),
		cmocka_unit_test(member_added_and_removed),
		cmocka_unit_test(restrictions_leave_gaps),
		cmocka_unit_test(long_shifts_and_night_hours),
		cmocka_unit_test(before_start_is_a_gap),
		cmocka_unit_test(invalid_timezone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
