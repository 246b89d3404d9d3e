/* sprint.c: sprints/<sprint>.json: dates, goal, capacity and items; burndown snapshots from history */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/sprint.h"
#include "handoff/store_sprint.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const sprint_keys[] = {
	"id", "name", "start", "end", "goal", "capacity", "items", NULL
};
static const char *const item_keys[] = {
	"id", "title", "kind", "owner", "model", "points", "status", "blocked_by", "links", NULL
};

/* A handle, id or model name: non-empty, one word, no control characters. */
static bool check_word(struct hf_podfile_ctx *ctx, const char *field, const char *what,
		       const char *s)
{
	if (hf_podfile_is_word(s))
		return true;
	hf_podfile_error(ctx, field, "%s '%s' must be one word without spaces", what, s);
	return false;
}

static void load_capacity(struct hf_podfile_ctx *ctx, json_t *cap, struct hf_sprint *s)
{
	const char *handle;
	json_t *v;

	s->capacity = xcalloc(json_object_size(cap) + 1, sizeof(*s->capacity));
	json_object_foreach(cap, handle, v) {
		const char *field = hf_podfile_field("capacity.%s", handle);

		if (!check_word(ctx, field, "handle", handle))
			continue;
		if (!json_is_number(v) || json_number_value(v) < 0) {
			hf_podfile_error(ctx, field, "'%s' must be a number of points, 0 or more", field);
			continue;
		}
		hf_podfile_ref_key(ctx, HF_REF_MEMBER, handle, field);
		s->capacity[s->ncapacity].handle = xstrdup(handle);
		s->capacity[s->ncapacity].points = json_number_value(v);
		s->ncapacity++;
	}
}

/* blocked_by: null, a string, or an array of strings (joined with ", "). */
static bool load_blocked_by(struct hf_podfile_ctx *ctx, json_t *obj, const char *where,
			    char **out)
{
	const char *field = hf_podfile_field("%s.blocked_by", where);
	json_t *v = json_object_get(obj, "blocked_by"), *e;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	size_t i;

	if (!v || json_is_null(v))
		return true;
	if (json_is_string(v)) {
		if (*json_string_value(v))
			*out = xstrdup(json_string_value(v));
		return true;
	}
	if (!json_is_array(v)) {
		hf_podfile_error(ctx, field, "'%s' must be a string, a list of strings or null", field);
		return false;
	}
	hf_strbuf_init(&sb);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e)) {
			hf_podfile_error(ctx, hf_podfile_field("%s[%zu]", field, i),
					 "'%s[%zu]' must be a string", field, i);
			hf_strbuf_release(&sb);
			return false;
		}
		hf_strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", json_string_value(e));
	}
	if (sb.len)
		*out = hf_strbuf_detach(&sb);
	hf_strbuf_release(&sb);
	return true;
}

static bool load_links(struct hf_podfile_ctx *ctx, json_t *obj, const char *where,
		       struct hf_sprint_item *it)
{
	json_t *links = NULL, *e;
	size_t i;

	if (!hf_podfile_array(ctx, obj, "links", hf_podfile_field("%s.links", where), false, &links))
		return false;
	if (!links)
		return true;
	it->links = xcalloc(json_array_size(links) + 1, sizeof(char *));
	json_array_foreach(links, i, e) {
		const char *s = json_string_value(e);

		if (!s || !*s || hf_podfile_has_control(s)) {
			hf_podfile_error(ctx, hf_podfile_field("%s.links[%zu]", where, i),
					 "a link must be a non-empty string on one line");
			return false;
		}
		it->links[it->nlinks++] = xstrdup(s);
	}
	return true;
}

