/* test_tui.c: unit tests of the TUI's pure parts: list, keys, actions, themes, colours */
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

#include "handoff/tui_action.h"
#include "handoff/tui_draw.h"
#include "handoff/tui_list.h"
#include "handoff/tui_screen.h"
#include "handoff/tui_theme.h"
#include "handoff/tui_view.h"

/* Rows of a small list: headings start with '#'. */
static const char *const rows[] = {
	"#models",  "fraud-detector",	    "ranker",	  "speech-vad",
	"#blocked", "S-3 load test ranker", "S-4 canary",
};
#define NROWS (sizeof(rows) / sizeof(rows[0]))

static bool match_row(void *data, size_t row, const char *needle)
{
	return hf_view_contains(rows[row], needle);
}

static void fill(struct hf_list *l)
{
	hf_list_init(l, match_row, NULL);
	for (size_t i = 0; i < NROWS; i++)
		hf_list_add(l, rows[i][0] == '#' ? HF_ROW_HEADING : 0);
	hf_list_set_height(l, 4);
	hf_list_apply(l);
}

static void shown(const struct hf_list *l, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->nshown; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? "|" : "",
					rows[l->shown[i]]);
}

static void list_filter_cases(void **state)
{
	static const struct {
		const char *filter;
		const char *expect;
	} cases[] = {
		{"", "#models|fraud-detector|ranker|speech-vad|#blocked|S-3 load test ranker|S-4 "
		     "canary"},
		{"ranker", "#models|ranker|#blocked|S-3 load test ranker"},
		{"RANK", "#models|ranker|#blocked|S-3 load test ranker"},
		{"canary", "#blocked|S-4 canary"},
		{"!ranker", "#models|fraud-detector|speech-vad|#blocked|S-4 canary"},
		{"!", "#models|fraud-detector|ranker|speech-vad|#blocked|S-3 load test ranker|S-4 "
		      "canary"},
		{"zzz", ""},
		{"!e", "#blocked|S-4 canary"},
	};
	struct hf_list l;
	char buf[512];

	fill(&l);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hf_list_set_filter(&l, cases[i].filter);
		shown(&l, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].expect);
	}
	hf_list_release(&l);
}

static void list_selection_skips_headings(void **state)
{
	struct hf_list l;

	fill(&l);
	assert_int_equal(hf_list_selected(&l), 1); /* first selectable row */
	assert_int_equal(l.top, 0);		   /* its heading stays on screen */
	hf_list_move(&l, 3);
	assert_int_equal(hf_list_selected(&l), 5); /* over the "#blocked" heading */
	hf_list_move(&l, 10);
	assert_int_equal(hf_list_selected(&l), 6); /* clamped at the end */
	assert_int_equal(l.top, 3);		   /* scrolled: rows 3..6 on screen */
	hf_list_first(&l);
	assert_int_equal(hf_list_selected(&l), 1);
	assert_int_equal(l.top, 0);
	hf_list_last(&l);
	assert_int_equal(hf_list_selected(&l), 6);
	hf_list_move(&l, -1);
	assert_int_equal(hf_list_selected(&l), 5);
	/* a filter keeps the selected row when it is still shown */
	hf_list_set_filter(&l, "S-");
	assert_int_equal(hf_list_selected(&l), 5);
	/* and picks the nearest when it is not */
	hf_list_set_filter(&l, "fraud");
	assert_int_equal(hf_list_selected(&l), 1);
	hf_list_set_filter(&l, "zzz");
	assert_int_equal(hf_list_selected(&l), SIZE_MAX);
	hf_list_move(&l, 1); /* nothing selectable: no crash */
	hf_list_release(&l);
}

