/*
 * compare.c - the estimate of one group and the comparison of two (see
 * uplift_analysis.h).
 *
 * Every kind of metric reduces a comparison to one struct effect: the
 * difference with its variance and degrees of freedom, and the ratio with
 * the variance of its log. Intervals, p-values and the decision statistics
 * are then derived from that record in one place, fixed-sample or
 * sequential, whatever the kind:
 *
 *   rate difference      p_t - p_c, unpooled variance; Newcombe's score
 *                        interval and the pooled z-test (var_test)
 *   mean difference      Welch: s_t^2/n_t + s_c^2/n_c, Welch-Satterthwaite df
 *   ratio (aov)          delta method, normal (df infinite)
 *   CUPED-adjusted mean  Welch on the adjusted samples
 *
 * The lift is a Wald interval on log(treatment / control) for every kind:
 * with the Katz variance for rates, the delta-method one for means and
 * ratios.
 *
 * What the data cannot carry stays NaN with a reason, the estimates kept:
 * an arm of one user has no variance, so no interval and no p-value, for
 * every kind; a ratio needs two buyers in each arm (with one buyer its
 * delta-method variance is exactly 0, a certainty made up by the formula);
 * and no interval comes out of zero width from a variance of 0 (every
 * user alike), which the data do not pin.
 */
#include "uplift_analysis.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

#include "analysis_internal.h"

#define FEWER_USERS  "fewer than 2 users in an arm"
#define FEWER_BUYERS "fewer than 2 buyers in an arm: a ratio's variance from one buyer is 0"

/* One comparison before inference; NaN where not computable (see why). */
struct effect {
	double est, var, df; /* treatment - control, its variance, df (INFINITY: normal) */
	double var_test;     /* the variance the test divides by (rates: pooled, under no effect) */
	double ratio;        /* treatment / control (lift + 1) */
	double log_var;      /* variance of log(ratio) */
	bool score;          /* rates: Newcombe's interval instead of est +- q sqrt(var) */
	bool beta;           /* rates: chance to win by the exact Beta posterior */
	const char *why;     /* first reason something is NaN */
};

static void effect_clear(struct effect *e)
{
	e->est = e->var = e->var_test = e->ratio = e->log_var = NAN;
	e->df = INFINITY;
	e->score = e->beta = false;
	e->why = NULL;
}

/* Keep the first reason only: it names what went wrong first. */
static void effect_note(struct effect *e, const char *why)
{
	if (!e->why)
		e->why = why;
}

/* A difference of two means (or ratios) has no interval without variance. */
static void note_variation(struct effect *e)
{
	if (!(e->var > 0))
		effect_note(e, "no variation in either arm");
}

static void rate_effect(const struct uplift_moments *t, const struct uplift_moments *c,
			struct effect *e)
{
	double pt, pc, pool;

	effect_clear(e);
	e->score = e->beta = true;
	if (t->n <= 0 || c->n <= 0) {
		e->why = "no users";
		return;
	}
	if (t->n < 2 || c->n < 2)
		e->why = FEWER_USERS; /* the first thing wrong: no variance at all */
	pt = t->sum / t->n;
	pc = c->sum / c->n;
	e->est = pt - pc;
	e->var = pt * (1 - pt) / t->n + pc * (1 - pc) / c->n;
	pool = (t->sum + c->sum) / (t->n + c->n);
	e->var_test = pool * (1 - pool) * (1 / t->n + 1 / c->n);
	if (c->sum <= 0) {
		effect_note(e, "control rate is 0: relative lift undefined");
	} else {
		e->ratio = pt / pc;
		if (t->sum <= 0)
			effect_note(e, "treatment rate is 0: log interval undefined");
		else
			e->log_var = 1 / t->sum - 1 / t->n + 1 / c->sum - 1 / c->n;
	}
	if (t->n < 2 || c->n < 2)
		e->var = e->var_test = e->log_var = NAN;
	if (!(e->var_test > 0))
		effect_note(e, pool == 0 ? "no events in either arm"
					 : "every user has the event in both arms");
}

