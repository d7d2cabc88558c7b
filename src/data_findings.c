/*
 * data_findings.c - the loader's findings (see data_findings.h): each order
 * in the window against its arm's declared coupon, the columns of
 * outcomes.csv nobody reads, and the metrics a folder without a discount
 * column can still report.
 *
 * The rules, each to the cent (UPLIFT_FINDINGS_CENT):
 *   control              every discounted order is a mismatch (a control
 *                        that declares a coupon, --control 8折券, has
 *                        that coupon's rule instead)
 *   percent_off = P      a discount is P% of the amount
 *   amount_off = A       a discount on an order of min_spend or more is A
 *                        (or the whole amount, when the order is below A)
 *   min_spend = M        a discount on an order below M is below_min_spend
 * An arm that declares neither percent_off nor amount_off has no rule.
 */
#include "data_findings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "uplift_metric.h"

bool uplift_findings_init(struct uplift_findings *f, const struct uplift_experiment *exp,
			  const char *file, bool per_arm)
{
	free(f->arm);
	free(f->ignored);
	memset(f, 0, sizeof(*f));
	f->file = file;
	if (!per_arm)
		return true;
	f->n_arms = exp->n_arms;
	f->arm = calloc(exp->n_arms + 1, sizeof(*f->arm));
	return f->arm != NULL;
}

bool uplift_findings_is_coupon(const struct uplift_experiment *exp, size_t a)
{
	return a < exp->n_arms && (exp->arms[a].percent_off > 0 || exp->arms[a].amount_off > 0);
}

size_t uplift_findings_coupon_arms(const struct uplift_experiment *exp)
{
	size_t n = 0;

	for (size_t a = 0; a < exp->n_arms; a++)
		n += uplift_findings_is_coupon(exp, a);
	return n;
}

/* Whether discount is off from want by more than a cent (with room for binary rounding). */
static bool off(double discount, double want)
{
	return fabs(discount - want) > UPLIFT_FINDINGS_CENT + 1e-9;
}

void uplift_findings_order(struct uplift_findings *f, const struct uplift_experiment *exp,
			   size_t arm, long line, double amount, double discount)
{
	const struct uplift_arm_def *def;
	struct uplift_arm_findings *a;

	if (!f->arm || arm >= f->n_arms)
		return;
	a = &f->arm[arm];
	def = &exp->arms[arm];
	a->orders++;
	if (!(discount > 0))
		return;
	a->discounted++;
	if (arm == exp->control && !uplift_findings_is_coupon(exp, arm)) {
		uplift_findings_add(&a->mismatch, line);
		return;
	}
	if (def->min_spend > 0 && amount < def->min_spend - 1e-9) {
		uplift_findings_add(&a->below_min_spend, line);
		return;
	}
	if (def->percent_off > 0) {
		if (off(discount, amount * def->percent_off / 100))
			uplift_findings_add(&a->mismatch, line);
	} else if (def->amount_off > 0) {
		if (off(discount, fmin(def->amount_off, amount)))
			uplift_findings_add(&a->mismatch, line);
	}
}

unsigned uplift_findings_metrics(const struct uplift_findings *f,
				 const struct uplift_experiment *exp, unsigned metrics)
{
	if (f->has_discount || uplift_findings_coupon_arms(exp) == 0)
		return metrics;
	return metrics & ~(UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT) |
			   UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION) | UPLIFT_METRIC_BIT(UPLIFT_PROFIT));
}

static bool is_used(long c, const long *used, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (used[i] == c)
			return true;
	return false;
}

bool uplift_findings_ignored(struct uplift_findings *f, const struct uplift_csv_row *h,
			     const long *used, size_t n)
{
	size_t len = 0;
	char *s;

	free(f->ignored);
	f->ignored = NULL;
	f->n_ignored = 0;
	for (size_t c = 0; c < h->n; c++)
		if (!is_used((long)c, used, n))
			len += h->len[c] + 2;
	if (len == 0)
		return true;
	if (!(s = malloc(len + 1)))
		return false;
	len = 0;
	for (size_t c = 0; c < h->n; c++) {
		if (is_used((long)c, used, n))
			continue;
		if (f->n_ignored++) {
			memcpy(s + len, ", ", 2);
			len += 2;
		}
		memcpy(s + len, h->field[c], h->len[c]);
		len += h->len[c];
	}
	s[len] = '\0';
	f->ignored = s;
	return true;
}