static void list_click_scroll_hidden(void **state)
{
	struct hf_list l;

	fill(&l);
	assert_false(hf_list_click(&l, 0)); /* a heading */
	assert_true(hf_list_click(&l, 2));
	assert_int_equal(hf_list_selected(&l), 2);
	hf_list_scroll(&l, 3);
	assert_int_equal(l.top, 3);
	assert_int_equal(hf_list_selected(&l), 3); /* pulled onto the screen */
	hf_list_scroll(&l, -10);
	assert_int_equal(l.top, 0);
	assert_int_equal(hf_list_row_at(&l, 1), 1);
	assert_int_equal(hf_list_row_at(&l, 40), SIZE_MAX);
	hf_list_set_flags(&l, 2, HF_ROW_HIDDEN);
	hf_list_apply(&l);
	assert_int_equal(l.nshown, NROWS - 1);
	assert_int_equal(hf_list_count_selectable(&l), 4);
	/* reset keeps the filter */
	hf_list_set_filter(&l, "canary");
	hf_list_reset(&l);
	assert_string_equal(hf_list_filter(&l), "canary");
	hf_list_release(&l);
}

static const int sort_vals[] = {3, 1, 2, 1, 0};

static int cmp_vals(void *data, size_t a, size_t b)
{
	return sort_vals[a] - sort_vals[b];
}

static void list_sort_is_stable_and_filters(void **state)
{
	static const char *const names[] = {"c", "a1", "b", "a2", "z"};
	struct hf_list l;
	char buf[64];
	size_t len;

	hf_list_init(&l, NULL, NULL);
	for (size_t i = 0; i < 5; i++)
		hf_list_add(&l, 0);
	hf_list_set_height(&l, 10);
	hf_list_sort(&l, cmp_vals, NULL);
	hf_list_apply(&l);
	len = 0;
	for (size_t i = 0; i < l.nshown; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s ", names[l.shown[i]]);
	assert_string_equal(buf, "z a1 a2 b c "); /* equal values keep row order */
	assert_int_equal(hf_list_selected(&l), 4);
	hf_list_sort(&l, NULL, NULL);
	hf_list_apply(&l);
	assert_int_equal(l.shown[0], 0);
	hf_list_release(&l);
}

static void key_names_round_trip(void **state)
{
	static const struct {
		const char *name;
		int key;
	} cases[] = {
		{"j", 'j'},
		{"/", '/'},
		{"<Down>", HF_KEY_DOWN},
		{"<PgDn>", HF_KEY_PGDN},
		{"<Enter>", HF_KEY_ENTER},
		{"<Esc>", HF_KEY_ESC},
		{"<Tab>", HF_KEY_TAB},
		{"<BackTab>", HF_KEY_BACKTAB},
		{"<C-l>", HF_KEY_CTRL('l')},
		{"<Space>", ' '},
		{"<F1>", HF_KEY_F1},
		{"é", 0xe9},
		{"检", 0x68c0},
	};
	char buf[32];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(hf_key_parse(cases[i].name), cases[i].key);
		hf_key_name(cases[i].key, buf, sizeof(buf));
		assert_string_equal(buf, cases[i].name);
	}
	assert_int_equal(hf_key_parse("<Nope>"), -1);
	assert_int_equal(hf_key_parse(""), -1);
	assert_int_equal(hf_key_parse("<pgdn>"), HF_KEY_PGDN); /* case does not matter */
}

static void action_table_is_consistent(void **state)
{
	/* every default key parses and maps back to its own action; no key is bound twice */
	for (size_t i = 0; i < hf_action_count; i++) {
		const struct hf_action_info *a = &hf_action_table[i];
		char keys[64], *save = NULL;

		assert_int_equal(a->action, (int)i + 1);
		assert_int_equal(hf_action_find(a->name), a->action);
		snprintf(keys, sizeof(keys), "%s", a->keys);
		for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			int key = hf_key_parse(k);

			assert_true(key >= 0);
			assert_int_equal(hf_keymap_lookup(key), a->action);
		}
	}
	assert_int_equal(hf_keymap_lookup('j'), HF_ACTION_MOVE_DOWN);
	assert_int_equal(hf_keymap_lookup('1'), HF_ACTION_VIEW_POD);
	assert_int_equal(hf_keymap_lookup('7'), HF_ACTION_VIEW_LOG);
	assert_int_equal(hf_keymap_lookup('Z'), HF_ACTION_NONE);
	assert_int_equal(hf_action_find("nope"), HF_ACTION_NONE);
	/* the command line's table */
	for (size_t i = 0; i < hf_command_count; i++)
		assert_int_equal(hf_command_find(hf_command_table[i].name), hf_command_table[i].command);
	assert_int_equal(hf_command_find("quit"), HF_COMMAND_QUIT);
	assert_int_equal(hf_command_find("theme"), HF_COMMAND_THEME);
	assert_int_equal(hf_command_find("nope"), HF_COMMAND_NONE);
}