/*
 * Welch for mean_t - mean_c, and the delta method on log(mean_t / mean_c).
 * An arm of one user gives the estimates without variance.
 */
static void sample_effect(const struct uplift_sample *t, const struct uplift_sample *c,
			  struct effect *e)
{
	double vt, vc;

	effect_clear(e);
	if (!(t->n > 0) || !(c->n > 0)) {
		e->why = "no users";
		return;
	}
	e->est = t->mean - c->mean;
	if (!(c->mean > 0)) {
		effect_note(e, "control mean is 0: relative lift undefined");
	} else if (!(t->mean > 0)) {
		e->ratio = 0; /* a lift of -100%, without a log interval */
		effect_note(e, "treatment mean is 0: log interval undefined");
	} else {
		e->ratio = t->mean / c->mean;
	}
	if (t->n < 2 || c->n < 2) {
		e->why = FEWER_USERS; /* the first thing wrong: no variance at all */
		return;
	}
	vt = t->var / t->n;
	vc = c->var / c->n;
	e->var = e->var_test = vt + vc;
	e->df = (vt + vc) * (vt + vc) / (vt * vt / (t->n - 1) + vc * vc / (c->n - 1));
	note_variation(e);
	if (e->ratio > 0)
		e->log_var =
		    t->var / (t->n * t->mean * t->mean) + c->var / (c->n * c->mean * c->mean);
}

static void mean_effect(const struct uplift_moments *t, const struct uplift_moments *c,
			struct effect *e)
{
	struct uplift_sample st = uplift_sample_of(t), sc = uplift_sample_of(c);

	sample_effect(&st, &sc, e);
}

static bool ratio_of(const struct uplift_moments *m, struct uplift_ratio *r, const char **why)
{
	return uplift_ratio_from_sums(m->n, m->sum, m->sum_sq, m->sum_x, m->sum_x_sq, m->sum_xy, r,
				      why);
}

/*
 * Users with an order in a ratio cell (x = orders per user). m->buyers when
 * it agrees with the orders (uplift_suff_derive fills it from the conversion
 * cell; hand-made moments may leave it NaN or 0); otherwise the fewest the
 * sums allow: x are whole numbers >= 0, so (sum x)^2 = sum x^2 exactly when
 * at most one x is not 0, and by Cauchy-Schwarz there are at least
 * (sum x)^2 / sum x^2 of them.
 */
static double ratio_buyers(const struct uplift_moments *m)
{
	double sx = m->sum_x, b = m->buyers;

	if (!(sx > 0))
		return 0;
	if (b >= 1 && b <= sx) /* false for NaN */
		return b;
	if (sx * sx == m->sum_x_sq)
		return 1;
	return fmax(2, ceil(sx * sx / m->sum_x_sq));
}

/*
 * Delta method for the difference of two ratios and for the log of their
 * ratio; with fewer than two users or two buyers in an arm only the estimates.
 */
static void ratio_effect(const struct uplift_moments *t, const struct uplift_moments *c,
			 struct effect *e)
{
	double vt = uplift_metric_value(NULL, t, UPLIFT_AOV), vc = uplift_metric_value(NULL, c, UPLIFT_AOV);
	struct uplift_ratio rt, rc;
	const char *why = NULL;
	bool variance = false;

