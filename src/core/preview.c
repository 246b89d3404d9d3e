/* preview.c: what a rotation edit changes: who holds each stretch before and after, hours, gaps and double cover */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "handoff/clock.h"
#include "handoff/preview.h"
#include "handoff/strbuf.h"
#include "handoff/xmalloc.h"

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Who holds [s, e) in v (git rotations' shifts never overlap; the first wins otherwise). */
static const char *holder(const struct hf_shift *v, size_t n, int64_t s, int64_t e)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].start <= s && e <= v[i].end)
			return v[i].who;
	return NULL;
}

/* The parts of a not covered by b (both sorted, disjoint). */
static void minus(const struct hf_interval *a, size_t na, const struct hf_interval *b, size_t nb,
		  struct hf_interval **out, size_t *nout)
{
	size_t alloc = 0;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < na; i++) {
		int64_t s = a[i].start;

		for (size_t j = 0; j < nb && s < a[i].end; j++) {
			if (b[j].end <= s || b[j].start >= a[i].end)
				continue;
			if (b[j].start > s) {
				*out = xgrow(*out, *nout + 1, &alloc, sizeof(**out));
				(*out)[(*nout)++] = (struct hf_interval){ s, b[j].start };
			}
			s = b[j].end;
		}
		if (s < a[i].end) {
			*out = xgrow(*out, *nout + 1, &alloc, sizeof(**out));
			(*out)[(*nout)++] = (struct hf_interval){ s, a[i].end };
		}
	}
}

static void add_hours(struct hf_preview *p, size_t *alloc, const struct hf_oncall_hours *h, size_t n,
		      bool after)
{
	for (size_t i = 0; i < n; i++) {
		size_t k;

		for (k = 0; k < p->nhours && strcmp(p->hours[k].who, h[i].who) != 0; k++)
			;
		if (k == p->nhours) {
			p->hours = xgrow(p->hours, p->nhours + 1, alloc, sizeof(*p->hours));
			p->hours[p->nhours++] = (struct hf_preview_hours){ h[i].who, 0, 0 };
		}
		if (after)
			p->hours[k].after += h[i].seconds;
		else
			p->hours[k].before += h[i].seconds;
	}
}

enum hf_status hf_preview_compute(const struct hf_rotation *before, const struct hf_rotation *after,
				  const struct hf_zone *z, int64_t from, int64_t to,
				  struct hf_preview *out)
{
	struct hf_shift *a = NULL, *b = NULL, *ca = NULL, *cb = NULL;
	size_t na = 0, nb = 0, nca = 0, ncb = 0, nbound = 0, alloc = 0, halloc = 0;
	struct hf_oncall_hours *h;
	size_t nh;
	int64_t *bound;
	enum hf_status rc;

	memset(out, 0, sizeof(*out));
	out->from = from;
	out->to = to;
	if ((rc = hf_rotation_shifts(before, z, from, to, &a, &na)) ||
	    (rc = hf_rotation_shifts(after, z, from, to, &b, &nb)) ||
	    (rc = hf_rotation_claims(before, z, from, to, &ca, &nca)) ||
	    (rc = hf_rotation_claims(after, z, from, to, &cb, &ncb)))
		goto out;
	bound = xcalloc(2 * (na + nb) + 2, sizeof(*bound));
	bound[nbound++] = from;
	bound[nbound++] = to;
	for (size_t i = 0; i < na; i++) {
		bound[nbound++] = a[i].start < from ? from : a[i].start;
		bound[nbound++] = a[i].end > to ? to : a[i].end;
	}
	for (size_t i = 0; i < nb; i++) {
		bound[nbound++] = b[i].start < from ? from : b[i].start;
		bound[nbound++] = b[i].end > to ? to : b[i].end;
	}
	qsort(bound, nbound, sizeof(*bound), cmp_i64);
	for (size_t i = 0; i + 1 < nbound; i++) {
		int64_t s = bound[i], e = bound[i + 1];
		const char *wb, *wa;
		struct hf_preview_change *last;

		if (s >= e)
			continue;
		wb = holder(a, na, s, e);
		wa = holder(b, nb, s, e);
		if (same(wb, wa))
			continue;
		last = out->nchanges ? &out->changes[out->nchanges - 1] : NULL;
		if (last && last->end == s && same(last->before, wb) && same(last->after, wa)) {
			last->end = e;
			continue;
		}
		out->changes = xgrow(out->changes, out->nchanges + 1, &alloc, sizeof(*out->changes));
		out->changes[out->nchanges++] = (struct hf_preview_change){ s, e, wb, wa };
	}
	free(bound);
	hf_oncall_hours(a, na, from, to, &h, &nh);
	add_hours(out, &halloc, h, nh, false);
	free(h);
	hf_oncall_hours(b, nb, from, to, &h, &nh);
	add_hours(out, &halloc, h, nh, true);
	free(h);
	hf_oncall_coverage(ca, nca, from, to, &out->gaps_before, &out->ngaps_before, &out->doubles_before,
			   &out->ndoubles_before);
	hf_oncall_coverage(cb, ncb, from, to, &out->gaps_after, &out->ngaps_after, &out->doubles_after,
			   &out->ndoubles_after);
	minus(out->gaps_after, out->ngaps_after, out->gaps_before, out->ngaps_before, &out->gaps_added,
	      &out->ngaps_added);
	minus(out->gaps_before, out->ngaps_before, out->gaps_after, out->ngaps_after, &out->gaps_removed,
	      &out->ngaps_removed);
	minus(out->doubles_after, out->ndoubles_after, out->doubles_before, out->ndoubles_before,
	      &out->doubles_added, &out->ndoubles_added);
	minus(out->doubles_before, out->ndoubles_before, out->doubles_after, out->ndoubles_after,
	      &out->doubles_removed, &out->ndoubles_removed);
out:
	free(a);
	free(b);
	free(ca);
	free(cb);
	if (rc)
		hf_preview_clear(out);
	return rc;
}

