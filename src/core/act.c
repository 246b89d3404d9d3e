/* act.c: people's actions as structured edits of one pod-file entry: apply, fingerprint, rebase, messages */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/clock.h"
#include "handoff/jsonedit.h"
#include "handoff/xmalloc.h"

static const char *const kind_names[HF_ACT_KIND_COUNT] = {
	[HF_ACT_NONE] = NULL,
	[HF_ACT_TICK] = "tick",
	[HF_ACT_WAIVE] = "waive",
	[HF_ACT_REOPEN] = "reopen",
	[HF_ACT_NOTE] = "note",
	[HF_ACT_SPRINT_ADD] = "sprint-add",
	[HF_ACT_SPRINT_REMOVE] = "sprint-remove",
	[HF_ACT_SPRINT_SET] = "sprint-set",
	[HF_ACT_CAPACITY] = "capacity",
	[HF_ACT_OVERRIDE] = "override",
	[HF_ACT_PROMOTE] = "promote",
	[HF_ACT_ALIAS_SET] = "alias-set",
	[HF_ACT_ALIAS_DELETE] = "alias-delete",
	[HF_ACT_TAG_SET] = "tag-set",
};

const char *hf_act_kind_name(enum hf_act_kind kind)
{
	return (unsigned)kind < HF_ACT_KIND_COUNT ? kind_names[kind] : NULL;
}

enum hf_act_kind hf_act_kind_parse(const char *name)
{
	for (int k = 1; name && k < HF_ACT_KIND_COUNT; k++)
		if (strcmp(kind_names[k], name) == 0)
			return (enum hf_act_kind)k;
	return HF_ACT_NONE;
}

bool hf_act_is_file(enum hf_act_kind kind)
{
	return kind >= HF_ACT_TICK && kind <= HF_ACT_OVERRIDE;
}

bool hf_act_is_readiness(enum hf_act_kind k)
{
	return k >= HF_ACT_TICK && k <= HF_ACT_NOTE;
}

static bool is_sprint(enum hf_act_kind k)
{
	return k >= HF_ACT_SPRINT_ADD && k <= HF_ACT_CAPACITY;
}

/* The string fields, for the payload and for freeing. */
static const struct {
	const char *name;
	size_t off;
} fields[] = {
#define F(x) { #x, offsetof(struct hf_act, x) }
	F(source), F(path), F(by), F(at), F(model), F(item), F(evidence), F(reason), F(until),
	F(note), F(sprint), F(id), F(field), F(value), F(title), F(type), F(owner), F(points),
	F(status), F(blocked_by), F(handle), F(rotation), F(who), F(from), F(to), F(version),
	F(alias), F(key),
#undef F
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static char **field_at(struct hf_act *a, size_t i)
{
	return (char **)((char *)a + fields[i].off);
}

static const char *field_get(const struct hf_act *a, size_t i)
{
	return *(char *const *)((const char *)a + fields[i].off);
}

void hf_act_clear(struct hf_act *a)
{
	for (size_t i = 0; i < NFIELDS; i++)
		free(*field_at(a, i));
	memset(a, 0, sizeof(*a));
}

bool hf_act_set(struct hf_act *a, const char *name, const char *value)
{
	for (size_t i = 0; i < NFIELDS; i++) {
		if (strcmp(fields[i].name, name) == 0) {
			free(*field_at(a, i));
			*field_at(a, i) = xstrdup(value);
			return true;
		}
	}
	return false;
}

char *hf_act_to_json(const struct hf_act *a)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	hf_strbuf_adds(&sb, "{\"action\": ");
	hf_json_quote(&sb, hf_act_kind_name(a->kind) ? hf_act_kind_name(a->kind) : "");
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = field_get(a, i);

		if (!v)
			continue;
		hf_strbuf_addf(&sb, ", \"%s\": ", fields[i].name);
		hf_json_quote(&sb, v);
	}
	if (a->auto_id)
		hf_strbuf_adds(&sb, ", \"auto_id\": true");
	if (a->force)
		hf_strbuf_adds(&sb, ", \"force\": true");
	hf_strbuf_addch(&sb, '}');
	return hf_strbuf_detach(&sb);
}

enum hf_status hf_act_from_json(const char *json, struct hf_act *a)
{
	struct hf_jdoc doc;
	enum hf_status rc;
	const struct hf_jnode *root;

