/* git_head.c: a work-tree file as the HEAD commit has it (for `handoff lint`'s preview of a changed rotation) */
#include "config.h"

#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "git_internal.h"
#include "handoff/git_source.h"
#include "handoff/xmalloc.h"

enum hf_status hf_git_head_file(const char *path, char **text, size_t *len)
{
	git_repository *repo = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	char *real = realpath(path, NULL), *root = NULL;
	const char *rel;
	size_t rlen;
	git_oid id;
	enum hf_status rc = HF_ENOTFOUND;

	*text = NULL;
	*len = 0;
	hf_git_start();
	if (!real || git_repository_open_ext(&repo, real, 0, NULL) < 0 || !git_repository_workdir(repo) ||
	    !(root = realpath(git_repository_workdir(repo), NULL)))
		goto out;
	rlen = strlen(root);
	if (strncmp(real, root, rlen) != 0 || real[rlen] != '/')
		goto out;
	rel = real + rlen + 1;
	if (git_reference_name_to_id(&id, repo, "HEAD") < 0 || git_commit_lookup(&head, repo, &id) < 0 ||
	    git_commit_tree(&tree, head) < 0 || git_tree_entry_bypath(&entry, tree, rel) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
	    git_blob_lookup(&blob, repo, git_tree_entry_id(entry)) < 0)
		goto out;
	*len = (size_t)git_blob_rawsize(blob);
	*text = xmalloc(*len + 1);
	if (*len)
		memcpy(*text, git_blob_rawcontent(blob), *len);
	(*text)[*len] = '\0';
	rc = HF_OK;
out:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(head);
	git_repository_free(repo);
	free(root);
	free(real);
	return rc == HF_OK ? rc : hf_error(rc, "'%s' is in no git commit (HEAD)", path);
}
