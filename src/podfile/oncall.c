/* oncall.c: oncall/<rotation>.json: members, shift, hand-off, time zone, changes, restrictions, overrides, covers */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/store_oncall.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"
#include "internal.h"

static const char *const rotation_keys[] = {
	"name", "timezone", "start", "shift", "handoff", "members", "changes", "restrict",
	"overrides", "covers", "calendar", "who", NULL,
};
/* what a feed rotation takes from git; its shifts come from the calendar */
static const char *const feed_keys[] = { "name", "timezone", "covers", "calendar", "who", NULL };
static const char *const change_keys[] = { "from", "members", NULL };
static const char *const restrict_keys[] = { "days", "hours", NULL };
static const char *const override_keys[] = { "who", "from", "to", "reason", NULL };

/* A list of handles into c (owned copies); false after recording an error. */
static bool load_members(struct hf_podfile_ctx *ctx, json_t *arr, const char *where,
			 struct hf_rotation_change *c)
{
	size_t i;
	json_t *v;

	if (!json_array_size(arr)) {
		hf_podfile_error(ctx, where, "'%s' must list at least one member", where);
		return false;
	}
	c->members = xcalloc(json_array_size(arr), sizeof(char *));
	json_array_foreach(arr, i, v) {
		const char *h = json_string_value(v);

		if (!h || !hf_podfile_is_word(h)) {
			hf_podfile_error(ctx, hf_podfile_field("%s[%zu]", where, i),
					 "a member must be a handle such as \"raj\"");
			return false;
		}
		for (size_t j = 0; j < c->nmembers; j++) {
			if (strcmp(c->members[j], h) == 0) {
				hf_podfile_error(ctx, hf_podfile_field("%s[%zu]", where, i),
						 "member '%s' is listed twice", h);
				return false;
			}
		}
		hf_podfile_ref(ctx, HF_REF_MEMBER, h, hf_podfile_field("%s[%zu]", where, i));
		c->members[c->nmembers++] = xstrdup(h);
	}
	return true;
}

/*
 * "2026-12-24T00:00" is local to the rotation's zone; "...Z" or "...+01:00"
 * is not. A date alone is local midnight. A local time the clock skips moves
 * forward by the jump, a repeated one is the first (RFC 5545). *wall is the
 * local time as written (the instant for text with a zone), *skipped whether
 * the clock skips it.
 */
static bool local_instant(struct hf_podfile_ctx *ctx, const struct hf_zone *z, const char *text,
			  const char *field, int64_t *out, int64_t *wall, bool *skipped)
{
	int64_t t;

	if (hf_time_parse(text, &t)) {
		hf_podfile_error(ctx, field, "'%s' must be a time such as 2026-12-24T09:00 (local to the "
				 "rotation's timezone) or 2026-12-24T08:00:00Z, not '%s'", field, text);
		return false;
	}
	*wall = t;
	*out = hf_time_has_zone(text) ? t : hf_zone_from_local(z, t);
	*skipped = !hf_time_has_zone(text) && hf_zone_to_local(z, *out) != t;
	return true;
}

static bool load_overrides(struct hf_podfile_ctx *ctx, json_t *arr, const struct hf_zone *z,
			   struct hf_rotation *r)
{
	size_t i;
	json_t *o;

