/*
 * numfmt.h - numbers as the human formats print them (the aligned table,
 * Markdown, report.md): metric values, changes, relative changes, p-values
 * and intervals. Internal to the library.
 *
 * A value that is not finite (no data, no interval) prints as "–", so a
 * reader never sees "nan" or "inf". Each function writes into the caller's
 * buffer of n bytes (snprintf: always NUL-terminated, cut if too short) and
 * returns it, so that a call can stand where its text is used.
 */
#ifndef UPLIFT_NUMFMT_H
#define UPLIFT_NUMFMT_H

#include <stddef.h>

#include "uplift_metric.h"

/* What a value that cannot be shown prints as (an en dash). */
#define UPLIFT_NUMFMT_NONE "–"

/*
 * Room for an estimate with its interval however long its numbers: each
 * number is cut at 63 bytes and the interval at 159, as the formats always did.
 */
#define UPLIFT_NUMFMT_CI 224

/* A metric value: 11.20% for rates, 1.082 for orders, 4.31 otherwise. Returns buf. */
const char *uplift_numfmt_value(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v);

/* An absolute change, signed: +2.90 for rates (points), +0.042 for orders, +0.42. Returns buf. */
const char *uplift_numfmt_diff(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v);

/* A relative change, signed: +25.9%. Returns buf. */
const char *uplift_numfmt_lift(char *buf, size_t n, double v);

/* A p-value: 0.0312, or 3.1e-05 below 1e-4. Returns buf. */
const char *uplift_numfmt_p(char *buf, size_t n, double p);

/*
 * An interval from its two formatted ends: "[lo, hi]", or "[–]" when
 * neither end is known. Returns buf.
 */
const char *uplift_numfmt_interval(char *buf, size_t n, const char *lo, const char *hi);

/*
 * A formatted estimate and its interval, "v [lo, hi]", each number written
 * by one of the three above: value and diff with metric m, lift ignoring it.
 * Returns buf (UPLIFT_NUMFMT_CI bytes hold any numbers whole).
 */
const char *uplift_numfmt_value_ci(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v, double lo,
				   double hi);
const char *uplift_numfmt_diff_ci(char *buf, size_t n, const struct uplift_metric_set *set,
				enum uplift_metric m, double v, double lo,
				  double hi);
const char *uplift_numfmt_lift_ci(char *buf, size_t n, double v, double lo, double hi);

/*
 * A count or a total with thousands separated by commas and the given
 * decimals: 30,000 or +25,518 (sign: always signed). Past 1e15 it is
 * written in %g form. Returns buf.
 */
const char *uplift_numfmt_grouped(char *buf, size_t n, double v, int decimals, int sign);

/*
 * A total over many users with its interval, signed and grouped, every
 * number with the same decimals: none when the largest is 100 or more,
 * else two ("+25,518 [+6,012, +45,024]", "+3.31 [-1.20, +7.82]"). Returns buf.
 */
const char *uplift_numfmt_total_ci(char *buf, size_t n, double v, double lo, double hi);

/* The confidence level of alpha in whole percent: 0.05 -> 95. */
int uplift_numfmt_level(double alpha);

#endif
