/*
 * charts.c - gnuplot scripts and their data files for the review pack
 * (see uplift_report.h).
 *
 * Each chart is a standalone script that reads its tab-separated data file
 * from the current folder and draws the PNG (pngcairo, 1400 px wide) and the
 * SVG. Run from the pack folder: gnuplot forest.gp. The variable outprefix,
 * when set (gnuplot -e "outprefix='...'"), is put before the output names;
 * uplift uses it to render under temporary names and rename them into place.
 *
 * No text from the data is ever gnuplot code: names reach gnuplot only as
 * fields of the .dat files, and the one name a script must hold (a --by
 * column in a chart title) as a single-quoted string (see gnuplot.h).
 *
 * A chart with nothing to draw is not written; one with more rows than an
 * image can hold shows the first ones. Either way charts->note says so, and
 * report.md prints it.
 */
#include "uplift_report.h"
#include "uplift_atomic.h"
#include "uplift_date.h"
#include "uplift_escape.h"
#include "gnuplot.h"
#include "numfmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Rows of a forest plot (42 px each: 8,540 px at most, cairo stops at 32,767). */
#define MAX_ROWS  200
#define MAX_BARS  40                    /* arms in the rates histogram */
#define MAX_LINES 8                     /* arms in the daily and basket charts */
#define MAX_DAYS  UPLIFT_DAILY_MAX_DAYS /* days of the daily chart */

struct chart_text {
	const char *forest, *forest_x, *sig, *notsig, *rates, *rates_y, *conversion, *repurchase,
	    *daily, *daily_y, *basket, *basket_x, *basket_y, *segments, *segments_x;
	const char *no_rows, *no_cells, *no_rates, *no_metrics, *no_orders, *no_buyers, *no_raw,
	    *long_window, *rows_cut, *arms_cut, *rows_hidden;
};

static const struct chart_text en = {
    "Relative change vs control, with %d%% intervals",
    "change vs control (%)",
    "significant after correction",
    "not significant",
    "Conversion and repurchase per arm (Wilson %d%% intervals)",
    "% of assigned users",
    "conversion",
    "repurchase",
    "Cumulative conversion over the test window",
    "% of assigned users who bought",
    "Order value per arm (orders in the window)",
    "order value (bins of 5; the last bin is 200 and more)",
    "% of the arm's orders",
    "%s by %s: change vs control, with %d%% intervals",
    "change vs control (%)",
    "Not drawn: no comparison has an interval (too few users or buyers).",
    "Not drawn: no segment has enough users and buyers in both arms for an interval.",
    "Not drawn: no arm has a rate.",
    "Not drawn: conversion and repurchase are not both among the metrics.",
    "Not drawn: there are no orders in the test window.",
    "Not drawn: nobody bought in the test window.",
    "Not drawn: the input has no orders to draw it from (sums or outcomes per user).",
    "Not drawn: the window has %ld days, more than the %d this chart draws.",
    "Showing the first %zu of %zu rows; every row is in comparisons.csv.",
    "Showing %zu of %zu arms (the control and the first %zu others); every arm is in the "
    "tables.",
    "Comparisons left out of this chart for having no relative interval or a small sample "
    "(an arm under 30 users, too few buyers, or a control value of 0): %zu; they are in the "
    "tables.",
};

static const struct chart_text zh = {
    "相对对照组的变化（%d%% 置信区间）",
    "相对对照组的变化 (%)",
    "校正后显著",
    "不显著",
    "各组转化率与复购率（Wilson %d%% 区间）",
    "占分组用户的比例 (%)",
    "转化率",
    "复购率",
    "活动期间累计转化率",
    "已下单用户占比 (%)",
    "各组订单金额分布（活动期内订单）",
    "订单金额（每档 5 元，最后一档为 200 及以上）",
    "占该组订单的比例 (%)",
    "%s · 按 %s 分群：相对对照组的变化（%d%% 置信区间）",
    "相对对照组的变化 (%)",
    "未绘制：没有可计算区间的比较（用户或购买者太少）。",
    "未绘制：没有任何分群在两组中都有足够的用户和购买者来计算区间。",
    "未绘制：没有任何分组有比率。",
    "未绘制：指标中没有同时包含转化率和复购率。",
    "未绘制：活动期内没有订单。",
    "未绘制：活动期内没有人下单。",
    "未绘制：输入中没有订单（只有汇总或每个用户的结果）。",
    "未绘制：活动期共 %ld 天，超过本图最多绘制的 %d 天。",
    "只显示前 %zu 行（共 %zu 行）；全部结果见 comparisons.csv。",
    "只显示 %zu 个分组（共 %zu 个）：对照组和前 %zu 个实验组；全部分组见结果表。",
    "%zu 项比较未绘制：没有相对变化的区间，或样本太小（某组不足 30 人、购买者太少或对照组为 "
    "0）；见结果表。",
};

