/*
 * test_pairs.c - the head-to-head comparisons of the treatment arms
 * (a->pairs, families.c): which pairs, which arm is the baseline, the same
 * methods as a comparison with control, the families they are corrected in,
 * and the untested metrics (discount) kept out of every family.
 */
#include "analysis_fixture.h"

enum { N_ARMS = 4 };

/* The hand-made experiment below: control, a, b, c. */
static const double users[N_ARMS] = {310, 300, 305, 300};
static const double buyers[N_ARMS] = {30, 45, 36, 60};
static const double offset[N_ARMS] = {0, 1, 1, 4};

/*
 * Per-user values of arm k, user i (the same formulas as the Python
 * commands below): revenue ((7 i) mod 13 + offset[k]) when i mod 3 == 0,
 * else 0; discount k when i mod 5 == 0, else 0.
 */
static double revenue_of(size_t k, double i)
{
	return fmod(i, 3) == 0 ? fmod(7 * i, 13) + offset[k] : 0;
}

static double discount_of(size_t k, double i)
{
	return fmod(i, 5) == 0 ? (double)k : 0;
}

static struct uplift_moments moments_of(double (*f)(size_t, double), size_t k)
{
	struct uplift_moments m = {users[k], 0, 0, 0, 0, 0, NAN};

	for (double i = 0; i < users[k]; i++) {
		m.sum += f(k, i);
		m.sum_sq += f(k, i) * f(k, i);
	}
	return m;
}

/* The experiment as sufficient statistics: conversion, revenue and discount, overall. */
static void hand_suff(struct uplift_suff *s, struct uplift_moments *cells)
{
	static char *arms[N_ARMS] = {"control", "a", "b", "c"};

	memset(s, 0, sizeof(*s));
	s->n_arms = N_ARMS;
	s->arms = arms;
	s->metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_REVENUE) |
		     UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT);
	s->overall = cells;
	for (size_t k = 0; k < N_ARMS; k++) {
		cells[k * UPLIFT_N_METRICS + UPLIFT_CONVERSION] = rate(buyers[k], users[k]);
		cells[k * UPLIFT_N_METRICS + UPLIFT_REVENUE] = moments_of(revenue_of, k);
		cells[k * UPLIFT_N_METRICS + UPLIFT_DISCOUNT] = moments_of(discount_of, k);
	}
}

static struct uplift_analysis *run_hand(const struct uplift_suff *s, size_t control,
					enum uplift_correction corr, unsigned metrics)
{
	static const double w[N_ARMS] = {1, 1, 1, 1};
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .correction = corr, .metrics = metrics};
	struct uplift_analysis *an = uplift_analysis_run(s, control, w, &opt);

	assert_non_null(an);
	return an;
}

/*
 * Each pair (baseline, arm) and metric, arm - baseline: diff, Newcombe or
 * Welch interval, and p (pooled z-test, Welch t):
 * /usr/bin/python3 -c "
 * import numpy as np;from statsmodels.stats.proportion import proportions_ztest as
 * z,confint_proportions_2indep as ci;from statsmodels.stats.weightstats import CompareMeans as
 * CM,DescrStatsW as D;from statsmodels.stats.multitest import multipletests as mt
 * x,n,o=[30,45,36,60],[310,300,305,300],[0,1,1,4];i=[np.arange(k) for k in n]
 * y=[((i[k]*7)%13+o[k])*(i[k]%3==0) for k in range(4)];d=[1.0*k*(i[k]%5==0) for k in range(4)]
 * def cmp(t,c):
 *  r=[(x[t]/n[t]-x[c]/n[c],*ci(x[t],n[t],x[c],n[c],method='newcomb'),z([x[t],x[c]],[n[t],n[c]])[1])]
 *  for v in
 * (y,d):m=CM(D(v[t]),D(v[c]));r.append((v[t].mean()-v[c].mean(),*m.tconfint_diff(usevar='unequal'),m.ttest_ind(usevar='unequal')[1]))
 *  return r
 * P=[cmp(t,b) for b,t in [(1,2),(1,3),(2,3)]];C=[cmp(t,0) for t in (1,2,3)]
 * for r in P+C:print(repr(r))
 * print('pairs holm',list(mt([r[k][3] for r in P for k in (0,1)],method='holm')[1]));print('cmp
 * holm',list(mt([r[k][3] for r in C for k in (0,1)],method='holm')[1])) print('cmp
 * bh',list(mt([r[k][3] for r in C for k in (0,1)],method='fdr_bh')[1]))" (rows: the pairs b-a, c-a,
 * c-b, then b-control ... ; per row conversion, revenue, discount; the discount p is what a test
 * would give: uplift does not test it)
 */
