/*
 * review.c - the review of several experiments (uplift_review.h): their
 * order, the recurring arms' effects on one metric, and the pooling.
 */
#include "uplift_review.h"
#include "uplift_analysis.h"
#include "uplift_experiment.h"
#include "uplift_suff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* order[0..n) by the start date of r[order[i]]; equal ones (or no window) as given. */
static void by_start(const struct uplift_result *const *r, size_t *order, size_t n)
{
	for (size_t i = 1; i < n; i++) /* insertion: stable, and a review has a few */
		for (size_t j = i; j > 0 && r[order[j - 1]]->exp->start > r[order[j]]->exp->start;
		     j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

/* The overall comparison of arm against control on the metric called name, or NULL. */
static const struct uplift_comparison *effect(const struct uplift_result *r, size_t arm,
					      const char *name)
{
	const struct uplift_analysis *an = r->an;

	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column == -1 && c->arm == arm &&
		    strcmp(uplift_metric_name(an->opt.set, c->metric), name) == 0)
			return c;
	}
	return NULL;
}

/* The metric every experiment reports: the first one's decision metric when all have it. */
static void pick_metric(struct uplift_review *rv)
{
	const struct uplift_analysis *an0 = rv->exp[0]->an;
	const char *want = uplift_metric_name(an0->opt.set, an0->decision.metric);
	bool all = true;

	for (size_t e = 0; e < rv->n; e++) {
		const struct uplift_analysis *an = rv->exp[e]->an;
		int m = uplift_metric_parse(an->opt.set, want);
		all &= m >= 0 && (an->metrics & UPLIFT_METRIC_BIT(m));
	}
	snprintf(rv->metric, sizeof(rv->metric), "%s", all ? want : "revenue");
	rv->rate = uplift_metric_kind(an0->opt.set, uplift_metric_parse(an0->opt.set, rv->metric)) ==
		   UPLIFT_PROPORTION;
}

static void add_point(struct uplift_review *rv, struct uplift_review_arm *a, size_t e)
{
	const struct uplift_result *r = rv->exp[e];
	const struct uplift_analysis *an = r->an;
	long arm = uplift_experiment_find_arm(r->exp, a->arm, strlen(a->arm));
	const struct uplift_comparison *c;
	struct uplift_review_point *pt;
	int m;

	if (arm < 0 || (size_t)arm == an->control || !(c = effect(r, (size_t)arm, rv->metric)))
		return;
	m = (int)c->metric;
	pt = &a->points[a->n++];
	pt->exp = e;
	pt->diff = c->diff;
	pt->lo = c->diff_lo;
	pt->hi = c->diff_hi;
	pt->p = c->p;
	pt->tested = c->tested;
	pt->significant = c->significant;
	pt->var = an->suff ? uplift_compare_diff_variance(
				 an->opt.set, uplift_suff_cell(an->suff, -1, 0, (size_t)arm, m),
				 uplift_suff_cell(an->suff, -1, 0, an->control, m), c->metric)
			   : NAN;
}

struct uplift_review *uplift_review_build(const struct uplift_result *const *r, size_t n)
{
	struct uplift_review *rv = calloc(1, sizeof(*rv));
	size_t *order = calloc(n ? n : 1, sizeof(*order));

	if (!rv || !order || !(rv->exp = calloc(n ? n : 1, sizeof(*rv->exp))))
		goto fail;
	rv->n = n;
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	by_start(r, order, n);
	for (size_t i = 0; i < n; i++)
		rv->exp[i] = r[order[i]];
	free(order);
	order = NULL;
	if (n == 0)
		return rv;
	rv->alpha = rv->exp[0]->an->opt.alpha;
	pick_metric(rv);
	/* every arm name but a control, in the order first seen */
	for (size_t e = 0; e < n; e++) {
		const struct uplift_experiment *x = rv->exp[e]->exp;
		for (size_t a = 0; a < x->n_arms; a++) {
			bool seen = false;
			size_t in = 0;
			if (a == rv->exp[e]->an->control)
				continue;
			for (size_t k = 0; k < rv->n_arms; k++)
				seen |= strcmp(rv->arms[k].arm, x->arms[a].name) == 0;
			if (seen)
				continue;
			for (size_t f = 0; f < n; f++) { /* a treatment arm of experiment f */
				long k = uplift_experiment_find_arm(rv->exp[f]->exp, x->arms[a].name,
								    x->arms[a].name_len);
				in += k >= 0 && (size_t)k != rv->exp[f]->an->control;
			}
			if (in < 2)
				continue;
			{
				struct uplift_review_arm *arms =
				    realloc(rv->arms, (rv->n_arms + 1) * sizeof(*arms));
				if (!arms)
					goto fail;
				rv->arms = arms;
				memset(&arms[rv->n_arms], 0, sizeof(*arms));
				if (!(arms[rv->n_arms].arm = strdup(x->arms[a].name)) ||
				    !(arms[rv->n_arms].points =
					  calloc(n, sizeof(*arms[rv->n_arms].points)))) {
					free(arms[rv->n_arms].arm);
					goto fail;
				}
				rv->n_arms++;
			}
		}
	}
	for (size_t k = 0; k < rv->n_arms; k++) {
		struct uplift_review_arm *a = &rv->arms[k];
		double *y = calloc(2 * n, sizeof(*y));
		if (!y)
			goto fail;
		for (size_t e = 0; e < n; e++)
			add_point(rv, a, e);
		for (size_t i = 0; i < a->n; i++) {
			y[i] = a->points[i].diff;
			y[n + i] = a->points[i].var;
		}
		uplift_meta_dl(y, y + n, a->n, rv->alpha, &a->pooled);
		free(y);
	}
	return rv;
fail:
	free(order);
	uplift_review_free(rv);
	return NULL;
}

void uplift_review_free(struct uplift_review *rv)
{
	if (!rv)
		return;
	for (size_t k = 0; k < rv->n_arms; k++) {
		free(rv->arms[k].arm);
		free(rv->arms[k].points);
	}
	free(rv->arms);
	free(rv->exp);
	free(rv);
}
