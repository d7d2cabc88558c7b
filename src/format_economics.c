/*
 * format_economics.c - did the coupon pay for itself, in analyze's text
 * and Markdown: per treatment arm overall, and per value of a --by column.
 *
 * Every figure comes with its interval. The cost per extra buyer is "–"
 * with the reason unless conversion clearly rose; the share of redeemers
 * who were extra buyers is called a finding only when its interval
 * excludes 0. Without a discount column only the incremental revenue is
 * there; one note per arm says why the rest is "–".
 */
#include "format_internal.h"
#include "numfmt.h"

#include <math.h>
#include <string.h>

/* A change of money per user with its interval: "+7.31 [-20.13, +34.76]". */
static const char *money_change(char *buf, size_t n, const struct uplift_interval *x)
{
	return uplift_numfmt_diff_ci(buf, n, NULL, UPLIFT_REVENUE, x->est, x->lo, x->hi);
}

/* The conversion comparison behind economics entry e (same cell and arm), or NULL. */
static const struct uplift_comparison *conversion_of(const struct uplift_analysis *an,
						     const struct uplift_economics *e)
{
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column == e->column && (e->column == -1 || c->value == e->value) &&
		    c->arm == e->arm && c->metric == UPLIFT_CONVERSION)
			return c;
	}
	return NULL;
}

/*
 * Whether e has a cost per extra buyer to show: a number, and a conversion
 * change (when the analysis has one) whose interval is above 0, as the
 * contract's rule says; otherwise "–" with why.
 */
static bool has_cost(const struct uplift_analysis *an, const struct uplift_economics *e)
{
	const struct uplift_comparison *c = conversion_of(an, e);

	return isfinite(e->cost_per_incremental_buyer.est) &&
	       (!c || (isfinite(c->diff_lo) && c->diff_lo > 0));
}

/* The cost per extra buyer with its interval, or "–". */
static const char *cost_per_buyer(char *buf, size_t n, const struct uplift_analysis *an,
				  const struct uplift_economics *e)
{
	const struct uplift_interval *x = &e->cost_per_incremental_buyer;

	if (!has_cost(an, e)) {
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
		return buf;
	}
	return uplift_numfmt_value_ci(buf, n, NULL, UPLIFT_REVENUE, x->est, x->lo, x->hi);
}

/* The coupon's cost and redemption of e: the two cells every economics row opens with. */
static void cost_cells(struct table *t, const struct uplift_economics *e)
{
	char a[64];

	table_cell(t, "%s",
		   uplift_numfmt_value(a, sizeof(a), NULL, UPLIFT_REVENUE, e->discount_per_user));
	table_cell(t, "%s",
		   uplift_numfmt_value(a, sizeof(a), NULL, UPLIFT_CONVERSION, e->redemption_rate));
}

static struct table *economics_table(const struct markup *mk, const struct uplift_analysis *an)
{
	struct table *t = table_new(7);
	char ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	for (size_t k = 0; k < 7; k++)
		table_cell(t, "%s", mk->words->econ_cols[k]);
	for (size_t k = 1; k < 7; k++)
		table_align_right(t, k);
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->column != -1)
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[e->arm], name));
		cost_cells(t, e);
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->revenue));
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->profit));
		table_cell(t, "%s", cost_per_buyer(ci, sizeof(ci), an, e));
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->per_redeemer));
	}
	return t;
}

/* Why the cost per extra buyer of e is "–". */
static void no_cost(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
		    const struct uplift_economics *e, const char *who)
{
	const struct uplift_comparison *c = conversion_of(an, e);
	char ci[UPLIFT_NUMFMT_CI];

	if (c && !(isfinite(c->diff_lo) && c->diff_lo > 0))
		fprintf(out, mk->words->econ_no_rise, mk->note, who,
			uplift_format_change(mk->words, ci, sizeof(ci), c));
	else
		fprintf(out, mk->words->econ_no_cost, mk->note, who,
			uplift_format_words_reason(mk->words, e->reason ? e->reason : "not computable"));
}

