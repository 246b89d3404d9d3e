/* push.c: `handoff push` sends the waiting actions; `handoff outbox` lists them, retries or drops one */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/cmd_act.h"
#include "handoff/out.h"
#include "handoff/writeback.h"
#include "handoff/xmalloc.h"

static json_t *entry_json(const struct hf_outbox_entry *e)
{
	json_t *o = json_object(), *act = json_loads(e->payload ? e->payload : "{}", 0, NULL);
	char at[32];

	hf_time_format(e->created, at, sizeof(at));
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "created", json_string(at));
	json_object_set_new(o, "source", hf_json_str(e->source));
	json_object_set_new(o, "kind", hf_json_str(e->kind));
	json_object_set_new(o, "state", json_string(hf_outbox_state_name(e->state)));
	json_object_set_new(o, "pending", json_boolean(e->state == HF_OUTBOX_PENDING ||
						       e->state == HF_OUTBOX_CONFLICT ||
						       e->state == HF_OUTBOX_REFUSED));
	json_object_set_new(o, "summary", hf_json_str(e->summary));
	json_object_set_new(o, "file", hf_json_str(e->file));
	json_object_set_new(o, "by", hf_json_str(e->actor));
	json_object_set_new(o, "message", hf_json_str(e->error));
	json_object_set_new(o, "landed", hf_json_str(e->landed));
	json_object_set_new(o, "attempts", json_integer(e->attempts));
	json_object_set_new(o, "action", act ? act : json_null());
	return o;
}

/* Print outcomes; the exit status is 1 when any did not land. */
static int print_outcomes(bool json, const struct hf_wb_outcome *o, size_t n)
{
	int rc = HF_EXIT_OK;
	json_t *list = json ? json_array() : NULL;

	for (size_t i = 0; i < n; i++) {
		if (o[i].state != HF_OUTBOX_LANDED)
			rc = HF_EXIT_NO;
		if (json) {
			json_t *j = json_object();

			json_object_set_new(j, "id", json_integer(o[i].id));
			json_object_set_new(j, "source", hf_json_str(o[i].source));
			json_object_set_new(j, "summary", hf_json_str(o[i].summary));
			json_object_set_new(j, "state", json_string(hf_outbox_state_name(o[i].state)));
			json_object_set_new(j, "pending", json_boolean(o[i].state != HF_OUTBOX_LANDED));
			json_object_set_new(j, "landed", hf_json_str(o[i].landed));
			json_object_set_new(j, "message", hf_json_str(o[i].message));
			json_object_set_new(j, "retries", json_integer(o[i].retries));
			json_array_append_new(list, j);
			continue;
		}
		printf("%-8s %lld ", o[i].state == HF_OUTBOX_PENDING ? "queued"
				     : hf_outbox_state_name(o[i].state), (long long)o[i].id);
		hf_out_text(stdout, o[i].summary);
		if (o[i].state == HF_OUTBOX_LANDED && o[i].landed)
			printf(" (%.12s)", o[i].landed);
		if (o[i].message) {
			fputs(": ", stdout);
			hf_out_text(stdout, o[i].message);
		}
		fputc('\n', stdout);
	}
	if (json) {
		json_t *doc = json_object();

		json_object_set_new(doc, "actions", list);
		hf_out_json(stdout, doc);
	} else if (!n) {
		puts("nothing waits in the outbox");
	}
	return rc;
}

static int run_push(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	const struct hf_conf *conf;
	struct hf_wb_outcome *all = NULL;
	size_t n = 0, alloc = 0;
	int rc;

	if ((rc = hf_cmd_act_writable(ctx, "push")))
		return rc;
	if (hf_ctx_conf(ctx, &conf) || hf_ctx_store(ctx, &store))
		return hf_fail_last();
	for (int i = 0; i < (args->npos ? args->npos : 1); i++) {
		struct hf_wb_outcome *o = NULL;
		size_t k = 0;

		if (args->npos && !hf_conf_source(conf, args->pos[i])) {
			hf_wb_outcomes_free(all, n);
			return hf_fail("no source '%s' in the configuration", args->pos[i]);
		}
		if (hf_wb_push(store, conf, args->npos ? args->pos[i] : NULL, &o, &k)) {
			hf_wb_outcomes_free(all, n);
			return hf_fail_last();
		}
		if (k) {
			all = xgrow(all, n + k, &alloc, sizeof(*all));
			memcpy(all + n, o, k * sizeof(*o));
			n += k;
		}
		free(o);
	}
	rc = print_outcomes(hf_args_has(args, "json"), all, n);
	hf_wb_outcomes_free(all, n);
	return rc;
}