static void style_parse_cases(void **state)
{
	static const struct {
		const char *value;
		int fg, bg;
		unsigned attrs;
	} ok[] = {
		{"", HF_COLOR_NONE, HF_COLOR_NONE, 0},
		{"red", 1, HF_COLOR_NONE, 0},
		{"bold white blue", 7, 4, HF_ATTR_BOLD},
		{"reverse", HF_COLOR_NONE, HF_COLOR_NONE, HF_ATTR_REVERSE},
		{"brightyellow black ul", 11, 0, HF_ATTR_UNDERLINE},
		{"245 default dim", 245, HF_COLOR_NONE, HF_ATTR_DIM},
		{"#87afd7 bold italic", HF_RGB(0x87, 0xaf, 0xd7), HF_COLOR_NONE,
		 HF_ATTR_BOLD | HF_ATTR_ITALIC},
	};
	static const char *const bad[] = {"nosuch", "red green blue", "256", "#12345", "#gg0000"};
	struct hf_style st;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(hf_style_parse(ok[i].value, &st), HF_OK);
		assert_int_equal(st.fg, ok[i].fg);
		assert_int_equal(st.bg, ok[i].bg);
		assert_int_equal(st.attrs, ok[i].attrs);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(hf_style_parse(bad[i], &st), HF_EINVAL);
}

