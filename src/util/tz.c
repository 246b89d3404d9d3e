/* tz.c: IANA time zones through libical's icaltimezone over the system zoneinfo */
#include "config.h"

/*
 * Why libical: it reads the real tz database the system ships (TZif files
 * under /usr/share/zoneinfo, updated with the tzdata package), so offsets
 * and daylight-saving rules are the ones the rest of the machine uses, with
 * no hand-written offset table to go stale; it answers "offset at instant
 * t" for any zone without touching the process-wide TZ (localtime_r would
 * need setenv("TZ") per call, which is neither thread-safe nor cheap); and
 * the same library gives the tests a real RFC 5545 parser to check the
 * calendar feed with. This file and the ICS test are its only users.
 */
#include <libical/ical.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handoff/tz.h"
#include "handoff/xmalloc.h"

/*
 * libical answers "offset at t" in 0.1 to 2 microseconds depending on the
 * zone's history, and the engine asks a few times per shift. The handle
 * keeps what it learnt per window of 2^20 s (about 12 days): the offsets at
 * both ends and, when they differ, the exact second of the change (found by
 * bisection). Real zones change their offset at most once in 12 days (the
 * shortest modern gap, Morocco's Ramadan suspension, is about a month), so
 * a window with equal ends has one offset throughout.
 */
#define WINDOW_BITS 20
#define NCACHE 256

struct window {
	int64_t index;
	int64_t change;		/* first second of the end offset, when they differ */
	int32_t first, last;	/* offsets at the window's first and last second */
	bool valid;
};

struct hf_tz {
	char *name;
	icaltimezone *zone;	/* owned by libical (builtin zones live for the process) */
	bool utc;
	struct window cache[NCACHE];	/* direct-mapped by window index */
};

bool hf_tz_name_valid(const char *name)
{
	if (!name || !*name || strlen(name) > 64 || name[0] == '/' || strstr(name, ".."))
		return false;
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '+' || c == '/'))
			return false;
	}
	return true;
}

static bool is_utc(const char *name)
{
	return strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0 ||
	       strcmp(name, "Etc/GMT") == 0 || strcmp(name, "GMT") == 0 ||
	       strcmp(name, "Etc/Universal") == 0 || strcmp(name, "Universal") == 0 ||
	       strcmp(name, "Zulu") == 0 || strcmp(name, "Etc/Zulu") == 0;
}

enum hf_status hf_tz_open(const char *name, struct hf_tz **out)
{
	icaltimezone *zone;
	struct hf_tz *tz;

	*out = NULL;
	if (!hf_tz_name_valid(name))
		return hf_error(HF_EINVAL, "unknown time zone '%s' (use an IANA name such as Europe/Berlin)",
				name ? name : "");
	if (is_utc(name))
		zone = icaltimezone_get_utc_timezone();
	else
		zone = icaltimezone_get_builtin_timezone(name);
	/* libical leaves an error state behind for names it does not know */
	icalerror_clear_errno();
	if (!zone)
		return hf_error(HF_EINVAL, "unknown time zone '%s' (use an IANA name such as Europe/Berlin)",
				name);
	tz = xcalloc(1, sizeof(*tz));
	tz->name = xstrdup(name);
	tz->zone = zone;
	tz->utc = zone == icaltimezone_get_utc_timezone();
	*out = tz;
	return HF_OK;
}

struct hf_tz *hf_tz_local(void)
{
	const char *env = getenv("TZ");
	struct hf_tz *tz = NULL;
	char link[PATH_MAX];
	ssize_t len;

	if (env && *env == ':')
		env++;
	if (env && *env && hf_tz_open(env, &tz) == HF_OK)
		return tz;
	if (!env || !*env) {
		len = readlink("/etc/localtime", link, sizeof(link) - 1);
		if (len > 0) {
			const char *zi;

			link[len] = '\0';
			zi = strstr(link, "zoneinfo/");
			if (zi && hf_tz_open(zi + 9, &tz) == HF_OK)
				return tz;
		}
	}
	hf_error_clear();
	hf_tz_open("UTC", &tz);
	return tz;
}

void hf_tz_free(struct hf_tz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz);
}

const char *hf_tz_name(const struct hf_tz *tz)
{
	return tz->name;
}

static int32_t raw_offset(const struct hf_tz *tz, int64_t t)
{
	icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
	int dst = 0;

	return (int32_t)icaltimezone_get_utc_offset_of_utc_time(tz->zone, &tt, &dst);
}

int32_t hf_tz_offset(const struct hf_tz *ctz, int64_t t)
{
	struct hf_tz *tz = (struct hf_tz *)ctz;	/* the cache is not part of the value */
	int64_t index = t >> WINDOW_BITS, lo, hi;
	struct window *w;

	if (tz->utc)
		return 0;
	w = &tz->cache[(uint64_t)index % NCACHE];
	if (!w->valid || w->index != index) {
		lo = index << WINDOW_BITS;
		hi = lo + ((int64_t)1 << WINDOW_BITS) - 1;
		w->index = index;
		w->first = raw_offset(tz, lo);
		w->last = raw_offset(tz, hi);
		while (w->first != w->last && hi - lo > 1) {
			int64_t mid = lo + (hi - lo) / 2;

			if (raw_offset(tz, mid) == w->first)
				lo = mid;
			else
				hi = mid;
		}
		w->change = hi;
		w->valid = true;
	}
	return t < w->change || w->first == w->last ? w->first : w->last;
}

static int32_t zone_offset(const void *impl, int64_t t)
{
	return hf_tz_offset(impl, t);
}

struct hf_zone hf_tz_zone(const struct hf_tz *tz)
{
	struct hf_zone z = { tz->name, zone_offset, tz };

	return z;
}
