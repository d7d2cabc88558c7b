/*
 * format_words.c - the English and Chinese words of analyze's tables (see
 * format_words.h). The English set is what `uplift analyze` prints; the
 * Chinese one is for the tables of report.md with --lang zh.
 */
#include "format_words.h"

#include "uplift_experiment.h"

#include <stddef.h>
#include <string.h>

const struct format_words uplift_format_words_en = {
    .metric = {NULL},
    .arm = "arm",
    .metric_col = "metric",
    .users = "users",
    .arms = "Arms (%d%% intervals)",
    .cuped_not_applied = "CUPED not applied: ",

    .effects = "Effects vs %s (%d%% intervals; change in pp for rates)",
    .cuped_columns = "CUPED: each metric with a covariate column ([metric] covariate) adjusted by "
		     "it (theta pooled over both arms); \"CUPED var.\" is the variance removed",
    .cuped = "CUPED: each metric adjusted by its value over the %ld days before the test (theta "
	     "pooled over both arms); \"CUPED var.\" is the variance removed",
    .sequential = "Sequential: intervals and p-values stay valid however often the test is looked "
		  "at (mSPRT, tuned for %.0f users per comparison)",
    .effect_cols = {"metric", "control", "treatment", "change [CI]", "relative [CI]", "p", "p adj",
		    "P(better)"},
    .cuped_col = "CUPED var.",
    .legend =
	"✓ = significant after the %s correction over the %zu comparisons of %s (p adj < %g); ",
    .legend_none = "✓ = p < %g with no correction for the %zu comparisons of %s; ",
    .legend_small = "(small) = fewer than %d users in an arm, or fewer than %d events (buyers for "
		    "aov): an anecdote, not a finding\n",
    .this_table = "this table",
    .this_family = "this table, a family of its own",
    .column_family = "the %s family, vs control",
    .described = "What the coupons cost vs %s (%d%% intervals; described, not tested: no p-value, "
		 "outside the correction)",
    .pairs = "Head to head: each coupon vs each other (%d%% intervals; change in pp for rates)",
    .pair_cols = {"A vs B", "metric", "B", "A", "A - B [CI]", "A / B - 1 [CI]", "p", "p adj"},
    .pairs_untested =
	"%sdiscount, amount and redemption rows: described, not tested (no p-value)\n",

    .econ = "Coupon economics per assigned user (gross margin %.0f%%; %d%% intervals)",
    .econ_cols = {"arm", "coupon cost", "redeemed", "incremental revenue", "incremental profit",
		  "cost per extra buyer", "revenue per redeemer"},
    .econ_explain = "%sprofit = gross margin x order value - coupon discount; cost per extra buyer "
		    "= coupon cost / conversion change (– unless conversion clearly rose); revenue "
		    "per redeemer = the effect divided by the share who used the coupon\n",
    .econ_no_rise = "%s%s: cost per extra buyer –: conversion did not clearly rise (%s)\n",
    .econ_no_cost = "%s%s: cost per extra buyer –: %s\n",
    .econ_no_discount = "%s%s: coupon cost, redemption, incremental profit and cost per extra "
			"buyer –: no discount column (the incremental revenue needs none)\n",
    .econ_share = "%s%s: %.0f%% %s of redeemers were extra buyers; the others would likely have "
		  "bought anyway\n",
    .econ_unclear =
	"%s%s: the share of redeemers who were extra buyers is not clear: %.0f%% %s, an "
	"interval that includes 0\n",
    .econ_no_interval = "%s%s: %.0f%% of redeemers were extra buyers, with no interval: not a "
			"finding\n",
    .econ_by = "Coupon economics by %s (per assigned user; %d%% intervals)",
    .econ_by_note =
	"%scost per extra buyer –: conversion did not clearly rise in that segment (its "
	"interval includes 0), or could not be computed\n",

    .segment_srm = "%sWARNING: within %s = %s, users per arm do not match the planned weights "
		   "(chi2 %.2f, p %s; Holm-adjusted over the values of %s: %s). Check how users of "
		   "this segment were assigned before reading its rows.%s\n",
    .by = "By %s · %s: control %s, each coupon's %s vs control [%d%% CI]%s%s\n",
    .rate = "rate",
    .value = "value",
    .relative = "relative change",
    .change_described = "change (described, not tested)",
    .best_of_all = "; best arm of all",
    .best_col = "best (vs runner-up)",
    .none_computable = "%sno segment has a change that can be computed%s\n",
    .heterogeneity = "heterogeneity:",
    .legend_pairs =
	"%s%s\"A vs B\" columns: head to head, A's change relative to B; its ✓ is after "
	"the %s correction over the %zu head-to-head comparisons of %s, a family of its "
	"own\n",
    .pairs_elsewhere = "%s%shead to head by segment (%zu pairs of coupons, too many for these "
		       "tables): in the JSON and the CSV\n",
    .legend_best =
	"%s%sbest (vs runner-up): A >> B = A is clearly ahead of B (the %d%% interval of "
	"the difference excludes 0; not corrected for the number of segments); A > B = A "
	"is ahead, but not clearly\n",
    .legend_untested = "%s%sdiscount, amount and redemption describe the coupon's cost: their "
		       "tables show the change vs control, not tested (no mark)\n",

    .plan = "Targeting plan by %s: each segment its best arm (%s)",
    .plan_none = "%sno plan to offer: its value could not be estimated (%s)\n",
    .plan_no_gain = "%sthe plan does not beat sending everyone %s (gain %s per user, "
		    "cross-fitted): send everyone %s\n",
    .send = "send",
    .chosen_by = "%s (chosen by %.0f%% of halves)",
    .plan_value = "%splan %s per user [%s, %s]",
    .plan_single = "%sbest single arm (%s) %s [%s, %s]",
    .plan_gain = "%sgain %s [%s, %s]\n",
    .plan_cross = "%s(cross-fitted: arms chosen on one random half of the users, valued on the "
		  "other, and the reverse; averaged over %d random splits, seed %llu)\n",
    .pp = " pp",
    .small = "(small)",
    .arm_vs = "%s vs %s",
    .het_item = "Q %.2f, df %.0f, p %.4f, I² %.0f%%",
    .het_sep = "; ",
    .described_line = "Described, not tested, vs %s (%d%% intervals): ",
    .cuped_adjusted = " (CUPED-adjusted)",
};

