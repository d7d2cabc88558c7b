/*
 * test_checks.c - the checks an analysis gives from its own statistics
 * (checks.c): srm overall and segment_srm per value of a --by column, one
 * warning per flagged finding and nothing else; coffee-w47, whose
 * 重要保持客户 was a false alarm before the Holm adjustment; and the checks
 * of the data (checks_data.c) appended after them from findings by hand.
 */
#include "srm_fixture.h"
#include "uplift.h"

static void names(void **state)
{
	assert_string_equal(uplift_checks_code_name(UPLIFT_CHECK_SRM), "srm");
	assert_string_equal(uplift_checks_code_name(UPLIFT_CHECK_SEGMENT_SRM), "segment_srm");
	assert_string_equal(uplift_checks_code_name(UPLIFT_CHECK_CONTROL_DISCOUNT),
			    "control_discount");
	assert_string_equal(uplift_checks_code_name(UPLIFT_CHECK_INCONSISTENT_OUTCOME),
			    "inconsistent_outcome");
	assert_string_equal(uplift_checks_code_name(UPLIFT_N_CHECK_CODES), "unknown");
	assert_false(uplift_checks_is_data(UPLIFT_CHECK_SRM));
	assert_false(uplift_checks_is_data(UPLIFT_CHECK_SEGMENT_SRM));
	assert_false(uplift_checks_is_data(UPLIFT_CHECK_PRE_PERIOD));
	for (int c = UPLIFT_CHECK_CONTROL_DISCOUNT; c <= UPLIFT_CHECK_INCONSISTENT_OUTCOME; c++)
		assert_true(uplift_checks_is_data((enum uplift_check_code)c));
}

/*
 * Findings by hand for arms control, A (20% off), B (满80减15): control with 3
 * discounted orders of 40, A 2 off-rule of 9, B 1 under min_spend and no
 * mismatch, an outcomes-style list of ignored columns. Appended after the
 * five statistical checks of flagged_only, in the fixed order, with the
 * severities of the contract; nothing appended from empty findings.
 */
