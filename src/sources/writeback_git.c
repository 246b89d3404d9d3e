/* writeback_git.c: write-back to a git source: the chain of local commits, re-applied on each new tip, pushed */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/git_push.h"
#include "handoff/podfile.h"
#include "handoff/source.h"
#include "handoff/store_pod.h"
#include "handoff/trace.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"
#include "writeback_internal.h"

/* Per-source state: the synced commit the chain of waiting actions sits on, and its head. */
#define BASE_KEY "outbox-base"
#define HEAD_KEY "outbox-head"

/* One git source's write-back session: the cache and the synced commit. */
struct wbgit {
	struct hf_store *store;
	const struct hf_source_conf *src;
	struct hf_git_wb *wb;
	char *synced;		/* the commit the view shows */
};

static enum hf_status git_open(struct hf_store *store, const struct hf_source_conf *src,
			       struct wbgit *c)
{
	char *path, *branch;
	enum hf_status rc;

	memset(c, 0, sizeof(*c));
	c->store = store;
	c->src = src;
	if (!(c->synced = hf_wb_state(store, src->name, "commit")))
		return hf_error(HF_ENOTFOUND, "source '%s' has not been synced yet: run 'handoff sync "
				"%s' first", src->name, src->name);
	path = hf_wb_state(store, src->name, "path");
	branch = hf_wb_state(store, src->name, "branch");
	rc = hf_git_wb_open(src, path, branch, &c->wb);
	free(path);
	free(branch);
	return rc;
}

static void git_close(struct wbgit *c)
{
	hf_git_wb_close(c->wb);
	free(c->synced);
	memset(c, 0, sizeof(*c));
}

/* Reload what the synced view knows as the synced commit (after a sync). */
static void git_resynced(struct wbgit *c)
{
	char *s = hf_wb_state(c->store, c->src->name, "commit");

	if (s) {
		free(c->synced);
		c->synced = s;
	}
}

/*
 * Show text (NULL: the file is gone) as what (source, file) defines. With
 * check, a file the loader rejects is an error naming its first problem.
 */
static enum hf_status show_file(struct hf_store *store, const char *source, const char *file,
				const char *text, size_t len, bool check)
{
	struct hf_problem *p = NULL;
	size_t n = 0;
	enum hf_status rc;

	rc = text ? hf_podfile_load(store, source, file, text, len)
		  : hf_podfile_remove(store, source, file);
	if (rc || !check || !text || (rc = hf_store_problems(store, &p, &n)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (p[i].severity != HF_PROBLEM_ERROR || strcmp(p[i].source, source) != 0 ||
		    strcmp(p[i].path, file) != 0)
			continue;
		rc = hf_error(HF_EINVAL, "the edit would make '%s' invalid: %s%s%s", file,
			      p[i].field ? p[i].field : "", p[i].field ? ": " : "", p[i].message);
		break;
	}
	hf_problems_free(p, n);
	return rc;
}

static bool same_text(const char *a, size_t al, const char *b, size_t bl)
{
	return a && b && al == bl && memcmp(a, b, al) == 0;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Who changed what the action depends on, between from and to: "changed by NAME <EMAIL> on ... in ID (SUMMARY)". */
static char *who_changed(struct wbgit *c, const struct hf_act *a, const char *from, const char *to)
{
	char **ids = NULL, *text = NULL, *fp0 = NULL, *out = NULL;
	size_t n = 0, len;

	if (from && to && !hf_git_wb_read(c->wb, from, a->path, &text, &len) &&
	    !hf_act_fingerprint(a, text, len, &fp0) &&
	    !hf_git_wb_between(c->wb, from, to, 1000, &ids, &n)) {
		for (size_t i = 0; i < n && !out; i++) {
			char *t = NULL, *fp = NULL, *summary = NULL, when[32];
			struct hf_git_person who;

			free(text);
			text = NULL;
			if (hf_git_wb_read(c->wb, ids[i], a->path, &t, &len) ||
			    hf_act_fingerprint(a, t, len, &fp)) {
				hf_error_clear();
				free(t);
				continue;
			}
			if (!same_str(fp, fp0) && !hf_git_wb_info(c->wb, ids[i], NULL, &who, &summary)) {
				hf_time_format_minutes(who.when, when, sizeof(when));
				out = xasprintf("changed by %s <%s> on %s UTC in %.7s (%s)", who.name,
						who.email, when, ids[i], summary ? summary : "");
				hf_git_person_clear(&who);
				free(summary);
			}
			free(fp);
			free(t);
		}
	}
	hf_error_clear();
	hf_strv_free(ids, n);
	free(text);
	free(fp0);
	return out ? out : xstrdup("changed meanwhile");
}


static void add_file(char ***files, size_t *n, size_t *alloc, const char *f)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*files)[i], f))
			return;
	*files = xgrow(*files, *n + 1, alloc, sizeof(**files));
	(*files)[(*n)++] = xstrdup(f);
}

