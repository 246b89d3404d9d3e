/* jsonparse.c: a strict JSON parser that keeps every value's byte span, look-ups, canonical form, quoting */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/jsonedit.h"
#include "handoff/strbuf.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

/* ---- parsing ---- */

struct parser {
	const char *s;
	size_t len, pos;
	const char *err;	/* what went wrong, at err_pos */
	size_t err_pos;
	int depth;
};

static bool fail(struct parser *p, const char *what)
{
	if (!p->err) {
		p->err = what;
		p->err_pos = p->pos;
	}
	return false;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len && is_ws(p->s[p->pos]))
		p->pos++;
}

static bool hex4(struct parser *p, unsigned int *out)
{
	unsigned int v = 0;

	if (p->len - p->pos < 4)
		return fail(p, "a \\u escape needs four hex digits");
	for (int i = 0; i < 4; i++) {
		int h = hf_hex_digit(p->s[p->pos + (size_t)i]);

		if (h < 0)
			return fail(p, "a \\u escape needs four hex digits");
		v = v << 4 | (unsigned int)h;
	}
	p->pos += 4;
	*out = v;
	return true;
}

static void put_utf8(struct hf_strbuf *sb, unsigned int cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	hf_strbuf_add(sb, b, n);
}

/* At the opening quote: decode the string into *out (caller frees). */
static bool parse_string(struct parser *p, char **out)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	p->pos++;
	for (;;) {
		unsigned char c;

		if (p->pos >= p->len) {
			fail(p, "a string is not closed");
			goto bad;
		}
		c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20) {
			fail(p, "a control character in a string");
			goto bad;
		}
		if (c == '\\') {
			unsigned int cp, lo;
			char e;

			if (++p->pos >= p->len) {
				fail(p, "a string is not closed");
				goto bad;
			}
			e = p->s[p->pos++];
			switch (e) {
			case '"': hf_strbuf_addch(&sb, '"'); break;
			case '\\': hf_strbuf_addch(&sb, '\\'); break;
			case '/': hf_strbuf_addch(&sb, '/'); break;
			case 'b': hf_strbuf_addch(&sb, '\b'); break;
			case 'f': hf_strbuf_addch(&sb, '\f'); break;
			case 'n': hf_strbuf_addch(&sb, '\n'); break;
			case 'r': hf_strbuf_addch(&sb, '\r'); break;
			case 't': hf_strbuf_addch(&sb, '\t'); break;
			case 'u':
				if (!hex4(p, &cp))
					goto bad;
				if (cp >= 0xDC00 && cp <= 0xDFFF) {
					fail(p, "a lone low surrogate in a \\u escape");
					goto bad;
				}
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (p->len - p->pos < 2 || p->s[p->pos] != '\\' ||
					    p->s[p->pos + 1] != 'u') {
						fail(p, "a high surrogate without its low half");
						goto bad;
					}
					p->pos += 2;
					if (!hex4(p, &lo))
						goto bad;
					if (lo < 0xDC00 || lo > 0xDFFF) {
						fail(p, "a high surrogate without its low half");
						goto bad;
					}
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				}
				if (cp == 0) {
					fail(p, "\\u0000 is not allowed");
					goto bad;
				}
				put_utf8(&sb, cp);
				break;
			default:
				p->pos--;
				fail(p, "an unknown escape in a string");
				goto bad;
			}
		} else if (c < 0x80) {
			hf_strbuf_addch(&sb, (char)c);
			p->pos++;
		} else {
			unsigned int cp;
			size_t n = hf_utf8_decode(p->s + p->pos, p->len - p->pos, &cp);

			if (!n) {
				fail(p, "invalid UTF-8 in a string");
				goto bad;
			}
			hf_strbuf_add(&sb, p->s + p->pos, n);
			p->pos += n;
		}
	}
	*out = hf_strbuf_detach(&sb);
	return true;