void hf_preview_clear(struct hf_preview *p)
{
	free(p->changes);
	free(p->hours);
	free(p->gaps_before);
	free(p->gaps_after);
	free(p->gaps_added);
	free(p->gaps_removed);
	free(p->doubles_before);
	free(p->doubles_after);
	free(p->doubles_added);
	free(p->doubles_removed);
	memset(p, 0, sizeof(*p));
}

/* "Mon 2026-11-30 09:00" on z's clock. */
static void fmt_local(const struct hf_zone *z, int64_t t, struct hf_strbuf *sb)
{
	int64_t local = hf_zone_to_local(z, t), day = hf_floor_div(local, 86400), s = local - day * 86400;
	const char *w = hf_weekday_name(hf_weekday(day));
	int y, m, d;

	hf_civil_from_days(day, &y, &m, &d);
	hf_strbuf_addf(sb, "%c%s %04d-%02d-%02d %02d:%02d", w[0] - 'a' + 'A', w + 1, y, m, d,
		       (int)(s / 3600), (int)(s / 60 % 60));
}

/* "; a gap closed (3h)" or "; 2 gaps closed (5h)": the stretches and their hours, when there are any. */
static void spans(struct hf_strbuf *sb, const char *one, const char *many, const struct hf_interval *v,
		  size_t n)
{
	int64_t secs = 0;

	for (size_t i = 0; i < n; i++)
		secs += v[i].end - v[i].start;
	if (n == 1)
		hf_strbuf_addf(sb, "; %s (%.0fh)", one, (double)secs / 3600.0);
	else if (n)
		hf_strbuf_addf(sb, "; %zu %s (%.0fh)", n, many, (double)secs / 3600.0);
}

char *hf_preview_line(const struct hf_preview *p, const struct hf_zone *z)
{
	struct hf_strbuf sb = HF_STRBUF_INIT;
	bool any = false;

	hf_strbuf_init(&sb);
	if (!p->nchanges)
		hf_strbuf_addf(&sb, "no shift changes hands");
	for (size_t i = 0; i < p->nchanges && i < 3; i++) {
		if (i)
			hf_strbuf_addf(&sb, ", ");
		fmt_local(z, p->changes[i].start, &sb);
		hf_strbuf_addf(&sb, " to ");
		fmt_local(z, p->changes[i].end, &sb);
		hf_strbuf_addf(&sb, " %s -> %s", p->changes[i].before ? p->changes[i].before : "nobody",
			       p->changes[i].after ? p->changes[i].after : "nobody");
	}
	if (p->nchanges > 3)
		hf_strbuf_addf(&sb, " and %zu more", p->nchanges - 3);
	for (size_t i = 0; i < p->nhours; i++) {
		int64_t d = p->hours[i].after - p->hours[i].before;

		if (!d)
			continue;
		hf_strbuf_addf(&sb, "%s%s %+.0fh", any ? ", " : "; hours: ", p->hours[i].who,
			       (double)d / 3600.0);
		any = true;
	}
	spans(&sb, "a gap introduced", "gaps introduced", p->gaps_added, p->ngaps_added);
	spans(&sb, "a gap closed", "gaps closed", p->gaps_removed, p->ngaps_removed);
	spans(&sb, "double cover introduced", "stretches of double cover introduced", p->doubles_added,
	      p->ndoubles_added);
	spans(&sb, "double cover removed", "stretches of double cover removed", p->doubles_removed,
	      p->ndoubles_removed);
	return hf_strbuf_detach(&sb);
}
