/*
 * target_value.c - the values of uplift target, all estimated the same way
 * on held-out members: a rule pi gives each member an arm, chosen without
 * that member (the fold forests, or arms chosen on the training folds), and
 *     V(pi) = mean_i 1{A_i = pi_i} Y_i / p_{A_i},
 * the inverse-propensity-weighted mean with the arm weights p_a of
 * experiment.ini, over every member with an outcome. Its interval is the
 * normal one from the per-member contributions c_i (sample variance / n);
 * the gain of one rule over another is the mean of the paired differences
 * of contributions, same members, with their variance.
 *
 * The rules: the policy (each member's arm of largest predicted gain,
 * control when none is above 0); control; each single arm for everyone,
 * and the best of them: the arm of the highest value V(a) on all members.
 * Choosing that baseline on the members it is valued on can only flatter
 * it (the winner's curse of a few arms), so the policy's gain over it errs
 * low, never high: the honest side for the claim "targeting beats sending
 * one coupon to everyone". (A baseline chosen per fold on the training
 * folds, as the plans choose their arms, falls below the arm that is
 * truly best whenever folds disagree, and then an A/A test shows gains
 * that are not there: 7 of 200 false gains instead of 1, scripts/aa-target.sh.)
 * Per --by column,
 * the segment plan (per fold and value, the arm with the highest mean on
 * the training folds, the fold's best single arm for a value none of them
 * has); and the budget curve (the top x% by best predicted gain get their
 * best arm, the rest control).
 */
#include "target_internal.h"
#include "uplift_data.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Contribution of member u under the arm the rule gives it. */
static inline double contrib(const struct tvalues_in *in, size_t u, size_t given)
{
	return in->arm[u] == given ? in->y[u] / in->p[given] : 0.0;
}

struct acc {
	double n, s, ss;
};

static void acc_add(struct acc *a, double c)
{
	a->n += 1;
	a->s += c;
	a->ss += c * c;
}

/* Mean and normal interval of the accumulated contributions. */
static struct uplift_target_value acc_value(const struct acc *a, double z)
{
	struct uplift_target_value v = {NAN, NAN, NAN};
	double mean, var;

	if (a->n < 2)
		return v;
	mean = a->s / a->n;
	var = (a->ss - a->n * mean * mean) / (a->n - 1);
	if (var < 0)
		var = 0;
	v.value = mean;
	v.lo = mean - z * sqrt(var / a->n);
	v.hi = mean + z * sqrt(var / a->n);
	return v;
}

static const struct uplift_target_value null_value = {NAN, NAN, NAN};

/* The arm of highest mean among cells (n, sum) [0..A), or SIZE_MAX. */
static size_t argmax_mean(const double *n, const double *s, size_t A)
{
	size_t best = SIZE_MAX;
	double top = -INFINITY;

	for (size_t a = 0; a < A; a++)
		if (n[a] > 0 && s[a] / n[a] > top) {
			top = s[a] / n[a];
			best = a;
		}
	return best;
}

/* Per fold, the best single arm on the training folds; on all members in all[]. */
static bool best_arms(const struct tvalues_in *in, size_t *fold_best, size_t *all_best)
{
	size_t A = in->n_arms, K = in->folds;
	double *n = calloc((K + 1) * A, sizeof(*n)), *s = calloc((K + 1) * A, sizeof(*s));
	double *tn = calloc(A, sizeof(*tn)), *ts = calloc(A, sizeof(*ts));

	if (!n || !s || !tn || !ts) {
		free(n);
		free(s);
		free(tn);
		free(ts);
		return false;
	}
	for (size_t u = 0; u < in->n_users; u++)
		if (in->has_y[u]) {
			n[in->fold[u] * A + in->arm[u]] += 1;
			s[in->fold[u] * A + in->arm[u]] += in->y[u];
			n[K * A + in->arm[u]] += 1;
			s[K * A + in->arm[u]] += in->y[u];
		}
	for (size_t k = 0; k < K; k++) {
		for (size_t a = 0; a < A; a++) {
			tn[a] = n[K * A + a] - n[k * A + a];
			ts[a] = s[K * A + a] - s[k * A + a];
		}
		fold_best[k] = argmax_mean(tn, ts, A);
	}
	*all_best = argmax_mean(n + K * A, s + K * A, A);
	free(n);
	free(s);
	free(tn);
	free(ts);
	return true;
}

