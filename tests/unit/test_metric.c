/*
 * test_metric.c - the metric table (src/metric.c), [metric NAME] sections
 * (src/experiment_metrics.c), the pooled percentile of capping (src/cap.c)
 * and the exposure windows of within_days (src/data_metrics.c).
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_suff.h"

#include <math.h>

#define HEAD                                                                                       \
	"[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n"                  \
	"[arm control]\n[arm 8折券]\n"

static struct uplift_experiment *load(const char *text, struct uplift_error *err)
{
	uplift_error_clear(err);
	return uplift_experiment_parse(text, strlen(text), "experiment.ini", "x", NULL, err);
}

/* The built-in metrics are table entries like any other. */
static void builtin_table(void **state)
{
	const struct uplift_metric_set *b = uplift_metric_builtin();

	assert_int_equal(b->n, UPLIFT_N_BUILTIN);
	assert_string_equal(uplift_metric_name(NULL, UPLIFT_AOV), "aov");
	assert_int_equal(uplift_metric_kind(NULL, UPLIFT_AOV), UPLIFT_RATIO);
	assert_int_equal(b->def[UPLIFT_AOV].of, UPLIFT_OF_PAID);
	assert_int_equal(b->def[UPLIFT_AOV].of_den, UPLIFT_OF_ORDERS);
	assert_false(uplift_metric_tested(NULL, UPLIFT_DISCOUNT));
	assert_true(uplift_metric_tested(NULL, UPLIFT_PROFIT));
	assert_int_equal(uplift_metric_parse(NULL, "redemption"), UPLIFT_REDEMPTION);
	assert_int_equal(uplift_metric_parse(NULL, "big_basket"), -1);
	assert_string_equal(uplift_metric_name(NULL, (enum uplift_metric)20), "?");
}

static void sections(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp =
	    load(HEAD "[decision]\nmetric = big_basket\n"
		      "[metric big_basket]\nkind = proportion\nof = orders\nwhere = amount >= 80\n"
		      "label = 大单率\n"
		      "[metric aov80]\nkind = ratio\nof = paid / orders\nwhere = paid > 50.5\n"
		      "[metric spend]\nkind = mean\nof = paid\ncap = p99.5\ncovariate = past\n"
		      "[metric back3]\nkind = proportion\nof = orders\nwithin_days = 3\n"
		      "[metric cost]\nkind = mean\nof = discount\ncap = 500\n",
		 &err);
	const struct uplift_metric_set *set;
	int m;

	assert_non_null(exp);
	set = &exp->metrics;
	assert_int_equal(set->n, UPLIFT_N_BUILTIN + 5);
	m = uplift_metric_parse(set, "big_basket");
	assert_int_equal(m, UPLIFT_N_BUILTIN);
	/* [decision] may name a section that comes after it */
	assert_int_equal(exp->decision.metric, m);
	assert_string_equal(uplift_metric_label(set, m), "大单率");
	assert_true(set->def[m].where.on);
	assert_int_equal(set->def[m].where.field, UPLIFT_OF_AMOUNT);
	assert_int_equal(set->def[m].where.op, UPLIFT_OP_GE);
	assert_true(set->def[m].where.value == 80);
	m = uplift_metric_parse(set, "aov80");
	assert_int_equal(set->def[m].kind, UPLIFT_RATIO);
	assert_int_equal(set->def[m].of_den, UPLIFT_OF_ORDERS);
	assert_int_equal(set->def[m].where.op, UPLIFT_OP_GT);
	assert_true(set->def[m].where.value == 50.5);
	m = uplift_metric_parse(set, "spend");
	assert_int_equal(set->def[m].cap.kind, UPLIFT_CAP_PERCENTILE);
	assert_true(set->def[m].cap.value == 99.5);
	assert_string_equal(set->def[m].covariate, "past");
	assert_true(uplift_metric_has_covariate(set, m));
	m = uplift_metric_parse(set, "back3");
	assert_int_equal(set->def[m].within_days, 3);
	assert_false(uplift_metric_has_covariate(set, m)); /* part of the orders: none */
	m = uplift_metric_parse(set, "cost");
	assert_false(uplift_metric_tested(set, m)); /* the coupon's cost, as discount */
	assert_int_equal(set->def[m].cap.kind, UPLIFT_CAP_FIXED);
	/* each capped metric gets an uncapped twin, once */
	assert_true(uplift_metric_set_twins(&exp->metrics));
	assert_true(uplift_metric_set_twins(&exp->metrics));
	assert_int_equal(set->n, UPLIFT_N_BUILTIN + 7);
	m = uplift_metric_parse(set, "spend");
	assert_true(uplift_metric_is_twin(set, set->def[m].uncapped));
	assert_string_equal(uplift_metric_name(set, set->def[m].uncapped), "spend (uncapped)");
	assert_false(uplift_metric_tested(set, set->def[m].uncapped));
	/* a twin is no name to ask for, but a statistics file may hold its rows */
	assert_int_equal(uplift_metric_parse(set, "spend (uncapped)"), -1);
	assert_int_equal(uplift_metric_parse_any(set, "spend (uncapped)"), set->def[m].uncapped);
	uplift_experiment_free(exp);
}

