/*
 * headline.c - the sentence on one effect and the rule it follows (see
 * headline.h), in English and Chinese.
 *
 * Every arm name goes through the voice's markup (uplift_markup_show:
 * escaped for Markdown or the terminal, cut at 64 columns); the library's
 * reasons are English, so the Chinese sentences point to the tables instead
 * of quoting them.
 */
#include "headline.h"
#include "numfmt.h"

#include <math.h>
#include <string.h>

static const char *const metric_en[UPLIFT_N_METRICS] = {"conversion",
							"repurchase",
							"revenue per user",
							"orders per user",
							"coupon cost per user",
							"average order value",
							"order value before discount per user",
							"redemption",
							"gross profit per user"};
static const char *const metric_zh[UPLIFT_N_METRICS] = {"转化率",       "复购率",     "人均收入",
							"人均订单数",   "人均券成本", "客单价",
							"人均折前金额", "核销率",     "人均毛利"};

/* Whether the interval [lo, hi] is known and lies on one side of 0. */
static bool off_zero(double lo, double hi)
{
	return (isfinite(lo) && lo > 0) || (isfinite(hi) && hi < 0);
}

bool uplift_headline_excludes_zero(const struct uplift_comparison *c)
{
	return off_zero(c->diff_lo, c->diff_hi) || off_zero(c->lift_lo, c->lift_hi);
}

/* Whether c has an interval at all (both ends of the difference or of the lift). */
static bool has_interval(const struct uplift_comparison *c)
{
	return (isfinite(c->diff_lo) && isfinite(c->diff_hi)) ||
	       (isfinite(c->lift_lo) && isfinite(c->lift_hi));
}

enum uplift_headline_kind uplift_headline_classify(const struct uplift_comparison *c)
{
	if (!isfinite(c->diff) && !isfinite(c->lift))
		return UPLIFT_HEADLINE_NONE;
	if (!c->tested)
		return UPLIFT_HEADLINE_DESCRIBED;
	if (c->significant)
		return UPLIFT_HEADLINE_SIGNIFICANT;
	if (!isfinite(c->p_adjusted))
		return UPLIFT_HEADLINE_NO_TEST;
	if (uplift_headline_excludes_zero(c))
		return UPLIFT_HEADLINE_NOT_SURVIVING;
	if (!has_interval(c))
		return UPLIFT_HEADLINE_NO_TEST;
	return UPLIFT_HEADLINE_INDISTINCT;
}

size_t uplift_headline_family(const struct uplift_comparison *cmp, size_t n, long column)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (cmp[i].column == column && cmp[i].tested && !isnan(cmp[i].p))
			k++;
	return k;
}

const char *uplift_headline_arm(const struct uplift_voice *v, size_t a, char *buf)
{
	const struct uplift_experiment *exp = v->r->exp;
	const char *name = v->r->an->arm_names[a];

	if (v->zh && exp && a < exp->n_arms && exp->arms[a].label && *exp->arms[a].label)
		name = exp->arms[a].label;
	return uplift_markup_show(v->mk, name, buf);
}

const char *uplift_headline_metric(const struct uplift_voice *v, enum uplift_metric m)
{
	/* a [metric] section's name or zh label, escaped for the voice's
	 * markup: a few at a time may be in one sentence */
	static _Thread_local char buf[4][UPLIFT_MARKUP_SIZE];
	static _Thread_local unsigned next;
	const struct uplift_metric_set *set = v->r && v->r->an ? v->r->an->opt.set : NULL;
	const char *name, *label;

	if ((int)m < 0 || m >= UPLIFT_N_METRICS)
		return "?";
	if (m < UPLIFT_N_BUILTIN)
		return v->zh ? metric_zh[m] : metric_en[m];
	label = v->zh ? uplift_metric_label(set, m) : NULL;
	name = label ? label : uplift_metric_name(set, m);
	if (!v->mk)
		return name;
	return uplift_markup_show(v->mk, name, buf[next++ % 4]);
}

