/* width.c: terminal column width of UTF-8 text, through wcwidth() */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "handoff/width.h"

static int user_utf8 = -1;	/* the user's own LC_CTYPE is UTF-8; -1 before hf_width_init */

void hf_width_init(void)
{
	const char *ctype = setlocale(LC_CTYPE, "");

	user_utf8 = ctype && MB_CUR_MAX >= 4;
	if (!user_utf8)
		setlocale(LC_CTYPE, "C.UTF-8");
}

bool hf_width_user_utf8(void)
{
	return user_utf8 != 0;
}

static int codepoint_width(unsigned int c)
{
	int w = wcwidth((wchar_t)c);

	return w < 0 ? 1 : w;
}

int hf_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int cols = 0;

	while (i < len) {
		unsigned int c;
		size_t n = hf_utf8_decode(s + i, len - i, &c);

		if (!n) {
			cols++;
			i++;
			continue;
		}
		cols += codepoint_width(c);
		i += n;
	}
	return cols;
}

int hf_width_fit(struct hf_strbuf *out, const char *s, int cols, int pad)
{
	size_t len = strlen(s), i = 0;
	int used = 0;

	if (cols <= 0)
		return 0;
	if (hf_width(s) <= cols) {
		hf_strbuf_adds(out, s);
		used = hf_width(s);
	} else {
		/* leave one column for the ellipsis */
		while (i < len) {
			unsigned int c;
			size_t n = hf_utf8_decode(s + i, len - i, &c);
			int w = n ? codepoint_width(c) : 1;

			if (!n)
				n = 1;
			if (used + w > cols - 1)
				break;
			hf_strbuf_add(out, s + i, n);
			used += w;
			i += n;
		}
		hf_strbuf_adds(out, "\xE2\x80\xA6");
		used++;
	}
	while (pad && used < cols) {
		hf_strbuf_addch(out, ' ');
		used++;
	}
	return used;
}
