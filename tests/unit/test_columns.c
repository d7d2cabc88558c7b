/*
 * test_columns.c - real exports: the [columns] section and [experiment]
 * timezone (experiment_columns.c, experiment.c) with their errors, the
 * closest header (closest.c), the missing-column message (header_find.c),
 * and what the loader does with the mapped columns: paid beside or instead
 * of amount, refunds refused or netted, flags, ISO times with an offset
 * (data_orders.c, data_outcomes.c, flag.c).
 */
#include "data_fixture.h"
#include "testutil.h"
#include "uplift_closest.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_flag.h"

#define HEAD                                                                                       \
	"[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n"                  \
	"[arm control]\n[arm 8折券]\n"

static struct uplift_experiment *parse(const char *text, struct uplift_error *err)
{
	uplift_error_clear(err);
	return uplift_experiment_parse(text, strlen(text), "experiment.ini", "t", NULL, err);
}

static void expect_ini_error(const char *columns, const char *message)
{
	char text[2048], buf[1200];
	struct uplift_error err;

	snprintf(text, sizeof(text), "%s%s", HEAD, columns);
	assert_null(parse(text, &err));
	assert_int_equal(err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), message);
}

static void columns_parsed(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = parse(HEAD, &err);

	assert_non_null(exp);
	assert_int_equal(exp->tz_minutes, 480); /* the default, +08:00 */
	assert_int_equal(exp->columns.section_line, 0);
	assert_false(exp->columns.refunds_net);
	assert_string_equal(uplift_columns_header(&exp->columns, UPLIFT_COL_USER_ID), "user_id");
	uplift_experiment_free(exp);

	exp = parse("[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n"
		    "timezone = -05:00\n[columns]\nuser_id = 会员ID\narm = 分组 ; the arm\n"
		    "order_time = 下单时间\namount = 订单金额\npaid = 实付金额\n"
		    "discount = 优惠金额\norder_id = \"Order No\"\norders = 订单数\n"
		    "revenue = 实付合计\nconverted = 是否下单\nrepurchased = 是否复购\n"
		    "refunds = net\n[arm control]\n[arm 8折券]\n",
		    &err);
	assert_non_null(exp);
	assert_int_equal(exp->tz_minutes, -300);
	assert_int_equal(exp->columns.section_line, 6);
	assert_true(exp->columns.refunds_net);
	assert_string_equal(exp->columns.header[UPLIFT_COL_USER_ID], "会员ID");
	assert_string_equal(exp->columns.header[UPLIFT_COL_ARM], "分组");
	assert_int_equal(exp->columns.line[UPLIFT_COL_ARM], 8);
	assert_string_equal(exp->columns.header[UPLIFT_COL_ORDER_ID], "Order No");
	assert_string_equal(uplift_columns_header(&exp->columns, UPLIFT_COL_REPURCHASED),
			    "是否复购");
	assert_int_equal(exp->columns.line[UPLIFT_COL_REPURCHASED], 17);
	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++)
		assert_non_null(exp->columns.header[c]);
	assert_string_equal(uplift_columns_name(UPLIFT_COL_ORDER_TIME), "order_time");
	assert_string_equal(uplift_columns_name(UPLIFT_COL_REPURCHASED), "repurchased");
	uplift_experiment_free(exp);

	exp = parse(HEAD "[columns]\nrefunds = error\n", &err);
	assert_non_null(exp);
	assert_false(exp->columns.refunds_net);
	assert_null(exp->columns.header[UPLIFT_COL_USER_ID]);
	uplift_experiment_free(exp);
	exp = parse("[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n"
		    "timezone = UTC\n[arm control]\n[arm 8折券]\n",
		    &err);
	assert_non_null(exp);
	assert_int_equal(exp->tz_minutes, 0);
	uplift_experiment_free(exp);
}

