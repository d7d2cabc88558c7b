/*
 * test_economics.c - the coupon economics of [economics] gross_margin
 * (economics.c): on the fixture tests/fixtures/small, and on per-user
 * arrays of three arms in two segment values, overall and per value,
 * against either control.
 */
#include "analysis_fixture.h"

/*
 * Economics of the fixture ([economics] gross_margin = 0.6):
 * /usr/bin/python3 tests/reference/economics.py -> profit per user
 *   g * amount - discount, Welch: 2.66 [-13.069613871520302, 18.389613871520304];
 * conversion 4/5 vs 3/6: +0.3, Newcombe [-0.22702411947308243, 0.6527125097991044]
 * (same script): not above 0, so no cost per incremental buyer (it was 14.4).
 */
static void economics(void **state)
{
	struct run r;
	const struct uplift_economics *e;

	analyze_fixture(&r, NULL, 0, UPLIFT_HOLM);
	assert_int_equal(r.an->n_econ, 1);
	e = &r.an->econ[0];
	assert_int_equal(e->column, -1);
	assert_int_equal(e->arm, 1);
	assert_close(e->discount_per_user, 4.32, 1e-12);
	assert_close(e->profit.est, 2.66, 1e-9);
	assert_close(e->profit.lo, -13.069613871520302, 1e-7);
	assert_close(e->profit.hi, 18.389613871520304, 1e-7);
	assert_close(e->revenue.est, 7.313333333333333, 1e-12);
	assert_true(isnan(e->cost_per_incremental_buyer.est));
	assert_true(isnan(e->cost_per_incremental_buyer.lo));
	assert_string_equal(e->reason, "the conversion gain's interval is not above 0: no cost per "
				       "incremental buyer");
	/* 4 of 5 treated users redeemed (t1 t2 t4 t5), none in control */
	assert_close(e->redemption_rate, 0.8, 1e-12);
	assert_close(e->per_redeemer.est, 7.313333333333333 / 0.8, 1e-12);
	assert_close(e->incremental_share_of_redeemers.est, 0.3 / 0.8, 1e-12);
	run_free(&r);
}

/* One user: arm (0 control, 1 a 20%-off coupon, 2 an 80-15 coupon), segment value,
 * orders, paid value, discount. */
struct user {
	int arm, value, orders;
	double paid, discount;
};