/* Per fold and value of by column c, the plan's arm: plan[k * n_values + v]. */
static size_t *segment_plan(const struct tvalues_in *in, const struct uplift_by_column *by,
			    const size_t *fold_best)
{
	size_t A = in->n_arms, K = in->folds, V = by->values.n;
	double *n = calloc((K + 1) * V * A + 1, sizeof(*n));
	double *s = calloc((K + 1) * V * A + 1, sizeof(*s));
	double *tn = calloc(A, sizeof(*tn)), *ts = calloc(A, sizeof(*ts));
	size_t *plan = calloc(K * V + 1, sizeof(*plan));

	if (!n || !s || !tn || !ts || !plan) {
		free(plan);
		plan = NULL;
		goto out;
	}
	for (size_t u = 0; u < in->n_users; u++)
		if (in->has_y[u]) {
			size_t v = by->of_user[u], a = in->arm[u];
			n[(in->fold[u] * V + v) * A + a] += 1;
			s[(in->fold[u] * V + v) * A + a] += in->y[u];
			n[(K * V + v) * A + a] += 1;
			s[(K * V + v) * A + a] += in->y[u];
		}
	for (size_t k = 0; k < K; k++)
		for (size_t v = 0; v < V; v++) {
			size_t best;
			for (size_t a = 0; a < A; a++) {
				tn[a] = n[(K * V + v) * A + a] - n[(k * V + v) * A + a];
				ts[a] = s[(K * V + v) * A + a] - s[(k * V + v) * A + a];
			}
			best = argmax_mean(tn, ts, A);
			plan[k * V + v] = best == SIZE_MAX ? fold_best[k] : best;
		}
out:
	free(n);
	free(s);
	free(tn);
	free(ts);
	return plan;
}

int target_cmp_ranked(const void *a, const void *b)
{
	const struct target_ranked *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return (x->u > y->u) - (x->u < y->u);
}

/* The budget curve: the top x% by best predicted gain get their best arm. */
static bool budget(struct uplift_target *t, const struct tvalues_in *in)
{
	size_t A = in->n_arms, m = 0;
	struct target_ranked *r = malloc((t->n_users + 1) * sizeof(*r));
	uint16_t *best = malloc((in->n_users + 1) * sizeof(*best));
	struct acc rest = {0, 0, 0}, top = {0, 0, 0};

	if (!r || !best) {
		free(r);
		free(best);
		return false;
	}
	for (size_t u = 0; u < in->n_users; u++) {
		const double *g = in->pred + u * A;
		double s = -INFINITY;
		best[u] = (uint16_t)in->control;
		for (size_t a = 0; a < A; a++)
			if (a != in->control && g[a] > s) {
				s = g[a];
				best[u] = (uint16_t)a;
			}
		if (in->has_y[u])
			r[m++] = (struct target_ranked){s, (uint32_t)u};
	}
	qsort(r, m, sizeof(*r), target_cmp_ranked);
	for (size_t i = 0; i < m; i++)
		acc_add(&rest, contrib(in, r[i].u, in->control));
	for (size_t j = 0, i = 0; j < UPLIFT_TARGET_BUDGET_POINTS; j++) {
		size_t k = j * m / (UPLIFT_TARGET_BUDGET_POINTS - 1);
		struct acc all;
		struct uplift_target_value v;
		for (; i < k; i++) { /* member i moves from control to its best arm */
			double c0 = contrib(in, r[i].u, in->control),
			       c1 = contrib(in, r[i].u, best[r[i].u]);
			rest.n -= 1;
			rest.s -= c0;
			rest.ss -= c0 * c0;
			acc_add(&top, c1);
		}
		all = (struct acc){top.n + rest.n, top.s + rest.s, top.ss + rest.ss};
		v = t->reason ? null_value : acc_value(&all, in->z);
		t->budget[j] = (struct uplift_target_point){
		    .share = (double)j / (UPLIFT_TARGET_BUDGET_POINTS - 1),
		    .value = v.value,
		    .lo = v.lo,
		    .hi = v.hi,
		    .gain = NAN};
	}
	free(r);
	free(best);
	return true;
}

