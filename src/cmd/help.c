/* help.c: `handoff help [COMMAND | pod | json]` and `handoff version` */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/cmd.h"
#include "handoff/paths.h"
#include "handoff/sanitize.h"
#include "handoff/xmalloc.h"

/*
 * The references installed with handoff: the same Markdown the man pages
 * handoff-pod(5) and handoff-json(7) are made from (man/md2man.py), so the
 * three never drift.
 */
static const struct {
	const char *topic;
	const char *file;
	const char *man;
} topics[] = {
	{ "pod", "docs/pod-repository.md", "handoff-pod(5)" },
	{ "json", "docs/json.md", "handoff-json(7)" },
};

static int print_topic(const char *file, const char *man)
{
	char *path = hf_path_shared_file(file), *buf = NULL;
	size_t len;
	bool comment = false;

	if (hf_read_file(path, 1024 * 1024, &buf, &len)) {
		free(path);
		return hf_fail_last();
	}
	/* the docs' HTML comments (a file's purpose, example markers) are for their tools */
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!comment && strncmp(line, "<!--", 4) == 0)
			comment = true;
		if (!comment)
			puts(line);
		if (comment && strstr(line, "-->"))
			comment = false;
	}
	printf("\n(also: man %s)\n", man);
	free(buf);
	free(path);
	return HF_EXIT_OK;
}

static int run_help(struct hf_ctx *ctx, const struct hf_args *args)
{
	const struct hf_cmd *cmd;
	char *clean, *two;
	int rc;

	if (!args->npos) {
		hf_cmd_help_all(stdout);
		return HF_EXIT_OK;
	}
	if (args->npos == 1)
		for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
			if (strcmp(args->pos[0], topics[i].topic) == 0)
				return print_topic(topics[i].file, topics[i].man);
	if (args->npos == 2) {
		two = xasprintf("%s %s", args->pos[0], args->pos[1]);

		cmd = hf_cmd_find(two);
		free(two);
	} else {
		cmd = hf_cmd_find(args->pos[0]);
	}
	if (cmd) {
		hf_cmd_help(stdout, cmd);
		return HF_EXIT_OK;
	}
	two = xasprintf("%s%s%s", args->pos[0], args->npos == 2 ? " " : "",
			args->npos == 2 ? args->pos[1] : "");
	clean = hf_sanitize(two, 0);
	rc = hf_fail("no command or topic '%s' (see 'handoff --help'; topics: pod, json)", clean);
	free(clean);
	free(two);
	return rc;
}

static int run_version(struct hf_ctx *ctx, const struct hf_args *args)
{
	puts(PACKAGE_STRING);
	return HF_EXIT_OK;
}

const struct hf_cmd hf_cmd_help_cmd = {
	"help", "[COMMAND | pod | json]",
	"show how to use handoff or one of its commands; 'pod': the pod repository's files, field by "
	"field; 'json': the JSON of every --json",
	NULL, 0, 2, run_help,
};

const struct hf_cmd hf_cmd_version = {
	"version", "", "print the version", NULL, 0, 0, run_version,
};
