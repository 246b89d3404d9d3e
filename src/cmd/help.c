/* help.c: `handoff help [COMMAND]` and `handoff version` */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "handoff/cmd.h"
#include "handoff/xmalloc.h"

static int run_help(struct hf_ctx *ctx, const struct hf_args *args)
{
	const struct hf_cmd *cmd;

	if (!args->npos) {
		hf_cmd_help_all(stdout);
		return HF_EXIT_OK;
	}
	if (args->npos == 2) {
		char *two = xasprintf("%s %s", args->pos[0], args->pos[1]);

		cmd = hf_cmd_find(two);
		free(two);
	} else {
		cmd = hf_cmd_find(args->pos[0]);
	}
	if (!cmd)
		return hf_fail("no command '%s%s%s' (see 'handoff --help')", args->pos[0],
			       args->npos == 2 ? " " : "", args->npos == 2 ? args->pos[1] : "");
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
	NULL, 0, 2, run_help,
};

const struct hf_cmd hf_cmd_version = {
	"version", "", "print the version", NULL, 0, 0, run_version,
};
