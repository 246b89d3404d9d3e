/* git_write.c: the few git writes handoff makes itself: init a repository and commit its work tree */
#include "config.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "git_internal.h"
#include "handoff/clock.h"
#include "handoff/git_source.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"

static enum hf_status fail(const char *what, const char *dir)
{
	const git_error *e = git_error_last();

	return hf_error(HF_EIO, "%s '%s': %s", what, dir, e && e->message ? e->message : "unknown error");
}

enum hf_status hf_git_init_repo(const char *dir)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	enum hf_status rc = HF_OK;

	hf_git_start();
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		hf_trace("git: '%s' is already a repository", dir);
	} else {
		opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
		opts.initial_head = "main";
		hf_trace("git: init '%s'", dir);
		if (git_repository_init_ext(&repo, dir, &opts) < 0)
			rc = fail("cannot create a git repository in", dir);
	}
	git_repository_free(repo);
	return rc;
}

enum hf_status hf_git_find_repo(const char *dir, char **root)
{
	git_repository *repo = NULL;
	enum hf_status rc = HF_ENOTFOUND;

	*root = NULL;
	hf_git_start();
	if (git_repository_open_ext(&repo, dir, 0, NULL) == 0 && git_repository_workdir(repo)) {
		size_t len = strlen(git_repository_workdir(repo));

		/* without the trailing slash libgit2 gives */
		*root = xstrndup(git_repository_workdir(repo), len > 1 ? len - 1 : len);
		rc = HF_OK;
	}
	git_repository_free(repo);
	return rc == HF_OK ? rc : hf_error(rc, "'%s' is in no git work tree", dir);
}

/* Stage paths (exactly those files) or everything. */
static int stage(git_index *index, const char *const *paths)
{
	git_strarray spec = { NULL, 0 };

	if (!paths)
		return git_index_add_all(index, NULL, GIT_INDEX_ADD_DEFAULT, NULL, NULL) < 0 ||
		       git_index_update_all(index, NULL, NULL, NULL) < 0 ? -1 : 0;
	while (paths[spec.count])
		spec.count++;
	spec.strings = (char **)paths;
	return git_index_add_all(index, &spec, GIT_INDEX_ADD_DISABLE_PATHSPEC_MATCH, NULL, NULL);
}

enum hf_status hf_git_commit_all(const char *dir, const struct hf_git_signature *who,
				 const char *message, const char *const *paths, char id[41])
{
	git_repository *repo = NULL;
	git_index *index = NULL;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	git_oid tree_id, commit_id, parent_id;
	enum hf_status rc = HF_OK;

	hf_git_start();
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    git_repository_index(&index, repo) < 0 ||
	    stage(index, paths) < 0 || git_index_write(index) < 0 ||
	    git_index_write_tree(&tree_id, index) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		rc = fail("cannot stage the files of", dir);
		goto out;
	}
	/* no name: the user's git identity (user.name, user.email), else handoff's own */
	if (!who->name && git_signature_default(&sig, repo) == 0)
		hf_trace("git: committing as the git identity of the user");
	else if (git_signature_new(&sig, who->name ? who->name : "handoff",
				   who->email ? who->email : "handoff@localhost",
				   who->when ? who->when : hf_now(), who->offset) < 0) {
		rc = fail("bad author name or email for a commit in", dir);
		goto out;
	}
	if (git_reference_name_to_id(&parent_id, repo, "HEAD") == 0 &&
	    git_commit_lookup(&parent, repo, &parent_id) < 0) {
		rc = fail("cannot read HEAD of", dir);
		goto out;
	}
	if (parent && git_oid_equal(git_commit_tree_id(parent), &tree_id)) {
		hf_trace("git: nothing to commit in '%s'", dir);
		if (id)
			id[0] = '\0';
		goto out;
	}
	hf_trace("git: commit in '%s': %.*s", dir, (int)strcspn(message, "\n"), message);
	if (git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, message, tree,
			      parent ? 1 : 0, (const git_commit **)&parent) < 0) {
		rc = fail("cannot commit in", dir);
		goto out;
	}
	if (id)
		git_oid_tostr(id, 41, &commit_id);
out:
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	git_index_free(index);
	git_repository_free(repo);
	return rc;
}
