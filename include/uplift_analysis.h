/*
 * uplift_analysis.h - from sufficient statistics to the answers: per-arm
 * estimates, treatment-vs-control comparisons, sample-ratio mismatch and
 * multiple-comparison correction.
 *
 * Implemented by analysis.c (uplift_analysis_run, the per-arm estimates and the
 * sample-ratio check), compare.c (uplift_compare_estimate, uplift_compare*,
 * uplift_compare_diff_variance), families.c (the correction within each family),
 * heterogeneity.c (uplift_heterogeneity_q, best arm and sample ratio per segment)
 * and economics.c.
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

#include "uplift_checks.h"
#include "uplift_decision.h"
#include "uplift_metric.h"
#include "uplift_stats.h"

struct uplift_suff; /* uplift_suff.h */

struct uplift_analysis_options {
	double alpha; /* two-sided level 1 - alpha */
	enum uplift_correction correction;
	unsigned metrics;          /* bit mask of metrics asked for */
	enum uplift_metric decide; /* metric that picks the best arm per segment */
	bool cuped;                /* adjust by the pre-period (needs history.csv) */
	bool sequential;           /* always-valid intervals and p-values (mSPRT) */
	double expected_users;     /* --sequential tuning: expected users per comparison */
	double gross_margin;       /* [economics] gross_margin; 0 = no economics */
	struct uplift_decision_def decision; /* [decision]: the metric and guardrails */
	/* the metrics' definitions (uplift_analysis_run takes the suff's); NULL:
	 * the built-in metrics alone */
	const struct uplift_metric_set *set;
};

/*
 * Did the coupon pay for itself? One per treatment arm against control,
 * overall (column -1) and per value of each --by column.
 */
struct uplift_economics {
	long column;  /* --by column index, -1 for overall */
	size_t value; /* value index within the column */
	size_t arm;
	double discount_per_user;       /* coupon cost per assigned user */
	struct uplift_interval revenue; /* incremental paid value per user (Welch) */
	struct uplift_interval profit;  /* incremental g * amount - discount per user */
	/* discount per user / conversion diff with a delta-method interval;
	 * NaN (see reason) unless the conversion diff's interval is above 0 */
	struct uplift_interval cost_per_incremental_buyer;
	double redemption_rate;              /* users with a discounted order */
	struct uplift_interval per_redeemer; /* revenue effect / redemption share (delta) */
	/* conversion diff / redemption share, with a delta-method interval */
	struct uplift_interval incremental_share_of_redeemers;
	const char *reason; /* why something is NaN */
};

/* The reason of an economics entry whose data has no discount column. */
#define UPLIFT_ECONOMICS_NO_DISCOUNT "no discount column"

#define UPLIFT_SEQ_EXPECTED_USERS 5000.0

/* Cells smaller than this are marked "small" instead of read as findings. */
#define UPLIFT_SMALL_USERS  30
#define UPLIFT_SMALL_EVENTS 5

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
	long column;     /* --by column index, -1 for the overall result */
	size_t value;    /* value index within the column */
	size_t arm;      /* the treatment arm */
	size_t baseline; /* the arm compared with: control, or in a pair the earlier arm */
	enum uplift_metric metric;
	const struct uplift_metric_set *set; /* the metric's definition (NULL: built-in) */
	bool tested; /* a tested outcome (uplift_metric_tested): p, p_adjusted, significant */
	double n_control, n_treatment;
	double control, treatment;     /* the metric in each arm */
	double diff, diff_lo, diff_hi; /* treatment - control */
	double lift, lift_lo, lift_hi; /* treatment / control - 1 */
	double p, p_adjusted;
	bool significant;      /* p_adjusted < alpha */
	bool small;            /* < 30 users in an arm, or < 5 events for a rate */
	double chance_to_win;  /* posterior P(treatment beats control) */
	double loss_treatment; /* expected loss of shipping the treatment */
	double loss_control;   /* expected loss of keeping control */
	bool cuped;            /* diff, interval and p come from CUPED-adjusted values */
	double theta, variance_reduction;
	const char *cuped_note; /* why CUPED was asked for but not applied */
	bool sequential;        /* interval and p are always-valid (mSPRT) */
	double tau2;            /* the mixture variance of the diff used */
	const char *reason;     /* first reason a field is NaN */
};

struct uplift_srm_result {
	double chi2, df, p;
	bool mismatch; /* p < 0.001 */
	const char *reason;
};

/* Cochran's Q over the segment values of one column, for one arm and metric. */
struct uplift_heterogeneity {
	size_t column, arm;
	enum uplift_metric metric;
	double q, df, p, i2; /* NaN when fewer than two values have variance */
	size_t used;         /* values with a positive variance */
};

