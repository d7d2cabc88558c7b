/*
 * chart_words.c - the charts' words in English and Chinese, and the names
 * they show: arms by their ini label in Chinese, metrics and the derived
 * --by columns by a readable name (chart_internal.h).
 */
#include "chart_internal.h"
#include "uplift_analysis.h"
#include "uplift_experiment.h"
#include "uplift_metric.h"

#include <stdlib.h>
#include <string.h>

const struct chart_text chart_en = {
    .forest = "Relative change vs control, with %d%% intervals",
    .forest_x = "change vs control (%)",
    .sig = "filled: significant after correction",
    .notsig = "hollow: not significant",
    .rates = "Conversion and repurchase per arm (Wilson %d%% intervals)",
    .rates_y = "% of assigned users",
    .daily = "Cumulative conversion over the test window (bands: %d%% intervals)",
    .daily_y = "% of assigned users who bought",
    .day = "day (month-day)",
    .basket = "Order value per arm (orders in the window)",
    .basket_x = "order value (bins of 5)",
    .basket_y = "% of the arm's orders",
    .basket_zoom = "around the threshold, y axis enlarged",
    .basket_band = "threshold region",
    .last_bin = "200+",
    .segments = "%s by %s: change vs control, with %d%% intervals",
    .segments_x = "change vs control (%)",
    .no_rows = "Not drawn: no comparison has an interval (too few users or buyers).",
    .no_cells = "Not drawn: no segment has enough users and buyers in both arms for an interval.",
    .no_rates = "Not drawn: no arm has a rate.",
    .no_metrics = "Not drawn: conversion and repurchase are not both among the metrics.",
    .no_orders = "Not drawn: there are no orders in the test window.",
    .no_buyers = "Not drawn: nobody bought in the test window.",
    .no_raw = "Not drawn: the input has no orders to draw it from (sums or outcomes per user).",
    .long_window = "Not drawn: the window has %ld days, more than the %d this chart draws.",
    .rows_cut = "Showing the first %zu of %zu rows; every row is in comparisons.csv. ",
    .arms_cut = "Showing %zu of %zu arms (the control and the first %zu others); every arm is "
		"in the tables.",
    .too_few = "too few users or buyers",
    .no_interval = "no interval",
    .clipped = "Intervals clipped at %s (arrow at the edge): %zu; full values in the tables. ",
    .not_drawn = "Rows without an estimate (too few users or buyers), marked in the chart: %zu. ",
    .described = "Coupon cost is described, not tested: it is in the tables, not here.",
    .and_word = " and ",
};

const struct chart_text chart_zh = {
    .forest = "相对对照组的变化（%d%% 置信区间）",
    .forest_x = "相对对照组的变化 (%)",
    .sig = "实心：校正后显著",
    .notsig = "空心：不显著",
    .rates = "各组转化率与复购率（%d%% 置信区间）",
    .rates_y = "占分组用户的比例 (%)",
    .daily = "活动期间累计转化率（色带：%d%% 置信区间）",
    .daily_y = "已下单用户占比 (%)",
    .day = "日期（月-日）",
    .basket = "各组订单金额分布（活动期内订单）",
    .basket_x = "订单金额（每档 5 元）",
    .basket_y = "占该组订单的比例 (%)",
    .basket_zoom = "门槛附近（纵轴放大）",
    .basket_band = "门槛区间",
    .last_bin = "≥200",
    .segments = "%s · 按 %s：相对对照组的变化（%d%% 置信区间）",
    .segments_x = "相对对照组的变化 (%)",
    .no_rows = "未绘制：没有可计算区间的比较（用户或购买者太少）。",
    .no_cells = "未绘制：没有任何分群在两组中都有足够的用户和购买者来计算区间。",
    .no_rates = "未绘制：没有任何分组有比率。",
    .no_metrics = "未绘制：指标中没有同时包含转化率和复购率。",
    .no_orders = "未绘制：活动期内没有订单。",
    .no_buyers = "未绘制：活动期内没有人下单。",
    .no_raw = "未绘制：输入中没有订单（只有汇总或每个用户的结果）。",
    .long_window = "未绘制：活动期共 %ld 天，超过本图最多绘制的 %d 天。",
    .rows_cut = "只显示前 %zu 行（共 %zu 行）；全部结果见 comparisons.csv。",
    .arms_cut = "只显示 %zu 个分组（共 %zu 个）：对照组和前 %zu 个实验组；全部分组见结果表。",
    .too_few = "样本太少",
    .no_interval = "无法计算区间",
    .clipped = "区间被截断于 %s（边缘箭头）：%zu 条；完整数值见表格。",
    .not_drawn = "无估计值的行（样本太少），图中已标出：%zu 行。",
    .described = "券成本只作描述、不做检验：见表格，不在本图中。",
    .and_word = " 和 ",
};

/* Okabe and Ito's colour-blind safe palette without its red and yellow; the control grey. */
static const char *const palette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
				      "#56b4e9", "#8c6d31", "#5d3a9b"};
#define N_PALETTE (sizeof(palette) / sizeof(*palette))
#define CONTROL_COLOUR "#6e6e6e"

const char *chart_palette(size_t k)
{
	return palette[k % N_PALETTE];
}

const char *chart_colour(const struct uplift_result *r, size_t a)
{
	size_t c = r->an->control;

	if (a == c)
		return CONTROL_COLOUR;
	return palette[(a - (a > c)) % N_PALETTE];
}

long chart_colour_int(const struct uplift_result *r, size_t a)
{
	return strtol(chart_colour(r, a) + 1, NULL, 16);
}

const char *chart_arm(const struct chart_ctx *x, size_t a)
{
	const struct uplift_arm_def *d = a < x->r->exp->n_arms ? &x->r->exp->arms[a] : NULL;

	if (x->zh && d && d->label && d->label[0])
		return d->label;
	return x->r->an->arm_names[a];
}

static const char *const zh_metric[UPLIFT_N_BUILTIN] = {
    "转化率", "复购率", "人均收入", "人均订单数", "人均券成本", "客单价", "人均折前金额",
    "核销率", "人均毛利"};

const char *chart_metric(const struct chart_ctx *x, int m)
{
	const struct uplift_metric_set *set = x->r->an->opt.set;
	const char *label;

	if (!x->zh)
		return uplift_metric_name(set, (enum uplift_metric)m);
	if (m < UPLIFT_N_BUILTIN)
		return zh_metric[m];
	label = uplift_metric_label(set, (enum uplift_metric)m);
	return label ? label : uplift_metric_name(set, (enum uplift_metric)m);
}

const char *chart_metric_named(const char *name, bool zh)
{
	int m = uplift_metric_parse(uplift_metric_builtin(), name);

	return zh && m >= 0 && m < UPLIFT_N_BUILTIN ? zh_metric[m] : name;
}

/* The columns uplift derives from history.csv; a user's own column keeps its name. */
static const char *const derived[][3] = {
    {"rfm_segment", "RFM segment", "RFM 分群"},
    {"rfm_grade", "RFM grade", "RFM 等级"},
    {"lifecycle", "lifecycle stage", "生命周期"},
    {"recency", "recency", "最近消费间隔"},
    {"frequency", "frequency", "消费频次"},
    {"monetary", "monetary", "消费金额"},
};

const char *chart_column(const struct chart_ctx *x, const char *name)
{
	for (size_t i = 0; i < sizeof(derived) / sizeof(*derived); i++)
		if (strcmp(name, derived[i][0]) == 0)
			return derived[i][x->zh ? 2 : 1];
	return name;
}