const char *uplift_headline_correction(const struct uplift_analysis *an)
{
	switch (an->opt.correction) {
	case UPLIFT_HOLM:
		return "Holm";
	case UPLIFT_BH:
		return "Benjamini-Hochberg";
	default:
		return uplift_stats_correction_name(an->opt.correction);
	}
}

const char *uplift_headline_effect(char *buf, size_t n, const struct uplift_voice *v,
				   const struct uplift_comparison *c)
{
	const char *pp = v->zh ? " 个百分点" : " pp";
	bool rate = uplift_metric_kind(c->set, c->metric) == UPLIFT_PROPORTION;
	char ci[UPLIFT_NUMFMT_CI], d[64];

	if (isfinite(c->lift)) {
		uplift_numfmt_lift_ci(ci, sizeof(ci), c->lift, c->lift_lo, c->lift_hi);
		snprintf(buf, n, v->zh ? "相对 %s（%s%s）" : "%s relative (%s%s)", ci,
			 uplift_numfmt_diff(d, sizeof(d), c->set, c->metric, c->diff), rate ? pp : "");
	} else {
		char lo[64], hi[64], iv[160];
		uplift_numfmt_diff(lo, sizeof(lo), c->set, c->metric, c->diff_lo);
		uplift_numfmt_diff(hi, sizeof(hi), c->set, c->metric, c->diff_hi);
		snprintf(buf, n, "%s%s %s", uplift_numfmt_diff(d, sizeof(d), c->set, c->metric, c->diff),
			 rate ? pp : "", uplift_numfmt_interval(iv, sizeof(iv), lo, hi));
	}
	return buf;
}

void uplift_headline_after(FILE *out, const struct uplift_voice *v, size_t family)
{
	const char *corr = uplift_headline_correction(v->r->an);

	if (v->r->an->opt.correction == UPLIFT_NONE)
		fprintf(out,
			v->zh ? "在不做多重比较校正时（共 %zu 项比较）"
			      : "with no correction for the %zu comparisons",
			family);
	else if (v->zh)
		fprintf(out, "经 %s 校正（共 %zu 项比较）后", corr, family);
	else
		fprintf(out, "after the %s correction over %zu comparisons", corr, family);
}

static void significant(FILE *out, const struct uplift_voice *v, const struct uplift_comparison *c,
			const char *arm, const char *base, const char *effect, size_t family)
{
	const struct markup *mk = v->mk;
	bool up = isfinite(c->diff) ? c->diff > 0 : c->lift > 0;
	char p[32];

	uplift_numfmt_p(p, sizeof(p), c->p_adjusted);
	if (v->zh) {
		fprintf(out, "%s%s%s 相比%s%s了%s：%s，", mk->strong_open, arm, mk->strong_close,
			base, up ? "提升" : "降低", uplift_headline_metric(v, c->metric), effect);
		uplift_headline_after(out, v, family);
		fprintf(out, "显著（校正后 p = %s）%s。", p,
			c->small ? "，但样本太小（某组不足 30 人或不足 5 个事件），只能当作个例"
				 : "");
	} else {
		fprintf(out, "%s%s%s %s %s vs %s: %s, significant ", mk->strong_open, arm,
			mk->strong_close, up ? "raised" : "lowered",
			uplift_headline_metric(v, c->metric), base, effect);
		uplift_headline_after(out, v, family);
		fprintf(out, " (p adj %s)%s.", p,
			c->small ? ", but the cells are small (fewer than 30 users in an arm or 5 "
				   "events): an anecdote, not a finding"
				 : "");
	}
}

