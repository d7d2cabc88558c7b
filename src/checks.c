/*
 * checks.c - what looks wrong with the test itself (see uplift_checks.h):
 * the names of the checks as the JSON gives them, and the entries the
 * statistics of an analysis give, srm and segment_srm, when flagged.
 */
#include "uplift_checks.h"

#include <stdlib.h>

#include "analysis_internal.h"

static const char *const names[UPLIFT_N_CHECK_CODES] = {
    [UPLIFT_CHECK_SRM] = "srm",
    [UPLIFT_CHECK_SEGMENT_SRM] = "segment_srm",
    [UPLIFT_CHECK_CONTROL_DISCOUNT] = "control_discount",
    [UPLIFT_CHECK_DISCOUNT_MISMATCH] = "discount_mismatch",
    [UPLIFT_CHECK_BELOW_MIN_SPEND] = "below_min_spend",
    [UPLIFT_CHECK_NO_REDEMPTION] = "no_redemption",
    [UPLIFT_CHECK_MISSING_DISCOUNT] = "missing_discount",
    [UPLIFT_CHECK_IGNORED_COLUMNS] = "ignored_columns",
    [UPLIFT_CHECK_INCONSISTENT_OUTCOME] = "inconsistent_outcome",
    [UPLIFT_CHECK_PRE_PERIOD] = "pre_period",
};

const char *uplift_checks_code_name(enum uplift_check_code code)
{
	return (unsigned)code < UPLIFT_N_CHECK_CODES ? names[code] : "unknown";
}

static struct uplift_check *add(struct uplift_analysis *a, enum uplift_check_code code,
				const struct uplift_srm_result *srm)
{
	struct uplift_check *k = &a->checks[a->n_checks++];

	k->code = code;
	k->severity = UPLIFT_CHECK_WARNING;
	k->column = -1;
	k->value = 0;
	k->arm = -1;
	k->metric = UPLIFT_N_METRICS;
	k->chi2 = srm->chi2;
	k->df = srm->df;
	k->p = k->p_adjusted = srm->p;
	return k;
}

bool uplift_checks_fill(struct uplift_analysis *a)
{
	a->checks = calloc(a->n_seg_srm + 1, sizeof(*a->checks));
	a->n_checks = 0;
	if (!a->checks)
		return false;
	if (a->srm.mismatch)
		add(a, UPLIFT_CHECK_SRM, &a->srm);
	for (size_t i = 0; i < a->n_seg_srm; i++) {
		const struct uplift_segment_srm *r = &a->seg_srm[i];
		struct uplift_check *k;

		if (!r->srm.mismatch)
			continue;
		k = add(a, UPLIFT_CHECK_SEGMENT_SRM, &r->srm);
		k->column = (long)r->column;
		k->value = r->value;
		k->p_adjusted = r->p_adjusted;
	}
	return true;
}
