/*
 * test_analysis.c - uplift_analysis_run end to end through the library (per-arm
 * estimates, comparisons, the sample-ratio check, JSON), on the hand-made
 * folder tests/fixtures/small (BOM, CRLF, quoted newline), and on
 * sufficient statistics built by hand for the edge cases.
 */
#include "analysis_fixture.h"
#include "uplift_format.h"

/* Every expected number: /usr/bin/python3 tests/reference/small_experiment.py */
static void small_experiment(void **state)
{
	struct run r;
	const struct uplift_comparison *c;

	analyze_fixture(&r, NULL, 0, UPLIFT_NONE);
	/* conversion 4/5 vs 3/6 */
	c = find(r.an, -1, 0, UPLIFT_CONVERSION);
	assert_close(c->control, 0.5, 1e-12);
	assert_close(c->treatment, 0.8, 1e-12);
	assert_close(c->diff_lo, -0.22702411947308243, 1e-9);
	assert_close(c->diff_hi, 0.6527125097991044, 1e-9);
	assert_close(c->lift_lo + 1, 0.642550442224106, 1e-9);
	assert_close(c->lift_hi + 1, 3.9841230069640736, 1e-9);
	assert_close(c->p, 0.30305232949008276, 1e-9);
	assert_close(c->p_adjusted, c->p, 0);
	assert_close(r.an->arms[0].metric[UPLIFT_CONVERSION].lo, 0.18761630648265054, 1e-9);
	assert_close(r.an->arms[0].metric[UPLIFT_CONVERSION].hi, 0.8123836935173494, 1e-9);
	/* revenue: Welch and log-delta lift */
	c = find(r.an, -1, 0, UPLIFT_REVENUE);
	assert_close(c->diff, 7.313333333333333, 1e-9);
	assert_close(c->diff_lo, -20.131450807125773, 1e-7);
	assert_close(c->diff_hi, 34.75811747379244, 1e-7);
	assert_close(c->p, 0.5613631968029111, 1e-7);
	assert_close(c->lift, 0.3815652173913042, 1e-9);
	assert_close(c->lift_lo, -0.5360367660038236, 1e-9);
	assert_close(c->lift_hi, 3.11395194715194, 1e-9);
	assert_close(r.an->arms[0].metric[UPLIFT_REVENUE].value, 19.166666666666668, 1e-12);
	assert_close(r.an->arms[0].metric[UPLIFT_REVENUE].lo, -3.442928380921412, 1e-7);
	assert_close(r.an->arms[0].metric[UPLIFT_REVENUE].hi, 41.776261714254744, 1e-7);
	/* aov: delta method for a ratio */
	c = find(r.an, -1, 0, UPLIFT_AOV);
	assert_close(c->treatment, 18.914285714285715, 1e-12);
	assert_close(c->control, 28.75, 1e-12);
	assert_close(c->diff_lo, -23.32340642520761, 1e-9);
	assert_close(c->diff_hi, 3.651977853779041, 1e-9);
	assert_close(c->p, 0.15292468497689973, 1e-9);
	/* sample ratio: chisquare([6, 5], f_exp=[5.5, 5.5]) */
	assert_close(r.an->srm.chi2, 0.09090909090909091, 1e-12);
	assert_close(r.an->srm.p, 0.763024600552995, 1e-9);
	assert_false(r.an->srm.mismatch);
	/* discount: control has none, so the relative lift is undefined */
	c = find(r.an, -1, 0, UPLIFT_DISCOUNT);
	assert_true(isnan(c->lift));
	assert_string_equal(c->reason, "control mean is 0: relative lift undefined");
	run_free(&r);
}

/* unequal weights: 2:1 planned, 200:100 observed is no mismatch, 150:150 is */
static void unequal_weights(void **state)
{
	struct uplift_suff s;
	struct uplift_moments cells[2 * UPLIFT_N_METRICS] = {{0}};
	char *arms[] = {"control", "t"};
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .correction = UPLIFT_HOLM, .metrics = UPLIFT_DEFAULT_METRICS};
	double w[] = {2, 1};
	struct uplift_analysis *an;

	conversion_suff(&s, arms, 2, cells);
	cells[0] = rate(20, 200);
	cells[UPLIFT_N_METRICS] = rate(15, 100);
	an = uplift_analysis_run(&s, 0, w, &opt);
	assert_non_null(an);
	assert_close(an->srm.chi2, 0, 0);
	assert_false(an->srm.mismatch);
	assert_int_equal(an->n_cmp, 1);
	uplift_analysis_free(an);
	/* /usr/bin/python3 -c "from scipy.stats import chisquare;
	 * print(chisquare([150,150],f_exp=[200,100]))"
	 * -> statistic=37.5, pvalue=9.141298408246627e-10 */
	cells[0] = rate(20, 150);
	cells[UPLIFT_N_METRICS] = rate(15, 150);
	an = uplift_analysis_run(&s, 0, w, &opt);
	assert_close(an->srm.chi2, 37.5, 1e-12);
	assert_close(an->srm.p, 9.141298408246627e-10, 1e-7);
	assert_true(an->srm.mismatch);
	uplift_analysis_free(an);
}

/* JSON: numbers are numbers, null where not computable, never NaN */
static void json_nulls(void **state)
{
	struct run r;
	struct uplift_result res = {0};
	json_t *j, *cmp;
	size_t i;
	json_t *v;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	res.exp = r.exp;
	res.counts = &r.data->counts;
	res.an = r.an;
	j = uplift_format_json(&res);
	assert_non_null(j);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(j, "data"), "orders_in_window")),
	    11);
	cmp = json_object_get(j, "comparisons");
	json_array_foreach(cmp, i, v)
	{
		if (strcmp(json_string_value(json_object_get(v, "metric")), "discount") == 0) {
			assert_true(json_is_null(json_object_get(v, "lift")));
			assert_true(json_is_string(json_object_get(v, "reason")));
			assert_true(json_is_real(json_object_get(v, "diff")));
		}
		assert_true(json_is_null(json_object_get(v, "segment")));
	}
	json_decref(j);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(small_experiment),
	    cmocka_unit_test(unequal_weights),
	    cmocka_unit_test(json_nulls),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}