	memset(a, 0, sizeof(*a));
	if ((rc = hf_jdoc_parse(&doc, "action", json, strlen(json))))
		return rc;
	root = doc.root;
	if (root->type != HF_JSON_OBJECT) {
		hf_jdoc_clear(&doc);
		return hf_error(HF_EINVAL, "an action must be a JSON object");
	}
	a->kind = hf_act_kind_parse(hf_jnode_string(root, "action"));
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = hf_jnode_string(root, fields[i].name);

		if (v)
			*field_at(a, i) = xstrdup(v);
	}
	a->auto_id = hf_jnode_member(root, "auto_id") &&
		     hf_jnode_member(root, "auto_id")->type == HF_JSON_TRUE;
	a->force = hf_jnode_member(root, "force") &&
		   hf_jnode_member(root, "force")->type == HF_JSON_TRUE;
	hf_jdoc_clear(&doc);
	if (a->kind == HF_ACT_NONE) {
		hf_act_clear(a);
		return hf_error(HF_EINVAL, "an action names no known kind (\"action\")");
	}
	return HF_OK;
}

/* ---- validation ---- */

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

static bool is_word(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f)
			return false;
	return true;
}

static bool is_date(const char *s)
{
	int64_t t;

	return s && strlen(s) == 10 && s[4] == '-' && s[7] == '-' && !hf_time_parse(s, &t);
}

