/*
 * srm_fixture.h - sufficient statistics by hand for the per-segment sample
 * ratio (test_heterogeneity, test_checks): three arms, users only (the
 * conversion cells), overall and in the six values of one --by column.
 * The counts are those of tests/reference/small_data.py srm.
 */
#ifndef UPLIFT_SRM_FIXTURE_H
#define UPLIFT_SRM_FIXTURE_H

#include "analysis_fixture.h"

#define SRM_VALUES 6

/* users per value and arm; the last value has none (its chi-square is NaN) */
static const double srm_counts[SRM_VALUES][3] = {
    {400, 380, 420}, {47, 85, 47}, {30, 31, 29}, {200, 150, 210}, {12, 40, 11}, {0, 0, 0},
};

struct srm_fixture {
	struct uplift_suff s;
	struct uplift_suff_column col;
	struct uplift_moments overall[3 * UPLIFT_N_METRICS];
	struct uplift_moments cells[SRM_VALUES * 3 * UPLIFT_N_METRICS];
	char *arms[3], *values[SRM_VALUES];
};

/* A quarter of each cell's users convert; overall = the sum of the values. */
static inline void srm_fixture(struct srm_fixture *f)
{
	static char a0[] = "control", a1[] = "A", a2[] = "B", name[] = "segment";
	static char v[SRM_VALUES][2] = {"a", "b", "c", "d", "e", "f"};

	memset(f, 0, sizeof(*f));
	f->arms[0] = a0;
	f->arms[1] = a1;
	f->arms[2] = a2;
	for (size_t k = 0; k < SRM_VALUES; k++) {
		f->values[k] = v[k];
		for (size_t arm = 0; arm < 3; arm++) {
			double n = srm_counts[k][arm];
			f->cells[(k * 3 + arm) * UPLIFT_N_METRICS] = rate(floor(n / 4), n);
			f->overall[arm * UPLIFT_N_METRICS].n += n;
			f->overall[arm * UPLIFT_N_METRICS].sum += floor(n / 4);
		}
	}
	for (size_t arm = 0; arm < 3; arm++)
		f->overall[arm * UPLIFT_N_METRICS].sum_sq = f->overall[arm * UPLIFT_N_METRICS].sum;
	conversion_suff(&f->s, f->arms, 3, f->overall);
	f->col.name = name;
	f->col.n_values = SRM_VALUES;
	f->col.values = f->values;
	f->col.cells = f->cells;
	f->s.n_columns = 1;
	f->s.columns = &f->col;
}

/* The analysis of the fixture against planned weights w. */
static inline struct uplift_analysis *srm_analysis(const struct srm_fixture *f, const double *w)
{
	struct uplift_analysis_options opt = {.alpha = 0.05,
					      .metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION)};
	struct uplift_analysis *a = uplift_analysis_run(&f->s, 0, w, &opt);

	assert_non_null(a);
	return a;
}

#endif
