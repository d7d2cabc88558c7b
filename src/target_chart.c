/*
 * target_chart.c - qini.gp/.dat (each arm's Qini curve against control,
 * with its random line) and budget.gp/.dat (the value per member when the
 * top x% by predicted gain get their best arm, with its interval), through
 * the gnuplot helpers: arm names reach gnuplot only as data fields.
 */
#include "chart_internal.h"
#include "format_words.h"
#include "gnuplot.h"
#include "target_internal.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>

#define MAX_ARMS 6

/* the k-th treatment arm's colour, as in every chart of the pack (chart_common.c) */
#define colours(k) chart_palette(k)

static bool qini_chart(const struct uplift_target *t, const char *dir, bool zh,
		       struct uplift_error *err)
{
	struct uplift_gp_pair p;
	size_t n = t->n_qini < MAX_ARMS ? t->n_qini : MAX_ARMS;
	char title[256], x[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

	if (!uplift_gp_open(&p, dir, "qini", err))
		return false;
	fputs("share", p.dat.fp);
	for (size_t j = 0; j < n; j++) {
		const struct uplift_arm_def *a = &t->exp->arms[t->qini[j].arm];
		fputc('\t', p.dat.fp);
		uplift_gp_field(p.dat.fp, zh && a->label ? a->label : a->name);
		fputs("\trandom", p.dat.fp);
	}
	fputc('\n', p.dat.fp);
	for (size_t i = 0; i < UPLIFT_TARGET_QINI_POINTS; i++) {
		fprintf(p.dat.fp, "%g", 100 * t->qini[0].points[i].share);
		for (size_t j = 0; j < n; j++) {
			const struct uplift_target_qini *q = &t->qini[j];
			uplift_gp_num(p.dat.fp, q->points[i].gain);
			uplift_gp_num(p.dat.fp,
				      q->points[i].share * q->points[q->n_points - 1].gain);
		}
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title),
		 zh ? "Qini 曲线：按预测增益排序，各券对对照组（虚线：随机）%s"
		    : "Qini curves: ranked by predicted gain, vs control (dashed: random)%s",
		 t->n_qini > n ? (zh ? "；只画前 6 种券" : "; first 6 arms") : "");
	uplift_gp_head(p.gp.fp, "qini", title, CHART_W, CHART_H);
	fprintf(p.gp.fp,
		"set xlabel %s\nset ylabel %s\nset datafile columnheaders\n"
		"set key left top width 2\n"
		"set xzeroaxis lt 1 lc rgb \"#555555\"\n",
		uplift_gp_string(zh ? "定向的会员占比（%）" : "members targeted (%)", x, sizeof(x)),
		uplift_gp_string(zh ? "累计增量（每会员）" : "cumulative gain per member", y,
				 sizeof(y)));
	fputs("plot ", p.gp.fp);
	for (size_t j = 0; j < n; j++)
		fprintf(p.gp.fp,
			"%s\"qini.dat\" using 1:%zu with lines lw 3 lc rgb \"%s\" title "
			"columnhead(%zu), \\\n     \"qini.dat\" using 1:%zu with lines dt 2 lw 2 "
			"lc rgb \"%s\" notitle",
			j ? ", \\\n     " : "", 2 + 2 * j, colours(j), 2 + 2 * j, 3 + 2 * j,
			colours(j));
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "qini", CHART_W, CHART_H);
	return uplift_gp_close(&p, err);
}

static bool budget_chart(const struct uplift_target *t, const char *dir, bool zh,
			 struct uplift_error *err)
{
	struct uplift_gp_pair p;
	char title[256], ylabel[256], x[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

	if (!uplift_gp_open(&p, dir, "budget", err))
		return false;
	fputs("share\tvalue\tlow\thigh\n", p.dat.fp);
	for (size_t i = 0; i < UPLIFT_TARGET_BUDGET_POINTS; i++) {
		fprintf(p.dat.fp, "%g", 100 * t->budget[i].share);
		uplift_gp_num(p.dat.fp, t->budget[i].value);
		uplift_gp_num(p.dat.fp, t->budget[i].lo);
		uplift_gp_num(p.dat.fp, t->budget[i].hi);
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title),
		 zh ? "预算曲线：只给预测增益最高的 x%% 会员发券"
		    : "Budget: coupons to the top x%% by predicted gain");
	snprintf(ylabel, sizeof(ylabel), zh ? "每会员%s（阴影：%.0f%% 区间）" : "%s per member (shaded: %.0f%% CI)",
		 uplift_format_words_metric(uplift_format_words(zh), &t->exp->metrics,
					    (enum uplift_metric)t->metric),
		 100 * (1 - t->alpha));
	uplift_gp_head(p.gp.fp, "budget", title, CHART_W, CHART_H);
	fprintf(p.gp.fp,
		"set xlabel %s\nset ylabel %s\nset datafile columnheaders\nunset key\n"
		"set style fill transparent solid 0.18 noborder\n"
		"plot \"budget.dat\" using 1:3:4 with filledcurves lc rgb \"#2e86c1\" notitle, \\\n"
		"     \"budget.dat\" using 1:2 with linespoints lw 3 pt 7 lc rgb \"#2e86c1\" "
		"notitle\n",
		uplift_gp_string(zh ? "发券的会员占比（%）" : "members sent a coupon (%)", x,
				 sizeof(x)),
		uplift_gp_string(ylabel, y, sizeof(y)));
	uplift_gp_tail(p.gp.fp, "budget", CHART_W, CHART_H);
	return uplift_gp_close(&p, err);
}

bool uplift_target_charts(const struct uplift_target *t, const char *dir, bool zh,
			  struct uplift_error *err)
{
	if (t->n_qini == 0)
		return true;
	return qini_chart(t, dir, zh, err) && budget_chart(t, dir, zh, err);
}
