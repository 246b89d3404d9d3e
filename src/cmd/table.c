/* table.c: the list of subcommands (each defined in src/cmd/<name>.c) */
#include "config.h"

#include "handoff/cmd.h"

extern const struct hf_cmd hf_cmd_status;
extern const struct hf_cmd hf_cmd_models;
extern const struct hf_cmd hf_cmd_show;
extern const struct hf_cmd hf_cmd_check;
extern const struct hf_cmd hf_cmd_diff;
extern const struct hf_cmd hf_cmd_inbox;
extern const struct hf_cmd hf_cmd_mine;
extern const struct hf_cmd hf_cmd_sync;
extern const struct hf_cmd hf_cmd_init;
extern const struct hf_cmd hf_cmd_sprint;
extern const struct hf_cmd hf_cmd_oncall;
extern const struct hf_cmd hf_cmd_help_cmd;
extern const struct hf_cmd hf_cmd_version;

const struct hf_cmd *const hf_commands[] = {
	&hf_cmd_status,
	&hf_cmd_models,
	&hf_cmd_show,
	&hf_cmd_check,
	&hf_cmd_diff,
	&hf_cmd_inbox,
	&hf_cmd_mine,
	&hf_cmd_sync,
	&hf_cmd_init,
	&hf_cmd_sprint,
	&hf_cmd_oncall,
	&hf_cmd_help_cmd,
	&hf_cmd_version,
	NULL,
};
