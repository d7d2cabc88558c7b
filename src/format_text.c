/*
 * format_text.c - the human formats (aligned table, Markdown) and CSV.
 *
 * Layout: a heading block (experiment, window, data counts, SRM), the arms
 * (metrics as rows, arms as columns), then the effects against control,
 * overall first and then one block per --by column.
 *
 * Every string from the data (experiment name, arm names and labels, column
 * names, segment values) goes through show(): control and bidi characters
 * replaced, Markdown escaped, and cut at SHOW_COLS display columns with "…",
 * so that the output stays proportional to what a reader can use. CSV (and
 * JSON, in format_json.c) keep them whole.
 */
#include "uplift_format.h"
#include "uplift_date.h"
#include "uplift_escape.h"
#include "table.h"

#include <math.h>
#include <stdint.h>
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

/* Display columns of a name or value from the data in a table or Markdown line. */
#define SHOW_COLS 64
/* Bytes that holds one: Markdown's longest escape (&amp;) is five bytes a column. */
#define SHOW_SIZE (SHOW_COLS * 6 + 16)

/* s from the data as the format shows it, in buf (SHOW_SIZE bytes). */
static const char *show(const char *s, bool md, char *buf)
{
	return md ? uplift_escape_markdown_cols(s, SHOW_COLS, buf, SHOW_SIZE)
		  : uplift_escape_text_cols(s, SHOW_COLS, buf, SHOW_SIZE);
}

/* A metric value as people read it: 11.2%, 4.31, 1.082. */
static void fmt_value(char *buf, size_t n, enum uplift_metric m, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, "–");
	else if (uplift_metric_kind(m) == UPLIFT_PROPORTION)
		snprintf(buf, n, "%.2f%%", 100 * v);
	else if (m == UPLIFT_ORDERS)
		snprintf(buf, n, "%.3f", v);
	else
		snprintf(buf, n, "%.2f", v);
}

/* An absolute change: +2.90 pp for rates, +0.42 for means. */
static void fmt_diff(char *buf, size_t n, enum uplift_metric m, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, "–");
	else if (uplift_metric_kind(m) == UPLIFT_PROPORTION)
		snprintf(buf, n, "%+.2f", 100 * v);
	else if (m == UPLIFT_ORDERS)
		snprintf(buf, n, "%+.3f", v);
	else
		snprintf(buf, n, "%+.2f", v);
}

/* A relative change: +25.9%. */
static void fmt_lift(char *buf, size_t n, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, "–");
	else
		snprintf(buf, n, "%+.1f%%", 100 * v);
}

static void fmt_p(char *buf, size_t n, double p)
{
	if (!isfinite(p))
		snprintf(buf, n, "–");
	else if (p < 1e-4)
		snprintf(buf, n, "%.1e", p);
	else
		snprintf(buf, n, "%.4f", p);
}

static void fmt_interval(char *buf, size_t n, const char *lo, const char *hi)
{
	if (strcmp(lo, "–") == 0 && strcmp(hi, "–") == 0)
		snprintf(buf, n, "[–]");
	else
		snprintf(buf, n, "[%s, %s]", lo, hi);
}

static int level_percent(double alpha)
{
	return (int)lround(100 * (1 - alpha));
}

/* Section heading prefix: "## ", or "### " when embedded in a report. */
static const char *h2(const struct uplift_result *r, bool md)
{
	return !md ? "" : r->embedded ? "### " : "## ";
}

