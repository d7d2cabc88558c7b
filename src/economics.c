/*
 * economics.c - did the coupon pay for itself? With [economics]
 * gross_margin, per treatment arm against the control in use, overall and
 * per value of each --by column (from that cell's users only):
 *
 *   revenue, profit    incremental paid value and g * amount - discount
 *                      per user (Welch)
 *   cost per incremental buyer
 *                      discount per user D / conversion diff dc (delta
 *                      method); NaN unless dc's Newcombe interval, as in
 *                      the comparison, is above 0
 *   per redeemer       the revenue effect / redemption diff (Wald)
 *   share of redeemers who were extra buyers
 *                      dc / redemption diff dr (delta method); NaN unless
 *                      dr > 0
 *
 * The delta method for a ratio f = A / B of two estimates:
 *   var f = (var A - 2 f cov(A, B) + f^2 var B) / B^2
 * with sample variances and covariances (n - 1) of the per-user values.
 * The covariances the moments do not hold follow from what a user is: a
 * user with a discount (d > 0) or a redemption (r = 1) has an order (c = 1),
 * so sum d c = sum d and sum r c = sum r within an arm.
 *
 * Without a discount column (uplift_findings.h) only the revenue effect is
 * computed; every figure that needs the cost stays NaN, the reason
 * UPLIFT_ECONOMICS_NO_DISCOUNT.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

/* The cells one entry is computed from: one group of users of one arm. */
struct group {
	const struct uplift_moments *revenue, *amount, *discount, *conversion, *redemption;
};

static void group_of(const struct uplift_suff *s, long column, size_t value, size_t arm,
		     struct group *g)
{
	g->revenue = uplift_suff_cell(s, column, value, arm, UPLIFT_REVENUE);
	g->amount = uplift_suff_cell(s, column, value, arm, UPLIFT_AMOUNT);
	g->discount = uplift_suff_cell(s, column, value, arm, UPLIFT_DISCOUNT);
	g->conversion = uplift_suff_cell(s, column, value, arm, UPLIFT_CONVERSION);
	g->redemption = uplift_suff_cell(s, column, value, arm, UPLIFT_REDEMPTION);
}

/* Profit per user g * amount - discount, from the amount cell (x = discount). */
static struct uplift_sample profit_sample(const struct uplift_moments *m, double g)
{
	struct uplift_moments p = {0};

	p.n = m->n;
	p.sum = g * m->sum - m->sum_x;
	p.sum_sq = g * g * m->sum_sq - 2 * g * m->sum_xy + m->sum_x_sq;
	return uplift_sample_of(&p);
}

/* Sample variance of a 0/1 variable with sum x over n users. */
static double binary_var(const struct uplift_moments *m)
{
	return uplift_sample_var(m->n, m->sum, m->sum);
}

/*
 * Sample covariance of y with the 0/1 conversion c of the same users when
 * y > 0 only for users with c = 1 (sum y c = sum y).
 */
static double cov_with_conversion(const struct uplift_moments *y, const struct uplift_moments *c)
{
	return uplift_sample_cov(y->n, y->sum, c->sum, y->sum);
}

/*
 * est +- z sqrt(var) into iv; the interval stays NaN (false) when var is
 * not a positive number: a variance of 0 would be a zero-width interval.
 */
static bool wald(double est, double var, double alpha, struct uplift_interval *iv)
{
	double h;

	iv->est = est;
	iv->lo = iv->hi = NAN;
	if (!isfinite(est) || !(var > 0) || !isfinite(var))
		return false;
	h = uplift_z(alpha) * sqrt(var);
	iv->lo = est - h;
	iv->hi = est + h;
	return true;
}

/* Delta-method variance of f = A / B from var A, var B and cov(A, B). */
static double ratio_var(double f, double b, double va, double vb, double cab)
{
	return (va - 2 * f * cab + f * f * vb) / (b * b);
}

static void note(struct uplift_economics *e, const char *why)
{
	if (!e->reason)
		e->reason = why;
}

/* D / dc with its interval, when the conversion gain is clear. */
static void cost_per_buyer(const struct group *t, const struct group *c, double alpha,
			   struct uplift_economics *e)
{
	const struct uplift_moments *ct = t->conversion, *cc = c->conversion;
	struct uplift_interval dc;
	const char *why = NULL;
	double d = e->discount_per_user, f, va, vb, cab;

	if (!uplift_newcombe(ct->sum, ct->n, cc->sum, cc->n, alpha, &dc, &why) || !(dc.lo > 0)) {
		note(e, "the conversion gain's interval is not above 0: no cost per incremental "
			"buyer");
		return;
	}
	f = d / dc.est;
	va = uplift_sample_var(t->discount->n, t->discount->sum, t->discount->sum_sq) /
	     t->discount->n;
	vb = binary_var(ct) / ct->n + binary_var(cc) / cc->n;
	cab = cov_with_conversion(t->discount, ct) / ct->n;
	if (!wald(f, ratio_var(f, dc.est, va, vb, cab), alpha, &e->cost_per_incremental_buyer))
		note(e, "no variation in the discounts: no interval for the cost per incremental "
			"buyer");
}

