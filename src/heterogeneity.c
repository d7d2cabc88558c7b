/*
 * heterogeneity.c - what differs between the values of a --by column:
 * Cochran's Q and I^2 of the treatment effect across them, the best arm of
 * each value (with its runner-up) and the sample-ratio check within each,
 * Holm-adjusted across the values of the column.
 */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"

void uplift_heterogeneity_q(const double *d, const double *v, size_t k,
			    struct uplift_heterogeneity *out)
{
	double sw = 0, swd = 0, q = 0, mean;
	size_t used = 0;

	uplift_stats_init(); /* GSL must not abort */
	for (size_t i = 0; i < k; i++) {
		if (!(v[i] > 0) || !isfinite(v[i]) || !isfinite(d[i]))
			continue;
		sw += 1 / v[i];
		swd += d[i] / v[i];
		used++;
	}
	out->used = used;
	out->q = out->df = out->p = out->i2 = NAN;
	if (used < 2)
		return;
	mean = swd / sw;
	for (size_t i = 0; i < k; i++) {
		if (!(v[i] > 0) || !isfinite(v[i]) || !isfinite(d[i]))
			continue;
		q += (d[i] - mean) * (d[i] - mean) / v[i];
	}
	out->q = q;
	out->df = (double)(used - 1);
	out->p = gsl_cdf_chisq_Q(q, out->df);
	out->i2 = q > 0 ? fmax(0, (q - out->df) / q) : 0;
}

/* Cochran's Q for every column, treatment arm and metric. */
static bool cochran_all(struct uplift_analysis *a)
{
	const struct uplift_suff *s = a->suff;
	size_t n = 0, most = 1;
	double *d, *v;

	for (size_t c = 0; c < s->n_columns; c++)
		most = s->columns[c].n_values > most ? s->columns[c].n_values : most;
	a->het = calloc(s->n_columns * s->n_arms * UPLIFT_N_METRICS + 1, sizeof(*a->het));
	d = malloc(most * sizeof(*d));
	v = malloc(most * sizeof(*v));
	if (!a->het || !d || !v) {
		free(d);
		free(v);
		return false;
	}
	for (size_t c = 0; c < s->n_columns; c++) {
		const struct uplift_suff_column *col = &s->columns[c];
		for (size_t arm = 0; arm < s->n_arms; arm++) {
			if (arm == a->control)
				continue;
			for (int m = 0; m < UPLIFT_N_METRICS; m++) {
				struct uplift_heterogeneity *h;
				if (!(a->metrics & UPLIFT_METRIC_BIT(m)))
					continue;
				for (size_t k = 0; k < col->n_values; k++) {
					const struct uplift_moments *t =
					    uplift_suff_cell(s, (long)c, k, arm, m);
					const struct uplift_moments *ctl =
					    uplift_suff_cell(s, (long)c, k, a->control, m);
					d[k] =
					    uplift_metric_value(a->opt.set, t, m) - uplift_metric_value(a->opt.set, ctl, m);
					v[k] = uplift_compare_diff_variance(a->opt.set, t, ctl, m);
				}
				h = &a->het[n++];
				h->column = c;
				h->arm = arm;
				h->metric = (enum uplift_metric)m;
				uplift_heterogeneity_q(d, v, col->n_values, h);
			}
		}
	}
	a->n_het = n;
	free(d);
	free(v);
	return true;
}

