/*
 * chart_forest.c - a horizontal forest plot: the overall comparisons
 * (labelled arm · metric) or those of one metric per value of a --by column
 * (segment · arm), each row's relative change with its interval.
 *
 * What a manager must be able to trust in it:
 * - the x range always holds 0, and the dashed zero line is inside it;
 * - one colour per arm (chart_colour, the same in every chart); a filled
 *   marker is significant after correction, a hollow one is not;
 * - a row whose interval is far wider than the others' (more than WIDE
 *   times their median width) does not set the scale: it is clipped at the
 *   edge of the others' range, with an arrow, and the note under the chart
 *   says at what and how many;
 * - no row is dropped: one without an estimate (no interval, or in a
 *   segment a small cell) is a row with a text instead of a marker, and
 *   counted in the note.
 * Descriptive metrics (coupon cost: not tested) are not effects and are
 * not rows of the overall forest; the note says so.
 */
#include "chart_internal.h"
#include "uplift_analysis.h"

#include <math.h>
#include <string.h>

#define MAX_ROWS 200 /* 26 px each: 5,400 px at most (10,800 in the PNG) */
#define MAX_ARMS  64
#define MAX_KEYED 8 /* arms in the key; with more, the rows alone name them */
#define WIDE     4.0 /* an interval this many times the median width is clipped */
#define ROW_PX   26

static bool is_row(const struct uplift_comparison *c, long col, int m)
{
	if (c->column != col)
		return false;
	return col == -1 ? c->tested : (int)c->metric == m;
}

