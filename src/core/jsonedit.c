/* jsonedit.c: values to write and surgical edits that leave every other byte of a JSON text as it was */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/jsonedit.h"
#include "handoff/xmalloc.h"

/* ---- values to write ---- */

static struct hf_jval *jval_new(enum hf_json_type type, const char *text)
{
	struct hf_jval *v = xcalloc(1, sizeof(*v));

	v->type = type;
	v->text = xstrdup(text);
	return v;
}

struct hf_jval *hf_jval_string(const char *s)
{
	return jval_new(HF_JSON_STRING, s ? s : "");
}

struct hf_jval *hf_jval_number(const char *text)
{
	return hf_json_is_number(text) ? jval_new(HF_JSON_NUMBER, text) : NULL;
}

struct hf_jval *hf_jval_null(void)
{
	return jval_new(HF_JSON_NULL, "null");
}

struct hf_jval *hf_jval_bool(bool b)
{
	return jval_new(b ? HF_JSON_TRUE : HF_JSON_FALSE, b ? "true" : "false");
}

struct hf_jval *hf_jval_object(void)
{
	return jval_new(HF_JSON_OBJECT, NULL);
}

struct hf_jval *hf_jval_array(void)
{
	return jval_new(HF_JSON_ARRAY, NULL);
}

static void jval_add(struct hf_jval *c, const char *key, struct hf_jval *v)
{
	size_t alloc = c->alloc;

	c->kids = xgrow(c->kids, c->n + 1, &c->alloc, sizeof(*c->kids));
	c->keys = xgrow(c->keys, c->n + 1, &alloc, sizeof(*c->keys));
	c->keys[c->n] = xstrdup(key);
	c->kids[c->n++] = v;
}

void hf_jval_put(struct hf_jval *obj, const char *key, struct hf_jval *v)
{
	jval_add(obj, key, v);
}

void hf_jval_push(struct hf_jval *arr, struct hf_jval *v)
{
	jval_add(arr, NULL, v);
}

void hf_jval_free(struct hf_jval *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		hf_jval_free(v->kids[i]);
		free(v->keys[i]);
	}
	free(v->kids);
	free(v->keys);
	free(v->text);
	free(v);
}

/* ---- layout ---- */

static size_t head(const struct hf_jnode *n)
{
	return n->key ? n->key_start : n->start;
}

static size_t line_start(const char *t, size_t pos)
{
	while (pos > 0 && t[pos - 1] != '\n')
		pos--;
	return pos;
}

static bool blank(const char *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (t[a] != ' ' && t[a] != '\t')
			return false;
	return true;
}

static bool has_newline(const char *t, size_t a, size_t b)
{
	return a < b && memchr(t + a, '\n', b - a) != NULL;
}

/* Nothing but indentation before pos on its line. */
static bool own_line(const char *t, size_t pos)
{
	return blank(t, line_start(t, pos), pos);
}

/* The indentation that puts text at pos's column: tabs kept, every other character a space. */
static void indent_to(struct hf_strbuf *sb, const char *t, size_t pos)
{
	for (size_t i = line_start(t, pos); i < pos; i++) {
		if (t[i] == '\t')
			hf_strbuf_addch(sb, '\t');
		else if (((unsigned char)t[i] & 0xC0) != 0x80)
			hf_strbuf_addch(sb, ' ');
	}
}

