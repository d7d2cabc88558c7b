/*
 * test_stats.c - every statistical routine against an independent
 * implementation: R 4.2 (Debian r-base-core) and Python 3.11 with
 * statsmodels 0.13.5 / scipy 1.10.1 (Debian python3-statsmodels). The
 * command that produced each expected value is in the comment above it.
 */
#include "testutil.h"
#include "uplift_stats.h"

#define CLOSED 1e-9 /* closed-form methods */
#define ITER   1e-7 /* values through t / chi-square quantiles */

/* proportion_confint(13, 100, alpha=0.05, method='wilson') */
static void wilson_basic(void **state)
{
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_wilson(13, 100, 0.05, &iv, &why));
	assert_close(iv.est, 0.13, CLOSED);
	assert_close(iv.lo, 0.0775716742724051, CLOSED);
	assert_close(iv.hi, 0.2098035144007643, CLOSED);
}

/*
 * proportion_confint(0, 50, alpha=0.05, method='wilson'),
 * proportion_confint(50, 50, ...), proportion_confint(7, 9, alpha=0.10, ...)
 */
static void wilson_edges(void **state)
{
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_wilson(0, 50, 0.05, &iv, &why));
	assert_close(iv.lo, 0.0, CLOSED);
	assert_close(iv.hi, 0.07134759913335874, CLOSED);
	assert_true(uplift_wilson(50, 50, 0.05, &iv, &why));
	assert_close(iv.lo, 0.9286524008666412, CLOSED);
	assert_close(iv.hi, 1.0, CLOSED);
	assert_true(uplift_wilson(7, 9, 0.10, &iv, &why));
	assert_close(iv.lo, 0.5036427823767538, CLOSED);
	assert_close(iv.hi, 0.9235052624456037, CLOSED);
	assert_false(uplift_wilson(0, 0, 0.05, &iv, &why));
	assert_true(isnan(iv.lo));
	assert_non_null(why);
}

/* confint_proportions_2indep(130, 1000, 100, 1000, method='newcomb', compare='diff') */
static void newcombe_basic(void **state)
{
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_newcombe(130, 1000, 100, 1000, 0.05, &iv, &why));
	assert_close(iv.est, 0.03, CLOSED);
	assert_close(iv.lo, 0.0020023487152830075, CLOSED);
	assert_close(iv.hi, 0.05807048502220285, CLOSED);
}

/* zero conversions in the treatment arm:
 * confint_proportions_2indep(0, 40, 3, 50, method='newcomb', compare='diff') */
static void newcombe_zero(void **state)
{
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_newcombe(0, 40, 3, 50, 0.05, &iv, &why));
	assert_close(iv.lo, -0.16217091688838173, CLOSED);
	assert_close(iv.hi, 0.03606625607875302, CLOSED);
}

/*
 * R: prop.test(c(130,100), c(1000,1000), correct=FALSE)$p.value
 *    prop.test(c(0,3), c(40,50), correct=FALSE)$p.value
 */
static void prop_test(void **state)
{
	const char *why = NULL;
	double p;

	assert_true(uplift_prop_test(130, 1000, 100, 1000, &p, &why));
	assert_close(p, 0.035488450466474711, CLOSED);
	assert_true(uplift_prop_test(0, 40, 3, 50, &p, &why));
	assert_close(p, 0.11510021583257045, CLOSED);
	/* no events anywhere: R gives NaN; we give NaN with a reason */
	assert_false(uplift_prop_test(0, 40, 0, 50, &p, &why));
	assert_true(isnan(p));
	assert_string_equal(why, "no events in either arm");
	assert_false(uplift_prop_test(40, 40, 50, 50, &p, &why));
	assert_true(isnan(p));
}

/*
 * confint_proportions_2indep(130, 1000, 100, 1000, method='log', compare='ratio')
 * confint_proportions_2indep(12, 80, 5, 90, method='log', compare='ratio', alpha=0.10)
 * (ratio bounds; uplift reports them minus 1)
 */