const struct format_words uplift_format_words_zh = {
    .metric = {"转化率", "复购率", "人均收入", "人均订单数", "人均券成本", "客单价", "人均折前金额",
	       "核销率", "人均毛利"},
    .arm = "组",
    .metric_col = "指标",
    .users = "用户数",
    .arms = "各组指标（%d%% 置信区间）",
    .cuped_not_applied = "未应用 CUPED：",

    .effects = "相比对照组（%s）的效果（%d%% 置信区间；比率的变化以百分点计）",
    .cuped_columns = "CUPED：设了协变量列（[metric] covariate）的指标按该列做了调整（θ 由两组合并估计）；"
		     "“CUPED 方差减少”一列为调整减少的方差",
    .cuped = "CUPED：每个指标都按它在实验前 %ld 天的数值做了调整（θ 由两组合并估计）；"
	     "“CUPED 方差减少”一列为调整减少的方差",
    .sequential = "序贯检验：无论查看多少次，区间和 p 值都有效（mSPRT，按每项比较 %.0f "
		  "名用户调校）",
    .effect_cols = {"指标", "对照组", "实验组", "变化 [区间]", "相对变化 [区间]", "p", "校正后 p",
		    "胜出概率"},
    .cuped_col = "CUPED 方差减少",
    .legend = "✓ = 经 %s 校正后显著（共 %zu 项比较，%s；校正后 p < %g）；",
    .legend_none = "✓ = p < %g（未校正，共 %zu 项比较，%s）；",
    .legend_small = "（样本少）= 某组不足 %d 人，或不足 %d 个事件（客单价为购买者）：只能当作个例，"
		    "不能当作结论\n",
    .this_table = "本表",
    .this_family = "本表，自成一族",
    .column_family = "%s 分群族，相比对照组",
    .described =
	"券的成本，相比对照组（%s）（%d%% 置信区间；仅作描述，不做检验：没有 p 值，不计入校正）",
    .pairs = "券与券对比（%d%% 置信区间；比率的变化以百分点计）",
    .pair_cols = {"对比（A 对 B）", "指标", "B", "A", "A − B [区间]", "A / B − 1 [区间]", "p", "校正后 p"},
    .pairs_untested = "%s人均券成本、人均折前金额与核销率各行仅作描述，不做检验（没有 p 值）\n",

    .econ = "券的经济账，按每位分组用户（毛利率 %.0f%%；%d%% 置信区间）",
    .econ_cols = {"组", "券成本", "核销率", "增量收入", "增量毛利", "每个新增购买者的成本",
		  "每个核销者的收入"},
    .econ_explain =
	"%s毛利 = 毛利率 × 折前金额 − 券抵扣；每个新增购买者的成本 = 券成本 / 转化率变化"
	"（除非转化率明显提升，否则为 –）；每个核销者的收入 = 效果除以用券的用户比例\n",
    .econ_no_rise = "%s%s：每个新增购买者的成本为 –：转化率没有明显提升（%s）\n",
    .econ_no_cost = "%s%s：每个新增购买者的成本为 –：无法计算（%s）\n",
    .econ_no_discount = "%s%s：券成本、核销率、增量毛利与每个新增购买者的成本为 –：数据没有优惠"
			"金额列（`discount`）（增量收入不需要它）\n",
    .econ_share = "%s%s：核销者中 %.0f%% %s 是新增购买者；其余的人不发券也可能会买\n",
    .econ_unclear = "%s%s：核销者中新增购买者的比例并不明确：%.0f%% %s，区间包含 0\n",
    .econ_no_interval = "%s%s：核销者中 %.0f%% 是新增购买者，但没有区间：不能当作结论\n",
    .econ_by = "按 %s 的券经济账（按每位分组用户；%d%% 置信区间）",
    .econ_by_note = "%s每个新增购买者的成本为 –：该分群的转化率没有明显提升（区间包含 0），"
		    "或无法计算\n",

    .segment_srm = "%s警告：%s = %s 分群内各组人数与计划比例不符（卡方 %.2f，p %s；按 %s "
		   "的各分群做 Holm 校正后：%s）。先检查该分群的用户是如何分组的，再解读该分群的"
		   "结果。%s\n",
    .by = "按 %s · %s：对照组的%s，各券相比对照组的%s [%d%% 置信区间]%s%s\n",
    .rate = "比率",
    .value = "数值",
    .relative = "相对变化",
    .change_described = "变化（仅作描述，不做检验）",
    .best_of_all = "；以及所有组中最好的一组",
    .best_col = "最好的一组（对比第二名）",
    .none_computable = "%s没有哪个分群的变化可以计算%s\n",
    .heterogeneity = "异质性：",
    .legend_pairs = "%s%s“对比”列：券与券对比，A 相对 B 的变化；其中的 ✓ 经 %s 校正（共 %zu "
		    "项券与券比较，%s），自成一族\n",
    .pairs_elsewhere = "%s%s分群的券与券对比（%zu 对券，表中放不下）：见 JSON 与 CSV\n",
    .legend_best = "%s%s最好的一组：A >> B 表示 A 明显领先 B（差值的 %d%% 区间不含 0；未按分群数"
		   "校正）；A > B 表示 A 领先但不明确\n",
    .legend_untested = "%s%s人均券成本、人均折前金额与核销率描述券的成本：表中为相比对照组的变化，"
		       "不做检验（不加标记）\n",

    .plan = "按 %s 的定向方案：每个分群发它最好的一组（%s）",
    .plan_none = "%s不提供方案：无法估计它的价值（%s）\n",
    .plan_no_gain = "%s方案并不优于给所有人发 %s（每人增益 %s，交叉拟合估计）：给所有人发 %s\n",
    .send = "发",
    .chosen_by = "%s（%.0f%% 的半样本选择了它）",
    .plan_value = "%s方案每人 %s [%s, %s]",
    .plan_single = "%s最好的单一组（%s）%s [%s, %s]",
    .plan_gain = "%s增益 %s [%s, %s]\n",
    .plan_cross = "%s（交叉拟合：在一半随机用户上选组，在另一半上估值，再互换；对 %d 次随机拆分取"
		  "平均，种子 %llu）\n",
    .pp = " 个百分点",
    .small = "（样本少）",
    .arm_vs = "%s 对比 %s",
    .het_item = "Q = %.2f，自由度 %.0f，p = %.4f，I² = %.0f%%",
    .het_sep = "；",
    .described_line = "仅作描述、不做检验的指标，相比对照组（%s；%d%% 置信区间）——",
    .cuped_adjusted = "（CUPED 调整后）",
};

