/* rotation.c: the on-call rotation engine: hand-offs across clock changes, turns, changes, restrictions, overrides, coverage */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/xmalloc.h"

#define DAY 86400
#define MAX_SPAN ((int64_t)100 * 366 * DAY)

int64_t hf_zone_to_local(const struct hf_zone *z, int64_t t)
{
	return t + z->offset(z->impl, t);
}

int64_t hf_zone_from_local(const struct hf_zone *z, int64_t local)
{
	int32_t before = z->offset(z->impl, local - DAY), after = z->offset(z->impl, local + DAY);
	int64_t t1 = local - before, t2 = local - after;
	bool v1, v2;

	/* real zones change their offset at most once within two days */
	if (before == after)
		return t1;
	v1 = z->offset(z->impl, t1) == before;
	v2 = z->offset(z->impl, t2) == after;
	if (v1 && v2)
		return t1 < t2 ? t1 : t2;	/* repeated hour: the earlier instant */
	if (v2)
		return t2;
	return t1;	/* valid, or skipped: keep the old offset, landing past the gap */
}

void hf_rotation_clear(struct hf_rotation *r)
{
	free(r->name);
	free(r->timezone);
	for (size_t i = 0; i < r->nchanges; i++)
		hf_strv_free(r->changes[i].members, r->changes[i].nmembers);
	free(r->changes);
	for (size_t i = 0; i < r->noverrides; i++) {
		free(r->overrides[i].who);
		free(r->overrides[i].reason);
	}
	free(r->overrides);
	hf_strv_free(r->covers, r->ncovers);
	free(r->calendar);
	for (size_t i = 0; i < r->nfeed; i++) {
		free(r->feed[i].who);
		free(r->feed[i].event);
	}
	free(r->feed);
	hf_strv_free(r->who_names, r->nwho);
	hf_strv_free(r->who_handles, r->nwho);
	memset(r, 0, sizeof(*r));
}

size_t hf_rotation_people(const struct hf_rotation *r, int64_t day)
{
	const struct hf_rotation_change *c = NULL;
	size_t n = 0;

	if (r->calendar) {
		/* a feed: the members it names on shifts from that day on */
		for (size_t i = 0; i < r->nfeed; i++) {
			size_t j;

			if (!r->feed[i].matched || r->feed[i].end <= day * DAY)
				continue;
			for (j = 0; j < i; j++)
				if (r->feed[j].matched && r->feed[j].end > day * DAY &&
				    strcmp(r->feed[i].who, r->feed[j].who) == 0)
					break;
			n += j == i;
		}
		return n;
	}
	for (size_t i = 0; i < r->nchanges; i++)
		if (i == 0 || r->changes[i].from_day <= day)
			c = &r->changes[i];
	if (!c)
		return 0;
	for (size_t i = 0; i < c->nmembers; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(c->members[i], c->members[j]) == 0)
				break;
		n += j == i;
	}
	return n;
}

/* --- the plan: hand-off instants and who holds each rotation shift --- */

/*
 * The longest jump of a real zone's clock: Pacific/Apia skipped 30 December
 * 2011 (-10:00 to +14:00) and Kwajalein a day in 1993; two days is ample.
 */
#define MAX_JUMP (2 * DAY)

/* Member list `change` holds shift k for k >= k0, starting at its member `first`. */
struct segment {
	int64_t k0;
	size_t change;
	size_t first;
};

/*
 * Shift k runs from hand-off k to hand-off k + 1. Hand-off k is at local
 * wall-clock time anchor + k * len, the anchor being the first hand-off on
 * or after `start` (on the hand-off weekday when there is one); shifts
 * before the anchor only exist back to `start`: the first shift, first_k,
 * starts on `start` at the hand-off time, and is shorter when `start` is
 * not on the hand-off weekday.
 */
