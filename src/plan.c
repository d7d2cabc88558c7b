/*
 * plan.c - the cross-fitted targeting plan (see uplift_plan.h).
 */
#include "uplift_plan.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sums of one (half, value, arm) cell. */
struct cell {
	double n, sum, sum_sq;
};

struct fold {
	double value, var;         /* plan */
	double single, single_var; /* best single arm */
	double gain, gain_var;
	bool ok;
};

/*
 * The value of the plan's metric for user u (uplift_suff_value, uncapped);
 * false for a user left out of it (within_days not over).
 */
static bool user_value(const struct uplift_metric_value *v, const struct uplift_data *d,
		       const struct uplift_user *usr, size_t u, double *y)
{
	double x;

	if (v->within && !uplift_data_metrics_days_over(v->exposed[u], v->within, v->end))
		return false;
	*y = uplift_suff_value(v, usr, d->history ? &d->history[u] : NULL, u, &x);
	return true;
}

static double mean(const struct cell *c)
{
	return c->n > 0 ? c->sum / c->n : NAN;
}

static double var_of_mean(const struct cell *c)
{
	return c->n >= 2 ? uplift_sample_var(c->n, c->sum, c->sum_sq) / c->n : NAN;
}

/* The arm with the highest mean among cells[0..k), or SIZE_MAX if none. */
static size_t argmax(const struct cell *cells, size_t k)
{
	size_t best = SIZE_MAX;
	double top = -INFINITY;

	for (size_t a = 0; a < k; a++) {
		double m = mean(&cells[a]);
		if (isfinite(m) && m > top) {
			top = m;
			best = a;
		}
	}
	return best;
}

/* Choose on half `choose`, value on the other one. */
static struct fold one_fold(const struct cell *cells, size_t n_values, size_t n_arms, int choose)
{
	const struct cell *pick = cells + (size_t)choose * n_values * n_arms;
	const struct cell *eval = cells + (size_t)(1 - choose) * n_values * n_arms;
	struct cell *overall = calloc(n_arms, sizeof(*overall));
	struct fold f = {0, 0, 0, 0, 0, 0, true};
	double total = 0;
	size_t single;

	if (!overall) {
		f.ok = false;
		return f;
	}
	for (size_t v = 0; v < n_values; v++)
		for (size_t a = 0; a < n_arms; a++) {
			const struct cell *c = &pick[v * n_arms + a];
			overall[a].n += c->n;
			overall[a].sum += c->sum;
			total += eval[v * n_arms + a].n;
		}
	single = argmax(overall, n_arms);
	free(overall);
	if (single == SIZE_MAX || total <= 0) {
		f.ok = false;
		return f;
	}
	for (size_t v = 0; v < n_values; v++) {
		const struct cell *ev = &eval[v * n_arms];
		size_t arm = argmax(&pick[v * n_arms], n_arms);
		double users = 0, w;

		for (size_t a = 0; a < n_arms; a++)
			users += ev[a].n;
		if (users == 0)
			continue;
		w = users / total;
		if (arm == SIZE_MAX)
			arm = single; /* nothing to choose from in this half: default */
		if (ev[arm].n < 2 || ev[single].n < 2) {
			f.ok = false;
			return f;
		}
		f.value += w * mean(&ev[arm]);
		f.var += w * w * var_of_mean(&ev[arm]);
		f.single += w * mean(&ev[single]);
		f.single_var += w * w * var_of_mean(&ev[single]);
		if (arm != single) {
			f.gain += w * (mean(&ev[arm]) - mean(&ev[single]));
			f.gain_var += w * w * (var_of_mean(&ev[arm]) + var_of_mean(&ev[single]));
		}
	}
	return f;
}

static void interval(double est, double var, double z, double *lo, double *hi)
{
	*lo = est - z * sqrt(var);
	*hi = est + z * sqrt(var);
}

void uplift_plan_free(struct uplift_plan *p)
{
	if (!p)
		return;
	free(p->rows);
	free(p);
}

struct uplift_plan *uplift_plan_compute(const struct uplift_data *d, size_t column,
					enum uplift_metric m, double alpha, uint64_t seed)
{
	const struct uplift_by_column *by = &d->by[column];
	size_t n_values = by->values.n, n_arms = d->exp->n_arms;
	struct uplift_plan *p = calloc(1, sizeof(*p));
	struct cell *cells = NULL, *all = NULL;
	gsl_rng *rng = NULL;
	struct fold f0, f1, sum = {0, 0, 0, 0, 0, 0, true};
	double z = uplift_z(alpha);
	double g = d->exp->has_economics ? d->exp->gross_margin : 0;
	struct uplift_metric_value mv;

