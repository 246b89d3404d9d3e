/* cmd.c: argument parsing from each command's flag table, help, and the shared context */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/cmd.h"
#include "handoff/xmalloc.h"

const struct hf_cmd *hf_cmd_find(const char *name)
{
	for (size_t i = 0; hf_commands[i]; i++)
		if (strcmp(hf_commands[i]->name, name) == 0)
			return hf_commands[i];
	return NULL;
}

static int flag_index(const struct hf_cmd_flag *flags, const char *name, size_t len)
{
	for (int i = 0; flags && flags[i].name; i++)
		if (strlen(flags[i].name) == len && strncmp(flags[i].name, name, len) == 0)
			return i;
	return -1;
}

bool hf_args_has(const struct hf_args *args, const char *flag)
{
	return hf_args_get(args, flag) != NULL;
}

const char *hf_args_get(const struct hf_args *args, const char *flag)
{
	int i = flag_index(args->flags, flag, strlen(flag));

	return i < 0 ? NULL : args->values[i];
}

int hf_cmd_run(struct hf_ctx *ctx, const struct hf_cmd *cmd, int argc, char **argv)
{
	/* "sprint add ...": a command of two words is an entry of its own */
	if (argc > 1 && argv[1][0] != '-') {
		char *two = xasprintf("%s %s", cmd->name, argv[1]);
		const struct hf_cmd *sub = hf_cmd_find(two);

		free(two);
		if (sub)
			return hf_cmd_run(ctx, sub, argc - 1, argv + 1);
	}
	struct hf_args args = { cmd->flags, NULL, NULL, 0 };
	size_t nflags = 0;
	bool only_pos = false;
	int rc;

	while (cmd->flags && cmd->flags[nflags].name)
		nflags++;
	args.values = xcalloc(nflags + 1, sizeof(char *));
	args.pos = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (only_pos || a[0] != '-' || !a[1]) {
			args.pos[args.npos++] = argv[i];
		} else if (!strcmp(a, "--")) {
			only_pos = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			hf_cmd_help(stdout, cmd);
			rc = HF_EXIT_OK;
			goto out;
		} else if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
			int f = flag_index(cmd->flags, a + 2, len);

			if (f < 0) {
				rc = hf_fail("unknown option '%.*s' for 'handoff %s' (see 'handoff help %s')",
						 (int)len + 2, a, cmd->name, cmd->name);
				goto out;
			}
			if (!cmd->flags[f].arg) {
				if (eq) {
					rc = hf_fail("option '--%s' takes no value", cmd->flags[f].name);
					goto out;
				}
				args.values[f] = "";
			} else if (eq) {
				args.values[f] = eq + 1;
			} else if (i + 1 < argc) {
				args.values[f] = argv[++i];
			} else {
				rc = hf_fail("option '--%s' needs a value (%s)", cmd->flags[f].name,
						 cmd->flags[f].arg);
				goto out;
			}
		} else {
			rc = hf_fail("unknown option '%s' for 'handoff %s' (see 'handoff help %s')", a,
					 cmd->name, cmd->name);
			goto out;
		}
	}
	if (args.npos < cmd->min_pos || (cmd->max_pos >= 0 && args.npos > cmd->max_pos)) {
		rc = hf_fail("usage: handoff %s%s%s", cmd->name, *cmd->usage ? " " : "", cmd->usage);
		goto out;
	}
	/* each command reads one consistent snapshot of the database */
	ctx->snapshot = true;
	rc = cmd->run(ctx, &args);
out:
	free(args.values);
	free(args.pos);
	return rc;
}

const struct hf_cmd_flag hf_global_flags[] = {
	{ "db", "PATH", "the database (default $XDG_DATA_HOME/handoff/handoff.db, or $HANDOFF_DB)" },
	{ "config", "PATH", "the configuration (default $XDG_CONFIG_HOME/handoff/config)" },
	{ "demo", NULL, "use the built-in demo pod (no network, no config)" },
	{ "no-color", NULL, "no colours (also when NO_COLOR is set)" },
	{ "ascii", NULL, "draw with ASCII only (automatic on a terminal known not to be UTF-8)" },
	{ "read-only", NULL, "no write actions (also [ui] read-only = true)" },
	{ NULL, NULL, NULL },
};

