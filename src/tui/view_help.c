/* view_help.c: the ? view: every action and its keys, the commands, searchable with / */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/tui_action.h"
#include "handoff/tui_view.h"

/* Mouse lines after the commands of the table. */
static const char *const mouse[][2] = {
	{"click", "select a row, or a view in the bottom line"},
	{"wheel", "scroll"},
};
#define NMOUSE	  (sizeof(mouse) / sizeof(mouse[0]))
#define NCOMMANDS (hf_command_count + NMOUSE)

/* Command i as the help shows it (":theme NAME"), and its help. */
static void command_text(size_t i, char *buf, size_t n, const char **help)
{
	if (i < hf_command_count) {
		const struct hf_command_info *c = &hf_command_table[i];

		snprintf(buf, n, ":%s%s%s", c->name, c->arg ? " " : "", c->arg ? c->arg : "");
		*help = c->help;
	} else {
		snprintf(buf, n, "%s", mouse[i - hf_command_count][0]);
		*help = mouse[i - hf_command_count][1];
	}
}

/* Rows: heading, the actions shown (not the edit ones in read-only mode), heading, commands. */
struct help_state {
	size_t shown[HF_ACTION__COUNT]; /* table index of each action row */
	size_t nshown;
};

static size_t action_row(struct hf_view *v, size_t row)
{
	return ((struct help_state *)v->state)->shown[row - 1];
}

static enum hf_status help_load(struct hf_view *v, struct hf_store *store)
{
	struct help_state *s = v->state;

	v->head_lines = 1;
	hf_list_add(&v->list, HF_ROW_HEADING);
	for (size_t i = 0; i < hf_action_count; i++) {
		if (hf_action_hidden(hf_action_table[i].action))
			continue;
		s->shown[s->nshown++] = i;
		hf_list_add(&v->list, 0);
	}
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
	size_t nshown = ((struct help_state *)v->state)->nshown;

	if (row == 0) {
		hf_draw_text(d, HF_COLOR_SECTION, " KEYS", -1);
	} else if (row <= nshown) {
		const struct hf_action_info *a = &hf_action_table[action_row(v, row)];

		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_KEY, hf_action_keys(a->action), 15);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DIM, a->name, 16);
		hf_draw_text(d, HF_COLOR_DEFAULT, a->help, -1);
	} else if (row == nshown + 1) {
		hf_draw_text(d, HF_COLOR_SECTION, " COMMANDS AND MOUSE", -1);
	} else {
		char text[64];
		const char *help;

		command_text(row - nshown - 2, text, sizeof(text), &help);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_KEY, text, strlen(text) > 15 ? 19 : 15);
		hf_draw_space(d, 1);
		hf_draw_text(d, HF_COLOR_DEFAULT, help, -1);
	}
}

static bool help_match(struct hf_view *v, size_t row, const char *needle)
{
	size_t nshown = ((struct help_state *)v->state)->nshown;

	if (row >= 1 && row <= nshown) {
		const struct hf_action_info *a = &hf_action_table[action_row(v, row)];

		return hf_view_contains(hf_action_keys(a->action), needle) ||
		       hf_view_contains(a->name, needle) || hf_view_contains(a->help, needle);
	}
	if (row > nshown + 1) {
		char text[64];
		const char *help;

		command_text(row - nshown - 2, text, sizeof(text), &help);
		return hf_view_contains(text, needle) || hf_view_contains(help, needle);
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
	.state_size = sizeof(struct help_state),
	.load = help_load,
	.draw_head = help_draw_head,
	.draw_row = help_draw_row,
	.match = help_match,
	.key = help_key,
	.resize = NULL,
	.done = NULL,
};
