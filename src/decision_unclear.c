/*
 * decision_unclear.c - the decision in words when nothing can simply be
 * shipped (no clear winner, a failed guardrail, no decision at all), and
 * the one caveat under every decision (see decision_internal.h).
 *
 * "Keep testing" always comes with what would settle it (the users per arm
 * of uplift_decision.h) and with the condition under which the leader could
 * be sent anyway: the low end of its interval against the runner-up, or the
 * low end of the failing guardrail's change.
 */
#include "decision_internal.h"
#include "numfmt.h"

#include <math.h>
#include <string.h>

/* The users per arm would need 100 times this test's: practically the same arms. */
#define EQUIVALENT_FACTOR 100.0

/* How many users per arm would tell leader from runner-up, or that it cannot be said. */
static void settle(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	double nx = an->arms[d->leader].users, ny = an->arms[d->runner_up].users;
	char x[UPLIFT_MARKUP_SIZE], y[UPLIFT_MARKUP_SIZE], u[64], a[64], b[64];

	uplift_headline_arm(v, d->leader, x);
	uplift_headline_arm(v, d->runner_up, y);
	if (!isfinite(d->users_per_arm)) {
		if (v->zh)
			fprintf(out, "%s无法估计需要多少用户才能分出胜负（原因见结果明细）。\n",
				mk->item);
		else
			fprintf(out,
				"%sHow many users would settle it cannot be estimated%s%s%s.\n",
				mk->item, d->reason ? " (" : "", d->reason ? d->reason : "",
				d->reason ? ")" : "");
		return;
	}
	uplift_numfmt_grouped(u, sizeof(u), ceil(d->users_per_arm), 0, 0);
	uplift_numfmt_grouped(a, sizeof(a), nx, 0, 0);
	uplift_numfmt_grouped(b, sizeof(b), ny, 0, 0);
	if (v->zh)
		fprintf(out,
			"%s要在当前差异下分出 %s 与 %s，每组约需 %s 名用户（本次分别为 %s 和 %s；"
			"80%% 检验效能，显著性水平 %g）",
			mk->item, x, y, u, a, b, an->opt.alpha);
	else
		fprintf(out,
			"%sA test of about %s users per arm (this one had %s and %s) would tell %s "
			"from %s at the difference seen (80%% power, level %g)",
			mk->item, u, a, b, x, y, an->opt.alpha);
	if (d->users_per_arm > EQUIVALENT_FACTOR * fmax(nx, ny))
		fprintf(
		    out,
		    v->zh
			? "——人数太多，两者在%s上实际上一样好，可按成本等其他因素选择"
			: ": so many that the two are, in practice, equally good on %s; choose on "
			  "cost or other grounds",
		    uplift_headline_metric(v, d->metric));
	fputs(v->zh ? "。\n" : ".\n", out);
}

void uplift_decision_words_not_clear(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	const char *metric = uplift_headline_metric(v, d->metric);
	char x[UPLIFT_MARKUP_SIZE], y[UPLIFT_MARKUP_SIZE], pu[UPLIFT_NUMFMT_CI], amt[64];

	uplift_headline_arm(v, d->leader, x);
	uplift_headline_arm(v, d->runner_up, y);
	uplift_decision_words_per_user(pu, sizeof(pu), v, d->metric, d->diff, d->diff_lo,
				       d->diff_hi);
	if (v->zh)
		fprintf(out, "%s%s%s上没有明确的赢家：继续测试%s。%s 领先 %s %s，区间包含 0。\n",
			mk->item, mk->strong_open, metric, mk->strong_close, x, y, pu);
	else
		fprintf(out,
			"%s%sNo clear winner on %s: keep testing.%s %s leads %s by %s, an interval "
			"that includes 0.\n",
			mk->item, mk->strong_open, metric, mk->strong_close, x, y, pu);
	settle(out, v);
	if (!(isfinite(d->diff_lo) && d->diff_lo < 0))
		return;
	uplift_decision_words_amount(amt, sizeof(amt), v, d->metric, d->diff_lo);
	if (d->leader == an->control) {
		if (v->zh)
			fprintf(
			    out,
			    "%s在此之前，只有能接受错过 %s 每人最多 %s 的收益（区间下限）时，才继续"
			    "不发券。\n",
			    mk->item, y, amt);
		else
			fprintf(
			    out,
			    "%sUntil then, keep %s (no coupon) only if missing up to %s per user "
			    "that %s may bring is acceptable (the low end of the interval).\n",
			    mk->item, x, amt, y);
	} else if (v->zh) {
		fprintf(out, "%s在此之前，只有能接受比 %s 每人最多少 %s（区间下限）时，才发 %s。\n",
			mk->item, y, amt, x);
	} else {
		fprintf(
		    out,
		    "%sUntil then, send %s only if trailing %s by up to %s per user is acceptable "
		    "(the low end of the interval).\n",
		    mk->item, x, y, amt);
	}
}

