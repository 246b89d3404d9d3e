/* act_conflict.c: what an action depends on in a file (its fingerprint) and the rule that stops it on a newer tip */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/jsonedit.h"
#include "handoff/xmalloc.h"

/* ---- fingerprints and the conflict rule ---- */

/* node's canonical form without the member `skip`. */
static char *canonical_without(const struct hf_jnode *node, const char *skip)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	if (!node)
		return NULL;
	if (node->type != HF_JSON_OBJECT)
		return hf_jnode_canonical(node);
	hf_strbuf_init(&sb);
	hf_strbuf_addch(&sb, '{');
	for (size_t i = 0, n = 0; i < node->nkids; i++) {
		char *c;

		if (!strcmp(node->kids[i]->key, skip))
			continue;
		c = hf_jnode_canonical(node->kids[i]);
		if (n++)
			hf_strbuf_addch(&sb, ',');
		hf_json_quote(&sb, node->kids[i]->key);
		hf_strbuf_addf(&sb, ":%s", c);
		free(c);
	}
	hf_strbuf_addch(&sb, '}');
	return hf_strbuf_detach(&sb);
}

static bool overlaps(const struct hf_act *a, const struct hf_jnode *o)
{
	const char *from = hf_jnode_string(o, "from"), *to = hf_jnode_string(o, "to");
	int64_t af, at, of, ot;

	if (!from || !to || hf_time_parse(a->from, &af) || hf_time_parse(a->to, &at) ||
	    hf_time_parse(from, &of) || hf_time_parse(to, &ot))
		return false;
	return of < at && af < ot;
}

static char *fingerprint(const struct hf_act *a, const struct hf_jnode *root)
{
	const struct hf_jnode *n, *it;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char *c;

	switch (a->kind) {
	case HF_ACT_TICK:
	case HF_ACT_WAIVE:
	case HF_ACT_REOPEN:
		return canonical_without(hf_jnode_member(hf_jnode_member(root, "items"), a->item), "note");
	case HF_ACT_NOTE:
		return hf_jnode_canonical(hf_jnode_member(
			hf_jnode_member(hf_jnode_member(root, "items"), a->item), "note"));
	case HF_ACT_SPRINT_ADD:
		return a->auto_id ? NULL
				  : hf_jnode_canonical(hf_jnode_find(hf_jnode_member(root, "items"),
								    "id", a->id));
	case HF_ACT_SPRINT_REMOVE:
		return hf_jnode_canonical(hf_jnode_find(hf_jnode_member(root, "items"), "id", a->id));
	case HF_ACT_SPRINT_SET:
		it = hf_jnode_find(hf_jnode_member(root, "items"), "id", a->id);
		if (!it)
			return xstrdup("(no item)");
		n = hf_jnode_member(it, a->field);
		c = n ? hf_jnode_canonical(n) : xstrdup("(none)");
		if (!strcmp(a->field, "blocked_by")) {
			char *s = hf_jnode_canonical(hf_jnode_member(it, "status"));
			char *both = xasprintf("%s %s", c, s ? s : "(none)");

			free(s);
			free(c);
			c = both;
		}
		return c;
	case HF_ACT_CAPACITY:
		return hf_jnode_canonical(hf_jnode_member(hf_jnode_member(root, "capacity"), a->handle));
	case HF_ACT_OVERRIDE:
		n = hf_jnode_member(root, "overrides");
		hf_strbuf_init(&sb);
		for (size_t i = 0; n && n->type == HF_JSON_ARRAY && i < n->nkids; i++) {
			if (!overlaps(a, n->kids[i]))
				continue;
			c = hf_jnode_canonical(n->kids[i]);
			hf_strbuf_addf(&sb, "%s\n", c);
			free(c);
		}
		if (!sb.len) {
			hf_strbuf_release(&sb);
			return NULL;
		}
		return hf_strbuf_detach(&sb);
	default:
		return NULL;
	}
}

