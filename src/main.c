/* main.c: handoff's entry point: global options, then one subcommand or the TUI */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handoff/ascii.h"
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
	bool ascii;
	bool read_only;
};

static int set_global(const char *name, const char *value, void *data)
{
	struct global_opts *o = data;

	if (!strcmp(name, "db"))
		o->db = value;
	else if (!strcmp(name, "config"))
		o->config = value;
	else if (!strcmp(name, "demo"))
		o->demo = true;
	else if (!strcmp(name, "no-color"))
		o->no_color = true;
	else if (!strcmp(name, "ascii"))
		o->ascii = true;
	else if (!strcmp(name, "read-only"))
		o->read_only = true;
	return 0;
}

/*
 * The global options were taken out of argv wherever they stood; what is
 * left before the command is --help, --version or a mistake. Returns the
 * index of the command; *exit_now is the exit status when there is nothing
 * more to do, else -1.
 */
static int parse_global(int argc, char **argv, int *exit_now)
{
	const char *a = argc > 1 ? argv[1] : "";

	*exit_now = -1;
	if (a[0] != '-')
		return 1;
	if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
		hf_cmd_help_all(stdout);
		*exit_now = HF_EXIT_OK;
	} else if (!strcmp(a, "--version")) {
		puts(PACKAGE_STRING);
		*exit_now = HF_EXIT_OK;
	} else {
		*exit_now = hf_fail("unknown option '%s' (see 'handoff --help')", a);
	}
	return 1;
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
	if ((argc = hf_cmd_take_global(argc, argv, set_global, &opts)) < 0)
		return -argc;
	first = parse_global(argc, argv, &exit_now);
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
	ctx.ascii = opts.ascii;
	/* a terminal known not to be UTF-8 gets ASCII ([ui] ascii may say otherwise in the TUI) */
	hf_ascii_set(opts.ascii || hf_ascii_auto(getenv("TERM"), hf_width_user_utf8()));
	ctx.read_only = opts.read_only;
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
		FILE *out = stdout, *err = stderr;

		/* the command line's text on such a terminal: folded on its way out */
		if (hf_ascii_on() && isatty(STDOUT_FILENO) && (stdout = hf_ascii_stream(out)) == NULL)
			stdout = out;
		if (hf_ascii_on() && isatty(STDERR_FILENO) && (stderr = hf_ascii_stream(err)) == NULL)
			stderr = err;
		rc = hf_cmd_run(&ctx, cmd, argc - first, argv + first);
		if (stdout != out) {
			fclose(stdout);
			stdout = out;
		}
		if (stderr != err) {
			fclose(stderr);
			stderr = err;
		}
	}
	hf_ctx_release(&ctx);
	hf_demo_release(&demo);
	free(default_db);
	free(default_config);
	return rc;
}
