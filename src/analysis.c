/*
 * analysis.c - estimates, comparisons, SRM and corrections from sufficient
 * statistics (see uplift_analysis.h).
 */
#include "uplift_analysis.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct uplift_sample sample_of(const struct uplift_moments *m)
{
	struct uplift_sample s;

	s.n = m->n;
	s.mean = m->n > 0 ? m->sum / m->n : NAN;
	s.var = uplift_sample_var(m->n, m->sum, m->sum_sq);
	return s;
}

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
		st = sample_of(t);
		sc = sample_of(c);
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

void uplift_cochran_q(const double *d, const double *v, size_t k, struct uplift_heterogeneity *out)
{
	double sw = 0, swd = 0, q = 0, mean;
	size_t used = 0;

	for (size_t i = 0; i < k; i++) {
		if (!(v[i] > 0) || !isfinite(v[i]) || !isfinite(d[i]))
			continue;
		sw += 1 / v[i];
		swd += d[i] / v[i];
		used++;
	}
	out->used = used;
	out->q = out->df = out->p = out->i2 = NAN;
	if (used < 2)
		return;
	mean = swd / sw;
	for (size_t i = 0; i < k; i++) {
		if (!(v[i] > 0) || !isfinite(v[i]) || !isfinite(d[i]))
			continue;
		q += (d[i] - mean) * (d[i] - mean) / v[i];
	}
	out->q = q;
	out->df = (double)(used - 1);
	out->p = gsl_cdf_chisq_Q(q, out->df);
	out->i2 = q > 0 ? fmax(0, (q - out->df) / q) : 0;
}

void uplift_analysis_free(struct uplift_analysis *a)
{
	if (!a)
		return;
	free(a->arms);
	free(a->cmp);
	free(a->het);
	free(a->best);
	free(a->seg_srm);
	free(a->econ);
	free(a);
}

/* Adjust the p-values of one family (comparisons [from, to)). */
static bool adjust_family(struct uplift_analysis *a, size_t from, size_t to)
{
	size_t m = to - from;
	double *p;
	size_t *scratch;

	if (m == 0)
		return true;
	p = malloc(m * sizeof(*p));
	scratch = malloc(m * sizeof(*scratch));
	if (!p || !scratch) {
		free(p);
		free(scratch);
		return false;
	}
	for (size_t i = 0; i < m; i++)
		p[i] = a->cmp[from + i].p;
	uplift_p_adjust(p, p, m, a->opt.correction, scratch);
	for (size_t i = 0; i < m; i++) {
		struct uplift_comparison *c = &a->cmp[from + i];
		c->p_adjusted = p[i];
		c->significant = !isnan(p[i]) && p[i] < a->opt.alpha;
	}
	free(p);
	free(scratch);
	return true;
}

static size_t add_comparisons(struct uplift_analysis *a, long column, size_t value)
{
	const struct uplift_suff *s = a->suff;
	size_t added = 0;

	for (size_t arm = 0; arm < s->n_arms; arm++) {
		if (arm == a->control)
			continue;
		for (int m = 0; m < UPLIFT_N_METRICS; m++) {
			struct uplift_comparison *c;
			if (!(a->metrics & UPLIFT_METRIC_BIT(m)))
				continue;
			c = &a->cmp[a->n_cmp++];
			c->column = column;
			c->value = value;
			c->arm = arm;
			c->metric = (enum uplift_metric)m;
			uplift_compare_with(uplift_suff_cell(s, column, value, arm, m),
					    uplift_suff_cell(s, column, value, a->control, m),
					    c->metric, &a->opt, c);
			added++;
		}
	}
	return added;
}

/* Profit per user g * amount - discount, from the amount cell (x = discount). */
static struct uplift_sample profit_sample(const struct uplift_moments *m, double g)
{
	struct uplift_moments p = {0};

	p.n = m->n;
	p.sum = g * m->sum - m->sum_x;
	p.sum_sq = g * g * m->sum_sq - 2 * g * m->sum_xy + m->sum_x_sq;
	return sample_of(&p);
}