/* The share of redeemers who were extra buyers: a finding only when its interval excludes 0. */
static void share(FILE *out, const struct markup *mk, const struct uplift_economics *e,
		  const char *who)
{
	const struct uplift_interval *x = &e->incremental_share_of_redeemers;
	char iv[160], lo[64], hi[64];

	if (!isfinite(x->est))
		return;
	if (isfinite(x->lo))
		snprintf(lo, sizeof(lo), "%.0f%%", 100 * x->lo);
	else
		snprintf(lo, sizeof(lo), UPLIFT_NUMFMT_NONE);
	if (isfinite(x->hi))
		snprintf(hi, sizeof(hi), "%.0f%%", 100 * x->hi);
	else
		snprintf(hi, sizeof(hi), UPLIFT_NUMFMT_NONE);
	uplift_numfmt_interval(iv, sizeof(iv), lo, hi);
	if (isfinite(x->lo) && x->lo > 0)
		fprintf(out, mk->words->econ_share, mk->item, who, 100 * x->est, iv);
	else if (isfinite(x->lo) && isfinite(x->hi))
		fprintf(out, mk->words->econ_unclear, mk->item, who, 100 * x->est, iv);
	else
		fprintf(out, mk->words->econ_no_interval, mk->item, who, 100 * x->est);
}

void uplift_format_economics_write(FILE *out, const struct markup *mk,
				   const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	char name[UPLIFT_MARKUP_SIZE];
	size_t n = 0;

	for (size_t i = 0; i < an->n_econ; i++)
		n += an->econ[i].column == -1;
	if (n == 0)
		return;
	fprintf(out, "\n%s", uplift_markup_section(mk, r->embedded));
	fprintf(out, mk->words->econ, 100 * an->opt.gross_margin,
		uplift_numfmt_level(an->opt.alpha));
	fputs("\n\n", out);
	uplift_markup_table(mk, economics_table(mk, an), out);
	fputc('\n', out);
	fprintf(out, mk->words->econ_explain, mk->indent);
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->column != -1)
			continue;
		uplift_markup_show(mk, an->arm_names[e->arm], name);
		if (e->reason && strcmp(e->reason, UPLIFT_ECONOMICS_NO_DISCOUNT) == 0)
			fprintf(out, mk->words->econ_no_discount, mk->note, name);
		else if (!has_cost(an, e))
			no_cost(out, mk, an, e, name);
		share(out, mk, e, name);
	}
}

/* The per-segment table of column c: each value and treatment arm a row. */
static struct table *segment_table(const struct markup *mk, const struct uplift_analysis *an,
				   size_t c, size_t *dashes)
{
	/* the columns of the overall table but incremental revenue and revenue per redeemer */
	static const int cols[] = {0, 1, 2, 4, 5};
	struct table *t = table_new(6);
	char ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "%s", uplift_markup_show(mk, an->columns[c].name, name));
	for (size_t k = 0; k < 5; k++)
		table_cell(t, "%s", mk->words->econ_cols[cols[k]]);
	for (size_t k = 2; k < 6; k++)
		table_align_right(t, k);
	*dashes = 0;
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->column != (long)c || e->value >= an->columns[c].n_values)
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->columns[c].values[e->value], name));
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[e->arm], name));
		cost_cells(t, e);
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->profit));
		table_cell(t, "%s", cost_per_buyer(ci, sizeof(ci), an, e));
		*dashes += !has_cost(an, e);
	}
	return t;
}

void uplift_format_economics_segments(FILE *out, const struct markup *mk,
				      const struct uplift_result *r, size_t c)
{
	const struct uplift_analysis *an = r->an;
	char name[UPLIFT_MARKUP_SIZE];
	size_t n = 0, dashes = 0;

	/* without a discount column the table would hold nothing but dashes */
	for (size_t i = 0; i < an->n_econ; i++)
		n += an->econ[i].column == (long)c &&
		     !(an->econ[i].reason &&
		       strcmp(an->econ[i].reason, UPLIFT_ECONOMICS_NO_DISCOUNT) == 0);
	if (n == 0)
		return;
	fprintf(out, "\n%s", uplift_markup_section(mk, r->embedded));
	fprintf(out, mk->words->econ_by, uplift_markup_show(mk, an->columns[c].name, name),
		uplift_numfmt_level(an->opt.alpha));
	fputs("\n\n", out);
	uplift_markup_table(mk, segment_table(mk, an, c, &dashes), out);
	if (dashes) {
		fputc('\n', out);
		fprintf(out, mk->words->econ_by_note, mk->indent);
	}
}
