/* ctx.h: what both front ends (the CLI and the TUI) run with: paths, options, the database and configuration */
#ifndef HANDOFF_CTX_H
#define HANDOFF_CTX_H

#include <stdbool.h>
#include "handoff/conf.h"
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * main sets the paths and options from the global options; a front end
 * (a command, the TUI) opens what it needs through hf_ctx_store() and
 * hf_ctx_conf(), which keep it in the context until hf_ctx_release().
 * One thread: the context belongs to the thread that runs the front end.
 */

/* Exit statuses of the program: 0, 1 a negative answer (check: not ready), 2 an error. */
enum hf_exit { HF_EXIT_OK = 0, HF_EXIT_NO = 1, HF_EXIT_ERROR = 2 };

struct hf_ctx {
	const char *db_path;		/* resolved: --db, HANDOFF_DB, default */
	const char *config_path;	/* resolved: --config, default; may not exist */
	bool config_given;		/* --config was on the command line */
	bool color;			/* colour allowed (no --no-color, no NO_COLOR) */
	bool ascii;			/* --ascii: draw in ASCII whatever [ui] ascii says */
	bool demo;			/* running on the built-in demo pod */
	bool read_only;			/* --read-only: no write actions */
	struct hf_conf conf;		/* loaded by hf_ctx_conf */
	bool conf_loaded;
	struct hf_store *store;		/* opened by hf_ctx_store */
	bool snapshot;			/* a command: the store reads one snapshot (set before it runs) */
};

/*
 * The database, opened and migrated on first use (borrowed: kept in ctx,
 * closed by hf_ctx_release). With ctx->snapshot (every CLI command) it
 * reads inside one read snapshot from the open to the end of the command
 * (hf_store_read_begin), so a sync committing meanwhile is seen whole or
 * not at all; a command that writes ends it when it begins a transaction. The configuration, loaded on first use:
 * HF_ENOTFOUND with a message saying how to start (handoff init, handoff
 * --demo) when there is none. Its warnings are printed to stderr once.
 */
enum hf_status hf_ctx_store(struct hf_ctx *ctx, struct hf_store **store);
enum hf_status hf_ctx_conf(struct hf_ctx *ctx, const struct hf_conf **conf);
/* The user's handle ([user] handle): HF_EINVAL saying how to set it when the configuration has none. */
enum hf_status hf_ctx_user(struct hf_ctx *ctx, const char **handle);
void hf_ctx_release(struct hf_ctx *ctx);

/* Print "handoff: error: MESSAGE" to stderr and return HF_EXIT_ERROR. */
int hf_fail(const char *fmt, ...) HF_PRINTF(1, 2);
/* The same with hf_last_error() as the message. */
int hf_fail_last(void);
/* Print "handoff: warning: MESSAGE" to stderr. */
void hf_warn(const char *fmt, ...) HF_PRINTF(1, 2);

#endif
