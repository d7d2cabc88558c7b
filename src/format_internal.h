/*
 * format_internal.h - the parts of analyze's writers that live in files of
 * their own, called by uplift_format_write (format_text.c). Internal to the
 * library.
 */
#ifndef UPLIFT_FORMAT_INTERNAL_H
#define UPLIFT_FORMAT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "uplift_format.h"
#include "markup.h"

/*
 * The table or Markdown format in markup mk (format_text.c): what
 * uplift_format_write writes for them, and report.md's tables (in the
 * markup of its language).
 */
void uplift_format_human(FILE *out, const struct markup *mk, const struct uplift_result *r);

/*
 * Metric m of set as the tables of mk name it ("conversion", or 转化率 in
 * Chinese words); a user metric by its name (in Chinese words its label,
 * when it has one), escaped for mk into buf (UPLIFT_MARKUP_SIZE bytes).
 */
const char *uplift_format_metric(const struct markup *mk, const struct uplift_metric_set *set,
				 enum uplift_metric m, char *buf);

/*
 * The sections of --by column c in markup mk (format_segments.c): the
 * flagged within-segment sample ratio checks, one table per metric with its
 * heterogeneity line, the legend, the economics per value, and the
 * targeting plan when its gain is clear (else one line saying so).
 */
void uplift_format_segments_write(FILE *out, const struct markup *mk, const struct uplift_result *r,
				  size_t c);

/*
 * The overall comparisons (format_effects.c): the tested effects against
 * control with their legend, and the coupon's cost described (untested
 * metrics: values and change, no p-value).
 */
void uplift_format_effects_write(FILE *out, const struct markup *mk, const struct uplift_result *r);

/* Head to head (format_effects.c): every pair of treatment arms, overall, with its legend. */
void uplift_format_pairs_write(FILE *out, const struct markup *mk, const struct uplift_result *r);

/* "+1.93 pp [+1.04, +2.81]": the change of c with its interval, pp for rates. Returns buf. */
const char *uplift_format_change(const struct format_words *w, char *buf, size_t n,
				 const struct uplift_comparison *c);

/* What the post period says of a window's lift (format_post.c). */
enum uplift_post_verdict {
	UPLIFT_POST_HELD,
	UPLIFT_POST_FADED,
	UPLIFT_POST_REVERSED,
	UPLIFT_POST_NO_LIFT, /* no lift in the window to hold or fade */
	UPLIFT_POST_UNKNOWN  /* a comparison missing or without an interval */
};

/* The verdict of the window's (w), post period's (p) and net (n) comparison. */
enum uplift_post_verdict uplift_post_verdict(const struct uplift_comparison *w,
					     const struct uplift_comparison *p,
					     const struct uplift_comparison *n);

struct uplift_voice; /* headline.h */

/* post_days: under the decision, a line when the arm it names faded or reversed after the window. */
void uplift_format_post_decision(FILE *out, const struct uplift_voice *v);

/* post_days: the window, post period and net side by side, and the verdicts. */
void uplift_format_post_write(FILE *out, const struct markup *mk, const struct uplift_result *r);

/* The marks of c: "✓" when tested and significant, "(small)" when small. Returns buf. */
const char *uplift_format_marks(const struct format_words *w, char *buf, size_t n,
				const struct uplift_comparison *c);

/*
 * The legend of the marks under a table: ✓ with the correction and the
 * size of its family (what = "this table", ...), and (small).
 */
void uplift_format_legend(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			  size_t family, const char *what);

/*
 * The coupon economics (format_economics.c): overall per treatment arm,
 * with why a cost per extra buyer is missing and the share of redeemers who
 * were extra buyers; and per value of --by column c.
 */
void uplift_format_economics_write(FILE *out, const struct markup *mk,
				   const struct uplift_result *r);
void uplift_format_economics_segments(FILE *out, const struct markup *mk,
				      const struct uplift_result *r, size_t c);

/*
 * The comparisons as CSV (format_csv.c): one header row, then one row per
 * comparison, overall and per segment, then one per head-to-head pair,
 * numbers in full precision ("" when not finite); a "#" line first when
 * the sample ratio is off.
 */
void uplift_format_csv_write(FILE *out, const struct uplift_result *r);

/*
 * The pre_period check k in one sentence, without the closing stop
 * (format_pre_period.c): in Chinese when zh, names shown through mk's escape
 * (NULL: as they are, for the JSON). Returns buf.
 */
const char *uplift_format_pre_period_words(char *buf, size_t n, const struct uplift_analysis *an,
					   const struct uplift_check *k, const struct markup *mk,
					   bool zh);

/*
 * Every pre_period check of an as a warning in markup mk, in its words'
 * language: before, the warning marks, the sentence, after. Nothing when
 * none is flagged.
 */
void uplift_format_pre_period_warnings(FILE *out, const struct markup *mk,
				       const struct uplift_analysis *an, const char *before,
				       const char *after);

/*
 * The checks of the data (format_checks.c): each a warning in mk's style
 * and words (English, or Chinese with uplift_format_words_zh), a blank line
 * after each; and each as a "# DATA ERROR: ..." or "# WARNING: ..." line
 * of CSV, in English.
 */
void uplift_format_checks_write(FILE *out, const struct markup *mk, const struct uplift_result *r);
void uplift_format_checks_csv(FILE *out, const struct uplift_result *r);

/*
 * The arms as a reader of the language sees them (in Chinese the ini labels,
 * wherever an arm is named) and the --by columns by their Chinese names:
 * copies of the analyses with those names in nm->r, for the writers
 * (report.md, analyze --lang zh). English: nm->r is r. False when out of
 * memory; uplift_format_named_release() after use.
 */
struct uplift_named {
	struct uplift_analysis an, post, net;
	struct uplift_result r;
	const char *arm_names[64];
	struct uplift_analysis_column *columns;
};

bool uplift_format_named(struct uplift_named *nm, const struct uplift_result *r, bool in_zh);
void uplift_format_named_release(struct uplift_named *nm);

#endif