static void write_heading(FILE *out, const struct uplift_result *r, bool md)
{
	const struct uplift_experiment *exp = r->exp;
	const struct uplift_analysis *an = r->an;
	const struct uplift_data *d = r->data;
	char start[16], end[16], name[SHOW_SIZE], control[SHOW_SIZE];

	if (an->srm.mismatch)
		fprintf(out,
			"%sWARNING: sample ratio mismatch (chi2 %.2f, df %.0f, p %.2g): users "
			"per arm do not match the planned weights; check the assignment before "
			"trusting any effect.%s\n\n",
			md ? "> **" : "", an->srm.chi2, an->srm.df, an->srm.p, md ? "**" : "");
	fprintf(out, "%s%s\n", md ? "# " : "", show(exp->name, md, name));
	if (md)
		fputc('\n', out);
	fprintf(out, "window %s – %s (%ld days) · control: %s · %d%% intervals · correction: %s\n",
		uplift_date_format(exp->start, start), uplift_date_format(exp->end, end),
		exp->end - exp->start + 1, show(exp->arms[an->control].name, md, control),
		level_percent(an->opt.alpha), uplift_correction_name(an->opt.correction));
	if (md)
		fputc('\n', out);
	if (d && !d->from_outcomes)
		fprintf(out,
			"users %zu · orders read %llu: %llu in window, %llu outside it, "
			"%llu of unassigned users\n",
			d->n_users, (unsigned long long)d->orders_read,
			(unsigned long long)d->orders_in_window,
			(unsigned long long)d->orders_outside_window,
			(unsigned long long)d->orders_unassigned);
	if (d && (d->orders_duplicate || d->assignments_duplicate || d->history_duplicate))
		fprintf(out,
			"%sduplicates skipped: %llu repeated assignments, %llu repeated orders, "
			"%llu repeated history orders (same order_id)\n",
			md ? "\n" : "", (unsigned long long)d->assignments_duplicate,
			(unsigned long long)d->orders_duplicate,
			(unsigned long long)d->history_duplicate);
	if (d && d->from_outcomes)
		fprintf(out, "users %zu · outcome rows read %llu, %llu of unassigned users\n",
			d->n_users, (unsigned long long)d->outcomes_read,
			(unsigned long long)d->outcomes_unassigned);
	if (md)
		fputc('\n', out);
	if (isfinite(an->srm.p))
		fprintf(out, "sample ratio: %s (chi2 %.2f, df %.0f, p %.4f)\n",
			an->srm.mismatch ? "MISMATCH" : "ok", an->srm.chi2, an->srm.df, an->srm.p);
	fputc('\n', out);
}

static struct table *arms_table(const struct uplift_result *r, bool md)
{
	const struct uplift_analysis *an = r->an;
	size_t k = an->suff->n_arms;
	struct table *t = table_new(k + 1);
	char v[64], lo[64], hi[64], iv[160], name[SHOW_SIZE], label[SHOW_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "metric");
	for (size_t a = 0; a < k; a++) {
		table_align_right(t, a + 1);
		if (r->exp->arms[a].label)
			table_cell(t, "%s (%s)", show(an->suff->arms[a], md, name),
				   show(r->exp->arms[a].label, md, label));
		else
			table_cell(t, "%s", show(an->suff->arms[a], md, name));
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
			fmt_value(v, sizeof(v), m, x->value);
			fmt_value(lo, sizeof(lo), m, x->lo);
			fmt_value(hi, sizeof(hi), m, x->hi);
			fmt_interval(iv, sizeof(iv), lo, hi);
			table_cell(t, "%s %s", v, iv);
		}
	}
	return t;
}

/* The overall comparisons, one row per treatment arm and metric. */
static struct table *effects_table(const struct uplift_result *r, bool md)
{
	const struct uplift_analysis *an = r->an;
	bool cuped = an->opt.cuped;
	size_t ncol = cuped ? 11 : 10;
	struct table *t = table_new(ncol);
	char a[64], b[64], lo[64], hi[64], iv[160], p[32], pa[32], name[SHOW_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "arm");
	table_cell(t, "metric");
	table_cell(t, "control");
	table_cell(t, "treatment");
	table_cell(t, "change [CI]");
	table_cell(t, "relative [CI]");
	table_cell(t, "p");
	table_cell(t, "p adj");
	table_cell(t, "P(better)");
	if (cuped)
		table_cell(t, "CUPED var.");
	table_cell(t, " ");
	for (size_t i = 2; i < ncol - 1; i++)
		table_align_right(t, i);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		bool rate = uplift_metric_kind(c->metric) == UPLIFT_PROPORTION;

