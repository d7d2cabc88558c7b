/*
 * test_heterogeneity.c - Cochran's Q and I^2 across segment values, the best
 * arm of each value and the sample-ratio check within it, Holm-adjusted
 * across the values of the column (heterogeneity.c).
 */
#include "srm_fixture.h"

/*
 * /usr/bin/python3 -c "import numpy as np; from scipy.stats import chi2
 * d=np.array([0.02,0.05,-0.01,0.03]); v=np.array([0.0001,0.0004,0.0002,0.0009]); w=1/v
 * m=(w*d).sum()/w.sum(); q=(w*(d-m)**2).sum(); df=len(d)-1
 * print(repr(q), repr(chi2.sf(q,df)), repr(max(0,(q-df)/q)))"
 * -> 6.64179104477612 0.08423524589497514 0.5483146067415731
 */
static void cochran(void **state)
{
	double d[] = {0.02, 0.05, -0.01, 0.03, 0.9}, v[] = {0.0001, 0.0004, 0.0002, 0.0009, 0};
	struct uplift_heterogeneity h;

	/* the fifth value has variance 0 and is left out */
	uplift_heterogeneity_q(d, v, 5, &h);
	assert_int_equal(h.used, 4);
	assert_close(h.q, 6.64179104477612, 1e-12);
	assert_close(h.df, 3, 0);
	assert_close(h.p, 0.08423524589497514, 1e-9);
	assert_close(h.i2, 0.5483146067415731, 1e-12);
	/* one usable value: nothing to compare */
	uplift_heterogeneity_q(d, v + 3, 2, &h);
	assert_true(isnan(h.q));
}

/* best arm among all arms, small cells, per-segment SRM on the fixture */
static void best_and_small(void **state)
{
	const char *by[] = {"tier"};
	struct run r;

	analyze_fixture(&r, by, 1, UPLIFT_HOLM);
	/* every cell of the fixture has fewer than 30 users */
	for (size_t i = 0; i < r.an->n_cmp; i++)
		assert_true(r.an->cmp[i].small);
	assert_int_equal(r.an->n_best, 2);
	assert_int_equal(r.an->n_seg_srm, 2);
	/* decide = conversion (0) here: gold 3/3 in 8折券 vs 1/3 in control; silver
	 * control 2/3 (c3 c4 c6: c3, c6 bought) vs 8折券 1/2 (t3 t4: t4 bought) */
	assert_int_equal(r.an->best[0].arm, 1);
	assert_int_equal(r.an->best[0].runner_up, 0);
	assert_close(r.an->best[0].cmp.diff, 2.0 / 3, 1e-12);
	assert_false(r.an->best[0].clear);
	assert_int_equal(r.an->best[1].arm, 0);
	assert_close(r.an->best[1].cmp.diff, 2.0 / 3 - 0.5, 1e-12);
	/* gold has 3 + 3 users, silver 3 + 2:
	 * /usr/bin/python3 -c "from scipy.stats import chisquare; print(chisquare([3,2],
	 * f_exp=[2.5,2.5]))"
	 * -> statistic=0.2, pvalue=0.6547208460185768 */
	assert_close(r.an->seg_srm[1].srm.chi2, 0.2, 1e-12);
	assert_close(r.an->seg_srm[1].srm.p, 0.6547208460185768, 1e-9);
	run_free(&r);
}

/*
 * The sample ratio within each value, Holm across the values of the column:
 * /usr/bin/python3 tests/reference/small_data.py srm
 * (scipy.stats.chisquare per value, multipletests(method="holm") over the
 * five values with users) ->
 *   [400, 380, 420] chi2 2.0 p 0.36787944117144245
 *   [47, 85, 47] chi2 16.134078212290504 p 0.0003137107715833723
 *   [30, 31, 29] chi2 0.06666666666666667 p 0.9672161004820059
 *   [200, 150, 210] chi2 11.071428571428571 p 0.003943390921979584
 *   [12, 40, 11] chi2 25.80952380952381 p 2.4861831257874824e-06
 *   no users: chi-square undefined
 *   holm ['0.7357588823428849', '0.0012548430863334892', '0.9672161004820059',
 *         '0.01183017276593875', '1.2430915628937412e-05']
 * Value b has p 0.00031 < 0.001 alone but 0.0013 after Holm: not flagged.
 */
static void segment_srm_holm(void **state)
{
	static const double chi2[] = {2.0, 16.134078212290504, 0.06666666666666667,
				      11.071428571428571, 25.80952380952381};
	static const double p[] = {0.36787944117144245, 0.0003137107715833723, 0.9672161004820059,
				   0.003943390921979584, 2.4861831257874824e-06};
	static const double holm[] = {0.7357588823428849, 0.0012548430863334892, 0.9672161004820059,
				      0.01183017276593875, 1.2430915628937412e-05};
	const double w[] = {1, 1, 1};
	struct srm_fixture f;
	struct uplift_analysis *a;

	srm_fixture(&f);
	a = srm_analysis(&f, w);
	assert_int_equal(a->n_seg_srm, SRM_VALUES);
	for (size_t k = 0; k < 5; k++) {
		const struct uplift_segment_srm *r = &a->seg_srm[k];
		assert_int_equal(r->column, 0);
		assert_int_equal(r->value, k);
		assert_close(r->srm.chi2, chi2[k], 1e-12);
		assert_close(r->srm.df, 2, 0);
		assert_close(r->srm.p, p[k], 1e-9);
		assert_close(r->p_adjusted, holm[k], 1e-9);
		assert_int_equal(r->srm.mismatch, k == 4);
	}
	/* no users in the last value: no chi-square, left out of the family */
	assert_true(isnan(a->seg_srm[5].srm.p) && isnan(a->seg_srm[5].p_adjusted));
	assert_false(a->seg_srm[5].srm.mismatch);
	assert_string_equal(a->seg_srm[5].srm.reason, "no users");
	uplift_analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cochran),
	    cmocka_unit_test(best_and_small),
	    cmocka_unit_test(segment_srm_holm),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("heterogeneity", tests, NULL, NULL);
}
