/* test_jsonedit.c: the JSON edit engine: parsing with spans, styles of new entries, golden edits of real pod files */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "handoff/act.h"
#include "handoff/jsonedit.h"
#include "handoff/xmalloc.h"

#define GOLDEN HF_ABS_SRCDIR "/tests/golden/edit"

/* ---- parsing ---- */

static void test_parse_spans(void **state)
{
	const char *t = "{ \"a\" : [1, -2.5e3, true],\n\t\"b\": {\"c\": \"x\\u00e9\\\"\"}, \"d\": null }";
	struct hf_jdoc doc;
	struct hf_jnode *a, *b, *c;

	(void)state;
	assert_int_equal(hf_jdoc_parse(&doc, "t.json", t, strlen(t)), HF_OK);
	a = hf_jnode_member(doc.root, "a");
	assert_non_null(a);
	assert_int_equal(a->type, HF_JSON_ARRAY);
	assert_int_equal(a->nkids, 3);
	assert_memory_equal(t + a->start, "[1, -2.5e3, true]", a->end - a->start);
	assert_memory_equal(t + a->key_start, "\"a\"", 3);
	assert_string_equal(a->kids[1]->str, "-2.5e3");
	b = hf_jnode_member(doc.root, "b");
	c = hf_jnode_member(b, "c");
	assert_string_equal(c->str, "x\xc3\xa9\"");
	assert_ptr_equal(c->parent, b);
	assert_int_equal(hf_jnode_member(doc.root, "d")->type, HF_JSON_NULL);
	assert_null(hf_jnode_member(doc.root, "zz"));
	hf_jdoc_clear(&doc);
}

static void test_parse_errors(void **state)
{
	static const struct { const char *text, *message; } cases[] = {
		{ "", "line 1, column 1: expected a value" },
		{ "{\"a\": 1,}", "column 9: expected a key in quotes" },
		{ "{\"a\" 1}", "expected ':' after a key" },
		{ "{\"a\": 01}", "expected ',' or '}'" },
		{ "{\"a\": 1.}", "expected a value" },
		{ "{\"a\": \"x\ny\"}", "line 1, column 9: a control character in a string" },
		{ "{\"a\": \"\\u0000\"}", "\\u0000 is not allowed" },
		{ "{\"a\": \"\\ud800\"}", "a high surrogate without its low half" },
		{ "{\"a\": \"\\udc00\"}", "a lone low surrogate" },
		{ "{\"a\": \"\\x\"}", "an unknown escape" },
		{ "{\"a\": \"\xc3\x28\"}", "invalid UTF-8 in a string" },
		{ "{\"a\": \"\xed\xa0\x80\"}", "invalid UTF-8 in a string" },
		{ "{} {}", "text after the value" },
		{ "{\"a\": tru}", "expected a value" },
		{ "{\n\n  \"a\": [1 2]}", "line 3, column 11: expected ',' or ']'" },
		{ "{\"\xc3\xa9\": \"\xc3\xa9\" x}", "line 1, column 11" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hf_jdoc doc;

		if (hf_jdoc_parse(&doc, "bad.json", cases[i].text, strlen(cases[i].text)) != HF_EINVAL)
			fail_msg("case %zu parsed", i);
		if (!strstr(hf_last_error(), cases[i].message) ||
		    !strstr(hf_last_error(), "'bad.json' is not valid JSON"))
			fail_msg("case %zu: '%s' lacks '%s'", i, hf_last_error(), cases[i].message);
	}
}

static void test_depth_limit(void **state)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	struct hf_jdoc doc;

	(void)state;
	hf_strbuf_init(&sb);
	for (int i = 0; i < HF_JSON_MAX_DEPTH + 1; i++)
		hf_strbuf_addch(&sb, '[');
	for (int i = 0; i < HF_JSON_MAX_DEPTH + 1; i++)
		hf_strbuf_addch(&sb, ']');
	assert_int_equal(hf_jdoc_parse(&doc, "deep.json", sb.buf, sb.len), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "nested too deeply"));
	hf_strbuf_setlen(&sb, 0);
	for (int i = 0; i < HF_JSON_MAX_DEPTH; i++)
		hf_strbuf_addch(&sb, '[');
	for (int i = 0; i < HF_JSON_MAX_DEPTH; i++)
		hf_strbuf_addch(&sb, ']');
	assert_int_equal(hf_jdoc_parse(&doc, "deep.json", sb.buf, sb.len), HF_OK);
	hf_jdoc_clear(&doc);
	hf_strbuf_release(&sb);
}

