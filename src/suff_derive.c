/*
 * suff_derive.c - what the sums of a struct uplift_suff imply beyond
 * themselves (see uplift_suff_derive in uplift_suff.h): the buyers of each
 * ratio cell, and the profit metric from the amount cell.
 *
 * Profit per user is g x amount - discount, linear in the two, so its
 * sums follow from the amount cell, which carries the discount as x:
 *   sum    = g sum(a) - sum(d)
 *   sum_sq = g^2 sum(a^2) - 2 g sum(a d) + sum(d^2)
 * The same for a statistics file as for a folder; profit has no CUPED
 * covariate (sum_x ... stay 0). Without the discount metric (a folder whose
 * discounts are unknown, data_findings.h) there is no profit: the amount
 * cell's x would be 0, a cost of nothing.
 */
#include "uplift_suff.h"

#include <math.h>
#include <string.h>

static void derive_group(struct uplift_moments *cells, unsigned metrics, double g, bool folded)
{
	struct uplift_moments *aov = &cells[UPLIFT_AOV];
	const struct uplift_moments *conv = &cells[UPLIFT_CONVERSION];

	aov->buyers = (metrics & UPLIFT_METRIC_BIT(UPLIFT_CONVERSION)) ? conv->sum : NAN;
	if (g > 0 && !folded && (metrics & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT)) &&
	    (metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT))) {
		const struct uplift_moments *a = &cells[UPLIFT_AMOUNT];
		struct uplift_moments *p = &cells[UPLIFT_PROFIT];

		memset(p, 0, sizeof(*p));
		p->n = a->n;
		p->sum = g * a->sum - a->sum_x;
		p->sum_sq = g * g * a->sum_sq - 2 * g * a->sum_xy + a->sum_x_sq;
		if (p->sum_sq < 0) /* rounding of a sum of squares that is 0 */
			p->sum_sq = 0;
		p->buyers = NAN;
	}
}

void uplift_suff_derive(struct uplift_suff *s, double gross_margin)
{
	bool profit = gross_margin > 0 && (s->metrics & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT)) &&
		      (s->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	/* a capped profit was folded per user (its uncapped twin too) */
	bool folded = s->set && !isnan(s->cap[UPLIFT_PROFIT]);

	for (size_t arm = 0; arm < s->n_arms; arm++)
		derive_group(&s->overall[arm * UPLIFT_N_METRICS], s->metrics, gross_margin, folded);
	for (size_t c = 0; c < s->n_columns; c++)
		for (size_t k = 0; k < s->columns[c].n_values * s->n_arms; k++)
			derive_group(&s->columns[c].cells[k * UPLIFT_N_METRICS], s->metrics,
				     gross_margin, folded);
	if (profit)
		s->metrics |= UPLIFT_METRIC_BIT(UPLIFT_PROFIT);
	else
		s->metrics &= ~UPLIFT_METRIC_BIT(UPLIFT_PROFIT);
}