	r->overrides = xcalloc(json_array_size(arr) + 1, sizeof(*r->overrides));
	json_array_foreach(arr, i, o) {
		char where[32];
		const char *who = NULL, *from = NULL, *to = NULL, *reason = NULL;
		int64_t f, t, wf, wt;
		bool sf, st;

		snprintf(where, sizeof(where), "overrides[%zu]", i);
		if (!json_is_object(o)) {
			hf_podfile_error(ctx, where, "'%s' must be an object", where);
			return false;
		}
		hf_podfile_unknown_keys(ctx, o, where, override_keys);
		if (!hf_podfile_string(ctx, o, "who", hf_podfile_field("%s.who", where), true, &who) ||
		    !hf_podfile_string(ctx, o, "from", hf_podfile_field("%s.from", where), true, &from) ||
		    !hf_podfile_string(ctx, o, "to", hf_podfile_field("%s.to", where), true, &to) ||
		    !hf_podfile_string(ctx, o, "reason", hf_podfile_field("%s.reason", where), false, &reason))
			return false;
		if (!hf_podfile_is_word(who)) {
			hf_podfile_error(ctx, hf_podfile_field("%s.who", where),
					 "'who' must be a handle such as \"raj\"");
			return false;
		}
		if (!local_instant(ctx, z, from, hf_podfile_field("%s.from", where), &f, &wf, &sf) ||
		    !local_instant(ctx, z, to, hf_podfile_field("%s.to", where), &t, &wt, &st))
			return false;
		/*
		 * In order as written but not as instants: a start the clock skips
		 * moved forward past the end (an hour or less from 02:00 on a
		 * spring-forward night). Like a hand-off, it never passes a later
		 * time: the override covers no time, and the file still loads.
		 */
		if (t <= f && (sf || st) && (hf_time_has_zone(from) || hf_time_has_zone(to) || wt > wf)) {
			hf_podfile_warn(ctx, hf_podfile_field("%s.from", where),
					"override from '%s' to '%s' covers no time: the clock jumps over it "
					"(a time it skips moves forward by the length of the jump)", from, to);
			f = t;
		} else if (t <= f) {
			hf_podfile_error(ctx, hf_podfile_field("%s.to", where),
					 "override ends ('%s') before it starts ('%s')", to, from);
			return false;
		}
		hf_podfile_ref(ctx, HF_REF_MEMBER, who, hf_podfile_field("%s.who", where));
		r->overrides[r->noverrides++] = (struct hf_rotation_override){
			xstrdup(who), f, t, xstrdup(reason) };
	}
	return true;
}

static bool load_changes(struct hf_podfile_ctx *ctx, json_t *arr, struct hf_rotation *r)
{
	size_t i;
	json_t *c;

	r->changes = xrealloc(r->changes, (1 + json_array_size(arr)) * sizeof(*r->changes));
	json_array_foreach(arr, i, c) {
		char where[32];
		const char *from = NULL;
		json_t *members = NULL;
		struct hf_rotation_change *ch;
		int64_t t;

		snprintf(where, sizeof(where), "changes[%zu]", i);
		if (!json_is_object(c)) {
			hf_podfile_error(ctx, where, "'%s' must be an object", where);
			return false;
		}
		hf_podfile_unknown_keys(ctx, c, where, change_keys);
		if (!hf_podfile_date(ctx, c, "from", hf_podfile_field("%s.from", where), true, &from) ||
		    !hf_podfile_array(ctx, c, "members", hf_podfile_field("%s.members", where), true, &members))
			return false;
		hf_time_parse(from, &t);
		ch = &r->changes[r->nchanges];
		memset(ch, 0, sizeof(*ch));
		ch->from_day = t / 86400;
		r->nchanges++;
		if (!load_members(ctx, members, hf_podfile_field("%s.members", where), ch))
			return false;
		if (r->nchanges > 2 && ch->from_day <= r->changes[r->nchanges - 2].from_day) {
			hf_podfile_error(ctx, hf_podfile_field("%s.from", where),
					 "changes must be in date order: '%s' is not after the previous one", from);
			return false;
		}
	}
	return true;
}

static bool load_restrict(struct hf_podfile_ctx *ctx, json_t *obj, struct hf_rotation *r)
{
	const char *days = NULL, *hours = NULL;

	hf_podfile_unknown_keys(ctx, obj, "restrict", restrict_keys);
	if (!hf_podfile_string(ctx, obj, "days", "restrict.days", false, &days) ||
	    !hf_podfile_string(ctx, obj, "hours", "restrict.hours", false, &hours))
		return false;
	r->restricted = true;
	r->restrict_days = 0x7f;
	r->restrict_from = 0;
	r->restrict_to = 24 * 60;
	if (days && !hf_rotation_parse_days(days, &r->restrict_days)) {
		hf_podfile_error(ctx, "restrict.days",
				 "'restrict.days' must be days such as \"mon-fri\" or \"sat,sun\", not '%s'", days);
		return false;
	}
	if (hours && !hf_rotation_parse_hours(hours, &r->restrict_from, &r->restrict_to)) {
		hf_podfile_error(ctx, "restrict.hours",
				 "'restrict.hours' must be a range such as \"09:00-18:00\", not '%s'", hours);
		return false;
	}
	return true;
}

