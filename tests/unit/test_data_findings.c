/*
 * test_data_findings.c - the loader's findings (data_findings.c) and the
 * data checks they give (checks_data.c, checks_words.c), on folders with
 * planted rows: control orders with a discount, a wrong percentage, a
 * 满80减15 discount under 80, an arm without a single discount, no discount
 * column at all, an outcomes.csv with an unused column and rows that
 * contradict themselves. Every count and line is written out by hand from
 * the rows below.
 */
#include "data_fixture.h"
#include "testutil.h"
#include "uplift.h"

#include "../../src/data_findings.h"

static const char *const ini =
    "[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n"
    "[arm control]\n"
    "[arm 8折券]\npercent_off = 20\n"
    "[arm 满80减15]\nmin_spend = 80\namount_off = 15\n"
    "[arm push]\n";

static const char *const assign = "user_id,arm\nc1,control\nc2,control\nt1,8折券\nt2,8折券\n"
				  "m1,满80减15\nm2,满80减15\np1,push\n";

/* The folder of exp_ini, assign and orders.csv or outcomes.csv, loaded. */
static void load_arms(struct folder *f, const char *exp_ini, const char *orders,
		      const char *outcomes)
{
	assert_true(load_folder(f, exp_ini, assign, orders, outcomes, NULL, 0));
}

/* The rule of each arm, order by order: to the cent, and no further. */
static void rules(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp =
	    uplift_experiment_parse(ini, strlen(ini), "experiment.ini", "t", NULL, &err);
	struct uplift_findings f = {0};

	assert_non_null(exp);
	assert_true(uplift_findings_init(&f, exp, "orders.csv", true));
	assert_int_equal(f.n_arms, 4);
	/* 8折券: 20% of 33.33 is 6.666: 6.67 and 6.66 are within a cent, 6.65 is not */
	uplift_findings_order(&f, exp, 1, 10, 33.33, 6.67);
	uplift_findings_order(&f, exp, 1, 11, 33.33, 6.66);
	uplift_findings_order(&f, exp, 1, 12, 33.33, 6.65);
	uplift_findings_order(&f, exp, 1, 13, 50, 0); /* no coupon used: no rule */
	assert_int_equal(f.arm[1].orders, 4);
	assert_int_equal(f.arm[1].discounted, 3);
	assert_int_equal(f.arm[1].mismatch.count, 1);
	assert_int_equal(f.arm[1].mismatch.line[0], 12);
	/* 满80减15: 15 on 80 and 120; 15 on 79.99 is below min_spend (not also a mismatch);
	 * 14.98 on 90 is off by more than a cent */
	uplift_findings_order(&f, exp, 2, 20, 80, 15);
	uplift_findings_order(&f, exp, 2, 21, 120, 15.01);
	uplift_findings_order(&f, exp, 2, 22, 79.99, 15);
	uplift_findings_order(&f, exp, 2, 23, 90, 14.98);
	uplift_findings_order(&f, exp, 2, 24, 70, 15);
	uplift_findings_order(&f, exp, 2, 25, 60, 12);
	assert_int_equal(f.arm[2].discounted, 6);
	assert_int_equal(f.arm[2].mismatch.count, 1);
	assert_int_equal(f.arm[2].mismatch.line[0], 23);
	assert_int_equal(f.arm[2].below_min_spend.count, 3);
	assert_int_equal(f.arm[2].below_min_spend.line[0], 22);
	assert_int_equal(f.arm[2].below_min_spend.line[1], 24); /* the first two only */
	/* control: any discount at all; push declares nothing: no rule */
	uplift_findings_order(&f, exp, 0, 30, 20, 0.01);
	uplift_findings_order(&f, exp, 0, 31, 20, 0);
	uplift_findings_order(&f, exp, 3, 40, 20, 5);
	assert_int_equal(f.arm[0].mismatch.count, 1);
	assert_int_equal(f.arm[0].orders, 2);
	assert_int_equal(f.arm[3].mismatch.count, 0);
	assert_int_equal(f.arm[3].discounted, 1);

	/* a flat 15 off with no min_spend (init starts over): an order below 15 gets all of it off
	 */
	assert_true(uplift_findings_init(&f, exp, "orders.csv", true));
	exp->arms[2].min_spend = 0;
	uplift_findings_order(&f, exp, 2, 50, 10, 10);
	uplift_findings_order(&f, exp, 2, 51, 10, 9);
	assert_int_equal(f.arm[2].mismatch.count, 1);
	assert_int_equal(f.arm[2].mismatch.line[0], 51);
	assert_int_equal(f.arm[2].below_min_spend.count, 0);

	/* --control 8折券: a control with a coupon has its coupon's rule, not "no discount" */
	assert_true(uplift_findings_init(&f, exp, "orders.csv", true));
	f.has_discount = true;
	exp->control = 1;
	uplift_findings_order(&f, exp, 1, 60, 50, 10);
	uplift_findings_order(&f, exp, 1, 61, 50, 5);
	assert_int_equal(f.arm[1].discounted, 2);
	assert_int_equal(f.arm[1].mismatch.count, 1);
	assert_int_equal(f.arm[1].mismatch.line[0], 61);
	{
		struct uplift_check *k;
		size_t n;
		assert_true(uplift_checks_from_findings(exp, &f, &k, &n));
		assert_int_equal(n, 1);
		assert_int_equal(k[0].code, UPLIFT_CHECK_DISCOUNT_MISMATCH);
		assert_int_equal(k[0].arm, 1);
		free(k);
	}
	free(f.arm);
	uplift_experiment_free(exp);
}

