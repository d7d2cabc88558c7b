/*
 * cap.c - the cap of a capped metric (../shared/CONTRACT.md "Capping"):
 * a fixed value, or the percentile of the non-zero per-user values of all
 * arms together, so that one threshold holds for every arm and capping
 * cannot make a difference of its own. The percentile interpolates
 * linearly between the order statistics, as numpy's default and SQL's
 * percentile_cont do. The values are gathered once (a double per user
 * with a non-zero value) and freed at once.
 */
#include "uplift_suff.h"
#include "uplift_data.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double uplift_cap_percentile(double *v, size_t n, double p)
{
	double h, lo;
	size_t i;

	if (n == 0 || !(p >= 0 && p <= 100))
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	h = (double)(n - 1) * p / 100;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (h - lo) * (v[i + 1] - v[i]);
}

double uplift_suff_cap(const struct uplift_data *d, const struct uplift_metric_set *set, int m)
{
	static const struct uplift_user fresh = {.first_day = UPLIFT_NO_DAY};
	const struct uplift_metric_def *def = uplift_metric_def(set, m);
	struct uplift_metric_value v;
	double *vals, cap;
	size_t n = 0;

	if (!def || def->cap.kind == UPLIFT_CAP_NONE)
		return NAN;
	if (def->cap.kind == UPLIFT_CAP_FIXED)
		return def->cap.value;
	uplift_suff_value_init(&v, d, set, m, NAN);
	if (!(vals = malloc((d->n_users ? d->n_users : 1) * sizeof(*vals))))
		return NAN;
	for (size_t u = 0; u < d->n_users; u++) {
		const struct uplift_member *mb = &d->members[u];
		const struct uplift_user *usr = mb->acc ? &d->acc[mb->acc - 1] : &fresh;
		double x, y;

		if (v.within && !uplift_data_metrics_days_over(v.exposed[u], v.within, v.end))
			continue;
		y = uplift_suff_value(&v, usr, d->history ? &d->history[u] : NULL, u, &x);
		if (y != 0)
			vals[n++] = y;
	}
	cap = uplift_cap_percentile(vals, n, def->cap.value);
	free(vals);
	return cap;
}
