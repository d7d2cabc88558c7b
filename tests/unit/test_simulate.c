/*
 * test_simulate.c - the generator's option limits (issue 13, finding 10:
 * simulate wrote a window ending in year 0000 and an arm with no users),
 * and the closed-form expectations behind --truth (issue 19).
 */
#include "testutil.h"
#include "uplift_date.h"
#include "uplift_simulate.h"

#include "../../src/simulate_internal.h"

static void defaults_pass(void **state)
{
	struct uplift_simulate_options o;
	struct uplift_error err;

	uplift_simulate_defaults(&o);
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_OK);
}

static void dates_within_what_uplift_reads(void **state)
{
	struct uplift_simulate_options o;
	struct uplift_error err;

	uplift_simulate_defaults(&o);
	/* the window and 3 days of orders after it end on 9999-12-31 at the latest */
	o.start = uplift_date_from_civil(9999, 12, 22);
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_OK);
	o.start++;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
	assert_non_null(strstr(err.message, "past 9999-12-31"));
	/* history reaches 120 days back, the order export 7 */
	o.start = uplift_date_from_civil(1900, 1, 1) + 120;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_OK);
	o.start--;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
	o.history = false;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_OK);
}

static void numbers_in_range(void **state)
{
	struct uplift_simulate_options o;
	struct uplift_error err;

	uplift_simulate_defaults(&o);
	o.users = UPLIFT_SIM_MIN_USERS - 1;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
	uplift_simulate_defaults(&o);
	o.days = 0;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
	uplift_simulate_defaults(&o);
	o.weekly_conversion = 0.93;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
	uplift_simulate_defaults(&o);
	o.rate_8 = NAN;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate_check(&o, &err), UPLIFT_EINPUT);
}

/* The library refuses too, and writes nothing. */
static void simulate_refuses(void **state)
{
	struct uplift_simulate_options o;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256];

	uplift_simulate_defaults(&o);
	o.users = 2;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &o, &err), UPLIFT_EINPUT);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(rmdir(dir), 0);
}

/*
 * A member's expected window outcome under control, 8折券 and 满80减15, as
 * an independent route computes it (the Poisson count enumerated, the
 * coupon rules order by order, scipy's lognormal over the rounding bins;
 * its Monte Carlo of the rules agrees within 5 standard errors):
 *   /usr/bin/python3 tests/reference/sim_truth.py 0.8 45 2.5 1.9 7 0.35
 *   /usr/bin/python3 tests/reference/sim_truth.py 2.9 30 1.5 1.3 7 0.35 1e6
 *   /usr/bin/python3 tests/reference/sim_truth.py 0.05 70 1.5 1.9 14 0.6 1e6
 * (lambda, m, the arms' rates, days, topup).
 */
static void expectations_closed_form(void **state)
{
	static const struct {
		double lambda, m, rate[SIM_ARMS], topup;
		int days;
		double want[SIM_ARMS][3]; /* conversion, paid, profit */
	} cases[] = {
	    {0.8,
	     45,
	     {1, 2.5, 1.9},
	     0.35,
	     7,
	     {{0.550671035883, 37.6570029567, 22.594201774},
	      {0.864664716763, 86.0023369429, 48.3453339861},
	      {0.781288113048, 71.3298980683, 42.1217566872}}},
	    {2.9,
	     30,
	     {1, 1.5, 1.3},
	     0.35,
	     7,
	     {{0.944976779944, 91.0044238437, 54.6026543062},
	      {0.98709318742, 130.311473917, 75.708819611},
	      {0.976947936713, 118.369545542, 70.9285642849}}},
	    {0.05,
	     70,
	     {1, 1.5, 1.9},
	     0.6,
	     14,
	     {{0.095162581964, 7.32219501936, 4.39331701162},
	      {0.139292023575, 8.94344580653, 4.55012879491},
	      {0.173040866057, 13.1407733544, 7.28556195023}}},
	};

	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		struct sim_expect e[SIM_ARMS];
		sim_expect(cases[c].lambda, cases[c].m, cases[c].rate, cases[c].days,
			   cases[c].topup, e);
		for (size_t a = 0; a < SIM_ARMS; a++) {
			const double *w = cases[c].want[a];
			assert_true(fabs(e[a].conversion - w[0]) < 1e-10);
			assert_true(fabs(e[a].paid - w[1]) < 1e-8 * w[1]);
			assert_true(fabs(e[a].profit - w[2]) < 1e-8 * w[2]);
		}
	}
}

/* The truth file: one row per member, the differences of sim_expect. */
static void truth_file(void **state)
{
	struct uplift_simulate_options o;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256], line[512];
	FILE *fp;
	size_t rows = 0;

	uplift_simulate_defaults(&o);
	o.users = 300;
	o.hetero = true;
	o.history = false;
	snprintf(path, sizeof(path), "%s/truth.csv", dir);
	o.truth = path;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &o, &err), UPLIFT_OK);
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_string_equal(line, "user_id,effect_revenue_8折券,effect_revenue_满80减15,"
				  "effect_profit_8折券,effect_profit_满80减15,"
				  "effect_conversion_8折券,effect_conversion_满80减15\n");
	while (fgets(line, sizeof(line), fp)) {
		double v[6];
		assert_int_equal(sscanf(line, "M%*8[0-9],%lf,%lf,%lf,%lf,%lf,%lf", &v[0], &v[1],
					&v[2], &v[3], &v[4], &v[5]),
				 6);
		/* a coupon that changes no purchase only costs: conversion 0, profit < 0 */
		for (size_t a = 0; a < 2; a++)
			if (v[4 + a] == 0)
				assert_true(v[2 + a] <= 0);
		rows++;
	}
	fclose(fp);
	assert_int_equal(rows, 300);
	/* --truth naming one of the folder's own files is refused */
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &o, &err), UPLIFT_EINPUT);
	assert_non_null(strstr(err.message, "the experiment's own orders.csv"));
	snprintf(line, sizeof(line), "rm -rf '%s'", dir);
	assert_int_equal(system(line), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults_pass),
	    cmocka_unit_test(dates_within_what_uplift_reads),
	    cmocka_unit_test(numbers_in_range),
	    cmocka_unit_test(simulate_refuses),
	    cmocka_unit_test(expectations_closed_form),
	    cmocka_unit_test(truth_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