/*
 * "its aov change vs control may be as low as -7.2%, below the margin of
 * -5.0%" (named: with the metric's name; else "the change vs control ...").
 */
static void guardrail_fails(FILE *out, const struct uplift_voice *v,
			    const struct uplift_guardrail *g, const char *control, bool named)
{
	const char *metric = named ? uplift_headline_metric(v, g->metric) : "";
	char lo[64], m[64];

	uplift_numfmt_lift(lo, sizeof(lo), g->lift_lo);
	uplift_numfmt_lift(m, sizeof(m), g->margin);
	if (!isfinite(g->lift_lo)) {
		if (v->zh)
			fprintf(out, "它相比%s的%s变化无法给出区间，护栏无法检验", control, metric);
		else
			fprintf(
			    out,
			    "%s%s change vs %s has no interval, so the guardrail cannot be checked",
			    named ? "its " : "the", metric, control);
	} else if (v->zh) {
		fprintf(out, "它相比%s的%s变化最低可能到 %s，低于护栏 %s", control, metric, lo, m);
	} else {
		fprintf(out, "%s%s change vs %s may be as low as %s, below the margin of %s",
			named ? "its " : "the", metric, control, lo, m);
	}
}

void uplift_decision_words_guardrail(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	const struct uplift_guardrail *first = NULL;
	char x[UPLIFT_MARKUP_SIZE], y[UPLIFT_MARKUP_SIZE], c[UPLIFT_MARKUP_SIZE];
	char pu[UPLIFT_NUMFMT_CI], lo[64];
	bool any = false;

	uplift_headline_arm(v, d->leader, x);
	uplift_headline_arm(v, d->runner_up, y);
	uplift_headline_arm(v, an->control, c);
	uplift_decision_words_per_user(pu, sizeof(pu), v, d->metric, d->diff, d->diff_lo,
				       d->diff_hi);
	if (v->zh)
		fprintf(out,
			"%s%s暂不发 %s：有护栏指标未达标%s。%s 的%s最高，且明显高于其他各组（比 %s "
			"高 %s），但",
			mk->item, mk->strong_open, x, mk->strong_close, x,
			uplift_headline_metric(v, d->metric), y, pu);
	else
		fprintf(
		    out,
		    "%s%sDo not ship %s yet: a guardrail fails.%s %s has the highest %s and beats "
		    "every other arm (%s over %s), but ",
		    mk->item, mk->strong_open, x, mk->strong_close, x,
		    uplift_headline_metric(v, d->metric), pu, y);
	for (size_t i = 0; i < d->n_guardrails && i < UPLIFT_MAX_GUARDRAILS; i++) {
		const struct uplift_guardrail *g = &d->guardrails[i];
		if (g->holds)
			continue;
		if (any)
			fputs(v->zh ? "；" : "; and ", out);
		guardrail_fails(out, v, g, c, true);
		if (!first && isfinite(g->lift_lo))
			first = g;
		any = true;
	}
	if (!any)
		fputs(v->zh ? "护栏未达标（详见结果明细）" : "a guardrail does not hold", out);
	fputs(v->zh ? "。\n" : ".\n", out);
	if (!first)
		return;
	uplift_numfmt_lift(lo, sizeof(lo), first->lift_lo);
	if (v->zh)
		fprintf(out, "%s只有能接受%s变化低至 %s 时，才发 %s。\n", mk->item,
			uplift_headline_metric(v, first->metric), lo, x);
	else
		fprintf(out, "%sSend %s only if a change in %s as low as %s is acceptable.\n",
			mk->item, x, uplift_headline_metric(v, first->metric), lo);
}