static void load_item(struct hf_podfile_ctx *ctx, json_t *m, size_t i, struct hf_sprint *s)
{
	const char *id = NULL, *title = NULL, *kind = NULL, *owner = NULL, *model = NULL;
	const char *status = NULL;
	double points = 0;
	char where[64];
	struct hf_sprint_item *it;

	hf_strlcpy(where, hf_podfile_field("items[%zu]", i), sizeof(where));
	if (!json_is_object(m)) {
		hf_podfile_error(ctx, where, "'%s' must be an object", where);
		return;
	}
	hf_podfile_unknown_keys(ctx, m, where, item_keys);
	if (!hf_podfile_string(ctx, m, "id", hf_podfile_field("%s.id", where), true, &id) ||
	    !hf_podfile_string(ctx, m, "title", hf_podfile_field("%s.title", where), true, &title) ||
	    !hf_podfile_string(ctx, m, "kind", hf_podfile_field("%s.kind", where), true, &kind) ||
	    !hf_podfile_string(ctx, m, "owner", hf_podfile_field("%s.owner", where), false, &owner) ||
	    !hf_podfile_string(ctx, m, "model", hf_podfile_field("%s.model", where), false, &model) ||
	    !hf_podfile_number(ctx, m, "points", hf_podfile_field("%s.points", where), true, &points) ||
	    !hf_podfile_string(ctx, m, "status", hf_podfile_field("%s.status", where), true, &status))
		return;
	if (!check_word(ctx, hf_podfile_field("%s.id", where), "item id", id) ||
	    (owner && !check_word(ctx, hf_podfile_field("%s.owner", where), "owner", owner)) ||
	    (model && !check_word(ctx, hf_podfile_field("%s.model", where), "model", model)))
		return;
	if (hf_sprint_item_find(s, id)) {
		hf_podfile_error(ctx, hf_podfile_field("%s.id", where), "item '%s' is listed twice", id);
		return;
	}
	if (hf_role_parse(kind) != HF_ROLE_RESEARCH && hf_role_parse(kind) != HF_ROLE_ENGINEERING &&
	    hf_role_parse(kind) != HF_ROLE_SHARED) {
		hf_podfile_error(ctx, hf_podfile_field("%s.kind", where),
				 "kind '%s' of item '%s' must be research, engineering or shared", kind, id);
		return;
	}
	if (hf_item_status_parse(status) == HF_ITEM_UNKNOWN) {
		hf_podfile_error(ctx, hf_podfile_field("%s.status", where),
				 "status '%s' of item '%s' must be todo, doing, blocked or done", status, id);
		return;
	}
	if (points < 0) {
		hf_podfile_error(ctx, hf_podfile_field("%s.points", where),
				 "points of item '%s' must be 0 or more, not %g", id, points);
		return;
	}
	it = &s->items[s->nitems++];
	it->id = xstrdup(id);
	it->title = xstrdup(title);
	it->kind = hf_role_parse(kind);
	it->owner = owner && *owner ? xstrdup(owner) : NULL;
	if (it->owner)
		hf_podfile_ref(ctx, HF_REF_MEMBER, owner, hf_podfile_field("%s.owner", where));
	it->model = model && *model ? xstrdup(model) : NULL;
	it->points = points;
	it->status = hf_item_status_parse(status);
	if (!load_blocked_by(ctx, m, where, &it->blocked_by) || !load_links(ctx, m, where, it))
		return;
	if (it->status == HF_ITEM_BLOCKED && !it->blocked_by)
		hf_podfile_warn(ctx, hf_podfile_field("%s.blocked_by", where),
				"item '%s' is blocked but 'blocked_by' does not say on what", id);
}