	effect_clear(e);
	if (!(t->n > 0) || !(c->n > 0)) {
		e->why = "no users";
		return;
	}
	if (!isfinite(vt) || !isfinite(vc)) {
		e->why = "no orders in an arm: value per order undefined";
		return;
	}
	e->est = vt - vc;
	if (t->n < 2 || c->n < 2)
		effect_note(e, FEWER_USERS);
	else if (ratio_buyers(t) < 2 || ratio_buyers(c) < 2)
		effect_note(e, FEWER_BUYERS);
	else if (ratio_of(t, &rt, &why) && ratio_of(c, &rc, &why))
		variance = true;
	else
		effect_note(e, why); /* not reached: two users and orders in each arm */
	if (vt > 0 && vc > 0)
		e->ratio = vt / vc;
	else
		effect_note(e, "value per order is 0: relative lift undefined");
	if (!variance)
		return;
	e->var = e->var_test = rt.var + rc.var;
	note_variation(e);
	if (isfinite(e->ratio))
		e->log_var = rt.var / (rt.r * rt.r) + rc.var / (rc.r * rc.r);
}

/* The plain (unadjusted) effect of each kind of metric. */
typedef void effect_fn(const struct uplift_moments *t, const struct uplift_moments *c,
		       struct effect *e);
static effect_fn *const plain_effect[] = {
    [UPLIFT_PROPORTION] = rate_effect,
    [UPLIFT_MEAN] = mean_effect,
    [UPLIFT_RATIO] = ratio_effect,
};

/*
 * CUPED: adjust Y by the pre-period covariate X (sum_x ...) with theta
 * pooled over both arms, then Welch on the adjusted samples. False (with a
 * note) when the covariate has no variance.
 */
static bool cuped_effect(const struct uplift_moments *t, const struct uplift_moments *c,
			 struct effect *e, struct uplift_comparison *out)
{
	double n = t->n + c->n, sx = t->sum_x + c->sum_x, sy = t->sum + c->sum;
	double vx = uplift_sample_var(n, sx, t->sum_x_sq + c->sum_x_sq);
	double vy = uplift_sample_var(n, sy, t->sum_sq + c->sum_sq);
	double cxy = uplift_sample_cov(n, sx, sy, t->sum_xy + c->sum_xy);
	double theta, mx = sx / n;
	const struct uplift_moments *arm[2] = {t, c};
	struct uplift_sample adj[2];

	if (!(vx > 0) || !isfinite(cxy)) {
		out->cuped_note = "the pre-period covariate has no variance: plain analysis";
		return false;
	}
	theta = cxy / vx;
	for (int k = 0; k < 2; k++) {
		const struct uplift_moments *m = arm[k];
		double v = uplift_sample_var(m->n, m->sum, m->sum_sq) -
			   2 * theta * uplift_sample_cov(m->n, m->sum_x, m->sum, m->sum_xy) +
			   theta * theta * uplift_sample_var(m->n, m->sum_x, m->sum_x_sq);
		adj[k].n = m->n;
		adj[k].mean = m->sum / m->n - theta * (m->sum_x / m->n - mx);
		adj[k].var = v > 0 ? v : 0;
	}
	out->cuped = true;
	out->theta = theta;
	out->variance_reduction = vy > 0 ? cxy * cxy / (vx * vy) : NAN;
	sample_effect(&adj[0], &adj[1], e);
	return true;
}

/*
 * A log variance of 0 (every user alike in both arms) would give the lift a
 * zero-width interval the data do not pin: none instead.
 */
static void effect_finish(struct effect *e)
{
	if (e->log_var > 0)
		return;
	if (e->log_var == 0)
		effect_note(e, "no variation in either arm");
	e->log_var = NAN;
}

/* The effect the comparison is inferred from: CUPED-adjusted when asked and possible. */
static void effect_of(const struct uplift_moments *t, const struct uplift_moments *c,
		      enum uplift_metric metric, const struct uplift_analysis_options *opt,
		      struct effect *e, struct uplift_comparison *out)
{
	bool covariate = uplift_metric_has_covariate(opt->set, metric);

	if (opt->cuped && covariate && t->n >= 2 && c->n >= 2) {
		if (cuped_effect(t, c, e, out)) {
			effect_finish(e);
			return;
		}
	} else if (opt->cuped) {
		out->cuped_note = covariate
				      ? "fewer than 2 users in an arm: plain analysis"
				      : "no pre-period covariate for this metric: plain analysis";
	}
	plain_effect[uplift_metric_kind(opt->set, metric)](t, c, e);
	effect_finish(e);
}

