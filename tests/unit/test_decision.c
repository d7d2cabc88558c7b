/*
 * test_decision.c - the decision (uplift_decision.h, src/decision.c): the
 * decision metric, the leader and its runner-up, clear, the guardrails,
 * the users per arm a new test would need, and the targeting column the
 * pipeline sets from the plans; on sufficient statistics built by hand, on
 * seeded simulated folders and on experiments/coffee-w47.
 *
 * The hand-made arms (users(): n users, k1 spending v1 and k2 spending v2
 * in one order each, the rest nothing):
 *   control  500 users, 60 x 40 + 20 x 80    conversion 16%, revenue  8.0
 *   A        500 users, 70 x 40 + 30 x 80    conversion 20%, revenue 10.4
 *   B        500 users, 40 x 40 + 50 x 120   conversion 18%, revenue 15.2
 * Their Python twin, u = lambda n,k1,v1,k2,v2: np.r_[np.zeros(n-k1-k2),
 * np.full(k1,v1), np.full(k2,v2)], with c = u(500,60,40,20,80),
 * a = u(500,70,40,30,80), b = u(500,40,40,50,120), gives the references.
 */
#include "testutil.h"
#include "uplift.h"

/* One arm of users(): conversion, revenue, orders, aov and amount (= revenue) cells. */
static void users(struct uplift_moments *cells, double n, double k1, double v1, double k2,
		  double v2)
{
	double k = k1 + k2, sum = k1 * v1 + k2 * v2, sum_sq = k1 * v1 * v1 + k2 * v2 * v2;

	memset(cells, 0, UPLIFT_N_METRICS * sizeof(*cells));
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		cells[m].n = n;
	cells[UPLIFT_CONVERSION].sum = cells[UPLIFT_CONVERSION].sum_sq = k;
	cells[UPLIFT_ORDERS].sum = cells[UPLIFT_ORDERS].sum_sq = k;
	cells[UPLIFT_REVENUE].sum = cells[UPLIFT_AMOUNT].sum = sum;
	cells[UPLIFT_REVENUE].sum_sq = cells[UPLIFT_AMOUNT].sum_sq = sum_sq;
	cells[UPLIFT_AOV].sum = sum;
	cells[UPLIFT_AOV].sum_sq = sum_sq;
	cells[UPLIFT_AOV].sum_x = cells[UPLIFT_AOV].sum_x_sq = k;
	cells[UPLIFT_AOV].sum_xy = sum;
	cells[UPLIFT_AOV].buyers = k;
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		if (m != UPLIFT_AOV)
			cells[m].buyers = NAN;
}

#define HAND_METRICS                                                                               \
	(UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_REVENUE) |                \
	 UPLIFT_METRIC_BIT(UPLIFT_ORDERS) | UPLIFT_METRIC_BIT(UPLIFT_AOV) |                        \
	 UPLIFT_METRIC_BIT(UPLIFT_AMOUNT))

struct hand {
	char *arms[3];
	struct uplift_moments cells[3 * UPLIFT_N_METRICS];
	struct uplift_suff s;
};

/* control, A and B of the header, as sufficient statistics. */
static void hand_made(struct hand *h)
{
	memset(h, 0, sizeof(*h));
	h->arms[0] = "control";
	h->arms[1] = "A";
	h->arms[2] = "B";
	users(&h->cells[0], 500, 60, 40, 20, 80);
	users(&h->cells[UPLIFT_N_METRICS], 500, 70, 40, 30, 80);
	users(&h->cells[2 * UPLIFT_N_METRICS], 500, 40, 40, 50, 120);
	h->s.n_arms = 3;
	h->s.arms = h->arms;
	h->s.metrics = HAND_METRICS;
	h->s.overall = h->cells;
}

static struct uplift_analysis_options options(void)
{
	struct uplift_analysis_options o = {.alpha = 0.05,
					    .correction = UPLIFT_HOLM,
					    .metrics = UPLIFT_DEFAULT_METRICS,
					    .decide = UPLIFT_REVENUE,
					    .expected_users = UPLIFT_SEQ_EXPECTED_USERS};
	return o;
}

