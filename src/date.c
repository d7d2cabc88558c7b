/*
 * date.c - calendar arithmetic for order times and experiment windows.
 *
 * days_from_civil/civil_from_days are Howard Hinnant's public-domain
 * algorithms; exact for every Gregorian date. The plain forms have a fast
 * path (uplift_date_parse_cached); the forms of real exports (Excel's
 * 2026/11/19 7:05, ISO 8601 with an offset) have their own parse,
 * uplift_date_parse_tz, which the loader calls only when the fast one
 * says no.
 */
#include "uplift_date.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

long uplift_date_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

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

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

/* s[i] as a digit 0..9, or a value above 9 when it is not one. */
static inline unsigned dig(const char *s, size_t i)
{
	return (unsigned)(unsigned char)s[i] - '0';
}

/* The two digits at s + i as a number, or a value above 99 when either is not a digit. */
static inline unsigned two(const char *s, size_t i)
{
	unsigned a = dig(s, i), b = dig(s, i + 1);

	return a > 9 || b > 9 ? 100 : a * 10 + b;
}

/* The time after a valid date: none, " HH:MM" or " HH:MM:SS" ('T' for the space). */
static bool time_valid(const char *s, size_t len)
{
	unsigned hh, mm, ss;

	if (len == 10)
		return true;
	if (len == 19 && (s[10] == ' ' || s[10] == 'T')) {
		/* "HH:MM:SS" as one word: six digits and two colons in place */
		const uint64_t digits = 0xFFFF00FFFF00FFFFULL, zeros = 0x3030003030003030ULL;
		uint64_t x, v;
		memcpy(&x, s + 11, 8);
		/* a digit byte is 0x30..0x39: high nibble 3, and still 3 after adding 6 */
		if ((x & ~digits) != 0x00003A00003A0000ULL ||
		    (x & 0xF0F0F0F0F0F0F0F0ULL & digits) != zeros ||
		    ((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL & digits) != zeros)
			return false;
		v = x - zeros; /* each digit byte its value; no borrows, every byte >= its '0' */
		hh = (unsigned)(v & 0xFF) * 10 + (unsigned)(v >> 8 & 0xFF);
		mm = (unsigned)(v >> 24 & 0xFF) * 10 + (unsigned)(v >> 32 & 0xFF);
		ss = (unsigned)(v >> 48 & 0xFF) * 10 + (unsigned)(v >> 56 & 0xFF);
		return hh <= 23 && mm <= 59 && ss <= 59;
	}
	/* " HH:MM" */
	if (len != 16 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':')
		return false;
	hh = two(s, 11);
	mm = two(s, 14);
	return hh <= 23 && mm <= 59;
}

bool uplift_date_parse(const char *s, size_t len, long *day)
{
	unsigned c, y, m, d;

	if (len < 10 || s[4] != '-' || s[7] != '-')
		return false;
	c = two(s, 0);
	y = two(s, 2);
	if (c > 99 || y > 99)
		return false;
	y += c * 100;
	m = two(s, 5);
	d = two(s, 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (unsigned)days_in_month((int)y, (int)m))
		return false;
	if (!time_valid(s, len))
		return false;
	*day = uplift_date_from_civil((int)y, (int)m, (int)d);
	return true;
}

/* Whether the ten bytes at a and b are the same (two loads, not a call to memcmp). */
static inline bool same10(const char *a, const char *b)
{
	uint64_t x, y;
	uint16_t u, v;

	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	memcpy(&u, a + 8, 2);
	memcpy(&v, b + 8, 2);
	return x == y && u == v;
}

bool uplift_date_parse_cached(struct uplift_date_cache *c, const char *s, size_t len, long *day)
{
	unsigned k;

	if (len < 10)
		return false;
	/* the last digits of the day and the month pick the entry */
	k = ((unsigned char)s[9] + 3u * (unsigned char)s[6]) % UPLIFT_DATE_CACHE;
	if (c->used[k] && same10(c->key[k], s)) {
		if (!time_valid(s, len))
			return false;
		*day = c->day[k];
		return true;
	}
	if (!uplift_date_parse(s, len, day))
		return false;
	memcpy(c->key[k], s, 10);
	c->day[k] = *day;
	c->used[k] = true;
	return true;
}

char *uplift_date_format(long day, char *buf)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return buf;
}