static void expect_error(const char *text, const char *message)
{
	struct uplift_error err;
	char buf[600];

	assert_null(load(text, &err));
	assert_int_equal(err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), message);
}

static void section_errors(void **state)
{
	expect_error(HEAD "[metric x]\nkind = share\nof = orders\n",
		     "experiment.ini:8: [metric x] kind: expected proportion, mean or ratio, got "
		     "'share'");
	expect_error(HEAD "[metric x]\nkind = mean\nof = paid\nwhere = amount ~ 80\n",
		     "experiment.ini:10: [metric x] where: expected FIELD OP NUMBER, FIELD amount, "
		     "paid or discount and OP <, <=, >= or >, such as amount >= 80; got 'amount ~ "
		     "80'");
	expect_error(HEAD "[metric x]\nkind = mean\nof = paid\nspeed = 3\n",
		     "experiment.ini:10: unknown key 'speed' in section [metric x]");
	expect_error(HEAD "[metric x]\nkind = mean\nof = paid\nkind = ratio\n",
		     "experiment.ini:10: key 'kind' is given twice (first at line 8)");
	expect_error(HEAD "[metric x]\nkind = proportion\nof = orders\ncap = p99\n",
		     "experiment.ini:10: [metric x] cap: a proportion counts users (0 or 1): there "
		     "is nothing to cap");
	expect_error(HEAD "[metric x]\nkind = ratio\nof = paid\n",
		     "experiment.ini:7: [metric x] of: a ratio takes of = A / B, such as paid / "
		     "orders");
	expect_error(HEAD "[metric x]\nkind = mean\nof = profit\n",
		     "experiment.ini:7: [metric x] of: profit needs [economics] gross_margin");
	expect_error(HEAD "[metric x]\nkind = mean\n",
		     "experiment.ini:7: [metric x] of: missing (expected orders, amount, paid, "
		     "discount, profit or a column of outcomes.csv)");
	expect_error(HEAD "[metric revenue]\nkind = mean\nof = paid\n",
		     "experiment.ini:7: [metric revenue]: revenue is a built-in metric; give yours "
		     "another name");
	expect_error(HEAD "[metric a b]\nkind = mean\nof = paid\n",
		     "experiment.ini:7: [metric a b]: a metric's name is 1 to 63 letters, digits "
		     "or '_' (it is used in --metrics lists and CSV files)");
	expect_error(HEAD "[metric x]\nkind = mean\nof = paid\n[metric x]\n",
		     "experiment.ini:10: [metric x] is defined twice (first at line 7)");
	expect_error(HEAD "[metric x]\nkind = mean\nof = paid\nwithin_days = 0\n",
		     "experiment.ini:10: [metric x] within_days: expected whole days, 1 to 366, "
		     "got '0'");
	expect_error(HEAD "[metric x]\nkind = mean\nof = visit\nwhere = paid > 1\n",
		     "experiment.ini:7: [metric x] where: only orders can be filtered: a column of "
		     "outcomes.csv has no orders");
	expect_error(HEAD "[decision]\nmetric = nothing\n",
		     "experiment.ini:8: [decision] metric: unknown metric 'nothing' (expected "
		     "conversion, repurchase, revenue, orders, aov, profit or a [metric NAME])");
}

static void caps(void **state)
{
	struct uplift_metric_cap c = {UPLIFT_CAP_NONE, 0};

	assert_true(uplift_metric_cap_parse("p99", &c));
	assert_int_equal(c.kind, UPLIFT_CAP_PERCENTILE);
	assert_true(c.value == 99);
	assert_true(uplift_metric_cap_parse("500", &c));
	assert_int_equal(c.kind, UPLIFT_CAP_FIXED);
	assert_false(uplift_metric_cap_parse("p0", &c));
	assert_false(uplift_metric_cap_parse("p100.5", &c));
	assert_false(uplift_metric_cap_parse("-5", &c));
	assert_false(uplift_metric_cap_parse("p99%", &c));
}

