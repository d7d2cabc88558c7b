/*
 * analysis.c - from sufficient statistics to an analysis: per-arm
 * estimates and the sample-ratio check here, then the stages of the other
 * files in order: the comparisons and their families (families.c, each
 * comparison by compare.c), heterogeneity and the best arm per segment
 * (heterogeneity.c), the coupon economics (economics.c).
 */
#include "uplift_analysis.h"

#include <math.h>
#include <stdlib.h>

#include "analysis_internal.h"

void uplift_analysis_free(struct uplift_analysis *a)
{
	if (!a)
		return;
	free(a->arms);
	free(a->cmp);
	free(a->het);
	free(a->best);
	free(a->seg_srm);
	free(a->econ);
	free(a);
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
			uplift_compare_estimate(uplift_suff_cell(s, -1, 0, arm, m), m, opt->alpha,
						&a->arms[arm].metric[m]);
	}
	uplift_srm(counts, weights, s->n_arms, &a->srm.chi2, &a->srm.df, &a->srm.p, &a->srm.reason);
	a->srm.mismatch = !isnan(a->srm.p) && a->srm.p < UPLIFT_SRM_THRESHOLD;

	if (!uplift_families_compare(a) || !uplift_heterogeneity_fill(a, weights))
		goto fail;
	if (opt->gross_margin > 0 && !uplift_economics_fill(a))
		goto fail;
	free(counts);
	return a;
fail:
	free(counts);
	uplift_analysis_free(a);
	return NULL;
}
