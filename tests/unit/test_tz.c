/* test_tz.c: time zone handles: offsets against libc (before 1970 too), a 1960 rotation, handles shared by threads */
#include "config.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"
#include "handoff/tz.h"
#include "handoff/xmalloc.h"

/*
 * Also built with ThreadSanitizer by tests/integ/tz_tsan.sh (src/util and
 * the rotation engine compiled with -fsanitize=thread), which
 * is what sees a data race in the handle's cache or in libical's lazily
 * filled zones; under the normal sanitizer build this checks the answers.
 */

static int64_t T(const char *iso)
{
	int64_t t;

	if (hf_time_parse(iso, &t))
		fail_msg("bad time in test: %s", iso);
	return t;
}

static struct hf_tz *zone(const char *name)
{
	struct hf_tz *tz;

	assert_int_equal(hf_tz_open(name, &tz), HF_OK);
	return tz;
}

/*
 * The handle (libical plus its offset cache) agrees with glibc's reading of
 * the same zoneinfo over [from, to): sampled every `step` seconds, and every
 * second around each change found.
 */
static void agree_with_libc(const char *const *zones, size_t nzones, const char *from, const char *to,
			    int64_t step)
{
	const char *saved = getenv("TZ");
	char *keep = saved ? xstrdup(saved) : NULL;

	for (size_t z = 0; z < nzones; z++) {
		struct hf_tz *tz = zone(zones[z]);
		size_t mismatches = 0;

		setenv("TZ", zones[z], 1);
		tzset();
		for (int64_t t = T(from); t < T(to); t += step) {
			int64_t last = hf_tz_offset(tz, t) != hf_tz_offset(tz, t + step) ? t + step : t;

			for (int64_t u = t; u <= last; u++) {
				time_t ut = (time_t)u;
				struct tm tm;

				localtime_r(&ut, &tm);
				if (hf_tz_offset(tz, u) != tm.tm_gmtoff && mismatches++ < 3)
					print_message("%s at %lld: %d, libc %ld\n", zones[z], (long long)u,
						      hf_tz_offset(tz, u), tm.tm_gmtoff);
			}
		}
		assert_int_equal(mismatches, 0);
		hf_tz_free(tz);
	}
	if (keep)
		setenv("TZ", keep, 1);
	else
		unsetenv("TZ");
	tzset();
	free(keep);
}

static void offsets_agree_with_libc(void **state)
{
	static const char *const zones[] = {
		"Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago",
		"Europe/Madrid", "Asia/Shanghai", "Antarctica/Troll", "Pacific/Apia",
	};

	agree_with_libc(zones, sizeof(zones) / sizeof(zones[0]), "2026-01-01T00:00:00Z",
			"2029-01-01T00:00:00Z", 47 * 60);
}

/* Before 1970 instants are negative: the same agreement from 1955 to 1971. */
static void offsets_before_1970(void **state)
{
	static const char *const zones[] = { "Europe/Berlin", "America/New_York", "Asia/Kolkata" };

	agree_with_libc(zones, sizeof(zones) / sizeof(zones[0]), "1955-01-01T00:00:00Z",
			"1971-01-01T00:00:00Z", 307 * 60);
}

/* A rotation that started in 1960 in New York: weekly Monday 09:00 hand-offs, EST and EDT. */
static void rotation_started_in_1960(void **state)
{
	static const char *const want[] = {
		"1960-04-18T14:00:00Z 1960-04-25T13:00:00Z a",	/* EST, then EDT from Sunday 24 April */
		"1960-04-25T13:00:00Z 1960-05-02T13:00:00Z b",
	};
	struct hf_rotation r = { 0 };
	struct hf_tz *tz = zone("America/New_York");
	struct hf_zone z = hf_tz_zone(tz);
	struct hf_shift *v;
	size_t n;

	r.name = xstrdup("old");
	r.timezone = xstrdup("America/New_York");
	r.start_day = hf_day_of(T("1960-01-04"));
	assert_true(hf_rotation_parse_shift("1w", &r.shift_count, &r.shift_unit));
	assert_true(hf_rotation_parse_handoff("mon 09:00", &r.handoff_wday, &r.handoff_minute));
	r.changes = xcalloc(1, sizeof(*r.changes));
	r.nchanges = 1;
	r.changes[0].from_day = r.start_day;
	r.changes[0].members = xcalloc(3, sizeof(char *));
	r.changes[0].members[r.changes[0].nmembers++] = xstrdup("a");
	r.changes[0].members[r.changes[0].nmembers++] = xstrdup("b");
	r.changes[0].members[r.changes[0].nmembers++] = xstrdup("c");
	assert_int_equal(hf_rotation_next(&r, &z, T("1960-04-20T00:00:00Z"), 2, 0, &v, &n), HF_OK);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		char s[32], e[32], line[96];

		hf_time_format(v[i].start, s, sizeof(s));
		hf_time_format(v[i].end, e, sizeof(e));
		snprintf(line, sizeof(line), "%s %s %s", s, e, v[i].who);
		assert_string_equal(line, want[i]);
	}
	free(v);
	hf_rotation_clear(&r);
	hf_tz_free(tz);
}

