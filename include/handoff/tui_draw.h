/* tui_draw.h: the TUI's drawing layer: colour roles, themes applied, one row of attributed text */
#ifndef HANDOFF_TUI_DRAW_H
#define HANDOFF_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/strbuf.h"

/*
 * Views never call curses: they draw one row at a time through a struct
 * hf_draw, asking for semantic colour roles that the theme maps to colours
 * or, without colour, to monochrome attributes. Only src/tui/draw.c and
 * src/tui/screen.c include curses.
 *
 * The one authoritative list of colour roles: X(ENUM, "theme key", help).
 */
#define HF_COLOR_ROLES(X)                                                                          \
	X(DEFAULT, "default", "ordinary text")                                                     \
	X(TITLE, "title", "the pod name and view titles")                                          \
	X(HEADER, "header", "column headings")                                                     \
	X(SECTION, "section", "section headings inside a view")                                    \
	X(SELECTED, "selected", "the selected row")                                                \
	X(STATUS, "status", "the status line")                                                     \
	X(ERROR, "error", "errors in the status line and the log")                                 \
	X(WARNING, "warning", "warnings")                                                          \
	X(GOOD, "good", "met SLOs, done items, ready models")                                      \
	X(BAD, "bad", "missed SLOs, blockers, over capacity")                                      \
	X(UNKNOWN, "unknown", "SLOs without a measurement")                                        \
	X(DIM, "dim", "secondary text: times, hints")                                              \
	X(STAGE_DONE, "stage-done", "stage dots reached")                                          \
	X(STAGE_TODO, "stage-todo", "stage dots not reached")                                      \
	X(BAR, "bar", "the filled part of a bar")                                                  \
	X(BAR_EMPTY, "bar-empty", "the empty part of a bar")                                       \
	X(TAB, "tab", "view tabs in the bottom line")                                              \
	X(TAB_ACTIVE, "tab-active", "the current view's tab")                                      \
	X(KEY, "key", "key names in hints and help")                                               \
	X(PROMPT, "prompt", "the filter and command line")                                         \
	X(ALIAS, "alias", "registry aliases and versions")                                         \
	X(PERSON, "person", "people: owners, on call")

enum hf_color {
#define HF_COLOR_ENUM(e, name, help) HF_COLOR_##e,
	HF_COLOR_ROLES(HF_COLOR_ENUM)
#undef HF_COLOR_ENUM
		HF_COLOR__COUNT
};

/* "stage-done" -> HF_COLOR_STAGE_DONE; -1 when unknown. */
int hf_color_parse(const char *name);
const char *hf_color_name(enum hf_color role);
const char *hf_color_help(enum hf_color role);

/* Attributes a style may carry (also the whole of a monochrome theme). */
enum hf_attr_flags {
	HF_ATTR_BOLD = 1 << 0,
	HF_ATTR_DIM = 1 << 1,
	HF_ATTR_UNDERLINE = 1 << 2,
	HF_ATTR_REVERSE = 1 << 3,
	HF_ATTR_ITALIC = 1 << 4,
	HF_ATTR_BLINK = 1 << 5,
};

/* A colour: HF_COLOR_NONE (terminal default), 0..255 (palette), or HF_RGB(r, g, b). */
#define HF_COLOR_NONE	(-1)
#define HF_RGB_FLAG	0x1000000
#define HF_RGB(r, g, b) (HF_RGB_FLAG | ((r) << 16) | ((g) << 8) | (b))

struct hf_style {
	int fg, bg;
	unsigned attrs; /* enum hf_attr_flags */
};

/*
 * Degrade a colour to a palette of `ncolors` (8, 16, 256): RGB and high
 * palette entries map to the nearest entry that exists. Pure; tested.
 */
int hf_color_degrade(int color, int ncolors);

/*
 * Install the styles (one per role) in the terminal. With color false, or a
 * terminal without colours, only the attributes are used.
 */
void hf_draw_styles(const struct hf_style styles[HF_COLOR__COUNT], bool color);

/* True when the styles in use are colours (false: monochrome attributes). */
bool hf_draw_has_color(void);

/*
 * One row being drawn: begin at (y, x) for `cols` columns. When selected,
 * every span is drawn in the SELECTED role. Each call advances the cursor;
 * nothing is drawn past the row's end. Fields are owned by draw.c.
 */
struct hf_draw {
	int y, x, cols, col;
	bool selected;
	struct hf_strbuf tmp, fit;
};

void hf_draw_begin(struct hf_draw *d, int y, int x, int cols, bool selected);
/* Fill the rest of the row (in the SELECTED role when selected) and release buffers. */
void hf_draw_end(struct hf_draw *d);

/*
 * The single entry point for text: `text` (from anywhere, raw) is sanitised
 * (controls and escapes become inert placeholders), then fitted to `cols`
 * display columns and padded to exactly `cols` as a field: its last column
 * stays blank (fields never run together), so at most cols - 1 columns of
 * text show, with an ellipsis when cut (fields of 1-2 columns use them all).
 * cols < 0 draws it whole up to the row's end without padding. Returns the
 * columns drawn.
 */
int hf_draw_text(struct hf_draw *d, enum hf_color role, const char *text, int cols);
/* printf into a field of `cols` columns (-1: unpadded), through hf_draw_text. */
int hf_draw_textf(struct hf_draw *d, enum hf_color role, int cols, const char *fmt, ...)
	HF_PRINTF(4, 5);
/* Right-align text in `cols` columns. */
int hf_draw_right(struct hf_draw *d, enum hf_color role, const char *text, int cols);
/* n blank columns in the default role. */
void hf_draw_space(struct hf_draw *d, int n);
/* Move to column col of the row (padding with blanks), if not already past it. */
void hf_draw_goto(struct hf_draw *d, int col);
/* Columns left in the row. */
int hf_draw_left(const struct hf_draw *d);
/* A bar of `cols` columns filled value/max (clamped); over max draws in the BAD role. */
void hf_draw_bar(struct hf_draw *d, double value, double max, int cols);

#endif
