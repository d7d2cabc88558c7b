/*
 * test_data.c - loading an experiment folder (data.c): the counts, the
 * per-user accumulators and the --by values of tests/fixtures/small,
 * struct uplift_counts, and the values of each --by column numbered in the
 * contract's order (data_order.c). The files of the loader have their own tests
 * (test_data_assign.c, test_data_orders.c, test_data_outcomes.c,
 * test_data_pipe.c, test_problems.c, test_amount.c).
 */
#include "data_fixture.h"
#include "uplift_segments.h"
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

/* the value of --by column i of user u, as a string */
static const char *value_of(const struct uplift_data *d, size_t i, size_t u)
{
	return uplift_strtab_get(&d->by[i].values, d->by[i].of_user[u], NULL);
}

/*
 * Values numbered in order of first sight (10, 2, 中, 1.5, -1, A, 2) $x)
 * come out numbered in the contract's order, and every user keeps the
 * value of its row: the renumbering moved the users' numbers with the
 * values. A column already in order, and one of a single value, too.
 */
static void values_in_order(void **state)
{
	static const char *const by[] = {"level", "band", "one"};
	static const char *const level[] = {"10", "2", "中", "1.5", "-1", "A", "2) $x", "10", "2"};
	static const char *const want[] = {"-1", "1.5", "2", "2) $x", "10", "A", "中"};
	char text[1024];
	size_t len = 0;
	struct folder f;

	(void)state;
	len += (size_t)snprintf(text + len, sizeof(text) - len, "user_id,arm,level,band,one\n");
	for (size_t u = 0; u < sizeof(level) / sizeof(level[0]); u++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "u%zu,%s,%s,%s,x\n", u,
					u % 2 ? "8折券" : "control", level[u], u < 4 ? "a" : "b");
	if (!load(&f, text, ORDERS_HEAD, NULL, by, 3))
		print_error("%s\n", f.err.message);
	assert_non_null(f.data);
	assert_int_equal(f.data->by[0].values.n, sizeof(want) / sizeof(want[0]));
	for (size_t v = 0; v < sizeof(want) / sizeof(want[0]); v++)
		assert_string_equal(uplift_strtab_get(&f.data->by[0].values, v, NULL), want[v]);
	for (size_t u = 0; u < f.data->n_users; u++) {
		assert_string_equal(value_of(f.data, 0, u), level[u]);
		assert_string_equal(value_of(f.data, 1, u), u < 4 ? "a" : "b");
		assert_string_equal(value_of(f.data, 2, u), "x");
		/* the index still finds each value */
		assert_int_equal(
		    uplift_strtab_find(&f.data->by[0].values, level[u], strlen(level[u])),
		    f.data->by[0].of_user[u]);
	}
	cleanup(&f);
}

/*
 * The derived columns of tests/fixtures/rfm: every value of the tables in
 * their order (无消费记录 and '-' last, the lifecycle's stages as they
 * run), each user's the one uplift_segments_value gives from its history.
 */
static void derived_in_order(void **state)
{
	static const char *const by[] = {"rfm_segment", "rfm_grade", "lifecycle"};
	static const char *const want[][9] = {
	    {"重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户",
	     "一般发展客户", "一般保持客户", "一般挽留客户", "无消费记录"},
	    {"A", "B", "C", "-"},
	    {"潜在用户", "新用户", "活跃用户", "忠实用户", "休眠用户"},
	};
	static const size_t n[] = {9, 4, 5};
	struct uplift_load_options opt = {.by = by, .n_by = 3};
	struct uplift_experiment *exp;
	struct uplift_data *d;
	struct uplift_error err;

	(void)state;
	uplift_error_clear(&err);
	assert_non_null(exp =
			    uplift_experiment_load("tests/fixtures/rfm/experiment.ini", "t", &err));
	assert_non_null(d = uplift_data_load(exp, "tests/fixtures/rfm", &opt, &err));
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(d->by[i].values.n, n[i]);
		for (size_t v = 0; v < n[i]; v++)
			assert_string_equal(uplift_strtab_get(&d->by[i].values, v, NULL),
					    want[i][v]);
		for (size_t u = 0; u < d->n_users; u++)
			assert_string_equal(value_of(d, i, u),
					    uplift_segments_value((enum uplift_derived)i,
								  &d->history[u], d->thresholds));
	}
	uplift_data_free(d);
	uplift_experiment_free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fixture_counts),
	    cmocka_unit_test(counts_struct),
	    cmocka_unit_test(values_in_order),
	    cmocka_unit_test(derived_in_order),
	};
	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
