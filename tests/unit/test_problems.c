/*
 * test_problems.c - the checks of problems.c and data_internal.h: headers
 * (names twice, a very wide header), UTF-8 in every field used, and
 * validate's list of problems.
 */
#include "data_fixture.h"

/* validate mode: every row-level problem is collected, the rows skipped */
static void problems_collected(void **state)
{
	struct folder f;
	struct uplift_problems pr = {.max = 2};
	struct uplift_load_options opt = {.problems = &pr};
	char path[256];
	const char *orders = "user_id,order_time,amount,discount\n"
			     "u1,2026-11-16,10,0\n"
			     "u1,2026-13-01,10,0\n"
			     "u2,2026-11-16,-1,0\n"
			     "u2,2026-11-16,5,9\n";

	assert_false(load(&f, ASSIGN_OK, orders, NULL, NULL, 0));
	uplift_error_clear(&f.err);
	snprintf(path, sizeof(path), "%s", f.dir);
	f.data = uplift_data_load(f.exp, path, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(pr.total, 3);
	assert_int_equal(pr.n, 2); /* kept up to max */
	assert_string_equal(pr.line[0],
			    "orders.csv:3: column 'order_time': not a date/time: "
			    "'2026-13-01' (expected "
			    "YYYY-MM-DD[ HH:MM[:SS]], YYYY/M/D[ H:MM[:SS]] or ISO 8601 like "
			    "2026-11-22T23:30:00+08:00)");
	assert_string_equal(pr.line[1],
			    "orders.csv:4: column 'amount': negative: '-1' (a refund row? "
			    "with refunds = net in [columns] of experiment.ini, refunds are "
			    "netted against the user's paid value)");
	assert_int_equal(f.data->counts.orders.used, 1);
	uplift_problems_release(&pr);
	cleanup(&f);
}

/*
 * Issue 16: a header error stops the checks of its file only. The bad row
 * of assignments.csv and the header of orders.csv are both told, in file
 * order, the skipped file named; the load goes on and returns the data.
 */
static void header_error_stops_its_file_only(void **state)
{
	struct folder f;
	struct uplift_problems pr = {.max = 10};
	struct uplift_load_options opt = {.problems = &pr};

	assert_false(
	    load(&f, ASSIGN_OK, "user_id,order_time,amt\nu1,2026-11-16,1\n", NULL, NULL, 0));
	put(f.dir, "assignments.csv", "user_id,arm\nu1,control\nu2,8折券\nu3,nope\n");
	uplift_error_clear(&f.err);
	f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(f.err.status, UPLIFT_OK);
	assert_int_equal(pr.total, 2);
	assert_string_equal(pr.line[0],
			    "assignments.csv:4: column 'arm': arm 'nope' is not defined in "
			    "experiment.ini");
	assert_non_null(strstr(pr.line[1], "orders.csv:1: missing column 'amount'"));
	assert_non_null(strstr(pr.line[1], "; orders.csv skipped"));
	assert_string_equal(pr.stopped, "orders.csv");
	assert_int_equal(f.data->n_users, 2);
	uplift_problems_release(&pr);
	cleanup(&f);

	/* without problems to collect the load stops at the first */
	assert_false(load(&f, "user_id,group\nu1,control\n", ORDERS_HEAD, NULL, NULL, 0));
	assert_string_equal(f.err.message,
			    "missing column 'arm' in the header (found: user_id, group); "
			    "map it in [columns] of experiment.ini: arm = HEADER");
	cleanup(&f);
}

/*
 * Issue 13, finding 5: every field analyze uses is UTF-8 or the file is
 * refused, as validate refuses it. A user id in GBK (用户 is D3 C3 BB A7)
 * matched no user and the order was counted as of an unassigned user: a
 * GBK orders.csv gave conversion 0 and exit 0. The ids of orders.csv,
 * history.csv and outcomes.csv that are no user's are checked, and order
 * ids; an id that is valid UTF-8 and no user's is still only counted.
 */
static void utf8_in_every_used_field(void **state)
{
	struct folder f;
	char buf[1200], path[256];
	const char *history = "user_id,order_time,amount,discount\n"
			      "u1,2026-10-01,10,0\n"
			      "\xD3\xC3\xBB\xA7,2026-10-02,10,0\n";
	struct uplift_load_options opt = {0};

	expect(ASSIGN_OK,
	       "user_id,order_time,amount,discount\nu1,2026-11-16,1,0\nzz,2026-11-16,1,0\n"
	       "\xD3\xC3\xBB\xA7,2026-11-16,1,0\n",
	       "orders.csv:4: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	/* after a valid Chinese id, the bad byte's character is named */
	expect(ASSIGN_OK, "user_id,order_time,amount,discount\n用户\xD3\xC3,2026-11-16,1,0\n",
	       "orders.csv:2: column 'user_id': not valid UTF-8 at character 3 (byte 0xD3)" HINT);
	expect(ASSIGN_OK,
	       "order_id,user_id,order_time,amount\n1,u1,2026-11-16,1\n\xB6\xA9,u2,2026-11-16,1\n",
	       "orders.csv:3: column 'order_id': not valid UTF-8 at character 1 (byte 0xB6)" HINT);

	assert_false(
	    load(&f, ASSIGN_OK, NULL, "user_id,orders\nu1,1\n\xD3\xC3\xBB\xA7,2\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv:3: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	cleanup(&f);

	assert_true(load(&f, ASSIGN_OK, ORDERS_HEAD, NULL, NULL, 0));
	uplift_data_free(f.data);
	put(f.dir, "history.csv", history);
	f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
	assert_null(f.data);
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "history.csv:3: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	snprintf(path, sizeof(path), "%s/history.csv", f.dir);
	remove(path);
	cleanup(&f);

	/* Chinese ids in UTF-8 are found; one that is no user's is counted */
	assert_true(load(&f, "user_id,arm\n用户1,control\n用户2,8折券\n",
			 "user_id,order_time,amount\n用户1,2026-11-16,1\n路人,2026-11-16,1\n", NULL,
			 NULL, 0));
	assert_int_equal(f.data->counts.orders.used, 1);
	assert_int_equal(f.data->counts.orders.unassigned, 1);
	cleanup(&f);
}

/*
 * The check skips ASCII ids a word at a time (uplift_ascii() in src/data_internal.h): a lone
 * 0xFF at every place of ids of 1 to 24 bytes is still found, in
 * orders.csv ids (applying thread) and in assignments.csv ids (parsing).
 */
static void utf8_bad_byte_anywhere(void **state)
{
	struct folder f;
	char id[32], text[256], want[256], buf[1200];

	for (size_t len = 1; len <= 24; len++)
		for (size_t at = 0; at < len; at++) {
			memset(id, 'a', len);
			id[at] = '\xFF';
			id[len] = '\0';
			snprintf(text, sizeof(text), "%s%s,2026-11-16,1,0\n", ORDERS_HEAD, id);
			snprintf(want, sizeof(want),
				 "orders.csv:2: column 'user_id': not valid UTF-8 at character %zu "
				 "(byte 0xFF)" HINT,
				 at + 1);
			assert_false(load(&f, ASSIGN_OK, text, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), want);
			cleanup(&f);
			snprintf(text, sizeof(text), "user_id,arm\nu1,control\n%s,8折券\n", id);
			snprintf(
			    want, sizeof(want),
			    "assignments.csv:3: column 'user_id': not valid UTF-8 at character "
			    "%zu (byte 0xFF)" HINT,
			    at + 1);
			assert_false(load(&f, text, ORDERS_HEAD, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), want);
			cleanup(&f);
		}
}

/*
 * Issue 13, finding 10: the header check compared every name with every
 * earlier one (100,000 columns: 24 s). A header of 300,000 columns loads,
 * and a duplicate at its end is named with both fields.
 */
static void wide_header(void **state)
{
	size_t n = 300000, cap = n * 12 + 64, len;
	char *text = malloc(cap), buf[1200];
	struct folder f;

	for (int dup = 0; dup < 2; dup++) {
		len = (size_t)snprintf(text, cap, "user_id,arm");
		for (size_t i = 3; i <= n; i++)
			len +=
			    (size_t)snprintf(text + len, cap - len, ",c%zu", dup && i == n ? 5 : i);
		len += (size_t)snprintf(text + len, cap - len, "\nu1,control");
		for (size_t i = 3; i <= n; i++)
			text[len++] = ',';
		len += (size_t)snprintf(text + len, cap - len, "\nu2,8折券");
		for (size_t i = 3; i <= n; i++)
			text[len++] = ',';
		text[len++] = '\n';
		text[len] = '\0';
		if (!dup) {
			assert_true(load(&f, text, ORDERS_HEAD, NULL, NULL, 0));
			assert_int_equal(f.data->n_users, 2);
		} else {
			assert_false(load(&f, text, ORDERS_HEAD, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
					    "assignments.csv:1: column 'c5' appears twice in the "
					    "header (fields 5 and 300000)");
		}
		cleanup(&f);
	}
	expect("user_id,arm,user_id\n", ORDERS_HEAD,
	       "assignments.csv:1: column 'user_id' appears twice in the header (fields 1 and 3)");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(problems_collected),
	    cmocka_unit_test(header_error_stops_its_file_only),
	    cmocka_unit_test(utf8_in_every_used_field),
	    cmocka_unit_test(utf8_bad_byte_anywhere),
	    cmocka_unit_test(wide_header),
	};
	return cmocka_run_group_tests_name("problems", tests, NULL, NULL);
}
