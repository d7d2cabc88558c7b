/*
 * report_target.c - the per-member targeting in report.md (uplift_target.h,
 * run by the report on the decision metric): one line in the decision,
 * saying whether the test supports sending each member their own coupon
 * and pointing to the send list when it does, and a section with the
 * values behind it, the Qini and budget charts. Numbers are printed as the
 * rest of the report prints them (numfmt.c, decision_words.c); names from
 * the data are escaped by the voice's markup.
 */
#include "report_internal.h"
#include "decision_internal.h"
#include "format_internal.h"
#include "uplift_data.h"
#include "uplift_escape.h"
#include "uplift_target.h"
#include "numfmt.h"

#include <math.h>
#include <string.h>

/* A value per member with its interval, in the metric's unit. */
static const char *value_ci(char *buf, size_t n, const struct uplift_voice *v, int m,
			    const struct uplift_target_value *x)
{
	if (!isfinite(x->value))
		return strcpy(buf, UPLIFT_NUMFMT_NONE);
	uplift_numfmt_value_ci(buf, n, v->r->an->opt.set, (enum uplift_metric)m, x->value, x->lo,
			       x->hi);
	if (v->zh && (m == UPLIFT_PROFIT || m == UPLIFT_REVENUE))
		strncat(buf, " 元", n - strlen(buf) - 1);
	return buf;
}

/* A gain per member with its interval, in the metric's unit (points for a rate). */
static const char *gain_ci(char *buf, size_t n, const struct uplift_voice *v, int m,
			   const struct uplift_target_value *x)
{
	if (!isfinite(x->value))
		return strcpy(buf, UPLIFT_NUMFMT_NONE);
	return uplift_decision_words_per_user(buf, n, v, (enum uplift_metric)m, x->value, x->lo,
					      x->hi);
}

static const char *column(const struct uplift_voice *v, const char *name, char *buf)
{
	return uplift_markup_show(v->mk, uplift_format_words_column(uplift_format_words(v->zh), name),
				  buf);
}

/* A feature for a reader: history's numbers and the --by names in words. */
static const char *feature(const struct uplift_voice *v, const struct uplift_target_feature *f,
			   char *buf)
{
	static const char *const hist[][3] = {{"recency", "days since the last order", "最近一次消费距今天数"},
					      {"frequency", "orders before the test", "实验前订单数"},
					      {"monetary", "paid before the test", "实验前消费金额"}};

	if (f->history)
		for (size_t i = 0; i < 3; i++)
			if (strcmp(f->name, hist[i][0]) == 0)
				return strcpy(buf, hist[i][v->zh ? 2 : 1]);
	return column(v, f->name, buf);
}

/* Whether the policy loses to a plan or to the best arm (why it does not pay). */
static void why_not(FILE *fp, const struct uplift_voice *v, const struct uplift_target *t,
		    const char *best)
{
	char b1[UPLIFT_NUMFMT_CI + 16], col[UPLIFT_MARKUP_SIZE];

	if (!(t->gain.lo > 0)) {
		fprintf(fp,
			v->zh ? "比人人都发%s每人 %s，区间未能高于 0"
			      : "against sending everyone %s it gains %s per member, an interval "
				"that does not stay above 0",
			best, gain_ci(b1, sizeof(b1), v, t->metric, &t->gain));
		return;
	}
	for (size_t c = 0; c < t->n_plans; c++)
		if (!(t->plans[c].gain.lo > 0)) {
			fprintf(fp,
				v->zh ? "它比人人都发%s好，但比按%s发各群最优的券每人只多 %s，区间未能高于 "
					"0：简单的分群方案一样好"
				      : "it beats sending everyone %s, but gains only %s per member "
					"over the plan by %s, an interval that does not stay above 0: "
					"the simple segment plan is as good",
				best, v->zh ? column(v, t->plans[c].column, col)
					    : gain_ci(b1, sizeof(b1), v, t->metric, &t->plans[c].gain),
				v->zh ? gain_ci(b1, sizeof(b1), v, t->metric, &t->plans[c].gain)
				      : column(v, t->plans[c].column, col));
			return;
		}
}