static int level(const struct uplift_result *r)
{
	return uplift_numfmt_level(r->an->opt.alpha);
}

static void add(struct uplift_chart_list *list, const char *name, const char *title)
{
	struct uplift_chart *c;

	if (list->n == UPLIFT_MAX_CHARTS)
		return;
	c = &list->chart[list->n++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->title, sizeof(c->title), "%s", title);
}

/* Say in the report that chart name is not drawn (skipped) or drawn in part. */
static void note(struct uplift_chart_list *list, const char *name, const char *title, bool skipped,
		 const char *fmt, ...)
{
	struct uplift_chart_note *n;
	va_list ap;

	if (list->n_notes == UPLIFT_MAX_CHARTS)
		return;
	n = &list->note[list->n_notes++];
	snprintf(n->name, sizeof(n->name), "%s", name);
	snprintf(n->title, sizeof(n->title), "%s", title);
	n->skipped = skipped;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
}

/* Whether comparison c is a row of the forest of column col (-1: the overall one). */
static bool forest_row(const struct uplift_comparison *c, long col, enum uplift_metric m)
{
	if (c->column != col || !isfinite(c->lift) || !isfinite(c->lift_lo) ||
	    !isfinite(c->lift_hi))
		return false;
	return col == -1 || (c->metric == m && !c->small);
}

/*
 * A horizontal forest plot of the comparisons of column col (-1: every
 * overall comparison, labelled arm · metric; else those of metric m that are
 * not small, labelled segment · arm); flag 1 = significant.
 */
static bool forest(const char *dir, const char *name, const char *title, long col,
		   enum uplift_metric m, const struct uplift_result *r, const struct chart_text *tx,
		   struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_analysis *an = r->an;
	size_t total = 0, rows = 0, sig = 0;
	struct uplift_gp_pair p;
	char x[UPLIFT_GP_STRING], a[UPLIFT_GP_STRING], b[UPLIFT_GP_STRING];
	int height;

	size_t hidden = 0; /* rows of this chart without an interval, or small */
	char text[sizeof(list->note[0].text)];

	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		bool row = forest_row(c, col, m);
		total += row;
		hidden += !row && c->column == col && (col == -1 || c->metric == m);
	}
	if (total == 0) {
		note(list, name, title, true, "%s", col == -1 ? tx->no_rows : tx->no_cells);
		return true;
	}
	if (!uplift_gp_open(&p, dir, name, err))
		return false;
	fprintf(p.dat.fp, "# y\t%s\tlift %%\tlow %%\thigh %%\tsignificant\n",
		col == -1 ? "arm · metric" : "segment · arm");
	for (size_t i = 0; i < an->n_cmp && rows < MAX_ROWS; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (!forest_row(c, col, m))
			continue;
		fprintf(p.dat.fp, "%zu\t", ++rows);
		uplift_gp_field(p.dat.fp, col == -1 ? an->arm_names[c->arm]
						    : an->columns[col].values[c->value]);
		fputs(" · ", p.dat.fp);
		uplift_gp_field(p.dat.fp,
				col == -1 ? uplift_metric_name(an->opt.set, c->metric) : an->arm_names[c->arm]);
		uplift_gp_num(p.dat.fp, 100 * c->lift);
		uplift_gp_num(p.dat.fp, 100 * c->lift_lo);
		uplift_gp_num(p.dat.fp, 100 * c->lift_hi);
		fprintf(p.dat.fp, "\t%d\n", c->significant);
		sig += c->significant;
	}
	height = (int)fmax(860, 140 + 42 * (double)rows);
	uplift_gp_head(p.gp.fp, name, title, 1400, height);
	fprintf(p.gp.fp,
		"set xlabel %s\n"
		"set yrange [%zu.6:0.4]\n"
		"set ytics scale 0\n"
		"set key outside below center horizontal\nset bmargin 7\n" /* never over a row */
		"set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 2 lc rgb \"#444444\"\n"
		"plot ",
		uplift_gp_string(tx->forest_x, x, sizeof(x)), rows);
	/* only the series that have points: an empty one is a gnuplot warning */
	if (sig)
		fprintf(p.gp.fp,
			"\"%s.dat\" using ($6 == 1 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars "
			"pt 7 ps 1.6 lw 2 lc rgb \"#c0392b\" title %s%s",
			name, uplift_gp_string(tx->sig, a, sizeof(a)),
			sig < rows ? ", \\\n     " : "");
	if (sig < rows)
		fprintf(p.gp.fp,
			"\"%s.dat\" using ($6 == 0 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars "
			"pt 6 ps 1.6 lw 2 lc rgb \"#7f8c8d\" title %s",
			name, uplift_gp_string(tx->notsig, b, sizeof(b)));
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, name, 1400, height);
	if (!uplift_gp_close(&p, err))
		return false;
	add(list, name, title);
	/* one note for what is left out: rows past the limit, rows without an interval */
	text[0] = '\0';
	if (rows < total)
		snprintf(text, sizeof(text), tx->rows_cut, rows, total);
	if (hidden)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), tx->rows_hidden, hidden);
	if (text[0])
		note(list, name, title, false, "%s", text);
	return true;
}

