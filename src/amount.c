/*
 * amount.c - amounts of money as exports write them: a fast path for the
 * plain "24.50" of almost every row, and the general parse behind it (see
 * uplift_amount.h).
 */
#include "uplift_amount.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* exact doubles: 10^k for Clinger's fast path (uplift_amount_parse) */
static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
			       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The general parse (uplift_amount_parse is its fast path for plain amounts). */
static int parse_amount_general(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0, frac = 0;
	bool neg = false, dot = false;
	uint64_t m = 0;
	char *end;
	double v;

	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	/* one pass: the grammar (digits, at most one point) and the digits as m */
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d <= 9) {
			if (digits < 19)
				m = m * 10 + d; /* used only with 15 digits or fewer */
			digits++;
			frac += dot;
		} else if (s[i] == '.' && !dot) {
			dot = true;
		} else {
			return 1;
		}
	}
	if (digits == 0)
		return 1;
	if (digits <= 15) {
		/*
		 * Clinger's fast path: the digits as an integer m < 10^15 and the
		 * power of ten 10^k (k <= 15) are both exact doubles, so m / 10^k,
		 * one correctly rounded division, is the double strtod returns.
		 * test_amount compares the two on a million random amounts.
		 */
		v = (double)m / p10[frac];
	} else {
		v = strtod(s, &end);
		if (end != s + len || !isfinite(v))
			return 1;
	}
	if (neg && v != 0)
		return 2;
	*out = neg ? 0.0 : v;
	return 0;
}

int uplift_amount_parse(const char *s, size_t len, double *out)
{
	uint64_t m = 0;
	size_t i = 0, point;
	unsigned d;

	/*
	 * Most amounts are a few digits, a point and a few more ("24.50"):
	 * at most 15 characters, so at most 14 digits, which the general
	 * parse would take through Clinger's fast path too -- the same
	 * double. Anything else (a sign, no digit, a second point, other
	 * characters, more characters) goes to the general parse.
	 */
	if (len == 0 || len > 15)
		return parse_amount_general(s, len, out);
	while (i < len && (d = (unsigned)(unsigned char)s[i] - '0') <= 9) {
		m = m * 10 + d;
		i++;
	}
	if (i == len) {
		*out = (double)m;
		return 0;
	}
	if (s[i] != '.')
		return parse_amount_general(s, len, out);
	point = i++;
	while (i < len && (d = (unsigned)(unsigned char)s[i] - '0') <= 9) {
		m = m * 10 + d;
		i++;
	}
	if (i < len || len == 1) /* other characters after the point, or "." alone */
		return parse_amount_general(s, len, out);
	*out = (double)m / p10[len - point - 1];
	return 0;
}
