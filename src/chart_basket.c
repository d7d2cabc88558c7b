/*
 * chart_basket.c - basket.gp/.dat: the share of each arm's orders in the
 * window per bin of order value (bins of UPLIFT_BASKET_WIDTH; the last one
 * is UPLIFT_BASKET_WIDTH * (UPLIFT_BASKET_BINS - 1) and more, drawn as a
 * bin of its own and labelled so), one colour per arm.
 *
 * Each 满X减Y arm's threshold region, X to X + Y (the orders a shopper tops
 * up to reach the threshold), is a shaded band with a dashed line at X,
 * labelled from the second block of basket.dat (index 1, on a y2 axis of
 * [0:1] so that the labels sit at the top). With a threshold, a second
 * panel below shows the region around it with its own y axis, so that a
 * bump of a few percent is not lost under the peak of the distribution.
 */
#include "chart_internal.h"
#include "uplift_analysis.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdint.h>

#define MAX_LINES 8
#define BINS      UPLIFT_BASKET_BINS
#define WIDTH     UPLIFT_BASKET_WIDTH

/* A round step near v: 1, 2 or 5 times a power of ten. */
static double nice(double v)
{
	double e = pow(10, floor(log10(v > 0 ? v : 1))), f = v / e;

	return (f < 1.5 ? 1 : f < 3.5 ? 2 : 5) * e;
}

/* The plot of the distribution (both panels draw it). */
static void plot(FILE *gp, size_t n, size_t marks)
{
	fprintf(gp,
		"plot for [i=2:%zu] \"basket.dat\" index 0 using 1:i with steps lw 2 "
		"lc rgb word(colours, i - 1) title columnhead(i)%s\n",
		n + 1,
		marks ? ", \\\n     \"basket.dat\" index 1 using 1:(0.93):2 axes x1y2 with labels "
			"left offset 0.4,0 tc rgb \"#333333\" notitle"
		      : "");
}

