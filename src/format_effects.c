/*
 * format_effects.c - the overall comparisons in analyze's text and
 * Markdown: the tested effects against control, the coupon's cost
 * described (discount, amount, redemption: values and difference, never a
 * p-value), and head to head, each treatment arm against each other.
 *
 * One meaning per mark, and every table that shows a mark explains it
 * under itself: ✓ = significant after the correction of the table's
 * family (its size given), (small) = cells too small to be a finding.
 */
#include "format_internal.h"
#include "headline.h"
#include "numfmt.h"

#include <math.h>
#include <stdint.h>

/* "+1.93 pp [+1.04, +2.81]": a change with its interval, in pp for rates. */
const char *uplift_format_change(const struct format_words *w, char *buf, size_t n,
				 const struct uplift_comparison *c)
{
	bool rate = uplift_metric_kind(c->set, c->metric) == UPLIFT_PROPORTION;
	char a[64], lo[64], hi[64], iv[160];

	if (!isfinite(c->diff)) {
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
		return buf;
	}
	uplift_numfmt_diff(lo, sizeof(lo), c->set, c->metric, c->diff_lo);
	uplift_numfmt_diff(hi, sizeof(hi), c->set, c->metric, c->diff_hi);
	snprintf(buf, n, "%s%s %s", uplift_numfmt_diff(a, sizeof(a), c->set, c->metric, c->diff),
		 rate ? w->pp : "", uplift_numfmt_interval(iv, sizeof(iv), lo, hi));
	return buf;
}

const char *uplift_format_marks(const struct format_words *w, char *buf, size_t n,
				const struct uplift_comparison *c)
{
	snprintf(buf, n, "%s%s%s", c->tested && c->significant ? "✓" : "",
		 c->small && c->tested && c->significant ? " " : "", c->small ? w->small : "");
	return buf;
}

void uplift_format_legend(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			  size_t family, const char *what)
{
	const struct format_words *w = mk->words;

	fputs(mk->indent, out);
	if (family == 0)
		; /* nothing tested: no ✓ to explain */
	else if (an->opt.correction == UPLIFT_NONE)
		fprintf(out, w->legend_none, an->opt.alpha, family, what);
	else
		fprintf(out, w->legend, uplift_headline_correction(an), family, what,
			an->opt.alpha);
	fprintf(out, w->legend_small, UPLIFT_SMALL_USERS, UPLIFT_SMALL_EVENTS);
}

/* The header row of the tested effects; the number columns right-aligned. */
static void effects_header(struct table *t, const struct markup *mk, size_t ncol, bool cuped)
{
	const struct format_words *w = mk->words;

	table_cell(t, "%s", w->arm);
	/* with CUPED the change and the relative change are adjusted, the values raw:
	 * said in the header, so that value minus value is not read as the change */
	for (size_t i = 0; i < 8; i++)
		table_cell(t, "%s%s", w->effect_cols[i],
			   cuped && (i == 3 || i == 4) ? w->cuped_adjusted : "");
	if (cuped)
		table_cell(t, "%s", w->cuped_col);
	table_cell(t, " ");
	for (size_t i = 2; i < ncol - 1; i++)
		table_align_right(t, i);
}