/* /usr/bin/python3 tests/reference/small_data.py economics c (numpy, seed 15) */
static const struct user users[] = {
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 1, 41.00, 0.00},   {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 2, 224.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 1, 79.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 1, 111.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 1, 20.00, 0.00},  {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 0, 0, 0.00, 0.00},   {0, 0, 0, 0.00, 0.00},
    {0, 0, 0, 0.00, 0.00},    {0, 1, 0, 0.00, 0.00},   {0, 1, 0, 0.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {0, 1, 0, 0.00, 0.00},   {0, 1, 0, 0.00, 0.00},
    {0, 1, 1, 58.00, 0.00},   {0, 1, 0, 0.00, 0.00},   {0, 1, 1, 116.00, 0.00},
    {0, 1, 1, 50.00, 0.00},   {0, 1, 1, 81.00, 0.00},  {0, 1, 0, 0.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {0, 1, 1, 38.00, 0.00},  {0, 1, 0, 0.00, 0.00},
    {0, 1, 4, 356.00, 0.00},  {0, 1, 0, 0.00, 0.00},   {0, 1, 0, 0.00, 0.00},
    {0, 1, 1, 59.00, 0.00},   {0, 1, 0, 0.00, 0.00},   {0, 1, 1, 111.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {0, 1, 0, 0.00, 0.00},   {0, 1, 0, 0.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {0, 1, 1, 113.00, 0.00}, {0, 1, 0, 0.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {0, 1, 1, 54.00, 0.00},  {0, 1, 0, 0.00, 0.00},
    {0, 1, 0, 0.00, 0.00},    {1, 0, 0, 0.00, 0.00},   {1, 0, 2, 107.00, 0.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 0, 0.00, 0.00},   {1, 0, 1, 56.00, 0.00},
    {1, 0, 2, 100.80, 15.20}, {1, 0, 0, 0.00, 0.00},   {1, 0, 0, 0.00, 0.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 1, 55.20, 13.80}, {1, 0, 0, 0.00, 0.00},
    {1, 0, 1, 48.80, 12.20},  {1, 0, 0, 0.00, 0.00},   {1, 0, 1, 55.00, 0.00},
    {1, 0, 1, 36.80, 9.20},   {1, 0, 2, 59.80, 6.20},  {1, 0, 0, 0.00, 0.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 0, 0.00, 0.00},   {1, 0, 0, 0.00, 0.00},
    {1, 0, 2, 52.40, 3.60},   {1, 0, 0, 0.00, 0.00},   {1, 0, 0, 0.00, 0.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 1, 54.00, 0.00},  {1, 0, 3, 207.40, 22.60},
    {1, 0, 1, 50.40, 12.60},  {1, 0, 0, 0.00, 0.00},   {1, 0, 1, 19.20, 4.80},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 0, 0.00, 0.00},   {1, 0, 1, 41.60, 10.40},
    {1, 0, 3, 143.20, 35.80}, {1, 0, 0, 0.00, 0.00},   {1, 0, 1, 80.00, 20.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 1, 69.60, 17.40}, {1, 0, 0, 0.00, 0.00},
    {1, 0, 0, 0.00, 0.00},    {1, 0, 0, 0.00, 0.00},   {1, 1, 0, 0.00, 0.00},
    {1, 1, 1, 47.00, 0.00},   {1, 1, 1, 34.40, 8.60},  {1, 1, 1, 38.40, 9.60},
    {1, 1, 2, 60.80, 15.20},  {1, 1, 2, 54.40, 13.60}, {1, 1, 0, 0.00, 0.00},
    {1, 1, 0, 0.00, 0.00},    {1, 1, 0, 0.00, 0.00},   {1, 1, 1, 29.60, 7.40},
    {1, 1, 1, 49.60, 12.40},  {1, 1, 0, 0.00, 0.00},   {1, 1, 1, 52.80, 13.20},
    {1, 1, 2, 104.80, 26.20}, {1, 1, 0, 0.00, 0.00},   {1, 1, 0, 0.00, 0.00},
    {1, 1, 1, 50.40, 12.60},  {1, 1, 0, 0.00, 0.00},   {1, 1, 3, 131.20, 32.80},
    {1, 1, 1, 46.40, 11.60},  {1, 1, 0, 0.00, 0.00},   {1, 1, 2, 56.00, 14.00},
    {1, 1, 1, 28.00, 7.00},   {1, 1, 1, 35.20, 8.80},  {1, 1, 0, 0.00, 0.00},
    {1, 1, 0, 0.00, 0.00},    {1, 1, 1, 65.60, 16.40}, {1, 1, 2, 69.00, 7.00},
    {1, 1, 1, 14.40, 3.60},   {1, 1, 1, 47.20, 11.80}, {2, 0, 0, 0.00, 0.00},
    {2, 0, 1, 55.00, 0.00},   {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 1, 12.00, 0.00},   {2, 0, 1, 19.00, 0.00},  {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 1, 43.00, 0.00},   {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 2, 79.00, 0.00},   {2, 0, 0, 0.00, 0.00},   {2, 0, 3, 151.00, 0.00},
    {2, 0, 1, 69.00, 15.00},  {2, 0, 1, 27.00, 0.00},  {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 2, 121.00, 0.00},  {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 0, 0, 0.00, 0.00},    {2, 0, 0, 0.00, 0.00},   {2, 0, 0, 0.00, 0.00},
    {2, 1, 0, 0.00, 0.00},    {2, 1, 0, 0.00, 0.00},   {2, 1, 0, 0.00, 0.00},
    {2, 1, 3, 241.00, 15.00}, {2, 1, 0, 0.00, 0.00},   {2, 1, 4, 181.00, 0.00},
    {2, 1, 0, 0.00, 0.00},    {2, 1, 1, 40.00, 0.00},  {2, 1, 2, 127.00, 15.00},
    {2, 1, 1, 42.00, 0.00},   {2, 1, 1, 71.00, 0.00},  {2, 1, 0, 0.00, 0.00},
    {2, 1, 0, 0.00, 0.00},    {2, 1, 1, 30.00, 0.00},  {2, 1, 1, 74.00, 15.00},
    {2, 1, 1, 13.00, 0.00},   {2, 1, 0, 0.00, 0.00},   {2, 1, 0, 0.00, 0.00},
    {2, 1, 1, 55.00, 0.00},   {2, 1, 0, 0.00, 0.00},   {2, 1, 1, 18.00, 0.00},
    {2, 1, 0, 0.00, 0.00},    {2, 1, 0, 0.00, 0.00},   {2, 1, 0, 0.00, 0.00},
    {2, 1, 0, 0.00, 0.00},    {2, 1, 0, 0.00, 0.00},   {2, 1, 0, 0.00, 0.00},
    {2, 1, 3, 161.00, 0.00},  {2, 1, 0, 0.00, 0.00},   {2, 1, 0, 0.00, 0.00},
};

#define N_USERS (sizeof(users) / sizeof(*users))

static void add(struct uplift_moments *m, double y, double x)
{
	m->n += 1;
	m->sum += y;
	m->sum_sq += y * y;
	m->sum_x += x;
	m->sum_x_sq += x * x;
	m->sum_xy += x * y;
}

/* The fold of uplift_suff_from_data, by hand: what each metric's cell sums. */
static void fold(struct uplift_moments *cell, const struct user *u)
{
	double amount = u->paid + u->discount;

	add(&cell[UPLIFT_CONVERSION], u->orders >= 1, 0);
	add(&cell[UPLIFT_REPURCHASE], u->orders >= 2, 0);
	add(&cell[UPLIFT_REVENUE], u->paid, 0);
	add(&cell[UPLIFT_ORDERS], u->orders, 0);
	add(&cell[UPLIFT_DISCOUNT], u->discount, 0);
	add(&cell[UPLIFT_AOV], u->paid, u->orders);
	add(&cell[UPLIFT_AMOUNT], amount, u->discount);
	add(&cell[UPLIFT_REDEMPTION], u->discount > 0, 0);
}

struct three_arms {
	struct uplift_suff s;
	struct uplift_suff_column col;
	struct uplift_moments overall[3 * UPLIFT_N_METRICS];
	struct uplift_moments cells[2 * 3 * UPLIFT_N_METRICS];
	char *arms[3], *values[2];
};

static void three_arms(struct three_arms *f)
{
	static char a0[] = "control", a1[] = "8折券", a2[] = "满80减15", name[] = "tier";
	static char v0[] = "gold", v1[] = "silver";

	memset(f, 0, sizeof(*f));
	f->arms[0] = a0;
	f->arms[1] = a1;
	f->arms[2] = a2;
	f->values[0] = v0;
	f->values[1] = v1;
	for (size_t i = 0; i < N_USERS; i++) {
		const struct user *u = &users[i];
		fold(&f->overall[u->arm * UPLIFT_N_METRICS], u);
		fold(&f->cells[(u->value * 3 + u->arm) * UPLIFT_N_METRICS], u);
	}
	f->s.n_arms = 3;
	f->s.arms = f->arms;
	f->s.metrics = UPLIFT_ALL_METRICS & ~UPLIFT_METRIC_BIT(UPLIFT_PROFIT);
	f->s.overall = f->overall;
	f->col.name = name;
	f->col.n_values = 2;
	f->col.values = f->values;
	f->col.cells = f->cells;
	f->s.n_columns = 1;
	f->s.columns = &f->col;
	uplift_suff_derive(&f->s, 0.6); /* as the pipeline does: profit, buyers */
}

struct want {
	long column;
	size_t value, arm;
	double revenue[3], profit[3], cost[3], share[3]; /* est, lo, hi */
	double discount_per_user, redemption_rate;
};

/*
 * /usr/bin/python3 tests/reference/small_data.py economics, per control,
 * segment and arm: revenue and profit by Welch (scipy t quantile);
 * the cost per incremental buyer D / dc and the share dc / dr by the delta
 * method with the covariance of the means from np.cov of the stacked
 * per-user values (statsmodels' NonlinearDeltaCov gives the same standard
 * error to 6e-7); the cost only where the conversion diff's Newcombe
 * interval (confint_proportions_2indep(method="newcomb")) is above 0, the
 * share only where the redemption diff is above 0 (never against the
 * 8折券 control, which redeems most).
 */
static const struct want against_control[] = {
    {-1,
     0,
     1,
     {10.591428571428569, -6.053023568449802, 27.23588071130694},
     {3.979999999999997, -5.653100434312764, 13.613100434312758},
     {19.7904761904762, 11.220136702760982, 28.360815678191415},
     {0.6774193548387095, 0.41642580689025716, 0.9384129027871619},
     5.937142857142858,
     0.44285714285714284},
    {-1,
     0,
     2,
     {1.6857142857142868, -16.12129745617713, 19.492726027605702},
     {0.6685714285714273, -9.906882438766228, 11.244025295909083},
     {NAN, NAN, NAN},
     {1.5, -1.044017101578913, 4.044017101578913},
     0.8571428571428571,
     0.05714285714285714},
    {0,
     0,
     1,
     {19.055, -0.47917979561914237, 38.589179795619145},
     {9.594999999999999, -1.5351548382311027, 20.7251548382311},
     {15.31666666666667, 6.67557484152138, 23.95775849181196},
     {0.923076923076923, 0.4959096585276166, 1.3502441876262294},
     4.595000000000001,
     0.325},
    {0,
     0,
     2,
     {2.5250000000000004, -14.308931588383823, 19.358931588383825},
     {1.3650000000000002, -8.690772477211548, 11.420772477211548},
     {NAN, NAN, NAN},
     {4.0, -5.041798693838555, 13.041798693838555},
     0.375,
     0.025},
    {0,
     1,
     1,
     {-0.693333333333328, -29.94934001512431, 28.562673348457654},
     {-3.506666666666664, -20.64906553462571, 13.635732201292381},
     {25.75555555555556, 7.642068910360344, 43.869042200750776},
     {0.5, 0.1708457068649667, 0.8291542931350333},
     7.7266666666666675,
     0.6},
    {0,
     1,
     2,
     {0.56666666666667, -34.31638835237436, 35.4497216857077},
     {-0.25999999999999446, -20.935749028512703, 20.415749028512714},
     {NAN, NAN, NAN},
     {0.6666666666666671, -1.6982706583384108, 3.0316039916717448},
     1.5,
     0.1},
};

static const struct want against_8[] = {
    {-1,
     0,
     0,
     {-10.591428571428569, -27.23588071130694, 6.053023568449802},
     {-3.979999999999997, -13.613100434312758, 5.653100434312764},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     0.0,
     0.0},
    {-1,
     0,
     2,
     {-8.905714285714282, -24.118522550354335, 6.307093978925769},
     {-3.3114285714285696, -11.91317359266383, 5.29031644980669},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     0.8571428571428571,
     0.05714285714285714},
    {0,
     0,
     0,
     {-19.055, -38.589179795619145, 0.47917979561914237},
     {-9.594999999999999, -20.7251548382311, 1.5351548382311027},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     0.0,
     0.0},
    {0,
     0,
     2,
     {-16.53, -34.81164559968163, 1.7516455996816305},
     {-8.229999999999999, -18.516660277499124, 2.0566602774991267},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     0.375,
     0.025},
    {0,
     1,
     0,
     {0.693333333333328, -28.562673348457654, 29.94934001512431},
     {3.506666666666664, -13.635732201292381, 20.64906553462571},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     0.0,
     0.0},
    {0,
     1,
     2,
     {1.259999999999998, -24.936790489999456, 27.456790489999452},
     {3.2466666666666697, -11.635522925009981, 18.12885625834332},
     {NAN, NAN, NAN},
     {NAN, NAN, NAN},
     1.5,
     0.1},
};

/*
 * The estimate and the two half-widths (an end near 0 is a difference of
 * two numbers); Welch's within 1e-7, GSL's t quantile at a fractional df.
 */
static void check(const struct uplift_interval *got, const double *want, double tol)
{
	assert_close(got->est, want[0], 1e-9);
	assert_close(got->est - got->lo, want[0] - want[1], tol);
	assert_close(got->hi - got->est, want[2] - want[0], tol);
}

static void per_segment(size_t control, const struct want *want, size_t n)
{
	struct uplift_analysis_options opt = {
	    .alpha = 0.05, .metrics = UPLIFT_DEFAULT_METRICS, .gross_margin = 0.6};
	struct three_arms f;
	struct uplift_analysis *a;

	three_arms(&f);
	a = uplift_analysis_run(&f.s, control, (const double[]){1, 1, 1}, &opt);
	assert_non_null(a);
	/* overall first, then per value, per treatment arm of the control in use */
	assert_int_equal(a->n_econ, n);
	for (size_t i = 0; i < n; i++) {
		const struct uplift_economics *e = &a->econ[i];
		assert_int_equal(e->column, want[i].column);
		assert_int_equal(e->value, want[i].value);
		assert_int_equal(e->arm, want[i].arm);
		check(&e->revenue, want[i].revenue, 1e-7);
		check(&e->profit, want[i].profit, 1e-7);
		check(&e->cost_per_incremental_buyer, want[i].cost, 1e-9);
		check(&e->incremental_share_of_redeemers, want[i].share, 1e-9);
		assert_close(e->discount_per_user, want[i].discount_per_user, 1e-12);
		assert_close(e->redemption_rate, want[i].redemption_rate, 1e-12);
		if (isnan(want[i].cost[0]))
			assert_string_equal(e->reason,
					    "the conversion gain's interval is not above "
					    "0: no cost per incremental buyer");
		else if (isnan(want[i].share[0]))
			assert_string_equal(e->reason, "redemption did not rise: no share of "
						       "redeemers who were extra buyers");
		else
			assert_null(e->reason);
	}
	uplift_analysis_free(a);
}

static void segments_against_control(void **state)
{
	per_segment(0, against_control, sizeof(against_control) / sizeof(*against_control));
}

static void segments_against_8(void **state)
{
	per_segment(1, against_8, sizeof(against_8) / sizeof(*against_8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(economics),
	    cmocka_unit_test(segments_against_control),
	    cmocka_unit_test(segments_against_8),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("economics", tests, NULL, NULL);
}