bool chart_basket(struct chart_ctx *x)
{
	const struct uplift_result *r = x->r;
	const struct chart_text *tx = x->tx;
	const struct uplift_experiment *exp = r->exp;
	size_t shown[MAX_LINES], n, marks = 0;
	double share[MAX_LINES][BINS], top = 0, ztop = 0, t_lo = INFINITY, t_hi = -INFINITY;
	double zlo, zhi, end = WIDTH * BINS;
	struct uplift_gp_pair p;
	char title[256], xl[UPLIFT_GP_STRING], yl[UPLIFT_GP_STRING], t[UPLIFT_GP_STRING];
	char last[UPLIFT_GP_STRING], zt[UPLIFT_GP_STRING];
	int height;

	snprintf(title, sizeof(title), "%s", tx->basket);
	if (!r->counts || !r->basket || r->counts->orders.used == 0) {
		chart_note(x, "basket", title, true, "%s",
			   !r->counts || !r->basket ? tx->no_raw : tx->no_orders);
		return true;
	}
	n = chart_pick_arms(x, MAX_LINES, shown, "basket", title);
	for (size_t i = 0; i < n; i++) {
		const uint64_t *h = &r->basket[shown[i] * BINS];
		uint64_t total = 0;
		for (size_t b = 0; b < BINS; b++)
			total += h[b];
		for (size_t b = 0; b < BINS; b++) {
			share[i][b] = total ? 100.0 * (double)h[b] / (double)total : 0.0;
			top = fmax(top, share[i][b]);
		}
		if (exp->arms[shown[i]].min_spend > 0) {
			t_lo = fmin(t_lo, exp->arms[shown[i]].min_spend);
			t_hi = fmax(t_hi,
				    exp->arms[shown[i]].min_spend + exp->arms[shown[i]].amount_off);
		}
	}
	zlo = fmax(0, WIDTH * floor((t_lo - 15) / WIDTH));
	zhi = fmin(end, WIDTH * ceil((t_hi + 35) / WIDTH));
	for (size_t i = 0; i < n; i++)
		for (size_t b = 0; b < BINS; b++)
			if (WIDTH * (double)b >= zlo && WIDTH * (double)b < zhi)
				ztop = fmax(ztop, share[i][b]);
	if (!uplift_gp_open(&p, x->dir, "basket", x->err))
		return false;
	chart_arm_header(x, p.dat.fp, "from", shown, n, NULL);
	for (size_t b = 0; b <= BINS; b++) { /* a last row closes the last bin's step */
		fprintf(p.dat.fp, "%g", (double)b * WIDTH);
		for (size_t i = 0; i < n; i++)
			uplift_gp_num(p.dat.fp, share[i][b < BINS ? b : BINS - 1]);
		fputc('\n', p.dat.fp);
	}
	height = isfinite(t_lo) ? CHART_H + 280 : CHART_H;
	uplift_gp_head(p.gp.fp, "basket", title, CHART_W, height);
	fputs("colours = \"", p.gp.fp);
	for (size_t i = 0; i < n; i++)
		fprintf(p.gp.fp, "%s%s", i ? " " : "", chart_colour(r, shown[i]));
	fprintf(p.gp.fp,
		"\"\n"
		"set xlabel %s\n"
		"set ylabel %s\n"
		"set y2range [0:1]\n"
		"unset y2tics\n"
		"set grid noxtics\n"
		"set key at graph 0.98, graph 0.8 right top\n"
		"set xtics 0, 20, %g\n"
		"set xtics add (%s %g)\n",
		uplift_gp_string(tx->basket_x, xl, sizeof(xl)),
		uplift_gp_string(tx->basket_y, yl, sizeof(yl)), end - 2 * WIDTH - 15,
		uplift_gp_string(tx->last_bin, last, sizeof(last)), end - WIDTH / 2);
	for (size_t i = 0; i < n; i++) {
		const struct uplift_arm_def *def = &exp->arms[shown[i]];
		if (!(def->min_spend > 0))
			continue;
		if (marks++ == 0)
			fputs("\n\n# threshold\tlabel\n", p.dat.fp);
		fprintf(p.dat.fp, "%g\t", def->min_spend);
		uplift_gp_field(p.dat.fp, chart_arm(x, shown[i]));
		if (def->amount_off > 0)
			fprintf(p.dat.fp, ": %g–%g %s\n", def->min_spend,
				def->min_spend + def->amount_off, tx->basket_band);
		else
			fprintf(p.dat.fp, ": %g\n", def->min_spend);
		fprintf(p.gp.fp,
			"set arrow %zu from %g, graph 0 to %g, graph 1 nohead dt 2 lw 1.5 lc rgb "
			"\"%s\"\n",
			marks, def->min_spend, def->min_spend, chart_colour(r, shown[i]));
		if (def->amount_off > 0)
			fprintf(p.gp.fp,
				"set object %zu rect from %g, graph 0 to %g, graph 1 behind "
				"fc rgb \"%s\" fs transparent solid 0.15 noborder\n",
				marks, def->min_spend, def->min_spend + def->amount_off,
				chart_colour(r, shown[i]));
	}
	if (!marks) {
		fprintf(p.gp.fp, "set xrange [0:%g]\nset yrange [0:%.4f]\n", end, top * 1.12);
		plot(p.gp.fp, n, 0);
		uplift_gp_tail(p.gp.fp, "basket", CHART_W, height);
	} else {
		fputs("do for [pass = 1:2] {\n"
		      "if (pass == 2) {\n",
		      p.gp.fp);
		uplift_gp_svg(p.gp.fp, "basket", CHART_W, height);
		fprintf(p.gp.fp,
			"}\n"
			"set multiplot\n"
			"set title %s\n"
			"set origin 0, 0.4\nset size 1, 0.6\n"
			"set xrange [0:%g]\nset yrange [0:%.4f]\n",
			uplift_gp_string(title, t, sizeof(t)), end, top * 1.12);
		plot(p.gp.fp, n, marks);
		fprintf(p.gp.fp,
			"set title %s font sprintf(\",%%d\", 13 * fs)\n"
			"set origin 0, 0\nset size 1, 0.4\n"
			"set xrange [%g:%g]\nset yrange [0:%.4f]\n"
			"set xtics %g\nset ytics %g\n"
			"unset xlabel\nset key off\n",
			uplift_gp_string(tx->basket_zoom, zt, sizeof(zt)), zlo, zhi, ztop * 1.3,
			2 * WIDTH, nice(ztop * 1.3 / 3));
		plot(p.gp.fp, n, marks);
		fprintf(p.gp.fp,
			"unset multiplot\n"
			"set title font sprintf(\",%%d\", 15 * fs)\n"
			"set xlabel %s\nset key on\nset xtics 0, 20, %g\nset xtics add (%s %g)\n"
			"set ytics autofreq\n"
			"}\n"
			"unset output\n",
			xl, end - 2 * WIDTH - 15, last, end - WIDTH / 2);
	}
	if (!uplift_gp_close(&p, x->err))
		return false;
	chart_add(x, "basket", title);
	return true;
}
