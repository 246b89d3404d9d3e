/* help.c: `handoff help [COMMAND]` and `handoff version` */
#include "config.h"

#include <stdio.h>

#include "handoff/cmd.h"

static int run_help(struct hf_ctx *ctx, const struct hf_args *args)
{
	const struct hf_cmd *cmd;

	if (!args->npos) {
		hf_cmd_help_all(stdout);
		return HF_EXIT_OK;
	}
	cmd = hf_cmd_find(args->pos[0]);
	if (!cmd)
		return hf_fail("no command '%s' (see 'handoff --help')", args->pos[0]);
	hf_cmd_help(stdout, cmd);
	return HF_EXIT_OK;
}

static int run_version(struct hf_ctx *ctx, const struct hf_args *args)
{
	puts(PACKAGE_STRING);
	return HF_EXIT_OK;
}

const struct hf_cmd hf_cmd_help_cmd = {
	"help", "[COMMAND]", "show how to use handoff or one of its commands",
	NULL, 0, 1, run_help,
};

const struct hf_cmd hf_cmd_version = {
	"version", "", "print the version", NULL, 0, 0, run_version,
};
