/* clock.c: hf_now() with the HANDOFF_NOW frozen clock, and ISO 8601 instants */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handoff/clock.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int64_t hf_days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void hf_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

enum hf_status hf_time_parse(const char *text, int64_t *out)
{
	const char *p = text;
	int y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0, sign = 0;

	if (!text)
		return hf_error(HF_EINVAL, "missing time");
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		goto bad;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			goto bad;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &s))
				goto bad;
			if (*p == '.') {
				p++;
				if (!isdigit((unsigned char)*p))
					goto bad;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 24 || mi > 59 || s > 60 || (h == 24 && (mi || s)))
			goto bad;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p == '-' ? -1 : 1;
			p++;
			if (digits(&p, 2, &oh))
				goto bad;
			if (*p == ':')
				p++;
			if (digits(&p, 2, &om) || oh > 23 || om > 59)
				goto bad;
		}
	}
	if (*p)
		goto bad;
	*out = hf_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + (s == 60 ? 59 : s) -
	       sign * (oh * 3600 + om * 60);
	return HF_OK;
bad:
	return hf_error(HF_EINVAL, "invalid time '%s' (expected ISO 8601 such as 2026-10-26T08:30:00Z)", text);
}

bool hf_time_has_zone(const char *text)
{
	size_t n = strlen(text);
	const char *t;

	if (!n)
		return false;
	if (text[n - 1] == 'Z' || text[n - 1] == 'z')
		return true;
	t = strpbrk(text, "Tt ");
	return t && (strchr(t, '+') || strchr(t, '-'));
}

int64_t hf_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t hf_now(void)
{
	const char *frozen = getenv("HANDOFF_NOW");
	int64_t t;

	if (frozen && *frozen && hf_time_parse(frozen, &t) == HF_OK)
		return t;
	return (int64_t)time(NULL);
}

int64_t hf_floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && ((a < 0) != (b < 0)));
}

int64_t hf_floor_mod(int64_t a, int64_t b)
{
	return a - hf_floor_div(a, b) * b;
}

int64_t hf_day_of(int64_t t)
{
	return hf_floor_div(t, 86400);
}

void hf_time_format(int64_t t, char *buf, size_t n)
{
	int64_t days = hf_day_of(t), rem = t - days * 86400;
	int y, m, d;

	hf_civil_from_days(days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(rem / 3600),
		 (int)(rem % 3600 / 60), (int)(rem % 60));
}

void hf_time_format_minutes(int64_t t, char *buf, size_t n)
{
	char iso[32];

	hf_time_format(t, iso, sizeof(iso));
	iso[10] = ' ';
	iso[16] = '\0';	/* drop ":SSZ" */
	snprintf(buf, n, "%s", iso);
}

void hf_date_format(int64_t t, char *buf, size_t n)
{
	int y, m, d;

	hf_civil_from_days(hf_day_of(t), &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

void hf_time_ago(int64_t t, int64_t now, char *buf, size_t n)
{
	int64_t delta = now - t, a = delta < 0 ? -delta : delta;
	const char *unit;
	int64_t v;

	if (a < 60) {
		snprintf(buf, n, "just now");
		return;
	}
	if (a < 3600) {
		v = a / 60; unit = "m";
	} else if (a < 86400) {
		v = a / 3600; unit = "h";
	} else {
		v = a / 86400; unit = "d";
	}
	if (delta >= 0)
		snprintf(buf, n, "%" PRId64 "%s ago", v, unit);
	else
		snprintf(buf, n, "in %" PRId64 "%s", v, unit);
}