struct plan {
	const struct hf_rotation *r;
	const struct hf_zone *z;
	int64_t anchor;		/* local seconds of hand-off 0 */
	int64_t len;		/* shift length in local wall-clock seconds */
	int64_t first_k;	/* the first shift: 0, or below 0 when start is before the anchor */
	int64_t start_local;	/* local seconds the first shift starts */
	int64_t *dead;		/* shifts the clock skips whole (see plan_find_dead), ascending */
	size_t ndead, dead_alloc;
	struct segment *segs;
	size_t nsegs;
};

static int64_t plan_local(const struct plan *pl, int64_t k)
{
	return k <= pl->first_k ? pl->start_local : pl->anchor + k * pl->len;
}

/* True when the wall clock never shows local time l (skipped when it jumps forward). */
static bool skipped(const struct hf_zone *z, int64_t l)
{
	return hf_zone_to_local(z, hf_zone_from_local(z, l)) != l;
}

/*
 * The instant of hand-off k. A hand-off time the clock skips moves forward
 * by the length of the jump (RFC 5545), but never past a later hand-off:
 * when the jump is longer than a shift (Antarctica/Troll's two hours against
 * hourly shifts, Pacific/Apia's lost day against 12-hour ones), the
 * hand-offs inside it fall together at the first one after it, so instants
 * never go backwards and the shifts between them are empty.
 */
static int64_t plan_start(const struct plan *pl, int64_t k)
{
	int64_t l = plan_local(pl, k), t = hf_zone_from_local(pl->z, l);

	if (hf_zone_to_local(pl->z, t) == l)
		return t;
	for (int64_t j = k + 1; plan_local(pl, j) - l <= MAX_JUMP; j++) {
		int64_t u = hf_zone_from_local(pl->z, plan_local(pl, j));

		if (u < t)
			t = u;
	}
	return t;
}

/* Number of dead shifts in [a, b). */
static int64_t dead_between(const struct plan *pl, int64_t a, int64_t b)
{
	size_t lo = 0, hi = pl->ndead, i;

	/* the first dead shift >= a, then count those below b */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pl->dead[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < pl->ndead && pl->dead[i] < b; i++)
		;
	return (int64_t)(i - lo);
}

/*
 * Shifts that lie whole inside a jump of the clock (an hourly shift at 02:00
 * on a spring-forward night, Apia's 30 December 2011) are empty. Turns are
 * counted over the shifts that exist, so the member whose turn fell in the
 * jump takes the next shift and nobody loses a turn. A shift can only be
 * empty when the clock jumps forward by at least its length, so only such
 * jumps between the first shift and `until` are looked at (a day at a time:
 * real zones change their offset at most once in two days).
 */
static void plan_find_dead(struct plan *pl, int64_t until)
{
	int64_t t = plan_start(pl, pl->first_k) - DAY, before;

	if (pl->len > MAX_JUMP)
		return;
	before = pl->z->offset(pl->z->impl, t);
	for (; t < until + MAX_JUMP; t += DAY) {
		int32_t after = pl->z->offset(pl->z->impl, t + DAY);
		int64_t k, klast;

		if (after - before < pl->len) {
			before = after;
			continue;
		}
		/* hand-offs around the jump, local [t + before, t + DAY + after) */
		k = hf_floor_div(t + before - pl->anchor, pl->len);
		klast = hf_floor_div(t + DAY + after - pl->anchor, pl->len) + 1;
		for (k = k > pl->first_k ? k : pl->first_k; k <= klast; k++) {
			if (!skipped(pl->z, plan_local(pl, k)) || plan_start(pl, k) < plan_start(pl, k + 1))
				continue;
			if (pl->ndead && pl->dead[pl->ndead - 1] >= k)
				continue;
			pl->dead = xgrow(pl->dead, pl->ndead + 1, &pl->dead_alloc, sizeof(*pl->dead));
			pl->dead[pl->ndead++] = k;
		}
		before = after;
	}
}

static bool plan_dead(const struct plan *pl, int64_t k)
{
	return dead_between(pl, k, k + 1) > 0;
}

