/*
 * test_compare.c - one group's estimate and the comparison of two from their
 * moments (compare.c): every kind of metric, CUPED and sequential, against
 * statsmodels and the contract's formulas, and the edge cases with their
 * reasons.
 */
#include "analysis_fixture.h"

/* Revenue (y) and pre-period revenue (x) per user; the same arrays as
 * tests/reference/compare.py. */
static const double yt[] = {0, 12.5, 30, 0, 8, 45, 0, 22, 16, 0};
static const double xt[] = {0, 10, 25, 5, 0, 40, 0, 20, 12, 3};
static const double yc[] = {0, 10, 0, 5, 18, 0, 0, 7, 30};
static const double xc[] = {2, 12, 0, 0, 15, 4, 0, 9, 26};
/* orders per user, the denominator of aov */
static const double ot[] = {0, 1, 2, 0, 1, 3, 0, 1, 1, 0};
static const double oc[] = {0, 1, 0, 1, 2, 0, 0, 1, 2};

static struct uplift_moments moments(const double *y, const double *x, size_t n)
{
	struct uplift_moments m = {0};

	for (size_t i = 0; i < n; i++) {
		m.n += 1;
		m.sum += y[i];
		m.sum_sq += y[i] * y[i];
		m.sum_x += x[i];
		m.sum_x_sq += x[i] * x[i];
		m.sum_xy += x[i] * y[i];
	}
	return m;
}

#define MOMENTS(y, x) moments(y, x, sizeof(y) / sizeof(*(y)))

/* Every expected number: /usr/bin/python3 tests/reference/compare.py */
static void rates(void **state)
{
	struct uplift_moments t = rate(45, 300), c = rate(30, 310);
	struct uplift_comparison r;

	uplift_compare(&t, &c, UPLIFT_CONVERSION, 0.05, &r);
	assert_close(r.diff, 45.0 / 300 - 30.0 / 310, 1e-12);
	/* confint_proportions_2indep(45, 300, 30, 310, method="newcomb", compare="diff") */
	assert_close(r.diff_lo, 0.0008921726174829225, 1e-9);
	assert_close(r.diff_hi, 0.10614747824633963, 1e-9);
	/* confint_proportions_2indep(..., method="log", compare="ratio") - 1 */
	assert_close(r.lift, (45.0 / 300) / (30.0 / 310) - 1, 1e-12);
	assert_close(r.lift_lo, 0.004424033646285297, 1e-9);
	assert_close(r.lift_hi, 1.391918073961636, 1e-9);
	/* proportions_ztest([45, 30], [300, 310]) */
	assert_close(r.p, 0.04535564081575662, 1e-9);
	assert_null(r.reason);
	assert_false(r.cuped || r.sequential);
}

static void means(void **state)
{
	struct uplift_moments t = MOMENTS(yt, xt), c = MOMENTS(yc, xc);
	struct uplift_comparison r;

	uplift_compare(&t, &c, UPLIFT_REVENUE, 0.05, &r);
	/* CompareMeans(...).tconfint_diff(usevar="unequal"), .ttest_ind(usevar="unequal") */
	assert_close(r.diff_lo, -7.018226565215241, 1e-9);
	assert_close(r.diff_hi, 18.162671009659686, 1e-9);
	assert_close(r.p, 0.3618616895814226, 1e-9);
	/* delta method on log(mean_t / mean_c), normal quantile */
	assert_close(r.lift_lo, -0.4404801578170141, 1e-9);
	assert_close(r.lift_hi, 4.26545587609889, 1e-9);
}

static void cuped(void **state)
{
	struct uplift_moments t = MOMENTS(yt, xt), c = MOMENTS(yc, xc);
	struct uplift_analysis_options opt = {.alpha = 0.05, .cuped = true};
	struct uplift_comparison r;

	uplift_compare_with(&t, &c, UPLIFT_REVENUE, &opt, &r);
	assert_true(r.cuped);
	assert_null(r.cuped_note);
	/* theta = cov(x, y) / var(x) pooled; the reduction is corr(x, y)^2 */
	assert_close(r.theta, 1.1283895769071404, 1e-12);
	assert_close(r.variance_reduction, 0.9379949442542256, 1e-12);
	/* Welch on Y' = Y - theta (X - mean X) */
	assert_close(r.diff, 1.1213522244218357, 1e-9);
	assert_close(r.diff_lo, -2.0559342985936047, 1e-9);
	assert_close(r.diff_hi, 4.298638747437276, 1e-9);
	assert_close(r.p, 0.4664912499280631, 1e-9);
	/* the arms' own values stay unadjusted */
	assert_close(r.treatment, 133.5 / 10, 1e-12);
	/* aov has no covariate: plain analysis, with a note */
	uplift_compare_with(&t, &c, UPLIFT_AOV, &opt, &r);
	assert_false(r.cuped);
	assert_string_equal(r.cuped_note,
			    "no pre-period covariate for this metric: plain analysis");
}

