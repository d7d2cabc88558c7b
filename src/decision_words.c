/*
 * decision_words.c - the decision in plain words (see decision_words.h):
 * the recommendation and what it earns. The caveat and the findings that
 * follow it are in decision_unclear.c and decision_findings.c.
 *
 * The decision is read as uplift_decision.h states it; a decision whose
 * arms do not add up (a leader that is its own runner-up, an arm past the
 * last) is said to be not computable rather than guessed at. Every name
 * goes through the voice's markup (headline.h); numbers through numfmt.c.
 */
#include "decision_internal.h"
#include "format_internal.h"
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Plan rows named in the recommendation before "and k more". */
#define PLAN_ROWS_NAMED 12

const char *uplift_decision_words_heading(const struct uplift_voice *v)
{
	return v->zh ? "结论：下周发什么券、发给谁"
		     : "Decision: which coupon next week, and to whom";
}

static bool is_money(enum uplift_metric m)
{
	return m == UPLIFT_REVENUE || m == UPLIFT_PROFIT || m == UPLIFT_DISCOUNT ||
	       m == UPLIFT_AMOUNT || m == UPLIFT_AOV;
}

const char *uplift_decision_words_per_user(char *buf, size_t n, const struct uplift_voice *v,
					   enum uplift_metric m, double d, double lo, double hi)
{
	char a[64], l[64], h[64], iv[160];

	uplift_numfmt_diff(a, sizeof(a), v->r->an->opt.set, m, d);
	uplift_numfmt_interval(iv, sizeof(iv), uplift_numfmt_diff(l, sizeof(l), v->r->an->opt.set, m, lo),
			       uplift_numfmt_diff(h, sizeof(h), v->r->an->opt.set, m, hi));
	if (uplift_metric_kind(v->r->an->opt.set, m) == UPLIFT_PROPORTION)
		snprintf(buf, n, v->zh ? "%s 个百分点 %s" : "%s pp %s", a, iv);
	else
		snprintf(buf, n, "%s %s%s", a, iv, v->zh && is_money(m) ? " 元" : "");
	return buf;
}

const char *uplift_decision_words_amount(char *buf, size_t n, const struct uplift_voice *v,
					 enum uplift_metric m, double x)
{
	if (!isfinite(x))
		snprintf(buf, n, UPLIFT_NUMFMT_NONE);
	else if (uplift_metric_kind(v->r->an->opt.set, m) == UPLIFT_PROPORTION)
		snprintf(buf, n, v->zh ? "%.2f 个百分点" : "%.2f pp", 100 * fabs(x));
	else if (m == UPLIFT_ORDERS)
		snprintf(buf, n, "%.3f", fabs(x));
	else
		snprintf(buf, n, "%.2f%s", fabs(x), v->zh && is_money(m) ? " 元" : "");
	return buf;
}

/* The per-user effect d [lo, hi] over `users` users, in the metric's unit; false for aov. */
static bool total(char *buf, size_t n, const struct uplift_voice *v, enum uplift_metric m, double d,
		  double lo, double hi, double users)
{
	static const char *const en[UPLIFT_N_METRICS] = {"buyers", "repeat buyers", "in all",
							 "orders", "in all",        NULL,
							 "in all", "redeemers",     "in all"};
	static const char *const zh[UPLIFT_N_METRICS] = {
	    "购买用户", "复购用户", "合计", "订单", "合计", NULL, "合计", "核销用户", "合计"};
	static const char *const zh_unit[UPLIFT_N_METRICS] = {"人", "人", "元", "笔", "元",
							      NULL, "元", "人", "元"};
	char ci[UPLIFT_NUMFMT_CI];

	if ((int)m < 0 || m >= UPLIFT_N_METRICS || !en[m])
		return false;
	uplift_numfmt_total_ci(ci, sizeof(ci), users * d, users * lo, users * hi);
	if (v->zh)
		snprintf(buf, n, "%s %s %s", zh[m], ci, zh_unit[m]);
	else
		snprintf(buf, n, "%s %s", ci, en[m]);
	return true;
}

double uplift_decision_words_users(const struct uplift_analysis *an)
{
	double users = 0;

	for (size_t a = 0; a < an->n_arms; a++)
		users += an->arms[a].users;
	return users;
}

const struct uplift_comparison *uplift_decision_words_overall(const struct uplift_analysis *an,
							      size_t arm, enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == -1 && an->cmp[i].arm == arm && an->cmp[i].metric == m)
			return &an->cmp[i];
	return NULL;
}

enum uplift_decision_why uplift_decision_words_state(const struct uplift_analysis *an)
{
	const struct uplift_decision *d = &an->decision;
	bool arms_ok =
	    d->leader < an->n_arms && d->runner_up < an->n_arms && d->leader != d->runner_up;

