/*
 * families.c - the comparisons of an analysis, grouped into families, and
 * the multiple-comparison correction (Holm or Benjamini-Hochberg) within
 * each: the overall result is one family, each --by column another, so
 * adding a column never changes the overall p-values.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis_internal.h"

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

/* Every treatment arm against control, for each metric, within one group of users. */
static void add_comparisons(struct uplift_analysis *a, long column, size_t value)
{
	const struct uplift_suff *s = a->suff;

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
			uplift_compare_with(uplift_suff_cell(s, column, value, arm, m),
					    uplift_suff_cell(s, column, value, a->control, m),
					    c->metric, &a->opt, c);
		}
	}
}

bool uplift_families_compare(struct uplift_analysis *a)
{
	const struct uplift_suff *s = a->suff;
	size_t from;

	add_comparisons(a, -1, 0);
	if (!adjust_family(a, 0, a->n_cmp))
		return false;
	for (size_t c = 0; c < s->n_columns; c++) {
		from = a->n_cmp;
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			add_comparisons(a, (long)c, v);
		if (!adjust_family(a, from, a->n_cmp))
			return false;
	}
	return true;
}
