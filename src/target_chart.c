/*
 * target_chart.c - qini.gp/.dat (each arm's Qini curve against control,
 * with its random line) and budget.gp/.dat (the value per member when the
 * top x% by predicted gain get their best arm, with its interval), through
 * the gnuplot helpers: arm names reach gnuplot only as data fields.
 */
#include "gnuplot.h"
#include "target_internal.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>

#define MAX_ARMS 6

static const char *const colours[MAX_ARMS] = {"#2e86c1", "#d35400", "#7d3c98",
					      "#17a589", "#b7950b", "#7f8c8d"};

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
		 zh ? "Qini 曲线（交叉拟合的预测排序，各方案对对照组；虚线：随机）"
		    : "Qini curves: held-out members ranked by predicted gain, each arm vs "
		      "control (dashed: random)");
	uplift_gp_head(p.gp.fp, "qini", title, 1400, 860);
	fprintf(p.gp.fp,
		"set xlabel %s\nset ylabel %s\nset datafile columnheaders\n"
		"set xzeroaxis lt 1 lc rgb \"#555555\"\n",
		uplift_gp_string(zh ? "定向的会员占比（%）" : "members targeted (%)", x, sizeof(x)),
		uplift_gp_string(zh ? "累计增量（每会员）" : "incremental outcome per member", y,
				 sizeof(y)));
	fputs("plot ", p.gp.fp);
	for (size_t j = 0; j < n; j++)
		fprintf(p.gp.fp,
			"%s\"qini.dat\" using 1:%zu with lines lw 3 lc rgb \"%s\" title "
			"columnhead(%zu), \\\n     \"qini.dat\" using 1:%zu with lines dt 2 lw 2 "
			"lc rgb \"%s\" notitle",
			j ? ", \\\n     " : "", 2 + 2 * j, colours[j], 2 + 2 * j, 3 + 2 * j,
			colours[j]);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "qini", 1400, 860);
	return uplift_gp_close(&p, err);
}

static bool budget_chart(const struct uplift_target *t, const char *dir, bool zh,
			 struct uplift_error *err)
{
	struct uplift_gp_pair p;
	char title[256], x[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

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
		 zh ? "预算曲线：按预测增益发券给前 x%% 的会员，其余不发（每会员价值，%s）"
		    : "Budget: the top x%% by predicted gain get their best arm, the rest "
		      "nothing (value per member, %s)",
		 t->metric_name);
	uplift_gp_head(p.gp.fp, "budget", title, 1400, 860);
	fprintf(p.gp.fp,
		"set xlabel %s\nset ylabel %s\nset datafile columnheaders\nunset key\n"
		"set style fill transparent solid 0.18 noborder\n"
		"plot \"budget.dat\" using 1:3:4 with filledcurves lc rgb \"#2e86c1\" notitle, \\\n"
		"     \"budget.dat\" using 1:2 with linespoints lw 3 pt 7 lc rgb \"#2e86c1\" "
		"notitle\n",
		uplift_gp_string(zh ? "发券的会员占比（%）" : "members sent a coupon (%)", x,
				 sizeof(x)),
		uplift_gp_string(zh ? "每会员价值" : "value per member", y, sizeof(y)));
	uplift_gp_tail(p.gp.fp, "budget", 1400, 860);
	return uplift_gp_close(&p, err);
}

bool uplift_target_charts(const struct uplift_target *t, const char *dir, bool zh,
			  struct uplift_error *err)
{
	if (t->n_qini == 0)
		return true;
	return qini_chart(t, dir, zh, err) && budget_chart(t, dir, zh, err);
}
