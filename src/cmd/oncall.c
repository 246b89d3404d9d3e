/* oncall.c: `handoff oncall [ROTATION] [--at TIME] [--next N] [--json] [--ics [--weeks N]]` and the status section */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/cmd.h"
#include "handoff/cmd_status.h"
#include "handoff/ics.h"
#include "handoff/out.h"
#include "handoff/rotation.h"
#include "handoff/store_oncall.h"
#include "handoff/store_pod.h"
#include "handoff/strbuf.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"
#include "oncall_internal.h"

#define DAY 86400

enum hf_status hf_status_oncall(struct hf_store *store, json_t *doc, FILE *text);

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const weekdays[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* The wall clock at t with the zone offset off: day number, date and seconds into the day. */
struct local_time {
	int64_t day;
	int y, m, d;
	int64_t s;
};

static struct local_time local_time_at(int64_t t, int32_t off)
{
	struct local_time lt;
	int64_t l = t + off;

	lt.day = hf_day_of(l);
	lt.s = l - lt.day * DAY;
	hf_civil_from_days(lt.day, &lt.y, &lt.m, &lt.d);
	return lt;
}

void hf_oncall_fmt_human(const struct hf_tz *tz, int64_t t, char *buf, size_t n)
{
	struct local_time lt = local_time_at(t, hf_tz_offset(tz, t));

	snprintf(buf, n, "%s %04d-%02d-%02d %02d:%02d", weekdays[hf_weekday(lt.day)], lt.y, lt.m,
		 lt.d, (int)(lt.s / 3600), (int)(lt.s / 60 % 60));
}

/* "Mon 26 Oct 09:00" in tz (status line). */
static void fmt_short(const struct hf_tz *tz, int64_t t, char *buf, size_t n)
{
	struct local_time lt = local_time_at(t, hf_tz_offset(tz, t));

	snprintf(buf, n, "%s %02d %s %02d:%02d", weekdays[hf_weekday(lt.day)], lt.d,
		 months[lt.m - 1], (int)(lt.s / 3600), (int)(lt.s / 60 % 60));
}

/* "2026-10-26T09:00:00+01:00": ISO 8601 with the zone's offset at t. */
static void fmt_iso_local(const struct hf_tz *tz, int64_t t, char *buf, size_t n)
{
	int32_t off = hf_tz_offset(tz, t);
	struct local_time lt = local_time_at(t, off);
	int a = off < 0 ? -off : off;

	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", lt.y, lt.m, lt.d,
		 (int)(lt.s / 3600), (int)(lt.s / 60 % 60), (int)(lt.s % 60), off < 0 ? '-' : '+',
		 a / 3600, a / 60 % 60);
}

/* The pod's members and their zones, opened on first use, to show each person their own time. */
struct people {
	struct hf_pod pod;
	struct hf_tz **tz;	/* per member; NULL until opened or when the member has none */
	bool *tried;
	struct hf_outbox_marks marks;	/* overrides with an action waiting in the outbox */
};

static void people_load(struct people *p, struct hf_store *store)
{
	memset(p, 0, sizeof(*p));
	if (hf_store_pod_get(store, &p->pod)) {
		hf_error_clear();
		memset(&p->pod, 0, sizeof(p->pod));
	}
	p->tz = xcalloc(p->pod.nmembers + 1, sizeof(*p->tz));
	p->tried = xcalloc(p->pod.nmembers + 1, sizeof(*p->tried));
	if (hf_store_outbox_marks(store, &p->marks))
		hf_error_clear();	/* no pending marks is better than no on-call view */
}

static void people_clear(struct people *p)
{
	for (size_t i = 0; i < p->pod.nmembers; i++)
		hf_tz_free(p->tz[i]);
	free(p->tz);
	free(p->tried);
	hf_outbox_marks_clear(&p->marks);
	hf_pod_clear(&p->pod);
}

/* An override shift whose person has an override of this rotation waiting to land (as the TUI marks it). */
static bool override_pending(const struct people *p, const char *rotation, const struct hf_shift *s)
{
	char target[160];

	if (!p || s->override < 0)
		return false;
	snprintf(target, sizeof(target), "override:%s ", s->who);
	return hf_outbox_marked(&p->marks, rotation, target);
}

