/* tui_screen.h: the terminal: start/stop curses, its size, keys, mouse and resizes */
#ifndef HANDOFF_TUI_SCREEN_H
#define HANDOFF_TUI_SCREEN_H

#include <signal.h>
#include <stdbool.h>
#include "handoff/status.h"

/*
 * The screen is process-wide (curses is). hf_screen_start refuses a
 * terminal that cannot address the cursor (TERM unset, "dumb", unknown to
 * terminfo, or stdin/stdout not a terminal) with HF_EINVAL and a message
 * saying why, before touching the terminal. hf_screen_stop restores it and
 * is safe to call twice (it is also the die hook).
 */
enum hf_status hf_screen_start(void);
void hf_screen_stop(void);
bool hf_screen_active(void);

/*
 * While the screen is active, SIGINT, SIGQUIT, SIGTERM and SIGHUP only
 * note the signal: hf_screen_read returns at once and hf_screen_caught()
 * gives the signal's number (0 when none), for the loop to stop, restore
 * the terminal and exit 128 + that number. Threads other than the main one
 * block these signals (hf_screen_block_signals before creating them, then
 * restore the old mask) so the main thread is the one they interrupt.
 */
int hf_screen_caught(void);
void hf_screen_block_signals(sigset_t *old);

/* Current size in rows and columns (updated on a resize event). */
void hf_screen_size(int *rows, int *cols);
/* Colours the terminal has: 0 when none. */
int hf_screen_colors(void);

/* Erase everything (before a full redraw), and show the frame drawn so far. */
void hf_screen_erase(void);
void hf_screen_update(void);
/* Put the visible cursor at (y, x), or hide it when y < 0. */
void hf_screen_cursor(int y, int x);

/* Write the screen as text (UTF-8, trailing blanks trimmed) to path: :dump-screen, for bug reports.
 */
enum hf_status hf_screen_dump(const char *path);

/* Keys: Unicode code points for text; these for the rest. */
#define HF_KEY_CTRL(c) ((c)&0x1f)
enum hf_key {
	HF_KEY_TAB = '\t',
	HF_KEY_ENTER = '\n',
	HF_KEY_ESC = 0x1b,
	HF_KEY_SPECIAL = 0x110000,
	HF_KEY_UP,
	HF_KEY_DOWN,
	HF_KEY_LEFT,
	HF_KEY_RIGHT,
	HF_KEY_PGUP,
	HF_KEY_PGDN,
	HF_KEY_HOME,
	HF_KEY_END,
	HF_KEY_BACKSPACE,
	HF_KEY_DELETE,
	HF_KEY_BACKTAB,
	HF_KEY_F1,
};

enum hf_input_type {
	HF_INPUT_NONE = 0,
	HF_INPUT_KEY,
	HF_INPUT_RESIZE,
	HF_INPUT_CLICK,
	HF_INPUT_WHEEL_UP,
	HF_INPUT_WHEEL_DOWN
};

struct hf_input {
	enum hf_input_type type;
	int key;  /* HF_INPUT_KEY */
	int y, x; /* mouse events */
};

/*
 * Wait up to timeout_ms (-1: forever, 0: just look) for one input. Returns
 * false when nothing came. A resize has already updated hf_screen_size.
 */
bool hf_screen_read(struct hf_input *in, int timeout_ms);

#endif
