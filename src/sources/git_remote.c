/* git_remote.c: the git source's bare cache, fetch of one branch, credentials and error messages (ssh's in git_ssh.c) */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "handoff/paths.h"
#include "handoff/redact.h"
#include "handoff/strbuf.h"
#include "handoff/trace.h"
#include "handoff/xmalloc.h"
#include "git_internal.h"

char *hf_git_cache_path(const char *source_name)
{
	static const char hex[] = "0123456789ABCDEF";
	char *dir = hf_path_cache_dir(), *path;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	/*
	 * One folder per name and one name per folder: every byte outside
	 * [A-Za-z0-9._-] (and '%' itself, and a leading '.') becomes %XX, so
	 * "a/b" and "a_b" never share a cache.
	 */
	hf_strbuf_init(&sb);
	for (const char *s = source_name; *s; s++) {
		unsigned char c = (unsigned char)*s;
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  (c == '.' && s != source_name) || c == '_' || c == '-';

		if (ok) {
			hf_strbuf_addch(&sb, (char)c);
		} else {
			hf_strbuf_addch(&sb, '%');
			hf_strbuf_addch(&sb, hex[c >> 4]);
			hf_strbuf_addch(&sb, hex[c & 15]);
		}
	}
	path = xasprintf("%s/repos/%s", dir, hf_strbuf_str(&sb));
	hf_strbuf_release(&sb);
	free(dir);
	return path;
}

enum hf_status hf_git_fail(const struct hf_git_sync *gs, int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown error";
	enum hf_status st = HF_ERR;

	if (code == GIT_EAUTH || code == GIT_EUSER)
		st = HF_EAUTH;
	else if (code == GIT_ENOTFOUND)
		st = HF_ENOTFOUND;
	else if (code == GIT_ECERTIFICATE)
		st = HF_ENET;
	else if (e && (e->klass == GIT_ERROR_NET || e->klass == GIT_ERROR_SSH ||
		       e->klass == GIT_ERROR_HTTP || e->klass == GIT_ERROR_SSL ||
		       e->klass == GIT_ERROR_OS))
		st = HF_ENET;
	else if (e && (e->klass == GIT_ERROR_ODB || e->klass == GIT_ERROR_FILESYSTEM))
		st = HF_EIO;
	if (gs->cred_error)
		return hf_error(HF_EAUTH, "source '%s': no access to '%s': %s", gs->conf->name,
				gs->url, gs->cred_error);
	{
		/* over ssh, what went wrong in words a person can act on */
		char *why = hf_git_ssh_explain(gs, msg);

		if (why) {
			if (gs->ssh.problem)
				st = gs->ssh.problem_status;
			if (st == HF_EAUTH)
				hf_error(st, "source '%s': no access to '%s': %s", gs->conf->name, gs->url,
					 why);
			else
				hf_error(st, "source '%s': %s ('%s'): %s", gs->conf->name, what, gs->url,
					 why);
			free(why);
			return st;
		}
	}
	return hf_error(st, "source '%s': %s ('%s'): %s", gs->conf->name, what, gs->url, msg);
}

static void set_cred_error(struct hf_git_sync *gs, char *msg)
{
	free(gs->cred_error);
	gs->cred_error = msg;
}

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	struct hf_git_sync *gs = payload;
	const struct hf_source_conf *conf = gs->conf;

	(void)url;
	if (gs->ssh.on && (allowed & (GIT_CREDENTIAL_SSH_KEY | GIT_CREDENTIAL_USERNAME)))
		return hf_git_ssh_credential(gs, out, user_from_url, allowed);
	/* libgit2 asks again after a refused credential: ask once per sync */
	if (gs->cred_attempts++ > 0) {
		if (!gs->cred_error)
			set_cred_error(gs, xstrdup("the credential was refused"));
		return GIT_EUSER;
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		const char *token;

		if (!conf->token_env) {
			set_cred_error(gs, xstrdup("the server asks for a credential: set token-env to "
						   "the name of a variable holding a token"));
			return GIT_EUSER;
		}
		token = getenv(conf->token_env);
		if (!token || !*token) {
			set_cred_error(gs, xasprintf("environment variable '%s' (token-env) is not set",
						     conf->token_env));
			return GIT_EUSER;
		}
		hf_redact_add_secret(token);
		hf_trace("git: token from $%s for '%s'", conf->token_env, gs->url);
		return git_credential_userpass_plaintext_new(out, user_from_url ? user_from_url : "token",
							     token);
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user_from_url ? user_from_url : "git");
	set_cred_error(gs, xstrdup("the server asks for a kind of credential handoff cannot give"));
	return GIT_EUSER;
}