static void ratio(void **state)
{
	struct uplift_moments t = MOMENTS(yt, ot), c = MOMENTS(yc, oc);
	struct uplift_comparison r;

	uplift_compare(&t, &c, UPLIFT_AOV, 0.05, &r);
	/* delta method for R = sum y / sum x, normal interval and z test */
	assert_close(r.diff, 4.833333333333334, 1e-12);
	assert_close(r.diff_lo, 0.6243158646909013, 1e-9);
	assert_close(r.diff_hi, 9.042350801975767, 1e-9);
	assert_close(r.p, 0.0244056945989711, 1e-9);
}

static void sequential(void **state)
{
	struct uplift_moments t = rate(45, 300), c = rate(30, 310);
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .sequential = true, .expected_users = UPLIFT_SEQ_EXPECTED_USERS};
	struct uplift_comparison r;

	uplift_compare_with(&t, &c, UPLIFT_CONVERSION, &opt, &r);
	assert_true(r.sequential);
	/* mSPRT with tau2 = V (n_t + n_c) / 5000, V the unpooled variance */
	assert_close(r.tau2, 8.62496509012789e-05, 1e-12);
	assert_close(r.diff_lo, -0.14603147564210192, 1e-9);
	assert_close(r.diff_hi, 0.25248308854532775, 1e-9);
	assert_close(r.p, 0.8518823579291924, 1e-9);
	/* the point estimate is the fixed-sample one */
	assert_close(r.diff, 45.0 / 300 - 30.0 / 310, 1e-12);
}

static void edge_cases(void **state)
{
	struct uplift_comparison c;
	struct uplift_moments one = {1, 5, 25, 1, 1, 5, 1}, many = {10, 50, 400, 10, 10, 50, 10};

	/* arms without users: nothing is computable, and the reason says why */
	uplift_compare(&(struct uplift_moments){0}, &(struct uplift_moments){0}, UPLIFT_CONVERSION,
		       0.05, &c);
	assert_true(isnan(c.diff) && isnan(c.p) && isnan(c.lift));
	assert_string_equal(c.reason, "no users");
	/* zero conversions in both arms */
	{
		struct uplift_moments t = rate(0, 100), k = rate(0, 120);
		uplift_compare(&t, &k, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_true(isnan(c.p));
		assert_true(isnan(c.lift));
		assert_non_null(c.reason);
	}
	/* everyone converts in both arms */
	{
		struct uplift_moments t = rate(100, 100), k = rate(120, 120);
		uplift_compare(&t, &k, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_close(c.lift, 0, 0);
		assert_true(isnan(c.p));
		assert_string_equal(c.reason, "every user has the event in both arms");
	}
	/* identical arms: no effect, p = 1 */
	{
		struct uplift_moments t = rate(30, 200);
		uplift_compare(&t, &t, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_close(c.p, 1, 1e-12);
		assert_true(c.diff_lo < 0 && c.diff_hi > 0);
	}
	/* a one-user arm: means and ratios are null with a reason */
	uplift_compare(&one, &many, UPLIFT_REVENUE, 0.05, &c);
	assert_true(isnan(c.diff_lo));
	assert_true(isnan(c.p));
	assert_string_equal(c.reason, "fewer than 2 users in an arm");
	uplift_compare(&one, &many, UPLIFT_AOV, 0.05, &c);
	assert_true(isnan(c.p));
	assert_string_equal(c.reason, "fewer than 2 users");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rates), cmocka_unit_test(means),      cmocka_unit_test(cuped),
	    cmocka_unit_test(ratio), cmocka_unit_test(sequential), cmocka_unit_test(edge_cases),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