static int find_member(const struct hf_rotation_change *c, const char *who)
{
	for (size_t i = 0; i < c->nmembers; i++)
		if (strcmp(c->members[i], who) == 0)
			return (int)i;
	return -1;
}

/* Who holds shift k under segment s: turns count the shifts that exist since s began. */
static const char *segment_who(const struct plan *pl, const struct segment *s, int64_t k, size_t *idx)
{
	const struct hf_rotation_change *c = &pl->r->changes[s->change];
	int64_t turn = k - s->k0 - dead_between(pl, s->k0, k);

	if (!c->nmembers)
		return NULL;
	*idx = (size_t)((s->first + (uint64_t)turn) % c->nmembers);
	return c->members[*idx];
}

static const char *plan_who(const struct plan *pl, int64_t k)
{
	size_t i = pl->nsegs, idx;

	while (i > 1 && pl->segs[i - 1].k0 > k)
		i--;
	return segment_who(pl, &pl->segs[i - 1], k, &idx);
}

/*
 * A change takes effect at the first hand-off on or after its date, so past
 * shifts and the current one keep their people. The order continues from
 * whoever held the last shift before it: the member after them in the new
 * list, or, when they left, the first of those who would have followed them
 * in the old order that is still there.
 */
static void plan_segments(struct plan *pl)
{
	const struct hf_rotation *r = pl->r;

	pl->segs = xcalloc(r->nchanges + 1, sizeof(*pl->segs));
	pl->segs[0] = (struct segment){ pl->first_k, 0, 0 };
	pl->nsegs = 1;
	for (size_t c = 1; c < r->nchanges; c++) {
		const struct hf_rotation_change *nw = &r->changes[c];
		int64_t k0 = -hf_floor_div(pl->anchor - r->changes[c].from_day * DAY, pl->len), kp;
		size_t first = 0, pidx;
		const char *prev = NULL;

		if (k0 < pl->first_k)
			k0 = pl->first_k;
		while (pl->nsegs > 1 && pl->segs[pl->nsegs - 1].k0 >= k0)
			pl->nsegs--;
		if (pl->segs[0].k0 >= k0)
			pl->nsegs = 0;
		/* the last shift before it that exists */
		for (kp = k0 - 1; pl->nsegs && kp >= pl->first_k && plan_dead(pl, kp); kp--)
			;
		if (pl->nsegs && kp >= pl->first_k)
			prev = segment_who(pl, &pl->segs[pl->nsegs - 1], kp, &pidx);
		if (prev) {
			const struct hf_rotation_change *old = &r->changes[pl->segs[pl->nsegs - 1].change];
			int j = find_member(nw, prev);

			if (j >= 0) {
				first = nw->nmembers ? ((size_t)j + 1) % nw->nmembers : 0;
			} else {
				for (size_t step = 1; step < old->nmembers; step++) {
					j = find_member(nw, old->members[(pidx + step) % old->nmembers]);
					if (j >= 0) {
						first = (size_t)j;
						break;
					}
				}
			}
		}
		pl->segs[pl->nsegs++] = (struct segment){ k0, c, first };
	}
	if (!pl->nsegs)
		pl->segs[pl->nsegs++] = (struct segment){ pl->first_k, 0, 0 };
}

/* The plan of rotation r in zone z, knowing the empty shifts up to instant `until`. */
static void plan_init(struct plan *pl, const struct hf_rotation *r, const struct hf_zone *z, int64_t until)
{
	static const int64_t unit[] = { 3600, DAY, 7 * DAY };
	int64_t anchor_day = r->start_day;

	memset(pl, 0, sizeof(*pl));
	pl->r = r;
	pl->z = z;
	if (r->handoff_wday >= 0)
		anchor_day += hf_floor_mod(r->handoff_wday - hf_weekday(r->start_day), 7);
	pl->anchor = anchor_day * DAY + (int64_t)r->handoff_minute * 60;
	pl->len = (int64_t)(r->shift_count > 0 ? r->shift_count : 1) * unit[r->shift_unit];
	pl->start_local = r->start_day * DAY + (int64_t)r->handoff_minute * 60;
	/* the shift in progress at the start: hand-offs continue back from the anchor to `start` */
	pl->first_k = -hf_floor_div(pl->anchor - pl->start_local + pl->len - 1, pl->len);
	plan_find_dead(pl, until);
	plan_segments(pl);
}

