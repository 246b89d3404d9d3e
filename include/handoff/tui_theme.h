/* tui_theme.h: themes: files in the config syntax mapping colour roles to colours and attributes */
#ifndef HANDOFF_TUI_THEME_H
#define HANDOFF_TUI_THEME_H

#include <stddef.h>
#include "handoff/status.h"
#include "handoff/tui_draw.h"

/*
 * A theme is a git-config file (read through hf_conf_foreach, the same
 * libgit2 reader as the config) with one key per role, in git's colour
 * syntax: foreground, then background, then attributes, e.g.
 *
 *   [color]
 *       title = bold white blue
 *       selected = reverse
 *       bad = "#d75f5f" bold
 *
 * Colours: default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright<name>, 0-255, #rrggbb. Attributes: bold, dim, ul/underline,
 * reverse, italic, blink. Roles a theme omits keep the defaults (terminal
 * colours, no attributes). A bad entry is a warning naming the file and key,
 * and the rest of the theme still loads.
 *
 * Themes are looked up as NAME.theme in $XDG_CONFIG_HOME/handoff/themes/
 * first, then in the shipped themes/ folder (dark, light, high-contrast,
 * mono).
 */
struct hf_theme {
	char *name;
	char *path;
	struct hf_style styles[HF_COLOR__COUNT];
	char **warnings; /* "FILE: KEY: message" */
	size_t nwarnings;
};

/* Load theme `name` (found as above); HF_ENOTFOUND naming it when there is no such theme. */
enum hf_status hf_theme_load(const char *name, struct hf_theme *theme);
/* Load a theme file by path (tests). */
enum hf_status hf_theme_load_file(const char *path, struct hf_theme *theme);
void hf_theme_clear(struct hf_theme *theme);

/* Parse one value ("bold white blue") into style; HF_EINVAL naming the bad word. */
enum hf_status hf_style_parse(const char *value, struct hf_style *style);

#endif
