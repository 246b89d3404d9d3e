/* command.c: the ':' command line: each command of the HF_COMMANDS table run on the loop */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "handoff/tui_screen.h"
#include "handoff/tui_view.h"

#include "loop.h"

/* ":compare [V1] [V2]": versions of the model shown (or compared); none: as = does (the marked ones). */
static void compare(struct tui *t, const char *arg)
{
	struct hf_view *top = t->stack[t->depth - 1], *v = NULL;
	char v1[64] = "", v2[64] = "", more[2];
	int n;

	if (!*arg) {
		hf_tui_dispatch(t, HF_ACTION_COMPARE);
		return;
	}
	/* the model view, or the one the compare view on top was opened from */
	if (top->ops == &hf_view_model)
		v = top;
	else if (top->ops == &hf_view_compare && t->depth > 1 &&
		 t->stack[t->depth - 2]->ops == &hf_view_model)
		v = t->stack[t->depth - 2];
	if (!v || !v->arg) {
		hf_tui_sayf(t, true, "open a model first: :compare compares its versions");
		return;
	}
	n = sscanf(arg, "%63s %63s %1s", v1, v2, more);
	if (n < 1 || n > 2) {
		hf_tui_sayf(t, true, "which versions? (:compare [V1] [V2])");
		return;
	}
	hf_tui_open(t, "compare", hf_view_compare_arg(v->arg, n == 2 ? v1 : NULL, n == 2 ? v2 : v1));
}

void hf_tui_command(struct tui *t, const char *line)
{
	char cmd[32];
	const char *arg;
	size_t len;

	while (*line == ' ')
		line++;
	len = strcspn(line, " ");
	if (!len)
		return;
	snprintf(cmd, sizeof(cmd), "%.*s", (int)len, line);
	arg = line + len;
	while (*arg == ' ')
		arg++;
	switch (hf_command_find(cmd)) {
	case HF_COMMAND_QUIT:
		t->quit = true;
		break;
	case HF_COMMAND_SYNC:
		hf_tui_sync_now(t);
		break;
	case HF_COMMAND_THEME:
		if (!*arg)
			hf_tui_sayf(t, false,
				    "theme '%s' (:theme dark, light, high-contrast, mono)",
				    t->theme.name ? t->theme.name : "none");
		else
			hf_tui_theme(t, arg);
		break;
	case HF_COMMAND_VIEW:
		if (!*arg)
			hf_tui_sayf(t, true,
				    "which view? (:view pod, models, readiness, on-call, sprint, "
				    "activity, log, inbox, mine)");
		else if (!strcmp(arg, "inbox") || !strcmp(arg, "mine"))
			hf_tui_open_user(t, arg);
		else
			hf_tui_open(t, arg, NULL);
		break;
	case HF_COMMAND_INBOX:
		hf_tui_open_user(t, "inbox");
		break;
	case HF_COMMAND_MINE:
		hf_tui_open_user(t, "mine");
		break;
	case HF_COMMAND_DUMP_SCREEN:
		if (!*arg)
			hf_tui_sayf(t, true, "dump the screen where? (:dump-screen FILE)");
		else if (hf_screen_dump(arg))
			hf_tui_sayf(t, true, "%s", hf_last_error());
		else
			hf_tui_sayf(t, false, "screen written to '%s'", arg);
		break;
	case HF_COMMAND_HELP:
		hf_tui_open(t, "help", NULL);
		break;
	case HF_COMMAND_PUSH:
		hf_tui_start_push(t);
		break;
	case HF_COMMAND_COMPARE:
		compare(t, arg);
		break;
	case HF_COMMAND_NONE:
	case HF_COMMAND__COUNT:
		hf_tui_sayf(t, true, "no command ':%s' (? lists them)", cmd);
		break;
	}
}