/* The zone of member `who`, or NULL (not a member, no zone, or one the system does not know). */
static const struct hf_tz *people_tz(struct people *p, const char *who)
{
	for (size_t i = 0; p && i < p->pod.nmembers; i++) {
		if (strcmp(p->pod.members[i].handle, who) != 0)
			continue;
		if (!p->tried[i] && p->pod.members[i].timezone) {
			p->tried[i] = true;
			if (hf_tz_open(p->pod.members[i].timezone, &p->tz[i]))
				hf_error_clear();
		}
		return p->tz[i];
	}
	return NULL;
}

/* A feed rotation: once per name, the events that match no member (the shift shows the name as given). */
static void feed_check(const struct hf_rotation *r, json_t *warnings)
{
	for (size_t i = 0; i < r->nfeed; i++) {
		const struct hf_feed_shift *s = &r->feed[i];
		bool seen = false;
		char *msg;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !r->feed[j].matched && strcmp(r->feed[j].who, s->who) == 0;
		if (s->matched || seen)
			continue;
		msg = xasprintf("event '%s' names nobody in the pod: add the member's email to pod.json "
				"or a 'who' entry to the rotation file", s->event ? s->event : "");
		if (warnings)
			json_array_append_new(warnings, json_pack("{s:s, s:s, s:s}", "rotation", r->name,
				"who", s->who, "message", msg));
		else
			hf_warn("rotation '%s': %s", r->name, msg);
		free(msg);
	}
}

/* Say once per rotation which handles are not members of the pod (when a pod is known). */
static void people_check(struct people *p, const struct hf_rotation *r, json_t *warnings)
{
	if (r->calendar) {
		feed_check(r, warnings);
		return;
	}
	if (!p->pod.nmembers)
		return;
	for (size_t c = 0; c < r->nchanges; c++) {
		for (size_t i = 0; i < r->changes[c].nmembers; i++) {
			const char *h = r->changes[c].members[i];
			bool seen = false;

			if (hf_pod_member(&p->pod, h))
				continue;
			for (size_t d = 0; d <= c && !seen; d++)
				for (size_t j = 0; j < (d == c ? i : r->changes[d].nmembers) && !seen; j++)
					seen = strcmp(r->changes[d].members[j], h) == 0;
			if (seen)
				continue;
			if (warnings)
				json_array_append_new(warnings, json_pack("{s:s, s:s, s:s}", "rotation", r->name,
					"who", h, "message", "not a member of the pod"));
			else
				hf_warn("rotation '%s': '%s' is not a member of the pod", r->name, h);
		}
	}
	for (size_t i = 0; i < r->noverrides; i++) {
		if (hf_pod_member(&p->pod, r->overrides[i].who))
			continue;
		if (warnings)
			json_array_append_new(warnings, json_pack("{s:s, s:s, s:s}", "rotation", r->name,
				"who", r->overrides[i].who, "message", "override for someone not a member of the pod"));
		else
			hf_warn("rotation '%s': override for '%s', who is not a member of the pod", r->name,
				    r->overrides[i].who);
	}
}

/* A feed rotation's calendar: {source, read_at, age_seconds}; null for a git rotation. */
static json_t *calendar_json(const struct hf_rotation *r, int64_t t)
{
	char buf[32];
	json_t *o;

	if (!r->calendar)
		return json_null();
	o = json_object();
	json_object_set_new(o, "source", hf_json_str(r->calendar));
	if (r->feed_at)
		hf_time_format(r->feed_at, buf, sizeof(buf));
	json_object_set_new(o, "read_at", r->feed_at ? json_string(buf) : json_null());
	json_object_set_new(o, "age_seconds", r->feed_at ? json_integer(t - r->feed_at) : json_null());
	return o;
}

