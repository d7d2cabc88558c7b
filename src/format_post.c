/*
 * format_post.c - the post period in analyze's text and Markdown
 * (post_days, ../shared/CONTRACT.md "After the window: pull-forward"): the
 * window, the days after it and the two together side by side, and per
 * coupon one sentence on the decision metric: the lift held, faded or
 * reversed.
 *
 *   held      the post period shows no dip (its interval is not below 0);
 *   faded     it dips (interval below 0), but window + post still gains
 *             (net interval above 0): part of the lift was purchases moved
 *             earlier;
 *   reversed  it dips and net of it nothing is gained (net interval
 *             includes 0 or is below it): the lift was timing.
 * Without a lift in the window (its interval not above 0) there is nothing
 * to hold or fade, and the sentence says so.
 */
#include "format_internal.h"
#include "headline.h"
#include "numfmt.h"
#include "uplift_date.h"

#include <math.h>
#include <string.h>

/* The overall comparison of arm and metric m in an, or NULL. */
static const struct uplift_comparison *find(const struct uplift_analysis *an, size_t arm, int m)
{
	for (size_t i = 0; an && i < an->n_cmp; i++)
		if (an->cmp[i].column == -1 && an->cmp[i].arm == arm && (int)an->cmp[i].metric == m)
			return &an->cmp[i];
	return NULL;
}

static const char *change(const struct markup *mk, char *buf, size_t n,
			  const struct uplift_comparison *c)
{
	if (!c) {
		snprintf(buf, n, "–");
		return buf;
	}
	return uplift_format_change(mk->words, buf, n, c);
}

/* The table: one row per arm and tested metric. */
static struct table *post_table(const struct markup *mk, const struct uplift_result *r, bool zh)
{
	const struct uplift_analysis *an = r->an;
	struct table *t = table_new(5);
	char name[UPLIFT_MARKUP_SIZE], mname[UPLIFT_MARKUP_SIZE], a[200];
	static const char *const en[5] = {"arm", "metric", "window", "after it", "net (both)"};
	static const char *const cn[5] = {"券", "指标", "活动期", "活动期之后", "合计（两段）"};

	if (!t)
		return NULL;
	for (size_t i = 0; i < 5; i++)
		table_cell(t, "%s", zh ? cn[i] : en[i]);
	for (size_t i = 2; i < 5; i++)
		table_align_right(t, i);
	for (size_t i = 0; i < an->n_cmp; i++) {
		const struct uplift_comparison *c = &an->cmp[i];
		if (c->column != -1 || !c->tested)
			continue;
		table_cell(t, "%s", uplift_markup_show(mk, an->arm_names[c->arm], name));
		table_cell(t, "%s", uplift_format_metric(mk, an->opt.set, c->metric, mname));
		table_cell(t, "%s", change(mk, a, sizeof(a), c));
		table_cell(t, "%s", change(mk, a, sizeof(a), find(r->post, c->arm, (int)c->metric)));
		table_cell(t, "%s", change(mk, a, sizeof(a), find(r->net, c->arm, (int)c->metric)));
	}
	return t;
}

enum uplift_post_verdict uplift_post_verdict(const struct uplift_comparison *w,
					     const struct uplift_comparison *p,
					     const struct uplift_comparison *n)
{
	if (!w || !p || !n || !isfinite(p->diff_hi) || !isfinite(n->diff_lo))
		return UPLIFT_POST_UNKNOWN;
	if (!(w->diff_lo > 0))
		return UPLIFT_POST_NO_LIFT;
	if (!(p->diff_hi < 0))
		return UPLIFT_POST_HELD;
	return n->diff_lo > 0 ? UPLIFT_POST_FADED : UPLIFT_POST_REVERSED;
}

