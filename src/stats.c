/*
 * stats.c - intervals, tests and corrections (see uplift_stats.h).
 *
 * Everything here works on counts and moments, never on rows, so the same
 * code serves raw folders and sufficient statistics computed elsewhere.
 */
#define _GNU_SOURCE /* qsort_r */
#include "uplift_stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t gsl_quiet = PTHREAD_ONCE_INIT;

static void gsl_quiet_init(void)
{
	gsl_set_error_handler_off();
}

void uplift_stats_init(void)
{
	pthread_once(&gsl_quiet, gsl_quiet_init);
}

static bool fail(struct uplift_interval *out, const char **why, const char *reason)
{
	if (out)
		out->est = out->lo = out->hi = NAN;
	if (why)
		*why = reason;
	return false;
}

double uplift_z(double alpha)
{
	uplift_stats_init(); /* GSL must not abort */
	return gsl_cdf_ugaussian_Qinv(alpha / 2);
}

double uplift_sample_var(double n, double sum, double sum_sq)
{
	double v;

	if (n < 2)
		return NAN;
	v = (sum_sq - sum * sum / n) / (n - 1);
	return v > 0 ? v : 0;
}

double uplift_sample_cov(double n, double sum_x, double sum_y, double sum_xy)
{
	if (n < 2)
		return NAN;
	return (sum_xy - sum_x * sum_y / n) / (n - 1);
}

bool uplift_wilson(double x, double n, double alpha, struct uplift_interval *out, const char **why)
{
	double z, z2, p, denom, center, half;

	if (n <= 0)
		return fail(out, why, "no users");
	z = uplift_z(alpha);
	z2 = z * z;
	p = x / n;
	denom = 1 + z2 / n;
	center = (p + z2 / (2 * n)) / denom;
	half = z / denom * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	out->est = p;
	out->lo = fmax(0, center - half);
	out->hi = fmin(1, center + half);
	return true;
}

bool uplift_mean_ci(double n, double sum, double sum_sq, double alpha, struct uplift_interval *out,
		    const char **why)
{
	double mean, se, t;

	uplift_stats_init(); /* GSL must not abort */
	if (n < 2) {
		fail(out, why, "fewer than 2 users");
		if (n == 1)
			out->est = sum;
		return false;
	}
	mean = sum / n;
	se = sqrt(uplift_sample_var(n, sum, sum_sq) / n);
	t = gsl_cdf_tdist_Qinv(alpha / 2, n - 1);
	out->est = mean;
	out->lo = mean - t * se;
	out->hi = mean + t * se;
	return true;
}

bool uplift_newcombe(double x_t, double n_t, double x_c, double n_c, double alpha,
		     struct uplift_interval *out, const char **why)
{
	struct uplift_interval t, c;
	double d;

	if (!uplift_wilson(x_t, n_t, alpha, &t, why) || !uplift_wilson(x_c, n_c, alpha, &c, why))
		return fail(out, why, "no users");
	d = t.est - c.est;
	out->est = d;
	out->lo = d - sqrt((t.est - t.lo) * (t.est - t.lo) + (c.hi - c.est) * (c.hi - c.est));
	out->hi = d + sqrt((t.hi - t.est) * (t.hi - t.est) + (c.est - c.lo) * (c.est - c.lo));
	return true;
}

bool uplift_prop_test(double x_t, double n_t, double x_c, double n_c, double *p, const char **why)
{
	double pool, se, z;

	uplift_stats_init(); /* GSL must not abort */
	*p = NAN;
	if (n_t <= 0 || n_c <= 0) {
		*why = "no users";
		return false;
	}
	pool = (x_t + x_c) / (n_t + n_c);
	se = sqrt(pool * (1 - pool) * (1 / n_t + 1 / n_c));
	if (!(se > 0)) {
		*why =
		    pool == 0 ? "no events in either arm" : "every user has the event in both arms";
		return false;
	}
	z = (x_t / n_t - x_c / n_c) / se;
	*p = 2 * gsl_cdf_ugaussian_Q(fabs(z));
	return true;
}

bool uplift_katz_lift(double x_t, double n_t, double x_c, double n_c, double alpha,
		      struct uplift_interval *out, const char **why)
{
	double rr, se, z;

