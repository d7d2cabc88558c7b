/*
 * xlsx_sheets.c - the sheets of summary.xlsx (uplift_xlsx.h), in order:
 * the decision, the arms, the effects vs control, the head-to-head pairs,
 * the coupon economics (with [economics] gross_margin) and one sheet per
 * --by column with its segment rows.
 *
 * Every row is one entry of summary.json, in its order and from the same
 * struct: decision; arms[].metrics; comparisons with segment null;
 * pairs; economics with segment null; comparisons of one --by column. The
 * English headers are the JSON's (and comparisons.csv's) field names, the
 * Chinese ones words. The uncapped twins of a capped metric are left out,
 * as the JSON leaves them out of its arrays. The first column of every
 * row is the experiment. The economics sheet adds totals: the coupon cost
 * of each arm's users, and the incremental revenue and profit per user
 * times the users of the test, as report.md states them.
 */
#include "decision_internal.h"
#include "decision_words.h"
#include "format_json_internal.h"
#include "markup.h"
#include "xlsx_internal.h"
#include "format_words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a comparison after those that name it. */

/* A reason the library gives for a number it cannot give, in the book's language. */
static void xlsx_reason(struct xlsx_sheet *s, const char *reason)
{
	xlsx_text(s, reason && s->b->zh
			 ? uplift_format_words_reason(uplift_format_words(true), reason)
			 : reason);
}

static const struct xlsx_col stats[] = {
    {"n_control", "对照人数", XLSX_COUNT},
    {"n_treatment", "实验人数", XLSX_COUNT},
    {"control", "对照值", XLSX_METRIC},
    {"treatment", "实验值", XLSX_METRIC},
    {"diff", "差值", XLSX_METRIC},
    {"diff_ci_low", "差值下限", XLSX_METRIC},
    {"diff_ci_high", "差值上限", XLSX_METRIC},
    {"lift", "相对变化", XLSX_RATE},
    {"lift_ci_low", "相对变化下限", XLSX_RATE},
    {"lift_ci_high", "相对变化上限", XLSX_RATE},
    {"p_value", "p值", XLSX_P},
    {"p_adjusted", "校正后p值", XLSX_P},
    {"significant", "显著", XLSX_BOOL},
    {"small", "样本过少", XLSX_BOOL},
    {"chance_to_win", "胜出概率", XLSX_RATE},
    {"expected_loss_treatment", "选实验组的预期损失", XLSX_METRIC},
    {"expected_loss_control", "留对照组的预期损失", XLSX_METRIC},
    {"tested", "做了检验", XLSX_BOOL},
    {"reason", "说明", XLSX_TEXT},
};
#define N_STATS (sizeof(stats) / sizeof(stats[0]))

static const struct xlsx_col experiment_col = {"experiment", "实验", XLSX_TEXT};

/* cols = experiment, head[0..n), stats: the columns of a comparison sheet. */
static size_t comparison_cols(struct xlsx_col *cols, const struct xlsx_col *head, size_t n)
{
	cols[0] = experiment_col;
	memcpy(cols + 1, head, n * sizeof(*head));
	memcpy(cols + 1 + n, stats, sizeof(stats));
	return 1 + n + N_STATS;
}

static const char *experiment_name(const struct xlsx_book *b)
{
	return b->r->exp ? b->r->exp->name : NULL;
}

/* The cells of stats for comparison c (the row begun by the caller). */
static void stats_cells(struct xlsx_sheet *s, const struct uplift_comparison *c)
{
	xlsx_num(s, c->n_control);
	xlsx_num(s, c->n_treatment);
	xlsx_num(s, c->control);
	xlsx_num(s, c->treatment);
	xlsx_num(s, c->diff);
	xlsx_num(s, c->diff_lo);
	xlsx_num(s, c->diff_hi);
	xlsx_num(s, c->lift);
	xlsx_num(s, c->lift_lo);
	xlsx_num(s, c->lift_hi);
	xlsx_num(s, c->p);
	xlsx_num(s, c->p_adjusted);
	xlsx_bool(s, c->significant);
	xlsx_bool(s, c->small);
	xlsx_num(s, c->chance_to_win);
	xlsx_num(s, c->loss_treatment);
	xlsx_num(s, c->loss_control);
	xlsx_bool(s, c->tested);
	xlsx_reason(s, c->reason ? c->reason : c->cuped_note);
}

