/* inbox.c: `handoff inbox [--since TIME] [--mark-read] [--json]`: what changed on your models since you last looked */
#include "config.h"

#include <stdio.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/inbox.h"
#include "handoff/out.h"

static json_t *item_json(const struct hf_inbox_item *it)
{
	json_t *o = json_object();
	char at[32];

	hf_time_format(it->at, at, sizeof(at));
	json_object_set_new(o, "at", json_string(at));
	json_object_set_new(o, "kind", json_string(it->kind));
	json_object_set_new(o, "model", hf_json_str(it->model));
	json_object_set_new(o, "actor", hf_json_str(it->actor));
	json_object_set_new(o, "summary", hf_json_str(it->summary));
	json_object_set_new(o, "ref", hf_json_str(it->ref));
	json_object_set_new(o, "unread", json_boolean(it->unread));
	return o;
}

static int run_inbox(struct hf_ctx *ctx, const struct hf_args *args)
{
	const char *handle = NULL, *since_text = hf_args_get(args, "since");
	struct hf_store *store;
	struct hf_inbox in;
	int64_t since = -1, now = hf_now();

	if (hf_ctx_user(ctx, &handle))
		return hf_fail_last();
	if (since_text && hf_time_parse(since_text, &since))
		return hf_fail("--since: %s", hf_last_error());
	if (hf_ctx_store(ctx, &store) || hf_inbox_load(store, handle, since, now, &in))
		return hf_fail_last();
	if (hf_args_has(args, "json")) {
		json_t *doc = json_object(), *items = json_array();
		char seen[32];

		hf_time_format(in.seen, seen, sizeof(seen));
		json_object_set_new(doc, "user", json_string(handle));
		json_object_set_new(doc, "seen", in.seen ? json_string(seen) : json_null());
		json_object_set_new(doc, "unread", json_integer((json_int_t)in.unread));
		for (size_t i = 0; i < in.n; i++)
			json_array_append_new(items, item_json(&in.items[i]));
		json_object_set_new(doc, "items", items);
		hf_out_json(stdout, doc);
	} else if (!in.n) {
		puts(since_text ? "nothing on your models since then" : "nothing new since you last looked");
	} else {
		for (size_t i = 0; i < in.n; i++) {
			const struct hf_inbox_item *it = &in.items[i];
			char at[32];

			hf_time_format_minutes(it->at, at, sizeof(at));
			printf("%s %s  ", it->unread ? "*" : " ", at);
			hf_out_text(stdout, it->model ? it->model : it->ref ? it->ref : "");
			fputs(": ", stdout);
			hf_out_text(stdout, it->summary);
			if (it->actor && *it->actor) {
				fputs(" (", stdout);
				hf_out_text(stdout, it->actor);
				putchar(')');
			}
			putchar('\n');
		}
	}
	if (hf_args_has(args, "mark-read") && hf_inbox_mark_read(store, handle, now, in.newest_id)) {
		hf_inbox_clear(&in);
		return hf_fail_last();
	}
	hf_inbox_clear(&in);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag inbox_flags[] = {
	{ "since", "TIME", "everything on your models since TIME (ISO 8601), read or not" },
	{ "mark-read", NULL, "then mark everything read" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_inbox = {
	"inbox", "[--since TIME] [--mark-read] [--json]",
	"what changed on your models ([user] handle) since you last marked it read",
	inbox_flags, 0, 0, run_inbox,
};
