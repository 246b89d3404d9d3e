/* ascii.c: ASCII mode: text folded to ASCII column for column, when to do it, and a folding stdio stream */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "handoff/ascii.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

static bool ascii_mode;

void hf_ascii_set(bool on)
{
	ascii_mode = on;
}

bool hf_ascii_on(void)
{
	return ascii_mode;
}

bool hf_ascii_auto(const char *term, bool locale_utf8)
{
	static const char *const eight_bit[] = { "linux", "ansi", "cons25", "sun", "pcansi", "wsvt25" };
	bool known = false;

	if (!term || locale_utf8)
		return false;
	if (term[0] == 'v' && term[1] == 't' && term[2] >= '0' && term[2] <= '9')
		known = true;
	for (size_t i = 0; i < sizeof(eight_bit) / sizeof(eight_bit[0]); i++) {
		size_t n = strlen(eight_bit[i]);

		if (!strncmp(term, eight_bit[i], n) && (!term[n] || term[n] == '-'))
			known = true;
	}
	return known;
}

/* The stand-in for a code point handoff draws, or 0. */
static char glyph(unsigned int c)
{
	static const struct {
		unsigned int cp;
		char ascii;
	} table[] = {
		{ 0x25CF, '*' }, { 0x2022, '*' }, { 0x25CB, '-' }, { 0x2713, '+' }, { 0x2714, '+' },
		{ 0x2717, 'x' }, { 0x2718, 'x' }, { 0x2192, '>' }, { 0x2190, '<' }, { 0x2191, '^' },
		{ 0x2193, 'v' }, { 0x00B7, '.' }, { 0x2502, '|' }, { 0x2500, '-' }, { 0x2514, '+' },
		{ 0x250C, '+' }, { 0x2510, '+' }, { 0x2518, '+' }, { 0x251C, '+' }, { 0x2524, '+' },
		{ 0x25B8, '>' }, { 0x25B6, '>' }, { 0x2014, '-' }, { 0x2013, '-' }, { 0x2026, '~' },
		{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x201C, '"' }, { 0x201D, '"' }, { 0x2264, '<' },
		{ 0x2265, '>' }, { 0x00A0, ' ' }, { 0x00D7, 'x' },
	};
	/* ▁▂▃▄▅▆▇█, as hf_spark_glyph draws them in ASCII */
	static const char blocks[] = "_.-~=+*#";

	if (c >= 0x2581 && c <= 0x2588)
		return blocks[c - 0x2581];
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].cp == c)
			return table[i].ascii;
	return 0;
}

void hf_ascii_append(struct hf_strbuf *out, const char *s, size_t len)
{
	/* U+00C0..U+00FF: the base letter of each accented Latin-1 letter */
	static const char latin1[] = "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs" "aaaaaaaceeeeiiii"
				     "dnooooo/ouuuuyty";
	size_t i = 0;

	while (i < len) {
		unsigned int c;
		size_t n = hf_utf8_decode(s + i, len - i, &c);
		int w;
		char g;

		if (!n) {
			hf_strbuf_addch(out, '?');
			i++;
			continue;
		}
		i += n;
		if (c < 0x80) {
			hf_strbuf_addch(out, (char)c);
			continue;
		}
		if ((g = glyph(c))) {
			hf_strbuf_addch(out, g);
			continue;
		}
		if (c >= 0xC0 && c <= 0xFF) {
			hf_strbuf_addch(out, latin1[c - 0xC0]);
			continue;
		}
		w = wcwidth((wchar_t)c);
		if (w < 0)
			w = 1;
		while (w-- > 0)
			hf_strbuf_addch(out, '?');
	}
}

/* The folding stream: bytes of an unfinished sequence wait in `part`. */
struct fold {
	FILE *to;
	char part[4];
	size_t npart;
};

static ssize_t fold_write(void *cookie, const char *buf, size_t size)
{
	struct fold *f = cookie;
	struct hf_strbuf in = HF_STRBUF_INIT, out = HF_STRBUF_INIT;
	size_t whole;

	hf_strbuf_init(&in);
	hf_strbuf_init(&out);
	hf_strbuf_add(&in, f->part, f->npart);
	hf_strbuf_add(&in, buf, size);
	/* keep a trailing sequence that is not whole yet (at most 3 bytes) */
	whole = in.len;
	for (size_t back = 1; back <= 3 && back <= in.len; back++) {
		unsigned char b = (unsigned char)in.buf[in.len - back];

		if ((b & 0xC0) == 0x80)
			continue;
		if (b >= 0xC0 && ((b >= 0xF0 ? 4u : b >= 0xE0 ? 3u : 2u) > back))
			whole = in.len - back;
		break;
	}
	f->npart = in.len - whole;
	memcpy(f->part, in.buf + whole, f->npart);
	hf_ascii_append(&out, in.buf, whole);
	if (out.len && fwrite(out.buf, 1, out.len, f->to) != out.len)
		size = 0;
	fflush(f->to);
	hf_strbuf_release(&in);
	hf_strbuf_release(&out);
	return size ? (ssize_t)size : -1;
}

static int fold_close(void *cookie)
{
	struct fold *f = cookie;

	if (f->npart)
		fputc('?', f->to);
	fflush(f->to);
	free(f);
	return 0;
}

FILE *hf_ascii_stream(FILE *to)
{
	cookie_io_functions_t io = { NULL, fold_write, NULL, fold_close };
	struct fold *f = xcalloc(1, sizeof(*f));
	FILE *s;

	f->to = to;
	if (!(s = fopencookie(f, "w", io))) {
		free(f);
		return NULL;
	}
	setvbuf(s, NULL, _IOLBF, 0);
	return s;
}
