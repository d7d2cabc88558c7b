/*
 * chart_cumulative.c - cumulative.gp/.dat: with post_days, each coupon's
 * cumulative difference from control in the share of members who have
 * bought (by each day of the window and the post period), with its 95%
 * band: p_t(d) - p_c(d) +- z sqrt(p_t (1 - p_t) / n_t + p_c (1 - p_c) / n_c),
 * the Wald interval of the day's difference (the counts are large; it is
 * a picture of the timing, the tables hold the tests). A lift that was
 * only pulled forward rises in the window and falls back after it, which
 * the dashed line at the window's end makes plain.
 */
#include "chart_internal.h"
#include "numfmt.h"
#include "uplift_analysis.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_report.h"
#include "uplift_stats.h"

#include <math.h>
#include <stdio.h>

#define MAX_ARMS 6 /* coupon arms drawn */


enum uplift_status uplift_chart_cumulative(const char *dir, const struct uplift_result *r, bool zh,
					   struct uplift_chart_list *list,
					   struct uplift_error *err)
{
	const struct uplift_daily *d = r->daily;
	const struct uplift_analysis *an = r->an;
	size_t arms[MAX_ARMS], n = 0, ctl = an->control;
	double z = uplift_z(an->opt.alpha), nc = an->arms[ctl].users;
	uint64_t cum[MAX_ARMS] = {0}, cum_c = 0;
	struct uplift_gp_pair p;
	char title[256], y[UPLIFT_GP_STRING], date[16], end[16];
	struct uplift_chart *c;

	if (!r->post || !d || !d->first || list->n == UPLIFT_MAX_CHARTS || !(nc > 0))
		return UPLIFT_OK;
	for (size_t a = 0; a < an->n_arms && n < MAX_ARMS; a++)
		if (a != ctl && an->arms[a].users > 0)
			arms[n++] = a;
	if (!uplift_gp_open(&p, dir, "cumulative", err))
		return err->status;
	fputs("date", p.dat.fp);
	for (size_t j = 0; j < n; j++) {
		fputc('\t', p.dat.fp);
		uplift_gp_field(p.dat.fp, an->arm_names[arms[j]]);
		fputs("\tlow\thigh", p.dat.fp);
	}
	fputc('\n', p.dat.fp);
	for (size_t day = 0; day < d->n_days; day++) {
		double pc;
		cum_c += d->first[ctl * d->n_days + day];
		pc = (double)cum_c / nc;
		fputs(uplift_date_format(d->start + (long)day, date), p.dat.fp);
		for (size_t j = 0; j < n; j++) {
			double nt = an->arms[arms[j]].users, pt, se;
			cum[j] += d->first[arms[j] * d->n_days + day];
			pt = (double)cum[j] / nt;
			se = sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc);
			uplift_gp_num(p.dat.fp, 100 * (pt - pc));
			uplift_gp_num(p.dat.fp, 100 * (pt - pc - z * se));
			uplift_gp_num(p.dat.fp, 100 * (pt - pc + z * se));
		}
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title),
		 zh ? "累计购买率差（券 − 对照组），活动期及其后 %d 天，%d%% 区间；虚线：活动期结束"
		    : "Share who bought, coupon - control, window + %d days after (%d%% band; "
		      "dashed: window ends)",
		 r->exp->post_days, uplift_numfmt_level(an->opt.alpha));
	uplift_gp_head(p.gp.fp, "cumulative", title, CHART_W, CHART_H);
	uplift_date_format(r->exp->end + 1, end);
	fprintf(p.gp.fp,
		"set ylabel %s\n"
		"set xdata time\n"
		"set timefmt \"%%Y-%%m-%%d\"\n"
		"set format x \"%%m-%%d\"\n"
		"set datafile columnheaders\n"
		"set xzeroaxis lt 1 lc rgb \"#555555\"\n"
		"set arrow from \"%s\", graph 0 to \"%s\", graph 1 nohead dt 2 lw 2 lc rgb "
		"\"#555555\"\n"
		"set style fill transparent solid 0.18 noborder\n",
		uplift_gp_string(zh ? "累计购买率差（百分点）" : "difference (pp)", y, sizeof(y)), end,
		end);
	fputs("plot ", p.gp.fp);
	for (size_t j = 0; j < n; j++)
		fprintf(p.gp.fp,
			"%s\"cumulative.dat\" using 1:%zu:%zu with filledcurves lc rgb \"%s\" notitle, "
			"\\\n     \"cumulative.dat\" using 1:%zu with lines lw 3 lc rgb \"%s\" title "
			"columnhead(%zu)",
			j ? ", \\\n     " : "", 3 + 3 * j, 4 + 3 * j, chart_colour(r, arms[j]), 2 + 3 * j,
			chart_colour(r, arms[j]),
			2 + 3 * j);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "cumulative", CHART_W, CHART_H);
	if (!uplift_gp_close(&p, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	c = &list->chart[list->n++];
	snprintf(c->name, sizeof(c->name), "cumulative");
	snprintf(c->title, sizeof(c->title), "%s", title);
	return UPLIFT_OK;
}