/* One sentence per coupon arm on the decision metric. */
static void verdicts(FILE *out, const struct markup *mk, const struct uplift_result *r, bool zh)
{
	const struct uplift_analysis *an = r->an;
	int m = (int)an->decision.metric;
	char arm[UPLIFT_MARKUP_SIZE], buf[UPLIFT_MARKUP_SIZE], w[200], p[200], n[200];
	const char *mname = uplift_format_metric(mk, an->opt.set, (enum uplift_metric)m, buf);
	for (size_t a = 0; a < an->n_arms; a++) {
		const struct uplift_comparison *cw = find(an, a, m), *cp = find(r->post, a, m),
					       *cn = find(r->net, a, m);
		if (a == an->control || !cw)
			continue;
		uplift_markup_show(mk, an->arm_names[a], arm);
		change(mk, w, sizeof(w), cw);
		change(mk, p, sizeof(p), cp);
		change(mk, n, sizeof(n), cn);
		fputs(mk->list[0] ? mk->list : mk->item, out);
		switch (uplift_post_verdict(cw, cp, cn)) {
		case UPLIFT_POST_HELD:
			fprintf(out,
				zh ? "%s：%s的提升**保持住了**：活动期 %s，之后没有回落（%s），合计 %s。\n"
				   : "%s: the lift in %s **held**: %s in the window, no dip after it "
				     "(%s), %s net.\n",
				arm, mname, w, p, n);
			break;
		case UPLIFT_POST_FADED:
			fprintf(out,
				zh ? "%s：%s的提升**有所消退**：活动期 %s，之后回落 %s，合计仍为 %s"
				     "——部分购买只是被提前了。\n"
				   : "%s: the lift in %s **faded**: %s in the window, then %s after "
				     "it; net %s — part of it was purchases moved earlier.\n",
				arm, mname, w, p, n);
			break;
		case UPLIFT_POST_REVERSED:
			fprintf(out,
				zh ? "%s：%s的提升**被抵消了**：活动期 %s，之后回落 %s，合计 %s 无明确增益"
				     "——活动期的提升只是把购买提前了。\n"
				   : "%s: the lift in %s **reversed**: %s in the window, then %s after "
				     "it; net %s, no clear gain — the window's lift was purchases "
				     "moved earlier.\n",
				arm, mname, w, p, n);
			break;
		case UPLIFT_POST_NO_LIFT:
			fprintf(out,
				zh ? "%s：活动期%s没有明确提升（%s），谈不上保持或消退；之后 %s，合计 %s。\n"
				   : "%s: no clear lift in %s in the window (%s) to hold or fade; "
				     "after it %s, net %s.\n",
				arm, mname, w, p, n);
			break;
		default:
			fprintf(out, zh ? "%s：%s 无法比较（%s）。\n"
					: "%s: %s cannot be compared after the window (%s).\n",
				arm, mname, w);
		}
	}
}

void uplift_format_post_write(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	bool zh = mk->words == &uplift_format_words_zh;
	char a[16], b[16];

	if (!r->post || !r->net)
		return;
	fprintf(out, "\n%s", uplift_markup_section(mk, r->embedded));
	fprintf(out,
		zh ? "活动期之后：其后 %d 天（%s – %s）的同样比较，以及两段合计（%d%% 置信区间；比率以百分点计）\n\n"
		   : "After the window: the same comparisons over the %d days after it (%s – %s), "
		     "and window + post together (%d%% intervals; change in pp for rates)\n\n",
		r->exp->post_days, uplift_date_format(r->exp->end + 1, a),
		uplift_date_format(r->exp->end + r->exp->post_days, b),
		uplift_numfmt_level(r->an->opt.alpha));
	uplift_markup_table(mk, post_table(mk, r, zh), out);
	fputc('\n', out);
	verdicts(out, mk, r, zh);
}

void uplift_format_post_decision(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_result *r = v->r;
	const struct uplift_analysis *an = r->an;
	const struct uplift_decision *d = &an->decision;
	const struct markup *mk = v->mk;
	size_t a = d->ship < an->n_arms ? d->ship : d->leader;
	int m = (int)d->metric;
	char arm[UPLIFT_MARKUP_SIZE], p[200], n[200];
	enum uplift_post_verdict verdict;

	if (!r->post || !r->net || a >= an->n_arms || a == an->control)
		return;
	verdict = uplift_post_verdict(find(an, a, m), find(r->post, a, m), find(r->net, a, m));
	if (verdict != UPLIFT_POST_FADED && verdict != UPLIFT_POST_REVERSED)
		return;
	uplift_markup_show(mk, an->arm_names[a], arm);
	change(mk, p, sizeof(p), find(r->post, a, m));
	change(mk, n, sizeof(n), find(r->net, a, m));
	fprintf(out, "%s%s%s%s%s", mk->item, mk->em_open, v->zh ? "活动期之后" : "After the window",
		mk->em_close, v->zh ? "：" : ": ");
	if (v->zh)
		fprintf(out,
			verdict == UPLIFT_POST_REVERSED
			    ? "%s 的提升被抵消了：其后 %d 天%s %s，合计 %s 无明确增益——只是把购买提前了。\n"
			    : "%s 的提升有所消退：其后 %d 天%s %s，合计 %s。\n",
			arm, r->exp->post_days, uplift_headline_metric(v, d->metric), p, n);
	else
		fprintf(out,
			verdict == UPLIFT_POST_REVERSED
			    ? "%s's lift reversed: %s %s over the %d days after the window, %s net, no "
			      "clear gain — it moved purchases earlier.\n"
			    : "%s's lift faded: %s %s over the %d days after the window, %s net.\n",
			arm, uplift_headline_metric(v, d->metric), p, r->exp->post_days, n);
}
