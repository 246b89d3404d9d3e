/* ascii.h: ASCII mode: what handoff draws (stages, marks, arrows, bars) and any other text, folded to ASCII of the same width */
#ifndef HANDOFF_ASCII_H
#define HANDOFF_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "handoff/strbuf.h"

/*
 * handoff draws in UTF-8 (it switches LC_CTYPE to C.UTF-8 when the locale
 * is not UTF-8, the common case of an ssh session that does not forward
 * LANG). A terminal that is not UTF-8 (a serial VT100, the Linux console in
 * 8-bit mode, PuTTY in Latin-1) shows those bytes as garbage, some as C1
 * controls. In ASCII mode every code point is folded column for column:
 * the glyphs handoff draws to their ASCII stand-ins (like the mono theme
 * stands in attributes for colours): ● * ○ - ✓ + ✗ x → > ← < · . █ # ▄ =
 * │ | └ + ─ - ▸ > — - … ~ (as tig marks a cut) and the block elements ▁..█ to _.-~=+*#; accented
 * Latin-1 letters to their base letter; anything else to '?' per column.
 * The mode is process-wide: set once at start (--ascii, [ui] ascii, or
 * hf_ascii_auto), read by the drawing layer.
 */
void hf_ascii_set(bool on);
bool hf_ascii_on(void);

/*
 * Whether the terminal is known not to be UTF-8: TERM names a VT terminal
 * (vt52, vt100, vt220, ...), the Linux console or another 8-bit console
 * (linux, ansi, cons25, sun), and the user's own locale is not UTF-8
 * (hf_width_user_utf8). An xterm, screen or tmux without LANG stays UTF-8.
 */
bool hf_ascii_auto(const char *term, bool locale_utf8);

/* Append s[0..len) (UTF-8) folded to ASCII, each code point to as many columns as it takes. */
void hf_ascii_append(struct hf_strbuf *out, const char *s, size_t len);

/*
 * A stream that writes everything through to `to` folded to ASCII (a
 * sequence split between two writes is kept until it is whole); closing it
 * flushes it but leaves `to` open. For the command line's output on such a
 * terminal. NULL when the C library cannot make one.
 */
FILE *hf_ascii_stream(FILE *to);

#endif
