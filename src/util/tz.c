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
 * calendar feed with. Its other user is the calendar source's expansion
 * (src/sources/ical_feed.c), under the same lock (hf_ical_lock).
 *
 * Known limit: libical 3.0's reading of some zones whose rules changed
 * disagrees with glibc's in some past years (Asia/Jerusalem in 2013 and
 * 2015, America/Sao_Paulo in 2014, Asia/Tehran in 2018 and 2019, by an hour
 * for weeks). From 2024 on the zones tried agree, as do zones such as
 * Europe/Berlin, America/New_York, Pacific/Apia and Antarctica/Troll at all
 * times tried (tests/unit/test_tz.c, tests/integ/oncall_dst.sh). A reader of
 * the TZif files themselves would remove the limit.
 */
#include <libical/ical.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "handoff/clock.h"
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
#define WINDOW ((int64_t)1 << 20)
#define NCACHE 256

struct window {
	int64_t index;
	int64_t change;		/* first second of the end offset, when they differ */
	int32_t first, last;	/* offsets at the window's first and last second */
	bool valid;
};

/*
 * Threads: a handle may be used by several threads at once (the TUI's sync
 * thread and its screen), so its cache has a lock; and libical's zones are
 * process-wide objects that fill in lazily (the list of builtin zones, each
 * zone's expanded changes), so every call into libical holds ical_lock.
 * Lock order: a handle's cache lock, then ical_lock.
 */
static pthread_mutex_t ical_lock = PTHREAD_MUTEX_INITIALIZER;

void hf_ical_lock(void)
{
	pthread_mutex_lock(&ical_lock);
}

void hf_ical_unlock(void)
{
	pthread_mutex_unlock(&ical_lock);
}

struct cache {
	pthread_mutex_t lock;
	struct window w[NCACHE];	/* direct-mapped by window index */
};

struct hf_tz {
	char *name;
	icaltimezone *zone;	/* owned by libical (builtin zones live for the process) */
	bool utc;
	struct cache *cache;	/* not part of the value: filled through const handles */
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
	bool utc;

	*out = NULL;
	if (!hf_tz_name_valid(name))
		return hf_error(HF_EINVAL, "unknown time zone '%s' (use an IANA name such as Europe/Berlin)",
				name ? name : "");
	pthread_mutex_lock(&ical_lock);
	if (is_utc(name))
		zone = icaltimezone_get_utc_timezone();
	else
		zone = icaltimezone_get_builtin_timezone(name);
	/* libical leaves an error state behind for names it does not know */
	icalerror_clear_errno();
	utc = zone == icaltimezone_get_utc_timezone();
	pthread_mutex_unlock(&ical_lock);
	if (!zone)
		return hf_error(HF_EINVAL, "unknown time zone '%s' (use an IANA name such as Europe/Berlin)",
				name);
	tz = xcalloc(1, sizeof(*tz));
	tz->name = xstrdup(name);
	tz->zone = zone;
	tz->utc = utc;
	tz->cache = xcalloc(1, sizeof(*tz->cache));
	pthread_mutex_init(&tz->cache->lock, NULL);
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
	pthread_mutex_destroy(&tz->cache->lock);
	free(tz->cache);
	free(tz->name);
	free(tz);
}

const char *hf_tz_name(const struct hf_tz *tz)
{
	return tz->name;
}

/* The offset at t straight from libical; the caller holds ical_lock. */
static int32_t raw_offset(const struct hf_tz *tz, int64_t t)
{
	icaltimetype tt = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
	int dst = 0;

	return (int32_t)icaltimezone_get_utc_offset_of_utc_time(tz->zone, &tt, &dst);
}

/* Learn window `index`: its offsets at both ends and, when they differ, the second of the change. */
static void window_fill(const struct hf_tz *tz, struct window *w, int64_t index)
{
	int64_t lo = index * WINDOW, hi = lo + WINDOW - 1;

	pthread_mutex_lock(&ical_lock);
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
	pthread_mutex_unlock(&ical_lock);
	w->change = hi;
	w->valid = true;
}

int32_t hf_tz_offset(const struct hf_tz *tz, int64_t t)
{
	/* floor, not a shift: instants before 1970 are negative */
	int64_t index = hf_floor_div(t, WINDOW);
	struct window *w;
	int32_t off;

	if (tz->utc)
		return 0;
	pthread_mutex_lock(&tz->cache->lock);
	w = &tz->cache->w[(uint64_t)index % NCACHE];
	if (!w->valid || w->index != index)
		window_fill(tz, w, index);
	off = t < w->change || w->first == w->last ? w->first : w->last;
	pthread_mutex_unlock(&tz->cache->lock);
	return off;
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
