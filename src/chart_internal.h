/*
 * chart_internal.h - what the chart writers (chart_*.c, charts.c) share:
 * their words in English and Chinese, the arm palette, the names they
 * show (arm labels, metric and column names) and the list of charts and
 * notes. Internal to the library.
 *
 * Every chart is drawn at CHART_W logical pixels wide (the SVG; the PNG is
 * twice as large, the same picture): its 13 px text stays at least 9 px
 * when report.html shows it at 520 px (html_page.c's phone minimum).
 */
#ifndef UPLIFT_CHART_INTERNAL_H
#define UPLIFT_CHART_INTERNAL_H

#include "uplift_report.h"
#include "gnuplot.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CHART_W 720
#define CHART_H 440

struct chart_text {
	const char *forest, *forest_x, *sig, *notsig, *rates, *rates_y, *daily, *daily_y, *day, *basket,
	    *basket_x, *basket_y, *basket_zoom, *basket_band, *last_bin, *segments, *segments_x;
	const char *no_rows, *no_cells, *no_rates, *no_metrics, *no_orders, *no_buyers, *no_raw,
	    *long_window, *rows_cut, *arms_cut;
	const char *too_few, *no_interval; /* the text of a row without an estimate */
	const char *clipped;   /* count, the clip bounds ("-60% and +170%") */
	const char *not_drawn; /* count: rows without an estimate, marked */
	const char *described; /* the overall forest leaves out the coupon-cost metrics */
	const char *and_word;
};

extern const struct chart_text chart_en, chart_zh;

/* The chart context: the result, the words, the language. */
struct chart_ctx {
	const char *dir;
	const struct uplift_result *r;
	const struct chart_text *tx;
	bool zh;
	struct uplift_chart_list *list;
	struct uplift_error *err;
};

/* The colour of arm a ("#rrggbb"): grey for the control, then a colour-blind safe palette. */
const char *chart_colour(const struct uplift_result *r, size_t a);
/* The k-th colour of the palette (the k-th treatment arm's). */
const char *chart_palette(size_t k);
/* The same as a number for gnuplot's "lc rgb variable". */
long chart_colour_int(const struct uplift_result *r, size_t a);

/* The arm's name as charts show it: with zh, its ini label when it has one. */
const char *chart_arm(const struct chart_ctx *x, size_t a);
/* The metric's name: in Chinese with zh ([metric] label for a user metric). */
const char *chart_metric(const struct chart_ctx *x, int m);
/* A built-in metric's name in Chinese with zh (name itself otherwise, or when not built in). */
const char *chart_metric_named(const char *name, bool zh);
/* A --by column's readable name (rfm_segment: "RFM segment" / "RFM 分群"; others as given). */
const char *chart_column(const struct chart_ctx *x, const char *name);

int chart_level(const struct chart_ctx *x);
void chart_add(struct chart_ctx *x, const char *name, const char *title);
void chart_note(struct chart_ctx *x, const char *name, const char *title, bool skipped,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The arms of a chart of at most max: the control and the first others; a note when cut. */
size_t chart_pick_arms(struct chart_ctx *x, size_t max, size_t *shown, const char *name,
		       const char *title);
/* A header line: first, then the shown arms' names, tab-separated. */
void chart_arm_header(const struct chart_ctx *x, FILE *fp, const char *first, const size_t *shown,
		      size_t n, const char *after);

bool chart_forest(struct chart_ctx *x, const char *name, const char *title, long col, int metric);
bool chart_rates(struct chart_ctx *x);
bool chart_daily(struct chart_ctx *x);
bool chart_basket(struct chart_ctx *x);
bool chart_segments(struct chart_ctx *x);

#endif
