/* sprint_edit.c: `handoff sprint add|move|assign|points|block|unblock|remove|capacity`: the planning meeting's edits */
#include "config.h"

#include "handoff/cmd_act.h"
#include "handoff/xmalloc.h"

static void sprint_of(struct hf_act *a, const struct hf_args *args)
{
	a->sprint = xstrdup(hf_args_get(args, "sprint"));
}

static int run_add(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };

	a.kind = HF_ACT_SPRINT_ADD;
	sprint_of(&a, args);
	a.title = xstrdup(args->pos[0]);
	a.id = xstrdup(hf_args_get(args, "id"));
	a.auto_id = !a.id;
	a.type = xstrdup(hf_args_get(args, "kind") ? hf_args_get(args, "kind") : "shared");
	a.points = xstrdup(hf_args_get(args, "points"));
	a.owner = xstrdup(hf_args_get(args, "owner"));
	a.model = xstrdup(hf_args_get(args, "model"));
	a.status = xstrdup(hf_args_get(args, "status"));
	if (!a.points) {
		hf_act_clear(&a);
		return hf_fail("how big is it? --points N");
	}
	return hf_cmd_act(ctx, args, &a);
}

/* One field of one item: ITEM VALUE (value NULL: cleared). */
static int set_field(struct hf_ctx *ctx, const struct hf_args *args, const char *field,
		     const char *value)
{
	struct hf_act a = { 0 };

	a.kind = HF_ACT_SPRINT_SET;
	sprint_of(&a, args);
	a.id = xstrdup(args->pos[0]);
	a.field = xstrdup(field);
	a.value = xstrdup(value ? value : "");
	return hf_cmd_act(ctx, args, &a);
}

static int run_move(struct hf_ctx *ctx, const struct hf_args *args)
{
	return set_field(ctx, args, "status", args->pos[1]);
}

static int run_assign(struct hf_ctx *ctx, const struct hf_args *args)
{
	return set_field(ctx, args, "owner", args->pos[1]);
}

static int run_points(struct hf_ctx *ctx, const struct hf_args *args)
{
	return set_field(ctx, args, "points", args->pos[1]);
}

static int run_block(struct hf_ctx *ctx, const struct hf_args *args)
{
	return set_field(ctx, args, "blocked_by", args->pos[1]);
}

static int run_unblock(struct hf_ctx *ctx, const struct hf_args *args)
{
	return set_field(ctx, args, "blocked_by", NULL);
}

static int run_remove(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };

	a.kind = HF_ACT_SPRINT_REMOVE;
	sprint_of(&a, args);
	a.id = xstrdup(args->pos[0]);
	return hf_cmd_act(ctx, args, &a);
}

static int run_capacity(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };

	a.kind = HF_ACT_CAPACITY;
	sprint_of(&a, args);
	a.handle = xstrdup(args->pos[0]);
	a.value = xstrdup(args->pos[1]);
	return hf_cmd_act(ctx, args, &a);
}

#define SPRINT_FLAG { "sprint", "ID", "the sprint (default: the one holding the item, or the current one)" }

static const struct hf_cmd_flag add_flags[] = {
	{ "points", "N", "its size in points (required)" },
	{ "kind", "KIND", "research, engineering or shared (default shared)" },
	{ "owner", "HANDLE", "who does it" },
	{ "model", "MODEL", "the model it moves" },
	{ "status", "STATUS", "todo (default), doing, blocked or done" },
	{ "id", "ID", "its id (default: the next free S-N)" },
	SPRINT_FLAG,
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag item_flags[] = {
	SPRINT_FLAG,
	HF_CMD_ACT_FLAGS,
};

const struct hf_cmd hf_cmd_sprint_add = {
	"sprint add", "TITLE --points N [--kind KIND] [--owner HANDLE] [--model MODEL] [--status S] [--id ID] [--sprint ID]",
	"add an item to the sprint, and push it", add_flags, 1, 1, run_add,
};

const struct hf_cmd hf_cmd_sprint_move = {
	"sprint move", "ITEM STATUS [--sprint ID]",
	"move a sprint item to todo, doing, blocked or done", item_flags, 2, 2, run_move,
};

const struct hf_cmd hf_cmd_sprint_assign = {
	"sprint assign", "ITEM HANDLE [--sprint ID]",
	"give a sprint item to a member of the pod", item_flags, 2, 2, run_assign,
};

const struct hf_cmd hf_cmd_sprint_points = {
	"sprint points", "ITEM N [--sprint ID]",
	"resize a sprint item", item_flags, 2, 2, run_points,
};

const struct hf_cmd hf_cmd_sprint_block = {
	"sprint block", "ITEM BLOCKER [--sprint ID]",
	"mark a sprint item blocked by another", item_flags, 2, 2, run_block,
};

const struct hf_cmd hf_cmd_sprint_unblock = {
	"sprint unblock", "ITEM [--sprint ID]",
	"clear what blocks a sprint item (its status stays: move it)", item_flags, 1, 1, run_unblock,
};

const struct hf_cmd hf_cmd_sprint_remove = {
	"sprint remove", "ITEM [--sprint ID]",
	"take an item out of the sprint", item_flags, 1, 1, run_remove,
};

const struct hf_cmd hf_cmd_sprint_capacity = {
	"sprint capacity", "HANDLE POINTS [--sprint ID]",
	"set a member's capacity in the sprint", item_flags, 2, 2, run_capacity,
};
