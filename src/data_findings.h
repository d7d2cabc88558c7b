/*
 * data_findings.h - what the loader notices about the data besides the
 * counts of rows (struct uplift_findings, uplift_findings.h), internal to
 * the library: per order in the window, its discount against what its
 * arm's section of experiment.ini declares; per outcomes.csv, the columns
 * it did not use and the rows that contradict themselves. Everything is
 * counted as the rows stream past; nothing is allocated per row.
 */
#ifndef UPLIFT_DATA_FINDINGS_H
#define UPLIFT_DATA_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_csv.h"
#include "uplift_experiment.h"
#include "uplift_findings.h"

/* A discount within this of what the arm declares is what it declares. */
#define UPLIFT_FINDINGS_CENT 0.01

/*
 * Make f the findings of a file called file (its name: "orders.csv" or
 * "outcomes.csv"), per arm of exp when per_arm (orders.csv). False when out
 * of memory. uplift_data_free releases f->arm and f->ignored.
 */
bool uplift_findings_init(struct uplift_findings *f, const struct uplift_experiment *exp,
			  const char *file, bool per_arm);

/*
 * One order in the window of arm `arm` at line: counted, and its discount
 * checked against the arm's coupon (a control without a coupon: no discount at all; a
 * percent_off arm: the percentage of the amount; an amount_off arm: the
 * amount off, on an order of min_spend or more; a min_spend arm: no
 * discount below it).
 */
void uplift_findings_order(struct uplift_findings *f, const struct uplift_experiment *exp,
			   size_t arm, long line, double amount, double discount);

/* Whether arm a of exp declares a coupon (percent_off or amount_off). */
bool uplift_findings_is_coupon(const struct uplift_experiment *exp, size_t a);

/* The number of arms of exp that declare a coupon. */
size_t uplift_findings_coupon_arms(const struct uplift_experiment *exp);

/*
 * The metrics the folder can report, given what it declares: without a
 * discount column while coupons are declared, the coupon's cost, its
 * redemption and the profit (all computed from the discount) are dropped
 * from metrics rather than reported as 0.
 */
unsigned uplift_findings_metrics(const struct uplift_findings *f,
				 const struct uplift_experiment *exp, unsigned metrics);

/*
 * outcomes.csv's header h: the columns whose index is not in used[0..n)
 * into f->ignored (", "-joined) and f->n_ignored. False when out of memory.
 */
bool uplift_findings_ignored(struct uplift_findings *f, const struct uplift_csv_row *h,
			     const long *used, size_t n);

/*
 * One outcome row at line: inconsistent when the user did not convert
 * (converted 0) yet has revenue, orders or a discount above 0, or
 * repurchased. Called only when conversion is known (a converted or an
 * orders column).
 */
static inline void uplift_findings_outcome(struct uplift_findings *f, long line, bool converted,
					   bool repurchased, double revenue, double orders,
					   double discount)
{
	if (!converted && (repurchased || revenue > 0 || orders > 0 || discount > 0))
		uplift_findings_add(&f->inconsistent, line);
}

#endif
