/*
 * test_data_assign.c - assignments.csv into the user table (data_assign.c):
 * every bad-input error with its position, and --by columns.
 */
#include "data_fixture.h"

static void bad_assignments(void **state)
{
	expect("user_id,arm\nu1,control\nu2,9折券\n", ORDERS_HEAD,
	       "assignments.csv:3: column 'arm': arm '9折券' is not defined in experiment.ini");
	expect("user_id,arm\nu1,control\nu2,8折券\nu1,8折券\n", ORDERS_HEAD,
	       "assignments.csv:4: column 'user_id': user 'u1' is assigned to two arms: 'control' "
	       "(line 2) and '8折券' (line 4)");
	expect("user_id,arm\nu1,control\nu2,8折券\nu1,control\n", ORDERS_HEAD,
	       "assignments.csv:4: column 'user_id': user 'u1' is assigned twice (lines 2 and 4); "
	       "--dedupe counts such repeats once");
	expect("user_id,arm\nu1,control\nu2,control\n", ORDERS_HEAD,
	       "assignments.csv: arm '8折券' has no users");
	expect("user_id,arm,tier\nu1,control,a\nu2,8折券\n", ORDERS_HEAD,
	       "assignments.csv:3: row has 2 fields, the header has 3");
	expect(
	    "user,arm\nu1,control\n", ORDERS_HEAD,
	    "assignments.csv:1: missing column 'user_id' in the header (found: user, arm; closest: "
	    "user); map it in [columns] of experiment.ini: user_id = HEADER");
	expect(NULL, ORDERS_HEAD, "assignments.csv: cannot open: No such file or directory");
	expect("user_id,arm\nu1,control\nu2,\"8折券\n", ORDERS_HEAD,
	       "assignments.csv:3: unterminated quoted field: the quote opened on this line "
	       "never closes");
}

static void by_column_missing(void **state)
{
	struct folder f;
	const char *by[] = {"city"};
	char buf[1200];

	assert_false(load(&f, ASSIGN_OK, ORDERS_HEAD, NULL, by, 1));
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
			    "assignments.csv:1: no column 'city' to break down by (--by)");
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bad_assignments),
	    cmocka_unit_test(by_column_missing),
	};
	return cmocka_run_group_tests_name("data_assign", tests, NULL, NULL);
}
