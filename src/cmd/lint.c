/* lint.c: `handoff lint [DIR]`: check a pod folder's files as they are on disk, before committing */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/out.h"
#include "handoff/podfile.h"
#include "handoff/sanitize.h"
#include "handoff/worktree.h"
#include "handoff/xmalloc.h"
#include "oncall_internal.h"

/* A folder with none of the pod's files is most likely the wrong folder. */
static bool looks_like_pod(const char *dir)
{
	static const char *const names[] = { "pod.json", "models", "checklists", "oncall", "sprints", NULL };
	bool found = false;

	for (size_t i = 0; names[i] && !found; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;

		found = lstat(p, &st) == 0;
		free(p);
	}
	return found;
}

/* The configured sources, for the registry names contracts use; none when there is no configuration. */
static struct hf_podfile_source *configured(struct hf_ctx *ctx, size_t *n)
{
	const struct hf_conf *conf;
	struct hf_podfile_source *out;

	*n = 0;
	if (hf_ctx_conf(ctx, &conf)) {
		hf_error_clear();
		return NULL;
	}
	out = xcalloc(conf->nsources + 1, sizeof(*out));
	for (size_t i = 0; i < conf->nsources; i++) {
		out[i].name = conf->sources[i].name;
		out[i].registry = conf->sources[i].type == HF_SOURCE_MLFLOW;
	}
	*n = conf->nsources;
	return out;
}

static int run_lint(struct hf_ctx *ctx, const struct hf_args *args)
{
	const char *dir = args->npos ? args->pos[0] : ".";
	struct hf_store *store = NULL;
	struct hf_podfile_source *sources;
	struct hf_problem *p = NULL;
	size_t nsources, nfiles = 0, n = 0, errors = 0;
	char *prefix = NULL, *clean = hf_sanitize(dir, 0);
	int rc = HF_EXIT_OK;
	struct stat st;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = hf_fail("'%s' is not a folder: give the pod's folder (where pod.json is)", clean);
		free(clean);
		return rc;
	}
	if (!looks_like_pod(dir)) {
		rc = hf_fail("'%s' holds no pod files (pod.json, models/, checklists/, oncall/, "
				 "sprints/): give the pod's folder", clean);
		free(clean);
		return rc;
	}
	sources = configured(ctx, &nsources);
	/* the same loaders and checks as a sync, into a private database that goes away after */
	if (hf_store_open(":memory:", &store) || hf_store_begin(store) ||
	    hf_worktree_load(store, "lint", dir, &nfiles) ||
	    hf_podfile_check_refs(store, sources, nsources) || hf_store_commit(store) ||
	    hf_store_problems(store, &p, &n)) {
		rc = hf_fail_last();
		goto out;
	}
	prefix = strcmp(dir, ".") == 0 ? xstrdup("") : xasprintf("%s%s", dir,
								  dir[strlen(dir) - 1] == '/' ? "" : "/");
	errors = hf_out_problems(stdout, p, n, prefix, hf_args_has(args, "quiet"));
	if (!hf_args_has(args, "quiet"))
		printf("%s: %zu pod file%s checked: %zu error%s, %zu warning%s\n", clean, nfiles,
		       nfiles == 1 ? "" : "s", errors, errors == 1 ? "" : "s", n - errors,
		       n - errors == 1 ? "" : "s");
	/* a rotation changed since the last commit: what the change does to the shifts */
	if (!errors && !hf_args_has(args, "quiet"))
		hf_oncall_lint_previews(dir, prefix, hf_now());
	rc = errors ? HF_EXIT_NO : HF_EXIT_OK;
out:
	hf_problems_free(p, n);
	hf_store_close(store);
	free(sources);
	free(prefix);
	free(clean);
	return rc;
}

static const struct hf_cmd_flag lint_flags[] = {
	{ "quiet", NULL, "print only the errors, no warnings and no summary" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_lint = {
	"lint", "[DIR] [--quiet]",
	"check the pod files in DIR (default: here) as they are on disk, before you commit: the "
	"same problems sync reports; exit 1 on errors. A rotation file changed since the last commit "
	"gets the preview 'oncall ROTATION --preview' gives (the next 8 weeks)",
	lint_flags, 0, 1, run_lint,
};
