/*
 * test_suff.c - the fold of per-user accumulators into sufficient
 * statistics (suff.c): the two-thread fold is the one-thread fold to the
 * bit, a user who bought nothing is zero in every metric, and the first
 * purchases per arm and day it counts on the way.
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_date.h"
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
	/* the daily counts too (counted by the first thread's job) */
	assert_non_null(sa->daily->first);
	assert_int_equal(sa->daily->n_days, sb->daily->n_days);
	assert_memory_equal(sa->daily->first, sb->daily->first,
			    exp->n_arms * sa->daily->n_days * sizeof(uint64_t));
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
	for (int k = 0; k < UPLIFT_N_BUILTIN; k++) {
		double x = -1, y = uplift_suff_user_metric(u, NULL, (enum uplift_metric)k, &x);
		assert_true(y == 0 && x == 0);
	}
}

/* The suff folded from folder dir, its experiment in *exp (free both). */
static struct uplift_suff *fold_folder(const char *dir, struct uplift_experiment **exp)
{
	struct uplift_load_options opt = {0};
	struct uplift_error err;
	struct uplift_data *d;
	struct uplift_suff *s;
	char path[256];

	uplift_error_clear(&err);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	assert_non_null(*exp = uplift_experiment_load(path, "t", &err));
	assert_non_null(d = uplift_data_load(*exp, dir, &opt, &err));
	assert_non_null(s = uplift_suff_from_data(d));
	uplift_data_free(d); /* the daily counts live in the suff */
	return s;
}

/*
 * The first purchases per arm and day of tests/fixtures/small, counted by
 * hand from its orders.csv (c1's order of 11-15 and t3's of 11-23 are
 * outside the window, x9 is no assigned user) and with
 *   python3 -c "import csv,collections; a={r['user_id']:r['arm'] for r in
 *   csv.DictReader(open('tests/fixtures/small/assignments.csv',encoding='utf-8-sig'))};
 *   f={}; [f.__setitem__(r['user_id'],min(f.get(r['user_id'],'9'),r['order_time'][:10]))
 *   for r in csv.DictReader(open('tests/fixtures/small/orders.csv')) if r['user_id'] in a
 *   and '2026-11-16'<=r['order_time'][:10]<='2026-11-22'];
 *   print(sorted(collections.Counter((a[u],d) for u,d in f.items()).items()))"
 * -> control 11-16: 1, 11-17: 1, 11-20: 1; 8折券 11-16: 2, 11-18: 1, 11-19: 1.
 */
static void daily_first_purchases(void **state)
{
	static const uint64_t want[2][7] = {{1, 1, 0, 0, 1, 0, 0}, {2, 0, 1, 1, 0, 0, 0}};
	struct uplift_experiment *exp;
	struct uplift_suff *s = fold_folder("tests/fixtures/small", &exp);
	long start;

	assert_true(uplift_date_parse("2026-11-16", 10, &start));
	assert_non_null(s->daily);
	assert_int_equal(s->daily->start, start);
	assert_int_equal(s->daily->n_days, 7);
	assert_int_equal(s->daily->n_arms, 2);
	assert_non_null(s->daily->first);
	for (size_t arm = 0; arm < 2; arm++)
		for (size_t day = 0; day < 7; day++)
			assert_int_equal(s->daily->first[arm * 7 + day], want[arm][day]);
	uplift_suff_free(s);
	uplift_experiment_free(exp);
}

/*
 * A window longer than UPLIFT_DAILY_MAX_DAYS keeps its length but no
 * counts (the daily chart says it is too long); outcomes.csv has no days:
 * no daily counts at all.
 */
static void daily_long_window_and_outcomes(void **state)
{
	const char *dir = temp_dir();
	struct uplift_experiment *exp;
	struct uplift_suff *s;
	char path[256];

	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	write_file(path, "[experiment]\ncontrol = control\nstart = 2026-11-16\n"
			 "end = 2027-12-31\n[arm control]\n[arm 8折券]\n");
	snprintf(path, sizeof(path), "%s/assignments.csv", dir);
	write_file(path, "user_id,arm\nu1,control\nu2,8折券\n");
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	write_file(path, "user_id,order_time,amount,discount\nu1,2027-06-01,10,0\n");
	s = fold_folder(dir, &exp);
	assert_non_null(s->daily);
	assert_int_equal(s->daily->n_days, 411);
	assert_null(s->daily->first);
	uplift_suff_free(s);
	uplift_experiment_free(exp);

	remove(path);
	snprintf(path, sizeof(path), "%s/outcomes.csv", dir);
	write_file(path, "user_id,orders,revenue\nu1,1,10\n");
	s = fold_folder(dir, &exp);
	assert_null(s->daily);
	uplift_suff_free(s);
	uplift_experiment_free(exp);
	for (const char *const *f =
		 (const char *const[]){"experiment.ini", "assignments.csv", "outcomes.csv", NULL};
	     *f; f++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		remove(path);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fold_two_threads_same_result),
	    cmocka_unit_test(fresh_user_metrics_zero),
	    cmocka_unit_test(daily_first_purchases),
	    cmocka_unit_test(daily_long_window_and_outcomes),
	};
	return cmocka_run_group_tests_name("suff", tests, NULL, NULL);
}
