/* width.h: display width of UTF-8 text in terminal columns (the one width function) */
#ifndef HANDOFF_WIDTH_H
#define HANDOFF_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/strbuf.h"

/*
 * Widths come from the C library's wcwidth() under a UTF-8 LC_CTYPE (set by
 * hf_width_init, falling back to C.UTF-8), so CJK and emoji count 2 columns
 * and combining marks 0. Input should be sanitised first: a control
 * character or invalid byte counts as 1 column.
 */
void hf_width_init(void);

/*
 * Whether the user's own locale (before the C.UTF-8 fallback) is UTF-8:
 * one half of hf_ascii_auto's rule (ascii.h). True before hf_width_init.
 */
bool hf_width_user_utf8(void);

/* Columns taken by the NUL-terminated UTF-8 string s. */
int hf_width(const char *s);

/*
 * Append s to out, cut to at most `cols` columns; when cut, the last column
 * is an ellipsis "…". Returns the columns appended. With pad, spaces fill up
 * to exactly `cols`.
 */
int hf_width_fit(struct hf_strbuf *out, const char *s, int cols, int pad);

/*
 * Decode one UTF-8 sequence from s[0..avail): its length in bytes, with the
 * code point in *cp; 0 when the bytes are not valid UTF-8 (overlong forms,
 * surrogates and values past U+10FFFF are invalid).
 */
size_t hf_utf8_decode(const char *s, size_t avail, unsigned int *cp);

#endif
