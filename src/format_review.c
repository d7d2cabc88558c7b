/*
 * format_review.c - the review of several experiments as review.json and
 * review.md (uplift_review.h): one line per experiment, the trends of the
 * recurring arms, their pooled effect. Names from the data are escaped for
 * Markdown (markup.c); numbers are printed as analyze prints them.
 */
#include "uplift_review.h"
#include "format_words.h"
#include "markup.h"
#include "numfmt.h"
#include "uplift_analysis.h"
#include "uplift_atomic.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_history.h" /* UPLIFT_NO_DAY */

#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *day(long d)
{
	char buf[16];

	return d == UPLIFT_NO_DAY ? json_null() : json_string(uplift_date_format(d, buf));
}

static json_t *review_json(const struct uplift_review *rv)
{
	json_t *root = json_object(), *exps = json_array(), *trends = json_array(),
	       *pooled = json_array();

	for (size_t e = 0; e < rv->n; e++)
		json_array_append_new(exps, uplift_format_json(rv->exp[e]));
	for (size_t k = 0; k < rv->n_arms; k++) {
		const struct uplift_review_arm *a = &rv->arms[k];
		const struct uplift_meta *m = &a->pooled;
		json_t *pts = json_array();
		for (size_t i = 0; i < a->n; i++) {
			const struct uplift_review_point *p = &a->points[i];
			const struct uplift_experiment *x = rv->exp[p->exp]->exp;
			json_array_append_new(
			    pts, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "experiment",
					   x->name, "start", day(x->start), "end", day(x->end),
					   "diff", num(p->diff), "diff_ci_low", num(p->lo),
					   "diff_ci_high", num(p->hi), "p_value", num(p->p),
					   "significant", p->significant));
		}
		json_array_append_new(trends, json_pack("{s:s, s:s, s:o}", "arm", a->arm, "metric",
							rv->metric, "points", pts));
		json_array_append_new(
		    pooled,
		    json_pack("{s:s, s:s, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
			      "s:o, s:o}",
			      "arm", a->arm, "metric", rv->metric, "experiments", (json_int_t)m->k,
			      "method", "DerSimonian-Laird", "estimate", num(m->mu), "se",
			      num(m->se), "ci_low", num(m->lo), "ci_high", num(m->hi), "p_value",
			      num(m->p), "tau2", num(m->tau2), "i2", num(m->i2), "q", num(m->q),
			      "q_p_value", num(m->p_q), "prediction_low", num(m->pi_lo),
			      "prediction_high", num(m->pi_hi)));
		if (m->reason)
			json_object_set_new(json_array_get(pooled, k), "reason",
					    json_string(m->reason));
	}
	json_object_set_new(root, "metric", json_string(rv->metric));
	json_object_set_new(root, "experiments", exps);
	json_object_set_new(root, "trends", trends);
	json_object_set_new(root, "pooled", pooled);
	return root;
}

/* The words of review.md. */
struct words {
	const char *title, *per_exp, *cols[5], *ship, *unclear, *trends, *trend_cols[4],
	    *pooled, *pooled_line, *no_pool, *chart, *none_recur, *per_user, *pp, *glossary;
};

static const struct words en = {
    "Review of %zu experiments",
    "One line per experiment",
    {"experiment", "window", "users", "decision", "%s of the arm to ship (or the leader) vs control"},
    "ship %s",
    "no clear winner (%s leads)",
    "Trends: each recurring arm against its control, %s",
    {"arm", "experiment", "change [%d%% CI]", "p"},
    "Pooled over the experiments (random effects, DerSimonian-Laird)",
    "%s%s on %s over %zu experiments: %s [%s, %s] %s, p %s; between experiments tau² %s, "
    "I² %s; where a new experiment's effect should fall (prediction interval): [%s, %s]",
    "%s%s on %s: %s",
    "![trend](trend.png)",
    "No arm recurs across these experiments: nothing to follow or pool.",
    "per user",
    "pp",
    "## Glossary\n\n"
    "- **DerSimonian-Laird**: the random-effects pooling used above: each experiment weighs by "
    "the inverse of its variance plus the variance between experiments (tau²).\n"
    "- **tau²**: how much the true effect varies from one experiment to the next.\n"
    "- **I²**: the share of the spread between experiments that is real rather than chance.\n"
    "- **prediction interval**: where the effect of a new experiment like these should fall "
    "(needs at least 3 experiments).\n"
    "- **pp**: percentage points, the difference of two rates.\n",
};