static bool one_of(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static const char *const statuses[] = { "todo", "doing", "blocked", "done", NULL };
static const char *const item_kinds[] = { "research", "engineering", "shared", NULL };
static const char *const sprint_fields[] = { "status", "owner", "points", "blocked_by", "title",
					     "kind", "model", NULL };

static enum hf_status need_word(const char *v, const char *what)
{
	if (!v || !*v)
		return hf_error(HF_EINVAL, "%s is missing", what);
	if (!is_word(v))
		return hf_error(HF_EINVAL, "%s '%s' must be one word without spaces", what, v);
	return HF_OK;
}

static enum hf_status need_text(const char *v, const char *what, bool lines)
{
	if (!v || !*v)
		return hf_error(HF_EINVAL, "%s is missing", what);
	if (!lines && has_control(v))
		return hf_error(HF_EINVAL, "%s must be one line of text", what);
	return HF_OK;
}

static enum hf_status need_number(const char *v, const char *what)
{
	if (!v || !hf_json_is_number(v) || v[0] == '-')
		return hf_error(HF_EINVAL, "%s '%s' must be a number, 0 or more", what, v ? v : "");
	return HF_OK;
}

static enum hf_status check_time(const char *v, const char *what)
{
	int64_t t;

	if (!v || !*v)
		return hf_error(HF_EINVAL, "%s is missing", what);
	if (hf_time_parse(v, &t) || strlen(v) < 16)
		return hf_error(HF_EINVAL, "%s '%s' must be a time such as 2026-12-24T09:00", what, v);
	return HF_OK;
}

static enum hf_status validate_sprint_value(const char *field, const char *v)
{
	if (!strcmp(field, "status") && !one_of(v, statuses))
		return hf_error(HF_EINVAL, "status '%s' must be todo, doing, blocked or done", v ? v : "");
	if (!strcmp(field, "kind") && !one_of(v, item_kinds))
		return hf_error(HF_EINVAL, "kind '%s' must be research, engineering or shared", v ? v : "");
	if (!strcmp(field, "points"))
		return need_number(v, "points");
	if (!strcmp(field, "owner") || !strcmp(field, "model"))
		return need_word(v, field);
	if (!strcmp(field, "blocked_by"))
		return v && *v ? need_word(v, "blocked_by") : HF_OK;
	if (!strcmp(field, "title"))
		return need_text(v, "title", false);
	return HF_OK;
}

enum hf_status hf_act_validate(const struct hf_act *a)
{
	enum hf_status rc;
	int64_t f, t;

	if (!hf_act_kind_name(a->kind) || a->kind == HF_ACT_NONE)
		return hf_error(HF_EINVAL, "no such action");
	if ((rc = need_word(a->by, "who acts ([user] handle)")))
		return rc;
	for (size_t i = 0; i < NFIELDS; i++) {
		const char *v = field_get(a, i);
		bool lines = !strcmp(fields[i].name, "note") || !strcmp(fields[i].name, "reason");

		if (v && has_control(v) && !lines)
			return hf_error(HF_EINVAL, "%s must be one line of text", fields[i].name);
	}
	if (hf_act_is_file(a->kind) && !is_date(a->at))
		return hf_error(HF_EINVAL, "the date of the action '%s' must be YYYY-MM-DD",
				a->at ? a->at : "");
	if (hf_act_is_readiness(a->kind) &&
	    ((rc = need_word(a->model, "model")) || (rc = need_word(a->item, "item"))))
		return rc;
	if (is_sprint(a->kind) && (rc = need_word(a->sprint, "sprint")))
		return rc;
	switch (a->kind) {
	case HF_ACT_TICK:
		if (a->evidence && (rc = need_text(a->evidence, "evidence", false)))
			return rc;
		break;
	case HF_ACT_WAIVE:
		if ((rc = need_text(a->reason, "a reason for the waiver", true)))
			return rc;
		if (a->until && !is_date(a->until))
			return hf_error(HF_EINVAL, "until '%s' must be a date such as 2027-01-31",
					a->until);
		break;
	case HF_ACT_NOTE:
		if (!a->note)
			return hf_error(HF_EINVAL, "the note is missing");
		break;
	case HF_ACT_SPRINT_ADD:
		if (!a->auto_id && (rc = need_word(a->id, "item id")))
			return rc;
		if ((rc = validate_sprint_value("title", a->title)) ||
		    (rc = validate_sprint_value("kind", a->type)) ||
		    (rc = validate_sprint_value("points", a->points)) ||
		    (rc = validate_sprint_value("status", a->status ? a->status : "todo")) ||
		    (a->owner && (rc = validate_sprint_value("owner", a->owner))) ||
		    (a->model && (rc = validate_sprint_value("model", a->model))) ||
		    (a->blocked_by && (rc = validate_sprint_value("blocked_by", a->blocked_by))))
			return rc;
		break;
	case HF_ACT_SPRINT_REMOVE:
		return need_word(a->id, "item id");
	case HF_ACT_SPRINT_SET:
		if ((rc = need_word(a->id, "item id")))
			return rc;
		if (!one_of(a->field, sprint_fields))
			return hf_error(HF_EINVAL, "a sprint item has no field '%s' handoff can set",
					a->field ? a->field : "");
		return validate_sprint_value(a->field, a->value);
	case HF_ACT_CAPACITY:
		if ((rc = need_word(a->handle, "handle")))
			return rc;
		return need_number(a->value, "capacity");
	case HF_ACT_OVERRIDE:
		if ((rc = need_word(a->rotation, "rotation")) || (rc = need_word(a->who, "who")) ||
		    (rc = check_time(a->from, "from")) || (rc = check_time(a->to, "to")))
			return rc;
		hf_time_parse(a->from, &f);
		hf_time_parse(a->to, &t);
		if (t <= f)
			return hf_error(HF_EINVAL, "the override ends (%s) before it starts (%s)",
					a->to, a->from);
		break;
	case HF_ACT_PROMOTE:
	case HF_ACT_ALIAS_SET:
	case HF_ACT_ALIAS_DELETE:
	case HF_ACT_TAG_SET:
		if ((rc = need_text(a->model, "model", false)))
			return rc;
		if (a->kind != HF_ACT_ALIAS_DELETE && (rc = need_word(a->version, "version")))
			return rc;
		if (a->kind != HF_ACT_TAG_SET && (rc = need_word(a->alias, "alias")))
			return rc;
		if (a->kind == HF_ACT_TAG_SET && (rc = need_text(a->key, "tag key", false)))
			return rc;
		if (a->force && (rc = need_text(a->reason, "a reason for forcing", true)))
			return rc;
		break;
	default:
		break;
	}
	return HF_OK;
}

/* ---- applying ---- */

/* Set (v not NULL) or remove (v NULL) obj's member key, taking v. */
static enum hf_status put(struct hf_jedit *ed, const struct hf_jnode *obj, const char *key,
			  struct hf_jval *v)
{
	enum hf_status rc = v ? hf_jedit_set(ed, obj, key, v) : hf_jedit_unset(ed, obj, key);

	hf_jval_free(v);
	return rc;
}

static struct hf_jval *str_or_null(const char *s)
{
	return s && *s ? hf_jval_string(s) : NULL;
}

/* The member `key` of the root as a container of `type`, created (empty) when missing. */
static enum hf_status root_container(struct hf_jedit *ed, const char *key, enum hf_json_type type,
				     const struct hf_jnode **out)
{
	const struct hf_jnode *n = hf_jnode_member(ed->doc.root, key);
	enum hf_status rc;

	if (!n) {
		if ((rc = put(ed, ed->doc.root, key,
			      type == HF_JSON_OBJECT ? hf_jval_object() : hf_jval_array())))
			return rc;
		n = hf_jnode_member(ed->doc.root, key);
	}
	if (!n || n->type != type)
		return hf_error(HF_EINVAL, "'%s': \"%s\" must be %s", ed->name, key,
				type == HF_JSON_OBJECT ? "an object" : "an array");
	if (hf_jnode_count(ed->doc.root, key) > 1)
		return hf_error(HF_EINVAL, "'%s': \"%s\" appears twice", ed->name, key);
	*out = n;
	return HF_OK;
}

/* Readiness: the item's record, field by field, in the order people write them. */
static enum hf_status apply_readiness(struct hf_jedit *ed, const struct hf_act *a)
{
	const struct hf_jnode *items, *entry;
	const char *state = a->kind == HF_ACT_TICK ? "done"
			    : a->kind == HF_ACT_WAIVE ? "waived" : "todo";
	struct { const char *key; const char *value; bool set; } f[] = {
		{ "state", state, a->kind != HF_ACT_NOTE },
		{ "by", a->by, a->kind != HF_ACT_NOTE },
		{ "at", a->at, a->kind != HF_ACT_NOTE },
		{ "evidence", a->kind == HF_ACT_TICK ? a->evidence : NULL, a->kind != HF_ACT_NOTE },
		{ "reason", a->kind == HF_ACT_WAIVE ? a->reason : NULL, a->kind != HF_ACT_NOTE },
		{ "until", a->kind == HF_ACT_WAIVE ? a->until : NULL, a->kind != HF_ACT_NOTE },
		{ "note", a->note, a->note != NULL },
	};
	enum hf_status rc;

	if ((rc = root_container(ed, "items", HF_JSON_OBJECT, &items)))
		return rc;
	if (hf_jnode_count(items, a->item) > 1)
		return hf_error(HF_EINVAL, "'%s': item '%s' is listed twice", ed->name, a->item);
	entry = hf_jnode_member(items, a->item);
	if (!entry) {
		struct hf_jval *o = hf_jval_object();

		for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			if (f[i].value && *f[i].value)
				hf_jval_put(o, f[i].key, hf_jval_string(f[i].value));
		if (a->kind == HF_ACT_NOTE) {
			hf_jval_free(o);
			o = hf_jval_object();
			hf_jval_put(o, "state", hf_jval_string("todo"));
			if (*a->note)
				hf_jval_put(o, "note", hf_jval_string(a->note));
		}
		return put(ed, items, a->item, o);
	}
	if (entry->type != HF_JSON_OBJECT)
		return hf_error(HF_EINVAL, "'%s': items.%s must be an object", ed->name, a->item);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (!f[i].set)
			continue;
		items = hf_jnode_member(ed->doc.root, "items");
		entry = hf_jnode_member(items, a->item);
		if ((rc = put(ed, entry, f[i].key, str_or_null(f[i].value))))
			return rc;
	}
	return HF_OK;
}

