/*
 * uplift_findings.h - what the loader notices about the data while it
 * folds it, besides the counts of rows: the coupon's discounts against what
 * experiment.ini declares per arm, columns of outcomes.csv it did not use,
 * outcome rows that contradict themselves. Counted as the rows stream past
 * (no row is kept), with the first lines of each kind as examples.
 *
 * uplift_checks_add_findings (uplift_checks.h) turns them into the checks
 * every writer shows. struct uplift_data owns its findings.
 */
#ifndef UPLIFT_FINDINGS_H
#define UPLIFT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UPLIFT_FINDING_EXAMPLES 2

/* Rows of one kind: how many, and the first lines (0 where there are fewer). */
struct uplift_finding_rows {
	uint64_t count;
	long line[UPLIFT_FINDING_EXAMPLES];
};

/* One arm's orders in the window (orders.csv). */
struct uplift_arm_findings {
	uint64_t orders;     /* orders in the window */
	uint64_t discounted; /* of them, with a discount > 0 */
	/* control: every discounted order; a coupon arm: a discount that is
	 * not what the arm declares (percent_off of the amount, or amount_off),
	 * beyond a cent */
	struct uplift_finding_rows mismatch;
	/* a min_spend arm: a discount on an order below min_spend */
	struct uplift_finding_rows below_min_spend;
};

struct uplift_findings {
	const char *file; /* "orders.csv" or "outcomes.csv": the lines are of it */
	size_t n_arms;
	struct uplift_arm_findings *arm; /* per arm of the experiment; NULL with outcomes.csv */
	bool has_discount;               /* the orders or outcomes file has a discount column */
	/* orders.csv gives amount only (no paid, no discount): revenue is the
	 * value before any discount */
	bool gross_revenue;
	/* outcomes.csv: the columns neither uplift's, nor mapped, nor used
	 * (", "-joined, NULL when none), and how many */
	char *ignored;
	size_t n_ignored;
	/* outcomes.csv: converted 0 with revenue or orders above 0, or
	 * repurchased without converted; out of `rows` rows checked */
	struct uplift_finding_rows inconsistent;
	uint64_t rows;
};

/* Add a row at line to r: counted, and kept as an example while there is room. */
static inline void uplift_findings_add(struct uplift_finding_rows *r, long line)
{
	if (r->count < UPLIFT_FINDING_EXAMPLES)
		r->line[r->count] = line;
	r->count++;
}

#endif
