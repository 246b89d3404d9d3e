/* ical_feed.c: the calendar source's reading of a feed: libical parses it, this expands each event over the window */
#include "config.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff/clock.h"
#include "handoff/ical_feed.h"
#include "handoff/strbuf.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

#define DAY 86400
/* a rule that would list more occurrences than this before the window ends is cut there */
#define MAX_STEPS 200000

struct expand {
	struct hf_feed *f;
	size_t alloc;
	int64_t from, to;
	const icaltimezone *floating;	/* floating and DATE values: X-WR-TIMEZONE, else UTC */
	icalcomponent **overrides;	/* every VEVENT with a RECURRENCE-ID */
	size_t noverrides;
};

/* Wall-clock seconds of t as written (no zone applied). */
static int64_t naive_of(struct icaltimetype t)
{
	int64_t s = hf_days_from_civil(t.year, t.month, t.day) * DAY;

	return t.is_date ? s : s + t.hour * 3600 + t.minute * 60 + t.second;
}

static struct icaltimetype from_naive(int64_t naive, const icaltimezone *zone)
{
	struct icaltimetype t = icaltime_null_time();
	int64_t day = hf_day_of(naive), s = naive - day * DAY;

	hf_civil_from_days(day, &t.year, &t.month, &t.day);
	t.hour = (int)(s / 3600);
	t.minute = (int)(s / 60 % 60);
	t.second = (int)(s % 60);
	t.zone = zone;
	return t;
}

/* The zone t's wall clock is read in. */
static const icaltimezone *zone_of(struct icaltimetype t, const struct expand *x)
{
	if (icaltime_is_utc(t))
		return icaltimezone_get_utc_timezone();
	if (!t.is_date && t.zone)
		return t.zone;
	return x->floating;
}

static int64_t instant(struct icaltimetype t, const struct expand *x)
{
	const icaltimezone *z = zone_of(t, x);

	if (t.is_date) {
		t.is_date = 0;
		t.hour = t.minute = t.second = 0;
	}
	t.zone = z;
	return (int64_t)icaltime_as_timet_with_zone(t, z);
}

/* One property's date-time with its TZID resolved (the feed's VTIMEZONE, else the system's). */
static struct icaltimetype prop_time(icalproperty *p, icalcomponent *ev)
{
	return icalproperty_get_datetime_with_component(p, ev);
}

static void add_person(struct hf_strbuf *sb, const char *value, icalproperty *p)
{
	icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
	const char *name = cn ? icalparameter_get_cn(cn) : NULL;

	if (!value)
		return;
	if (strncasecmp(value, "mailto:", 7) == 0)
		value += 7;
	for (const char *c = value; *c; c++)
		hf_strbuf_addch(sb, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
	hf_strbuf_addch(sb, '\t');
	for (const char *c = name ? name : ""; *c; c++)
		hf_strbuf_addch(sb, *c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c);
	hf_strbuf_addch(sb, '\n');
}

/* "EMAIL\tCN" lines: every ATTENDEE, then the ORGANIZER; NULL when none. */
static char *people_of(icalcomponent *ev)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	icalproperty *p;

	hf_strbuf_init(&sb);
	for (p = icalcomponent_get_first_property(ev, ICAL_ATTENDEE_PROPERTY); p;
	     p = icalcomponent_get_next_property(ev, ICAL_ATTENDEE_PROPERTY))
		add_person(&sb, icalproperty_get_attendee(p), p);
	if ((p = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY)))
		add_person(&sb, icalproperty_get_organizer(p), p);
	if (!sb.len) {
		hf_strbuf_release(&sb);
		return NULL;
	}
	hf_strbuf_setlen(&sb, sb.len - 1);
	return hf_strbuf_detach(&sb);
}

static void emit(struct expand *x, icalcomponent *ev, int64_t s, int64_t e, bool all_day)
{
	struct hf_feed_event *o;
	const char *uid = icalcomponent_get_uid(ev), *sum = icalcomponent_get_summary(ev);

	if (e <= x->from || s >= x->to || e <= s)
		return;
	x->f->events = xgrow(x->f->events, x->f->n + 1, &x->alloc, sizeof(*x->f->events));
	o = &x->f->events[x->f->n++];
	o->start = s;
	o->end = e;
	o->uid = uid ? xstrdup(uid) : NULL;
	o->summary = sum ? xstrdup(sum) : NULL;
	o->people = people_of(ev);
	o->all_day = all_day;
}

/*
 * The wall-clock length of an event: DTEND (read in DTSTART's zone) minus
 * DTSTART, or DURATION, or a day for a DATE without either.
 */