static void test_canonical(void **state)
{
	const char *x = "{\"a\": [1, {\"b\" : \"\\u00e9\\/\"}],\n \"c\": null}";
	const char *y = "{\"a\":[1,{\"b\":\"\xc3\xa9/\"}],\"c\":null}";
	struct hf_jdoc dx, dy;
	char *cx, *cy;

	(void)state;
	assert_int_equal(hf_jdoc_parse(&dx, "x", x, strlen(x)), HF_OK);
	assert_int_equal(hf_jdoc_parse(&dy, "y", y, strlen(y)), HF_OK);
	cx = hf_jnode_canonical(dx.root);
	cy = hf_jnode_canonical(dy.root);
	assert_string_equal(cx, cy);
	assert_string_equal(cx, y);
	free(cx);
	free(cy);
	hf_jdoc_clear(&dx);
	hf_jdoc_clear(&dy);
}

/* One edit on text, compared with the expected text. */
static void edit_case(const char *text, const char *key, struct hf_jval *v, const char *want)
{
	struct hf_jedit ed;

	assert_int_equal(hf_jedit_open(&ed, "t.json", text, strlen(text)), HF_OK);
	if (v)
		assert_int_equal(hf_jedit_set(&ed, ed.doc.root, key, v), HF_OK);
	else
		assert_int_equal(hf_jedit_unset(&ed, ed.doc.root, key), HF_OK);
	assert_string_equal(ed.text.buf, want);
	hf_jedit_close(&ed);
	hf_jval_free(v);
}

static void test_styles(void **state)
{
	(void)state;
	/* inline: separators copied from the neighbours */
	edit_case("{\"a\":1,\"b\":2}", "c", hf_jval_string("x"), "{\"a\":1,\"b\":2,\"c\":\"x\"}");
	edit_case("{ \"a\" : 1 ,  \"b\" : 2 }", "c", hf_jval_bool(true),
		  "{ \"a\" : 1 ,  \"b\" : 2 ,  \"c\" : true }");
	/* one per line, indentation of the last member */
	edit_case("{\n    \"a\": 1,\n    \"b\": 2\n}\n", "c", hf_jval_null(),
		  "{\n    \"a\": 1,\n    \"b\": 2,\n    \"c\": null\n}\n");
	/* first member beside the brace, the rest aligned under it */
	edit_case("{ \"a\": 1,\n  \"b\": 2 }", "c", hf_jval_number("3"), "{ \"a\": 1,\n  \"b\": 2,\n  \"c\": 3 }");
	/* empty objects */
	edit_case("{}", "a", hf_jval_number("1"), "{\"a\": 1}");
	edit_case("{ }", "a", hf_jval_number("1"), "{ \"a\": 1 }");
	edit_case("{\n\t\"x\": {\n\t}\n}", "z", hf_jval_number("1"), "{\n\t\"x\": {\n\t},\n\t\"z\": 1\n}");
	/* replace keeps everything around the value */
	edit_case("{\"a\" :   \"old\"  , \"b\": 1}", "a", hf_jval_string("n\xc3\xa9w \"q\""),
		  "{\"a\" :   \"n\xc3\xa9w \\\"q\\\"\"  , \"b\": 1}");
	/* removal: first, middle, last, only */
	edit_case("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}", "a", NULL, "{\n  \"b\": 2,\n  \"c\": 3\n}");
	edit_case("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}", "b", NULL, "{\n  \"a\": 1,\n  \"c\": 3\n}");
	edit_case("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}", "c", NULL, "{\n  \"a\": 1,\n  \"b\": 2\n}");
	edit_case("{\"a\": 1}", "a", NULL, "{}");
	edit_case("{ \"a\": 1 }", "a", NULL, "{ }");
	edit_case("{\"a\": 1}", "zz", NULL, "{\"a\": 1}");
}

static void test_nested_render(void **state)
{
	struct hf_jval *o = hf_jval_object(), *links = hf_jval_array();
	struct hf_jedit ed;
	const char *text = "{\"items\": [\n  {\n    \"id\": \"A\"\n  }\n]}";

	(void)state;
	hf_jval_push(links, hf_jval_string("u"));
	hf_jval_put(o, "id", hf_jval_string("B"));
	hf_jval_put(o, "links", links);
	assert_int_equal(hf_jedit_open(&ed, "t.json", text, strlen(text)), HF_OK);
	assert_int_equal(hf_jedit_append(&ed, hf_jnode_member(ed.doc.root, "items"), o), HF_OK);
	/* a sibling laid out one member per line: so is the new one; nested values inline */
	assert_string_equal(ed.text.buf, "{\"items\": [\n  {\n    \"id\": \"A\"\n  },\n  {\n    \"id\": \"B\",\n"
					 "    \"links\": [\"u\"]\n  }\n]}");
	hf_jedit_close(&ed);
	hf_jval_free(o);
}

