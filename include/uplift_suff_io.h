/*
 * uplift_suff_io.h - sufficient statistics in and out as CSV, so that the
 * heavy counting can happen elsewhere (another machine, a warehouse) and
 * shards can be summed.
 *
 * One row per arm, segment column value and metric:
 *   arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy
 * column and value are empty for the overall rows. For aov, x is orders per
 * user (y paid value); for amount, x is the discount; for the other metrics
 * x is the CUPED covariate (the metric over the pre-period, 0 without
 * history.csv). Rows with the same arm, column, value and metric add up, so
 * files from several shards may be concatenated (repeated headers are
 * skipped).
 */
#ifndef UPLIFT_SUFF_IO_H
#define UPLIFT_SUFF_IO_H

#include <stdio.h>

#include "uplift_experiment.h"
#include "uplift_suff.h"

/* Write s as CSV (header included). */
void uplift_suff_write_csv(FILE *out, const struct uplift_suff *s);

/*
 * Read a statistics CSV for experiment exp (arms are matched by name; an
 * arm of the file that exp does not define is an error). Keeps the overall
 * rows and those of the columns in by[0..n_by) — of every column in the file
 * when n_by is 0. Returns a new uplift_suff (uplift_suff_free) or NULL with
 * err filled.
 */
struct uplift_suff *uplift_suff_read_csv(const char *path, const struct uplift_experiment *exp,
					 const char *const *by, size_t n_by,
					 enum uplift_encoding encoding, struct uplift_error *err);

#endif
