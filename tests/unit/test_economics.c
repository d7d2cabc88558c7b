/*
 * test_economics.c - the coupon economics of [economics] gross_margin
 * (economics.c), on the fixture tests/fixtures/small.
 */
#include "analysis_fixture.h"

/*
 * Economics of the fixture ([economics] gross_margin = 0.6):
 * /usr/bin/python3 tests/reference/economics.py -> profit per user
 *   g * amount - discount, Welch: 2.66 [-13.069613871520302, 18.389613871520304];
 * cost per incremental buyer = discount per user 4.32 / conversion diff 0.3 = 14.4
 * (the same numbers as tests/reference/check_json.py computes from the CSVs).
 */
static void economics(void **state)
{
	struct run r;
	const struct uplift_economics *e;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	assert_int_equal(r.an->n_econ, 1);
	e = &r.an->econ[0];
	assert_int_equal(e->arm, 1);
	assert_close(e->discount_per_user, 4.32, 1e-12);
	assert_close(e->profit.est, 2.66, 1e-9);
	assert_close(e->profit.lo, -13.069613871520302, 1e-7);
	assert_close(e->profit.hi, 18.389613871520304, 1e-7);
	assert_close(e->revenue.est, 7.313333333333333, 1e-12);
	assert_close(e->cost_per_incremental_buyer.est, 14.4, 1e-12);
	/* 4 of 5 treated users redeemed (t1 t2 t4 t5), none in control */
	assert_close(e->redemption_rate, 0.8, 1e-12);
	assert_close(e->per_redeemer.est, 7.313333333333333 / 0.8, 1e-12);
	assert_close(e->incremental_share_of_redeemers.est, 0.3 / 0.8, 1e-12);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(economics),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("economics", tests, NULL, NULL);
}
