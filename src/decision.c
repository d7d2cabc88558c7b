/*
 * decision.c - what to ship next week (see uplift_decision.h): the decision
 * metric, its leader among all the arms (control included), the leader's
 * comparison with every other arm, the guardrails against control, and
 * when nothing is clear, the users per arm a new test would need.
 *
 * Everything is computed from the suff's overall cells, whatever --metrics
 * asked for: the decision is about the experiment, not about the table.
 * Every interval is the one uplift_compare_with gives at level 1 - alpha
 * (honouring --cuped and --sequential), uncorrected: the decision is one
 * question (is the leader ahead of every other arm), asked once.
 */
#include "uplift_power.h"
#include "uplift_suff.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "analysis_internal.h"

/* The power a new test is planned for. */
#define DECISION_POWER 0.8

/* [decision] metric, else profit when the data has it (a gross margin), else revenue. */
static enum uplift_metric decision_metric(const struct uplift_analysis *a)
{
	if (a->opt.decision.has_metric)
		return a->opt.decision.metric;
	return (a->suff->metrics & UPLIFT_METRIC_BIT(UPLIFT_PROFIT)) ? UPLIFT_PROFIT
								     : UPLIFT_REVENUE;
}

static const struct uplift_moments *overall(const struct uplift_analysis *a, size_t arm,
					    enum uplift_metric m)
{
	return uplift_suff_cell(a->suff, -1, 0, arm, m);
}

/* The arm with the highest value of m (the first of equals), SIZE_MAX if none has one. */
static size_t leader_of(const struct uplift_analysis *a, enum uplift_metric m, size_t *with_value)
{
	size_t best = SIZE_MAX;
	double top = -INFINITY;

	*with_value = 0;
	for (size_t arm = 0; arm < a->n_arms; arm++) {
		double x = uplift_metric_value(a->opt.set, overall(a, arm, m), m);
		if (!isfinite(x))
			continue;
		(*with_value)++;
		if (x > top) {
			top = x;
			best = arm;
		}
	}
	return best;
}

/*
 * The leader against every other arm: runner_up is the arm whose difference
 * from the leader has the lowest lower bound (an arm the difference from
 * which is not computable counts as lowest: the leader is not shown to beat
 * it), clear = every lower bound above 0. False, with d->reason, when some
 * difference has no interval.
 */
static bool against_the_others(const struct uplift_analysis *a, struct uplift_decision *d)
{
	double lowest = INFINITY;
	bool computable = true;

	d->clear = true;
	for (size_t arm = 0; arm < a->n_arms; arm++) {
		struct uplift_comparison c;
		bool nan;

		if (arm == d->leader)
			continue;
		memset(&c, 0, sizeof(c));
		uplift_compare_with(overall(a, d->leader, d->metric), overall(a, arm, d->metric),
				    d->metric, &a->opt, &c);
		nan = isnan(c.diff_lo);
		if (nan && computable) {
			computable = false;
			d->reason = c.reason ? c.reason : "the difference has no interval";
		}
		if (!(c.diff_lo > 0))
			d->clear = false;
		if ((nan && lowest > -INFINITY) || c.diff_lo < lowest) {
			lowest = nan ? -INFINITY : c.diff_lo;
			d->runner_up = arm;
			d->runner_up_value = c.control;
			d->diff = c.diff;
			d->diff_lo = c.diff_lo;
			d->diff_hi = c.diff_hi;
		}
	}
	return computable;
}

/*
 * Each guardrail for the leader: the lower bound of the relative change of
 * the leader against control must stay above the margin. Keeping control
 * holds every guardrail. A guardrail that cannot be computed does not hold.
 * True when all hold.
 */
static bool guardrails(const struct uplift_analysis *a, struct uplift_decision *d)
{
	const struct uplift_decision_def *def = &a->opt.decision;
	bool all = true;

	d->n_guardrails =
	    def->n_guardrails < UPLIFT_MAX_GUARDRAILS ? def->n_guardrails : UPLIFT_MAX_GUARDRAILS;
	for (size_t i = 0; i < d->n_guardrails; i++) {
		struct uplift_guardrail *g = &d->guardrails[i];
		struct uplift_comparison c;

		g->metric = def->guardrails[i].metric;
		g->margin = def->guardrails[i].margin;
		g->lift_lo = NAN;
		g->holds = d->leader == a->control;
		if (g->holds)
			continue;
		if (!(a->suff->metrics & UPLIFT_METRIC_BIT(g->metric))) {
			if (!d->reason)
				d->reason = "a guardrail metric is not in the data";
			all = false;
			continue;
		}
		memset(&c, 0, sizeof(c));
		uplift_compare_with(overall(a, d->leader, g->metric),
				    overall(a, a->control, g->metric), g->metric, &a->opt, &c);
		g->lift_lo = c.lift_lo;
		g->holds = c.lift_lo > g->margin; /* NaN: does not hold */
		if (isnan(c.lift_lo) && !d->reason)
			d->reason =
			    c.reason ? c.reason : "a guardrail's relative change has no interval";
		all = all && g->holds;
	}
	return all;
}

