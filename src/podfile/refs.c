/* refs.c: the cross-file check: every name a pod file uses that another file defines, looked up once all are in */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/checklist.h"
#include "handoff/pod.h"
#include "handoff/store_models.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "handoff/suggest.h"
#include "handoff/xmalloc.h"
#include "internal.h"

/* How many names a message lists when none is near the one written. */
#define LIST_MAX 8

struct check {
	struct hf_store *store;
	const struct hf_podfile_source *sources;
	size_t nsources;
	struct hf_pod pod;
	const char **handles;
	char **checklists;
	size_t nchecklists;
	struct hf_checklist_cache shipped;
	/* the items of the model whose readiness.json is being checked */
	char *items_model;
	struct hf_check_item *items;
	size_t nitems;
	bool items_ok;
};

static enum hf_status problem(struct check *c, const struct hf_pod_ref *r,
			      enum hf_problem_severity sev, struct hf_strbuf *msg)
{
	struct hf_problem p = { 0 };

	p.source = r->source;
	p.path = r->path;
	p.field = r->field;
	p.severity = sev;
	p.message = msg->buf;
	p.line = r->line;
	p.col = r->col;
	p.reference = true;
	return hf_store_problem_add(c->store, &p);
}

static enum hf_status check_member(struct check *c, const struct hf_pod_ref *r)
{
	struct hf_strbuf msg = HF_STRBUF_INIT;
	enum hf_status rc;

	/* with no pod.json (or a broken one) every handle would be flagged: that file's problem says enough */
	if (!c->pod.nmembers || hf_pod_member(&c->pod, r->value))
		return HF_OK;
	hf_strbuf_init(&msg);
	hf_strbuf_addf(&msg, "'%s' is not a member of the pod", r->value);
	hf_suggest_tail(&msg, r->value, c->handles, c->pod.nmembers, "members", LIST_MAX);
	rc = problem(c, r, HF_PROBLEM_ERROR, &msg);
	hf_strbuf_release(&msg);
	return rc;
}

static bool checklist_known(const struct check *c, const char *name)
{
	if (strcmp(name, "default") == 0)
		return true;
	for (size_t i = 0; i < c->nchecklists; i++)
		if (strcmp(c->checklists[i], name) == 0)
			return true;
	return false;
}

static enum hf_status check_checklist(struct check *c, const struct hf_pod_ref *r)
{
	struct hf_strbuf msg = HF_STRBUF_INIT;
	enum hf_status rc;

	if (checklist_known(c, r->value))
		return HF_OK;
	hf_strbuf_init(&msg);
	hf_strbuf_addf(&msg, "checklist '%s' is not in the pod's checklists/, so 'default' is used",
		       r->value);
	hf_suggest_tail(&msg, r->value, (const char *const *)c->checklists, c->nchecklists,
			"checklists", LIST_MAX);
	rc = problem(c, r, HF_PROBLEM_ERROR, &msg);
	hf_strbuf_release(&msg);
	return rc;
}

/* The checklist a readiness file names: its "checklist" reference, found among the file's references. */
static const char *checklist_of(const struct hf_pod_ref *refs, size_t n, size_t at)
{
	size_t i = at;

	while (i > 0 && strcmp(refs[i - 1].source, refs[at].source) == 0 &&
	       strcmp(refs[i - 1].path, refs[at].path) == 0)
		i--;
	for (; i < n && strcmp(refs[i].source, refs[at].source) == 0 &&
	       strcmp(refs[i].path, refs[at].path) == 0; i++)
		if (strcmp(refs[i].kind, HF_REF_CHECKLIST) == 0)
			return refs[i].value;
	return "default";
}

static enum hf_status load_model_items(struct check *c, const char *model, const char *checklist)
{
	if (c->items_model && strcmp(c->items_model, model) == 0)
		return HF_OK;
	hf_check_items_free(c->items, c->nitems);
	c->items = NULL;
	c->nitems = 0;
	free(c->items_model);
	c->items_model = xstrdup(model);
	/* a checklist the pod lacks is its own problem: its items are not judged against another */
	c->items_ok = checklist_known(c, checklist);
	if (!c->items_ok)
		return HF_OK;
	return hf_checklist_model_items(c->store, &c->shipped, model, checklist, &c->items, &c->nitems);
}