int hf_cmd_take_global(int argc, char **argv,
		       int (*fn)(const char *name, const char *value, void *data), void *data)
{
	const struct hf_cmd *cmd = NULL;
	bool seen_cmd = false, only_pos = false;
	int out = 1, rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t len;
		int f;

		if (only_pos || a[0] != '-' || !a[1]) {
			/* the command: its flags tell which words are their values */
			if (!seen_cmd && !only_pos) {
				seen_cmd = true;
				cmd = hf_cmd_find(a);
			}
			argv[out++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;	/* the command's: only its arguments follow */
			argv[out++] = argv[i];
			continue;
		}
		eq = a[1] == '-' ? strchr(a + 2, '=') : NULL;
		len = a[1] == '-' ? (eq ? (size_t)(eq - a - 2) : strlen(a + 2)) : 0;
		if (a[1] == '-' && (f = flag_index(hf_global_flags, a + 2, len)) >= 0) {
			const char *value = NULL;

			if (hf_global_flags[f].arg) {
				if (eq)
					value = eq + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return -hf_fail("option '--%s' needs a %s", hf_global_flags[f].name,
							hf_global_flags[f].arg);
			} else if (eq) {
				return -hf_fail("option '--%s' takes no value", hf_global_flags[f].name);
			}
			if ((rc = fn(hf_global_flags[f].name, value, data)))
				return -rc;
			continue;
		}
		argv[out++] = argv[i];
		/* a command's option with a value: that value is never a global option */
		if (cmd && a[1] == '-' && !eq && (f = flag_index(cmd->flags, a + 2, len)) >= 0 &&
		    cmd->flags[f].arg && i + 1 < argc)
			argv[out++] = argv[++i];
	}
	argv[out] = NULL;
	return out;
}

void hf_cmd_help(FILE *out, const struct hf_cmd *cmd)
{
	fprintf(out, "usage: handoff %s%s%s\n\n%s\n", cmd->name, *cmd->usage ? " " : "", cmd->usage,
		cmd->summary);
	if (cmd->flags && cmd->flags[0].name) {
		fputs("\noptions:\n", out);
		for (const struct hf_cmd_flag *f = cmd->flags; f->name; f++) {
			char left[64];

			snprintf(left, sizeof(left), "--%s%s%s", f->name, f->arg ? " " : "",
				 f->arg ? f->arg : "");
			fprintf(out, "  %-22s %s\n", left, f->help);
		}
	}
}

void hf_cmd_help_all(FILE *out)
{
	int width = 8;

	fputs("usage: handoff [--db PATH] [--config PATH] [--no-color] [--ascii] [--read-only] [COMMAND [ARGS]]\n"
	      "       handoff --demo | --help | --version\n\n"
	      "With no command, handoff opens the pod screen (the TUI).\n\ncommands:\n", out);
	for (size_t i = 0; hf_commands[i]; i++)
		if ((int)strlen(hf_commands[i]->name) > width)
			width = (int)strlen(hf_commands[i]->name);
	for (size_t i = 0; hf_commands[i]; i++)
		fprintf(out, "  %-*s  %s\n", width, hf_commands[i]->name, hf_commands[i]->summary);
	fputs("\nglobal options (before or after the command):\n", out);
	for (const struct hf_cmd_flag *f = hf_global_flags; f->name; f++) {
		char left[64];

		snprintf(left, sizeof(left), "--%s%s%s", f->name, f->arg ? " " : "", f->arg ? f->arg : "");
		fprintf(out, "  %-16s %s\n", left, f->help);
	}
	fputs("  --help, --version\n\n"
	      "'handoff help COMMAND' tells more about one command; 'handoff help pod' describes\n"
	      "the pod repository's files, 'handoff help json' the JSON output.\n"
	      "Exit status: 0 success, 1 a negative answer (check: not ready), 2 an error.\n", out);
}