static json_t *shift_json(const char *rotation, const struct hf_shift *s, const struct hf_tz *tz,
			  bool full, struct people *people)
{
	const struct hf_tz *wtz = people_tz(people, s->who);
	json_t *o = json_object();
	char buf[40];

	json_object_set_new(o, "who", hf_json_str(s->who));
	hf_time_format(s->start, buf, sizeof(buf));
	json_object_set_new(o, "from", json_string(buf));
	hf_time_format(s->end, buf, sizeof(buf));
	json_object_set_new(o, "until", json_string(buf));
	if (full) {
		fmt_iso_local(tz, s->start, buf, sizeof(buf));
		json_object_set_new(o, "from_local", json_string(buf));
		fmt_iso_local(tz, s->end, buf, sizeof(buf));
		json_object_set_new(o, "until_local", json_string(buf));
		json_object_set_new(o, "override", json_boolean(s->override >= 0));
		json_object_set_new(o, "pending", json_boolean(override_pending(people, rotation, s)));
		json_object_set_new(o, "reason", hf_json_str(s->reason));
		json_object_set_new(o, "who_timezone", wtz ? json_string(hf_tz_name(wtz)) : json_null());
		if (wtz)
			fmt_iso_local(wtz, s->start, buf, sizeof(buf));
		json_object_set_new(o, "from_who_local", wtz ? json_string(buf) : json_null());
	}
	return o;
}

/* The rotation's zone; a zone that no longer resolves (tzdata changed since sync) fails with its name. */
static enum hf_status open_zone(const struct hf_rotation *r, struct hf_tz **tz)
{
	if (hf_tz_open(r->timezone, tz))
		return hf_error(HF_EINVAL, "rotation '%s': %s", r->name, hf_last_error());
	return HF_OK;
}

static void text_shift_row(FILE *out, const char *rotation, const struct hf_shift *s,
			   const struct hf_tz *rtz,			   const struct hf_tz *vtz, bool two_zones, struct people *people)
{
	const struct hf_tz *wtz = people_tz(people, s->who);
	struct hf_strbuf sb = HF_STRBUF_INIT;
	char a[40], b[40], c[40];

	hf_strbuf_init(&sb);
	hf_oncall_fmt_human(rtz, s->start, a, sizeof(a));
	hf_oncall_fmt_human(rtz, s->end, b, sizeof(b));
	hf_strbuf_adds(&sb, "    ");
	hf_out_cell(&sb, s->who, 10);
	hf_strbuf_addf(&sb, " %-21s %-21s", a, b);
	if (two_zones) {
		hf_oncall_fmt_human(vtz, s->start, c, sizeof(c));
		hf_strbuf_addf(&sb, " %-21s", c);
	}
	while (sb.len && sb.buf[sb.len - 1] == ' ')
		hf_strbuf_setlen(&sb, sb.len - 1);
	/* the member's own clock, when it differs from both columns */
	if (wtz && strcmp(hf_tz_name(wtz), hf_tz_name(rtz)) != 0 &&
	    (!two_zones || strcmp(hf_tz_name(wtz), hf_tz_name(vtz)) != 0)) {
		hf_oncall_fmt_human(wtz, s->start, c, sizeof(c));
		hf_strbuf_addf(&sb, "  (%.3s %s %s)", c, c + 15, hf_tz_name(wtz));
	}
	fputs(sb.buf, out);
	if (s->override >= 0) {
		fputs("  override", out);
		if (s->reason) {
			fputs(": ", out);
			hf_out_text(out, s->reason);
		}
		if (override_pending(people, rotation, s))
			fputs(" [pending]", out);
	}
	fputc('\n', out);
	hf_strbuf_release(&sb);
}

/* "<label><who><word> <t in the rotation's zone>[ (<t in the viewer's zone> <zone>)]", no newline. */
static void text_shift_when(FILE *out, const char *label, const char *who, const char *word,
			    int64_t t, const struct hf_tz *rtz, const struct hf_tz *vtz, bool two_zones)
{
	char a[40];

	hf_oncall_fmt_human(rtz, t, a, sizeof(a));
	fputs(label, out);
	hf_out_text(out, who);
	fprintf(out, "%s %s", word, a);
	if (two_zones) {
		hf_oncall_fmt_human(vtz, t, a, sizeof(a));
		fprintf(out, " (%s ", a);
		hf_out_text(out, hf_tz_name(vtz));
		fputc(')', out);
	}
}

/* Gaps, double cover and hours per person from t to the end of the listed shifts. */
struct coverage {
	int64_t from, until;
	struct hf_interval *gaps, *doubles;
	size_t ngaps, ndoubles;
	struct hf_oncall_hours *hours;
	size_t nhours;
};

