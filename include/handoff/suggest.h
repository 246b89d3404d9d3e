/* suggest.h: "did you mean ...": the nearest of some names to a word that was mistyped */
#ifndef HANDOFF_SUGGEST_H
#define HANDOFF_SUGGEST_H

#include <stddef.h>
#include "handoff/strbuf.h"

/* Edit distance between a and b (bytes; a swap of two neighbours counts one), capped at cap+1. */
size_t hf_edit_distance(const char *a, const char *b, size_t cap);

/*
 * How far a name may be from a word and still be what was meant: a quarter
 * of the word's length, at least 2 ("gti" -> "git", "raj" -> "rja").
 */
size_t hf_suggest_cap(const char *word);

/* The name of names[0..n) nearest to word within hf_suggest_cap, or NULL (borrowed). */
const char *hf_suggest(const char *word, const char *const *names, size_t n);

/*
 * Append the usual tail of a "no such NAME" message: " (did you mean 'X'?)"
 * when one is near, else " (WHAT: 'a', 'b', ...)" listing up to max names
 * and how many more, else " (no WHAT yet)" when there are none.
 * Names are appended as given: sanitise them first when they come from outside.
 */
void hf_suggest_tail(struct hf_strbuf *sb, const char *word, const char *const *names, size_t n,
		     const char *what, size_t max);

#endif
