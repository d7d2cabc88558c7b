/*
 * format_text.c - analyze's human formats, the aligned table and Markdown,
 * and the one entry point of every format (uplift_format_write).
 *
 * Layout: a heading block (experiment, window, data counts, SRM), the
 * decision in plain words (decision_words.c), the arms (metrics as rows,
 * arms as columns), then the effects against control, the coupon's cost
 * described, head to head (format_effects.c) and the coupon economics
 * (format_economics.c), then one block per --by column (format_segments.c).
 * Text and Markdown are the same writer over two tables of markup
 * (markup.h), chosen once from the format; numbers are formatted by numfmt.c.
 *
 * Every string from the data (experiment name, arm names and labels, column
 * names, segment values) goes through uplift_markup_show: control and bidi
 * characters replaced, Markdown escaped, and cut at UPLIFT_MARKUP_COLS
 * display columns with "…", so that the output stays proportional to what a
 * reader can use. CSV (format_csv.c) and JSON (format_json.c) keep them whole.
 */
#include "decision_words.h"
#include "format_internal.h"
#include "uplift_suff.h"
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
	bool zh = mk->words == &uplift_format_words_zh;

	if (zh && !c->from_outcomes)
		fprintf(out,
			"用户 %llu · 读入订单 %llu：活动期内 %llu，活动期后（后续观察期）%llu，其余时间 "
			"%llu，未分组用户 %llu\n",
			(unsigned long long)c->users, (unsigned long long)c->orders.read,
			(unsigned long long)c->orders.used, (unsigned long long)c->orders.post,
			(unsigned long long)c->orders.outside, (unsigned long long)c->orders.unassigned);
	else if (!c->from_outcomes && c->orders.post)
		fprintf(out,
			"users %llu · orders read %llu: %llu in window, %llu after it (post period), "
			"%llu outside both, %llu of unassigned users\n",
			(unsigned long long)c->users, (unsigned long long)c->orders.read,
			(unsigned long long)c->orders.used, (unsigned long long)c->orders.post,
			(unsigned long long)c->orders.outside, (unsigned long long)c->orders.unassigned);
	else if (!c->from_outcomes)
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
	if (c->orders.refund_rows || c->history.refund_rows)
		fprintf(out,
			"%srefund rows netted against the paid value ([columns] refunds = net): "
			"%llu in orders.csv, %llu in history.csv\n",
			mk->gap, (unsigned long long)c->orders.refund_rows,
			(unsigned long long)c->history.refund_rows);
	if (c->from_outcomes && zh)
		fprintf(out, "用户 %llu · 读入结果行 %llu，未分组用户 %llu\n",
			(unsigned long long)c->users, (unsigned long long)c->outcomes_read,
			(unsigned long long)c->outcomes_unassigned);
	else if (c->from_outcomes)
		fprintf(out, "users %llu · outcome rows read %llu, %llu of unassigned users\n",
			(unsigned long long)c->users, (unsigned long long)c->outcomes_read,
			(unsigned long long)c->outcomes_unassigned);
	if (c->has_exposure && c->not_yet_exposed)
		fprintf(out,
			"%snot yet exposed: %llu users whose within_days are not over by the end of "
			"the window (or without exposed_at), left out of those metrics\n",
			mk->gap, (unsigned long long)c->not_yet_exposed);
}

static void write_heading(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_experiment *exp = r->exp;
	const struct uplift_analysis *an = r->an;
	char start[16], end[16], name[UPLIFT_MARKUP_SIZE], control[UPLIFT_MARKUP_SIZE];
	bool zh = mk->words == &uplift_format_words_zh;

	if (an->srm.mismatch && zh)
		fprintf(out,
			"%s警告：分流比例不一致（卡方 %.2f，自由度 %.0f，p = %.2g）：各组人数与计划比例"
			"不符；在相信任何效果之前先检查分组。%s\n\n",
			mk->warn_open, an->srm.chi2, an->srm.df, an->srm.p, mk->warn_close);
	else if (an->srm.mismatch)
		fprintf(out,
			"%sWARNING: sample ratio mismatch (chi2 %.2f, df %.0f, p %.2g): users "
			"per arm do not match the planned weights; check the assignment before "
			"trusting any effect.%s\n\n",
			mk->warn_open, an->srm.chi2, an->srm.df, an->srm.p, mk->warn_close);
	uplift_format_pre_period_warnings(out, mk, an, "", "\n\n");
	uplift_format_checks_write(out, mk, r); /* the data's (format_checks.c) */
	fprintf(out, "%s%s\n", mk->title, uplift_markup_show(mk, exp->name, name));
	fputs(mk->gap, out);
	if (exp->has_window)
		fprintf(out, zh ? "活动期 %s – %s（%ld 天）· " : "window %s – %s (%ld days) · ",
			uplift_date_format(exp->start, start), uplift_date_format(exp->end, end),
			exp->end - exp->start + 1);
	else /* outcomes.csv without start and end: no date is made up */
		fputs(zh ? "未给出活动期（outcomes.csv 没有日期）· "
			 : "no window given (outcomes.csv has no dates) · ",
		      out);
	fprintf(out, zh ? "对照组：%s · %d%% 区间 · 多重比较校正：%s\n"
			: "control: %s · %d%% intervals · correction: %s\n",
		uplift_markup_show(mk, an->arm_names[an->control], control),
		uplift_numfmt_level(an->opt.alpha),
		uplift_stats_correction_name(an->opt.correction));
	if (r->counts) {
		fputs(mk->gap, out);
		write_counts(out, mk, r->counts);
	}
	fputs(mk->gap, out);
	if (isfinite(an->srm.p))
		fprintf(out,
			zh ? "分流检查：%s（卡方 %.2f，自由度 %.0f，p = %.4f）\n"
			   : "sample ratio: %s (chi2 %.2f, df %.0f, p %.4f)\n",
			an->srm.mismatch ? (zh ? "不一致" : "MISMATCH") : (zh ? "一致" : "ok"), an->srm.chi2, an->srm.df, an->srm.p);
	fputc('\n', out);
}

