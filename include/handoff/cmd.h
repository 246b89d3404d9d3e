/* cmd.h: the subcommand table, parsed arguments and what every command shares */
#ifndef HANDOFF_CMD_H
#define HANDOFF_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/* Exit statuses of every command. */
enum hf_exit { HF_EXIT_OK = 0, HF_EXIT_NO = 1, HF_EXIT_ERROR = 2 };

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

/* What a command runs with; set up by main from the global options. */
struct hf_cmd_ctx {
	const char *db_path;		/* resolved: --db, HANDOFF_DB, default */
	const char *config_path;	/* resolved: --config, default; may not exist */
	bool config_given;		/* --config was on the command line */
	bool color;			/* colour allowed (no --no-color, no NO_COLOR) */
	bool demo;			/* running on the built-in demo pod */
	struct hf_conf conf;		/* loaded by hf_cmd_conf */
	bool conf_loaded;
	struct hf_store *store;		/* opened by hf_cmd_store */
};

struct hf_cmd {
	const char *name;
	const char *usage;		/* after "handoff NAME ": "MODEL [--json]" */
	const char *summary;		/* one line for `handoff --help` */
	const struct hf_cmd_flag *flags;	/* terminated by { NULL } */
	int min_pos, max_pos;		/* positional argument counts (max -1: any) */
	int (*run)(struct hf_cmd_ctx *ctx, const struct hf_args *args);
};

/* Every subcommand, in the order `handoff --help` lists them; NULL-terminated. */
extern const struct hf_cmd *const hf_commands[];
const struct hf_cmd *hf_cmd_find(const char *name);

/* Parse argv (argv[0] is the command name) and run the command; returns the exit status. */
int hf_cmd_run(struct hf_cmd_ctx *ctx, const struct hf_cmd *cmd, int argc, char **argv);

/* Print the usage and flags of one command / of them all. */
void hf_cmd_help(FILE *out, const struct hf_cmd *cmd);
void hf_cmd_help_all(FILE *out);

/*
 * The database, opened and migrated on first use (kept in ctx, closed by
 * hf_cmd_ctx_release). The configuration, loaded on first use: HF_ENOTFOUND
 * with a message saying how to start (handoff init, handoff --demo) when
 * there is none. Warnings are printed to stderr once.
 */
enum hf_status hf_cmd_store(struct hf_cmd_ctx *ctx, struct hf_store **store);
enum hf_status hf_cmd_conf(struct hf_cmd_ctx *ctx, const struct hf_conf **conf);
void hf_cmd_ctx_release(struct hf_cmd_ctx *ctx);

/* Print "handoff: error: MESSAGE" to stderr and return HF_EXIT_ERROR. */
int hf_cmd_fail(const char *fmt, ...) HF_PRINTF(1, 2);
/* The same with hf_last_error() as the message. */
int hf_cmd_fail_last(void);
/* Print "handoff: warning: MESSAGE" to stderr. */
void hf_cmd_warn(const char *fmt, ...) HF_PRINTF(1, 2);

#endif