static void economics_of(const struct uplift_analysis *a, size_t arm, struct uplift_economics *e)
{
	const struct uplift_suff *s = a->suff;
	const unsigned need = UPLIFT_METRIC_BIT(UPLIFT_REVENUE) | UPLIFT_METRIC_BIT(UPLIFT_AMOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT) |
			      UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) |
			      UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION);
	const struct uplift_moments *ct = uplift_suff_cell(s, -1, 0, arm, UPLIFT_CONVERSION);
	const struct uplift_moments *cc = uplift_suff_cell(s, -1, 0, a->control, UPLIFT_CONVERSION);
	const struct uplift_moments *rt = uplift_suff_cell(s, -1, 0, arm, UPLIFT_REDEMPTION);
	const struct uplift_moments *rc = uplift_suff_cell(s, -1, 0, a->control, UPLIFT_REDEMPTION);
	struct uplift_sample t, c;
	double p, conv_diff, red_diff, v_rev, v_red;
	const char *why = NULL;

	memset(e, 0, sizeof(*e));
	e->arm = arm;
	e->revenue.est = e->revenue.lo = e->revenue.hi = NAN;
	e->profit = e->per_redeemer = e->revenue;
	e->cost_per_incremental_buyer = e->incremental_share_of_redeemers = NAN;
	e->discount_per_user = e->redemption_rate = NAN;
	if ((s->metrics & need) != need) {
		e->reason = "needs order amounts and discounts (orders.csv, or outcomes.csv with "
			    "revenue and discount)";
		return;
	}
	e->discount_per_user =
	    uplift_metric_value(uplift_suff_cell(s, -1, 0, arm, UPLIFT_DISCOUNT), UPLIFT_DISCOUNT);
	t = sample_of(uplift_suff_cell(s, -1, 0, arm, UPLIFT_REVENUE));
	c = sample_of(uplift_suff_cell(s, -1, 0, a->control, UPLIFT_REVENUE));
	if (!uplift_welch(&t, &c, a->opt.alpha, &e->revenue, &p, NULL, &why))
		e->reason = why;
	v_rev = t.var / t.n + c.var / c.n;
	t = profit_sample(uplift_suff_cell(s, -1, 0, arm, UPLIFT_AMOUNT), a->opt.gross_margin);
	c = profit_sample(uplift_suff_cell(s, -1, 0, a->control, UPLIFT_AMOUNT),
			  a->opt.gross_margin);
	if (!uplift_welch(&t, &c, a->opt.alpha, &e->profit, &p, NULL, &why) && !e->reason)
		e->reason = why;
	conv_diff =
	    uplift_metric_value(ct, UPLIFT_CONVERSION) - uplift_metric_value(cc, UPLIFT_CONVERSION);
	e->cost_per_incremental_buyer = conv_diff > 0 ? e->discount_per_user / conv_diff : NAN;
	e->redemption_rate = uplift_metric_value(rt, UPLIFT_REDEMPTION);
	red_diff = e->redemption_rate - uplift_metric_value(rc, UPLIFT_REDEMPTION);
	if (red_diff > 0) {
		/* intent-to-treat effect per redeeming user (Wald), delta-method variance */
		double est = e->revenue.est / red_diff, z = uplift_z(a->opt.alpha);
		double pt = e->redemption_rate, pc = uplift_metric_value(rc, UPLIFT_REDEMPTION);
		v_red = pt * (1 - pt) / rt->n + pc * (1 - pc) / rc->n;
		e->per_redeemer.est = est;
		if (isfinite(v_rev)) {
			double se = sqrt(v_rev / (red_diff * red_diff) +
					 est * est * v_red / (red_diff * red_diff));
			e->per_redeemer.lo = est - z * se;
			e->per_redeemer.hi = est + z * se;
		}
		e->incremental_share_of_redeemers = conv_diff / red_diff;
	}
}