static const double pair_ref[3][3][4] = {
    {{-0.03196721311475409, -0.08677336230312521, 0.022608731955172497, 0.24830512825743434},
     {-0.002185792349727045, -0.633592890378023, 0.6292213056785689, 0.9945777812610601},
     {0.2, 0.09901558858211415, 0.3009844114178859, NAN}},
    {{0.05000000000000002, -0.01097436821528619, 0.11072645953814256, 0.10703901034709794},
     {1.0, 0.2586654689009096, 1.7413345310990904, 0.008287598088048454},
     {0.39999999999999997, 0.2561478372583496, 0.5438521627416504, NAN}},
    {{0.0819672131147541, 0.023708086930170756, 0.1401834934936817, 0.00579986052430506},
     {1.002185792349727, 0.2639136959765632, 1.740457888722891, 0.007889584768854123},
     {0.19999999999999996, 0.03656134747400011, 0.36343865252599983, NAN}},
};
/* pairs holm, over the 6 tested ones (conversion, revenue of each pair) */
static const double pair_holm[3][2] = {{0.4966102565148687, 0.9945777812610601},
				       {0.3211170310412938, 0.039447923844270615},
				       {0.034799163145830356, 0.039447923844270615}};
/* the comparisons with control: p, then holm and bh over the 6 tested ones */
static const double cmp_p[3][2] = {{0.04535564081575662, 0.294954067927862},
				   {0.3944262802925934, 0.29519769173524407},
				   {0.0003257052751104372, 0.00029566139678106185}};
static const double cmp_holm[3][2] = {{0.18142256326302647, 0.884862203783586},
				      {0.884862203783586, 0.884862203783586},
				      {0.0017739683806863712, 0.0017739683806863712}};
static const double cmp_bh[3][2] = {{0.09071128163151324, 0.35423723008229285},
				    {0.3944262802925934, 0.35423723008229285},
				    {0.0009771158253313117, 0.0009771158253313117}};

static const enum uplift_metric hand_metrics[3] = {UPLIFT_CONVERSION, UPLIFT_REVENUE,
						   UPLIFT_DISCOUNT};
#define HAND_METRICS                                                                               \
	(UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_REVENUE) |                \
	 UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT))

/* Every pair of the three coupons, the earlier as baseline, against statsmodels. */
static void pairs_overall(void **state)
{
	static const size_t base[3] = {1, 1, 2}, arm[3] = {2, 3, 3};
	struct uplift_moments cells[N_ARMS * UPLIFT_N_METRICS] = {{0}};
	struct uplift_suff s;
	struct uplift_analysis *an;

	hand_suff(&s, cells);
	an = run_hand(&s, 0, UPLIFT_HOLM, HAND_METRICS);
	/* 3 pairs x 3 metrics; 3 arms x 3 metrics against control */
	assert_int_equal(an->n_pairs, 9);
	assert_int_equal(an->n_cmp, 9);
	for (size_t k = 0; k < 3; k++)
		for (size_t j = 0; j < 3; j++) {
			const struct uplift_comparison *c = &an->pairs[k * 3 + j];
			const double *want = pair_ref[k][j];

			assert_int_equal(c->column, -1);
			assert_int_equal(c->baseline, base[k]);
			assert_int_equal(c->arm, arm[k]);
			assert_int_equal(c->metric, hand_metrics[j]);
			assert_close(c->n_control, users[base[k]], 0);
			assert_close(c->n_treatment, users[arm[k]], 0);
			assert_close(c->diff, want[0], 1e-9);
			assert_close(c->diff_lo, want[1], 1e-9);
			assert_close(c->diff_hi, want[2], 1e-9);
			if (j < 2) {
				assert_true(c->tested);
				assert_close(c->p, want[3], 1e-9);
				assert_close(c->p_adjusted, pair_holm[k][j], 1e-9);
				assert_int_equal(c->significant, pair_holm[k][j] < 0.05);
			} else {
				/* discount: described, never tested */
				assert_false(c->tested);
				assert_true(isnan(c->p));
				assert_true(isnan(c->p_adjusted));
				assert_false(c->significant);
			}
		}
	/* b - a on conversion: the baseline's rate is the "control" of the pair */
	assert_close(an->pairs[0].control, 45.0 / 300, 1e-15);
	assert_close(an->pairs[0].treatment, 36.0 / 305, 1e-15);
	uplift_analysis_free(an);
}