static int64_t length_of(icalcomponent *ev, struct icaltimetype start, const struct expand *x)
{
	icalproperty *pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	icalproperty *pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);

	if (pe) {
		struct icaltimetype e = prop_time(pe, ev);

		if (!start.is_date && !e.is_date && zone_of(e, x) != zone_of(start, x))
			e = icaltime_from_timet_with_zone((time_t)instant(e, x), 0,
							  (icaltimezone *)zone_of(start, x));
		return naive_of(e) - naive_of(start);
	}
	if (pd)
		return icaldurationtype_as_int(icalproperty_get_duration(pd));
	return start.is_date ? DAY : 0;
}

/* One occurrence starting at wall-clock time t (in its zone) of an event lasting len. */
static void occurrence(struct expand *x, icalcomponent *ev, struct icaltimetype t, int64_t len,
		       const int64_t *skip, size_t nskip)
{
	int64_t s = instant(t, x), e;

	for (size_t i = 0; i < nskip; i++)
		if (skip[i] == s)
			return;
	e = instant(from_naive(naive_of(t) + len, zone_of(t, x)), x);
	emit(x, ev, s, e, t.is_date);
}

/*
 * Every property of a kind, gathered first: a component has one property
 * iterator, and reading a TZID-qualified time walks the component's
 * properties again, so a loop over the iterator would start over forever.
 */
static size_t props_of(icalcomponent *ev, icalproperty_kind kind, icalproperty ***out)
{
	size_t n = 0, alloc = 0;

	*out = NULL;
	for (icalproperty *p = icalcomponent_get_first_property(ev, kind); p;
	     p = icalcomponent_get_next_property(ev, kind)) {
		*out = xgrow(*out, n + 1, &alloc, sizeof(**out));
		(*out)[n++] = p;
	}
	return n;
}

static bool cancelled(icalcomponent *ev)
{
	return icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
}

static bool same_uid(icalcomponent *a, icalcomponent *b)
{
	const char *ua = icalcomponent_get_uid(a), *ub = icalcomponent_get_uid(b);

	return ua && ub && strcmp(ua, ub) == 0;
}

/* A recurring (or single) event: its occurrences less EXDATEs and those its overrides replace. */
static void expand_event(struct expand *x, icalcomponent *ev)
{
	struct icaltimetype start = icalcomponent_get_dtstart(ev);
	icalproperty *p, **props;
	int64_t len, *skip = NULL;
	size_t nskip = 0, askip = 0, nprops;

	if (icaltime_is_null_time(start))
		return;
	if (cancelled(ev)) {
		x->f->cancelled++;
		return;
	}
	len = length_of(ev, start, x);
	if (len <= 0)
		return;
	nprops = props_of(ev, ICAL_EXDATE_PROPERTY, &props);
	for (size_t i = 0; i < nprops; i++) {
		skip = xgrow(skip, nskip + 1, &askip, sizeof(*skip));
		skip[nskip++] = instant(prop_time(props[i], ev), x);
	}
	free(props);
	for (size_t i = 0; i < x->noverrides; i++) {
		icalcomponent *o = x->overrides[i];

		if (!same_uid(o, ev))
			continue;
		skip = xgrow(skip, nskip + 1, &askip, sizeof(*skip));
		skip[nskip++] = instant(icalcomponent_get_recurrenceid(o), x);
	}
	p = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	if (p) {
		struct icalrecurrencetype rule = icalproperty_get_rrule(p);
		icalrecur_iterator *it = icalrecur_iterator_new(rule, start);
		int64_t jump = x->from - len - DAY;

		/*
		 * Years of recurrences before the window: start the rule at the
		 * window (libical can when the rule has no COUNT, which needs every
		 * occurrence counted from DTSTART).
		 */
		if (it && !rule.count && !start.is_date && jump > instant(start, x)) {
			struct icaltimetype j = icaltime_from_timet_with_zone((time_t)jump, 0,
									      (icaltimezone *)zone_of(start, x));

			if (!icalrecur_iterator_set_start(it, j)) {
				icalrecur_iterator_free(it);
				it = icalrecur_iterator_new(rule, start);
			}
		}
		for (size_t steps = 0; it && steps < MAX_STEPS; steps++) {
			struct icaltimetype t = icalrecur_iterator_next(it);

			if (icaltime_is_null_time(t) || instant(t, x) >= x->to)
				break;
			occurrence(x, ev, t, len, skip, nskip);
		}
		icalrecur_iterator_free(it);
	} else {
		occurrence(x, ev, start, len, skip, nskip);
	}
	nprops = props_of(ev, ICAL_RDATE_PROPERTY, &props);
	for (size_t i = 0; i < nprops; i++) {
		struct icaldatetimeperiodtype r = icalproperty_get_rdate(props[i]);
		struct icaltimetype t = prop_time(props[i], ev);

		if (!icaltime_is_null_time(r.period.start)) {
			t = r.period.start;
			t.zone = start.zone;
		}
		occurrence(x, ev, t, len, skip, nskip);
	}
	free(props);
	free(skip);
}

