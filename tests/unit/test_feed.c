/* test_feed.c: who a calendar event names (email, who map, name or handle in SUMMARY), and the feed parser's refusals */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/feed.h"
#include "handoff/ical_feed.h"
#include "handoff/status.h"

static const struct hf_feed_member members[] = {
	{ "ana", "Ana Ruiz", "ana@example.org" },
	{ "raj", "Raj Iyer", "raj@example.org" },
	{ "li", "Li Wei", NULL },
	{ "on", "On Duty", NULL },	/* a handle that is also a word of SUMMARY shapes */
};
static char *who_names[] = { (char *)"R. Iyer", (char *)"cbo" };
static char *who_handles[] = { (char *)"raj", (char *)"li" };

static void expect(const char *summary, const char *people, const char *want, const char *shown)
{
	char *got_shown = NULL;
	const char *got = hf_feed_match(members, 4, who_names, who_handles, 2, summary, people, &got_shown);

	if (want) {
		assert_non_null(got);
		assert_string_equal(got, want);
		assert_null(got_shown);
	} else {
		assert_null(got);
		assert_string_equal(got_shown, shown);
	}
	free(got_shown);
}

static void matching_order(void **state)
{
	(void)state;
	/* 1. email, case ignored, wins over a name in SUMMARY */
	expect("On Call - Li Wei - Primary", "RAJ@example.org\t", "raj", NULL);
	/* 2. the who map: an attendee's CN, an email, a name in SUMMARY */
	expect("On call", "raj.iyer@corp.example\tR. Iyer", "raj", NULL);
	expect("[L1] cbo", NULL, "li", NULL);
	/* 3. a member's name, then handle, as whole words */
	expect("On Call - Raj Iyer - ML Serving", NULL, "raj", NULL);
	expect("Ana Ruiz - ml_platform_schedule", NULL, "ana", NULL);
	expect("li", NULL, "li", NULL);
	expect("[L1] li", NULL, "li", NULL);
	/* not inside other words */
	expect("Lion tamer", NULL, NULL, "Lion tamer");
	expect("Anakin", "zed@x.example\tZed Quinn", NULL, "Zed Quinn");
	expect("Oncall", "zed@x.example\t", NULL, "zed@x.example");
	expect(NULL, NULL, NULL, "(an event without a summary)");
	/*
	 * The caveat docs/pod-repository.md states: when nobody's email or name
	 * matches, a handle that is a common word of the title does ("on" in
	 * PagerDuty's "On Call - ..."); an email, tried first, wins over it.
	 */
	expect("On Call - Zed Otto - ML Serving", NULL, "on", NULL);
	expect("On Call - R Iyer - ML Serving", "raj@example.org\t", "raj", NULL);
	/* Grafana's documented title with several users: one member, the first in pod.json it names */
	expect("[L1] li, ana", NULL, "ana", NULL);
}

static void words(void **state)
{
	(void)state;
	assert_true(hf_feed_words_in("On Call - Raj Iyer - X", "raj iyer"));
	assert_false(hf_feed_words_in("Rajesh", "raj"));
	assert_true(hf_feed_words_in("R. Iyer", "R. Iyer"));
	assert_false(hf_feed_words_in("Élise", "lise"));
}

static void refusals(void **state)
{
	struct hf_feed f;

	(void)state;
	assert_int_equal(hf_feed_parse("feed", "", 0, 0, 1, &f), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "empty"));
	assert_int_equal(hf_feed_parse("feed", "\n<!DOCTYPE html><html>", 22, 0, 1, &f), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "HTML page"));
	assert_int_equal(hf_feed_parse("feed", "{\"json\": 1}", 11, 0, 1, &f), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "BEGIN:VCALENDAR"));
	/* a calendar with nothing in the window is fine */
	assert_int_equal(hf_feed_parse("feed", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", 44, 0,
				       86400, &f), HF_OK);
	assert_int_equal(f.n, 0);
	hf_feed_clear(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matching_order),
		cmocka_unit_test(words),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
