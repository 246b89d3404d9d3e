/* mine.c: `handoff mine [--json]`: what is yours to do, what blocks most first */
#include "config.h"

#include <stdio.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/mine.h"
#include "handoff/out.h"

static json_t *item_json(const struct hf_mine_item *it)
{
	json_t *o = json_object();
	char at[32];

	json_object_set_new(o, "kind", json_string(it->kind));
	json_object_set_new(o, "model", hf_json_str(it->model));
	json_object_set_new(o, "ref", hf_json_str(it->ref));
	json_object_set_new(o, "title", hf_json_str(it->title));
	json_object_set_new(o, "detail", hf_json_str(it->detail));
	json_object_set_new(o, "blocks", json_integer(it->weight));
	hf_time_format(it->at, at, sizeof(at));
	json_object_set_new(o, "at", it->at ? json_string(at) : json_null());
	return o;
}

static int run_mine(struct hf_ctx *ctx, const struct hf_args *args)
{
	const char *handle = NULL;
	struct hf_store *store;
	struct hf_mine m;

	if (hf_ctx_user(ctx, &handle) || hf_ctx_store(ctx, &store) ||
	    hf_mine_load(store, handle, hf_now(), &m))
		return hf_fail_last();
	if (hf_args_has(args, "json")) {
		json_t *doc = json_object(), *items = json_array();

		json_object_set_new(doc, "user", json_string(handle));
		for (size_t i = 0; i < m.n; i++)
			json_array_append_new(items, item_json(&m.items[i]));
		json_object_set_new(doc, "items", items);
		hf_out_json(stdout, doc);
	} else if (!m.n) {
		puts("nothing is waiting for you");
	}
	for (size_t i = 0; i < m.n && !hf_args_has(args, "json"); i++) {
		const struct hf_mine_item *it = &m.items[i];

		printf("%-6s ", it->kind);
		if (it->model) {
			hf_out_text(stdout, it->model);
			fputs(" ", stdout);
		}
		hf_out_text(stdout, it->ref ? it->ref : "");
		fputs(": ", stdout);
		hf_out_text(stdout, it->title);
		if (it->detail) {
			fputs(" (", stdout);
			hf_out_text(stdout, it->detail);
			putchar(')');
		}
		puts(it->weight == 2 ? " [blocks a sprint item]" : it->weight == 1 ? " [blocks the next stage]" : "");
	}
	hf_mine_clear(&m);
	return HF_EXIT_OK;
}

static const struct hf_cmd_flag mine_flags[] = {
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_mine = {
	"mine", "[--json]",
	"what is yours to do ([user] handle): open items you own, sprint items, reviews, shifts",
	mine_flags, 0, 0, run_mine,
};