enum hf_status hf_act_fingerprint(const struct hf_act *a, const char *text, size_t len,
				     char **fp)
{
	struct hf_jdoc doc;
	enum hf_status rc;

	*fp = NULL;
	if (!text)
		return HF_OK;
	if ((rc = hf_jdoc_parse(&doc, a->path ? a->path : "the file", text, len)))
		return rc;
	*fp = fingerprint(a, doc.root);
	hf_jdoc_clear(&doc);
	return HF_OK;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* Says what the entry is like in the tip, for the conflict message. */
static char *describe(const struct hf_act *a, const struct hf_jnode *root)
{
	const struct hf_jnode *items = hf_jnode_member(root, "items"), *e, *n;
	const char *state, *by, *at;
	char *c, *s;

	switch (a->kind) {
	case HF_ACT_TICK:
	case HF_ACT_WAIVE:
	case HF_ACT_REOPEN:
	case HF_ACT_NOTE:
		e = hf_jnode_member(items, a->item);
		if (!e)
			return xasprintf("%s was removed from %s", a->item, a->path ? a->path : "the file");
		if (a->kind == HF_ACT_NOTE) {
			n = hf_jnode_member(e, "note");
			return n && n->str ? xasprintf("the note on %s is now \"%s\"", a->item, n->str)
					   : xasprintf("the note on %s was removed", a->item);
		}
		state = hf_jnode_string(e, "state");
		by = hf_jnode_string(e, "by");
		at = hf_jnode_string(e, "at");
		return xasprintf("%s is now %s%s%s%s%s%s", a->item, state ? state : "changed",
				 by ? " by " : "", by ? by : "", at ? " (" : "", at ? at : "",
				 at ? ")" : "");
	case HF_ACT_SPRINT_ADD:
		return xasprintf("sprint item %s was added meanwhile", a->id);
	case HF_ACT_SPRINT_REMOVE:
	case HF_ACT_SPRINT_SET:
		e = hf_jnode_find(items, "id", a->id);
		if (!e)
			return xasprintf("sprint item %s was removed", a->id);
		if (a->kind == HF_ACT_SPRINT_REMOVE)
			return xasprintf("sprint item %s was changed", a->id);
		n = hf_jnode_member(e, a->field);
		c = n ? hf_jnode_canonical(n) : NULL;
		s = xasprintf("the %s of %s is now %s", a->field, a->id, c ? c : "unset");
		free(c);
		return s;
	case HF_ACT_CAPACITY:
		n = hf_jnode_member(hf_jnode_member(root, "capacity"), a->handle);
		c = n ? hf_jnode_canonical(n) : NULL;
		s = xasprintf("the capacity of %s is now %s", a->handle, c ? c : "unset");
		free(c);
		return s;
	case HF_ACT_OVERRIDE:
		n = hf_jnode_member(root, "overrides");
		for (size_t i = 0; n && n->type == HF_JSON_ARRAY && i < n->nkids; i++) {
			if (!overlaps(a, n->kids[i]))
				continue;
			by = hf_jnode_string(n->kids[i], "who");
			return xasprintf("the override overlaps one of %s from %s to %s", by ? by : "someone",
					 hf_jnode_string(n->kids[i], "from"),
					 hf_jnode_string(n->kids[i], "to"));
		}
		return xstrdup("the overrides changed");
	default:
		return xstrdup("it changed");
	}
}

enum hf_rebase hf_act_rebase(const struct hf_act *a, const char *base, size_t base_len,
				const char *tip, size_t tip_len, char **what)
{
	char *fb = NULL, *ft = NULL;
	struct hf_jdoc doc;
	enum hf_rebase r = HF_REBASE_CLEAN;

	*what = NULL;
	if (tip && hf_jdoc_parse(&doc, a->path ? a->path : "the file", tip, tip_len)) {
		*what = xstrdup(hf_last_error());
		return HF_REBASE_CONFLICT;
	}
	if (!tip) {
		/* gone: fine for a readiness file (created again), not for the rest */
		if (base && !hf_act_is_readiness(a->kind)) {
			*what = xasprintf("%s was removed", a->path ? a->path : "the file");
			return HF_REBASE_CONFLICT;
		}
		return HF_REBASE_CLEAN;
	}
	ft = fingerprint(a, doc.root);
	if (base && hf_act_fingerprint(a, base, base_len, &fb))
		hf_error_clear();
	if (!same(fb, ft)) {
		r = HF_REBASE_CONFLICT;
		*what = describe(a, doc.root);
	}
	free(fb);
	free(ft);
	hf_jdoc_clear(&doc);
	return r;
}
