/*
 * test_suff.c - the fold of per-user accumulators into sufficient
 * statistics (suff.c): the two-thread fold is the one-thread fold to the
 * bit, and a user who bought nothing is zero in every metric.
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_metric.h"
#include "uplift_simulate.h"
#include "uplift_suff.h"

/*
 * From 100,000 users the fold runs half of the metrics on a second thread:
 * the sufficient statistics are the same to the bit as on one thread
 * (every cell and metric, overall and per --by value, with history.csv).
 */
static void fold_two_threads_same_result(void **state)
{
	const char *by[] = {"rfm_segment", "channel"};
	struct uplift_load_options one = {.by = by, .n_by = 2, .one_thread = true};
	struct uplift_load_options two = {.by = by, .n_by = 2};
	struct uplift_simulate_options sim;
	struct uplift_experiment *exp;
	struct uplift_data *a, *b;
	struct uplift_suff *sa, *sb;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256];
	size_t cells;

	uplift_error_clear(&err);
	uplift_simulate_defaults(&sim);
	sim.users = 100000;
	sim.history = true;
	assert_int_equal(uplift_simulate(dir, &sim, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	assert_non_null(exp = uplift_experiment_load(path, "sim", &err));
	assert_non_null(a = uplift_data_load(exp, dir, &one, &err));
	assert_non_null(b = uplift_data_load(exp, dir, &two, &err));
	assert_int_equal(a->n_users, 100000);
	assert_non_null(sa = uplift_suff_from_data(a));
	assert_non_null(sb = uplift_suff_from_data(b));
	assert_memory_equal(sa->overall, sb->overall,
			    exp->n_arms * UPLIFT_N_METRICS * sizeof(*sa->overall));
	for (size_t c = 0; c < 2; c++) {
		assert_int_equal(sa->columns[c].n_values, sb->columns[c].n_values);
		cells = sa->columns[c].n_values * exp->n_arms * UPLIFT_N_METRICS;
		assert_memory_equal(sa->columns[c].cells, sb->columns[c].cells,
				    cells * sizeof(*sa->columns[c].cells));
	}
	uplift_suff_free(sa);
	uplift_suff_free(sb);
	uplift_data_free(a);
	uplift_data_free(b);
	uplift_experiment_free(exp);
	for (const char *const *f = (const char *const[]){"experiment.ini", "assignments.csv",
							  "orders.csv", "history.csv", NULL};
	     *f; f++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		remove(path);
	}
	rmdir(dir);
}

/*
 * A user who has bought nothing (no accumulator) reads as one with every
 * metric and covariate zero, whatever its line and arm: the fold skips such
 * users without evaluating their metrics, so a metric added later that is
 * not zero for them fails here.
 */
static void fresh_user_metrics_zero(void **state)
{
	struct uplift_member m = {.line = 17, .arm = 2, .acc = 0};
	struct uplift_data d = {.members = &m, .n_users = 1};
	struct uplift_user fresh;
	const struct uplift_user *u;

	memset(&fresh, 0xAB, sizeof(fresh)); /* every field must be set */
	u = uplift_data_user(&d, 0, &fresh);
	assert_int_equal(u->line, 17);
	assert_int_equal(u->arm, 2);
	assert_int_equal(u->first_day, UPLIFT_NO_DAY);
	for (int k = 0; k < UPLIFT_N_METRICS; k++) {
		double x = -1, y = uplift_suff_user_metric(u, NULL, (enum uplift_metric)k, &x);
		assert_true(y == 0 && x == 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fold_two_threads_same_result),
	    cmocka_unit_test(fresh_user_metrics_zero),
	};
	return cmocka_run_group_tests_name("suff", tests, NULL, NULL);
}