	if (n_t <= 0 || n_c <= 0)
		return fail(out, why, "no users");
	if (x_c <= 0)
		return fail(out, why, "control rate is 0: relative lift undefined");
	rr = (x_t / n_t) / (x_c / n_c);
	out->est = rr - 1;
	if (x_t <= 0) {
		out->lo = out->hi = NAN;
		*why = "treatment rate is 0: log interval undefined";
		return false;
	}
	se = sqrt(1 / x_t - 1 / n_t + 1 / x_c - 1 / n_c);
	z = uplift_z(alpha);
	out->lo = exp(log(rr) - z * se) - 1;
	out->hi = exp(log(rr) + z * se) - 1;
	return true;
}

bool uplift_welch(const struct uplift_sample *t, const struct uplift_sample *c, double alpha,
		  struct uplift_interval *out, double *p, double *df, const char **why)
{
	double vt, vc, se, nu, q;

	uplift_stats_init(); /* GSL must not abort */
	*p = NAN;
	if (df)
		*df = NAN;
	if (t->n < 2 || c->n < 2)
		return fail(out, why, "fewer than 2 users in an arm");
	vt = t->var / t->n;
	vc = c->var / c->n;
	se = sqrt(vt + vc);
	out->est = t->mean - c->mean;
	if (!(se > 0)) {
		out->lo = out->hi = NAN;
		*why = "no variation in either arm";
		return false;
	}
	nu = (vt + vc) * (vt + vc) / (vt * vt / (t->n - 1) + vc * vc / (c->n - 1));
	q = gsl_cdf_tdist_Qinv(alpha / 2, nu);
	out->lo = out->est - q * se;
	out->hi = out->est + q * se;
	*p = 2 * gsl_cdf_tdist_Q(fabs(out->est) / se, nu);
	if (df)
		*df = nu;
	return true;
}

bool uplift_log_lift(const struct uplift_sample *t, const struct uplift_sample *c, double alpha,
		     struct uplift_interval *out, const char **why)
{
	double lr, se, z;

	if (t->n < 2 || c->n < 2)
		return fail(out, why, "fewer than 2 users in an arm");
	if (!(c->mean > 0))
		return fail(out, why, "control mean is 0: relative lift undefined");
	if (!(t->mean > 0)) {
		fail(out, why, "treatment mean is 0: log interval undefined");
		out->est = -1;
		return false;
	}
	lr = log(t->mean / c->mean);
	se = sqrt(t->var / (t->n * t->mean * t->mean) + c->var / (c->n * c->mean * c->mean));
	z = uplift_z(alpha);
	out->est = t->mean / c->mean - 1;
	out->lo = exp(lr - z * se) - 1;
	out->hi = exp(lr + z * se) - 1;
	return true;
}

bool uplift_ratio_from_sums(double n, double sum_y, double sum_y2, double sum_x, double sum_x2,
			    double sum_xy, struct uplift_ratio *out, const char **why)
{
	double mx, r, vy, vx, cxy;

	out->n = n;
	out->r = out->var = NAN;
	if (n < 2) {
		*why = "fewer than 2 users";
		return false;
	}
	if (!(sum_x > 0)) {
		*why = "no orders: value per order undefined";
		return false;
	}
	mx = sum_x / n;
	r = sum_y / sum_x;
	vy = uplift_sample_var(n, sum_y, sum_y2);
	vx = uplift_sample_var(n, sum_x, sum_x2);
	cxy = uplift_sample_cov(n, sum_x, sum_y, sum_xy);
	out->r = r;
	out->var = (vy - 2 * r * cxy + r * r * vx) / (n * mx * mx);
	/* y = R x for every unit makes the variance 0 exactly; in floating point
	 * the cancellation leaves noise, which must not pass for information */
	if (out->var <= 1e-10 * (vy + r * r * vx) / (n * mx * mx))
		out->var = 0;
	return true;
}

bool uplift_ratio_ci(const struct uplift_ratio *r, double alpha, struct uplift_interval *out,
		     const char **why)
{
	double h;

	if (!isfinite(r->r))
		return fail(out, why, "value per order undefined");
	h = uplift_z(alpha) * sqrt(r->var);
	out->est = r->r;
	out->lo = r->r - h;
	out->hi = r->r + h;
	return true;
}

bool uplift_ratio_diff(const struct uplift_ratio *t, const struct uplift_ratio *c, double alpha,
		       struct uplift_interval *out, double *p, const char **why)
{
	double se, h;

