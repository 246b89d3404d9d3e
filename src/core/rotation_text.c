/* rotation_text.c: the text fields of oncall/<rotation>.json: shift length, hand-off, days, hours, weekday names */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "handoff/clock.h"
#include "handoff/rotation.h"

int hf_weekday(int64_t day)
{
	return (int)hf_floor_mod(day + 3, 7);	/* 1970-01-01 was a Thursday */
}

static const char *const wday_names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char *const wday_long[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

const char *hf_weekday_name(int wday)
{
	return wday >= 0 && wday < 7 ? wday_names[wday] : "?";
}

/* A weekday name at *p ("mon" or "monday", any case); advances *p. */
static int parse_wday(const char **p)
{
	for (int i = 0; i < 7; i++) {
		size_t ll = strlen(wday_long[i]);

		if (strncasecmp(*p, wday_long[i], ll) == 0) {
			*p += ll;
			return i;
		}
		if (strncasecmp(*p, wday_names[i], 3) == 0 && !isalpha((unsigned char)(*p)[3])) {
			*p += 3;
			return i;
		}
	}
	return -1;
}

static bool clock_at(const char **p, int *minute)
{
	const char *s = *p;
	int h, m;

	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return false;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m))
		return false;
	*minute = h * 60 + m;
	*p = s + 5;
	return true;
}

bool hf_rotation_parse_clock(const char *text, int *minute)
{
	return text && clock_at(&text, minute) && !*text;
}

bool hf_rotation_parse_shift(const char *text, int *count, enum hf_shift_unit *unit)
{
	long n = 0;
	const char *p = text;

	if (!text || !isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p) && n < 1000)
		n = n * 10 + (*p++ - '0');
	if (n < 1 || n > 999 || !p[0] || p[1])
		return false;
	switch (*p) {
	case 'h': *unit = HF_SHIFT_HOURS; break;
	case 'd': *unit = HF_SHIFT_DAYS; break;
	case 'w': *unit = HF_SHIFT_WEEKS; break;
	default: return false;
	}
	*count = (int)n;
	return true;
}

bool hf_rotation_parse_handoff(const char *text, int *wday, int *minute)
{
	const char *p = text;
	int w = -1, m;

	if (!text)
		return false;
	if (isalpha((unsigned char)*p)) {
		if ((w = parse_wday(&p)) < 0 || *p != ' ')
			return false;
		while (*p == ' ')
			p++;
	}
	if (!clock_at(&p, &m) || *p || m >= 24 * 60)
		return false;
	*wday = w;
	*minute = m;
	return true;
}

bool hf_rotation_parse_days(const char *text, unsigned *mask)
{
	const char *p = text;
	unsigned bits = 0;

	if (!text || !*text)
		return false;
	for (;;) {
		int a, b;

		while (*p == ' ')
			p++;
		if ((a = parse_wday(&p)) < 0)
			return false;
		b = a;
		if (*p == '-') {
			p++;
			if ((b = parse_wday(&p)) < 0)
				return false;
		}
		for (int d = a;; d = (d + 1) % 7) {
			bits |= 1u << d;
			if (d == b)
				break;
		}
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p++ != ',')
			return false;
	}
	*mask = bits;
	return true;
}

bool hf_rotation_parse_hours(const char *text, int *from, int *to)
{
	const char *p = text;
	int a, b;

	if (!text || !clock_at(&p, &a) || *p++ != '-' || !clock_at(&p, &b) || *p)
		return false;
	if (a == b || a == 24 * 60)
		return false;
	*from = a;
	*to = b;
	return true;
}
