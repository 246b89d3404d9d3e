/* rotation.h: the on-call rotation engine: who is on call when (pure; time zones come in as a callback) */
#ifndef HANDOFF_ROTATION_H
#define HANDOFF_ROTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "handoff/status.h"

/*
 * Times are Unix seconds (UTC). "Local" times are the wall clock of the
 * rotation's zone written as seconds since 1970-01-01T00:00 of that wall
 * clock ("naive" local seconds: utc + offset).
 *
 * The engine never touches a time zone database itself: it asks the
 * struct hf_zone for the UTC offset at an instant. src/util/tz.c builds one
 * from libical (hf_tz_zone); tests may build fixed-offset ones.
 */
struct hf_zone {
	const char *name;
	int32_t (*offset)(const void *impl, int64_t t);	/* seconds east of UTC at t */
	const void *impl;
};

/* Local wall-clock seconds of instant t. */
int64_t hf_zone_to_local(const struct hf_zone *z, int64_t t);

/*
 * The instant of a local wall-clock time. A time that happens twice (the
 * hour repeated when clocks go back) gives the earlier instant; a time that
 * never happens (skipped when clocks go forward) gives the instant the old
 * offset would have given, which reads as the same minutes past the gap
 * (02:30 on a spring-forward night becomes 03:30).
 */
int64_t hf_zone_from_local(const struct hf_zone *z, int64_t local);

enum hf_shift_unit { HF_SHIFT_HOURS = 0, HF_SHIFT_DAYS, HF_SHIFT_WEEKS };

/* A list of members in effect from a date (the first list starts with the rotation). */
struct hf_rotation_change {
	int64_t from_day;	/* local date, days since 1970-01-01 */
	char **members;		/* handles, in rotation order; owned */
	size_t nmembers;
};

struct hf_rotation_override {
	char *who;		/* owned */
	int64_t from, to;	/* UTC, [from, to) */
	char *reason;		/* owned, may be NULL */
};

/*
 * One shift of a feed rotation: an occurrence of a calendar event, already
 * matched to a member (feed.h) or not.
 */
struct hf_feed_shift {
	int64_t start, end;	/* UTC, [start, end) */
	char *who;		/* the member's handle, or the name as the feed gives it; owned */
	char *event;		/* the event's SUMMARY; owned, may be NULL */
	bool matched;		/* who is a member's handle */
};

/*
 * A rotation as oncall/<rotation>.json defines it. Everything is owned by
 * the struct and released with hf_rotation_clear.
 */
struct hf_rotation {
	char *name;
	char *timezone;			/* IANA name */
	int64_t start_day;		/* local date the rotation starts */
	int shift_count;		/* shift length: shift_count units */
	enum hf_shift_unit shift_unit;
	int handoff_wday;		/* 0 = Monday .. 6 = Sunday, -1: the start date's weekday */
	int handoff_minute;		/* minutes after local midnight */
	/* changes[0] is the initial member list; later ones ascend by from_day */
	struct hf_rotation_change *changes;
	size_t nchanges;
	bool restricted;
	unsigned restrict_days;		/* bit 0 Monday .. bit 6 Sunday */
	int restrict_from, restrict_to;	/* minutes after local midnight; to <= from crosses midnight */
	struct hf_rotation_override *overrides;	/* later entries win where they overlap */
	size_t noverrides;
	char **covers;			/* model names */
	size_t ncovers;
	/*
	 * A feed rotation (`"calendar": "SOURCE"` in the file) takes its shifts
	 * from a calendar source instead of members, shift and hand-off: changes
	 * and overrides are then empty, and the engine lists `feed` as it is
	 * (overlaps are double cover, holes are gaps).
	 */
	char *calendar;			/* the calendar source's name; NULL for a git rotation */
	struct hf_feed_shift *feed;	/* sorted by start; owned */
	size_t nfeed;
	char **who_names, **who_handles;	/* the file's `who` map: a name in the feed -> a handle */
	size_t nwho;
	int64_t feed_at;		/* when the feed was last read whole; 0: never */
};

void hf_rotation_clear(struct hf_rotation *r);

/*
 * Parsers of the file's text fields, shared by the pod-file loader and the
 * store (which keeps the text as written). Each returns false for text that
 * is not valid; errors are then reported by the caller with file and field.
 *   shift:    "12h", "1d", "1w", "2w" (a count 1..999 and h, d or w)
 *   handoff:  "mon 09:00" (weekday and time) or "09:00" (time alone)
 *   days:     "mon-fri", "sat,sun", "mon,wed-fri"
 *   hours:    "09:00-18:00" ("22:00-06:00" crosses midnight; "24:00" ends a day)
 */