static bool economics(struct uplift_analysis *a)
{
	a->econ = calloc(a->suff->n_arms, sizeof(*a->econ));
	if (!a->econ)
		return false;
	for (size_t arm = 0; arm < a->suff->n_arms; arm++)
		if (arm != a->control)
			economics_of(a, arm, &a->econ[a->n_econ++]);
	return true;
}

/* Cochran's Q for every column, treatment arm and metric. */
static bool heterogeneity(struct uplift_analysis *a)
{
	const struct uplift_suff *s = a->suff;
	size_t n = 0, most = 1;
	double *d, *v;

	for (size_t c = 0; c < s->n_columns; c++)
		most = s->columns[c].n_values > most ? s->columns[c].n_values : most;
	a->het = calloc(s->n_columns * s->n_arms * UPLIFT_N_METRICS + 1, sizeof(*a->het));
	d = malloc(most * sizeof(*d));
	v = malloc(most * sizeof(*v));
	if (!a->het || !d || !v) {
		free(d);
		free(v);
		return false;
	}
	for (size_t c = 0; c < s->n_columns; c++) {
		const struct uplift_suff_column *col = &s->columns[c];
		for (size_t arm = 0; arm < s->n_arms; arm++) {
			if (arm == a->control)
				continue;
			for (int m = 0; m < UPLIFT_N_METRICS; m++) {
				struct uplift_heterogeneity *h;
				if (!(a->metrics & UPLIFT_METRIC_BIT(m)))
					continue;
				for (size_t k = 0; k < col->n_values; k++) {
					const struct uplift_moments *t =
					    uplift_suff_cell(s, (long)c, k, arm, m);
					const struct uplift_moments *ctl =
					    uplift_suff_cell(s, (long)c, k, a->control, m);
					d[k] =
					    uplift_metric_value(t, m) - uplift_metric_value(ctl, m);
					v[k] = uplift_diff_variance(t, ctl, m);
				}
				h = &a->het[n++];
				h->column = c;
				h->arm = arm;
				h->metric = (enum uplift_metric)m;
				uplift_cochran_q(d, v, col->n_values, h);
			}
		}
	}
	a->n_het = n;
	free(d);
	free(v);
	return true;
}

/* Best arm and runner-up of every segment value, by the decide metric. */
static void best_of(struct uplift_analysis *a, size_t c, size_t k, struct uplift_best *b)
{
	const struct uplift_suff *s = a->suff;
	enum uplift_metric m = a->opt.decide;
	double top = -INFINITY, second = -INFINITY;

	b->column = c;
	b->value = k;
	b->arm = b->runner_up = SIZE_MAX;
	for (size_t arm = 0; arm < s->n_arms; arm++) {
		double x = uplift_metric_value(uplift_suff_cell(s, (long)c, k, arm, m), m);
		if (!isfinite(x))
			continue;
		if (x > top) {
			second = top;
			b->runner_up = b->arm;
			top = x;
			b->arm = arm;
		} else if (x > second) {
			second = x;
			b->runner_up = arm;
		}
	}
	memset(&b->cmp, 0, sizeof(b->cmp));
	b->cmp.column = (long)c;
	b->cmp.value = k;
	b->cmp.metric = m;
	if (b->arm == SIZE_MAX || b->runner_up == SIZE_MAX) {
		b->cmp.diff = b->cmp.diff_lo = b->cmp.diff_hi = NAN;
		b->cmp.reason = "fewer than two arms with a value";
		b->clear = false;
		return;
	}
	b->cmp.arm = b->arm;
	uplift_compare_with(uplift_suff_cell(s, (long)c, k, b->arm, m),
			    uplift_suff_cell(s, (long)c, k, b->runner_up, m), m, &a->opt, &b->cmp);
	b->clear = isfinite(b->cmp.diff_lo) && (b->cmp.diff_lo > 0 || b->cmp.diff_hi < 0);
}

