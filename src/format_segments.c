/*
 * format_segments.c - the per-segment sections of the text and Markdown
 * formats, one set per --by column: a table per metric (segment values as
 * rows, each treatment arm's lift as a column, and the best arm when the
 * metric is the one decided on), its heterogeneity line, the legend, and
 * the targeting plan.
 */
#include "format_internal.h"
#include "numfmt.h"

#include <math.h>
#include <stdint.h>

static const struct uplift_comparison *find_cmp(const struct uplift_analysis *an, size_t c,
						size_t v, size_t arm, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *x = &an->cmp[i];
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

/* The header row of segment_table: the column, users, control, the other arms. */
static void segment_header(struct table *t, const struct markup *mk,
			   const struct uplift_analysis *an, size_t c, bool decide)
{
	char a[UPLIFT_MARKUP_SIZE];

	table_cell(t, "%s", uplift_markup_show(mk, an->columns[c].name, a));
	table_cell(t, "users");
	table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[an->control], a));
	table_align_right(t, 1);
	table_align_right(t, 2);
	for (size_t arm = 0, k = 3; arm < an->n_arms; arm++) {
		if (arm == an->control)
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[arm], a));
		table_align_right(t, k++);
	}
	if (decide)
		table_cell(t, "best (vs runner-up)");
}

/* The cell of segment value v: the best arm, whether it is clear, and its runner-up. */
static void best_cell(struct table *t, const struct markup *mk, const struct uplift_analysis *an,
		      size_t c, size_t v)
{
	const struct uplift_best *b = find_best(an, c, v);
	char a1[UPLIFT_MARKUP_SIZE], a2[UPLIFT_MARKUP_SIZE];

	if (!b || b->arm == SIZE_MAX || b->runner_up == SIZE_MAX)
		table_cell(t, "–");
	else
		table_cell(t, "%s%s vs %s%s", uplift_markup_show(mk, an->arm_names[b->arm], a1),
			   b->clear ? " ✓" : " ?",
			   uplift_markup_show(mk, an->arm_names[b->runner_up], a2),
			   b->cmp.small ? " (small)" : "");
}

/* One compact table: segment values as rows, each treatment arm a column group. */
static struct table *segment_table(const struct markup *mk, const struct uplift_result *r, size_t c,
				   enum uplift_metric m)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_analysis_column *col = &an->columns[c];
	bool decide = m == an->opt.decide && an->n_best > 0;
	struct table *t = table_new(3 + (an->n_arms - 1) + (decide ? 1 : 0));
	char v[64], ci[UPLIFT_NUMFMT_CI], a1[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	segment_header(t, mk, an, c, decide);
	for (size_t k = 0; k < col->n_values; k++) {
		const struct uplift_segment_cell *cell = &col->cells[k * an->n_arms];
		double users = 0;
		for (size_t arm = 0; arm < an->n_arms; arm++)
			users += cell[arm].users[m];
		table_cell(t, "%s", uplift_markup_show(mk, col->values[k], a1));
		table_cell(t, "%.0f", users);
		uplift_numfmt_value(v, sizeof(v), m, cell[an->control].value[m]);
		table_cell(t, "%s", v);
		for (size_t arm = 0; arm < an->n_arms; arm++) {
			const struct uplift_comparison *x;
			if (arm == an->control)
				continue;
			x = find_cmp(an, c, k, arm, m);
			if (!x || !isfinite(x->lift)) {
				table_cell(t, "–%s", x && x->small ? " (small)" : "");
				continue;
			}
			table_cell(
			    t, "%s%s%s",
			    uplift_numfmt_lift_ci(ci, sizeof(ci), x->lift, x->lift_lo, x->lift_hi),
			    x->significant ? " ✓" : "", x->small ? " (small)" : "");
		}
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
			fprintf(out, "%s%sheterogeneity:%s ", mk->gap, mk->em_open, mk->em_close);
		else
			fputs("; ", out);
		fprintf(out, "%s %s", uplift_markup_show(mk, an->arm_names[h->arm], name),
			isfinite(h->q) ? "" : "–");
		if (isfinite(h->q))
			fprintf(out, "Q %.2f, df %.0f, p %.4f, I² %.0f%%", h->q, h->df, h->p,
				100 * h->i2);
		first = false;
	}
	if (!first)
		fputc('\n', out);
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
	table_cell(t, "users");
	table_cell(t, "send");
	table_align_right(t, 1);
	for (size_t k = 0; k < p->n_rows; k++) {
		const struct uplift_plan_row *row = &p->rows[k];
		if (row->users == 0)
			continue;
		const char *arm = row->arm != SIZE_MAX ? an->arm_names[row->arm] : "–";

		table_cell(t, "%s",
			   uplift_markup_show(mk, an->columns[c].values[row->value], value));
		table_cell(t, "%.0f", row->users);
		if (row->folds_agree || p->reason)
			table_cell(t, "%s", uplift_markup_show(mk, arm, name));
		else
			table_cell(t, "%s (chosen by %.0f%% of halves)",
				   uplift_markup_show(mk, arm, name), 100 * row->agreement);
	}
	return t;
}

