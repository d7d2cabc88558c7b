/*
 * uplift_checks.h - what looks wrong with the test itself, one entry per
 * finding (JSON "checks", every format's warnings, validate, --strict).
 *
 * The statistics an analysis computes give srm, segment_srm and
 * pre_period (analysis.c, heterogeneity.c); the checks of the data
 * (control_discount, discount_mismatch, ...) come from the loader's
 * findings (uplift_findings.h), added by uplift_checks_add_findings. A
 * check holds numbers and names only: each writer words it in its own
 * language.
 */
#ifndef UPLIFT_CHECKS_H
#define UPLIFT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_metric.h"

enum uplift_check_code {
	UPLIFT_CHECK_SRM = 0,     /* users per arm do not match the weights */
	UPLIFT_CHECK_SEGMENT_SRM, /* within one value of a --by column, Holm across its values */
	UPLIFT_CHECK_CONTROL_DISCOUNT,  /* control users have discounted orders */
	UPLIFT_CHECK_DISCOUNT_MISMATCH, /* an arm's discounts are not what its section declares */
	UPLIFT_CHECK_BELOW_MIN_SPEND,   /* a min_spend coupon's discount below min_spend */
	UPLIFT_CHECK_NO_REDEMPTION,     /* a coupon arm without a single discount */
	UPLIFT_CHECK_MISSING_DISCOUNT,  /* coupon arms declared, no discount column */
	UPLIFT_CHECK_IGNORED_COLUMNS,   /* outcomes.csv columns that were not used */
	UPLIFT_CHECK_INCONSISTENT_OUTCOME, /* outcomes.csv rows that contradict themselves */
	UPLIFT_CHECK_PRE_PERIOD,           /* the arms differ before the test began */
	UPLIFT_N_CHECK_CODES
};

enum uplift_check_severity { UPLIFT_CHECK_WARNING = 0, UPLIFT_CHECK_ERROR };

#define UPLIFT_CHECK_EXAMPLES 2

struct uplift_check {
	enum uplift_check_code code;
	enum uplift_check_severity severity;
	long column;                    /* segment_srm: the --by column; -1 otherwise */
	size_t value;                   /* segment_srm: the value index */
	double chi2, df, p, p_adjusted; /* srm: p_adjusted = p; pre_period: p, Holm-adjusted */
	long arm;                       /* the arm concerned, -1 for none */
	/* pre_period: the metric, and arm - control over the pre-period
	 * (diff with its interval at the analysis' level) */
	enum uplift_metric metric;
	double diff, diff_lo, diff_hi;
	/* data checks: the rows (orders, outcome rows) found, out of how many
	 * (0: not counted), the file and the first lines (0 where fewer) */
	uint64_t count, of;
	const char *file;
	long example[UPLIFT_CHECK_EXAMPLES];
	const char *names; /* ignored_columns: the columns, ", "-joined (borrowed) */
	bool gross;        /* missing_discount: revenue is the amount before any discount */
};

struct uplift_analysis;   /* uplift_analysis.h */
struct uplift_experiment; /* uplift_experiment.h */
struct uplift_findings;   /* uplift_findings.h */

/* "srm", "segment_srm", ...: the code as the JSON names it. */
const char *uplift_checks_code_name(enum uplift_check_code code);

/*
 * Append to a->checks the data checks that the loader's findings f give
 * for experiment exp (its arms' declared coupons): control_discount,
 * discount_mismatch, below_min_spend, no_redemption, missing_discount,
 * ignored_columns, inconsistent_outcome. The names and lines point into f,
 * which must outlive a. False when out of memory.
 */
bool uplift_checks_add_findings(struct uplift_analysis *a, const struct uplift_experiment *exp,
				const struct uplift_findings *f);

/* Whether code is a check of the data (control_discount ... inconsistent_outcome). */
bool uplift_checks_is_data(enum uplift_check_code code);

/*
 * The data checks that findings f give for experiment exp, without an
 * analysis (validate): a new array in *out that the caller frees with
 * free() (NULL when there is none) and its length in *n. Severity: error
 * for control_discount, discount_mismatch and missing_discount, warning
 * for the others. The names and lines point into f. False when out of
 * memory.
 */
bool uplift_checks_from_findings(const struct uplift_experiment *exp,
				 const struct uplift_findings *f, struct uplift_check **out,
				 size_t *n);

/*
 * The sentence of data check k in English (zh false) or Chinese into buf
 * (size bytes, cut at a whole character): what is wrong, how often, the
 * first lines, and what to check. arm is the name of k's arm and names its
 * columns (ignored_columns), each already escaped for where the sentence
 * lands (NULL: none); exp gives the coupon the arm declares (NULL: not
 * named). Returns buf, empty for a check that is not a data check.
 */
const char *uplift_checks_words(const struct uplift_check *k, const struct uplift_experiment *exp,
				const char *arm, const char *names, bool zh, char *buf,
				size_t size);

#endif