static struct uplift_analysis *run(const struct uplift_suff *s,
				   const struct uplift_analysis_options *o)
{
	static const double w[] = {1, 1, 1};
	struct uplift_analysis *an = uplift_analysis_run(s, 0, w, o);

	assert_non_null(an);
	return an;
}

static void guardrail(struct uplift_analysis_options *o, enum uplift_metric m, double margin)
{
	o->decision.guardrails[o->decision.n_guardrails].metric = m;
	o->decision.guardrails[o->decision.n_guardrails].margin = margin;
	o->decision.n_guardrails++;
}

/* B beats A and control on revenue (no gross margin: the decision metric is revenue) */
static void clear_winner(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;
	const struct uplift_decision *d;

	hand_made(&h);
	an = run(&h.s, &o);
	d = &an->decision;
	assert_int_equal(d->metric, UPLIFT_REVENUE);
	assert_int_equal(d->leader, 2);
	assert_int_equal(d->runner_up, 1);
	assert_int_equal(d->ship, 2);
	assert_true(d->clear);
	assert_int_equal(d->why, UPLIFT_DECISION_CLEAR);
	assert_close(d->leader_value, 15.2, 1e-12);
	assert_close(d->runner_up_value, 10.4, 1e-12);
	/* python3 -c "...; from statsmodels.stats.weightstats import CompareMeans as C,
	 * DescrStatsW as D; print(b.mean()-a.mean(), C(D(b),D(a)).tconfint_diff(usevar='unequal'),
	 * C(D(b),D(c)).tconfint_diff(usevar='unequal'))"
	 * 4.799999999999999 (1.0341300946097758, 8.565869905390223) (3.554375423666469,
	 * 10.84562457633353): A is the runner-up (the lower bound 1.03 < 3.55) */
	assert_close(d->diff, 4.8, 1e-12);
	assert_close(d->diff_lo, 1.0341300946097758, 1e-9);
	assert_close(d->diff_hi, 8.565869905390223, 1e-9);
	assert_true(isnan(d->users_per_arm));
	assert_null(d->reason);
	assert_int_equal(d->targeting, -1);
	uplift_analysis_free(an);
}

/* B is clear on revenue but loses conversion against control beyond -5% */
static void guardrail_fails(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;
	const struct uplift_decision *d;

	hand_made(&h);
	guardrail(&o, UPLIFT_CONVERSION, -0.05);
	guardrail(&o, UPLIFT_REVENUE, 0);
	an = run(&h.s, &o);
	d = &an->decision;
	assert_true(d->clear);
	assert_int_equal(d->leader, 2);
	assert_int_equal(d->ship, SIZE_MAX);
	assert_int_equal(d->why, UPLIFT_DECISION_GUARDRAIL);
	assert_int_equal(d->n_guardrails, 2);
	/* python3 -c "from statsmodels.stats.proportion import confint_proportions_2indep as P;
	 * print(P(90,500,80,500,method='log',compare='ratio'))"  (Katz)
	 * (0.8549693253195413, 1.4803162669338783) */
	assert_int_equal(d->guardrails[0].metric, UPLIFT_CONVERSION);
	assert_close(d->guardrails[0].margin, -0.05, 0);
	assert_close(d->guardrails[0].lift_lo, 0.8549693253195413 - 1, 1e-9);
	assert_false(d->guardrails[0].holds);
	/* the delta method on log(mean_b / mean_c):
	 * python3 -c "...; v=b.var(ddof=1)/(500*b.mean()**2)+c.var(ddof=1)/(500*c.mean()**2);
	 * print(math.exp(math.log(b.mean()/c.mean())-stats.norm.isf(0.025)*math.sqrt(v))-1)"
	 * 0.4058285085634168 */
	assert_close(d->guardrails[1].lift_lo, 0.4058285085634168, 1e-9);
	assert_true(d->guardrails[1].holds);
	uplift_analysis_free(an);

	/* a margin of -20% lets B's conversion (lower bound -14.5%) through */
	o.decision.guardrails[0].margin = -0.20;
	an = run(&h.s, &o);
	assert_true(an->decision.guardrails[0].holds);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_CLEAR);
	assert_int_equal(an->decision.ship, 2);
	uplift_analysis_free(an);

	/* a guardrail metric that is not in the data does not hold */
	h.s.metrics &= ~UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	an = run(&h.s, &o);
	assert_false(an->decision.guardrails[0].holds);
	assert_true(isnan(an->decision.guardrails[0].lift_lo));
	assert_int_equal(an->decision.why, UPLIFT_DECISION_GUARDRAIL);
	assert_string_equal(an->decision.reason, "a guardrail metric is not in the data");
	uplift_analysis_free(an);
}

