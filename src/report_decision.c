/*
 * report_decision.c - the first section of report.md after the decision
 * block (whether each coupon paid for itself, the effects not listed
 * there), and the numbers behind the decision: one row per arm with the
 * effect on the decision metric, the coupon cost and the incremental
 * profit, per user and in total over the arm's users (see report_internal.h).
 *
 * Every figure here is one the tables of the appendix print too, formatted
 * by the same numfmt.c functions, so that a number reads the same wherever
 * it appears; totals are per-user figures times the arm's users.
 */
#include "report_internal.h"
#include "decision_internal.h"
#include "format_internal.h"
#include "uplift_escape.h"
#include "numfmt.h"

#include <math.h>
#include <string.h>

/*
 * Whether coupon e paid for itself: only a profit effect that is
 * significant after the correction is said to; an interval off 0 that does
 * not survive it is said to be no finding yet.
 */
static void paid_back(FILE *fp, const struct uplift_voice *v, const struct uplift_economics *e,
		      size_t family)
{
	const struct uplift_comparison *c =
	    uplift_decision_words_overall(v->r->an, e->arm, UPLIFT_PROFIT);
	bool off = e->profit.lo > 0 || e->profit.hi < 0;
	bool sig = off && (!c || !c->tested || c->significant);
	const char *corr = uplift_headline_correction(v->r->an);
	char arm[UPLIFT_MARKUP_SIZE];

	uplift_headline_arm(v, e->arm, arm);
	if (v->zh) {
		fprintf(fp, "- %s：人均券成本 %.2f 元，人均增量毛利 %+.2f [%+.2f, %+.2f] 元，", arm,
			e->discount_per_user, e->profit.est, e->profit.lo, e->profit.hi);
		if (sig)
			fputs(e->profit.lo > 0 ? "券成本已收回。\n" : "券成本未收回。\n", fp);
		else if (off)
			fprintf(fp, "区间%s，但未能通过共 %zu 项比较的 %s 校正：尚不能下结论。\n",
				e->profit.lo > 0 ? "在 0 以上" : "低于 0", family, corr);
		else
			fputs("是否回本尚不能确定。\n", fp);
		return;
	}
	fprintf(fp,
		"- %s: coupon cost %.2f per user, incremental gross profit %+.2f [%+.2f, %+.2f] "
		"per user — ",
		arm, e->discount_per_user, e->profit.est, e->profit.lo, e->profit.hi);
	if (sig)
		fputs(e->profit.lo > 0 ? "the coupon paid for itself.\n"
				       : "the coupon did not pay for itself.\n",
		      fp);
	else if (off)
		fprintf(fp,
			"the interval is %s 0, but the profit effect does not survive the %s "
			"correction over %zu comparisons: not a finding yet.\n",
			e->profit.lo > 0 ? "above" : "below", corr, family);
	else
		fputs("whether it paid for itself is not yet clear.\n", fp);
}

void uplift_report_headline_rest(FILE *fp, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	size_t family = uplift_headline_family(an->cmp, an->n_cmp, -1);
	enum uplift_metric ms[2] = {an->decision.metric, UPLIFT_CONVERSION};

	for (int k = 0; k < 2; k++) {
		if (k == 1 && ms[1] == ms[0])
			break;
		for (size_t i = 0; i < an->n_cmp; i++) {
			const struct uplift_comparison *c = &an->cmp[i];
			enum uplift_headline_kind kind = uplift_headline_classify(c);
			if (c->column != -1 || c->metric != ms[k] ||
			    !(an->metrics & UPLIFT_METRIC_BIT(ms[k])) ||
			    kind == UPLIFT_HEADLINE_SIGNIFICANT ||
			    kind == UPLIFT_HEADLINE_NOT_SURVIVING)
				continue;
			fputs("- ", fp);
			uplift_headline_write(fp, v, c, an->control, family);
			fputc('\n', fp);
		}
	}
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->column == -1 && isfinite(e->profit.est))
			paid_back(fp, v, e, family);
	}
}

static const struct uplift_economics *econ_of(const struct uplift_analysis *an, size_t arm)
{
	for (size_t i = 0; i < an->n_econ; i++)
		if (an->econ[i].column == -1 && an->econ[i].arm == arm)
			return &an->econ[i];
	return NULL;
}

/* A money figure per user times users, grouped; "–" when not finite. */
static const char *total(char *buf, size_t n, double per_user, double users)
{
	if (!isfinite(per_user))
		return strcpy(buf, UPLIFT_NUMFMT_NONE);
	return uplift_numfmt_grouped(buf, n, per_user * users, 0, 0);
}

