/*
 * power.c - power and sample size (see uplift_power.h). The formulas are
 * those of R's stats::power.prop.test and stats::power.t.test; solving for n
 * or the effect uses GSL's Brent root finder, and the non-central t tail is
 * an integral over the chi-square distribution of the denominator. A plan
 * tests at the level the analysis will correct to: alpha over the
 * comparisons of its overall family.
 */
#define _DEFAULT_SOURCE /* M_PI */
#include "uplift_power.h"
#include "uplift_metric.h"
#include "uplift_stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

double uplift_power_prop(double p1, double p2, double n, double alpha)
{
	double qu;

	uplift_stats_init(); /* GSL must not abort */
	qu = gsl_cdf_ugaussian_Qinv(alpha / 2);
	return gsl_cdf_ugaussian_P(
	    (sqrt(n) * fabs(p1 - p2) - qu * sqrt((p1 + p2) * (1 - (p1 + p2) / 2))) /
	    sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
}

double uplift_power_prop_n(double p1, double p2, double alpha, double power)
{
	double qu, qb, num;

	uplift_stats_init(); /* GSL must not abort */
	qu = gsl_cdf_ugaussian_Qinv(alpha / 2);
	qb = gsl_cdf_ugaussian_Pinv(power);
	if (p1 == p2)
		return NAN;
	/* the power formula solved for sqrt(n) */
	num = qu * sqrt((p1 + p2) * (1 - (p1 + p2) / 2)) + qb * sqrt(p1 * (1 - p1) + p2 * (1 - p2));
	return num * num / ((p1 - p2) * (p1 - p2));
}

struct solve {
	double (*f)(double x, const struct solve *s);
	double a, b, c, target;
};

static double shim(double x, void *params)
{
	const struct solve *s = params;
	return s->f(x, s) - s->target;
}

/* Root of f(x) = target on [lo, hi] by Brent's method; NaN if not bracketed. */
static double brent(struct solve *s, double lo, double hi)
{
	gsl_root_fsolver *solver;
	gsl_function fn = {shim, s};
	double root = NAN;
	int status, iter = 0;

	uplift_stats_init(); /* GSL must not abort */
	if (!(shim(lo, s) * shim(hi, s) < 0))
		return NAN;
	solver = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (!solver)
		return NAN;
	gsl_root_fsolver_set(solver, &fn, lo, hi);
	do {
		gsl_root_fsolver_iterate(solver);
		root = gsl_root_fsolver_root(solver);
		status = gsl_root_test_interval(gsl_root_fsolver_x_lower(solver),
						gsl_root_fsolver_x_upper(solver), 0, 1e-13);
	} while (status == GSL_CONTINUE && ++iter < 500);
	gsl_root_fsolver_free(solver);
	return root;
}

static double prop_power_of_p2(double p2, const struct solve *s)
{
	return uplift_power_prop(s->a, p2, s->b, s->c);
}

double uplift_power_prop_p2(double p1, double n, double alpha, double power)
{
	struct solve s = {prop_power_of_p2, p1, n, alpha, power};

	return brent(&s, p1 + 1e-10, 1 - 1e-10);
}

struct nct {
	double t, df, ncp;
	double k, lnorm; /* df / 2, and the log of the density's constant */
};

/* Stirling's error lgamma(k) - ((k - 1/2) ln k - k + ln(2 pi) / 2). */
static double stirling_error(double k)
{
	if (k < 1000)
		return gsl_sf_lngamma(k) - ((k - 0.5) * log(k) - k + 0.5 * log(2 * M_PI));
	return 1 / (12 * k) - 1 / (360 * k * k * k);
}

/*
 * The integrand over x, where the chi-square variable is v = df (1 + x):
 * P(Z > t sqrt(1 + x) - ncp) times the density of x,
 *   sqrt(k / (2 pi)) e^{-stirling(k)} exp(k (log1p(x) - x) - log1p(x)), k = df/2,
 * which is the chi-square density written so that nothing overflows or
 * cancels for large df.
 */
static double nct_integrand(double x, void *params)
{
	const struct nct *p = params;

	if (x <= -1)
		return 0;
	return gsl_cdf_ugaussian_Q(p->t * sqrt(1 + x) - p->ncp) *
	       exp(p->lnorm + p->k * (log1p(x) - x) - log1p(x));
}

double uplift_nct_sf(double t, double df, double ncp)
{
	struct nct p = {t, df, ncp, df / 2, 0};
	gsl_integration_workspace *w;
	gsl_function fn = {nct_integrand, &p};
	double lo = fmax(-1, -40 * sqrt(2 / df)), hi = (60 + 40 * sqrt(2 * df)) / df;
	double result = NAN, abserr;

	uplift_stats_init(); /* GSL must not abort */
	w = gsl_integration_workspace_alloc(1000);
	if (!w)
		return NAN;
	p.lnorm = 0.5 * log(p.k / (2 * M_PI)) - stirling_error(p.k);
	if (gsl_integration_qags(&fn, lo, hi, 1e-15, 1e-12, 1000, w, &result, &abserr) != 0)
		result = NAN;
	gsl_integration_workspace_free(w);
	return isnan(result) ? NAN : fmin(1, fmax(0, result));
}

double uplift_power_t(double n, double delta, double sd, double alpha)
{
	double nu = (n - 1) * 2;

	uplift_stats_init(); /* GSL must not abort */
	return uplift_nct_sf(gsl_cdf_tdist_Qinv(alpha / 2, nu), nu, sqrt(n / 2) * delta / sd);
}

static double t_power_of_n(double n, const struct solve *s)
{
	return uplift_power_t(n, s->a, s->b, s->c);
}

static double t_power_of_delta(double delta, const struct solve *s)
{
	return uplift_power_t(s->a, delta, s->b, s->c);
}

double uplift_power_t_n(double delta, double sd, double alpha, double power)
{
	struct solve s = {t_power_of_n, delta, sd, alpha, power};

	/* R searches n in [2, 1e7] too */
	return brent(&s, 2, 1e7);
}

double uplift_power_t_delta(double n, double sd, double alpha, double power)
{
	struct solve s = {t_power_of_delta, n, sd, alpha, power};

	return brent(&s, sd * 1e-7, sd * 1e7);
}

long uplift_power_comparisons(long arms, bool gross_margin)
{
	long tested = 0;

	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		if ((UPLIFT_DEFAULT_METRICS & UPLIFT_METRIC_BIT(m)) &&
		    uplift_metric_tested(NULL, (enum uplift_metric)m) &&
		    (m != UPLIFT_PROFIT || gross_margin))
			tested++;
	return (arms - 1) * tested;
}

enum uplift_power_outcome uplift_power_plan(const struct uplift_power_question *q,
					    struct uplift_power_answer *a)
{
	double p2;

	/* Bonferroni over the analysis's family: Holm's first step */
	a->comparisons =
	    q->comparisons > 0 ? q->comparisons : uplift_power_comparisons(q->arms, false);
	a->alpha_each = q->alpha / (double)a->comparisons;
	a->n = NAN;
	if (q->solve_users) {
		a->delta = q->mde;
		if (q->rate) {
			p2 = q->baseline + q->mde;
			if (!(p2 > 0 && p2 < 1))
				return UPLIFT_POWER_NOT_A_RATE;
			a->n = uplift_power_prop_n(q->baseline, p2, a->alpha_each, q->power);
		} else {
			a->n = uplift_power_t_n(fabs(q->mde), q->sd, a->alpha_each, q->power);
		}
		a->users = ceil(a->n);
		if (isfinite(a->n) && !(a->users * (double)q->arms <= UPLIFT_POWER_MAX_USERS))
			return UPLIFT_POWER_TOO_MANY_USERS;
	} else {
		a->users = q->users;
		if (q->rate)
			a->delta =
			    uplift_power_prop_p2(q->baseline, q->users, a->alpha_each, q->power) -
			    q->baseline;
		else
			a->delta = uplift_power_t_delta(q->users, q->sd, a->alpha_each, q->power);
	}
	return isfinite(a->users) && isfinite(a->delta) ? UPLIFT_POWER_OK
							: UPLIFT_POWER_NO_SOLUTION;
}
