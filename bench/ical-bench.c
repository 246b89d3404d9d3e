/* ical-bench.c: time to read a calendar feed and expand a 13-week window (the ical source's fetch without the network) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "handoff/clock.h"
#include "handoff/ical_feed.h"
#include "handoff/paths.h"
#include "handoff/status.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* ical-bench FEED FROM RUNS: prints "occurrences N, median M ms" for the window [FROM - 7 d, FROM + 12 w) */
int main(int argc, char **argv)
{
	char *text;
	size_t len, n = 0;
	int64_t from;
	int runs = argc > 3 ? atoi(argv[3]) : 20;
	double *ms;

	if (argc < 3 || hf_time_parse(argv[2], &from) || runs < 1) {
		fprintf(stderr, "usage: ical-bench FEED FROM [RUNS]\n");
		return 2;
	}
	if (hf_read_file(argv[1], 64u << 20, &text, &len)) {
		fprintf(stderr, "ical-bench: %s\n", hf_last_error());
		return 2;
	}
	ms = calloc((size_t)runs, sizeof(*ms));
	for (int r = 0; r < runs; r++) {
		struct hf_feed feed;
		double t0 = now_ms();

		if (hf_feed_parse("bench", text, len, from - 7 * 86400, from + 84 * 86400, &feed)) {
			fprintf(stderr, "ical-bench: %s\n", hf_last_error());
			return 2;
		}
		ms[r] = now_ms() - t0;
		n = feed.n;
		hf_feed_clear(&feed);
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	printf("occurrences %zu, median %.1f ms over %d runs\n", n, ms[runs / 2], runs);
	free(ms);
	free(text);
	return 0;
}
