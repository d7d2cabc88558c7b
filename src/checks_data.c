/*
 * checks_data.c - the checks of the data (see uplift_checks.h): the
 * loader's findings (uplift_findings.h) against what experiment.ini
 * declares, turned into check entries, one per arm and kind, in a fixed
 * order: control_discount, discount_mismatch, below_min_spend and
 * no_redemption by arm, then missing_discount, ignored_columns,
 * inconsistent_outcome. validate takes them as an array; an analysis gets
 * them appended to its checks. A control that declares a coupon (--control
 * 8折券) is checked as the coupon arm it is.
 */
#include "uplift_checks.h"
#include "uplift_experiment.h"
#include "uplift_findings.h"

#include <stdlib.h>
#include <string.h>

#include "analysis_internal.h"
#include "data_findings.h"

bool uplift_checks_is_data(enum uplift_check_code code)
{
	return code >= UPLIFT_CHECK_CONTROL_DISCOUNT && code <= UPLIFT_CHECK_INCONSISTENT_OUTCOME;
}

/* A new entry of code at out[*n], for arm (-1: none), from rows r (NULL: none) out of of. */
static struct uplift_check *put(struct uplift_check *out, size_t *n, enum uplift_check_code code,
				long arm, const struct uplift_finding_rows *r, uint64_t of,
				const char *file)
{
	struct uplift_check *k = &out[(*n)++];

	memset(k, 0, sizeof(*k));
	k->code = code;
	k->severity = code == UPLIFT_CHECK_CONTROL_DISCOUNT ||
			      code == UPLIFT_CHECK_DISCOUNT_MISMATCH ||
			      code == UPLIFT_CHECK_MISSING_DISCOUNT
			  ? UPLIFT_CHECK_ERROR
			  : UPLIFT_CHECK_WARNING;
	k->column = -1;
	k->arm = arm;
	k->metric = UPLIFT_N_METRICS;
	k->chi2 = k->df = k->p = k->p_adjusted = NAN;
	k->diff = k->diff_lo = k->diff_hi = NAN;
	k->of = of;
	k->file = file;
	if (r) {
		k->count = r->count;
		for (int i = 0; i < UPLIFT_CHECK_EXAMPLES && i < UPLIFT_FINDING_EXAMPLES; i++)
			k->example[i] = r->line[i];
	}
	return k;
}

/* Fill out (room for 3 per arm and 3 more) with the checks; their number. */
static size_t fill(const struct uplift_experiment *exp, const struct uplift_findings *f,
		   struct uplift_check *out)
{
	size_t n = 0, coupons = uplift_findings_coupon_arms(exp);

	for (size_t a = 0; f->arm && a < f->n_arms && a < exp->n_arms; a++) {
		const struct uplift_arm_findings *x = &f->arm[a];
		if (a == exp->control && !uplift_findings_is_coupon(exp, a) && x->mismatch.count)
			put(out, &n, UPLIFT_CHECK_CONTROL_DISCOUNT, (long)a, &x->mismatch,
			    x->orders, f->file);
	}
	for (size_t a = 0; f->arm && a < f->n_arms && a < exp->n_arms; a++) {
		const struct uplift_arm_findings *x = &f->arm[a];
		if ((a != exp->control || uplift_findings_is_coupon(exp, a)) && x->mismatch.count)
			put(out, &n, UPLIFT_CHECK_DISCOUNT_MISMATCH, (long)a, &x->mismatch,
			    x->discounted, f->file);
	}
	for (size_t a = 0; f->arm && a < f->n_arms && a < exp->n_arms; a++) {
		const struct uplift_arm_findings *x = &f->arm[a];
		if (x->below_min_spend.count)
			put(out, &n, UPLIFT_CHECK_BELOW_MIN_SPEND, (long)a, &x->below_min_spend,
			    x->discounted, f->file);
	}
	for (size_t a = 0; f->has_discount && f->arm && a < f->n_arms && a < exp->n_arms; a++) {
		const struct uplift_arm_findings *x = &f->arm[a];
		if (uplift_findings_is_coupon(exp, a) && x->orders > 0 && x->discounted == 0)
			put(out, &n, UPLIFT_CHECK_NO_REDEMPTION, (long)a, NULL, x->orders, f->file);
	}
	if (!f->has_discount && coupons > 0) {
		struct uplift_check *k =
		    put(out, &n, UPLIFT_CHECK_MISSING_DISCOUNT, -1, NULL, 0, f->file);
		k->count = coupons;
		k->gross = f->gross_revenue;
	}
	if (f->n_ignored > 0) {
		struct uplift_check *k =
		    put(out, &n, UPLIFT_CHECK_IGNORED_COLUMNS, -1, NULL, 0, f->file);
		k->count = f->n_ignored;
		k->names = f->ignored;
	}
	if (f->inconsistent.count)
		put(out, &n, UPLIFT_CHECK_INCONSISTENT_OUTCOME, -1, &f->inconsistent, f->rows,
		    f->file);
	return n;
}

bool uplift_checks_from_findings(const struct uplift_experiment *exp,
				 const struct uplift_findings *f, struct uplift_check **out,
				 size_t *n)
{
	struct uplift_check *k = calloc(3 * exp->n_arms + 3, sizeof(*k));

	*out = NULL;
	*n = 0;
	if (!k)
		return false;
	*n = fill(exp, f, k);
	if (*n == 0)
		free(k);
	else
		*out = k;
	return true;
}

bool uplift_checks_add_findings(struct uplift_analysis *a, const struct uplift_experiment *exp,
				const struct uplift_findings *f)
{
	struct uplift_check *k, *all;
	size_t n;

	if (!uplift_checks_from_findings(exp, f, &k, &n))
		return false;
	if (n == 0)
		return true;
	if (!(all = realloc(a->checks, (a->n_checks + n) * sizeof(*all)))) {
		free(k);
		return false;
	}
	memcpy(all + a->n_checks, k, n * sizeof(*k));
	a->checks = all;
	a->n_checks += n;
	free(k);
	return true;
}
