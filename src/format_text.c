/*
 * format_text.c - analyze's human formats, the aligned table and Markdown,
 * and the one entry point of every format (uplift_format_write).
 *
 * Layout: a heading block (experiment, window, data counts, SRM), the arms
 * (metrics as rows, arms as columns), then the effects against control and
 * the coupon economics, then one block per --by column (format_segments.c).
 * Text and Markdown are the same writer over two tables of markup
 * (markup.h), chosen once from the format; numbers are formatted by numfmt.c.
 *
 * Every string from the data (experiment name, arm names and labels, column
 * names, segment values) goes through uplift_markup_show: control and bidi
 * characters replaced, Markdown escaped, and cut at UPLIFT_MARKUP_COLS
 * display columns with "…", so that the output stays proportional to what a
 * reader can use. CSV (format_csv.c) and JSON (format_json.c) keep them whole.
 */
#include "format_internal.h"
#include "numfmt.h"
#include "uplift_date.h"

#include <math.h>
#include <string.h>

bool uplift_format_parse(const char *name, enum uplift_format *fmt)
{
	if (strcmp(name, "table") == 0)
		*fmt = UPLIFT_FMT_TABLE;
	else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		*fmt = UPLIFT_FMT_MARKDOWN;
	else if (strcmp(name, "csv") == 0)
		*fmt = UPLIFT_FMT_CSV;
	else if (strcmp(name, "json") == 0)
		*fmt = UPLIFT_FMT_JSON;
	else
		return false;
	return true;
}

/* What was read: users and orders (or outcome rows), and the duplicates skipped. */
static void write_counts(FILE *out, const struct markup *mk, const struct uplift_counts *c)
{
	if (!c->from_outcomes)
		fprintf(out,
			"users %llu · orders read %llu: %llu in window, %llu outside it, "
			"%llu of unassigned users\n",
			(unsigned long long)c->users, (unsigned long long)c->orders.read,
			(unsigned long long)c->orders.used, (unsigned long long)c->orders.outside,
			(unsigned long long)c->orders.unassigned);
	if (c->orders.duplicate || c->assignments_duplicate || c->history.duplicate)
		fprintf(out,
			"%sduplicates skipped: %llu repeated assignments, %llu repeated orders, "
			"%llu repeated history orders (same order_id)\n",
			mk->gap, (unsigned long long)c->assignments_duplicate,
			(unsigned long long)c->orders.duplicate,
			(unsigned long long)c->history.duplicate);
	if (c->from_outcomes)
		fprintf(out, "users %llu · outcome rows read %llu, %llu of unassigned users\n",
			(unsigned long long)c->users, (unsigned long long)c->outcomes_read,
			(unsigned long long)c->outcomes_unassigned);
}

static void write_heading(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_experiment *exp = r->exp;
	const struct uplift_analysis *an = r->an;
	char start[16], end[16], name[UPLIFT_MARKUP_SIZE], control[UPLIFT_MARKUP_SIZE];

	if (an->srm.mismatch)
		fprintf(out,
			"%sWARNING: sample ratio mismatch (chi2 %.2f, df %.0f, p %.2g): users "
			"per arm do not match the planned weights; check the assignment before "
			"trusting any effect.%s\n\n",
			mk->warn_open, an->srm.chi2, an->srm.df, an->srm.p, mk->warn_close);
	fprintf(out, "%s%s\n", mk->title, uplift_markup_show(mk, exp->name, name));
	fputs(mk->gap, out);
	fprintf(
	    out, "window %s – %s (%ld days) · control: %s · %d%% intervals · correction: %s\n",
	    uplift_date_format(exp->start, start), uplift_date_format(exp->end, end),
	    exp->end - exp->start + 1, uplift_markup_show(mk, exp->arms[an->control].name, control),
	    uplift_numfmt_level(an->opt.alpha), uplift_stats_correction_name(an->opt.correction));
	fputs(mk->gap, out);
	if (r->counts)
		write_counts(out, mk, r->counts);
	fputs(mk->gap, out);
	if (isfinite(an->srm.p))
		fprintf(out, "sample ratio: %s (chi2 %.2f, df %.0f, p %.4f)\n",
			an->srm.mismatch ? "MISMATCH" : "ok", an->srm.chi2, an->srm.df, an->srm.p);
	fputc('\n', out);
}

static struct table *arms_table(const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	size_t k = an->n_arms;
	struct table *t = table_new(k + 1);
	char ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE], label[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "metric");
	for (size_t a = 0; a < k; a++) {
		table_align_right(t, a + 1);
		if (r->exp->arms[a].label)
			table_cell(t, "%s (%s)", uplift_markup_show(mk, an->arm_names[a], name),
				   uplift_markup_show(mk, r->exp->arms[a].label, label));
		else
			table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[a], name));
	}
	table_cell(t, "users");
	for (size_t a = 0; a < k; a++)
		table_cell(t, "%.0f", an->arms[a].users);
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		table_cell(t, "%s", uplift_metric_name(m));
		for (size_t a = 0; a < k; a++) {
			const struct uplift_value *x = &an->arms[a].metric[m];
			table_cell(
			    t, "%s",
			    uplift_numfmt_value_ci(ci, sizeof(ci), m, x->value, x->lo, x->hi));
		}
	}
	return t;
}

