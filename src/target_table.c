/*
 * target_table.c - uplift target for a manager: the verdict, the values
 * with their intervals, the features used, the segment plans, the budget
 * curve and the Qini coefficients, in English or Chinese. Names from the
 * data are escaped for the terminal.
 */
#include "table.h"
#include "target_internal.h"
#include "format_words.h"
#include "uplift_escape.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

struct words {
	const char *title, *metric, *members, *folds, *policy, *best, *control, *gain, *share,
	    *features, *left, *plans, *plan_gain, *budget, *qini, *pays, *cannot, *why, *net, *coef,
	    *splits, *send, *numeric, *categorical, *bins, *importance;
};

static const struct words en = {"Per-member targeting",
				"metric",
				"members",
				"folds (cross-fitted)",
				"policy (each member's best predicted arm)",
				"best single arm",
				"control",
				"gain of the policy over the best single arm",
				"the policy sends",
				"features used",
				"features left out",
				"segment plans (send each value of a column its best arm)",
				"policy minus plan",
				"budget: send the top share by predicted gain their best arm",
				"Qini per arm (area between the curve and random, per member)",
				"VERDICT: per-member targeting pays",
				"VERDICT: the test cannot support per-member targeting",
				"why",
				"values are net of coupon cost",
				"coefficient",
				"splits",
				"the send list (--out) gives every member's arm",
				"numeric",
				"categorical",
				"bins",
				"gain share"};

static const struct words words_zh = {"逐会员定向",
				      "指标",
				      "会员数",
				      "折数（交叉拟合）",
				      "策略（每位会员发预测最优的券）",
				      "最优单一方案",
				      "对照组",
				      "策略相对最优单一方案的增益",
				      "策略发放占比",
				      "使用的特征",
				      "未使用的特征",
				      "分群方案（每个分群值发其最优方案）",
				      "策略减分群方案",
				      "预算：按预测增益发给前 x% 的会员",
				      "各方案 Qini（曲线与随机线之间的面积，每会员）",
				      "结论：逐会员定向有效",
				      "结论：本次实验不足以支持逐会员定向",
				      "原因",
				      "数值已扣除券成本",
				      "系数",
				      "分裂次数",
				      "发送名单（--out）给出每位会员的方案",
				      "数值",
				      "类别",
				      "分箱",
				      "增益占比"};

/* label padded to 44 display columns (a wide character counts two) */
static void value_line(FILE *out, const char *label, const struct uplift_target_value *v)
{
	size_t w = uplift_display_width(label);

	fprintf(out, "  %s%*s", label, w < 44 ? (int)(44 - w) : 0, "");
	if (isfinite(v->value))
		fprintf(out, " %10.4f  [%.4f, %.4f]\n", v->value, v->lo, v->hi);
	else
		fprintf(out, " %10s\n", "—");
}

static const char *arm_label(const struct uplift_target *t, size_t a, bool zh, char *buf,
			     size_t size)
{
	const struct uplift_arm_def *d = &t->exp->arms[a];

	return uplift_escape_text(zh && d->label ? d->label : d->name, buf, size);
}

static const char *unit_zh(const struct uplift_target *t)
{
	if (t->net_of_cost)
		return "每会员元，已扣除券成本";
	if (strstr(t->unit, "share"))
		return "会员占比（0 到 1）";
	if (strstr(t->unit, "orders"))
		return "每会员订单数";
	if (strstr(t->unit, "yuan"))
		return "每会员元";
	return "每会员，指标单位";
}

