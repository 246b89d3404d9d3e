/* checklist.c: checklists/<name>.json and the item shape shared with readiness.json's "extra" */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/checklist.h"
#include "handoff/paths.h"
#include "handoff/store_models.h"
#include "handoff/xmalloc.h"
#include "internal.h"

const char *const hf_podfile_item_keys[] = { "id", "title", "category", "owner", "stage",
					     "required", "auto", "description", NULL };
static const char *const checklist_keys[] = { "name", "description", "items", NULL };

static bool get_string(json_t *obj, const char *key, bool required, const char **out,
		       const char *where, char *why, size_t size)
{
	json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v)) {
		if (required) {
			snprintf(why, size, "%s.%s: missing required field '%s'", where, key, key);
			return false;
		}
		return true;
	}
	if (!json_is_string(v)) {
		snprintf(why, size, "%s.%s: '%s' must be a string", where, key, key);
		return false;
	}
	*out = json_string_value(v);
	if (hf_podfile_has_control(*out)) {
		snprintf(why, size, "%s.%s: control characters are not allowed", where, key);
		return false;
	}
	return true;
}

bool hf_podfile_parse_item(json_t *obj, const char *where, struct hf_check_item *out,
			   char *why, size_t size)
{
	const char *id = NULL, *title = NULL, *category = NULL, *owner = NULL, *stage = NULL;
	const char *rule = NULL;
	json_t *req;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(obj)) {
		snprintf(why, size, "%s: an item must be an object", where);
		return false;
	}
	if (!get_string(obj, "id", true, &id, where, why, size) ||
	    !get_string(obj, "title", true, &title, where, why, size) ||
	    !get_string(obj, "category", false, &category, where, why, size) ||
	    !get_string(obj, "owner", true, &owner, where, why, size) ||
	    !get_string(obj, "stage", true, &stage, where, why, size) ||
	    !get_string(obj, "auto", false, &rule, where, why, size))
		return false;
	if (!hf_podfile_is_word(id)) {
		snprintf(why, size, "%s.id: item id '%s' must be one word without spaces", where, id);
		return false;
	}
	if (strcmp(owner, "research") != 0 && strcmp(owner, "engineering") != 0 &&
	    strcmp(owner, "shared") != 0) {
		snprintf(why, size, "%s.owner: '%s' must be research, engineering or shared", where, owner);
		return false;
	}
	if (hf_stage_parse(stage) < 0) {
		snprintf(why, size, "%s.stage: unknown stage '%s' (research, contract, hand-off, "
			 "validation, optimisation, serving, monitoring)", where, stage);
		return false;
	}
	if (rule && hf_rule_parse(rule) == HF_RULE_INVALID) {
		snprintf(why, size, "%s.auto: unknown rule '%s' (contract, card, candidate, slos, "
			 "eval-metrics, oncall)", where, rule);
		return false;
	}
	req = json_object_get(obj, "required");
	if (req && !json_is_boolean(req) && !json_is_null(req)) {
		snprintf(why, size, "%s.required: 'required' must be true or false", where);
		return false;
	}
	out->id = xstrdup(id);
	out->title = xstrdup(title);
	out->category = xstrdup(category ? category : "process");
	out->owner = xstrdup(owner);
	out->stage = xstrdup(hf_stage_name(hf_stage_parse(stage)));
	out->required = !req || json_is_null(req) || json_is_true(req);
	out->rule = rule && *rule ? xstrdup(rule) : NULL;
	return true;
}

/* Parse an array of items; the first problem goes to why (and returns false). Duplicates refused. */
static bool parse_items(json_t *arr, const char *prefix, struct hf_check_item **items, size_t *n,
			char *why, size_t size, size_t *bad_index)
{
	size_t i;
	json_t *v;

	*items = xcalloc(json_array_size(arr) + 1, sizeof(**items));
	*n = 0;
	json_array_foreach(arr, i, v) {
		char where[64];
		struct hf_check_item *it = &(*items)[*n];

		snprintf(where, sizeof(where), "%s[%zu]", prefix, i);
		*bad_index = i;
		if (!hf_podfile_parse_item(v, where, it, why, size))
			return false;
		for (size_t j = 0; j < *n; j++) {
			if (strcmp((*items)[j].id, it->id) == 0) {
				snprintf(why, size, "%s.id: item '%s' is listed twice", where, it->id);
				hf_check_item_clear(it);
				return false;
			}
		}
		(*n)++;
	}
	return true;
}

enum hf_status hf_checklist_parse(const char *buf, size_t len, const char *what,
				  struct hf_check_item **items, size_t *n)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr), *arr;
	char why[256];
	size_t bad;

	*items = NULL;
	*n = 0;
	if (!root)
		return hf_error(HF_EINVAL, "'%s': not valid JSON: %s (line %d)", what, jerr.text, jerr.line);
	arr = json_object_get(root, "items");
	if (!json_is_array(arr)) {
		json_decref(root);
		return hf_error(HF_EINVAL, "'%s': items: must be an array of items", what);
	}
	if (!parse_items(arr, "items", items, n, why, sizeof(why), &bad)) {
		json_decref(root);
		hf_check_items_free(*items, *n);
		*items = NULL;
		*n = 0;
		return hf_error(HF_EINVAL, "'%s': %s", what, why);
	}
	json_decref(root);
	return HF_OK;
}