/*
 * Fixed-sample inference: est +- q sqrt(var) with q from t with df (normal
 * when df is infinite), or Newcombe's interval for rates; the test divides
 * est by sqrt(var_test). The lift: exp(log(ratio) +- z sqrt(log_var)) - 1.
 */
static void infer_fixed(const struct effect *e, const struct uplift_moments *t,
			const struct uplift_moments *c, double alpha, struct uplift_comparison *out)
{
	double se = sqrt(e->var), se_test = sqrt(e->var_test);
	bool normal = !isfinite(e->df);

	out->diff = e->est;
	out->diff_lo = out->diff_hi = out->p = NAN;
	out->lift = e->ratio - 1;
	out->lift_lo = out->lift_hi = NAN;
	if (isfinite(e->est)) {
		if (e->score && !isnan(e->var)) {
			struct uplift_interval d;
			const char *why;
			uplift_newcombe(t->sum, t->n, c->sum, c->n, alpha, &d, &why);
			out->diff_lo = d.lo;
			out->diff_hi = d.hi;
		} else if (se > 0) {
			double q = normal ? uplift_z(alpha) : gsl_cdf_tdist_Qinv(alpha / 2, e->df);
			out->diff_lo = e->est - q * se;
			out->diff_hi = e->est + q * se;
		}
		if (se_test > 0)
			out->p = 2 * (normal ? gsl_cdf_ugaussian_Q(fabs(e->est) / se_test)
					     : gsl_cdf_tdist_Q(fabs(e->est) / se_test, e->df));
	}
	if (isfinite(e->ratio) && !isnan(e->log_var)) {
		double lr = log(e->ratio), h = uplift_z(alpha) * sqrt(e->log_var);
		out->lift_lo = exp(lr - h) - 1;
		out->lift_hi = exp(lr + h) - 1;
	}
}

/*
 * Sequential inference (mSPRT) from the same record, with the mixture
 * variance this effect would have at the expected sample size:
 * tau2 = var (n_t + n_c) / expected_users, likewise for log(ratio).
 */
static void infer_sequential(const struct effect *e, const struct uplift_moments *t,
			     const struct uplift_moments *c,
			     const struct uplift_analysis_options *opt,
			     struct uplift_comparison *out)
{
	double scale = (t->n + c->n) / opt->expected_users, lp;
	struct uplift_interval sd, sl;

	out->sequential = true;
	out->tau2 = e->var * scale;
	out->diff = e->est;
	out->lift = e->ratio - 1;
	if (uplift_msprt(e->est, e->var, out->tau2, opt->alpha, &sd, &out->p)) {
		out->diff_lo = sd.lo;
		out->diff_hi = sd.hi;
	} else {
		out->diff_lo = out->diff_hi = out->p = NAN;
		if (!out->reason)
			out->reason = "no variance: sequential interval undefined";
	}
	out->lift_lo = out->lift_hi = NAN;
	if (isfinite(out->lift) &&
	    uplift_msprt(log1p(out->lift), e->log_var, e->log_var * scale, opt->alpha, &sl, &lp)) {
		out->lift_lo = expm1(sl.lo);
		out->lift_hi = expm1(sl.hi);
	}
}

/* Decision statistics: the exact Beta posterior for plain rates, normal for the rest. */
static void decide(const struct effect *e, const struct uplift_moments *t,
		   const struct uplift_moments *c, struct uplift_comparison *out)
{
	double win;

	uplift_normal_decision(e->est, sqrt(e->var), &win, &out->loss_treatment,
			       &out->loss_control);
	out->chance_to_win = win;
	if (e->beta) /* est is a number exactly when both arms have users */
		out->chance_to_win =
		    isfinite(e->est) ? uplift_beta_win(t->sum, t->n, c->sum, c->n) : NAN;
}