bool uplift_target_table(const struct uplift_target *t, FILE *out, bool is_zh)
{
	const struct words *w = is_zh ? &words_zh : &en;
	char b1[512], b2[512], why[512];

	fprintf(out, "%s: %s\n", w->title, uplift_escape_text(t->exp->name, b1, sizeof(b1)));
	fprintf(out, "%s: %s (%s)\n", w->metric,
		is_zh ? uplift_format_words_metric(uplift_format_words(true), &t->exp->metrics,
						   (enum uplift_metric)t->metric)
		      : t->metric_name,
		is_zh ? unit_zh(t) : t->unit);
	fprintf(out, "%s: %zu   %s: %u   %s: %llu\n\n", w->members, t->n_users, w->folds,
		t->folds, is_zh ? "随机种子" : "seed", (unsigned long long)t->seed);
	fprintf(out, "%s\n", t->pays ? w->pays : w->cannot);
	target_verdict_reason(t, why, sizeof(why), is_zh);
	fprintf(out, "  %s: %s\n\n", w->why, uplift_escape_text(why, b1, sizeof(b1)));
	value_line(out, w->policy, &t->policy);
	if (t->best_arm < t->exp->n_arms) {
		snprintf(b2, sizeof(b2), "%s (%s)", w->best,
			 arm_label(t, t->best_arm, is_zh, b1, sizeof(b1)));
		value_line(out, b2, &t->best);
	}
	value_line(out, w->control, &t->control);
	value_line(out, w->gain, &t->gain);
	fprintf(out, "\n%s:", w->share);
	for (size_t a = 0; a < t->exp->n_arms; a++)
		fprintf(out, "  %s %.1f%%", arm_label(t, a, is_zh, b1, sizeof(b1)),
			100 * t->arm_share[a]);
	fprintf(out, "\n\n%s:\n", w->features);
	for (size_t i = 0; i < t->n_features; i++) {
		size_t dw =
		    uplift_display_width(uplift_escape_text(t->features[i].name, b1, sizeof(b1)));
		fprintf(out, "  %s%*s %-12s %3u %s  %s %5.1f%%  %s %u\n", b1,
			dw < 24 ? (int)(24 - dw) : 0, "",
			t->features[i].numeric ? w->numeric : w->categorical, t->features[i].bins,
			w->bins, w->importance, 100 * t->features[i].importance, w->splits,
			t->features[i].splits);
	}
	if (t->n_left_out) {
		fprintf(out, "%s:\n", w->left);
		for (size_t i = 0; i < t->n_left_out; i++)
			fprintf(out, "  %s: %s\n",
				uplift_escape_text(t->left_out[i].name, b1, sizeof(b1)),
				uplift_escape_text(t->left_out[i].reason, b2, sizeof(b2)));
	}
	if (t->n_plans) {
		fprintf(out, "\n%s:\n", w->plans);
		for (size_t c = 0; c < t->n_plans; c++) {
			value_line(out, uplift_escape_text(t->plans[c].column, b1, sizeof(b1)),
				   &t->plans[c].value);
			snprintf(b2, sizeof(b2), "  %s", w->plan_gain);
			value_line(out, b2, &t->plans[c].gain);
		}
	}
	fprintf(out, "\n%s:\n", w->budget);
	for (size_t i = 0; i < UPLIFT_TARGET_BUDGET_POINTS; i++) {
		char s[32];
		snprintf(s, sizeof(s), "%3.0f%%", 100 * t->budget[i].share);
		struct uplift_target_value v = {t->budget[i].value, t->budget[i].lo,
						t->budget[i].hi};
		value_line(out, s, &v);
	}
	fprintf(out, "\n%s:\n", w->qini);
	for (size_t q = 0; q < t->n_qini; q++) {
		const char *name = arm_label(t, t->qini[q].arm, is_zh, b1, sizeof(b1));
		size_t dw = uplift_display_width(name);
		if (isfinite(t->qini[q].coefficient))
			fprintf(out, "  %s%*s %s %.4f\n", name, dw < 24 ? (int)(24 - dw) : 0, "",
				w->coef, t->qini[q].coefficient);
		else
			fprintf(out, "  %s%*s %s —\n", name, dw < 24 ? (int)(24 - dw) : 0, "",
				w->coef);
	}
	fprintf(out, "\n%s\n", w->send);
	return !ferror(out);
}