/* The next free id "PREFIX-N" after the largest N in use (prefix of the last numbered id, else "S"). */
static char *next_id(const struct hf_jnode *items)
{
	long best = 0;
	char *prefix = xstrdup("S");

	for (size_t i = 0; items && i < items->nkids; i++) {
		const char *id = hf_jnode_string(items->kids[i], "id"), *dash;
		char *end;
		long n;

		if (!id || !(dash = strrchr(id, '-')) || !dash[1] || dash[1] < '0' || dash[1] > '9')
			continue;
		n = strtol(dash + 1, &end, 10);
		if (*end || n < best)
			continue;
		best = n;
		free(prefix);
		prefix = xstrndup(id, (size_t)(dash - id));
	}
	for (long n = best + 1;; n++) {
		char *id = xasprintf("%s-%ld", prefix, n);

		if (!hf_jnode_find(items, "id", id)) {
			free(prefix);
			return id;
		}
		free(id);
	}
}

static struct hf_jval *sprint_value(const char *field, const char *v)
{
	if (!strcmp(field, "points"))
		return hf_jval_number(v);
	if (!strcmp(field, "blocked_by") && (!v || !*v))
		return hf_jval_null();
	return hf_jval_string(v);
}

static enum hf_status find_item(struct hf_jedit *ed, const struct hf_act *a,
				const struct hf_jnode **out)
{
	const struct hf_jnode *items = hf_jnode_member(ed->doc.root, "items");
	const struct hf_jnode *it = hf_jnode_find(items, "id", a->id);

	if (!it)
		return hf_error(HF_ENOTFOUND, "sprint '%s' has no item '%s' in '%s'", a->sprint, a->id,
				ed->name);
	*out = it;
	return HF_OK;
}

static enum hf_status apply_sprint(struct hf_jedit *ed, struct hf_act *a)
{
	const struct hf_jnode *items, *it, *cap;
	enum hf_status rc;