static bool load_covers(struct hf_podfile_ctx *ctx, json_t *arr, struct hf_rotation *r)
{
	size_t i;
	json_t *v;

	r->covers = xcalloc(json_array_size(arr) + 1, sizeof(char *));
	json_array_foreach(arr, i, v) {
		const char *m = json_string_value(v);

		if (!m || !hf_podfile_is_word(m)) {
			hf_podfile_error(ctx, hf_podfile_field("covers[%zu]", i),
					 "a covered model must be a model name such as \"ranker\"");
			return false;
		}
		r->covers[r->ncovers++] = xstrdup(m);
	}
	return true;
}

/* Store a rotation whose name no other file has taken (that is the file's error). */
static enum hf_status store_rotation(struct hf_podfile_ctx *ctx, const struct hf_rotation *r)
{
	enum hf_status rc;
	bool taken;

	if ((rc = hf_store_rotation_taken(ctx->store, r->name, ctx->source, ctx->path, &taken)))
		return rc;
	if (taken) {
		hf_podfile_error(ctx, NULL, "rotation '%s' is already defined by another file", r->name);
		return HF_EINVAL;
	}
	return hf_store_rotation_put(ctx->store, ctx->source, ctx->path, r);
}

/* The `who` map of a feed rotation: a name as the feed gives it -> a handle. */
static bool load_who(struct hf_podfile_ctx *ctx, json_t *obj, struct hf_rotation *r)
{
	const char *key;
	json_t *v;

	r->who_names = xcalloc(json_object_size(obj) + 1, sizeof(char *));
	r->who_handles = xcalloc(json_object_size(obj) + 1, sizeof(char *));
	json_object_foreach(obj, key, v) {
		const char *h = json_string_value(v);

		if (!h || !hf_podfile_is_word(h)) {
			hf_podfile_error(ctx, hf_podfile_field("who.%s", key),
					 "'who' maps a name in the feed to a handle such as \"raj\"");
			return false;
		}
		if (!*key) {
			hf_podfile_error(ctx, "who", "'who' has an empty name");
			return false;
		}
		r->who_names[r->nwho] = xstrdup(key);
		r->who_handles[r->nwho++] = xstrdup(h);
	}
	return true;
}

/*
 * `{"calendar": "SOURCE", "covers": [...], "timezone": "...", "who": {...}}`:
 * covers and the who map stay in git, the shifts come from the calendar
 * source. The keys of a git rotation are refused beside it, since the feed
 * decides them (and overrides are made in the system that owns the feed).
 */
static enum hf_status load_feed_rotation(struct hf_podfile_ctx *ctx, json_t *root, const char *calendar)
{
	struct hf_rotation r = { 0 };
	const char *tzname = NULL, *key;
	json_t *who = NULL, *covers = NULL, *v;
	struct hf_tz *tz = NULL;
	enum hf_status rc = HF_EINVAL;

	json_object_foreach(root, key, v) {
		bool feed = false;

		for (size_t i = 0; feed_keys[i]; i++)
			feed = feed || strcmp(feed_keys[i], key) == 0;
		for (size_t i = 0; !feed && rotation_keys[i]; i++)
			if (strcmp(rotation_keys[i], key) == 0)
				hf_podfile_error(ctx, key, "'%s' cannot go with 'calendar': the shifts of a "
						 "feed rotation come from the calendar (overrides are made in "
						 "the system that owns it)", key);
	}
	hf_podfile_unknown_keys(ctx, root, "", rotation_keys);
	if (ctx->errors ||
	    !hf_podfile_string(ctx, root, "timezone", "timezone", false, &tzname) ||
	    !hf_podfile_object(ctx, root, "who", "who", false, &who) ||
	    !hf_podfile_array(ctx, root, "covers", "covers", false, &covers))
		goto out;
	if (!hf_podfile_is_word(calendar)) {
		hf_podfile_error(ctx, "calendar", "'calendar' must name a calendar source of the "
				 "configuration ([source \"NAME\"] type = ical), not '%s'", calendar);
		goto out;
	}
	r.name = xstrdup(ctx->name);
	r.calendar = xstrdup(calendar);
	if (hf_tz_open(tzname ? tzname : "UTC", &tz)) {
		hf_podfile_error(ctx, "timezone", "%s", hf_last_error());
		goto out;
	}
	r.timezone = xstrdup(tzname ? tzname : "UTC");
	if ((who && !load_who(ctx, who, &r)) || (covers && !load_covers(ctx, covers, &r)) || ctx->errors)
		goto out;
	rc = store_rotation(ctx, &r);
out:
	hf_tz_free(tz);
	hf_rotation_clear(&r);
	return rc;
}

