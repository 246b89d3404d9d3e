/* jsonpos.c: where each value of a JSON text starts (line, column), by the JSON path the loaders name */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"
#include "internal.h"

/*
 * jansson gives a position only for syntax errors, so a problem found later
 * ("state 'yes' must be done, waived or todo") would have none. This scanner
 * walks the text once, after jansson accepted it, and notes where every value
 * starts under the path the loaders use in messages: `items.repro.validated.state`,
 * `slos[2].op`, `members[1]` ("" is the root). Keys are decoded as jansson
 * decodes them, so the paths match. Built on the first look-up only: a file
 * without problems or references never pays for it.
 *
 * Columns count characters (UTF-8 code points) from 1, as jansson's do.
 */

#define MAX_DEPTH 256

struct pos_entry {
	char *path;
	int line, col;		/* where the value starts */
	int kline, kcol;	/* where its key starts (0 in an array or at the root) */
	size_t order;
};

struct scan {
	const char *s;
	size_t len, i;
	int line, col;
	int kline, kcol;	/* the key of the member being read, or 0 */
	int depth;
	bool bad;
	struct hf_strbuf path;
	struct hf_jsonpos *jp;
	size_t alloc;
};

static void step(struct scan *sc)
{
	unsigned char c = (unsigned char)sc->s[sc->i++];

	if (c == '\n') {
		sc->line++;
		sc->col = 1;
	} else if ((c & 0xc0) != 0x80) {
		sc->col++;
	}
}

static int peek(const struct scan *sc)
{
	return sc->i < sc->len ? (unsigned char)sc->s[sc->i] : -1;
}