/* Keeping control (the leader here) holds every guardrail. */
static void control_leads(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;
	struct uplift_moments swap[UPLIFT_N_METRICS];

	hand_made(&h);
	memcpy(swap, h.cells, sizeof(swap));
	memcpy(h.cells, &h.cells[2 * UPLIFT_N_METRICS], sizeof(swap));
	memcpy(&h.cells[2 * UPLIFT_N_METRICS], swap, sizeof(swap));
	guardrail(&o, UPLIFT_CONVERSION, 0.5);
	an = run(&h.s, &o);
	assert_int_equal(an->decision.leader, 0);
	assert_int_equal(an->decision.ship, 0);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_CLEAR);
	assert_true(an->decision.guardrails[0].holds);
	assert_true(isnan(an->decision.guardrails[0].lift_lo));
	/* the same difference as B - A above */
	assert_close(an->decision.diff_lo, 1.0341300946097758, 1e-9);
	uplift_analysis_free(an);
}

/* profit with a gross margin (UPLIFT_PROFIT in the data), revenue without, [decision] metric first
 */
static void decision_metric(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;

	hand_made(&h);
	an = run(&h.s, &o);
	assert_int_equal(an->decision.metric, UPLIFT_REVENUE);
	uplift_analysis_free(an);

	/* no discount metric (a folder without a discount column): no profit, never a cost of 0 */
	uplift_suff_derive(&h.s, 0.6);
	assert_false(h.s.metrics & UPLIFT_METRIC_BIT(UPLIFT_PROFIT));
	an = run(&h.s, &o);
	assert_int_equal(an->decision.metric, UPLIFT_REVENUE);
	uplift_analysis_free(an);

	h.s.metrics |= UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT); /* discounts known, all 0 */
	uplift_suff_derive(&h.s, 0.6);
	assert_true(h.s.metrics & UPLIFT_METRIC_BIT(UPLIFT_PROFIT));
	an = run(&h.s, &o);
	assert_int_equal(an->decision.metric, UPLIFT_PROFIT);
	/* profit = 0.6 amount here (no discounts): B 9.12, A 6.24 */
	assert_close(an->decision.leader_value, 0.6 * 15.2, 1e-12);
	assert_close(an->decision.diff_lo, 0.6 * 1.0341300946097758, 1e-9);
	uplift_analysis_free(an);

	/* whatever --metrics shows: the decision reads the data's cells */
	o.metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	an = run(&h.s, &o);
	assert_int_equal(an->decision.metric, UPLIFT_PROFIT);
	assert_int_equal(an->decision.ship, 2);
	uplift_analysis_free(an);

	o.decision.has_metric = true;
	o.decision.metric = UPLIFT_CONVERSION;
	an = run(&h.s, &o);
	assert_int_equal(an->decision.metric, UPLIFT_CONVERSION);
	uplift_analysis_free(an);

	uplift_suff_derive(&h.s, 0); /* no gross margin: no profit in the data */
	o.decision.metric = UPLIFT_PROFIT;
	an = run(&h.s, &o);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NO_METRIC);
	assert_int_equal(an->decision.ship, SIZE_MAX);
	assert_int_equal(an->decision.leader, SIZE_MAX);
	assert_string_equal(an->decision.reason, "the decision metric is not in the data");
	uplift_analysis_free(an);
}

