/* main.c: handoff's entry point: global options, then one subcommand or the TUI */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/cmd.h"
#include "handoff/demo.h"
#include "handoff/paths.h"
#include "handoff/tui.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

struct global_opts {
	const char *db;
	const char *config;
	bool demo;
	bool no_color;
};

/* Global options come before the command; returns the index of the command, or -1 after an error. */
static int parse_global(int argc, char **argv, struct global_opts *o, int *exit_now)
{
	int i;

	*exit_now = -1;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			hf_cmd_help_all(stdout);
			*exit_now = HF_EXIT_OK;
			return i;
		} else if (!strcmp(a, "--version")) {
			puts(PACKAGE_STRING);
			*exit_now = HF_EXIT_OK;
			return i;
		} else if (!strcmp(a, "--demo")) {
			o->demo = true;
		} else if (!strcmp(a, "--no-color")) {
			o->no_color = true;
		} else if (!strcmp(a, "--db") || !strcmp(a, "--config")) {
			if (i + 1 >= argc) {
				*exit_now = hf_fail("option '%s' needs a PATH", a);
				return i;
			}
			if (!strcmp(a, "--db"))
				o->db = argv[++i];
			else
				o->config = argv[++i];
		} else if (!strncmp(a, "--db=", 5)) {
			o->db = a + 5;
		} else if (!strncmp(a, "--config=", 9)) {
			o->config = a + 9;
		} else {
			*exit_now = hf_fail("unknown option '%s' (see 'handoff --help')", a);
			return i;
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	struct global_opts opts = { 0 };
	struct hf_ctx ctx = { 0 };
	struct hf_demo demo = { 0 };
	char *default_db = NULL, *default_config = NULL;
	const char *env_db = getenv("HANDOFF_DB");
	const struct hf_cmd *cmd;
	int exit_now, first, rc;

	hf_width_init();
	first = parse_global(argc, argv, &opts, &exit_now);
	if (exit_now >= 0)
		return exit_now;

	/* precedence: --db, then HANDOFF_DB, then the XDG default */
	if (opts.db)
		ctx.db_path = opts.db;
	else if (env_db && *env_db)
		ctx.db_path = env_db;
	else
		ctx.db_path = default_db = hf_path_default_db();
	ctx.config_given = opts.config != NULL;
	ctx.config_path = opts.config ? opts.config : (default_config = hf_path_default_config());
	ctx.color = !opts.no_color && !(getenv("NO_COLOR") && *getenv("NO_COLOR"));
	ctx.demo = opts.demo;
	/* --demo: a throw-away pod and registry in a temporary database, removed at exit */
	if (opts.demo && !hf_demo_setup(&demo))
		ctx.db_path = demo.db_path;

	if (opts.demo && !demo.db_path) {
		rc = hf_fail_last();
	} else if (first >= argc) {
		/* no command: the TUI (on the demo pod with --demo) */
		rc = hf_tui_run(&ctx);
	} else if (!(cmd = hf_cmd_find(argv[first]))) {
		rc = hf_fail("no command '%s' (see 'handoff --help')", argv[first]);
	} else {
		rc = hf_cmd_run(&ctx, cmd, argc - first, argv + first);
	}
	hf_ctx_release(&ctx);
	hf_demo_release(&demo);
	free(default_db);
	free(default_config);
	return rc;
}
