/* tick.c: `handoff tick|waive|reopen|note MODEL ITEM ...`: a checklist item done, waived, open again, or noted */
#include "config.h"

#include "handoff/cmd_act.h"
#include "handoff/xmalloc.h"

/* An action on one checklist item of one model, from MODEL ITEM. */
static int item_act(struct hf_ctx *ctx, const struct hf_args *args, enum hf_act_kind kind)
{
	struct hf_act a = { 0 };

	a.kind = kind;
	a.model = xstrdup(args->pos[0]);
	a.item = xstrdup(args->pos[1]);
	a.evidence = xstrdup(hf_args_get(args, "evidence"));
	a.reason = xstrdup(hf_args_get(args, "reason"));
	a.until = xstrdup(hf_args_get(args, "until"));
	a.note = xstrdup(kind == HF_ACT_NOTE ? args->pos[2] : hf_args_get(args, "note"));
	return hf_cmd_act(ctx, args, &a);
}

static int run_tick(struct hf_ctx *ctx, const struct hf_args *args)
{
	return item_act(ctx, args, HF_ACT_TICK);
}

static int run_waive(struct hf_ctx *ctx, const struct hf_args *args)
{
	if (!hf_args_get(args, "reason") || !*hf_args_get(args, "reason"))
		return hf_fail("a waiver needs a reason: --reason TEXT");
	return item_act(ctx, args, HF_ACT_WAIVE);
}

static int run_reopen(struct hf_ctx *ctx, const struct hf_args *args)
{
	return item_act(ctx, args, HF_ACT_REOPEN);
}

static int run_note(struct hf_ctx *ctx, const struct hf_args *args)
{
	return item_act(ctx, args, HF_ACT_NOTE);
}

static const struct hf_cmd_flag tick_flags[] = {
	{ "evidence", "URL", "a link to the proof: a CI run, a report, a review" },
	{ "note", "TEXT", "a note beside the item" },
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag waive_flags[] = {
	{ "reason", "TEXT", "why the item does not apply (required)" },
	{ "until", "DATE", "the waiver's last day (YYYY-MM-DD); after it the item is open again" },
	{ "note", "TEXT", "a note beside the item" },
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag reopen_flags[] = {
	{ "note", "TEXT", "a note beside the item (why it is open again)" },
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag note_flags[] = {
	HF_CMD_ACT_FLAGS,
};

const struct hf_cmd hf_cmd_tick = {
	"tick", "MODEL ITEM [--evidence URL] [--note TEXT] [--dry-run] [--no-push] [--json]",
	"mark a checklist item done, as you ([user] handle), and push it to the pod repository",
	tick_flags, 2, 2, run_tick,
};

const struct hf_cmd hf_cmd_waive = {
	"waive", "MODEL ITEM --reason TEXT [--until DATE] [--note TEXT] [--dry-run] [--no-push] [--json]",
	"waive a checklist item with a reason (and a last day), and push it",
	waive_flags, 2, 2, run_waive,
};

const struct hf_cmd hf_cmd_reopen = {
	"reopen", "MODEL ITEM [--note TEXT] [--dry-run] [--no-push] [--json]",
	"put a checklist item back to todo, and push it",
	reopen_flags, 2, 2, run_reopen,
};

const struct hf_cmd hf_cmd_note = {
	"note", "MODEL ITEM TEXT [--dry-run] [--no-push] [--json]",
	"write a note beside a checklist item (\"\" removes it), and push it",
	note_flags, 3, 3, run_note,
};