void uplift_report_target_line(FILE *fp, const struct uplift_voice *v)
{
	const struct uplift_target *t = v->r->target;
	char best[UPLIFT_MARKUP_SIZE], b1[UPLIFT_NUMFMT_CI + 16], col[UPLIFT_MARKUP_SIZE];

	if (!t) {
		if (v->r->target_reason)
			fprintf(fp,
				v->zh ? "- **逐会员定向**：未能计算（%s）。\n"
				      : "- **Per-member targeting**: not computed (%s).\n",
				uplift_markup_show(
				    v->mk,
				    uplift_format_words_reason(uplift_format_words(v->zh),
							       v->r->target_reason),
				    best));
		return;
	}
	if (t->reason) {
		fprintf(fp,
			v->zh ? "- **逐会员定向**：本次实验不足以支持——每折中每组至少要 %d "
				"名会员，才能在模型没见过的会员上估值。\n"
			      : "- **Per-member targeting**: the test cannot support it — it needs "
				"at least %d members of every arm in every fold to value a rule on "
				"members the model did not see.\n",
			UPLIFT_TARGET_MIN_FOLD_ARM);
		return;
	}
	if (t->best_arm < t->exp->n_arms)
		uplift_headline_arm(v, t->best_arm, best);
	else
		strcpy(best, UPLIFT_NUMFMT_NONE);
	if (t->pays) {
		fprintf(fp,
			v->zh ? "- **逐会员定向有效**：按每位会员预测的最优券发放，比人人都发%s"
				"每人多 %s（在模型没见过的会员上估计）"
			      : "- **Per-member targeting pays**: sending each member the arm "
				"predicted best for them gains %s per member over sending everyone "
				"%s (valued on members the model did not see)",
			v->zh ? best : gain_ci(b1, sizeof(b1), v, t->metric, &t->gain),
			v->zh ? gain_ci(b1, sizeof(b1), v, t->metric, &t->gain) : best);
		for (size_t c = 0; c < t->n_plans; c++)
			fprintf(fp, v->zh ? "%s按%s" : "%s%s",
				c == 0 ? (v->zh ? "，也胜过分群方案：" : ", and beats the segment plans by ")
				       : (v->zh ? "、" : ", "),
				column(v, t->plans[c].column, col));
		if (v->r->target_send_list)
			fprintf(fp,
				v->zh ? "。发送名单：`%s`（每位会员的券与预测增益）。\n"
				      : ". Send from `%s` (each member's arm and predicted gains).\n",
				v->r->target_send_list);
		else
			fputs(v->zh ? "。\n" : ".\n", fp);
		return;
	}
	fputs(v->zh ? "- **逐会员定向**：本次实验不足以支持逐会员发券——"
		    : "- **Per-member targeting**: the test cannot support it — ",
	      fp);
	why_not(fp, v, t, best);
	fputs(v->zh ? "。\n" : ".\n", fp);
}

static void row(FILE *fp, const char *name, const char *text)
{
	fprintf(fp, "| %s | %s |\n", name, text);
}