static struct table *arms_table(const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	size_t k = an->n_arms;
	struct table *t = table_new(k + 1);
	char ci[UPLIFT_NUMFMT_CI], name[UPLIFT_MARKUP_SIZE], label[UPLIFT_MARKUP_SIZE];
	char mname[UPLIFT_MARKUP_SIZE];

	if (!t)
		return NULL;
	table_cell(t, "%s", mk->words->metric_col);
	for (size_t a = 0; a < k; a++) {
		table_align_right(t, a + 1);
		if (r->exp->arms[a].label && mk->words != &uplift_format_words_zh)
			table_cell(t, "%s (%s)", uplift_markup_show(mk, an->arm_names[a], name),
				   uplift_markup_show(mk, r->exp->arms[a].label, label));
		else
			table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[a], name));
	}
	table_cell(t, "%s", mk->words->users);
	for (size_t a = 0; a < k; a++)
		table_cell(t, "%.0f", an->arms[a].users);
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		if (!(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		table_cell(t, "%s", uplift_format_metric(mk, r->an->opt.set, (enum uplift_metric)m, mname));
		for (size_t a = 0; a < k; a++) {
			const struct uplift_value *x = &an->arms[a].metric[m];
			table_cell(
			    t, "%s",
			    uplift_numfmt_value_ci(ci, sizeof(ci), r->an->opt.set, m, x->value, x->lo, x->hi));
		}
	}
	return t;
}

/* Comparisons that could not be computed, with the reason, as footnotes. */
static void write_reasons(FILE *out, const struct markup *mk, const struct uplift_analysis *an,
			  long column)
{
	bool any = false;
	char value[UPLIFT_MARKUP_SIZE], name[UPLIFT_MARKUP_SIZE], mname[UPLIFT_MARKUP_SIZE];

	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		const char *col;
		const char *val = uplift_format_segment(an, c, &col);

		/* a described metric shows no relative change: its reason for none is no news */
		if (c->column != column || !c->reason || (!c->tested && isfinite(c->diff)))
			continue;
		if (!any)
			fputc('\n', out);
		any = true;
		fprintf(out, "%s%s%s%s %s%s%s\n", mk->note, uplift_markup_show(mk, val, value),
			*val ? " · " : "", uplift_markup_show(mk, an->arm_names[c->arm], name),
			uplift_format_metric(mk, an->opt.set, c->metric, mname),
			mk->words == &uplift_format_words_zh ? "：" : ": ",
			uplift_format_words_reason(mk->words, c->reason));
	}
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != column || !c->cuped_note || c->metric == UPLIFT_AOV)
			continue;
		fprintf(out, "%s%s %s%s%s%s\n", mk->note,
			uplift_markup_show(mk, an->arm_names[c->arm], name),
			uplift_format_metric(mk, an->opt.set, c->metric, mname),
			mk->words == &uplift_format_words_zh ? "：" : ": ", mk->words->cuped_not_applied,
			uplift_format_words_reason(mk->words, c->cuped_note));
	}
}

/* The decision in plain words, first after the heading (not inside report.md: it has its own). */
static void write_decision(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_voice v = {.mk = mk, .r = r, .zh = mk->words == &uplift_format_words_zh};

	fprintf(out, v.zh ? "%s%s（%d%% 区间）\n\n" : "%s%s (%d%% intervals)\n\n",
		uplift_markup_section(mk, r->embedded), uplift_decision_words_heading(&v),
		uplift_numfmt_level(r->an->opt.alpha));
	uplift_decision_words_write(out, &v);
	fputc('\n', out);
}