static enum hf_status coverage_compute(const struct hf_rotation *r, const struct hf_zone *z, int64_t t,
				       const struct hf_shift *v, size_t n, struct coverage *c)
{
	struct hf_shift *claims;
	size_t nclaims;
	enum hf_status rc;

	memset(c, 0, sizeof(*c));
	if (!n)
		return HF_OK;
	c->from = t;
	c->until = v[n - 1].end;
	if ((rc = hf_rotation_claims(r, z, c->from, c->until, &claims, &nclaims)))
		return rc;
	hf_oncall_coverage(claims, nclaims, c->from, c->until, &c->gaps, &c->ngaps, &c->doubles,
			   &c->ndoubles);
	free(claims);
	hf_oncall_hours(v, n, c->from, c->until, &c->hours, &c->nhours);
	return HF_OK;
}

static void coverage_clear(struct coverage *c)
{
	free(c->gaps);
	free(c->doubles);
	free(c->hours);
}

static json_t *intervals_json(const struct hf_interval *v, size_t n)
{
	json_t *arr = json_array();
	char buf[32];

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();

		hf_time_format(v[i].start, buf, sizeof(buf));
		json_object_set_new(o, "from", json_string(buf));
		hf_time_format(v[i].end, buf, sizeof(buf));
		json_object_set_new(o, "until", json_string(buf));
		json_array_append_new(arr, o);
	}
	return arr;
}

static double total_hours(const struct hf_interval *v, size_t n)
{
	int64_t s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i].end - v[i].start;
	return (double)s / 3600.0;
}