static int transfer_progress(const git_indexer_progress *stats, void *payload)
{
	struct hf_git_sync *gs = payload;

	hf_sync_progress_report(gs->progress, gs->conf->name, "receiving objects",
				stats->received_objects, stats->total_objects);
	return hf_cancelled(gs->cancel) ? -1 : 0;	/* non-zero stops the transfer */
}

/* The server's "Counting objects..." lines: progress too (they keep the timeout watchdog quiet). */
static int sideband_progress(const char *str, int len, void *payload)
{
	struct hf_git_sync *gs = payload;

	(void)str;
	(void)len;
	hf_sync_progress_report(gs->progress, gs->conf->name, "remote working", 0, 0);
	return hf_cancelled(gs->cancel) ? -1 : 0;
}

/* Open the bare cache, creating it on first use. */
enum hf_status hf_git_open_cache(struct hf_git_sync *gs)
{
	char *path = hf_git_cache_path(gs->conf->name);
	enum hf_status rc = HF_OK;
	int err;

	err = git_repository_open_bare(&gs->repo, path);
	if (err == GIT_ENOTFOUND) {
		hf_trace("git: init bare cache '%s'", path);
		if ((rc = hf_mkdir_p(path)))
			goto out;
		err = git_repository_init(&gs->repo, path, 1);
	} else {
		hf_trace("git: open cache '%s'", path);
	}
	if (err < 0) {
		const git_error *e = git_error_last();

		rc = hf_error(HF_EIO, "source '%s': cannot open the cache '%s': %s", gs->conf->name,
			      path, e ? e->message : "unknown error");
	} else if (git_repository_odb(&gs->odb, gs->repo) < 0) {
		rc = hf_git_fail(gs, -1, "cannot read the cache");
	}
out:
	free(path);
	return rc;
}

void hf_git_callbacks(struct hf_git_sync *gs, git_remote_callbacks *cb)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->transfer_progress = transfer_progress;
	cb->sideband_progress = sideband_progress;
	cb->payload = gs;
	/* TLS certificates: libgit2 verifies them; ssh host keys: OpenSSH's rules (git_ssh.c) */
	if (gs->ssh.on)
		cb->certificate_check = hf_git_ssh_check_host;
}

/*
 * A url without a scheme that is not scp-like (host:path) is a folder on
 * this machine: one that does not exist is said plainly, not as libgit2's
 * "unsupported URL protocol".
 */
static enum hf_status check_local_url(const struct hf_git_sync *gs)
{
	const char *url = gs->conf->url, *colon = strchr(url, ':'), *slash = strchr(url, '/');
	struct stat st;

	if (strstr(url, "://") || (colon && (!slash || colon < slash)))
		return HF_OK;
	if (stat(url, &st) == 0)
		return HF_OK;
	if (url[0] == '~')
		return hf_error(HF_ENOTFOUND, "source '%s': no folder '%s' (url): '~' is not expanded "
				"in the configuration, write the full path", gs->conf->name, gs->url);
	return hf_error(HF_ENOTFOUND, "source '%s': no folder '%s' (url): %s", gs->conf->name,
			gs->url, strerror(errno));
}

enum hf_status hf_git_fetch_here(struct hf_git_sync *gs)
{
	git_remote_callbacks cb;
	git_fetch_options fo;
	git_remote_create_options ro;
	git_remote *remote = NULL;
	const git_remote_head **heads;
	size_t nheads;
	git_buf def;
	char *refname = NULL, *spec = NULL;
	const git_oid *want = NULL;
	git_strarray specs;
	enum hf_status rc;
	int err;