static void plan_release(struct plan *pl)
{
	free(pl->dead);
	free(pl->segs);
}

struct shiftvec {
	struct hf_shift *v;
	size_t n, alloc;
};

static void push(struct shiftvec *sv, int64_t s, int64_t e, const char *who, const char *reason, int ov)
{
	sv->v = xgrow(sv->v, sv->n + 1, &sv->alloc, sizeof(*sv->v));
	sv->v[sv->n++] = (struct hf_shift){ s, e, who, reason, ov };
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Rotation shift k, held over [s, e), cut to the restricted days and hours of its wall-clock span. */
static void restrict_windows(const struct plan *pl, int64_t k, int64_t s, int64_t e, const char *who,
			     struct shiftvec *out)
{
	const struct hf_rotation *r = pl->r;
	int64_t ls = plan_local(pl, k), le = plan_local(pl, k + 1);
	int64_t to = r->restrict_to > r->restrict_from ? r->restrict_to : r->restrict_to + 24 * 60;
	size_t first = out->n;

	/* an overnight window belongs to the day it starts on, so look from the day before */
	for (int64_t d = hf_floor_div(ls, DAY) - 1; d <= hf_floor_div(le - 1, DAY); d++) {
		int64_t ws = d * DAY + (int64_t)r->restrict_from * 60, we = d * DAY + to * 60;
		int64_t us, ue;

		if (!(r->restrict_days & (1u << hf_weekday(d))))
			continue;
		if (ws < ls)
			ws = ls;
		if (we > le)
			we = le;
		if (ws >= we)
			continue;
		/* within the shift, and after the window before, whatever the clock skipped */
		us = clamp(hf_zone_from_local(pl->z, ws), s, e);
		ue = clamp(hf_zone_from_local(pl->z, we), s, e);
		if (out->n > first && us < out->v[out->n - 1].end)
			us = out->v[out->n - 1].end;
		if (us >= ue)
			continue;
		if (out->n > first && out->v[out->n - 1].end == us)
			out->v[out->n - 1].end = ue;	/* "mon-sun" and "00:00-24:00" join up */
		else
			push(out, us, ue, who, NULL, -1);
	}
}

/* Rotation shifts (restricted, before overrides) overlapping [a, b), whole. */
static void base_windows(const struct plan *pl, int64_t a, int64_t b, struct shiftvec *out)
{
	int64_t k = hf_floor_div(hf_zone_to_local(pl->z, a) - pl->anchor, pl->len) - 1;
	int64_t s, e;

	if (k < pl->first_k)
		k = pl->first_k;
	/* a jump of the clock can hide several hand-offs: step back to the shift holding a */
	while (k > pl->first_k && plan_start(pl, k) > a)
		k--;
	for (s = plan_start(pl, k); s < b; s = e, k++) {
		const char *who;
		size_t before = out->n, keep = out->n;

		e = plan_start(pl, k + 1);
		/* e == s: a shift inside a jump of the clock (its turn went to the next one) */
		if (e <= a || e <= s || !(who = plan_who(pl, k)))
			continue;
		if (!pl->r->restricted) {
			push(out, s, e, who, NULL, -1);
			continue;
		}
		restrict_windows(pl, k, s, e, who, out);
		/* drop windows of this shift outside [a, b) */
		for (size_t i = before; i < out->n; i++)
			if (out->v[i].end > a && out->v[i].start < b)
				out->v[keep++] = out->v[i];
		out->n = keep;
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* An override's start, for walking them in time order. */
struct ov_start {
	int64_t from;
	int index;
};

static int cmp_ov_start(const void *a, const void *b)
{
	const struct ov_start *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/*
 * Lay the overrides over the rotation shifts: at every instant the override
 * listed last among those in force wins, else the rotation shift. Pieces of
 * one override (or one rotation shift) that touch are one shift.
 */
static void overlay(const struct hf_rotation *r, const struct shiftvec *base, const char *use,
		    struct shiftvec *out)
{
	size_t npts = 0, bi = 0, nov = 0, next_ov = 0, nactive = 0;
	int64_t *pts;
	struct ov_start *order;
	int *active;

	for (size_t i = 0; i < r->noverrides; i++)
		nov += use[i] != 0;
	if (!nov) {
		for (size_t i = 0; i < base->n; i++)
			push(out, base->v[i].start, base->v[i].end, base->v[i].who, NULL, -1);
		return;
	}
	pts = xmalloc((2 * base->n + 2 * nov + 1) * sizeof(*pts));
	order = xmalloc(nov * sizeof(*order));
	active = xmalloc(nov * sizeof(*active));
	for (size_t i = 0; i < base->n; i++) {
		pts[npts++] = base->v[i].start;
		pts[npts++] = base->v[i].end;
	}
	nov = 0;
	for (size_t i = 0; i < r->noverrides; i++) {
		if (!use[i])
			continue;
		order[nov++] = (struct ov_start){ r->overrides[i].from, (int)i };
		pts[npts++] = r->overrides[i].from;
		pts[npts++] = r->overrides[i].to;
	}
	qsort(pts, npts, sizeof(*pts), cmp_i64);
	qsort(order, nov, sizeof(*order), cmp_ov_start);
	for (size_t i = 0; i + 1 < npts; i++) {
		int64_t p = pts[i], q = pts[i + 1];
		int best = -1;
		size_t keep = 0;

		if (p == q)
			continue;
		/* the overrides in force over [p, q): those begun, minus those ended */
		while (next_ov < nov && order[next_ov].from <= p)
			active[nactive++] = order[next_ov++].index;
		for (size_t a = 0; a < nactive; a++) {
			if (r->overrides[active[a]].to <= p)
				continue;
			active[keep++] = active[a];
			if (active[a] > best)
				best = active[a];
		}
		nactive = keep;
		while (bi < base->n && base->v[bi].end <= p)
			bi++;
		if (best >= 0) {
			const struct hf_rotation_override *o = &r->overrides[best];

			if (out->n && out->v[out->n - 1].override == best && out->v[out->n - 1].end == p)
				out->v[out->n - 1].end = q;
			else
				push(out, p, q, o->who, o->reason, best);
		} else if (bi < base->n && base->v[bi].start <= p) {
			const struct hf_shift *b = &base->v[bi];

			/* pieces of one rotation shift join up unless an override cut it */
			if (out->n && out->v[out->n - 1].override == -1 && out->v[out->n - 1].end == p &&
			    out->v[out->n - 1].start >= b->start)
				out->v[out->n - 1].end = q;
			else
				push(out, p, q, b->who, NULL, -1);
		}
	}
	free(pts);
	free(order);
	free(active);
}

static enum hf_status check(const struct hf_rotation *r, int64_t from, int64_t to)
{
	if (!r->calendar && (!r->nchanges || !r->changes[0].nmembers))
		return hf_error(HF_EINVAL, "rotation '%s' has no members", r->name ? r->name : "");
	if (to < from || to - from > MAX_SPAN)
		return hf_error(HF_EINVAL, "window of rotation '%s' is over 100 years", r->name ? r->name : "");
	return HF_OK;
}

static void compute(const struct hf_rotation *r, const struct hf_zone *z, int64_t from, int64_t to,
		    struct shiftvec *out)
{
	struct plan pl;
	struct shiftvec base = { 0 }, all = { 0 };
	char *use = xcalloc(r->noverrides + 1, 1);
	int64_t lo = from, hi = to;
	bool grew = true;

	if (r->calendar) {
		/* a feed's shifts as the feed gives them, overlaps and holes included */
		for (size_t i = 0; i < r->nfeed; i++)
			if (r->feed[i].end > from && r->feed[i].start < to && r->feed[i].start < r->feed[i].end)
				push(out, r->feed[i].start, r->feed[i].end, r->feed[i].who, NULL, -1);
		free(use);
		return;
	}
	plan_init(&pl, r, z, to);
	base_windows(&pl, from, to, &base);
	if (base.n) {
		if (base.v[0].start < lo)
			lo = base.v[0].start;
		if (base.v[base.n - 1].end > hi)
			hi = base.v[base.n - 1].end;
	}
	/* every override that can shape a shift in the window, transitively */
	while (grew) {
		grew = false;
		for (size_t i = 0; i < r->noverrides; i++) {
			const struct hf_rotation_override *o = &r->overrides[i];

			if (use[i] || o->to <= lo || o->from >= hi || o->from >= o->to)
				continue;
			use[i] = 1;
			grew = true;
			if (o->from < lo)
				lo = o->from;
			if (o->to > hi)
				hi = o->to;
		}
	}
	overlay(r, &base, use, &all);
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].end > from && all.v[i].start < to)
			push(out, all.v[i].start, all.v[i].end, all.v[i].who, all.v[i].reason,
			     all.v[i].override);
	free(all.v);
	free(base.v);
	free(use);
	plan_release(&pl);
}

enum hf_status hf_rotation_shifts(const struct hf_rotation *r, const struct hf_zone *z,
				  int64_t from, int64_t to, struct hf_shift **out, size_t *n)
{
	struct shiftvec sv = { 0 };
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = check(r, from, to)))
		return rc;
	if (from < to)
		compute(r, z, from, to, &sv);
	*out = sv.v;
	*n = sv.n;
	return HF_OK;
}

