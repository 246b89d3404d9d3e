/* git_push.c: write-back to a git source: one commit per action in the bare cache, pushed as a fast-forward */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/git_push.h"
#include "handoff/redact.h"
#include "handoff/sanitize.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "git_internal.h"

#define OUTBOX_REF "refs/handoff/outbox"

struct hf_git_wb {
	struct hf_git_sync gs;	/* first: the transfer callbacks' payload */
	char *ref_status;	/* the server's word on the pushed branch, NULL when it took it */
	struct hf_strbuf remote;	/* what the server's hooks printed */
};

enum hf_status hf_git_wb_open(const struct hf_source_conf *conf, const char *pod_path,
			      const char *branch, struct hf_git_wb **out)
{
	struct hf_git_wb *wb = xcalloc(1, sizeof(*wb));
	char *path = hf_git_cache_path(conf->name);
	enum hf_status rc = HF_OK;

	hf_git_start();
	wb->gs.conf = conf;
	wb->gs.url = hf_redact(conf->url ? conf->url : "");
	wb->gs.pod_path = xstrdup(pod_path ? pod_path : "");
	wb->gs.branch = xstrdup(branch ? branch : "main");
	hf_strbuf_init(&wb->remote);
	if (git_repository_open_bare(&wb->gs.repo, path) < 0)
		rc = hf_error(HF_ENOTFOUND, "source '%s' has not been synced here yet (no cache at "
			      "'%s'): run 'handoff sync %s' first", conf->name, path, conf->name);
	else if (git_repository_odb(&wb->gs.odb, wb->gs.repo) < 0)
		rc = hf_git_fail(&wb->gs, -1, "cannot read the cache");
	free(path);
	if (rc) {
		hf_git_wb_close(wb);
		return rc;
	}
	*out = wb;
	return HF_OK;
}

void hf_git_wb_close(struct hf_git_wb *wb)
{
	if (!wb)
		return;
	git_odb_free(wb->gs.odb);
	git_repository_free(wb->gs.repo);
	free(wb->gs.url);
	free(wb->gs.pod_path);
	free(wb->gs.branch);
	free(wb->gs.cred_error);
	free(wb->ref_status);
	hf_strbuf_release(&wb->remote);
	free(wb);
}

/* file's path in the repository: under the pod folder. */
static char *repo_path(const struct hf_git_wb *wb, const char *file)
{
	return *wb->gs.pod_path ? xasprintf("%s/%s", wb->gs.pod_path, file) : xstrdup(file);
}

static enum hf_status lookup_commit(struct hf_git_wb *wb, const char *hex, git_commit **c)
{
	git_oid id;
	int err;

	if (git_oid_fromstr(&id, hex) < 0)
		return hf_error(HF_EINVAL, "source '%s': '%s' is not a commit id", wb->gs.conf->name, hex);
	if ((err = git_commit_lookup(c, wb->gs.repo, &id)) < 0)
		return hf_git_fail(&wb->gs, err, "a commit is missing from the cache");
	return HF_OK;
}

enum hf_status hf_git_wb_read(struct hf_git_wb *wb, const char *commit, const char *file,
			      char **text, size_t *len)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	char *path = repo_path(wb, file);
	enum hf_status rc;
	int err;

	*text = NULL;
	*len = 0;
	if ((rc = lookup_commit(wb, commit, &c)))
		goto out;
	if ((err = git_commit_tree(&tree, c)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot read a commit's tree");
		goto out;
	}
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == GIT_ENOTFOUND) {
		hf_error_clear();
		goto out;
	}
	if (err < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		rc = err < 0 ? hf_git_fail(&wb->gs, err, "cannot read a file")
			     : hf_error(HF_EINVAL, "source '%s': '%s' is not a plain file",
					wb->gs.conf->name, path);
		goto out;
	}
	if ((err = git_blob_lookup(&blob, wb->gs.repo, git_tree_entry_id(e))) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot read a file");
		goto out;
	}
	*len = (size_t)git_blob_rawsize(blob);
	*text = xmalloc(*len + 1);
	memcpy(*text, git_blob_rawcontent(blob), *len);
	(*text)[*len] = '\0';
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(c);
	free(path);
	return rc;
}

void hf_git_person_clear(struct hf_git_person *p)
{
	free(p->name);
	free(p->email);
	memset(p, 0, sizeof(*p));
}

