/*
 * format_segments.c - the per-segment sections of the text and Markdown
 * formats, one set per --by column: the flagged sample-ratio checks of its
 * values, a table per metric (segment values as rows, each treatment arm's
 * change vs control as a column, head to head when there is one pair of
 * coupons, and the best arm when the metric is the one decided on), its
 * heterogeneity line, the legend, the economics per value, and the
 * targeting plan.
 *
 * One meaning per mark, each explained in the legend under the tables: ✓
 * = significant after the correction of the column's family; >> = the best
 * arm is clearly ahead of the runner-up (its interval excludes 0, not
 * corrected), > = ahead but not clearly; (small) = too few users or events.
 * A metric that is not tested shows its change, with no mark, and a table
 * with nothing computable in it is one line instead.
 */
#include "format_internal.h"
#include "headline.h"
#include "numfmt.h"

#include <math.h>
#include <stdint.h>

/* Head to head columns in a segment table only up to this many pairs of coupons. */
#define MAX_PAIR_COLUMNS 1

static const struct uplift_comparison *find_in(const struct uplift_comparison *cmp, size_t n,
					       size_t c, size_t v, size_t arm, enum uplift_metric m)
{
	for (size_t i = 0; i < n; i++) {
		const struct uplift_comparison *x = &cmp[i];
		if (x->column == (long)c && x->value == v && x->arm == arm && x->metric == m)
			return x;
	}
	return NULL;
}

static const struct uplift_best *find_best(const struct uplift_analysis *an, size_t c, size_t v)
{
	for (size_t i = 0; i < an->n_best; i++)
		if (an->best[i].column == c && an->best[i].value == v)
			return &an->best[i];
	return NULL;
}

/* The pairs of coupons of column c (as the first value lists them), up to max; their count. */
static size_t column_pairs(const struct uplift_analysis *an, size_t c,
			   const struct uplift_comparison **first, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < an->n_pairs; i++) {
		const struct uplift_comparison *x = &an->pairs[i];
		if (x->column != (long)c || x->value != 0 || x->metric != an->pairs[0].metric ||
		    x->arm >= an->n_arms || x->baseline >= an->n_arms)
			continue;
		if (k < max)
			first[k] = x;
		k++;
	}
	return k;
}

/* The header row of segment_table: the column, users, control, the arms, the pairs. */
static void segment_header(struct table *t, const struct markup *mk,
			   const struct uplift_analysis *an, size_t c,
			   const struct uplift_comparison *const *pairs, size_t n_pairs,
			   bool decide)
{
	char a[UPLIFT_MARKUP_SIZE], b[UPLIFT_MARKUP_SIZE];
	size_t k = 3;

	table_cell(t, "%s", uplift_markup_show(mk, an->columns[c].name, a));
	table_cell(t, "%s", mk->words->users);
	table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[an->control], a));
	table_align_right(t, 1);
	table_align_right(t, 2);
	for (size_t arm = 0; arm < an->n_arms; arm++) {
		if (arm == an->control)
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[arm], a));
		table_align_right(t, k++);
	}
	for (size_t i = 0; i < n_pairs; i++) {
		table_cell(t, mk->words->arm_vs, uplift_markup_show(mk, an->arm_names[pairs[i]->arm], a),
			   uplift_markup_show(mk, an->arm_names[pairs[i]->baseline], b));
		table_align_right(t, k++);
	}
	if (decide)
		table_cell(t, "%s", mk->words->best_col);
}

/* The cell of segment value v: the best arm, >> or > its runner-up. */
static void best_cell(struct table *t, const struct markup *mk, const struct uplift_analysis *an,
		      size_t c, size_t v)
{
	const struct uplift_best *b = find_best(an, c, v);
	char a1[UPLIFT_MARKUP_SIZE], a2[UPLIFT_MARKUP_SIZE];

	if (!b || b->arm >= an->n_arms || b->runner_up >= an->n_arms)
		table_cell(t, UPLIFT_NUMFMT_NONE);
	else
		table_cell(t, "%s %s %s%s%s", uplift_markup_show(mk, an->arm_names[b->arm], a1),
			   b->clear ? ">>" : ">",
			   uplift_markup_show(mk, an->arm_names[b->runner_up], a2),
			   b->cmp.small ? " " : "", b->cmp.small ? mk->words->small : "");
}

