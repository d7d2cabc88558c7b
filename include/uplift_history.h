/*
 * uplift_history.h - one user's purchase history as of the day `asof`,
 * summed from history.csv: the input of the RFM and lifecycle segments
 * (uplift_segments.h) and of the CUPED covariate.
 */
#ifndef UPLIFT_HISTORY_H
#define UPLIFT_HISTORY_H

#include <stdint.h>

/* A day that is none (no order yet). */
#define UPLIFT_NO_DAY INT32_MIN

/* Per-user history, kept only when the folder has history.csv. */
struct uplift_history {
	/* orders on or before asof */
	uint32_t orders; /* frequency */
	int32_t first;   /* day of the first history order, or UPLIFT_NO_DAY */
	int32_t last;    /* day of the last history order, or UPLIFT_NO_DAY */
	double paid;     /* monetary: paid value of the history orders */

	/* the pre-period (CUPED covariate): history orders in the window of the
	 * outcome window's length that ends at asof */
	uint32_t pre_orders;
	double pre_paid, pre_discount, pre_amount;
};

#endif
