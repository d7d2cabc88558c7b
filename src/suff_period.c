/*
 * suff_period.c - the sums of the post period and of window + post
 * (uplift_suff_from_period, uplift_suff.h), folded by suff.c's fold with
 * each member's post-period accumulator, or the two added up.
 */
#include "suff_internal.h"
#include "uplift_data.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct uplift_suff *uplift_suff_from_period(const struct uplift_data *d,
					    const struct uplift_suff *window,
					    enum uplift_period period)
{
	struct uplift_suff *s = calloc(1, sizeof(*s));
	struct uplift_metric_value v[UPLIFT_N_METRICS];
	size_t n_v = 0;

	if (!s || !d->post_of)
		goto fail;
	if (!(s->set = malloc(sizeof(*s->set))))
		goto fail;
	*s->set = *window->set;
	s->metrics = 0;
	for (size_t m = 0; m < s->set->n; m++) {
		const struct uplift_metric_def *def = &s->set->def[m];
		struct uplift_metric_value *x;
		int own = def->uncapped_of != UPLIFT_N_METRICS ? def->uncapped_of : (int)m;
		s->cap[m] = window->cap[m];
		bool capped_profit = m == UPLIFT_PROFIT && (window->metrics & UPLIFT_METRIC_BIT(m)) &&
				     !isnan(window->cap[m]);
		if ((!(d->metrics & UPLIFT_METRIC_BIT(m)) && !capped_profit) || def->within_days)
			continue;
		x = &v[n_v++];
		uplift_suff_value_init(x, d, s->set, (int)m, window->cap[m]);
		if (x->sum) { /* the [metric] sums of the period */
			x->sum2 = period == UPLIFT_NET ? d->metric_post[own] : NULL;
			x->den2 = period == UPLIFT_NET ? d->metric_post_den[own] : NULL;
			if (period == UPLIFT_POST) {
				x->sum = d->metric_post[own];
				x->den = d->metric_post_den[own];
			}
		}
		s->metrics |= UPLIFT_METRIC_BIT(m);
	}
	s->n_arms = window->n_arms;
	if (!(s->arms = calloc(s->n_arms, sizeof(*s->arms))))
		goto fail;
	for (size_t a = 0; a < s->n_arms; a++)
		if (!(s->arms[a] = strdup(window->arms[a])))
			goto fail;
	if (!(s->overall = uplift_suff_fold_group(d, period, NULL, 1, NULL, v, n_v)))
		goto fail;
	return s;
fail:
	uplift_suff_free(s);
	return NULL;
}