/* On conversion A (20%) leads B (18%) without a clear edge: how many users would settle it. */
static void not_clear_rates(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;
	const struct uplift_decision *d;

	hand_made(&h);
	o.decision.has_metric = true;
	o.decision.metric = UPLIFT_CONVERSION;
	an = run(&h.s, &o);
	d = &an->decision;
	assert_int_equal(d->leader, 1);
	assert_int_equal(d->runner_up, 2);
	assert_int_equal(d->ship, SIZE_MAX);
	assert_false(d->clear);
	assert_int_equal(d->why, UPLIFT_DECISION_NOT_CLEAR);
	/* python3 -c "from statsmodels.stats.proportion import confint_proportions_2indep as P;
	 * print(P(100,500,90,500,method='newcomb'), P(100,500,80,500,method='newcomb'))"
	 * (-0.02869928533236267, 0.068616984118637) (-0.007695872760499878, 0.08756176998458437) */
	assert_close(d->diff, 0.02, 1e-9);
	assert_close(d->diff_lo, -0.02869928533236267, 1e-9);
	assert_close(d->diff_hi, 0.068616984118637, 1e-9);
	/* power.prop.test(p1=.18, p2=.20, power=.8)$n, the closed form of its power equation:
	 * python3 -c "import math; from scipy import stats; p1,p2=.18,.20;
	 * za,zb=stats.norm.isf(.025),stats.norm.ppf(.8); pb=(p1+p2)/2;
	 * print((za*math.sqrt(2*pb*(1-pb))+zb*math.sqrt(p1*(1-p1)+p2*(1-p2)))**2/(p1-p2)**2)"
	 * 6038.53388475563 -> 6039 */
	assert_close(d->users_per_arm, 6039, 0);
	assert_null(d->reason);
	uplift_analysis_free(an);
}

/* No figure the data cannot carry: equal arms, a ratio, an arm of one user. */
static void no_users_per_arm(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *an;

	/* two identical arms: the leader is the first, no difference to plan for */
	hand_made(&h);
	memcpy(&h.cells[2 * UPLIFT_N_METRICS], &h.cells[UPLIFT_N_METRICS],
	       UPLIFT_N_METRICS * sizeof(*h.cells));
	an = run(&h.s, &o);
	assert_int_equal(an->decision.leader, 1);
	assert_int_equal(an->decision.runner_up, 2);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NOT_CLEAR);
	assert_close(an->decision.diff, 0, 0);
	assert_true(isnan(an->decision.users_per_arm));
	assert_string_equal(an->decision.reason, "the leader and the runner-up have the same "
						 "value: no difference to plan a test for");
	uplift_analysis_free(an);

	/* aov: B's 84.4 per order against A's 52 is clear, A against control's 50 is not */
	hand_made(&h);
	h.s.n_arms = 2;
	o.decision.has_metric = true;
	o.decision.metric = UPLIFT_AOV;
	an = run(&h.s, &o);
	assert_int_equal(an->decision.leader, 1);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NOT_CLEAR);
	assert_true(isnan(an->decision.users_per_arm));
	assert_string_equal(an->decision.reason,
			    "no sample-size formula for a ratio metric such as aov");
	uplift_analysis_free(an);

	/* an arm of one user: no variance, no interval, no decision */
	hand_made(&h);
	users(&h.cells[2 * UPLIFT_N_METRICS], 1, 0, 0, 1, 500);
	o.decision.has_metric = false;
	an = run(&h.s, &o);
	assert_int_equal(an->decision.leader, 2);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NOT_COMPUTABLE);
	assert_int_equal(an->decision.ship, SIZE_MAX);
	assert_false(an->decision.clear);
	assert_true(isnan(an->decision.diff_lo));
	assert_string_equal(an->decision.reason, "fewer than 2 users in an arm");
	uplift_analysis_free(an);

	/* one arm only has a value */
	hand_made(&h);
	h.cells[UPLIFT_REVENUE].n = h.cells[UPLIFT_N_METRICS + UPLIFT_REVENUE].n = 0;
	an = run(&h.s, &o);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NOT_COMPUTABLE);
	assert_true(an->decision.leader == 2 || an->decision.leader == SIZE_MAX);
	uplift_analysis_free(an);
}