/* The file's line ending: CRLF when its first line ends so. */
static const char *newline_of(const char *t, size_t len)
{
	const char *nl = memchr(t, '\n', len);

	return nl && nl > t && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* One level of the file's indentation: a tab, or the smallest indentation in spaces (default 2). */
static void indent_unit(struct hf_strbuf *sb, const char *t, size_t len)
{
	size_t best = 0;

	for (size_t ls = 0; ls < len;) {
		size_t i = ls, n = 0;

		while (i < len && t[i] == ' ') {
			i++;
			n++;
		}
		if (i < len && t[i] == '\t' && n == 0) {
			hf_strbuf_addch(sb, '\t');
			return;
		}
		if (n && i < len && t[i] != '\n' && t[i] != '\r' && (!best || n < best))
			best = n;
		while (i < len && t[i] != '\n')
			i++;
		ls = i + 1;
	}
	if (!best || best > 8)
		best = 2;
	for (size_t i = 0; i < best; i++)
		hf_strbuf_addch(sb, ' ');
}

/* How a composite value is laid out, taken from an existing one. */
struct style {
	bool multi;		/* one kid per line, closing bracket on its own line */
	struct hf_strbuf kid_indent, close_indent;	/* multi */
	struct hf_strbuf open_pad, close_pad, sep;	/* inline */
	struct hf_strbuf colon;
	const char *nl;
};

static void style_init(struct style *st, const char *nl)
{
	memset(st, 0, sizeof(*st));
	hf_strbuf_init(&st->kid_indent);
	hf_strbuf_init(&st->close_indent);
	hf_strbuf_init(&st->open_pad);
	hf_strbuf_init(&st->close_pad);
	hf_strbuf_init(&st->sep);
	hf_strbuf_init(&st->colon);
	hf_strbuf_adds(&st->sep, ", ");
	hf_strbuf_adds(&st->colon, ": ");
	st->nl = nl;
}

static void style_release(struct style *st)
{
	hf_strbuf_release(&st->kid_indent);
	hf_strbuf_release(&st->close_indent);
	hf_strbuf_release(&st->open_pad);
	hf_strbuf_release(&st->close_pad);
	hf_strbuf_release(&st->sep);
	hf_strbuf_release(&st->colon);
}

static void set_span(struct hf_strbuf *sb, const char *t, size_t a, size_t b)
{
	hf_strbuf_reset(sb);
	hf_strbuf_add(sb, t + a, b - a);
}

/* The text between a key and its value, when it is on one line. */
static void colon_from(struct style *st, const char *t, const struct hf_jnode *member)
{
	if (member && member->key && !has_newline(t, member->key_end, member->start))
		set_span(&st->colon, t, member->key_end, member->start);
}

/* A colon seen anywhere in the document, so new members look like the old ones. */
static const struct hf_jnode *any_member(const struct hf_jnode *n)
{
	if (n->type != HF_JSON_OBJECT && n->type != HF_JSON_ARRAY)
		return NULL;
	for (size_t i = 0; i < n->nkids; i++) {
		const struct hf_jnode *m = n->kids[i]->key ? n->kids[i] : any_member(n->kids[i]);

		if (m)
			return m;
	}
	return NULL;
}

/* The style of composite value tpl (the layout to copy for a new sibling). */
static void style_from(struct style *st, const char *t, const struct hf_jnode *tpl)
{
	size_t close = tpl->end - 1, n = tpl->nkids;

	if (n && tpl->kids[0]->key)
		colon_from(st, t, tpl->kids[0]);
	if (!n) {
		if (!has_newline(t, tpl->start + 1, close) && close > tpl->start + 1) {
			hf_strbuf_adds(&st->open_pad, " ");
			hf_strbuf_adds(&st->close_pad, " ");
		}
		return;
	}
	st->multi = own_line(t, close);
	for (size_t i = 0; i < n && st->multi; i++)
		st->multi = own_line(t, head(tpl->kids[i]));
	if (st->multi) {
		set_span(&st->kid_indent, t, line_start(t, head(tpl->kids[0])), head(tpl->kids[0]));
		set_span(&st->close_indent, t, line_start(t, close), close);
		return;
	}
	if (!has_newline(t, tpl->start + 1, head(tpl->kids[0])))
		set_span(&st->open_pad, t, tpl->start + 1, head(tpl->kids[0]));
	if (!has_newline(t, tpl->kids[n - 1]->end, close))
		set_span(&st->close_pad, t, tpl->kids[n - 1]->end, close);
	if (n >= 2 && !has_newline(t, tpl->kids[0]->end, head(tpl->kids[1])))
		set_span(&st->sep, t, tpl->kids[0]->end, head(tpl->kids[1]));
}

static void render(struct hf_strbuf *sb, const struct hf_jval *v, const struct style *st, bool nested);

static void render_kid(struct hf_strbuf *sb, const struct hf_jval *c, size_t i,
		       const struct style *st)
{
	if (c->type == HF_JSON_OBJECT) {
		hf_json_quote(sb, c->keys[i]);
		hf_strbuf_adds(sb, st->colon.buf);
	}
	render(sb, c->kids[i], st, true);
}

static void render(struct hf_strbuf *sb, const struct hf_jval *v, const struct style *st, bool nested)
{
	bool obj = v->type == HF_JSON_OBJECT;

	if (v->type == HF_JSON_STRING) {
		hf_json_quote(sb, v->text);
		return;
	}
	if (!obj && v->type != HF_JSON_ARRAY) {
		hf_strbuf_adds(sb, v->text);
		return;
	}
	hf_strbuf_addch(sb, obj ? '{' : '[');
	if (!v->n) {
		hf_strbuf_addch(sb, obj ? '}' : ']');
		return;
	}
	if (st->multi && !nested) {
		for (size_t i = 0; i < v->n; i++) {
			hf_strbuf_adds(sb, i ? "," : "");
			hf_strbuf_adds(sb, st->nl);
			hf_strbuf_adds(sb, st->kid_indent.buf);
			render_kid(sb, v, i, st);
		}
		hf_strbuf_adds(sb, st->nl);
		hf_strbuf_adds(sb, st->close_indent.buf);
	} else {
		hf_strbuf_adds(sb, nested ? "" : st->open_pad.buf);
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				hf_strbuf_adds(sb, st->sep.buf);
			render_kid(sb, v, i, st);
		}
		hf_strbuf_adds(sb, nested ? "" : st->close_pad.buf);
	}
	hf_strbuf_addch(sb, obj ? '}' : ']');
}

