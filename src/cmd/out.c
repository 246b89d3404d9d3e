/* out.c: sanitised text, fitted cells and JSON documents on stdout */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/out.h"
#include "handoff/sanitize.h"
#include "handoff/width.h"

void hf_out_text(FILE *out, const char *s)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	if (s)
		hf_sanitize_append(&sb, s, strlen(s), HF_SANITIZE_TAB_AS_SPACE);
	fputs(sb.buf, out);
	hf_strbuf_release(&sb);
}

void hf_out_cell(struct hf_strbuf *sb, const char *s, int cols)
{
	struct hf_strbuf clean = HF_STRBUF_INIT;

	hf_strbuf_init(&clean);
	if (s)
		hf_sanitize_append(&clean, s, strlen(s), HF_SANITIZE_TAB_AS_SPACE);
	hf_width_fit(sb, clean.buf, cols, 1);
	hf_strbuf_release(&clean);
}

int hf_out_json(FILE *out, json_t *doc)
{
	json_t *ordered = json_object();
	int rc;

	/* "schema" first so a reader sees the version before anything else */
	json_object_set_new(ordered, "schema", json_integer(1));
	json_object_update(ordered, doc);
	json_decref(doc);
	rc = json_dumpf(ordered, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(ordered);
	return rc;
}

json_t *hf_json_str(const char *s)
{
	json_t *j;
	char *clean;

	if (!s)
		return json_null();
	if ((j = json_string(s)))
		return j;
	/* not valid UTF-8: JSON cannot carry it, so send the sanitised form */
	clean = hf_sanitize(s, HF_SANITIZE_KEEP_NEWLINE);
	j = json_string(clean);
	free(clean);
	return j;
}