/* The row of a comparison: values, change and relative change with intervals, p, marks. */
static void effects_row(struct table *t, const struct markup *mk, const struct uplift_analysis *an,
			const struct uplift_comparison *c, bool pair)
{
	char a[64], b[64], ci[UPLIFT_NUMFMT_CI], n1[UPLIFT_MARKUP_SIZE], n2[UPLIFT_MARKUP_SIZE];
	char mname[UPLIFT_MARKUP_SIZE];

	if (pair)
		table_cell(t, mk->words->arm_vs, uplift_markup_show(mk, an->arm_names[c->arm], n1),
			   uplift_markup_show(mk, an->arm_names[c->baseline], n2));
	else
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[c->arm], n1));
	table_cell(t, "%s", uplift_format_metric(mk, an->opt.set, c->metric, mname));
	table_cell(t, "%s", uplift_numfmt_value(a, sizeof(a), c->set, c->metric, c->control));
	table_cell(t, "%s", uplift_numfmt_value(b, sizeof(b), c->set, c->metric, c->treatment));
	table_cell(t, "%s", uplift_format_change(mk->words, ci, sizeof(ci), c));
	table_cell(t, "%s", uplift_numfmt_lift_ci(ci, sizeof(ci), c->lift, c->lift_lo, c->lift_hi));
	if (c->tested) {
		table_cell(t, "%s", uplift_numfmt_p(a, sizeof(a), c->p));
		table_cell(t, "%s", uplift_numfmt_p(b, sizeof(b), c->p_adjusted));
	} else if (uplift_metric_is_twin(an->opt.set, c->metric)) {
		/* the uncapped result: its own p, outside the family */
		table_cell(t, "%s", uplift_numfmt_p(a, sizeof(a), c->p));
		table_cell(t, UPLIFT_NUMFMT_NONE);
	} else {
		table_cell(t, UPLIFT_NUMFMT_NONE);
		table_cell(t, UPLIFT_NUMFMT_NONE);
	}
	/* P(better) is against control only */
	if (!pair && c->tested && isfinite(c->chance_to_win))
		table_cell(t, "%.1f%%", 100 * c->chance_to_win);
	else if (!pair)
		table_cell(t, UPLIFT_NUMFMT_NONE);
	if (an->opt.cuped && !pair) {
		if (c->cuped)
			table_cell(t, "-%.0f%%", 100 * c->variance_reduction);
		else
			table_cell(t, UPLIFT_NUMFMT_NONE);
	}
	table_cell(t, "%s", uplift_format_marks(mk->words, a, sizeof(a), c));
}

/*
 * The described metrics against control in one paragraph: "coupon cost per
 * user vs control (...): discount: 8折券 +0.99 [+0.93, +1.05], ...".
 */
static void described_line(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			   const char *control, int level)
{
	char ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE], mname[UPLIFT_MARKUP_SIZE];
	bool zh = mk->words == &uplift_format_words_zh;
	int last = -1;

	fprintf(out, mk->words->described_line, control, level);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != -1 || c->tested)
			continue;
		if ((int)c->metric != last)
			fprintf(out, "%s%s%s", last == -1 ? "" : (zh ? "；" : "; "),
				uplift_format_metric(mk, an->opt.set, c->metric, mname),
				zh ? "：" : ": ");
		else
			fputs(zh ? "，" : ", ", out);
		fprintf(out, "%s %s", uplift_markup_show(mk, an->arm_names[c->arm], name),
			uplift_format_change(mk->words, ci, sizeof(ci), c));
		last = (int)c->metric;
	}
	fputs(zh ? "。\n\n" : ".\n\n", out);
}

/* The coupon's cost against control, described: values and the change only. */
static struct table *described_table(const struct markup *mk, const struct uplift_analysis *an)
{
	const struct format_words *w = mk->words;
	struct table *t = table_new(5);
	char a[64], ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE], mname[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "%s", w->arm);
	for (size_t i = 0; i < 4; i++)
		table_cell(t, "%s", w->effect_cols[i]);
	for (size_t i = 2; i < 5; i++)
		table_align_right(t, i);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != -1 || c->tested || uplift_metric_is_twin(an->opt.set, c->metric))
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[c->arm], name));
		table_cell(t, "%s", uplift_format_metric(mk, an->opt.set, c->metric, mname));
		table_cell(t, "%s", uplift_numfmt_value(a, sizeof(a), c->set, c->metric, c->control));
		table_cell(t, "%s", uplift_numfmt_value(a, sizeof(a), c->set, c->metric, c->treatment));
		table_cell(t, "%s", uplift_format_change(mk->words, ci, sizeof(ci), c));
	}
	return t;
}

/* Overall comparisons of cmp that are (not) tested, the uncapped twins aside. */
static size_t overall(const struct uplift_comparison *cmp, size_t n, bool tested)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (cmp[i].column == -1 && cmp[i].tested == tested &&
		    !uplift_metric_is_twin(cmp[i].set, cmp[i].metric))
			k++;
	return k;
}