/* Fewer than 30 users, or 5 events of a rate, or 5 buyers of a ratio. */
static bool small(const struct uplift_metric_set *set, const struct uplift_moments *m,
		  enum uplift_metric metric)
{
	switch (uplift_metric_kind(set, metric)) {
	case UPLIFT_PROPORTION:
		if (m->sum < UPLIFT_SMALL_EVENTS)
			return true;
		break;
	case UPLIFT_RATIO:
		if (ratio_buyers(m) < UPLIFT_SMALL_EVENTS)
			return true;
		break;
	case UPLIFT_MEAN:
		break;
	}
	return m->n < UPLIFT_SMALL_USERS;
}

void uplift_compare_with(const struct uplift_moments *t, const struct uplift_moments *c,
			 enum uplift_metric metric, const struct uplift_analysis_options *opt,
			 struct uplift_comparison *out)
{
	struct effect e;

	uplift_stats_init(); /* GSL must not abort */
	out->set = opt->set;
	out->n_control = c->n;
	out->n_treatment = t->n;
	out->control = uplift_metric_value(opt->set, c, metric);
	out->treatment = uplift_metric_value(opt->set, t, metric);
	out->cuped = out->sequential = false;
	out->theta = out->variance_reduction = out->tau2 = NAN;
	out->cuped_note = NULL;
	effect_of(t, c, metric, opt, &e, out);
	out->reason = e.why;
	if (opt->sequential)
		infer_sequential(&e, t, c, opt, out);
	else
		infer_fixed(&e, t, c, opt->alpha, out);
	decide(&e, t, c, out);
	out->p_adjusted = NAN;
	out->significant = false;
	out->small = small(opt->set, t, metric) || small(opt->set, c, metric);
}

void uplift_compare(const struct uplift_moments *t, const struct uplift_moments *c,
		    enum uplift_metric metric, double alpha, struct uplift_comparison *out)
{
	struct uplift_analysis_options opt = {0};

	opt.alpha = alpha;
	uplift_compare_with(t, c, metric, &opt, out);
}

double uplift_compare_diff_variance(const struct uplift_metric_set *set,
				    const struct uplift_moments *t, const struct uplift_moments *c,
				    enum uplift_metric metric)
{
	struct effect e;

	plain_effect[uplift_metric_kind(set, metric)](t, c, &e);
	return e.var;
}

void uplift_compare_estimate(const struct uplift_metric_set *set, const struct uplift_moments *m,
			     enum uplift_metric metric,
			     double alpha, struct uplift_value *out)
{
	struct uplift_interval iv = {NAN, NAN, NAN};
	const char *why = NULL;
	struct uplift_ratio r;

	switch (uplift_metric_kind(set, metric)) {
	case UPLIFT_PROPORTION:
		uplift_wilson(m->sum, m->n, alpha, &iv, &why);
		break;
	case UPLIFT_MEAN:
		uplift_mean_ci(m->n, m->sum, m->sum_sq, alpha, &iv, &why);
		break;
	case UPLIFT_RATIO:
		if (m->n >= 2 && m->sum_x > 0 && ratio_buyers(m) < 2)
			why = "fewer than 2 buyers: a ratio's variance from one buyer is 0";
		else if (ratio_of(m, &r, &why))
			uplift_ratio_ci(&r, alpha, &iv, &why);
		iv.est = uplift_metric_value(set, m, metric);
		break;
	}
	if (isfinite(iv.lo) && !(iv.hi > iv.lo)) {
		/* every user alike: the data do not pin the value to a point */
		iv.lo = iv.hi = NAN;
		why = "no variation in the group: the interval would have zero width";
	}
	out->value = iv.est;
	out->lo = iv.lo;
	out->hi = iv.hi;
	out->reason = why;
}
