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
 * The plan "uplift power" prints: three arms split alpha 0.05 over two
 * comparisons, so the answer is R's power.prop.test(p1=0.10, p2=0.12,
 * power=0.9, sig.level=0.025, tol=1e-12)$n = 6073.028012074963 (above),
 * rounded up; and power.t.test(n=5000, sd=8, power=0.8, tol=1e-12)$delta =
 * 0.44829669791423615 for the effect 5,000 users per arm detect.
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

	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.alpha_each, 0.025, 1e-15);
	assert_close(a.n, 6073.028012074963, 1e-9);
	assert_close(a.users, 6074, 0);
	assert_close(a.delta, 0.02, 0);
	q = (struct uplift_power_question){
	    .rate = false, .sd = 8, .users = 5000, .alpha = 0.05, .power = 0.8, .arms = 2};
	assert_int_equal(uplift_power_plan(&q, &a), UPLIFT_POWER_OK);
	assert_close(a.delta, 0.44829669791423615, 1e-9);
	assert_close(a.users, 5000, 0);
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
