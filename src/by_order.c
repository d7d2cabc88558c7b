/*
 * by_order.c - the order of the values of a binned or crossed --by column
 * (see uplift_by.h), from the values' names alone, so that a statistics
 * file (analyze --stats) comes out in the order the raw folder gives.
 *
 * The loader numbers bins and cells in this order as it makes them
 * (data_bins.c, data_cross.c); uplift_segment_order.h defers here for the
 * readers that only have the names.
 */
#include "uplift_by.h"
#include "uplift_segment_order.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MINUS_INF "(-\xE2\x88\x9E, " /* "(-∞, " */

bool uplift_by_special_name(const char *column)
{
	const char *colon = strrchr(column, ':');

	return strchr(column, '*') || (colon && colon != column && colon[1]);
}

/* Where a bin's name goes: (-∞, a) 0, [a, ...] and (a, ...] 1 by a, other names 2, "-" 3. */
struct bin_key {
	int group;
	double low;
	int open; /* '(' after '[' at the same edge */
};

static struct bin_key bin_key(const char *s, size_t len)
{
	struct bin_key k = {.group = 2};
	size_t n = strlen(MINUS_INF), end = 1;
	double v;

	if (len == 1 && s[0] == '-')
		return (struct bin_key){.group = 3};
	if (len >= n && memcmp(s, MINUS_INF, n) == 0)
		return (struct bin_key){.group = 0, .low = -HUGE_VAL};
	if (len < 2 || (s[0] != '[' && s[0] != '('))
		return k;
	while (end < len && s[end] != ',')
		end++;
	if (end < len && uplift_by_number(s + 1, end - 1, &v))
		k = (struct bin_key){.group = 1, .low = v, .open = s[0] == '('};
	return k;
}

static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : (alen > blen) - (alen < blen);
}

static int cmp_bins(const char *a, size_t alen, const char *b, size_t blen)
{
	struct bin_key ka = bin_key(a, alen), kb = bin_key(b, blen);

	if (ka.group != kb.group)
		return ka.group < kb.group ? -1 : 1;
	if (ka.group == 1 && ka.low != kb.low)
		return ka.low < kb.low ? -1 : 1;
	if (ka.group == 1 && ka.open != kb.open)
		return ka.open - kb.open;
	return cmp_bytes(a, alen, b, blen);
}

/* Where the separator of a crossed cell begins in s, or len without one. */
static size_t cross_at(const char *s, size_t len)
{
	size_t n = strlen(UPLIFT_BY_CROSS);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, UPLIFT_BY_CROSS, n) == 0)
			return i;
	return len;
}

static int cmp_crossed(const char *column, const char *a, size_t alen, const char *b, size_t blen)
{
	const char *star = strchr(column, '*');
	size_t n = strlen(UPLIFT_BY_CROSS), ia = cross_at(a, alen), ib = cross_at(b, blen);
	char *first;
	int c;

	if ((ia == alen) != (ib == blen)) /* a name that is no cell: last */
		return ia == alen ? 1 : -1;
	if (ia == alen || !(first = strndup(column, (size_t)(star - column))))
		return cmp_bytes(a, alen, b, blen);
	c = uplift_segment_order_compare(first, a, ia, b, ib);
	free(first);
	if (c)
		return c;
	return uplift_segment_order_compare(star + 1, a + ia + n, alen - ia - n, b + ib + n,
					    blen - ib - n);
}

int uplift_by_order_compare(const char *column, const char *a, size_t alen, const char *b,
			    size_t blen)
{
	if (strchr(column, '*'))
		return cmp_crossed(column, a, alen, b, blen);
	return cmp_bins(a, alen, b, blen);
}