/*
 * The arms a chart of at most max arms shows: the control and the first
 * others, in the order of the experiment; their count goes to *n, and a
 * note says what is left out.
 */
static size_t pick_arms(const struct uplift_result *r, size_t max, size_t *shown, const char *name,
			const char *title, const struct chart_text *tx,
			struct uplift_chart_list *list)
{
	size_t k = r->an->n_arms, control = r->an->control, n = 0;

	for (size_t a = 0; a < k; a++)
		if (a == control || a - (a > control) < max - 1)
			shown[n++] = a;
	if (n < k)
		note(list, name, title, false, tx->arms_cut, n, k, n - 1);
	return n;
}

static bool rates(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		  struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_analysis *an = r->an;
	struct uplift_gp_pair p;
	size_t shown[MAX_BARS], n, notes = list->n_notes;
	bool any = false;
	char title[256], a[UPLIFT_GP_STRING], b[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

	snprintf(title, sizeof(title), tx->rates, level(r));
	if (!(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_CONVERSION)) ||
	    !(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_REPURCHASE))) {
		note(list, "rates", title, true, "%s", tx->no_metrics);
		return true;
	}
	n = pick_arms(r, MAX_BARS, shown, "rates", title, tx, list);
	for (size_t i = 0; i < n; i++)
		any |= isfinite(an->arms[shown[i]].metric[UPLIFT_CONVERSION].value) ||
		       isfinite(an->arms[shown[i]].metric[UPLIFT_REPURCHASE].value);
	if (!any) {
		list->n_notes = notes; /* the arms left out do not matter now */
		note(list, "rates", title, true, "%s", tx->no_rates);
		return true;
	}
	if (!uplift_gp_open(&p, dir, "rates", err))
		return false;
	fputs("# arm\tconversion %\tlow\thigh\trepurchase %\tlow\thigh\n", p.dat.fp);
	for (size_t i = 0; i < n; i++) {
		const struct uplift_value *c = &an->arms[shown[i]].metric[UPLIFT_CONVERSION];
		const struct uplift_value *rp = &an->arms[shown[i]].metric[UPLIFT_REPURCHASE];
		uplift_gp_field(p.dat.fp, an->arm_names[shown[i]]);
		uplift_gp_num(p.dat.fp, 100 * c->value);
		uplift_gp_num(p.dat.fp, 100 * c->lo);
		uplift_gp_num(p.dat.fp, 100 * c->hi);
		uplift_gp_num(p.dat.fp, 100 * rp->value);
		uplift_gp_num(p.dat.fp, 100 * rp->lo);
		uplift_gp_num(p.dat.fp, 100 * rp->hi);
		fputc('\n', p.dat.fp);
	}
	uplift_gp_head(p.gp.fp, "rates", title, 1400, 860);
	if (n > 12) /* names side by side would overlap */
		fputs("set xtics rotate by 45 right\n", p.gp.fp);
	fprintf(p.gp.fp,
		"set ylabel %s\n"
		"set yrange [0:*]\n"
		"set style data histogram\n"
		"set style histogram errorbars gap 2 lw 2\n"
		"set style fill solid 0.85 border -1\n"
		"set boxwidth 0.9\n"
		"set key top right\n"
		"plot \"rates.dat\" using 2:3:4:xtic(1) lc rgb \"#2e86c1\" title %s, \\\n"
		"     \"rates.dat\" using 5:6:7 lc rgb \"#f39c12\" title %s\n",
		uplift_gp_string(tx->rates_y, y, sizeof(y)),
		uplift_gp_string(tx->conversion, a, sizeof(a)),
		uplift_gp_string(tx->repurchase, b, sizeof(b)));
	uplift_gp_tail(p.gp.fp, "rates", 1400, 860);
	if (!uplift_gp_close(&p, err))
		return false;
	add(list, "rates", title);
	return true;
}

