/*
 * test_heterogeneity.c - Cochran's Q and I^2 across segment values, the best
 * arm of each value and the sample-ratio check within it (heterogeneity.c).
 */
#include "analysis_fixture.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cochran),
	    cmocka_unit_test(best_and_small),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("heterogeneity", tests, NULL, NULL);
}