static enum hf_status show_rotation(const struct hf_rotation *r, int64_t t, size_t count,
				    const struct hf_tz *vtz, struct people *people, json_t *rotations,
				    FILE *out)
{
	struct hf_tz *rtz;
	struct hf_zone z;
	struct hf_shift now, next, *v = NULL;
	bool nf, xf, two_zones;
	size_t n = 0;
	enum hf_status rc;
	char a[40];
	struct coverage cov;

	if ((rc = open_zone(r, &rtz)))
		return rc;
	z = hf_tz_zone(rtz);
	two_zones = strcmp(hf_tz_name(rtz), hf_tz_name(vtz)) != 0;
	if ((rc = hf_rotation_at(r, &z, t, &now, &nf, &next, &xf)) ||
	    (rc = hf_rotation_next(r, &z, t, count, 0, &v, &n)) ||
	    (rc = coverage_compute(r, &z, t, v, n, &cov))) {
		free(v);
		hf_tz_free(rtz);
		return rc;
	}
	if (rotations) {
		json_t *o = json_object(), *arr = json_array(), *covers = json_array(), *mem = json_array();
		size_t cur = 0;

		json_object_set_new(o, "name", hf_json_str(r->name));
		json_object_set_new(o, "timezone", hf_json_str(r->timezone));
		for (size_t i = 1; i < r->nchanges; i++)
			if (r->changes[i].from_day <= (t + hf_tz_offset(rtz, t)) / DAY)
				cur = i;
		for (size_t i = 0; cur < r->nchanges && i < r->changes[cur].nmembers; i++)
			json_array_append_new(mem, hf_json_str(r->changes[cur].members[i]));
		for (size_t i = 0; i < r->nfeed; i++) {
			bool seen = !r->feed[i].matched || r->feed[i].end <= t;

			for (size_t j = 0; j < i && !seen; j++)
				seen = r->feed[j].matched && r->feed[j].end > t &&
				       strcmp(r->feed[j].who, r->feed[i].who) == 0;
			if (!seen)
				json_array_append_new(mem, hf_json_str(r->feed[i].who));
		}
		json_object_set_new(o, "members", mem);
		json_object_set_new(o, "calendar", calendar_json(r, t));
		for (size_t i = 0; i < r->ncovers; i++)
			json_array_append_new(covers, hf_json_str(r->covers[i]));
		json_object_set_new(o, "covers", covers);
		json_object_set_new(o, "now", nf ? shift_json(r->name, &now, rtz, true, people) : json_null());
		json_object_set_new(o, "next", xf ? shift_json(r->name, &next, rtz, true, people) : json_null());
		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, shift_json(r->name, &v[i], rtz, true, people));
		json_object_set_new(o, "shifts", arr);
		if (n) {
			json_t *w = json_object(), *h = json_array();

			hf_time_format(cov.from, a, sizeof(a));
			json_object_set_new(w, "from", json_string(a));
			hf_time_format(cov.until, a, sizeof(a));
			json_object_set_new(w, "until", json_string(a));
			json_object_set_new(w, "gaps", intervals_json(cov.gaps, cov.ngaps));
			json_object_set_new(w, "double_cover", intervals_json(cov.doubles, cov.ndoubles));
			for (size_t i = 0; i < cov.nhours; i++) {
				json_t *p = json_object();

				json_object_set_new(p, "who", hf_json_str(cov.hours[i].who));
				json_object_set_new(p, "hours", json_real((double)cov.hours[i].seconds / 3600.0));
				json_array_append_new(h, p);
			}
			json_object_set_new(w, "hours", h);
			json_object_set_new(o, "coverage", w);
		} else {
			json_object_set_new(o, "coverage", json_null());
		}
		json_array_append_new(rotations, o);
	} else {
		hf_out_text(out, r->name);
		fputs(" (", out);
		hf_out_text(out, r->timezone);
		if (r->ncovers) {
			fputs("; covers ", out);
			for (size_t i = 0; i < r->ncovers; i++) {
				if (i)
					fputs(", ", out);
				hf_out_text(out, r->covers[i]);
			}
		}
		fputs(")\n", out);
		if (r->calendar) {
			fputs("  from calendar '", out);
			hf_out_text(out, r->calendar);
			if (r->feed_at) {
				hf_time_ago(r->feed_at, t, a, sizeof(a));
				fprintf(out, "', read %s (overrides are made in the calendar)\n", a);
			} else {
				fputs("', not read yet: run 'handoff sync'\n", out);
			}
		}
		if (nf) {
			text_shift_when(out, "  now:  ", now.who, " until", now.end, rtz, vtz, two_zones);
			if (now.override >= 0)
				fputs(", override", out);
			fputc('\n', out);
		} else {
			fputs("  now:  nobody on call\n", out);
		}
		if (xf) {
			text_shift_when(out, "  next: ", next.who, " from", next.start, rtz, vtz, two_zones);
			fputc('\n', out);
		}
		if (n) {
			struct hf_strbuf h = HF_STRBUF_INIT;

			hf_strbuf_init(&h);
			hf_strbuf_addf(&h, "  next %zu shift%s (", n, n == 1 ? "" : "s");
			hf_strbuf_adds(&h, r->timezone);
			hf_strbuf_addf(&h, "):\n    %-10s ", "WHO");
			hf_strbuf_addf(&h, "%-21.21s ", "FROM");
			hf_strbuf_addf(&h, "%-21.21s", "UNTIL");
			if (two_zones)
				hf_strbuf_addf(&h, " FROM (%s)", hf_tz_name(vtz));
			fputs(h.buf, out);
			fputs("\n", out);
			hf_strbuf_release(&h);
			for (size_t i = 0; i < n; i++)
				text_shift_row(out, r->name, &v[i], rtz, vtz, two_zones, people);
			fprintf(out, "  until then: %zu gap%s (%.0fh), %zu double cover (%.0fh); hours:",
				cov.ngaps, cov.ngaps == 1 ? "" : "s", total_hours(cov.gaps, cov.ngaps),
				cov.ndoubles, total_hours(cov.doubles, cov.ndoubles));
			for (size_t i = 0; i < cov.nhours; i++) {
				fputc(' ', out);
				hf_out_text(out, cov.hours[i].who);
				fprintf(out, " %.0fh%s", (double)cov.hours[i].seconds / 3600.0,
					i + 1 < cov.nhours ? "," : "");
			}
			fputc('\n', out);
		}
	}
	coverage_clear(&cov);
	free(v);
	hf_tz_free(rtz);
	return HF_OK;
}

