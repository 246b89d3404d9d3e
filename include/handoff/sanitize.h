/* sanitize.h: the one sanitiser every string from outside passes before it reaches a terminal */
#ifndef HANDOFF_SANITIZE_H
#define HANDOFF_SANITIZE_H

#include <stddef.h>
#include "handoff/strbuf.h"

/*
 * Text from a registry, a commit message or a pod file may carry escape
 * sequences. Before any of it is printed to a terminal it goes through here:
 *  - C0 controls become their Control Pictures (ESC -> U+241B "␛",
 *    BEL -> "␇", CR -> "␍", LF -> "␊", TAB -> "␉"), DEL -> "␡";
 *  - C1 controls (U+0080..U+009F) and bidirectional overrides/isolates
 *    (U+202A..U+202E, U+2066..U+2069) become U+FFFD;
 *  - invalid UTF-8 becomes U+FFFD, one per bad byte.
 * The result is valid UTF-8 that cannot change terminal state.
 */
enum hf_sanitize_flags {
	HF_SANITIZE_KEEP_NEWLINE = 1 << 0,	/* keep LF as a line break (multi-line text) */
	HF_SANITIZE_TAB_AS_SPACE = 1 << 1,	/* TAB becomes one space instead of "␉" */
};

/* Append the sanitised form of s[0..len) to out. */
void hf_sanitize_append(struct hf_strbuf *out, const char *s, size_t len, unsigned flags);

/* A newly allocated sanitised copy of the NUL-terminated s (NULL gives ""); caller frees. */
char *hf_sanitize(const char *s, unsigned flags);

#endif