/* Shared by the readiness loader: items of an "extra" array, errors recorded on ctx. */
bool hf_podfile_items(struct hf_podfile_ctx *ctx, json_t *arr, const char *prefix,
		      struct hf_check_item **items, size_t *n)
{
	char why[256];
	size_t bad = 0;

	if (!parse_items(arr, prefix, items, n, why, sizeof(why), &bad)) {
		char field[64];
		const char *colon = strstr(why, ": ");
		size_t fl = colon ? (size_t)(colon - why) : 0;

		snprintf(field, sizeof(field), "%.*s", (int)(fl < sizeof(field) ? fl : sizeof(field) - 1), why);
		hf_podfile_error(ctx, colon ? field : NULL, "%s", colon ? colon + 2 : why);
		return false;
	}
	for (size_t i = 0; i < *n; i++) {
		json_t *v = json_array_get(arr, i);

		hf_podfile_unknown_keys(ctx, v, hf_podfile_field("%s[%zu]", prefix, i), hf_podfile_item_keys);
	}
	return true;
}

enum hf_status hf_podfile_load_checklist(struct hf_podfile_ctx *ctx, json_t *root)
{
	struct hf_check_item *items = NULL;
	size_t n = 0;
	const char *name = NULL;
	json_t *arr = NULL;
	enum hf_status rc = HF_EINVAL;

	hf_podfile_unknown_keys(ctx, root, "", checklist_keys);
	if (!hf_podfile_string(ctx, root, "name", "name", false, &name) ||
	    !hf_podfile_array(ctx, root, "items", "items", true, &arr))
		return HF_EINVAL;
	if (name && strcmp(name, ctx->name) != 0)
		hf_podfile_warn(ctx, "name", "name '%s' differs from the file name; the file name '%s' is used",
				name, ctx->name);
	if (!hf_podfile_items(ctx, arr, "items", &items, &n))
		goto out;
	if (!n) {
		hf_podfile_error(ctx, "items", "a checklist needs at least one item");
		goto out;
	}
	rc = hf_store_checklist_put(ctx->store, ctx->source, ctx->path, ctx->name, items, n);
out:
	hf_check_items_free(items, n);
	return rc;
}

void hf_checklist_cache_release(struct hf_checklist_cache *cache)
{
	hf_check_items_free(cache->items, cache->n);
	memset(cache, 0, sizeof(*cache));
}

static enum hf_status shipped_default(struct hf_checklist_cache *cache)
{
	char *path, *buf = NULL;
	size_t len;
	enum hf_status rc;

	if (cache->loaded)
		return HF_OK;
	path = hf_path_shared_file("data/checklists/default.json");
	rc = hf_read_file(path, HF_PODFILE_MAX_SIZE, &buf, &len);
	if (!rc)
		rc = hf_checklist_parse(buf, len, path, &cache->items, &cache->n);
	free(buf);
	free(path);
	if (!rc)
		cache->loaded = true;
	return rc;
}

static struct hf_check_item copy_item(const struct hf_check_item *it)
{
	struct hf_check_item c;

	c.id = xstrdup(it->id);
	c.title = xstrdup(it->title);
	c.category = xstrdup(it->category);
	c.owner = xstrdup(it->owner);
	c.stage = xstrdup(it->stage);
	c.required = it->required;
	c.rule = xstrdup(it->rule);
	return c;
}

/* Add the model's own items: same id replaces, a new one goes after the last of its stage or earlier. */
static void merge_own(struct hf_check_item **items, size_t *n, struct hf_check_item *own, size_t nown)
{
	size_t alloc = *n + nown + 1;

	*items = xrealloc(*items, alloc * sizeof(**items));
	for (size_t i = 0; i < nown; i++) {
		size_t j;
		int st;

		for (j = 0; j < *n; j++)
			if (strcmp((*items)[j].id, own[i].id) == 0)
				break;
		if (j < *n) {
			hf_check_item_clear(&(*items)[j]);
			(*items)[j] = own[i];
			continue;
		}
		st = hf_stage_parse(own[i].stage);
		for (j = *n; j > 0 && hf_stage_parse((*items)[j - 1].stage) > st; j--)
			;
		memmove(&(*items)[j + 1], &(*items)[j], (*n - j) * sizeof(**items));
		(*items)[j] = own[i];
		(*n)++;
	}
}

enum hf_status hf_checklist_model_items(struct hf_store *store, struct hf_checklist_cache *cache,
					const char *model, const char *checklist,
					struct hf_check_item **items, size_t *n)
{
	struct hf_check_item *own = NULL;
	size_t nown = 0;
	char *key;
	enum hf_status rc = hf_store_checklist_get(store, checklist, items, n);

	if (rc == HF_ENOTFOUND && strcmp(checklist, "default") != 0)
		rc = hf_store_checklist_get(store, "default", items, n);
	if (rc == HF_ENOTFOUND) {
		hf_error_clear();
		if ((rc = shipped_default(cache)))
			return rc;
		*items = xcalloc(cache->n + 1, sizeof(**items));
		for (size_t i = 0; i < cache->n; i++)
			(*items)[i] = copy_item(&cache->items[i]);
		*n = cache->n;
	} else if (rc) {
		return rc;
	}
	key = xasprintf("model:%s", model);
	rc = hf_store_checklist_get(store, key, &own, &nown);
	free(key);
	if (rc) {
		hf_check_items_free(*items, *n);
		*items = NULL;
		*n = 0;
		return rc;
	}
	if (nown)
		merge_own(items, n, own, nown);
	free(own);
	return HF_OK;
}
