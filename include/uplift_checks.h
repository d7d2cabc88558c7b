/*
 * uplift_checks.h - what looks wrong with the test itself, one entry per
 * finding (JSON "checks", every format's warnings, validate, --strict).
 *
 * The statistics an analysis computes give srm and segment_srm (analysis.c,
 * heterogeneity.c); the checks of the data (control_discount,
 * discount_mismatch, ...) come from the loader. A check holds numbers and
 * names only: each writer words it in its own language.
 */
#ifndef UPLIFT_CHECKS_H
#define UPLIFT_CHECKS_H

#include <stddef.h>

enum uplift_check_code {
	UPLIFT_CHECK_SRM = 0,     /* users per arm do not match the weights */
	UPLIFT_CHECK_SEGMENT_SRM, /* within one value of a --by column, Holm across its values */
	UPLIFT_N_CHECK_CODES
};

enum uplift_check_severity { UPLIFT_CHECK_WARNING = 0, UPLIFT_CHECK_ERROR };

struct uplift_check {
	enum uplift_check_code code;
	enum uplift_check_severity severity;
	long column;                    /* segment_srm: the --by column; -1 otherwise */
	size_t value;                   /* segment_srm: the value index */
	double chi2, df, p, p_adjusted; /* srm: p_adjusted = p */
};

/* "srm", "segment_srm", ...: the code as the JSON names it. */
const char *uplift_checks_code_name(enum uplift_check_code code);

#endif