/* Re-apply one waiting entry on p; advances p on success, marks the entry otherwise. */
static enum hf_status reapply(struct wbgit *c, struct hf_outbox_entry *e, const char *onto,
			      char p[41])
{
	struct hf_act a;
	char parent[41] = "", *ptext = NULL, *ttext = NULL, *what = NULL, id[41];
	size_t plen = 0, tlen = 0;
	struct hf_strbuf out = HF_STRBUF_INIT;
	struct hf_git_person author = { 0 };
	enum hf_status rc;

	hf_strbuf_init(&out);
	if (hf_act_from_json(e->payload, &a)) {
		e->state = HF_OUTBOX_REFUSED;
		free(e->error);
		e->error = xasprintf("the action cannot be read: %s", hf_last_error());
		return HF_OK;
	}
	if ((rc = hf_git_wb_info(c->wb, e->commit_id, parent, &author, NULL)) ||
	    (rc = hf_git_wb_read(c->wb, parent, a.path, &ptext, &plen)) ||
	    (rc = hf_git_wb_read(c->wb, p, a.path, &ttext, &tlen)))
		goto out;
	free(e->error);
	e->error = NULL;
	if (hf_act_rebase(&a, ptext, plen, ttext, tlen, &what) == HF_REBASE_CONFLICT) {
		char *who = who_changed(c, &a, e->base, onto);

		e->state = HF_OUTBOX_CONFLICT;
		e->error = hf_wb_clean(what);
		free(what);
		what = xasprintf("%s: %s", e->error, who);
		free(e->error);
		e->error = hf_wb_clean(what);
		free(who);
		hf_trace("writeback: entry %lld in conflict: %s", (long long)e->id, e->error);
	} else if (hf_act_apply(&a, ttext, tlen, &out)) {
		e->state = HF_OUTBOX_CONFLICT;
		e->error = hf_wb_clean(hf_last_error());
		hf_error_clear();
	} else if (ttext && same_text(out.buf, out.len, ttext, tlen)) {
		/* someone made the very same change: nothing is left to do */
		e->state = HF_OUTBOX_LANDED;
		e->error = xstrdup("already so when it was pushed");
		e->finished = hf_now();
	} else {
		char *msg = hf_act_message(&a), *scope, *target;

		author.when = author.when ? author.when : hf_now();
		rc = hf_git_wb_commit(c->wb, p, a.path, out.buf, out.len, msg, &author, id);
		free(msg);
		if (rc)
			goto out;
		memcpy(p, id, 41);
		free(e->commit_id);
		e->commit_id = xstrdup(id);
		free(e->base);
		e->base = xstrdup(onto);
		free(e->payload);
		e->payload = hf_act_to_json(&a);	/* a new id for an added sprint item, maybe */
		free(e->summary);
		e->summary = hf_act_summary(&a);
		hf_wb_marks(&a, &scope, &target);
		free(e->target);
		e->target = target;
		free(scope);
	}
out:
	free(what);
	free(ptext);
	free(ttext);
	hf_strbuf_release(&out);
	hf_git_person_clear(&author);
	hf_act_clear(&a);
	return rc;
}

/*
 * Re-build the chain of waiting actions on onto (inside the caller's
 * transaction) and show the files they touch as the new chain has them.
 * Without force nothing happens when the chain already sits on onto.
 * extra: one more file to show again (an entry just dropped), or NULL.
 */
static enum hf_status rebuild(struct wbgit *c, const char *onto, bool force, const char *extra)
{
	struct hf_outbox_entry *e = NULL;
	size_t n = 0, nfiles = 0, alloc = 0;
	char *base = hf_wb_state(c->store, c->src->name, BASE_KEY), **files = NULL, p[41];
	enum hf_status rc;

