/* out.c: sanitised text, fitted cells, Markdown text and JSON documents on stdout */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/out.h"
#include "handoff/podfile.h"
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

size_t hf_out_problems(FILE *out, const struct hf_problem *p, size_t n, const char *prefix,
		       bool errors_only)
{
	size_t errors = 0;

	for (size_t i = 0; i < n; i++) {
		struct hf_strbuf sb = HF_STRBUF_INIT;

		if (p[i].severity == HF_PROBLEM_ERROR)
			errors++;
		else if (errors_only)
			continue;
		hf_strbuf_init(&sb);
		hf_podfile_problem_text(&sb, &p[i], prefix);
		hf_out_text(out, sb.buf);
		fputc('\n', out);
		hf_strbuf_release(&sb);
	}
	return errors;
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

/*
 * jansson escapes C0 controls but writes every other code point as it is,
 * DEL, U+009B and U+202E included, which a terminal showing the JSON would
 * obey. Outside strings jansson writes only ASCII, so every byte of a
 * non-ASCII sequence (and every DEL) in its output is inside a string,
 * where its \u escape means the same character: swap those in.
 */
static void escape_hostile(struct hf_strbuf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		unsigned int c;
		size_t n;

		if (b < 0x7F) {
			size_t run = i + 1;

			while (run < len && (unsigned char)s[run] < 0x7F)
				run++;
			hf_strbuf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		n = b == 0x7F ? 1 : hf_utf8_decode(s + i, len - i, &c);
		if (b == 0x7F || (n && hf_codepoint_hostile(c)))
			hf_strbuf_addf(out, "\\u%04x", b == 0x7F ? 0x7Fu : c);
		else
			hf_strbuf_add(out, s + i, n ? n : 1);
		i += n ? n : 1;
	}
}

void hf_out_markdown(FILE *out, const char *s)
{
	char *clean = hf_sanitize(s ? s : "", HF_SANITIZE_TAB_AS_SPACE);

	for (const char *c = clean; *c; c++) {
		switch (*c) {
		case '<': fputs("&lt;", out); break;
		case '&': fputs("&amp;", out); break;
		case '|': fputs("&#124;", out); break;
		case '~': fputs("&#126;", out); break;
		default:
			if (strchr("\\`*_{}[]()#!>", *c))
				fputc('\\', out);
			fputc(*c, out);
		}
	}
	free(clean);
}

int hf_out_json(FILE *out, json_t *doc)
{
	json_t *ordered = json_object();
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char *text;

	/* "schema" first so a reader sees the version before anything else */
	json_object_set_new(ordered, "schema", json_integer(1));
	json_object_update(ordered, doc);
	json_decref(doc);
	text = json_dumps(ordered, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(ordered);
	if (!text)
		return -1;
	hf_strbuf_init(&sb);
	escape_hostile(&sb, text, strlen(text));
	hf_strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, out);
	hf_strbuf_release(&sb);
	free(text);
	return 0;
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
