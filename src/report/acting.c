/* acting.c: the checks every write action passes before it is queued, the same for the CLI and the TUI */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/acting.h"
#include "handoff/clock.h"
#include "handoff/pod.h"
#include "handoff/registry.h"
#include "handoff/report.h"
#include "handoff/store_oncall.h"
#include "handoff/store_pod.h"
#include "handoff/store_registry.h"
#include "handoff/store_sprint.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

const char *hf_acting_read_only(const struct hf_conf *conf, bool read_only)
{
	if (read_only)
		return "handoff runs read-only (--read-only)";
	if (conf && conf->ui_read_only)
		return "handoff runs read-only ([ui] read-only = true in the configuration)";
	return NULL;
}

/* A pod member called handle, or HF_EINVAL listing the members. */
static enum hf_status member(struct hf_store *store, const char *handle, const char *what)
{
	struct hf_pod pod;
	struct hf_strbuf all = HF_STRBUF_INIT;
	enum hf_status rc;

	if ((rc = hf_store_pod_get(store, &pod)))
		return rc;
	if (!hf_pod_member(&pod, handle)) {
		hf_strbuf_init(&all);
		for (size_t i = 0; i < pod.nmembers; i++)
			hf_strbuf_addf(&all, "%s%s", i ? ", " : "", pod.members[i].handle);
		rc = hf_error(HF_EINVAL, "%s '%s' is not a member of the pod (pod.json: %s)", what,
			      handle, pod.nmembers ? all.buf : "no members");
		hf_strbuf_release(&all);
	}
	hf_pod_clear(&pod);
	return rc;
}

enum hf_status hf_acting_user(struct hf_store *store, const struct hf_conf *conf,
			      const char **handle)
{
	const char *h = conf ? conf->user_handle : NULL;
	enum hf_status rc;

	if (!h || !*h)
		return hf_error(HF_EINVAL, "who are you? set your pod handle: [user] handle = NAME in "
				"'%s'", conf && conf->path ? conf->path : "the configuration");
	if ((rc = member(store, h, "[user] handle")))
		return rc;
	*handle = h;
	return HF_OK;
}