void uplift_decision_words_none(FILE *out, const struct uplift_voice *v,
				enum uplift_decision_why why)
{
	const struct uplift_decision *d = &v->r->an->decision;
	const struct markup *mk = v->mk;
	const char *metric = uplift_headline_metric(v, d->metric);

	if (v->zh) {
		if (why == UPLIFT_DECISION_NO_METRIC)
			fprintf(out, "%s%s无法给出决策：数据中没有%s%s。\n", mk->item,
				mk->strong_open, metric, mk->strong_close);
		else
			fprintf(out, "%s%s无法给出决策：无法在%s上比较各组%s（原因见结果明细）。\n",
				mk->item, mk->strong_open, metric, mk->strong_close);
		return;
	}
	if (why == UPLIFT_DECISION_NO_METRIC)
		fprintf(out, "%s%sNo decision: %s is not in the data.%s", mk->item, mk->strong_open,
			metric, mk->strong_close);
	else
		fprintf(out, "%s%sNo decision: the arms cannot be compared on %s.%s", mk->item,
			mk->strong_open, metric, mk->strong_close);
	if (d->reason)
		fprintf(out, " (%s)", d->reason);
	fputc('\n', out);
}

/* The first flagged check of code, and how many there are. */
static const struct uplift_check *flagged(const struct uplift_analysis *an,
					  enum uplift_check_code code, size_t *count)
{
	const struct uplift_check *first = NULL;

	*count = 0;
	for (size_t i = 0; i < an->n_checks; i++)
		if (an->checks[i].code == code) {
			if (!first)
				first = &an->checks[i];
			(*count)++;
		}
	return first;
}

/* A segment's sample ratio is off: which one, and what to do. */
static void caveat_segment(FILE *out, const struct uplift_voice *v, const struct uplift_check *c,
			   size_t count)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_analysis_column *col = &an->columns[c->column];
	char name[UPLIFT_MARKUP_SIZE], value[UPLIFT_MARKUP_SIZE], p[32];

	uplift_markup_show(v->mk, col->name, name);
	uplift_markup_show(v->mk, c->value < col->n_values ? col->values[c->value] : "?", value);
	uplift_numfmt_p(p, sizeof(p), c->p_adjusted);
	if (v->zh)
		fprintf(out,
			"%s = %s 分群内各组人数与计划比例不符（校正后 p %s）：先检查该分群的用户是"
			"如何分组的，再解读该分群的结果",
			name, value, p);
	else
		fprintf(out,
			"within %s = %s users are not split as planned (adjusted p %s): check how "
			"users of this segment were assigned before reading its rows",
			name, value, p);
	if (count > 1)
		fprintf(out, v->zh ? "；另有 %zu 个分群同样如此" : "; %zu more segments too",
			count - 1);
}

/* The arms differed before the test (pre_period): which arm and metric, and what to do. */
static void caveat_pre_period(FILE *out, const struct uplift_voice *v, const struct uplift_check *c,
			      size_t count)
{
	const struct uplift_analysis *an = v->r->an;
	char arm[UPLIFT_MARKUP_SIZE], p[32];

	uplift_headline_arm(v, c->arm >= 0 ? (size_t)c->arm : an->control, arm);
	uplift_numfmt_p(p, sizeof(p), c->p_adjusted);
	if (v->zh)
		fprintf(
		    out,
		    "实验开始前 %s 的%s就已与对照组不同（实验前历史，校正后 p %s）：先检查分组，"
		    "再根据以上结论行动",
		    arm, uplift_headline_metric(v, c->metric), p);
	else
		fprintf(
		    out,
		    "%s already differed from control on %s before the test began (pre-period "
		    "history, adjusted p %s): check the assignment before acting on any of this",
		    arm, uplift_headline_metric(v, c->metric), p);
	if (count > 1)
		fprintf(out,
			v->zh ? "；另有 %zu 项实验前的差异" : "; %zu more pre-period differences",
			count - 1);
}

