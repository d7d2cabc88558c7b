/*
 * report_charts.c - the charts section of report.md: each chart drawn
 * (or how to draw it), what is left out of it, then those not drawn. The
 * titles and notes come from charts.c; here they are only escaped.
 */
#include "report_internal.h"
#include "uplift_escape.h"

#include <string.h>

/* The note on chart name that is not skipped (what is left out of it), or NULL. */
static const char *limited(const struct uplift_chart_list *charts, const char *name)
{
	for (size_t i = 0; i < charts->n_notes; i++)
		if (!charts->note[i].skipped && strcmp(charts->note[i].name, name) == 0)
			return charts->note[i].text;
	return NULL;
}

void uplift_report_charts(FILE *fp, const struct uplift_chart_list *charts,
			  const struct uplift_report_options *opt)
{
	char t[512], n[512];

	for (size_t i = 0; i < charts->n; i++) {
		const struct uplift_chart *c = &charts->chart[i];
		const char *lim = limited(charts, c->name);
		MD(c->title, t);
		if (opt->rendered)
			fprintf(fp, "### %s\n\n![%s](%s.png)\n\n", t, t, c->name);
		else
			fprintf(fp, "- %s: `%s.gp` (data `%s.dat`)", t, c->name, c->name);
		if (lim && opt->rendered)
			fprintf(fp, "%s\n\n", MD(lim, n));
		else if (lim)
			fprintf(fp, " — %s", MD(lim, n));
		if (!opt->rendered)
			fputc('\n', fp);
	}
	for (size_t i = 0; i < charts->n_notes; i++) {
		const struct uplift_chart_note *c = &charts->note[i];
		if (!c->skipped)
			continue;
		MD(c->title, t);
		if (opt->rendered)
			fprintf(fp, "### %s\n\n%s\n\n", t, MD(c->text, n));
		else
			fprintf(fp, "- %s (`%s`): %s\n", t, c->name, MD(c->text, n));
	}
}
