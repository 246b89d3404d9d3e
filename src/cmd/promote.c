/* promote.c: `handoff promote|alias|tag`: registry writes (an alias moved after the readiness gate, a version tag) */
#include "config.h"

#include <string.h>

#include "handoff/cmd_act.h"
#include "handoff/xmalloc.h"

static int run_promote(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };
	const char *reason = hf_args_get(args, "reason");

	if (hf_args_has(args, "force") && (!reason || !*reason))
		return hf_fail("a forced promotion is on the record: say why with --reason TEXT");
	a.kind = HF_ACT_PROMOTE;
	a.model = xstrdup(args->pos[0]);
	a.version = xstrdup(args->pos[1]);
	a.alias = xstrdup(hf_args_get(args, "alias") ? hf_args_get(args, "alias") : "champion");
	a.force = hf_args_has(args, "force");
	a.reason = xstrdup(reason);
	return hf_cmd_act(ctx, args, &a);
}

static int run_alias(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };
	bool del = hf_args_has(args, "delete");

	if (del != (args->npos == 2))
		return hf_fail("usage: handoff alias MODEL ALIAS VERSION, or MODEL ALIAS --delete");
	a.kind = del ? HF_ACT_ALIAS_DELETE : HF_ACT_ALIAS_SET;
	a.model = xstrdup(args->pos[0]);
	a.alias = xstrdup(args->pos[1]);
	a.version = del ? NULL : xstrdup(args->pos[2]);
	return hf_cmd_act(ctx, args, &a);
}

static int run_tag(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };
	const char *eq = strchr(args->pos[2], '=');

	if (!eq || eq == args->pos[2])
		return hf_fail("a tag is KEY=VALUE, not '%s'", args->pos[2]);
	a.kind = HF_ACT_TAG_SET;
	a.model = xstrdup(args->pos[0]);
	a.version = xstrdup(args->pos[1]);
	a.key = xstrndup(args->pos[2], (size_t)(eq - args->pos[2]));
	a.value = xstrdup(eq + 1);
	return hf_cmd_act(ctx, args, &a);
}

static const struct hf_cmd_flag promote_flags[] = {
	{ "alias", "NAME", "the alias to move (default champion)" },
	{ "force", NULL, "promote a version the gate refuses (needs --reason; recorded on the version)" },
	{ "reason", "TEXT", "why it is forced" },
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag alias_flags[] = {
	{ "delete", NULL, "remove the alias" },
	HF_CMD_ACT_FLAGS,
};

static const struct hf_cmd_flag tag_flags[] = {
	HF_CMD_ACT_FLAGS,
};

const struct hf_cmd hf_cmd_promote = {
	"promote", "MODEL VERSION [--alias NAME] [--force --reason TEXT] [--dry-run] [--json]",
	"move the serving alias to a version that passes the readiness gate (exit 1: it does not)",
	promote_flags, 2, 2, run_promote,
};

const struct hf_cmd hf_cmd_alias = {
	"alias", "MODEL ALIAS VERSION | MODEL ALIAS --delete [--dry-run] [--json]",
	"set or delete a registry alias (no gate: for candidates; see promote)",
	alias_flags, 2, 3, run_alias,
};

const struct hf_cmd hf_cmd_tag = {
	"tag", "MODEL VERSION KEY=VALUE [--dry-run] [--json]",
	"set a tag on a registered version", tag_flags, 3, 3, run_tag,
};