static void color_degrade_cases(void **state)
{
	static const struct {
		int color, ncolors, expect;
	} cases[] = {
		{HF_COLOR_NONE, 256, HF_COLOR_NONE},
		{4, 8, 4},			      /* fits */
		{12, 8, 4},			      /* bright blue -> blue */
		{196, 8, 1},			      /* xterm red -> red */
		{46, 8, 2},			      /* xterm green -> green */
		{245, 8, 7},			      /* grey -> white, not black */
		{232, 8, 0},			      /* near black -> black */
		{HF_RGB(0xd7, 0x5f, 0x5f), 8, 1},     /* soft red -> red */
		{HF_RGB(0x00, 0x87, 0xaf), 8, 6},     /* deep sky blue -> cyan */
		{HF_RGB(0x87, 0xaf, 0xd7), 8, 7},     /* pale steel blue -> white */
		{HF_RGB(0xff, 0x00, 0x00), 256, 9},   /* exact bright red in the palette */
		{HF_RGB(0x87, 0xaf, 0xd7), 256, 110}, /* exact cube entry */
		{200, 16, 13},			      /* pink -> bright magenta */
		{3, 0, HF_COLOR_NONE},		      /* no colours at all */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(hf_color_degrade(cases[i].color, cases[i].ncolors),
				 cases[i].expect);
}

static void shipped_themes_load_cleanly(void **state)
{
	static const char *const names[] = {"dark", "light", "high-contrast", "mono"};
	char path[4096];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct hf_theme t;

		snprintf(path, sizeof(path), "%s/themes/%s.theme", HF_ABS_SRCDIR, names[i]);
		assert_int_equal(hf_theme_load_file(path, &t), HF_OK);
		assert_string_equal(t.name, names[i]);
		assert_int_equal(t.nwarnings, 0);
		/* the selection is always visible: reverse, or a background colour */
		assert_true((t.styles[HF_COLOR_SELECTED].attrs & HF_ATTR_REVERSE) ||
			    t.styles[HF_COLOR_SELECTED].bg != HF_COLOR_NONE);
		if (!strcmp(names[i], "mono"))
			for (int r = 0; r < HF_COLOR__COUNT; r++)
				assert_true(t.styles[r].fg == HF_COLOR_NONE &&
					    t.styles[r].bg == HF_COLOR_NONE);
		hf_theme_clear(&t);
	}
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/hf-test-keys-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void keys_file_rebinds(void **state)
{
	char *path = write_temp("[action \"move-down\"]\n\tkeys = n <Down>\n"
				"[action \"sync\"]\n\tkeys = j\n"
				"[action \"nosuch\"]\n\tkeys = x\n"
				"[action \"help\"]\n\tkeys = <Nope>\n"
				"[bind]\n\tj = move-up\n");
	char **warnings = NULL;
	size_t n = 0;

	assert_int_equal(hf_keymap_load(path, &warnings, &n), HF_OK);
	assert_int_equal(hf_keymap_lookup('n'), HF_ACTION_MOVE_DOWN);
	assert_int_equal(hf_keymap_lookup(HF_KEY_DOWN), HF_ACTION_MOVE_DOWN);
	assert_int_equal(hf_keymap_lookup('j'), HF_ACTION_SYNC); /* taken from move-down */
	assert_int_equal(hf_keymap_lookup('r'), HF_ACTION_NONE); /* sync's default is gone */
	assert_int_equal(hf_keymap_lookup('?'), HF_ACTION_HELP); /* a bad entry keeps the default */
	assert_string_equal(hf_action_keys(HF_ACTION_MOVE_DOWN), "n <Down>");
	assert_string_equal(hf_action_keys(HF_ACTION_HELP), "? <F1>");
	assert_int_equal(n, 3);
	assert_non_null(strstr(warnings[0], ": action.nosuch.keys: no such action"));
	assert_non_null(strstr(warnings[1], ": action.help.keys: unknown key '<Nope>'"));
	assert_non_null(strstr(warnings[2], ": bind.j: unknown key"));
	for (size_t i = 0; i < n; i++)
		free(warnings[i]);
	free(warnings);
	unlink(path);
	free(path);
	hf_keymap_reset();
	assert_int_equal(hf_keymap_lookup('j'), HF_ACTION_MOVE_DOWN);
	assert_int_equal(hf_keymap_lookup('r'), HF_ACTION_SYNC);
	/* a missing file is no error */
	assert_int_equal(hf_keymap_load("/nonexistent/keys", &warnings, &n), HF_OK);
}

static void shipped_keys_file_is_the_default(void **state)
{
	char path[4096];
	char **warnings = NULL;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/data/keys", HF_ABS_SRCDIR);
	assert_int_equal(hf_keymap_load(path, &warnings, &n), HF_OK);
	assert_int_equal(n, 0);
	for (size_t i = 0; i < hf_action_count; i++)
		assert_string_equal(hf_action_keys(hf_action_table[i].action),
				    hf_action_table[i].keys);
	hf_keymap_reset();
	free(warnings);
}

static void color_roles_named(void **state)
{
	for (int r = 0; r < HF_COLOR__COUNT; r++)
		assert_int_equal(hf_color_parse(hf_color_name((enum hf_color)r)), r);
	assert_int_equal(hf_color_parse("stage-done"), HF_COLOR_STAGE_DONE);
	assert_int_equal(hf_color_parse("nope"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_filter_cases),
		cmocka_unit_test(list_selection_skips_headings),
		cmocka_unit_test(list_click_scroll_hidden),
		cmocka_unit_test(list_sort_is_stable_and_filters),
		cmocka_unit_test(key_names_round_trip),
		cmocka_unit_test(action_table_is_consistent),
		cmocka_unit_test(style_parse_cases),
		cmocka_unit_test(color_degrade_cases),
		cmocka_unit_test(shipped_themes_load_cleanly),
		cmocka_unit_test(color_roles_named),
		cmocka_unit_test(keys_file_rebinds),
		cmocka_unit_test(shipped_keys_file_is_the_default),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
