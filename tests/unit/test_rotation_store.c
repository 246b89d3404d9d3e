/* test_rotation_store.c: oncall/<rotation>.json through the loader into SQLite and back; coverage; the ICS feed through libical's parser */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libical/ical.h>

#include "handoff/clock.h"
#include "handoff/ics.h"
#include "handoff/podfile.h"
#include "handoff/rotation.h"
#include "handoff/store.h"
#include "handoff/store_oncall.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"
#include "testlib.h"

static int64_t T(const char *iso)
{
	int64_t t;

	if (hf_time_parse(iso, &t))
		fail_msg("bad time in test: %s", iso);
	return t;
}

static const char ml_serving[] =
	"{ \"name\": \"ml-serving\", \"timezone\": \"Europe/Berlin\",\n"
	"  \"start\": \"2026-10-19\", \"shift\": \"1w\", \"handoff\": \"mon 09:00\",\n"
	"  \"members\": [\"raj\", \"sam\", \"li\"],\n"
	"  \"changes\": [ {\"from\": \"2027-01-04\", \"members\": [\"raj\", \"li\", \"mia\"]} ],\n"
	"  \"overrides\": [ {\"who\": \"sam\", \"from\": \"2026-12-24T00:00\", \"to\": \"2026-12-27T00:00\",\n"
	"                    \"reason\": \"holiday swap\"},\n"
	"                   {\"who\": \"li\", \"from\": \"2026-11-10T08:00:00Z\", \"to\": \"2026-11-10T20:00:00+01:00\"} ],\n"
	"  \"covers\": [\"fraud-detector\", \"ranker\"] }\n";

static void load(struct hf_store *store, const char *path, const char *text)
{
	assert_int_equal(hf_podfile_load(store, "pod", path, text, strlen(text)), HF_OK);
}

static void rotation_round_trip(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-oncall", &path);
	struct hf_rotation *r;
	struct hf_problem *p;
	size_t n, np;

	load(store, "oncall/ml-serving.json", ml_serving);
	assert_int_equal(hf_store_problems(store, &p, &np), HF_OK);
	assert_int_equal(np, 0);
	hf_problems_free(p, np);
	assert_int_equal(hf_store_rotations(store, NULL, &r, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].name, "ml-serving");
	assert_string_equal(r[0].timezone, "Europe/Berlin");
	assert_int_equal(r[0].start_day, T("2026-10-19") / 86400);
	assert_int_equal(r[0].shift_unit, HF_SHIFT_WEEKS);
	assert_int_equal(r[0].handoff_wday, 0);
	assert_int_equal(r[0].handoff_minute, 540);
	assert_int_equal(r[0].nchanges, 2);
	assert_int_equal(r[0].changes[0].nmembers, 3);
	assert_string_equal(r[0].changes[1].members[2], "mia");
	assert_int_equal(r[0].changes[1].from_day, T("2027-01-04") / 86400);
	assert_int_equal(r[0].noverrides, 2);
	/* local to Europe/Berlin (CET, +01:00) unless the text carries a zone */
	assert_int_equal(r[0].overrides[0].from, T("2026-12-23T23:00:00Z"));
	assert_string_equal(r[0].overrides[0].reason, "holiday swap");
	assert_int_equal(r[0].overrides[1].to, T("2026-11-10T19:00:00Z"));
	assert_null(r[0].overrides[1].reason);
	assert_int_equal(r[0].ncovers, 2);
	hf_rotations_free(r, n);

	assert_int_equal(hf_store_rotations(store, "nope", &r, &n), HF_ENOTFOUND);
	assert_non_null(strstr(hf_last_error(), "'nope'"));
	hf_test_store_close(store, path);
}

static void coverage_counts_people_in_effect(void **state)
{
	static const char solo[] =
		"{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1d\", \"handoff\": \"09:00\","
		" \"members\": [\"ana\"], \"covers\": [\"ranker\", \"doc-classifier\"]}";
	char *path;
	struct hf_store *store = hf_test_store_open("hf-oncall", &path);
	size_t people;

	load(store, "oncall/ml-serving.json", ml_serving);
	load(store, "oncall/solo.json", solo);
	setenv("HANDOFF_NOW", "2026-11-29T10:00:00Z", 1);
	assert_int_equal(hf_store_oncall_coverage(store, "fraud-detector", &people), HF_OK);
	assert_int_equal(people, 3);
	assert_int_equal(hf_store_oncall_coverage(store, "ranker", &people), HF_OK);
	assert_int_equal(people, 3);	/* the larger of ml-serving (3) and solo (1) */
	assert_int_equal(hf_store_oncall_coverage(store, "doc-classifier", &people), HF_OK);
	assert_int_equal(people, 1);
	assert_int_equal(hf_store_oncall_coverage(store, "image-embedder", &people), HF_OK);
	assert_int_equal(people, 0);
	{
		char **names;
		size_t n;

		assert_int_equal(hf_store_rotations_covering(store, "ranker", &names, &n), HF_OK);
		assert_int_equal(n, 2);
		assert_string_equal(names[0], "ml-serving");
		assert_string_equal(names[1], "solo");
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	}
	/* from 4 January the changed list (raj, li, mia) is in effect: still 3 */
	setenv("HANDOFF_NOW", "2027-01-05T10:00:00Z", 1);
	assert_int_equal(hf_store_oncall_coverage(store, "fraud-detector", &people), HF_OK);
	assert_int_equal(people, 3);
	setenv("HANDOFF_NOW", "2026-11-29T10:00:00Z", 1);
	/* the file goes away: so does its coverage */
	assert_int_equal(hf_podfile_remove(store, "pod", "oncall/ml-serving.json"), HF_OK);
	assert_int_equal(hf_store_oncall_coverage(store, "fraud-detector", &people), HF_OK);
	assert_int_equal(people, 0);
	unsetenv("HANDOFF_NOW");
	hf_test_store_close(store, path);
}