	if (!p)
		return NULL;
	p->column = column;
	p->metric = m;
	p->seed = seed;
	p->plan = p->plan_lo = p->plan_hi = NAN;
	p->single = p->single_lo = p->single_hi = NAN;
	p->gain = p->gain_lo = p->gain_hi = NAN;
	p->single_arm = SIZE_MAX;
	p->rows = calloc(n_values + 1, sizeof(*p->rows));
	cells = calloc(2 * n_values * n_arms + 1, sizeof(*cells));
	all = calloc(n_values * n_arms + 1, sizeof(*all));
	rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (!p->rows || !cells || !all || !rng)
		goto nomem;
	gsl_rng_set(rng, (unsigned long)seed);
	uplift_suff_value_init(&mv, d, &d->exp->metrics, (int)m, NAN);
	if (m == UPLIFT_PROFIT && !(g > 0)) {
		p->reason = "profit needs [economics] gross_margin";
		goto done;
	}

	/* the arms the plan sends: chosen on all users */
	for (size_t u = 0; u < d->n_users; u++) {
		struct uplift_user fresh;
		const struct uplift_user *usr = uplift_data_user(d, u, &fresh);
		size_t i = by->of_user[u] * n_arms + usr->arm;
		double y;
		if (!user_value(&mv, d, usr, u, &y))
			continue;
		all[i].n += 1;
		all[i].sum += y;
	}
	{
		struct cell *overall = calloc(n_arms, sizeof(*overall));
		if (!overall)
			goto nomem;
		for (size_t v = 0; v < n_values; v++)
			for (size_t a = 0; a < n_arms; a++) {
				overall[a].n += all[v * n_arms + a].n;
				overall[a].sum += all[v * n_arms + a].sum;
			}
		p->single_arm = argmax(overall, n_arms);
		free(overall);
	}
	for (size_t v = 0; v < n_values; v++) {
		struct uplift_plan_row *r = &p->rows[p->n_rows++];
		r->value = v;
		r->arm = argmax(&all[v * n_arms], n_arms);
		for (size_t a = 0; a < n_arms; a++)
			r->users += all[v * n_arms + a].n;
	}
	if (uplift_metric_kind(d->exp ? &d->exp->metrics : NULL, m) == UPLIFT_RATIO) {
		p->reason = "the plan needs a per-user metric (not a ratio such as aov)";
		goto done;
	}

	/*
	 * Cross-fitting, repeated over UPLIFT_PLAN_SPLITS random splits so that
	 * the answer does not hang on one lucky or unlucky split. One draw per
	 * user and split, in assignment order: the same splits every run. The
	 * variance of the average is bounded by the average of the variances.
	 */
	for (int split = 0; split < UPLIFT_PLAN_SPLITS; split++) {
		memset(cells, 0, 2 * n_values * n_arms * sizeof(*cells));
		for (size_t u = 0; u < d->n_users; u++) {
			struct uplift_user fresh;
			const struct uplift_user *usr = uplift_data_user(d, u, &fresh);
			size_t half = gsl_rng_uniform_int(rng, 2);
			size_t i = by->of_user[u] * n_arms + usr->arm;
			struct cell *c = &cells[half * n_values * n_arms + i];
			double y;

			if (!user_value(&mv, d, usr, u, &y))
				continue;
			c->n += 1;
			c->sum += y;
			c->sum_sq += y * y;
		}
		for (size_t v = 0; v < n_values; v++)
			for (size_t h = 0; h < 2; h++)
				p->rows[v].agreement += argmax(&cells[(h * n_values + v) * n_arms],
							       n_arms) == p->rows[v].arm;
		f0 = one_fold(cells, n_values, n_arms, 0);
		f1 = one_fold(cells, n_values, n_arms, 1);
		if (!f0.ok || !f1.ok) {
			p->reason = "a segment has fewer than 2 users of an arm in one half";
			goto done;
		}
		sum.value += (f0.value + f1.value) / 2;
		sum.var += (f0.var + f1.var) / 4;
		sum.single += (f0.single + f1.single) / 2;
		sum.single_var += (f0.single_var + f1.single_var) / 4;
		sum.gain += (f0.gain + f1.gain) / 2;
		sum.gain_var += (f0.gain_var + f1.gain_var) / 4;
	}
	for (size_t v = 0; v < n_values; v++) {
		p->rows[v].agreement /= 2.0 * UPLIFT_PLAN_SPLITS;
		p->rows[v].folds_agree = p->rows[v].agreement == 1.0;
	}
	p->splits = UPLIFT_PLAN_SPLITS;
	p->plan = sum.value / UPLIFT_PLAN_SPLITS;
	interval(p->plan, sum.var / UPLIFT_PLAN_SPLITS, z, &p->plan_lo, &p->plan_hi);
	p->single = sum.single / UPLIFT_PLAN_SPLITS;
	interval(p->single, sum.single_var / UPLIFT_PLAN_SPLITS, z, &p->single_lo, &p->single_hi);
	p->gain = sum.gain / UPLIFT_PLAN_SPLITS;
	interval(p->gain, sum.gain_var / UPLIFT_PLAN_SPLITS, z, &p->gain_lo, &p->gain_hi);
done:
	free(cells);
	free(all);
	gsl_rng_free(rng);
	return p;
nomem:
	free(cells);
	free(all);
	if (rng)
		gsl_rng_free(rng);
	uplift_plan_free(p);
	return NULL;
}
