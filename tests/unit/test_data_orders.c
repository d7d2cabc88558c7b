/*
 * test_data_orders.c - orders.csv (data_orders.c): every bad-input error
 * with its position, repeated order ids, and every row counted once.
 */
#include "data_fixture.h"

static void bad_orders(void **state)
{
	char orders[512];

	snprintf(orders, sizeof(orders), "%su1,2026-11-16,12,0\nu2,16/11/2026,12,0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders,
	       "orders.csv:3: column 'order_time': not a date/time: '16/11/2026' (expected "
	       "YYYY-MM-DD[ HH:MM[:SS]], YYYY/M/D[ H:MM[:SS]] or ISO 8601 like "
	       "2026-11-22T23:30:00+08:00)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,abc,0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders,
	       "orders.csv:2: column 'amount': not a number: 'abc' (write plain decimals like "
	       "1234.50)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,-5,0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders,
	       "orders.csv:2: column 'amount': negative: '-5' (a refund row? with refunds = net "
	       "in [columns] of experiment.ini, refunds are netted against the user's paid value)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5,-1\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders, "orders.csv:2: column 'discount': negative: '-1'");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5,6\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders, "orders.csv:2: column 'discount': 6 is more than the amount 5");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders, "orders.csv:2: row has 3 fields, the header has 4");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,,0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders, "orders.csv:2: column 'amount': empty value");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,nan,0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders,
	       "orders.csv:2: column 'amount': not a number: 'nan' (write plain decimals like "
	       "1234.50)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,\"1,234.50\",0\n", ORDERS_HEAD);
	expect(ASSIGN_OK, orders,
	       "orders.csv:2: column 'amount': not a number: '1,234.50' (write plain decimals "
	       "like 1234.50)");
	expect(ASSIGN_OK, NULL,
	       "orders.csv: cannot open: No such file or directory (nor is there an "
	       "outcomes.csv)");
}

/* --dedupe, order_id duplicates, and every row accounted for */
static void duplicates_and_counts(void **state)
{
	struct folder f;
	struct uplift_load_options opt = {.dedupe = true};
	struct uplift_user fresh;
	char path[256];
	const char *orders = "order_id,user_id,order_time,amount,discount\n"
			     "1,u1,2026-11-16,10,0\n"
			     "2,u1,2026-11-17,10,0\n"
			     "1,u1,2026-11-16,10,0\n" /* the same order exported twice */
			     "3,u2,2026-11-01,10,0\n" /* outside the window */
			     "4,zz,2026-11-18,10,0\n" /* not assigned */
			     "4,zz,2026-11-18,10,0\n";

	/* without --dedupe the repeated assignment is an error (see bad_assignments) */
	assert_true(load(&f, "user_id,arm\nu1,control\nu2,8折券\nu1,control\n", orders, NULL, NULL,
			 0) == false);
	uplift_data_free(f.data);
	snprintf(path, sizeof(path), "%s", f.dir);
	f.data = uplift_data_load(f.exp, path, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(f.data->counts.assignments_read, 3);
	assert_int_equal(f.data->counts.assignments_duplicate, 1);
	assert_int_equal(f.data->n_users, 2);
	assert_int_equal(f.data->counts.orders.read, 6);
	assert_int_equal(f.data->counts.orders.duplicate, 2);
	assert_int_equal(f.data->counts.orders.used, 2);
	assert_int_equal(f.data->counts.orders.outside, 1);
	assert_int_equal(f.data->counts.orders.unassigned, 1);
	assert_int_equal(f.data->counts.orders.read,
			 f.data->counts.orders.used + f.data->counts.orders.outside +
			     f.data->counts.orders.unassigned + f.data->counts.orders.duplicate);
	assert_int_equal(uplift_data_user(f.data, 0, &fresh)->orders, 2);
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bad_orders),
	    cmocka_unit_test(duplicates_and_counts),
	};
	return cmocka_run_group_tests_name("data_orders", tests, NULL, NULL);
}
