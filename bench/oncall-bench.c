/* oncall-bench.c: time to compute 1,000 shifts of a 20-person rotation with 200 overrides (prints the figure) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

#define MEMBERS 20
#define OVERRIDES 200
#define SHIFTS 1000
#define RUNS 200

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	const char *zone = argc > 1 ? argv[1] : "Europe/Berlin";
	struct hf_rotation r = { 0 };
	struct hf_tz *tz;
	struct hf_zone z;
	struct hf_shift *v;
	double times[RUNS];
	size_t n = 0;
	int64_t start;

	if (hf_tz_open(zone, &tz)) {
		fprintf(stderr, "oncall-bench: %s\n", hf_last_error());
		return 1;
	}
	z = hf_tz_zone(tz);
	hf_time_parse("2026-10-19", &start);
	r.name = xstrdup("bench");
	r.timezone = xstrdup(zone);
	r.start_day = start / 86400;
	r.shift_count = 12;	/* 12h shifts at 09:00 and 21:00: 1,000 shifts span 500 days and two DST changes a year */
	r.shift_unit = HF_SHIFT_HOURS;
	r.handoff_wday = -1;
	r.handoff_minute = 9 * 60;
	r.nchanges = 1;
	r.changes = xcalloc(1, sizeof(*r.changes));
	r.changes[0].from_day = r.start_day;
	r.changes[0].members = xcalloc(MEMBERS, sizeof(char *));
	for (int i = 0; i < MEMBERS; i++)
		r.changes[0].members[r.changes[0].nmembers++] = xasprintf("m%02d", i);
	/* 200 overrides of 30 hours each, every 2.5 days, so many cross a hand-off */
	r.overrides = xcalloc(OVERRIDES, sizeof(*r.overrides));
	for (int i = 0; i < OVERRIDES; i++) {
		int64_t from = start + 7 * 3600 + (int64_t)i * 60 * 3600 + 5 * 3600;

		r.overrides[r.noverrides++] = (struct hf_rotation_override){
			xasprintf("m%02d", (i * 7) % MEMBERS), from, from + 30 * 3600, xstrdup("swap") };
	}
	for (int run = 0; run < RUNS; run++) {
		double t0 = now_us();

		if (hf_rotation_next(&r, &z, start, SHIFTS, 0, &v, &n)) {
			fprintf(stderr, "oncall-bench: %s\n", hf_last_error());
			return 1;
		}
		times[run] = now_us() - t0;
		free(v);
	}
	qsort(times, RUNS, sizeof(times[0]), cmp_double);
	printf("oncall-bench: %zu shifts of a %d-person 12h rotation with %d overrides in %s: "
	       "median %.0f us, min %.0f us, max %.0f us over %d runs (target: under 1000 us)\n",
	       n, MEMBERS, OVERRIDES, zone, times[RUNS / 2], times[0], times[RUNS - 1], RUNS);
	/* as a command runs it: a fresh zone handle each time, so its offset cache starts empty */
	for (int run = 0; run < RUNS; run++) {
		struct hf_tz *fresh;
		struct hf_zone fz;
		double t0 = now_us();

		hf_tz_open(zone, &fresh);
		fz = hf_tz_zone(fresh);
		if (hf_rotation_next(&r, &fz, start, SHIFTS, 0, &v, &n))
			return 1;
		times[run] = now_us() - t0;
		free(v);
		hf_tz_free(fresh);
	}
	qsort(times, RUNS, sizeof(times[0]), cmp_double);
	printf("oncall-bench: the same with a fresh zone handle per run (cold offset cache): "
	       "median %.0f us, min %.0f us, max %.0f us\n", times[RUNS / 2], times[0], times[RUNS - 1]);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
	return 0;
}
