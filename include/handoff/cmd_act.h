/* cmd_act.h: what the write commands (tick, waive, sprint add, oncall override, promote, ...) share */
#ifndef HANDOFF_CMD_ACT_H
#define HANDOFF_CMD_ACT_H

#include "handoff/act.h"
#include "handoff/cmd.h"

/*
 * The flags every write command takes, to end its flag table with:
 * --json, --dry-run (show the change and the commit message, change
 * nothing), --no-push (queue it; `handoff push` or the next sync sends it).
 */
#define HF_CMD_ACT_FLAGS                                                                       \
	{ "dry-run", NULL, "show the exact change and the commit message; change nothing" },      \
	{ "no-push", NULL, "commit it locally and queue it; 'handoff push' sends it" },            \
	{ "json", NULL, "one JSON object (see 'handoff help json')" },                          \
	{ NULL, NULL, NULL }

/*
 * Run one action a person asked for: refuse in read-only mode (exit 2),
 * take who acts from [user] handle, resolve and check it (acting.h), then
 * preview, queue and push it (writeback.h), and print what became of it.
 * Takes a (cleared). Exit: 0 landed, queued (remote unreachable) or
 * nothing to change; 1 in conflict or refused by the server (kept in the
 * outbox); 2 an error (nothing queued).
 */
int hf_cmd_act(struct hf_ctx *ctx, const struct hf_args *args, struct hf_act *a);

/* The write-mode check alone, for commands that write without an action (push, outbox --drop). */
int hf_cmd_act_writable(struct hf_ctx *ctx, const char *what);

#endif
