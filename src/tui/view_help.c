/* view_help.c: the ? view: every action and its keys, the commands, searchable with / */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_action.h"
#include "handoff/tui_view.h"

static const char *const commands[][2] = {
	{":sync", "sync every source now, in the background"},
	{":theme NAME", "switch colours: dark, light, high-contrast, mono (or your own)"},
	{":view NAME", "open a view: pod, models, readiness, on-call, sprint, activity, log"},
	{":dump-screen FILE", "write the screen as text to FILE (for bug reports)"},
	{":q", "quit"},
	{"click", "select a row, or a view in the bottom line"},
	{"wheel", "scroll"},
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* Rows: heading, actions, heading, commands. */
static size_t action_row(size_t row)
{
	return row - 1;
}

static enum hf_status help_load(struct hf_view *v, struct hf_store *store)
{
	v->head_lines = 1;
	hf_list_add(&v->list, HF_ROW_HEADING);
	for (size_t i = 0; i < hf_action_count; i++)
		hf_list_add(&v->list, 0);
	hf_list_add(&v->list, HF_ROW_HEADING);
	for (size_t i = 0; i < NCOMMANDS; i++)
		hf_list_add(&v->list, 0);
	return HF_OK;
}

static void help_draw_head(struct hf_view *v, struct hf_draw *d, int line)
{
	hf_draw_text(d, HF_COLOR_TITLE, " Help", -1);
	hf_draw_text(d, HF_COLOR_DIM, "   / searches, q or Esc goes back", -1);
}

static void help_draw_row(struct hf_view *v, struct hf_draw *d, size_t row)
{
	if (row == 0) {
		hf_draw_text(d, HF_COLOR_SECTION, " KEYS", -1);
	} else if (row <= hf_action_count) {
		const struct hf_action_info *a = &hf_action_table[action_row(row)];

		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_KEY, hf_action_keys(a->action), 15);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, a->name, 16);
		hf_draw_text(d, HF_COLOR_DEFAULT, a->help, -1);
	} else if (row == hf_action_count + 1) {
		hf_draw_text(d, HF_COLOR_SECTION, " COMMANDS AND MOUSE", -1);
	} else {
		size_t i = row - hf_action_count - 2;

		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_KEY, commands[i][0],
			     strlen(commands[i][0]) > 15 ? 19 : 15);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DEFAULT, commands[i][1], -1);
	}
}

static bool help_match(struct hf_view *v, size_t row, const char *needle)
{
	if (row >= 1 && row <= hf_action_count) {
		const struct hf_action_info *a = &hf_action_table[action_row(row)];

		return hf_view_contains(hf_action_keys(a->action), needle) ||
		       hf_view_contains(a->name, needle) || hf_view_contains(a->help, needle);
	}
	if (row > hf_action_count + 1) {
		size_t i = row - hf_action_count - 2;

		return hf_view_contains(commands[i][0], needle) ||
		       hf_view_contains(commands[i][1], needle);
	}
	return false;
}

static unsigned help_key(struct hf_view *v, enum hf_action action)
{
	/* ? again closes the help */
	if (action == HF_ACTION_HELP)
		return HF_REACT_BACK;
	return HF_REACT_NOT_MINE;
}

const struct hf_view_ops hf_view_help = {
	.name = "help",
	.title = "help",
	.state_size = 0,
	.load = help_load,
	.draw_head = help_draw_head,
	.draw_row = help_draw_row,
	.match = help_match,
	.key = help_key,
	.resize = NULL,
	.done = NULL,
};
