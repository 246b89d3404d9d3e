/* suggest.c: "did you mean ...": edit distance and the nearest name, for every message about a mistyped name */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/suggest.h"
#include "handoff/xmalloc.h"

/* Optimal string alignment: insertions, deletions, substitutions and swaps of two neighbours ("gti"). */
size_t hf_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev2, *prev, *row, result;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	prev2 = xcalloc(lb + 1, sizeof(*prev2));
	prev = xcalloc(lb + 1, sizeof(*prev));
	row = xcalloc(lb + 1, sizeof(*row));
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *t;

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);

			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			row[j] = v;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	result = prev[lb] > cap ? cap + 1 : prev[lb];
	free(prev2);
	free(prev);
	free(row);
	return result;
}

size_t hf_suggest_cap(const char *word)
{
	size_t len = strlen(word);

	return len / 4 > 2 ? len / 4 : 2;
}

const char *hf_suggest(const char *word, const char *const *names, size_t n)
{
	size_t cap = hf_suggest_cap(word), best = cap + 1;
	const char *out = NULL;

	for (size_t i = 0; i < n; i++) {
		size_t d = hf_edit_distance(word, names[i], cap);

		/* the same word is not a suggestion */
		if (d && d < best) {
			best = d;
			out = names[i];
		}
	}
	return out;
}

void hf_suggest_tail(struct hf_strbuf *sb, const char *word, const char *const *names, size_t n,
		     const char *what, size_t max)
{
	const char *near = hf_suggest(word, names, n);

	if (near) {
		hf_strbuf_addf(sb, " (did you mean '%s'?)", near);
		return;
	}
	if (!n) {
		hf_strbuf_addf(sb, " (no %s yet)", what);
		return;
	}
	hf_strbuf_addf(sb, " (%s: ", what);
	for (size_t i = 0; i < n && i < max; i++)
		hf_strbuf_addf(sb, "%s'%s'", i ? ", " : "", names[i]);
	if (n > max)
		hf_strbuf_addf(sb, " and %zu more", n - max);
	hf_strbuf_addch(sb, ')');
}
