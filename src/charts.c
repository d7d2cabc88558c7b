/*
 * charts.c - gnuplot scripts and their data files for the review pack
 * (see uplift_report.h).
 *
 * Each chart is a standalone script that reads its tab-separated data file
 * from the current folder and draws the PNG (pngcairo, 1400x860) and the SVG.
 * Run from the pack folder: gnuplot forest.gp. The variable outprefix, when
 * set (gnuplot -e "outprefix='...'"), is put before the output names; uplift
 * uses it to render under temporary names and rename them into place.
 */
#include "uplift_report.h"
#include "uplift_atomic.h"
#include "uplift_date.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

/* A CJK font first; fontconfig falls back to any installed font with the glyphs. */
#define CHART_FONT "Noto Sans CJK SC,13"

struct chart_text {
	const char *forest, *forest_x, *sig, *notsig, *rates, *rates_y, *conversion, *repurchase,
	    *daily, *daily_y, *basket, *basket_x, *basket_y, *segments, *segments_x;
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
};

static int level(const struct uplift_result *r)
{
	return (int)lround(100 * (1 - r->an->opt.alpha));
}

/* Copy s into buf with tabs and newlines made spaces and quotes escaped for gnuplot. */
static const char *clean(const char *s, char *buf, size_t size)
{
	size_t j = 0;

	for (size_t i = 0; s[i] && j + 2 < size; i++) {
		char c = s[i];
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		if (c == '"' || c == '\\')
			buf[j++] = '\\';
		buf[j++] = c;
	}
	buf[j] = '\0';
	return buf;
}

/* The common head of every script: outputs, fonts, tab-separated data. */
static void script_head(FILE *fp, const char *name, const char *title, int width, int height)
{
	char t[512];

	fprintf(fp,
		"# %s.gp - %s\n"
		"# written by uplift report; run from this folder: gnuplot %s.gp\n"
		"if (!exists(\"outprefix\")) outprefix = \"\"\n"
		"set encoding utf8\n"
		"set datafile separator \"\\t\"\n"
		"set terminal pngcairo size %d,%d noenhanced font \"" CHART_FONT "\"\n"
		"set output outprefix.\"%s.png\"\n"
		"set title \"%s\" font \",16\"\n"
		"set grid xtics ytics lc rgb \"#dddddd\"\n"
		"set border 3\n"
		"set tics nomirror\n"
		"set key top left box opaque\n",
		name, clean(title, t, sizeof(t)), name, width, height, name, t);
}

/* The tail: draw again as SVG. */
static void script_tail(FILE *fp, const char *name, int width, int height)
{
	fprintf(fp,
		"set terminal svg size %d,%d noenhanced font \"" CHART_FONT "\" background rgb "
		"\"white\"\n"
		"set output outprefix.\"%s.svg\"\n"
		"replot\n"
		"unset output\n",
		width, height, name);
}

struct pair {
	struct uplift_atomic gp, dat;
};

static bool open_pair(struct pair *p, const char *dir, const char *name, struct uplift_error *err)
{
	char f[128];

	memset(p, 0, sizeof(*p));
	snprintf(f, sizeof(f), "%s.gp", name);
	if (!uplift_atomic_open(&p->gp, dir, f, err))
		return false;
	snprintf(f, sizeof(f), "%s.dat", name);
	if (!uplift_atomic_open(&p->dat, dir, f, err)) {
		uplift_atomic_close(&p->gp, false, err);
		return false;
	}
	return true;
}

static bool close_pair(struct pair *p, struct uplift_error *err)
{
	bool ok = uplift_atomic_close(&p->dat, true, err);
	return uplift_atomic_close(&p->gp, ok, err) && ok;
}