	uplift_stats_init(); /* GSL must not abort */
	*p = NAN;
	if (!isfinite(t->r) || !isfinite(c->r))
		return fail(out, why, "no orders in an arm: value per order undefined");
	se = sqrt(t->var + c->var);
	out->est = t->r - c->r;
	if (!(se > 0)) {
		out->lo = out->hi = NAN;
		*why = "no variation in either arm";
		return false;
	}
	h = uplift_z(alpha) * se;
	out->lo = out->est - h;
	out->hi = out->est + h;
	*p = 2 * gsl_cdf_ugaussian_Q(fabs(out->est) / se);
	return true;
}

bool uplift_ratio_lift(const struct uplift_ratio *t, const struct uplift_ratio *c, double alpha,
		       struct uplift_interval *out, const char **why)
{
	double lr, se, z;

	if (!isfinite(t->r) || !isfinite(c->r))
		return fail(out, why, "no orders in an arm: value per order undefined");
	if (!(c->r > 0) || !(t->r > 0))
		return fail(out, why, "value per order is 0: relative lift undefined");
	lr = log(t->r / c->r);
	se = sqrt(t->var / (t->r * t->r) + c->var / (c->r * c->r));
	z = uplift_z(alpha);
	out->est = t->r / c->r - 1;
	out->lo = exp(lr - z * se) - 1;
	out->hi = exp(lr + z * se) - 1;
	return true;
}

bool uplift_srm(const double *counts, const double *weights, size_t k, double *chi2, double *df,
		double *p, const char **why)
{
	double n = 0, w = 0, x2 = 0;

	uplift_stats_init(); /* GSL must not abort */
	*chi2 = *df = *p = NAN;
	if (k < 2) {
		*why = "fewer than two groups";
		return false;
	}
	for (size_t i = 0; i < k; i++) {
		n += counts[i];
		w += weights[i];
	}
	if (!(n > 0) || !(w > 0)) {
		*why = "no users";
		return false;
	}
	for (size_t i = 0; i < k; i++) {
		double e = n * weights[i] / w;
		x2 += (counts[i] - e) * (counts[i] - e) / e;
	}
	*chi2 = x2;
	*df = (double)(k - 1);
	*p = gsl_cdf_chisq_Q(x2, *df);
	return true;
}

bool uplift_msprt(double est, double V, double tau2, double alpha, struct uplift_interval *out,
		  double *p)
{
	double h;

	*p = NAN;
	if (!(V > 0) || !(tau2 > 0) || !isfinite(est))
		return fail(out, NULL, NULL);
	h = sqrt(V * (V + tau2) / tau2 * (log((V + tau2) / V) - 2 * log(alpha)));
	out->est = est;
	out->lo = est - h;
	out->hi = est + h;
	*p = fmin(1, sqrt((V + tau2) / V) * exp(-tau2 * est * est / (2 * V * (V + tau2))));
	return true;
}

double uplift_beta_win(double x_t, double n_t, double x_c, double n_c)
{
	double at = 1 + round(x_t), bt = 1 + round(n_t) - round(x_t);
	double ac = 1 + round(x_c), bc = 1 + round(n_c) - round(x_c);
	bool flip = ac < at;
	double a_sum, b_sum, a_other, b_other, lnorm, total = 0;

	uplift_stats_init(); /* GSL must not abort */
	/* P(B > A) = sum_{i < a_B} B(a_A + i, b_A + b_B) / ((b_B + i) B(1 + i, b_B) B(a_A, b_A));
	 * sum over the arm with fewer successes and take the complement if needed */
	if (!flip) {
		a_sum = at, b_sum = bt, a_other = ac, b_other = bc;
	} else {
		a_sum = ac, b_sum = bc, a_other = at, b_other = bt;
	}
	/*
	 * The terms t(i), i = 0 .. a_sum - 1, rise and then fall: their ratio
	 * t(i+1)/t(i) = (a_o + i)(b_s + i) / ((a_o + b_o + b_s + i)(1 + i)) is
	 * above 1 exactly while i < i* = (a_o b_s - a_o - b_o - b_s) / (b_o + 1).
	 * So the largest term is computed with lnbeta, and the others from it
	 * by the ratio, outwards in both directions until they no longer
	 * change the sum: a few thousand terms around the peak instead of one
	 * per success (1.6 million, and 0.4 s, at 5 million users), and more
	 * accurate for it.
	 */
	lnorm = gsl_sf_lnbeta(a_other, b_other);
	{
		double top =
		    floor((a_other * b_sum - a_other - b_other - b_sum) / (b_other + 1)) + 1;
		double m = top < 0 ? 0 : top > a_sum - 1 ? a_sum - 1 : top, t, sum = 1;
		double log_peak = gsl_sf_lnbeta(a_other + m, b_other + b_sum) - log(b_sum + m) -
				  gsl_sf_lnbeta(1 + m, b_sum) - lnorm;

#define RATIO(i) ((a_other + (i)) * (b_sum + (i)) / ((a_other + b_other + b_sum + (i)) * (1 + (i))))
		t = 1;
		for (double i = m; i + 1 < a_sum; i++) {
			t *= RATIO(i);
			sum += t;
			if (t < sum * 1e-20)
				break;
		}
		t = 1;
		for (double i = m; i > 0; i--) {
			t /= RATIO(i - 1);
			sum += t;
			if (t < sum * 1e-20)
				break;
		}
#undef RATIO
		total = exp(log_peak + log(sum));
	}
	return flip ? 1 - total : total;
}