void uplift_report_numbers(FILE *fp, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	enum uplift_metric m = an->decision.metric;
	const char *metric = uplift_headline_metric(v, m);
	const struct format_words *w = uplift_format_words(v->zh);
	bool econ = an->n_econ > 0, profit_col = econ && m != UPLIFT_PROFIT;
	bool any = false;
	char arm[UPLIFT_MARKUP_SIZE], label[UPLIFT_MARKUP_SIZE], b1[UPLIFT_NUMFMT_CI + 16], b2[UPLIFT_NUMFMT_CI], b3[64],
	    marks[32];

	for (size_t a = 0; a < an->n_arms; a++) {
		const struct uplift_comparison *c = uplift_decision_words_overall(an, a, m);
		any |= a != an->control && c && isfinite(c->diff);
	}
	if (!any && !econ) { /* nothing behind the decision to show */
		fputs(v->zh ? "没有可列出的数字：决策指标在数据中没有数值（见上文）。\n\n"
			    : "No numbers to show: the decision metric has no value in the data (see "
			      "above).\n\n",
		      fp);
		return;
	}
	if (v->zh)
		fprintf(fp, "| 组 | 用户数 | %s变化 [区间] | 相对变化 [区间] |%s%s%s\n", metric,
			econ ? " 人均券成本（元） | 券成本合计（元） |" : "",
			profit_col ? " 人均增量毛利 [区间] |" : "",
			econ ? " 增量毛利合计（元） [区间] |" : "");
	else
		fprintf(fp, "| arm | users | change in %s [CI] | relative change [CI] |%s%s%s\n",
			metric, econ ? " coupon cost per user | coupon cost, total |" : "",
			profit_col ? " incremental profit per user [CI] |" : "",
			econ ? " incremental profit, total [CI] |" : "");
	fprintf(fp, "| --- | ---: | ---: | ---: |%s%s%s\n", econ ? " ---: | ---: |" : "",
		profit_col ? " ---: |" : "", econ ? " ---: |" : "");
	for (size_t a = 0; a < an->n_arms; a++) {
		const struct uplift_comparison *c = uplift_decision_words_overall(an, a, m);
		const struct uplift_economics *e = econ_of(an, a);
		double users = an->arms[a].users;

		uplift_headline_arm(v, a, arm);
		uplift_numfmt_grouped(b3, sizeof(b3), users, 0, 0);
		fprintf(fp, "| %s", arm);
		if (!v->zh && v->r->exp && a < v->r->exp->n_arms && v->r->exp->arms[a].label)
			fprintf(fp, " (%s)",
				uplift_markup_show(v->mk, v->r->exp->arms[a].label, label));
		if (a == an->control) {
			fprintf(fp, " | %s | %s | – |%s%s%s\n", b3, v->zh ? "对照组" : "baseline",
				econ ? " – | – |" : "", profit_col ? " – |" : "",
				econ ? " – |" : "");
			continue;
		}
		fprintf(fp, " | %s | ", b3);
		if (c && isfinite(c->diff)) {
			uplift_decision_words_per_user(b1, sizeof(b1), v, m, c->diff, c->diff_lo,
						       c->diff_hi);
			uplift_format_marks(w, marks, sizeof(marks), c);
			fprintf(fp, "%s%s%s | ", b1, *marks ? " " : "", marks);
		} else
			fputs("– | ", fp);
		if (c && isfinite(c->lift))
			fprintf(fp, "%s |",
				uplift_numfmt_lift_ci(b2, sizeof(b2), c->lift, c->lift_lo, c->lift_hi));
		else
			fputs("– |", fp);
		if (econ) {
			fprintf(fp, " %s |", e ? uplift_numfmt_value(b2, sizeof(b2), an->opt.set,
								  UPLIFT_DISCOUNT, e->discount_per_user)
					       : "–");
			fprintf(fp, " %s |", e ? total(b2, sizeof(b2), e->discount_per_user, users)
					       : "–");
			if (profit_col)
				fprintf(fp, " %s |",
					e ? uplift_decision_words_per_user(b1, sizeof(b1), v,
									   UPLIFT_PROFIT, e->profit.est,
									   e->profit.lo, e->profit.hi)
					  : "–");
			if (e && isfinite(e->profit.est))
				fprintf(fp, " %s |",
					uplift_numfmt_total_ci(b1, sizeof(b1), e->profit.est * users,
							       e->profit.lo * users,
							       e->profit.hi * users));
			else
				fputs(" – |", fp);
		}
		fputc('\n', fp);
	}
	fputc('\n', fp);
	if (v->zh)
		fprintf(fp, "人均 = 按每位分组用户计算，没有购买的会员按 0 计入；合计 = 人均 × "
			    "该组用户数，即本次实验中发到这些用户的金额；%s变化与相对变化均相对"
			    "对照组，✓ 表示经 %s 校正后显著。\n\n",
			metric, uplift_headline_correction(an));
	else
		fprintf(fp, "Per user = over every assigned user, members who did not buy "
			    "counted as 0; total = per user × the arm's users, i.e. the money over "
			    "the users of this test; the %s change and the relative change are vs "
			    "control, ✓ = significant after the %s correction.\n\n",
			metric, uplift_headline_correction(an));
}