static void add(struct uplift_chart_list *list, const char *name, const char *fmt, ...)
{
	va_list ap;
	struct uplift_chart *c;

	if (list->n == UPLIFT_MAX_CHARTS)
		return;
	c = &list->chart[list->n++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	va_start(ap, fmt);
	vsnprintf(c->title, sizeof(c->title), fmt, ap);
	va_end(ap);
}

/* One row of a forest plot's data: y, label, lift %, low %, high %, flag. */
static void forest_row(FILE *fp, size_t y, const char *label, const struct uplift_comparison *c,
		       int flag)
{
	char l[384];

	fprintf(fp, "%zu\t%s\t%.6f\t%.6f\t%.6f\t%d\n", y, clean(label, l, sizeof(l)), 100 * c->lift,
		100 * c->lift_lo, 100 * c->lift_hi, flag);
}

/* A horizontal forest plot of `rows` rows; flag 1 = significant. */
static void forest_script(FILE *gp, const char *name, const char *title, const char *xlabel,
			  const struct chart_text *tx, size_t rows)
{
	char x[256], a[256], b[256];
	int height = (int)fmax(860, 140 + 42 * (double)rows);

	script_head(gp, name, title, 1400, height);
	fprintf(
	    gp,
	    "set xlabel \"%s\"\n"
	    "set yrange [%zu.6:0.4]\n"
	    "set ytics scale 0\n"
	    "set key bottom right box opaque\n"
	    "set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 2 lc rgb \"#444444\"\n"
	    "plot \"%s.dat\" using ($6 == 1 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars pt 7 ps 1.6 "
	    "lw 2 lc rgb \"#c0392b\" title \"%s\", \\\n"
	    "     \"%s.dat\" using ($6 == 0 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars pt 6 ps 1.6 "
	    "lw 2 lc rgb \"#7f8c8d\" title \"%s\"\n",
	    clean(xlabel, x, sizeof(x)), rows, name, clean(tx->sig, a, sizeof(a)), name,
	    clean(tx->notsig, b, sizeof(b)));
	script_tail(gp, name, 1400, height);
}

static bool forest(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		   struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_analysis *an = r->an;
	struct pair p;
	size_t rows = 0;
	char title[256], label[256];

	if (!open_pair(&p, dir, "forest", err))
		return false;
	fputs("# y\tarm · metric\tlift %\tlow %\thigh %\tsignificant\n", p.dat.fp);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != -1 || !isfinite(c->lift_lo) || !isfinite(c->lift_hi))
			continue;
		snprintf(label, sizeof(label), "%s · %s", an->suff->arms[c->arm],
			 uplift_metric_name(c->metric));
		forest_row(p.dat.fp, ++rows, label, c, c->significant);
	}
	snprintf(title, sizeof(title), tx->forest, level(r));
	forest_script(p.gp.fp, "forest", title, tx->forest_x, tx, rows);
	if (!close_pair(&p, err))
		return false;
	add(list, "forest", "%s", title);
	return true;
}

static bool rates(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		  struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_analysis *an = r->an;
	struct pair p;
	char title[256], a[256], b[256], arm[256];

	if (!(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_CONVERSION)) ||
	    !(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_REPURCHASE)))
		return true;
	if (!open_pair(&p, dir, "rates", err))
		return false;
	fputs("# arm\tconversion %\tlow\thigh\trepurchase %\tlow\thigh\n", p.dat.fp);
	for (size_t k = 0; k < an->suff->n_arms; k++) {
		const struct uplift_value *c = &an->arms[k].metric[UPLIFT_CONVERSION];
		const struct uplift_value *rp = &an->arms[k].metric[UPLIFT_REPURCHASE];
		fprintf(p.dat.fp, "%s\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\t%.6f\n",
			clean(an->suff->arms[k], arm, sizeof(arm)), 100 * c->value, 100 * c->lo,
			100 * c->hi, 100 * rp->value, 100 * rp->lo, 100 * rp->hi);
	}
	snprintf(title, sizeof(title), tx->rates, level(r));
	script_head(p.gp.fp, "rates", title, 1400, 860);
	fprintf(p.gp.fp,
		"set ylabel \"%s\"\n"
		"set yrange [0:*]\n"
		"set style data histogram\n"
		"set style histogram errorbars gap 2 lw 2\n"
		"set style fill solid 0.85 border -1\n"
		"set boxwidth 0.9\n"
		"set key top right\n"
		"plot \"rates.dat\" using 2:3:4:xtic(1) lc rgb \"#2e86c1\" title \"%s\", \\\n"
		"     \"rates.dat\" using 5:6:7 lc rgb \"#f39c12\" title \"%s\"\n",
		clean(tx->rates_y, arm, sizeof(arm)), clean(tx->conversion, a, sizeof(a)),
		clean(tx->repurchase, b, sizeof(b)));
	script_tail(p.gp.fp, "rates", 1400, 860);
	if (!close_pair(&p, err))
		return false;
	add(list, "rates", "%s", title);
	return true;
}