/*
 * The percentile interpolates as numpy's default (and SQL's
 * percentile_cont). Expected values from Debian's python3-numpy 1.24:
 *   /usr/bin/python3 -c "import numpy as np; v=[3.5,1,4,1,5,9,2.25,6,5,3,58];
 *     print([float(np.percentile(v,p)) for p in (99,90,50,12.5,100)])"
 *   -> [53.100000000000016, 9.0, 4.0, 1.3125, 58.0]
 * and the p90 cap is what scipy's winsorize makes of the top 10% (one value):
 *   from scipy.stats import mstats; mstats.winsorize(np.array(v), limits=(0, 0.1))
 *   -> the 58 becomes 9.0
 */
static void percentile_as_numpy(void **state)
{
	const double v[] = {3.5, 1, 4, 1, 5, 9, 2.25, 6, 5, 3, 58};
	const double p[] = {99, 90, 50, 12.5, 100};
	const double want[] = {53.100000000000016, 9.0, 4.0, 1.3125, 58.0};
	double w[11];

	for (size_t i = 0; i < 5; i++) {
		memcpy(w, v, sizeof(w));
		assert_true(fabs(uplift_cap_percentile(w, 11, p[i]) - want[i]) < 1e-12);
	}
	assert_true(isnan(uplift_cap_percentile(w, 0, 99)));
	w[0] = 7;
	assert_true(uplift_cap_percentile(w, 1, 99) == 7);
}

/* exposed_at as data_metrics.c stores it: minutes since the epoch x 2, + 1 with a time. */
static int64_t at(const char *s)
{
	long day, minute;

	assert_true(uplift_date_parse_minute(s, strlen(s), 480, &day, &minute));
	return minute < 0 ? (int64_t)day * 1440 * 2 : ((int64_t)day * 1440 + minute) * 2 + 1;
}

static long day_of(const char *s)
{
	long day;

	assert_true(uplift_date_parse(s, strlen(s), &day));
	return day;
}

/* within_days = 3: 72 hours from a time, the days d .. d + 2 from a date. */
static void exposure_windows(void **state)
{
	int64_t t = at("2026-11-17 15:00:00"), d = at("2026-11-17");
	long d17 = day_of("2026-11-17"), d20 = day_of("2026-11-20"), end = day_of("2026-11-22");

	assert_true(uplift_data_metrics_in_days(t, 3, d17, 15 * 60));      /* at the exposure */
	assert_false(uplift_data_metrics_in_days(t, 3, d17, 14 * 60 + 59)); /* a minute before */
	assert_true(uplift_data_metrics_in_days(t, 3, d20, 14 * 60 + 59));  /* 71:59 after */
	assert_false(uplift_data_metrics_in_days(t, 3, d20, 15 * 60));      /* 72:00 after */
	assert_true(uplift_data_metrics_in_days(t, 3, d17, -1));            /* a date alone: by days */
	assert_false(uplift_data_metrics_in_days(t, 3, d20, -1));
	assert_true(uplift_data_metrics_in_days(d, 3, d17 + 2, 23 * 60 + 59));
	assert_false(uplift_data_metrics_in_days(d, 3, d20, 0));
	assert_false(uplift_data_metrics_in_days(UPLIFT_NO_EXPOSURE, 3, d17, -1));
	/* over by the end of 2026-11-22 (24:00): exposed 11-19 15:00 + 72 h = 11-22 15:00 */
	assert_true(uplift_data_metrics_days_over(at("2026-11-19 15:00"), 3, end));
	assert_true(uplift_data_metrics_days_over(at("2026-11-20 00:00"), 3, end));
	assert_false(uplift_data_metrics_days_over(at("2026-11-20 00:01"), 3, end));
	assert_true(uplift_data_metrics_days_over(at("2026-11-20"), 3, end)); /* 20, 21, 22 */
	assert_false(uplift_data_metrics_days_over(at("2026-11-21"), 3, end));
	assert_false(uplift_data_metrics_days_over(UPLIFT_NO_EXPOSURE, 3, end));
	/* an offset is moved into the experiment's timezone (+08:00) */
	assert_true(at("2026-11-17T07:00:00Z") == t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builtin_table),	  cmocka_unit_test(sections),
	    cmocka_unit_test(section_errors),	  cmocka_unit_test(caps),
	    cmocka_unit_test(percentile_as_numpy), cmocka_unit_test(exposure_windows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