/* The plan's value, the best single arm's and the gain, with their intervals. */
static void plan_figures(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			 const struct uplift_plan *p)
{
	enum uplift_metric m = p->metric;
	char a[64], lo[64], hi[64], name[UPLIFT_MARKUP_SIZE];

	fprintf(out, "%splan %s per user [%s, %s]", mk->list,
		uplift_numfmt_value(a, sizeof(a), m, p->plan),
		uplift_numfmt_value(lo, sizeof(lo), m, p->plan_lo),
		uplift_numfmt_value(hi, sizeof(hi), m, p->plan_hi));
	fprintf(out, "%sbest single arm (%s) %s [%s, %s]", mk->vs,
		uplift_markup_show(mk, an->arm_names[p->single_arm], name),
		uplift_numfmt_value(a, sizeof(a), m, p->single),
		uplift_numfmt_value(lo, sizeof(lo), m, p->single_lo),
		uplift_numfmt_value(hi, sizeof(hi), m, p->single_hi));
	fprintf(out, "%sgain %s [%s, %s]\n", mk->gives,
		uplift_numfmt_diff(a, sizeof(a), m, p->gain),
		uplift_numfmt_diff(lo, sizeof(lo), m, p->gain_lo),
		uplift_numfmt_diff(hi, sizeof(hi), m, p->gain_hi));
}

static void write_plan(FILE *out, const struct markup *mk, const struct uplift_result *r, size_t c)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_plan *p = NULL;
	char name[UPLIFT_MARKUP_SIZE];
	struct table *t;

	for (size_t i = 0; i < r->n_plans; i++)
		if (r->plans[i]->column == c)
			p = r->plans[i];
	uplift_markup_show(mk, an->columns[c].name, name);
	if (!p || !(t = plan_table(mk, an, p, c, name)))
		return;
	fprintf(out, "\n%sTargeting plan by %s: send each segment its best arm (%s)\n\n",
		uplift_markup_section(mk, r->embedded), name, uplift_metric_name(p->metric));
	uplift_markup_table(mk, t, out);
	fputc('\n', out);
	if (p->reason) {
		fprintf(out, "plan value not estimated: %s\n", p->reason);
		return;
	}
	plan_figures(out, mk, an, p);
	fprintf(out,
		"%s(cross-fitted: arms chosen on one random half of the users, valued on the "
		"other, and the reverse; averaged over %d random splits, seed %llu)\n",
		mk->gap, p->splits, (unsigned long long)p->seed);
}

void uplift_format_segments_write(FILE *out, const struct markup *mk, const struct uplift_result *r,
				  size_t c)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_analysis_column *col = &an->columns[c];
	char name[UPLIFT_MARKUP_SIZE], value[UPLIFT_MARKUP_SIZE];

	uplift_markup_show(mk, col->name, name);
	for (size_t i = 0; i < an->n_seg_srm; i++) {
		const struct uplift_segment_srm *x = &an->seg_srm[i];
		if (x->column == c && x->srm.mismatch)
			fprintf(out,
				"\n%sWARNING: sample ratio mismatch within %s = %s (p %.2g)%s\n",
				mk->warn_open, name,
				uplift_markup_show(mk, col->values[x->value], value), x->srm.p,
				mk->warn_close);
	}
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		fprintf(
		    out,
		    "\n%sBy %s · %s: control %s, each coupon's change vs control [%d%% CI]%s\n\n",
		    uplift_markup_section(mk, r->embedded), name, uplift_metric_name(m),
		    uplift_metric_kind(m) == UPLIFT_PROPORTION ? "rate" : "value",
		    uplift_numfmt_level(an->opt.alpha),
		    m == (int)an->opt.decide ? "; best arm of all, ✓ = clear" : "");
		uplift_markup_table(mk, segment_table(mk, r, c, (enum uplift_metric)m), out);
		write_heterogeneity(out, mk, an, c, (enum uplift_metric)m);
	}
	fprintf(out,
		"\n✓ = significant after %s correction within the %s family; (small) = "
		"fewer than %d users in an arm or %d events: not a finding\n",
		uplift_stats_correction_name(an->opt.correction), name, UPLIFT_SMALL_USERS,
		UPLIFT_SMALL_EVENTS);
	write_plan(out, mk, r, c);
}
