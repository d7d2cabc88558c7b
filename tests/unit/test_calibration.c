/*
 * test_calibration.c - the methods are calibrated, proven by simulation
 * (GSL random numbers, fixed seeds, so each run sees the same experiments).
 *
 * Over 4,000 simulated experiments per case the 95% intervals of the
 * difference and of the relative lift must cover the truth 94-96% of the
 * time and an A/A test must give p < 0.05 in 4-6% of runs. With
 * --sequential and four weekly looks the chance of any false positive must
 * stay at or below 5%, while looking naively every week exceeds it. The
 * measured rates are printed.
 */
#include "testutil.h"
#include "uplift_analysis.h"
#include "uplift_suff.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#define RUNS 4000

struct tally {
	int diff_covered, lift_covered, lift_defined, rejected;
};

static void count(struct tally *t, const struct uplift_comparison *c, double diff, double lift)
{
	t->diff_covered += c->diff_lo <= diff && diff <= c->diff_hi;
	if (isfinite(c->lift_lo)) {
		t->lift_defined++;
		t->lift_covered += c->lift_lo <= lift && lift <= c->lift_hi;
	}
	t->rejected += c->p < 0.05;
}

static void check(const char *name, const struct tally *t, bool aa)
{
	double dc = (double)t->diff_covered / RUNS, lc = (double)t->lift_covered / t->lift_defined;
	double rej = (double)t->rejected / RUNS;

	printf("calibration %-28s diff coverage %.2f%%, lift coverage %.2f%% (%d runs), "
	       "p < 0.05 in %.2f%%\n",
	       name, 100 * dc, 100 * lc, t->lift_defined, 100 * rej);
	assert_true(dc >= 0.94 && dc <= 0.96);
	assert_true(lc >= 0.94 && lc <= 0.96);
	if (aa)
		assert_true(rej >= 0.04 && rej <= 0.06);
}

static struct uplift_moments binomial_arm(gsl_rng *r, double p, unsigned n)
{
	double x = gsl_ran_binomial(r, p, n);
	struct uplift_moments m = {n, x, x, 0, 0, 0, NAN};
	return m;
}

static void rates(double pc, double pt, const char *name, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct tally t = {0};
	struct uplift_comparison c;

	gsl_rng_set(r, seed);
	for (int i = 0; i < RUNS; i++) {
		struct uplift_moments mt = binomial_arm(r, pt, 2000),
				      mc = binomial_arm(r, pc, 2000);
		uplift_compare(&mt, &mc, UPLIFT_CONVERSION, 0.05, &c);
		count(&t, &c, pt - pc, pt / pc - 1);
	}
	check(name, &t, pc == pt);
	gsl_rng_free(r);
}

static void rates_aa(void **state)
{
	rates(0.10, 0.10, "conversion A/A", 101);
}

static void rates_ab(void **state)
{
	rates(0.10, 0.12, "conversion 10% -> 12%", 102);
}

/* Revenue per user: 10% buy, basket lognormal(log 38, 0.5): skewed, mostly zeros. */
static struct uplift_moments revenue_arm(gsl_rng *r, unsigned n, double buy, double *truth)
{
	struct uplift_moments m = {0};

	for (unsigned i = 0; i < n; i++) {
		double y = gsl_rng_uniform(r) < buy ? gsl_ran_lognormal(r, log(38), 0.5) : 0;
		m.n += 1;
		m.sum += y;
		m.sum_sq += y * y;
	}
	*truth = buy * 38 * exp(0.125); /* E[lognormal] = exp(mu + sigma^2 / 2) */
	return m;
}

static void means(double buy_t, const char *name, unsigned long seed)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct tally t = {0};
	struct uplift_comparison c;

	gsl_rng_set(r, seed);
	for (int i = 0; i < RUNS; i++) {
		double et, ec;
		struct uplift_moments mt = revenue_arm(r, 2000, buy_t, &et);
		struct uplift_moments mc = revenue_arm(r, 2000, 0.10, &ec);
		uplift_compare(&mt, &mc, UPLIFT_REVENUE, 0.05, &c);
		count(&t, &c, et - ec, et / ec - 1);
	}
	check(name, &t, buy_t == 0.10);
	gsl_rng_free(r);
}

static void revenue_aa(void **state)
{
	means(0.10, "revenue A/A", 103);
}