static const struct words zh_w = {
    "%zu 个实验的复盘",
    "每个实验一行",
    {"实验", "活动期", "用户数", "结论", "建议发送（或领先）的券相比对照组的%s"},
    "发 %s",
    "暂无明确赢家（%s 领先）",
    "趋势：每个重复出现的券相比对照组，%s",
    {"券", "实验", "变化 [%d%% 置信区间]", "p"},
    "跨实验合并（随机效应模型）",
    "%s%s 在%s上合并 %zu 个实验：%s [%s, %s] %s，p = %s；实验间方差 τ² = %s，I² = %s；"
    "新实验效果的预测区间：[%s, %s]",
    "%s%s 在%s上：%s",
    "![趋势](trend.png)",
    "这些实验中没有重复出现的券：无法跟踪或合并。",
    "（人均）",
    "个百分点",
    "## 术语表\n\n"
    "- **随机效应模型（DerSimonian–Laird）**：上面的合并方法：每个实验按其方差与实验间方差"
    "（τ²）之和的倒数加权。\n"
    "- **τ²（实验间方差）**：真实效果在不同实验之间的波动大小。\n"
    "- **I²**：各实验效果的差异中真实差异（而非随机波动）所占的比例。\n"
    "- **预测区间**：下一次同类实验的效果预计落在的范围（至少需要 3 个实验）。\n"
    "- **个百分点**：两个比率之差。\n",
};

/* The review's metric in words (a built-in's Chinese name, a user metric's zh label). */
static const char *metric_words(const struct uplift_review *rv, const struct format_words *fw)
{
	const struct uplift_metric_set *set = rv->n ? rv->exp[0]->an->opt.set : NULL;
	size_t n = set ? set->n : UPLIFT_N_BUILTIN;

	for (size_t m = 0; m < n && m < UPLIFT_N_METRICS; m++)
		if (strcmp(uplift_metric_name(set, (enum uplift_metric)m), rv->metric) == 0)
			return uplift_format_words_metric(fw, set, (enum uplift_metric)m);
	return rv->metric;
}

/* Arm `name` of the review as a reader sees it: its label in the first experiment that has one. */
static const char *arm_words(const struct uplift_review *rv, const struct format_words *fw,
			     const char *name)
{
	for (size_t e = 0; e < rv->n; e++) {
		const struct uplift_analysis *an = rv->exp[e]->an;
		for (size_t a = 0; a < an->n_arms; a++)
			if (strcmp(an->arm_names[a], name) == 0) {
				const char *s = uplift_format_words_arm(fw, rv->exp[e]->exp,
									an->arm_names, a);
				if (s != an->arm_names[a])
					return s;
			}
	}
	return name;
}

static const char *diff_ci(char *buf, size_t n, const struct uplift_review *rv, double d,
			   double lo, double hi)
{
	double f = rv->rate ? 100 : 1; /* a rate in points */
	char a[64], l[64], h[64];

	snprintf(a, sizeof(a), "%+.2f", f * d);
	snprintf(l, sizeof(l), "%+.2f", f * lo);
	snprintf(h, sizeof(h), "%+.2f", f * hi);
	if (!isfinite(d))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else if (!isfinite(lo) || !isfinite(hi))
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%s [%s, %s]", a, l, h);
	return buf;
}