/* --sequential: the decision's intervals are the always-valid ones (wider) */
static void sequential(void **state)
{
	struct hand h;
	struct uplift_analysis_options o = options();
	struct uplift_analysis *fixed, *seq;

	hand_made(&h);
	fixed = run(&h.s, &o);
	o.sequential = true;
	seq = run(&h.s, &o);
	assert_close(seq->decision.diff, fixed->decision.diff, 1e-12);
	assert_true(seq->decision.diff_lo < fixed->decision.diff_lo);
	assert_true(seq->decision.diff_hi > fixed->decision.diff_hi);
	uplift_analysis_free(fixed);
	uplift_analysis_free(seq);
}

/* ---- folders -------------------------------------------------------------- */

static const char *const sim_files[] = {"experiment.ini", "assignments.csv", "orders.csv"};

/* build/uplift simulate DIR --seed SEED --users USERS [--aa | --rate-8 R --rate-80 R] --no-history
 */
static const char *simulate(uint64_t seed, uint64_t n, double rate)
{
	struct uplift_simulate_options sim;
	struct uplift_error err;
	const char *dir = temp_dir();

	uplift_simulate_defaults(&sim);
	sim.users = n;
	sim.seed = seed;
	sim.rate_8 = sim.rate_80 = rate;
	sim.history = false;
	if (rate == 1)
		sim.topup = 0; /* --aa */
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &sim, &err), UPLIFT_OK);
	return dir;
}

static void remove_folder(const char *dir)
{
	char path[256];

	for (size_t i = 0; i < sizeof(sim_files) / sizeof(*sim_files); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sim_files[i]);
		remove(path);
	}
	rmdir(dir);
}

/* The pipeline on dir (with --by column when not NULL), as analyze runs it. */
static struct uplift_pipeline *pipeline(const char *dir, const char *column)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const char *by[] = {column};

	uplift_pipeline_defaults(&opt);
	opt.dir = dir;
	if (column) {
		opt.by = by;
		opt.n_by = 1;
	}
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	return p;
}

/* The analysis of p's sums with the decision metric m. */
static struct uplift_analysis *decide_on(const struct uplift_pipeline *p, enum uplift_metric m)
{
	struct uplift_analysis_options o = p->an->opt;

	o.decision.has_metric = true;
	o.decision.metric = m;
	return uplift_analysis_run(p->suff, p->exp->control, p->weights, &o);
}

/*
 * An A/A test: no arm is ahead; the users per arm that would tell the
 * leader from the runner-up at the observed difference.
 *   build/uplift simulate /tmp/aa1 --seed 1 --users 20000 --aa --no-history
 *   /usr/bin/python3 tests/reference/decision.py /tmp/aa1 --metric revenue
 *   {"leader": "满80减15", "runner_up": "control", "diff": 0.3153324273101852,
 *    "diff_ci_low": -0.8721784041628964, "diff_ci_high": 1.5028432587832667,
 *    "clear": false, "ship": null, "users_per_arm": 193829}
 *   /usr/bin/python3 tests/reference/decision.py /tmp/aa1 --metric conversion
 *   {"leader": "满80减15", "runner_up": "8折券", "diff": 0.0012816064150105305,
 *    "diff_ci_low": -0.00915859375978649, "diff_ci_high": 0.01171334807878997,
 *    "users_per_arm": 904111}
 * (users per arm: power.t.test with the pooled sd, by scipy's non-central t
 * and brentq; power.prop.test's closed form for the rate)
 */
