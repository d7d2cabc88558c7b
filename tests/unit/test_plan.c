/*
 * test_plan.c - the cross-fitted targeting plan on simulated experiments
 * whose best arm per segment is known by construction (src/simulate.c):
 * with rate multipliers of 2, 满80减15 triples the purchase rate of 高客单
 * members (1 + 1 * 1.8) against 1.5 for 8折券, and 8折券 gives 低客单 members
 * 2.5 against 1.2. In an A/A test no plan can beat the single best arm.
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_plan.h"
#include "uplift_simulate.h"

static const char *const names[] = {"experiment.ini", "assignments.csv", "orders.csv"};

static struct uplift_plan *simulate_and_plan(double rate, uint64_t seed, struct uplift_data **dp,
					     struct uplift_experiment **ep)
{
	struct uplift_simulate_options sim;
	struct uplift_error err;
	const char *dir = temp_dir();
	const char *by[] = {"spend_level"};
	struct uplift_load_options opt = {.by = by, .n_by = 1};
	char path[256];
	struct uplift_plan *p;

	uplift_simulate_defaults(&sim);
	sim.users = 30000;
	sim.seed = seed;
	sim.rate_8 = sim.rate_80 = rate;
	sim.history = false;
	if (rate == 1)
		sim.topup = 0;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &sim, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	*ep = uplift_experiment_load(path, "sim", &err);
	assert_non_null(*ep);
	*dp = uplift_data_load(*ep, dir, &opt, &err);
	assert_non_null(*dp);
	p = uplift_plan_compute(*dp, 0, UPLIFT_REVENUE, 0.05, UPLIFT_PLAN_SEED);
	assert_non_null(p);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
	return p;
}

static const char *arm_of(const struct uplift_data *d, const struct uplift_plan *p,
			  const char *value)
{
	for (size_t k = 0; k < p->n_rows; k++)
		if (strcmp(uplift_strtab_get(&d->by[0].values, p->rows[k].value, NULL), value) == 0)
			return d->exp->arms[p->rows[k].arm].name;
	return "?";
}

static void picks_the_true_best_arm(void **state)
{
	struct uplift_data *d;
	struct uplift_experiment *e;
	struct uplift_plan *p = simulate_and_plan(2.0, 5, &d, &e);

	assert_string_equal(arm_of(d, p, "高客单"), "满80减15");
	assert_string_equal(arm_of(d, p, "低客单"), "8折券");
	for (size_t k = 0; k < p->n_rows; k++)
		assert_true(p->rows[k].folds_agree);
	assert_null(p->reason);
	/* a real gain over the best single arm, and the plan beats it */
	assert_true(p->gain_lo > 0);
	assert_true(p->plan > p->single);
	assert_close(p->gain, p->plan - p->single, 1e-9);
	uplift_plan_free(p);
	uplift_data_free(d);
	uplift_experiment_free(e);
}

/* A/A: whatever the plan picks, its cross-fitted gain is noise around 0 */
static void no_gain_without_effects(void **state)
{
	struct uplift_data *d;
	struct uplift_experiment *e;
	struct uplift_plan *p = simulate_and_plan(1.0, 6, &d, &e);

	assert_null(p->reason);
	assert_true(p->gain_lo <= 0 && p->gain_hi >= 0);
	uplift_plan_free(p);
	uplift_data_free(d);
	uplift_experiment_free(e);
}

/* aov is a ratio: the plan says why it is not valued */
static void ratio_metric(void **state)
{
	struct uplift_data *d;
	struct uplift_experiment *e;
	struct uplift_plan *p = simulate_and_plan(2.0, 5, &d, &e);
	struct uplift_plan *q = uplift_plan_compute(d, 0, UPLIFT_AOV, 0.05, 1);

	assert_non_null(q);
	assert_true(isnan(q->plan));
	assert_string_equal(q->reason,
			    "the plan needs a per-user metric (not a ratio such as aov)");
	uplift_plan_free(q);
	uplift_plan_free(p);
	uplift_data_free(d);
	uplift_experiment_free(e);
}

/*
 * Profit per user, g x (paid + discount) - discount with the experiment's
 * gross margin: with g = 1 it is the paid value, so the plan is revenue's to
 * the last bit; with g = 0.6 the arms it sends are the segments' best by
 * mean profit:
 *   build/uplift simulate /tmp/p5 --seed 5 --users 30000 --rate-8 2 --rate-80 2 --no-history
 *   /usr/bin/python3 -c "import pandas as pd; a=pd.read_csv('/tmp/p5/assignments.csv');
 *   o=pd.read_csv('/tmp/p5/orders.csv'); o=o[(o.order_time.str[:10]>='2026-11-16')&
 *   (o.order_time.str[:10]<='2026-11-22')]; g=o.groupby('user_id').agg(amount=('amount','sum'),
 *   discount=('discount','sum')); u=a.merge(g,how='left',left_on='user_id',
 *   right_index=True).fillna(0); u['profit']=0.6*u.amount-u.discount;
 *   print(u.groupby(['spend_level','arm']).profit.mean().unstack())"
 *                8折券   control   满80减15
 *   低客单   7.687535  3.325189   4.593890
 *   高客单   7.191791  7.023347  18.415206
 */
static void profit(void **state)
{
	struct uplift_data *d;
	struct uplift_experiment *e;
	struct uplift_plan *p = simulate_and_plan(2.0, 5, &d, &e);
	struct uplift_plan *q;

	e->has_economics = true;
	e->gross_margin = 1;
	q = uplift_plan_compute(d, 0, UPLIFT_PROFIT, 0.05, UPLIFT_PLAN_SEED);
	assert_non_null(q);
	assert_null(q->reason);
	assert_int_equal(q->metric, UPLIFT_PROFIT);
	assert_int_equal(q->single_arm, p->single_arm);
	assert_close(q->plan, p->plan, 1e-12);
	assert_close(q->gain, p->gain, 1e-12);
	assert_close(q->gain_lo, p->gain_lo, 1e-12);
	uplift_plan_free(q);

	e->gross_margin = 0.6;
	q = uplift_plan_compute(d, 0, UPLIFT_PROFIT, 0.05, UPLIFT_PLAN_SEED);
	assert_non_null(q);
	assert_null(q->reason);
	assert_string_equal(arm_of(d, q, "低客单"), "8折券");
	assert_string_equal(arm_of(d, q, "高客单"), "满80减15");
	assert_true(q->plan < p->plan); /* 60% of the amount, less the coupons */
	uplift_plan_free(q);

	/* no gross margin: no profit to plan on */
	e->has_economics = false;
	q = uplift_plan_compute(d, 0, UPLIFT_PROFIT, 0.05, UPLIFT_PLAN_SEED);
	assert_non_null(q);
	assert_true(isnan(q->gain));
	assert_string_equal(q->reason, "profit needs [economics] gross_margin");
	uplift_plan_free(q);
	uplift_plan_free(p);
	uplift_data_free(d);
	uplift_experiment_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(picks_the_true_best_arm),
	    cmocka_unit_test(no_gain_without_effects),
	    cmocka_unit_test(ratio_metric),
	    cmocka_unit_test(profit),
	};
	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