/* Overall, a row with an interval is drawn; in a segment, only when the cell is not small. */
static bool drawable(const struct uplift_comparison *c)
{
	return (c->column == -1 || !c->small) && isfinite(c->lift) && isfinite(c->lift_lo) &&
	       isfinite(c->lift_hi);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The clip bounds *lo, *hi (percent) of the rows drawn; the range is them, padded. */
static void bounds(const struct uplift_analysis *an, long col, int m, size_t max, double *lo,
		   double *hi)
{
	double w[MAX_ROWS], med;
	size_t n = 0, seen = 0;

	for (size_t i = 0; i < an->n_cmp && seen < max; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (!is_row(c, col, m))
			continue;
		seen++;
		if (drawable(c))
			w[n++] = 100 * (c->lift_hi - c->lift_lo);
	}
	qsort(w, n, sizeof(*w), cmp_double);
	med = n ? (n % 2 ? w[n / 2] : (w[n / 2 - 1] + w[n / 2]) / 2) : 0;
	*lo = 0;
	*hi = 0;
	seen = 0;
	for (size_t i = 0; i < an->n_cmp && seen < max; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		bool wide;
		if (!is_row(c, col, m))
			continue;
		seen++;
		if (!drawable(c))
			continue;
		wide = n >= 3 && 100 * (c->lift_hi - c->lift_lo) > WIDE * med;
		/* an estimate is always in view; a wide interval does not set the range */
		*lo = fmin(*lo, 100 * (wide ? c->lift : c->lift_lo));
		*hi = fmax(*hi, 100 * (wide ? c->lift : c->lift_hi));
	}
	if (*hi - *lo < 1e-9) { /* every row at 0 */
		*lo -= 1;
		*hi += 1;
	}
}

/* "+170%", "-60% and +170%": where the rows were clipped. */
static void clip_words(char *out, size_t size, bool left, double lo, bool right, double hi,
		       const char *and_word)
{
	out[0] = '\0';
	if (left)
		snprintf(out, size, "%+.0f%%", lo);
	if (right)
		snprintf(out + strlen(out), size - strlen(out), "%s%+.0f%%", left ? and_word : "", hi);
}

bool chart_forest(struct chart_ctx *x, const char *name, const char *title, long col, int m)
{
	const struct uplift_analysis *an = x->r->an;
	const struct chart_text *tx = x->tx;
	size_t total = 0, rows = 0, clipped = 0, missing = 0, described = 0;
	size_t drawn[MAX_ARMS] = {0}, sig[MAX_ARMS] = {0}, n_arms = an->n_arms;
	bool clip_l = false, clip_r = false, many = false;
	double lo, hi, pad, d;
	struct uplift_gp_pair p;
	char s1[UPLIFT_GP_STRING], s2[UPLIFT_GP_STRING], where[64], line1[400], line2[400], fill[200];
	char text[sizeof(x->list->note[0].text)];
	int height, lines, key_rows, fill_y, key_y, bottom;
	size_t keys = 0;

	if (n_arms > MAX_ARMS)
		n_arms = MAX_ARMS;
	for (size_t i = 0; i < an->n_cmp; i++) {
		total += is_row(&an->cmp[i], col, m);
		described += col == -1 && an->cmp[i].column == -1 && !an->cmp[i].tested;
	}
	if (total == 0) {
		chart_note(x, name, title, true, "%s", col == -1 ? tx->no_rows : tx->no_cells);
		return true;
	}
	bounds(an, col, m, MAX_ROWS, &lo, &hi);
	pad = 0.06 * (hi - lo);
	d = 0.035 * (hi - lo + 2 * pad); /* the clip arrows' length */
	if (!uplift_gp_open(&p, x->dir, name, x->err))
		return false;
	fprintf(p.dat.fp, "y\t%s\tlift %%\tlow %%\thigh %%\tsignificant\tcolour\tclip left\t"
			  "clip right\tarm\ttext",
		col == -1 ? "arm · metric" : "segment · arm");
	for (size_t a = 0; a < n_arms; a++) { /* the key's names: columnhead(12 + a) */
		fputc('\t', p.dat.fp);
		uplift_gp_field(p.dat.fp, chart_arm(x, a));
	}
	fputc('\n', p.dat.fp);
	for (size_t i = 0; i < an->n_cmp && rows < MAX_ROWS; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		bool ok = drawable(c), cl, cr;
		if (!is_row(c, col, m))
			continue;
		fprintf(p.dat.fp, "%zu\t", ++rows);
		uplift_gp_field(p.dat.fp, col == -1 ? chart_arm(x, c->arm)
						    : an->columns[col].values[c->value]);
		fputs(" · ", p.dat.fp);
		uplift_gp_field(p.dat.fp,
				col == -1 ? chart_metric(x, (int)c->metric) : chart_arm(x, c->arm));
		cl = ok && 100 * c->lift_lo < lo - 1e-9;
		cr = ok && 100 * c->lift_hi > hi + 1e-9;
		uplift_gp_num(p.dat.fp, ok ? 100 * c->lift : NAN);
		uplift_gp_num(p.dat.fp, ok ? fmax(100 * c->lift_lo, lo) : NAN);
		uplift_gp_num(p.dat.fp, ok ? fmin(100 * c->lift_hi, hi) : NAN);
		fprintf(p.dat.fp, "\t%d\t%ld", ok ? c->significant : -1,
			chart_colour_int(x->r, c->arm));
		uplift_gp_num(p.dat.fp, cl ? lo : NAN);
		uplift_gp_num(p.dat.fp, cr ? hi : NAN);
		fprintf(p.dat.fp, "\t%zu\t%s\n", c->arm, ok ? "" : c->small ? tx->too_few
									   : tx->no_interval);
		clipped += cl || cr;
		clip_l |= cl;
		clip_r |= cr;
		missing += !ok;
		if (ok && c->arm < n_arms) {
			drawn[c->arm]++;
			sig[c->arm] += c->significant;
		}
		many |= ok && c->arm >= n_arms;
	}
	if (missing == rows) { /* nothing to draw but text: say so instead */
		uplift_atomic_close(&p.dat, false, x->err);
		uplift_atomic_close(&p.gp, false, x->err);
		chart_note(x, name, title, true, "%s", col == -1 ? tx->no_rows : tx->no_cells);
		return true;
	}

	/* the note, in the report and under the chart */
	clip_words(where, sizeof(where), clip_l, lo, clip_r, hi, tx->and_word);
	line1[0] = line2[0] = text[0] = '\0';
	if (clipped)
		snprintf(line1, sizeof(line1), tx->clipped, where, clipped);
	if (missing)
		snprintf(line2, sizeof(line2), tx->not_drawn, missing);
	if (rows < total)
		snprintf(text, sizeof(text), tx->rows_cut, rows, total);
	/* a note cut at the buffer's end is still a note (it is never this long) */
	if (snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s%s%s", line1, line2,
		     described ? tx->described : "") < 0)
		text[0] = '\0';

	lines = (line1[0] != 0) + (line2[0] != 0);
	for (size_t a = 0; a < n_arms; a++)
		keys += drawn[a] > 0;
	key_rows = keys > MAX_KEYED || many ? 0 : (int)(keys + 2) / 3;
	/* from the bottom (px): the note, the fill legend, the key, the x label and tics */
	fill_y = 10 + 18 * lines + 9;
	key_y = fill_y + 14;
	bottom = key_y + 22 * key_rows + 84;
	snprintf(fill, sizeof(fill), "●  %s        ○  %s", tx->sig, tx->notsig);
	height = (int)fmax(CHART_H, 80 + bottom + ROW_PX * (double)rows);
	uplift_gp_head(p.gp.fp, name, title, CHART_W, height);
	fprintf(p.gp.fp,
		"set datafile columnheaders\n"
		"set xlabel %s\n"
		"set xrange [%.4f:%.4f]\n"
		"set yrange [%zu.6:0.4]\n"
		"set ytics scale 0\n"
		"set grid noytics\n"
		"set key at screen 0.5, screen %.4f center bottom horizontal maxcols 3 samplen 1.5 "
		"nobox\n"
		"set label 2 %s at screen 0.5, screen %.4f center front tc rgb \"#333333\"\n"
		"set bmargin at screen %.4f\n" /* x label, key and note under the plot */
		"set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 1.5 lc rgb \"#444444\"\n",
		uplift_gp_string(col == -1 ? tx->forest_x : tx->segments_x, s1, sizeof(s1)),
		lo - pad, hi + pad, rows, (double)key_y / height,
		uplift_gp_string(fill, s2, sizeof(s2)), (double)fill_y / height,
		(double)bottom / height);
	if (clipped || missing) {
		fprintf(p.gp.fp, "set label 1 %s", uplift_gp_string(line1[0] ? line1 : line2, s1,
								   sizeof(s1)));
		if (line1[0] && line2[0])
			fprintf(p.gp.fp, ".\"\\n\".%s", uplift_gp_string(line2, s2, sizeof(s2)));
		fputs(" at screen 0.5, screen 0.012 center front tc rgb \"#333333\"\n", p.gp.fp);
	}
	/* the row names first (every row: also those without a marker) */
	fprintf(p.gp.fp, "plot \"%s.dat\" using (0):1:ytic(2) with points pt 7 ps 0 lc rgb "
			 "\"white\" notitle",
		name);
	if (keys > MAX_KEYED || many) { /* no key of arms: the rows name them */
		fprintf(p.gp.fp,
			", \\\n     \"%s.dat\" using ($6 >= 0 ? $3 : NaN):1:4:5:7 with xerrorbars pt 6 "
			"ps 1.4 lw 1.5 lc rgb variable notitle"
			", \\\n     \"%s.dat\" using ($6 == 1 ? $3 : NaN):1:7 with points pt 7 ps 1.4 "
			"lc rgb variable notitle",
			name, name);
		n_arms = 0;
	}
	for (size_t a = 0; a < n_arms; a++) {
		if (!drawn[a])
			continue;
		/* every row of the arm hollow (its key entry), the significant ones filled over it */
		fprintf(p.gp.fp,
			", \\\n     \"%s.dat\" using ($10 == %zu && $6 >= 0 ? $3 : NaN):1:4:5 with "
			"xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb \"%s\" title columnhead(%zu)",
			name, a, chart_colour(x->r, a), 12 + a);
		if (sig[a])
			fprintf(p.gp.fp,
				", \\\n     \"%s.dat\" using ($10 == %zu && $6 == 1 ? $3 : NaN):1 "
				"with points pt 7 ps 1.4 lc rgb \"%s\" notitle",
				name, a, chart_colour(x->r, a));
	}
	if (clip_l)
		fprintf(p.gp.fp,
			", \\\n     \"%s.dat\" using ($8 + %.4f):1:(%.4f):(0):7 with vectors head "
			"filled size screen 0.012,25 lw 1.5 lc rgb variable notitle",
			name, d, -d);
	if (clip_r)
		fprintf(p.gp.fp,
			", \\\n     \"%s.dat\" using ($9 - %.4f):1:(%.4f):(0):7 with vectors head "
			"filled size screen 0.012,25 lw 1.5 lc rgb variable notitle",
			name, d, d);
	if (missing)
		fprintf(p.gp.fp,
			", \\\n     \"%s.dat\" using (0):($6 < 0 ? $1 : NaN):11 with labels left "
			"offset 0.8,0 tc rgb \"#555555\" notitle",
			name);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, name, CHART_W, height);
	if (!uplift_gp_close(&p, x->err))
		return false;
	chart_add(x, name, title);
	if (text[0])
		chart_note(x, name, title, false, "%s", text);
	return true;
}
