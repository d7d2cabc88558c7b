/*
 * analysis.c - from sufficient statistics to an analysis: per-arm
 * estimates and the sample-ratio check here, then the stages of the other
 * files in order: the comparisons and their families (families.c, each
 * comparison by compare.c), heterogeneity and the best arm per segment
 * (heterogeneity.c), the checks (checks.c, pre_period.c), the coupon
 * economics (economics.c).
 */
#include "uplift_analysis.h"
#include "uplift_suff.h"

#include <math.h>
#include <stdlib.h>

#include "analysis_internal.h"

void uplift_analysis_free(struct uplift_analysis *a)
{
	if (!a)
		return;
	free(a->arms);
	free(a->cmp);
	free(a->pairs);
	free(a->het);
	free(a->best);
	free(a->seg_srm);
	free(a->econ);
	free(a->checks);
	for (size_t c = 0; c < a->n_columns; c++)
		free(a->columns[c].cells);
	free(a->columns);
	free(a);
}

/*
 * What the writers show of s without reading it: the names of the arms,
 * columns and values, and per segment cell its users and the value of
 * each metric. False when out of memory.
 */
static bool fill_names(struct uplift_analysis *a, const struct uplift_suff *s)
{
	a->n_arms = s->n_arms;
	a->arm_names = (const char *const *)s->arms;
	if (s->n_columns && !(a->columns = calloc(s->n_columns, sizeof(*a->columns))))
		return false;
	for (size_t c = 0; c < s->n_columns; c++) {
		const struct uplift_suff_column *sc = &s->columns[c];
		struct uplift_analysis_column *col = &a->columns[c];

		a->n_columns++;
		col->name = sc->name;
		col->n_values = sc->n_values;
		col->values = (const char *const *)sc->values;
		if (!(col->cells = calloc(sc->n_values * s->n_arms + 1, sizeof(*col->cells))))
			return false;
		for (size_t v = 0; v < sc->n_values; v++)
			for (size_t arm = 0; arm < s->n_arms; arm++)
				for (int m = 0; m < UPLIFT_N_METRICS; m++) {
					const struct uplift_moments *x =
					    uplift_suff_cell(s, (long)c, v, arm, m);
					col->cells[v * s->n_arms + arm].users[m] = x->n;
					col->cells[v * s->n_arms + arm].value[m] =
					    uplift_metric_value(s->set, x, m);
				}
	}
	return true;
}

struct uplift_analysis *uplift_analysis_run(const struct uplift_suff *s, size_t control,
					    const double *weights,
					    const struct uplift_analysis_options *opt)
{
	struct uplift_analysis *a = calloc(1, sizeof(*a));
	size_t per_group, groups = 1;
	double *counts;
	int n_metrics = 0;

	if (!a)
		return NULL;
	a->suff = s;
	a->opt = *opt;
	a->opt.set = s->set; /* the metrics the sums were folded for */
	a->control = control;
	a->metrics = opt->metrics & s->metrics;
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		n_metrics += (a->metrics & UPLIFT_METRIC_BIT(m)) != 0;
	per_group = (s->n_arms - 1) * (size_t)n_metrics;
	for (size_t c = 0; c < s->n_columns; c++)
		groups += s->columns[c].n_values;
	a->arms = calloc(s->n_arms, sizeof(*a->arms));
	a->cmp = calloc(per_group * groups + 1, sizeof(*a->cmp));
	a->pairs = calloc(uplift_families_pairs_per_group(s->n_arms, a->metrics) * groups + 1,
			  sizeof(*a->pairs));
	counts = calloc(s->n_arms, sizeof(*counts));
	if (!a->arms || !a->cmp || !a->pairs || !counts || !fill_names(a, s))
		goto fail;

	for (size_t arm = 0; arm < s->n_arms; arm++) {
		a->arms[arm].users = uplift_suff_cell(s, -1, 0, arm, UPLIFT_CONVERSION)->n;
		counts[arm] = a->arms[arm].users;
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			uplift_compare_estimate(a->opt.set, uplift_suff_cell(s, -1, 0, arm, m), m, opt->alpha,
						&a->arms[arm].metric[m]);
	}
	uplift_srm(counts, weights, s->n_arms, &a->srm.chi2, &a->srm.df, &a->srm.p, &a->srm.reason);
	a->srm.mismatch = !isnan(a->srm.p) && a->srm.p < UPLIFT_SRM_THRESHOLD;

	if (!uplift_families_compare(a) || !uplift_families_pairs(a) ||
	    !uplift_heterogeneity_fill(a, weights) || !uplift_checks_fill(a) ||
	    !uplift_pre_period_fill(a))
		goto fail;
	uplift_decision_fill(a);
	if (opt->gross_margin > 0 && !uplift_economics_fill(a))
		goto fail;
	free(counts);
	return a;
fail:
	free(counts);
	uplift_analysis_free(a);
	return NULL;
}