static const char *why_word(enum uplift_decision_why why, bool zh)
{
	static const char *const en[] = {"clear", "not_clear", "guardrail", "no_metric",
					 "not_computable"};
	static const char *const zh_words[] = {"明确", "差距不明确", "护栏指标未通过",
					       "数据中没有该指标", "无法计算"};
	size_t i = (size_t)why < 5 ? (size_t)why : 4;

	return zh ? zh_words[i] : en[i];
}

/* The overall economics entry of arm a, or NULL. */
static const struct uplift_economics *overall_econ(const struct uplift_analysis *an, size_t a)
{
	for (size_t i = 0; i < an->n_econ; i++)
		if (an->econ[i].column == -1 && an->econ[i].arm == a)
			return &an->econ[i];
	return NULL;
}

/* What f writes for voice v, in a string of its own (free() it); NULL when out of memory. */
static char *written(void (*f)(FILE *, const struct uplift_voice *), const struct uplift_voice *v)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);

	if (!fp)
		return NULL;
	f(fp, v);
	if (fclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * The decision in Chinese words, as report.md opens with it
 * (decision_words.c, in plain text: no markup, names made safe for a
 * terminal) without the list of findings that follows it, its lines joined
 * into one cell; NULL when out of memory.
 */
static char *zh_words(const struct uplift_result *r)
{
	struct markup mk = uplift_markup_text;
	struct uplift_voice v = {.mk = &mk, .r = r, .zh = true};
	char *buf, *findings, *out;
	size_t j = 0, n, k;

	mk.words = &uplift_format_words_zh;
	buf = written(uplift_decision_words_write, &v);
	findings = written(uplift_decision_words_findings, &v);
	if (!buf || !findings) {
		free(buf);
		free(findings);
		return NULL;
	}
	n = strlen(buf);
	k = strlen(findings);
	if (k && k <= n && strcmp(buf + n - k, findings) == 0)
		buf[n - k] = '\0';
	free(findings);
	out = buf; /* joined in place: never longer */
	for (const char *p = buf; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len && (*p == ' ' || *p == '-')) {
			p++;
			len--;
		}
		if (len && j)
			out[j++] = ' ';
		memmove(out + j, p, len);
		j += len;
		p += len + (end != NULL);
	}
	out[j] = '\0';
	return out;
}