static bool parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return false;
	*id = v;
	return true;
}

static int run_outbox(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	const struct hf_conf *conf;
	struct hf_outbox_entry *e = NULL;
	const char *drop = hf_args_get(args, "drop"), *retry = hf_args_get(args, "retry");
	bool json = hf_args_has(args, "json");
	size_t n = 0;
	int64_t id;
	int rc;

	if (hf_ctx_conf(ctx, &conf) || hf_ctx_store(ctx, &store))
		return hf_fail_last();
	if (drop || retry) {
		struct hf_wb_outcome *o = NULL;
		size_t k = 0;

		if ((rc = hf_cmd_act_writable(ctx, drop ? "outbox --drop" : "outbox --retry")))
			return rc;
		if (!parse_id(drop ? drop : retry, &id))
			return hf_fail("'%s' is not an action number (see 'handoff outbox')",
				       drop ? drop : retry);
		if (drop) {
			if (hf_wb_drop(store, conf, id))
				return hf_fail_last();
			if (!json)
				printf("dropped action %lld\n", (long long)id);
		} else {
			struct hf_outbox_entry got = { 0 };
			bool found;

			if (hf_wb_retry(store, conf, id) || hf_store_outbox_get(store, id, &got, &found))
				return hf_fail_last();
			rc = hf_args_has(args, "no-push") ? HF_OK
							  : hf_wb_push(store, conf, got.source, &o, &k);
			hf_outbox_entry_clear(&got);
			if (rc)
				return hf_fail_last();
			rc = print_outcomes(json, o, k);
			hf_wb_outcomes_free(o, k);
			return rc;
		}
	}
	if (hf_store_outbox_list(store, NULL, hf_args_has(args, "all") ? HF_OUTBOX_ALL : HF_OUTBOX_OPEN,
				 &e, &n))
		return hf_fail_last();
	if (json) {
		json_t *doc = json_object(), *list = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, entry_json(&e[i]));
		json_object_set_new(doc, "actions", list);
		hf_out_json(stdout, doc);
	} else if (!n && !drop) {
		puts("nothing waits in the outbox");
	} else {
		for (size_t i = 0; i < n; i++) {
			char at[32];

			hf_time_format_minutes(e[i].created, at, sizeof(at));
			printf("%4lld  %-8s %s  %-10s ", (long long)e[i].id,
			       hf_outbox_state_name(e[i].state), at, e[i].actor ? e[i].actor : "");
			hf_out_text(stdout, e[i].summary);
			fputc('\n', stdout);
			if (e[i].error) {
				fputs("      ", stdout);
				hf_out_text(stdout, e[i].error);
				fputc('\n', stdout);
			}
		}
	}
	hf_outbox_free(e, n);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag push_flags[] = {
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

static const struct hf_cmd_flag outbox_flags[] = {
	{ "all", NULL, "also the actions that landed or were dropped" },
	{ "drop", "N", "drop action N: it leaves the outbox and the view" },
	{ "retry", "N", "apply action N (in conflict or refused) to the pod as it is now, and push it" },
	{ "no-push", NULL, "with --retry: queue it again, do not push yet" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_push = {
	"push", "[SOURCE...] [--json]",
	"send the actions waiting in the outbox, oldest first (exit 1: some did not land)",
	push_flags, 0, -1, run_push,
};

const struct hf_cmd hf_cmd_outbox = {
	"outbox", "[--all] [--drop N | --retry N] [--json]",
	"the actions not landed yet: pending, in conflict, refused; drop or retry one",
	outbox_flags, 0, 0, run_outbox,
};
