/*
 * chart_daily.c - daily.gp/.dat: cumulative conversion by day per arm (the
 * share of the arm's assigned users who had bought by the end of the day,
 * from the first purchases the fold counted, r->daily), with the day's
 * Wilson interval as a band in the arm's colour.
 */
#include "chart_internal.h"
#include "uplift_analysis.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_stats.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define MAX_LINES 8
#define MAX_DAYS  UPLIFT_DAILY_MAX_DAYS

bool chart_daily(struct chart_ctx *x)
{
	const struct uplift_daily *d = x->r->daily;
	const struct uplift_experiment *exp = x->r->exp;
	const struct chart_text *tx = x->tx;
	long days = exp->end - exp->start + 1;
	size_t shown[MAX_LINES], n, notes = x->list->n_notes;
	uint64_t col[MAX_LINES], buyers = 0;
	struct uplift_gp_pair p;
	char title[256], y[UPLIFT_GP_STRING], xl[UPLIFT_GP_STRING], date[16], date2[16];

	snprintf(title, sizeof(title), tx->daily, chart_level(x));
	if (!d) {
		chart_note(x, "daily", title, true, "%s", tx->no_raw);
		return true;
	}
	if (days > MAX_DAYS || !d->first) {
		chart_note(x, "daily", title, true, tx->long_window, days, MAX_DAYS);
		return true;
	}
	n = chart_pick_arms(x, MAX_LINES, shown, "daily", title);
	for (size_t j = 0; j < n; j++)
		for (size_t day = 0; day < d->n_days; day++)
			buyers += d->first[shown[j] * d->n_days + day];
	if (buyers == 0) {
		x->list->n_notes = notes;
		chart_note(x, "daily", title, true, "%s", tx->no_buyers);
		return true;
	}
	if (!uplift_gp_open(&p, x->dir, "daily", x->err))
		return false;
	chart_arm_header(x, p.dat.fp, "date", shown, n, "\tlow %\thigh %");
	memset(col, 0, sizeof(col));
	for (long day = 0; day < days; day++) {
		fputs(uplift_date_format(exp->start + day, date), p.dat.fp);
		for (size_t j = 0; j < n; j++) {
			double users = x->r->an->arms[shown[j]].users;
			struct uplift_interval ci = {NAN, NAN, NAN};
			const char *why;
			col[j] += d->first[shown[j] * d->n_days + (size_t)day];
			if (!(users > 0) ||
			    !uplift_wilson((double)col[j], users, x->r->an->opt.alpha, &ci, &why))
				ci.lo = ci.hi = NAN;
			uplift_gp_num(p.dat.fp, users > 0 ? 100.0 * (double)col[j] / users : NAN);
			uplift_gp_num(p.dat.fp, 100 * ci.lo);
			uplift_gp_num(p.dat.fp, 100 * ci.hi);
		}
		fputc('\n', p.dat.fp);
	}
	uplift_gp_head(p.gp.fp, "daily", title, CHART_W, CHART_H);
	fprintf(p.gp.fp,
		"set datafile columnheaders\n"
		"set ylabel %s\n"
		"set xdata time\n"
		"set timefmt \"%%Y-%%m-%%d\"\n"
		"set format x \"%%m-%%d\"\n"
		"set xlabel %s\n"
		"set xrange [\"%s\":\"%s\"]\n"
		"set xtics %ld\nunset mxtics\n"
		"set yrange [0:*]\n"
		"set offsets 0.4 * 86400, 0.4 * 86400, graph 0.05, 0\n"
		"set style fill transparent solid 0.2 noborder\n"
		"plot ",
		uplift_gp_string(tx->daily_y, y, sizeof(y)), uplift_gp_string(tx->day, xl, sizeof(xl)),
		uplift_date_format(exp->start, date), uplift_date_format(exp->end, date2),
		86400L * (days > 14 ? 7 : 1));
	for (size_t j = 0; j < n; j++)
		fprintf(p.gp.fp,
			"%s\"daily.dat\" using 1:%zu:%zu with filledcurves lc rgb \"%s\" notitle, "
			"\\\n     \"daily.dat\" using 1:%zu with linespoints lw 2 pt 7 ps 0.8 lc rgb "
			"\"%s\" title columnhead(%zu)",
			j ? ", \\\n     " : "", 3 + 3 * j, 4 + 3 * j, chart_colour(x->r, shown[j]),
			2 + 3 * j, chart_colour(x->r, shown[j]), 2 + 3 * j);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "daily", CHART_W, CHART_H);
	if (!uplift_gp_close(&p, x->err))
		return false;
	chart_add(x, "daily", title);
	return true;
}