enum hf_status hf_rotation_next(const struct hf_rotation *r, const struct hf_zone *z, int64_t t,
				size_t count, int horizon_days, struct hf_shift **out, size_t *n)
{
	static const int64_t unit[] = { 3600, DAY, 7 * DAY };
	int64_t len = (int64_t)(r->shift_count > 0 ? r->shift_count : 1) * unit[r->shift_unit];
	int64_t span = len * (int64_t)(count + 1) + 7 * DAY;
	int64_t horizon = (int64_t)(horizon_days > 0 ? horizon_days : 3660) * DAY;

	/* by default, far enough for count shifts even with gaps, within the engine's 100 years */
	if (horizon_days <= 0 && horizon < 2 * span)
		horizon = 2 * span < MAX_SPAN ? 2 * span : MAX_SPAN;
	enum hf_status rc;

	*out = NULL;
	*n = 0;
	if ((rc = check(r, t, t + 1)))
		return rc;
	if (!count)
		return HF_OK;
	for (;;) {
		struct shiftvec sv = { 0 };

		if (span > horizon)
			span = horizon;
		compute(r, z, t, t + span, &sv);
		if (sv.n >= count || span >= horizon) {
			*out = sv.v;
			*n = sv.n < count ? sv.n : count;
			return HF_OK;
		}
		/* grow by what the shifts found so far suggest, plus a margin */
		if (sv.n) {
			int64_t want = (int64_t)((double)span * (double)count / (double)sv.n * 1.25) + len;

			span = want > span + len ? want : span + len;
		} else {
			span *= 4;
		}
		free(sv.v);
	}
}

