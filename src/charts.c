/*
 * charts.c - gnuplot scripts and their data files for the review pack
 * (see uplift_report.h).
 *
 * Each chart is a standalone script that reads its tab-separated data file
 * from the current folder and draws the SVG (CHART_W px wide) and the PNG
 * (the same picture at twice the size). Run from the pack folder: gnuplot
 * forest.gp. The variable outprefix, when set (gnuplot -e "outprefix='...'"),
 * is put before the output names; uplift uses it to render under temporary
 * names and rename them into place.
 *
 * No text from the data is ever gnuplot code: names reach gnuplot only as
 * fields of the .dat files, and the one name a script must hold (a --by
 * column in a chart title) as a single-quoted string (see gnuplot.h).
 *
 * One chart per file: chart_forest.c (and chart_segments.c, a forest per
 * --by column), chart_rates.c, chart_daily.c, chart_basket.c,
 * chart_cumulative.c; their words, names and the arm palette in
 * chart_words.c. A chart with nothing to draw is not written; one that
 * leaves something out says so in charts->note, and report.md prints it.
 */
#include "chart_internal.h"

enum uplift_status uplift_charts_write(const char *dir, const struct uplift_result *r, bool in_zh,
				       struct uplift_chart_list *charts, struct uplift_error *err)
{
	struct chart_ctx x = {dir, r, in_zh ? &chart_zh : &chart_en, in_zh, charts, err};
	char title[256];

	charts->n = 0;
	charts->n_notes = 0;
	snprintf(title, sizeof(title), x.tx->forest, chart_level(&x));
	if (!chart_forest(&x, "forest", title, -1, 0) || !chart_rates(&x) || !chart_daily(&x) ||
	    !chart_basket(&x) || !chart_segments(&x))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return uplift_chart_cumulative(dir, r, in_zh, charts, err);
}
