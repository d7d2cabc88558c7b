/*
 * pre_period.c - the pre_period check: a randomization that went wrong
 * shows before the test began. With history.csv, the sufficient statistics
 * of every metric that has a CUPED covariate (uplift_metric_has_covariate:
 * conversion, repurchase, revenue, orders) carry in sum_x and sum_x_sq the
 * same metric over the pre-period: the history orders in the window of the
 * outcome window's length that ends at asof (data_orders.c, the CUPED
 * definition). Each treatment arm is compared with control on those values
 * by the analysis's own plain comparison (compare.c: Newcombe and the
 * pooled z-test for rates, Welch for means), at its level; Holm runs over
 * all of them (every arm and metric that can be compared), and each one
 * whose Holm-adjusted p is below UPLIFT_SRM_THRESHOLD (0.001) becomes a
 * warning. aov has no pre-period value in the statistics (its x is the
 * outcome window's orders) and is not compared; untested metrics
 * (discount, amount, redemption) are not either.
 *
 * Without history.csv (and from a statistics file of the SQL) every x is
 * 0: a metric whose pre-period values are 0 in every arm has nothing to
 * compare and is left out of the family, so no check appears.
 */
#include "uplift_analysis.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

#include <math.h>
#include <stdlib.h>

#include "analysis_internal.h"

/* One arm x metric comparison of the pre-period values. */
struct pre_cmp {
	size_t arm;
	enum uplift_metric metric;
	double diff, lo, hi, p;
};

/* The pre-period values of a cell as moments of their own (the y of the comparison). */
static struct uplift_moments pre_moments(const struct uplift_moments *m)
{
	struct uplift_moments x = {0};

	x.n = m->n;
	x.sum = m->sum_x;
	x.sum_sq = m->sum_x_sq;
	x.buyers = NAN;
	return x;
}

/* Whether the pre-period has any value of metric m in any arm. */
static bool has_pre_values(const struct uplift_analysis *a, enum uplift_metric m)
{
	for (size_t arm = 0; arm < a->n_arms; arm++)
		if (uplift_suff_cell(a->suff, -1, 0, arm, m)->sum_x_sq > 0)
			return true;
	return false;
}

bool uplift_pre_period_fill(struct uplift_analysis *a)
{
	size_t cap = a->n_arms * UPLIFT_N_METRICS + 1, n = 0, flagged = 0;
	struct pre_cmp *cmp = calloc(cap, sizeof(*cmp));
	double *p = calloc(cap, sizeof(*p));
	size_t *scratch = calloc(cap, sizeof(*scratch));
	bool ok = cmp && p && scratch;

	/* the built-in metrics: a [metric]'s covariate column is no pre-period,
	 * and one of whole orders would repeat its built-in twin's check */
	for (int m = 0; ok && m < UPLIFT_N_BUILTIN; m++) {
		struct uplift_moments c;

		if (!(a->metrics & UPLIFT_METRIC_BIT(m)) || !uplift_metric_tested(a->opt.set, m) ||
		    !uplift_metric_has_covariate(a->opt.set, m) || !has_pre_values(a, m))
			continue;
		c = pre_moments(uplift_suff_cell(a->suff, -1, 0, a->control, m));
		for (size_t arm = 0; arm < a->n_arms; arm++) {
			struct uplift_moments t;
			struct uplift_comparison out;

			if (arm == a->control)
				continue;
			t = pre_moments(uplift_suff_cell(a->suff, -1, 0, arm, m));
			uplift_compare(&t, &c, m, a->opt.alpha, &out);
			cmp[n] =
			    (struct pre_cmp){arm, m, out.diff, out.diff_lo, out.diff_hi, out.p};
			p[n] = out.p;
			n++;
		}
	}
	if (ok && n > 0)
		uplift_p_adjust(p, p, n, UPLIFT_HOLM, scratch);
	for (size_t i = 0; ok && i < n; i++)
		flagged += p[i] < UPLIFT_SRM_THRESHOLD;
	if (ok && flagged > 0) {
		struct uplift_check *k = realloc(a->checks, (a->n_checks + flagged) * sizeof(*k));

		ok = k != NULL;
		if (ok)
			a->checks = k;
	}
	for (size_t i = 0; ok && flagged > 0 && i < n; i++) {
		struct uplift_check *k;

		if (!(p[i] < UPLIFT_SRM_THRESHOLD))
			continue;
		k = &a->checks[a->n_checks++];
		*k = (struct uplift_check){0};
		k->code = UPLIFT_CHECK_PRE_PERIOD;
		k->severity = UPLIFT_CHECK_WARNING;
		k->column = -1;
		k->arm = (long)cmp[i].arm;
		k->metric = cmp[i].metric;
		k->chi2 = k->df = NAN;
		k->diff = cmp[i].diff;
		k->diff_lo = cmp[i].lo;
		k->diff_hi = cmp[i].hi;
		k->p = cmp[i].p;
		k->p_adjusted = p[i];
	}
	free(scratch);
	free(p);
	free(cmp);
	return ok;
}