/* dc / dr with its interval, when redemption rose. */
static void share_of_redeemers(const struct group *t, const struct group *c, double alpha,
			       struct uplift_economics *e)
{
	const struct uplift_moments *ct = t->conversion, *cc = c->conversion;
	const struct uplift_moments *rt = t->redemption, *rc = c->redemption;
	double dc = ct->sum / ct->n - cc->sum / cc->n, dr = rt->sum / rt->n - rc->sum / rc->n;
	double f, va, vb, cab;

	if (!(dr > 0)) {
		note(e, "redemption did not rise: no share of redeemers who were extra buyers");
		return;
	}
	f = dc / dr;
	va = binary_var(ct) / ct->n + binary_var(cc) / cc->n;
	vb = binary_var(rt) / rt->n + binary_var(rc) / rc->n;
	cab = cov_with_conversion(rt, ct) / ct->n + cov_with_conversion(rc, cc) / cc->n;
	/* with fewer than 2 users Welch has given the reason already */
	if (!wald(f, ratio_var(f, dr, va, vb, cab), alpha, &e->incremental_share_of_redeemers))
		note(e, "no variation: no interval for the share of redeemers who were extra "
			"buyers");
}

/* The intent-to-treat revenue effect per redeeming user (Wald), delta-method variance. */
static void per_redeemer(const struct group *t, const struct group *c, double v_rev, double alpha,
			 struct uplift_economics *e)
{
	double pt = e->redemption_rate, pc = uplift_metric_value(NULL, c->redemption, UPLIFT_REDEMPTION);
	double dr = pt - pc, est, v_red;

	if (!(dr > 0))
		return;
	est = e->revenue.est / dr;
	v_red = pt * (1 - pt) / t->redemption->n + pc * (1 - pc) / c->redemption->n;
	wald(est, v_rev / (dr * dr) + est * est * v_red / (dr * dr), alpha, &e->per_redeemer);
}

static void economics_of(const struct uplift_analysis *a, long column, size_t value, size_t arm,
			 struct uplift_economics *e)
{
	const struct uplift_suff *s = a->suff;
	const unsigned need = UPLIFT_METRIC_BIT(UPLIFT_REVENUE) | UPLIFT_METRIC_BIT(UPLIFT_AMOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) |
			      UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION);
	const struct uplift_interval none = {NAN, NAN, NAN};
	double alpha = a->opt.alpha, p, v_rev;
	struct uplift_sample t, c;
	struct group gt, gc;
	const char *why = NULL;

	memset(e, 0, sizeof(*e));
	e->column = column;
	e->value = value;
	e->arm = arm;
	e->revenue = e->profit = e->per_redeemer = none;
	e->cost_per_incremental_buyer = e->incremental_share_of_redeemers = none;
	e->discount_per_user = e->redemption_rate = NAN;
	if (!(s->metrics & UPLIFT_METRIC_BIT(UPLIFT_REVENUE)) ||
	    ((s->metrics & need) != need && (s->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT)))) {
		e->reason = "needs order amounts and discounts (orders.csv, or outcomes.csv with "
			    "revenue and discount)";
		return;
	}
	group_of(s, column, value, arm, &gt);
	group_of(s, column, value, a->control, &gc);
	if (!(gt.revenue->n > 0) || !(gc.revenue->n > 0)) {
		e->reason = "no users in an arm";
		return;
	}
	t = uplift_sample_of(gt.revenue);
	c = uplift_sample_of(gc.revenue);
	if (!uplift_welch(&t, &c, alpha, &e->revenue, &p, NULL, &why))
		note(e, why);
	/* the discounts unknown: the revenue effect is all there is (no cost of 0) */
	if ((s->metrics & need) != need) {
		e->reason = UPLIFT_ECONOMICS_NO_DISCOUNT;
		return;
	}
	e->discount_per_user = uplift_metric_value(NULL, gt.discount, UPLIFT_DISCOUNT);
	e->redemption_rate = uplift_metric_value(NULL, gt.redemption, UPLIFT_REDEMPTION);
	v_rev = t.var / t.n + c.var / c.n;
	t = profit_sample(gt.amount, a->opt.gross_margin);
	c = profit_sample(gc.amount, a->opt.gross_margin);
	if (!uplift_welch(&t, &c, alpha, &e->profit, &p, NULL, &why))
		note(e, why);
	cost_per_buyer(&gt, &gc, alpha, e);
	share_of_redeemers(&gt, &gc, alpha, e);
	per_redeemer(&gt, &gc, v_rev, alpha, e);
}

bool uplift_economics_fill(struct uplift_analysis *a)
{
	const struct uplift_suff *s = a->suff;
	size_t groups = 1;

	for (size_t c = 0; c < s->n_columns; c++)
		groups += s->columns[c].n_values;
	a->econ = calloc(groups * s->n_arms + 1, sizeof(*a->econ));
	if (!a->econ)
		return false;
	for (size_t arm = 0; arm < s->n_arms; arm++)
		if (arm != a->control)
			economics_of(a, -1, 0, arm, &a->econ[a->n_econ++]);
	for (size_t c = 0; c < s->n_columns; c++)
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			for (size_t arm = 0; arm < s->n_arms; arm++)
				if (arm != a->control)
					economics_of(a, (long)c, v, arm, &a->econ[a->n_econ++]);
	return true;
}