static void set(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* The readiness file of a pod model: its own, else readiness.json beside its contract. */
static enum hf_status readiness_file(struct hf_store *store, struct hf_act *a)
{
	char *source = NULL, *path = NULL, *slash;
	enum hf_status rc;

	if ((rc = hf_store_defined_by(store, HF_DEFINED_READINESS, a->model, &source, &path)))
		return rc;
	if (!source && !(rc = hf_store_defined_by(store, HF_DEFINED_CONTRACT, a->model, &source,
						   &path)) && source) {
		slash = strrchr(path, '/');
		set(&path, xasprintf("%.*s/readiness.json", slash ? (int)(slash - path) : 0, path));
	}
	if (!rc && !source)
		rc = hf_error(HF_ENOTFOUND, "model '%s' has no pod files (contract.json) to edit: "
			      "add models/%s/ to the pod repository first", a->model, a->model);
	if (rc) {
		free(source);
		free(path);
		return rc;
	}
	set(&a->source, source);
	set(&a->path, path);
	return HF_OK;
}

static enum hf_status resolve_readiness(struct hf_store *store, struct hf_act *a)
{
	struct hf_model_report r;
	const struct hf_report_item *it = NULL;
	struct hf_strbuf ids = HF_STRBUF_INIT;
	enum hf_status rc;

	if ((rc = hf_report_model(store, a->model, &r)))
		return rc == HF_ENOTFOUND ? hf_error(HF_ENOTFOUND, "no model '%s' in the pod", a->model)
					  : rc;
	for (size_t i = 0; i < r.nitems; i++)
		if (!strcmp(r.items[i].id, a->item))
			it = &r.items[i];
	if (!r.has_pod_files) {
		rc = hf_error(HF_EINVAL, "model '%s' is known from the registry only: it has no pod "
			      "files to edit", a->model);
	} else if (!it) {
		hf_strbuf_init(&ids);
		for (size_t i = 0; i < r.nitems && i < 40; i++)
			hf_strbuf_addf(&ids, "%s%s", i ? ", " : "", r.items[i].id);
		rc = hf_error(HF_ENOTFOUND, "model '%s' has no checklist item '%s' (its items: %s)",
			      a->model, a->item, ids.len ? ids.buf : "none");
		hf_strbuf_release(&ids);
	} else if (it->rule && a->kind == HF_ACT_TICK) {
		rc = hf_error(HF_EINVAL, "'%s' is decided by handoff itself (rule '%s'): it cannot be "
			      "ticked, only waived", a->item, it->rule);
	} else {
		rc = readiness_file(store, a);
	}
	hf_model_report_clear(&r);
	return rc;
}

/* Which sprint: the one named, else the one holding the item, else (adding) the current one. */
static enum hf_status which_sprint(struct hf_store *store, struct hf_act *a)
{
	char **found = NULL, *id = NULL, today[16];
	size_t n = 0;
	enum hf_status rc;

	if (a->sprint)
		return HF_OK;
	if (a->kind != HF_ACT_SPRINT_ADD && a->kind != HF_ACT_CAPACITY) {
		if ((rc = hf_store_sprints_with_item(store, a->id, &found, &n)))
			return rc;
		if (n == 1)
			a->sprint = xstrdup(found[0]);
		rc = n == 1 ? HF_OK
		     : n ? hf_error(HF_EINVAL, "%zu sprints have an item '%s': name one with --sprint",
				    n, a->id)
			 : hf_error(HF_ENOTFOUND, "no sprint has an item '%s'", a->id);
		hf_strv_free(found, n);
		return rc;
	}
	hf_date_format(hf_now(), today, sizeof(today));
	if ((rc = hf_store_sprint_current(store, today, &id)))
		return rc;
	if (!id)
		return hf_error(HF_ENOTFOUND, "no sprint contains today (%s): name one with --sprint",
				today);
	a->sprint = id;
	return HF_OK;
}

static enum hf_status resolve_sprint(struct hf_store *store, struct hf_act *a)
{
	struct hf_sprint sp;
	char *source = NULL, *path = NULL;
	enum hf_status rc;

	if ((rc = which_sprint(store, a)))
		return rc;
	if ((rc = hf_store_defined_by(store, HF_DEFINED_SPRINT, a->sprint, &source, &path)))
		return rc;
	if (!source)
		return hf_error(HF_ENOTFOUND, "no sprint '%s' in the pod", a->sprint);
	set(&a->source, source);
	set(&a->path, path);
	if (a->owner && (rc = member(store, a->owner, "owner")))
		return rc;
	if (a->handle && (rc = member(store, a->handle, "handle")))
		return rc;
	if (a->kind == HF_ACT_SPRINT_SET && a->value && *a->value &&
	    (!strcmp(a->field, "owner") && (rc = member(store, a->value, "owner"))))
		return rc;
	if (a->kind == HF_ACT_SPRINT_SET && !strcmp(a->field, "blocked_by") && a->value &&
	    *a->value) {
		if (!strcmp(a->value, a->id))
			return hf_error(HF_EINVAL, "an item cannot block itself ('%s')", a->id);
		if ((rc = hf_store_sprint_get(store, a->sprint, &sp)))
			return rc;
		if (!hf_sprint_item_find(&sp, a->value))
			rc = hf_error(HF_ENOTFOUND, "sprint '%s' has no item '%s' to be blocked by",
				      a->sprint, a->value);
		hf_sprint_clear(&sp);
	}
	return rc;
}

/* A feed rotation's shifts, and so its overrides, live in the calendar: refused here, saying where. */
static enum hf_status calendar_refusal(struct hf_store *store, const char *rotation)
{
	struct hf_rotation *r = NULL;
	size_t n = 0;
	enum hf_status rc = HF_OK;

	if (hf_store_rotations(store, rotation, &r, &n))
		hf_error_clear();	/* no such rotation: said by whoever checks next */
	else if (r[0].calendar)
		rc = hf_error(HF_EINVAL, "rotation '%s' comes from calendar '%s': make the override in "
			      "the service that owns the calendar; handoff reads it at the next sync",
			      rotation, r[0].calendar);
	hf_rotations_free(r, n);
	return rc;
}

static enum hf_status resolve_override(struct hf_store *store, struct hf_act *a)
{
	char *source = NULL, *path = NULL;
	enum hf_status rc;

	if ((rc = hf_store_defined_by(store, HF_DEFINED_ROTATION, a->rotation, &source, &path)))
		return rc;
	if (!source)
		return hf_error(HF_ENOTFOUND, "no rotation '%s' in the pod", a->rotation);
	set(&a->source, source);
	set(&a->path, path);
	if ((rc = calendar_refusal(store, a->rotation)))
		return rc;
	return member(store, a->who, "who");
}

/* A registry action: the registered model behind a pod model, its source, the version. */
static enum hf_status resolve_registry(struct hf_store *store, const struct hf_conf *conf,
				       struct hf_act *a)
{
	struct hf_model_report r;
	struct hf_reg_model m;
	enum hf_status rc;
	bool found = false;

	memset(&m, 0, sizeof(m));
	if ((rc = hf_report_model(store, a->model, &r)))
		return rc == HF_ENOTFOUND ? hf_error(HF_ENOTFOUND, "no model '%s' in the pod or the "
						     "registry", a->model)
					  : rc;
	if (!r.in_registry) {
		rc = hf_error(HF_ENOTFOUND, "model '%s' is not in the registry (as '%s'): sync it "
			      "first", a->model, r.registry_name);
	} else if (!(rc = hf_store_reg_model_get(store, r.registry_source, r.registry_name, &m))) {
		set(&a->model, xstrdup(m.name));
		set(&a->source, xstrdup(m.source));
		for (size_t i = 0; a->version && i < m.nversions; i++)
			found |= !strcmp(m.versions[i].version, a->version);
		if (a->version && !found)
			rc = hf_error(HF_ENOTFOUND, "model '%s' has no version '%s' in the registry",
				      r.name, a->version);
		else if (!hf_conf_source(conf, a->source))
			rc = hf_error(HF_ENOTFOUND, "the registry source '%s' is not configured",
				      a->source);
	}
	hf_reg_model_clear(&m);
	hf_model_report_clear(&r);
	return rc;
}

enum hf_status hf_acting_resolve(struct hf_store *store, const struct hf_conf *conf,
				 struct hf_act *a)
{
	enum hf_status rc;

	switch (a->kind) {
	case HF_ACT_TICK:
	case HF_ACT_WAIVE:
	case HF_ACT_REOPEN:
	case HF_ACT_NOTE:
		rc = resolve_readiness(store, a);
		break;
	case HF_ACT_SPRINT_ADD:
	case HF_ACT_SPRINT_REMOVE:
	case HF_ACT_SPRINT_SET:
	case HF_ACT_CAPACITY:
		rc = resolve_sprint(store, a);
		break;
	case HF_ACT_OVERRIDE:
		rc = resolve_override(store, a);
		break;
	default:
		rc = resolve_registry(store, conf, a);
	}
	if (!rc && !hf_conf_source(conf, a->source))
		rc = hf_error(HF_ENOTFOUND, "'%s' comes from source '%s', which is not in the "
			      "configuration any more", a->path ? a->path : a->model, a->source);
	return rc;
}

enum hf_status hf_acting_gate(struct hf_store *store, const char *model, const char *version,
			      bool *ready, char **why)
{
	struct hf_report_opts opts = { NULL, version };
	struct hf_model_report r;
	struct hf_strbuf sb = HF_STRBUF_INIT;
	enum hf_status rc;

	*why = NULL;
	if ((rc = hf_report_model_opts(store, model, &opts, &r)))
		return rc;
	*ready = r.ready;
	if (!r.ready) {
		hf_strbuf_init(&sb);
		hf_strbuf_addf(&sb, "version %s of %s does not pass the readiness gate (%d/%d "
			       "required items", version, model, r.done, r.required);
		for (size_t i = 0; i < r.nblockers && i < 3; i++)
			hf_strbuf_addf(&sb, "%s%s: %s", i ? "; " : "; blocked by ", r.blockers[i].item,
				       r.blockers[i].reason ? r.blockers[i].reason : "open");
		if (r.nblockers > 3)
			hf_strbuf_addf(&sb, "; %zu more", r.nblockers - 3);
		hf_strbuf_addch(&sb, ')');
		*why = hf_strbuf_detach(&sb);
	}
	hf_model_report_clear(&r);
	return HF_OK;
}
