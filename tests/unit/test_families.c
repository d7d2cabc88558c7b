/*
 * test_families.c - the comparisons of an analysis in their families and
 * the correction within each (families.c).
 */
#include "analysis_fixture.h"

/* Adding --by never changes the overall family; each column is its own family. */
static void families(void **state)
{
	const char *by[] = {"tier"};
	struct run plain, split;
	size_t overall = 0;

	analyze_fixture(&plain, NULL, 0, UPLIFT_HOLM);
	analyze_fixture(&split, by, 1, UPLIFT_HOLM);
	for (size_t i = 0; i < split.an->n_cmp; i++) {
		const struct uplift_comparison *c = &split.an->cmp[i];
		if (c->column >= 0)
			continue;
		assert_close(c->p_adjusted, plain.an->cmp[overall].p_adjusted, 0);
		assert_close(c->diff, plain.an->cmp[overall].diff, 0);
		/* against control; discount described but never tested */
		assert_int_equal(c->baseline, split.an->control);
		assert_int_equal(c->tested, c->metric != UPLIFT_DISCOUNT);
		if (!c->tested)
			assert_true(isnan(c->p) && isnan(c->p_adjusted) && !c->significant);
		overall++;
	}
	assert_int_equal(overall, plain.an->n_cmp);
	/* 2 tier values x 1 arm x 6 metrics */
	assert_int_equal(split.an->n_cmp, overall + 12);
	/* gold: control c1 c2 c5 (1 of 3 converted), treatment t1 t2 t5 (3 of 3) */
	{
		const struct uplift_comparison *c = find(split.an, 0, 0, UPLIFT_CONVERSION);
		assert_string_equal(split.suff->columns[0].values[0], "gold");
		assert_close(c->control, 1.0 / 3, 1e-12);
		assert_close(c->treatment, 1.0, 1e-12);
	}
	run_free(&plain);
	run_free(&split);
}

/*
 * Three coupons against one control (conversion 45/300, 36/305, 52/300 vs
 * 30/310), one family of three, Holm and BH as statsmodels:
 * /usr/bin/python3 -c "from statsmodels.stats.proportion import proportions_ztest
 * from statsmodels.stats.multitest import multipletests
 * p=[proportions_ztest([x,30],[n,310])[1] for x,n in [(45,300),(36,305),(52,300)]]
 * print(p, multipletests(p,method='holm')[1], multipletests(p,method='fdr_bh')[1])"
 * -> p       [0.04535564081575662, 0.3944262802925934, 0.005583732872240936]
 *    holm    [0.09071128163151324, 0.3944262802925934, 0.016751198616722807]
 *    fdr_bh  [0.06803346122363493, 0.3944262802925934, 0.01675119861672281]
 */
static void holm_and_bh(void **state)
{
	static const double p[] = {0.04535564081575662, 0.3944262802925934, 0.005583732872240936};
	static const double holm[] = {0.09071128163151324, 0.3944262802925934,
				      0.016751198616722807};
	static const double bh[] = {0.06803346122363493, 0.3944262802925934, 0.01675119861672281};
	struct uplift_suff s;
	struct uplift_moments cells[4 * UPLIFT_N_METRICS] = {{0}};
	char *arms[] = {"control", "a", "b", "c"};
	double w[] = {1, 1, 1, 1};
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .correction = UPLIFT_HOLM, .metrics = UPLIFT_DEFAULT_METRICS};
	struct uplift_analysis *an;

	conversion_suff(&s, arms, 4, cells);
	cells[0] = rate(30, 310);
	cells[UPLIFT_N_METRICS] = rate(45, 300);
	cells[2 * UPLIFT_N_METRICS] = rate(36, 305);
	cells[3 * UPLIFT_N_METRICS] = rate(52, 300);
	an = uplift_analysis_run(&s, 0, w, &opt);
	assert_non_null(an);
	assert_int_equal(an->n_cmp, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(an->cmp[i].arm, i + 1);
		assert_close(an->cmp[i].p, p[i], 1e-9);
		assert_close(an->cmp[i].p_adjusted, holm[i], 1e-9);
	}
	assert_false(an->cmp[0].significant);
	assert_true(an->cmp[2].significant);
	uplift_analysis_free(an);
	opt.correction = UPLIFT_BH;
	an = uplift_analysis_run(&s, 0, w, &opt);
	assert_non_null(an);
	for (size_t i = 0; i < 3; i++)
		assert_close(an->cmp[i].p_adjusted, bh[i], 1e-9);
	uplift_analysis_free(an);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(families),
	    cmocka_unit_test(holm_and_bh),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("families", tests, NULL, NULL);
}
