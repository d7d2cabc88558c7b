/*
 * report_glossary.c - the end of report.md: how to read the tables and
 * what each metric is (sections of the appendix), then the glossary of the
 * method names the report keeps as proper names (Holm, Wilson, CUPED, Q/I²,
 * cross-fitting, ...), in English or Chinese. A Chinese report names a
 * method in Latin letters only where this glossary explains it.
 */
#include "report_internal.h"
#include "format_internal.h"
#include "uplift_escape.h"
#include "numfmt.h"

#include <string.h>

static const char how_en[] =
    "- Every number comes with a %d%% interval: the range of effects the data are "
    "consistent with. An interval that includes 0 means the test cannot tell the effect "
    "apart from no effect.\n"
    "- *p adj* is the p-value corrected for testing several arms and metrics at once (%s); "
    "an effect is significant, and marked ✓, when p adj < %g. Each family is corrected on "
    "its own: the effects vs control, head to head (coupon vs coupon), and each segment "
    "breakdown, so a breakdown never changes the overall result. An interval that excludes "
    "0 without p adj < %g does not survive the correction: it is not a finding.\n"
    "- In the segment tables, *best (vs runner-up)* reads A >> B when A is clearly ahead of "
    "B (the interval of the difference excludes 0, not corrected for the number of "
    "segments) and A > B when A is ahead but not clearly.\n"
    "- discount (coupon cost), amount and redemption describe what the coupon cost: they "
    "are shown with their change, never tested, and never in a correction family.\n"
    "- Changes of rates are in percentage points (pp); relative changes are treatment / "
    "control − 1.\n"
    "- P(better) is the probability that the coupon beats control given the data (uniform "
    "priors).\n"
    "- Cells marked *(small)* have fewer than 30 users in an arm or fewer than 5 events "
    "(buyers for order value): read them as anecdotes, not findings.\n";

static const char how_zh[] =
    "- 每个数字都附有 %d%% 置信区间，即与数据相符的效果范围；区间包含 0 "
    "表示无法把效果与“没有效果”区分开。\n"
    "- *校正后 p* 是对同时检验多个组和指标做过校正（%s 校正）的 p 值；校正后 p < %g "
    "时为显著，标记为 ✓。每个比较族单独校正：相比对照组的效果、券与券之间的比较、"
    "每个分群维度各自成族，因此分群结果不会改变整体结论。区间不含 0 但校正后 p 未低于 %g "
    "的效果未能通过校正，不能当作结论。\n"
    "- 分群表中的 *最好的一组（对比第二名）*：A >> B 表示 A 明显领先 B（差值区间不含 0，"
    "未按分群数校正）；A > B 表示 A 领先但不明确。\n"
    "- 人均券成本、人均折前金额与核销率描述券的成本：只列出数值与差值，不做检验，也不进入"
    "任何校正族。\n"
    "- 比率（转化率、复购率、核销率）的变化以“个百分点”计：10%% 到 12%% 是 +2 "
    "个百分点；相对变化 = 实验组 / 对照组 − 1，即 +20%%。\n"
    "- *胜出概率* 是在数据条件下优惠券优于对照组的概率（均匀先验）。\n"
    "- 标记为 *（样本少）* 的格子某组不足 30 人或不足 5 个事件（客单价为购买者），"
    "只能当作个例，不能当作结论。\n";

