/* git_internal.h: what the git source's files share: one sync's state, fetch and error helpers */
#ifndef HANDOFF_GIT_INTERNAL_H
#define HANDOFF_GIT_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include "handoff/git_source.h"

/* The ssh side of one sync (git_ssh.c): who and which key, and what went wrong. */
struct hf_git_ssh {
	bool on;		/* the URL is an ssh one (ssh://, git+ssh://, ssh+git://, scp-like) */
	bool scp_like;
	char *fetch_url;	/* the URL for libgit2 when it differs (git+ssh:// as ssh://), or NULL */
	char *host;
	int port;		/* 22 when the URL names none */
	char *user;		/* from the URL, or NULL */
	bool user_given;
	char *user_tried;	/* the user handoff logged in as */
	char *key;		/* ssh-key with ~ expanded, or NULL */
	char *key_shown;	/* "'~/.ssh/id' (/home/ana/.ssh/id)" for messages */
	char *key_type;		/* "ssh-ed25519", "ssh-rsa", ... or "" */
	bool key_encrypted;	/* the key file has a passphrase */
	bool using_agent, passphrase_given;
	int attempts;
	char *problem;		/* the whole story of a refusal, or NULL */
	enum hf_status problem_status;
};

/* One edit the fetch found and apply makes, in order. */
enum hf_git_op_kind {
	HF_GIT_OP_LOAD,		/* path changed: parse blob id and store it */
	HF_GIT_OP_FORGET,	/* path went away */
	HF_GIT_OP_REJECT,	/* path refused: text says why */
	HF_GIT_OP_ACTIVITY,	/* one commit event: at, actor, text (summary), ref, model */
	HF_GIT_OP_SPRINT,	/* a version of sprints/<id>.json: blob id, at, ref */
};
struct hf_git_op {
	enum hf_git_op_kind kind;
	char *path;		/* relative to the pod folder (sanitised for FORGET/REJECT) */
	git_oid id;
	char *text, *actor, *model, *ref;
	int64_t at;
};

/* One run of the git source's sync: the fetch's result, which apply consumes. */
struct hf_git_sync {
	struct hf_fetched base;	/* first: hf_source_sync frees it through base.free */
	struct hf_store *store;	/* during fetch only: reads the synced state */
	const struct hf_source_conf *conf;
	const struct hf_sync_progress *progress;
	const struct hf_cancel *cancel;
	char *url;		/* conf->url without credentials, for messages and traces */
	char *pod_path;		/* conf->path normalised ("" for the root) */
	git_repository *repo;	/* the bare cache */
	git_odb *odb;
	git_oid tip;		/* the branch tip the remote advertised */
	char tip_hex[GIT_OID_HEXSZ + 1];
	char *branch;		/* short name of the branch synced */
	char *old_hex, *old_path;	/* the synced commit and pod folder, NULL when none */
	bool up_to_date;	/* the tip is the synced commit */
	bool full;		/* no usable synced commit: everything is read again */
	int cred_attempts;
	char *cred_error;	/* why no credential could be given, or NULL */
	struct hf_git_ssh ssh;
	struct hf_git_op *ops;
	size_t nops, alloc_ops;
	size_t commits;
};

/* Append an edit (zeroed but for kind) to gs->ops. */
struct hf_git_op *hf_git_op_add(struct hf_git_sync *gs, enum hf_git_op_kind kind);

/*
 * Fetch the branch into the cache (opening or creating it): sets repo,
 * odb, tip, branch. The network part runs in a child process the sync can
 * kill (git_child.c): libgit2 1.5 has no timeout of its own, and a silent
 * remote would block it forever. The child reports progress through a
 * pipe; no progress for the source's timeout, or the cancel flag, kills it.
 */
/*
 * libgit2, started once for the process and never shut down: its start
 * parses the system's CA certificates (about 15 ms), which every sync,
 * write-back and HEAD read would otherwise pay again.
 */
void hf_git_start(void);

enum hf_status hf_git_fetch(struct hf_git_sync *gs);

/* In the fetch's child: tell the parent a person is (no longer) typing a passphrase. */
void hf_git_child_waiting(bool waiting);

/* The fetch itself, in this process (the child runs it). */
enum hf_status hf_git_fetch_here(struct hf_git_sync *gs);

/* Open the bare cache, creating it on first use: sets repo and odb. */
enum hf_status hf_git_open_cache(struct hf_git_sync *gs);

/* The transfer callbacks of gs (payload gs): credentials asked once, progress reported. */
void hf_git_callbacks(struct hf_git_sync *gs, git_remote_callbacks *cb);

/* Record libgit2's last error as "source 'NAME': WHAT ('URL'): MESSAGE"; returns the status. */
enum hf_status hf_git_fail(const struct hf_git_sync *gs, int code, const char *what);

/* Parse the URL; for ssh, expand ~ in ssh-key and check the key file (HF_EAUTH naming it). */
enum hf_status hf_git_ssh_init(struct hf_git_sync *gs);
void hf_git_ssh_release(struct hf_git_ssh *ssh);

/* The credentials callback's ssh half (user name, key file, passphrase, ssh-agent). */
int hf_git_ssh_credential(struct hf_git_sync *gs, git_credential **out, const char *user_from_url,
			  unsigned int allowed);

/* certificate_check: ssh host keys against ~/.ssh/known_hosts by OpenSSH's rules (payload: gs). */
int hf_git_ssh_check_host(git_cert *cert, int valid, const char *host, void *payload);

/* The message for a failed ssh connection (libgit2's msg explained), or NULL; caller frees. */
char *hf_git_ssh_explain(const struct hf_git_sync *gs, const char *msg);

#endif
