/*
 * test_power.c - sample sizes against R 4.2 stats::power.prop.test and
 * stats::power.t.test, solved by R's uniroot with tol=1e-12 (the default
 * tolerance, about 1e-4, is too coarse to compare with); the rounded-up
 * users per arm must be equal. Commands (options(digits=17)):
 *   power.prop.test(p1=0.10, p2=0.11, power=0.8, tol=1e-12)$n               14750.790469044954
 *   power.prop.test(p1=0.10, p2=0.12, power=0.9, sig.level=0.025, tol=1e-12)$n  6073.028012074963
 *   power.prop.test(p1=0.30, p2=0.27, power=0.8, tol=1e-12)$n               3553.0552084380461
 *   power.prop.test(n=5000, p1=0.10, power=0.8, tol=1e-12)$p2               0.1174399148097978
 *   power.prop.test(n=5000, p1=0.10, p2=0.115)$power             0.67777838448639471
 *   power.t.test(delta=0.5, sd=8, power=0.8, tol=1e-12)$n                   4019.587013868575
 *   power.t.test(delta=1, sd=12, power=0.9, sig.level=0.025, tol=1e-12)$n   3575.6839058460364
 *   power.t.test(delta=3, sd=4, power=0.8, tol=1e-12)$n                     28.899634571763823
 *   power.t.test(n=5000, sd=8, power=0.8, tol=1e-12)$delta                  0.44829669791423615
 *   power.t.test(n=20, delta=3, sd=4)$power                      0.63739211311661081
 *   pt(2.1, 7, ncp=1.3, lower.tail=FALSE)                        0.26329518728476253
 *   pt(1.96, 300, ncp=2.5, lower.tail=FALSE)                     0.70537074850437298
 * (the script is tests/reference/power.R)
 */
#include "testutil.h"
#include "uplift_power.h"
#include "uplift_stats.h"

static void prop(void **state)
{
	double n = uplift_power_prop_n(0.10, 0.11, 0.05, 0.8);

	assert_close(n, 14750.790469044954, 1e-9);
	assert_int_equal((long)ceil(n), 14751);
	n = uplift_power_prop_n(0.10, 0.12, 0.025, 0.9);
	assert_close(n, 6073.028012074963, 1e-9);
	assert_int_equal((long)ceil(n), 6074);
	n = uplift_power_prop_n(0.30, 0.27, 0.05, 0.8);
	assert_close(n, 3553.0552084380461, 1e-9);
	assert_int_equal((long)ceil(n), 3554);
	assert_close(uplift_power_prop_p2(0.10, 5000, 0.05, 0.8), 0.1174399148097978, 1e-9);
	assert_close(uplift_power_prop(0.10, 0.115, 5000, 0.05), 0.67777838448639471, 1e-12);
	assert_true(isnan(uplift_power_prop_n(0.1, 0.1, 0.05, 0.8)));
}

static void noncentral_t(void **state)
{
	assert_close(uplift_nct_sf(2.1, 7, 1.3), 0.26329518728476253, 1e-9);
	assert_close(uplift_nct_sf(1.96, 300, 2.5), 0.70537074850437298, 1e-9);
}

static void means(void **state)
{
	double n = uplift_power_t_n(0.5, 8, 0.05, 0.8);

	assert_close(n, 4019.587013868575, 1e-9);
	assert_int_equal((long)ceil(n), 4020);
	n = uplift_power_t_n(1, 12, 0.025, 0.9);
	assert_close(n, 3575.6839058460364, 1e-9);
	n = uplift_power_t_n(3, 4, 0.05, 0.8);
	assert_close(n, 28.899634571763823, 1e-9);
	assert_int_equal((long)ceil(n), 29);
	assert_close(uplift_power_t_delta(5000, 8, 0.05, 0.8), 0.44829669791423615, 1e-9);
	assert_close(uplift_power_t(20, 3, 4, 0.05), 0.63739211311661081, 1e-9);
}

