/*
 * format_pre_period.c - the pre_period check (pre_period.c) in words, in
 * English and Chinese: the one sentence every writer shows for it (the
 * JSON's message and warnings, the table's and Markdown's warning lines,
 * the CSV's "#" lines, report.md's first page). Names from the data go
 * through the markup's escape (the JSON passes NULL: jansson escapes).
 */
#include "format_internal.h"
#include "numfmt.h"

#include <stdio.h>
#include <string.h>

/* The pre-period change of k with its interval, as the effects tables write it: "+2.90 pp [+1.04,
 * +4.76]". */
static const char *change(char *buf, size_t n, const struct uplift_metric_set *set,
			  const struct uplift_check *k, bool zh)
{
	bool rate = uplift_metric_kind(set, k->metric) == UPLIFT_PROPORTION;
	char a[64], lo[64], hi[64], iv[160];

	uplift_numfmt_diff(lo, sizeof(lo), set, k->metric, k->diff_lo);
	uplift_numfmt_diff(hi, sizeof(hi), set, k->metric, k->diff_hi);
	snprintf(buf, n, "%s%s %s", uplift_numfmt_diff(a, sizeof(a), set, k->metric, k->diff),
		 rate ? (zh ? " 个百分点" : " pp") : "",
		 uplift_numfmt_interval(iv, sizeof(iv), lo, hi));
	return buf;
}

const char *uplift_format_pre_period_words(char *buf, size_t n, const struct uplift_analysis *an,
					   const struct uplift_check *k, const struct markup *mk,
					   bool zh)
{
	char arm[UPLIFT_MARKUP_SIZE], control[UPLIFT_MARKUP_SIZE], ci[UPLIFT_NUMFMT_CI + 32], p[32];
	const char *a = k->arm >= 0 && (size_t)k->arm < an->n_arms ? an->arm_names[k->arm] : "?";
	const char *c = an->control < an->n_arms ? an->arm_names[an->control] : "?";
	const struct uplift_metric_set *set = an->opt.set;
	const char *metric = uplift_metric_name(set, k->metric);

	if (mk) {
		a = uplift_markup_show(mk, a, arm);
		c = uplift_markup_show(mk, c, control);
	}
	change(ci, sizeof(ci), set, k, zh);
	uplift_numfmt_p(p, sizeof(p), k->p_adjusted);
	if (zh) {
		const char *m = (int)k->metric >= 0 && k->metric < UPLIFT_N_BUILTIN &&
					uplift_format_words_zh.metric[k->metric]
				    ? uplift_format_words_zh.metric[k->metric]
				    : metric;
		snprintf(
		    buf, n,
		    "实验开始前，%s 的%s就已与对照组（%s）不同（实验前同等时长的历史：%s，Holm "
		    "校正后 p %s）：各组从一开始就不可比，先检查用户是如何分组的，再解读任何效果",
		    a, m, c, ci, p);
	} else {
		snprintf(
		    buf, n,
		    "before the test began, %s and %s already differed on %s (history over the "
		    "pre-period of the window's length: %s, Holm-adjusted p %s): the arms were "
		    "not alike from the start; check how users were assigned before reading any "
		    "effect",
		    a, c, metric, ci, p);
	}
	return buf;
}

void uplift_format_pre_period_warnings(FILE *out, const struct markup *mk,
				       const struct uplift_analysis *an, const char *before,
				       const char *after)
{
	bool zh = mk->words == &uplift_format_words_zh;
	char s[2048];

	for (size_t i = 0; i < an->n_checks; i++) {
		const struct uplift_check *k = &an->checks[i];

		if (k->code != UPLIFT_CHECK_PRE_PERIOD)
			continue;
		uplift_format_pre_period_words(s, sizeof(s), an, k, mk, zh);
		fprintf(out, "%s%s%s%s%s%s%s", before, mk->warn_open,
			zh ? "警告：" : "WARNING: ", s, zh ? "。" : ".", mk->warn_close, after);
	}
}
