/*
 * suff_check.c - what sums of per-user values can be (see uplift_suff_check
 * in uplift_suff_io.h): the checks analyze --stats runs on every row of a
 * statistics file before it believes it.
 */
#include "uplift_suff_io.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

static const char *const fields[] = {"n", "sum", "sum_sq", "sum_x", "sum_x_sq", "sum_xy"};

/*
 * Sums from a warehouse are floating: a float8 SUM of n non-negative terms is
 * within about n units in the last place of the exact sum, and SQLite prints
 * 15 digits. Consistency checks between sums (the Cauchy-Schwarz bounds)
 * allow this relative slack, and more for more rows; counts and the sums
 * of 0/1 values are whole numbers in every engine and are checked exactly.
 */
#define REL_TOL 1e-6
/* What the per-user values of a metric are (y, and x of sum_x...). */
enum { V_RATE = 1, V_WHOLE = 2, V_SIGNED = 4 }; /* V_SIGNED: a user's value may be below 0 */

static unsigned y_kind(const struct uplift_metric_set *set, enum uplift_metric m)
{
	/* profit (g x amount - discount) and a [metric]'s values (a profit, an
	 * outcomes.csv column) may be negative */
	if (m == UPLIFT_PROFIT || m >= UPLIFT_N_BUILTIN)
		return uplift_metric_kind(set, m) == UPLIFT_PROPORTION ? V_RATE : V_SIGNED;
	return uplift_metric_kind(set, m) == UPLIFT_PROPORTION ? V_RATE
	       : m == UPLIFT_ORDERS                       ? V_WHOLE
							  : 0;
}

static unsigned x_kind(enum uplift_metric m)
{
	if (m >= UPLIFT_N_BUILTIN) /* a covariate column, or a ratio's denominator */
		return V_SIGNED;
	switch (m) {
	case UPLIFT_CONVERSION: /* the pre-period conversion, 0 or 1 */
	case UPLIFT_REPURCHASE:
	case UPLIFT_REDEMPTION: /* no covariate: 0 */
		return V_RATE;
	case UPLIFT_ORDERS: /* pre-period orders */
	case UPLIFT_AOV:    /* orders */
		return V_WHOLE;
	default:
		return 0;
	}
}

/* What x is for metric m, for messages: "orders" for aov, ... */
static void x_what(const struct uplift_metric_set *set, enum uplift_metric m, char *buf,
		   size_t size)
{
	if (m == UPLIFT_AOV)
		snprintf(buf, size, "orders (x of aov)");
	else if (m == UPLIFT_AMOUNT)
		snprintf(buf, size, "discount (x of amount)");
	else
		snprintf(buf, size, "the pre-period %s (x)", uplift_metric_name(set, m));
}

static double tolerance(double n)
{
	return fmax(REL_TOL, 4 * n * DBL_EPSILON);
}

static bool whole(double v)
{
	return v == floor(v);
}

/* a <= b, up to the relative slack tol of the larger */
static bool at_most(double a, double b, double tol)
{
	return a <= b + tol * fmax(fabs(a), fabs(b));
}

/*
 * The checks of one variable: its sum and sum of squares (names in s_name,
 * q_name) over n users whose values are of kind `kind` and never negative.
 */
static const char *check_var(const char *what, double n, double sum, double sq, const char *s_name,
			     const char *q_name, unsigned kind, char *why, size_t size)
{
	double tol = tolerance(n);

	if (n == 0 && (sum != 0 || sq != 0)) {
		snprintf(why, size, "%.15g with n = 0 (no users: every sum is 0)",
			 sum != 0 ? sum : sq);
		return sum != 0 ? s_name : q_name;
	}
	if (sum < 0 && !(kind & V_SIGNED)) {
		snprintf(why, size, "%.15g is negative (%s is never negative for a user)", sum,
			 what);
		return s_name;
	}
	if (sq < 0) {
		snprintf(why, size, "%.15g is negative (a sum of squares)", sq);
		return q_name;
	}
	if ((kind & (V_RATE | V_WHOLE)) && !whole(sum)) {
		snprintf(why, size, "%.15g is not a whole number (%s is %s for a user)", sum, what,
			 kind & V_RATE ? "0 or 1" : "a whole number");
		return s_name;
	}
	if (kind & V_RATE) {
		if (sum > n) {
			snprintf(why, size, "%.15g is more than n = %.15g for a rate", sum, n);
			return s_name;
		}
		if (sq != sum) {
			snprintf(why, size,
				 "%.15g is not %s = %.15g (for a rate, each user's 0 or 1 is its "
				 "own square)",
				 sq, s_name, sum);
			return q_name;
		}
		return NULL;
	}
	if ((kind & V_WHOLE) && !whole(sq)) {
		snprintf(why, size, "%.15g is not a whole number (%s is a whole number for a user)",
			 sq, what);
		return q_name;
	}
	if (n > 0 && !at_most(sum * sum / n, sq, tol)) {
		snprintf(why, size,
			 "%.15g is less than %s^2/n = %.15g, which no values can give (a negative "
			 "variance)",
			 sq, s_name, sum * sum / n);
		return q_name;
	}
	if (!at_most(sq, sum * sum, tol)) {
		snprintf(why, size,
			 "%.15g is more than %s^2 = %.15g, which no values that are never negative "
			 "can give",
			 sq, s_name, sum * sum);
		return q_name;
	}
	return NULL;
}

