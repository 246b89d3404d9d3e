/* cmd.h: the subcommand table and parsed arguments (the context every command runs with is in ctx.h) */
#ifndef HANDOFF_CMD_H
#define HANDOFF_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "handoff/ctx.h"

/* One option of a command: --name, or --name VALUE when arg is set. */
struct hf_cmd_flag {
	const char *name;
	const char *arg;	/* placeholder for the value ("TIME"), NULL for a switch */
	const char *help;
};

/* A command's parsed arguments. */
struct hf_args {
	const struct hf_cmd_flag *flags;
	const char **values;	/* per flag: value, "" for a given switch, NULL when absent */
	char **pos;		/* positional arguments (borrowed from argv) */
	int npos;
};
bool hf_args_has(const struct hf_args *args, const char *flag);
const char *hf_args_get(const struct hf_args *args, const char *flag);	/* NULL when absent */

struct hf_cmd {
	const char *name;
	const char *usage;		/* after "handoff NAME ": "MODEL [--json]" */
	const char *summary;		/* one line for `handoff --help` */
	const struct hf_cmd_flag *flags;	/* terminated by { NULL } */
	int min_pos, max_pos;		/* positional argument counts (max -1: any) */
	int (*run)(struct hf_ctx *ctx, const struct hf_args *args);
};

/* Every subcommand, in the order `handoff --help` lists them; NULL-terminated. */
extern const struct hf_cmd *const hf_commands[];
const struct hf_cmd *hf_cmd_find(const char *name);

/* Parse argv (argv[0] is the command name) and run the command; returns the exit status. */
int hf_cmd_run(struct hf_ctx *ctx, const struct hf_cmd *cmd, int argc, char **argv);

/*
 * The global options (--db, --config, --demo, --no-color, --ascii), taken
 * wherever they stand, before the command or among its arguments, as git's
 * parse-options takes a command's options: a value of the command's own
 * option is never taken for one, nor anything after the command's "--".
 * hf_cmd_take_global calls fn(name, value or NULL, data) for each (a non-zero
 * return stops with that exit status), removes them from argv and returns
 * the new argc, or minus an exit status after an error (message printed).
 */
extern const struct hf_cmd_flag hf_global_flags[];
int hf_cmd_take_global(int argc, char **argv,
		       int (*fn)(const char *name, const char *value, void *data), void *data);

/* Print the usage and flags of one command / of them all. */
void hf_cmd_help(FILE *out, const struct hf_cmd *cmd);
void hf_cmd_help_all(FILE *out);

#endif
