/* sanitize.c: make outside text inert before it reaches a terminal */
#include "config.h"

#include <string.h>

#include "handoff/sanitize.h"
#include "handoff/width.h"
#include "handoff/xmalloc.h"

static const char replacement[] = "\xEF\xBF\xBD";	/* U+FFFD */

static void add_codepoint(struct hf_strbuf *out, unsigned int c)
{
	char b[4];

	if (c < 0x800) {
		b[0] = (char)(0xC0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3F));
		hf_strbuf_add(out, b, 2);
	} else {
		b[0] = (char)(0xE0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		hf_strbuf_add(out, b, 3);
	}
}

bool hf_codepoint_hostile(unsigned int c)
{
	return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C || c == 0x2028 || c == 0x2029;
}

void hf_sanitize_append(struct hf_strbuf *out, const char *s, size_t len, unsigned flags)
{
	size_t i = 0;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		unsigned int c;
		size_t n;

		if (b >= 0x20 && b < 0x7F) {
			size_t run = i + 1;

			while (run < len && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
				run++;
			hf_strbuf_add(out, s + i, run - i);
			i = run;
			continue;
		}
		if (b < 0x20 || b == 0x7F) {
			if (b == '\n' && (flags & HF_SANITIZE_KEEP_NEWLINE))
				hf_strbuf_addch(out, '\n');
			else if (b == '\t' && (flags & HF_SANITIZE_TAB_AS_SPACE))
				hf_strbuf_addch(out, ' ');
			else
				add_codepoint(out, b == 0x7F ? 0x2421 : 0x2400 + b);
			i++;
			continue;
		}
		n = hf_utf8_decode(s + i, len - i, &c);
		if (!n) {
			hf_strbuf_adds(out, replacement);
			i++;
			continue;
		}
		if ((c == 0x2028 || c == 0x2029) && (flags & HF_SANITIZE_KEEP_NEWLINE))
			hf_strbuf_addch(out, '\n');
		else if (hf_codepoint_hostile(c))
			hf_strbuf_adds(out, replacement);
		else
			hf_strbuf_add(out, s + i, n);
		i += n;
	}
}

char *hf_sanitize(const char *s, unsigned flags)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;

	hf_strbuf_init(&sb);
	if (s)
		hf_sanitize_append(&sb, s, strlen(s), flags);
	return hf_strbuf_detach(&sb);
}
