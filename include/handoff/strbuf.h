/* strbuf.h: a growable, always NUL-terminated byte buffer (after git's strbuf) */
#ifndef HANDOFF_STRBUF_H
#define HANDOFF_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "handoff/status.h"

/*
 * buf is never NULL after init (it points at "" until something is added),
 * so it can always be printed. The buffer owns its bytes; detach hands them
 * to the caller, release frees them and leaves an empty, reusable buffer.
 */
struct hf_strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define HF_STRBUF_INIT { NULL, 0, 0 }

void hf_strbuf_init(struct hf_strbuf *sb);
void hf_strbuf_release(struct hf_strbuf *sb);
void hf_strbuf_reset(struct hf_strbuf *sb);	/* len = 0, keeps memory */
char *hf_strbuf_detach(struct hf_strbuf *sb);	/* caller frees; sb is empty after */
void hf_strbuf_grow(struct hf_strbuf *sb, size_t extra);
void hf_strbuf_add(struct hf_strbuf *sb, const void *data, size_t len);
void hf_strbuf_adds(struct hf_strbuf *sb, const char *s);
void hf_strbuf_addch(struct hf_strbuf *sb, char c);
void hf_strbuf_addf(struct hf_strbuf *sb, const char *fmt, ...) HF_PRINTF(2, 3);
void hf_strbuf_vaddf(struct hf_strbuf *sb, const char *fmt, va_list ap) HF_PRINTF(2, 0);
void hf_strbuf_setlen(struct hf_strbuf *sb, size_t len);
const char *hf_strbuf_str(const struct hf_strbuf *sb);	/* never NULL */

/* The value of hex digit c (0-9, a-f, A-F), or -1. */
int hf_hex_digit(char c);

/* Copy src into dst of size n; false (and dst holds a truncated copy) when it did not fit. */
bool hf_strlcpy(char *dst, const char *src, size_t n);

#endif
