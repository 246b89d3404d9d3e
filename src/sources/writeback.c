/* writeback.c: people's actions: queued with a local commit and a pending view, pushed, re-applied on a race, dropped */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handoff/clock.h"
#include "handoff/git_push.h"
#include "handoff/mlflow.h"
#include "handoff/podfile.h"
#include "handoff/sanitize.h"
#include "handoff/source.h"
#include "handoff/store_pod.h"
#include "handoff/trace.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"

/* Per-source state: the synced commit the chain of waiting actions sits on, and its head. */
#define BASE_KEY "outbox-base"
#define HEAD_KEY "outbox-head"

void hf_wb_outcomes_free(struct hf_wb_outcome *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].source);
		free(o[i].summary);
		free(o[i].message);
		free(o[i].landed);
	}
	free(o);
}

void hf_wb_preview_clear(struct hf_wb_preview *p)
{
	free(p->file);
	free(p->change);
	free(p->message);
	memset(p, 0, sizeof(*p));
}

void hf_wb_marks(const struct hf_act *a, char **scope, char **target)
{
	*scope = *target = NULL;
	switch (a->kind) {
	case HF_ACT_TICK:
	case HF_ACT_WAIVE:
	case HF_ACT_REOPEN:
	case HF_ACT_NOTE:
		*scope = xstrdup(a->model);
		*target = xstrdup(a->item);
		break;
	case HF_ACT_SPRINT_ADD:
	case HF_ACT_SPRINT_REMOVE:
	case HF_ACT_SPRINT_SET:
		*scope = xstrdup(a->sprint);
		*target = xstrdup(a->id);
		break;
	case HF_ACT_CAPACITY:
		*scope = xstrdup(a->sprint);
		*target = xasprintf("capacity:%s", a->handle);
		break;
	case HF_ACT_OVERRIDE:
		*scope = xstrdup(a->rotation);
		*target = xasprintf("override:%s %s %s", a->who, a->from, a->to);
		break;
	case HF_ACT_PROMOTE:
	case HF_ACT_ALIAS_SET:
		*scope = xstrdup(a->model);
		*target = xasprintf("alias:%s=%s", a->alias, a->version);
		break;
	case HF_ACT_ALIAS_DELETE:
		*scope = xstrdup(a->model);
		*target = xasprintf("alias:%s", a->alias);
		break;
	case HF_ACT_TAG_SET:
		*scope = xstrdup(a->model);
		*target = xasprintf("tag:%s:%s", a->version, a->key);
		break;
	default:
		break;
	}
}

static enum hf_status source_of(const struct hf_conf *conf, const char *name,
				const struct hf_source_conf **out)
{
	const struct hf_source_conf *s = name ? hf_conf_source(conf, name) : NULL;

	if (!s)
		return hf_error(HF_ENOTFOUND, "no source '%s' in the configuration", name ? name : "");
	*out = s;
	return HF_OK;
}

static char *state(struct hf_store *store, const char *source, const char *key)
{
	char *v = NULL;

	if (hf_store_state_get(store, source, key, &v))
		hf_error_clear();
	return v;
}

/* ---- git ---- */

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
	if (!(c->synced = state(store, src->name, "commit")))
		return hf_error(HF_ENOTFOUND, "source '%s' has not been synced yet: run 'handoff sync "
				"%s' first", src->name, src->name);
	path = state(store, src->name, "path");
	branch = state(store, src->name, "branch");
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
	char *s = state(c->store, c->src->name, "commit");

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

