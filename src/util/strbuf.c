/* strbuf.c: growable NUL-terminated byte buffer */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

static char empty_string[1];

void hf_strbuf_init(struct hf_strbuf *sb)
{
	sb->buf = empty_string;
	sb->len = 0;
	sb->alloc = 0;
}

void hf_strbuf_release(struct hf_strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	hf_strbuf_init(sb);
}

void hf_strbuf_reset(struct hf_strbuf *sb)
{
	hf_strbuf_setlen(sb, 0);
}

char *hf_strbuf_detach(struct hf_strbuf *sb)
{
	char *p;

	if (!sb->alloc)
		return xstrdup("");
	p = sb->buf;
	hf_strbuf_init(sb);
	return p;
}

void hf_strbuf_grow(struct hf_strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;

	if (!sb->buf)
		hf_strbuf_init(sb);
	if (need <= sb->alloc)
		return;
	if (!sb->alloc) {
		size_t n = need < 64 ? 64 : need;
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
		sb->alloc = n;
		return;
	}
	sb->buf = xgrow(sb->buf, need, &sb->alloc, 1);
}

void hf_strbuf_setlen(struct hf_strbuf *sb, size_t len)
{
	if (!sb->buf)
		hf_strbuf_init(sb);
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void hf_strbuf_add(struct hf_strbuf *sb, const void *data, size_t len)
{
	hf_strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void hf_strbuf_adds(struct hf_strbuf *sb, const char *s)
{
	hf_strbuf_add(sb, s, strlen(s));
}

void hf_strbuf_addch(struct hf_strbuf *sb, char c)
{
	hf_strbuf_add(sb, &c, 1);
}

void hf_strbuf_vaddf(struct hf_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	hf_strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void hf_strbuf_addf(struct hf_strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	hf_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *hf_strbuf_str(const struct hf_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

bool hf_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (!n)
		return false;
	if (len < n) {
		memcpy(dst, src, len + 1);
		return true;
	}
	memcpy(dst, src, n - 1);
	dst[n - 1] = '\0';
	return false;
}

int hf_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
