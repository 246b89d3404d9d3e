/* preview.h: what a rotation edit changes over a window: shifts that change hands, hours, gaps and double cover (pure) */
#ifndef HANDOFF_PREVIEW_H
#define HANDOFF_PREVIEW_H

#include <stddef.h>
#include <stdint.h>
#include "handoff/rotation.h"
#include "handoff/status.h"

/* A stretch of time held by `before` in the old rotation and by `after` in the new one (NULL: nobody). */
struct hf_preview_change {
	int64_t start, end;
	const char *before, *after;	/* borrowed from the rotations */
};

/* One person's hours in the window, before and after (seconds). */
struct hf_preview_hours {
	const char *who;
	int64_t before, after;
};

struct hf_preview {
	int64_t from, to;
	struct hf_preview_change *changes;	/* in time order, adjacent equal pairs merged */
	size_t nchanges;
	struct hf_preview_hours *hours;	/* people of the old rotation first, in order of first shift */
	size_t nhours;
	struct hf_interval *gaps_before, *gaps_after, *gaps_added, *gaps_removed;
	size_t ngaps_before, ngaps_after, ngaps_added, ngaps_removed;
	struct hf_interval *doubles_before, *doubles_after, *doubles_added, *doubles_removed;
	size_t ndoubles_before, ndoubles_after, ndoubles_added, ndoubles_removed;
};

/*
 * Compare two versions of a rotation over [from, to), both on zone z.
 * Borrowed strings point into the rotations, which must outlive *out.
 * Errors: those of hf_rotation_shifts (no members, an absurd window).
 */
enum hf_status hf_preview_compute(const struct hf_rotation *before, const struct hf_rotation *after,
				  const struct hf_zone *z, int64_t from, int64_t to,
				  struct hf_preview *out);
void hf_preview_clear(struct hf_preview *p);

/*
 * The preview on one line, for a confirm step: the stretches that change
 * hands (the first three, then how many more), each person whose hours
 * change, and the gaps and double cover the edit introduces or removes;
 * times on z's clock ("Mon 2026-11-30 09:00"). "no shift changes hands"
 * when none does. Caller frees; names are not sanitised.
 */
char *hf_preview_line(const struct hf_preview *p, const struct hf_zone *z);

#endif
