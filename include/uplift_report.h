/*
 * uplift_report.h - the weekly-review pack: report.md, summary.json,
 * comparisons.csv, and one gnuplot script plus data file per chart.
 *
 * Every file is written atomically (uplift_atomic.h): a pack folder never
 * holds half a file, and writing a pack again replaces it file by file.
 * Rendering the scripts (running gnuplot) is the caller's business.
 */
#ifndef UPLIFT_REPORT_H
#define UPLIFT_REPORT_H

#include <stdbool.h>

#include "uplift_format.h"

#define UPLIFT_MAX_CHARTS 24

struct uplift_chart {
	char name[96];   /* file stem: name.gp, name.dat, name.png, name.svg */
	char title[256]; /* may hold a --by column's name: escape it for the target format */
};

/* What the report says about a chart that is not drawn, or drawn in part. */
struct uplift_chart_note {
	char name[96];   /* the chart's file stem */
	char title[256]; /* as in struct uplift_chart */
	char text[512];  /* why it is not drawn, or what is left out: a sentence or two */
	bool skipped;    /* not drawn: no file of it is written, it is not in chart[] */
};

/*
 * The charts written (chart[], to render) and the notes on them (note[]): a
 * chart with nothing to draw is skipped, one with too many rows or arms is
 * limited, and the report says so rather than leave anything out silently.
 */
struct uplift_chart_list {
	struct uplift_chart chart[UPLIFT_MAX_CHARTS];
	size_t n;
	struct uplift_chart_note note[UPLIFT_MAX_CHARTS];
	size_t n_notes;
};

struct uplift_report_options {
	bool zh;            /* Chinese headings and sentences */
	bool rendered;      /* the PNGs will exist: embed them (else say how to render) */
	const char *source; /* the experiment folder, named at the end; may be NULL */
};

/*
 * Write name.gp and name.dat for every chart that the result supports into
 * dir, listing them in charts->chart, and in charts->note each chart that is
 * skipped (nothing to draw) or limited (too many rows for one image). No
 * text from the data is gnuplot code in the scripts (see charts.c). Returns
 * UPLIFT_OK or a status with err.
 */
enum uplift_status uplift_charts_write(const char *dir, const struct uplift_result *r, bool zh,
				       struct uplift_chart_list *charts, struct uplift_error *err);

/* Write report.md, summary.json, comparisons.csv, summary.xlsx and report.html into dir. */
/* post_days: cumulative.gp/.dat, the timing chart (chart_cumulative.c), added to charts. */
enum uplift_status uplift_chart_cumulative(const char *dir, const struct uplift_result *r, bool zh,
					   struct uplift_chart_list *list,
					   struct uplift_error *err);

enum uplift_status uplift_report_write(const char *dir, const struct uplift_result *r,
				       const struct uplift_chart_list *charts,
				       const struct uplift_report_options *opt,
				       struct uplift_error *err);

#endif
