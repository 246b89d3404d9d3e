/* git_source.h: the git source (a pod repository synced with libgit2) and the git writes init and the demo make */
#ifndef HANDOFF_GIT_SOURCE_H
#define HANDOFF_GIT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/source.h"
#include "handoff/status.h"

/*
 * [source "NAME"] type = git: url (a local path, file://, git://, ssh://,
 * https://), branch (default: the remote's HEAD), path (the sub-folder
 * holding the pod; default the root).
 *
 * The remote is fetched into a bare cache, $XDG_CACHE_HOME/handoff/repos/
 * <NAME with every byte outside [A-Za-z0-9._-], '%' and a leading '.' as
 * %XX> (one folder per name: "a/b" and "a_b" differ), and the files are
 * read straight from the tree at the branch tip. The synced commit is kept
 * as the source's state "commit"; the next sync diffs the old and new trees
 * and re-parses only the changed files. When the old commit is gone (a
 * force push after the cache was removed) or the `path` changed, everything
 * the source defined is forgotten and read again.
 *
 * Files over HF_PODFILE_MAX_SIZE, symbolic links and submodules in the pod's
 * folders, and names that are not valid UTF-8 or are "." / ".." are refused
 * with a problem naming the path, and never followed. The commits between
 * the old and new tip become activity events (at most 200 on a first sync),
 * and each version of a sprints/<id>.json in that range is handed to
 * hf_podfile_sprint_snapshot, oldest first.
 *
 * Errors (all leave the store's previous view, since hf_source_sync rolls
 * back): HF_ENET when the remote cannot be reached or fetched, HF_EAUTH
 * when a credential is refused or missing (the token-env variable unset),
 * HF_ENOTFOUND when the branch or path does not exist, HF_EIO for the cache
 * or the database. Messages name the source and the URL (without any
 * credential). HANDOFF_TRACE logs every git operation.
 */
extern const struct hf_source_ops hf_source_git_ops;

/*
 * Whether a key's passphrase may be asked for on the terminal (/dev/tty)
 * when no ssh-agent runs: `handoff sync` on a terminal says yes; the TUI,
 * which owns the terminal, never does (off by default). Process-wide.
 */
void hf_git_allow_prompt(bool yes);

/*
 * The folder of the source's bare cache (see above); caller frees.
 * Tests use it to check or remove the cache.
 */
char *hf_git_cache_path(const char *source_name);

/* One commit's identity for hf_git_commit_all. */
struct hf_git_signature {
	const char *name;	/* NULL: the user's git identity when configured */
	const char *email;
	int64_t when;		/* Unix seconds; 0 = hf_now() */
	int offset;		/* minutes east of UTC */
};

/*
 * Make dir a git repository (git init, branch "main") unless it is one.
 * HF_EIO with a message naming dir on failure.
 */
enum hf_status hf_git_init_repo(const char *dir);

/*
 * The work tree root of the repository dir is in (dir itself or a folder
 * above it), in *root (caller frees). HF_ENOTFOUND when dir is in none.
 */
enum hf_status hf_git_find_repo(const char *dir, char **root);

/*
 * The text of file `path` (a file in a git work tree, at any depth) as the
 * work tree's HEAD commit has it, in *text (caller frees; NUL-terminated,
 * *len without it). HF_ENOTFOUND (message names path) when path is in no
 * work tree, the repository has no commit yet or HEAD has no such file.
 */
enum hf_status hf_git_head_file(const char *path, char **text, size_t *len);

/*
 * Stage files of the work tree at root and commit them on HEAD with the
 * given author (also the committer) and message. paths (NULL-terminated,
 * relative to root) names the files to stage; NULL stages everything, like
 * `git add -A`. Used by `handoff init` and `handoff --demo`. *id, when not
 * NULL, receives the commit id in hex (41 bytes), or "" when the staged tree
 * equals HEAD's (then no commit is made). HF_EIO naming root on failure.
 */
enum hf_status hf_git_commit_all(const char *root, const struct hf_git_signature *who,
				 const char *message, const char *const *paths, char id[41]);

#endif