/*
 * discount has no p-value and is outside every family: the comparisons
 * with control are corrected over the 6 tested ones (Holm and BH as
 * statsmodels above), and asking for discount or not changes no adjusted
 * p-value, of a comparison or a pair.
 */
static void untested_outside_family(void **state)
{
	static const enum uplift_correction corr[2] = {UPLIFT_HOLM, UPLIFT_BH};
	struct uplift_moments cells[N_ARMS * UPLIFT_N_METRICS] = {{0}};
	struct uplift_suff s;

	hand_suff(&s, cells);
	for (size_t r = 0; r < 2; r++) {
		struct uplift_analysis *with = run_hand(&s, 0, corr[r], HAND_METRICS);
		struct uplift_analysis *without =
		    run_hand(&s, 0, corr[r], HAND_METRICS & ~UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
		size_t tested = 0;

		assert_int_equal(without->n_cmp, 6);
		assert_int_equal(without->n_pairs, 6);
		for (size_t i = 0; i < with->n_cmp; i++) {
			const struct uplift_comparison *c = &with->cmp[i];
			size_t k = i / 3, j = i % 3;

			assert_int_equal(c->arm, k + 1);
			assert_int_equal(c->baseline, 0);
			if (c->metric == UPLIFT_DISCOUNT) {
				assert_false(c->tested);
				assert_true(isnan(c->p) && isnan(c->p_adjusted));
				assert_false(c->significant);
				/* the description stays: +k/5 per user, an interval */
				assert_close(c->diff, (double)(k + 1) / 5, 1e-12);
				assert_true(c->diff_lo < c->diff && c->diff < c->diff_hi);
				continue;
			}
			assert_true(c->tested);
			assert_close(c->p, cmp_p[k][j], 1e-9);
			assert_close(c->p_adjusted, r == 0 ? cmp_holm[k][j] : cmp_bh[k][j], 1e-9);
			assert_close(c->p_adjusted, without->cmp[tested].p_adjusted, 0);
			tested++;
		}
		assert_int_equal(tested, 6);
		for (size_t i = 0, t = 0; i < with->n_pairs; i++)
			if (with->pairs[i].tested)
				assert_close(with->pairs[i].p_adjusted,
					     without->pairs[t++].p_adjusted, 0);
		uplift_analysis_free(with);
		uplift_analysis_free(without);
	}
}

/*
 * With the ini's control as the arm at index 1 (as --control would make
 * it), the treatment arms are 0, 2 and 3: pairs (0, 2), (0, 3), (2, 3).
 * The pair "b" (2) vs "control" (0) is the comparison b - control above.
 */
static void control_in_the_middle(void **state)
{
	static const size_t base[3] = {0, 0, 2}, arm[3] = {2, 3, 3};
	struct uplift_moments cells[N_ARMS * UPLIFT_N_METRICS] = {{0}};
	struct uplift_suff s;
	struct uplift_analysis *an;

	hand_suff(&s, cells);
	an = run_hand(&s, 1, UPLIFT_HOLM, HAND_METRICS);
	assert_int_equal(an->n_pairs, 9);
	for (size_t k = 0; k < 3; k++)
		for (size_t j = 0; j < 3; j++) {
			assert_int_equal(an->pairs[k * 3 + j].baseline, base[k]);
			assert_int_equal(an->pairs[k * 3 + j].arm, arm[k]);
		}
	assert_close(an->pairs[0].p, cmp_p[1][0], 1e-9);
	assert_close(an->pairs[1].p, cmp_p[1][1], 1e-9);
	/* c - b is the same pair as with control 0 */
	assert_close(an->pairs[6].p, pair_ref[2][0][3], 1e-9);
	uplift_analysis_free(an);
}

/* No pairs without two treatment arms; one pair per metric with two. */
static void pair_counts(void **state)
{
	struct uplift_moments cells[N_ARMS * UPLIFT_N_METRICS] = {{0}};
	struct uplift_suff s;
	struct uplift_analysis *an;
	struct run r;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	assert_int_equal(r.an->n_pairs, 0);
	assert_true(r.an->n_cmp > 0);
	run_free(&r);
	hand_suff(&s, cells);
	s.n_arms = 3; /* control, a, b */
	an = run_hand(&s, 0, UPLIFT_HOLM, HAND_METRICS);
	assert_int_equal(an->n_pairs, 3);
	assert_close(an->pairs[0].p, pair_ref[0][0][3], 1e-9);
	/*
	 * b - a, a family of two (conversion, revenue; discount untested):
	 * /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests as mt
	 * print(list(mt([0.24830512825743434,0.9945777812610601],method='holm')[1]))"
	 */
	assert_close(an->pairs[0].p_adjusted, 0.4966102565148687, 1e-9);
	assert_close(an->pairs[1].p_adjusted, 0.9945777812610601, 1e-9);
	assert_true(isnan(an->pairs[2].p_adjusted));
	uplift_analysis_free(an);
	s.n_arms = 2;
	an = run_hand(&s, 0, UPLIFT_HOLM, HAND_METRICS);
	assert_int_equal(an->n_pairs, 0);
	uplift_analysis_free(an);
}

/*
 * A --by column of two values (cells add up to the overall ones): the pairs
 * of each value are one family over the column, never mixed with the
 * overall pairs. Conversion, the six per-value pairs b-a, c-a, c-b:
 * /usr/bin/python3 -c "
 * from statsmodels.stats.proportion import proportions_ztest as z;from statsmodels.stats.multitest
 * import multipletests as mt
 * X=[[10,15,12,25],[20,30,24,35]];N=[[100,100,100,100],[210,200,205,200]]
 * p=[z([x[t],x[b]],[n[t],n[b]])[1] for x,n in zip(X,N) for b,t in
 * [(1,2),(1,3),(2,3)]];print(p);print(list(mt(p,method='holm')[1]))" overall (30/310, 45/300,
 * 36/305, 60/300): p as above; holm over 3: /usr/bin/python3 -c "from statsmodels.stats.multitest
 * import multipletests as mt
 * print(list(mt([0.24830512825743434,0.10703901034709794,0.00579986052430506],method='holm')[1]))"
 */
static void pairs_per_column(void **state)
{
	static const double x[2][N_ARMS] = {{10, 15, 12, 25}, {20, 30, 24, 35}};
	static const double n[2][N_ARMS] = {{100, 100, 100, 100}, {210, 200, 205, 200}};
	static const double p[6] = {0.5347504018802798, 0.07709987174354177, 0.01791566018303965,
				    0.32976705826635,   0.49797832155197885, 0.0985150890381048};
	static const double holm[6] = {0.9959566431039577, 0.38549935871770885, 0.10749396109823789,
				       0.98930117479905,   0.9959566431039577,  0.3940603561524192};
	static const double overall_holm[3] = {0.24830512825743434, 0.21407802069419588,
					       0.01739958157291518};
	static char *values[2] = {"gold", "silver"};
	struct uplift_moments cells[N_ARMS * UPLIFT_N_METRICS] = {{0}};
	struct uplift_moments col_cells[2 * N_ARMS * UPLIFT_N_METRICS] = {{0}};
	char name[] = "tier";
	struct uplift_suff_column col = {name, 2, values, col_cells};
	struct uplift_suff s;
	struct uplift_analysis *an;

	hand_suff(&s, cells);
	s.metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	s.n_columns = 1;
	s.columns = &col;
	for (size_t v = 0; v < 2; v++)
		for (size_t k = 0; k < N_ARMS; k++)
			col_cells[(v * N_ARMS + k) * UPLIFT_N_METRICS] = rate(x[v][k], n[v][k]);
	an = run_hand(&s, 0, UPLIFT_HOLM, UPLIFT_DEFAULT_METRICS);
	assert_int_equal(an->n_pairs, 3 + 6);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(an->pairs[i].column, -1);
		assert_close(an->pairs[i].p_adjusted, overall_holm[i], 1e-9);
	}
	for (size_t i = 0; i < 6; i++) {
		const struct uplift_comparison *c = &an->pairs[3 + i];

		assert_int_equal(c->column, 0);
		assert_int_equal(c->value, i / 3);
		assert_close(c->p, p[i], 1e-9);
		assert_close(c->p_adjusted, holm[i], 1e-9);
	}
	uplift_analysis_free(an);
}

