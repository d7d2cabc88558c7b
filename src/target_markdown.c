/*
 * target_markdown.c - uplift target as a section of report.md (and so of
 * report.html, whose converter reads this subset: a heading, paragraphs,
 * pipe tables, images), for whoever wires it into the report: the verdict
 * first, pointing to the send list when targeting pays, then the values,
 * the segment plans, the features and the two charts. Every name from the
 * data goes through uplift_escape_markdown.
 */
#include "target_internal.h"
#include "uplift_escape.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>

#define MD(s, buf) uplift_escape_markdown((s), (buf), sizeof(buf))

static void cell(FILE *out, const struct uplift_target_value *v)
{
	if (isfinite(v->value))
		fprintf(out, " %.4f | [%.4f, %.4f] |", v->value, v->lo, v->hi);
	else
		fputs(" — | — |", out);
}

static const char *arm_of(const struct uplift_target *t, size_t a, bool zh)
{
	const struct uplift_arm_def *d = &t->exp->arms[a];

	return zh && d->label ? d->label : d->name;
}

bool uplift_target_markdown(const struct uplift_target *t, FILE *out, bool zh,
			    const char *send_list, const char *charts)
{
	char b1[1024], b2[1024], why[512];

	fprintf(out, "## %s\n\n", zh ? "逐会员定向" : "Per-member targeting");
	target_verdict_reason(t, why, sizeof(why), zh);
	if (t->pays)
		fprintf(out, zh ? "**逐会员定向有效**：%s。" : "**Per-member targeting pays**: %s.",
			MD(why, b1));
	else
		fprintf(out,
			zh ? "**本次实验不足以支持逐会员定向**：%s。"
			   : "**The test cannot support per-member targeting**: %s.",
			MD(why, b1));
	if (t->pays && send_list)
		fprintf(out,
			zh ? " 发送名单：%s（每位会员的方案与预测增益）。"
			   : " Send from %s (each member's arm and predicted gains).",
			MD(send_list, b2));
	fprintf(
	    out,
	    zh ? "\n\n每会员价值（%s，%u 折交叉拟合，留出会员上的逆概率加权估计，%.0f%% "
		 "区间）。\n\n"
	       : "\n\nValue per member (%s; %u-fold cross-fitted, inverse-propensity weighted on "
		 "held-out members, %.0f%% intervals).\n\n",
	    MD(t->metric_name, b1), t->folds, 100 * (1 - t->alpha));
	fputs(zh ? "| 方案 | 每会员价值 | 区间 |\n|---|---:|---:|\n"
		 : "| rule | value per member | interval |\n|---|---:|---:|\n",
	      out);
	fprintf(out, "| %s |", zh ? "逐会员策略" : "per-member policy");
	cell(out, &t->policy);
	if (t->best_arm < t->exp->n_arms) {
		fprintf(out, "\n| %s %s |", zh ? "最优单一方案" : "best single arm",
			MD(arm_of(t, t->best_arm, zh), b1));
		cell(out, &t->best);
	}
	fprintf(out, "\n| %s |", zh ? "对照组" : "control");
	cell(out, &t->control);
	fprintf(out, "\n| %s |", zh ? "策略 − 最优单一方案" : "policy − best single arm");
	cell(out, &t->gain);
	for (size_t c = 0; c < t->n_plans; c++) {
		fprintf(out, "\n| %s %s |", zh ? "分群方案" : "segment plan",
			MD(t->plans[c].column, b1));
		cell(out, &t->plans[c].value);
		fprintf(out, "\n| %s %s |", zh ? "策略 − 分群方案" : "policy − plan",
			MD(t->plans[c].column, b2));
		cell(out, &t->plans[c].gain);
	}
	fputs("\n\n", out);
	fputs(zh ? "策略发放占比：" : "The policy sends: ", out);
	for (size_t a = 0; a < t->exp->n_arms; a++)
		fprintf(out, "%s%s %.1f%%", a ? ", " : "", MD(arm_of(t, a, zh), b1),
			100 * t->arm_share[a]);
	fputs(zh ? "。特征（分裂次数）：" : ". Features (splits): ", out);
	for (size_t i = 0; i < t->n_features; i++)
		fprintf(out, "%s%s %u", i ? ", " : "", MD(t->features[i].name, b1),
			t->features[i].splits);
	for (size_t i = 0; i < t->n_left_out; i++)
		fprintf(out, zh ? "；未使用 %s（%s）" : "; left out %s (%s)",
			MD(t->left_out[i].name, b1), MD(t->left_out[i].reason, b2));
	fputs(".\n\n", out);
	if (t->n_qini) {
		fputs(zh ? "| 方案 | Qini 系数 |\n|---|---:|\n"
			 : "| arm | Qini coefficient |\n|---|---:|\n",
		      out);
		for (size_t q = 0; q < t->n_qini; q++)
			if (isfinite(t->qini[q].coefficient))
				fprintf(out, "| %s | %.4f |\n",
					MD(arm_of(t, t->qini[q].arm, zh), b1),
					t->qini[q].coefficient);
			else
				fprintf(out, "| %s | — |\n", MD(arm_of(t, t->qini[q].arm, zh), b1));
		fputc('\n', out);
	}
	if (charts)
		fprintf(out, "![%s](%sqini.svg)\n\n![%s](%sbudget.svg)\n\n",
			zh ? "Qini 曲线" : "Qini curves", charts, zh ? "预算曲线" : "Budget curve",
			charts);
	return !ferror(out);
}
