/*
 * decision_findings.c - the end of the decision block (see
 * decision_words.h): every overall effect that is significant after the
 * correction of its family, whatever its metric, against control and head
 * to head; then every one whose interval excludes 0 but which does not
 * survive the correction, so that no reader takes such an interval for a
 * finding, and none is called indistinguishable from zero.
 */
#include "decision_internal.h"
#include "numfmt.h"

#include <math.h>

/* One comparison as a sub-item: "8折券 · conversion: +18.3% [...] (+1.93 pp), p adj 0.0002". */
static void item(FILE *out, const struct uplift_voice *v, const struct uplift_comparison *c,
		 bool pair, bool with_p)
{
	char arm[UPLIFT_MARKUP_SIZE], base[UPLIFT_MARKUP_SIZE], effect[2 * UPLIFT_NUMFMT_CI];
	char p[32], pa[32];

	uplift_headline_arm(v, c->arm, arm);
	uplift_headline_effect(effect, sizeof(effect), v, c);
	uplift_numfmt_p(p, sizeof(p), c->p);
	uplift_numfmt_p(pa, sizeof(pa), c->p_adjusted);
	fprintf(out, "%s%s", v->mk->subitem, arm);
	if (pair)
		fprintf(out, v->zh ? " 对比 %s" : " vs %s", uplift_headline_arm(v, c->baseline, base));
	fprintf(out, " · %s%s%s", uplift_headline_metric(v, c->metric), v->zh ? "：" : ": ",
		effect);
	if (with_p)
		fprintf(out, v->zh ? "，p = %s，校正后 p = %s" : ", p %s, p adj %s", p, pa);
	else
		fprintf(out, v->zh ? "，校正后 p = %s" : ", p adj %s", pa);
	if (c->small)
		fputs(v->zh ? "（样本太小，只能当作个例）" : " (small: an anecdote, not a finding)",
		      out);
	fputc('\n', out);
}

/* How many overall comparisons of cmp are of kind k. */
static size_t count(const struct uplift_comparison *cmp, size_t n, enum uplift_headline_kind k)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (cmp[i].column == -1 && uplift_headline_classify(&cmp[i]) == k)
			m++;
	return m;
}

/* The significant effects of one family (against control, or head to head). */
static void significant(FILE *out, const struct uplift_voice *v,
			const struct uplift_comparison *cmp, size_t n, bool pair)
{
	const struct uplift_analysis *an = v->r->an;
	const struct markup *mk = v->mk;
	size_t family = uplift_headline_family(cmp, n, -1);
	size_t k = count(cmp, n, UPLIFT_HEADLINE_SIGNIFICANT);
	char c[UPLIFT_MARKUP_SIZE];

	if (family == 0)
		return;
	uplift_headline_arm(v, an->control, c);
	fputs(mk->item, out);
	if (v->zh) {
		if (pair)
			fputs("券与券之间，", out);
		else
			fprintf(out, "相比%s，", c);
		uplift_headline_after(out, v, family);
		fputs(k ? (pair ? "显著的差异：\n" : "显著的效果：\n")
			: (pair ? "没有显著的差异。\n" : "没有显著的效果。\n"),
		      out);
	} else {
		if (pair)
			fputs(k ? "Head to head (coupon vs coupon), significant "
				: "Head to head (coupon vs coupon): no difference is significant ",
			      out);
		else if (k)
			fprintf(out, "Significant against %s ", c);
		else
			fprintf(out, "No effect against %s is significant ", c);
		uplift_headline_after(out, v, family);
		fputs(k ? ":\n" : ".\n", out);
	}
	for (size_t i = 0; i < n; i++)
		if (cmp[i].column == -1 &&
		    uplift_headline_classify(&cmp[i]) == UPLIFT_HEADLINE_SIGNIFICANT)
			item(out, v, &cmp[i], pair, false);
}

void uplift_decision_words_findings(FILE *out, const struct uplift_voice *v)
{
	const struct uplift_analysis *an = v->r->an;
	size_t k = count(an->cmp, an->n_cmp, UPLIFT_HEADLINE_NOT_SURVIVING) +
		   count(an->pairs, an->n_pairs, UPLIFT_HEADLINE_NOT_SURVIVING);

	significant(out, v, an->cmp, an->n_cmp, false);
	significant(out, v, an->pairs, an->n_pairs, true);
	if (k == 0)
		return;
	fprintf(out, "%s%s\n", v->mk->item,
		v->zh ? "区间不含 0、但校正后不显著（不能当作结论）："
		      : "Interval excludes 0, but not significant after the correction (not "
			"findings):");
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == -1 &&
		    uplift_headline_classify(&an->cmp[i]) == UPLIFT_HEADLINE_NOT_SURVIVING)
			item(out, v, &an->cmp[i], false, true);
	for (size_t i = 0; i < an->n_pairs; i++)
		if (an->pairs[i].column == -1 &&
		    uplift_headline_classify(&an->pairs[i]) == UPLIFT_HEADLINE_NOT_SURVIVING)
			item(out, v, &an->pairs[i], true, true);
}
