/*
 * closest.c - the closest name to one that was not found (uplift_closest.h):
 * a Levenshtein distance over code points, two rows of at most
 * UPLIFT_CLOSEST_MAX + 1 cells on the stack, no allocation.
 */
#include "uplift_closest.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The code points of s (valid UTF-8 assumed; a stray byte counts as one), at most max. */
static size_t decode(const char *s, uint32_t *out, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p && n < max) {
		uint32_t c = *p++;
		int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (more)
			c &= 0x3Fu >> more;
		while (more-- > 0 && (*p & 0xC0) == 0x80)
			c = c << 6 | (*p++ & 0x3Fu);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		out[n++] = c;
	}
	return n;
}

static size_t distance(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
	size_t row[2][UPLIFT_CLOSEST_MAX + 1];

	for (size_t j = 0; j <= lb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *prev = row[(i - 1) & 1], *cur = row[i & 1];
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
	}
	return row[la & 1][lb];
}

/* Whether the code points b[0..lb) appear in a[0..la) as a run. */
static bool holds(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
	for (size_t i = 0; lb && i + lb <= la; i++)
		if (memcmp(a + i, b, lb * sizeof(*b)) == 0)
			return true;
	return false;
}

/* The code points a and b begin with in common. */
static size_t prefix(const uint32_t *a, size_t la, const uint32_t *b, size_t lb)
{
	size_t i = 0;

	while (i < la && i < lb && a[i] == b[i])
		i++;
	return i;
}

size_t uplift_closest_distance(const char *a, const char *b)
{
	uint32_t ca[UPLIFT_CLOSEST_MAX] = {0}, cb[UPLIFT_CLOSEST_MAX] = {0};
	size_t la = decode(a, ca, UPLIFT_CLOSEST_MAX), lb = decode(b, cb, UPLIFT_CLOSEST_MAX);

	return distance(ca, la, cb, lb);
}

long uplift_closest(const char *want, const char *const *names, size_t n)
{
	uint32_t cw[UPLIFT_CLOSEST_MAX] = {0}, cn[UPLIFT_CLOSEST_MAX] = {0};
	size_t lw = decode(want, cw, UPLIFT_CLOSEST_MAX), best_d = SIZE_MAX;
	long best = -1;

	if (n > UPLIFT_CLOSEST_NAMES)
		n = UPLIFT_CLOSEST_NAMES;
	for (size_t k = 0; k < n; k++) {
		size_t ln = decode(names[k], cn, UPLIFT_CLOSEST_MAX);
		size_t longer = lw > ln ? lw : ln, limit = longer / 3 ? longer / 3 : 1, d;
		bool close;

		if (ln == 0 || lw == 0)
			continue;
		d = distance(cw, lw, cn, ln);
		close = d <= limit ||
			(ln >= 2 && lw >= 2 &&
			 (ln > lw ? holds(cn, ln, cw, lw) : holds(cw, lw, cn, ln))) ||
			(d * 2 <= longer && prefix(cw, lw, cn, ln) >= 2);
		if (close && d < best_d) {
			best_d = d;
			best = (long)k;
		}
	}
	return best;
}
