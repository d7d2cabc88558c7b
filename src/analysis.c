/*
 * analysis.c - estimates, comparisons, SRM and corrections from sufficient
 * statistics (see uplift_analysis.h).
 */
#include "uplift_analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct uplift_sample sample_of(const struct uplift_moments *m)
{
	struct uplift_sample s;

	s.n = m->n;
	s.mean = m->n > 0 ? m->sum / m->n : NAN;
	s.var = uplift_sample_var(m->n, m->sum, m->sum_sq);
	return s;
}

static bool ratio_of(const struct uplift_moments *m, struct uplift_ratio *r, const char **why)
{
	return uplift_ratio_from_sums(m->n, m->sum, m->sum_sq, m->sum_x, m->sum_x_sq, m->sum_xy, r,
				      why);
}

void uplift_estimate(const struct uplift_moments *m, enum uplift_metric metric, double alpha,
		     struct uplift_value *out)
{
	struct uplift_interval iv = {NAN, NAN, NAN};
	const char *why = NULL;
	struct uplift_ratio r;

	switch (uplift_metric_kind(metric)) {
	case UPLIFT_PROPORTION:
		uplift_wilson(m->sum, m->n, alpha, &iv, &why);
		break;
	case UPLIFT_MEAN:
		uplift_mean_ci(m->n, m->sum, m->sum_sq, alpha, &iv, &why);
		break;
	case UPLIFT_RATIO:
		if (ratio_of(m, &r, &why))
			uplift_ratio_ci(&r, alpha, &iv, &why);
		else if (m->sum_x > 0)
			iv.est = m->sum / m->sum_x;
		break;
	}
	out->value = iv.est;
	out->lo = iv.lo;
	out->hi = iv.hi;
	out->reason = why;
}

/* Keep the first reason only: it names what went wrong first. */
static void note(struct uplift_comparison *c, const char *why)
{
	if (!c->reason && why)
		c->reason = why;
}

void uplift_compare(const struct uplift_moments *t, const struct uplift_moments *c,
		    enum uplift_metric metric, double alpha, struct uplift_comparison *out)
{
	struct uplift_interval d = {NAN, NAN, NAN}, l = {NAN, NAN, NAN};
	const char *why = NULL;
	double p = NAN;

	out->n_control = c->n;
	out->n_treatment = t->n;
	out->reason = NULL;
	switch (uplift_metric_kind(metric)) {
	case UPLIFT_PROPORTION:
		out->control = c->n > 0 ? c->sum / c->n : NAN;
		out->treatment = t->n > 0 ? t->sum / t->n : NAN;
		if (!uplift_newcombe(t->sum, t->n, c->sum, c->n, alpha, &d, &why))
			note(out, why);
		if (!uplift_katz_lift(t->sum, t->n, c->sum, c->n, alpha, &l, &why))
			note(out, why);
		if (!uplift_prop_test(t->sum, t->n, c->sum, c->n, &p, &why))
			note(out, why);
		break;
	case UPLIFT_MEAN: {
		struct uplift_sample st = sample_of(t), sc = sample_of(c);
		out->control = sc.mean;
		out->treatment = st.mean;
		if (!uplift_welch(&st, &sc, alpha, &d, &p, NULL, &why))
			note(out, why);
		if (!uplift_log_lift(&st, &sc, alpha, &l, &why))
			note(out, why);
		break;
	}
	case UPLIFT_RATIO: {
		struct uplift_ratio rt, rc;
		bool okt = ratio_of(t, &rt, &why);
		if (!okt)
			note(out, why);
		bool okc = ratio_of(c, &rc, &why);
		if (!okc)
			note(out, why);
		out->control = c->sum_x > 0 ? c->sum / c->sum_x : NAN;
		out->treatment = t->sum_x > 0 ? t->sum / t->sum_x : NAN;
		if (okt && okc) {
			if (!uplift_ratio_diff(&rt, &rc, alpha, &d, &p, &why))
				note(out, why);
			if (!uplift_ratio_lift(&rt, &rc, alpha, &l, &why))
				note(out, why);
		}
		break;
	}
	}
	out->diff = d.est;
	out->diff_lo = d.lo;
	out->diff_hi = d.hi;
	out->lift = l.est;
	out->lift_lo = l.lo;
	out->lift_hi = l.hi;
	out->p = p;
	out->p_adjusted = NAN;
	out->significant = false;
}