enum hf_status hf_rotation_at(const struct hf_rotation *r, const struct hf_zone *z, int64_t t,
			      struct hf_shift *now, bool *now_found,
			      struct hf_shift *next, bool *next_found)
{
	struct hf_shift *v;
	size_t n;
	enum hf_status rc = hf_rotation_shifts(r, z, t, t + 1, &v, &n);

	*now_found = *next_found = false;
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (v[i].start <= t && t < v[i].end) {
			*now = v[i];
			*now_found = true;
		}
	}
	free(v);
	if ((rc = hf_rotation_next(r, z, *now_found ? now->end : t, 1, 366, &v, &n)))
		return rc;
	if (n) {
		*next = v[0];
		*next_found = true;
	}
	free(v);
	return HF_OK;
}

enum hf_status hf_rotation_claims(const struct hf_rotation *r, const struct hf_zone *z,
				  int64_t from, int64_t to, struct hf_shift **out, size_t *n)
{
	enum hf_status rc = hf_rotation_shifts(r, z, from, to, out, n);
	struct shiftvec sv;

	if (rc)
		return rc;
	sv.v = *out;
	sv.n = sv.alloc = *n;
	for (size_t i = 0; i < r->noverrides; i++) {
		const struct hf_rotation_override *o = &r->overrides[i];

		if (o->to > from && o->from < to && o->from < o->to)
			push(&sv, o->from, o->to, o->who, o->reason, (int)i);
	}
	*out = sv.v;
	*n = sv.n;
	return HF_OK;
}