static void data_checks_appended(void **state)
{
	static const char ini[] = "[experiment]\ncontrol = control\nstart = 2026-11-16\n"
				  "end = 2026-11-22\n[arm control]\n[arm A]\npercent_off = 20\n"
				  "[arm B]\nmin_spend = 80\namount_off = 15\n";
	struct uplift_arm_findings arm[3] = {
	    {.orders = 40, .discounted = 3, .mismatch = {3, {7, 9}}},
	    {.orders = 30, .discounted = 9, .mismatch = {2, {11, 12}}},
	    {.orders = 20, .discounted = 5, .below_min_spend = {1, {30, 0}}},
	};
	char ignored[] = "spend";
	struct uplift_findings f = {.file = "orders.csv",
				    .n_arms = 3,
				    .arm = arm,
				    .has_discount = true,
				    .ignored = ignored,
				    .n_ignored = 1};
	struct uplift_findings none = {.file = "orders.csv", .n_arms = 3, .has_discount = true};
	struct uplift_error err;
	struct uplift_experiment *exp =
	    uplift_experiment_parse(ini, sizeof(ini) - 1, "experiment.ini", "t", NULL, &err);
	struct srm_fixture sf;
	struct uplift_analysis *a;
	static const enum uplift_check_code code[] = {
	    UPLIFT_CHECK_CONTROL_DISCOUNT, UPLIFT_CHECK_DISCOUNT_MISMATCH,
	    UPLIFT_CHECK_BELOW_MIN_SPEND, UPLIFT_CHECK_IGNORED_COLUMNS};
	static const enum uplift_check_severity sev[] = {
	    UPLIFT_CHECK_ERROR, UPLIFT_CHECK_ERROR, UPLIFT_CHECK_WARNING, UPLIFT_CHECK_WARNING};
	static const long arm_of[] = {0, 1, 2, -1};
	static const uint64_t count[] = {3, 2, 1, 1}, of[] = {40, 9, 5, 0};

	assert_non_null(exp);
	srm_fixture(&sf);
	a = srm_analysis(&sf, (const double[]){2, 1, 1});
	assert_int_equal(a->n_checks, 5);
	assert_true(uplift_checks_add_findings(a, exp, &none));
	assert_int_equal(a->n_checks, 5);
	assert_true(uplift_checks_add_findings(a, exp, &f));
	assert_int_equal(a->n_checks, 9);
	assert_int_equal(a->checks[0].code, UPLIFT_CHECK_SRM); /* the statistics' stay first */
	for (size_t i = 0; i < 4; i++) {
		const struct uplift_check *k = &a->checks[5 + i];
		assert_int_equal(k->code, code[i]);
		assert_int_equal(k->severity, sev[i]);
		assert_int_equal(k->arm, arm_of[i]);
		assert_int_equal(k->count, count[i]);
		assert_int_equal(k->of, of[i]);
		assert_int_equal(k->column, -1);
		assert_string_equal(k->file, "orders.csv");
	}
	assert_int_equal(a->checks[5].example[0], 7);
	assert_int_equal(a->checks[5].example[1], 9);
	assert_int_equal(a->checks[7].example[0], 30);
	assert_int_equal(a->checks[7].example[1], 0);
	assert_ptr_equal(a->checks[8].names, ignored); /* borrowed from the findings */
	uplift_analysis_free(a);

	/* no discount column: missing_discount (2 coupon arms), never no_redemption */
	f.has_discount = false;
	for (size_t i = 0; i < 3; i++)
		arm[i] = (struct uplift_arm_findings){.orders = 10};
	f.n_ignored = 0;
	f.ignored = NULL;
	a = srm_analysis(&sf, (const double[]){1, 1, 1});
	assert_true(uplift_checks_add_findings(a, exp, &f));
	assert_int_equal(a->n_checks, 2);
	assert_int_equal(a->checks[1].code, UPLIFT_CHECK_MISSING_DISCOUNT);
	assert_int_equal(a->checks[1].severity, UPLIFT_CHECK_ERROR);
	assert_int_equal(a->checks[1].count, 2);
	uplift_analysis_free(a);

	/* the discounts there, none in A or B: no_redemption for each, warnings */
	f.has_discount = true;
	a = srm_analysis(&sf, (const double[]){1, 1, 1});
	assert_true(uplift_checks_add_findings(a, exp, &f));
	assert_int_equal(a->n_checks, 3);
	assert_int_equal(a->checks[1].code, UPLIFT_CHECK_NO_REDEMPTION);
	assert_int_equal(a->checks[1].arm, 1);
	assert_int_equal(a->checks[2].arm, 2);
	assert_int_equal(a->checks[2].severity, UPLIFT_CHECK_WARNING);
	assert_int_equal(a->checks[2].of, 10);
	uplift_analysis_free(a);
	uplift_experiment_free(exp);
}

/*
 * The fixture's users against weights 2:1:1: the overall ratio and four of
 * the five values with users are off.
 * /usr/bin/python3 tests/reference/small_data.py srm ->
 *   overall, weights 2:1:1: chi2 244.6070745697897 p 7.66035047623605e-54
 *   per value p ['2.937482111710801e-30', '5.392466338427429e-13',
 *                '0.006445039947178257', '1.9115069751794105e-13', '9.119237519686856e-12']
 *   holm ['1.4687410558554004e-29', '1.6177399015282288e-12', '0.006445039947178257',
 *         '7.646027900717642e-13', '1.823847503937371e-11']
 */
