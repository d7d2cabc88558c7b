/*
 * test_data_pipe.c - the reader and applier threads and their ring of
 * batches (data_pipe.c): the first error in the file is the one reported,
 * whichever thread finds it, and the second thread changes no bit.
 */
#include "data_fixture.h"

/*
 * assignments.csv of n users u1..un (arms alternating); row `dup` (a line
 * number, 0 for none) repeats u1 in the other arm and row `bad` names an
 * arm that does not exist. Returned text is malloc'd.
 */
static char *many_users(int n, int dup, int bad)
{
	size_t cap = (size_t)n * 32 + 64, len;
	char *s = malloc(cap);

	len = (size_t)snprintf(s, cap, "user_id,arm,tier\n");
	for (int i = 1; i <= n; i++) {
		int line = i + 1;
		const char *arm = i % 2 ? "control" : "8折券";
		if (line == dup)
			len += (size_t)snprintf(s + len, cap - len, "u1,8折券,t%d\n", i % 3);
		else if (line == bad)
			len += (size_t)snprintf(s + len, cap - len, "u%d,9折券,t%d\n", i, i % 3);
		else
			len += (size_t)snprintf(s + len, cap - len, "u%d,%s,t%d\n", i, arm, i % 3);
	}
	return s;
}

/*
 * Rows are applied by a second thread, batches of 1024 behind the parsing:
 * across many batches the first error in the file is still the one
 * reported, whether it is found when parsing (an unknown arm) or when
 * applying (a user in two arms), and validate's problems come in line order.
 */
static void errors_in_file_order_across_batches(void **state)
{
	static const struct {
		int dup, bad;
		const char *want;
	} cases[] = {
	    /* applying fails first */
	    {9000, 15000,
	     "assignments.csv:9000: column 'user_id': user 'u1' is assigned to two arms: "
	     "'control' (line 2) and '8折券' (line 9000)"},
	    /* parsing fails first */
	    {15000, 9000,
	     "assignments.csv:9000: column 'arm': arm '9折券' is not defined in experiment.ini"},
	};
	struct folder f;
	char buf[1200], *text;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text = many_users(20000, cases[i].dup, cases[i].bad);
		assert_false(load(&f, text, ORDERS_HEAD, NULL, NULL, 0));
		assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), cases[i].want);
		cleanup(&f);
		free(text);
	}

	/* validate: a problem found when applying row 9000 is listed before one
	 * found when parsing row 9100, though row 9100 is parsed first */
	text = many_users(20000, 9000, 9100);
	{
		struct uplift_problems pr = {.max = 10};
		struct uplift_load_options opt = {.problems = &pr};
		assert_false(load(&f, text, ORDERS_HEAD, NULL, NULL, 0));
		uplift_error_clear(&f.err);
		f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
		assert_non_null(f.data);
		assert_int_equal(pr.total, 2);
		assert_non_null(strstr(pr.line[0], "assignments.csv:9000: column 'user_id'"));
		assert_non_null(strstr(pr.line[1], "assignments.csv:9100: column 'arm'"));
		assert_int_equal(f.data->n_users, 19998);
		uplift_problems_release(&pr);
		cleanup(&f);
	}
	free(text);
}

/*
 * The ids of orders.csv are checked by the applying thread, batches behind
 * the parsing: the first problem in the file is still the one reported,
 * whichever thread finds it.
 */
static void utf8_errors_in_file_order(void **state)
{
	static const struct {
		int gbk, bad; /* lines */
		const char *want;
	} cases[] = {
	    {5000, 9000,
	     "orders.csv:5000: column 'user_id': not valid UTF-8 at character 2 (byte 0xD3)" HINT},
	    {9000, 5000,
	     "orders.csv:5000: column 'amount': not a number: 'x' (write plain decimals like "
	     "1234.50)"},
	};
	struct folder f;
	char buf[1200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t cap = 20000 * 32, len;
		char *orders = malloc(cap);
		len = (size_t)snprintf(orders, cap, "%s", ORDERS_HEAD);
		for (int line = 2; line <= 12000; line++)
			len += (size_t)snprintf(orders + len, cap - len, "%s,2026-11-16,%s,0\n",
						line == cases[i].gbk ? "u\xD3\xC3" : "u1",
						line == cases[i].bad ? "x" : "1");
		assert_false(load(&f, ASSIGN_OK, orders, NULL, NULL, 0));
		assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), cases[i].want);
		cleanup(&f);
		free(orders);
	}
}

/* The second thread changes nothing: every user, count and value the same. */
static void one_thread_same_result(void **state)
{
	const char *by[] = {"rfm_segment", "channel"};
	struct uplift_load_options one = {.by = by, .n_by = 2, .one_thread = true};
	struct uplift_load_options two = {.by = by, .n_by = 2};
	struct uplift_experiment *exp;
	struct uplift_data *a, *b;
	struct uplift_error err;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("experiments/coffee-w47/experiment.ini", "w47", &err);
	assert_non_null(exp);
	a = uplift_data_load(exp, "experiments/coffee-w47", &one, &err);
	b = uplift_data_load(exp, "experiments/coffee-w47", &two, &err);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->n_users, 30000);
	assert_int_equal(a->n_users, b->n_users);
	assert_memory_equal(a->members, b->members, a->n_users * sizeof(*a->members));
	assert_int_equal(a->n_acc, b->n_acc);
	assert_memory_equal(a->acc, b->acc, a->n_acc * sizeof(*a->acc));
	assert_memory_equal(a->history, b->history, a->n_users * sizeof(*a->history));
	assert_memory_equal(a->by[1].of_user, b->by[1].of_user, a->n_users * sizeof(uint32_t));
	assert_int_equal(a->counts.orders.used, b->counts.orders.used);
	assert_int_equal(a->counts.orders.unassigned, b->counts.orders.unassigned);
	assert_int_equal(a->counts.history.used, b->counts.history.used);
	assert_memory_equal(a->basket_hist, b->basket_hist,
			    exp->n_arms * UPLIFT_BASKET_BINS * sizeof(uint64_t));
	uplift_data_free(a);
	uplift_data_free(b);
	uplift_experiment_free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(errors_in_file_order_across_batches),
	    cmocka_unit_test(utf8_errors_in_file_order),
	    cmocka_unit_test(one_thread_same_result),
	};
	return cmocka_run_group_tests_name("data_pipe", tests, NULL, NULL);
}