static void revenue_ab(void **state)
{
	means(0.12, "revenue +20%", 104);
}

/*
 * CUPED on an A/A test whose pre-period predicts the outcome (habitual
 * buyers): the adjusted intervals still cover 0 as often as they should,
 * and they are narrower than the plain ones.
 */
static void cuped_aa(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct uplift_analysis_options opt = {.alpha = 0.05, .cuped = true};
	struct tally t = {0};
	double width_plain = 0, width_cuped = 0, reduction = 0;

	gsl_rng_set(r, 106);
	for (int i = 0; i < RUNS; i++) {
		struct uplift_moments m[2] = {{0}};
		struct uplift_comparison c, p;
		for (int a = 0; a < 2; a++) {
			for (int u = 0; u < 2000; u++) {
				double habit = gsl_ran_gamma(r, 1, 2);
				double x = gsl_ran_poisson(r, habit) * 38;
				double y = gsl_ran_poisson(r, habit) * 38;
				m[a].n += 1;
				m[a].sum += y;
				m[a].sum_sq += y * y;
				m[a].sum_x += x;
				m[a].sum_x_sq += x * x;
				m[a].sum_xy += x * y;
			}
		}
		uplift_compare_with(&m[0], &m[1], UPLIFT_REVENUE, &opt, &c);
		uplift_compare(&m[0], &m[1], UPLIFT_REVENUE, 0.05, &p);
		assert_true(c.cuped);
		count(&t, &c, 0, 0);
		width_plain += p.diff_hi - p.diff_lo;
		width_cuped += c.diff_hi - c.diff_lo;
		reduction += c.variance_reduction;
	}
	printf("calibration CUPED A/A: intervals %.1f%% narrower, variance reduction %.1f%%\n",
	       100 * (1 - width_cuped / width_plain), 100 * reduction / RUNS);
	check("revenue A/A with CUPED", &t, true);
	assert_true(width_cuped < 0.9 * width_plain);
	gsl_rng_free(r);
}

/*
 * Four weekly looks at a growing A/A test (1,000 users per arm a week):
 * "any look significant" with the naive and with the sequential p-value.
 */
static void sequential_looks(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct uplift_analysis_options plain = {.alpha = 0.05};
	struct uplift_analysis_options seq = {
	    .alpha = 0.05, .sequential = true, .expected_users = UPLIFT_SEQ_EXPECTED_USERS};
	int naive_fp = 0, seq_fp = 0, seq_covered = 0;

	gsl_rng_set(r, 105);
	for (int i = 0; i < RUNS; i++) {
		struct uplift_moments mt = {0}, mc = {0};
		bool naive = false, sequential = false, covered = true;
		for (int week = 0; week < 4; week++) {
			struct uplift_moments wt = binomial_arm(r, 0.1, 1000),
					      wc = binomial_arm(r, 0.1, 1000);
			struct uplift_comparison c;
			mt.n += wt.n, mt.sum += wt.sum, mt.sum_sq += wt.sum_sq;
			mc.n += wc.n, mc.sum += wc.sum, mc.sum_sq += wc.sum_sq;
			uplift_compare_with(&mt, &mc, UPLIFT_CONVERSION, &plain, &c);
			naive |= c.p < 0.05;
			uplift_compare_with(&mt, &mc, UPLIFT_CONVERSION, &seq, &c);
			sequential |= c.p < 0.05;
			covered &= c.diff_lo <= 0 && 0 <= c.diff_hi;
		}
		naive_fp += naive;
		seq_fp += sequential;
		seq_covered += covered;
	}
	printf("calibration 4 weekly looks (A/A)       any p < 0.05: naive %.2f%%, sequential "
	       "%.2f%%; sequential intervals cover 0 at every look in %.2f%%\n",
	       100.0 * naive_fp / RUNS, 100.0 * seq_fp / RUNS, 100.0 * seq_covered / RUNS);
	assert_true((double)seq_fp / RUNS <= 0.05);
	assert_true((double)naive_fp / RUNS > 0.05);
	assert_true((double)seq_covered / RUNS >= 0.95);
	gsl_rng_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rates_aa),   cmocka_unit_test(rates_ab),
	    cmocka_unit_test(revenue_aa), cmocka_unit_test(revenue_ab),
	    cmocka_unit_test(cuped_aa),   cmocka_unit_test(sequential_looks),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("calibration", tests, NULL, NULL);
}