/* c's row, and under it the row of its uncapped twin when it is capped. */
static void rows_of(struct table *t, const struct markup *mk, const struct uplift_analysis *an,
		    const struct uplift_comparison *list, size_t n, const struct uplift_comparison *c,
		    bool pair)
{
	const struct uplift_metric_def *d = uplift_metric_def(an->opt.set, (int)c->metric);

	effects_row(t, mk, an, c, pair);
	if (!d || d->uncapped >= UPLIFT_N_METRICS)
		return;
	for (size_t i = 0; i < n; i++)
		if ((int)list[i].metric == d->uncapped && list[i].column == c->column &&
		    list[i].value == c->value && list[i].arm == c->arm &&
		    list[i].baseline == c->baseline)
			effects_row(t, mk, an, &list[i], pair);
}

/* A heading: a blank line, the section prefix, the words, a blank line. */
static void heading(FILE *out, const char *section)
{
	fprintf(out, "\n%s", section);
}

void uplift_format_effects_write(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	const struct format_words *w = mk->words;
	const char *section = uplift_markup_section(mk, r->embedded);
	size_t ncol = an->opt.cuped ? 11 : 10;
	int level = uplift_numfmt_level(an->opt.alpha);
	char control[UPLIFT_MARKUP_SIZE];
	struct table *t;

	uplift_markup_show(mk, an->arm_names[an->control], control);
	if (overall(an->cmp, an->n_cmp, true) > 0 && (t = table_new(ncol)) != NULL) {
		heading(out, section);
		fprintf(out, w->effects, control, level);
		fputs("\n\n", out);
		if (an->opt.cuped) {
			if (r->counts && !r->counts->has_history)
				fputs(w->cuped_columns, out);
			else
				fprintf(out, w->cuped, r->exp->end - r->exp->start + 1);
			fputs("\n\n", out);
		}
		if (an->opt.sequential) {
			fprintf(out, w->sequential, an->opt.expected_users);
			fputs("\n\n", out);
		}
		effects_header(t, mk, ncol, an->opt.cuped);
		for (size_t i = 0; i < an->n_cmp; i++)
			if (an->cmp[i].column == -1 && an->cmp[i].tested)
				rows_of(t, mk, an, an->cmp, an->n_cmp, &an->cmp[i], false);
		uplift_markup_table(mk, t, out);
		fputc('\n', out);
		uplift_format_legend(out, mk, an, uplift_headline_family(an->cmp, an->n_cmp, -1),
				     w->this_table);
	}
	if (overall(an->cmp, an->n_cmp, false) > 0 && r->brief) {
		/* in a report: one line, not a table of a metric that only describes */
		described_line(out, mk, an, control, level);
	} else if (overall(an->cmp, an->n_cmp, false) > 0) {
		heading(out, section);
		fprintf(out, w->described, control, level);
		fputs("\n\n", out);
		uplift_markup_table(mk, described_table(mk, an), out);
	}
}

void uplift_format_pairs_write(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	const struct format_words *w = mk->words;
	size_t tested = overall(an->pairs, an->n_pairs, true);
	size_t untested = overall(an->pairs, an->n_pairs, false);
	struct table *t;

	if (tested + untested == 0 || !(t = table_new(9)))
		return;
	heading(out, uplift_markup_section(mk, r->embedded));
	fprintf(out, w->pairs, uplift_numfmt_level(an->opt.alpha));
	fputs("\n\n", out);
	for (size_t i = 0; i < 8; i++)
		table_cell(t, "%s", w->pair_cols[i]);
	table_cell(t, " ");
	for (size_t i = 2; i < 8; i++)
		table_align_right(t, i);
	for (size_t i = 0; i < an->n_pairs; i++)
		if (an->pairs[i].column == -1 && an->pairs[i].baseline < an->n_arms &&
		    an->pairs[i].arm < an->n_arms &&
		    !uplift_metric_is_twin(an->opt.set, an->pairs[i].metric))
			rows_of(t, mk, an, an->pairs, an->n_pairs, &an->pairs[i], true);
	uplift_markup_table(mk, t, out);
	fputc('\n', out);
	if (tested)
		uplift_format_legend(out, mk, an,
				     uplift_headline_family(an->pairs, an->n_pairs, -1),
				     w->this_family);
	if (untested)
		fprintf(out, w->pairs_untested, mk->indent);
}
