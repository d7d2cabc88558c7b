/*
 * uplift_format.h - writes an analysis as an aligned text table, Markdown,
 * CSV or JSON. The writers only read their input, struct uplift_result:
 * the analysis and what the loader and the fold counted, never the loaded
 * data or the sums themselves (so a statistics file feeds them as a folder
 * does). The JSON one returns a jansson value the caller owns (json_decref).
 */
#ifndef UPLIFT_FORMAT_H
#define UPLIFT_FORMAT_H

#include <jansson.h>
#include <stdio.h>

#include "uplift_analysis.h"
#include "uplift_counts.h"
#include "uplift_experiment.h"
#include "uplift_plan.h"

struct uplift_target; /* uplift_target.h */

enum uplift_format { UPLIFT_FMT_TABLE = 0, UPLIFT_FMT_MARKDOWN, UPLIFT_FMT_CSV, UPLIFT_FMT_JSON };

/* What every format shows; everything borrowed. */
struct uplift_result {
	const struct uplift_experiment *exp;
	const struct uplift_analysis *an;
	/* where the rows went (the loader's); NULL when analyzing sums (--stats) */
	const struct uplift_counts *counts;
	/* orders in the window by value, [arm][UPLIFT_BASKET_BINS] (the
	 * loader's, from orders.csv); NULL when analyzing sums */
	const uint64_t *basket;
	/* first purchases per arm and day (the fold's); NULL with outcomes.csv
	 * or sums */
	const struct uplift_daily *daily;
	struct uplift_plan *const *plans; /* per --by column, or NULL */
	size_t n_plans;
	bool embedded; /* Markdown inside a report: no title block, ### sections */
	bool zh;       /* table and Markdown in Chinese words, arms by their labels (--lang zh) */
	/* report.md's appendix: no table of a metric that only describes (discount,
	 * amount, redemption): one line overall, none per segment */
	bool brief;
	/* post_days: the same comparisons over the days after the window and
	 * over window + post (overall only); NULL without post_days */
	const struct uplift_analysis *post, *net;
	/* uplift report: the per-member targeting (uplift_target.h) and the
	 * name of its send list in the pack; NULL when it was not run, with
	 * target_reason saying why (NULL when it was not asked for) */
	const struct uplift_target *target;
	const char *target_send_list;
	const char *target_reason;
};

/* "table", "markdown" (or "md"), "csv", "json"; false when unknown. */
bool uplift_format_parse(const char *name, enum uplift_format *fmt);

/* The analysis as a JSON object per the contract; NULL when out of memory. */
json_t *uplift_format_json(const struct uplift_result *r);

/*
 * Write the analysis in format fmt to out. Returns UPLIFT_OK, or
 * UPLIFT_ENOMEM / UPLIFT_EINTERNAL (a write error) with err filled.
 */
enum uplift_status uplift_format_write(FILE *out, enum uplift_format fmt,
				       const struct uplift_result *r, struct uplift_error *err);

/* Name of the segment value of comparison c ("" for overall). */
const char *uplift_format_segment(const struct uplift_analysis *an,
				  const struct uplift_comparison *c, const char **column);

#endif