/* A message from outside made safe for a terminal, on one line. */
static char *clean(const char *s)
{
	return hf_sanitize(s, HF_SANITIZE_TAB_AS_SPACE);
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
		e->error = clean(what);
		free(what);
		what = xasprintf("%s: %s", e->error, who);
		free(e->error);
		e->error = clean(what);
		free(who);
		hf_trace("writeback: entry %lld in conflict: %s", (long long)e->id, e->error);
	} else if (hf_act_apply(&a, ttext, tlen, &out)) {
		e->state = HF_OUTBOX_CONFLICT;
		e->error = clean(hf_last_error());
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
	char *base = state(c->store, c->src->name, BASE_KEY), **files = NULL, p[41];
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

/* End the transaction begun before: commit, or roll back on rc, keeping its message. */
static enum hf_status finish(struct hf_store *store, enum hf_status rc)
{
	if (rc) {
		char *msg = xstrdup(hf_last_error());

		hf_store_rollback(store);
		hf_error(rc, "%s", msg);
		free(msg);
		return rc;
	}
	return hf_store_commit(store);
}

/* The text of a's file where the next action goes: the chain's head, or the synced commit. */
static enum hf_status head_text(struct wbgit *c, const struct hf_act *a, char head[41], char **text,
				size_t *len)
{
	char *h = state(c->store, c->src->name, HEAD_KEY);

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

static enum hf_status git_queue(struct hf_store *store, const struct hf_source_conf *src,
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
	rc = finish(store, rc);
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
static enum hf_status git_push(struct hf_store *store, const struct hf_source_conf *src,
			       int *tries, char **why)
{
	struct wbgit c;
	enum hf_status rc;

	*tries = 0;
	*why = NULL;
	if ((rc = git_open(store, src, &c)))
		goto out;
	if ((rc = hf_store_begin(store)) ||
	    (rc = finish(store, rebuild(&c, c.synced, false, NULL))))
		goto out;
	for (;;) {
		char *base = state(store, src->name, BASE_KEY), *head = state(store, src->name, HEAD_KEY);
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
			*why = clean(hf_last_error());
			rc = HF_OK;
			break;
		}
		if (res == HF_GIT_REFUSED) {
			if (!(rc = hf_store_begin(store)))
				rc = finish(store, settle(store, src->name, head, HF_OUTBOX_REFUSED, msg));
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
			if ((rc = finish(store, rc)) || (rc = hf_git_wb_keep(c.wb, NULL)))
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
			    (rc = finish(store, rebuild(&c, c.synced, true, NULL))))
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
			*why = clean(hf_last_error());
			break;
		}
		git_resynced(&c);
		if ((rc = hf_store_begin(store)) ||
		    (rc = finish(store, rebuild(&c, c.synced, false, NULL))))
			break;
	}
out:
	git_close(&c);
	return rc;
}

/* ---- registry ---- */

static const char *registry_call(const struct hf_act *a)
{
	switch (a->kind) {
	case HF_ACT_TAG_SET: return "POST model-versions/set-tag";
	case HF_ACT_ALIAS_DELETE: return "DELETE registered-models/alias";
	default: return "POST registered-models/alias";
	}
}

static const char *activity_kind(enum hf_act_kind k)
{
	return k == HF_ACT_TAG_SET ? "tag" : k == HF_ACT_PROMOTE ? "promote" : "alias";
}

static enum hf_status registry_push(struct hf_store *store, const struct hf_source_conf *src,
				    char **why)
{
	struct hf_outbox_entry *e = NULL;
	size_t n = 0;
	enum hf_status rc;

	*why = NULL;
	if ((rc = hf_store_outbox_pending(store, src->name, &e, &n)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_act a;
		enum hf_status call;

		if (hf_act_from_json(e[i].payload, &a)) {
			e[i].state = HF_OUTBOX_REFUSED;
			e[i].error = clean(hf_last_error());
			rc = hf_store_outbox_update(store, &e[i], true);
			continue;
		}
		call = hf_source_ops_for(src->type)->push(store, src, &e[i]);
		if (call == HF_ENET) {
			/* the registry is out of reach: this and the rest wait, in order */
			*why = clean(hf_last_error());
			hf_act_clear(&a);
			break;
		}
		free(e[i].error);
		e[i].error = NULL;
		if (call) {
			e[i].state = HF_OUTBOX_REFUSED;
			e[i].error = clean(hf_last_error());
		} else {
			struct hf_activity ev = { 0 };

			e[i].state = HF_OUTBOX_LANDED;
			e[i].landed = xstrdup(registry_call(&a));
			e[i].finished = hf_now();
			ev.at = e[i].finished;
			ev.source = src->name;
			ev.kind = (char *)activity_kind(a.kind);
			ev.model = a.model;
			ev.actor = a.by;
			ev.summary = e[i].summary;
			ev.ref = e[i].landed;
			rc = hf_store_activity_add(store, &ev);
		}
		if (!rc)
			rc = hf_store_outbox_update(store, &e[i], true);
		hf_act_clear(&a);
	}
	hf_outbox_free(e, n);
	return rc;
}

static enum hf_status registry_queue(struct hf_store *store, const struct hf_source_conf *src,
				     struct hf_act *a, int64_t *id)
{
	struct hf_outbox_entry e = { 0 };
	enum hf_status rc;

	/* a promotion the gate refused is on the record: a tag on the version, set first */
	if (a->kind == HF_ACT_PROMOTE && a->force && !a->key) {
		a->key = xstrdup("handoff.forced-promotion");
		a->value = xasprintf("%s by %s on %s: %s", a->alias, a->by, a->at ? a->at : "",
				     a->reason);
	}
	e.source = src->name;
	e.kind = (char *)hf_act_kind_name(a->kind);
	e.payload = hf_act_to_json(a);
	e.state = HF_OUTBOX_PENDING;
	hf_wb_marks(a, &e.scope, &e.target);
	e.actor = a->by;
	e.summary = hf_act_summary(a);
	rc = hf_store_outbox_put(store, &e, id);
	free(e.payload);
	free(e.scope);
	free(e.target);
	free(e.summary);
	return rc;
}

/* ---- the interface ---- */

enum hf_status hf_wb_preview(struct hf_store *store, const struct hf_conf *conf,
			     struct hf_act *a, struct hf_wb_preview *p)
{
	const struct hf_source_conf *src;
	struct hf_strbuf out = HF_STRBUF_INIT;
	struct wbgit c;
	char head[41], *old = NULL;
	size_t len = 0;
	enum hf_status rc;

	memset(p, 0, sizeof(*p));
	if ((rc = source_of(conf, a->source, &src)))
		return rc;
	p->message = hf_act_summary(a);
	if (!hf_act_is_file(a->kind)) {
		p->change = xasprintf("%s %s", registry_call(a), p->message);
		return HF_OK;
	}
	hf_strbuf_init(&out);
	if (!(rc = git_open(store, src, &c)) && !(rc = head_text(&c, a, head, &old, &len)) &&
	    !(rc = hf_act_apply(a, old, len, &out))) {
		p->file = xstrdup(a->path);
		p->nothing = old && same_text(out.buf, out.len, old, len);
		p->change = hf_text_change(old, len, out.buf, out.len, 160);
		free(p->message);
		p->message = hf_act_summary(a);	/* with the id an added sprint item gets */
	}
	git_close(&c);
	free(old);
	hf_strbuf_release(&out);
	if (rc)
		hf_wb_preview_clear(p);
	return rc;
}

enum hf_status hf_wb_queue(struct hf_store *store, const struct hf_conf *conf, struct hf_act *a,
			   int64_t *id)
{
	const struct hf_source_conf *src;
	enum hf_status rc;

	*id = 0;
	if ((rc = hf_act_validate(a)) || (rc = source_of(conf, a->source, &src)))
		return rc;
	if (hf_act_is_file(a->kind) != (src->type == HF_SOURCE_GIT))
		return hf_error(HF_EINVAL, "source '%s' (%s) cannot take a %s action", src->name,
				hf_source_type_name(src->type), hf_act_kind_name(a->kind));
	if (src->type == HF_SOURCE_GIT)
		return git_queue(store, src, a, id);
	if ((rc = hf_store_begin(store)))
		return rc;
	return finish(store, registry_queue(store, src, a, id));
}

/* Outcomes of the entries that were waiting before a push, as they stand now. */
static void collect(struct hf_store *store, const struct hf_outbox_entry *before, size_t nbefore,
		    int tries, const char *why, struct hf_wb_outcome **out, size_t *n, size_t *alloc)
{
	for (size_t i = 0; i < nbefore; i++) {
		struct hf_outbox_entry now = { 0 };
		struct hf_wb_outcome *o;
		bool found = false;

		if (hf_store_outbox_get(store, before[i].id, &now, &found) || !found) {
			hf_error_clear();
			continue;
		}
		*out = xgrow(*out, *n + 1, alloc, sizeof(**out));
		o = &(*out)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->id = now.id;
		o->source = xstrdup(now.source);
		o->state = now.state;
		o->summary = xstrdup(now.summary);
		o->landed = xstrdup(now.landed);
		o->retries = tries;
		if (now.error)
			o->message = xstrdup(now.error);
		else if (why && (now.state == HF_OUTBOX_PENDING || now.state == HF_OUTBOX_REFUSED))
			o->message = xstrdup(why);
		hf_outbox_entry_clear(&now);
	}
}

enum hf_status hf_wb_push(struct hf_store *store, const struct hf_conf *conf, const char *source,
			  struct hf_wb_outcome **out, size_t *n)
{
	size_t alloc = 0;
	enum hf_status rc = HF_OK;

	*out = NULL;
	*n = 0;
	for (size_t s = 0; s < conf->nsources && !rc; s++) {
		const struct hf_source_conf *src = &conf->sources[s];
		struct hf_outbox_entry *before = NULL;
		size_t nbefore = 0;
		char *why = NULL;
		int tries = 0;

		if ((source && strcmp(source, src->name) != 0) ||
		    (src->type != HF_SOURCE_GIT && src->type != HF_SOURCE_MLFLOW))
			continue;
		if ((rc = hf_store_outbox_pending(store, src->name, &before, &nbefore)) || !nbefore) {
			hf_outbox_free(before, nbefore);
			continue;
		}
		rc = src->type == HF_SOURCE_GIT ? git_push(store, src, &tries, &why)
						: registry_push(store, src, &why);
		if (!rc)
			collect(store, before, nbefore, tries, why, out, n, &alloc);
		hf_outbox_free(before, nbefore);
		free(why);
	}
	return rc;
}

enum hf_status hf_wb_refresh(struct hf_store *store, const struct hf_conf *conf,
			     const char *source)
{
	const struct hf_source_conf *src;
	struct wbgit c;
	enum hf_status rc;
	size_t n = 0;
	struct hf_outbox_entry *e = NULL;

	if ((rc = source_of(conf, source, &src)) || src->type != HF_SOURCE_GIT)
		return rc;
	if ((rc = hf_store_outbox_pending(store, src->name, &e, &n)) || !n) {
		hf_outbox_free(e, n);
		return rc;
	}
	hf_outbox_free(e, n);
	if (!(rc = git_open(store, src, &c)) && !(rc = hf_store_begin(store)))
		rc = finish(store, rebuild(&c, c.synced, false, NULL));
	git_close(&c);
	return rc;
}

static enum hf_status open_entry(struct hf_store *store, int64_t id, struct hf_outbox_entry *e)
{
	bool found = false;
	enum hf_status rc = hf_store_outbox_get(store, id, e, &found);

	if (rc)
		return rc;
	if (!found)
		return hf_error(HF_ENOTFOUND, "no action %lld in the outbox", (long long)id);
	if (e->state == HF_OUTBOX_LANDED || e->state == HF_OUTBOX_DROPPED) {
		rc = hf_error(HF_EINVAL, "action %lld is %s already", (long long)id,
			      hf_outbox_state_name(e->state));
		hf_outbox_entry_clear(e);
	}
	return rc;
}

enum hf_status hf_wb_drop(struct hf_store *store, const struct hf_conf *conf, int64_t id)
{
	struct hf_outbox_entry e = { 0 };
	const struct hf_source_conf *src = NULL;
	struct wbgit c = { 0 };
	enum hf_status rc;

	if ((rc = open_entry(store, id, &e)))
		return rc;
	if (e.file && !(rc = source_of(conf, e.source, &src)) && src->type == HF_SOURCE_GIT)
		rc = git_open(store, src, &c);
	if (!rc && !(rc = hf_store_begin(store))) {
		e.state = HF_OUTBOX_DROPPED;
		e.finished = hf_now();
		rc = hf_store_outbox_update(store, &e, false);
		if (!rc && c.wb)
			rc = rebuild(&c, c.synced, true, e.file);
		rc = finish(store, rc);
	}
	if (c.wb)
		git_close(&c);
	hf_outbox_entry_clear(&e);
	return rc;
}

enum hf_status hf_wb_retry(struct hf_store *store, const struct hf_conf *conf, int64_t id)
{
	struct hf_outbox_entry e = { 0 };
	const struct hf_source_conf *src = NULL;
	struct hf_act a = { 0 };
	struct hf_strbuf out = HF_STRBUF_INIT;
	struct hf_git_person who = { 0 };
	struct wbgit c = { 0 };
	char head[41], commit[41], *old = NULL, *msg = NULL;
	size_t len = 0;
	enum hf_status rc;

	hf_strbuf_init(&out);
	if ((rc = open_entry(store, id, &e)))
		return rc;
	e.state = HF_OUTBOX_PENDING;
	free(e.error);
	e.error = NULL;
	if (!e.file) {
		if (!(rc = hf_store_begin(store)))
			rc = finish(store, hf_store_outbox_update(store, &e, false));
		goto out;
	}
	/* on the synced tip as it is now: the person has seen what changed */
	if ((rc = source_of(conf, e.source, &src)) || (rc = git_open(store, src, &c)) ||
	    (rc = hf_act_from_json(e.payload, &a)) || (rc = hf_store_begin(store)))
		goto out;
	if (!(rc = rebuild(&c, c.synced, false, NULL)) && !(rc = head_text(&c, &a, head, &old, &len)) &&
	    !(rc = hf_act_apply(&a, old, len, &out))) {
		hf_git_wb_info(c.wb, e.commit_id, NULL, &who, NULL);
		msg = hf_act_message(&a);
		if (!(rc = hf_git_wb_commit(c.wb, head, a.path, out.buf, out.len, msg, &who, commit))) {
			free(e.commit_id);
			e.commit_id = xstrdup(commit);
			free(e.base);
			e.base = xstrdup(c.synced);
			free(e.payload);
			e.payload = hf_act_to_json(&a);
			if (!(rc = hf_store_outbox_update(store, &e, false)) &&
			    !(rc = show_file(store, src->name, a.path, out.buf, out.len, true)) &&
			    !(rc = hf_store_state_set(store, src->name, BASE_KEY, c.synced)))
				rc = hf_store_state_set(store, src->name, HEAD_KEY, commit);
		}
	}
	rc = finish(store, rc);
	if (!rc)
		rc = hf_git_wb_keep(c.wb, commit);
out:
	if (c.wb)
		git_close(&c);
	hf_act_clear(&a);
	hf_git_person_clear(&who);
	hf_strbuf_release(&out);
	hf_outbox_entry_clear(&e);
	free(old);
	free(msg);
	return rc;
}
