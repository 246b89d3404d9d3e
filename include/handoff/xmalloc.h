/* xmalloc.h: allocation wrappers that abort on out-of-memory */
#ifndef HANDOFF_XMALLOC_H
#define HANDOFF_XMALLOC_H

#include <stddef.h>
#include <stdarg.h>
#include "handoff/status.h"

/*
 * Out of memory is not an error handoff can recover from in any useful way,
 * so these print a message and abort rather than return NULL. Every pointer
 * returned is owned by the caller and released with free().
 */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of `nmemb` elements so that index `need - 1` fits; updates *alloc. */
void *xgrow(void *ptr, size_t need, size_t *alloc, size_t elem_size);
char *xstrdup(const char *s);		/* xstrdup(NULL) returns NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) HF_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) HF_PRINTF(1, 0);

/* Free each of the n strings of v, then v itself (v may be NULL when n is 0). */
void hf_strv_free(char **v, size_t n);

/*
 * Merge two arrays of strings, each sorted (strcmp), into one sorted and
 * distinct; *n is its length. Takes both: the strings move into
 * the result (a string held twice is kept once, the other copies freed) and the two
 * arrays are freed. The result has room for one more entry.
 */
char **hf_strv_merge(char **a, size_t na, char **b, size_t nb, size_t *n);

/* Free *p and set it to NULL. */
#define HF_FREE(p) do { free(p); (p) = NULL; } while (0)

#endif