/* Cumulative conversion by day, from each user's first order in the window. */
static bool daily(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		  struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_data *d = r->data;
	const struct uplift_experiment *exp = r->exp;
	size_t days = (size_t)(exp->end - exp->start + 1), k = exp->n_arms;
	uint64_t first[64 * 8] = {0}; /* [day][arm], window <= 64 days and arms <= 8 */
	struct pair p;
	char title[256], arm[256], date[16];

	if (!d || d->from_outcomes || days > 64 || k > 8)
		return true;
	for (size_t i = 0; i < d->n_acc; i++) /* the users who bought */
		if (d->acc[i].first_day != UPLIFT_NO_DAY)
			first[(size_t)(d->acc[i].first_day - exp->start) * k + d->acc[i].arm]++;
	if (!open_pair(&p, dir, "daily", err))
		return false;
	fputs("date", p.dat.fp);
	for (size_t a = 0; a < k; a++)
		fprintf(p.dat.fp, "\t%s", clean(exp->arms[a].name, arm, sizeof(arm)));
	fputc('\n', p.dat.fp);
	for (size_t day = 0; day < days; day++) {
		fprintf(p.dat.fp, "%s", uplift_date_format(exp->start + (long)day, date));
		for (size_t a = 0; a < k; a++) {
			uint64_t cum = 0;
			for (size_t j = 0; j <= day; j++)
				cum += first[j * k + a];
			fprintf(p.dat.fp, "\t%.6f", 100.0 * (double)cum / (double)d->arm_users[a]);
		}
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title), "%s", tx->daily);
	script_head(p.gp.fp, "daily", title, 1400, 860);
	fprintf(p.gp.fp,
		"set ylabel \"%s\"\n"
		"set xdata time\n"
		"set timefmt \"%%Y-%%m-%%d\"\n"
		"set format x \"%%m-%%d\"\n"
		"set yrange [0:*]\n"
		"plot for [i=2:%zu] \"daily.dat\" using 1:i with linespoints lw 3 pt 7 ps 1.2 "
		"title columnhead(i)\n",
		clean(tx->daily_y, arm, sizeof(arm)), k + 1);
	script_tail(p.gp.fp, "daily", 1400, 860);
	if (!close_pair(&p, err))
		return false;
	add(list, "daily", "%s", title);
	return true;
}

/* Order value per arm, with each 满X减Y threshold marked. */
static bool basket(const char *dir, const struct uplift_result *r, const struct chart_text *tx,
		   struct uplift_chart_list *list, struct uplift_error *err)
{
	const struct uplift_data *d = r->data;
	const struct uplift_experiment *exp = r->exp;
	size_t k = exp->n_arms;
	struct pair p;
	char title[256], arm[256], x[256];