static enum hf_status check_item(struct check *c, const struct hf_pod_ref *refs, size_t n, size_t at)
{
	const struct hf_pod_ref *r = &refs[at];
	const char *checklist = checklist_of(refs, n, at), **ids, *near;
	struct hf_strbuf msg = HF_STRBUF_INIT;
	enum hf_status rc;

	if (!r->scope)
		return HF_OK;
	if ((rc = load_model_items(c, r->scope, checklist)) || !c->items_ok)
		return rc;
	for (size_t i = 0; i < c->nitems; i++)
		if (strcmp(c->items[i].id, r->value) == 0)
			return HF_OK;
	ids = xcalloc(c->nitems + 1, sizeof(*ids));
	for (size_t i = 0; i < c->nitems; i++)
		ids[i] = c->items[i].id;
	near = hf_suggest(r->value, ids, c->nitems);
	hf_strbuf_init(&msg);
	hf_strbuf_addf(&msg, "item '%s' is not in checklist '%s' nor in the model's 'extra', so its "
		       "state is ignored", r->value, checklist);
	if (near)
		hf_strbuf_addf(&msg, " (did you mean '%s'?)", near);
	rc = problem(c, r, HF_PROBLEM_ERROR, &msg);
	hf_strbuf_release(&msg);
	free(ids);
	return rc;
}

static enum hf_status check_registry(struct check *c, const struct hf_pod_ref *r)
{
	struct hf_strbuf msg = HF_STRBUF_INIT;
	const char **names;
	enum hf_status rc;

	if (!c->sources)
		return HF_OK;
	for (size_t i = 0; i < c->nsources; i++) {
		if (strcmp(c->sources[i].name, r->value) != 0)
			continue;
		if (c->sources[i].registry)
			return HF_OK;
		hf_strbuf_init(&msg);
		hf_strbuf_addf(&msg, "source '%s' is not a model registry (type mlflow) in the "
			       "configuration", r->value);
		rc = problem(c, r, HF_PROBLEM_WARNING, &msg);
		hf_strbuf_release(&msg);
		return rc;
	}
	names = xcalloc(c->nsources + 1, sizeof(*names));
	for (size_t i = 0; i < c->nsources; i++)
		names[i] = c->sources[i].name;
	hf_strbuf_init(&msg);
	hf_strbuf_addf(&msg, "no source '%s' in the configuration, so the model's versions are not "
		       "looked up", r->value);
	hf_suggest_tail(&msg, r->value, names, c->nsources, "configured", LIST_MAX);
	rc = problem(c, r, HF_PROBLEM_WARNING, &msg);
	hf_strbuf_release(&msg);
	free(names);
	return rc;
}

enum hf_status hf_podfile_check_refs(struct hf_store *store, const struct hf_podfile_source *sources,
				     size_t nsources)
{
	struct check c = { .store = store, .sources = sources, .nsources = nsources };
	struct hf_pod_ref *refs = NULL;
	size_t n = 0;
	enum hf_status rc;

	if ((rc = hf_store_problems_clear_references(store)) ||
	    (rc = hf_store_refs(store, &refs, &n)) ||
	    (rc = hf_store_pod_get(store, &c.pod)) ||
	    (rc = hf_store_checklist_names(store, &c.checklists, &c.nchecklists)))
		goto out;
	c.handles = xcalloc(c.pod.nmembers + 1, sizeof(*c.handles));
	for (size_t i = 0; i < c.pod.nmembers; i++)
		c.handles[i] = c.pod.members[i].handle;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *kind = refs[i].kind;

		if (strcmp(kind, HF_REF_MEMBER) == 0)
			rc = check_member(&c, &refs[i]);
		else if (strcmp(kind, HF_REF_CHECKLIST) == 0)
			rc = check_checklist(&c, &refs[i]);
		else if (strcmp(kind, HF_REF_ITEM) == 0)
			rc = check_item(&c, refs, n, i);
		else if (strcmp(kind, HF_REF_REGISTRY) == 0)
			rc = check_registry(&c, &refs[i]);
	}
out:
	hf_pod_refs_free(refs, n);
	hf_pod_clear(&c.pod);
	free(c.handles);
	hf_strv_free(c.checklists, c.nchecklists);
	hf_checklist_cache_release(&c.shipped);
	hf_check_items_free(c.items, c.nitems);
	free(c.items_model);
	return rc;
}
