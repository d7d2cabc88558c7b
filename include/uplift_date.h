/*
 * uplift_date.h - calendar days as integers.
 *
 * A day is the number of days since 1970-01-01 (proleptic Gregorian), so
 * windows compare with < and differences are whole days.
 */
#ifndef UPLIFT_DATE_H
#define UPLIFT_DATE_H

#include <stdbool.h>
#include <stddef.h>

/* Day number of a valid calendar date. */
long uplift_date_from_civil(int year, int month, int day);

/*
 * Parse "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" (a 'T' may
 * stand for the space). Only the date decides the day; the time is validated.
 * Returns true and sets *day on success; false on any malformed or impossible
 * value (2026-02-30, 25:00).
 */
bool uplift_date_parse(const char *s, size_t len, long *day);

/*
 * The days of recently parsed dates, for uplift_date_parse_cached; start it
 * zeroed ({0}).
 */
#define UPLIFT_DATE_CACHE 32
struct uplift_date_cache {
	char key[UPLIFT_DATE_CACHE][10]; /* "YYYY-MM-DD" */
	long day[UPLIFT_DATE_CACHE];
	bool used[UPLIFT_DATE_CACHE];
};

/*
 * uplift_date_parse, the same verdict and day, but the date part (its first
 * ten characters) is looked up in c first: the orders of a week share a
 * handful of dates, so only the time is checked on most rows.
 */
bool uplift_date_parse_cached(struct uplift_date_cache *c, const char *s, size_t len, long *day);

/*
 * The forms of a real export's order time, beside the plain ones above:
 * "YYYY/M/D" with or without " H:MM" or " H:MM:SS" (Excel), and ISO 8601
 * with 'T' (or a space), optional fractional seconds and an optional
 * offset "Z", "+HH:MM", "+HHMM" or "+HH". A time with an offset is moved to
 * tz_minutes (minutes east of UTC, the experiment's timezone) before its
 * day is taken: 2026-11-22T23:30:00Z is on 2026-11-23 at +08:00. A time
 * without an offset is taken to be in tz_minutes already. The plain forms
 * give the day uplift_date_parse gives. True and *day on success.
 */
bool uplift_date_parse_tz(const char *s, size_t len, int tz_minutes, long *day);

/*
 * uplift_date_parse_tz's forms and day, and the minute of that day in
 * tz_minutes (0 to 1439) in *minute, or -1 for a date without a time (for
 * within_days, which counts from a member's exposure).
 */
bool uplift_date_parse_minute(const char *s, size_t len, int tz_minutes, long *day, long *minute);

/* What the parsers above accept, for error messages. */
#define UPLIFT_DATE_FORMS                                                                          \
	"YYYY-MM-DD[ HH:MM[:SS]], YYYY/M/D[ H:MM[:SS]] or ISO 8601 like 2026-11-22T23:30:00+08:00"

/*
 * A UTC offset "+08:00", "-05:00", "+0530", "+08", or "UTC" / "Z", as
 * minutes east of UTC (at most 23:59 either way) in *minutes. False when
 * s[0..len) is none of these.
 */
bool uplift_date_tz_parse(const char *s, size_t len, int *minutes);

/* Write day as "YYYY-MM-DD" into buf (at least 11 bytes). Returns buf. */
char *uplift_date_format(long day, char *buf);

#endif