/*
 * experiments/coffee-w47: the pair 8折券 (baseline) vs 满80减15 is what the
 * analysis with control = 8折券 shows for 满80减15 (issue 15): revenue
 * +0.50 [-0.75, +1.75], conversion -1.25 pp [-2.15, -0.36]:
 * /usr/bin/python3 -c "
 * import pandas as pd;from statsmodels.stats.proportion import
 * proportions_ztest,confint_proportions_2indep as ci;from statsmodels.stats.weightstats import
 * ttest_ind,CompareMeans,DescrStatsW
 * a=pd.read_csv('experiments/coffee-w47/assignments.csv',dtype=str);o=pd.read_csv('experiments/coffee-w47/orders.csv',dtype={'user_id':str});o=o[o.order_time.str[:10].between('2026-11-16','2026-11-22')]
 * g=(o.amount-o.discount.fillna(0)).groupby(o.user_id).agg(['size','sum']);u=a.join(g,on='user_id').fillna(0);t=u[u.arm=='满80减15'];c=u[u.arm=='8折券']
 * xt,nt,xc,nc=(t['size']>0).sum(),len(t),(c['size']>0).sum(),len(c);print(xt,nt,xc,nc,xt/nt-xc/nc,proportions_ztest([xt,xc],[nt,nc])[1],ci(xt,nt,xc,nc,method='newcomb'))
 * print(t['sum'].mean()-c['sum'].mean(),ttest_ind(t['sum'],c['sum'],usevar='unequal')[1],CompareMeans(DescrStatsW(t['sum']),DescrStatsW(c['sum'])).tconfint_diff(usevar='unequal'))"
 * -> 1121 9991 1262 10118 -0.012527226272769837 0.005993935241314737 (-0.021459863705142572,
 * -0.003593352417663842) 0.500712488442602 0.43291217748549504
 * (-0.7507488403579012, 1.7521738172431158)
 */