/* The first data check of severity sev (uplift_checks_is_data), and how many there are. */
static const struct uplift_check *data_flagged(const struct uplift_analysis *an,
					       enum uplift_check_severity sev, size_t *count)
{
	const struct uplift_check *first = NULL;

	*count = 0;
	for (size_t i = 0; i < an->n_checks; i++)
		if (uplift_checks_is_data(an->checks[i].code) && an->checks[i].severity == sev) {
			if (!first)
				first = &an->checks[i];
			(*count)++;
		}
	return first;
}

/* The data checks flag something (the first of count): what, and what to do. */
static void caveat_data(FILE *out, const struct uplift_voice *v, const struct uplift_check *c,
			size_t count)
{
	static const char *const en[UPLIFT_N_CHECK_CODES] = {
	    [UPLIFT_CHECK_CONTROL_DISCOUNT] = "coupons redeemed by control users",
	    [UPLIFT_CHECK_DISCOUNT_MISMATCH] = "discounts that are not the arm's declared coupon",
	    [UPLIFT_CHECK_BELOW_MIN_SPEND] = "discounts below the coupon's min_spend",
	    [UPLIFT_CHECK_NO_REDEMPTION] = "a coupon arm without a single discount",
	    [UPLIFT_CHECK_MISSING_DISCOUNT] = "a missing discount column, so no cost and no profit",
	    [UPLIFT_CHECK_IGNORED_COLUMNS] = "columns of outcomes.csv that were not used",
	    [UPLIFT_CHECK_INCONSISTENT_OUTCOME] = "outcome rows that contradict themselves",
	};
	static const char *const zh[UPLIFT_N_CHECK_CODES] = {
	    [UPLIFT_CHECK_CONTROL_DISCOUNT] = "对照组用户用了券",
	    [UPLIFT_CHECK_DISCOUNT_MISMATCH] = "有组的优惠金额与声明的券不符",
	    [UPLIFT_CHECK_BELOW_MIN_SPEND] = "有低于使用门槛的用券",
	    [UPLIFT_CHECK_NO_REDEMPTION] = "有券组没有任何一笔用券",
	    [UPLIFT_CHECK_MISSING_DISCOUNT] = "数据没有优惠金额列，无法计算成本与毛利",
	    [UPLIFT_CHECK_IGNORED_COLUMNS] = "outcomes.csv 有列未被使用",
	    [UPLIFT_CHECK_INCONSISTENT_OUTCOME] = "有结果行自相矛盾",
	};
	const char *what = (v->zh ? zh : en)[c->code];

	if (v->zh)
		fprintf(out, "数据检查发现%s（见上文）", what ? what : "问题");
	else
		fprintf(out, "the data checks flag %s (see above)", what ? what : "a problem");
	if (count > 1)
		fprintf(out, v->zh ? "，另有 %zu 项" : ", and %zu more", count - 1);
	fputs(c->severity == UPLIFT_CHECK_ERROR
		  ? (v->zh ? "：先核对数据，再根据以上结论行动"
			   : ": check the data before acting on "
			     "any of this")
		  : (v->zh ? "：读结论前先看这些检查" : ": read them before the conclusions"),
	      out);
}

/* Whether an overall comparison on the decision metric rests on small cells. */
static bool small_cells(const struct uplift_analysis *an, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == -1 && an->cmp[i].metric == m && an->cmp[i].small)
			return true;
	return false;
}