enum hf_status hf_podfile_load_oncall(struct hf_podfile_ctx *ctx, json_t *root)
{
	struct hf_rotation r = { 0 };
	const char *name = NULL, *tzname = NULL, *start = NULL, *shift = NULL, *handoff = NULL;
	json_t *members = NULL, *changes = NULL, *restrict_ = NULL, *overrides = NULL, *covers = NULL;
	struct hf_tz *tz = NULL;
	struct hf_zone z;
	enum hf_status rc = HF_EINVAL;
	int64_t t;
	const char *calendar = NULL;

	if (!hf_podfile_string(ctx, root, "calendar", "calendar", false, &calendar))
		return HF_EINVAL;
	if (calendar)
		return load_feed_rotation(ctx, root, calendar);
	if (json_object_get(root, "who"))
		hf_podfile_error(ctx, "who", "'who' maps names in a calendar feed: it goes with 'calendar'");
	hf_podfile_unknown_keys(ctx, root, "", rotation_keys);
	if (ctx->errors || !hf_podfile_string(ctx, root, "name", "name", false, &name) ||
	    !hf_podfile_string(ctx, root, "timezone", "timezone", true, &tzname) ||
	    !hf_podfile_date(ctx, root, "start", "start", true, &start) ||
	    !hf_podfile_string(ctx, root, "shift", "shift", true, &shift) ||
	    !hf_podfile_string(ctx, root, "handoff", "handoff", false, &handoff) ||
	    !hf_podfile_array(ctx, root, "members", "members", true, &members) ||
	    !hf_podfile_array(ctx, root, "changes", "changes", false, &changes) ||
	    !hf_podfile_object(ctx, root, "restrict", "restrict", false, &restrict_) ||
	    !hf_podfile_array(ctx, root, "overrides", "overrides", false, &overrides) ||
	    !hf_podfile_array(ctx, root, "covers", "covers", false, &covers))
		goto out;
	if (name && strcmp(name, ctx->name) != 0)
		hf_podfile_warn(ctx, "name", "name '%s' differs from the file name; the rotation is called '%s'",
				name, ctx->name);
	r.name = xstrdup(ctx->name);
	if (hf_tz_open(tzname, &tz)) {
		hf_podfile_error(ctx, "timezone", "%s", hf_last_error());
		goto out;
	}
	r.timezone = xstrdup(tzname);
	z = hf_tz_zone(tz);
	hf_time_parse(start, &t);
	r.start_day = t / 86400;
	if (!hf_rotation_parse_shift(shift, &r.shift_count, &r.shift_unit)) {
		hf_podfile_error(ctx, "shift", "'shift' must be a count and a unit such as 12h, 1d, 1w or 2w, "
				 "not '%s'", shift);
		goto out;
	}
	r.handoff_wday = -1;
	r.handoff_minute = 9 * 60;
	if (handoff && !hf_rotation_parse_handoff(handoff, &r.handoff_wday, &r.handoff_minute)) {
		hf_podfile_error(ctx, "handoff", "'handoff' must be a weekday and a time such as \"mon 09:00\" "
				 "(or a time alone such as \"09:00\"), not '%s'", handoff);
		goto out;
	}
	r.changes = xcalloc(1, sizeof(*r.changes));
	r.changes[0].from_day = r.start_day;
	r.nchanges = 1;
	if (!load_members(ctx, members, "members", &r.changes[0]) ||
	    (changes && !load_changes(ctx, changes, &r)) ||
	    (restrict_ && !load_restrict(ctx, restrict_, &r)) ||
	    (overrides && !load_overrides(ctx, overrides, &z, &r)) ||
	    (covers && !load_covers(ctx, covers, &r)))
		goto out;
	if (ctx->errors)
		goto out;
	rc = store_rotation(ctx, &r);
out:
	hf_tz_free(tz);
	hf_rotation_clear(&r);
	return rc;
}