const struct format_words *uplift_format_words(bool zh)
{
	return zh ? &uplift_format_words_zh : &uplift_format_words_en;
}

const char *uplift_format_words_arm(const struct format_words *words,
				    const struct uplift_experiment *exp,
				    const char *const *names, size_t a)
{
	if (words == &uplift_format_words_zh && exp && a < exp->n_arms && exp->arms[a].label &&
	    *exp->arms[a].label)
		return exp->arms[a].label;
	return names[a];
}

/* segments derived from history.csv (CONTRACT: Segments derived from history.csv) */
static const char *const columns_zh[][2] = {
    {"rfm_segment", "RFM 分群"}, {"lifecycle", "生命周期"}, {"spend_level", "消费水平"},
    {"recency", "最近消费"},     {"frequency", "消费频次"}, {"monetary", "消费金额"},
    {"channel", "渠道"},
};

const char *uplift_format_words_column(const struct format_words *words, const char *column)
{
	if (words != &uplift_format_words_zh || !column)
		return column;
	for (size_t i = 0; i < sizeof(columns_zh) / sizeof(columns_zh[0]); i++)
		if (strcmp(column, columns_zh[i][0]) == 0)
			return columns_zh[i][1];
	return column;
}

const char *uplift_format_words_metric(const struct format_words *words,
				       const struct uplift_metric_set *set, enum uplift_metric m)
{
	const char *label = words == &uplift_format_words_zh ? uplift_metric_label(set, m) : NULL;

	if (label)
		return label;
	if ((size_t)m < UPLIFT_N_BUILTIN && words->metric[m])
		return words->metric[m];
	return uplift_metric_name(set, m);
}

