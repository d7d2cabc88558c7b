/*
 * uplift_metric.h - the metrics uplift reports and their kinds.
 */
#ifndef UPLIFT_METRIC_H
#define UPLIFT_METRIC_H

#include <stdbool.h>

enum uplift_metric {
	UPLIFT_CONVERSION = 0, /* 1 if >= 1 order in the window (proportion) */
	UPLIFT_REPURCHASE,     /* 1 if >= 2 orders (proportion) */
	UPLIFT_REVENUE,        /* paid value per user (mean) */
	UPLIFT_ORDERS,         /* orders per user (mean) */
	UPLIFT_DISCOUNT,       /* coupon cost per user (mean) */
	UPLIFT_AOV,            /* paid value per order (ratio of means) */
	/* on request only (--metrics), and for the coupon economics: */
	UPLIFT_AMOUNT,     /* order value before discount per user (mean) */
	UPLIFT_REDEMPTION, /* 1 if >= 1 order with a discount (proportion) */
	/* with [economics] gross_margin only (uplift_suff_derive): */
	UPLIFT_PROFIT, /* gross_margin x amount - discount per user (mean) */
	UPLIFT_N_METRICS
};

enum uplift_metric_kind { UPLIFT_PROPORTION, UPLIFT_MEAN, UPLIFT_RATIO };

#define UPLIFT_METRIC_BIT(m) (1u << (m))
#define UPLIFT_ALL_METRICS   ((1u << UPLIFT_N_METRICS) - 1)
/* what analyze reports unless --metrics says otherwise (profit only when
 * the experiment has a gross margin: otherwise it is not in the data) */
#define UPLIFT_DEFAULT_METRICS (((1u << (UPLIFT_AOV + 1)) - 1) | UPLIFT_METRIC_BIT(UPLIFT_PROFIT))

/* "conversion", "repurchase", ... */
const char *uplift_metric_name(enum uplift_metric m);

enum uplift_metric_kind uplift_metric_kind(enum uplift_metric m);

/*
 * Whether m is a tested outcome. discount, amount and redemption describe
 * the coupon's cost: they are reported (value, difference, interval) but
 * never tested, so they have no p-value and never enter a correction family.
 */
bool uplift_metric_tested(enum uplift_metric m);

/*
 * Whether the sufficient statistics of m carry the CUPED covariate (the same
 * metric over the pre-period) in sum_x, sum_x_sq, sum_xy. The ratio metric
 * uses those for its denominator, amount for the discount.
 */
bool uplift_metric_has_covariate(enum uplift_metric m);

struct uplift_moments; /* uplift_suff.h */

/* The value of a metric in one group (rate, mean or ratio); NaN if none. */
double uplift_metric_value(const struct uplift_moments *m, enum uplift_metric metric);

/* Metric called name, or -1. */
int uplift_metric_parse(const char *name);

/*
 * Parse a comma-separated list ("conversion,revenue") into a bit mask.
 * Returns false, with the first unknown name copied to bad, on error.
 */
bool uplift_metric_parse_list(const char *list, unsigned *mask, char *bad, unsigned long bad_size);

#endif