static void flagged_only(void **state)
{
	/* values a, b, d, e in order; c (p 0.0064) and f (no users) are no findings */
	static const size_t value[] = {0, 1, 3, 4};
	static const double p[] = {2.937482111710801e-30, 5.392466338427429e-13,
				   1.9115069751794105e-13, 9.119237519686856e-12};
	static const double holm[] = {1.4687410558554004e-29, 1.6177399015282288e-12,
				      7.646027900717642e-13, 1.823847503937371e-11};
	const double w[] = {2, 1, 1};
	struct srm_fixture f;
	struct uplift_analysis *a;
	const struct uplift_check *k;

	srm_fixture(&f);
	a = srm_analysis(&f, w);
	assert_int_equal(a->n_checks, 5);
	k = &a->checks[0];
	assert_int_equal(k->code, UPLIFT_CHECK_SRM);
	assert_int_equal(k->severity, UPLIFT_CHECK_WARNING);
	assert_int_equal(k->column, -1);
	assert_close(k->chi2, 244.6070745697897, 1e-12);
	assert_close(k->df, 2, 0);
	assert_close(k->p, 7.66035047623605e-54, 1e-6);
	assert_close(k->p_adjusted, k->p, 0);
	for (size_t i = 0; i < 4; i++) {
		k = &a->checks[1 + i];
		assert_int_equal(k->code, UPLIFT_CHECK_SEGMENT_SRM);
		assert_int_equal(k->severity, UPLIFT_CHECK_WARNING);
		assert_int_equal(k->column, 0);
		assert_int_equal(k->value, value[i]);
		assert_close(k->df, 2, 0);
		assert_close(k->p, p[i], 1e-6);
		assert_close(k->p_adjusted, holm[i], 1e-6);
	}
	uplift_analysis_free(a);

	/* weights 1:1:1: only value e (Holm 1.24e-5, see test_heterogeneity) */
	a = srm_analysis(&f, (const double[]){1, 1, 1});
	assert_int_equal(a->n_checks, 1);
	assert_int_equal(a->checks[0].code, UPLIFT_CHECK_SEGMENT_SRM);
	assert_int_equal(a->checks[0].value, 4);
	assert_close(a->checks[0].chi2, 25.80952380952381, 1e-12);
	assert_close(a->checks[0].p_adjusted, 1.2430915628937412e-05, 1e-9);
	uplift_analysis_free(a);
}

/* Without --by and with a sample ratio that holds: no checks at all. */
static void nothing_flagged(void **state)
{
	struct run r;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	assert_false(r.an->srm.mismatch);
	assert_int_equal(r.an->n_checks, 0);
	run_free(&r);
}

/*
 * coffee-w47 --by rfm_segment: 重要保持客户 has p 0.00061 alone, 0.0055 after
 * Holm over the nine values of rfm_segment, so no segment_srm check.
 * /usr/bin/python3 tests/reference/small_data.py coffee
 * (the RFM segments of tests/reference/check_segments.py from the raw files) ->
 *   重要保持客户 [505, 635, 571] p 0.0006060591183471869 holm 0.005454532065124682
 *   一般发展客户 [499, 414, 446] p 0.017104175378777467 holm 0.13683340303021974
 *   重要发展客户 [26, 41, 21] p 0.024892671946040855 holm 0.17424870362228598
 */
static void coffee_no_false_alarm(void **state)
{
	static const char *const by[] = {"rfm_segment"};
	static const struct {
		const char *value;
		double p, holm;
	} want[] = {
	    {"重要保持客户", 0.0006060591183471869, 0.005454532065124682},
	    {"一般发展客户", 0.017104175378777467, 0.13683340303021974},
	    {"重要发展客户", 0.024892671946040855, 0.17424870362228598},
	};
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const struct uplift_analysis *a;
	size_t found = 0;

	uplift_pipeline_defaults(&opt);
	opt.dir = "experiments/coffee-w47";
	opt.by = by;
	opt.n_by = 1;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	a = p->an;
	assert_int_equal(a->n_seg_srm, 9);
	for (size_t i = 0; i < a->n_seg_srm; i++) {
		const struct uplift_segment_srm *r = &a->seg_srm[i];
		const char *v = a->columns[r->column].values[r->value];
		assert_false(r->srm.mismatch);
		for (size_t k = 0; k < sizeof(want) / sizeof(*want); k++) {
			if (strcmp(v, want[k].value) != 0)
				continue;
			assert_close(r->srm.p, want[k].p, 1e-9);
			assert_close(r->p_adjusted, want[k].holm, 1e-9);
			found++;
		}
	}
	assert_int_equal(found, 3);
	for (size_t i = 0; i < a->n_checks; i++)
		assert_int_not_equal(a->checks[i].code, UPLIFT_CHECK_SEGMENT_SRM);
	assert_int_equal(a->n_checks, 0);
	uplift_pipeline_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names),
	    cmocka_unit_test(flagged_only),
	    cmocka_unit_test(data_checks_appended),
	    cmocka_unit_test(nothing_flagged),
	    cmocka_unit_test(coffee_no_false_alarm),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("checks", tests, NULL, NULL);
}