/* The header row of effects_table; the number columns right-aligned. */
static void effects_header(struct table *t, size_t ncol, bool cuped)
{
	static const char *const names[] = {"arm",       "metric",      "control",
					    "treatment", "change [CI]", "relative [CI]",
					    "p",         "p adj",       "P(better)"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		table_cell(t, "%s", names[i]);
	if (cuped)
		table_cell(t, "CUPED var.");
	table_cell(t, " ");
	for (size_t i = 2; i < ncol - 1; i++)
		table_align_right(t, i);
}

/* The row of comparison c: values, change and relative change with intervals, p, flags. */
static void effects_row(struct table *t, const struct markup *mk, const struct uplift_analysis *an,
			const struct uplift_comparison *c)
{
	bool rate = uplift_metric_kind(c->metric) == UPLIFT_PROPORTION;
	char a[64], b[64], lo[64], hi[64], iv[160], ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE];

	table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[c->arm], name));
	table_cell(t, "%s", uplift_metric_name(c->metric));
	table_cell(t, "%s", uplift_numfmt_value(a, sizeof(a), c->metric, c->control));
	table_cell(t, "%s", uplift_numfmt_value(b, sizeof(b), c->metric, c->treatment));
	if (isfinite(c->diff)) {
		uplift_numfmt_diff(lo, sizeof(lo), c->metric, c->diff_lo);
		uplift_numfmt_diff(hi, sizeof(hi), c->metric, c->diff_hi);
		table_cell(t, "%s%s %s", uplift_numfmt_diff(a, sizeof(a), c->metric, c->diff),
			   rate ? " pp" : "", uplift_numfmt_interval(iv, sizeof(iv), lo, hi));
	} else {
		table_cell(t, "–");
	}
	table_cell(t, "%s", uplift_numfmt_lift_ci(ci, sizeof(ci), c->lift, c->lift_lo, c->lift_hi));
	table_cell(t, "%s", uplift_numfmt_p(a, sizeof(a), c->p));
	table_cell(t, "%s", uplift_numfmt_p(b, sizeof(b), c->p_adjusted));
	if (isfinite(c->chance_to_win))
		table_cell(t, "%.1f%%", 100 * c->chance_to_win);
	else
		table_cell(t, "–");
	if (an->opt.cuped) {
		if (c->cuped)
			table_cell(t, "-%.0f%%", 100 * c->variance_reduction);
		else
			table_cell(t, "–");
	}
	table_cell(t, "%s%s", c->significant ? "*" : "", c->small ? " (small)" : "");
}

/* The overall comparisons, one row per treatment arm and metric. */
static struct table *effects_table(const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	size_t ncol = an->opt.cuped ? 11 : 10;
	struct table *t = table_new(ncol);

	if (!t)
		return NULL;
	effects_header(t, ncol, an->opt.cuped);
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == -1)
			effects_row(t, mk, an, &an->cmp[i]);
	return t;
}

/* Comparisons that could not be computed, with the reason, as footnotes. */
static void write_reasons(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			  long column)
{
	bool any = false;
	char value[UPLIFT_MARKUP_SIZE], name[UPLIFT_MARKUP_SIZE];

	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		const char *col;
		const char *val = uplift_format_segment(an, c, &col);

		if (c->column != column || !c->reason)
			continue;
		if (!any)
			fputc('\n', out);
		any = true;
		fprintf(out, "%s%s%s%s %s: %s\n", mk->note, uplift_markup_show(mk, val, value),
			*val ? " · " : "", uplift_markup_show(mk, an->arm_names[c->arm], name),
			uplift_metric_name(c->metric), c->reason);
	}
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != column || !c->cuped_note || c->metric == UPLIFT_AOV)
			continue;
		fprintf(out, "%s%s %s: CUPED not applied: %s\n", mk->note,
			uplift_markup_show(mk, an->arm_names[c->arm], name),
			uplift_metric_name(c->metric), c->cuped_note);
	}
}

/* A change of money per user with its interval: "+7.31 [-20.13, +34.76]". */
static const char *money_change(char *buf, size_t n, const struct uplift_interval *x)
{
	return uplift_numfmt_diff_ci(buf, n, UPLIFT_REVENUE, x->est, x->lo, x->hi);
}

