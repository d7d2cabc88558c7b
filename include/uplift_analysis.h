/*
 * uplift_analysis.h - from sufficient statistics to the answers: per-arm
 * estimates, treatment-vs-control comparisons, sample-ratio mismatch and
 * multiple-comparison correction.
 *
 * An uplift_analysis borrows the uplift_suff it was computed from (keep it
 * alive as long as the analysis) and owns everything else. A number that
 * cannot be computed is NaN inside the struct, always with a reason, and is
 * written as null by every output format.
 */
#ifndef UPLIFT_ANALYSIS_H
#define UPLIFT_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_metric.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

struct uplift_analysis_options {
	double alpha; /* two-sided level 1 - alpha */
	enum uplift_correction correction;
	unsigned metrics; /* bit mask of metrics asked for */
};

/* One estimate with its interval; NaN where not computable (see reason). */
struct uplift_value {
	double value, lo, hi;
	const char *reason; /* why something is NaN, else NULL */
};

struct uplift_arm_summary {
	double users;
	struct uplift_value metric[UPLIFT_N_METRICS];
};

struct uplift_comparison {
	long column;  /* --by column index, -1 for the overall result */
	size_t value; /* value index within the column */
	size_t arm;   /* the treatment arm */
	enum uplift_metric metric;
	double n_control, n_treatment;
	double control, treatment;     /* the metric in each arm */
	double diff, diff_lo, diff_hi; /* treatment - control */
	double lift, lift_lo, lift_hi; /* treatment / control - 1 */
	double p, p_adjusted;
	bool significant;   /* p_adjusted < alpha */
	const char *reason; /* first reason a field is NaN */
};

struct uplift_srm_result {
	double chi2, df, p;
	bool mismatch; /* p < 0.001 */
	const char *reason;
};

struct uplift_analysis {
	const struct uplift_suff *suff; /* borrowed */
	struct uplift_analysis_options opt;
	size_t control;
	unsigned metrics; /* asked for and present in the data */
	struct uplift_srm_result srm;
	struct uplift_arm_summary *arms; /* per arm, overall */
	struct uplift_comparison *cmp;   /* overall first, then per column */
	size_t n_cmp;
};

#define UPLIFT_SRM_THRESHOLD 0.001

/*
 * Analyze s with control arm `control` and planned weights[arm] (for the
 * sample-ratio check). Returns a new analysis (uplift_analysis_free) or NULL
 * when out of memory.
 */
struct uplift_analysis *uplift_analyze(const struct uplift_suff *s, size_t control,
				       const double *weights,
				       const struct uplift_analysis_options *opt);

/* Release; NULL is a no-op. */
void uplift_analysis_free(struct uplift_analysis *a);

/* Estimate of one metric for one group of users, from its moments. */
void uplift_estimate(const struct uplift_moments *m, enum uplift_metric metric, double alpha,
		     struct uplift_value *out);

/*
 * Compare treatment moments t with control moments c for a metric; fills
 * everything in out but the identifying fields and the adjusted p-value.
 */
void uplift_compare(const struct uplift_moments *t, const struct uplift_moments *c,
		    enum uplift_metric metric, double alpha, struct uplift_comparison *out);

#endif
