/* act.c: the one way every write command runs its action: check, preview, queue, push, say what became of it */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/acting.h"
#include "handoff/clock.h"
#include "handoff/cmd_act.h"
#include "handoff/out.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"

int hf_cmd_act_writable(struct hf_ctx *ctx, const char *what)
{
	const struct hf_conf *conf = NULL;
	const char *why;

	if (!ctx->read_only && hf_ctx_conf(ctx, &conf))
		return hf_fail_last();
	if ((why = hf_acting_read_only(conf, ctx->read_only)))
		return hf_fail("%s: '%s' would write to the pod, so it is not run", why, what);
	return HF_EXIT_OK;
}

static const char *state_word(enum hf_outbox_state s)
{
	return s == HF_OUTBOX_PENDING ? "queued" : hf_outbox_state_name(s);
}

static json_t *payload_json(const struct hf_act *a)
{
	char *text = hf_act_to_json(a);
	json_t *o = json_loads(text, 0, NULL);

	free(text);
	return o ? o : json_null();
}

static json_t *outcome_json(const struct hf_wb_outcome *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "source", hf_json_str(o->source));
	json_object_set_new(j, "summary", hf_json_str(o->summary));
	json_object_set_new(j, "state", json_string(hf_outbox_state_name(o->state)));
	json_object_set_new(j, "pending", json_boolean(o->state != HF_OUTBOX_LANDED));
	json_object_set_new(j, "landed", hf_json_str(o->landed));
	json_object_set_new(j, "message", hf_json_str(o->message));
	json_object_set_new(j, "retries", json_integer(o->retries));
	return j;
}

/* Say what became of the action (o NULL: nothing to change, or only previewed). */
static int report(bool json, const struct hf_act *a, const struct hf_wb_preview *p,
		  const char *state, const struct hf_wb_outcome *o,
		  const struct hf_wb_outcome *others, size_t nothers, int64_t self)
{
	int exit_status = o && (o->state == HF_OUTBOX_CONFLICT || o->state == HF_OUTBOX_REFUSED)
				  ? HF_EXIT_NO : HF_EXIT_OK;

	if (json) {
		json_t *doc = o ? outcome_json(o) : json_object(), *list = json_array();

		if (!o) {
			json_object_set_new(doc, "state", json_string(state));
			json_object_set_new(doc, "pending", json_false());
			json_object_set_new(doc, "summary", hf_json_str(p->message));
		}
		json_object_set_new(doc, "action", payload_json(a));
		json_object_set_new(doc, "file", hf_json_str(p->file));
		json_object_set_new(doc, "change", hf_json_str(p->change));
		for (size_t i = 0; i < nothers; i++)
			if (others[i].id != self)
				json_array_append_new(list, outcome_json(&others[i]));
		json_object_set_new(doc, "others", list);
		hf_out_json(stdout, doc);
		return exit_status;
	}
	hf_out_text(stdout, p->message);
	fputc('\n', stdout);
	fputs("  ", stdout);
	if (p->file) {
		hf_out_text(stdout, p->file);
		fputs(": ", stdout);
	}
	hf_out_text(stdout, p->change);
	fputc('\n', stdout);
	if (!o) {
		printf("%s\n", state);
	} else if (o->state == HF_OUTBOX_LANDED) {
		printf("landed on %s", o->source);
		if (o->landed && a->path)
			printf(" as %.7s", o->landed);
		else if (o->landed)
			printf(": %s", o->landed);
		fputc('\n', stdout);
	} else {
		printf("%s (action %lld, kept in the outbox)%s", state_word(o->state),
		       (long long)o->id, o->message ? ": " : "");
		hf_out_text(stdout, o->message);
		fputc('\n', stdout);
		if (o->state == HF_OUTBOX_CONFLICT)
			printf("'handoff outbox --retry %lld' applies it to the pod as it is now, "
			       "'handoff outbox --drop %lld' drops it\n", (long long)o->id,
			       (long long)o->id);
		else
			puts("'handoff push' or the next sync sends it again");
	}
	for (size_t i = 0; i < nothers; i++) {
		if (others[i].id == self)
			continue;
		printf("also %s: ", state_word(others[i].state));
		hf_out_text(stdout, others[i].summary);
		fputc('\n', stdout);
	}
	return exit_status;
}