bad:
	hf_strbuf_release(&sb);
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The length of the JSON number at s (at most len bytes), 0 when there is none. */
static size_t number_len(const char *s, size_t len)
{
	size_t i = 0;

	if (i < len && s[i] == '-')
		i++;
	if (i < len && s[i] == '0') {
		i++;
	} else if (i < len && s[i] >= '1' && s[i] <= '9') {
		while (i < len && is_digit(s[i]))
			i++;
	} else {
		return 0;
	}
	if (i < len && s[i] == '.') {
		if (i + 1 >= len || !is_digit(s[i + 1]))
			return 0;
		i++;
		while (i < len && is_digit(s[i]))
			i++;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || !is_digit(s[i]))
			return 0;
		while (i < len && is_digit(s[i]))
			i++;
	}
	return i;
}

bool hf_json_is_number(const char *text)
{
	size_t len = text ? strlen(text) : 0;

	return len && number_len(text, len) == len;
}

static struct hf_jnode *add_kid(struct hf_jnode *parent)
{
	struct hf_jnode *n = xcalloc(1, sizeof(*n));

	n->parent = parent;
	parent->kids = xgrow(parent->kids, parent->nkids + 1, &parent->alloc, sizeof(*parent->kids));
	parent->kids[parent->nkids++] = n;
	return n;
}

static bool parse_value(struct parser *p, struct hf_jnode *n);

static bool parse_composite(struct parser *p, struct hf_jnode *n, bool object)
{
	char close = object ? '}' : ']';

	if (++p->depth > HF_JSON_MAX_DEPTH)
		return fail(p, "nested too deeply");
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return true;
	}
	for (;;) {
		struct hf_jnode *kid = add_kid(n);

		if (object) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return fail(p, "expected a key in quotes");
			kid->key_start = p->pos;
			if (!parse_string(p, &kid->key))
				return false;
			kid->key_end = p->pos;
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return fail(p, "expected ':' after a key");
			p->pos++;
			skip_ws(p);
		}
		if (!parse_value(p, kid))
			return false;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			p->depth--;
			return true;
		}
		return fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static bool literal(struct parser *p, const char *word)
{
	size_t wl = strlen(word);

	if (p->len - p->pos < wl || memcmp(p->s + p->pos, word, wl) != 0)
		return fail(p, "expected a value");
	p->pos += wl;
	return true;
}

static bool parse_value(struct parser *p, struct hf_jnode *n)
{
	bool ok;
	size_t nl;

	n->start = p->pos;
	if (p->pos >= p->len)
		return fail(p, "expected a value");
	switch (p->s[p->pos]) {
	case '{':
		n->type = HF_JSON_OBJECT;
		ok = parse_composite(p, n, true);
		break;
	case '[':
		n->type = HF_JSON_ARRAY;
		ok = parse_composite(p, n, false);
		break;
	case '"':
		n->type = HF_JSON_STRING;
		ok = parse_string(p, &n->str);
		break;
	case 't':
		n->type = HF_JSON_TRUE;
		ok = literal(p, "true");
		break;
	case 'f':
		n->type = HF_JSON_FALSE;
		ok = literal(p, "false");
		break;
	case 'n':
		n->type = HF_JSON_NULL;
		ok = literal(p, "null");
		break;
	default:
		nl = number_len(p->s + p->pos, p->len - p->pos);
		if (!nl)
			return fail(p, "expected a value");
		n->type = HF_JSON_NUMBER;
		n->str = xstrndup(p->s + p->pos, nl);
		p->pos += nl;
		ok = true;
	}
	n->end = p->pos;
	return ok;
}

static void node_free(struct hf_jnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->key);
	free(n->str);
	free(n);
}

enum hf_status hf_jdoc_parse(struct hf_jdoc *doc, const char *name, const char *text, size_t len)
{
	struct parser p = { text, len, 0, NULL, 0, 0 };
	struct hf_jnode *root = xcalloc(1, sizeof(*root));
	size_t line = 1, col = 1;

