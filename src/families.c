/*
 * families.c - the comparisons of an analysis, grouped into families, and
 * the multiple-comparison correction (Holm or Benjamini-Hochberg) within
 * each: the overall result is one family, each --by column another, so
 * adding a column never changes the overall p-values.
 *
 * Two sets of families: every treatment arm against control (a->cmp), and
 * every unordered pair of treatment arms head to head (a->pairs), each set
 * overall and per column; the pairs never share a family with the
 * comparisons against control.
 *
 * Only tested outcomes (uplift_metric_tested) are tested: discount, amount
 * and redemption describe the coupon's cost, so they keep their value,
 * difference, intervals, lift and chance to win (a description of the
 * posterior, not a test) but have no p-value, are never significant and
 * never enter a family. Asking for them with --metrics therefore never
 * changes another comparison's adjusted p-value.
 */
#include <math.h>
#include <stdlib.h>

#include "analysis_internal.h"

/*
 * Adjust the p-values of one family, cmp[0 .. m): the tested comparisons
 * with a p-value (uplift_p_adjust leaves NaN out of the count).
 */
static bool adjust_family(struct uplift_comparison *cmp, size_t m,
			  const struct uplift_analysis_options *opt)
{
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
		p[i] = cmp[i].tested ? cmp[i].p : NAN;
	uplift_p_adjust(p, p, m, opt->correction, scratch);
	for (size_t i = 0; i < m; i++) {
		cmp[i].p_adjusted = p[i];
		cmp[i].significant = !isnan(p[i]) && p[i] < opt->alpha;
	}
	free(p);
	free(scratch);
	return true;
}

/*
 * One comparison of arm against baseline on metric m within one group of
 * users; an untested metric keeps no p-value.
 */
static void compare_one(const struct uplift_analysis *a, struct uplift_comparison *c, long column,
			size_t value, size_t baseline, size_t arm, int m)
{
	const struct uplift_suff *s = a->suff;

	c->column = column;
	c->value = value;
	c->arm = arm;
	c->baseline = baseline;
	c->metric = (enum uplift_metric)m;
	c->tested = uplift_metric_tested(a->opt.set, c->metric);
	uplift_compare_with(uplift_suff_cell(s, column, value, arm, m),
			    uplift_suff_cell(s, column, value, baseline, m), c->metric, &a->opt, c);
	/* p_adjusted NaN and significant false: uplift_compare_with; an uncapped
	 * twin keeps its own p (shown beside the capped metric, outside the family) */
	if (!c->tested && !uplift_metric_is_twin(a->opt.set, c->metric))
		c->p = NAN;
}

/* Every treatment arm against control, for each metric, within one group of users. */
static void add_comparisons(struct uplift_analysis *a, long column, size_t value)
{
	for (size_t arm = 0; arm < a->n_arms; arm++) {
		if (arm == a->control)
			continue;
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			if (a->metrics & UPLIFT_METRIC_BIT(m))
				compare_one(a, &a->cmp[a->n_cmp++], column, value, a->control, arm,
					    m);
	}
}

/*
 * Every unordered pair of treatment arms (the earlier arm of the experiment
 * as baseline, the later as arm), for each metric, within one group of users.
 */
static void add_pairs(struct uplift_analysis *a, long column, size_t value)
{
	for (size_t base = 0; base < a->n_arms; base++) {
		if (base == a->control)
			continue;
		for (size_t arm = base + 1; arm < a->n_arms; arm++) {
			if (arm == a->control)
				continue;
			for (int m = 0; m < UPLIFT_N_METRICS; m++)
				if (a->metrics & UPLIFT_METRIC_BIT(m))
					compare_one(a, &a->pairs[a->n_pairs++], column, value, base,
						    arm, m);
		}
	}
}

typedef void add_fn(struct uplift_analysis *a, long column, size_t value);

/*
 * Fill one set of families with add: overall, then each column's values,
 * correcting each family as it is complete. *n counts what add wrote into
 * list (a->n_cmp or a->n_pairs).
 */
static bool fill_families(struct uplift_analysis *a, add_fn *add, struct uplift_comparison *list,
			  const size_t *n)
{
	size_t from = *n;

	add(a, -1, 0);
	if (!adjust_family(list + from, *n - from, &a->opt))
		return false;
	for (size_t c = 0; c < a->suff->n_columns; c++) {
		from = *n;
		for (size_t v = 0; v < a->suff->columns[c].n_values; v++)
			add(a, (long)c, v);
		if (!adjust_family(list + from, *n - from, &a->opt))
			return false;
	}
	return true;
}

bool uplift_families_compare(struct uplift_analysis *a)
{
	return fill_families(a, add_comparisons, a->cmp, &a->n_cmp);
}

size_t uplift_families_pairs_per_group(size_t n_arms, unsigned metrics)
{
	size_t k = n_arms > 0 ? n_arms - 1 : 0, n_metrics = 0;

	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		n_metrics += (metrics & UPLIFT_METRIC_BIT(m)) != 0;
	return k * (k > 0 ? k - 1 : 0) / 2 * n_metrics;
}

bool uplift_families_pairs(struct uplift_analysis *a)
{
	return fill_families(a, add_pairs, a->pairs, &a->n_pairs);
}