/* What each built-in metric is, per assigned user over the window. */
static const char *const def_en[UPLIFT_N_BUILTIN] = {
    "share of assigned users with at least 1 order in the window",
    "share of assigned users with at least 2 orders in the window",
    "paid value in the window per assigned user (members who did not buy count as 0)",
    "orders in the window per assigned user (members who did not buy count as 0)",
    "coupon discount per assigned user (what the coupon cost; described, not tested)",
    "paid value per order, over the buyers of the arm (revenue / orders)",
    "order value before discount per assigned user (described, not tested)",
    "share of assigned users with at least one order that used the coupon (described)",
    "gross margin × value before discount − coupon discount, per assigned user",
};
static const char *const def_zh[UPLIFT_N_BUILTIN] = {
    "活动期内至少下 1 单的用户占分组用户的比例",
    "活动期内至少下 2 单的用户占分组用户的比例",
    "活动期内实付金额 ÷ 分组用户数（没有购买的会员按 0 计入）",
    "活动期内订单数 ÷ 分组用户数（没有购买的会员按 0 计入）",
    "券抵扣金额 ÷ 分组用户数，即券的成本（仅作描述，不做检验）",
    "每单平均实付金额，只计该组有购买的用户（收入 ÷ 订单数）",
    "折前金额 ÷ 分组用户数（仅作描述，不做检验）",
    "至少有一单用了券的用户占分组用户的比例（仅作描述）",
    "（毛利率 × 折前金额 − 券抵扣）÷ 分组用户数（没有购买的会员按 0 计入）",
};

static void definitions(FILE *fp, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_metric_set *set = an->opt.set;
	const struct format_words *w = uplift_format_words(v->zh);
	char name[UPLIFT_MARKUP_SIZE];
	size_t n = set ? set->n : UPLIFT_N_BUILTIN;

	fprintf(fp, "### %s\n\n", v->zh ? "指标定义" : "Metrics");
	for (size_t m = 0; m < n && m < UPLIFT_N_METRICS; m++) {
		if (!(an->metrics & UPLIFT_METRIC_BIT(m)) ||
		    uplift_metric_is_twin(set, (enum uplift_metric)m))
			continue;
		MD(uplift_format_words_metric(w, set, (enum uplift_metric)m), name);
		fprintf(fp, "- **%s**", name);
		if (v->zh || m >= UPLIFT_N_BUILTIN) {
			fputs(" (", fp);
			/* the key as experiment.ini and the JSON name it */
			char key[UPLIFT_MARKUP_SIZE];
			uplift_escape_text(uplift_metric_name(set, (enum uplift_metric)m), key,
					   sizeof(key));
			if (strchr(key, '`'))
				fputs("…", fp);
			else
				fprintf(fp, "`%s`", key);
			fputc(')', fp);
		}
		if (m < UPLIFT_N_BUILTIN)
			fprintf(fp, v->zh ? "：%s。\n" : ": %s.\n", v->zh ? def_zh[m] : def_en[m]);
		else
			fputs(v->zh ? "：`experiment.ini` 中自定义的指标，按每位分组用户计（没有购买的会员按 0 计入）。\n"
				    : ": defined in experiment.ini, per assigned user (members who did not buy count as 0).\n",
			      fp);
	}
	fputc('\n', fp);
}

void uplift_report_reading(FILE *fp, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;

	definitions(fp, v);
	fprintf(fp, "### %s\n\n", v->zh ? "如何解读" : "How to read this");
	fprintf(fp, v->zh ? how_zh : how_en, uplift_numfmt_level(an->opt.alpha),
		uplift_headline_correction(an), an->opt.alpha, an->opt.alpha);
}

struct term {
	const char *en_term, *en_text, *zh_term, *zh_text;
};