/*
 * A folder with every kind of planted order. In the window: control c1 has
 * a 20% discount (line 2) and c2 one of 5 (line 4); 8折券 t1 has 10% off
 * (line 5), t2 20% (line 6); 满80减15 m1 15 off 70 (line 7) and 15 off 85
 * (line 8), m2 10 off 100 (line 9); push p1 nothing. Line 3 is outside the
 * window, line 10 of no user: neither counts.
 */
static const char *const planted = "user_id,order_time,amount,discount\n"
				   "c1,2026-11-16,30,6\n"       /* 2 */
				   "c1,2026-11-10,30,6\n"       /* 3: before the window */
				   "c2,2026-11-17 10:00,40,5\n" /* 4 */
				   "t1,2026-11-18,50,5\n"       /* 5: 10%, not 20% */
				   "t2,2026-11-18,50,10\n"      /* 6 */
				   "m1,2026-11-19,70,15\n"      /* 7: below 80 */
				   "m1,2026-11-20,85,15\n"      /* 8 */
				   "m2,2026-11-21,100,10\n"     /* 9: 10, not 15 */
				   "zz,2026-11-21,100,10\n"     /* 10: no user */
				   "p1,2026-11-22,20,0\n";      /* 11 */

static void planted_orders(void **state)
{
	struct folder f;
	const struct uplift_findings *x;
	struct uplift_check *k;
	size_t n;
	char buf[1024];

	load_arms(&f, ini, planted, NULL);
	x = &f.data->findings;
	assert_string_equal(x->file, "orders.csv");
	assert_true(x->has_discount);
	assert_int_equal(x->arm[0].orders, 2);
	assert_int_equal(x->arm[0].discounted, 2);
	assert_int_equal(x->arm[0].mismatch.count, 2);
	assert_int_equal(x->arm[0].mismatch.line[0], 2);
	assert_int_equal(x->arm[0].mismatch.line[1], 4);
	assert_int_equal(x->arm[1].mismatch.count, 1);
	assert_int_equal(x->arm[1].mismatch.line[0], 5);
	assert_int_equal(x->arm[2].discounted, 3);
	assert_int_equal(x->arm[2].below_min_spend.count, 1);
	assert_int_equal(x->arm[2].below_min_spend.line[0], 7);
	assert_int_equal(x->arm[2].mismatch.count, 1);
	assert_int_equal(x->arm[2].mismatch.line[0], 9);
	assert_int_equal(x->arm[3].orders, 1);
	/* every metric is there: the discounts are known */
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));

	assert_true(uplift_checks_from_findings(f.exp, x, &k, &n));
	assert_int_equal(n, 4);
	assert_int_equal(k[0].code, UPLIFT_CHECK_CONTROL_DISCOUNT);
	assert_int_equal(k[0].severity, UPLIFT_CHECK_ERROR);
	assert_int_equal(k[0].arm, 0);
	assert_int_equal(k[0].count, 2);
	assert_int_equal(k[0].of, 2);
	assert_int_equal(k[0].example[0], 2);
	assert_int_equal(k[0].example[1], 4);
	assert_int_equal(k[1].code, UPLIFT_CHECK_DISCOUNT_MISMATCH);
	assert_int_equal(k[1].severity, UPLIFT_CHECK_ERROR);
	assert_int_equal(k[1].arm, 1);
	assert_int_equal(k[1].of, 2); /* discounted orders */
	assert_int_equal(k[2].code, UPLIFT_CHECK_DISCOUNT_MISMATCH);
	assert_int_equal(k[2].arm, 2);
	assert_int_equal(k[3].code, UPLIFT_CHECK_BELOW_MIN_SPEND);
	assert_int_equal(k[3].severity, UPLIFT_CHECK_WARNING);
	assert_int_equal(k[3].arm, 2);
	assert_int_equal(k[3].count, 1);
	assert_int_equal(k[3].of, 3);
	assert_int_equal(k[3].example[0], 7);
	assert_int_equal(k[3].example[1], 0);

	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, "control", NULL, false, buf, sizeof(buf)),
	    "control: 2 of 2 orders in the window carry a discount (orders.csv "
	    "lines 2, 4): the control group should get no coupon; check who "
	    "received the coupons before trusting any effect");
	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, "control", NULL, true, buf, sizeof(buf)),
	    "对照组（control）有 2 笔订单使用了优惠（活动期内共 2 笔订单；orders.csv "
	    "第 2、4 行）：对照组不应收到券，请先核对发券名单，再解读任何效果");
	assert_string_equal(
	    uplift_checks_words(&k[1], f.exp, "8折券", NULL, false, buf, sizeof(buf)),
	    "8折券: 1 of 2 discounted orders differ from the declared 20% off by "
	    "more than a cent (orders.csv line 5): check percent_off in "
	    "experiment.ini against the discount column");
	assert_string_equal(
	    uplift_checks_words(&k[2], f.exp, "满80减15", NULL, true, buf, sizeof(buf)),
	    "满80减15 有 1 笔使用优惠的订单（共 3 笔）优惠金额与声明的减 15 相差超过 "
	    "1 分（orders.csv 第 9 行）：请核对 `experiment.ini` 的 `amount_off` 与优惠"
	    "金额列");
	assert_string_equal(
	    uplift_checks_words(&k[3], f.exp, "满80减15", NULL, false, buf, sizeof(buf)),
	    "满80减15: 1 of 3 discounted orders are below min_spend 80 (orders.csv "
	    "line 7): the coupon was redeemed under its threshold; check min_spend "
	    "in experiment.ini and the coupon's rule at the till");
	/* a short buffer cuts at a whole character: 7 bytes end inside 减 */
	uplift_checks_words(&k[2], f.exp, "满80减15", NULL, true, buf, 8);
	assert_string_equal(buf, "满80");
	/* not a data check: no words */
	k[0].code = UPLIFT_CHECK_SRM;
	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, "control", NULL, false, buf, sizeof(buf)), "");
	free(k);
	cleanup(&f);
}