/* --- several threads on one handle, and on zones nobody has opened yet --- */

#define NTHREADS 4
#define NZONES 6
#define NSAMPLES 4000

static const char *const fresh_zones[NZONES] = {
	"Pacific/Apia", "Antarctica/Troll", "America/Sao_Paulo", "Australia/Lord_Howe",
	"Asia/Tehran", "America/St_Johns",
};

struct worker {
	pthread_barrier_t *go;
	struct hf_tz *shared;		/* one handle all threads use at once */
	int id;
	int32_t got[NZONES][NSAMPLES];	/* per zone, from the thread's own handle */
	int32_t shared_got[NSAMPLES];
};

static int64_t sample(int i)
{
	/* 1960 to 2040, not in order, so the threads fill and evict the same cache slots */
	return T("1960-01-01T00:00:00Z") + (int64_t)((i * 7919) % NSAMPLES) * 631139;
}

static void *work(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(w->go);
	for (int z = 0; z < NZONES; z++) {
		/* every thread opens the zones in another order, all for the first time */
		int zi = (z + w->id) % NZONES;
		struct hf_tz *tz = NULL;

		if (hf_tz_open(fresh_zones[zi], &tz))
			return NULL;
		for (int i = 0; i < NSAMPLES; i++) {
			w->got[zi][i] = hf_tz_offset(tz, sample(i));
			if (i % 4 == w->id)
				w->shared_got[i] = hf_tz_offset(w->shared, sample(NSAMPLES - 1 - i));
		}
		hf_tz_free(tz);
	}
	for (int i = 0; i < NSAMPLES; i++)
		w->shared_got[i] = hf_tz_offset(w->shared, sample(NSAMPLES - 1 - i));
	return NULL;
}

static void threads_share_handles(void **state)
{
	pthread_barrier_t go;
	pthread_t th[NTHREADS];
	struct worker *w = xcalloc(NTHREADS, sizeof(*w));
	struct hf_tz *shared = zone("America/Santiago");

	pthread_barrier_init(&go, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++) {
		w[i] = (struct worker){ &go, shared, i, { { 0 } }, { 0 } };
		assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	/* afterwards, one thread alone with new handles: the same answers */
	for (int z = 0; z < NZONES; z++) {
		struct hf_tz *tz = zone(fresh_zones[z]);

		for (int i = 0; i < NSAMPLES; i++) {
			int32_t want = hf_tz_offset(tz, sample(i));

			for (int k = 0; k < NTHREADS; k++)
				if (w[k].got[z][i] != want)
					fail_msg("%s at %lld: thread %d got %d, want %d", fresh_zones[z],
						 (long long)sample(i), k, w[k].got[z][i], want);
		}
		hf_tz_free(tz);
	}
	{
		struct hf_tz *tz = zone("America/Santiago");

		for (int i = 0; i < NSAMPLES; i++)
			for (int k = 0; k < NTHREADS; k++)
				assert_int_equal(w[k].shared_got[i], hf_tz_offset(tz, sample(NSAMPLES - 1 - i)));
		hf_tz_free(tz);
	}
	hf_tz_free(shared);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offsets_agree_with_libc),
		cmocka_unit_test(offsets_before_1970),
		cmocka_unit_test(rotation_started_in_1960),
		cmocka_unit_test(threads_share_handles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
