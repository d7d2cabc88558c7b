/*
 * chart_rates.c - rates.gp/.dat: conversion and repurchase per arm, bars
 * with their Wilson intervals, one colour per arm (chart_colour) and the
 * two metrics side by side.
 */
#include "chart_internal.h"
#include "uplift_analysis.h"

#include <math.h>

#define MAX_BARS 40 /* arms */

bool chart_rates(struct chart_ctx *x)
{
	const struct uplift_analysis *an = x->r->an;
	const struct chart_text *tx = x->tx;
	static const enum uplift_metric ms[2] = {UPLIFT_CONVERSION, UPLIFT_REPURCHASE};
	struct uplift_gp_pair p;
	size_t shown[MAX_BARS], n, notes = x->list->n_notes;
	double top = 0;
	char title[256], y[UPLIFT_GP_STRING];

	snprintf(title, sizeof(title), tx->rates, chart_level(x));
	if (!(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_CONVERSION)) ||
	    !(an->metrics & UPLIFT_METRIC_BIT(UPLIFT_REPURCHASE))) {
		chart_note(x, "rates", title, true, "%s", tx->no_metrics);
		return true;
	}
	n = chart_pick_arms(x, MAX_BARS, shown, "rates", title);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < 2; k++) {
			const struct uplift_value *v = &an->arms[shown[i]].metric[ms[k]];
			if (isfinite(v->value))
				top = fmax(top, 100 * (isfinite(v->hi) ? v->hi : v->value));
		}
	if (!(top > 0)) {
		x->list->n_notes = notes; /* the arms left out do not matter now */
		chart_note(x, "rates", title, true, "%s", tx->no_rates);
		return true;
	}
	if (!uplift_gp_open(&p, x->dir, "rates", x->err))
		return false;
	chart_arm_header(x, p.dat.fp, "metric", shown, n, "\tlow %\thigh %");
	for (size_t k = 0; k < 2; k++) {
		uplift_gp_field(p.dat.fp, chart_metric(x, (int)ms[k]));
		for (size_t i = 0; i < n; i++) {
			const struct uplift_value *v = &an->arms[shown[i]].metric[ms[k]];
			uplift_gp_num(p.dat.fp, 100 * v->value);
			uplift_gp_num(p.dat.fp, 100 * v->lo);
			uplift_gp_num(p.dat.fp, 100 * v->hi);
		}
		fputc('\n', p.dat.fp);
	}
	uplift_gp_head(p.gp.fp, "rates", title, CHART_W, CHART_H);
	fprintf(p.gp.fp,
		"set datafile columnheaders\n"
		"set ylabel %s\n"
		"set yrange [0:%.4f]\n"
		"set style data histogram\n"
		"set style histogram errorbars gap 1.5 lw 1.5\n"
		"set style fill solid 0.9 border -1\n"
		"set boxwidth 0.9\n"
		"set grid noxtics\n"
		"set xrange [-0.65:1.65]\n"
		"set key top right\n"
		"plot ",
		uplift_gp_string(tx->rates_y, y, sizeof(y)), top * 1.15);
	for (size_t i = 0; i < n; i++)
		fprintf(p.gp.fp, "%s\"rates.dat\" using %zu:%zu:%zu%s lc rgb \"%s\" title columnhead(%zu)",
			i ? ", \\\n     " : "", 2 + 3 * i, 3 + 3 * i, 4 + 3 * i, i ? "" : ":xtic(1)",
			chart_colour(x->r, shown[i]), 2 + 3 * i);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "rates", CHART_W, CHART_H);
	if (!uplift_gp_close(&p, x->err))
		return false;
	chart_add(x, "rates", title);
	return true;
}