static void not_surviving(FILE *out, const struct uplift_voice *v,
			  const struct uplift_comparison *c, const char *arm, const char *base,
			  const char *effect, size_t family)
{
	const struct uplift_analysis *an = v->r->an;
	char p[32], pa[32];

	uplift_numfmt_p(p, sizeof(p), c->p);
	uplift_numfmt_p(pa, sizeof(pa), c->p_adjusted);
	if (v->zh)
		fprintf(out, "%s 相比%s的%s：%s；区间不含 0，", arm, base,
			uplift_headline_metric(v, c->metric), effect);
	else
		fprintf(out, "%s vs %s on %s: %s; the interval excludes 0, ", arm, base,
			uplift_headline_metric(v, c->metric), effect);
	if (an->opt.correction == UPLIFT_NONE) {
		if (v->zh)
			fprintf(out, "但检验不显著（p = %s ≥ %g；区间与检验的方法不同）。", p,
				an->opt.alpha);
		else
			fprintf(out,
				"but the test is not significant (p %s ≥ %g; the interval and the "
				"test use different methods).",
				p, an->opt.alpha);
		return;
	}
	if (v->zh) {
		fputs("但未能通过", out);
		fprintf(out, "共 %zu 项比较的 %s 校正（p = %s，校正后 p = %s）。", family,
			uplift_headline_correction(an), p, pa);
	} else {
		fputs("but the effect does not survive the correction: ", out);
		fprintf(out, "%s over %zu comparisons (p %s, p adj %s).",
			uplift_headline_correction(an), family, p, pa);
	}
}

void uplift_headline_write(FILE *out, const struct uplift_voice *v,
			   const struct uplift_comparison *c, size_t baseline, size_t family)
{
	char arm[UPLIFT_MARKUP_SIZE], base[UPLIFT_MARKUP_SIZE], effect[2 * UPLIFT_NUMFMT_CI],
	    pa[32];
	const char *metric = uplift_headline_metric(v, c->metric);

	uplift_headline_arm(v, c->arm, arm);
	uplift_headline_arm(v, baseline, base);
	uplift_headline_effect(effect, sizeof(effect), v, c);
	uplift_numfmt_p(pa, sizeof(pa), c->p_adjusted);
	switch (uplift_headline_classify(c)) {
	case UPLIFT_HEADLINE_SIGNIFICANT:
		significant(out, v, c, arm, base, effect, family);
		break;
	case UPLIFT_HEADLINE_NOT_SURVIVING:
		not_surviving(out, v, c, arm, base, effect, family);
		break;
	case UPLIFT_HEADLINE_INDISTINCT:
		if (v->zh)
			fprintf(out, "%s 相比%s对%s的影响与零无法区分：%s，校正后 p = %s。", arm, base,
				metric, effect, pa);
		else
			fprintf(
			    out,
			    "%s's effect on %s vs %s is not distinguishable from zero: %s, p adj "
			    "%s.",
			    arm, metric, base, effect, pa);
		break;
	case UPLIFT_HEADLINE_NO_TEST:
		if (v->zh)
			fprintf(out, "%s 相比%s的%s：%s，无法检验（原因见结果明细）。", arm, base,
				metric, effect);
		else
			fprintf(out, "%s vs %s on %s: %s, not testable%s%s%s.", arm, base, metric,
				effect, c->reason ? " (" : "", c->reason ? c->reason : "",
				c->reason ? ")" : "");
		break;
	case UPLIFT_HEADLINE_DESCRIBED:
		if (v->zh)
			fprintf(out, "%s 相比%s的%s：%s（仅作描述，不做检验）。", arm, base, metric,
				effect);
		else
			fprintf(out, "%s vs %s, %s: %s (a description, not tested).", arm, base,
				metric, effect);
		break;
	case UPLIFT_HEADLINE_NONE:
		if (v->zh)
			fprintf(out, "%s 相比%s的%s：无法计算（原因见结果明细）。", arm, base,
				metric);
		else
			fprintf(out, "%s vs %s on %s: not computable%s%s%s.", arm, base, metric,
				c->reason ? " (" : "", c->reason ? c->reason : "",
				c->reason ? ")" : "");
		break;
	}
}