/*
 * One comparison's cell: a tested metric's relative change with its marks,
 * an untested one's change; "–" (and (small)) when there is none. Returns
 * whether it shows a number.
 */
static bool change_cell(struct table *t, const struct markup *mk,
			const struct uplift_comparison *x)
{
	char ci[UPLIFT_NUMFMT_CI], marks[32];

	if (!x) {
		table_cell(t, UPLIFT_NUMFMT_NONE);
		return false;
	}
	if (x->tested ? !isfinite(x->lift) : !isfinite(x->diff)) {
		table_cell(t, "–%s%s", x->small ? " " : "", x->small ? mk->words->small : "");
		return false;
	}
	if (x->tested)
		uplift_numfmt_lift_ci(ci, sizeof(ci), x->lift, x->lift_lo, x->lift_hi);
	else
		uplift_format_change(mk->words, ci, sizeof(ci), x);
	uplift_format_marks(mk->words, marks, sizeof(marks), x);
	table_cell(t, "%s%s%s", ci, *marks ? " " : "", marks);
	return true;
}

/* Whether the comparisons of column c on metric m are tested (the first one says). */
static bool column_tested(const struct uplift_analysis *an, size_t c, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == (long)c && an->cmp[i].metric == m)
			return an->cmp[i].tested;
	return uplift_metric_tested(an->opt.set, m);
}

/* One table: segment values as rows, each treatment arm (and pair) a column; *shown = cells with a
 * number. */
static struct table *segment_table(const struct markup *mk, const struct uplift_result *r, size_t c,
				   enum uplift_metric m, size_t *shown)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_analysis_column *col = &an->columns[c];
	const struct uplift_comparison *pairs[MAX_PAIR_COLUMNS];
	size_t n_pairs = column_pairs(an, c, pairs, MAX_PAIR_COLUMNS);
	bool decide = m == an->opt.decide && an->n_best > 0;
	struct table *t;
	char v[64], a1[UPLIFT_MARKUP_SIZE];

	if (n_pairs > MAX_PAIR_COLUMNS)
		n_pairs = 0;
	t = table_new(3 + (an->n_arms - 1) + n_pairs + (decide ? 1 : 0));
	*shown = 0;
	if (!t)
		return NULL;
	segment_header(t, mk, an, c, pairs, n_pairs, decide);
	for (size_t k = 0; k < col->n_values; k++) {
		const struct uplift_segment_cell *cell = &col->cells[k * an->n_arms];
		double users = 0;
		for (size_t arm = 0; arm < an->n_arms; arm++)
			users += cell[arm].users[m];
		table_cell(t, "%s", uplift_markup_show(mk, col->values[k], a1));
		table_cell(t, "%.0f", users);
		uplift_numfmt_value(v, sizeof(v), an->opt.set, m, cell[an->control].value[m]);
		table_cell(t, "%s", v);
		for (size_t arm = 0; arm < an->n_arms; arm++)
			if (arm != an->control)
				*shown += change_cell(t, mk, find_in(an->cmp, an->n_cmp, c, k, arm, m));
		for (size_t i = 0; i < n_pairs; i++)
			*shown +=
			    change_cell(t, mk, find_in(an->pairs, an->n_pairs, c, k, pairs[i]->arm, m));
		if (decide)
			best_cell(t, mk, an, c, k);
	}
	return t;
}

static void write_heterogeneity(FILE *out, const struct markup *mk,
				const struct uplift_analysis *an, size_t c, enum uplift_metric m)
{
	bool first = true;
	char name[UPLIFT_MARKUP_SIZE];

	for (size_t i = 0; i < an->n_het; i++) {
		const struct uplift_heterogeneity *h = &an->het[i];
		if (h->column != c || h->metric != m)
			continue;
		if (first)
			fprintf(out, "%s%s%s%s ", mk->gap, mk->em_open, mk->words->heterogeneity,
				mk->em_close);
		else
			fputs(mk->words->het_sep, out);
		fprintf(out, "%s %s", uplift_markup_show(mk, an->arm_names[h->arm], name),
			isfinite(h->q) ? "" : "–");
		if (isfinite(h->q))
			fprintf(out, mk->words->het_item, h->q, h->df, h->p,
				100 * h->i2);
		first = false;
	}
	if (!first)
		fputc('\n', out);
}

