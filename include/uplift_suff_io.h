/*
 * uplift_suff_io.h - sufficient statistics in and out as CSV, so that the
 * heavy counting can happen elsewhere (another machine, a warehouse) and
 * shards can be summed.
 *
 * One row per arm, segment column value and metric:
 *   experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy
 * experiment is the experiment's name (experiment.ini's name, else its
 * folder's); column and value are empty for the overall rows. For aov, x is orders per
 * user (y paid value); for amount, x is the discount; for the other metrics
 * x is the CUPED covariate (the metric over the pre-period, 0 without
 * history.csv). Rows with the same arm, column, value and metric add up, so
 * files from several shards may be concatenated (repeated headers are
 * skipped). Names (arm, column, value) are quoted whenever the reader would
 * otherwise trim or split them, so they come back byte for byte.
 */
#ifndef UPLIFT_SUFF_IO_H
#define UPLIFT_SUFF_IO_H

#include <stdio.h>

#include "uplift_experiment.h"
#include "uplift_suff.h"

/* Write s as CSV (header included), every row of experiment `experiment` (its name). */
void uplift_suff_io_write(FILE *out, const struct uplift_suff *s, const char *experiment);

/* 2^53: from it on a double no longer holds every count (2^53 + 1 reads as 2^53) */
#define UPLIFT_SUFF_MAX_COUNT 9007199254740992.0

/*
 * Whether the sums m of metric can come from per-user values: n a whole
 * number from 0 to 2^53; every value of the built-in metrics, and of their
 * x, is never negative, a rate's is 0 or 1 (sum whole, within [0, n], and
 * sum_sq = sum) and orders are whole; no sum without users; the sums of
 * squares within the Cauchy-Schwarz bounds (sum^2/n <= sum_sq <= sum^2, the
 * same for x; sum_xy within sqrt(sum_sq sum_x_sq), and the
 * covariance within the product of the standard deviations), up to a
 * relative rounding slack of 1e-6 (more beyond 10^9 users) for floating sums
 * from SQL engines. Returns NULL when they can; otherwise the field at fault
 * ("n", "sum", "sum_sq", "sum_x", "sum_x_sq" or "sum_xy"), with what is
 * wrong written to why (one line, "1330 is more than n = 665 for a rate").
 */
const char *uplift_suff_check(const struct uplift_metric_set *set, enum uplift_metric metric, const struct uplift_moments *m, char *why,
			      size_t size);

/*
 * Read a statistics CSV for experiment exp (arms are matched by name; an
 * arm of the file that exp does not define is an error). Every row's
 * experiment must be exp->name: a file of another experiment, one that
 * mixes two (concatenated weeks) and one without the experiment column (an
 * older uplift or SQL: regenerate it) are errors naming what was found. Keeps the overall
 * rows and those of the columns in by[0..n_by) — of every column in the file
 * when n_by is 0. Every row is checked with uplift_suff_check (an error
 * names the file, line and field); numbers are plain decimals (no words,
 * hex, NaN or infinities). Returns a new uplift_suff (uplift_suff_free) or
 * NULL with err filled.
 */
struct uplift_suff *uplift_suff_io_read(const char *path, const struct uplift_experiment *exp,
					const char *const *by, size_t n_by,
					enum uplift_encoding encoding, struct uplift_error *err);

#endif
