/*
 * economics.c - did the coupon pay for itself? With [economics]
 * gross_margin, per treatment arm against control: the incremental revenue
 * and profit per user (Welch), the cost per incremental buyer and the effect
 * per redeeming user (Wald, delta method).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

/* Profit per user g * amount - discount, from the amount cell (x = discount). */
static struct uplift_sample profit_sample(const struct uplift_moments *m, double g)
{
	struct uplift_moments p = {0};

	p.n = m->n;
	p.sum = g * m->sum - m->sum_x;
	p.sum_sq = g * g * m->sum_sq - 2 * g * m->sum_xy + m->sum_x_sq;
	return uplift_sample_of(&p);
}

static void economics_of(const struct uplift_analysis *a, size_t arm, struct uplift_economics *e)
{
	const struct uplift_suff *s = a->suff;
	const unsigned need = UPLIFT_METRIC_BIT(UPLIFT_REVENUE) | UPLIFT_METRIC_BIT(UPLIFT_AMOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) |
			      UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION);
	const struct uplift_moments *ct = uplift_suff_cell(s, -1, 0, arm, UPLIFT_CONVERSION);
	const struct uplift_moments *cc = uplift_suff_cell(s, -1, 0, a->control, UPLIFT_CONVERSION);
	const struct uplift_moments *rt = uplift_suff_cell(s, -1, 0, arm, UPLIFT_REDEMPTION);
	const struct uplift_moments *rc = uplift_suff_cell(s, -1, 0, a->control, UPLIFT_REDEMPTION);
	struct uplift_sample t, c;
	double p, conv_diff, red_diff, v_rev, v_red;
	const char *why = NULL;

	memset(e, 0, sizeof(*e));
	e->arm = arm;
	e->revenue.est = e->revenue.lo = e->revenue.hi = NAN;
	e->profit = e->per_redeemer = e->revenue;
	e->cost_per_incremental_buyer = e->incremental_share_of_redeemers = e->revenue;
	e->column = -1;
	e->discount_per_user = e->redemption_rate = NAN;
	if ((s->metrics & need) != need) {
		e->reason = "needs order amounts and discounts (orders.csv, or outcomes.csv with "
			    "revenue and discount)";
		return;
	}
	e->discount_per_user =
	    uplift_metric_value(uplift_suff_cell(s, -1, 0, arm, UPLIFT_DISCOUNT), UPLIFT_DISCOUNT);
	t = uplift_sample_of(uplift_suff_cell(s, -1, 0, arm, UPLIFT_REVENUE));
	c = uplift_sample_of(uplift_suff_cell(s, -1, 0, a->control, UPLIFT_REVENUE));
	if (!uplift_welch(&t, &c, a->opt.alpha, &e->revenue, &p, NULL, &why))
		e->reason = why;
	v_rev = t.var / t.n + c.var / c.n;
	t = profit_sample(uplift_suff_cell(s, -1, 0, arm, UPLIFT_AMOUNT), a->opt.gross_margin);
	c = profit_sample(uplift_suff_cell(s, -1, 0, a->control, UPLIFT_AMOUNT),
			  a->opt.gross_margin);
	if (!uplift_welch(&t, &c, a->opt.alpha, &e->profit, &p, NULL, &why) && !e->reason)
		e->reason = why;
	conv_diff =
	    uplift_metric_value(ct, UPLIFT_CONVERSION) - uplift_metric_value(cc, UPLIFT_CONVERSION);
	e->cost_per_incremental_buyer.est = conv_diff > 0 ? e->discount_per_user / conv_diff : NAN;
	e->redemption_rate = uplift_metric_value(rt, UPLIFT_REDEMPTION);
	red_diff = e->redemption_rate - uplift_metric_value(rc, UPLIFT_REDEMPTION);
	if (red_diff > 0) {
		/* intent-to-treat effect per redeeming user (Wald), delta-method variance */
		double est = e->revenue.est / red_diff, z = uplift_z(a->opt.alpha);
		double pt = e->redemption_rate, pc = uplift_metric_value(rc, UPLIFT_REDEMPTION);
		v_red = pt * (1 - pt) / rt->n + pc * (1 - pc) / rc->n;
		e->per_redeemer.est = est;
		if (isfinite(v_rev)) {
			double se = sqrt(v_rev / (red_diff * red_diff) +
					 est * est * v_red / (red_diff * red_diff));
			e->per_redeemer.lo = est - z * se;
			e->per_redeemer.hi = est + z * se;
		}
		e->incremental_share_of_redeemers.est = conv_diff / red_diff;
	}
}

bool uplift_economics_fill(struct uplift_analysis *a)
{
	a->econ = calloc(a->suff->n_arms, sizeof(*a->econ));
	if (!a->econ)
		return false;
	for (size_t arm = 0; arm < a->suff->n_arms; arm++)
		if (arm != a->control)
			economics_of(a, arm, &a->econ[a->n_econ++]);
	return true;
}
