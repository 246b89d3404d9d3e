/* git_push.h: write-back to a git source: people's actions as commits on the synced tip, pushed without force */
#ifndef HANDOFF_GIT_PUSH_H
#define HANDOFF_GIT_PUSH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/conf.h"
#include "handoff/status.h"

/*
 * The git half of write-back (src/sources/git_push.c; writeback.h drives
 * it). Everything happens in the source's bare cache (git_source.h): an
 * action is one commit of one file on top of the synced tip, or on top of
 * the actions still waiting (the "chain", kept as refs/handoff/outbox);
 * the chain is pushed to the source's branch as a fast-forward, never
 * forced. Commit ids are 40-hex strings. Messages name the source and the
 * URL without credentials; what a server says is sanitised.
 */
struct hf_git_wb;

/* Open the cache of a synced source. HF_ENOTFOUND when it was never synced. */
enum hf_status hf_git_wb_open(const struct hf_source_conf *conf, const char *pod_path,
			      const char *branch, struct hf_git_wb **out);
void hf_git_wb_close(struct hf_git_wb *wb);

/*
 * The text of file (relative to the pod folder) at commit: *text (caller
 * frees; NUL-terminated) and *len, or *text NULL when the file is not there.
 */
enum hf_status hf_git_wb_read(struct hf_git_wb *wb, const char *commit, const char *file,
			      char **text, size_t *len);

/* Who a commit is by. */
struct hf_git_person {
	char *name, *email;
	int64_t when;		/* Unix seconds */
	int offset;		/* minutes east of UTC */
};
void hf_git_person_clear(struct hf_git_person *p);

/*
 * The person who acts: the user's git identity (user.name, user.email of
 * the git configuration), else fallback_name and fallback_email, at now.
 */
void hf_git_wb_identity(struct hf_git_wb *wb, const char *fallback_name,
			const char *fallback_email, struct hf_git_person *who);

/*
 * A commit on parent that changes file to text (one file, one commit),
 * authored by author (committed by author too, at now). id receives it.
 */
enum hf_status hf_git_wb_commit(struct hf_git_wb *wb, const char *parent, const char *file,
				const char *text, size_t len, const char *message,
				const struct hf_git_person *author, char id[41]);

/* A commit's first parent, its author and first message line (summary, caller frees; may be NULL). */
enum hf_status hf_git_wb_info(struct hf_git_wb *wb, const char *commit, char parent[41],
			      struct hf_git_person *author, char **summary);

/* The commits after `from` up to `to`, oldest first (at most max); caller frees with hf_strv_free. */
enum hf_status hf_git_wb_between(struct hf_git_wb *wb, const char *from, const char *to,
				 size_t max, char ***ids, size_t *n);

/* Point refs/handoff/outbox at head (NULL: remove it), so a gc keeps the waiting commits. */
enum hf_status hf_git_wb_keep(struct hf_git_wb *wb, const char *head);

/* What a push attempt found. */
enum hf_git_push_result {
	HF_GIT_PUSHED,		/* the branch is now head */
	HF_GIT_MOVED,		/* the branch is not at base (remote_tip says where): fetch, re-apply, retry */
	HF_GIT_REFUSED,		/* the server said no (a hook, a protected branch): *message */
};

/*
 * Push head to the source's branch if, and only if, the branch is at base
 * (a fast-forward; never forced). *remote_tip receives where the branch
 * was. On HF_GIT_REFUSED, *message (caller frees) holds the server's
 * words, sanitised: the rejection and what its hooks printed. Errors:
 * HF_ENET (unreachable: the actions stay queued), HF_EAUTH.
 */
enum hf_status hf_git_wb_push(struct hf_git_wb *wb, const char *base, const char *head,
			      enum hf_git_push_result *result, char remote_tip[41],
			      char **message);

#endif