	if ((rc = hf_store_outbox_pending(c->store, c->src->name, &e, &n)))
		goto out;
	if (!force && base && !strcmp(base, onto))
		goto out;
	hf_trace("writeback: re-apply %zu action%s of '%s' on %.12s", n, n == 1 ? "" : "s",
		 c->src->name, onto);
	hf_strlcpy(p, onto, sizeof(p));
	for (size_t i = 0; i < n && !rc; i++) {
		if (!e[i].file || !e[i].commit_id)
			continue;
		if ((rc = reapply(c, &e[i], onto, p)) ||
		    (rc = hf_store_outbox_update(c->store, &e[i], false)))
			break;
		add_file(&files, &nfiles, &alloc, e[i].file);
	}
	if (extra)
		add_file(&files, &nfiles, &alloc, extra);
	if (rc || (rc = hf_store_state_set(c->store, c->src->name, BASE_KEY, n ? onto : NULL)) ||
	    (rc = hf_store_state_set(c->store, c->src->name, HEAD_KEY, strcmp(p, onto) ? p : NULL)) ||
	    (rc = hf_git_wb_keep(c->wb, strcmp(p, onto) ? p : NULL)))
		goto out;
	for (size_t i = 0; i < nfiles && !rc; i++) {
		char *text = NULL;
		size_t len = 0;

		if (!(rc = hf_git_wb_read(c->wb, p, files[i], &text, &len)))
			rc = show_file(c->store, c->src->name, files[i], text, len, false);
		free(text);
	}
out:
	hf_outbox_free(e, n);
	hf_strv_free(files, nfiles);
	free(base);
	return rc;
}


/* The text of a's file where the next action goes: the chain's head, or the synced commit. */
static enum hf_status head_text(struct wbgit *c, const struct hf_act *a, char head[41], char **text,
				size_t *len)
{
	char *h = hf_wb_state(c->store, c->src->name, HEAD_KEY);

	hf_strlcpy(head, h ? h : c->synced, 41);
	free(h);
	return hf_git_wb_read(c->wb, head, a->path, text, len);
}

static char *fallback_name(struct hf_store *store, const char *handle)
{
	struct hf_pod pod;
	const struct hf_member *m;
	char *name = NULL;

	if (!hf_store_pod_get(store, &pod) && (m = hf_pod_member(&pod, handle)) && m->name)
		name = xstrdup(m->name);
	hf_error_clear();
	hf_pod_clear(&pod);
	return name ? name : xstrdup(handle);
}

enum hf_status hf_wb_git_queue(struct hf_store *store, const struct hf_source_conf *src,
				struct hf_act *a, int64_t *id)
{
	struct wbgit c;
	struct hf_outbox_entry e = { 0 };
	struct hf_git_person who = { 0 };
	struct hf_strbuf out = HF_STRBUF_INIT;
	char head[41], commit[41], *old = NULL, *name = NULL, *email = NULL, *msg = NULL;
	size_t len = 0;
	enum hf_status rc;

	hf_strbuf_init(&out);
	if ((rc = git_open(store, src, &c)))
		goto done;
	if ((rc = hf_store_begin(store)))
		goto done;
	if ((rc = rebuild(&c, c.synced, false, NULL)) || (rc = head_text(&c, a, head, &old, &len)) ||
	    (rc = hf_act_apply(a, old, len, &out)))
		goto out;
	if (old && same_text(out.buf, out.len, old, len)) {
		*id = 0;
		goto out;
	}
	name = fallback_name(store, a->by);
	email = xasprintf("%s@users.handoff.invalid", a->by);
	hf_git_wb_identity(c.wb, name, email, &who);
	msg = hf_act_message(a);
	if ((rc = hf_git_wb_commit(c.wb, head, a->path, out.buf, out.len, msg, &who, commit)))
		goto out;
	e.source = a->source;
	e.kind = (char *)hf_act_kind_name(a->kind);
	e.payload = hf_act_to_json(a);
	e.state = HF_OUTBOX_PENDING;
	e.file = a->path;
	hf_wb_marks(a, &e.scope, &e.target);
	e.actor = a->by;
	e.summary = hf_act_summary(a);
	e.base = c.synced;
	e.commit_id = commit;
	if (!(rc = hf_store_outbox_put(store, &e, id)) &&
	    !(rc = show_file(store, src->name, a->path, out.buf, out.len, true)) &&
	    !(rc = hf_store_state_set(store, src->name, BASE_KEY, c.synced)))
		rc = hf_store_state_set(store, src->name, HEAD_KEY, commit);
	free(e.payload);
	free(e.scope);
	free(e.target);
	free(e.summary);
out:
	rc = hf_wb_finish(store, rc);
	if (!rc && *id)
		rc = hf_git_wb_keep(c.wb, commit);
	if (!rc && *id)
		hf_trace("writeback: queued %lld on '%s': %.12s", (long long)*id, src->name, commit);
done:
	git_close(&c);
	hf_git_person_clear(&who);
	hf_strbuf_release(&out);
	free(old);
	free(name);
	free(email);
	free(msg);
	return rc;
}