int hf_cmd_act(struct hf_ctx *ctx, const struct hf_args *args, struct hf_act *a)
{
	bool json = hf_args_has(args, "json");
	struct hf_store *store;
	const struct hf_conf *conf;
	const char *who;
	struct hf_wb_preview p = { 0 };
	struct hf_wb_outcome *outs = NULL, *mine = NULL;
	size_t n = 0;
	int64_t id = 0;
	char today[16];
	int rc;

	if ((rc = hf_cmd_act_writable(ctx, hf_act_kind_name(a->kind))))
		goto out;
	if (hf_ctx_conf(ctx, &conf) || hf_ctx_store(ctx, &store) ||
	    hf_acting_user(store, conf, &who)) {
		rc = hf_fail_last();
		goto out;
	}
	a->by = xstrdup(who);
	hf_date_format(hf_now(), today, sizeof(today));
	a->at = xstrdup(today);
	if (a->kind == HF_ACT_PROMOTE) {
		bool ready = false;
		char *why = NULL;

		if (hf_acting_gate(store, a->model, a->version, &ready, &why)) {
			rc = hf_fail_last();
			goto out;
		}
		if (!ready && !a->force) {
			if (json) {
				json_t *doc = json_object();

				json_object_set_new(doc, "state", json_string("not ready"));
				json_object_set_new(doc, "pending", json_false());
				json_object_set_new(doc, "message", hf_json_str(why));
				hf_out_json(stdout, doc);
			} else {
				hf_out_text(stdout, why);
				puts("\nnot promoted: 'handoff promote ... --force --reason TEXT' promotes "
				     "anyway, on the record");
			}
			free(why);
			rc = HF_EXIT_NO;
			goto out;
		}
		/* it passes: nothing is forced */
		a->force = !ready;
		free(why);
	}
	if (hf_acting_resolve(store, conf, a) || hf_act_validate(a) || hf_wb_preview(store, conf, a, &p)) {
		rc = hf_fail_last();
		goto out;
	}
	if (hf_args_has(args, "dry-run") || p.nothing) {
		rc = report(json, a, &p, p.nothing ? "unchanged" : "preview", NULL, NULL, 0, 0);
		if (!json && p.nothing)
			puts("nothing to change: the pod already says so");
		goto out;
	}
	if (hf_wb_queue(store, conf, a, &id)) {
		rc = hf_fail_last();
		goto out;
	}
	if (!hf_args_has(args, "no-push") && hf_wb_push(store, conf, a->source, &outs, &n)) {
		hf_warn("the push failed: %s", hf_last_error());
		hf_error_clear();
	}
	for (size_t i = 0; i < n; i++)
		if (outs[i].id == id)
			mine = &outs[i];
	if (!mine) {
		/* not pushed (--no-push, or the push itself failed): it waits */
		outs = xrealloc(outs, (n + 1) * sizeof(*outs));
		mine = &outs[n++];
		memset(mine, 0, sizeof(*mine));
		mine->id = id;
		mine->source = xstrdup(a->source);
		mine->summary = xstrdup(p.message);
		mine->state = HF_OUTBOX_PENDING;
		mine->message = xstrdup(hf_args_has(args, "no-push") ? "not pushed (--no-push)"
								     : "not pushed");
	}
	rc = report(json, a, &p, NULL, mine, outs, n, id);
out:
	hf_wb_outcomes_free(outs, n);
	hf_wb_preview_clear(&p);
	hf_act_clear(a);
	return rc;
}
