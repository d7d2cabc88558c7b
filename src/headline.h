/*
 * headline.h - the rule every sentence about an effect follows, and the
 * sentence itself, in English or Chinese. Internal to the library; used by
 * the decision block (decision_words.c) of analyze's table and Markdown and
 * of report.md.
 *
 * The rule: an effect is called significant only when it is significant
 * after the correction of its family; an effect whose interval excludes 0
 * but is not significant is said not to survive the correction over the N
 * comparisons of its family (never "indistinguishable from zero"); only an
 * effect whose every interval includes 0 is indistinguishable from zero. A
 * metric that is not tested (discount, amount, redemption) is described,
 * never tested.
 */
#ifndef UPLIFT_HEADLINE_H
#define UPLIFT_HEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "markup.h"
#include "uplift_format.h"

/* Who speaks: the result, in which markup, in which language. */
struct uplift_voice {
	const struct markup *mk; /* escapes every name from the data, marks items */
	const struct uplift_result *r;
	bool zh; /* Chinese sentences, arms named by their ini label when they have one */
};

enum uplift_headline_kind {
	UPLIFT_HEADLINE_SIGNIFICANT,   /* significant after the correction: a finding */
	UPLIFT_HEADLINE_NOT_SURVIVING, /* an interval excludes 0, not significant after it */
	UPLIFT_HEADLINE_INDISTINCT,    /* every interval includes 0 */
	UPLIFT_HEADLINE_NO_TEST,       /* tested metric, but no p-value or no interval */
	UPLIFT_HEADLINE_DESCRIBED,     /* not a tested metric: value and difference only */
	UPLIFT_HEADLINE_NONE           /* no estimate at all */
};

/* Which of the sentences above comparison c gets. */
enum uplift_headline_kind uplift_headline_classify(const struct uplift_comparison *c);

/* Whether an interval of c that is printed (difference or relative change) excludes 0. */
bool uplift_headline_excludes_zero(const struct uplift_comparison *c);

/*
 * The number of comparisons in the correction family of column (-1: the
 * overall one) among the n comparisons cmp: the tested ones with a p-value.
 */
size_t uplift_headline_family(const struct uplift_comparison *cmp, size_t n, long column);

/* Arm a as v names it (escaped by v->mk; its label in Chinese when it has one), in buf. */
const char *uplift_headline_arm(const struct uplift_voice *v, size_t a, char *buf);

/* Metric m in words: "conversion", "gross profit per user", "转化率", ... */
const char *uplift_headline_metric(const struct uplift_voice *v, enum uplift_metric m);

/* The correction's name in a sentence: "Holm", "Benjamini-Hochberg". */
const char *uplift_headline_correction(const struct uplift_analysis *an);

/*
 * "after the Holm correction over 10 comparisons" ("经 Holm 校正（共 10 项比较）后";
 * with no correction, "with no correction for the 10 comparisons").
 */
void uplift_headline_after(FILE *out, const struct uplift_voice *v, size_t family);

/*
 * The effect of c as a sentence shows it: the relative change with its
 * interval and the change ("+18.3% [+9.5%, +27.8%] (+1.93 pp)"; in Chinese "相对 +18.3% [...]（+1.93 个百分点）"), or the
 * change with its interval when there is no relative one. Returns buf.
 */
const char *uplift_headline_effect(char *buf, size_t n, const struct uplift_voice *v,
				   const struct uplift_comparison *c);

/*
 * One sentence on comparison c of arm c->arm against arm baseline, by the
 * rule above; family = the size of its correction family. No list marker,
 * no line end.
 */
void uplift_headline_write(FILE *out, const struct uplift_voice *v,
			   const struct uplift_comparison *c, size_t baseline, size_t family);

#endif
