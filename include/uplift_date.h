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

/* Write day as "YYYY-MM-DD" into buf (at least 11 bytes). Returns buf. */
char *uplift_date_format(long day, char *buf);

#endif