/* An arm whose coupon nobody used, while others did: no_redemption for it alone. */
static void no_redemption(void **state)
{
	static const char *const orders = "user_id,order_time,amount,discount\n"
					  "t1,2026-11-18,50,10\n"
					  "m1,2026-11-19,70,0\n"
					  "m2,2026-11-19,90,0\n"
					  "m2,2026-11-10,90,15\n" /* outside the window */
					  "p1,2026-11-22,20,0\n";
	struct folder f;
	struct uplift_check *k;
	size_t n;
	char buf[1024];

	load_arms(&f, ini, orders, NULL);
	assert_true(uplift_checks_from_findings(f.exp, &f.data->findings, &k, &n));
	assert_int_equal(n, 1);
	assert_int_equal(k[0].code, UPLIFT_CHECK_NO_REDEMPTION);
	assert_int_equal(k[0].severity, UPLIFT_CHECK_WARNING);
	assert_int_equal(k[0].arm, 2);
	assert_int_equal(k[0].of, 2);
	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, "满80减15", NULL, false, buf, sizeof(buf)),
	    "满80减15: none of its 2 orders in the window carries a discount, though "
	    "experiment.ini declares a coupon: check that the coupon was sent and "
	    "that the discount column is the right one");
	free(k);
	cleanup(&f);
}

/*
 * No discount column while two arms declare coupons: missing_discount, and
 * the coupon's cost, redemption and profit are not in the data (never 0);
 * no_redemption stays silent (there is nothing to redeem in). Without any
 * coupon declared the same file is fine.
 */
static void missing_discount(void **state)
{
	static const char *const orders = "user_id,order_time,amount\n"
					  "t1,2026-11-18,50\n"
					  "m1,2026-11-19,90\n";
	static const char *const plain = "[experiment]\ncontrol = control\nstart = 2026-11-16\n"
					 "end = 2026-11-22\n[arm control]\n[arm 8折券]\n"
					 "[arm 满80减15]\n[arm push]\n";
	struct folder f;
	struct uplift_check *k;
	size_t n;
	char buf[1024];

	load_arms(&f, ini, orders, NULL);
	assert_false(f.data->findings.has_discount);
	assert_false(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	assert_false(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION));
	assert_false(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_PROFIT));
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_REVENUE));
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT));
	assert_true(uplift_checks_from_findings(f.exp, &f.data->findings, &k, &n));
	assert_int_equal(n, 1);
	assert_int_equal(k[0].code, UPLIFT_CHECK_MISSING_DISCOUNT);
	assert_int_equal(k[0].severity, UPLIFT_CHECK_ERROR);
	assert_int_equal(k[0].count, 2);
	assert_int_equal(k[0].arm, -1);
	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, NULL, NULL, false, buf, sizeof(buf)),
	    "experiment.ini declares a coupon for 2 arms but orders.csv has no "
	    "discount column: the coupon's cost, redemption and profit cannot be "
	    "computed and are left out; incremental revenue and conversion are still "
	    "reported (revenue is the order amount before any discount, which overstates "
	    "what the coupon arms' customers paid: map the paid value in [columns], "
	    "paid = HEADER)");
	free(k);
	cleanup(&f);

	/* the paid value given (after discount): revenue is right, only the cost is unknown */
	load_arms(&f, ini, "user_id,order_time,paid\nt1,2026-11-18,40\nm1,2026-11-19,75\n", NULL);
	assert_true(uplift_checks_from_findings(f.exp, &f.data->findings, &k, &n));
	assert_int_equal(n, 1);
	assert_false(k[0].gross);
	assert_null(strstr(uplift_checks_words(&k[0], f.exp, NULL, NULL, false, buf, sizeof(buf)),
			   "before any discount"));
	free(k);
	cleanup(&f);

	load_arms(&f, plain, orders, NULL);
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	assert_true(uplift_checks_from_findings(f.exp, &f.data->findings, &k, &n));
	assert_int_equal(n, 0);
	assert_null(k);
	cleanup(&f);
}

