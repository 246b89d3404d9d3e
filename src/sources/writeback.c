/* writeback.c: people's actions: the outbox, registry calls, and the one interface over git and registry sources */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/sanitize.h"
#include "handoff/source.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"
#include "writeback_internal.h"

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
	free(p->text);
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

	*out = s;	/* set on failure too: gcc -O2 cannot see that callers stop then */
	if (!s)
		return hf_error(HF_ENOTFOUND, "no source '%s' in the configuration", name ? name : "");
	return HF_OK;
}

char *hf_wb_state(struct hf_store *store, const char *source, const char *key)
{
	char *v = NULL;

	if (hf_store_state_get(store, source, key, &v))
		hf_error_clear();
	return v;
}

/* A message from outside made safe for a terminal, on one line. */
char *hf_wb_clean(const char *s)
{
	return hf_sanitize(s, HF_SANITIZE_TAB_AS_SPACE);
}

/* End the transaction begun before: commit, or roll back on rc, keeping its message. */
enum hf_status hf_wb_finish(struct hf_store *store, enum hf_status rc)
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
			e[i].error = hf_wb_clean(hf_last_error());
			rc = hf_store_outbox_update(store, &e[i], true);
			continue;
		}
		call = hf_source_ops_for(src->type)->push(store, src, &e[i]);
		if (call == HF_ENET) {
			/* the registry is out of reach: this and the rest wait, in order */
			*why = hf_wb_clean(hf_last_error());
			hf_act_clear(&a);
			break;
		}
		free(e[i].error);
		e[i].error = NULL;
		if (call) {
			e[i].state = HF_OUTBOX_REFUSED;
			e[i].error = hf_wb_clean(hf_last_error());
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
	enum hf_status rc;

	memset(p, 0, sizeof(*p));
	if ((rc = source_of(conf, a->source, &src)))
		return rc;
	p->message = hf_act_summary(a);
	if (!hf_act_is_file(a->kind)) {
		p->change = xasprintf("%s %s", registry_call(a), p->message);
		return HF_OK;
	}
	if ((rc = hf_wb_git_preview(store, src, a, p)))
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
		return hf_wb_git_queue(store, src, a, id);
	if ((rc = hf_store_begin(store)))
		return rc;
	return hf_wb_finish(store, registry_queue(store, src, a, id));
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
		rc = src->type == HF_SOURCE_GIT ? hf_wb_git_push(store, src, &tries, &why)
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
	return hf_wb_git_refresh(store, src);
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
	enum hf_status rc;

	if ((rc = open_entry(store, id, &e)))
		return rc;
	e.state = HF_OUTBOX_DROPPED;
	e.finished = hf_now();
	if (e.file && !(rc = source_of(conf, e.source, &src)) && src->type == HF_SOURCE_GIT)
		rc = hf_wb_git_drop(store, src, &e);
	else if (!rc && !(rc = hf_store_begin(store)))
		rc = hf_wb_finish(store, hf_store_outbox_update(store, &e, false));
	hf_outbox_entry_clear(&e);
	return rc;
}

enum hf_status hf_wb_retry(struct hf_store *store, const struct hf_conf *conf, int64_t id)
{
	struct hf_outbox_entry e = { 0 };
	const struct hf_source_conf *src = NULL;
	enum hf_status rc;

	if ((rc = open_entry(store, id, &e)))
		return rc;
	e.state = HF_OUTBOX_PENDING;
	free(e.error);
	e.error = NULL;
	if (e.file && !(rc = source_of(conf, e.source, &src)) && src->type == HF_SOURCE_GIT)
		rc = hf_wb_git_retry(store, src, &e);
	else if (!rc && !(rc = hf_store_begin(store)))
		rc = hf_wb_finish(store, hf_store_outbox_update(store, &e, false));
	hf_outbox_entry_clear(&e);
	return rc;
}
