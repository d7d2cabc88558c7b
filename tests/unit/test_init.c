/*
 * test_init.c - the pieces of "uplift init" (uplift_init.h): header
 * synonyms, the control by its name, the coupon from discounts and from
 * names, the days of export times, what the ini can hold, and a scan of a
 * small folder whose ini experiment.c reads back.
 */
#include "testutil.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_init.h"

static void synonyms(void **state)
{
	static const struct {
		const char *header;
		enum uplift_file_kind kind;
		int column;
	} cases[] = {
	    {"user_id", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_USER_ID},
	    {"会员ID", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_USER_ID},
	    {"会员id", UPLIFT_FILE_ORDERS, UPLIFT_COL_USER_ID},
	    {"会员编号", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_USER_ID},
	    {"用户ID", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_USER_ID},
	    {"Customer ID", UPLIFT_FILE_ORDERS, UPLIFT_COL_USER_ID},
	    {"customer_id", UPLIFT_FILE_ORDERS, UPLIFT_COL_USER_ID},
	    {"分组", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_ARM},
	    {"实验组", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_ARM},
	    {"组别", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_ARM},
	    {"Group", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_ARM},
	    {"variant", UPLIFT_FILE_ASSIGNMENTS, UPLIFT_COL_ARM},
	    {"下单时间", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_TIME},
	    {"支付时间", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_TIME},
	    {"订单时间", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_TIME},
	    {"order_date", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_TIME},
	    {"created_at", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_TIME},
	    {"订单金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_AMOUNT},
	    {"原价", UPLIFT_FILE_ORDERS, UPLIFT_COL_AMOUNT},
	    {"应付金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_AMOUNT},
	    {"订单金额(元)", UPLIFT_FILE_ORDERS, UPLIFT_COL_AMOUNT},
	    {"实付金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"实收金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"支付金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"实付金额（元）", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"paid_amount", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"Paid Amount", UPLIFT_FILE_ORDERS, UPLIFT_COL_PAID},
	    {"优惠金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_DISCOUNT},
	    {"券抵扣", UPLIFT_FILE_ORDERS, UPLIFT_COL_DISCOUNT},
	    {"折扣金额", UPLIFT_FILE_ORDERS, UPLIFT_COL_DISCOUNT},
	    {"discount_amount", UPLIFT_FILE_ORDERS, UPLIFT_COL_DISCOUNT},
	    {"优惠金额", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_DISCOUNT},
	    {"订单号", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_ID},
	    {"order-id", UPLIFT_FILE_ORDERS, UPLIFT_COL_ORDER_ID},
	    {"订单数", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_ORDERS},
	    {"spend", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_REVENUE},
	    {"conversion", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_CONVERTED},
	    {"是否复购", UPLIFT_FILE_OUTCOMES, UPLIFT_COL_REPURCHASED},
	    /* a column of another kind of file, or none */
	    {"分组", UPLIFT_FILE_ORDERS, -1},
	    {"订单金额", UPLIFT_FILE_ASSIGNMENTS, -1},
	    {"spend", UPLIFT_FILE_ORDERS, -1},
	    {"下单时间", UPLIFT_FILE_OUTCOMES, -1},
	    {"channel", UPLIFT_FILE_ASSIGNMENTS, -1},
	    {"门店", UPLIFT_FILE_ORDERS, -1},
	    {"segment", UPLIFT_FILE_ASSIGNMENTS, -1},
	    {"visit", UPLIFT_FILE_OUTCOMES, -1},
	    {"(元)", UPLIFT_FILE_ORDERS, -1},
	    {"", UPLIFT_FILE_ORDERS, -1},
	    {"___", UPLIFT_FILE_ORDERS, -1},
	};
	int rank;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		int got = uplift_column_synonyms_find(cases[i].header, cases[i].kind, NULL);
		if (got != cases[i].column) {
			print_error("'%s' (kind %d): %d, want %d\n", cases[i].header,
				    (int)cases[i].kind, got, cases[i].column);
			fail();
		}
	}
	/* uplift's own name, exactly, ranks first; a synonym after it, the better one first */
	assert_int_equal(uplift_column_synonyms_find("order_time", UPLIFT_FILE_ORDERS, &rank), 2);
	assert_int_equal(rank, 0);
	assert_int_equal(uplift_column_synonyms_find("Order_Time", UPLIFT_FILE_ORDERS, &rank), 2);
	assert_true(rank > 0);
	{
		int r1, r2;
		uplift_column_synonyms_find("下单时间", UPLIFT_FILE_ORDERS, &r1);
		uplift_column_synonyms_find("支付时间", UPLIFT_FILE_ORDERS, &r2);
		assert_true(r1 <
			    r2); /* a POS export with both: the order's time, not the payment's */
	}
	assert_string_equal(uplift_columns_name(UPLIFT_COL_USER_ID), "user_id");
	assert_string_equal(uplift_columns_name(UPLIFT_COL_REPURCHASED), "repurchased");
}

static void control_names(void **state)
{
	static const char *const yes[] = {"control",
					  "Control",
					  "CONTROL",
					  "ctrl",
					  "holdout",
					  "Hold-out",
					  "对照",
					  "对照组",
					  "不触达",
					  "control group",
					  "Control (no coupon)",
					  "对照组（不发券）",
					  "control_group"};
	static const char *const no[] = {"8折券",      "满80减15", "treatment", "A组",
					 "controlled", "非对照",   "",          "(对照)"};
	const char *const arms1[] = {"8折券", "满80减15", "不触达"};
	const char *const arms2[] = {"A", "B"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (!uplift_arm_guess_is_control(yes[i])) {
			print_error("'%s' is not taken for a control\n", yes[i]);
			fail();
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (uplift_arm_guess_is_control(no[i])) {
			print_error("'%s' is taken for a control\n", no[i]);
			fail();
		}
	assert_int_equal(uplift_arm_guess_control(arms1, 3), 2);
	assert_int_equal(uplift_arm_guess_control(arms2, 2), -1);
}

/* The orders of a percentage coupon: discount = round(amount * p / 100, 2). */
static struct uplift_coupon percent_orders(double p, int n)
{
	struct uplift_coupon_obs o;

	uplift_coupon_guess_start(&o);
	for (int i = 0; i < n; i++) {
		double amount = 12.5 + 7.3 * i;
		uplift_coupon_guess_observe(&o, amount, round(amount * p) / 100);
		uplift_coupon_guess_observe(&o, amount + 1, 0); /* an order without the coupon */
	}
	return uplift_coupon_guess(&o);
}

static void coupon_from_discounts(void **state)
{
	struct uplift_coupon_obs o;
	struct uplift_coupon c;

	c = percent_orders(20, 50);
	assert_int_equal(c.kind, UPLIFT_COUPON_PERCENT);
	assert_close(c.percent_off, 20, 0);
	c = percent_orders(12.5, 50);
	assert_int_equal(c.kind, UPLIFT_COUPON_PERCENT);
	assert_close(c.percent_off, 12.5, 0);
	/* too few orders to tell: no guess */
	c = percent_orders(20, UPLIFT_COUPON_MIN_ORDERS - 1);
	assert_int_equal(c.kind, UPLIFT_COUPON_NONE);

	/* 满80减15 */
	uplift_coupon_guess_start(&o);
	for (int i = 0; i < 30; i++)
		uplift_coupon_guess_observe(&o, 80 + 3.5 * i, 15);
	uplift_coupon_guess_observe(&o, 45, 0);
	c = uplift_coupon_guess(&o);
	assert_int_equal(c.kind, UPLIFT_COUPON_THRESHOLD);
	assert_close(c.min_spend, 80, 0);
	assert_close(c.amount_off, 15, 0);
	/* the same discount but the smallest order at 83.50: the threshold is not known */
	uplift_coupon_guess_start(&o);
	for (int i = 0; i < 30; i++)
		uplift_coupon_guess_observe(&o, 83.5 + 3 * i, 15);
	assert_int_equal(uplift_coupon_guess(&o).kind, UPLIFT_COUPON_NONE);
	/* a capped percentage (20% off, at most 10): neither fits, no guess */
	uplift_coupon_guess_start(&o);
	for (int i = 0; i < 30; i++) {
		double amount = 20 + 4 * i;
		uplift_coupon_guess_observe(&o, amount, fmin(10, round(amount * 20) / 100));
	}
	assert_int_equal(uplift_coupon_guess(&o).kind, UPLIFT_COUPON_NONE);
	/* no discount at all */
	uplift_coupon_guess_start(&o);
	for (int i = 0; i < 30; i++)
		uplift_coupon_guess_observe(&o, 20 + i, 0);
	assert_int_equal(uplift_coupon_guess(&o).kind, UPLIFT_COUPON_NONE);
	assert_int_equal(o.discounted, 0);
	assert_int_equal(o.orders, 30);
}

static void coupon_from_names(void **state)
{
	struct uplift_coupon c;

	c = uplift_coupon_guess_from_name("满80减15");
	assert_int_equal(c.kind, UPLIFT_COUPON_THRESHOLD);
	assert_close(c.min_spend, 80, 0);
	assert_close(c.amount_off, 15, 0);
	c = uplift_coupon_guess_from_name("8折券");
	assert_int_equal(c.kind, UPLIFT_COUPON_PERCENT);
	assert_close(c.percent_off, 20, 1e-12);
	c = uplift_coupon_guess_from_name("85折");
	assert_close(c.percent_off, 15, 1e-12);
	c = uplift_coupon_guess_from_name("7.5折券");
	assert_close(c.percent_off, 25, 1e-12);
	c = uplift_coupon_guess_from_name("20% off");
	assert_int_equal(c.kind, UPLIFT_COUPON_PERCENT);
	assert_close(c.percent_off, 20, 0);
	assert_int_equal(uplift_coupon_guess_from_name("control").kind, UPLIFT_COUPON_NONE);
	assert_int_equal(uplift_coupon_guess_from_name("满减").kind, UPLIFT_COUPON_NONE);
	assert_int_equal(uplift_coupon_guess_from_name("折扣").kind, UPLIFT_COUPON_NONE);
	assert_int_equal(uplift_coupon_guess_from_name("满15减80").kind, UPLIFT_COUPON_NONE);
}

static void days(void **state)
{
	static const struct {
		const char *s;
		bool ok;
		const char *day;
	} cases[] = {
	    {"2026-11-19", true, "2026-11-19"},
	    {"2026-11-19 07:05:54", true, "2026-11-19"},
	    {"2026/11/19 7:05", true, "2026-11-19"},
	    {"2026/1/9", true, "2026-01-09"},
	    {"2026-1-9 23:59:59", false, NULL}, /* dashes take two digits, as the loader */
	    {"2026-11-19T07:05:54", true, "2026-11-19"},
	    {"2026-11-19T07:05:54.123", true, "2026-11-19"},
	    /* 20:00 UTC is 04:00 the next day at +08:00 */
	    {"2026-11-19T20:00:00Z", true, "2026-11-20"},
	    {"2026-11-19T15:59:59Z", true, "2026-11-19"},
	    {"2026-11-19T16:00:00Z", true, "2026-11-20"},
	    /* 01:00 at +09:00 is 00:00 at +08:00; at -05:00 it is 14:00 */
	    {"2026-11-19T01:00:00+09:00", true, "2026-11-19"},
	    {"2026-11-19T00:30:00+09:00", true, "2026-11-18"},
	    {"2026-12-31T22:00:00-05:00", true, "2027-01-01"},
	    {"2026-11-19T07:05+0800", true, "2026-11-19"},
	    {"2026/2/30", false, NULL},
	    {"2026/11/19 25:00", false, NULL},
	    {"2026/11-19", false, NULL},
	    {"19/11/2026", false, NULL},
	    {"2026-11-19Z", false, NULL},
	    {"2026-11-19T07:05:54+", false, NULL},
	    {"", false, NULL},
	};
	char buf[16];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long day = 0;
		bool got = uplift_date_parse_tz(cases[i].s, strlen(cases[i].s), 480, &day);
		if (got != cases[i].ok ||
		    (got && strcmp(uplift_date_format(day, buf), cases[i].day))) {
			print_error("'%s': %d %s\n", cases[i].s, got, got ? buf : "");
			fail();
		}
	}
}

static void ini_values(void **state)
{
	assert_true(uplift_init_value_ok("会员ID"));
	assert_true(uplift_init_value_ok("Order Date"));
	assert_true(uplift_init_value_ok("金额(元)"));
	assert_false(uplift_init_value_ok(""));
	assert_false(uplift_init_value_ok(" 会员ID"));
	assert_false(uplift_init_value_ok("会员ID "));
	assert_false(uplift_init_value_ok("a;b"));
	assert_false(uplift_init_value_ok("a ;b"));
	assert_false(uplift_init_value_ok("a=b"));
	assert_false(uplift_init_value_ok("[x"));
	assert_false(uplift_init_value_ok("a\nb"));
	assert_false(uplift_init_value_ok("a\rb"));
	assert_true(uplift_init_arm_ok("满80减15"));
	assert_true(uplift_init_arm_ok("a;b=c"));
	assert_false(uplift_init_arm_ok("a]b"));
	assert_false(uplift_init_arm_ok(" a"));
	assert_false(uplift_init_arm_ok("a\tb\x01"));
	assert_false(uplift_init_arm_ok(""));
}

/* A folder of bare files: init's ini reads back as the arms, control and window found. */
static void scan_and_read_back(void **state)
{
	const char *dir = temp_dir();
	char path[256], *text = NULL;
	size_t len = 0;
	struct uplift_init_options opt = {UPLIFT_ENC_UTF8, NULL};
	struct uplift_error err;
	struct uplift_init *in;
	struct uplift_experiment *exp;
	FILE *fp;
	char buf[16];

	snprintf(path, sizeof(path), "%s/assignments.csv", dir);
	write_file(path, "user_id,arm,city\nu1,8折券,a\nu2,对照组,b\nu3,8折券,a\nu1,8折券,a\n");
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	write_file(path, "user_id,order_time,amount,discount\n"
			 "u1,2026/11/15 10:00,50,0\n"
			 "u1,2026/11/16 10:00,50,10\n"
			 "u3,2026-11-21T23:00:00Z,20,4\n" /* 2026-11-22 at +08:00 */
			 "u2,2026-11-25,30,0\n"
			 "zz,2026-11-10,30,0\n"
			 "u2,not a time,30,0\n");
	uplift_error_clear(&err);
	in = uplift_init_scan(dir, &opt, &err);
	assert_non_null(in);
	assert_int_equal(in->n_arms, 2);
	assert_string_equal(in->arms[0].name, "对照组");
	assert_int_equal(in->control_how, UPLIFT_INIT_CONTROL_NAMED);
	assert_int_equal(in->arms[0].users, 1);
	assert_int_equal(in->arms[1].users, 2);
	assert_int_equal(in->repeated_users, 1);
	assert_int_equal(in->arms[1].obs.discounted, 2);
	assert_string_equal(uplift_date_format(in->first_order, buf), "2026-11-10");
	assert_string_equal(uplift_date_format(in->last_order, buf), "2026-11-25");
	assert_string_equal(uplift_date_format(in->first_discount, buf), "2026-11-16");
	assert_string_equal(uplift_date_format(in->last_discount, buf), "2026-11-22");
	assert_int_equal(in->bad_times, 1);
	assert_int_equal(in->bad_time_line, 7);

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	uplift_init_write(in, fp);
	assert_int_equal(fclose(fp), 0);
	exp = uplift_experiment_parse(text, len, "experiment.ini", "x", NULL, &err);
	if (!exp)
		print_error("%s\n%s\n", err.message, text);
	assert_non_null(exp);
	assert_string_equal(exp->control_name, "对照组");
	assert_int_equal(exp->n_arms, 2);
	assert_string_equal(uplift_date_format(exp->start, buf), "2026-11-16");
	assert_string_equal(uplift_date_format(exp->end, buf), "2026-11-22");
	assert_null(strstr(text, "\n[columns]")); /* every header is uplift's own */
	assert_non_null(
	    strstr(text, "; assignments.csv: other columns (segments for --by): city\n"));
	uplift_experiment_free(exp);
	free(text);

	/* created once; the second time it exists */
	assert_int_equal(uplift_init_create(in, dir, &err), UPLIFT_OK);
	uplift_error_clear(&err);
	assert_int_equal(uplift_init_create(in, dir, &err), UPLIFT_EINPUT);
	assert_string_equal(err.file, "experiment.ini");
	assert_string_equal(err.message, "already exists; it is never overwritten");
	uplift_init_free(in);

	/* --control that is not an arm */
	opt.control = "control";
	uplift_error_clear(&err);
	assert_null(uplift_init_scan(dir, &opt, &err));
	assert_string_equal(err.message, "--control: 'control' is not an arm of assignments.csv "
					 "(the arms: 8折券, 对照组)");
	uplift_init_free(NULL);
}

/* Chinese headers: a [columns] line for each, verbatim. */
static void columns_section(void **state)
{
	const char *dir = temp_dir();
	char path[256], *text = NULL;
	size_t len = 0;
	struct uplift_init_options opt = {UPLIFT_ENC_UTF8, NULL};
	struct uplift_error err;
	struct uplift_init *in;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/assignments.csv", dir);
	write_file(path, "会员ID,实验组\nu1,A\nu2,B\n");
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	write_file(path, "用户ID,支付时间,实付金额,券抵扣,门店\nu1,2026/11/16 9:00,40,10,x\n");
	uplift_error_clear(&err);
	assert_non_null(in = uplift_init_scan(dir, &opt, &err));
	assert_int_equal(in->control_how, UPLIFT_INIT_CONTROL_FIRST);
	assert_int_equal(in->n_notes, 2);
	assert_non_null(
	    strstr(in->notes[1], "user_id is '会员ID' in one file and '用户ID' in orders.csv"));
	assert_non_null(strstr(in->notes[0], "takes the first, 'A'"));
	fp = open_memstream(&text, &len);
	uplift_init_write(in, fp);
	fclose(fp);
	assert_non_null(strstr(text,
			       "\n[columns]\nuser_id    = 会员ID\n;   but orders.csv calls it "
			       "\"用户ID\": one header serves every file, rename one of them\n"
			       "arm        = 实验组\norder_time = 支付时间\n"
			       "paid       = 实付金额   ; the value after the discount\n"
			       "discount   = 券抵扣\n"));
	assert_non_null(strstr(text, "; orders.csv: not read (ignored): 门店\n"));
	assert_non_null(strstr(text, "control = A   ; NOT recognised by its name"));
	free(text);
	uplift_init_free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(synonyms),
	    cmocka_unit_test(control_names),
	    cmocka_unit_test(coupon_from_discounts),
	    cmocka_unit_test(coupon_from_names),
	    cmocka_unit_test(days),
	    cmocka_unit_test(ini_values),
	    cmocka_unit_test(scan_and_read_back),
	    cmocka_unit_test(columns_section),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
