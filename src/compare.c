/*
 * compare.c - the estimate of one group and the comparison of two (see
 * uplift_analysis.h): rates, means by Welch, the ratio by the delta method,
 * CUPED and sequential intervals.
 */
#include "uplift_analysis.h"

#include <math.h>

#include "analysis_internal.h"

static bool ratio_of(const struct uplift_moments *m, struct uplift_ratio *r, const char **why)
{
	return uplift_ratio_from_sums(m->n, m->sum, m->sum_sq, m->sum_x, m->sum_x_sq, m->sum_xy, r,
				      why);
}

void uplift_estimate(const struct uplift_moments *m, enum uplift_metric metric, double alpha,
		     struct uplift_value *out)
{
	struct uplift_interval iv = {NAN, NAN, NAN};
	const char *why = NULL;
	struct uplift_ratio r;

	switch (uplift_metric_kind(metric)) {
	case UPLIFT_PROPORTION:
		uplift_wilson(m->sum, m->n, alpha, &iv, &why);
		break;
	case UPLIFT_MEAN:
		uplift_mean_ci(m->n, m->sum, m->sum_sq, alpha, &iv, &why);
		break;
	case UPLIFT_RATIO:
		if (ratio_of(m, &r, &why))
			uplift_ratio_ci(&r, alpha, &iv, &why);
		else if (m->sum_x > 0)
			iv.est = m->sum / m->sum_x;
		break;
	}
	out->value = iv.est;
	out->lo = iv.lo;
	out->hi = iv.hi;
	out->reason = why;
}

/* Keep the first reason only: it names what went wrong first. */
static void note(struct uplift_comparison *c, const char *why)
{
	if (!c->reason && why)
		c->reason = why;
}

/*
 * CUPED: adjust Y by the pre-period covariate X (sum_x ...) with theta
 * pooled over both arms; fills the adjusted samples. False (with a note)
 * when the covariate has no variance.
 */
static bool cuped_samples(const struct uplift_moments *t, const struct uplift_moments *c,
			  struct uplift_sample *st, struct uplift_sample *sc,
			  struct uplift_comparison *out)
{
	double n = t->n + c->n, sx = t->sum_x + c->sum_x, sy = t->sum + c->sum;
	double vx = uplift_sample_var(n, sx, t->sum_x_sq + c->sum_x_sq);
	double vy = uplift_sample_var(n, sy, t->sum_sq + c->sum_sq);
	double cxy = uplift_sample_cov(n, sx, sy, t->sum_xy + c->sum_xy);
	double theta, mx = sx / n;
	const struct uplift_moments *arm[2] = {t, c};
	struct uplift_sample *out_s[2] = {st, sc};

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
		out_s[k]->n = m->n;
		out_s[k]->mean = m->sum / m->n - theta * (m->sum_x / m->n - mx);
		out_s[k]->var = v > 0 ? v : 0;
	}
	out->cuped = true;
	out->theta = theta;
	out->variance_reduction = vy > 0 ? cxy * cxy / (vx * vy) : NAN;
	return true;
}

void uplift_compare_with(const struct uplift_moments *t, const struct uplift_moments *c,
			 enum uplift_metric metric, const struct uplift_analysis_options *opt,
			 struct uplift_comparison *out)
{
	struct uplift_interval d = {NAN, NAN, NAN}, l = {NAN, NAN, NAN};
	const char *why = NULL;
	double alpha = opt->alpha, p = NAN;
	double v_diff = NAN, v_log = NAN; /* variances of the diff and of log(1 + lift) */
	struct uplift_sample st, sc;

	out->n_control = c->n;
	out->n_treatment = t->n;
	out->reason = NULL;
	out->cuped = out->sequential = false;
	out->theta = out->variance_reduction = out->tau2 = NAN;
	out->cuped_note = NULL;
	out->chance_to_win = out->loss_treatment = out->loss_control = NAN;
	switch (uplift_metric_kind(metric)) {
	case UPLIFT_PROPORTION:
		out->control = c->n > 0 ? c->sum / c->n : NAN;
		out->treatment = t->n > 0 ? t->sum / t->n : NAN;
		if (!uplift_newcombe(t->sum, t->n, c->sum, c->n, alpha, &d, &why))
			note(out, why);
		if (!uplift_katz_lift(t->sum, t->n, c->sum, c->n, alpha, &l, &why))
			note(out, why);
		if (!uplift_prop_test(t->sum, t->n, c->sum, c->n, &p, &why))
			note(out, why);
		if (t->n > 0 && c->n > 0) {
			if (t->sum > 0 && c->sum > 0)
				v_log = 1 / t->sum - 1 / t->n + 1 / c->sum - 1 / c->n;
			out->chance_to_win = uplift_beta_win(t->sum, t->n, c->sum, c->n);
		}
		break;
	case UPLIFT_MEAN:
		st = uplift_sample_of(t);
		sc = uplift_sample_of(c);
		out->control = sc.mean;
		out->treatment = st.mean;
		if (!uplift_welch(&st, &sc, alpha, &d, &p, NULL, &why))
			note(out, why);
		if (!uplift_log_lift(&st, &sc, alpha, &l, &why))
			note(out, why);
		if (st.mean > 0 && sc.mean > 0)
			v_log = st.var / (st.n * st.mean * st.mean) +
				sc.var / (sc.n * sc.mean * sc.mean);
		break;
	case UPLIFT_RATIO: {
		struct uplift_ratio rt, rc;
		bool okt = ratio_of(t, &rt, &why);
		if (!okt)
			note(out, why);
		bool okc = ratio_of(c, &rc, &why);
		if (!okc)
			note(out, why);
		out->control = c->sum_x > 0 ? c->sum / c->sum_x : NAN;
		out->treatment = t->sum_x > 0 ? t->sum / t->sum_x : NAN;
		if (okt && okc) {
			if (!uplift_ratio_diff(&rt, &rc, alpha, &d, &p, &why))
				note(out, why);
			if (!uplift_ratio_lift(&rt, &rc, alpha, &l, &why))
				note(out, why);
			if (rt.r > 0 && rc.r > 0)
				v_log = rt.var / (rt.r * rt.r) + rc.var / (rc.r * rc.r);
		}
		break;
	}
	}

