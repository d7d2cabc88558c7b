/*
 * test_simulate.c - the generator's option limits (issue 13, finding 10:
 * simulate wrote a window ending in year 0000 and an arm with no users).
 */
#include "testutil.h"
#include "uplift_date.h"
#include "uplift_simulate.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults_pass),
	    cmocka_unit_test(dates_within_what_uplift_reads),
	    cmocka_unit_test(numbers_in_range),
	    cmocka_unit_test(simulate_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
