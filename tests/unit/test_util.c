/* test_util.c: unit tests for the sanitiser, widths, ASCII mode, strbuf and the clock (floor division, dates before 1970) */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/ascii.h"
#include "handoff/clock.h"
#include "handoff/ics.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

static void sanitize_makes_escapes_visible(void **state)
{
	char *s = hf_sanitize("\x1b[31mred\x1b]0;title\x07\r\tok", 0);

	assert_null(strchr(s, 0x1b));
	assert_null(strchr(s, 0x07));
	assert_null(strchr(s, '\r'));
	assert_string_equal(s, "\xE2\x90\x9B[31mred\xE2\x90\x9B]0;title\xE2\x90\x87\xE2\x90\x8D\xE2\x90\x89ok");
	free(s);
}

static void sanitize_replaces_invalid_utf8_c1_and_bidi(void **state)
{
	/* 0xff invalid, C2 9B is CSI (C1), E2 80 AE is U+202E, C0 AF overlong '/' */
	char *s = hf_sanitize("a\xff" "b\xC2\x9B" "c\xE2\x80\xAE" "d\xC0\xAF", 0);

	assert_string_equal(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
}

/* Line and paragraph separators end a line where lines are kept, else they are replaced like the rest. */
static void sanitize_line_separators(void **state)
{
	char *one = hf_sanitize("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xE2\x81\xA6" "d", 0);
	char *multi = hf_sanitize("a\xE2\x80\xA8" "b\xE2\x80\xA9" "c", HF_SANITIZE_KEEP_NEWLINE);

	assert_string_equal(one, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d");
	assert_string_equal(multi, "a\nb\nc");
	assert_true(hf_codepoint_hostile(0x9b));
	assert_true(hf_codepoint_hostile(0x2028));
	assert_false(hf_codepoint_hostile(0xe9));
	assert_false(hf_codepoint_hostile(0x2030));
	free(one);
	free(multi);
}

static void sanitize_keeps_text_and_optional_newlines(void **state)
{
	const char *text = "Modèle de détection — 不正検知 🚀";
	char *s = hf_sanitize(text, 0);
	char *m = hf_sanitize("two\nlines\tx", HF_SANITIZE_KEEP_NEWLINE | HF_SANITIZE_TAB_AS_SPACE);

	assert_string_equal(s, text);
	assert_string_equal(m, "two\nlines x");
	free(s);
	free(m);
}

static void width_counts_columns_not_bytes(void **state)
{
	assert_int_equal(hf_width("abc"), 3);
	assert_int_equal(hf_width("détection"), 9);
	assert_int_equal(hf_width("不正検知"), 8);
	assert_int_equal(hf_width("🚀"), 2);
	assert_int_equal(hf_width("e\xCC\x81"), 1);	/* e + combining acute */
}

static void width_fit_truncates_with_ellipsis(void **state)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	assert_int_equal(hf_width_fit(&sb, "不正検知", 5, 1), 5);
	/* two wide chars (4 cols) then the ellipsis: 5 columns */
	assert_string_equal(sb.buf, "不正…");
	hf_strbuf_reset(&sb);
	assert_int_equal(hf_width_fit(&sb, "ab", 4, 1), 4);
	assert_string_equal(sb.buf, "ab  ");
	hf_strbuf_reset(&sb);
	assert_int_equal(hf_width_fit(&sb, "abcdef", 4, 0), 4);
	assert_string_equal(sb.buf, "abc…");
	hf_strbuf_release(&sb);
}

static char *ascii_of(const char *s)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	hf_ascii_append(&sb, s, strlen(s));
	return hf_strbuf_detach(&sb);
}

static void ascii_folds_column_for_column(void **state)
{
	static const char *const cases[][2] = {
		{ "churn ●●●○○○○ 19/19 ✓✗ ana→sam", "churn ***---- 19/19 +x ana>sam" },
		{ "Engineering reproduce…", "Engineering reproduce~" },
		{ "│ └─ ▸ a · b — c", "| +- > a . b - c" },
		{ "▁▂▃▄▅▆▇█", "_.-~=+*#" },
		{ "détection Zürich", "detection Zurich" },
		{ "不正 🚀.", "???? ??." },		/* wide: one ? per column */
		{ "bad \xC3 byte", "bad ? byte" },
		{ "plain ASCII stays", "plain ASCII stays" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = ascii_of(cases[i][0]);

		assert_string_equal(got, cases[i][1]);
		assert_int_equal(hf_width(got), hf_width(cases[i][0]));
		free(got);
	}
}

static void ascii_is_automatic_only_where_the_terminal_is_known(void **state)
{
	/* a VT terminal or an 8-bit console, without a UTF-8 locale */
	assert_true(hf_ascii_auto("vt100", false));
	assert_true(hf_ascii_auto("vt220", false));
	assert_true(hf_ascii_auto("linux", false));
	assert_true(hf_ascii_auto("linux-16color", false));
	/* the common case: LANG not forwarded over ssh to a UTF-8 terminal */
	assert_false(hf_ascii_auto("xterm-256color", false));
	assert_false(hf_ascii_auto("screen", false));
	assert_false(hf_ascii_auto("tmux-256color", false));
	assert_false(hf_ascii_auto("linuxish", false));
	assert_false(hf_ascii_auto(NULL, false));
	/* the user says UTF-8: believed */
	assert_false(hf_ascii_auto("vt100", true));
	assert_false(hf_ascii_auto("linux", true));
}

static void ascii_stream_folds_sequences_split_between_writes(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *to = open_memstream(&buf, &len);
	FILE *s;

	assert_non_null(to);
	s = hf_ascii_stream(to);
	assert_non_null(s);
	fputs("a \xE2", s);	/* the first byte of → ... */
	fflush(s);
	fputs("\x86\x92 b ✓\n", s);	/* ... and the rest */
	fputs("cut \xE2\x9C", s);	/* never finished: one ? at close */
	fclose(s);
	fclose(to);
	assert_string_equal(buf, "a > b +\ncut ?");
	free(buf);
}

static void strbuf_grows_and_formats(void **state)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char *d;
	char small[4];

	hf_strbuf_init(&sb);
	assert_string_equal(hf_strbuf_str(&sb), "");
	for (int i = 0; i < 1000; i++)
		hf_strbuf_addf(&sb, "%d,", i % 10);
	assert_int_equal(sb.len, 2000);
	d = hf_strbuf_detach(&sb);
	assert_int_equal(strlen(d), 2000);
	free(d);
	assert_false(hf_strlcpy(small, "toolong", sizeof(small)));
	assert_string_equal(small, "too");
	assert_true(hf_strlcpy(small, "ok", sizeof(small)));
}