static void skip_ws(struct scan *sc)
{
	int c;

	while ((c = peek(sc)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		step(sc);
}

static void note(struct scan *sc)
{
	struct hf_jsonpos *jp = sc->jp;
	struct pos_entry *e;

	jp->entries = xgrow(jp->entries, jp->n + 1, &sc->alloc, sizeof(struct pos_entry));
	e = &((struct pos_entry *)jp->entries)[jp->n];
	e->path = xstrdup(sc->path.buf);
	e->line = sc->line;
	e->col = sc->col;
	e->kline = sc->kline;
	e->kcol = sc->kcol;
	sc->kline = sc->kcol = 0;
	e->order = jp->n++;
}

static long hex4(struct scan *sc)
{
	long v = 0;

	for (int k = 0; k < 4; k++) {
		int h = hf_hex_digit((char)peek(sc));

		if (h < 0)
			return -1;
		v = v * 16 + h;
		step(sc);
	}
	return v;
}

static void add_utf8(struct hf_strbuf *out, unsigned long cp)
{
	if (cp < 0x80) {
		hf_strbuf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		hf_strbuf_addch(out, (char)(0xc0 | (cp >> 6)));
		hf_strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		hf_strbuf_addch(out, (char)(0xe0 | (cp >> 12)));
		hf_strbuf_addch(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		hf_strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		hf_strbuf_addch(out, (char)(0xf0 | (cp >> 18)));
		hf_strbuf_addch(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
		hf_strbuf_addch(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		hf_strbuf_addch(out, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A string at the opening quote; its decoded text goes to out when not NULL. */
static void string(struct scan *sc, struct hf_strbuf *out)
{
	int c;

	step(sc);
	while ((c = peek(sc)) >= 0 && c != '"') {
		if (c != '\\') {
			if (out)
				hf_strbuf_addch(out, (char)c);
			step(sc);
			continue;
		}
		step(sc);
		c = peek(sc);
		if (c < 0)
			break;
		if (c == 'u') {
			long cp, lo;

			step(sc);
			if ((cp = hex4(sc)) < 0)
				goto bad;
			if (cp >= 0xd800 && cp < 0xdc00 && peek(sc) == '\\') {
				step(sc);
				if (peek(sc) != 'u')
					goto bad;
				step(sc);
				if ((lo = hex4(sc)) < 0xdc00 || lo > 0xdfff)
					goto bad;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			if (out)
				add_utf8(out, (unsigned long)cp);
			continue;
		}
		if (out) {
			const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
			const char *at = strchr(from, c);

			if (!at)
				goto bad;
			hf_strbuf_addch(out, to[at - from]);
		}
		step(sc);
	}
	if (c != '"')
		goto bad;
	step(sc);
	return;
bad:
	sc->bad = true;
}

static void value(struct scan *sc);

/* After a member or an element: true at a comma (another follows), false at the close or junk. */
static bool more(struct scan *sc, int close)
{
	skip_ws(sc);
	if (peek(sc) == ',') {
		step(sc);
		return true;
	}
	if (peek(sc) == close)
		step(sc);
	else
		sc->bad = true;
	return false;
}

static void object(struct scan *sc)
{
	struct hf_strbuf key = HF_STRBUF_INIT;
	size_t base = sc->path.len;
	int kline, kcol;

	hf_strbuf_init(&key);
	step(sc);
	skip_ws(sc);
	if (peek(sc) == '}') {
		step(sc);
		goto out;
	}
	while (!sc->bad) {
		skip_ws(sc);
		if (peek(sc) != '"') {
			sc->bad = true;
			break;
		}
		hf_strbuf_reset(&key);
		kline = sc->line;
		kcol = sc->col;
		string(sc, &key);
		skip_ws(sc);
		if (sc->bad || peek(sc) != ':') {
			sc->bad = true;
			break;
		}
		step(sc);
		if (base)
			hf_strbuf_addch(&sc->path, '.');
		hf_strbuf_add(&sc->path, key.buf, key.len);
		sc->kline = kline;
		sc->kcol = kcol;
		value(sc);
		hf_strbuf_setlen(&sc->path, base);
		if (!more(sc, '}'))
			break;
	}
out:
	hf_strbuf_release(&key);
}

static void array(struct scan *sc)
{
	size_t base = sc->path.len;

	step(sc);
	skip_ws(sc);
	if (peek(sc) == ']') {
		step(sc);
		return;
	}
	for (size_t n = 0; !sc->bad; n++) {
		hf_strbuf_addf(&sc->path, "[%zu]", n);
		value(sc);
		hf_strbuf_setlen(&sc->path, base);
		if (!more(sc, ']'))
			break;
	}
}

static void value(struct scan *sc)
{
	int c;

	skip_ws(sc);
	if ((c = peek(sc)) < 0 || ++sc->depth > MAX_DEPTH) {
		sc->bad = true;
		return;
	}
	note(sc);
	if (c == '{') {
		object(sc);
	} else if (c == '[') {
		array(sc);
	} else if (c == '"') {
		string(sc, NULL);
	} else {
		/* a number, true, false or null: up to the next delimiter */
		while ((c = peek(sc)) >= 0 && !strchr(",]} \t\r\n", c))
			step(sc);
	}
	sc->depth--;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct pos_entry *x = a, *y = b;
	int d = strcmp(x->path, y->path);

	if (d)
		return d;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void build(struct hf_jsonpos *jp)
{
	struct scan sc = { 0 };

	jp->built = true;
	sc.s = jp->text;
	sc.len = jp->len;
	sc.line = 1;
	sc.col = 1;
	sc.jp = jp;
	hf_strbuf_init(&sc.path);
	/* a byte-order mark is not a character of the first line */
	if (sc.len >= 3 && memcmp(sc.s, "\xef\xbb\xbf", 3) == 0)
		sc.i = 3;
	value(&sc);
	hf_strbuf_release(&sc.path);
	if (jp->n)
		qsort(jp->entries, jp->n, sizeof(struct pos_entry), cmp_entry);
}

static const struct pos_entry *lookup(const struct hf_jsonpos *jp, const char *path)
{
	const struct pos_entry *v = jp->entries;
	size_t lo = 0, hi = jp->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(v[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < jp->n && strcmp(v[lo].path, path) == 0 ? &v[lo] : NULL;
}

void hf_jsonpos_init(struct hf_jsonpos *jp, const char *text, size_t len)
{
	memset(jp, 0, sizeof(*jp));
	jp->text = text;
	jp->len = len;
}

bool hf_jsonpos_find(struct hf_jsonpos *jp, const char *field, bool key, int *line, int *col)
{
	struct hf_strbuf p = HF_STRBUF_INIT;
	const struct pos_entry *e = NULL;

	if (!jp || !jp->text)
		return false;
	if (!jp->built)
		build(jp);
	hf_strbuf_init(&p);
	hf_strbuf_adds(&p, field ? field : "");
	/* a field that is not there (a missing one) is placed at the object that lacks it */
	for (;;) {
		char *cut;

		if ((e = lookup(jp, p.buf)) || !p.len)
			break;
		if (p.buf[p.len - 1] == ']' && (cut = strrchr(p.buf, '[')))
			hf_strbuf_setlen(&p, (size_t)(cut - p.buf));
		else if ((cut = strrchr(p.buf, '.')))
			hf_strbuf_setlen(&p, (size_t)(cut - p.buf));
		else
			hf_strbuf_setlen(&p, 0);
	}
	hf_strbuf_release(&p);
	if (!e)
		return false;
	/* the key's own position, only for the field itself (not an enclosing one) */
	if (key && e->kline && !strcmp(e->path, field ? field : "")) {
		*line = e->kline;
		*col = e->kcol;
	} else {
		*line = e->line;
		*col = e->col;
	}
	return true;
}

void hf_jsonpos_release(struct hf_jsonpos *jp)
{
	struct pos_entry *v = jp->entries;

	for (size_t i = 0; i < jp->n; i++)
		free(v[i].path);
	free(v);
	memset(jp, 0, sizeof(*jp));
}