/* ---- edits ---- */

enum hf_status hf_jedit_open(struct hf_jedit *ed, const char *name, const char *text, size_t len)
{
	enum hf_status rc;

	memset(ed, 0, sizeof(*ed));
	ed->name = xstrdup(name);
	hf_strbuf_init(&ed->text);
	hf_strbuf_add(&ed->text, text, len);
	if ((rc = hf_jdoc_parse(&ed->doc, name, ed->text.buf, ed->text.len)))
		return rc;
	if (ed->doc.root->type != HF_JSON_OBJECT)
		return hf_error(HF_EINVAL, "'%s' is not a JSON object", name);
	return HF_OK;
}

void hf_jedit_close(struct hf_jedit *ed)
{
	hf_jdoc_clear(&ed->doc);
	hf_strbuf_release(&ed->text);
	free(ed->name);
	memset(ed, 0, sizeof(*ed));
}

/* Replace bytes [a, b) of the text with `with` and parse the result. */
static enum hf_status splice(struct hf_jedit *ed, size_t a, size_t b, const char *with)
{
	struct hf_strbuf next = HF_STRBUF_INIT;
	struct hf_jdoc doc;

	hf_strbuf_init(&next);
	hf_strbuf_add(&next, ed->text.buf, a);
	hf_strbuf_adds(&next, with);
	hf_strbuf_add(&next, ed->text.buf + b, ed->text.len - b);
	if (hf_jdoc_parse(&doc, ed->name, next.buf, next.len)) {
		hf_strbuf_release(&next);
		return hf_error(HF_EINVAL, "an edit of '%s' would not be valid JSON (a value that is "
				"not valid UTF-8?)", ed->name);
	}
	hf_jdoc_clear(&ed->doc);
	hf_strbuf_release(&ed->text);
	ed->text = next;
	ed->doc = doc;
	ed->doc.text = ed->text.buf;
	return HF_OK;
}

/* The template for a new value v in container c: its last kid of the same composite type. */
static const struct hf_jnode *template_for(const struct hf_jnode *c, const struct hf_jval *v)
{
	if (v->type != HF_JSON_OBJECT && v->type != HF_JSON_ARRAY)
		return NULL;
	for (size_t i = c->nkids; i-- > 0;)
		if (c->kids[i]->type == v->type)
			return c->kids[i];
	return NULL;
}

/* The separator between two kids on one line somewhere in the document, so new ones look alike. */
static bool any_sep(const char *t, const struct hf_jnode *n, struct hf_strbuf *out)
{
	if (n->type != HF_JSON_OBJECT && n->type != HF_JSON_ARRAY)
		return false;
	if (n->nkids >= 2 && !has_newline(t, n->kids[0]->end, head(n->kids[1]))) {
		set_span(out, t, n->kids[0]->end, head(n->kids[1]));
		return true;
	}
	for (size_t i = 0; i < n->nkids; i++)
		if (any_sep(t, n->kids[i], out))
			return true;
	return false;
}

/* Display columns from the start of pos's line to pos (characters; a tab to the next multiple of 8). */
static size_t column(const char *t, size_t pos)
{
	size_t col = 0;

	for (size_t i = line_start(t, pos); i < pos; i++) {
		if (t[i] == '\t')
			col = (col / 8 + 1) * 8;
		else if (((unsigned char)t[i] & 0xC0) != 0x80)
			col++;
	}
	return col;
}