/* The header line of daily.dat and basket.dat: first, then the shown arms' names. */
static void arm_header(FILE *fp, const char *first, const struct uplift_result *r,
		       const size_t *shown, size_t n)
{
	fputs(first, fp);
	for (size_t i = 0; i < n; i++) {
		fputc('\t', fp);
		uplift_gp_field(fp, r->exp->arms[shown[i]].name);
	}
	fputc('\n', fp);
}

/*
 * Cumulative conversion by day, from the first purchases per arm and day
 * the fold counted (r->daily), over each arm's assigned users.
 */
static bool daily(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		  struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_daily *d = r->daily;
	const struct uplift_experiment *exp = r->exp;
	long days = exp->end - exp->start + 1;
	size_t shown[MAX_LINES], n, notes = list->n_notes;
	uint64_t col[MAX_LINES], buyers = 0;
	struct uplift_gp_pair p;
	char title[256], y[UPLIFT_GP_STRING], date[16];

	snprintf(title, sizeof(title), "%s", tx->daily);
	if (!d) {
		note(list, "daily", title, true, "%s", tx->no_raw);
		return true;
	}
	if (days > MAX_DAYS || !d->first) {
		note(list, "daily", title, true, tx->long_window, days, MAX_DAYS);
		return true;
	}
	n = pick_arms(r, MAX_LINES, shown, "daily", title, tx, list);
	for (size_t j = 0; j < n; j++) /* the users who bought, of the shown arms */
		for (size_t day = 0; day < d->n_days; day++)
			buyers += d->first[shown[j] * d->n_days + day];
	if (buyers == 0) {
		list->n_notes = notes;
		note(list, "daily", title, true, "%s", tx->no_buyers);
		return true;
	}
	if (!uplift_gp_open(&p, dir, "daily", err))
		return false;
	arm_header(p.dat.fp, "date", r, shown, n);
	memset(col, 0, sizeof(col));
	for (long day = 0; day < days; day++) {
		fputs(uplift_date_format(exp->start + day, date), p.dat.fp);
		for (size_t j = 0; j < n; j++) {
			col[j] += d->first[shown[j] * d->n_days + (size_t)day];
			uplift_gp_num(p.dat.fp,
				      100.0 * (double)col[j] / r->an->arms[shown[j]].users);
		}
		fputc('\n', p.dat.fp);
	}
	uplift_gp_head(p.gp.fp, "daily", title, 1400, 860);
	fprintf(p.gp.fp,
		"set ylabel %s\n"
		"set xdata time\n"
		"set timefmt \"%%Y-%%m-%%d\"\n"
		"set format x \"%%m-%%d\"\n"
		"set yrange [0:*]\n"
		"plot for [i=2:%zu] \"daily.dat\" using 1:i with linespoints lw 3 pt 7 ps 1.2 "
		"title columnhead(i)\n",
		uplift_gp_string(tx->daily_y, y, sizeof(y)), n + 1);
	uplift_gp_tail(p.gp.fp, "daily", 1400, 860);
	if (!uplift_gp_close(&p, err))
		return false;
	add(list, "daily", title);
	return true;
}

/*
 * Order value per arm, with each 满X减Y threshold marked: the thresholds'
 * labels are the second block of basket.dat (index 1), drawn on a y2 axis
 * of [0:1] so that they sit at the top of the chart.
 */