static void columns_errors(void **state)
{
	expect_ini_error("[columns]\nuserid = 会员ID\n",
			 "experiment.ini:8: column 'userid': unknown key 'userid' in section "
			 "[columns] (expected one of user_id, arm, order_time, amount, paid, "
			 "discount, order_id, orders, revenue, converted, repurchased, refunds)");
	expect_ini_error("[columns]\nuser_id =\n",
			 "experiment.ini:8: column 'user_id': [columns] user_id: empty value "
			 "(expected the export's header that holds user_id)");
	expect_ini_error("[columns]\npaid = 实付金额\namount = 实付金额\n",
			 "experiment.ini:9: column 'amount': [columns] amount: header '实付金额' "
			 "is already given to paid (line 8)");
	expect_ini_error("[columns]\nuser_id = a\nuser_id = b\n",
			 "experiment.ini:9: column 'user_id': key 'user_id' is given twice (first "
			 "at line 8)");
	expect_ini_error("[columns]\nrefunds = yes\n",
			 "experiment.ini:8: column 'refunds': [columns] refunds: expected 'net' "
			 "(negative amounts netted against the user's paid value) or 'error', got "
			 "'yes'");
	expect_ini_error("[columns]\nrefunds = net\nrefunds = net\n",
			 "experiment.ini:9: column 'refunds': key 'refunds' is given twice (first "
			 "at line 8)");
	expect_ini_error("[columns]\n[columns]\n",
			 "experiment.ini:8: section [columns] is given twice (first at line 7)");
}

static void timezone_error(void **state)
{
	struct uplift_error err;
	char buf[1200];

	assert_null(parse("[experiment]\ncontrol = control\nstart = 2026-11-16\nend = "
			  "2026-11-22\ntimezone = Asia/Shanghai\n[arm control]\n[arm 8折券]\n",
			  &err));
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)),
			    "experiment.ini:5: [experiment] timezone: expected an offset from UTC "
			    "like +08:00, -05:00, +0530 or UTC, got 'Asia/Shanghai'");
}

/* Edit distances counted by hand, in code points: 实付金额 is 4, not 12 bytes. */
static void closest(void **state)
{
	const char *pos[] = {"门店", "会员ID", "下单时间", "实付金额", "优惠金额"};
	const char *en[] = {"Member", "Order Time", "Paid", "amount"};

	assert_int_equal(uplift_closest_distance("实付金额", "实付金額"), 1);
	assert_int_equal(uplift_closest_distance("实付金额", "优惠金额"), 2);
	assert_int_equal(uplift_closest_distance("user_id", "userid"), 1);
	assert_int_equal(uplift_closest_distance("User_ID", "user_id"), 0); /* ASCII case */
	assert_int_equal(uplift_closest_distance("", "abc"), 3);
	assert_int_equal(uplift_closest_distance("kitten", "sitting"), 3);
	assert_int_equal(uplift_closest("实付金額", pos, 5), 3);
	assert_int_equal(uplift_closest("会员id", pos, 5), 1);
	assert_int_equal(uplift_closest("实付", pos, 5), 3);     /* held whole: the first of two */
	assert_int_equal(uplift_closest("下单日期", pos, 5), 2); /* 2 of 4, the same start */
	assert_int_equal(uplift_closest("日期", pos, 5), -1);
	assert_int_equal(uplift_closest("付款金额", pos, 5), -1); /* 2 of 4, another start */
	assert_int_equal(uplift_closest("user_id", pos, 5), -1);
	assert_int_equal(uplift_closest("order_time", en, 4), 1);
	assert_int_equal(uplift_closest("paid", en, 4), 2);
	assert_int_equal(uplift_closest("discount", en, 4), -1);
	assert_int_equal(uplift_closest("amount", en, 0), -1);
}