/*
 * The plan "uplift power" prints tests at alpha / m, m the comparisons of
 * the overall family of the analysis: (K - 1) x 5 tested default metrics
 * (profit is a sixth with a gross margin; discount is never tested). R's
 * power.prop.test solves its power formula, which scipy writes in closed
 * form, and power.t.test's non-strict power (one tail of the non-central
 * t), which scipy's nct and brentq solve:
 * /usr/bin/python3 -c "
 * from scipy.stats import norm,nct,t as T;from scipy.optimize import brentq
 * def n(p1,p2,a,pw):pb=(p1+p2)/2;return
 * ((norm.isf(a/2)*(2*pb*(1-pb))**.5+norm.ppf(pw)*(p1*(1-p1)+p2*(1-p2))**.5)/(p1-p2))**2 pw=lambda
 * n,d,sd,a:nct.sf(T.isf(a/2,2*(n-1)),2*(n-1),(n/2)**.5*d/sd)
 * print(n(.1,.12,.05/10,.9),n(.1,.11,.05/5,.8),brentq(lambda
 * d:pw(5000,d,8,.05/5)-.8,1e-6,80,xtol=1e-14),brentq(lambda
 * n:pw(n,.5,8,.05/6)-.8,2,1e7,xtol=1e-12))"
 * -> 8180.121124884643 21949.182510853283 0.5468828198976814 6201.83217018426
 * statsmodels agrees where it computes the same test: TTestIndPower().solve_power(
 * effect_size=None, nobs1=5000, alpha=.01, power=.8) * 8 = 0.54688 (its
 * two-sided power adds the far tail); NormalIndPower sizes on Cohen's
 * arcsine h, which is not power.prop.test (8167 for the first case).
 * With --comparisons 2 the answer is R's power.prop.test(p1=0.10,
 * p2=0.12, power=0.9, sig.level=0.025, tol=1e-12)$n = 6073.028012074963.
 */
static void plan(void **state)
{
	struct uplift_power_question q = {.rate = true,
					  .solve_users = true,
					  .baseline = 0.10,
					  .mde = 0.02,
					  .alpha = 0.05,
					  .power = 0.9,
					  .arms = 3};
	struct uplift_power_answer a;

	/* 3 arms: 2 x 5 comparisons, as the analysis of 3 arms corrects over */
	assert_int_equal(uplift_power_comparisons(3, false), 10);
	assert_int_equal(uplift_power_comparisons(3, true), 12);
	assert_int_equal(uplift_power_comparisons(2, false), 5);
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_int_equal(a.comparisons, 10);
	assert_close(a.alpha_each, 0.005, 1e-15);
	assert_close(a.n, 8180.121124884643, 1e-9);
	assert_close(a.users, 8181, 0);
	assert_close(a.delta, 0.02, 0);
	/* --comparisons 2: the old Bonferroni over the arms */
	q.comparisons = 2;
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.alpha_each, 0.025, 1e-15);
	assert_close(a.n, 6073.028012074963, 1e-9);
	assert_close(a.users, 6074, 0);
	/* two arms: 5 comparisons */
	q = (struct uplift_power_question){.rate = true,
					   .solve_users = true,
					   .baseline = 0.10,
					   .mde = 0.01,
					   .alpha = 0.05,
					   .power = 0.8,
					   .arms = 2};
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.alpha_each, 0.01, 1e-15);
	assert_close(a.n, 21949.182510853283, 1e-9);
	assert_close(a.users, 21950, 0);
	q = (struct uplift_power_question){
	    .rate = false, .sd = 8, .users = 5000, .alpha = 0.05, .power = 0.8, .arms = 2};
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.alpha_each, 0.01, 1e-15);
	assert_close(a.delta, 0.5468828198976814, 1e-9);
	assert_close(a.users, 5000, 0);
	/* a single planned comparison: R's plain answer (above) */
	q.comparisons = 1;
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.delta, 0.44829669791423615, 1e-9);
	/* a mean with a gross margin: 6 comparisons for 2 arms */
	q = (struct uplift_power_question){.rate = false,
					   .solve_users = true,
					   .sd = 8,
					   .mde = 0.5,
					   .alpha = 0.05,
					   .power = 0.8,
					   .arms = 2,
					   .comparisons = uplift_power_comparisons(2, true)};
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.n, 6201.83217018426, 1e-9);
	assert_close(a.users, 6202, 0);
	/* what has no answer says why */
	q = (struct uplift_power_question){.rate = true,
					   .solve_users = true,
					   .baseline = 0.95,
					   .mde = 0.1,
					   .alpha = 0.05,
					   .power = 0.8,
					   .arms = 2};
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_NOT_A_RATE);
	q.baseline = 0.5;
	q.mde = 1e-15;
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_TOO_MANY_USERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(prop),
	    cmocka_unit_test(plan),
	    cmocka_unit_test(noncentral_t),
	    cmocka_unit_test(means),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("power", tests, NULL, NULL);
}
