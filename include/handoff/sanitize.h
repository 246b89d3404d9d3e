/* sanitize.h: the one sanitiser every string from outside passes before it reaches a terminal */
#ifndef HANDOFF_SANITIZE_H
#define HANDOFF_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include "handoff/strbuf.h"

/*
 * Text from a registry, a commit message or a pod file may carry escape
 * sequences. Before any of it is printed to a terminal it goes through here:
 *  - C0 controls become their Control Pictures (ESC -> U+241B "␛",
 *    BEL -> "␇", CR -> "␍", LF -> "␊", TAB -> "␉"), DEL -> "␡";
 *  - the code points hf_codepoint_hostile() names become U+FFFD, except
 *    that with HF_SANITIZE_KEEP_NEWLINE U+2028 and U+2029 (line and
 *    paragraph separators) become a line break;
 *  - invalid UTF-8 becomes U+FFFD, one per bad byte.
 * The result is valid UTF-8 that cannot change terminal state.
 */
enum hf_sanitize_flags {
	HF_SANITIZE_KEEP_NEWLINE = 1 << 0,	/* keep LF as a line break (multi-line text) */
	HF_SANITIZE_TAB_AS_SPACE = 1 << 1,	/* TAB becomes one space instead of "␉" */
};

/*
 * Code points beyond C0 that still change what a terminal or a bidi-aware
 * viewer shows after them: C1 controls (U+0080..U+009F; U+009B is a CSI
 * that xterm-like terminals obey), bidi embeddings, overrides and isolates
 * (U+202A..U+202E, U+2066..U+2069) and marks (U+200E, U+200F, U+061C), and
 * the line and paragraph separators (U+2028, U+2029). The one list: the
 * sanitiser replaces them, the JSON writer escapes them (src/cmd/out.c),
 * the calendar writer drops them (src/core/ics.c).
 */
bool hf_codepoint_hostile(unsigned int c);

/* Append the sanitised form of s[0..len) to out. */
void hf_sanitize_append(struct hf_strbuf *out, const char *s, size_t len, unsigned flags);

/* A newly allocated sanitised copy of the NUL-terminated s (NULL gives ""); caller frees. */
char *hf_sanitize(const char *s, unsigned flags);

#endif