static void flags(void **state)
{
	static const struct {
		const char *in;
		int want;
	} ok[] = {{"0", 0},
		  {"1", 1},
		  {"true", 1},
		  {"TRUE", 1},
		  {"True", 1},
		  {"false", 0},
		  {"FALSE", 0},
		  {"fAlSe", 0},
		  {"是", 1},
		  {"否", 0},
		  /* pandas writes an int column with a NaN as floats */
		  {"1.0", 1},
		  {"0.0", 0},
		  {"01", 1},
		  {".0", 0}};
	static const char *const bad[] = {"",     "2",     "yes",  "t", "0.5",
					  "1.01", "true ", "是的", "-1"};
	int v;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = 7;
		assert_true(uplift_flag_parse(ok[i].in, strlen(ok[i].in), &v));
		assert_int_equal(v, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (uplift_flag_parse(bad[i], strlen(bad[i]), &v))
			fail_msg("accepted: '%s'", bad[i]);
}

/* ---- a folder with a [columns] section ------------------------------------ */

/* Load a folder of experiment.ini = HEAD + ini_tail and the files given (NULL: absent). */
static bool load_cols(struct folder *f, const char *ini_tail, const char *assignments,
		      const char *orders, const char *outcomes)
{
	char ini[4096];

	snprintf(ini, sizeof(ini), "%s%s", HEAD, ini_tail);
	return load_folder(f, ini, assignments, orders, outcomes, NULL, 0);
}

static void expect_load_error(const char *ini_tail, const char *assignments, const char *orders,
			      const char *outcomes, const char *message)
{
	struct folder f;

	assert_false(load_cols(&f, ini_tail, assignments, orders, outcomes));
	assert_string_equal(f.message, message);
	cleanup(&f);
}

#define POS_ASSIGN "会员ID,分组\nu1,control\nu2,8折券\n"
#define POS_COLS   "[columns]\nuser_id = 会员ID\narm = 分组\norder_time = 下单时间\n"

static void missing_column(void **state)
{
	char many[8192];
	size_t n = 0;

	/* mapped: the header sought, its ini line, the headers found, the closest */
	expect_load_error("[columns]\nuser_id = 客户编号\n", POS_ASSIGN, NULL, "user_id,orders\n",
			  "assignments.csv:1: missing column '客户编号' ([columns] user_id, "
			  "experiment.ini line 8) in the header (found: 会员ID, 分组)");
	expect_load_error("[columns]\nuser_id = 会员号\n", POS_ASSIGN, NULL, "user_id,orders\n",
			  "assignments.csv:1: missing column '会员号' ([columns] user_id, "
			  "experiment.ini line 8) in the header (found: 会员ID, 分组; closest: "
			  "会员ID)");
	expect_load_error("[columns]\nuser_id = 会员id\narm = 分组\n", POS_ASSIGN, NULL,
			  "user_id,orders\n",
			  "assignments.csv:1: missing column '会员id' ([columns] user_id, "
			  "experiment.ini line 8) in the header (found: 会员ID, 分组; closest: "
			  "会员ID)");
	/* not mapped: the hint of [columns] */
	expect_load_error("", POS_ASSIGN, NULL, "user_id,orders\n",
			  "assignments.csv:1: missing column 'user_id' in the header (found: "
			  "会员ID, 分组); map it in [columns] of experiment.ini: user_id = HEADER");
	/* amount or paid: either will do */
	expect_load_error(
	    POS_COLS, POS_ASSIGN, "会员ID,下单时间,实付\n", NULL,
	    "orders.csv:1: missing column 'amount' or 'paid' in the header (found: "
	    "会员ID, 下单时间, 实付); map it in [columns] of experiment.ini: amount = "
	    "HEADER");
	expect_load_error(POS_COLS "paid = 实付金额\n", POS_ASSIGN, "会员ID,下单时间,实付\n", NULL,
			  "orders.csv:1: missing column 'amount' or '实付金额' ([columns] paid, "
			  "experiment.ini line 11) in the header (found: 会员ID, 下单时间, 实付; "
			  "closest: 实付)");
	/* a control character in a header is not passed to the terminal */
	expect_load_error("", "user\x1b[2J,arm\nu1,control\n", NULL, "user_id,orders\n",
			  "assignments.csv:1: missing column 'user_id' in the header (found: "
			  "user\xef\xbf\xbd[2J, arm; closest: user\xef\xbf\xbd[2J); map it in "
			  "[columns] of experiment.ini: "
			  "user_id = HEADER");
	/* very many headers: cut, with the count of the rest */
	n += (size_t)snprintf(many, sizeof(many), "arm");
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(many + n, sizeof(many) - n, ",column%03d", i);
	snprintf(many + n, sizeof(many) - n, "\ncontrol");
	{
		struct folder f;
		assert_false(load_cols(&f, "", many, NULL, "user_id,orders\n"));
		assert_non_null(strstr(f.message, "(found: arm, column000, column001, "));
		assert_non_null(strstr(f.message, ", … (2"));
		assert_non_null(strstr(f.message, " more))"));
		assert_true(strlen(f.message) < 400);
		cleanup(&f);
	}
}

static const struct uplift_user *user(const struct folder *f, const char *id,
				      struct uplift_user *fresh)
{
	long u = uplift_strtab_find(&f->data->ids, id, strlen(id));

	assert_true(u >= 0);
	return uplift_data_user(f->data, (size_t)u, fresh);
}

/* paid instead of amount gives what amount gave; both must agree to the cent */
static void paid_value(void **state)
{
	struct folder a, b;
	struct uplift_user fa, fb;

	assert_true(load_cols(&a, "", "user_id,arm\nu1,control\nu2,8折券\n",
			      "user_id,order_time,amount,discount\nu1,2026-11-16,30,0\n"
			      "u2,2026-11-17,30.50,6.10\nu2,2026-11-18 10:00,12,0\n",
			      NULL));
	assert_true(load_cols(&b, POS_COLS "paid = 实付金额\ndiscount = 优惠金额\n", POS_ASSIGN,
			      "会员ID,下单时间,实付金额,优惠金额\nu1,2026/11/16,30,0\n"
			      "u2,2026/11/17 9:05,24.40,6.10\nu2,2026/11/18 10:00:00,12,\n",
			      NULL));
	for (int i = 0; i < 2; i++) {
		const char *id = i ? "u2" : "u1";
		const struct uplift_user *x = user(&a, id, &fa), *y = user(&b, id, &fb);
		assert_int_equal(x->orders, y->orders);
		assert_close(y->paid, x->paid, 1e-12);
		assert_close(y->discount, x->discount, 1e-12);
	}
	assert_int_equal(b.data->counts.orders.used, 3);
	cleanup(&a);
	cleanup(&b);

	/* both: checked on every row, the row that breaks it named */
	expect_load_error(
	    POS_COLS "paid = 实付金额\namount = 订单金额\ndiscount = 优惠金额\n", POS_ASSIGN,
	    "会员ID,下单时间,订单金额,实付金额,优惠金额\nu1,2026/11/16,30,30,0\n"
	    "u2,2026/11/17,30.50,24.40,6.10\nu2,2026/11/17,30.50,24.50,6.10\n",
	    NULL,
	    "orders.csv:4: column '实付金额': 24.50 + discount 6.10 is not the amount "
	    "30.50 (amount = paid + discount, to the cent)");
	assert_true(
	    load_cols(&a, POS_COLS "paid = 实付金额\namount = 订单金额\n", POS_ASSIGN,
		      "会员ID,下单时间,订单金额,实付金额,discount\nu2,2026/11/17,30.50,24.40,6.10\n"
		      "u2,2026/11/17,30.504,30.50,\n",
		      NULL));
	assert_close(user(&a, "u2", &fa)->paid, 24.40 + 30.504, 1e-12);
	cleanup(&a);
	/* amount = paid: the header "paid" holds the amount, and the paid column is none */
	assert_true(load_cols(&a, "[columns]\namount = paid\n",
			      "user_id,arm\nu1,control\nu2,8折券\n",
			      "user_id,order_time,paid,discount\nu1,2026-11-16,30,5\n", NULL));
	assert_close(user(&a, "u1", &fa)->paid, 25, 1e-12);
	assert_close(user(&a, "u1", &fa)->discount, 5, 1e-12);
	cleanup(&a);
	/* amount and paid without a discount column (订单金额 and 实付金额 alone): the
	 * discount is their difference, and the file has a discount for the checks */
	assert_true(load_cols(&a, POS_COLS "paid = 实付金额\namount = 订单金额\n", POS_ASSIGN,
			      "会员ID,下单时间,订单金额,实付金额\nu2,2026/11/17,30.50,24.40\n"
			      "u2,2026/11/18,20,20\n",
			      NULL));
	assert_close(user(&a, "u2", &fa)->paid, 44.40, 1e-12);
	assert_close(user(&a, "u2", &fa)->discount, 6.10, 1e-12);
	assert_true(a.data->findings.has_discount);
	cleanup(&a);
	expect_load_error(POS_COLS "paid = 实付金额\namount = 订单金额\n", POS_ASSIGN,
			  "会员ID,下单时间,订单金额,实付金额\nu2,2026/11/17,20,24.40\n", NULL,
			  "orders.csv:2: column '实付金额': 24.40 is more than the amount 20");
}

static void refunds(void **state)
{
	struct folder f;
	struct uplift_user fresh;
	const char *orders = "user_id,order_time,amount,discount\nu1,2026-11-16,30,0\n"
			     "u1,2026-11-17,-12.50,0\nu2,2026-11-18,-40,-8\nu2,2026-11-18,20,4\n"
			     "u1,2026-11-01,-5,0\n";

	expect_load_error(
	    "", "user_id,arm\nu1,control\nu2,8折券\n", orders, NULL,
	    "orders.csv:3: column 'amount': negative: '-12.50' (a refund row? with "
	    "refunds = net in [columns] of experiment.ini, refunds are netted against "
	    "the user's paid value)");
	assert_true(load_cols(&f, "[columns]\nrefunds = net\n",
			      "user_id,arm\nu1,control\nu2,8折券\n", orders, NULL));
	assert_int_equal(f.data->counts.orders.refund_rows, 3);
	assert_int_equal(f.data->counts.orders.used, 4);
	assert_int_equal(f.data->counts.orders.outside, 1);
	assert_int_equal(user(&f, "u1", &fresh)->orders, 1); /* a refund is no order */
	assert_close(user(&f, "u1", &fresh)->paid, 17.5, 1e-12);
	/* 16 paid, 32 refunded: never below 0, whatever the order of the rows */
	assert_close(user(&f, "u2", &fresh)->paid, 0, 1e-12);
	assert_close(user(&f, "u2", &fresh)->discount, 4, 1e-12);
	assert_int_equal(user(&f, "u2", &fresh)->orders, 1);
	cleanup(&f);
	/* paid alone, negative */
	assert_true(load_cols(&f, POS_COLS "paid = 实付金额\nrefunds = net\n", POS_ASSIGN,
			      "会员ID,下单时间,实付金额\nu1,2026/11/16,30\nu1,2026/11/16,-10\n",
			      NULL));
	assert_close(user(&f, "u1", &fresh)->paid, 20, 1e-12);
	assert_int_equal(f.data->counts.orders.refund_rows, 1);
	cleanup(&f);
	/* a refund with its sale's order id is no repeat of the sale (a POS export's way);
	 * the same refund twice is */
	assert_true(load_cols(&f, "[columns]\nrefunds = net\n",
			      "user_id,arm\nu1,control\nu2,8折券\n",
			      "user_id,order_time,amount,discount,order_id\nu1,2026-11-18,50,0,O1\n"
			      "u1,2026-11-18,-20,0,O1\nu1,2026-11-18,-20,0,O1\n",
			      NULL));
	assert_int_equal(f.data->counts.orders.refund_rows, 1);
	assert_int_equal(f.data->counts.orders.duplicate, 1);
	assert_close(user(&f, "u1", &fresh)->paid, 30, 1e-12);
	assert_int_equal(user(&f, "u1", &fresh)->orders, 1);
	cleanup(&f);
	/* a negative discount is a refund's only */
	expect_load_error("[columns]\nrefunds = net\n", "user_id,arm\nu1,control\nu2,8折券\n",
			  "user_id,order_time,amount,discount\nu1,2026-11-16,30,-1\n", NULL,
			  "orders.csv:2: column 'discount': negative: '-1'");
}

/* an ISO time with Z, moved to +08:00: 23:30 UTC on the 22nd is the 23rd, outside */
static void iso_window_edge(void **state)
{
	struct folder f;
	const char *orders = "user_id,order_time,amount\nu1,2026-11-22T23:30:00Z,30\n"
			     "u2,2026-11-15T16:30:00Z,10\nu2,2026-11-22T15:59:59Z,10\n";

	assert_true(load_cols(&f, "", "user_id,arm\nu1,control\nu2,8折券\n", orders, NULL));
	assert_int_equal(f.data->counts.orders.outside, 1);
	assert_int_equal(f.data->counts.orders.used, 2);
	cleanup(&f);
	assert_true(load_cols(&f, "", "user_id,arm\nu1,control\nu2,8折券\n",
			      "user_id,order_time,amount\nu1,2026-11-22T23:30:00+08:00,30\n",
			      NULL));
	assert_int_equal(f.data->counts.orders.used, 1);
	cleanup(&f);
}

static void outcome_flags(void **state)
{
	struct folder f;
	struct uplift_user fresh;

	assert_true(
	    load_cols(&f, "[columns]\nconverted = 是否下单\nrepurchased = 复购\n",
		      "user_id,arm\nu1,control\nu2,8折券\nu3,8折券\nu4,control\n", NULL,
		      "user_id,是否下单,复购\nu1,TRUE,FALSE\nu2,是,否\nu3,false,False\nu4,1,是\n"));
	assert_true(user(&f, "u1", &fresh)->converted);
	assert_false(user(&f, "u1", &fresh)->repurchased);
	assert_true(user(&f, "u2", &fresh)->converted);
	assert_false(user(&f, "u3", &fresh)->converted);
	assert_true(user(&f, "u4", &fresh)->repurchased);
	cleanup(&f);
	/* a flag's error says the spellings, not "write plain decimals" */
	expect_load_error("", "user_id,arm\nu1,control\nu2,8折券\n", NULL,
			  "user_id,converted\nu1,yes\n",
			  "outcomes.csv:2: column 'converted': expected a flag: 0/1 (or "
			  "0.0/1.0), true/false (any case) or 是/否, got 'yes'");
	expect_load_error("[columns]\nrevenue = 实付合计\n", "user_id,arm\nu1,control\nu2,8折券\n",
			  NULL, "user_id,实付合计\nu1,1\nu2,abc\n",
			  "outcomes.csv:3: column '实付合计': not a number: 'abc' (write plain "
			  "decimals like 1234.50)");
	expect_load_error("", "user_id,arm\nu1,control\nu2,8折券\n", NULL, "user_id,spend\nu1,1\n",
			  "outcomes.csv:1: no metric column (expected any of orders, revenue, "
			  "discount, converted, repurchased, or one mapped in [columns]; found: "
			  "user_id, spend)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(columns_parsed),  cmocka_unit_test(columns_errors),
	    cmocka_unit_test(timezone_error),  cmocka_unit_test(closest),
	    cmocka_unit_test(flags),           cmocka_unit_test(missing_column),
	    cmocka_unit_test(paid_value),      cmocka_unit_test(refunds),
	    cmocka_unit_test(iso_window_edge), cmocka_unit_test(outcome_flags),
	};
	return cmocka_run_group_tests_name("columns", tests, NULL, NULL);
}