static int write_ics(const struct hf_rotation *r, int64_t t, long weeks)
{
	struct hf_tz *tz;
	struct hf_zone z;
	struct hf_shift *v;
	size_t n;
	struct hf_strbuf sb = HF_STRBUF_INIT;

	if (open_zone(r, &tz))
		return hf_fail_last();
	z = hf_tz_zone(tz);
	/* the past week too, so the shift in progress and the one before it stay in the calendar */
	if (hf_rotation_shifts(r, &z, t - 7 * DAY, t + weeks * 7 * DAY, &v, &n)) {
		hf_tz_free(tz);
		return hf_fail_last();
	}
	hf_strbuf_init(&sb);
	hf_ics_feed(&sb, r->name, v, n, hf_now());
	fwrite(sb.buf, 1, sb.len, stdout);
	hf_strbuf_release(&sb);
	free(v);
	hf_tz_free(tz);
	return HF_EXIT_OK;
}

static bool parse_count(const char *s, long max, long *out)
{
	char *end;
	long v;

	if (!s)
		return true;
	v = strtol(s, &end, 10);
	if (end == s || *end || v < 1 || v > max)
		return false;
	*out = v;
	return true;
}

/* TIME with a zone is that instant; without one it is the viewer's wall clock. */
static bool parse_at(const char *s, const struct hf_tz *vtz, int64_t *t)
{
	struct hf_zone z = hf_tz_zone(vtz);

	if (hf_time_parse(s, t))
		return false;
	if (!hf_time_has_zone(s))
		*t = hf_zone_from_local(&z, *t);
	return true;
}

static int run_oncall(struct hf_ctx *ctx, const struct hf_args *args)
{
	struct hf_store *store;
	struct hf_rotation *r = NULL;
	size_t n = 0;
	bool json = hf_args_has(args, "json"), ics = hf_args_has(args, "ics");
	const char *name = args->npos ? args->pos[0] : NULL;
	long count = 5, weeks = HF_PREVIEW_WEEKS;
	int64_t t = hf_now();
	struct hf_tz *vtz = hf_tz_local();
	json_t *doc = NULL, *rotations = NULL, *warnings = NULL;
	struct people people = { 0 };
	int status = HF_EXIT_OK;

	if (!parse_count(hf_args_get(args, "next"), 1000, &count)) {
		status = hf_fail("--next must be a number of shifts from 1 to 1000, not '%s'",
				     hf_args_get(args, "next"));
		goto out;
	}
	if (!parse_count(hf_args_get(args, "weeks"), 520, &weeks)) {
		status = hf_fail("--weeks must be a number of weeks from 1 to 520, not '%s'",
				     hf_args_get(args, "weeks"));
		goto out;
	}
	if (hf_args_get(args, "at") && !parse_at(hf_args_get(args, "at"), vtz, &t)) {
		status = hf_fail("--at must be an ISO 8601 time such as 2026-10-26T08:30:00Z, not '%s'",
				     hf_args_get(args, "at"));
		goto out;
	}
	if (hf_args_get(args, "preview")) {
		if (!name || ics || hf_args_get(args, "at") || hf_args_get(args, "next")) {
			status = hf_fail("--preview needs a rotation and goes with --json, --markdown or "
					 "--weeks only: handoff oncall ROTATION --preview FILE");
			goto out;
		}
		if (hf_ctx_store(ctx, &store)) {
			status = hf_fail_last();
			goto out;
		}
		status = hf_oncall_preview(store, name, hf_args_get(args, "preview"),
					   hf_args_get(args, "preview"), t, weeks, json,
					   hf_args_has(args, "markdown"));
		goto out;
	}
	if (hf_args_has(args, "markdown")) {
		status = hf_fail("--markdown goes with --preview");
		goto out;
	}
	if (ics && (json || !name)) {
		status = hf_fail(json ? "--ics and --json cannot be combined"
				     : "--ics needs a rotation: handoff oncall ROTATION --ics");
		goto out;
	}
	if (hf_ctx_store(ctx, &store) || hf_store_rotations(store, name, &r, &n)) {
		status = hf_fail_last();
		goto out;
	}
	if (ics) {
		status = write_ics(&r[0], t, weeks);
		goto out;
	}
	people_load(&people, store);
	if (json) {
		char at[32];

		doc = json_object();
		hf_time_format(t, at, sizeof(at));
		json_object_set_new(doc, "at", json_string(at));
		json_object_set_new(doc, "viewer_timezone", hf_json_str(hf_tz_name(vtz)));
		rotations = json_array();
		json_object_set_new(doc, "rotations", rotations);
		warnings = json_array();
		json_object_set_new(doc, "warnings", warnings);
	} else if (!n) {
		puts("no on-call rotations (add oncall/<rotation>.json to the pod repository and sync)");
	}
	for (size_t i = 0; i < n; i++) {
		if (!json && i)
			fputc('\n', stdout);
		people_check(&people, &r[i], warnings);
		if (show_rotation(&r[i], t, (size_t)count, vtz, &people, rotations, stdout)) {
			status = hf_fail_last();
			goto out;
		}
	}
	if (json) {
		hf_out_json(stdout, doc);
		doc = NULL;
	}
out:
	json_decref(doc);
	people_clear(&people);
	hf_rotations_free(r, n);
	hf_tz_free(vtz);
	return status;
}

