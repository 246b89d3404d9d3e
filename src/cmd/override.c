/* override.c: `handoff oncall override ROTATION --from TIME --to TIME`: take a shift ("I cover raj on Friday") */
#include "config.h"

#include "handoff/acting.h"
#include "handoff/cmd_act.h"
#include "handoff/xmalloc.h"

static int run_override(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_act a = { 0 };
	const struct hf_conf *conf;

	a.kind = HF_ACT_OVERRIDE;
	a.rotation = xstrdup(args->pos[0]);
	a.from = xstrdup(hf_args_get(args, "from"));
	a.to = xstrdup(hf_args_get(args, "to"));
	a.reason = xstrdup(hf_args_get(args, "reason"));
	a.who = xstrdup(hf_args_get(args, "who"));
	/* "I cover": who defaults to you */
	if (!a.who && !hf_ctx_conf(ctx, &conf) && conf->user_handle)
		a.who = xstrdup(conf->user_handle);
	hf_error_clear();
	if (!a.from || !a.to) {
		hf_act_clear(&a);
		return hf_fail("an override needs --from TIME and --to TIME (such as 2026-12-04T09:00, "
			       "local to the rotation's timezone)");
	}
	return hf_cmd_act(ctx, args, &a);
}

static const struct hf_cmd_flag override_flags[] = {
	{ "from", "TIME", "when it starts: 2026-12-04T09:00 (rotation's time zone) or with an offset" },
	{ "to", "TIME", "when it ends" },
	{ "who", "HANDLE", "who is on call then (default: you, [user] handle)" },
	{ "reason", "TEXT", "why, for the others (\"I cover raj\")" },
	HF_CMD_ACT_FLAGS,
};

const struct hf_cmd hf_cmd_oncall_override = {
	"oncall override", "ROTATION --from TIME --to TIME [--who HANDLE] [--reason TEXT]",
	"take a stretch of a rotation (an override), and push it", override_flags, 1, 1,
	run_override,
};
