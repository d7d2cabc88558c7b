/*
 * test_data.c - loading an experiment folder (data.c): the counts, the
 * per-user accumulators and the --by values of tests/fixtures/small, and
 * struct uplift_counts. The files of the loader have their own tests
 * (test_data_assign.c, test_data_orders.c, test_data_outcomes.c,
 * test_data_pipe.c, test_problems.c, test_amount.c).
 */
#include "data_fixture.h"
#include "uplift_strtab.h"

static void fixture_counts(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_data *d;
	const char *by[] = {"tier"};
	struct uplift_load_options opt = {.by = by, .n_by = 1};
	long t5;
	struct uplift_user fresh;
	const struct uplift_user *u5;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(exp);
	d = uplift_data_load(exp, "tests/fixtures/small", &opt, &err);
	assert_non_null(d);
	assert_int_equal(d->n_users, 11);
	assert_int_equal(d->arm_users[0], 6);
	assert_int_equal(d->arm_users[1], 5);
	assert_int_equal(d->counts.orders.read, 14);
	assert_int_equal(d->counts.orders.used, 11);
	assert_int_equal(d->counts.orders.outside, 2);
	assert_int_equal(d->counts.orders.unassigned, 1);
	t5 = uplift_strtab_find(&d->ids, "t5", 2);
	assert_int_equal(t5, 10);
	u5 = uplift_data_user(d, (size_t)t5, &fresh);
	assert_ptr_not_equal(u5, &fresh); /* t5 bought: it has its own accumulator */
	assert_int_equal(u5->orders, 3);
	assert_int_equal(u5->redeemed, 1);
	assert_close(u5->paid, 34, 1e-12);
	assert_close(u5->discount, 2, 1e-12);
	assert_true(u5->repurchased);
	assert_int_equal(u5->arm, d->members[t5].arm);
	assert_int_equal(u5->line, d->members[t5].line);
	assert_int_equal(d->by[0].values.n, 2);
	assert_string_equal(uplift_strtab_get(&d->by[0].values, d->by[0].of_user[t5], NULL),
			    "gold");
	uplift_data_free(d);
	uplift_experiment_free(exp);
}

/* The counts of one file, and every row of it in exactly one of them. */
static void assert_file_counts(const struct uplift_file_counts *got,
			       const struct uplift_file_counts *want)
{
	assert_int_equal(got->read, want->read);
	assert_int_equal(got->used, want->used);
	assert_int_equal(got->outside, want->outside);
	assert_int_equal(got->unassigned, want->unassigned);
	assert_int_equal(got->duplicate, want->duplicate);
	assert_int_equal(got->read, got->used + got->outside + got->unassigned + got->duplicate);
}

/*
 * struct uplift_counts, filled at the end of the load, and the same counts
 * under their old names in struct uplift_data. The numbers are the
 * fixtures' as the loader before the split printed them:
 *   build/uplift validate tests/fixtures/small   (11 users, 11 assignment
 *     rows, 0 repeated; 14 order rows: 11 in the window, 2 outside, 1 of
 *     unassigned users, 0 repeated)
 *   build/uplift validate tests/fixtures/rfm     (8 users, 8 assignment
 *     rows; 2 order rows, both in the window; 15 history rows: 13 used,
 *     1 after asof, 1 of unassigned users, 0 repeated)
 */
static void counts_struct(void **state)
{
	static const struct {
		const char *dir;
		struct uplift_counts want;
	} cases[] = {
	    {"tests/fixtures/small",
	     {.users = 11, .assignments_read = 11, .orders = {14, 11, 2, 1, 0}}},
	    {"tests/fixtures/rfm",
	     {.users = 8,
	      .assignments_read = 8,
	      .orders = {2, 2, 0, 0, 0},
	      .history = {15, 13, 1, 1, 0},
	      .has_history = true}},
	};
	struct uplift_load_options opt = {0};
	struct uplift_error err;
	char path[256];

	uplift_error_clear(&err);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct uplift_counts *want = &cases[i].want, *c;
		struct uplift_experiment *exp;
		struct uplift_data *d;

		snprintf(path, sizeof(path), "%s/experiment.ini", cases[i].dir);
		assert_non_null(exp = uplift_experiment_load(path, "t", &err));
		assert_non_null(d = uplift_data_load(exp, cases[i].dir, &opt, &err));
		c = &d->counts;
		assert_int_equal(c->users, want->users);
		assert_int_equal(c->assignments_read, want->assignments_read);
		assert_int_equal(c->assignments_duplicate, want->assignments_duplicate);
		assert_file_counts(&c->orders, &want->orders);
		assert_file_counts(&c->history, &want->history);
		assert_int_equal(c->outcomes_read, 0);
		assert_false(c->from_outcomes);
		assert_int_equal(c->has_history, want->has_history);
		uplift_data_free(d);
		uplift_experiment_free(exp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fixture_counts),
	    cmocka_unit_test(counts_struct),
	};
	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