/* Best arm and runner-up of every segment value, by the decide metric. */
static void best_of(struct uplift_analysis *a, size_t c, size_t k, struct uplift_best *b)
{
	const struct uplift_suff *s = a->suff;
	enum uplift_metric m = a->opt.decide;
	double top = -INFINITY, second = -INFINITY;

	b->column = c;
	b->value = k;
	b->arm = b->runner_up = SIZE_MAX;
	for (size_t arm = 0; arm < s->n_arms; arm++) {
		double x = uplift_metric_value(a->opt.set, uplift_suff_cell(s, (long)c, k, arm, m), m);
		if (!isfinite(x))
			continue;
		if (x > top) {
			second = top;
			b->runner_up = b->arm;
			top = x;
			b->arm = arm;
		} else if (x > second) {
			second = x;
			b->runner_up = arm;
		}
	}
	memset(&b->cmp, 0, sizeof(b->cmp));
	b->cmp.column = (long)c;
	b->cmp.value = k;
	b->cmp.metric = m;
	if (b->arm == SIZE_MAX || b->runner_up == SIZE_MAX) {
		b->cmp.diff = b->cmp.diff_lo = b->cmp.diff_hi = NAN;
		b->cmp.reason = "fewer than two arms with a value";
		b->clear = false;
		return;
	}
	b->cmp.arm = b->arm;
	uplift_compare_with(uplift_suff_cell(s, (long)c, k, b->arm, m),
			    uplift_suff_cell(s, (long)c, k, b->runner_up, m), m, &a->opt, &b->cmp);
	b->clear = isfinite(b->cmp.diff_lo) && (b->cmp.diff_lo > 0 || b->cmp.diff_hi < 0);
}

/*
 * Holm across the values of one column, seg_srm[from, to): one in
 * fourteen values at p 0.0006 is what chance gives, not a finding. Values
 * whose chi-square is NaN stay out of the family (and unflagged).
 */
static bool srm_adjust(struct uplift_segment_srm *r, size_t m)
{
	double *p = malloc((m + 1) * sizeof(*p));
	size_t *scratch = malloc((m + 1) * sizeof(*scratch));

	if (!p || !scratch) {
		free(p);
		free(scratch);
		return false;
	}
	for (size_t i = 0; i < m; i++)
		p[i] = r[i].srm.p;
	uplift_p_adjust(p, p, m, UPLIFT_HOLM, scratch);
	for (size_t i = 0; i < m; i++) {
		r[i].p_adjusted = p[i];
		r[i].srm.mismatch = !isnan(p[i]) && p[i] < UPLIFT_SRM_THRESHOLD;
	}
	free(p);
	free(scratch);
	return true;
}

/* Per segment value: the best arm and the sample-ratio check. */
bool uplift_heterogeneity_fill(struct uplift_analysis *a, const double *weights)
{
	const struct uplift_suff *s = a->suff;
	size_t values = 0, from;
	double *counts;

	if (s->n_columns == 0)
		return true;
	if (!cochran_all(a))
		return false;
	for (size_t c = 0; c < s->n_columns; c++)
		values += s->columns[c].n_values;
	a->best = calloc(values + 1, sizeof(*a->best));
	a->seg_srm = calloc(values + 1, sizeof(*a->seg_srm));
	counts = calloc(s->n_arms, sizeof(*counts));
	if (!a->best || !a->seg_srm || !counts) {
		free(counts);
		return false;
	}
	for (size_t c = 0; c < s->n_columns; c++) {
		from = a->n_seg_srm;
		for (size_t k = 0; k < s->columns[c].n_values; k++) {
			struct uplift_segment_srm *r = &a->seg_srm[a->n_seg_srm++];
			if (s->metrics & UPLIFT_METRIC_BIT(a->opt.decide))
				best_of(a, c, k, &a->best[a->n_best++]);
			for (size_t arm = 0; arm < s->n_arms; arm++)
				counts[arm] =
				    uplift_suff_cell(s, (long)c, k, arm, UPLIFT_CONVERSION)->n;
			r->column = c;
			r->value = k;
			uplift_srm(counts, weights, s->n_arms, &r->srm.chi2, &r->srm.df, &r->srm.p,
				   &r->srm.reason);
		}
		if (!srm_adjust(&a->seg_srm[from], a->n_seg_srm - from)) {
			free(counts);
			return false;
		}
	}
	free(counts);
	return true;
}
