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
		rc = hf_fail("usage: handoff %s %s", cmd->name, cmd->usage);
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

void hf_cmd_help(FILE *out, const struct hf_cmd *cmd)
{
	fprintf(out, "usage: handoff %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
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
	fputs("usage: handoff [--db PATH] [--config PATH] [--no-color] [COMMAND [ARGS]]\n"
	      "       handoff --demo | --help | --version\n\n"
	      "With no command, handoff opens the pod screen (the TUI).\n\ncommands:\n", out);
	for (size_t i = 0; hf_commands[i]; i++)
		fprintf(out, "  %-8s %s\n", hf_commands[i]->name, hf_commands[i]->summary);
	fputs("\nglobal options:\n"
	      "  --db PATH        the database (default $XDG_DATA_HOME/handoff/handoff.db, or $HANDOFF_DB)\n"
	      "  --config PATH    the configuration (default $XDG_CONFIG_HOME/handoff/config)\n"
	      "  --demo           use the built-in demo pod (no network, no config)\n"
	      "  --no-color       no colours (also when NO_COLOR is set)\n"
	      "  --help, --version\n\n"
	      "'handoff help COMMAND' tells more about one command.\n"
	      "Exit status: 0 success, 1 a negative answer (check: not ready), 2 an error.\n", out);
}