static const struct term terms[] = {
    {"Holm correction",
     "when many comparisons are tested together, the p-values are raised step by step "
     "(Holm's method) so that the chance of any false finding in the family stays below "
     "the significance level",
     "Holm 校正",
     "同时检验多项比较时，把 p 值从小到大依次放大（Holm 逐步法），使整组比较中出现任何一次"
     "误判的概率不超过显著性水平；校正后的 p 值记作“校正后 p”"},
    {"Benjamini-Hochberg",
     "a milder correction (with --correction bh) that bounds the expected share of false "
     "findings among those marked ✓",
     "Benjamini-Hochberg",
     "较宽松的校正（--correction bh）：控制标记为 ✓ 的结果中误判所占的期望比例"},
    {"Wilson interval",
     "the interval used for rates such as conversion; reliable with few users or rates "
     "near 0",
     "Wilson 区间", "转化率等比率的置信区间算法，样本少或比率接近 0 时仍然可靠"},
    {"CUPED",
     "each member's value of the same metric before the test is used to remove noise; "
     "intervals get narrower, the effect's expected value does not change",
     "CUPED",
     "用每位会员实验前同一指标的数值做回归调整，去掉与券无关的波动，区间更窄，效果的期望值"
     "不变"},
    {"Q / I² (heterogeneity)",
     "whether a coupon's effect differs between segments: Q is Cochran's test statistic "
     "(with its p), I² the share of the spread between segments that is real rather than "
     "chance",
     "Q / I²（异质性）",
     "检验券的效果在各分群之间是否不同：Q 是 Cochran 检验统计量（附 p 值），I² 是分群间差异中"
     "真实差异（而非随机波动）所占的比例"},
    {"cross-fitted",
     "how a targeting plan is valued: arms are chosen per segment on one random half of "
     "the users and valued on the other half, then the reverse, over many splits, so a "
     "plan is not valued on the data that chose it",
     "交叉拟合（cross-fitted）",
     "定向方案的估值方法：在一半随机用户上为每个分群选组，在另一半上估值，再互换，并重复多次"
     "随机拆分，避免用挑选方案的同一批数据给方案打分"},
    {"CTS, uplift trees",
     "the per-member model: trees that split members where the best coupon changes "
     "(the contextual treatment selection criterion, which handles several coupons and "
     "money outcomes); many such trees are averaged",
     "CTS 提升树",
     "逐会员定向的模型：在“最优的券”发生变化处把会员分开的决策树（CTS 准则，可同时比较多种券，"
     "也适用于金额类指标），取多棵树的平均"},
    {"inverse-propensity weighting",
     "how a rule is valued on the test's members: the members whose random arm is the "
     "one the rule would send stand for everyone, weighted by 1 / the arm's share",
     "逆概率加权",
     "在实验会员上给一个发券规则估值的方法：随机分到的券恰好与规则一致的会员代表所有人，"
     "按 1 ÷ 该组占比加权"},
    {"Qini",
     "how well a ranking of members by predicted gain finds those who truly gain: the "
     "extra outcome of the top x% ranked over control, against a random ranking; the "
     "coefficient is the area between the two (0 = no better than random)",
     "Qini",
     "按预测增益给会员排序后，前 x% 会员相对对照组多出的结果，与随机排序相比；Qini "
     "系数是两条曲线之间的面积（0 = 与随机排序一样）"},
    {"aov (order value)", "paid value per order over the buyers (revenue / orders)",
     "客单价（aov）", "每单平均实付金额，只计有购买的用户（收入 ÷ 订单数）"},
    {"P(better)",
     "the probability that the coupon beats control given the data (uniform priors)",
     "胜出概率（P(better)）", "在数据条件下（均匀先验）优惠券优于对照组的概率"},
    {"RFM",
     "segments of members by how recently (R), how often (F) and how much (M) they bought "
     "before the test",
     "RFM", "按实验前最近一次消费（R）、消费频次（F）和消费金额（M）给会员分群的常用方法"},
    {"pp (percentage points)",
     "the difference of two rates: 10% to 12% is +2 pp, a relative change of "
     "+20%",
     "个百分点", "两个比率之差：10% 到 12% 是 +2 个百分点，相对变化为 +20%"},
};

void uplift_report_glossary(FILE *fp, const struct uplift_voice *v)
{
	fprintf(fp, "## %s\n\n", v->zh ? "术语表" : "Glossary");
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		if (i == 1 && v->r->an->opt.correction != UPLIFT_BH)
			continue;
		fprintf(fp, v->zh ? "- **%s**：%s。\n" : "- **%s**: %s.\n",
			v->zh ? terms[i].zh_term : terms[i].en_term,
			v->zh ? terms[i].zh_text : terms[i].en_text);
	}
}