	memset(&def, 0, sizeof(def));
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	if ((rc = hf_git_open_cache(gs)))
		return rc;
	hf_git_callbacks(gs, &cb);

	hf_trace("git: connect '%s'", gs->url);
	hf_sync_progress_report(gs->progress, gs->conf->name, "connecting", 0, 0);
	/*
	 * Anonymous, and without url.*.insteadOf rewriting: the URL is the one
	 * configured (libgit2 1.5 also leaks in the regex that rewriting uses).
	 */
	git_remote_create_options_init(&ro, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	ro.repository = gs->repo;
	ro.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if ((rc = check_local_url(gs)))
		goto out;
	if ((err = git_remote_create_with_opts(&remote, gs->ssh.fetch_url ? gs->ssh.fetch_url
							  : gs->conf->url, &ro)) < 0) {
		rc = hf_git_fail(gs, err, "bad url");
		goto out;
	}
	if ((err = git_remote_connect(remote, GIT_DIRECTION_FETCH, &cb, NULL, NULL)) < 0) {
		rc = hf_git_fail(gs, err, "cannot reach the remote");
		if (rc == HF_ERR || rc == HF_ENOTFOUND)
			rc = hf_error(HF_ENET, "%s", hf_last_error());
		goto out;
	}
	if (gs->conf->branch && *gs->conf->branch) {
		refname = strncmp(gs->conf->branch, "refs/", 5) == 0
				  ? xstrdup(gs->conf->branch)
				  : xasprintf("refs/heads/%s", gs->conf->branch);
	} else {
		if ((err = git_remote_default_branch(&def, remote)) < 0) {
			rc = hf_error(HF_ENOTFOUND, "source '%s': the HEAD of '%s' names no branch: set "
				      "'branch' in the configuration", gs->conf->name, gs->url);
			goto out;
		}
		refname = xstrdup(def.ptr);
	}
	if ((err = git_remote_ls(&heads, &nheads, remote)) < 0) {
		rc = hf_git_fail(gs, err, "cannot list the remote's branches");
		goto out;
	}
	for (size_t i = 0; i < nheads; i++)
		if (strcmp(heads[i]->name, refname) == 0)
			want = &heads[i]->oid;
	if (!want) {
		rc = hf_error(HF_ENOTFOUND, "source '%s': no branch '%s' at '%s'", gs->conf->name,
			      refname, gs->url);
		goto out;
	}
	gs->branch = xstrdup(strncmp(refname, "refs/heads/", 11) == 0 ? refname + 11 : refname);
	git_oid_cpy(&gs->tip, want);
	hf_trace("git: ls '%s': %s at %.12s", gs->url, refname, git_oid_tostr_s(&gs->tip));

	if (git_odb_exists(gs->odb, &gs->tip) == 1) {
		hf_trace("git: fetch skipped: %.12s already in the cache", git_oid_tostr_s(&gs->tip));
	} else {
		spec = xasprintf("+%s:refs/handoff/tip", refname);
		specs.strings = &spec;
		specs.count = 1;
		fo.callbacks = cb;
		hf_trace("git: fetch '%s' %s", gs->url, refname);
		hf_sync_progress_report(gs->progress, gs->conf->name, "fetching", 0, 0);
		if ((err = git_remote_download(remote, &specs, &fo)) < 0) {
			rc = hf_git_fail(gs, err, "cannot fetch");
			if (rc == HF_ERR)
				rc = hf_error(HF_ENET, "%s", hf_last_error());
			goto out;
		}
	}
	/* keep the tip referenced so a gc of the cache never drops it */
	{
		git_reference *ref = NULL;

		err = git_reference_create(&ref, gs->repo, "refs/handoff/tip", &gs->tip, 1,
					   "handoff sync");
		git_reference_free(ref);
		if (err < 0) {
			rc = hf_git_fail(gs, err, "cannot update the cache");
			goto out;
		}
	}
	rc = HF_OK;
out:
	if (remote) {
		git_remote_disconnect(remote);
		git_remote_free(remote);
	}
	git_buf_dispose(&def);
	free(refname);
	free(spec);
	return rc;
}