		if (c->column != -1)
			continue;
		table_cell(t, "%s", show(an->suff->arms[c->arm], md, name));
		table_cell(t, "%s", uplift_metric_name(c->metric));
		fmt_value(a, sizeof(a), c->metric, c->control);
		fmt_value(b, sizeof(b), c->metric, c->treatment);
		table_cell(t, "%s", a);
		table_cell(t, "%s", b);
		fmt_diff(a, sizeof(a), c->metric, c->diff);
		fmt_diff(lo, sizeof(lo), c->metric, c->diff_lo);
		fmt_diff(hi, sizeof(hi), c->metric, c->diff_hi);
		fmt_interval(iv, sizeof(iv), lo, hi);
		if (isfinite(c->diff))
			table_cell(t, "%s%s %s", a, rate ? " pp" : "", iv);
		else
			table_cell(t, "–");
		fmt_lift(a, sizeof(a), c->lift);
		fmt_lift(lo, sizeof(lo), c->lift_lo);
		fmt_lift(hi, sizeof(hi), c->lift_hi);
		fmt_interval(iv, sizeof(iv), lo, hi);
		table_cell(t, "%s %s", a, iv);
		fmt_p(p, sizeof(p), c->p);
		fmt_p(pa, sizeof(pa), c->p_adjusted);
		table_cell(t, "%s", p);
		table_cell(t, "%s", pa);
		if (isfinite(c->chance_to_win))
			table_cell(t, "%.1f%%", 100 * c->chance_to_win);
		else
			table_cell(t, "–");
		if (cuped) {
			if (c->cuped)
				table_cell(t, "-%.0f%%", 100 * c->variance_reduction);
			else
				table_cell(t, "–");
		}
		table_cell(t, "%s%s", c->significant ? "*" : "", c->small ? " (small)" : "");
	}
	return t;
}

static void write_table(FILE *out, struct table *t, bool md)
{
	if (!t)
		return;
	if (md)
		table_write_markdown(t, out);
	else
		table_write_text(t, out);
	table_free(t);
}

/* Comparisons that could not be computed, with the reason, as footnotes. */
static void write_reasons(FILE *out, const struct uplift_analysis *an, long column, bool md)
{
	bool any = false;
	char value[SHOW_SIZE], name[SHOW_SIZE];

	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		const char *col;
		const char *val = uplift_comparison_segment(an, c, &col);

		if (c->column != column || !c->reason)
			continue;
		if (!any)
			fputc('\n', out);
		any = true;
		fprintf(out, "%s%s%s%s %s: %s\n", md ? "- " : "  note: ", show(val, md, value),
			*val ? " · " : "", show(an->suff->arms[c->arm], md, name),
			uplift_metric_name(c->metric), c->reason);
	}
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != column || !c->cuped_note || c->metric == UPLIFT_AOV)
			continue;
		fprintf(out, "%s%s %s: CUPED not applied: %s\n",
			md ? "- " : "  note: ", show(an->suff->arms[c->arm], md, name),
			uplift_metric_name(c->metric), c->cuped_note);
	}
}

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

/* One compact table: segment values as rows, each treatment arm a column group. */
static struct table *segment_table(const struct uplift_result *r, size_t c, enum uplift_metric m,
				   bool md)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_suff *s = an->suff;
	const struct uplift_suff_column *col = &s->columns[c];
	bool decide = m == an->opt.decide && an->n_best > 0;
	struct table *t = table_new(3 + (s->n_arms - 1) + (decide ? 1 : 0));
	char v[64], lo[64], hi[64], iv[160], a1[SHOW_SIZE], a2[SHOW_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "%s", show(col->name, md, a1));
	table_cell(t, "users");
	table_cell(t, "%s", show(s->arms[an->control], md, a1));
	table_align_right(t, 1);
	table_align_right(t, 2);
	for (size_t arm = 0, k = 3; arm < s->n_arms; arm++) {
		if (arm == an->control)
			continue;
		table_cell(t, "%s", show(s->arms[arm], md, a1));
		table_align_right(t, k++);
	}
	if (decide)
		table_cell(t, "best (vs runner-up)");
	for (size_t k = 0; k < col->n_values; k++) {
		double users = 0;
		for (size_t arm = 0; arm < s->n_arms; arm++)
			users += uplift_suff_cell(s, (long)c, k, arm, m)->n;
		table_cell(t, "%s", show(col->values[k], md, a1));
		table_cell(t, "%.0f", users);
		fmt_value(v, sizeof(v), m,
			  uplift_metric_value(uplift_suff_cell(s, (long)c, k, an->control, m), m));
		table_cell(t, "%s", v);
		for (size_t arm = 0; arm < s->n_arms; arm++) {
			const struct uplift_comparison *x;
			if (arm == an->control)
				continue;
			x = find_cmp(an, c, k, arm, m);
			if (!x || !isfinite(x->lift)) {
				table_cell(t, "–%s", x && x->small ? " (small)" : "");
				continue;
			}
			fmt_lift(v, sizeof(v), x->lift);
			fmt_lift(lo, sizeof(lo), x->lift_lo);
			fmt_lift(hi, sizeof(hi), x->lift_hi);
			fmt_interval(iv, sizeof(iv), lo, hi);
			table_cell(t, "%s %s%s%s", v, iv, x->significant ? " ✓" : "",
				   x->small ? " (small)" : "");
		}
		if (decide) {
			const struct uplift_best *b = find_best(an, c, k);
			if (!b || b->arm == SIZE_MAX || b->runner_up == SIZE_MAX)
				table_cell(t, "–");
			else
				table_cell(t, "%s%s vs %s%s", show(s->arms[b->arm], md, a1),
					   b->clear ? " ✓" : " ?",
					   show(s->arms[b->runner_up], md, a2),
					   b->cmp.small ? " (small)" : "");
		}
	}
	return t;
}