void hf_git_wb_identity(struct hf_git_wb *wb, const char *fallback_name,
			const char *fallback_email, struct hf_git_person *who)
{
	git_signature *sig = NULL;

	memset(who, 0, sizeof(*who));
	if (git_signature_default(&sig, wb->gs.repo) == 0 && sig->name && *sig->name) {
		who->name = xstrdup(sig->name);
		who->email = xstrdup(sig->email ? sig->email : "");
	} else {
		hf_trace("git: no user.name/user.email: committing as %s", fallback_name);
		who->name = xstrdup(fallback_name);
		who->email = xstrdup(fallback_email);
	}
	git_signature_free(sig);
	who->when = hf_now();
}

enum hf_status hf_git_wb_commit(struct hf_git_wb *wb, const char *parent, const char *file,
				const char *text, size_t len, const char *message,
				const struct hf_git_person *author, char id[41])
{
	git_commit *pc = NULL;
	git_tree *ptree = NULL, *tree = NULL;
	git_tree_entry *old = NULL;
	git_signature *a = NULL, *c = NULL;
	git_tree_update up;
	git_oid blob, tree_id, commit_id;
	char *path = repo_path(wb, file);
	enum hf_status rc;
	int err;

	memset(&up, 0, sizeof(up));
	if ((rc = lookup_commit(wb, parent, &pc)))
		goto out;
	if ((err = git_commit_tree(&ptree, pc)) < 0 ||
	    (err = git_blob_create_from_buffer(&blob, wb->gs.repo, text, len)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot write to the cache");
		goto out;
	}
	up.action = GIT_TREE_UPDATE_UPSERT;
	up.id = blob;
	up.path = path;
	/* an executable file stays executable */
	up.filemode = git_tree_entry_bypath(&old, ptree, path) == 0 &&
				      git_tree_entry_filemode(old) == GIT_FILEMODE_BLOB_EXECUTABLE
			      ? GIT_FILEMODE_BLOB_EXECUTABLE
			      : GIT_FILEMODE_BLOB;
	if ((err = git_tree_create_updated(&tree_id, wb->gs.repo, ptree, 1, &up)) < 0 ||
	    (err = git_tree_lookup(&tree, wb->gs.repo, &tree_id)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot write to the cache");
		goto out;
	}
	if (git_signature_new(&a, author->name, author->email, author->when, author->offset) < 0 ||
	    git_signature_new(&c, author->name, author->email, hf_now(), author->offset) < 0) {
		rc = hf_error(HF_EINVAL, "source '%s': bad author for a commit ('%s' <%s>): %s",
			      wb->gs.conf->name, author->name, author->email,
			      git_error_last() ? git_error_last()->message : "unknown error");
		goto out;
	}
	if ((err = git_commit_create(&commit_id, wb->gs.repo, NULL, a, c, NULL, message, tree, 1,
				     (const git_commit **)&pc)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot commit in the cache");
		goto out;
	}
	git_oid_tostr(id, 41, &commit_id);
	hf_trace("git: commit %.12s on %.12s: %.*s", id, parent, (int)strcspn(message, "\n"), message);
out:
	git_signature_free(a);
	git_signature_free(c);
	git_tree_entry_free(old);
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(pc);
	free(path);
	return rc;
}

enum hf_status hf_git_wb_info(struct hf_git_wb *wb, const char *commit, char parent[41],
			      struct hf_git_person *author, char **summary)
{
	git_commit *c = NULL;
	const git_signature *a;
	enum hf_status rc;

	if ((rc = lookup_commit(wb, commit, &c)))
		return rc;
	if (parent) {
		parent[0] = '\0';
		if (git_commit_parentcount(c) > 0)
			git_oid_tostr(parent, 41, git_commit_parent_id(c, 0));
	}
	if (author) {
		memset(author, 0, sizeof(*author));
		a = git_commit_author(c);
		author->name = xstrdup(a && a->name ? a->name : "");
		author->email = xstrdup(a && a->email ? a->email : "");
		author->when = a ? a->when.time : git_commit_time(c);
		author->offset = a ? a->when.offset : 0;
	}
	if (summary)
		*summary = xstrdup(git_commit_summary(c));
	git_commit_free(c);
	return HF_OK;
}

enum hf_status hf_git_wb_between(struct hf_git_wb *wb, const char *from, const char *to,
				 size_t max, char ***ids, size_t *n)
{
	git_revwalk *walk = NULL;
	git_oid f, t, id;
	size_t alloc = 0;
	enum hf_status rc = HF_OK;
	int err;

	*ids = NULL;
	*n = 0;
	if (git_oid_fromstr(&f, from) < 0 || git_oid_fromstr(&t, to) < 0)
		return hf_error(HF_EINVAL, "source '%s': bad commit ids", wb->gs.conf->name);
	if ((err = git_revwalk_new(&walk, wb->gs.repo)) < 0 ||
	    (err = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)) < 0 ||
	    (err = git_revwalk_push(walk, &t)) < 0 || (err = git_revwalk_hide(walk, &f)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot walk the history");
		goto out;
	}
	while (*n < max && git_revwalk_next(&id, walk) == 0) {
		char hex[41];

		git_oid_tostr(hex, sizeof(hex), &id);
		*ids = xgrow(*ids, *n + 1, &alloc, sizeof(**ids));
		(*ids)[(*n)++] = xstrdup(hex);
	}
out:
	git_revwalk_free(walk);
	return rc;
}

enum hf_status hf_git_wb_keep(struct hf_git_wb *wb, const char *head)
{
	git_reference *ref = NULL;
	git_oid id;
	int err = 0;

	if (!head) {
		if (git_reference_lookup(&ref, wb->gs.repo, OUTBOX_REF) == 0)
			err = git_reference_delete(ref);
	} else if (git_oid_fromstr(&id, head) < 0) {
		return hf_error(HF_EINVAL, "source '%s': '%s' is not a commit id", wb->gs.conf->name,
				head);
	} else {
		err = git_reference_create(&ref, wb->gs.repo, OUTBOX_REF, &id, 1,
					   "handoff: actions waiting to land");
	}
	git_reference_free(ref);
	return err < 0 ? hf_git_fail(&wb->gs, err, "cannot update the cache") : HF_OK;
}

static int on_ref_status(const char *refname, const char *status, void *payload)
{
	struct hf_git_wb *wb = payload;

	if (status) {
		hf_trace("git: push of %s refused: %s", refname, status);
		free(wb->ref_status);
		wb->ref_status = xstrdup(status);
	}
	return 0;
}

/* What the server prints on its side band ("remote: ..." lines). */
static int on_sideband(const char *str, int len, void *payload)
{
	struct hf_git_wb *wb = payload;

	if (len > 0 && wb->remote.len < 8192)
		hf_strbuf_add(&wb->remote, str, (size_t)len);
	return 0;
}

/* A rejection that means the branch moved while we pushed: fetch and try again. */
static bool race_status(const char *s)
{
	static const char *const words[] = { "non-fast-forward", "fetch first", "stale info",
					     "failed to lock", "cannot lock", "failed to update ref",
					     "but expected", NULL };

	for (size_t i = 0; words[i]; i++)
		if (strstr(s, words[i]))
			return true;
	return false;
}

/* The server's words, one line: its status, then what its hooks printed (lines joined with "; "). */
static char *server_words(struct hf_git_wb *wb)
{
	struct hf_strbuf sb = HF_STRBUF_INIT, lines = HF_STRBUF_INIT;
	const char *p = wb->remote.buf;
	char *out;

	hf_strbuf_init(&sb);
	hf_strbuf_init(&lines);
	while (*p) {
		size_t n = strcspn(p, "\r\n"), lead = 0;

		while (lead < n && (p[lead] == ' ' || p[lead] == '\t'))
			lead++;
		if (n > lead) {
			hf_strbuf_adds(&lines, lines.len ? "; " : "");
			hf_strbuf_add(&lines, p + lead, n - lead);
		}
		p += n;
		p += strspn(p, "\r\n");
	}
	hf_strbuf_adds(&sb, wb->ref_status ? wb->ref_status : "the push was refused");
	if (lines.len)
		hf_strbuf_addf(&sb, " (the server says: %s)", lines.buf);
	out = hf_sanitize(sb.buf, HF_SANITIZE_TAB_AS_SPACE);
	hf_redact_in_place(out);
	hf_strbuf_release(&sb);
	hf_strbuf_release(&lines);
	return out;
}

/* Connect in direction dir and find the branch: remote_tip receives its id. */
static enum hf_status connect_ls(struct hf_git_wb *wb, git_remote *remote, git_direction dir,
				 const git_remote_callbacks *cb, const char *refname, char remote_tip[41])
{
	const git_remote_head **heads;
	size_t nheads;
	enum hf_status rc;
	int err;

	wb->gs.cred_attempts = 0;
	if ((err = git_remote_connect(remote, dir, cb, NULL, NULL)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot reach the remote");
		return rc == HF_ERR || rc == HF_ENOTFOUND ? hf_error(HF_ENET, "%s", hf_last_error()) : rc;
	}
	if ((err = git_remote_ls(&heads, &nheads, remote)) < 0)
		return hf_git_fail(&wb->gs, err, "cannot list the remote's branches");
	for (size_t i = 0; i < nheads; i++) {
		if (strcmp(heads[i]->name, refname) == 0) {
			git_oid_tostr(remote_tip, 41, &heads[i]->oid);
			return HF_OK;
		}
	}
	return hf_error(HF_ENOTFOUND, "source '%s': no branch '%s' at '%s' to push to",
			wb->gs.conf->name, wb->gs.branch, wb->gs.url);
}

enum hf_status hf_git_wb_push(struct hf_git_wb *wb, const char *base, const char *head,
			      enum hf_git_push_result *result, char remote_tip[41],
			      char **message)
{
	git_remote_callbacks cb;
	git_remote_create_options ro;
	git_push_options po;
	git_remote *remote = NULL;
	char *refname = xasprintf("refs/heads/%s", wb->gs.branch), *spec = NULL;
	git_strarray specs;
	enum hf_status rc = HF_OK;
	int err;

	*message = NULL;
	remote_tip[0] = '\0';
	free(wb->ref_status);
	wb->ref_status = NULL;
	hf_strbuf_reset(&wb->remote);
	hf_git_callbacks(&wb->gs, &cb);
	cb.push_update_reference = on_ref_status;
	cb.sideband_progress = on_sideband;
	git_remote_create_options_init(&ro, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	ro.repository = wb->gs.repo;
	ro.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if ((err = git_remote_create_with_opts(&remote, wb->gs.conf->url, &ro)) < 0) {
		rc = hf_git_fail(&wb->gs, err, "bad url");
		goto out;
	}
	/*
	 * Where is the branch? Asked over a fetch connection first: it answers
	 * the same, and libgit2 1.5 leaks when a push connection cannot be
	 * made, which is exactly the offline case.
	 */
	hf_trace("git: connect '%s'", wb->gs.url);
	if ((rc = connect_ls(wb, remote, GIT_DIRECTION_FETCH, &cb, refname, remote_tip)))
		goto out;
	if (strcmp(remote_tip, base) != 0) {
		hf_trace("git: %s moved to %.12s (was %.12s): fetch and re-apply", refname, remote_tip,
			 base);
		*result = HF_GIT_MOVED;
		goto out;
	}
	git_remote_disconnect(remote);
	hf_trace("git: connect '%s' to push", wb->gs.url);
	if ((rc = connect_ls(wb, remote, GIT_DIRECTION_PUSH, &cb, refname, remote_tip)))
		goto out;
	if (strcmp(remote_tip, base) != 0) {
		*result = HF_GIT_MOVED;
		goto out;
	}
	if ((rc = hf_git_wb_keep(wb, head)))
		goto out;
	/* no '+': the server takes it only as a fast-forward */
	spec = xasprintf("%s:%s", OUTBOX_REF, refname);
	specs.strings = &spec;
	specs.count = 1;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	po.callbacks = cb;
	hf_trace("git: push %.12s to %s of '%s'", head, refname, wb->gs.url);
	err = git_remote_upload(remote, &specs, &po);
	if (err == GIT_ENONFASTFORWARD || (wb->ref_status && race_status(wb->ref_status))) {
		hf_error_clear();
		*result = HF_GIT_MOVED;
	} else if (wb->ref_status) {
		hf_error_clear();
		*result = HF_GIT_REFUSED;
		*message = server_words(wb);
	} else if (err < 0) {
		rc = hf_git_fail(&wb->gs, err, "cannot push");
		if (rc == HF_ERR)
			rc = hf_error(HF_ENET, "%s", hf_last_error());
	} else {
		*result = HF_GIT_PUSHED;
	}
out:
	if (remote) {
		git_remote_disconnect(remote);
		git_remote_free(remote);
	}
	free(refname);
	free(spec);
	return rc;
}