static bool basket(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		   struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_counts *c = r->counts;
	const struct uplift_experiment *exp = r->exp;
	size_t shown[MAX_LINES], n, marks = 0;
	struct uplift_gp_pair p;
	char title[256], x[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

	snprintf(title, sizeof(title), "%s", tx->basket);
	if (!c || !r->basket || c->orders.used == 0) {
		note(list, "basket", title, true, "%s",
		     !c || !r->basket ? tx->no_raw : tx->no_orders);
		return true;
	}
	n = pick_arms(r, MAX_LINES, shown, "basket", title, tx, list);
	if (!uplift_gp_open(&p, dir, "basket", err))
		return false;
	arm_header(p.dat.fp, "from", r, shown, n);
	for (size_t b = 0; b < UPLIFT_BASKET_BINS; b++) {
		fprintf(p.dat.fp, "%g", (double)b * UPLIFT_BASKET_WIDTH);
		for (size_t i = 0; i < n; i++) {
			const uint64_t *h = &r->basket[shown[i] * UPLIFT_BASKET_BINS];
			uint64_t total = 0;
			for (size_t j = 0; j < UPLIFT_BASKET_BINS; j++)
				total += h[j];
			uplift_gp_num(p.dat.fp, total ? 100.0 * (double)h[b] / (double)total : 0.0);
		}
		fputc('\n', p.dat.fp);
	}
	uplift_gp_head(p.gp.fp, "basket", title, 1400, 860);
	fprintf(p.gp.fp,
		"set xlabel %s\n"
		"set ylabel %s\n"
		"set xrange [0:%g]\n"
		"set yrange [0:*]\n"
		"set y2range [0:1]\n"
		"unset y2tics\n"
		"set key top right\n",
		uplift_gp_string(tx->basket_x, x, sizeof(x)),
		uplift_gp_string(tx->basket_y, y, sizeof(y)),
		UPLIFT_BASKET_WIDTH * UPLIFT_BASKET_BINS);
	for (size_t i = 0; i < n; i++) {
		const struct uplift_arm_def *def = &exp->arms[shown[i]];
		if (!(def->min_spend > 0))
			continue;
		if (marks++ == 0)
			fputs("\n\n# threshold\tlabel\n", p.dat.fp);
		fprintf(p.dat.fp, "%g\t", def->min_spend);
		uplift_gp_field(p.dat.fp, def->name);
		fprintf(p.dat.fp, ": %g\n", def->min_spend);
		fprintf(p.gp.fp,
			"set arrow %zu from %g, graph 0 to %g, graph 1 nohead dt 2 lw 2 lc rgb "
			"\"#c0392b\"\n",
			marks, def->min_spend, def->min_spend);
	}
	fprintf(p.gp.fp,
		"plot for [i=2:%zu] \"basket.dat\" index 0 using 1:i with steps lw 3 "
		"title columnhead(i)%s\n",
		n + 1,
		marks ? ", \\\n     \"basket.dat\" index 1 using 1:(0.96):2 axes x1y2 with labels "
			"left offset 0.5,0 tc rgb \"#c0392b\" notitle"
		      : "");
	uplift_gp_tail(p.gp.fp, "basket", 1400, 860);
	if (!uplift_gp_close(&p, err))
		return false;
	add(list, "basket", title);
	return true;
}

/* Per --by column: the decision metric's lift by segment and arm. */
static bool segments(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		     struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_analysis *an = r->an;
	enum uplift_metric m = an->opt.decide;

	if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
		return true;
	for (size_t col = 0; col < an->n_columns; col++) {
		char name[96], title[256], column[96];

		snprintf(name, sizeof(name), "segments-%zu", col + 1);
		uplift_escape_text(an->columns[col].name, column, sizeof(column));
		snprintf(title, sizeof(title), tx->segments, uplift_metric_name(an->opt.set, m), column,
			 level(r));
		if (!forest(dir, name, title, (long)col, m, r, tx, list, err))
			return false;
	}
	return true;
}

enum uplift_status uplift_charts_write(const char *dir, const struct uplift_result *r, bool in_zh,
				       struct uplift_chart_list *charts, struct uplift_error *err)
{
	const struct chart_text *tx = in_zh ? &zh : &en;
	char title[256];

	charts->n = 0;
	charts->n_notes = 0;
	snprintf(title, sizeof(title), tx->forest, level(r));
	if (!forest(dir, "forest", title, -1, UPLIFT_CONVERSION, r, tx, charts, err) ||
	    !rates(dir, r, tx, charts, err) || !daily(dir, r, tx, charts, err) ||
	    !basket(dir, r, tx, charts, err) || !segments(dir, r, tx, charts, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return uplift_chart_cumulative(dir, r, in_zh, charts, err);
}
