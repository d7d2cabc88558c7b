/*
 * test_analysis.c - the analysis end to end through the library, on the
 * hand-made folder tests/fixtures/small (BOM, CRLF, quoted newline), and on
 * sufficient statistics built by hand for the edge cases.
 */
#include "testutil.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_suff.h"

struct run {
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an;
};

static void analyze_fixture(struct run *r, const char *const *by, size_t n_by,
			    enum uplift_correction corr)
{
	struct uplift_error err;
	struct uplift_load_options lopt = {.by = by, .n_by = n_by};
	struct uplift_analysis_options aopt = {.alpha = 0.05,
					       .correction = corr,
					       .metrics = UPLIFT_DEFAULT_METRICS,
					       .gross_margin = 0.6};
	double w[] = {1, 1};

	uplift_error_clear(&err);
	r->exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(r->exp);
	r->data = uplift_data_load(r->exp, "tests/fixtures/small", &lopt, &err);
	assert_non_null(r->data);
	r->suff = uplift_suff_from_data(r->data);
	assert_non_null(r->suff);
	r->an = uplift_analyze(r->suff, r->exp->control, w, &aopt);
	assert_non_null(r->an);
}

static void run_free(struct run *r)
{
	uplift_analysis_free(r->an);
	uplift_suff_free(r->suff);
	uplift_data_free(r->data);
	uplift_experiment_free(r->exp);
}

static const struct uplift_comparison *find(const struct uplift_analysis *an, long column,
					    size_t value, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == column && an->cmp[i].value == value &&
		    an->cmp[i].metric == m)
			return &an->cmp[i];
	fail();
	return NULL;
}

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

static struct uplift_moments rate(double x, double n)
{
	struct uplift_moments m = {n, x, x, 0, 0, 0};
	return m;
}

static void edge_cases(void **state)
{
	struct uplift_comparison c;
	struct uplift_moments one = {1, 5, 25, 1, 1, 5}, many = {10, 50, 400, 10, 10, 50};

	/* arms without users: nothing is computable, and the reason says why */
	uplift_compare(&(struct uplift_moments){0}, &(struct uplift_moments){0}, UPLIFT_CONVERSION,
		       0.05, &c);
	assert_true(isnan(c.diff) && isnan(c.p) && isnan(c.lift));
	assert_string_equal(c.reason, "no users");
	/* zero conversions in both arms */
	{
		struct uplift_moments t = rate(0, 100), k = rate(0, 120);
		uplift_compare(&t, &k, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_true(isnan(c.p));
		assert_true(isnan(c.lift));
		assert_non_null(c.reason);
	}
	/* everyone converts in both arms */
	{
		struct uplift_moments t = rate(100, 100), k = rate(120, 120);
		uplift_compare(&t, &k, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_close(c.lift, 0, 0);
		assert_true(isnan(c.p));
		assert_string_equal(c.reason, "every user has the event in both arms");
	}
	/* identical arms: no effect, p = 1 */
	{
		struct uplift_moments t = rate(30, 200);
		uplift_compare(&t, &t, UPLIFT_CONVERSION, 0.05, &c);
		assert_close(c.diff, 0, 0);
		assert_close(c.p, 1, 1e-12);
		assert_true(c.diff_lo < 0 && c.diff_hi > 0);
	}
	/* a one-user arm: means and ratios are null with a reason */
	uplift_compare(&one, &many, UPLIFT_REVENUE, 0.05, &c);
	assert_true(isnan(c.diff_lo));
	assert_true(isnan(c.p));
	assert_string_equal(c.reason, "fewer than 2 users in an arm");
	uplift_compare(&one, &many, UPLIFT_AOV, 0.05, &c);
	assert_true(isnan(c.p));
	assert_string_equal(c.reason, "fewer than 2 users");
}

/* unequal weights: 2:1 planned, 200:100 observed is no mismatch, 150:150 is */
static void unequal_weights(void **state)
{
	struct uplift_suff s = {0};
	struct uplift_moments cells[2 * UPLIFT_N_METRICS] = {{0}};
	char *arms[] = {"control", "t"};
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .correction = UPLIFT_HOLM, .metrics = UPLIFT_DEFAULT_METRICS};
	double w[] = {2, 1};
	struct uplift_analysis *an;

	s.n_arms = 2;
	s.arms = arms;
	s.metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	s.overall = cells;
	cells[0] = rate(20, 200);
	cells[UPLIFT_N_METRICS] = rate(15, 100);
	an = uplift_analyze(&s, 0, w, &opt);
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
	an = uplift_analyze(&s, 0, w, &opt);
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
	res.data = r.data;
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
	uplift_cochran_q(d, v, 5, &h);
	assert_int_equal(h.used, 4);
	assert_close(h.q, 6.64179104477612, 1e-12);
	assert_close(h.df, 3, 0);
	assert_close(h.p, 0.08423524589497514, 1e-9);
	assert_close(h.i2, 0.5483146067415731, 1e-12);
	/* one usable value: nothing to compare */
	uplift_cochran_q(d, v + 3, 2, &h);
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
 * Economics of the fixture ([economics] gross_margin = 0.6):
 * /usr/bin/python3 tests/reference/economics.py -> profit per user
 *   g * amount - discount, Welch: 2.66 [-13.069613871520302, 18.389613871520304];
 * cost per incremental buyer = discount per user 4.32 / conversion diff 0.3 = 14.4
 * (the same numbers as tests/reference/check_json.py computes from the CSVs).
 */
static void economics(void **state)
{
	struct run r;
	const struct uplift_economics *e;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	assert_int_equal(r.an->n_econ, 1);
	e = &r.an->econ[0];
	assert_int_equal(e->arm, 1);
	assert_close(e->discount_per_user, 4.32, 1e-12);
	assert_close(e->profit.est, 2.66, 1e-9);
	assert_close(e->profit.lo, -13.069613871520302, 1e-7);
	assert_close(e->profit.hi, 18.389613871520304, 1e-7);
	assert_close(e->revenue.est, 7.313333333333333, 1e-12);
	assert_close(e->cost_per_incremental_buyer, 14.4, 1e-12);
	/* 4 of 5 treated users redeemed (t1 t2 t4 t5), none in control */
	assert_close(e->redemption_rate, 0.8, 1e-12);
	assert_close(e->per_redeemer.est, 7.313333333333333 / 0.8, 1e-12);
	assert_close(e->incremental_share_of_redeemers, 0.3 / 0.8, 1e-12);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(small_experiment), cmocka_unit_test(families),
	    cmocka_unit_test(edge_cases),       cmocka_unit_test(unequal_weights),
	    cmocka_unit_test(json_nulls),       cmocka_unit_test(cochran),
	    cmocka_unit_test(best_and_small),   cmocka_unit_test(economics),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}
