/* fuzz_jsonedit.c: libFuzzer target: any bytes as a pod file under every kind of action: the edit parses, touches only its entry, never crashes */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/act.h"
#include "handoff/jsonedit.h"
#include "handoff/xmalloc.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* One action per kind that edits a file; the first byte of the input picks one. */
static const char *const actions[] = {
	"{\"action\": \"tick\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"a\", \"evidence\": \"https://e/\\u00e9\"}",
	"{\"action\": \"waive\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"b\", \"reason\": \"r\\n\\\"q\\\"\", \"until\": \"2027-01-01\"}",
	"{\"action\": \"reopen\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"a\"}",
	"{\"action\": \"note\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"model\": \"m\", \"item\": \"a\", \"note\": \"\"}",
	"{\"action\": \"sprint-add\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"auto_id\": true, \"title\": \"t\", \"type\": \"shared\", \"points\": \"1.5\"}",
	"{\"action\": \"sprint-remove\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"id\": \"S-1\"}",
	"{\"action\": \"sprint-set\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"id\": \"S-1\", \"field\": \"blocked_by\", \"value\": \"S-2\"}",
	"{\"action\": \"capacity\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"sprint\": \"s\", \"handle\": \"raj\", \"value\": \"8\"}",
	"{\"action\": \"override\", \"path\": \"f.json\", \"by\": \"ana\", \"at\": \"2026-11-29\", \"rotation\": \"r\", \"who\": \"ana\", \"from\": \"2026-12-04T09:00\", \"to\": \"2026-12-04T18:00\"}",
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

/* The root key each action may change; everything else must keep its canonical form. */
static const char *touched(enum hf_act_kind k)
{
	switch (k) {
	case HF_ACT_CAPACITY: return "capacity";
	case HF_ACT_OVERRIDE: return "overrides";
	default: return "items";
	}
}

static void same_elsewhere(const char *in, size_t in_len, const char *out, size_t out_len,
			   const char *key)
{
	struct hf_jdoc a, b;

	if (hf_jdoc_parse(&a, "in", in, in_len))
		abort();
	if (hf_jdoc_parse(&b, "out", out, out_len))
		abort();	/* an edit must leave valid JSON */
	for (size_t i = 0; i < a.root->nkids; i++) {
		const struct hf_jnode *x = a.root->kids[i], *y;
		char *cx, *cy;

		if (!strcmp(x->key, key) || hf_jnode_count(a.root, x->key) > 1)
			continue;
		y = hf_jnode_member(b.root, x->key);
		if (!y)
			abort();
		cx = hf_jnode_canonical(x);
		cy = hf_jnode_canonical(y);
		if (strcmp(cx, cy) != 0)
			abort();
		free(cx);
		free(cy);
	}
	hf_jdoc_clear(&a);
	hf_jdoc_clear(&b);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct hf_act a;
	struct hf_strbuf out = HF_STRBUF_INIT;
	const char *text = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	char *what = NULL;

	if (!size || hf_act_from_json(actions[data[0] % NACTIONS], &a))
		return 0;
	hf_strbuf_init(&out);
	if (hf_act_apply(&a, text, len, &out) == HF_OK) {
		same_elsewhere(text, len, out.buf, out.len, touched(a.kind));
		/* the same file twice is never a conflict */
		if (hf_act_rebase(&a, text, len, text, len, &what) != HF_REBASE_CLEAN)
			abort();
	} else {
		hf_act_rebase(&a, text, len, out.buf, out.len, &what);
	}
	free(what);
	hf_error_clear();
	hf_strbuf_release(&out);
	hf_act_clear(&a);
	return 0;
}