void uplift_decision_words_caveat(FILE *out, const struct uplift_voice *v, bool targeted)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	enum uplift_decision_why why = uplift_decision_words_state(an);
	bool decided = why != UPLIFT_DECISION_NO_METRIC && why != UPLIFT_DECISION_NOT_COMPUTABLE;
	const struct uplift_check *srm, *seg, *pre, *bad_data, *odd_data;
	const struct uplift_guardrail *g = NULL;
	size_t n_srm, n_seg, n_pre, n_bad, n_odd;
	char p[32], c[UPLIFT_MARKUP_SIZE];

	for (size_t i = 0; i < d->n_guardrails && i < UPLIFT_MAX_GUARDRAILS && !g; i++)
		if (!d->guardrails[i].holds)
			g = &d->guardrails[i];
	srm = flagged(an, UPLIFT_CHECK_SRM, &n_srm);
	seg = flagged(an, UPLIFT_CHECK_SEGMENT_SRM, &n_seg);
	pre = flagged(an, UPLIFT_CHECK_PRE_PERIOD, &n_pre);
	bad_data = data_flagged(an, UPLIFT_CHECK_ERROR, &n_bad);
	odd_data = data_flagged(an, UPLIFT_CHECK_WARNING, &n_odd);
	fprintf(out, "%s%s%s%s%s", mk->item, mk->em_open, v->zh ? "注意" : "Caveat", mk->em_close,
		v->zh ? "：" : ": ");
	if (an->srm.mismatch || srm) {
		uplift_numfmt_p(p, sizeof(p), srm ? srm->p : an->srm.p);
		fprintf(
		    out,
		    v->zh
			? "各组人数与计划比例不符（分流检验 p %s）：先检查分组，再根据以上结论行动"
			: "users per arm do not match the planned weights (sample ratio p %s): "
			  "check the assignment before acting on any of this",
		    p);
	} else if (bad_data) {
		caveat_data(out, v, bad_data, n_bad);
	} else if (pre) {
		caveat_pre_period(out, v, pre, n_pre);
	} else if (seg && (size_t)seg->column < an->n_columns) {
		caveat_segment(out, v, seg, n_seg);
	} else if (decided && (g || why == UPLIFT_DECISION_GUARDRAIL)) {
		if (g) {
			fprintf(out, v->zh ? "%s护栏未达标：" : "the %s guardrail fails: ",
				uplift_headline_metric(v, g->metric));
			guardrail_fails(out, v, g, uplift_headline_arm(v, an->control, c), false);
		} else {
			fputs(v->zh ? "护栏未达标" : "a guardrail fails", out);
		}
	} else if (decided && why == UPLIFT_DECISION_NOT_CLEAR && !targeted) {
		char pu[UPLIFT_NUMFMT_CI], x[UPLIFT_MARKUP_SIZE], y[UPLIFT_MARKUP_SIZE];
		uplift_decision_words_per_user(pu, sizeof(pu), v, d->metric, d->diff, d->diff_lo,
					       d->diff_hi);
		uplift_headline_arm(v, d->leader, x);
		uplift_headline_arm(v, d->runner_up, y);
		fprintf(out,
			v->zh ? "领先并不明确：%s 比 %s %s，区间包含 0"
			      : "the lead is not clear: %s vs %s %s includes 0",
			x, y, pu);
	} else if (odd_data) {
		caveat_data(out, v, odd_data, n_odd);
	} else if (small_cells(an, d->metric)) {
		fputs(
		    v->zh
			? "样本太小（某组不足 30 人或不足 5 个事件）：只能当作个例，不能当作结论"
			: "the cells are small (fewer than 30 users in an arm, or 5 events): read "
			  "this as an anecdote, not a finding",
		    out);
	} else {
		fputs(v->zh ? "无（各组人数与计划比例一致"
			    : "none flagged (users per arm match the plan",
		      out);
		if (decided && d->n_guardrails > 0)
			fputs(v->zh ? "，护栏指标均达标" : "; the guardrails hold", out);
		fputs(v->zh ? "）" : ")", out);
	}
	fputs(v->zh ? "。\n" : ".\n", out);
}