static struct table *economics_table(const struct markup *mk, const struct uplift_analysis *an)
{
	static const char *const names[] = {"arm",
					    "coupon cost",
					    "incremental revenue",
					    "incremental profit",
					    "cost per extra buyer",
					    "redeemed",
					    "revenue per redeemer"};
	struct table *t = table_new(7);
	char a[64], ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	for (size_t k = 0; k < 7; k++)
		table_cell(t, "%s", names[k]);
	for (size_t k = 1; k < 7; k++)
		table_align_right(t, k);
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];

		if (e->column >= 0) /* per segment value: not written yet */
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[e->arm], name));
		table_cell(t, "%s",
			   uplift_numfmt_value(a, sizeof(a), UPLIFT_REVENUE, e->discount_per_user));
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->revenue));
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->profit));
		table_cell(t, "%s",
			   uplift_numfmt_value(a, sizeof(a), UPLIFT_REVENUE,
					       e->cost_per_incremental_buyer.est));
		table_cell(
		    t, "%s",
		    uplift_numfmt_value(a, sizeof(a), UPLIFT_CONVERSION, e->redemption_rate));
		table_cell(t, "%s", money_change(ci, sizeof(ci), &e->per_redeemer));
	}
	return t;
}

static void write_economics(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	struct table *t;
	char name[UPLIFT_MARKUP_SIZE];

	if (an->n_econ == 0 || !(t = economics_table(mk, an)))
		return;
	fprintf(out,
		"\n%sCoupon economics per assigned user (gross margin %.0f%%; %d%% intervals)\n\n",
		uplift_markup_section(mk, r->embedded), 100 * an->opt.gross_margin,
		uplift_numfmt_level(an->opt.alpha));
	uplift_markup_table(mk, t, out);
	fprintf(out,
		"\n%sprofit = gross margin x order value - coupon discount; cost per extra buyer = "
		"coupon cost / conversion change (– when conversion did not rise); revenue per "
		"redeemer = the effect divided by the share who used the coupon\n",
		mk->indent);
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->column >= 0) /* per segment value: not written yet */
			continue;
		if (e->reason)
			fprintf(out, "%s%s: %s\n", mk->note,
				uplift_markup_show(mk, an->arm_names[e->arm], name), e->reason);
		else if (isfinite(e->incremental_share_of_redeemers.est))
			fprintf(out,
				"%s%s: %.0f%% of redeemers were extra buyers; the other %.0f%% "
				"would likely have bought anyway\n",
				mk->item, uplift_markup_show(mk, an->arm_names[e->arm], name),
				100 * fmax(0, e->incremental_share_of_redeemers.est),
				100 *
				    (1 - fmax(0, fmin(1, e->incremental_share_of_redeemers.est))));
	}
}

/* The whole human format: heading, arms, effects, economics, then each --by column. */
static void write_human(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	const char *section = uplift_markup_section(mk, r->embedded);
	char control[UPLIFT_MARKUP_SIZE];

	if (!r->embedded)
		write_heading(out, mk, r);
	fprintf(out, "%sArms (%d%% intervals)\n\n", section, uplift_numfmt_level(an->opt.alpha));
	uplift_markup_table(mk, arms_table(mk, r), out);
	fprintf(out,
		"\n%sEffects vs %s (change in pp for rates; * = significant after %s "
		"correction, p adj < %g)\n\n",
		section, uplift_markup_show(mk, r->exp->arms[an->control].name, control),
		uplift_stats_correction_name(an->opt.correction), an->opt.alpha);
	if (an->opt.cuped)
		fprintf(out,
			"CUPED: each metric adjusted by its value over the %ld days before the "
			"test (theta pooled over both arms); \"CUPED var.\" is the variance "
			"removed\n\n",
			r->exp->end - r->exp->start + 1);
	if (an->opt.sequential)
		fprintf(out,
			"Sequential: intervals and p-values stay valid however often the test "
			"is looked at (mSPRT, tuned for %.0f users per comparison)\n\n",
			an->opt.expected_users);
	uplift_markup_table(mk, effects_table(mk, r), out);
	write_reasons(out, mk, an, -1);
	write_economics(out, mk, r);
	for (size_t c = 0; c < an->n_columns; c++)
		uplift_format_segments_write(out, mk, r, c);
}

enum uplift_status uplift_format_write(FILE *out, enum uplift_format fmt,
				       const struct uplift_result *r, struct uplift_error *err)
{
	json_t *j;

	switch (fmt) {
	case UPLIFT_FMT_TABLE:
		write_human(out, &uplift_markup_text, r);
		break;
	case UPLIFT_FMT_MARKDOWN:
		write_human(out, &uplift_markup_markdown, r);
		break;
	case UPLIFT_FMT_CSV:
		uplift_format_csv_write(out, r);
		break;
	case UPLIFT_FMT_JSON:
		j = uplift_format_json(r);
		if (!j)
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		if (json_dumpf(j, out, JSON_INDENT(2) | JSON_REAL_PRECISION(16)) != 0) {
			json_decref(j);
			return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL,
						"write failed");
		}
		fputc('\n', out);
		json_decref(j);
		break;
	}
	if (ferror(out))
		return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "write failed");
	return UPLIFT_OK;
}
