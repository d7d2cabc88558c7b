/*
 * format_words.h - the words of analyze's tables (text and Markdown), in
 * English and Chinese: headings, column headers, legends and notes. A
 * markup (markup.h) points to one set; analyze writes English, report.md
 * with --lang zh the Chinese one. Internal to the library.
 *
 * Each format string takes its arguments in the order its comment gives,
 * the same in both languages.
 */
#ifndef UPLIFT_FORMAT_WORDS_H
#define UPLIFT_FORMAT_WORDS_H

#include "uplift_metric.h"

#include <stdbool.h>
#include <stddef.h>

struct format_words {
	/* metric names in tables; NULL: the metric's own name (uplift_metric_name) */
	const char *metric[UPLIFT_N_BUILTIN];
	const char *arm, *metric_col, *users; /* column headers */
	const char *arms;                     /* level */
	const char *cuped_not_applied;        /* before the reason */

	const char *effects;    /* control, level */
	const char *cuped;      /* days */
	const char *cuped_columns; /* without history.csv: by [metric] covariate columns */
	const char *sequential; /* expected users */
	const char
	    *effect_cols[8]; /* metric, control, treatment, change, relative, p, p adj, P(better) */
	const char *cuped_col;
	const char *legend;                   /* correction, family size, what, alpha */
	const char *legend_none;              /* alpha, family size, what */
	const char *legend_small;             /* UPLIFT_SMALL_USERS, UPLIFT_SMALL_EVENTS */
	const char *this_table, *this_family; /* what a legend's family is */
	const char *column_family;            /* column name */
	const char *described;                /* control, level */
	const char *pairs;                    /* level */
	const char *pair_cols[8];             /* A vs B, metric, B, A, A - B, A / B - 1, p, p adj */
	const char *pairs_untested;           /* indent */

	const char *econ; /* gross margin in %, level */
	const char *
	    econ_cols[7]; /* arm, coupon cost, redeemed, revenue, profit, per buyer, per redeemer */
	const char *econ_explain;     /* indent */
	const char *econ_no_rise;     /* note, arm, conversion change */
	const char *econ_no_cost;     /* note, arm, reason */
	const char *econ_no_discount; /* note, arm */
	const char *econ_share;       /* item, arm, share in %, interval */
	const char *econ_unclear;     /* item, arm, share in %, interval */
	const char *econ_no_interval; /* item, arm, share in % */
	const char *econ_by;          /* column, level */
	const char *econ_by_note;     /* indent */

	const char *segment_srm; /* warn, column, value, chi2, p, column, p adj, warn close */
	const char *by; /* column, metric, rate|value, relative|described, level, best, gap */
	const char *rate, *value, *relative, *change_described, *best_of_all;
	const char *best_col;
	const char *none_computable; /* indent, gap */
	const char *heterogeneity;
	const char *legend_pairs;    /* gap, indent, correction, family size, column */
	const char *pairs_elsewhere; /* gap, indent, pairs of coupons */
	const char *legend_best;     /* gap, indent, level */
	const char *legend_untested; /* gap, indent */

	const char *plan;             /* column, metric */
	const char *plan_none;        /* indent, reason */
	const char *plan_no_gain;     /* indent, arm, gain with interval, arm */
	const char *send, *chosen_by; /* chosen_by: arm, share of halves in % */
	const char *plan_value;       /* list, value, lo, hi */
	const char *plan_single;      /* vs, arm, value, lo, hi */
	const char *plan_gain;        /* gives, gain, lo, hi */
	const char *plan_cross;       /* gap, splits, seed */

	const char *pp;        /* after a change of a rate: " pp" */
	const char *small;     /* the mark of a small cell: "(small)" */
	const char *arm_vs;    /* arm A, arm B: "A vs B" */
	const char *het_item;  /* Q, df, p, I² in %: one arm's heterogeneity */
	const char *het_sep;   /* between two arms' heterogeneity */
	const char *described_line; /* the discount line instead of its table: control, level */
	const char *cuped_adjusted; /* after the change columns' headers with CUPED */
};

/*
 * The words for one language (en or zh), for writers outside the tables
 * (charts, decision, review) that choose by a flag.
 */
const struct format_words *uplift_format_words(bool zh);

/*
 * What a reader of language words sees for arm a of experiment exp: in
 * Chinese its ini label when it has one, else its name (names[a], the
 * analysis' arm_names). Not escaped.
 */
struct uplift_experiment;
const char *uplift_format_words_arm(const struct format_words *words,
				    const struct uplift_experiment *exp,
				    const char *const *names, size_t a);

/*
 * The name of a --by column for a reader: the Chinese name of a segment
 * derived from history.csv (rfm_segment, lifecycle, spend_level, ...) in
 * Chinese words, else the column's own name. Not escaped.
 */
const char *uplift_format_words_column(const struct format_words *words, const char *column);

/*
 * A reason the library gives for a number it cannot give (a plan, an
 * interval, a pooled estimate), in Chinese words when the library's
 * English one is known; else reason itself. Not escaped.
 */
const char *uplift_format_words_reason(const struct format_words *words, const char *reason);

/* The metric's name in words (the zh label of a user metric), not escaped. */
const char *uplift_format_words_metric(const struct format_words *words,
				       const struct uplift_metric_set *set, enum uplift_metric m);

extern const struct format_words uplift_format_words_en;
extern const struct format_words uplift_format_words_zh;

#endif
