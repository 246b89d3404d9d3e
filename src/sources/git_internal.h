/* git_internal.h: what the git source's files share: one sync's state, fetch and error helpers */
#ifndef HANDOFF_GIT_INTERNAL_H
#define HANDOFF_GIT_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include "handoff/git_source.h"

/* One run of the git source's sync. */
struct hf_git_sync {
	struct hf_store *store;
	const struct hf_source_conf *conf;
	const struct hf_sync_progress *progress;
	char *url;		/* conf->url without credentials, for messages and traces */
	char *pod_path;		/* conf->path normalised ("" for the root) */
	git_repository *repo;	/* the bare cache */
	git_odb *odb;
	git_oid tip;		/* the branch tip the remote advertised */
	char *branch;		/* short name of the branch synced */
	int cred_attempts;
	char *cred_error;	/* why no credential could be given, or NULL */
	size_t read, rejected, removed, commits;
};

/* Fetch the branch into the cache (opening or creating it): sets repo, odb, tip, branch. */
enum hf_status hf_git_fetch(struct hf_git_sync *gs);

/* Record libgit2's last error as "source 'NAME': WHAT ('URL'): MESSAGE"; returns the status. */
enum hf_status hf_git_fail(const struct hf_git_sync *gs, int code, const char *what);

#endif
