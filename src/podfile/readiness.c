/* readiness.c: models/<model>/readiness.json: people's item states and the model's own items */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/readiness.h"
#include "handoff/store_models.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const readiness_keys[] = { "checklist", "items", "extra", NULL };
static const char *const state_keys[] = { "state", "by", "at", "evidence", "reason", "until", "note",
					   NULL };

static bool load_state(struct hf_podfile_ctx *ctx, const char *id, json_t *v, struct hf_item_state *s)
{
	char where[96];
	const char *state = NULL, *by = NULL, *at = NULL, *evidence = NULL, *reason = NULL;
	const char *until = NULL, *note = NULL;
	int64_t t;

	snprintf(where, sizeof(where), "items.%s", id);
	if (!json_is_object(v)) {
		hf_podfile_error(ctx, where, "'%s' must be an object such as {\"state\": \"done\", "
				 "\"by\": \"raj\", \"at\": \"2026-11-20\", \"evidence\": \"URL\"}", where);
		return false;
	}
	hf_podfile_unknown_keys(ctx, v, where, state_keys);
	if (!hf_podfile_string(ctx, v, "state", hf_podfile_field("%s.state", where), true, &state) ||
	    !hf_podfile_string(ctx, v, "by", hf_podfile_field("%s.by", where), false, &by) ||
	    !hf_podfile_string(ctx, v, "at", hf_podfile_field("%s.at", where), false, &at) ||
	    !hf_podfile_string(ctx, v, "evidence", hf_podfile_field("%s.evidence", where), false, &evidence) ||
	    !hf_podfile_string(ctx, v, "reason", hf_podfile_field("%s.reason", where), false, &reason) ||
	    !hf_podfile_date(ctx, v, "until", hf_podfile_field("%s.until", where), false, &until) ||
	    !hf_podfile_string(ctx, v, "note", hf_podfile_field("%s.note", where), false, &note))
		return false;
	if (strcmp(state, "done") != 0 && strcmp(state, "waived") != 0 && strcmp(state, "todo") != 0) {
		hf_podfile_error(ctx, hf_podfile_field("%s.state", where),
				 "state '%s' must be done, waived or todo", state);
		return false;
	}
	if (strcmp(state, "waived") == 0 && (!reason || !*reason)) {
		hf_podfile_error(ctx, hf_podfile_field("%s.reason", where),
				 "a waived item needs a reason");
		return false;
	}
	if (at && hf_time_parse(at, &t)) {
		hf_podfile_error(ctx, hf_podfile_field("%s.at", where),
				 "'%s' must be a date such as 2026-11-20, not '%s'", where, at);
		return false;
	}
	if (strcmp(state, "done") == 0 && (!by || !*by))
		hf_podfile_warn(ctx, hf_podfile_field("%s.by", where), "done without saying by whom");
	hf_podfile_ref_key(ctx, HF_REF_ITEM, id, where);
	s->item = xstrdup(id);
	s->state = xstrdup(state);
	s->by = by && *by ? xstrdup(by) : NULL;
	s->at = at && *at ? xstrdup(at) : NULL;
	s->evidence = evidence && *evidence ? xstrdup(evidence) : NULL;
	s->reason = reason && *reason ? xstrdup(reason) : NULL;
	s->until = until && *until ? xstrdup(until) : NULL;
	s->note = note && *note ? xstrdup(note) : NULL;
	return true;
}

enum hf_status hf_podfile_load_readiness(struct hf_podfile_ctx *ctx, json_t *root)
{
	const char *checklist = NULL;
	json_t *items = NULL, *extra = NULL, *v;
	struct hf_item_state *states = NULL;
	struct hf_check_item *own = NULL;
	size_t nstates = 0, nown = 0;
	const char *id;
	enum hf_status rc = HF_EINVAL;

	hf_podfile_unknown_keys(ctx, root, "", readiness_keys);
	if (!hf_podfile_string(ctx, root, "checklist", "checklist", false, &checklist) ||
	    !hf_podfile_object(ctx, root, "items", "items", false, &items) ||
	    !hf_podfile_array(ctx, root, "extra", "extra", false, &extra))
		return HF_EINVAL;
	if (checklist && (!*checklist || strchr(checklist, '/'))) {
		hf_podfile_error(ctx, "checklist", "checklist '%s' must name checklists/<name>.json", checklist);
		return HF_EINVAL;
	}
	if (items) {
		states = xcalloc(json_object_size(items) + 1, sizeof(*states));
		json_object_foreach(items, id, v) {
			if (load_state(ctx, id, v, &states[nstates]))
				nstates++;
		}
	}
	if (extra && !hf_podfile_items(ctx, extra, "extra", &own, &nown))
		goto out;
	if (ctx->errors)
		goto out;
	hf_podfile_ref(ctx, HF_REF_CHECKLIST, checklist ? checklist : "default", "checklist");
	rc = hf_store_readiness_put(ctx->store, ctx->source, ctx->path, ctx->name,
				    checklist ? checklist : "default", states, nstates, own, nown);
out:
	hf_item_states_free(states, nstates);
	hf_check_items_free(own, nown);
	return rc;
}