static void backoff(int tries)
{
	static unsigned seed;
	long ms = 50L << (tries < 5 ? tries : 5);
	struct timespec ts;

	if (!seed)
		seed = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	seed = seed * 1103515245u + 12345u;
	/* jitter: between half and one and a half times the step, so racers spread out */
	ms = ms / 2 + (long)((seed >> 8) % (unsigned long)(ms + 1));
	if (ms > 2000)
		ms = 2000;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	hf_trace("writeback: the branch moved; try %d after %ld ms", tries + 1, ms);
	nanosleep(&ts, NULL);
}

/*
 * Settle the entries of the pushed chain, oldest first up to the one whose
 * commit is head (an action queued meanwhile by another process stays
 * waiting): landed (landed = its commit) or refused with error.
 */
static enum hf_status settle(struct hf_store *store, const char *source, const char *head,
			     enum hf_outbox_state st, const char *error)
{
	struct hf_outbox_entry *e = NULL;
	size_t n = 0;
	enum hf_status rc;

	if ((rc = hf_store_outbox_pending(store, source, &e, &n)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		bool last = e[i].commit_id && !strcmp(e[i].commit_id, head);

		if (!e[i].commit_id)
			continue;
		free(e[i].error);
		e[i].error = xstrdup(error);
		e[i].state = st;
		if (st == HF_OUTBOX_LANDED) {
			free(e[i].landed);
			e[i].landed = xstrdup(e[i].commit_id);
			e[i].finished = hf_now();
		}
		rc = hf_store_outbox_update(store, &e[i], true);
		if (last)
			break;
	}
	hf_outbox_free(e, n);
	return rc;
}

static enum hf_status waiting(struct hf_store *store, const char *source, bool *any)
{
	size_t n = 0;
	struct hf_outbox_entry *e = NULL;
	enum hf_status rc = hf_store_outbox_pending(store, source, &e, &n);

	*any = n > 0;
	hf_outbox_free(e, n);
	return rc;
}

/* Push the chain of one git source until it lands, conflicts, is refused or the remote is gone. */
enum hf_status hf_wb_git_push(struct hf_store *store, const struct hf_source_conf *src,
			       int *tries, char **why)
{
	struct wbgit c;
	enum hf_status rc;

	*tries = 0;
	*why = NULL;
	if ((rc = git_open(store, src, &c)))
		goto out;
	if ((rc = hf_store_begin(store)) ||
	    (rc = hf_wb_finish(store, rebuild(&c, c.synced, false, NULL))))
		goto out;
	for (;;) {
		char *base = hf_wb_state(store, src->name, BASE_KEY), *head = hf_wb_state(store, src->name, HEAD_KEY);
		enum hf_git_push_result res = HF_GIT_PUSHED;
		char tip[41], *msg = NULL;

		if (!head || !base) {
			free(base);
			free(head);
			break;
		}
		rc = hf_git_wb_push(c.wb, base, head, &res, tip, &msg);
		free(base);
		if (rc) {
			free(head);
			/* unreachable or refused credentials: everything stays queued */
			*why = hf_wb_clean(hf_last_error());
			rc = HF_OK;
			break;
		}
		if (res == HF_GIT_REFUSED) {
			if (!(rc = hf_store_begin(store)))
				rc = hf_wb_finish(store, settle(store, src->name, head, HF_OUTBOX_REFUSED, msg));
			free(msg);
			free(head);
			break;
		}
		if (res == HF_GIT_PUSHED) {
			bool more;

			if (!(rc = hf_store_begin(store)) &&
			    !(rc = settle(store, src->name, head, HF_OUTBOX_LANDED, NULL)) &&
			    !(rc = hf_store_state_set(store, src->name, BASE_KEY, NULL)))
				rc = hf_store_state_set(store, src->name, HEAD_KEY, NULL);
			free(head);
			if ((rc = hf_wb_finish(store, rc)) || (rc = hf_git_wb_keep(c.wb, NULL)))
				break;
			/* bring the view to the pushed commit (and its activity): a failure only delays that */
			if (hf_source_sync(store, src, NULL, NULL, 0, NULL)) {
				hf_trace("writeback: sync after the push failed: %s", hf_last_error());
				hf_error_clear();
				break;
			}
			git_resynced(&c);
			/* what another process queued meanwhile goes on the new tip and out too */
			if ((rc = waiting(store, src->name, &more)) || !more ||
			    (rc = hf_store_begin(store)) ||
			    (rc = hf_wb_finish(store, rebuild(&c, c.synced, true, NULL))))
				break;
			continue;
		}
		free(head);
		/* the branch moved: sync the new tip, re-apply every action on it, push again */
		if (++*tries >= HF_WB_MAX_TRIES) {
			*why = xasprintf("the branch kept moving: gave up after %d tries ('handoff push' "
					 "tries again)", *tries);
			break;
		}
		if (*tries > 1)
			backoff(*tries - 1);
		if (hf_source_sync(store, src, NULL, NULL, 0, NULL)) {
			*why = hf_wb_clean(hf_last_error());
			break;
		}
		git_resynced(&c);
		if ((rc = hf_store_begin(store)) ||
		    (rc = hf_wb_finish(store, rebuild(&c, c.synced, false, NULL))))
			break;
	}
out:
	git_close(&c);
	return rc;
}

enum hf_status hf_wb_git_preview(struct hf_store *store, const struct hf_source_conf *src,
				 struct hf_act *a, struct hf_wb_preview *p)
{
	struct hf_strbuf out = HF_STRBUF_INIT;
	struct wbgit c;
	char head[41], *old = NULL;
	size_t len = 0;
	enum hf_status rc;