/* Parse the whole file into *s; problems go to ctx (ctx->errors counts the errors). */
static void parse_sprint(struct hf_podfile_ctx *ctx, json_t *root, struct hf_sprint *s)
{
	const char *id = NULL, *name = NULL, *start = NULL, *end = NULL, *goal = NULL;
	json_t *cap = NULL, *items = NULL, *m;
	int64_t a, b;
	size_t i;

	hf_podfile_unknown_keys(ctx, root, "", sprint_keys);
	if (!hf_podfile_string(ctx, root, "id", "id", false, &id) ||
	    !hf_podfile_string(ctx, root, "name", "name", false, &name) ||
	    !hf_podfile_date(ctx, root, "start", "start", true, &start) ||
	    !hf_podfile_date(ctx, root, "end", "end", true, &end) ||
	    !hf_podfile_string(ctx, root, "goal", "goal", false, &goal) ||
	    !hf_podfile_object(ctx, root, "capacity", "capacity", false, &cap) ||
	    !hf_podfile_array(ctx, root, "items", "items", true, &items))
		return;
	/* the id defaults to the file's name: sprints/2026-12.json is sprint 2026-12 */
	if (!id)
		id = ctx->name;
	if (!id || !check_word(ctx, "id", "sprint id", id))
		return;
	s->id = xstrdup(id);
	s->name = xstrdup(name);
	s->start = xstrdup(start);
	s->end = xstrdup(end);
	s->goal = xstrdup(goal);
	if (hf_sprint_day_parse(start, &a) && hf_sprint_day_parse(end, &b) && b < a)
		hf_podfile_error(ctx, "end", "the sprint ends (%s) before it starts (%s)", end, start);
	else if (hf_sprint_day_parse(start, &a) && hf_sprint_day_parse(end, &b) &&
		 b - a + 1 > HF_SPRINT_MAX_DAYS)
		hf_podfile_error(ctx, "end", "the sprint lasts %lld days, over the limit of %d",
				 (long long)(b - a + 1), HF_SPRINT_MAX_DAYS);
	if (cap)
		load_capacity(ctx, cap, s);
	s->items = xcalloc(json_array_size(items) + 1, sizeof(*s->items));
	json_array_foreach(items, i, m)
		load_item(ctx, m, i, s);
}

enum hf_status hf_podfile_load_sprint(struct hf_podfile_ctx *ctx, json_t *root)
{
	struct hf_sprint s = { 0 };
	char *osource = NULL, *opath = NULL;
	enum hf_status rc = HF_EINVAL;

	parse_sprint(ctx, root, &s);
	if (ctx->errors)
		goto out;
	/* two files may not define one sprint: the first one synced keeps it */
	if ((rc = hf_store_sprint_owner(ctx->store, s.id, &osource, &opath)))
		goto out;
	if (opath) {
		hf_podfile_error(ctx, "id", "sprint '%s' is already defined by '%s'", s.id, opath);
		rc = HF_EINVAL;
		goto out;
	}
	rc = hf_store_sprint_put(ctx->store, ctx->source, ctx->path, &s);
out:
	free(osource);
	free(opath);
	hf_sprint_clear(&s);
	return rc;
}

enum hf_status hf_podfile_sprint_snapshot(struct hf_store *store, const char *source,
					  const char *relpath, const char *buf, size_t len,
					  int64_t at, const char *ref)
{
	json_t *root, *items, *item, *jid;
	struct hf_sprint_snapshot snap = { at, (char *)ref, 0, 0 };
	char *name = NULL;
	const char *id;
	enum hf_status rc = HF_OK;
	size_t i;

	if (hf_podfile_classify(relpath, &name) != HF_PODFILE_SPRINT || len > HF_PODFILE_MAX_SIZE) {
		free(name);
		return HF_OK;
	}
	/* an old version that does not parse tells nothing about progress: skip it quietly */
	root = json_loadb(buf, len, 0, NULL);
	items = json_object_get(root, "items");
	jid = json_object_get(root, "id");
	id = json_is_string(jid) ? json_string_value(jid) : name;
	if (json_is_array(items) && id && *id) {
		json_array_foreach(items, i, item) {
			json_t *pts = json_object_get(item, "points");
			const char *status = json_string_value(json_object_get(item, "status"));
			double p = json_is_number(pts) ? json_number_value(pts) : 0;

			if (p < 0)
				continue;
			snap.total += p;
			if (hf_item_status_parse(status) == HF_ITEM_DONE)
				snap.done += p;
		}
		rc = hf_store_sprint_snapshot_put(store, source, id, relpath, &snap);
	}
	json_decref(root);
	free(name);
	return rc;
}