/* The cap of each capped metric, under the arms table: its value and how it was found. */
static void write_caps(FILE *out, const struct markup *mk, const struct uplift_analysis *an)
{
	char nbuf[UPLIFT_MARKUP_SIZE], tbuf[UPLIFT_MARKUP_SIZE];
	const char *name, *twin;
	bool any = false;

	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		const struct uplift_metric_def *d = uplift_metric_def(an->opt.set, m);
		double cap = an->suff ? an->suff->cap[m] : NAN;
		bool zh = mk->words == &uplift_format_words_zh;
		if (!d || d->uncapped >= UPLIFT_N_METRICS || !(an->metrics & UPLIFT_METRIC_BIT(m)))
			continue;
		name = uplift_format_metric(mk, an->opt.set, (enum uplift_metric)m, nbuf);
		twin = uplift_format_metric(mk, an->opt.set, (enum uplift_metric)d->uncapped, tbuf);
		if (!any)
			fputc('\n', out);
		any = true;
		if (!isfinite(cap))
			fprintf(out, zh ? "%s%s：封顶值未知（统计文件只有封顶后的合计）；未封顶结果见 %s\n"
					: "%s%s: capped (the cap is not in a statistics file); "
					  "the uncapped result is %s\n",
				mk->note, name, twin);
		else if (d->cap.kind == UPLIFT_CAP_PERCENTILE)
			fprintf(out, zh ? "%s%s：每人数值封顶于 %.2f（所有组非零值的第 %g 百分位数）；未封顶结果见 %s\n"
					: "%s%s: each user's value capped at %.2f (the p%g of the "
					  "non-zero per-user values, all arms pooled); the uncapped "
					  "result is %s\n",
				mk->note, name, cap, d->cap.value, twin);
		else
			fprintf(out, zh ? "%s%s：每人数值封顶于 %.2f；未封顶结果见 %s\n"
					: "%s%s: each user's value capped at %.2f; the uncapped result "
					  "is %s\n",
				mk->note, name, cap, twin);
	}
}

const char *uplift_format_metric(const struct markup *mk, const struct uplift_metric_set *set,
				 enum uplift_metric m, char *buf)
{
	const char *w = (int)m >= 0 && m < UPLIFT_N_BUILTIN ? mk->words->metric[m] : NULL;
	const char *label = mk->words == &uplift_format_words_zh ? uplift_metric_label(set, m) : NULL;

	if (w)
		return w;
	if (uplift_metric_is_twin(set, m) && !label) { /* a built-in metric's twin */
		int of = uplift_metric_def(set, (int)m)->uncapped_of;
		if (of < UPLIFT_N_BUILTIN && mk->words->metric[of]) {
			snprintf(buf, UPLIFT_MARKUP_SIZE, "%s%s", mk->words->metric[of],
				 mk->words == &uplift_format_words_zh ? "（未封顶）" : " (uncapped)");
			return buf;
		}
	}
	/* a user metric: its name (or zh label) from experiment.ini, escaped */
	return uplift_markup_show(mk, label ? label : uplift_metric_name(set, m), buf);
}

/* The whole human format: heading, decision, arms, effects, pairs, economics, each --by column. */
void uplift_format_human(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;

	if (!r->embedded) {
		write_heading(out, mk, r);
		write_decision(out, mk, r);
	}
	fputs(uplift_markup_section(mk, r->embedded), out);
	fprintf(out, mk->words->arms, uplift_numfmt_level(an->opt.alpha));
	fputs("\n\n", out);
	uplift_markup_table(mk, arms_table(mk, r), out);
	write_caps(out, mk, an);
	uplift_format_effects_write(out, mk, r);
	write_reasons(out, mk, an, -1);
	uplift_format_pairs_write(out, mk, r);
	uplift_format_post_write(out, mk, r);
	uplift_format_economics_write(out, mk, r);
	for (size_t c = 0; c < an->n_columns; c++)
		uplift_format_segments_write(out, mk, r, c);
}

enum uplift_status uplift_format_write(FILE *out, enum uplift_format fmt,
				       const struct uplift_result *r, struct uplift_error *err)
{
	json_t *j;

	switch (fmt) {
	case UPLIFT_FMT_TABLE:
	case UPLIFT_FMT_MARKDOWN: {
		struct uplift_named nm;
		if (!uplift_format_named(&nm, r, r->zh))
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		uplift_format_human(out,
				    fmt == UPLIFT_FMT_TABLE
					? (r->zh ? &uplift_markup_text_zh : &uplift_markup_text)
					: (r->zh ? &uplift_markup_markdown_zh : &uplift_markup_markdown),
				    &nm.r);
		uplift_format_named_release(&nm);
		break;
	}
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
