/*
 * uplift_stats.h - the statistical methods, as pure functions of counts,
 * sums and sample moments (GSL for distributions).
 *
 * A value that cannot be computed comes back as NaN and the function returns
 * false with a reason in *why (a static string); callers turn NaN into JSON
 * null with that reason. Intervals are two-sided at level 1 - alpha.
 */
#ifndef UPLIFT_STATS_H
#define UPLIFT_STATS_H

#include <stdbool.h>
#include <stddef.h>

struct uplift_interval {
	double est, lo, hi;
};

/*
 * Turn GSL's abort-on-error handler off, once per process (pthread_once;
 * later calls do nothing). Every public function of the library that reaches
 * GSL calls it itself, so a caller need not; calling it is harmless.
 */
void uplift_stats_init(void);

/* Two-sided standard normal quantile z_{1 - alpha/2}. */
double uplift_z(double alpha);

/* Wilson score interval for x successes in n trials. */
bool uplift_wilson(double x, double n, double alpha, struct uplift_interval *out, const char **why);

/* t interval for a mean from n, sum, sum of squares (n - 1 df). */
bool uplift_mean_ci(double n, double sum, double sum_sq, double alpha, struct uplift_interval *out,
		    const char **why);

/* Sample variance (n - 1) from n, sum and sum of squares, never below 0. */
double uplift_sample_var(double n, double sum, double sum_sq);

/* Sample covariance (n - 1) from n, the two sums and the sum of products. */
double uplift_sample_cov(double n, double sum_x, double sum_y, double sum_xy);

/*
 * Newcombe's hybrid score interval (method 10) for p_t - p_c, where
 * p_t = x_t/n_t and p_c = x_c/n_c.
 */
bool uplift_newcombe(double x_t, double n_t, double x_c, double n_c, double alpha,
		     struct uplift_interval *out, const char **why);

/* Pooled two-proportion z-test p-value (R prop.test(correct = FALSE)). */
bool uplift_prop_test(double x_t, double n_t, double x_c, double n_c, double *p, const char **why);

/*
 * Katz log interval for the risk ratio p_t/p_c, returned minus 1 (a relative
 * lift): est = p_t/p_c - 1.
 */
bool uplift_katz_lift(double x_t, double n_t, double x_c, double n_c, double alpha,
		      struct uplift_interval *out, const char **why);

/* Summary of one sample: n, mean, sample variance. */
struct uplift_sample {
	double n, mean, var;
};

/*
 * Welch t for mean_t - mean_c: interval with Welch-Satterthwaite df and the
 * two-sided p-value. *df receives the degrees of freedom (may be NULL).
 */
bool uplift_welch(const struct uplift_sample *t, const struct uplift_sample *c, double alpha,
		  struct uplift_interval *out, double *p, double *df, const char **why);

/* Delta method on log(mean_t/mean_c), normal quantile, minus 1. */
bool uplift_log_lift(const struct uplift_sample *t, const struct uplift_sample *c, double alpha,
		     struct uplift_interval *out, const char **why);

/*
 * A ratio of means R = mean(y)/mean(x) with its delta-method variance,
 * var(R) = (s_y^2 - 2 R s_xy + R^2 s_x^2) / (n mean(x)^2).
 */
struct uplift_ratio {
	double n, r, var;
};

/* Build a ratio from sums over n units; false when mean(x) is 0 or n < 2. */
bool uplift_ratio_from_sums(double n, double sum_y, double sum_y2, double sum_x, double sum_x2,
			    double sum_xy, struct uplift_ratio *out, const char **why);

/* Normal interval for one ratio. */
bool uplift_ratio_ci(const struct uplift_ratio *r, double alpha, struct uplift_interval *out,
		     const char **why);

/* Difference of two ratios: normal interval and z p-value. */
bool uplift_ratio_diff(const struct uplift_ratio *t, const struct uplift_ratio *c, double alpha,
		       struct uplift_interval *out, double *p, const char **why);

/* Relative lift of two ratios: delta method on the log ratio, minus 1. */
bool uplift_ratio_lift(const struct uplift_ratio *t, const struct uplift_ratio *c, double alpha,
		       struct uplift_interval *out, const char **why);

/*
 * Sample-ratio mismatch: chi-square goodness of fit of counts[k] to
 * weights[k] (relative). Fills chi2, df and p.
 */
bool uplift_srm(const double *counts, const double *weights, size_t k, double *chi2, double *df,
		double *p, const char **why);

/*
 * Posterior probability that the treatment rate beats the control rate with
 * Beta(1 + x, 1 + n - x) for each arm (uniform priors), by Evan Miller's
 * exact finite sum (over the smaller arm's successes). Counts are rounded
 * to whole numbers.
 */
double uplift_beta_win(double x_t, double n_t, double x_c, double n_c);

/*
 * Normal approximation: D ~ N(mu, sigma^2) for treatment - control.
 * chance to win = Phi(mu / sigma); expected loss of shipping the treatment
 * E[max(-D, 0)] = sigma phi(mu/sigma) - mu Phi(-mu/sigma), and of keeping
 * control E[max(D, 0)] = sigma phi(mu/sigma) + mu Phi(mu/sigma).
 */
void uplift_normal_decision(double mu, double sigma, double *win, double *loss_treatment,
			    double *loss_control);

/*
 * Always-valid (sequential) inference for an estimate est with variance V,
 * by the normal-mixture mSPRT of Johari, Pekelis and Walsh (2017) with
 * mixing variance tau2:
 *   half-width = sqrt(V (V + tau2) / tau2 * (log((V + tau2) / V) - 2 log alpha))
 *   p          = min(1, sqrt((V + tau2) / V) * exp(-tau2 est^2 / (2 V (V + tau2))))
 * The interval covers the truth at every look at once with probability
 * 1 - alpha, and p < alpha at any look happens at most alpha of the time.
 */
bool uplift_msprt(double est, double V, double tau2, double alpha, struct uplift_interval *out,
		  double *p);

enum uplift_correction { UPLIFT_HOLM = 0, UPLIFT_BH, UPLIFT_NONE };

/* "holm", "bh", "none" -> correction; false when unknown. */
bool uplift_stats_correction_parse(const char *name, enum uplift_correction *c);
const char *uplift_stats_correction_name(enum uplift_correction c);

/*
 * Adjust the m p-values in p (NaN entries are left out of the family and
 * stay NaN) into adj, as R p.adjust(method = "holm"|"BH"|"none"). scratch
 * holds at least m size_t. p and adj may be the same array.
 */
void uplift_p_adjust(const double *p, double *adj, size_t m, enum uplift_correction method,
		     size_t *scratch);

#endif
