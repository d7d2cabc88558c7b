/*
 * uplift_suff.h - sufficient statistics: per (arm, segment value, metric)
 * the sums every estimate is computed from.
 *
 * For a proportion or mean metric y: n, sum y, sum y^2. For the ratio metric
 * aov (y = paid value, x = orders per user) also sum x, sum x^2, sum xy.
 * Sums are accumulated with Neumaier compensation so that millions of users
 * add up to the last bit a double can hold. The fold also counts the first
 * purchases per arm and day (struct uplift_daily, uplift_counts.h) for the
 * daily chart. A struct uplift_suff owns its names, cells and daily counts;
 * it no longer needs the data it was folded from.
 */
#ifndef UPLIFT_SUFF_H
#define UPLIFT_SUFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_counts.h" /* struct uplift_daily */
#include "uplift_metric.h"

struct uplift_data;    /* uplift_data.h */
struct uplift_user;    /* uplift_data.h */
struct uplift_history; /* uplift_history.h */

struct uplift_moments {
	double n, sum, sum_sq;          /* y */
	double sum_x, sum_x_sq, sum_xy; /* ratio metric only */
	/* ratio metric: users with an order (the conversion cell's sum),
	 * filled by uplift_suff_derive; NaN when unknown */
	double buyers;
};

/* A --by column: its values and cells[value][arm][metric]. */
struct uplift_suff_column {
	char *name;
	size_t n_values;
	char **values;
	struct uplift_moments *cells;
};

struct uplift_suff {
	size_t n_arms;
	char **arms; /* arm names, in the experiment's order */
	/* the metrics' definitions, owned (a copy of the experiment's); NULL:
	 * the built-in metrics alone */
	struct uplift_metric_set *set;
	/* the cap each capped metric was folded with (the percentile's value, or
	 * the fixed cap); NaN for a metric without one */
	double cap[UPLIFT_N_METRICS];
	unsigned metrics;               /* bit mask of metrics present */
	struct uplift_moments *overall; /* overall[arm][metric] */
	size_t n_columns;
	struct uplift_suff_column *columns;
	/* first purchases per arm and day, folded from orders.csv's users; NULL
	 * from outcomes.csv or a statistics file (which has no days) */
	struct uplift_daily *daily;
};

/*
 * How to take one metric's value of each user (uplift_suff_value_init):
 * its definition, where its per-user sums are (NULL: struct uplift_user),
 * its cap (INFINITY: none).
 */
struct uplift_metric_value {
	const struct uplift_metric_def *def;
	int m;
	double g;                      /* the gross margin, for profit */
	double cap;                    /* per-user values above it count as it */
	const double *sum, *den, *cov; /* uplift_data's metric_sum, metric_den, covariate */
	bool pre;                      /* x is the pre-period value (history.csv) */
	int within;                    /* within_days: users whose days are not over are left out */
	const int64_t *exposed;
	long end;
	const double *sum2, *den2; /* net: the post period's sums, added */
};

/* Set v up for metric m of set in data d (NULL: only struct uplift_user), capped at cap (NaN: not). */
void uplift_suff_value_init(struct uplift_metric_value *v, const struct uplift_data *d,
			    const struct uplift_metric_set *set, int m, double cap);

/*
 * The value of v's metric for user number `user` whose accumulator is u
 * and history h (NULL without history.csv); *x gets the CUPED covariate or
 * the ratio's denominator. The one code path of every metric.
 */
double uplift_suff_value(const struct uplift_metric_value *v, const struct uplift_user *u,
			 const struct uplift_history *h, size_t user, double *x);

/*
 * The pNN of v[0..n) (sorted in place), interpolated linearly between
 * order statistics (numpy's default); NaN when n is 0.
 */
double uplift_cap_percentile(double *v, size_t n, double p);

/*
 * The cap of metric m of set in d: its fixed cap, or the percentile of the
 * non-zero per-user values of all arms; NaN when it has none (or no
 * non-zero value, or no memory).
 */
double uplift_suff_cap(const struct uplift_data *d, const struct uplift_metric_set *set, int m);

/* A built-in metric m of u, without a data set (the tests' and the plan's). */
double uplift_suff_user_metric(const struct uplift_user *u, const struct uplift_history *h,
			       enum uplift_metric m, double *x);

/* Fold the users of data into sufficient statistics. NULL on no memory. */
struct uplift_suff *uplift_suff_from_data(const struct uplift_data *data);

/* The periods a folder with post_days is folded over. */
enum uplift_period {
	UPLIFT_WINDOW, /* the outcome window (uplift_suff_from_data) */
	UPLIFT_POST,   /* the post_days after it */
	UPLIFT_NET     /* both together: what the coupon added net of any pull-forward */
};

/*
 * The overall sums (no --by column, no daily counts) of the post period or
 * of window + post, each capped metric at window's cap (one threshold for
 * the three); within_days metrics, which run from each member's exposure,
 * are left out. NULL on no memory.
 */
struct uplift_suff *uplift_suff_from_period(const struct uplift_data *data,
					    const struct uplift_suff *window,
					    enum uplift_period period);

/*
 * What the folded (or read) sums imply, in place: every ratio cell's buyers
 * from the conversion cell of the same group, and, when gross_margin > 0 and
 * the amount metric is present, the profit cells (g x amount - discount per
 * user, from the amount cell's sums) with UPLIFT_PROFIT set in s->metrics.
 * uplift_suff_from_data and uplift_suff_io_read leave this to the caller
 * (the pipeline), which knows the experiment's gross margin.
 */
void uplift_suff_derive(struct uplift_suff *s, double gross_margin);

/* Release; NULL is a no-op. */
void uplift_suff_free(struct uplift_suff *s);

/*
 * The cell of an arm and metric: overall when column < 0, else of value
 * index `value` of column `column`.
 */
const struct uplift_moments *uplift_suff_cell(const struct uplift_suff *s, long column,
					      size_t value, size_t arm, enum uplift_metric m);

#endif
