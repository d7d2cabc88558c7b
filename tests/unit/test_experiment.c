/*
 * test_experiment.c - experiment.ini: the contract's example, defaults, and
 * every error with its line.
 */
#include "testutil.h"
#include "uplift_date.h"
#include "uplift_experiment.h"

static const char *contract_ini =
    "[experiment]\n"
    "name    = T咖啡 会员发券 2026-W47\n"
    "control = control          ; the arm every other arm is compared with\n"
    "start   = 2026-11-16       ; first day of the outcome window, inclusive\n"
    "end     = 2026-11-22\n"
    "alpha   = 0.05             ; optional, default 0.05\n"
    "\n"
    "[arm control]\n"
    "weight = 1\n"
    "label  = 不触达\n"
    "\n"
    "[arm 8折券]\n"
    "weight      = 1\n"
    "percent_off = 20\n"
    "\n"
    "[arm 满80减15]\n"
    "weight     = 2\n"
    "min_spend  = 80\n"
    "amount_off = 15\n";

static struct uplift_experiment *load(const char *text, struct uplift_error *err)
{
	const char *dir = temp_dir();
	char path[128];
	struct uplift_experiment *exp;

	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	write_file(path, text);
	uplift_error_clear(err);
	exp = uplift_experiment_load(path, "folder", err);
	remove(path);
	rmdir(dir);
	return exp;
}

static void contract_example(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load(contract_ini, &err);

	assert_non_null(exp);
	assert_string_equal(exp->name, "T咖啡 会员发券 2026-W47");
	assert_int_equal(exp->n_arms, 3);
	assert_int_equal(exp->control, 0);
	assert_string_equal(exp->arms[1].name, "8折券");
	assert_string_equal(exp->arms[0].label, "不触达");
	assert_close(exp->arms[1].percent_off, 20, 0);
	assert_close(exp->arms[2].weight, 2, 0);
	assert_close(exp->arms[2].min_spend, 80, 0);
	assert_close(exp->arms[2].amount_off, 15, 0);
	assert_int_equal(exp->start, uplift_days_from_civil(2026, 11, 16));
	assert_int_equal(exp->end - exp->start, 6);
	assert_int_equal(exp->segments.asof, exp->start - 1);
	assert_false(exp->has_economics);
	assert_int_equal(uplift_experiment_find_arm(exp, "满80减15", strlen("满80减15")), 2);
	uplift_experiment_free(exp);
}

/* an arm section with no keys still defines the arm (weight 1) */
static void empty_arm_section(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load("[experiment]\ncontrol = c\nstart = 2026-01-01\n"
					     "end = 2026-01-07\n[arm c]\n[arm t]\n",
					     &err);

	assert_non_null(exp);
	assert_int_equal(exp->n_arms, 2);
	assert_close(exp->arms[1].weight, 1, 0);
	assert_string_equal(exp->name, "folder");
	assert_close(exp->alpha, 0.05, 0);
	uplift_experiment_free(exp);
}

static void expect_error(const char *text, const char *message)
{
	struct uplift_error err;
	char buf[1200];

	assert_null(load(text, &err));
	assert_int_equal(err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), message);
}

static void errors(void **state)
{
	const char *head = "[experiment]\ncontrol = c\nstart = 2026-01-01\nend = 2026-01-07\n";
	char text[512];

	snprintf(text, sizeof(text), "%s[arm c]\nweigth = 1\n[arm t]\n", head);
	expect_error(text, "experiment.ini:6: unknown key 'weigth' in section [arm c]");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\n[arms x]\nweight = 1\n", head);
	expect_error(text, "experiment.ini:7: unknown section [arms x] (expected [experiment], "
			   "[arm NAME], [segments] or [economics])");
	snprintf(text, sizeof(text), "%s[arm t]\n[arm u]\n", head);
	expect_error(text,
		     "experiment.ini:2: control arm 'c' is not defined (add an [arm c] section)");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\nweight = -1\n", head);
	expect_error(text, "experiment.ini:7: [arm t] weight: expected a number > 0, got '-1'");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\n[arm c]\n", head);
	expect_error(text, "experiment.ini:7: arm 'c' is defined twice (first at line 5)");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-02-30\nend = 2026-03-07\n",
		     "experiment.ini:3: [experiment] start: expected a date YYYY-MM-DD, got "
		     "'2026-02-30'");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-03-08\nend = 2026-03-07\n"
		     "[arm c]\n[arm t]\n",
		     "experiment.ini:4: end 2026-03-07 is before start 2026-03-08");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-03-01\nend = 2026-03-07\n"
		     "[arm c]\n",
		     "experiment.ini: an experiment needs at least two arms, found 1");
	expect_error("[experiment]\ncontrol = c\nthis line is broken\n",
		     "experiment.ini:3: malformed line (expected [section], key = value or a "
		     "comment)");
	expect_error("[experiment]\nstart = 2026-03-01\nend = 2026-03-07\n[arm c]\n[arm t]\n",
		     "experiment.ini: [experiment] has no 'control' key");
}