/*
 * outcomes.csv with two columns nobody reads and three rows that contradict
 * themselves: converted 0 with revenue (line 3), repurchased without
 * converted (line 5), converted 0 with a discount (line 7). Line 8, an
 * unassigned user's, is checked too (8 rows of 9 lines).
 */
static void outcomes(void **state)
{
	static const char *const rows =
	    "user_id,spend,revenue,converted,repurchased,discount,visit\n"
	    "c1,1,0,0,0,0,1\n"  /* 2 */
	    "c2,1,55,0,0,0,1\n" /* 3 */
	    "t1,1,30,1,1,6,1\n" /* 4 */
	    "t2,1,0,0,1,0,0\n"  /* 5 */
	    "m1,1,20,1,0,0,0\n" /* 6 */
	    "m2,1,0,0,0,15,0\n" /* 7 */
	    "zz,1,5,0,0,0,0\n"  /* 8 */
	    "p1,1,0,0,0,0,0\n"; /* 9 */
	struct folder f;
	const struct uplift_findings *x;
	struct uplift_check *k;
	size_t n;
	char buf[1024];

	load_arms(&f, ini, NULL, rows);
	x = &f.data->findings;
	assert_string_equal(x->file, "outcomes.csv");
	assert_null(x->arm);
	assert_true(x->has_discount);
	assert_string_equal(x->ignored, "spend, visit");
	assert_int_equal(x->n_ignored, 2);
	assert_int_equal(x->rows, 8);
	assert_int_equal(x->inconsistent.count, 4); /* lines 3, 5, 7 and 8 */
	assert_int_equal(x->inconsistent.line[0], 3);
	assert_int_equal(x->inconsistent.line[1], 5);
	assert_true(uplift_checks_from_findings(f.exp, x, &k, &n));
	assert_int_equal(n, 2);
	assert_int_equal(k[0].code, UPLIFT_CHECK_IGNORED_COLUMNS);
	assert_int_equal(k[0].severity, UPLIFT_CHECK_WARNING);
	assert_string_equal(k[0].names, "spend, visit");
	assert_int_equal(k[1].code, UPLIFT_CHECK_INCONSISTENT_OUTCOME);
	assert_int_equal(k[1].count, 4);
	assert_int_equal(k[1].of, 8);
	assert_string_equal(
	    uplift_checks_words(&k[0], f.exp, NULL, "spend, visit", false, buf, sizeof(buf)),
	    "outcomes.csv: 2 columns not used (spend, visit): uplift reads user_id, "
	    "orders, revenue, discount, converted and repurchased; map a column to "
	    "one of them in [columns]");
	assert_string_equal(
	    uplift_checks_words(&k[1], f.exp, NULL, NULL, true, buf, sizeof(buf)),
	    "outcomes.csv 有 4 行（共 8 行）自相矛盾（`converted` 为 0 却有收入、订单或优惠，或 "
	    "`repurchased` 为 1 而 `converted` 为 0；第 3、5 行）：请核对导出时这些列是如何计算的");
	free(k);
	cleanup(&f);

	/* without converted or orders, conversion is unknown: revenue alone contradicts nothing */
	load_arms(&f, ini, NULL, "user_id,revenue\nc1,5\nt1,0\n");
	assert_int_equal(f.data->findings.inconsistent.count, 0);
	assert_int_equal(f.data->findings.n_ignored, 0);
	assert_null(f.data->findings.ignored);
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rules),         cmocka_unit_test(planted_orders),
	    cmocka_unit_test(no_redemption), cmocka_unit_test(missing_discount),
	    cmocka_unit_test(outcomes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