/* Each bad file is a problem naming the file and field, and nothing of it is stored. */
static void invalid_files_are_problems(void **state)
{
	static const struct { const char *json, *field, *words; } cases[] = {
		{ "{\"timezone\": \"Europe/Berln\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": [\"a\"]}",
		  "timezone", "unknown time zone 'Europe/Berln'" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1y\", \"members\": [\"a\"]}",
		  "shift", "'1y'" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"handoff\": \"monday\", \"members\": [\"a\"]}",
		  "handoff", "'monday'" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": []}",
		  "members", "at least one" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": [\"a\", \"a\"]}",
		  "members[1]", "twice" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": [\"a\"],"
		  " \"restrict\": {\"days\": \"weekdays\"}}", "restrict.days", "'weekdays'" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": [\"a\"],"
		  " \"overrides\": [{\"who\": \"b\", \"from\": \"2026-12-02\", \"to\": \"2026-12-01\"}]}",
		  "overrides[0].to", "before it starts" },
		{ "{\"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\", \"members\": [\"a\"],"
		  " \"changes\": [{\"from\": \"2027-01-04\", \"members\": [\"b\"]}, {\"from\": \"2026-12-01\", \"members\": [\"c\"]}]}",
		  "changes[1].from", "date order" },
		{ "{\"timezone\": \"UTC\", \"start\": \"19 Oct\", \"shift\": \"1w\", \"members\": [\"a\"]}",
		  "start", "'19 Oct'" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path;
		struct hf_store *store = hf_test_store_open("hf-oncall", &path);
		struct hf_problem *p;
		struct hf_rotation *r;
		size_t n;

		print_message("case: %s\n", cases[i].field);
		load(store, "oncall/broken.json", cases[i].json);
		assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
		assert_int_equal(n, 1);
		assert_string_equal(p[0].path, "oncall/broken.json");
		assert_int_equal(p[0].severity, HF_PROBLEM_ERROR);
		assert_string_equal(p[0].field, cases[i].field);
		if (!strstr(p[0].message, cases[i].words))
			fail_msg("message '%s' lacks '%s'", p[0].message, cases[i].words);
		hf_problems_free(p, n);
		assert_int_equal(hf_store_rotations(store, NULL, &r, &n), HF_OK);
		assert_int_equal(n, 0);
		hf_test_store_close(store, path);
	}
}

static void unknown_fields_warn_and_name_clash_is_refused(void **state)
{
	static const char extra[] =
		"{\"name\": \"other\", \"timezone\": \"UTC\", \"start\": \"2026-10-19\", \"shift\": \"1w\","
		" \"members\": [\"a\", \"b\"], \"pager\": \"x\"}";
	char *path;
	struct hf_store *store = hf_test_store_open("hf-oncall", &path);
	struct hf_problem *p;
	struct hf_rotation *r;
	size_t n;

	load(store, "oncall/ml-serving.json", extra);
	assert_int_equal(hf_store_problems(store, &p, &n), HF_OK);
	assert_int_equal(n, 2);	/* unknown field and a name that differs from the file's */
	assert_int_equal(p[0].severity, HF_PROBLEM_WARNING);
	assert_int_equal(p[1].severity, HF_PROBLEM_WARNING);
	hf_problems_free(p, n);
	assert_int_equal(hf_store_rotations(store, "ml-serving", &r, &n), HF_OK);
	assert_int_equal(r[0].handoff_wday, -1);
	assert_int_equal(r[0].handoff_minute, 540);
	hf_rotations_free(r, n);
	/* the same rotation from another source is refused, the first stays */
	assert_int_equal(hf_podfile_load(store, "other", "oncall/ml-serving.json", ml_serving,
					 strlen(ml_serving)), HF_OK);
	assert_int_equal(hf_store_rotations(store, NULL, &r, &n), HF_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].changes[0].nmembers, 2);
	hf_rotations_free(r, n);
	hf_test_store_close(store, path);
}

/* --- the calendar feed --- */

static char *feed(const struct hf_rotation *r, int64_t from, size_t count, int64_t stamp)
{
	struct hf_tz *tz;
	struct hf_zone z;
	struct hf_shift *v;
	size_t n;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	assert_int_equal(hf_tz_open(r->timezone, &tz), HF_OK);
	z = hf_tz_zone(tz);
	assert_int_equal(hf_rotation_next(r, &z, from, count, 0, &v, &n), HF_OK);
	assert_int_equal(n, count);
	hf_strbuf_init(&sb);
	hf_ics_feed(&sb, r->name, v, n, stamp);
	free(v);
	hf_tz_free(tz);
	return hf_strbuf_detach(&sb);
}

static void ics_parses_with_libical(void **state)
{
	char *path;
	struct hf_store *store = hf_test_store_open("hf-oncall", &path);
	struct hf_rotation *r;
	size_t n, events = 0;
	char *a, *b;
	icalcomponent *cal, *ev;
	char **uids = xcalloc(64, sizeof(char *));

	load(store, "oncall/ml-serving.json", ml_serving);
	assert_int_equal(hf_store_rotations(store, "ml-serving", &r, &n), HF_OK);
	a = feed(&r[0], T("2026-11-01T00:00:00Z"), 12, T("2026-11-29T10:00:00Z"));
	b = feed(&r[0], T("2026-11-01T00:00:00Z"), 12, T("2026-11-30T10:00:00Z"));

	/* CRLF everywhere, no line over 75 octets */
	for (const char *line = a; *line;) {
		const char *crlf = strstr(line, "\r\n");

		assert_non_null(crlf);
		assert_true(crlf - line <= 75);
		assert_null(memchr(line, '\n', (size_t)(crlf - line)));
		line = crlf + 2;
	}

	cal = icalparser_parse_string(a);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		struct icaltimetype s = icalcomponent_get_dtstart(ev), e = icalcomponent_get_dtend(ev);

		assert_non_null(icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY));
		assert_non_null(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY));
		assert_non_null(icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY));
		assert_non_null(icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY));
		assert_true(icaltime_is_utc(s));
		assert_true(icaltime_compare(s, e) < 0);
		assert_non_null(strstr(icalcomponent_get_uid(ev), "ml-serving-"));
		assert_non_null(strstr(icalcomponent_get_uid(ev), "@handoff"));
		for (size_t i = 0; i < events; i++)
			assert_string_not_equal(uids[i], icalcomponent_get_uid(ev));
		uids[events++] = xstrdup(icalcomponent_get_uid(ev));
	}
	assert_int_equal(events, 12);
	icalcomponent_free(cal);

	/* a second run (another day, so another DTSTAMP) keeps every UID */
	cal = icalparser_parse_string(b);
	assert_non_null(cal);
	events = 0;
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		assert_string_equal(uids[events++], icalcomponent_get_uid(ev));
	assert_int_equal(events, 12);
	icalcomponent_free(cal);
	assert_string_not_equal(a, b);

	for (size_t i = 0; i < 64; i++)
		free(uids[i]);
	free(uids);
	free(a);
	free(b);
	hf_rotations_free(r, n);
	hf_test_store_close(store, path);
}

