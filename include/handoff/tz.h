/* tz.h: IANA time zones (Europe/Berlin, ...) from the system zoneinfo, for the rotation engine */
#ifndef HANDOFF_TZ_H
#define HANDOFF_TZ_H

#include <stdbool.h>
#include <stdint.h>
#include "handoff/rotation.h"
#include "handoff/status.h"

/*
 * A time zone looked up by its IANA name and backed by libical's
 * icaltimezone over the system zoneinfo (/usr/share/zoneinfo). The zones
 * are loaded once and shared process-wide by libical, so a struct hf_tz is
 * only a small handle with a cache of offsets; hf_tz_free releases the
 * handle, never the zone. Every function here is safe to call from several
 * threads at once; hf_tz_free only once nobody else uses the handle.
 *
 * hf_tz_zone() hands the zone to the pure rotation engine (src/core), which
 * only ever asks "what is the UTC offset at instant t" through the
 * struct hf_zone callback, so core stays free of libical and I/O.
 */
struct hf_tz;

/* True when name looks like an IANA zone name (letters, digits, '_', '-', '+', '/', no ".."). */
bool hf_tz_name_valid(const char *name);

/*
 * Open the zone called `name` ("UTC", "Europe/Berlin", "America/New_York").
 * HF_EINVAL with "unknown time zone 'NAME'" when the system zoneinfo does
 * not have it. *out is owned by the caller (hf_tz_free).
 */
enum hf_status hf_tz_open(const char *name, struct hf_tz **out);

/*
 * The viewer's zone: the TZ environment variable when it names a zone
 * (an optional leading ':' is skipped), else the zone /etc/localtime links
 * to, else UTC. Never fails.
 */
struct hf_tz *hf_tz_local(void);

void hf_tz_free(struct hf_tz *tz);

/* The IANA name it was opened with; borrowed from tz. */
const char *hf_tz_name(const struct hf_tz *tz);

/*
 * Seconds east of UTC at instant t, before 1970 too. Answers are cached per
 * handle; any thread may use any handle (the cache has its own lock, and
 * calls into libical are serialised process-wide).
 */
int32_t hf_tz_offset(const struct hf_tz *tz, int64_t t);

/*
 * libical's zones are process-wide and fill in lazily, so every call into
 * libical, here or elsewhere (the calendar source's expansion), holds this
 * one lock. Never take a handle's cache lock while holding it.
 */
void hf_ical_lock(void);
void hf_ical_unlock(void);

/* The zone as the rotation engine takes it; valid while tz lives. */
struct hf_zone hf_tz_zone(const struct hf_tz *tz);

#endif
