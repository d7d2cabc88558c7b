/*
 * chart_segments.c - per --by column, a forest of the decision metric's
 * relative change by segment value and arm (chart_forest.c), titled with
 * the metric's and the column's readable names.
 */
#include "chart_internal.h"
#include "uplift_analysis.h"
#include "uplift_escape.h"

bool chart_segments(struct chart_ctx *x)
{
	const struct uplift_analysis *an = x->r->an;
	enum uplift_metric m = an->opt.decide;

	if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
		return true;
	for (size_t col = 0; col < an->n_columns; col++) {
		char name[96], title[256], column[96];

		snprintf(name, sizeof(name), "segments-%zu", col + 1);
		uplift_escape_text(chart_column(x, an->columns[col].name), column, sizeof(column));
		snprintf(title, sizeof(title), x->tx->segments, chart_metric(x, (int)m), column,
			 chart_level(x));
		if (!chart_forest(x, name, title, (long)col, (int)m))
			return false;
	}
	return true;
}