static void write_heterogeneity(FILE *out, const struct uplift_analysis *an, size_t c,
				enum uplift_metric m, bool md)
{
	bool first = true;
	char name[SHOW_SIZE];

	for (size_t i = 0; i < an->n_het; i++) {
		const struct uplift_heterogeneity *h = &an->het[i];
		if (h->column != c || h->metric != m)
			continue;
		fprintf(out, "%s%s %s",
			first ? (md ? "\n*heterogeneity:* " : "heterogeneity: ") : "; ",
			show(an->suff->arms[h->arm], md, name), isfinite(h->q) ? "" : "–");
		if (isfinite(h->q))
			fprintf(out, "Q %.2f, df %.0f, p %.4f, I² %.0f%%", h->q, h->df, h->p,
				100 * h->i2);
		first = false;
	}
	if (!first)
		fputc('\n', out);
}

static void write_plan(FILE *out, const struct uplift_result *r, size_t c, bool md)
{
	const struct uplift_suff *s = r->an->suff;
	const struct uplift_plan *p = NULL;
	char a[64], lo[64], hi[64], name[SHOW_SIZE], value[SHOW_SIZE];
	struct table *t;

	for (size_t i = 0; i < r->n_plans; i++)
		if (r->plans[i]->column == c)
			p = r->plans[i];
	if (!p || !(t = table_new(3)))
		return;
	fprintf(out, "\n%sTargeting plan by %s: send each segment its best arm (%s)\n\n", h2(r, md),
		show(s->columns[c].name, md, name), uplift_metric_name(p->metric));
	table_cell(t, "%s", name);
	table_cell(t, "users");
	table_cell(t, "send");
	table_align_right(t, 1);
	for (size_t k = 0; k < p->n_rows; k++) {
		const struct uplift_plan_row *row = &p->rows[k];
		if (row->users == 0)
			continue;
		const char *arm = row->arm != SIZE_MAX ? s->arms[row->arm] : "–";

		table_cell(t, "%s", show(s->columns[c].values[row->value], md, value));
		table_cell(t, "%.0f", row->users);
		if (row->folds_agree || p->reason)
			table_cell(t, "%s", show(arm, md, name));
		else
			table_cell(t, "%s (chosen by %.0f%% of halves)", show(arm, md, name),
				   100 * row->agreement);
	}
	write_table(out, t, md);
	fputc('\n', out);
	if (p->reason) {
		fprintf(out, "plan value not estimated: %s\n", p->reason);
		return;
	}
	fmt_value(a, sizeof(a), p->metric, p->plan);
	fmt_value(lo, sizeof(lo), p->metric, p->plan_lo);
	fmt_value(hi, sizeof(hi), p->metric, p->plan_hi);
	fprintf(out, "%splan %s per user [%s, %s]", md ? "- " : "", a, lo, hi);
	fmt_value(a, sizeof(a), p->metric, p->single);
	fmt_value(lo, sizeof(lo), p->metric, p->single_lo);
	fmt_value(hi, sizeof(hi), p->metric, p->single_hi);
	fprintf(out, "%sbest single arm (%s) %s [%s, %s]", md ? "\n- " : " vs ",
		show(s->arms[p->single_arm], md, name), a, lo, hi);
	fmt_diff(a, sizeof(a), p->metric, p->gain);
	fmt_diff(lo, sizeof(lo), p->metric, p->gain_lo);
	fmt_diff(hi, sizeof(hi), p->metric, p->gain_hi);
	fprintf(out, "%sgain %s [%s, %s]\n", md ? "\n- " : ": ", a, lo, hi);
	fprintf(out,
		"%s(cross-fitted: arms chosen on one random half of the users, valued on the "
		"other, and the reverse; averaged over %d random splits, seed %llu)\n",
		md ? "\n" : "", p->splits, (unsigned long long)p->seed);
}