static void aa_no_winner(void **state)
{
	const char *dir = simulate(1, 20000, 1);
	struct uplift_pipeline *p = pipeline(dir, NULL);
	struct uplift_analysis *an = decide_on(p, UPLIFT_REVENUE);
	const struct uplift_decision *d = &an->decision;

	assert_int_equal(d->ship, SIZE_MAX);
	assert_int_equal(d->why, UPLIFT_DECISION_NOT_CLEAR);
	assert_false(d->clear);
	assert_string_equal(an->arm_names[d->leader], "满80减15");
	assert_string_equal(an->arm_names[d->runner_up], "control");
	assert_close(d->diff, 0.3153324273101852, 1e-9);
	assert_close(d->diff_lo, -0.8721784041628964, 1e-9);
	assert_close(d->diff_hi, 1.5028432587832667, 1e-9);
	assert_close(d->users_per_arm, 193829, 0);
	assert_null(d->reason);
	uplift_analysis_free(an);

	an = decide_on(p, UPLIFT_CONVERSION);
	d = &an->decision;
	assert_int_equal(d->ship, SIZE_MAX);
	assert_string_equal(an->arm_names[d->leader], "满80减15");
	assert_string_equal(an->arm_names[d->runner_up], "8折券");
	assert_close(d->diff, 0.0012816064150105305, 1e-9);
	assert_close(d->diff_lo, -0.00915859375978649, 1e-9);
	assert_close(d->diff_hi, 0.01171334807878997, 1e-9);
	assert_close(d->users_per_arm, 904111, 0);
	uplift_analysis_free(an);
	uplift_pipeline_free(p);
	remove_folder(dir);
}

/*
 * A clear winner on profit (the folder has gross_margin 0.6), and a plan by
 * spend_level that gains over it: the targeting column.
 *   build/uplift simulate /tmp/t5 --seed 5 --users 30000 --rate-8 2 --rate-80 2 --no-history
 *   /usr/bin/python3 tests/reference/decision.py /tmp/t5 --guardrail conversion:0.5 \
 *       --guardrail aov:0
 *   {"metric": "profit", "leader": "满80减15", "runner_up": "8折券", "diff": 4.113797016744088,
 *    "diff_ci_low": 2.954836801605234, "diff_ci_high": 5.272757231882975, "clear": true,
 *    "guardrails": [{"metric": "conversion", "margin": 0.5,
 *    "lift_ci_low": 0.27998187439786926, "holds": false}, {"metric": "aov", "margin": 0.0,
 *    "lift_ci_low": 0.047744667449042266, "holds": true}], "ship": null}
 * (without guardrails the reference's ship is 满80减15)
 */
static void clear_winner_and_targeting(void **state)
{
	const char *dir = simulate(5, 30000, 2);
	struct uplift_pipeline *p = pipeline(dir, "spend_level");
	const struct uplift_decision *d = &p->an->decision;
	struct uplift_analysis_options o = p->an->opt;
	struct uplift_analysis *an;

	assert_int_equal(d->metric, UPLIFT_PROFIT);
	assert_string_equal(p->an->arm_names[d->ship], "满80减15");
	assert_string_equal(p->an->arm_names[d->runner_up], "8折券");
	assert_int_equal(d->why, UPLIFT_DECISION_CLEAR);
	assert_close(d->diff, 4.113797016744088, 1e-9);
	assert_close(d->diff_lo, 2.954836801605234, 1e-9);
	assert_close(d->diff_hi, 5.272757231882975, 1e-9);
	/* the plan is valued on the decision metric, and it gains (test_plan.c) */
	assert_int_equal(p->n_plans, 1);
	assert_int_equal(p->plans[0]->metric, UPLIFT_PROFIT);
	assert_true(p->plans[0]->gain_lo > 0);
	assert_int_equal(d->targeting, 0);

	/* a guardrail of +50% on conversion fails: nothing to ship; aov holds */
	guardrail(&o, UPLIFT_CONVERSION, 0.5);
	guardrail(&o, UPLIFT_AOV, 0);
	an = uplift_analysis_run(p->suff, p->exp->control, p->weights, &o);
	assert_non_null(an);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_GUARDRAIL);
	assert_int_equal(an->decision.ship, SIZE_MAX);
	assert_true(an->decision.clear);
	assert_close(an->decision.guardrails[0].lift_lo, 0.27998187439786926, 1e-9);
	assert_false(an->decision.guardrails[0].holds);
	assert_close(an->decision.guardrails[1].lift_lo, 0.047744667449042266, 1e-9);
	assert_true(an->decision.guardrails[1].holds);
	uplift_analysis_free(an);
	uplift_pipeline_free(p);
	remove_folder(dir);
}