static void decision_sheet(struct xlsx_book *b)
{
	static const struct xlsx_col cols[] = {
	    {"experiment", "实验", XLSX_TEXT},
	    {"metric", "决策指标", XLSX_TEXT},
	    {"ship", "下周发", XLSX_TEXT},
	    {"leader", "领先组", XLSX_TEXT},
	    {"runner_up", "第二名", XLSX_TEXT},
	    {"leader_value", "领先组的值", XLSX_METRIC},
	    {"runner_up_value", "第二名的值", XLSX_METRIC},
	    {"diff", "领先差值", XLSX_METRIC},
	    {"diff_ci_low", "差值下限", XLSX_METRIC},
	    {"diff_ci_high", "差值上限", XLSX_METRIC},
	    {"clear", "明确领先", XLSX_BOOL},
	    {"why", "结论类型", XLSX_TEXT},
	    {"users_per_arm", "每组还需人数", XLSX_COUNT},
	    {"targeting", "按此分群定向", XLSX_TEXT},
	    {"incremental_profit", "人均增量毛利（元）", XLSX_MONEY},
	    {"incremental_profit_ci_low", "下限", XLSX_MONEY},
	    {"incremental_profit_ci_high", "上限", XLSX_MONEY},
	    {"test_users", "实验总人数", XLSX_COUNT},
	    {"incremental_profit_total", "按全体实验用户计增量毛利（元）", XLSX_MONEY},
	    {"incremental_profit_total_ci_low", "下限", XLSX_MONEY},
	    {"incremental_profit_total_ci_high", "上限", XLSX_MONEY},
	    {"reason", "说明", XLSX_TEXT},
	};
	const struct uplift_analysis *an = b->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct uplift_economics *e;
	double users = uplift_decision_words_users(an);
	json_t *j = uplift_format_json_decision(b->r);
	const char *reason = j ? json_string_value(json_object_get(j, "reason")) : NULL;
	char *words = b->zh ? zh_words(b->r) : NULL;
	struct xlsx_sheet s;
	size_t arm = d->ship < an->n_arms ? d->ship : d->leader;

	if (!xlsx_sheet_begin(b, &s, b->zh ? "结论" : "decision", cols,
			      sizeof(cols) / sizeof(cols[0]))) {
		json_decref(j);
		free(words);
		return;
	}
	/* the profit of the arm shipped, or of the leader when nothing is (control: none) */
	e = arm < an->n_arms ? overall_econ(an, arm) : NULL;
	xlsx_row(&s, d->set, d->metric);
	xlsx_text(&s, experiment_name(b));
	xlsx_metric(&s, d->metric);
	if (d->ship < an->n_arms)
		xlsx_arm(&s, d->ship);
	else
		xlsx_text(&s, NULL);
	if (d->leader < an->n_arms)
		xlsx_arm(&s, d->leader);
	else
		xlsx_text(&s, NULL);
	if (d->runner_up < an->n_arms)
		xlsx_arm(&s, d->runner_up);
	else
		xlsx_text(&s, NULL);
	xlsx_num(&s, d->leader_value);
	xlsx_num(&s, d->runner_up_value);
	xlsx_num(&s, d->diff);
	xlsx_num(&s, d->diff_lo);
	xlsx_num(&s, d->diff_hi);
	xlsx_bool(&s, d->clear);
	xlsx_text(&s, why_word(d->why, b->zh));
	xlsx_num(&s, d->users_per_arm);
	xlsx_text(&s, d->targeting >= 0 && (size_t)d->targeting < an->n_columns
			  ? an->columns[d->targeting].name
			  : NULL);
	xlsx_num(&s, e ? e->profit.est : NAN);
	xlsx_num(&s, e ? e->profit.lo : NAN);
	xlsx_num(&s, e ? e->profit.hi : NAN);
	xlsx_num(&s, users);
	xlsx_num(&s, e ? users * e->profit.est : NAN);
	xlsx_num(&s, e ? users * e->profit.lo : NAN);
	xlsx_num(&s, e ? users * e->profit.hi : NAN);
	/* Chinese: the words of report.md; English: the JSON's sentence */
	xlsx_text(&s, words ? words : reason);
	json_decref(j);
	free(words);
	xlsx_sheet_end(&s);
}

static void arms_sheet(struct xlsx_book *b)
{
	static const struct xlsx_col cols[] = {
	    {"experiment", "实验", XLSX_TEXT}, {"arm", "组", XLSX_TEXT},
	    {"label", "原组名", XLSX_TEXT},    {"users", "用户数", XLSX_COUNT},
	    {"metric", "指标", XLSX_TEXT},     {"value", "值", XLSX_METRIC},
	    {"ci_low", "下限", XLSX_METRIC},   {"ci_high", "上限", XLSX_METRIC},
	    {"reason", "说明", XLSX_TEXT},
	};
	const struct uplift_analysis *an = b->r->an;
	const struct uplift_experiment *exp = b->r->exp;
	struct xlsx_sheet s;

	if (!xlsx_sheet_begin(b, &s, b->zh ? "各组" : "arms", cols, sizeof(cols) / sizeof(cols[0])))
		return;
	for (size_t a = 0; a < an->n_arms; a++)
		for (int m = 0; m < UPLIFT_N_METRICS; m++) {
			const struct uplift_value *v = &an->arms[a].metric[m];
			if (!(an->metrics & UPLIFT_METRIC_BIT(m)) ||
			    uplift_metric_is_twin(an->opt.set, m))
				continue;
			xlsx_row(&s, an->opt.set, m);
			xlsx_text(&s, experiment_name(b));
			xlsx_arm(&s, a);
			/* English: the label; Chinese (the arm shown by its label): the name */
			xlsx_text(&s, b->zh ? an->arm_names[a]
					    : (exp && a < exp->n_arms ? exp->arms[a].label : NULL));
			xlsx_num(&s, an->arms[a].users);
			xlsx_metric(&s, m);
			xlsx_num(&s, v->value);
			xlsx_num(&s, v->lo);
			xlsx_num(&s, v->hi);
			xlsx_reason(&s, v->reason);
		}
	xlsx_sheet_end(&s);
}