/* The reasons the library gives for a number it cannot give, in Chinese. */
static const char *const reasons_zh[][2] = {
    {"a guardrail metric is not in the data", "数据中没有护栏指标"},
    {"a segment has fewer than 2 users of an arm in one half",
     "有分群在某一半样本中某组不足 2 人"},
    {"fewer than two arms have a value of the decision metric", "决策指标有数值的组不足两个"},
    {"fewer than two arms with a value", "有数值的组不足两个"},
    {"it needs the discount column, which the data lacks", "需要优惠金额列，数据中没有"},
    {"more than 10 million users per arm would be needed", "每组需要超过 1000 万名用户"},
    {"more users per arm than can be counted would be needed", "每组所需用户数超出可计算范围"},
    {"needs order amounts and discounts (orders.csv, or outcomes.csv with revenue and discount)",
     "需要订单的折前金额与优惠金额（`orders.csv`，或带收入与优惠金额的 `outcomes.csv`）"},
    {"no estimate with a variance", "没有带方差的估计"},
    {"no sample-size formula for a ratio metric such as aov", "客单价这类比值指标没有样本量公式"},
    {"no users in an arm", "某组没有用户"},
    {"no variance: sequential interval undefined", "没有方差：序贯区间无定义"},
    {"no variation in either arm", "两组都没有差异"},
    {"one experiment: nothing to pool", "只有一个实验：无需合并"},
    {"profit needs [economics] gross_margin", "人均毛利需要在 `[economics]` 中设置 `gross_margin`"},
    {"the decision metric is not in the data", "数据中没有决策指标"},
    {"the leader and the runner-up have the same value: no difference to plan a test for",
     "领先组与第二名数值相同：没有可据以规划实验的差异"},
    {"the plan needs a per-user metric (not a ratio such as aov)",
     "定向方案需要按人计的指标（不能是客单价这类比值）"},
    {"two experiments: no prediction interval (it needs 3)", "只有两个实验：没有预测区间（至少需要 3 个）"},
    {"fewer than 2 buyers: a ratio's variance from one buyer is 0",
     "购买者不足 2 人：只有一位购买者时比值的方差为 0"},
    {"fewer than 2 users", "用户不足 2 人"},
    {"fewer than 2 users in an arm", "某组用户不足 2 人"},
    {"fewer than two groups", "分组不足两个"},
    {"no orders in an arm: value per order undefined", "某组没有订单：客单价无定义"},
    {"no orders: value per order undefined", "没有订单：客单价无定义"},
    {"no users", "没有用户"},
    {"no variation in the group: the interval would have zero width",
     "组内没有差异：区间宽度会是 0"},
    {"the pre-period covariate has no variance: plain analysis", "实验前协变量没有方差：按未调整方法分析"},
    {"fewer than 2 users in an arm: plain analysis", "某组用户不足 2 人：按未调整方法分析"},
    {"no pre-period covariate for this metric: plain analysis", "该指标没有实验前协变量：按未调整方法分析"},
    {"treatment rate is 0: log interval undefined", "实验组比率为 0：对数区间无定义"},
    {"control mean is 0: relative lift undefined", "对照组均值为 0：相对变化无定义"},
    {"control rate is 0: relative lift undefined", "对照组比率为 0：相对变化无定义"},
    {"treatment mean is 0: log interval undefined", "实验组均值为 0：对数区间无定义"},
    {"value per order is 0: relative lift undefined", "客单价为 0：相对变化无定义"},
    {"value per order undefined", "客单价无定义"},
    {"no discount column", "没有优惠金额列"},
    {"no best single arm", "没有最好的单一组"},
    {"not computable", "无法计算"},
    {"the difference has no interval", "差值没有区间"},
    {"fewer than 2 buyers in an arm: a ratio's variance from one buyer is 0",
     "某组购买者不足 2 人：只有一位购买者时比值的方差为 0"},
    {"the conversion gain's interval is not above 0: no cost per incremental buyer",
     "转化率提升的区间未高于 0：无法计算每个新增购买者的成本"},
    {"no variation in the discounts: no interval for the cost per incremental buyer",
     "优惠金额没有差异：每个新增购买者的成本没有区间"},
    {"redemption did not rise: no share of redeemers who were extra buyers",
     "核销率没有上升：无法计算核销者中新增购买者的占比"},
    {"no variation: no interval for the share of redeemers who were extra buyers",
     "没有差异：核销者中新增购买者的占比没有区间"},
    {"a single value: nothing to split on", "只有一个取值：无从分裂"},
};

const char *uplift_format_words_reason(const struct format_words *words, const char *reason)
{
	if (words != &uplift_format_words_zh || !reason)
		return reason;
	for (size_t i = 0; i < sizeof(reasons_zh) / sizeof(reasons_zh[0]); i++)
		if (strcmp(reason, reasons_zh[i][0]) == 0)
			return reasons_zh[i][1];
	return reason;
}