/* The flagged sample-ratio checks of column c's values, each with what to do. */
static void write_srm(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
		      size_t c, const char *name)
{
	char value[UPLIFT_MARKUP_SIZE], p[32], pa[32];

	for (size_t i = 0; i < an->n_checks; i++) {
		const struct uplift_check *x = &an->checks[i];
		if (x->code != UPLIFT_CHECK_SEGMENT_SRM || x->column != (long)c ||
		    x->value >= an->columns[c].n_values)
			continue;
		fputc('\n', out);
		fprintf(out, mk->words->segment_srm, mk->warn_open, name,
			uplift_markup_show(mk, an->columns[c].values[x->value], value), x->chi2,
			uplift_numfmt_p(p, sizeof(p), x->p), name,
			uplift_numfmt_p(pa, sizeof(pa), x->p_adjusted), mk->warn_close);
	}
}

/* Under the tables of column c: every mark they use, and what is not tested. */
static void write_legend(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			 size_t c, const char *name)
{
	char what[UPLIFT_MARKUP_SIZE + 64];
	const struct uplift_comparison *pairs[MAX_PAIR_COLUMNS];
	size_t n_pairs = column_pairs(an, c, pairs, MAX_PAIR_COLUMNS);

	fputc('\n', out);
	snprintf(what, sizeof(what), mk->words->column_family, name);
	uplift_format_legend(out, mk, an, uplift_headline_family(an->cmp, an->n_cmp, (long)c),
			     what);
	if (n_pairs > 0 && n_pairs <= MAX_PAIR_COLUMNS)
		fprintf(out, mk->words->legend_pairs, mk->gap, mk->indent,
			uplift_headline_correction(an),
			uplift_headline_family(an->pairs, an->n_pairs, (long)c), name);
	else if (n_pairs > MAX_PAIR_COLUMNS)
		fprintf(out, mk->words->pairs_elsewhere, mk->gap, mk->indent, n_pairs);
	if (an->n_best > 0)
		fprintf(out, mk->words->legend_best, mk->gap, mk->indent,
			uplift_numfmt_level(an->opt.alpha));
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		if ((an->metrics & UPLIFT_METRIC_BIT(m)) &&
		    !column_tested(an, c, (enum uplift_metric)m)) {
			fprintf(out, mk->words->legend_untested, mk->gap, mk->indent);
			break;
		}
}

/* The plan's table: each segment value, its users, and the arm to send it. */
static struct table *plan_table(const struct markup *mk, const struct uplift_analysis *an,
				const struct uplift_plan *p, size_t c, const char *heading)
{
	struct table *t = table_new(3);
	char name[UPLIFT_MARKUP_SIZE], value[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "%s", heading);
	table_cell(t, "%s", mk->words->users);
	table_cell(t, "%s", mk->words->send);
	table_align_right(t, 1);
	for (size_t k = 0; k < p->n_rows; k++) {
		const struct uplift_plan_row *row = &p->rows[k];
		if (row->users == 0)
			continue;
		const char *arm = row->arm != SIZE_MAX ? an->arm_names[row->arm] : "–";

		table_cell(t, "%s",
			   uplift_markup_show(mk, an->columns[c].values[row->value], value));
		table_cell(t, "%.0f", row->users);
		if (row->folds_agree)
			table_cell(t, "%s", uplift_markup_show(mk, arm, name));
		else
			table_cell(t, mk->words->chosen_by, uplift_markup_show(mk, arm, name),
				   100 * row->agreement);
	}
	return t;
}

/* The plan's value, the best single arm's and the gain, with their intervals. */
static void plan_figures(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			 const struct uplift_plan *p)
{
	enum uplift_metric m = p->metric;
	char a[64], lo[64], hi[64], name[UPLIFT_MARKUP_SIZE];

	fprintf(out, mk->words->plan_value, mk->list, uplift_numfmt_value(a, sizeof(a), an->opt.set, m, p->plan),
		uplift_numfmt_value(lo, sizeof(lo), an->opt.set, m, p->plan_lo),
		uplift_numfmt_value(hi, sizeof(hi), an->opt.set, m, p->plan_hi));
	fprintf(out, mk->words->plan_single, mk->vs,
		uplift_markup_show(mk, an->arm_names[p->single_arm], name),
		uplift_numfmt_value(a, sizeof(a), an->opt.set, m, p->single),
		uplift_numfmt_value(lo, sizeof(lo), an->opt.set, m, p->single_lo),
		uplift_numfmt_value(hi, sizeof(hi), an->opt.set, m, p->single_hi));
	fprintf(out, mk->words->plan_gain, mk->gives, uplift_numfmt_diff(a, sizeof(a), an->opt.set, m, p->gain),
		uplift_numfmt_diff(lo, sizeof(lo), an->opt.set, m, p->gain_lo),
		uplift_numfmt_diff(hi, sizeof(hi), an->opt.set, m, p->gain_hi));
}

