/*
 * numfmt.c - numbers as the human formats print them (see numfmt.h).
 *
 * Rates are shown in percent (a value) or percentage points (a change);
 * orders per user get three decimals, since they sit near 1; every other
 * metric is money and gets two.
 */
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Bytes of one number and of one interval inside a composed "v [lo, hi]". */
#define NUM_SIZE 64
#define IV_SIZE  160

/* A count per user (orders): three decimals. */
static bool counts(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d && d->kind == UPLIFT_MEAN && d->of == UPLIFT_OF_ORDERS;
}

const char *uplift_numfmt_value(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else if (uplift_metric_kind(set, m) == UPLIFT_PROPORTION)
		snprintf(buf, n, "%.2f%%", 100 * v);
	else if (counts(set, m))
		snprintf(buf, n, "%.3f", v);
	else
		snprintf(buf, n, "%.2f", v);
	return buf;
}

const char *uplift_numfmt_diff(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else if (uplift_metric_kind(set, m) == UPLIFT_PROPORTION)
		snprintf(buf, n, "%+.2f", 100 * v);
	else if (counts(set, m))
		snprintf(buf, n, "%+.3f", v);
	else
		snprintf(buf, n, "%+.2f", v);
	return buf;
}

const char *uplift_numfmt_lift(char *buf, size_t n, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else
		snprintf(buf, n, "%+.1f%%", 100 * v);
	return buf;
}

const char *uplift_numfmt_p(char *buf, size_t n, double p)
{
	if (!isfinite(p))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else if (p < 1e-4)
		snprintf(buf, n, "%.1e", p);
	else
		snprintf(buf, n, "%.4f", p);
	return buf;
}

const char *uplift_numfmt_interval(char *buf, size_t n, const char *lo, const char *hi)
{
	if (strcmp(lo, UPLIFT_NUMFMT_NONE) == 0 && strcmp(hi, UPLIFT_NUMFMT_NONE) == 0)
		snprintf(buf, n, "[" UPLIFT_NUMFMT_NONE "]");
	else
		snprintf(buf, n, "[%s, %s]", lo, hi);
	return buf;
}

/* "v [lo, hi]" from the three formatted numbers. */
static const char *with_interval(char *buf, size_t n, const char *v, const char *lo, const char *hi)
{
	char iv[IV_SIZE];

	snprintf(buf, n, "%s %s", v, uplift_numfmt_interval(iv, sizeof(iv), lo, hi));
	return buf;
}

const char *uplift_numfmt_value_ci(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v, double lo,
				   double hi)
{
	char a[NUM_SIZE], l[NUM_SIZE], h[NUM_SIZE];

	return with_interval(buf, n, uplift_numfmt_value(a, sizeof(a), set, m, v),
			     uplift_numfmt_value(l, sizeof(l), set, m, lo),
			     uplift_numfmt_value(h, sizeof(h), set, m, hi));
}

const char *uplift_numfmt_diff_ci(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v, double lo,
				  double hi)
{
	char a[NUM_SIZE], l[NUM_SIZE], h[NUM_SIZE];

	return with_interval(buf, n, uplift_numfmt_diff(a, sizeof(a), set, m, v),
			     uplift_numfmt_diff(l, sizeof(l), set, m, lo),
			     uplift_numfmt_diff(h, sizeof(h), set, m, hi));
}

const char *uplift_numfmt_lift_ci(char *buf, size_t n, double v, double lo, double hi)
{
	char a[NUM_SIZE], l[NUM_SIZE], h[NUM_SIZE];

	return with_interval(buf, n, uplift_numfmt_lift(a, sizeof(a), v),
			     uplift_numfmt_lift(l, sizeof(l), lo),
			     uplift_numfmt_lift(h, sizeof(h), hi));
}

const char *uplift_numfmt_grouped(char *buf, size_t n, double v, int decimals, int sign)
{
	char digits[NUM_SIZE], out[2 * NUM_SIZE];
	size_t len, whole, k = 0;

	if (!isfinite(v)) {
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
		return buf;
	}
	if (fabs(v) >= 1e15) {
		snprintf(buf, n, sign ? "%+.3g" : "%.3g", v);
		return buf;
	}
	/* the digits of |v| as printf rounds them; the sign from the rounded value */
	snprintf(digits, sizeof(digits), "%.*f", decimals, v);
	if (digits[0] == '-')
		out[k++] = '-';
	else if (sign)
		out[k++] = '+';
	{
		const char *d = digits + (digits[0] == '-');
		len = strlen(d);
		whole = strcspn(d, ".");
		for (size_t i = 0; i < len; i++) {
			if (i > 0 && i < whole && (whole - i) % 3 == 0)
				out[k++] = ',';
			out[k++] = d[i];
		}
	}
	out[k] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

const char *uplift_numfmt_total_ci(char *buf, size_t n, double v, double lo, double hi)
{
	char a[NUM_SIZE], l[NUM_SIZE], h[NUM_SIZE];
	double big = 0;
	int dec;

	if (isfinite(v))
		big = fmax(big, fabs(v));
	if (isfinite(lo))
		big = fmax(big, fabs(lo));
	if (isfinite(hi))
		big = fmax(big, fabs(hi));
	dec = big >= 99.995 ? 0 : 2;
	return with_interval(buf, n, uplift_numfmt_grouped(a, sizeof(a), v, dec, 1),
			     uplift_numfmt_grouped(l, sizeof(l), lo, dec, 1),
			     uplift_numfmt_grouped(h, sizeof(h), hi, dec, 1));
}

int uplift_numfmt_level(double alpha)
{
	return (int)lround(100 * (1 - alpha));
}
