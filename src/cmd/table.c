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
extern const struct hf_cmd hf_cmd_lint;
extern const struct hf_cmd hf_cmd_sprint;
extern const struct hf_cmd hf_cmd_oncall;
extern const struct hf_cmd hf_cmd_tick;
extern const struct hf_cmd hf_cmd_waive;
extern const struct hf_cmd hf_cmd_reopen;
extern const struct hf_cmd hf_cmd_note;
extern const struct hf_cmd hf_cmd_sprint_add;
extern const struct hf_cmd hf_cmd_sprint_move;
extern const struct hf_cmd hf_cmd_sprint_assign;
extern const struct hf_cmd hf_cmd_sprint_points;
extern const struct hf_cmd hf_cmd_sprint_block;
extern const struct hf_cmd hf_cmd_sprint_unblock;
extern const struct hf_cmd hf_cmd_sprint_remove;
extern const struct hf_cmd hf_cmd_sprint_capacity;
extern const struct hf_cmd hf_cmd_oncall_override;
extern const struct hf_cmd hf_cmd_promote;
extern const struct hf_cmd hf_cmd_alias;
extern const struct hf_cmd hf_cmd_tag;
extern const struct hf_cmd hf_cmd_push;
extern const struct hf_cmd hf_cmd_outbox;
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
	&hf_cmd_lint,
	&hf_cmd_sprint,
	&hf_cmd_oncall,
	&hf_cmd_tick,
	&hf_cmd_waive,
	&hf_cmd_reopen,
	&hf_cmd_note,
	&hf_cmd_sprint_add,
	&hf_cmd_sprint_move,
	&hf_cmd_sprint_assign,
	&hf_cmd_sprint_points,
	&hf_cmd_sprint_block,
	&hf_cmd_sprint_unblock,
	&hf_cmd_sprint_remove,
	&hf_cmd_sprint_capacity,
	&hf_cmd_oncall_override,
	&hf_cmd_promote,
	&hf_cmd_alias,
	&hf_cmd_tag,
	&hf_cmd_push,
	&hf_cmd_outbox,
	&hf_cmd_help_cmd,
	&hf_cmd_version,
	NULL,
};