static void clock_parses_iso8601_and_honours_handoff_now(void **state)
{
	int64_t t;
	char buf[32];

	assert_int_equal(hf_time_parse("2026-10-26T08:30:00Z", &t), HF_OK);
	assert_int_equal(t, 1793003400);
	assert_int_equal(hf_time_parse("2026-10-26T10:30:00+02:00", &t), HF_OK);
	assert_int_equal(t, 1793003400);
	assert_int_equal(hf_time_parse("2026-10-26", &t), HF_OK);
	hf_time_format(t, buf, sizeof(buf));
	assert_string_equal(buf, "2026-10-26T00:00:00Z");
	hf_time_format_minutes(t + 8 * 3600 + 30 * 60 + 59, buf, sizeof(buf));
	assert_string_equal(buf, "2026-10-26 08:30");
	assert_int_equal(hf_time_parse("2026-02-30", &t), HF_EINVAL);
	assert_int_equal(hf_time_parse("yesterday", &t), HF_EINVAL);
	setenv("HANDOFF_NOW", "2026-11-29T10:00:00Z", 1);
	hf_time_format(hf_now(), buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-29T10:00:00Z");
	unsetenv("HANDOFF_NOW");
	assert_true(hf_time_has_zone("2026-10-26T08:30:00Z"));
	assert_true(hf_time_has_zone("2026-10-26T08:30:00-05:00"));
	assert_false(hf_time_has_zone("2026-10-26T08:30"));
}

/* One floor division for every day and weekday computation, right before 1970 too. */
static void floor_division_before_1970(void **state)
{
	static const struct { int64_t a, b, q, r; } cases[] = {
		{ 0, 86400, 0, 0 }, { 86399, 86400, 0, 86399 }, { 86400, 86400, 1, 0 },
		{ -1, 86400, -1, 86399 }, { -86400, 86400, -1, 0 }, { -86401, 86400, -2, 86399 },
		{ -3, 7, -1, 4 }, { -7, 7, -1, 0 },
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(hf_floor_div(cases[i].a, cases[i].b), cases[i].q);
		assert_int_equal(hf_floor_mod(cases[i].a, cases[i].b), cases[i].r);
	}
	assert_int_equal(hf_day_of(-1), -1);
	hf_time_format(-1, buf, sizeof(buf));
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	hf_date_format(-86400 * 365, buf, sizeof(buf));
	assert_string_equal(buf, "1969-01-01");
	hf_ics_time(-86401, buf, sizeof(buf));
	assert_string_equal(buf, "19691230T235959Z");
}

static char **strv(size_t n, const char *const *items)
{
	char **v = xcalloc(n + 1, sizeof(*v));

	for (size_t i = 0; i < n; i++)
		v[i] = xstrdup(items[i]);
	return v;
}

/* The model list merges sorted lists of names from the store: each name once, in order, nothing leaked. */
static void strv_merge_keeps_each_name_once_in_order(void **state)
{
	static const char *const a[] = { "a", "b", "b", "d" };
	static const char *const b[] = { "b", "c", "d", "e", "e" };
	static const char *const want[] = { "a", "b", "c", "d", "e" };
	size_t n;
	char **m;

	(void)state;
	m = hf_strv_merge(strv(4, a), 4, strv(5, b), 5, &n);
	assert_int_equal(n, 5);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(m[i], want[i]);
	hf_strv_free(m, n);
	m = hf_strv_merge(NULL, 0, strv(2, b), 2, &n);
	assert_int_equal(n, 2);
	assert_string_equal(m[1], "c");
	hf_strv_free(m, n);
	m = hf_strv_merge(NULL, 0, NULL, 0, &n);
	assert_int_equal(n, 0);
	hf_strv_free(m, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sanitize_makes_escapes_visible),
		cmocka_unit_test(sanitize_replaces_invalid_utf8_c1_and_bidi),
		cmocka_unit_test(sanitize_line_separators),
		cmocka_unit_test(sanitize_keeps_text_and_optional_newlines),
		cmocka_unit_test(width_counts_columns_not_bytes),
		cmocka_unit_test(width_fit_truncates_with_ellipsis),
		cmocka_unit_test(ascii_folds_column_for_column),
		cmocka_unit_test(ascii_is_automatic_only_where_the_terminal_is_known),
		cmocka_unit_test(ascii_stream_folds_sequences_split_between_writes),
		cmocka_unit_test(strbuf_grows_and_formats),
		cmocka_unit_test(clock_parses_iso8601_and_honours_handoff_now),
		cmocka_unit_test(floor_division_before_1970),
		cmocka_unit_test(strv_merge_keeps_each_name_once_in_order),
	};

	hf_width_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