/* Per segment value: the best arm and the sample-ratio check. */
static bool segment_details(struct uplift_analysis *a, const double *weights)
{
	const struct uplift_suff *s = a->suff;
	size_t values = 0;
	double *counts;

	if (s->n_columns == 0)
		return true;
	if (!heterogeneity(a))
		return false;
	for (size_t c = 0; c < s->n_columns; c++)
		values += s->columns[c].n_values;
	a->best = calloc(values + 1, sizeof(*a->best));
	a->seg_srm = calloc(values + 1, sizeof(*a->seg_srm));
	counts = calloc(s->n_arms, sizeof(*counts));
	if (!a->best || !a->seg_srm || !counts) {
		free(counts);
		return false;
	}
	for (size_t c = 0; c < s->n_columns; c++) {
		for (size_t k = 0; k < s->columns[c].n_values; k++) {
			struct uplift_segment_srm *r = &a->seg_srm[a->n_seg_srm++];
			if (s->metrics & UPLIFT_METRIC_BIT(a->opt.decide))
				best_of(a, c, k, &a->best[a->n_best++]);
			for (size_t arm = 0; arm < s->n_arms; arm++)
				counts[arm] =
				    uplift_suff_cell(s, (long)c, k, arm, UPLIFT_CONVERSION)->n;
			r->column = c;
			r->value = k;
			uplift_srm(counts, weights, s->n_arms, &r->srm.chi2, &r->srm.df, &r->srm.p,
				   &r->srm.reason);
			r->srm.mismatch = !isnan(r->srm.p) && r->srm.p < UPLIFT_SRM_THRESHOLD;
		}
	}
	free(counts);
	return true;
}

struct uplift_analysis *uplift_analyze(const struct uplift_suff *s, size_t control,
				       const double *weights,
				       const struct uplift_analysis_options *opt)
{
	struct uplift_analysis *a = calloc(1, sizeof(*a));
	size_t per_group, groups = 1, from;
	double *counts;
	int n_metrics = 0;

	if (!a)
		return NULL;
	a->suff = s;
	a->opt = *opt;
	a->control = control;
	a->metrics = opt->metrics & s->metrics;
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		n_metrics += (a->metrics & UPLIFT_METRIC_BIT(m)) != 0;
	per_group = (s->n_arms - 1) * (size_t)n_metrics;
	for (size_t c = 0; c < s->n_columns; c++)
		groups += s->columns[c].n_values;
	a->arms = calloc(s->n_arms, sizeof(*a->arms));
	a->cmp = calloc(per_group * groups + 1, sizeof(*a->cmp));
	counts = calloc(s->n_arms, sizeof(*counts));
	if (!a->arms || !a->cmp || !counts)
		goto fail;

	for (size_t arm = 0; arm < s->n_arms; arm++) {
		a->arms[arm].users = uplift_suff_cell(s, -1, 0, arm, UPLIFT_CONVERSION)->n;
		counts[arm] = a->arms[arm].users;
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			uplift_estimate(uplift_suff_cell(s, -1, 0, arm, m), m, opt->alpha,
					&a->arms[arm].metric[m]);
	}
	uplift_srm(counts, weights, s->n_arms, &a->srm.chi2, &a->srm.df, &a->srm.p, &a->srm.reason);
	a->srm.mismatch = !isnan(a->srm.p) && a->srm.p < UPLIFT_SRM_THRESHOLD;

	/* the overall result is one family, each --by column another */
	add_comparisons(a, -1, 0);
	if (!adjust_family(a, 0, a->n_cmp))
		goto fail;
	for (size_t c = 0; c < s->n_columns; c++) {
		from = a->n_cmp;
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			add_comparisons(a, (long)c, v);
		if (!adjust_family(a, from, a->n_cmp))
			goto fail;
	}
	if (!segment_details(a, weights))
		goto fail;
	if (opt->gross_margin > 0 && !economics(a))
		goto fail;
	free(counts);
	return a;
fail:
	free(counts);
	uplift_analysis_free(a);
	return NULL;
}
