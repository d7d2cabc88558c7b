/*
 * init_day.c - the day of an order time as exports write it, for the
 * window that "uplift init" proposes: ISO dates, spreadsheet dates
 * (2026/11/19 7:05) and ISO 8601 times with a 'Z' or an offset, moved to
 * the experiment's time zone before the day is taken.
 */
#include "uplift_date.h"
#include "uplift_init.h"

/* Up to max digits at s[*i], at least one, into *v. */
static bool digits(const char *s, size_t len, size_t *i, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		*v = *v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n > 0 && !(*i < len && s[*i] >= '0' && s[*i] <= '9');
}

/* Exactly two digits at s[*i] into *v. */
static bool two(const char *s, size_t len, size_t *i, int *v)
{
	if (*i + 2 > len || s[*i] < '0' || s[*i] > '9' || s[*i + 1] < '0' || s[*i + 1] > '9')
		return false;
	*v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
	*i += 2;
	return true;
}

static int month_days(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

bool uplift_init_day(const char *s, size_t len, int tz_minutes, long *day)
{
	size_t i = 0;
	int y, m, d, hh = 0, mm = 0, ss = 0, off, oh, om;
	char sep;
	long minutes;

	if (uplift_date_parse(s, len, day))
		return true;
	if (!digits(s, len, &i, 4, &y) || i != 4 || i >= len || (s[i] != '-' && s[i] != '/'))
		return false;
	sep = s[i++];
	if (!digits(s, len, &i, 2, &m) || i >= len || s[i++] != sep || !digits(s, len, &i, 2, &d))
		return false;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return false;
	*day = uplift_date_from_civil(y, m, d);
	if (i == len)
		return true;
	if (s[i] != ' ' && s[i] != 'T')
		return false;
	i++;
	if (!digits(s, len, &i, 2, &hh) || i >= len || s[i++] != ':' || !digits(s, len, &i, 2, &mm))
		return false;
	if (i < len && s[i] == ':') {
		i++;
		if (!digits(s, len, &i, 2, &ss))
			return false;
		if (i < len && s[i] == '.') { /* fractions of a second */
			i++;
			if (i == len || s[i] < '0' || s[i] > '9')
				return false;
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return false;
	if (i == len)
		return true;
	if (s[i] == 'Z' && i + 1 == len) {
		off = 0;
	} else if ((s[i] == '+' || s[i] == '-') && i + 1 < len) {
		int sign = s[i++] == '-' ? -1 : 1;
		if (!two(s, len, &i, &oh))
			return false;
		if (i < len && s[i] == ':')
			i++;
		if (!two(s, len, &i, &om) || i != len || oh > 14 || om > 59)
			return false;
		off = sign * (oh * 60 + om);
	} else {
		return false;
	}
	/* the time in the experiment's zone: days before or after */
	minutes = hh * 60L + mm - off + tz_minutes;
	*day += minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
	return true;
}
