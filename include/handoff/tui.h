/* tui.h: the terminal user interface, run when handoff is started without a command */
#ifndef HANDOFF_TUI_H
#define HANDOFF_TUI_H

#include "handoff/ctx.h"

/*
 * Run the TUI on ctx's database (and configuration, if there is one) until
 * the user quits. While it runs, every source is synced in the background
 * as often as the most eager source's `interval` asks (seconds; 0 means
 * 300; a negative interval opts a source out), and on `r` or `:sync`. Returns the exit status: 0,
 * or 2 with a message on stderr when the terminal cannot run it (TERM=dumb: use the CLI).
 *
 * Test hooks: HANDOFF_NOW freezes the clock; HANDOFF_TEST_IDLE=FILE makes
 * the TUI write an increasing frame number to FILE after every frame drawn
 * while no load or sync is pending.
 */
int hf_tui_run(struct hf_ctx *ctx);

#endif