/* The comparisons of column col (-1: overall) on sheet name. */
static void effects_sheet(struct xlsx_book *b, long col, const char *name)
{
	static const struct xlsx_col overall[] = {
	    {"arm", "组", XLSX_TEXT},
	    {"metric", "指标", XLSX_TEXT},
	};
	static const struct xlsx_col by[] = {
	    {"segment_value", "分群", XLSX_TEXT},
	    {"arm", "组", XLSX_TEXT},
	    {"metric", "指标", XLSX_TEXT},
	};
	const struct uplift_analysis *an = b->r->an;
	struct xlsx_col cols[XLSX_MAX_COLS];
	size_t n = col < 0 ? comparison_cols(cols, overall, 2) : comparison_cols(cols, by, 3);
	struct xlsx_sheet s;

	if (!xlsx_sheet_begin(b, &s, name, cols, n))
		return;
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != col || uplift_metric_is_twin(an->opt.set, c->metric))
			continue;
		xlsx_row(&s, an->opt.set, c->metric);
		xlsx_text(&s, experiment_name(b));
		if (col >= 0)
			xlsx_text(&s, uplift_format_segment(an, c, NULL));
		xlsx_arm(&s, c->arm);
		xlsx_metric(&s, c->metric);
		stats_cells(&s, c);
	}
	xlsx_sheet_end(&s);
}

static void pairs_sheet(struct xlsx_book *b)
{
	static const struct xlsx_col head[] = {
	    {"segment_column", "分群维度", XLSX_TEXT},
	    {"segment_value", "分群", XLSX_TEXT},
	    {"baseline", "基准组", XLSX_TEXT},
	    {"arm", "组", XLSX_TEXT},
	    {"metric", "指标", XLSX_TEXT},
	};
	const struct uplift_analysis *an = b->r->an;
	struct xlsx_col cols[XLSX_MAX_COLS];
	size_t n = comparison_cols(cols, head, 5);
	struct xlsx_sheet s;

	if (b->zh) { /* in a pair the baseline is the other coupon, not control */
		cols[6].zh = "基准组人数";
		cols[7].zh = "本组人数";
		cols[8].zh = "基准组的值";
		cols[9].zh = "本组的值";
		cols[21].zh = "选本组的预期损失";
		cols[22].zh = "留基准组的预期损失";
	}
	if (!xlsx_sheet_begin(b, &s, b->zh ? "两两对比" : "pairs", cols, n))
		return;
	for (size_t i = 0; i < an->n_pairs; i++) {
		const struct uplift_comparison *c = &an->pairs[i];
		const char *column, *value;
		if (uplift_metric_is_twin(an->opt.set, c->metric))
			continue;
		value = uplift_format_segment(an, c, &column);
		xlsx_row(&s, an->opt.set, c->metric);
		xlsx_text(&s, experiment_name(b));
		xlsx_text(&s, column && b->zh ? uplift_format_words_column(uplift_format_words(true), column)
					      : column);
		xlsx_text(&s, value);
		xlsx_arm(&s, c->baseline);
		xlsx_arm(&s, c->arm);
		xlsx_metric(&s, c->metric);
		stats_cells(&s, c);
	}
	xlsx_sheet_end(&s);
}