void uplift_analysis_free(struct uplift_analysis *a)
{
	if (!a)
		return;
	free(a->arms);
	free(a->cmp);
	free(a);
}

/* Adjust the p-values of one family (comparisons [from, to)). */
static bool adjust_family(struct uplift_analysis *a, size_t from, size_t to)
{
	size_t m = to - from;
	double *p;
	size_t *scratch;

	if (m == 0)
		return true;
	p = malloc(m * sizeof(*p));
	scratch = malloc(m * sizeof(*scratch));
	if (!p || !scratch) {
		free(p);
		free(scratch);
		return false;
	}
	for (size_t i = 0; i < m; i++)
		p[i] = a->cmp[from + i].p;
	uplift_p_adjust(p, p, m, a->opt.correction, scratch);
	for (size_t i = 0; i < m; i++) {
		struct uplift_comparison *c = &a->cmp[from + i];
		c->p_adjusted = p[i];
		c->significant = !isnan(p[i]) && p[i] < a->opt.alpha;
	}
	free(p);
	free(scratch);
	return true;
}

static size_t add_comparisons(struct uplift_analysis *a, long column, size_t value)
{
	const struct uplift_suff *s = a->suff;
	size_t added = 0;

	for (size_t arm = 0; arm < s->n_arms; arm++) {
		if (arm == a->control)
			continue;
		for (int m = 0; m < UPLIFT_N_METRICS; m++) {
			struct uplift_comparison *c;
			if (!(a->metrics & UPLIFT_METRIC_BIT(m)))
				continue;
			c = &a->cmp[a->n_cmp++];
			c->column = column;
			c->value = value;
			c->arm = arm;
			c->metric = (enum uplift_metric)m;
			uplift_compare(uplift_suff_cell(s, column, value, arm, m),
				       uplift_suff_cell(s, column, value, a->control, m), c->metric,
				       a->opt.alpha, c);
			added++;
		}
	}
	return added;
}

struct uplift_analysis *uplift_analyze(const struct uplift_suff *s, size_t control,
				       const double *weights,
				       const struct uplift_analysis_options *opt)
{
	struct uplift_analysis *a = calloc(1, sizeof(*a));
	size_t per_group, groups = 1, from;
	double *counts;
	int n_metrics = 0;

	if (!a)
		return NULL;
	a->suff = s;
	a->opt = *opt;
	a->control = control;
	a->metrics = opt->metrics & s->metrics;
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		n_metrics += (a->metrics & UPLIFT_METRIC_BIT(m)) != 0;
	per_group = (s->n_arms - 1) * (size_t)n_metrics;
	for (size_t c = 0; c < s->n_columns; c++)
		groups += s->columns[c].n_values;
	a->arms = calloc(s->n_arms, sizeof(*a->arms));
	a->cmp = calloc(per_group * groups + 1, sizeof(*a->cmp));
	counts = calloc(s->n_arms, sizeof(*counts));
	if (!a->arms || !a->cmp || !counts)
		goto fail;

	for (size_t arm = 0; arm < s->n_arms; arm++) {
		a->arms[arm].users = uplift_suff_cell(s, -1, 0, arm, UPLIFT_CONVERSION)->n;
		counts[arm] = a->arms[arm].users;
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			uplift_estimate(uplift_suff_cell(s, -1, 0, arm, m), m, opt->alpha,
					&a->arms[arm].metric[m]);
	}
	uplift_srm(counts, weights, s->n_arms, &a->srm.chi2, &a->srm.df, &a->srm.p, &a->srm.reason);
	a->srm.mismatch = !isnan(a->srm.p) && a->srm.p < UPLIFT_SRM_THRESHOLD;

	/* the overall result is one family, each --by column another */
	add_comparisons(a, -1, 0);
	if (!adjust_family(a, 0, a->n_cmp))
		goto fail;
	for (size_t c = 0; c < s->n_columns; c++) {
		from = a->n_cmp;
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			add_comparisons(a, (long)c, v);
		if (!adjust_family(a, from, a->n_cmp))
			goto fail;
	}
	free(counts);
	return a;
fail:
	free(counts);
	uplift_analysis_free(a);
	return NULL;
}