void uplift_normal_decision(double mu, double sigma, double *win, double *loss_treatment,
			    double *loss_control)
{
	double z, phi;

	uplift_stats_init(); /* GSL must not abort */
	if (!(sigma > 0) || !isfinite(mu)) {
		*win = *loss_treatment = *loss_control = NAN;
		return;
	}
	z = mu / sigma;
	phi = gsl_ran_ugaussian_pdf(z);
	*win = gsl_cdf_ugaussian_P(z);
	*loss_treatment = sigma * phi - mu * gsl_cdf_ugaussian_P(-z);
	*loss_control = sigma * phi + mu * gsl_cdf_ugaussian_P(z);
}

bool uplift_stats_correction_parse(const char *name, enum uplift_correction *c)
{
	if (strcmp(name, "holm") == 0)
		*c = UPLIFT_HOLM;
	else if (strcmp(name, "bh") == 0 || strcmp(name, "BH") == 0 || strcmp(name, "fdr") == 0)
		*c = UPLIFT_BH;
	else if (strcmp(name, "none") == 0)
		*c = UPLIFT_NONE;
	else
		return false;
	return true;
}

const char *uplift_stats_correction_name(enum uplift_correction c)
{
	return c == UPLIFT_HOLM ? "holm" : c == UPLIFT_BH ? "bh" : "none";
}

/* Ascending p, ties by position, so the order is deterministic. */
static int by_p(const void *a, const void *b, void *ctx)
{
	const double *p = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (p[i] != p[j])
		return p[i] < p[j] ? -1 : 1;
	return (i > j) - (i < j);
}

void uplift_p_adjust(const double *p, double *adj, size_t m, enum uplift_correction method,
		     size_t *order)
{
	size_t k = 0;
	double run;

	for (size_t i = 0; i < m; i++) {
		if (!isnan(p[i]))
			order[k++] = i;
	}
	if (method == UPLIFT_NONE || k == 0) {
		if (adj != p)
			memcpy(adj, p, m * sizeof(*p));
		return;
	}
	qsort_r(order, k, sizeof(*order), by_p, (void *)p);
	/*
	 * Each step reads p at order[i] and writes adj at order[i] only, and
	 * order[] was fixed before the first write, so adj may alias p.
	 */
	if (method == UPLIFT_HOLM) {
		/* step-down: running maximum of (k - i) p_(i), capped at 1 */
		run = 0;
		for (size_t i = 0; i < k; i++) {
			run = fmax(run, fmin(1, (double)(k - i) * p[order[i]]));
			adj[order[i]] = run;
		}
	} else {
		/* BH step-up: running minimum, from the largest p down, of k p_(i) / i */
		run = 1;
		for (size_t i = k; i-- > 0;) {
			run = fmin(run, fmin(1, (double)k * p[order[i]] / (double)(i + 1)));
			adj[order[i]] = run;
		}
	}
	for (size_t i = 0; i < m; i++) {
		if (isnan(p[i]))
			adj[i] = NAN;
	}
}