static void write_segments(FILE *out, const struct uplift_result *r, size_t c, bool md)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_suff_column *col = &an->suff->columns[c];
	char name[SHOW_SIZE], value[SHOW_SIZE];

	show(col->name, md, name);
	for (size_t i = 0; i < an->n_seg_srm; i++) {
		const struct uplift_segment_srm *x = &an->seg_srm[i];
		if (x->column == c && x->srm.mismatch)
			fprintf(out,
				"\n%sWARNING: sample ratio mismatch within %s = %s (p %.2g)%s\n",
				md ? "> **" : "", name, show(col->values[x->value], md, value),
				x->srm.p, md ? "**" : "");
	}
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		fprintf(
		    out,
		    "\n%sBy %s · %s: control %s, each coupon's change vs control [%d%% CI]%s\n\n",
		    h2(r, md), name, uplift_metric_name(m),
		    uplift_metric_kind(m) == UPLIFT_PROPORTION ? "rate" : "value",
		    level_percent(an->opt.alpha),
		    m == (int)an->opt.decide ? "; best arm of all, ✓ = clear" : "");
		write_table(out, segment_table(r, c, (enum uplift_metric)m, md), md);
		write_heterogeneity(out, an, c, (enum uplift_metric)m, md);
	}
	fprintf(out,
		"\n✓ = significant after %s correction within the %s family; (small) = "
		"fewer than %d users in an arm or %d events: not a finding\n",
		uplift_correction_name(an->opt.correction), name, UPLIFT_SMALL_USERS,
		UPLIFT_SMALL_EVENTS);
	write_plan(out, r, c, md);
}

static void write_economics(FILE *out, const struct uplift_result *r, bool md)
{
	const struct uplift_analysis *an = r->an;
	struct table *t;
	char a[64], lo[64], hi[64], iv[160], name[SHOW_SIZE];

	if (an->n_econ == 0 || !(t = table_new(7)))
		return;
	fprintf(out,
		"\n%sCoupon economics per assigned user (gross margin %.0f%%; %d%% intervals)\n\n",
		h2(r, md), 100 * an->opt.gross_margin, level_percent(an->opt.alpha));
	table_cell(t, "arm");
	table_cell(t, "coupon cost");
	table_cell(t, "incremental revenue");
	table_cell(t, "incremental profit");
	table_cell(t, "cost per extra buyer");
	table_cell(t, "redeemed");
	table_cell(t, "revenue per redeemer");
	for (size_t k = 1; k < 7; k++)
		table_align_right(t, k);
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		const struct uplift_interval *x[] = {&e->revenue, &e->profit};
		table_cell(t, "%s", show(an->suff->arms[e->arm], md, name));
		fmt_value(a, sizeof(a), UPLIFT_REVENUE, e->discount_per_user);
		table_cell(t, "%s", a);
		for (int k = 0; k < 2; k++) {
			fmt_diff(a, sizeof(a), UPLIFT_REVENUE, x[k]->est);
			fmt_diff(lo, sizeof(lo), UPLIFT_REVENUE, x[k]->lo);
			fmt_diff(hi, sizeof(hi), UPLIFT_REVENUE, x[k]->hi);
			fmt_interval(iv, sizeof(iv), lo, hi);
			table_cell(t, "%s %s", a, iv);
		}
		fmt_value(a, sizeof(a), UPLIFT_REVENUE, e->cost_per_incremental_buyer);
		table_cell(t, "%s", a);
		fmt_value(a, sizeof(a), UPLIFT_CONVERSION, e->redemption_rate);
		table_cell(t, "%s", a);
		fmt_diff(a, sizeof(a), UPLIFT_REVENUE, e->per_redeemer.est);
		fmt_diff(lo, sizeof(lo), UPLIFT_REVENUE, e->per_redeemer.lo);
		fmt_diff(hi, sizeof(hi), UPLIFT_REVENUE, e->per_redeemer.hi);
		fmt_interval(iv, sizeof(iv), lo, hi);
		table_cell(t, "%s %s", a, iv);
	}
	write_table(out, t, md);
	fprintf(out,
		"\n%sprofit = gross margin x order value - coupon discount; cost per extra buyer = "
		"coupon cost / conversion change (– when conversion did not rise); revenue per "
		"redeemer = the effect divided by the share who used the coupon\n",
		md ? "" : "  ");
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		if (e->reason)
			fprintf(out, "%s%s: %s\n",
				md ? "- " : "  note: ", show(an->suff->arms[e->arm], md, name),
				e->reason);
		else if (isfinite(e->incremental_share_of_redeemers))
			fprintf(out,
				"%s%s: %.0f%% of redeemers were extra buyers; the other %.0f%% "
				"would likely have bought anyway\n",
				md ? "- " : "  ", show(an->suff->arms[e->arm], md, name),
				100 * fmax(0, e->incremental_share_of_redeemers),
				100 * (1 - fmax(0, fmin(1, e->incremental_share_of_redeemers))));
	}
}