	switch (a->kind) {
	case HF_ACT_SPRINT_ADD: {
		struct hf_jval *o;

		if ((rc = root_container(ed, "items", HF_JSON_ARRAY, &items)))
			return rc;
		if (a->auto_id && (!a->id || hf_jnode_find(items, "id", a->id))) {
			free(a->id);
			a->id = next_id(items);
		}
		if (hf_jnode_find(items, "id", a->id))
			return hf_error(HF_EINVAL, "sprint '%s' has an item '%s' already (in '%s')",
					a->sprint, a->id, ed->name);
		o = hf_jval_object();
		hf_jval_put(o, "id", hf_jval_string(a->id));
		hf_jval_put(o, "title", hf_jval_string(a->title));
		hf_jval_put(o, "kind", hf_jval_string(a->type));
		if (a->owner)
			hf_jval_put(o, "owner", hf_jval_string(a->owner));
		if (a->model)
			hf_jval_put(o, "model", hf_jval_string(a->model));
		hf_jval_put(o, "points", hf_jval_number(a->points));
		hf_jval_put(o, "status", hf_jval_string(a->status ? a->status : "todo"));
		hf_jval_put(o, "blocked_by", sprint_value("blocked_by", a->blocked_by));
		hf_jval_put(o, "links", hf_jval_array());
		rc = hf_jedit_append(ed, items, o);
		hf_jval_free(o);
		return rc;
	}
	case HF_ACT_SPRINT_REMOVE:
		if ((rc = find_item(ed, a, &it)))
			return rc;
		return hf_jedit_remove(ed, it);
	case HF_ACT_SPRINT_SET:
		if ((rc = find_item(ed, a, &it)) ||
		    (rc = put(ed, it, a->field, sprint_value(a->field, a->value))))
			return rc;
		/* blocked by something: the status says so too */
		if (!strcmp(a->field, "blocked_by") && a->value && *a->value &&
		    !(rc = find_item(ed, a, &it)))
			rc = put(ed, it, "status", hf_jval_string("blocked"));
		return rc;
	case HF_ACT_CAPACITY:
		if ((rc = root_container(ed, "capacity", HF_JSON_OBJECT, &cap)))
			return rc;
		return put(ed, cap, a->handle, hf_jval_number(a->value));
	default:
		return hf_error(HF_EINVAL, "not a sprint action");
	}
}

static enum hf_status apply_override(struct hf_jedit *ed, const struct hf_act *a)
{
	const struct hf_jnode *list;
	struct hf_jval *o;
	enum hf_status rc;

	if ((rc = root_container(ed, "overrides", HF_JSON_ARRAY, &list)))
		return rc;
	o = hf_jval_object();
	hf_jval_put(o, "who", hf_jval_string(a->who));
	hf_jval_put(o, "from", hf_jval_string(a->from));
	hf_jval_put(o, "to", hf_jval_string(a->to));
	if (a->reason && *a->reason)
		hf_jval_put(o, "reason", hf_jval_string(a->reason));
	rc = hf_jedit_append(ed, list, o);
	hf_jval_free(o);
	return rc;
}

/* What a readiness file starts as when a model has none yet. */
static const char new_readiness[] = "{\n  \"checklist\": \"default\",\n  \"items\": {\n  }\n}\n";

enum hf_status hf_act_apply(struct hf_act *a, const char *text, size_t len,
			       struct hf_strbuf *out)
{
	const char *name = a->path ? a->path : "the file";
	struct hf_jedit ed;
	enum hf_status rc;

	if (!hf_act_is_file(a->kind))
		return hf_error(HF_EINVAL, "a %s action edits no file",
				hf_act_kind_name(a->kind) ? hf_act_kind_name(a->kind) : "unknown");
	if (!text) {
		if (!hf_act_is_readiness(a->kind))
			return hf_error(HF_ENOTFOUND, "'%s' does not exist", name);
		text = new_readiness;
		len = sizeof(new_readiness) - 1;
	}
	if ((rc = hf_jedit_open(&ed, name, text, len)))
		goto out;
	if (hf_act_is_readiness(a->kind))
		rc = apply_readiness(&ed, a);
	else if (is_sprint(a->kind))
		rc = apply_sprint(&ed, a);
	else
		rc = apply_override(&ed, a);
	if (!rc) {
		hf_strbuf_reset(out);
		hf_strbuf_add(out, ed.text.buf, ed.text.len);
	}
out:
	hf_jedit_close(&ed);
	return rc;
}