/* Fewer than UPLIFT_TARGET_MIN_FOLD_ARM members of an arm in a fold: the reason, else NULL. */
static const char *too_few(struct uplift_target *t, const struct tvalues_in *in)
{
	size_t A = in->n_arms, K = in->folds;
	double *n = calloc(K * A + 1, sizeof(*n));
	const char *reason = NULL;

	if (!n)
		return "out of memory";
	for (size_t u = 0; u < in->n_users; u++)
		if (in->has_y[u])
			n[in->fold[u] * A + in->arm[u]] += 1;
	for (size_t k = 0; k < K && !reason; k++)
		for (size_t a = 0; a < A && !reason; a++)
			if (n[k * A + a] < UPLIFT_TARGET_MIN_FOLD_ARM) {
				snprintf(
				    t->verdict_why, sizeof(t->verdict_why),
				    "fewer than %d members of arm %s in fold %zu (%.0f): too few "
				    "to value a rule on held-out members",
				    UPLIFT_TARGET_MIN_FOLD_ARM, t->exp->arms[a].name, k + 1,
				    n[k * A + a]);
				reason = t->verdict_why;
			}
	free(n);
	return reason;
}

bool target_values(struct uplift_target *t, const struct tvalues_in *in)
{
	const struct uplift_data *d = t->data;
	size_t K = in->folds, all_best;
	size_t *fold_best = calloc(K, sizeof(*fold_best));

	t->best_arm_by_fold = fold_best; /* t owns it */
	struct acc pol = {0, 0, 0}, ctl = {0, 0, 0};
	struct acc *arm_v = calloc(2 * in->n_arms, sizeof(*arm_v)), *arm_g = arm_v + in->n_arms;
	bool ok = false;

	if (!fold_best || !arm_v) {
		free(arm_v);
		return false;
	}
	t->reason = too_few(t, in);
	if (!best_arms(in, fold_best, &all_best))
		goto out;
	t->best_arm = all_best;
	for (size_t k = 0; k < K; k++)
		if (fold_best[k] == SIZE_MAX && !t->reason)
			t->reason = "a fold's training members have no outcome in any arm";
	for (size_t u = 0; u < in->n_users && !t->reason; u++) {
		double cp;
		if (!in->has_y[u])
			continue;
		cp = contrib(in, u, t->policy_arm[u]);
		acc_add(&pol, cp);
		acc_add(&ctl, contrib(in, u, in->control));
		for (size_t a = 0; a < in->n_arms; a++) {
			double ca = contrib(in, u, a);
			acc_add(&arm_v[a], ca);
			acc_add(&arm_g[a], cp - ca);
		}
	}
	t->policy = t->reason ? null_value : acc_value(&pol, in->z);
	t->control = t->reason ? null_value : acc_value(&ctl, in->z);
	t->best = t->gain = null_value;
	if (!t->reason) {
		/* the best single arm: the highest value on all members (ties: the first arm) */
		size_t b = 0;
		for (size_t a = 1; a < in->n_arms; a++)
			if (arm_v[a].s > arm_v[b].s)
				b = a;
		t->best_arm = b;
		t->best = acc_value(&arm_v[b], in->z);
		t->gain = acc_value(&arm_g[b], in->z);
	}

	/* the segment plans */
	if (d->n_by && !(t->plans = calloc(d->n_by, sizeof(*t->plans))))
		goto out;
	for (size_t c = 0; c < d->n_by; c++) {
		struct uplift_target_plan *pl = &t->plans[t->n_plans++];
		size_t *plan, V = d->by[c].values.n;
		struct acc pv = {0, 0, 0}, pg = {0, 0, 0};
		if (!(pl->column = strdup(d->by[c].name)) ||
		    !(plan = segment_plan(in, &d->by[c], fold_best)))
			goto out;
		for (size_t u = 0; u < in->n_users && !t->reason; u++) {
			double cs;
			if (!in->has_y[u])
				continue;
			cs = contrib(in, u, plan[in->fold[u] * V + d->by[c].of_user[u]]);
			acc_add(&pv, cs);
			acc_add(&pg, contrib(in, u, t->policy_arm[u]) - cs);
		}
		free(plan);
		pl->value = t->reason ? null_value : acc_value(&pv, in->z);
		pl->gain = t->reason ? null_value : acc_value(&pg, in->z);
	}
	if (!budget(t, in))
		goto out;

	/* the verdict */
	t->pays = !t->reason && t->gain.lo > 0;
	for (size_t c = 0; c < t->n_plans; c++)
		t->pays &= t->plans[c].gain.lo > 0;
	ok = true;
out:
	free(arm_v);
	return ok;
}
