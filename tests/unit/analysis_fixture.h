/*
 * analysis_fixture.h - the analysis of tests/fixtures/small through the
 * library, shared by the unit tests of the analysis's modules.
 */
#ifndef UPLIFT_ANALYSIS_FIXTURE_H
#define UPLIFT_ANALYSIS_FIXTURE_H

#include "testutil.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_suff.h"

struct run {
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an;
};

static inline void analyze_fixture(struct run *r, const char *const *by, size_t n_by,
				   enum uplift_correction corr)
{
	struct uplift_error err;
	struct uplift_load_options lopt = {.by = by, .n_by = n_by};
	struct uplift_analysis_options aopt = {.alpha = 0.05,
					       .correction = corr,
					       .metrics = UPLIFT_DEFAULT_METRICS,
					       .gross_margin = 0.6};
	double w[] = {1, 1};

	uplift_error_clear(&err);
	r->exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(r->exp);
	r->data = uplift_data_load(r->exp, "tests/fixtures/small", &lopt, &err);
	assert_non_null(r->data);
	r->suff = uplift_suff_from_data(r->data);
	assert_non_null(r->suff);
	r->an = uplift_analysis_run(r->suff, r->exp->control, w, &aopt);
	assert_non_null(r->an);
}

static inline void run_free(struct run *r)
{
	uplift_analysis_free(r->an);
	uplift_suff_free(r->suff);
	uplift_data_free(r->data);
	uplift_experiment_free(r->exp);
}

static inline const struct uplift_comparison *find(const struct uplift_analysis *an, long column,
						   size_t value, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == column && an->cmp[i].value == value &&
		    an->cmp[i].metric == m)
			return &an->cmp[i];
	fail();
	return NULL;
}

/* Moments of a rate: x of n users have the event. */
static inline struct uplift_moments rate(double x, double n)
{
	struct uplift_moments m = {n, x, x, 0, 0, 0, NAN};
	return m;
}

/* Sufficient statistics by hand: conversion only, overall only, cells[arm * N_METRICS]. */
static inline void conversion_suff(struct uplift_suff *s, char **arms, size_t n_arms,
				   struct uplift_moments *cells)
{
	memset(s, 0, sizeof(*s));
	s->n_arms = n_arms;
	s->arms = arms;
	s->metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	s->overall = cells;
}

#endif