/* An override of one occurrence: its own times (the series' length when it gives none). */
static void expand_override(struct expand *x, icalcomponent *o, icalcomponent *master)
{
	struct icaltimetype start = icalcomponent_get_dtstart(o);
	int64_t len;

	if (cancelled(o)) {
		x->f->cancelled++;
		return;
	}
	if (master && cancelled(master))
		return;
	if (icaltime_is_null_time(start))
		start = icalcomponent_get_recurrenceid(o);
	len = length_of(o, start, x);
	if (len <= 0 && master)
		len = length_of(master, icalcomponent_get_dtstart(master), x);
	if (len > 0)
		occurrence(x, o, start, len, NULL, 0);
}

static const char *x_prop(icalcomponent *cal, const char *name)
{
	for (icalproperty *p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
		if (icalproperty_get_x_name(p) && strcasecmp(icalproperty_get_x_name(p), name) == 0)
			return icalproperty_get_x(p);
	return NULL;
}

static void expand_calendar(struct expand *x, icalcomponent *cal)
{
	const char *tzname = x_prop(cal, "X-WR-TIMEZONE"), *calname = x_prop(cal, "X-WR-CALNAME");
	icalcomponent *ev, **masters = NULL;
	size_t nmasters = 0, amasters = 0, aover = 0;

	x->floating = icaltimezone_get_utc_timezone();
	if (tzname && hf_tz_name_valid(tzname)) {
		icaltimezone *z = icaltimezone_get_builtin_timezone(tzname);

		icalerror_clear_errno();
		if (z)
			x->floating = z;
	}
	if (calname && !x->f->calname)
		x->f->calname = xstrdup(calname);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		if (!icaltime_is_null_time(icalcomponent_get_recurrenceid(ev))) {
			x->overrides = xgrow(x->overrides, x->noverrides + 1, &aover, sizeof(*x->overrides));
			x->overrides[x->noverrides++] = ev;
		} else {
			masters = xgrow(masters, nmasters + 1, &amasters, sizeof(*masters));
			masters[nmasters++] = ev;
		}
	}
	for (size_t i = 0; i < nmasters; i++)
		expand_event(x, masters[i]);
	for (size_t i = 0; i < x->noverrides; i++) {
		icalcomponent *master = NULL;

		for (size_t m = 0; m < nmasters && !master; m++)
			if (same_uid(masters[m], x->overrides[i]))
				master = masters[m];
		expand_override(x, x->overrides[i], master);
	}
	free(masters);
	free(x->overrides);
	x->overrides = NULL;
	x->noverrides = 0;
}

static int cmp_event(const void *a, const void *b)
{
	const struct hf_feed_event *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* What a body that is not a calendar is, for the message; NULL when it looks like one. */
static const char *not_calendar(const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
	    (unsigned char)text[2] == 0xBF)
		i = 3;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i == len)
		return "the answer is empty, not an iCalendar feed";
	if (text[i] == '<')
		return "the answer is an HTML page, not an iCalendar feed (a login or error page? "
		       "check that the url is the feed's own address)";
	if (len - i < 15 || strncasecmp(text + i, "BEGIN:VCALENDAR", 15) != 0)
		return "the answer is not an iCalendar feed (it does not start with BEGIN:VCALENDAR)";
	if (memchr(text, '\0', len))
		return "the answer is not an iCalendar feed (it holds NUL bytes)";
	return NULL;
}

enum hf_status hf_feed_parse(const char *what, const char *text, size_t len, int64_t from,
			     int64_t to, struct hf_feed *out)
{
	struct expand x = { 0 };
	const char *bad = not_calendar(text, len);
	icalcomponent *root, *cal;
	char *copy;
	size_t ncal = 0;

	memset(out, 0, sizeof(*out));
	if (bad)
		return hf_error(HF_EINVAL, "%s: %s", what, bad);
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	x.f = out;
	x.from = from;
	x.to = to;
	hf_ical_lock();
	root = icalparser_parse_string(copy);
	if (root && icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
		expand_calendar(&x, root);
		ncal = 1;
	} else if (root) {
		for (cal = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); cal;
		     cal = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT), ncal++)
			expand_calendar(&x, cal);
	}
	if (root)
		icalcomponent_free(root);
	icalerror_clear_errno();
	hf_ical_unlock();
	free(copy);
	if (!ncal) {
		hf_feed_clear(out);
		return hf_error(HF_EINVAL, "%s: the answer is not an iCalendar feed (no VCALENDAR in it)", what);
	}
	if (out->n)
		qsort(out->events, out->n, sizeof(*out->events), cmp_event);
	return HF_OK;
}