static size_t text_width(const char *s, size_t len)
{
	size_t w = 0;

	for (size_t i = 0; i < len; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/*
 * The colon for a new member key: its neighbour's. When the neighbour pads
 * after the colon to line its value up with the members above (the new
 * member going on a line of its own), pad the new one to the same column.
 */
static void key_colon(struct hf_strbuf *sb, const char *t, const struct hf_jnode *sib,
		      const char *key_text, size_t key_len, size_t key_col, bool own_line_kid,
		      const struct hf_strbuf *fallback)
{
	size_t sp;
	bool aligned;

	if (!sib || !sib->key || has_newline(t, sib->key_end, sib->start)) {
		hf_strbuf_adds(sb, fallback->buf);
		return;
	}
	sp = sib->start - sib->key_end;
	aligned = sp >= 3 && t[sib->key_end] == ':' && blank(t, sib->key_end + 1, sib->start);
	if (own_line_kid && aligned) {
		size_t want = column(t, sib->start), at = key_col + text_width(key_text, key_len) + 1;

		hf_strbuf_addch(sb, ':');
		for (size_t i = at; i < want || i == at; i++)
			hf_strbuf_addch(sb, ' ');
		return;
	}
	if (aligned)
		hf_strbuf_adds(sb, ": ");
	else
		hf_strbuf_add(sb, t + sib->key_end, sp);
}

enum layout { LAYOUT_EMPTY, LAYOUT_LINES, LAYOUT_INLINE };

static enum hf_status insert_kid(struct hf_jedit *ed, const struct hf_jnode *c, const char *key,
				 const struct hf_jval *v)
{
	const char *t = ed->text.buf, *nl = newline_of(t, ed->text.len);
	const struct hf_jnode *last = c->nkids ? c->kids[c->nkids - 1] : NULL, *tpl;
	struct hf_strbuf with = HF_STRBUF_INIT, base = HF_STRBUF_INIT, qkey = HF_STRBUF_INIT;
	size_t n = c->nkids, open = c->start, close = c->end - 1, at, to, key_col;
	enum layout layout = n ? LAYOUT_INLINE : LAYOUT_EMPTY;
	struct style st;
	enum hf_status rc;

	hf_strbuf_init(&with);
	hf_strbuf_init(&base);
	hf_strbuf_init(&qkey);
	style_init(&st, nl);
	colon_from(&st, t, any_member(ed->doc.root));
	any_sep(t, ed->doc.root, &st.sep);
	if ((tpl = template_for(c, v)))
		style_from(&st, t, tpl);

	/* where the new kid goes, and what comes before it */
	if (n) {
		bool lines = true;

		for (size_t i = n >= 2 ? 1 : 0; i < n && lines; i++)
			lines = own_line(t, head(c->kids[i]));
		/* a lone object or array beside the bracket: the next goes under it */
		if (!lines && n == 1 && (last->type == HF_JSON_OBJECT || last->type == HF_JSON_ARRAY) &&
		    memchr(t, '\n', ed->text.len))
			lines = true;
		layout = lines ? LAYOUT_LINES : LAYOUT_INLINE;
	}
	if (layout == LAYOUT_EMPTY) {
		at = open + 1;
		to = close;
		if (has_newline(t, open + 1, close)) {
			if (own_line(t, close))
				set_span(&base, t, line_start(t, close), close);
			else
				indent_to(&base, t, line_start(t, open) +
					  strspn(t + line_start(t, open), " \t"));
			hf_strbuf_adds(&with, nl);
			hf_strbuf_adds(&with, base.buf);
			indent_unit(&with, t, ed->text.len);
		} else if (close > open + 1) {
			hf_strbuf_addch(&with, ' ');
		}
	} else {
		at = to = last->end;
		if (layout == LAYOUT_LINES) {
			hf_strbuf_adds(&with, ",");
			hf_strbuf_adds(&with, nl);
			indent_to(&with, t, head(last));
		} else if (n >= 2 && !has_newline(t, c->kids[n - 2]->end, head(last))) {
			hf_strbuf_add(&with, t + c->kids[n - 2]->end, head(last) - c->kids[n - 2]->end);
		} else {
			hf_strbuf_adds(&with, st.sep.buf);
		}
	}
	key_col = strrchr(with.buf, '\n') ? column(with.buf, with.len)
					   : column(t, at) + text_width(with.buf, with.len);
	if (key) {
		hf_json_quote(&qkey, key);
		hf_strbuf_adds(&with, qkey.buf);
		key_colon(&with, t, last, qkey.buf, qkey.len, key_col, layout != LAYOUT_INLINE &&
			  (layout == LAYOUT_LINES || has_newline(t, open + 1, close)), &st.colon);
	}
	render(&with, v, &st, false);
	if (layout == LAYOUT_EMPTY) {
		if (has_newline(t, open + 1, close)) {
			hf_strbuf_adds(&with, nl);
			hf_strbuf_adds(&with, base.buf);
		} else if (close > open + 1) {
			hf_strbuf_addch(&with, ' ');
		}
	}
	rc = splice(ed, at, to, with.buf);
	style_release(&st);
	hf_strbuf_release(&with);
	hf_strbuf_release(&base);
	hf_strbuf_release(&qkey);
	return rc;
}

static enum hf_status need(const struct hf_jedit *ed, const struct hf_jnode *n,
			   enum hf_json_type type)
{
	if (!n || n->type != type)
		return hf_error(HF_EINVAL, "'%s': the edit needs %s here", ed->name,
				type == HF_JSON_OBJECT ? "an object" : "an array");
	return HF_OK;
}

static enum hf_status unique(const struct hf_jedit *ed, const struct hf_jnode *obj, const char *key)
{
	if (hf_jnode_count(obj, key) > 1)
		return hf_error(HF_EINVAL, "'%s': the key \"%s\" appears twice in one object, so "
				"handoff does not know which to edit", ed->name, key);
	return HF_OK;
}

enum hf_status hf_jedit_set(struct hf_jedit *ed, const struct hf_jnode *obj, const char *key,
			    const struct hf_jval *v)
{
	const struct hf_jnode *m;
	struct hf_strbuf with = HF_STRBUF_INIT;
	struct style st;
	enum hf_status rc;

	if ((rc = need(ed, obj, HF_JSON_OBJECT)) || (rc = unique(ed, obj, key)))
		return rc;
	if (!(m = hf_jnode_member(obj, key)))
		return insert_kid(ed, obj, key, v);
	hf_strbuf_init(&with);
	style_init(&st, newline_of(ed->text.buf, ed->text.len));
	colon_from(&st, ed->text.buf, any_member(ed->doc.root));
	if (m->type == v->type && (v->type == HF_JSON_OBJECT || v->type == HF_JSON_ARRAY))
		style_from(&st, ed->text.buf, m);
	render(&with, v, &st, false);
	style_release(&st);
	rc = splice(ed, m->start, m->end, with.buf);
	hf_strbuf_release(&with);
	return rc;
}

enum hf_status hf_jedit_append(struct hf_jedit *ed, const struct hf_jnode *arr,
			       const struct hf_jval *v)
{
	enum hf_status rc = need(ed, arr, HF_JSON_ARRAY);

	return rc ? rc : insert_kid(ed, arr, NULL, v);
}

enum hf_status hf_jedit_remove(struct hf_jedit *ed, const struct hf_jnode *node)
{
	const struct hf_jnode *c = node ? node->parent : NULL;
	const char *t = ed->text.buf;
	size_t i = 0;

	if (!c)
		return hf_error(HF_EINVAL, "'%s': the whole file cannot be removed", ed->name);
	while (i < c->nkids && c->kids[i] != node)
		i++;
	if (c->nkids == 1) {
		size_t a = c->start + 1, b = c->end - 1;

		return splice(ed, a, b, !has_newline(t, a, b) && t[a] == ' ' ? " " : "");
	}
	if (i > 0)
		return splice(ed, c->kids[i - 1]->end, node->end, "");
	return splice(ed, head(node), head(c->kids[1]), "");
}

enum hf_status hf_jedit_unset(struct hf_jedit *ed, const struct hf_jnode *obj, const char *key)
{
	enum hf_status rc;
	const struct hf_jnode *m;

	if ((rc = need(ed, obj, HF_JSON_OBJECT)) || (rc = unique(ed, obj, key)))
		return rc;
	m = hf_jnode_member(obj, key);
	return m ? hf_jedit_remove(ed, m) : HF_OK;
}