static void add_interval(struct hf_interval **v, size_t *n, size_t *alloc, int64_t s, int64_t e)
{
	if (*n && (*v)[*n - 1].end == s) {
		(*v)[*n - 1].end = e;
		return;
	}
	*v = xgrow(*v, *n + 1, alloc, sizeof(**v));
	(*v)[(*n)++] = (struct hf_interval){ s, e };
}

void hf_oncall_coverage(const struct hf_shift *claims, size_t nclaims, int64_t from, int64_t to,
			struct hf_interval **gaps, size_t *ngaps,
			struct hf_interval **doubles, size_t *ndoubles)
{
	int64_t *pts = xmalloc((2 * nclaims + 2) * sizeof(*pts));
	size_t npts = 0, galloc = 0, dalloc = 0;

	*gaps = *doubles = NULL;
	*ngaps = *ndoubles = 0;
	pts[npts++] = from;
	pts[npts++] = to;
	for (size_t i = 0; i < nclaims; i++) {
		if (claims[i].start > from && claims[i].start < to)
			pts[npts++] = claims[i].start;
		if (claims[i].end > from && claims[i].end < to)
			pts[npts++] = claims[i].end;
	}
	qsort(pts, npts, sizeof(*pts), cmp_i64);
	for (size_t i = 0; i + 1 < npts; i++) {
		int64_t p = pts[i], q = pts[i + 1];
		const char *first = NULL;
		bool twice = false;

		if (p >= q)
			continue;
		for (size_t c = 0; c < nclaims && !twice; c++) {
			if (claims[c].start > p || claims[c].end <= p)
				continue;
			if (!first)
				first = claims[c].who;
			else if (strcmp(first, claims[c].who) != 0)
				twice = true;
		}
		if (!first)
			add_interval(gaps, ngaps, &galloc, p, q);
		else if (twice)
			add_interval(doubles, ndoubles, &dalloc, p, q);
	}
	free(pts);
}

void hf_oncall_hours(const struct hf_shift *shifts, size_t n, int64_t from, int64_t to,
		     struct hf_oncall_hours **out, size_t *nout)
{
	size_t alloc = 0;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t s = shifts[i].start > from ? shifts[i].start : from;
		int64_t e = shifts[i].end < to ? shifts[i].end : to;
		size_t j;

		if (s >= e)
			continue;
		for (j = 0; j < *nout; j++)
			if (strcmp((*out)[j].who, shifts[i].who) == 0)
				break;
		if (j == *nout) {
			*out = xgrow(*out, *nout + 1, &alloc, sizeof(**out));
			(*out)[(*nout)++] = (struct hf_oncall_hours){ shifts[i].who, 0 };
		}
		(*out)[j].seconds += e - s;
	}
}