bool hf_rotation_parse_shift(const char *text, int *count, enum hf_shift_unit *unit);
bool hf_rotation_parse_handoff(const char *text, int *wday, int *minute);
bool hf_rotation_parse_days(const char *text, unsigned *mask);
bool hf_rotation_parse_hours(const char *text, int *from, int *to);
/* "09:00" -> 540; false when not HH:MM (00:00..24:00). */
bool hf_rotation_parse_clock(const char *text, int *minute);

/* The weekday (0 = Monday) of a day number; "mon".."sun" names. */
int hf_weekday(int64_t day);
const char *hf_weekday_name(int wday);

/*
 * Hand-offs happen at local wall-clock times: shift k starts at the first
 * hand-off on the hand-off weekday plus k shift lengths of wall-clock time,
 * so a 09:00 hand-off stays at 09:00 across daylight-saving changes (that
 * week is an hour shorter or longer). The first shift starts on `start` at
 * the hand-off time, and is shorter when `start` is not on the hand-off
 * weekday. A hand-off time the clock repeats is the first; one it skips
 * moves forward by the jump (hf_zone_from_local, RFC 5545) but never past a
 * later hand-off, so shift starts never go backwards and shifts never
 * overlap. A shift that lies whole inside a jump (an hourly shift at 02:00
 * on a spring-forward night; Pacific/Apia's 30 December 2011) is empty and
 * not listed; turns count only the shifts that exist, so nobody loses one.
 *
 * One stretch of on-call duty. Rotation shifts are cut by the restrictions
 * (a weekly shift restricted to mon-fri 09:00-18:00 is five shifts) and by
 * overrides, which win over the rotation for their whole span.
 */
struct hf_shift {
	int64_t start, end;	/* UTC, [start, end) */
	const char *who;	/* borrowed from the rotation */
	const char *reason;	/* the override's reason, NULL for a rotation shift */
	int override;		/* index into overrides, -1 for a rotation shift */
};

/*
 * Every shift overlapping [from, to), whole (start may be before from and
 * end after to), in time order. *out is owned by the caller (free); *n may
 * be 0. HF_EINVAL when the rotation has no members or the window is absurd
 * (over 100 years).
 */
enum hf_status hf_rotation_shifts(const struct hf_rotation *r, const struct hf_zone *z,
				  int64_t from, int64_t to, struct hf_shift **out, size_t *n);

/*
 * The first `count` shifts that end after t (the first is the current one
 * when somebody is on call at t), looking at most `horizon_days` ahead
 * (0: ten years, or twice the time count shifts take when that is longer).
 * Fewer when the rotation has no more shifts within the horizon.
 */
enum hf_status hf_rotation_next(const struct hf_rotation *r, const struct hf_zone *z, int64_t t,
				size_t count, int horizon_days, struct hf_shift **out, size_t *n);

/*
 * Who is on call at t: *now is the shift containing t (found false when
 * nobody is, a gap), *next the first shift starting at or after now's end
 * (or after t in a gap; next_found false when none within a year).
 */
enum hf_status hf_rotation_at(const struct hf_rotation *r, const struct hf_zone *z, int64_t t,
			      struct hf_shift *now, bool *now_found,
			      struct hf_shift *next, bool *next_found);

/*
 * Claims for coverage: the shifts over [from, to) plus every override
 * overlapping the window as its own claim, so two overlapping overrides for
 * different people count as double cover. Append the claims of several
 * rotations (the ones covering one model) to look at them together.
 */
enum hf_status hf_rotation_claims(const struct hf_rotation *r, const struct hf_zone *z,
				  int64_t from, int64_t to, struct hf_shift **out, size_t *n);

struct hf_interval {
	int64_t start, end;
};

/*
 * Over [from, to): gaps (nobody claims the time) and double cover (two or
 * more different people claim it), merged and in time order, clipped to the
 * window. Both arrays owned by the caller.
 */
void hf_oncall_coverage(const struct hf_shift *claims, size_t nclaims, int64_t from, int64_t to,
			struct hf_interval **gaps, size_t *ngaps,
			struct hf_interval **doubles, size_t *ndoubles);

/* Seconds on call per person over [from, to) (fairness), in order of first appearance. */
struct hf_oncall_hours {
	const char *who;	/* borrowed from the shifts */
	int64_t seconds;
};
void hf_oncall_hours(const struct hf_shift *shifts, size_t n, int64_t from, int64_t to,
		     struct hf_oncall_hours **out, size_t *nout);

/* The distinct members of the list in effect on local day `day` (coverage count). */
size_t hf_rotation_people(const struct hf_rotation *r, int64_t day);

#endif