/*
 * The pooled standard deviation of two groups of a mean metric:
 * sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2)), the sd that
 * power.t.test's two-sample test assumes both arms share.
 */
static double pooled_sd(const struct uplift_moments *x, const struct uplift_moments *y)
{
	double vx = uplift_sample_var(x->n, x->sum, x->sum_sq);
	double vy = uplift_sample_var(y->n, y->sum, y->sum_sq);

	return sqrt(((x->n - 1) * vx + (y->n - 1) * vy) / (x->n + y->n - 2));
}

/*
 * Users per arm for a new plain fixed-sample test (no CUPED, not
 * sequential) to tell the leader from the runner-up at their observed
 * values, with 80% power at level alpha: power.prop.test with p1, p2 the
 * two arms' rates; power.t.test with delta their difference and sd the
 * pooled sd. Rounded up, as uplift power does.
 */
static void users_per_arm(const struct uplift_analysis *a, struct uplift_decision *d)
{
	const struct uplift_moments *x = overall(a, d->leader, d->metric);
	const struct uplift_moments *y = overall(a, d->runner_up, d->metric);
	double delta = d->leader_value - d->runner_up_value, alpha = a->opt.alpha, n, sd;

	if (uplift_metric_kind(a->opt.set, d->metric) == UPLIFT_RATIO) {
		d->reason = "no sample-size formula for a ratio metric such as aov";
		return;
	}
	if (!(delta > 0)) {
		d->reason = "the leader and the runner-up have the same value: no difference "
			    "to plan a test for";
		return;
	}
	if (uplift_metric_kind(a->opt.set, d->metric) == UPLIFT_PROPORTION) {
		n = uplift_power_prop_n(d->runner_up_value, d->leader_value, alpha, DECISION_POWER);
	} else {
		sd = pooled_sd(x, y);
		if (!(sd > 0)) {
			d->reason = "no variation in either arm";
			return;
		}
		/* uplift_power_t_n searches n in [2, 1e7], as R does */
		n = uplift_power_t_n(delta, sd, alpha, DECISION_POWER);
		if (isnan(n) && uplift_power_t(2, delta, sd, alpha) >= DECISION_POWER)
			n = 2; /* the smallest two-sample test already has the power */
		if (isnan(n)) {
			d->reason = "more than 10 million users per arm would be needed";
			return;
		}
	}
	if (!(2 * ceil(n) <= UPLIFT_POWER_MAX_USERS)) {
		d->reason = "more users per arm than can be counted would be needed";
		return;
	}
	d->users_per_arm = ceil(n);
}

void uplift_decision_fill(struct uplift_analysis *a)
{
	struct uplift_decision *d = &a->decision;
	size_t with_value;
	bool computable, hold;

	memset(d, 0, sizeof(*d));
	d->set = a->opt.set;
	d->leader = d->runner_up = d->ship = SIZE_MAX;
	d->leader_value = d->runner_up_value = NAN;
	d->diff = d->diff_lo = d->diff_hi = d->users_per_arm = NAN;
	d->targeting = -1;
	d->metric = decision_metric(a);
	if (!(a->suff->metrics & UPLIFT_METRIC_BIT(d->metric))) {
		d->why = UPLIFT_DECISION_NO_METRIC;
		d->reason = "the decision metric is not in the data";
		/* profit (and the coupon's cost) without the discounts: never a cost of 0 */
		if ((d->metric == UPLIFT_PROFIT || d->metric == UPLIFT_DISCOUNT ||
		     d->metric == UPLIFT_REDEMPTION) &&
		    !(a->suff->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT)))
			d->reason = "it needs the discount column, which the data lacks";
		return;
	}
	d->leader = leader_of(a, d->metric, &with_value);
	if (with_value < 2) {
		d->why = UPLIFT_DECISION_NOT_COMPUTABLE;
		d->reason = "fewer than two arms have a value of the decision metric";
		return;
	}
	d->leader_value = uplift_metric_value(a->opt.set, overall(a, d->leader, d->metric), d->metric);
	computable = against_the_others(a, d);
	hold = guardrails(a, d);
	if (!computable) {
		d->clear = false;
		d->why = UPLIFT_DECISION_NOT_COMPUTABLE;
	} else if (!d->clear) {
		d->why = UPLIFT_DECISION_NOT_CLEAR;
		users_per_arm(a, d);
	} else if (!hold) {
		d->why = UPLIFT_DECISION_GUARDRAIL;
	} else {
		d->why = UPLIFT_DECISION_CLEAR;
		d->ship = d->leader;
	}
}