	v_diff = uplift_diff_variance(t, c, metric);
	if (opt->cuped && uplift_metric_has_covariate(metric) && t->n >= 2 && c->n >= 2) {
		struct uplift_sample at, ac;
		if (cuped_samples(t, c, &at, &ac, out)) {
			why = NULL;
			out->reason = NULL;
			if (!uplift_welch(&at, &ac, alpha, &d, &p, NULL, &why))
				note(out, why);
			if (!uplift_log_lift(&at, &ac, alpha, &l, &why))
				note(out, why);
			v_diff = at.var / at.n + ac.var / ac.n;
			v_log = at.mean > 0 && ac.mean > 0 ? at.var / (at.n * at.mean * at.mean) +
								 ac.var / (ac.n * ac.mean * ac.mean)
							   : NAN;
		}
	} else if (opt->cuped) {
		out->cuped_note = uplift_metric_has_covariate(metric)
				      ? "fewer than 2 users in an arm: plain analysis"
				      : "no pre-period covariate for this metric: plain analysis";
	}

	/* decision statistics: exact Beta for rates, normal for the rest */
	{
		double win, lt, lc;
		uplift_normal_decision(d.est, sqrt(v_diff), &win, &lt, &lc);
		if (uplift_metric_kind(metric) != UPLIFT_PROPORTION || out->cuped)
			out->chance_to_win = win;
		out->loss_treatment = lt;
		out->loss_control = lc;
	}

	if (opt->sequential) {
		/* tau2: the variance this diff would have at the expected sample size */
		double scale = (t->n + c->n) / opt->expected_users;
		struct uplift_interval sd, sl;
		double sp, lp;

		out->sequential = true;
		out->tau2 = v_diff * scale;
		if (uplift_msprt(d.est, v_diff, out->tau2, alpha, &sd, &sp)) {
			d = sd;
			p = sp;
		} else {
			d.lo = d.hi = p = NAN;
			note(out, "no variance: sequential interval undefined");
		}
		if (isfinite(l.est) &&
		    uplift_msprt(log1p(l.est), v_log, v_log * scale, alpha, &sl, &lp)) {
			l.lo = expm1(sl.lo);
			l.hi = expm1(sl.hi);
		} else {
			l.lo = l.hi = NAN;
		}
	}
	out->diff = d.est;
	out->diff_lo = d.lo;
	out->diff_hi = d.hi;
	out->lift = l.est;
	out->lift_lo = l.lo;
	out->lift_hi = l.hi;
	out->p = p;
	out->p_adjusted = NAN;
	out->significant = false;
	out->small = t->n < UPLIFT_SMALL_USERS || c->n < UPLIFT_SMALL_USERS ||
		     (uplift_metric_kind(metric) == UPLIFT_PROPORTION &&
		      (t->sum < UPLIFT_SMALL_EVENTS || c->sum < UPLIFT_SMALL_EVENTS));
}

void uplift_compare(const struct uplift_moments *t, const struct uplift_moments *c,
		    enum uplift_metric metric, double alpha, struct uplift_comparison *out)
{
	struct uplift_analysis_options opt = {0};

	opt.alpha = alpha;
	uplift_compare_with(t, c, metric, &opt, out);
}

double uplift_diff_variance(const struct uplift_moments *t, const struct uplift_moments *c,
			    enum uplift_metric metric)
{
	const char *why;

	switch (uplift_metric_kind(metric)) {
	case UPLIFT_PROPORTION: {
		double pt, pc;
		if (t->n <= 0 || c->n <= 0)
			return NAN;
		pt = t->sum / t->n;
		pc = c->sum / c->n;
		return pt * (1 - pt) / t->n + pc * (1 - pc) / c->n;
	}
	case UPLIFT_MEAN:
		if (t->n < 2 || c->n < 2)
			return NAN;
		return uplift_sample_var(t->n, t->sum, t->sum_sq) / t->n +
		       uplift_sample_var(c->n, c->sum, c->sum_sq) / c->n;
	case UPLIFT_RATIO: {
		struct uplift_ratio rt, rc;
		if (!ratio_of(t, &rt, &why) || !ratio_of(c, &rc, &why))
			return NAN;
		return rt.var + rc.var;
	}
	}
	return NAN;
}