static void katz(void **state)
{
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_katz_lift(130, 1000, 100, 1000, 0.05, &iv, &why));
	assert_close(iv.est, 0.3, CLOSED);
	assert_close(iv.lo + 1, 1.0169842709710455, CLOSED);
	assert_close(iv.hi + 1, 1.6617759470226023, CLOSED);
	assert_true(uplift_katz_lift(12, 80, 5, 90, 0.10, &iv, &why));
	assert_close(iv.lo + 1, 1.1676414384884513, CLOSED);
	assert_close(iv.hi + 1, 6.243354988700242, CLOSED);
	assert_false(uplift_katz_lift(3, 80, 0, 90, 0.05, &iv, &why));
	assert_true(isnan(iv.est));
	assert_string_equal(why, "control rate is 0: relative lift undefined");
}

static const double sample_a[] = {0, 0, 12.5, 30, 0, 45.5, 0, 8, 0, 22};
static const double sample_b[] = {0, 10, 0, 0, 0, 15, 0, 0, 35, 0, 0, 5};

static struct uplift_sample summarize(const double *x, size_t n)
{
	double s = 0, ss = 0;
	struct uplift_sample out;

	for (size_t i = 0; i < n; i++) {
		s += x[i];
		ss += x[i] * x[i];
	}
	out.n = (double)n;
	out.mean = s / (double)n;
	out.var = uplift_sample_var((double)n, s, ss);
	return out;
}

/*
 * R: a <- c(0,0,12.5,30,0,45.5,0,8,0,22); b <- c(0,10,0,0,0,15,0,0,35,0,0,5)
 *    t.test(a, b)                    # conf.int, p.value, parameter (df)
 *    t.test(a, b, conf.level = 0.9)$conf.int
 */
static void welch(void **state)
{
	struct uplift_sample a = summarize(sample_a, 10), b = summarize(sample_b, 12);
	struct uplift_interval iv;
	const char *why = NULL;
	double p, df;

	assert_true(uplift_welch(&a, &b, 0.05, &iv, &p, &df, &why));
	assert_close(iv.lo, -6.1489756304814369, ITER);
	assert_close(iv.hi, 18.9156422971481035, ITER);
	assert_close(p, 0.29496940123501381, ITER);
	assert_close(df, 15.125979017422933, CLOSED);
	assert_true(uplift_welch(&a, &b, 0.10, &iv, &p, &df, &why));
	assert_close(iv.lo, -3.925936390448626, ITER);
	assert_close(iv.hi, 16.692603057115292, ITER);
}

/* identical constant arms: no variance, nothing to test */
static void welch_degenerate(void **state)
{
	struct uplift_sample a = {10, 0, 0}, one = {1, 3, NAN};
	struct uplift_interval iv;
	const char *why = NULL;
	double p;

	assert_false(uplift_welch(&a, &a, 0.05, &iv, &p, NULL, &why));
	assert_true(isnan(p));
	assert_close(iv.est, 0, CLOSED);
	assert_string_equal(why, "no variation in either arm");
	assert_false(uplift_welch(&one, &a, 0.05, &iv, &p, NULL, &why));
	assert_string_equal(why, "fewer than 2 users in an arm");
}

/* R: t.test(c(0,0,12.5,30,0,45.5,0,8,0,22))$conf.int */
static void mean_ci(void **state)
{
	double s = 0, ss = 0;
	struct uplift_interval iv;
	const char *why = NULL;

	for (size_t i = 0; i < 10; i++) {
		s += sample_a[i];
		ss += sample_a[i] * sample_a[i];
	}
	assert_true(uplift_mean_ci(10, s, ss, 0.05, &iv, &why));
	assert_close(iv.lo, 0.40881631741481506, ITER);
	assert_close(iv.hi, 23.19118368258518359, ITER);
	assert_false(uplift_mean_ci(1, 5, 25, 0.05, &iv, &why));
	assert_close(iv.est, 5, CLOSED);
	assert_true(isnan(iv.lo));
}

/*
 * numpy/scipy, the contract's formula written independently:
 *   ma, mb = a.mean(), b.mean(); z = norm.ppf(0.975)
 *   se = sqrt(a.var(ddof=1)/(len(a)*ma**2) + b.var(ddof=1)/(len(b)*mb**2))
 *   ma/mb - 1, exp(log(ma/mb) -/+ z*se) - 1
 */
