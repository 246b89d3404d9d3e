/* worktree.h: reading a pod folder from disk, as it is before a commit (for `handoff lint`) */
#ifndef HANDOFF_WORKTREE_H
#define HANDOFF_WORKTREE_H

#include <stddef.h>
#include "handoff/status.h"
#include "handoff/store.h"

/*
 * Load the pod files under dir (the pod's folder, what a git source's
 * `path` names) into store as source `source`, through the loaders a sync
 * uses, so the problems are the same: dir's pod.json and its models/,
 * checklists/, oncall/ and sprints/ folders, nothing else. Symbolic links
 * and bad names are refused as problems, as in a git tree; files over the
 * size limit too. *nfiles counts the pod files read. HF_ENOTFOUND (message
 * names dir) when dir cannot be read. Call inside a transaction.
 */
enum hf_status hf_worktree_load(struct hf_store *store, const char *source, const char *dir,
				size_t *nfiles);

#endif