/* The checks of sum_xy against the sums of x and y (both never negative). */
static const char *check_xy(const struct uplift_moments *m, char *why, size_t size)
{
	double tol = tolerance(m->n), n = m->n;
	double sxx, syy, sxy, room;

	if (n == 0 && m->sum_xy != 0) {
		snprintf(why, size, "%.15g with n = 0 (no users: every sum is 0)", m->sum_xy);
		return "sum_xy";
	}
	if (m->sum_xy < 0) {
		snprintf(why, size, "%.15g is negative (x and y are never negative)", m->sum_xy);
		return "sum_xy";
	}
	if (!at_most(m->sum_xy, sqrt(m->sum_sq * m->sum_x_sq), tol)) {
		snprintf(why, size,
			 "%.15g is more than sqrt(sum_sq * sum_x_sq) = %.15g, which no values can "
			 "give (Cauchy-Schwarz)",
			 m->sum_xy, sqrt(m->sum_sq * m->sum_x_sq));
		return "sum_xy";
	}
	/*
	 * The centred sums (n times the variances and the covariance) obey
	 * Cauchy-Schwarz too: |Sxy| <= sqrt(Sxx Syy). Each is a difference of
	 * two large terms, so each gets the slack of its terms.
	 */
	sxx = n * m->sum_x_sq - m->sum_x * m->sum_x;
	syy = n * m->sum_sq - m->sum * m->sum;
	sxy = n * m->sum_xy - m->sum_x * m->sum;
	room = sqrt((fmax(sxx, 0) + tol * n * m->sum_x_sq) * (fmax(syy, 0) + tol * n * m->sum_sq)) +
	       tol * (n * m->sum_xy + m->sum_x * m->sum);
	if (fabs(sxy) > room) {
		snprintf(why, size,
			 "%.15g gives a covariance of x and y larger than their variances allow "
			 "(|cov| > sd_x sd_y)",
			 m->sum_xy);
		return "sum_xy";
	}
	return NULL;
}

const char *uplift_suff_check(const struct uplift_metric_set *set, enum uplift_metric metric, const struct uplift_moments *m, char *why,
			      size_t size)
{
	const char *bad;
	char x[64];

	if (!isfinite(m->n) || !isfinite(m->sum) || !isfinite(m->sum_sq) || !isfinite(m->sum_x) ||
	    !isfinite(m->sum_x_sq) || !isfinite(m->sum_xy)) {
		const double v[] = {m->n, m->sum, m->sum_sq, m->sum_x, m->sum_x_sq, m->sum_xy};
		int k = 0;
		while (isfinite(v[k]))
			k++;
		snprintf(why, size, "%g is not a finite number", v[k]);
		return fields[k];
	}
	if (m->n < 0) {
		snprintf(why, size, "%.15g is negative (n counts users)", m->n);
		return "n";
	}
	if (!whole(m->n)) {
		snprintf(why, size, "%.15g is not a whole number (n counts users)", m->n);
		return "n";
	}
	if (m->n >= UPLIFT_SUFF_MAX_COUNT) {
		snprintf(why, size,
			 "%.17g is 2^53 or more, beyond the counts a double holds exactly", m->n);
		return "n";
	}
	x_what(set, metric, x, sizeof(x));
	if ((bad = check_var(uplift_metric_name(set, metric), m->n, m->sum, m->sum_sq, "sum", "sum_sq",
			     y_kind(set, metric), why, size)) ||
	    (bad = check_var(x, m->n, m->sum_x, m->sum_x_sq, "sum_x", "sum_x_sq", x_kind(metric),
			     why, size)))
		return bad;
	return check_xy(m, why, size);
}