	memset(doc, 0, sizeof(*doc));
	skip_ws(&p);
	if (parse_value(&p, root)) {
		skip_ws(&p);
		if (p.pos == len) {
			doc->text = text;
			doc->len = len;
			doc->root = root;
			return HF_OK;
		}
		fail(&p, p.s[p.pos] ? "text after the value" : "a NUL byte after the value");
	}
	node_free(root);
	for (size_t i = 0; i < p.err_pos && i < len; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	return hf_error(HF_EINVAL, "'%s' is not valid JSON (line %zu, column %zu: %s)", name, line,
			col, p.err);
}

void hf_jdoc_clear(struct hf_jdoc *doc)
{
	node_free(doc->root);
	memset(doc, 0, sizeof(*doc));
}

struct hf_jnode *hf_jnode_member(const struct hf_jnode *obj, const char *key)
{
	if (!obj || obj->type != HF_JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->nkids; i++)
		if (strcmp(obj->kids[i]->key, key) == 0)
			return obj->kids[i];
	return NULL;
}

size_t hf_jnode_count(const struct hf_jnode *obj, const char *key)
{
	size_t n = 0;

	for (size_t i = 0; obj && obj->type == HF_JSON_OBJECT && i < obj->nkids; i++)
		n += strcmp(obj->kids[i]->key, key) == 0;
	return n;
}

struct hf_jnode *hf_jnode_find(const struct hf_jnode *arr, const char *key, const char *value)
{
	if (!arr || arr->type != HF_JSON_ARRAY)
		return NULL;
	for (size_t i = 0; i < arr->nkids; i++) {
		const char *v = hf_jnode_string(arr->kids[i], key);

		if (v && strcmp(v, value) == 0)
			return arr->kids[i];
	}
	return NULL;
}

const char *hf_jnode_string(const struct hf_jnode *obj, const char *key)
{
	const struct hf_jnode *m = hf_jnode_member(obj, key);

	return m && m->type == HF_JSON_STRING ? m->str : NULL;
}

void hf_json_quote(struct hf_strbuf *sb, const char *s)
{
	hf_strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': hf_strbuf_adds(sb, "\\\""); break;
		case '\\': hf_strbuf_adds(sb, "\\\\"); break;
		case '\n': hf_strbuf_adds(sb, "\\n"); break;
		case '\r': hf_strbuf_adds(sb, "\\r"); break;
		case '\t': hf_strbuf_adds(sb, "\\t"); break;
		case '\b': hf_strbuf_adds(sb, "\\b"); break;
		case '\f': hf_strbuf_adds(sb, "\\f"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				hf_strbuf_addf(sb, "\\u%04x", c);
			else
				hf_strbuf_addch(sb, (char)c);
		}
	}
	hf_strbuf_addch(sb, '"');
}

static void canonical(struct hf_strbuf *sb, const struct hf_jnode *n)
{
	switch (n->type) {
	case HF_JSON_NULL: hf_strbuf_adds(sb, "null"); return;
	case HF_JSON_TRUE: hf_strbuf_adds(sb, "true"); return;
	case HF_JSON_FALSE: hf_strbuf_adds(sb, "false"); return;
	case HF_JSON_NUMBER: hf_strbuf_adds(sb, n->str); return;
	case HF_JSON_STRING: hf_json_quote(sb, n->str); return;
	case HF_JSON_ARRAY:
	case HF_JSON_OBJECT:
		hf_strbuf_addch(sb, n->type == HF_JSON_ARRAY ? '[' : '{');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				hf_strbuf_addch(sb, ',');
			if (n->kids[i]->key) {
				hf_json_quote(sb, n->kids[i]->key);
				hf_strbuf_addch(sb, ':');
			}
			canonical(sb, n->kids[i]);
		}
		hf_strbuf_addch(sb, n->type == HF_JSON_ARRAY ? ']' : '}');
	}
}

char *hf_jnode_canonical(const struct hf_jnode *node)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	if (!node)
		return NULL;
	hf_strbuf_init(&sb);
	canonical(&sb, node);
	return hf_strbuf_detach(&sb);
}