	if (!d || d->from_outcomes || d->orders_in_window == 0)
		return true;
	if (!open_pair(&p, dir, "basket", err))
		return false;
	fputs("from", p.dat.fp);
	for (size_t a = 0; a < k; a++)
		fprintf(p.dat.fp, "\t%s", clean(exp->arms[a].name, arm, sizeof(arm)));
	fputc('\n', p.dat.fp);
	for (size_t b = 0; b < UPLIFT_BASKET_BINS; b++) {
		fprintf(p.dat.fp, "%g", (double)b * UPLIFT_BASKET_WIDTH);
		for (size_t a = 0; a < k; a++) {
			uint64_t total = 0;
			for (size_t j = 0; j < UPLIFT_BASKET_BINS; j++)
				total += d->basket_hist[a * UPLIFT_BASKET_BINS + j];
			fprintf(p.dat.fp, "\t%.6f",
				total ? 100.0 * (double)d->basket_hist[a * UPLIFT_BASKET_BINS + b] /
					    (double)total
				      : 0.0);
		}
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title), "%s", tx->basket);
	script_head(p.gp.fp, "basket", title, 1400, 860);
	fprintf(p.gp.fp,
		"set xlabel \"%s\"\n"
		"set ylabel \"%s\"\n"
		"set xrange [0:%g]\n"
		"set yrange [0:*]\n"
		"set key top right\n",
		clean(tx->basket_x, x, sizeof(x)), clean(tx->basket_y, arm, sizeof(arm)),
		UPLIFT_BASKET_WIDTH * UPLIFT_BASKET_BINS);
	for (size_t a = 0; a < k; a++) {
		const struct uplift_arm_def *def = &exp->arms[a];
		if (def->min_spend <= 0)
			continue;
		fprintf(
		    p.gp.fp,
		    "set arrow %zu from %g, graph 0 to %g, graph 1 nohead dt 2 lw 2 lc rgb "
		    "\"#c0392b\"\n"
		    "set label %zu \"%s: %g\" at %g, graph 0.96 offset 0.5,0 tc rgb \"#c0392b\"\n",
		    a + 1, def->min_spend, def->min_spend, a + 1,
		    clean(def->name, arm, sizeof(arm)), def->min_spend, def->min_spend);
	}
	fprintf(p.gp.fp,
		"plot for [i=2:%zu] \"basket.dat\" using 1:i with steps lw 3 title columnhead(i)\n",
		k + 1);
	script_tail(p.gp.fp, "basket", 1400, 860);
	if (!close_pair(&p, err))
		return false;
	add(list, "basket", "%s", title);
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
	for (size_t col = 0; col < an->suff->n_columns; col++) {
		const struct uplift_suff_column *sc = &an->suff->columns[col];
		char name[96], title[256], label[384];
		struct pair p;
		size_t rows = 0;

		snprintf(name, sizeof(name), "segments-%zu", col + 1);
		if (!open_pair(&p, dir, name, err))
			return false;
		fputs("# y\tsegment · arm\tlift %\tlow %\thigh %\tsignificant\n", p.dat.fp);
		for (size_t i = 0; i < an->n_cmp; i++) {
			const struct uplift_comparison *c = &an->cmp[i];
			if (c->column != (long)col || c->metric != m || !isfinite(c->lift_lo) ||
			    !isfinite(c->lift_hi) || c->small)
				continue;
			snprintf(label, sizeof(label), "%s · %s", sc->values[c->value],
				 an->suff->arms[c->arm]);
			forest_row(p.dat.fp, ++rows, label, c, c->significant);
		}
		snprintf(title, sizeof(title), tx->segments, uplift_metric_name(m), sc->name,
			 level(r));
		forest_script(p.gp.fp, name, title, tx->segments_x, tx, rows ? rows : 1);
		if (!close_pair(&p, err))
			return false;
		add(list, name, "%s", title);
	}
	return true;
}

enum uplift_status uplift_charts_write(const char *dir, const struct uplift_result *r, bool in_zh,
				       struct uplift_chart_list *charts, struct uplift_error *err)
{
	const struct chart_text *tx = in_zh ? &zh : &en;

	charts->n = 0;
	if (!forest(dir, r, tx, charts, err) || !rates(dir, r, tx, charts, err) ||
	    !daily(dir, r, tx, charts, err) || !basket(dir, r, tx, charts, err) ||
	    !segments(dir, r, tx, charts, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return UPLIFT_OK;
}