static void test_refusals(void **state)
{
	struct hf_jedit ed;
	struct hf_jval *v = hf_jval_number("1");
	const char *dup = "{\"a\": 1, \"a\": 2}";

	(void)state;
	assert_null(hf_jval_number("1."));
	assert_null(hf_jval_number("0x10"));
	assert_true(hf_json_is_number("-0.5E+3"));
	assert_int_equal(hf_jedit_open(&ed, "list.json", "[1]", 3), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "'list.json' is not a JSON object"));
	hf_jedit_close(&ed);
	assert_int_equal(hf_jedit_open(&ed, "dup.json", dup, strlen(dup)), HF_OK);
	assert_int_equal(hf_jedit_set(&ed, ed.doc.root, "a", v), HF_EINVAL);
	assert_non_null(strstr(hf_last_error(), "appears twice"));
	assert_string_equal(ed.text.buf, dup);
	hf_jedit_close(&ed);
	hf_jval_free(v);
	/* a value that is not valid UTF-8 would make the file unreadable: refused */
	v = hf_jval_string("bad \xff byte");
	assert_int_equal(hf_jedit_open(&ed, "t.json", "{}", 2), HF_OK);
	assert_int_equal(hf_jedit_set(&ed, ed.doc.root, "a", v), HF_EINVAL);
	assert_string_equal(ed.text.buf, "{}");
	hf_jedit_close(&ed);
	hf_jval_free(v);
}

/* ---- golden files: tests/golden/edit/<case>.in + .act -> .out | .err ---- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char buf[4096];
	size_t got;

	if (!f)
		return NULL;
	hf_strbuf_init(&sb);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		hf_strbuf_add(&sb, buf, got);
	fclose(f);
	if (len)
		*len = sb.len;
	return hf_strbuf_detach(&sb);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run one case; returns an error message (caller frees) or NULL. */
static char *run_case(const char *name)
{
	char path[512], *text, *acts, *line, *want, *err = NULL;
	size_t len = 0;
	struct hf_strbuf cur = HF_STRBUF_INIT, next = HF_STRBUF_INIT;
	enum hf_status rc = HF_OK;
	bool exists;

	hf_strbuf_init(&cur);
	hf_strbuf_init(&next);
	snprintf(path, sizeof(path), GOLDEN "/%s.in", name);
	text = slurp(path, &len);
	exists = text != NULL;
	if (text)
		hf_strbuf_add(&cur, text, len);
	free(text);
	snprintf(path, sizeof(path), GOLDEN "/%s.act", name);
	acts = slurp(path, NULL);
	if (!acts)
		return xasprintf("%s: no .act file", name);
	for (line = acts; *line && !rc;) {
		char *nl = strchr(line, '\n');
		struct hf_act a;

		if (nl)
			*nl = '\0';
		if (hf_act_from_json(line, &a)) {
			err = xasprintf("%s: bad action line: %s", name, hf_last_error());
			break;
		}
		if (hf_act_validate(&a)) {
			err = xasprintf("%s: invalid action: %s", name, hf_last_error());
			hf_act_clear(&a);
			break;
		}
		rc = hf_act_apply(&a, exists ? cur.buf : NULL, cur.len, &next);
		hf_act_clear(&a);
		if (!rc) {
			struct hf_jdoc doc;

			if (hf_jdoc_parse(&doc, name, next.buf, next.len))
				err = xasprintf("%s: the output does not parse: %s", name, hf_last_error());
			hf_jdoc_clear(&doc);
			hf_strbuf_reset(&cur);
			hf_strbuf_add(&cur, next.buf, next.len);
			exists = true;
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
	free(acts);
	if (!err && rc) {
		snprintf(path, sizeof(path), GOLDEN "/%s.err", name);
		want = slurp(path, NULL);
		if (want && strchr(want, '\n'))
			*strchr(want, '\n') = '\0';
		if (!want || !strstr(hf_last_error(), want))
			err = xasprintf("%s: failed with '%s', expected '%s'", name, hf_last_error(),
					want ? want : "(no .err file: success)");
		free(want);
	} else if (!err) {
		snprintf(path, sizeof(path), GOLDEN "/%s.out", name);
		if (getenv("HF_GOLDEN_UPDATE")) {
			FILE *f = fopen(path, "wb");

			if (f) {
				fwrite(cur.buf, 1, cur.len, f);
				fclose(f);
			}
		}
		want = slurp(path, &len);
		if (!want || len != cur.len || memcmp(want, cur.buf, len) != 0)
			err = xasprintf("%s: the edited text differs from %s\n--- expected\n%s\n--- got\n%s",
					name, path, want ? want : "(missing)", cur.buf);
		free(want);
	}
	hf_strbuf_release(&cur);
	hf_strbuf_release(&next);
	return err;
}

static void test_golden(void **state)
{
	DIR *d = opendir(GOLDEN);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, failed = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".act") == 0) {
			names = xgrow(names, n + 1, &alloc, sizeof(*names));
			names[n++] = xstrndup(e->d_name, len - 4);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	assert_true(n >= 20);
	for (size_t i = 0; i < n; i++) {
		char *err = run_case(names[i]);

		if (err) {
			print_error("%s\n", err);
			failed++;
		}
		free(err);
	}
	hf_strv_free(names, n);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_spans),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_canonical),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_nested_render),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_golden),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