/* Escaping and folding of awkward text survive a real parser unchanged. */
static void ics_text_round_trips(void **state)
{
	static const char reason[] =
		"swap; covers Ana, Li\\and Raj\nsecond line \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9 "
		"\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b\xe7\x8e\x8b "
		"long enough to be folded more than once by the writer at seventy-five octets";
	struct hf_shift s = { T("2026-12-24T00:00:00Z"), T("2026-12-27T00:00:00Z"), "sam", reason, 0 };
	struct hf_strbuf sb = HF_STRBUF_INIT;
	icalcomponent *cal, *ev;
	char *want = xasprintf("On call: sam (ml,serving, override: %s)", reason);

	hf_strbuf_init(&sb);
	hf_ics_feed(&sb, "ml,serving", &s, 1, T("2026-11-29T10:00:00Z"));
	for (const char *line = sb.buf; *line;) {
		const char *crlf = strstr(line, "\r\n");

		assert_true(crlf - line <= 75);
		/* a continuation never starts inside a UTF-8 sequence */
		if (line[0] == ' ')
			assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
		line = crlf + 2;
	}
	cal = icalparser_parse_string(sb.buf);
	assert_non_null(cal);
	ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_non_null(ev);
	assert_string_equal(icalcomponent_get_summary(ev), want);
	assert_string_equal(icalcomponent_get_uid(ev), "ml,serving-20261224T000000Z@handoff");
	icalcomponent_free(cal);
	free(want);
	hf_strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rotation_round_trip),
		cmocka_unit_test(coverage_counts_people_in_effect),
		cmocka_unit_test(invalid_files_are_problems),
		cmocka_unit_test(unknown_fields_warn_and_name_clash_is_refused),
		cmocka_unit_test(ics_parses_with_libical),
		cmocka_unit_test(ics_text_round_trips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