/* Up to max digits at s[*i..len) as a number in *v (at least one digit). */
static bool digits(const char *s, size_t len, size_t *i, size_t max, unsigned *v)
{
	size_t k = 0;

	*v = 0;
	while (*i < len && k < max && dig(s, *i) <= 9) {
		*v = *v * 10 + dig(s, *i);
		(*i)++;
		k++;
	}
	return k > 0;
}

/* "+HH:MM", "+HHMM" or "+HH" at s[*i..len), minutes east of UTC. */
static bool offset(const char *s, size_t len, size_t *i, int *minutes)
{
	size_t start;
	unsigned hh, mm = 0;
	int sign;

	if (*i >= len || (s[*i] != '+' && s[*i] != '-'))
		return false;
	sign = s[*i] == '-' ? -1 : 1;
	start = ++(*i);
	if (!digits(s, len, i, 2, &hh) || *i - start != 2)
		return false;
	if (*i < len) {
		if (s[*i] == ':')
			(*i)++;
		start = *i;
		if (!digits(s, len, i, 2, &mm) || *i - start != 2)
			return false;
	}
	if (hh > 23 || mm > 59)
		return false;
	*minutes = sign * (int)(hh * 60 + mm);
	return true;
}

bool uplift_date_tz_parse(const char *s, size_t len, int *minutes)
{
	size_t i = 0;

	if ((len == 3 && memcmp(s, "UTC", 3) == 0) || (len == 1 && s[0] == 'Z')) {
		*minutes = 0;
		return true;
	}
	return offset(s, len, &i, minutes) && i == len;
}

/* Every form, the day and the minute of the day in tz_minutes (-1: a date alone). */
static bool parse_full(const char *s, size_t len, int tz_minutes, long *day, long *minute)
{
	size_t i = 0, start;
	unsigned y, m, d, hh = 0, mm = 0, ss = 0;
	int off = 0;
	bool slash, has_off = false;
	long t;

	*minute = -1;
	/* the date: YYYY-MM-DD or YYYY/M/D */
	if (!digits(s, len, &i, 4, &y) || i != 4 || i >= len || (s[i] != '-' && s[i] != '/'))
		return false;
	slash = s[i++] == '/';
	start = i;
	if (!digits(s, len, &i, 2, &m) || (!slash && i - start != 2) || i >= len || s[i++] != s[4])
		return false;
	start = i;
	if (!digits(s, len, &i, 2, &d) || (!slash && i - start != 2))
		return false;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (unsigned)days_in_month((int)y, (int)m))
		return false;
	if (i == len) {
		*day = uplift_date_from_civil((int)y, (int)m, (int)d);
		return true;
	}
	/* the time: H:MM[:SS[.fff]] after a space or a 'T' */
	if (s[i] != ' ' && s[i] != 'T')
		return false;
	start = ++i;
	if (!digits(s, len, &i, 2, &hh) || (!slash && i - start != 2) || i >= len || s[i++] != ':')
		return false;
	start = i;
	if (!digits(s, len, &i, 2, &mm) || i - start != 2)
		return false;
	if (i < len && s[i] == ':') {
		start = ++i;
		if (!digits(s, len, &i, 2, &ss) || i - start != 2)
			return false;
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			start = ++i;
			while (i < len && dig(s, i) <= 9 && i - start < 9)
				i++;
			if (i == start)
				return false;
		}
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	if (i < len && s[i] == 'Z') {
		has_off = true;
		i++;
	} else if (i < len) {
		if (!offset(s, len, &i, &off))
			return false;
		has_off = true;
	}
	if (i != len)
		return false;
	*day = uplift_date_from_civil((int)y, (int)m, (int)d);
	/* with an offset, the minutes of the day in tz_minutes: maybe the day before or after */
	t = (long)(hh * 60 + mm) + (has_off ? tz_minutes - off : 0);
	*day += t >= 0 ? t / 1440 : -((1439 - t) / 1440);
	*minute = t - (t >= 0 ? t / 1440 : -((1439 - t) / 1440)) * 1440;
	return true;
}

bool uplift_date_parse_tz(const char *s, size_t len, int tz_minutes, long *day)
{
	long minute;

	return uplift_date_parse(s, len, day) || parse_full(s, len, tz_minutes, day, &minute);
}

bool uplift_date_parse_minute(const char *s, size_t len, int tz_minutes, long *day, long *minute)
{
	return parse_full(s, len, tz_minutes, day, minute);
}