/* The table cell of an experiment's decision. */
static const char *decision(char *buf, size_t n, const struct markup *mk,
			    const struct uplift_result *r, const struct words *w)
{
	const struct uplift_decision *d = &r->an->decision;
	char arm[UPLIFT_MARKUP_SIZE];

	if (d->ship < r->an->n_arms)
		snprintf(buf, n, w->ship,
			 uplift_markup_show(mk,
					    uplift_format_words_arm(mk->words, r->exp, r->an->arm_names,
								    d->ship),
					    arm));
	else if (d->leader < r->an->n_arms)
		snprintf(buf, n, w->unclear,
			 uplift_markup_show(mk,
					    uplift_format_words_arm(mk->words, r->exp, r->an->arm_names,
								    d->leader),
					    arm));
	else
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	return buf;
}

static void md_cell_sep(FILE *fp, size_t n)
{
	fputc('|', fp);
	for (size_t i = 0; i < n; i++)
		fputs("---|", fp);
	fputc('\n', fp);
}

static void write_md(FILE *fp, const struct uplift_review *rv, bool zh, bool chart)
{
	const struct words *w = zh ? &zh_w : &en;
	const struct markup *mk = zh ? &uplift_markup_markdown_zh : &uplift_markup_markdown;
	int level = uplift_numfmt_level(rv->alpha);
	char a[UPLIFT_MARKUP_SIZE], b[UPLIFT_MARKUP_SIZE], metric[UPLIFT_MARKUP_SIZE];
	char ci[UPLIFT_NUMFMT_CI], cell[UPLIFT_MARKUP_SIZE + 64], head[200];

	uplift_markup_show(mk, metric_words(rv, mk->words), metric);
	fprintf(fp, "# ");
	fprintf(fp, w->title, rv->n);
	fprintf(fp, "\n\n## %s\n\n", w->per_exp);
	snprintf(head, sizeof(head), w->cols[4], metric);
	fprintf(fp, "| %s | %s | %s | %s | %s |\n", w->cols[0], w->cols[1], w->cols[2], w->cols[3],
		head);
	md_cell_sep(fp, 5);
	for (size_t e = 0; e < rv->n; e++) {
		const struct uplift_result *r = rv->exp[e];
		const struct uplift_analysis *an = r->an;
		const struct uplift_decision *d = &an->decision;
		size_t arm = d->ship < an->n_arms ? d->ship : d->leader;
		char s[32], t[16];
		double users = 0;
		const struct uplift_comparison *c = NULL;

		for (size_t k = 0; k < an->n_arms; k++)
			users += an->arms[k].users;
		for (size_t i = 0; arm < an->n_arms && i < an->n_cmp; i++)
			if (an->cmp[i].column == -1 && an->cmp[i].arm == arm &&
			    strcmp(uplift_metric_name(an->opt.set, an->cmp[i].metric), rv->metric) == 0)
				c = &an->cmp[i];
		if (r->exp->has_window)
			snprintf(head, sizeof(head), "%s – %s", uplift_date_format(r->exp->start, s),
				 uplift_date_format(r->exp->end, t));
		else
			snprintf(head, sizeof(head), UPLIFT_NUMFMT_NONE);
		if (c)
			snprintf(cell, sizeof(cell), "%s%s%s%s%s",
				 uplift_markup_show(
				     mk, uplift_format_words_arm(mk->words, r->exp, an->arm_names, arm),
				     b),
				 zh ? "：" : ": ",
				 diff_ci(ci, sizeof(ci), rv, c->diff, c->diff_lo, c->diff_hi),
				 rv->rate ? " " : "", rv->rate ? w->pp : "");
		else
			snprintf(cell, sizeof(cell), UPLIFT_NUMFMT_NONE);
		fprintf(fp, "| %s | %s | %s | ", uplift_markup_show(mk, r->exp->name, a), head,
			uplift_numfmt_grouped(s, sizeof(s), users, 0, 0));
		fprintf(fp, "%s | %s |\n", decision(b, sizeof(b), mk, r, w), cell);
	}
	if (rv->n_arms == 0) {
		fprintf(fp, "\n%s\n", w->none_recur);
		return;
	}
	fprintf(fp, "\n## ");
	fprintf(fp, w->trends, metric);
	fprintf(fp, "\n\n| %s | %s | ", w->trend_cols[0], w->trend_cols[1]);
	fprintf(fp, w->trend_cols[2], level);
	fprintf(fp, " | %s |\n", w->trend_cols[3]);
	md_cell_sep(fp, 4);
	for (size_t k = 0; k < rv->n_arms; k++) {
		const struct uplift_review_arm *ra = &rv->arms[k];
		for (size_t i = 0; i < ra->n; i++) {
			const struct uplift_review_point *p = &ra->points[i];
			char pv[32];
			fprintf(fp, "| %s | %s | %s%s%s | %s |\n",
				uplift_markup_show(mk, arm_words(rv, mk->words, ra->arm), a),
				uplift_markup_show(mk, rv->exp[p->exp]->exp->name, b),
				diff_ci(ci, sizeof(ci), rv, p->diff, p->lo, p->hi),
				rv->rate ? " " : "", rv->rate ? w->pp : "",
				uplift_numfmt_p(pv, sizeof(pv), p->p));
		}
	}
	if (chart)
		fprintf(fp, "\n%s\n", w->chart);
	fprintf(fp, "\n## %s\n\n", w->pooled);
	for (size_t k = 0; k < rv->n_arms; k++) {
		const struct uplift_meta *m = &rv->arms[k].pooled;
		char mu[64], lo[64], hi[64], pv[32], t2[64], i2[32], pl[64], ph[64];
		double f = rv->rate ? 100 : 1;

		uplift_markup_show(mk, arm_words(rv, mk->words, rv->arms[k].arm), a);
		if (!isfinite(m->mu) || m->k < 2) {
			fprintf(fp, w->no_pool, mk->list, a, metric,
				m->reason ? uplift_format_words_reason(mk->words, m->reason)
					  : UPLIFT_NUMFMT_NONE);
			fputc('\n', fp);
			continue;
		}
		snprintf(mu, sizeof(mu), "%+.2f", f * m->mu);
		snprintf(lo, sizeof(lo), "%+.2f", f * m->lo);
		snprintf(hi, sizeof(hi), "%+.2f", f * m->hi);
		snprintf(t2, sizeof(t2), "%.3g", f * f * m->tau2);
		snprintf(i2, sizeof(i2), "%.0f%%", 100 * m->i2);
		if (isfinite(m->pi_lo)) {
			snprintf(pl, sizeof(pl), "%+.2f", f * m->pi_lo);
			snprintf(ph, sizeof(ph), "%+.2f", f * m->pi_hi);
		} else {
			snprintf(pl, sizeof(pl), UPLIFT_NUMFMT_NONE);
			snprintf(ph, sizeof(ph), UPLIFT_NUMFMT_NONE);
		}
		fprintf(fp, w->pooled_line, mk->list, a, metric, m->k, mu, lo, hi,
			rv->rate ? w->pp : w->per_user, uplift_numfmt_p(pv, sizeof(pv), m->p), t2, i2,
			pl, ph);
		fputc('\n', fp);
	}
	fprintf(fp, "\n%s", w->glossary);
}

enum uplift_status uplift_review_write(const char *dir, const struct uplift_review *rv, bool zh,
				       bool chart, struct uplift_error *err)
{
	struct uplift_atomic f = {0};
	json_t *j = review_json(rv);
	bool ok;

	if (!j)
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	if (!uplift_atomic_open(&f, dir, "review.json", err)) {
		json_decref(j);
		return err->status;
	}
	ok = json_dumpf(j, f.fp, JSON_INDENT(2) | JSON_REAL_PRECISION(16)) == 0;
	fputc('\n', f.fp);
	json_decref(j);
	if (!uplift_atomic_close(&f, ok, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	if (!uplift_atomic_open(&f, dir, "review.md", err))
		return err->status;
	write_md(f.fp, rv, zh, chart);
	if (!uplift_atomic_close(&f, true, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return UPLIFT_OK;
}