static void log_lift(void **state)
{
	struct uplift_sample a = summarize(sample_a, 10), b = summarize(sample_b, 12);
	struct uplift_interval iv;
	const char *why = NULL;

	assert_true(uplift_log_lift(&a, &b, 0.05, &iv, &why));
	assert_close(iv.est, 1.1784615384615384, CLOSED);
	assert_close(iv.lo, -0.4535585492483927, CLOSED);
	assert_close(iv.hi, 7.68472673152578, CLOSED);
}

/*
 * numpy/scipy (y = paid, x = orders per user):
 *   r = y.sum()/x.sum(); c = np.cov(y, x, ddof=1)
 *   v = (c[0,0] - 2*r*c[0,1] + r*r*c[1,1]) / (n * x.mean()**2)
 *   diff: d -/+ z*sqrt(vt+vc), p = 2*norm.sf(|d|/se)
 *   lift: exp(log(rt/rc) -/+ z*sqrt(vt/rt**2 + vc/rc**2)) - 1
 */
static void ratio(void **state)
{
	static const double yt[] = {0, 35.5, 0, 80, 42, 0, 0, 120.5, 0, 30};
	static const double xt[] = {0, 1, 0, 2, 1, 0, 0, 3, 0, 1};
	static const double yc[] = {0, 0, 28, 0, 60, 0, 33, 0, 0, 0, 90};
	static const double xc[] = {0, 0, 1, 0, 2, 0, 1, 0, 0, 0, 2};
	double s[2][5] = {{0}};
	struct uplift_ratio rt, rc;
	struct uplift_interval iv;
	const char *why = NULL;
	double p;

	for (size_t i = 0; i < 10; i++) {
		s[0][0] += yt[i], s[0][1] += yt[i] * yt[i], s[0][2] += xt[i];
		s[0][3] += xt[i] * xt[i], s[0][4] += xt[i] * yt[i];
	}
	for (size_t i = 0; i < 11; i++) {
		s[1][0] += yc[i], s[1][1] += yc[i] * yc[i], s[1][2] += xc[i];
		s[1][3] += xc[i] * xc[i], s[1][4] += xc[i] * yc[i];
	}
	assert_true(
	    uplift_ratio_from_sums(10, s[0][0], s[0][1], s[0][2], s[0][3], s[0][4], &rt, &why));
	assert_true(
	    uplift_ratio_from_sums(11, s[1][0], s[1][1], s[1][2], s[1][3], s[1][4], &rc, &why));
	assert_close(rt.r, 38.5, CLOSED);
	assert_close(rt.var, 2.213541666666785, 1e-8);
	assert_close(rc.r, 35.166666666666664, CLOSED);
	assert_close(rc.var, 16.793672839506105, CLOSED);
	assert_true(uplift_ratio_diff(&rt, &rc, 0.05, &iv, &p, &why));
	assert_close(iv.est, 3.3333333333333357, CLOSED);
	assert_close(iv.lo, -5.211573443312222, CLOSED);
	assert_close(iv.hi, 11.878240109978893, CLOSED);
	assert_close(p, 0.4445252752458121, CLOSED);
	assert_true(uplift_ratio_lift(&rt, &rc, 0.05, &iv, &why));
	assert_close(iv.est, 0.09478672985782, CLOSED);
	assert_close(iv.lo, -0.1393507336134584, CLOSED);
	assert_close(iv.hi, 0.39262070007327887, CLOSED);
	assert_true(uplift_ratio_ci(&rt, 0.05, &iv, &why));
	assert_close(iv.lo, 35.58397030872607, 1e-8);
	assert_close(iv.hi, 41.41602969127393, 1e-8);
	assert_false(uplift_ratio_from_sums(10, 0, 0, 0, 0, 0, &rt, &why));
	assert_string_equal(why, "no orders: value per order undefined");
}

/*
 * scipy: chisquare([10013, 9905, 10082], f_exp=[10000]*3)
 *        chisquare([5200, 2350, 2450], f_exp=[5000, 2500, 2500])  (weights 2:1:1)
 */
