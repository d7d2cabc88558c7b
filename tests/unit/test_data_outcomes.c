/*
 * test_data_outcomes.c - outcomes.csv instead of orders.csv
 * (data_outcomes.c): the metrics its columns support, its errors, its
 * counts.
 */
#include "data_fixture.h"
#include "uplift_metric.h"

static void outcomes(void **state)
{
	struct folder f;
	struct uplift_user fresh;
	char buf[1200];

	assert_true(load(&f, "user_id,arm\nu1,control\nu2,8折券\nu3,8折券\n", NULL,
			 "user_id,orders,revenue\nu1,2,30.5\nu2,0,0\nzz,1,9\n", NULL, 0));
	assert_true(f.data->from_outcomes);
	assert_true(f.data->counts.from_outcomes);
	assert_int_equal(f.data->counts.outcomes_read, 3);
	assert_int_equal(f.data->counts.outcomes_unassigned, 1);
	assert_int_equal(f.data->counts.orders.read, 0);
	assert_true(uplift_data_user(f.data, 0, &fresh)->repurchased);
	assert_false(uplift_data_user(f.data, 2, &fresh)->converted); /* no row: zeros */
	assert_int_equal(f.data->n_acc, 2); /* u1 and u2 have rows, u3 none */
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_AOV));
	assert_false(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	cleanup(&f);

	assert_true(load(&f, ASSIGN_OK, NULL, "user_id,converted\nu1,1\nu2,0\n", NULL, 0));
	assert_int_equal(f.data->metrics, UPLIFT_METRIC_BIT(UPLIFT_CONVERSION));
	cleanup(&f);

	assert_false(load(&f, ASSIGN_OK, NULL, "user_id,converted\nu1,2\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv:2: column 'converted': expected a flag: 0/1 (or 0.0/1.0), "
	    "true/false (any case) or 是/否, got '2'");
	cleanup(&f);

	assert_false(load(&f, ASSIGN_OK, ORDERS_HEAD, "user_id,orders\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv: the folder has both orders.csv and outcomes.csv; keep one");
	cleanup(&f);

	assert_false(load(&f, ASSIGN_OK, NULL, "user_id,orders\nu1,1\nu1,2\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv:3: column 'user_id': user 'u1' has two rows (lines 2 and 3)");
	cleanup(&f);
}

/* validate: an outcomes.csv row of the wrong width is read (counted) and skipped */
static void outcomes_rows_counted(void **state)
{
	struct folder f;
	struct uplift_problems pr = {.max = 4};
	struct uplift_load_options opt = {.problems = &pr};

	assert_true(load(&f, ASSIGN_OK, NULL, "user_id,orders\nu1,1\nu2\nu2,0\n", NULL, 0) ==
		    false);
	uplift_error_clear(&f.err);
	f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(pr.total, 1);
	assert_int_equal(f.data->counts.outcomes_read, 3);
	uplift_problems_release(&pr);
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(outcomes),
	    cmocka_unit_test(outcomes_rows_counted),
	};
	return cmocka_run_group_tests_name("data_outcomes", tests, NULL, NULL);
}