static void coffee_pair(void **state)
{
	struct uplift_error err;
	struct uplift_load_options lopt = {0};
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .correction = UPLIFT_HOLM, .metrics = UPLIFT_DEFAULT_METRICS};
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an, *no_discount;
	double w[3] = {1, 1, 1};
	size_t tested = 0, untested = 0, n_pairs = 0;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("experiments/coffee-w47/experiment.ini", "coffee-w47", &err);
	assert_non_null(exp);
	data = uplift_data_load(exp, "experiments/coffee-w47", &lopt, &err);
	assert_non_null(data);
	suff = uplift_suff_from_data(data);
	assert_non_null(suff);
	uplift_suff_derive(suff, exp->gross_margin);
	an = uplift_analysis_run(suff, exp->control, w, &opt);
	assert_non_null(an);
	assert_string_equal(an->arm_names[1], "8折券");
	assert_string_equal(an->arm_names[2], "满80减15");
	for (size_t i = 0; i < an->n_pairs; i++) {
		const struct uplift_comparison *c = &an->pairs[i];

		assert_int_equal(c->baseline, 1);
		assert_int_equal(c->arm, 2);
		n_pairs++;
		if (c->metric == UPLIFT_CONVERSION) {
			assert_close(c->n_control, 10118, 0);
			assert_close(c->n_treatment, 9991, 0);
			assert_close(c->diff, -0.012527226272769837, 1e-9);
			assert_close(c->diff_lo, -0.021459863705142572, 1e-9);
			assert_close(c->diff_hi, -0.003593352417663842, 1e-9);
			assert_close(c->p, 0.005993935241314737, 1e-9);
		} else if (c->metric == UPLIFT_REVENUE) {
			assert_close(c->diff, 0.500712488442602, 1e-9);
			assert_close(c->diff_lo, -0.7507488403579012, 1e-9);
			assert_close(c->diff_hi, 1.7521738172431158, 1e-9);
			assert_close(c->p, 0.43291217748549504, 1e-9);
		}
	}
	/* one pair, 7 metrics (profit: the ini has a gross margin) */
	assert_int_equal(n_pairs, 7);
	/* the overall family: 2 arms x 6 tested metrics; discount outside */
	for (size_t i = 0; i < an->n_cmp; i++) {
		tested += an->cmp[i].tested && !isnan(an->cmp[i].p_adjusted);
		untested += !an->cmp[i].tested;
	}
	assert_int_equal(tested, 12);
	assert_int_equal(untested, 2);
	opt.metrics &= ~UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT);
	opt.correction = UPLIFT_BH;
	no_discount = uplift_analysis_run(suff, exp->control, w, &opt);
	assert_non_null(no_discount);
	opt.metrics |= UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT);
	uplift_analysis_free(an);
	an = uplift_analysis_run(suff, exp->control, w, &opt);
	assert_non_null(an);
	for (size_t i = 0, j = 0; i < an->n_cmp; i++)
		if (an->cmp[i].tested)
			assert_close(an->cmp[i].p_adjusted, no_discount->cmp[j++].p_adjusted, 0);
	uplift_analysis_free(no_discount);
	uplift_analysis_free(an);
	uplift_suff_free(suff);
	uplift_data_free(data);
	uplift_experiment_free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pairs_overall),         cmocka_unit_test(untested_outside_family),
	    cmocka_unit_test(control_in_the_middle), cmocka_unit_test(pair_counts),
	    cmocka_unit_test(pairs_per_column),      cmocka_unit_test(coffee_pair),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("pairs", tests, NULL, NULL);
}