/*
 * experiments/coffee-w47 (gross_margin 0.6): on profit 满80减15 (+1.26 per
 * user against control) leads 8折券 (+0.66) without a clear edge; on
 * conversion 8折券 is clearly ahead of 满80减15.
 *   /usr/bin/python3 tests/reference/decision.py experiments/coffee-w47 --guardrail aov:-0.05
 *   {"metric": "profit", "leader": "满80减15", "runner_up": "8折券", "diff": 0.594777963737239,
 *    "diff_ci_low": -0.13942499764642458, "diff_ci_high": 1.3289809251209115,
 *    "clear": false, "guardrails": [{"metric": "aov", "margin": -0.05,
 *    "lift_ci_low": 0.017523470057996704, "holds": true}], "ship": null,
 *    "users_per_arm": 31245}
 *   /usr/bin/python3 tests/reference/decision.py experiments/coffee-w47 --metric conversion
 *   {"leader": "8折券", "runner_up": "满80减15", "diff": 0.012527226272769837,
 *    "diff_ci_low": 0.003593352417663842, "diff_ci_high": 0.021459863705142572,
 *    "clear": true, "ship": "8折券"}
 */
static void coffee_w47(void **state)
{
	struct uplift_pipeline *p = pipeline("experiments/coffee-w47", "rfm_segment");
	const struct uplift_decision *d = &p->an->decision;
	struct uplift_analysis_options o;
	struct uplift_analysis *an;

	assert_int_equal(d->metric, UPLIFT_PROFIT);
	assert_int_equal(d->ship, SIZE_MAX);
	assert_int_equal(d->why, UPLIFT_DECISION_NOT_CLEAR);
	assert_string_equal(p->an->arm_names[d->leader], "满80减15");
	assert_string_equal(p->an->arm_names[d->runner_up], "8折券");
	assert_close(d->diff, 0.594777963737239, 1e-9);
	assert_close(d->diff_lo, -0.13942499764642458, 1e-9);
	assert_close(d->diff_hi, 1.3289809251209115, 1e-9);
	assert_close(d->users_per_arm, 31245, 0);
	/* the RFM plan does not beat sending everyone 满80减15 */
	assert_int_equal(p->plans[0]->metric, UPLIFT_PROFIT);
	assert_false(p->plans[0]->gain_lo > 0);
	assert_int_equal(d->targeting, -1);

	o = p->an->opt;
	guardrail(&o, UPLIFT_AOV, -0.05);
	an = uplift_analysis_run(p->suff, p->exp->control, p->weights, &o);
	assert_non_null(an);
	assert_int_equal(an->decision.why, UPLIFT_DECISION_NOT_CLEAR);
	assert_close(an->decision.guardrails[0].lift_lo, 0.017523470057996704, 1e-9);
	assert_true(an->decision.guardrails[0].holds);
	uplift_analysis_free(an);

	an = decide_on(p, UPLIFT_CONVERSION);
	assert_string_equal(an->arm_names[an->decision.ship], "8折券");
	assert_string_equal(an->arm_names[an->decision.runner_up], "满80减15");
	assert_close(an->decision.diff, 0.012527226272769837, 1e-9);
	assert_close(an->decision.diff_lo, 0.003593352417663842, 1e-9);
	assert_close(an->decision.diff_hi, 0.021459863705142572, 1e-9);
	uplift_analysis_free(an);
	uplift_pipeline_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(clear_winner),
	    cmocka_unit_test(guardrail_fails),
	    cmocka_unit_test(control_leads),
	    cmocka_unit_test(decision_metric),
	    cmocka_unit_test(not_clear_rates),
	    cmocka_unit_test(no_users_per_arm),
	    cmocka_unit_test(sequential),
	    cmocka_unit_test(aa_no_winner),
	    cmocka_unit_test(clear_winner_and_targeting),
	    cmocka_unit_test(coffee_w47),
	};
	return cmocka_run_group_tests_name("decision", tests, NULL, NULL);
}
