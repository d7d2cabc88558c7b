/*
 * analysis_internal.h - the seams between the files of the analysis, internal
 * to the library: analysis.c runs the stages that families.c,
 * heterogeneity.c and economics.c fill into a struct uplift_analysis, and
 * compare.c and economics.c share the summary of a group's moments.
 */
#ifndef UPLIFT_ANALYSIS_INTERNAL_H
#define UPLIFT_ANALYSIS_INTERNAL_H

#include <math.h>
#include <stdbool.h>

#include "uplift_analysis.h"
#include "uplift_suff.h"

/* n, mean and sample variance of the y of m (mean NaN without users). */
static inline struct uplift_sample uplift_sample_of(const struct uplift_moments *m)
{
	struct uplift_sample s;

	s.n = m->n;
	s.mean = m->n > 0 ? m->sum / m->n : NAN;
	s.var = uplift_sample_var(m->n, m->sum, m->sum_sq);
	return s;
}

/*
 * families.c: every treatment-vs-control comparison of a->metrics, overall
 * and per --by value, into a->cmp, each family corrected by a->opt.correction.
 * a->cmp must hold them all. False when out of memory.
 */
bool uplift_families_compare(struct uplift_analysis *a);

/*
 * families.c: every unordered pair of treatment arms head to head (the
 * earlier arm as baseline), every metric of a->metrics, overall and per
 * --by value, into a->pairs, corrected as families of their own; a->pairs
 * must hold uplift_families_pairs_per_group(n_arms, a->metrics) per group
 * of users (0 with fewer than 2 treatment arms). False when out of memory.
 */
size_t uplift_families_pairs_per_group(size_t n_arms, unsigned metrics);
bool uplift_families_pairs(struct uplift_analysis *a);

/*
 * heterogeneity.c: per --by column, Cochran's Q (a->het); per column value,
 * the best arm (a->best) and the sample-ratio check against weights
 * (a->seg_srm). Nothing without --by columns. False when out of memory.
 */
bool uplift_heterogeneity_fill(struct uplift_analysis *a, const double *weights);

/* economics.c: a->econ for every treatment arm. False when out of memory. */
bool uplift_economics_fill(struct uplift_analysis *a);

/*
 * decision.c: a->decision (uplift_decision.h) from the overall cells of
 * a->suff, whatever a->metrics holds; targeting is left -1 (the pipeline
 * sets it from the plans).
 */
void uplift_decision_fill(struct uplift_analysis *a);

/*
 * checks.c: a->checks, one warning per flagged statistic of the analysis:
 * srm overall, segment_srm per value of a --by column (after
 * uplift_heterogeneity_fill). False when out of memory.
 */
bool uplift_checks_fill(struct uplift_analysis *a);

/*
 * pre_period.c: with history.csv, each treatment arm vs control on the
 * pre-period value of each tested metric that has one (conversion,
 * repurchase, revenue, orders: the CUPED covariate's sums), Holm across
 * them; appended to a->checks as pre_period warnings where the adjusted p
 * is below UPLIFT_SRM_THRESHOLD (after uplift_checks_fill). False when out
 * of memory.
 */
bool uplift_pre_period_fill(struct uplift_analysis *a);

#endif
