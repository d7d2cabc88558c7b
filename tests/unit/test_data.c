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
	assert_int_equal(d->orders_read, 14);
	assert_int_equal(d->orders_in_window, 11);
	assert_int_equal(d->orders_outside_window, 2);
	assert_int_equal(d->orders_unassigned, 1);
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

/* Every row of a file lands in exactly one count of its struct. */
static void assert_file_counts_add_up(const struct uplift_file_counts *c)
{
	assert_int_equal(c->read, c->used + c->outside + c->unassigned + c->duplicate);
}

/*
 * struct uplift_counts, filled at the end of the load, and the same counts
 * under their old names in struct uplift_data. The numbers are the
 * fixtures' as the loader before the split printed them:
 *   build/uplift validate tests/fixtures/small   (11 users, 11 assignment
 *     rows, 0 repeated; 14 order rows: 11 in the window, 2 outside, 1 of
 *     unassigned users, 0 repeated)
 *   build/uplift validate tests/fixtures/rfm     (8 users; 2 order rows,
 *     both in the window; 15 history rows: 13 used, 1 after asof, 1 of
 *     unassigned users, 0 repeated)
 */
static void counts_struct(void **state)
{
	struct uplift_load_options opt = {0};
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_data *d;
	const struct uplift_counts *c;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(exp);
	d = uplift_data_load(exp, "tests/fixtures/small", &opt, &err);
	assert_non_null(d);
	c = &d->counts;
	assert_int_equal(c->users, 11);
	assert_int_equal(c->assignments_read, 11);
	assert_int_equal(c->assignments_duplicate, 0);
	assert_int_equal(c->orders.read, 14);
	assert_int_equal(c->orders.used, 11);
	assert_int_equal(c->orders.outside, 2);
	assert_int_equal(c->orders.unassigned, 1);
	assert_int_equal(c->orders.duplicate, 0);
	assert_file_counts_add_up(&c->orders);
	assert_int_equal(c->history.read, 0);
	assert_false(c->has_history);
	assert_false(c->from_outcomes);
	assert_int_equal(c->outcomes_read, 0);
	/* the old names hold the same numbers */
	assert_int_equal(d->assignments_read, c->assignments_read);
	assert_int_equal(d->orders_read, c->orders.read);
	assert_int_equal(d->orders_in_window, c->orders.used);
	assert_int_equal(d->orders_outside_window, c->orders.outside);
	assert_int_equal(d->orders_unassigned, c->orders.unassigned);
	assert_int_equal(d->orders_duplicate, c->orders.duplicate);
	uplift_data_free(d);
	uplift_experiment_free(exp);

	exp = uplift_experiment_load("tests/fixtures/rfm/experiment.ini", "rfm", &err);
	assert_non_null(exp);
	d = uplift_data_load(exp, "tests/fixtures/rfm", &opt, &err);
	assert_non_null(d);
	c = &d->counts;
	assert_int_equal(c->users, 8);
	assert_true(c->has_history);
	assert_int_equal(c->orders.read, 2);
	assert_int_equal(c->orders.used, 2);
	assert_int_equal(c->history.read, 15);
	assert_int_equal(c->history.used, 13);
	assert_int_equal(c->history.outside, 1);
	assert_int_equal(c->history.unassigned, 1);
	assert_int_equal(c->history.duplicate, 0);
	assert_file_counts_add_up(&c->orders);
	assert_file_counts_add_up(&c->history);
	assert_int_equal(d->history_read, c->history.read);
	assert_int_equal(d->history_used, c->history.used);
	assert_int_equal(d->history_after_asof, c->history.outside);
	assert_int_equal(d->history_unassigned, c->history.unassigned);
	assert_int_equal(d->history_duplicate, c->history.duplicate);
	uplift_data_free(d);
	uplift_experiment_free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fixture_counts),
	    cmocka_unit_test(counts_struct),
	};
	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
