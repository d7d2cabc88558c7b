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

	m.buyers = NAN; /* unknown: hand-made sums */
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
	/* a one-user arm: means and ratios keep their estimates, without an interval */
	uplift_compare(&one, &many, UPLIFT_REVENUE, 0.05, &c);
	assert_close(c.diff, 0, 0);
	assert_true(isnan(c.diff_lo) && isnan(c.diff_hi) && isnan(c.p));
	assert_true(isnan(c.lift_lo) && isnan(c.lift_hi));
	assert_string_equal(c.reason, "fewer than 2 users in an arm");
	uplift_compare(&one, &many, UPLIFT_AOV, 0.05, &c);
	assert_true(isnan(c.p) && isnan(c.diff_lo) && isnan(c.lift_lo));
	assert_string_equal(c.reason, "fewer than 2 users in an arm");
}

/* Per-user moments with the ratio's buyers left unknown, as hand-made sums are. */
static struct uplift_moments unknown_buyers(struct uplift_moments m)
{
	m.buyers = NAN;
	return m;
}

/*
 * A ratio from one buyer: coffee-w47's 重要发展客户 · control, 26 users of
 * whom one bought (2 orders, 104.50), against 30 treated users with 8
 * buyers. Its delta-method variance is 0, which made the aov lift
 * "significant" (p 2.3e-5). /usr/bin/python3 tests/reference/small_data.py compare
 * -> one buyer: control variance 7.389644451905042e-13 (exactly 0: no information)
 *      diff 13.583333333333329 lift 0.25996810207336507 treatment 65.83333333333333
 *      control 52.25; the old p from that variance 2.2845773124994138e-05
 */
static void one_buyer_ratio(void **state)
{
	static const double ot1[30] = {1, 2, 1, 1, 3, 1, 1, 2};
	static const double yt1[30] = {60, 150, 55, 80, 210, 45, 70, 120};
	static const double oc1[26] = {2}, yc1[26] = {104.5};
	struct uplift_moments t = MOMENTS(yt1, ot1), c = MOMENTS(yc1, oc1);
	struct uplift_comparison r;
	struct uplift_value v;
	const char *why = "fewer than 2 buyers in an arm: a ratio's variance from one buyer is 0";

	/* buyers as uplift_suff_derive fills them, then unknown (found from the sums) */
	t.buyers = 8;
	c.buyers = 1;
	for (int k = 0; k < 2; k++) {
		uplift_compare(&t, &c, UPLIFT_AOV, 0.05, &r);
		assert_close(r.treatment, 65.83333333333333, 1e-12);
		assert_close(r.control, 52.25, 1e-12);
		assert_close(r.diff, 13.583333333333329, 1e-12);
		assert_close(r.lift, 0.25996810207336507, 1e-12);
		assert_true(isnan(r.diff_lo) && isnan(r.diff_hi) && isnan(r.p));
		assert_true(isnan(r.lift_lo) && isnan(r.lift_hi) && isnan(r.chance_to_win));
		assert_string_equal(r.reason, why);
		assert_true(r.small); /* fewer than 5 buyers */
		/* nor does Cochran's Q weigh the cell by that variance */
		assert_true(isnan(uplift_compare_diff_variance(NULL, &t, &c, UPLIFT_AOV)));
		t = unknown_buyers(t);
		c = unknown_buyers(c);
	}
	/* the arm's own value keeps its estimate but has no interval */
	uplift_compare_estimate(NULL, &c, UPLIFT_AOV, 0.05, &v);
	assert_close(v.value, 52.25, 1e-12);
	assert_true(isnan(v.lo) && isnan(v.hi));
	assert_string_equal(v.reason,
			    "fewer than 2 buyers: a ratio's variance from one buyer is 0");
	/* a buyer count of 0 from a zero-filled struct contradicts the orders: ignored */
	c.buyers = 0;
	uplift_compare(&t, &c, UPLIFT_AOV, 0.05, &r);
	assert_string_equal(r.reason, why);
}

/*
 * small for a ratio: fewer than 5 buyers in an arm, however many users.
 * 40 users per arm, each buyer with one order of 50 + 10 i.
 */