static void srm(void **state)
{
	const double c1[] = {10013, 9905, 10082}, w1[] = {1, 1, 1};
	const double c2[] = {5200, 2350, 2450}, w2[] = {2, 1, 1};
	const char *why = NULL;
	double chi2, df, p;

	assert_true(uplift_srm(c1, w1, 3, &chi2, &df, &p, &why));
	assert_close(chi2, 1.5918, CLOSED);
	assert_close(df, 2, CLOSED);
	assert_close(p, 0.4511749946467073, CLOSED);
	assert_true(uplift_srm(c2, w2, 3, &chi2, &df, &p, &why));
	assert_close(chi2, 18.0, CLOSED);
	assert_close(p, 0.00012340980408667962, ITER);
}

/*
 * statsmodels: multipletests([0.01,0.04,0.03,0.005,0.20,0.04], method='holm')[1]
 *              multipletests(..., method='fdr_bh')[1]
 */
static void p_adjust(void **state)
{
	const double p[] = {0.01, 0.04, 0.03, 0.005, 0.20, 0.04};
	const double holm[] = {0.05, 0.12, 0.12, 0.03, 0.2, 0.12};
	const double bh[] = {0.03, 0.048, 0.048, 0.03, 0.2, 0.048};
	double adj[6], with_nan[7] = {0.01, 0.04, NAN, 0.03, 0.005, 0.20, 0.04}, out[7];
	size_t scratch[7];

	uplift_p_adjust(p, adj, 6, UPLIFT_HOLM, scratch);
	for (int i = 0; i < 6; i++)
		assert_close(adj[i], holm[i], CLOSED);
	uplift_p_adjust(p, adj, 6, UPLIFT_BH, scratch);
	for (int i = 0; i < 6; i++)
		assert_close(adj[i], bh[i], CLOSED);
	uplift_p_adjust(p, adj, 6, UPLIFT_NONE, scratch);
	for (int i = 0; i < 6; i++)
		assert_close(adj[i], p[i], CLOSED);
	/* a NaN p-value is not part of the family and stays NaN */
	uplift_p_adjust(with_nan, out, 7, UPLIFT_HOLM, scratch);
	assert_true(isnan(out[2]));
	assert_close(out[0], 0.05, CLOSED);
	assert_close(out[6], 0.12, CLOSED);
	/* in place */
	memcpy(adj, p, sizeof(adj));
	uplift_p_adjust(adj, adj, 6, UPLIFT_BH, scratch);
	for (int i = 0; i < 6; i++)
		assert_close(adj[i], bh[i], CLOSED);
}

/*
 * scipy quadrature of the posterior P(p_t > p_c), Beta(1+x, 1+n-x) each:
 *   f = lambda p: beta.pdf(p, 1+xt, 1+nt-xt) * beta.cdf(p, 1+xc, 1+nc-xc)
 *   integrate.quad(f, lo, hi, epsabs=1e-14, epsrel=1e-12, limit=500,
 *                  points=[xt/nt, xc/nc])   (lo, hi: the 1e-12 tails)
 * (the script is tests/reference/chance_to_win.py)
 */
static void beta_win(void **state)
{
	assert_close(uplift_beta_win(130, 1000, 100, 1000), 0.9821650661153531, 1e-9);
	assert_close(uplift_beta_win(0, 40, 3, 50), 0.0894366991093335, 1e-9);
	assert_close(uplift_beta_win(12, 80, 5, 90), 0.9782500964684848, 1e-9);
	assert_close(uplift_beta_win(1300, 10000, 1250, 10000), 0.8553926065249458, 1e-9);
	assert_close(uplift_beta_win(45, 300, 45, 300), 0.5, 1e-9);
	/* the complement: swapping the arms */
	assert_close(uplift_beta_win(100, 1000, 130, 1000), 1 - 0.9821650661153531, 1e-7);
	/* hundreds of thousands of successes: the sum starts at its peak and
	 * walks outwards; lnbeta of arguments in the millions limits the
	 * accuracy to about 1e-9. The values are scipy's quadrature, as above;
	 * `tests/reference/chance_to_win.py --mpmath` also evaluates Evan
	 * Miller's sum in 40-digit arithmetic, which agrees with them to 3e-12 */
	assert_close(uplift_beta_win(100600, 333000, 100000, 333000), 0.9454819098130977, 1e-8);
	assert_close(uplift_beta_win(100000, 333000, 100600, 333000), 1 - 0.9454819098130977, 1e-8);
	assert_close(uplift_beta_win(1666000, 5000000, 1665000, 5000000), 0.7488699262674043, 1e-8);
	assert_close(uplift_beta_win(2, 1000000, 0, 1000000), 0.8750001874989065, 1e-9);
}