	switch (d->why) {
	case UPLIFT_DECISION_CLEAR:
		return arms_ok && d->ship == d->leader ? d->why : UPLIFT_DECISION_NOT_COMPUTABLE;
	case UPLIFT_DECISION_NOT_CLEAR:
	case UPLIFT_DECISION_GUARDRAIL:
		return arms_ok ? d->why : UPLIFT_DECISION_NOT_COMPUTABLE;
	case UPLIFT_DECISION_NO_METRIC:
		return d->why;
	default:
		return UPLIFT_DECISION_NOT_COMPUTABLE;
	}
}

const struct uplift_plan *uplift_decision_words_plan(const struct uplift_result *r)
{
	long t = r->an->decision.targeting;

	if (t < 0 || (size_t)t >= r->an->n_columns)
		return NULL;
	for (size_t i = 0; i < r->n_plans; i++)
		if (r->plans[i] && r->plans[i]->column == (size_t)t)
			return r->plans[i];
	return NULL;
}

/* "{A} vs {B}: {per user}; over the N users of the test, {total}." */
static void earnings(FILE *out, const struct uplift_voice *v, size_t a, size_t b,
		     enum uplift_metric m, double d, double lo, double hi)
{
	const struct markup *mk = v->mk;
	double users = uplift_decision_words_users(v->r->an);
	char na[UPLIFT_MARKUP_SIZE], nb[UPLIFT_MARKUP_SIZE], pu[UPLIFT_NUMFMT_CI];
	char tot[UPLIFT_NUMFMT_CI + 64], nu[64];
	bool has_total = total(tot, sizeof(tot), v, m, d, lo, hi, users);

	uplift_headline_arm(v, a, na);
	uplift_headline_arm(v, b, nb);
	uplift_decision_words_per_user(pu, sizeof(pu), v, m, d, lo, hi);
	uplift_numfmt_grouped(nu, sizeof(nu), users, 0, 0);
	if (v->zh) {
		fprintf(out, "%s%s 相比%s：%s %s", mk->item, na, nb, uplift_headline_metric(v, m),
			pu);
		if (has_total)
			fprintf(out, "；按本次实验 %s 名用户计，%s", nu, tot);
		fputs("。\n", out);
	} else {
		fprintf(out, "%s%s vs %s: %s %s", mk->item, na, nb, pu,
			uplift_headline_metric(v, m));
		if (has_total)
			fprintf(out, "; over the %s users of the test, %s", nu, tot);
		fputs(".\n", out);
	}
}

/* Send by the --by column of the targeting plan p: each value, its arm; then the gain. */
static void recommend_plan(FILE *out, const struct uplift_voice *v, const struct uplift_plan *p)
{
	const struct uplift_analysis *an = v->r->an;
	const struct markup *mk = v->mk;
	const struct uplift_analysis_column *col = &an->columns[p->column];
	char name[UPLIFT_MARKUP_SIZE], value[UPLIFT_MARKUP_SIZE], arm[UPLIFT_MARKUP_SIZE];
	char pu[UPLIFT_NUMFMT_CI], tot[UPLIFT_NUMFMT_CI + 64], nu[64];
	size_t named = 0, rows = 0;
	double users = uplift_decision_words_users(an);

	uplift_markup_show(mk, col->name, name);
	fprintf(out,
		v->zh ? "%s%s下周按 %s 分群发券，每个分群发它最好的一组%s："
		      : "%s%sSend by %s next week, each segment its best arm:%s",
		mk->item, mk->strong_open, name, mk->strong_close);
	for (size_t k = 0; k < p->n_rows; k++) {
		const struct uplift_plan_row *row = &p->rows[k];
		if (row->users == 0 || row->value >= col->n_values)
			continue;
		rows++;
		if (named == PLAN_ROWS_NAMED)
			continue;
		fprintf(out, "%s%s → %s", named ? (v->zh ? "；" : "; ") : (v->zh ? "" : " "),
			uplift_markup_show(mk, col->values[row->value], value),
			row->arm < an->n_arms ? uplift_headline_arm(v, row->arm, arm)
					      : UPLIFT_NUMFMT_NONE);
		named++;
	}
	if (rows > named)
		fprintf(out,
			v->zh ? "；另有 %zu 个分群（见按 %s 的定向方案）"
			      : "; and %zu more (see the targeting plan by %s)",
			rows - named, name);
	fputs(v->zh ? "。\n" : ".\n", out);
	uplift_decision_words_per_user(pu, sizeof(pu), v, p->metric, p->gain, p->gain_lo,
				       p->gain_hi);
	uplift_numfmt_grouped(nu, sizeof(nu), users, 0, 0);
	uplift_headline_arm(v, p->single_arm, arm);
	if (v->zh) {
		fprintf(out, "%s比给所有人发 %s 每人多 %s（%s，交叉拟合估计）", mk->item, arm, pu,
			uplift_headline_metric(v, p->metric));
		if (total(tot, sizeof(tot), v, p->metric, p->gain, p->gain_lo, p->gain_hi, users))
			fprintf(out, "；按本次实验 %s 名用户计，%s", nu, tot);
		fputs("。\n", out);
	} else {
		fprintf(out, "%sThe plan beats sending everyone %s by %s %s (cross-fitted)",
			mk->item, arm, pu, uplift_headline_metric(v, p->metric));
		if (total(tot, sizeof(tot), v, p->metric, p->gain, p->gain_lo, p->gain_hi, users))
			fprintf(out, "; over the %s users of the test, %s", nu, tot);
		fputs(".\n", out);
	}
}

