/*
 * format_csv.c - analyze --format csv (and the review pack's
 * comparisons.csv): one row per comparison, overall and per segment, then
 * one per head-to-head pair of treatment arms (the baseline column tells
 * them apart: control, or the earlier arm of the pair), with every number
 * in full precision for a spreadsheet or a script. The first column is the
 * experiment's name (experiment.ini's [experiment] name, or the folder's),
 * so that the rows of several experiments can be put in one sheet and still
 * be told apart. Strings from the data
 * are written whole, quoted as CSV needs (uplift_csv_write_field). Before
 * the header, a "#" line per warning: the sample ratio, the data checks.
 */
#include "format_internal.h"
#include "uplift_csv.h"

#include <math.h>

static void csv_field(FILE *out, const char *s, bool last)
{
	uplift_csv_write_field(out, s);
	fputc(last ? '\n' : ',', out);
}

/* A number that round-trips (%.17g); empty when not finite. */
static void csv_num(FILE *out, double v, bool last)
{
	if (isfinite(v))
		fprintf(out, "%.17g", v);
	fputc(last ? '\n' : ',', out);
}

static const char *const head[] = {
    "experiment",
    "segment_column",
    "segment_value",
    "arm",
    "metric",
    "n_control",
    "n_treatment",
    "control",
    "treatment",
    "diff",
    "diff_ci_low",
    "diff_ci_high",
    "lift",
    "lift_ci_low",
    "lift_ci_high",
    "p_value",
    "p_adjusted",
    "significant",
    "small",
    "chance_to_win",
    "expected_loss_treatment",
    "expected_loss_control",
    "cuped_theta",
    "cuped_variance_reduction",
    "sequential_tau2",
    "reason",
    /* new columns go last: scripts that read columns by position keep working */
    "baseline",
    "tested",
};

/* The row of comparison c of experiment name, in the order of head. */
static void write_row(FILE *out, const char *name, const struct uplift_analysis *an,
		      const struct uplift_comparison *c)
{
	const char *col;
	const char *val = uplift_format_segment(an, c, &col);

	csv_field(out, name, false);
	csv_field(out, col ? col : "", false);
	csv_field(out, val, false);
	csv_field(out, an->arm_names[c->arm], false);
	csv_field(out, uplift_metric_name(an->opt.set, c->metric), false);
	csv_num(out, c->n_control, false);
	csv_num(out, c->n_treatment, false);
	csv_num(out, c->control, false);
	csv_num(out, c->treatment, false);
	csv_num(out, c->diff, false);
	csv_num(out, c->diff_lo, false);
	csv_num(out, c->diff_hi, false);
	csv_num(out, c->lift, false);
	csv_num(out, c->lift_lo, false);
	csv_num(out, c->lift_hi, false);
	csv_num(out, c->p, false);
	csv_num(out, c->p_adjusted, false);
	csv_field(out, c->significant ? "true" : "false", false);
	csv_field(out, c->small ? "true" : "false", false);
	csv_num(out, c->chance_to_win, false);
	csv_num(out, c->loss_treatment, false);
	csv_num(out, c->loss_control, false);
	csv_num(out, c->cuped ? c->theta : NAN, false);
	csv_num(out, c->cuped ? c->variance_reduction : NAN, false);
	csv_num(out, c->sequential ? c->tau2 : NAN, false);
	csv_field(out, c->reason ? c->reason : (c->cuped_note ? c->cuped_note : ""), false);
	csv_field(out, c->baseline < an->n_arms ? an->arm_names[c->baseline] : "", false);
	csv_field(out, c->tested ? "true" : "false", true);
}

/* The pre_period checks, one "#" line each (names escaped: no line end ends the comment). */
static void write_pre_period(FILE *out, const struct uplift_analysis *an)
{
	char s[2048];

	for (size_t i = 0; i < an->n_checks; i++)
		if (an->checks[i].code == UPLIFT_CHECK_PRE_PERIOD)
			fprintf(out, "# WARNING: %s\n",
				uplift_format_pre_period_words(s, sizeof(s), an, &an->checks[i],
							       &uplift_markup_text, false));
}

void uplift_format_csv_write(FILE *out, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	size_t nh = sizeof(head) / sizeof(head[0]);
	const char *name = r->exp && r->exp->name ? r->exp->name : "";

	if (an->srm.mismatch)
		fprintf(out, "# WARNING: sample ratio mismatch (p %.2g): check the assignment\n",
			an->srm.p);
	write_pre_period(out, an);
	uplift_format_checks_csv(out, r);
	for (size_t i = 0; i < nh; i++)
		csv_field(out, head[i], i + 1 == nh);
	for (size_t i = 0; i < an->n_cmp; i++)
		write_row(out, name, an, &an->cmp[i]);
	for (size_t i = 0; i < an->n_pairs; i++)
		write_row(out, name, an, &an->pairs[i]);
}