void uplift_report_target(FILE *fp, const struct uplift_voice *v, bool rendered)
{
	const struct uplift_target *t = v->r->target;
	const char *metric;
	char b1[UPLIFT_NUMFMT_CI + 16], b2[UPLIFT_MARKUP_SIZE + 64], arm[UPLIFT_MARKUP_SIZE],
	    col[UPLIFT_MARKUP_SIZE];

	if (!t || t->reason)
		return;
	metric = uplift_headline_metric(v, (enum uplift_metric)t->metric);
	fprintf(fp, "## %s\n\n", v->zh ? "逐会员定向" : "Per-member targeting");
	if (v->zh)
		fprintf(fp,
			"一组提升树（多方案 CTS 分裂准则）从 assignments.csv 的各列%s学习每位会员收到"
			"每种券后%s的增量。%u 折交叉拟合：每位会员的推荐都来自没见过这位会员的模型，"
			"下表每个数都用逆概率加权在这些会员上估计（%d%% 区间）。\n\n",
			t->data && t->data->has_history ? "和会员的消费历史" : "", metric, t->folds,
			uplift_numfmt_level(t->alpha));
	else
		fprintf(fp,
			"An ensemble of uplift trees (the multi-arm CTS split) learns each member's "
			"increment in %s from every coupon, from the columns of assignments.csv%s. "
			"%u-fold cross-fitted: every member's recommendation comes from a model that "
			"never saw that member, and every figure below is estimated on those members "
			"by inverse-propensity weighting (%d%% intervals).\n\n",
			metric, t->data && t->data->has_history ? " and the members' history" : "",
			t->folds, uplift_numfmt_level(t->alpha));
	fputs(v->zh ? "| 发券方案 | 每会员价值 [区间] |\n| --- | ---: |\n"
		    : "| rule | value per member [CI] |\n| --- | ---: |\n",
	      fp);
	row(fp, v->zh ? "逐会员策略（每人发预测最优的券）" : "per-member policy (each their best arm)",
	    value_ci(b1, sizeof(b1), v, t->metric, &t->policy));
	if (t->best_arm < t->exp->n_arms) {
		snprintf(b2, sizeof(b2), v->zh ? "人人都发%s（最优单一方案）" : "everyone %s (best single arm)",
			 uplift_headline_arm(v, t->best_arm, arm));
		row(fp, b2, value_ci(b1, sizeof(b1), v, t->metric, &t->best));
	}
	snprintf(b2, sizeof(b2), v->zh ? "全部%s" : "everyone %s",
		 uplift_headline_arm(v, t->exp->control, arm));
	row(fp, b2, value_ci(b1, sizeof(b1), v, t->metric, &t->control));
	for (size_t c = 0; c < t->n_plans; c++) {
		snprintf(b2, sizeof(b2), v->zh ? "按%s发各群最优的券" : "plan by %s (each segment its best arm)",
			 column(v, t->plans[c].column, col));
		row(fp, b2, value_ci(b1, sizeof(b1), v, t->metric, &t->plans[c].value));
	}
	fputs(v->zh ? "\n这些值按计划的分组比例（experiment.ini 的 `weight`）加权；各组实际人数与计划略有"
		      "出入，所以“人人都发某券”的值与上文该组的人均略有不同。\n"
		    : "\nThese values weight each member by the planned arm shares (the `weight`s of "
		      "experiment.ini); the arms' actual sizes differ a little from the plan, so "
		      "\"everyone X\" differs a little from arm X's mean in the tables above.\n",
	      fp);
	fputs(v->zh ? "\n| 对比 | 每会员差值 [区间] |\n| --- | ---: |\n"
		    : "\n| comparison | difference per member [CI] |\n| --- | ---: |\n",
	      fp);
	row(fp, v->zh ? "策略 − 最优单一方案" : "policy − best single arm",
	    gain_ci(b1, sizeof(b1), v, t->metric, &t->gain));
	for (size_t c = 0; c < t->n_plans; c++) {
		snprintf(b2, sizeof(b2), v->zh ? "策略 − 按%s发券" : "policy − plan by %s",
			 column(v, t->plans[c].column, col));
		row(fp, b2, gain_ci(b1, sizeof(b1), v, t->metric, &t->plans[c].gain));
	}
	fputs(v->zh ? "\n策略发放占比：" : "\nThe policy sends ", fp);
	for (size_t a = 0; a < t->exp->n_arms; a++)
		fprintf(fp, "%s%s %.1f%%", a ? (v->zh ? "、" : ", ") : "",
			uplift_headline_arm(v, a, arm), 100 * t->arm_share[a]);
	fputs(v->zh ? "。模型分裂所依据的特征（占全部分裂增益）：" : ". What the trees split on (share of all split gain): ",
	      fp);
	{ /* by importance, largest first (selection: a handful of features) */
		bool used[256] = {false}; /* features: 255 at most (target_features.c) */
		size_t n = t->n_features < 256 ? t->n_features : 256;
		for (size_t k = 0; k < n; k++) {
			size_t top = SIZE_MAX;
			for (size_t i = 0; i < n; i++)
				if (!used[i] && (top == SIZE_MAX ||
						 t->features[i].importance > t->features[top].importance))
					top = i;
			used[top] = true;
			if (t->features[top].importance < 0.005)
				break;
			fprintf(fp, "%s%s %.0f%%", k ? (v->zh ? "、" : ", ") : "",
				feature(v, &t->features[top], col), 100 * t->features[top].importance);
		}
	}
	for (size_t i = 0; i < t->n_left_out; i++)
		fprintf(fp, v->zh ? "；未使用的列：%s（%s）" : "; left out: %s (%s)",
			column(v, t->left_out[i].name, col),
			uplift_markup_show(v->mk,
					   uplift_format_words_reason(uplift_format_words(v->zh),
								      t->left_out[i].reason),
					   arm));
	fputs(v->zh ? "。" : ".", fp);
	if (t->n_qini) {
		fputs(v->zh ? "Qini 系数（排序能力，越大越好，0 = 随机）：" : " Qini coefficients (how well the ranking finds who gains; 0 = random): ",
		      fp);
		for (size_t q = 0; q < t->n_qini; q++) {
			char num[64];
			if (isfinite(t->qini[q].coefficient))
				snprintf(num, sizeof(num), "%.3f", t->qini[q].coefficient);
			else
				strcpy(num, UPLIFT_NUMFMT_NONE);
			fprintf(fp, "%s%s %s", q ? (v->zh ? "、" : ", ") : "",
				uplift_headline_arm(v, t->qini[q].arm, arm), num);
		}
		fputs(v->zh ? "。" : ".", fp);
	}
	/* a property of the method (README, make calibrate), not a figure of this test */
	fputs(v->zh ? "注意：策略价值的区间略窄于标称水平（交叉拟合使各折的估计相互关联）；"
		      "结论所依据的“策略 − 最优单一方案”的区间则偏保守。\n\n"
		    : " Note: the policy value's interval is a little narrower than its nominal "
		      "level (cross-fitting ties the folds' estimates together); the interval of "
		      "the policy's gain over the best single arm, on which the verdict rests, "
		      "errs the other way.\n\n",
	      fp);
	if (rendered)
		fprintf(fp, "![%s](qini.png)\n\n![%s](budget.png)\n\n",
			v->zh ? "Qini 曲线：按预测增益排序的会员，各券相对对照组"
			      : "Qini curves: members ranked by predicted gain, each arm vs control",
			v->zh ? "预算曲线：只给预测增益最高的 x% 会员发券"
			      : "Budget: coupons only to the top x% by predicted gain");
}
