/* feed.c: which pod member a calendar feed's event names: email, the rotation's who map, a name in SUMMARY */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "handoff/feed.h"
#include "handoff/xmalloc.h"

static bool is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c >= 0x80;
}

int hf_feed_words_in(const char *hay, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0;

	if (!hay || !n)
		return 0;
	for (const char *p = hay; *p; p++) {
		if (strncasecmp(p, needle, n) != 0)
			continue;
		if (p > hay && is_word_byte((unsigned char)p[-1]) && is_word_byte((unsigned char)needle[0]))
			continue;
		if (is_word_byte((unsigned char)p[n]) && is_word_byte((unsigned char)needle[n - 1]))
			continue;
		return 1;
	}
	return 0;
}

/* Field f (0 email, 1 CN) of line `line` of people into buf; false past the last line. */
static bool person_field(const char *people, size_t line, int f, char *buf, size_t size)
{
	const char *p = people;

	for (size_t i = 0; p && i < line; i++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	if (!p || !*p)
		return false;
	{
		const char *end = strchr(p, '\n'), *tab;
		size_t len;

		if (!end)
			end = p + strlen(p);
		tab = memchr(p, '\t', (size_t)(end - p));
		if (f == 1) {
			p = tab ? tab + 1 : end;
		} else if (tab) {
			end = tab;
		}
		len = (size_t)(end - p);
		if (len >= size)
			len = size - 1;
		memcpy(buf, p, len);
		buf[len] = '\0';
	}
	return true;
}

const char *hf_feed_match(const struct hf_feed_member *members, size_t nmembers,
			  char *const *who_names, char *const *who_handles, size_t nwho,
			  const char *summary, const char *people, char **shown)
{
	char email[320], cn[320];

	*shown = NULL;
	/* 1. an attendee's or the organizer's email */
	for (size_t l = 0; person_field(people, l, 0, email, sizeof(email)); l++)
		for (size_t m = 0; *email && m < nmembers; m++)
			if (members[m].email && strcasecmp(members[m].email, email) == 0)
				return members[m].handle;
	/* 2. the rotation's who map */
	for (size_t w = 0; w < nwho; w++) {
		for (size_t l = 0; person_field(people, l, 0, email, sizeof(email)); l++) {
			person_field(people, l, 1, cn, sizeof(cn));
			if ((*cn && strcasecmp(cn, who_names[w]) == 0) ||
			    (*email && strcasecmp(email, who_names[w]) == 0))
				return who_handles[w];
		}
		if (hf_feed_words_in(summary, who_names[w]))
			return who_handles[w];
	}
	/* 3. a member's name, then handle, in SUMMARY */
	for (size_t m = 0; m < nmembers; m++)
		if (members[m].name && hf_feed_words_in(summary, members[m].name))
			return members[m].handle;
	for (size_t m = 0; m < nmembers; m++)
		if (hf_feed_words_in(summary, members[m].handle))
			return members[m].handle;
	if (person_field(people, 0, 1, cn, sizeof(cn)) && *cn)
		*shown = xstrdup(cn);
	else if (person_field(people, 0, 0, email, sizeof(email)) && *email)
		*shown = xstrdup(email);
	else
		*shown = xstrdup(summary && *summary ? summary : "(an event without a summary)");
	return NULL;
}

void hf_feed_clear(struct hf_feed *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->events[i].uid);
		free(f->events[i].summary);
		free(f->events[i].people);
	}
	free(f->events);
	free(f->calname);
	memset(f, 0, sizeof(*f));
}

void hf_feed_shifts(const struct hf_feed_event *events, size_t n,
		    const struct hf_feed_member *members, size_t nmembers,
		    char *const *who_names, char *const *who_handles, size_t nwho,
		    struct hf_feed_shift **out, size_t *nout)
{
	struct hf_feed_shift *v = xcalloc(n + 1, sizeof(*v));

	for (size_t i = 0; i < n; i++) {
		char *shown;
		const char *who = hf_feed_match(members, nmembers, who_names, who_handles, nwho,
						events[i].summary, events[i].people, &shown);

		v[i].start = events[i].start;
		v[i].end = events[i].end;
		v[i].matched = who != NULL;
		v[i].who = who ? xstrdup(who) : shown;
		v[i].event = events[i].summary ? xstrdup(events[i].summary) : NULL;
	}
	*out = v;
	*nout = n;
}