static void ratio_small(void **state)
{
	for (int buyers = 4; buyers <= 5; buyers++) {
		double y[40] = {0}, x[40] = {0};
		struct uplift_moments m;
		struct uplift_comparison r;

		for (int i = 0; i < buyers; i++) {
			x[i] = 1 + (i == 0);
			y[i] = 50 + 10 * i;
		}
		m = unknown_buyers(MOMENTS(y, x));
		uplift_compare(&m, &m, UPLIFT_AOV, 0.05, &r);
		assert_int_equal(r.small, buyers < 5);
		assert_false(isnan(r.p)); /* two buyers or more: an interval */
		m.buyers = buyers;
		uplift_compare(&m, &m, UPLIFT_AOV, 0.05, &r);
		assert_int_equal(r.small, buyers < 5);
	}
}

/*
 * One user per arm: no variance, so no interval and no p-value, for rates
 * too (Newcombe would give [-0.122, 1.0] from 1/1 vs 0/1, and Katz
 * +0.0% [+0.0%, +0.0%] from 1/1 vs 1/1). np.var([1], ddof=1) is nan:
 * /usr/bin/python3 tests/reference/small_data.py compare
 */
static void one_user_cells(void **state)
{
	struct uplift_moments t = rate(1, 1), c = rate(0, 1), k = rate(1, 1);
	struct uplift_comparison r;

	uplift_compare(&t, &c, UPLIFT_CONVERSION, 0.05, &r);
	assert_close(r.diff, 1, 0);
	assert_true(isnan(r.diff_lo) && isnan(r.diff_hi) && isnan(r.p));
	assert_true(isnan(r.lift) && isnan(r.lift_lo));
	assert_string_equal(r.reason, "fewer than 2 users in an arm");
	assert_true(r.small);
	uplift_compare(&t, &k, UPLIFT_CONVERSION, 0.05, &r);
	assert_close(r.lift, 0, 0);
	assert_true(isnan(r.lift_lo) && isnan(r.lift_hi) && isnan(r.diff_lo));
	assert_string_equal(r.reason, "fewer than 2 users in an arm");
	/* the same sequentially */
	{
		struct uplift_analysis_options opt = {
		    .alpha = 0.05, .sequential = true, .expected_users = 100};
		uplift_compare_with(&t, &k, UPLIFT_CONVERSION, &opt, &r);
		assert_true(isnan(r.diff_lo) && isnan(r.lift_lo) && isnan(r.p));
		assert_string_equal(r.reason, "fewer than 2 users in an arm");
	}
}

/*
 * Every user alike: the variance is 0, and so would the width of the lift's
 * interval be. /usr/bin/python3 tests/reference/small_data.py compare
 * -> no variation: log-lift variance 0.0 diff 2.0 lift 0.25
 *    all events: Katz variance 0.0
 */
static void zero_variance_cells(void **state)
{
	static const double ten[5] = {10, 10, 10, 10, 10}, eight[4] = {8, 8, 8, 8};
	static const double none[5] = {0};
	struct uplift_moments t = MOMENTS(ten, none), c = MOMENTS(eight, none);
	struct uplift_comparison r;
	struct uplift_value v;

	uplift_compare(&t, &c, UPLIFT_REVENUE, 0.05, &r);
	assert_close(r.diff, 2, 1e-12);
	assert_close(r.lift, 0.25, 1e-12);
	assert_true(isnan(r.diff_lo) && isnan(r.p));
	assert_true(isnan(r.lift_lo) && isnan(r.lift_hi));
	assert_string_equal(r.reason, "no variation in either arm");
	/* everyone converts in both arms: the lift has no interval either */
	t = rate(100, 100);
	c = rate(120, 120);
	uplift_compare(&t, &c, UPLIFT_CONVERSION, 0.05, &r);
	assert_close(r.lift, 0, 0);
	assert_true(isnan(r.lift_lo) && isnan(r.lift_hi));
	/* the value of one arm: 10 [10, 10] is no interval */
	t = MOMENTS(ten, none);
	uplift_compare_estimate(NULL, &t, UPLIFT_REVENUE, 0.05, &v);
	assert_close(v.value, 10, 1e-12);
	assert_true(isnan(v.lo) && isnan(v.hi));
	assert_string_equal(v.reason,
			    "no variation in the group: the interval would have zero width");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rates),           cmocka_unit_test(means),
	    cmocka_unit_test(cuped),           cmocka_unit_test(ratio),
	    cmocka_unit_test(sequential),      cmocka_unit_test(edge_cases),
	    cmocka_unit_test(one_buyer_ratio), cmocka_unit_test(ratio_small),
	    cmocka_unit_test(one_user_cells),  cmocka_unit_test(zero_variance_cells),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("compare", tests, NULL, NULL);
}