/* The best arm of one segment value (control included) and its runner-up. */
struct uplift_best {
	size_t column, value;
	size_t arm, runner_up;
	struct uplift_comparison cmp; /* best vs runner-up, as a comparison */
	bool clear;                   /* the interval of the difference excludes 0 */
};

/*
 * Sample-ratio check within one segment value; p_adjusted is Holm across
 * the values of its column, and srm.mismatch = p_adjusted < 0.001.
 */
struct uplift_segment_srm {
	size_t column, value;
	struct uplift_srm_result srm;
	double p_adjusted;
};

/* One (segment value, arm) cell of a --by column, per metric. */
struct uplift_segment_cell {
	double users[UPLIFT_N_METRICS]; /* users in the cell */
	double value[UPLIFT_N_METRICS]; /* the metric's value over them (uplift_metric_value) */
};

/* A --by column as the writers show it; the names are the suff's. */
struct uplift_analysis_column {
	const char *name;
	size_t n_values;
	const char *const *values;
	struct uplift_segment_cell *cells; /* cells[value * n_arms + arm] */
};

struct uplift_analysis {
	const struct uplift_suff *suff; /* borrowed; the writers read the names below instead */
	size_t n_arms;
	const char *const *arm_names; /* the suff's, in the experiment's order */
	size_t n_columns;
	struct uplift_analysis_column *columns; /* per --by column */
	struct uplift_analysis_options opt;
	size_t control;
	unsigned metrics; /* asked for and present in the data */
	struct uplift_srm_result srm;
	struct uplift_arm_summary *arms; /* per arm, overall */
	struct uplift_comparison *cmp;   /* overall first, then per column */
	size_t n_cmp;
	/* treatment vs treatment: every unordered pair of non-control arms
	 * (baseline = the earlier arm of the experiment), every metric, overall
	 * first then per column; corrected as families of their own */
	struct uplift_comparison *pairs;
	size_t n_pairs;
	struct uplift_heterogeneity *het; /* per column, arm, metric */
	size_t n_het;
	struct uplift_best *best; /* per column value */
	size_t n_best;
	struct uplift_segment_srm *seg_srm; /* per column value */
	size_t n_seg_srm;
	/* with gross_margin: per treatment arm overall, then per column value
	 * and treatment arm */
	struct uplift_economics *econ;
	size_t n_econ;
	struct uplift_decision decision; /* what to ship (uplift_decision.h) */
	struct uplift_check *checks;     /* srm and segment_srm, when flagged */
	size_t n_checks;
};

#define UPLIFT_SRM_THRESHOLD 0.001

/*
 * Analyze s with control arm `control` and planned weights[arm] (for the
 * sample-ratio check). Returns a new analysis (uplift_analysis_free) or NULL
 * when out of memory.
 */
struct uplift_analysis *uplift_analysis_run(const struct uplift_suff *s, size_t control,
					    const double *weights,
					    const struct uplift_analysis_options *opt);

/* Release; NULL is a no-op. */
void uplift_analysis_free(struct uplift_analysis *a);

/* Estimate of one metric for one group of users, from its moments. */
void uplift_compare_estimate(const struct uplift_metric_set *set, const struct uplift_moments *m,
			     enum uplift_metric metric,
			     double alpha, struct uplift_value *out);

/*
 * Compare treatment moments t with control moments c for a metric; fills
 * everything in out but the identifying fields and the adjusted p-value.
 * uplift_compare is the plain analysis at level 1 - alpha; _with honours
 * opt->cuped and opt->sequential.
 */
void uplift_compare(const struct uplift_moments *t, const struct uplift_moments *c,
		    enum uplift_metric metric, double alpha, struct uplift_comparison *out);
void uplift_compare_with(const struct uplift_moments *t, const struct uplift_moments *c,
			 enum uplift_metric metric, const struct uplift_analysis_options *opt,
			 struct uplift_comparison *out);

/*
 * Variance of the difference treatment - control that Cochran's Q weighs by:
 * p_t(1-p_t)/n_t + p_c(1-p_c)/n_c for rates, s_t^2/n_t + s_c^2/n_c for means,
 * the delta-method variances for the ratio. NaN when not computable.
 */
double uplift_compare_diff_variance(const struct uplift_metric_set *set,
				    const struct uplift_moments *t, const struct uplift_moments *c,
				    enum uplift_metric metric);

/*
 * Cochran's Q of k differences d[i] with variances v[i] (entries whose
 * variance is not positive are left out): Q, df = used - 1, p, I^2.
 */
void uplift_heterogeneity_q(const double *d, const double *v, size_t k,
			    struct uplift_heterogeneity *out);

#endif