static void write_human(FILE *out, const struct uplift_result *r, bool md)
{
	const struct uplift_analysis *an = r->an;
	int level = level_percent(an->opt.alpha);
	char control[SHOW_SIZE];

	if (!r->embedded)
		write_heading(out, r, md);
	fprintf(out, "%sArms (%d%% intervals)\n\n", h2(r, md), level);
	write_table(out, arms_table(r, md), md);
	fprintf(out,
		"\n%sEffects vs %s (change in pp for rates; * = significant after %s "
		"correction, p adj < %g)\n\n",
		h2(r, md), show(r->exp->arms[an->control].name, md, control),
		uplift_correction_name(an->opt.correction), an->opt.alpha);
	if (an->opt.cuped)
		fprintf(out,
			"%sCUPED: each metric adjusted by its value over the %ld days before the "
			"test (theta pooled over both arms); \"CUPED var.\" is the variance "
			"removed\n\n",
			md ? "" : "", r->exp->end - r->exp->start + 1);
	if (an->opt.sequential)
		fprintf(out,
			"%sSequential: intervals and p-values stay valid however often the test "
			"is looked at (mSPRT, tuned for %.0f users per comparison)\n\n",
			md ? "" : "", an->opt.expected_users);
	write_table(out, effects_table(r, md), md);
	write_reasons(out, an, -1, md);
	write_economics(out, r, md);
	for (size_t c = 0; c < an->suff->n_columns; c++)
		write_segments(out, r, c, md);
}

static void csv_field(FILE *out, const char *s, bool last)
{
	uplift_csv_write_field(out, s);
	fputc(last ? '\n' : ',', out);
}

static void csv_num(FILE *out, double v, bool last)
{
	if (isfinite(v))
		fprintf(out, "%.17g", v);
	fputc(last ? '\n' : ',', out);
}

static void write_csv(FILE *out, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	static const char *const head[] = {
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
	};
	size_t nh = sizeof(head) / sizeof(head[0]);

	if (an->srm.mismatch)
		fprintf(out, "# WARNING: sample ratio mismatch (p %.2g): check the assignment\n",
			an->srm.p);
	for (size_t i = 0; i < nh; i++)
		csv_field(out, head[i], i + 1 == nh);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		const char *col;
		const char *val = uplift_comparison_segment(an, c, &col);

		csv_field(out, col ? col : "", false);
		csv_field(out, val, false);
		csv_field(out, an->suff->arms[c->arm], false);
		csv_field(out, uplift_metric_name(c->metric), false);
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
		csv_field(out, c->reason ? c->reason : (c->cuped_note ? c->cuped_note : ""), true);
	}
}

enum uplift_status uplift_format_write(FILE *out, enum uplift_format fmt,
				       const struct uplift_result *r, struct uplift_error *err)
{
	json_t *j;

	switch (fmt) {
	case UPLIFT_FMT_TABLE:
		write_human(out, r, false);
		break;
	case UPLIFT_FMT_MARKDOWN:
		write_human(out, r, true);
		break;
	case UPLIFT_FMT_CSV:
		write_csv(out, r);
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
