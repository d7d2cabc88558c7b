/*
 * uplift_plan.h - the targeting plan: "send each segment its best arm",
 * valued honestly by cross-fitting.
 *
 * Users are split at random (fixed seed) into two halves. The arms are chosen
 * on one half (per segment value, the arm with the highest mean of the
 * decision metric; and the best single arm for everyone) and the plan is
 * valued on the other half, then the halves swap and the two estimates are
 * averaged; all of it is repeated over UPLIFT_PLAN_SPLITS random splits and
 * averaged, so the answer does not hang on one split. Choosing and valuing on different users keeps
 * the winner's curse out of the estimate. Values are stratified means: sum over segment values of
 * (share of users) * (mean of the chosen arm's users in that value).
 */
#ifndef UPLIFT_PLAN_H
#define UPLIFT_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_metric.h"

struct uplift_data; /* uplift_data.h */

#define UPLIFT_PLAN_SEED   20261116u
#define UPLIFT_PLAN_SPLITS 16 /* random splits the cross-fitting is repeated over */

struct uplift_plan_row {
	size_t value;     /* value index in the --by column */
	double users;     /* assigned users with this value */
	size_t arm;       /* best arm on all users (what the plan sends) */
	double agreement; /* share of the 2 x splits halves that chose this arm too */
	bool folds_agree; /* every half chose this same arm */
};

struct uplift_plan {
	size_t column; /* index into data->by */
	enum uplift_metric metric;
	uint64_t seed;
	int splits; /* random splits averaged over */
	struct uplift_plan_row *rows;
	size_t n_rows;
	size_t single_arm;                   /* best arm for everyone, on all users */
	double plan, plan_lo, plan_hi;       /* value per user of the plan */
	double single, single_lo, single_hi; /* of the best single arm */
	double gain, gain_lo, gain_hi;       /* plan - single */
	const char *reason;                  /* why the values are NaN, else NULL */
};

/*
 * Compute the plan for --by column `column` of d on metric m (a rate or a
 * mean, not aov; profit with the gross margin of d's experiment, g x
 * (paid + discount) - discount per user). The pipeline plans on the
 * decision metric (uplift_decision.h) when it is a rate or a mean.
 * Returns NULL only when out of memory; uplift_plan_free().
 */
struct uplift_plan *uplift_plan_compute(const struct uplift_data *d, size_t column,
					enum uplift_metric m, double alpha, uint64_t seed);

/* Release; NULL is a no-op. */
void uplift_plan_free(struct uplift_plan *p);

#endif