/*
 * The closed forms against scipy (tests/reference/sequential.py):
 *   norm.cdf(mu/s), s*norm.pdf(mu/s) - mu*norm.cdf(-mu/s), s*norm.pdf(mu/s) + mu*norm.cdf(mu/s)
 * and the first loss by quadrature: integrate.quad(lambda d: max(-d,0)*norm.pdf(d,mu,s), ...)
 *   -> 0.005861358752520927
 */
static void normal_decision(void **state)
{
	double win, lt, lc;

	uplift_normal_decision(0.3, 0.2, &win, &lt, &lc);
	assert_close(win, 0.9331927987311419, 1e-12);
	assert_close(lt, 0.005861358752520927, 1e-9);
	assert_close(lc, 0.3058613587525209, 1e-12);
	uplift_normal_decision(-0.05, 0.1, &win, &lt, &lc);
	assert_close(win, 0.3085375387259869, 1e-12);
	assert_close(lt, 0.0697796557401306, 1e-12);
	assert_close(lc, 0.019779655740130603, 1e-12);
	uplift_normal_decision(0.1, 0, &win, &lt, &lc);
	assert_true(isnan(win));
}

/*
 * mSPRT half-width and p-value against the published formulas written in
 * Python (Johari, Pekelis & Walsh 2017; tests/reference/sequential.py):
 *   Lambda = sqrt(V/(V+t2)) * exp(t2*est**2/(2*V*(V+t2))); p = min(1, 1/Lambda)
 *   h = sqrt(V*(V+t2)/t2*(log((V+t2)/V) - 2*log(alpha)))
 */
static void msprt(void **state)
{
	static const struct {
		double est, V, t2, alpha, p, h;
	} cases[] = {
	    {0.02, 1e-4, 4e-4, 0.05, 0.45145433865655904, 0.03082389993889093},
	    {0.5, 0.04, 0.01, 0.05, 0.5984404699510534, 1.114863946714772},
	    {-1.2, 0.3, 0.3, 0.1, 0.42595293939451223, 1.782972355346213},
	    {0.0, 2.5e-5, 1e-4, 0.05, 1, 0.015411949969445464},
	};
	struct uplift_interval iv;
	double p;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_true(
		    uplift_msprt(cases[i].est, cases[i].V, cases[i].t2, cases[i].alpha, &iv, &p));
		assert_close(p, cases[i].p, 1e-12);
		assert_close(iv.hi - cases[i].est, cases[i].h, 1e-12);
		assert_close(cases[i].est - iv.lo, cases[i].h, 1e-12);
	}
	/* always wider than the fixed-sample interval at the same V */
	assert_true(uplift_msprt(0, 1e-4, 1e-4, 0.05, &iv, &p));
	assert_true(iv.hi > uplift_z(0.05) * 1e-2);
	assert_false(uplift_msprt(0.1, 0, 1, 0.05, &iv, &p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wilson_basic),    cmocka_unit_test(wilson_edges),
	    cmocka_unit_test(newcombe_basic),  cmocka_unit_test(newcombe_zero),
	    cmocka_unit_test(prop_test),       cmocka_unit_test(katz),
	    cmocka_unit_test(welch),           cmocka_unit_test(welch_degenerate),
	    cmocka_unit_test(mean_ci),         cmocka_unit_test(log_lift),
	    cmocka_unit_test(ratio),           cmocka_unit_test(srm),
	    cmocka_unit_test(p_adjust),        cmocka_unit_test(beta_win),
	    cmocka_unit_test(normal_decision), cmocka_unit_test(msprt),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
