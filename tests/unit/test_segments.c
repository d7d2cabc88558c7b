/*
 * test_segments.c - RFM types, grades, lifecycle stages and median
 * thresholds. The fixture tests/fixtures/rfm covers every branch and every
 * tie; the per-user expectations below follow the contract's tables by hand
 * and are confirmed by the independent pandas implementation:
 *   build/uplift segment tests/fixtures/rfm > s.csv
 *   /usr/bin/python3 tests/reference/check_segments.py tests/fixtures/rfm s.csv
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_segments.h"

static void fixture(void **state)
{
	static const struct {
		const char *id, *segment, *grade, *lifecycle;
	} want[] = {
	    {"u1", "重要价值客户", "A", "活跃用户"}, /* R tie 30 <= 30, F tie 3 >= 3 */
	    {"u2", "无消费记录", "-", "潜在用户"},   /* only an order after asof */
	    {"u3", "一般挽留客户", "C", "休眠用户"}, /* 61 > dormant_days 60 */
	    {"u4", "重要价值客户", "A", "忠实用户"}, /* 5 orders, the last on asof */
	    {"u5", "一般发展客户", "B", "新用户"},   /* first order 30 days before */
	    {"u6", "一般发展客户", "B", "活跃用户"}, /* first order 31 days before */
	    {"u7", "重要挽留客户", "B", "活跃用户"}, /* recency 31 > 30 */
	    {"u8", "无消费记录", "-", "潜在用户"},
	};
	const char *by[] = {"rfm_segment", "lifecycle", "rfm_grade"};
	struct uplift_load_options opt = {.by = by, .n_by = 3};
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_data *d;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("tests/fixtures/rfm/experiment.ini", "rfm", &err);
	assert_non_null(exp);
	d = uplift_data_load(exp, "tests/fixtures/rfm", &opt, &err);
	assert_non_null(d);
	assert_int_equal(d->counts.history.read, 15);
	assert_int_equal(d->counts.history.outside, 1);
	assert_int_equal(d->counts.history.unassigned, 1);
	assert_int_equal(d->counts.history.used, 13);
	/* monetary median over u1 u3 u4 u5 u6 u7, an even count:
	 * /usr/bin/python3 -c "import numpy as np; print(np.median([100, 80, 100, 55, 50, 150]))"
	 * -> 90.0 */
	assert_true(d->thresholds->monetary_median);
	assert_close(d->thresholds->monetary, 90.0, 1e-12);
	assert_false(d->thresholds->recency_median);
	assert_close(d->thresholds->recency_days, 30, 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		long u = uplift_strtab_find(&d->ids, want[i].id, 2);
		assert_true(u >= 0);
		assert_string_equal(uplift_strtab_get(&d->by[0].values, d->by[0].of_user[u], NULL),
				    want[i].segment);
		assert_string_equal(uplift_strtab_get(&d->by[1].values, d->by[1].of_user[u], NULL),
				    want[i].lifecycle);
		assert_string_equal(uplift_strtab_get(&d->by[2].values, d->by[2].of_user[u], NULL),
				    want[i].grade);
	}
	/* values are listed in the contract's order, including empty ones */
	assert_int_equal(d->by[0].values.n, UPLIFT_N_RFM);
	assert_string_equal(uplift_strtab_get(&d->by[0].values, 0, NULL), "重要价值客户");
	/* the pre-period for CUPED: the 7 days ending at asof (11-04 .. 11-10) */
	{
		long u4 = uplift_strtab_find(&d->ids, "u4", 2);
		assert_int_equal(d->history[u4].pre_orders, 2);
		assert_close(d->history[u4].pre_paid, 40, 0);
	}
	/* users per value (segment's counts) equal the tally of the table above */
	for (int col = 0; col < 3; col++) {
		uint64_t count[32];
		size_t n;
		const char *const *values = uplift_segments_values((enum uplift_derived)col, &n);

		uplift_segments_count((enum uplift_derived)col, d->history, d->n_users,
				      d->thresholds, count);
		for (size_t k = 0; k < n; k++) {
			uint64_t tally = 0;
			for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
				tally += strcmp(col == 0   ? want[i].segment
						: col == 1 ? want[i].grade
							   : want[i].lifecycle,
						values[k]) == 0;
			assert_int_equal(count[k], tally);
		}
	}
	uplift_data_free(d);
	uplift_experiment_free(exp);
}

/* every branch of the RFM table with thresholds R <= 10, F >= 2, M >= 50 */
static void rfm_table(void **state)
{
	struct uplift_thresholds th = {.asof = 100,
				       .recency_days = 10,
				       .frequency = 2,
				       .monetary = 50,
				       .new_days = 30,
				       .dormant_days = 60,
				       .loyal_orders = 5};
	static const struct {
		int last, orders;
		double paid;
		enum uplift_rfm want;
	} cases[] = {
	    {95, 2, 50, UPLIFT_RFM_HHH}, {95, 1, 50, UPLIFT_RFM_HLH}, {80, 2, 60, UPLIFT_RFM_LHH},
	    {80, 1, 60, UPLIFT_RFM_LLH}, {90, 3, 49, UPLIFT_RFM_HHL}, {90, 1, 10, UPLIFT_RFM_HLL},
	    {89, 2, 10, UPLIFT_RFM_LHL}, {89, 1, 10, UPLIFT_RFM_LLL},
	};
	static const char *const names[] = {"重要价值客户", "重要发展客户", "重要保持客户",
					    "重要挽留客户", "一般价值客户", "一般发展客户",
					    "一般保持客户", "一般挽留客户"};
	static const char *const grades[] = {"A", "A", "B", "B", "B", "B", "C", "C"};

	for (size_t i = 0; i < 8; i++) {
		struct uplift_history u = {0};
		u.orders = (uint32_t)cases[i].orders;
		u.last = cases[i].last;
		u.first = 10;
		u.paid = cases[i].paid;
		assert_int_equal(uplift_segments_rfm(&u, &th), cases[i].want);
		assert_string_equal(uplift_segments_rfm_name(cases[i].want), names[i]);
		assert_string_equal(uplift_segments_rfm_grade(cases[i].want), grades[i]);
	}
}

/* odd count median: /usr/bin/python3 -c "import numpy as np; print(np.median([3, 1, 2]))" -> 2.0 */
static void median_odd(void **state)
{
	struct uplift_history hist[4] = {{0}};
	struct uplift_segment_def def = {.new_days = 30, .dormant_days = 60, .loyal_orders = 5};
	struct uplift_thresholds th;
	uint32_t orders[] = {3, 1, 2, 0};

	for (int i = 0; i < 4; i++) {
		hist[i].orders = orders[i];
		hist[i].last = 90 + i;
		hist[i].paid = 10.0 * orders[i];
	}
	assert_true(uplift_segments_thresholds(hist, 4, 100, &def, &th));
	assert_int_equal(th.with_history, 3);
	assert_close(th.frequency, 2.0, 0);
	/* recency 10, 9, 8 and monetary 30, 10, 20:
	 * /usr/bin/python3 -c "import numpy as np; print(np.median([10, 9, 8]), np.median([30, 10,
	 * 20]))"
	 * -> 9.0 20.0 */
	assert_close(th.recency_days, 9.0, 0);
	assert_close(th.monetary, 20.0, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fixture),
	    cmocka_unit_test(rfm_table),
	    cmocka_unit_test(median_odd),
	};
	return cmocka_run_group_tests_name("segments", tests, NULL, NULL);
}