static void missing_file(void **state)
{
	struct uplift_error err;
	char buf[1200];

	uplift_error_clear(&err);
	assert_null(uplift_experiment_load("/nonexistent/experiment.ini", NULL, &err));
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)),
			    "experiment.ini: cannot open: No such file or directory");
}

static void dates(void **state)
{
	long d;
	char buf[16];

	/* GNU coreutils: echo $(( $(date -u -d 2026-11-16 +%s) / 86400 )) prints 20773 */
	assert_true(uplift_date_parse("2026-11-16", 10, &d));
	assert_int_equal(d, 20773);
	assert_string_equal(uplift_date_format(d, buf), "2026-11-16");
	assert_true(uplift_date_parse("2024-02-29 23:59:59", 19, &d));
	assert_string_equal(uplift_date_format(d, buf), "2024-02-29");
	assert_true(uplift_date_parse("2026-11-16T08:30", 16, &d));
	assert_false(uplift_date_parse("2025-02-29", 10, &d));
	assert_false(uplift_date_parse("2026-11-16 24:00", 16, &d));
	assert_false(uplift_date_parse("2026/11/16", 10, &d));
	assert_false(uplift_date_parse("2026-11-1", 9, &d));
	assert_false(uplift_date_parse("2026-11-16 8:30", 15, &d));
	/* a non-digit in each two-digit group */
	assert_false(uplift_date_parse("2x26-11-16", 10, &d));
	assert_false(uplift_date_parse("20x6-11-16", 10, &d));
	assert_false(uplift_date_parse("202x-11-16", 10, &d));
	assert_false(uplift_date_parse("2026-1x-16", 10, &d));
	assert_false(uplift_date_parse("2026-11-1x", 10, &d));
	assert_false(uplift_date_parse("2026-11-16 1x:30", 16, &d));
	assert_false(uplift_date_parse("2026-11-16 10:x0", 16, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30:5x", 19, &d));
	/* bytes just above '9' (':' ';' '?') where digits belong */
	assert_false(uplift_date_parse("2026-11-16 1::30:00", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:3;:00", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30:0?", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10;30:00", 19, &d));
	assert_true(uplift_date_parse("2026-11-16 23:59:59", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30 05", 19, &d));
	assert_false(uplift_date_parse("1899-12-31", 10, &d));
}

/*
 * The cached parse gives uplift_date_parse's verdict and day on every
 * string, in an order where dates repeat (hits), share a cache entry
 * (2026-11-16 and 2026-10-16 pick the same one) and come back with a bad time.
 */
static void dates_cached(void **state)
{
	static const char *const s[] = {
	    "2026-11-16 08:30:00", "2026-11-16 23:59:59", "2026-11-16",
	    "2026-11-16 24:00:00", "2026-10-16 08:30",    "2026-11-16 08:30",
	    "2026-11-16T08:30:61", "2026-11-16 08:30 ",   "2026-02-30 10:00",
	    "2026-02-30 10:00",    "2024-02-29",          "2024-02-29 00:00:00",
	    "2026-11-17 10:00:00", "2026-11-17 1x:00:00", "2026-11-17",
	    "2026-11-1",           "2026-11-16X08:30",    "2026-11-16 08:30:00",
	    "2026-13-16",          "2026-11-16 8:30:00"};
	struct uplift_date_cache c = {0};

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
			long want = -1, got = -1;
			bool ok = uplift_date_parse(s[i], strlen(s[i]), &want);
			assert_int_equal(uplift_date_parse_cached(&c, s[i], strlen(s[i]), &got),
					 ok);
			if (ok)
				assert_int_equal(got, want);
		}
	/* every day of three years, twice, in an order where neighbours in time
	 * (2026-11-06, -16, -26: one cache entry) keep replacing each other */
	for (int round = 0; round < 2; round++)
		for (int k = 0; k < 3 * 12 * 31; k++) {
			char t[32];
			int day = 1 + (k * 10 + k / 93) % 31, month = 1 + (k / 31) % 12,
			    year = 2025 + k / (12 * 31);
			long want = -1, got = -1;
			bool ok;
			snprintf(t, sizeof(t), "%04d-%02d-%02d 12:%02d:00", year, month, day,
				 k % 60);
			ok = uplift_date_parse(t, strlen(t), &want);
			assert_int_equal(uplift_date_parse_cached(&c, t, strlen(t), &got), ok);
			if (ok)
				assert_int_equal(got, want);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(contract_example), cmocka_unit_test(empty_arm_section),
	    cmocka_unit_test(errors),           cmocka_unit_test(dates_cached),
	    cmocka_unit_test(missing_file),     cmocka_unit_test(dates),
	};
	return cmocka_run_group_tests_name("experiment", tests, NULL, NULL);
}