/* A clear leader: send it to everyone (or send nothing when it is control). */
static void recommend_clear(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	const char *metric = uplift_headline_metric(v, d->metric);
	char x[UPLIFT_MARKUP_SIZE], y[UPLIFT_MARKUP_SIZE], pu[UPLIFT_NUMFMT_CI];

	uplift_headline_arm(v, d->ship, x);
	uplift_headline_arm(v, d->runner_up, y);
	uplift_decision_words_per_user(pu, sizeof(pu), v, d->metric, d->diff, d->diff_lo,
				       d->diff_hi);
	if (d->ship == an->control) {
		if (v->zh)
			fprintf(
			    out,
			    "%s%s下周不发券（保持%s）%s。%s的%s最高，且高于每一种券（%d%% 区间均在 "
			    "0 以上）：比第二名 %s 高 %s。\n",
			    mk->item, mk->strong_open, x, mk->strong_close, x, metric,
			    uplift_numfmt_level(an->opt.alpha), y, pu);
		else
			fprintf(
			    out,
			    "%s%sSend no coupon next week (keep %s).%s %s has the highest %s and "
			    "beats every coupon (each %d%% interval above 0): %s over the "
			    "runner-up %s.\n",
			    mk->item, mk->strong_open, x, mk->strong_close, x, metric,
			    uplift_numfmt_level(an->opt.alpha), pu, y);
		earnings(out, v, d->ship, d->runner_up, d->metric, d->diff, d->diff_lo, d->diff_hi);
		return;
	}
	if (v->zh)
		fprintf(out,
			"%s%s下周给所有用户发 %s%s。它的%s最高，且高于其他各组（%d%% 区间均在 0 "
			"以上）：比第二名 %s 高 %s。\n",
			mk->item, mk->strong_open, x, mk->strong_close, metric,
			uplift_numfmt_level(an->opt.alpha), y, pu);
	else
		fprintf(
		    out,
		    "%s%sSend %s to everyone next week.%s It has the highest %s and beats every "
		    "other arm (each %d%% interval above 0): %s over the runner-up %s.\n",
		    mk->item, mk->strong_open, x, mk->strong_close, metric,
		    uplift_numfmt_level(an->opt.alpha), pu, y);
}

/* The leader's effect against control on the decision metric, when the leader is a coupon. */
static void leader_earnings(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct uplift_comparison *c;

	if (d->leader >= an->n_arms || d->leader == an->control)
		return;
	c = uplift_decision_words_overall(an, d->leader, d->metric);
	if (c && isfinite(c->diff))
		earnings(out, v, d->leader, an->control, d->metric, c->diff, c->diff_lo,
			 c->diff_hi);
}

static void write_decision(FILE *out, const struct uplift_voice *v, bool findings)
{
	const struct uplift_analysis *an = v->r->an;
	const struct uplift_decision *d = &an->decision;
	const struct uplift_plan *p = uplift_decision_words_plan(v->r);
	enum uplift_decision_why why = uplift_decision_words_state(an);
	bool targeted = p && p->single_arm < an->n_arms && p->gain_lo > 0;

	if (targeted) {
		recommend_plan(out, v, p);
	} else {
		switch (why) {
		case UPLIFT_DECISION_CLEAR:
			recommend_clear(out, v);
			break;
		case UPLIFT_DECISION_NOT_CLEAR:
			uplift_decision_words_not_clear(out, v);
			break;
		case UPLIFT_DECISION_GUARDRAIL:
			uplift_decision_words_guardrail(out, v);
			break;
		default:
			uplift_decision_words_none(out, v, why);
			break;
		}
		if (why != UPLIFT_DECISION_NO_METRIC && why != UPLIFT_DECISION_NOT_COMPUTABLE &&
		    !(why == UPLIFT_DECISION_CLEAR && d->ship == an->control))
			leader_earnings(out, v);
	}
	uplift_decision_words_caveat(out, v, targeted);
	uplift_format_post_decision(out, v);
	if (findings)
		uplift_decision_words_findings(out, v);
}

void uplift_decision_words_write(FILE *out, const struct uplift_voice *v)
{
	write_decision(out, v, true);
}

void uplift_decision_words_brief(FILE *out, const struct uplift_voice *v)
{
	write_decision(out, v, false);
}
