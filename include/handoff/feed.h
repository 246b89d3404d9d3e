/* feed.h: calendar-feed rotations: which pod member an event of a feed names (pure) */
#ifndef HANDOFF_FEED_H
#define HANDOFF_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/rotation.h"

/* One occurrence of an event, in the window. */
struct hf_feed_event {
	int64_t start, end;	/* UTC, [start, end) */
	char *uid;		/* owned, may be NULL */
	char *summary;		/* owned, may be NULL */
	char *people;		/* "EMAIL\tCN" per line, attendees then organizer (feed.h); owned, may be NULL */
	bool all_day;
};

struct hf_feed {
	struct hf_feed_event *events;	/* sorted by start, then end */
	size_t n;
	size_t cancelled;	/* occurrences left out: STATUS:CANCELLED (event or one occurrence) */
	char *calname;		/* X-WR-CALNAME, owned, may be NULL */
};

/* Free what f owns and zero it. */
void hf_feed_clear(struct hf_feed *f);

/* A pod member as matching sees one; all borrowed, name and email may be NULL. */
struct hf_feed_member {
	const char *handle, *name, *email;
};

/*
 * The member an event names, tried in this order (the first that finds
 * someone wins):
 *  1. an ATTENDEE's or the ORGANIZER's email (people: one "EMAIL\tCN" line
 *     each, attendees first, "mailto:" already removed; CN may be empty)
 *     equal to a member's `email`, ignoring case;
 *  2. the rotation file's `who` map: a name equal to an attendee's CN or
 *     email, or found in SUMMARY as whole words, ignoring case;
 *  3. a member's name, then a member's handle, found in SUMMARY as whole
 *     words, ignoring case ("On Call - Raj Iyer - Primary", "[L1] raj").
 * Returns the member's handle (borrowed from members or the map), or NULL
 * when nobody matches; then *shown (owned, never NULL) is how the feed
 * names the person: the first CN, else the first email, else SUMMARY.
 * *shown is NULL when a member matched.
 */
const char *hf_feed_match(const struct hf_feed_member *members, size_t nmembers,
			  char *const *who_names, char *const *who_handles, size_t nwho,
			  const char *summary, const char *people, char **shown);

/*
 * A feed rotation's shifts: one per event, who matched by hf_feed_match
 * (the member's handle, or the name the feed gives). *out is owned by the
 * caller, each who and event too (hf_rotation_clear frees them as r->feed).
 */
void hf_feed_shifts(const struct hf_feed_event *events, size_t n,
		    const struct hf_feed_member *members, size_t nmembers,
		    char *const *who_names, char *const *who_handles, size_t nwho,
		    struct hf_feed_shift **out, size_t *nout);

/* True when needle occurs in hay as whole words (ASCII case ignored; non-ASCII bytes are letters). */
int hf_feed_words_in(const char *hay, const char *needle);

#endif