/* `handoff status`: on call now and next, per rotation. */
enum hf_status hf_status_oncall(struct hf_store *store, json_t *doc, FILE *text)
{
	struct hf_rotation *r;
	size_t n;
	enum hf_status rc = hf_store_rotations(store, NULL, &r, &n);
	int64_t t = hf_now();
	json_t *arr = json_array();

	if (rc) {
		json_decref(arr);
		return rc;
	}
	if (text)
		fputs(n ? "on call:\n" : "on call: no rotations\n", text);
	for (size_t i = 0; i < n && !rc; i++) {
		struct hf_tz *tz;
		struct hf_zone z;
		struct hf_shift now, next;
		bool nf = false, xf = false;
		char a[40];

		if (open_zone(&r[i], &tz) == HF_OK) {
			z = hf_tz_zone(tz);
			rc = hf_rotation_at(&r[i], &z, t, &now, &nf, &next, &xf);
		} else {
			tz = NULL;
			hf_error_clear();
		}
		if (rc) {
			hf_tz_free(tz);
			break;
		}
		if (text) {
			fputs("  ", text);
			hf_out_text(text, r[i].name);
			fputs(": ", text);
			if (nf) {
				fmt_short(tz, now.end, a, sizeof(a));
				hf_out_text(text, now.who);
				fprintf(text, " until %s ", a);
				hf_out_text(text, r[i].timezone);
			} else {
				fputs(tz ? "nobody" : "unknown time zone", text);
			}
			if (xf) {
				fputs(nf && strcmp(next.who, now.who) != 0 ? ", then " : ", next ", text);
				hf_out_text(text, next.who);
				if (!nf) {
					fmt_short(tz, next.start, a, sizeof(a));
					fprintf(text, " from %s ", a);
					hf_out_text(text, r[i].timezone);
				}
			}
			fputc('\n', text);
		} else {
			json_t *o = json_object();

			json_object_set_new(o, "name", hf_json_str(r[i].name));
			json_object_set_new(o, "now", nf ? shift_json(NULL, &now, tz, false, NULL) : json_null());
			json_object_set_new(o, "next", xf ? shift_json(NULL, &next, tz, false, NULL) : json_null());
			json_array_append_new(arr, o);
		}
		hf_tz_free(tz);
	}
	if (doc && !rc)
		json_object_set_new(doc, "oncall", arr);
	else
		json_decref(arr);
	hf_rotations_free(r, n);
	return rc;
}

static const struct hf_cmd_flag oncall_flags[] = {
	{ "at", "TIME", "who is on call at TIME (ISO 8601; without a zone it is your local time)" },
	{ "next", "N", "list the next N shifts (default 5)" },
	{ "json", NULL, "one JSON object (see 'handoff help json')" },
	{ "ics", NULL, "an iCalendar feed of ROTATION's shifts (RFC 5545)" },
	{ "weeks", "N", "with --ics or --preview: weeks ahead to include (default 8)" },
	{ "preview", "FILE", "what an edited oncall/ROTATION.json changes: shifts that change hands, hours, gaps, double cover" },
	{ "markdown", NULL, "with --preview: Markdown, for a pull request description" },
	{ NULL, NULL, NULL },
};

const struct hf_cmd hf_cmd_oncall = {
	"oncall", "[ROTATION] [--at TIME] [--next N] [--json] | ROTATION --ics [--weeks N] | "
	"ROTATION --preview FILE [--weeks N] [--json|--markdown]",
	"who is on call now and next; the next shifts; a calendar feed",
	oncall_flags, 0, 1, run_oncall,
};