static void economics_sheet(struct xlsx_book *b)
{
	static const struct xlsx_col cols[] = {
	    {"experiment", "实验", XLSX_TEXT},
	    {"arm", "组", XLSX_TEXT},
	    {"discount_per_user", "人均券成本（元）", XLSX_MONEY},
	    {"redemption_rate", "核销率", XLSX_RATE},
	    {"incremental_revenue", "人均增量收入（元）", XLSX_MONEY},
	    {"incremental_revenue_ci_low", "下限", XLSX_MONEY},
	    {"incremental_revenue_ci_high", "上限", XLSX_MONEY},
	    {"incremental_profit", "人均增量毛利（元）", XLSX_MONEY},
	    {"incremental_profit_ci_low", "下限", XLSX_MONEY},
	    {"incremental_profit_ci_high", "上限", XLSX_MONEY},
	    {"cost_per_incremental_buyer", "每个新增购买者的成本（元）", XLSX_MONEY},
	    {"cost_per_incremental_buyer_ci_low", "下限", XLSX_MONEY},
	    {"cost_per_incremental_buyer_ci_high", "上限", XLSX_MONEY},
	    {"users", "本组人数", XLSX_COUNT},
	    {"coupon_cost_total", "本组券成本合计（元）", XLSX_MONEY},
	    {"test_users", "实验总人数", XLSX_COUNT},
	    {"incremental_revenue_total", "按全体实验用户计增量收入（元）", XLSX_MONEY},
	    {"incremental_revenue_total_ci_low", "下限", XLSX_MONEY},
	    {"incremental_revenue_total_ci_high", "上限", XLSX_MONEY},
	    {"incremental_profit_total", "按全体实验用户计增量毛利（元）", XLSX_MONEY},
	    {"incremental_profit_total_ci_low", "下限", XLSX_MONEY},
	    {"incremental_profit_total_ci_high", "上限", XLSX_MONEY},
	    {"reason", "说明", XLSX_TEXT},
	};
	const struct uplift_analysis *an = b->r->an;
	double users = uplift_decision_words_users(an);
	struct xlsx_sheet s;

	if (!(an->opt.gross_margin > 0)) /* no "economics" in the JSON either */
		return;
	if (!xlsx_sheet_begin(b, &s, b->zh ? "券的经济账" : "economics", cols,
			      sizeof(cols) / sizeof(cols[0])))
		return;
	for (size_t i = 0; i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		double n = e->arm < an->n_arms ? an->arms[e->arm].users : NAN;
		if (e->column != -1)
			continue;
		xlsx_row(&s, an->opt.set, UPLIFT_REVENUE);
		xlsx_text(&s, experiment_name(b));
		xlsx_arm(&s, e->arm);
		xlsx_num(&s, e->discount_per_user);
		xlsx_num(&s, e->redemption_rate);
		xlsx_num(&s, e->revenue.est);
		xlsx_num(&s, e->revenue.lo);
		xlsx_num(&s, e->revenue.hi);
		xlsx_num(&s, e->profit.est);
		xlsx_num(&s, e->profit.lo);
		xlsx_num(&s, e->profit.hi);
		xlsx_num(&s, e->cost_per_incremental_buyer.est);
		xlsx_num(&s, e->cost_per_incremental_buyer.lo);
		xlsx_num(&s, e->cost_per_incremental_buyer.hi);
		xlsx_num(&s, n);
		xlsx_num(&s, n * e->discount_per_user);
		xlsx_num(&s, users);
		xlsx_num(&s, users * e->revenue.est);
		xlsx_num(&s, users * e->revenue.lo);
		xlsx_num(&s, users * e->revenue.hi);
		xlsx_num(&s, users * e->profit.est);
		xlsx_num(&s, users * e->profit.lo);
		xlsx_num(&s, users * e->profit.hi);
		xlsx_reason(&s, e->reason);
	}
	xlsx_sheet_end(&s);
}

void xlsx_sheets_write(struct xlsx_book *b)
{
	const struct uplift_analysis *an = b->r->an;
	char name[512];

	decision_sheet(b);
	arms_sheet(b);
	effects_sheet(b, -1, b->zh ? "对比对照组" : "effects");
	pairs_sheet(b);
	economics_sheet(b);
	for (size_t k = 0; k < an->n_columns; k++) {
		snprintf(name, sizeof(name), "%s%s", b->zh ? "分群-" : "by ",
			 b->zh ? uplift_format_words_column(uplift_format_words(true), an->columns[k].name)
			       : an->columns[k].name);
		effects_sheet(b, (long)k, name);
	}
}
