/*
 * chart_common.c - the chart list and its notes, the arms a chart shows
 * (chart_internal.h).
 */
#include "chart_internal.h"
#include "numfmt.h"
#include "uplift_analysis.h"

#include <stdarg.h>
#include <string.h>

int chart_level(const struct chart_ctx *x)
{
	return uplift_numfmt_level(x->r->an->opt.alpha);
}

void chart_add(struct chart_ctx *x, const char *name, const char *title)
{
	struct uplift_chart *c;

	if (x->list->n == UPLIFT_MAX_CHARTS)
		return;
	c = &x->list->chart[x->list->n++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	snprintf(c->title, sizeof(c->title), "%s", title);
}

/* Say in the report that chart name is not drawn (skipped) or what it leaves out. */
void chart_note(struct chart_ctx *x, const char *name, const char *title, bool skipped,
		const char *fmt, ...)
{
	struct uplift_chart_list *list = x->list;
	struct uplift_chart_note *n;
	va_list ap;

	if (list->n_notes == UPLIFT_MAX_CHARTS)
		return;
	n = &list->note[list->n_notes++];
	snprintf(n->name, sizeof(n->name), "%s", name);
	snprintf(n->title, sizeof(n->title), "%s", title);
	n->skipped = skipped;
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof(n->text), fmt, ap);
	va_end(ap);
	/* the notes are built of sentences each ending in a space */
	for (size_t k = strlen(n->text); k > 0 && n->text[k - 1] == ' '; k--)
		n->text[k - 1] = '\0';
}

size_t chart_pick_arms(struct chart_ctx *x, size_t max, size_t *shown, const char *name,
		       const char *title)
{
	size_t k = x->r->an->n_arms, control = x->r->an->control, n = 0;

	for (size_t a = 0; a < k; a++)
		if (a == control || a - (a > control) < max - 1)
			shown[n++] = a;
	if (n < k)
		chart_note(x, name, title, false, x->tx->arms_cut, n, k, n - 1);
	return n;
}

void chart_arm_header(const struct chart_ctx *x, FILE *fp, const char *first, const size_t *shown,
		      size_t n, const char *after)
{
	fputs(first, fp);
	for (size_t i = 0; i < n; i++) {
		fputc('\t', fp);
		uplift_gp_field(fp, chart_arm(x, shown[i]));
		if (after)
			fputs(after, fp);
	}
	fputc('\n', fp);
}