/*
 * The targeting plan by column c: its table only when the gain over the
 * best single arm has an interval above 0; otherwise one line that says to
 * send everyone that arm.
 */
static void write_plan(FILE *out, const struct markup *mk, const struct uplift_result *r, size_t c)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_plan *p = NULL;
	char name[UPLIFT_MARKUP_SIZE], arm[UPLIFT_MARKUP_SIZE], g[UPLIFT_NUMFMT_CI];
	char mname[UPLIFT_MARKUP_SIZE];
	struct table *t;

	for (size_t i = 0; i < r->n_plans; i++)
		if (r->plans[i]->column == c)
			p = r->plans[i];
	if (!p)
		return;
	uplift_markup_show(mk, an->columns[c].name, name);
	fprintf(out, "\n%s", uplift_markup_section(mk, r->embedded));
	fprintf(out, mk->words->plan, name, uplift_format_metric(mk, an->opt.set, p->metric, mname));
	fputs("\n\n", out);
	if (p->reason || p->single_arm >= an->n_arms) {
		fprintf(out, mk->words->plan_none, mk->indent,
			uplift_format_words_reason(mk->words, p->reason ? p->reason : "no best single arm"));
		return;
	}
	uplift_markup_show(mk, an->arm_names[p->single_arm], arm);
	if (!(isfinite(p->gain_lo) && p->gain_lo > 0)) {
		fprintf(
		    out, mk->words->plan_no_gain, mk->indent, arm,
		    uplift_numfmt_diff_ci(g, sizeof(g), an->opt.set, p->metric, p->gain, p->gain_lo, p->gain_hi),
		    arm);
		return;
	}
	if (!(t = plan_table(mk, an, p, c, name)))
		return;
	uplift_markup_table(mk, t, out);
	fputc('\n', out);
	plan_figures(out, mk, an, p);
	fprintf(out, mk->words->plan_cross, mk->gap, p->splits, (unsigned long long)p->seed);
}

void uplift_format_segments_write(FILE *out, const struct markup *mk, const struct uplift_result *r,
				  size_t c)
{
	const struct uplift_analysis *an = r->an;
	const struct format_words *w = mk->words;
	char name[UPLIFT_MARKUP_SIZE], mname[UPLIFT_MARKUP_SIZE];

	uplift_markup_show(mk, an->columns[c].name, name);
	write_srm(out, mk, an, c, name);
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		bool tested = column_tested(an, c, (enum uplift_metric)m);
		size_t shown;
		struct table *t;

		if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		/* in a report, no table of a metric that only describes: the coupon's
		 * cost per segment is in the economics table below */
		if (r->brief && !tested)
			continue;
		t = segment_table(mk, r, c, (enum uplift_metric)m, &shown);
		fprintf(out, "\n%s", uplift_markup_section(mk, r->embedded));
		fprintf(out, w->by, name, uplift_format_metric(mk, an->opt.set, (enum uplift_metric)m, mname),
			uplift_metric_kind(an->opt.set, m) == UPLIFT_PROPORTION ? w->rate : w->value,
			tested ? w->relative : w->change_described,
			uplift_numfmt_level(an->opt.alpha),
			m == (int)an->opt.decide && an->n_best > 0 ? w->best_of_all : "",
			shown ? "\n" : "");
		if (!shown) {
			table_free(t);
			fprintf(out, w->none_computable, mk->indent, mk->gap);
			continue;
		}
		uplift_markup_table(mk, t, out);
		if (tested) /* Cochran's Q is a test: not for a metric that only describes */
			write_heterogeneity(out, mk, an, c, (enum uplift_metric)m);
	}
	write_legend(out, mk, an, c, name);
	uplift_format_economics_segments(out, mk, r, c);
	write_plan(out, mk, r, c);
}