	hf_strbuf_init(&out);
	if (!(rc = git_open(store, src, &c)) && !(rc = head_text(&c, a, head, &old, &len)) &&
	    !(rc = hf_act_apply(a, old, len, &out))) {
		p->file = xstrdup(a->path);
		p->nothing = old && same_text(out.buf, out.len, old, len);
		p->change = hf_text_change(old, len, out.buf, out.len, 160);
		p->len = out.len;
		p->text = hf_strbuf_detach(&out);
		free(p->message);
		p->message = hf_act_summary(a);	/* with the id an added sprint item gets */
	}
	git_close(&c);
	free(old);
	hf_strbuf_release(&out);
	return rc;
}

enum hf_status hf_wb_git_refresh(struct hf_store *store, const struct hf_source_conf *src)
{
	struct wbgit c;
	enum hf_status rc;

	if (!(rc = git_open(store, src, &c)) && !(rc = hf_store_begin(store)))
		rc = hf_wb_finish(store, rebuild(&c, c.synced, false, NULL));
	git_close(&c);
	return rc;
}

enum hf_status hf_wb_git_drop(struct hf_store *store, const struct hf_source_conf *src,
			      struct hf_outbox_entry *e)
{
	struct wbgit c;
	enum hf_status rc;

	if (!(rc = git_open(store, src, &c)) && !(rc = hf_store_begin(store))) {
		if (!(rc = hf_store_outbox_update(store, e, false)))
			rc = rebuild(&c, c.synced, true, e->file);
		rc = hf_wb_finish(store, rc);
	}
	git_close(&c);
	return rc;
}

enum hf_status hf_wb_git_retry(struct hf_store *store, const struct hf_source_conf *src,
			       struct hf_outbox_entry *e)
{
	struct hf_act a = { 0 };
	struct hf_strbuf out = HF_STRBUF_INIT;
	struct hf_git_person who = { 0 };
	struct wbgit c = { 0 };
	char head[41], commit[41], *old = NULL, *msg = NULL;
	size_t len = 0;
	enum hf_status rc;

	hf_strbuf_init(&out);
	/* on the synced tip as it is now: the person has seen what changed */
	if ((rc = git_open(store, src, &c)) || (rc = hf_act_from_json(e->payload, &a)) ||
	    (rc = hf_store_begin(store)))
		goto out;
	if (!(rc = rebuild(&c, c.synced, false, NULL)) && !(rc = head_text(&c, &a, head, &old, &len)) &&
	    !(rc = hf_act_apply(&a, old, len, &out))) {
		hf_git_wb_info(c.wb, e->commit_id, NULL, &who, NULL);
		msg = hf_act_message(&a);
		if (!(rc = hf_git_wb_commit(c.wb, head, a.path, out.buf, out.len, msg, &who, commit))) {
			free(e->commit_id);
			e->commit_id = xstrdup(commit);
			free(e->base);
			e->base = xstrdup(c.synced);
			free(e->payload);
			e->payload = hf_act_to_json(&a);
			if (!(rc = hf_store_outbox_update(store, e, false)) &&
			    !(rc = show_file(store, src->name, a.path, out.buf, out.len, true)) &&
			    !(rc = hf_store_state_set(store, src->name, BASE_KEY, c.synced)))
				rc = hf_store_state_set(store, src->name, HEAD_KEY, commit);
		}
	}
	rc = hf_wb_finish(store, rc);
	if (!rc)
		rc = hf_git_wb_keep(c.wb, commit);
out:
	if (c.wb)
		git_close(&c);
	hf_act_clear(&a);
	hf_git_person_clear(&who);
	hf_strbuf_release(&out);
	free(old);
	free(msg);
	return rc;
}
