/*
 * review_chart.c - trend.gp and trend.dat of a review: each recurring
 * arm's effect against its control per experiment (in start order), with
 * its interval, and its pooled estimate as a dashed line. Names reach
 * gnuplot only as data fields (gnuplot.h).
 */
#include "uplift_review.h"
#include "chart_internal.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>


enum uplift_status uplift_review_chart(const char *dir, const struct uplift_review *rv, bool zh,
				       bool *made, struct uplift_error *err)
{
	struct uplift_gp_pair p;
	double f = rv->rate ? 100 : 1;
	char title[300], t[UPLIFT_GP_STRING], y[UPLIFT_GP_STRING];

	*made = false;
	if (rv->n_arms == 0 || rv->n == 0)
		return UPLIFT_OK;
	if (!uplift_gp_open(&p, dir, "trend", err))
		return err->status;
	/* header: the names as column heads; then one row per experiment */
	uplift_gp_field(p.dat.fp, "#");
	fputs("\t", p.dat.fp);
	uplift_gp_field(p.dat.fp, "experiment");
	for (size_t k = 0; k < rv->n_arms; k++) {
		fputc('\t', p.dat.fp);
		uplift_gp_field(p.dat.fp, rv->arms[k].arm);
		fputs("\tlow\thigh", p.dat.fp);
	}
	fputc('\n', p.dat.fp);
	for (size_t e = 0; e < rv->n; e++) {
		fprintf(p.dat.fp, "%zu\t", e);
		uplift_gp_field(p.dat.fp, rv->exp[e]->exp->name);
		for (size_t k = 0; k < rv->n_arms; k++) {
			const struct uplift_review_arm *a = &rv->arms[k];
			const struct uplift_review_point *pt = NULL;
			for (size_t i = 0; i < a->n; i++)
				if (a->points[i].exp == e)
					pt = &a->points[i];
			uplift_gp_num(p.dat.fp, pt ? f * pt->diff : NAN);
			uplift_gp_num(p.dat.fp, pt ? f * pt->lo : NAN);
			uplift_gp_num(p.dat.fp, pt ? f * pt->hi : NAN);
		}
		fputc('\n', p.dat.fp);
	}
	snprintf(title, sizeof(title),
		 zh ? "%s：各券相比对照组的变化（%s），随实验变化；虚线为跨实验合并估计"
		    : "%s: each arm vs its control (%s) over the experiments; dashed: the pooled "
		      "estimate",
		 chart_metric_named(rv->metric, zh), rv->rate ? (zh ? "百分点" : "pp") : (zh ? "人均" : "per user"));
	uplift_gp_head(p.gp.fp, "trend", title, CHART_W, CHART_H);
	fprintf(p.gp.fp,
		"set ylabel %s\n"
		"set xrange [-0.5:%zu.5]\n"
		"set xzeroaxis lt 1 lc rgb \"#555555\" dt 2\n"
		"set key outside below center horizontal nobox\n"
		"set offsets 0, 0, graph 0.08, graph 0.08\n"
		"%s"
		"set datafile columnheaders\n",
		uplift_gp_string(zh ? "相比对照组的变化" : "change vs control", y, sizeof(y)),
		rv->n - 1, rv->n > 3 ? "set xtics rotate by 30 right\n" : "");
	(void)t;
	for (size_t k = 0; k < rv->n_arms; k++) {
		const struct uplift_meta *m = &rv->arms[k].pooled;
		if (isfinite(m->mu) && m->k >= 2)
			fprintf(p.gp.fp,
				"set arrow from -0.5,%.17g to %zu.5,%.17g nohead lw 1.5 dt 2 lc rgb "
				"\"%s\"\n",
				f * m->mu, rv->n - 1, f * m->mu, chart_palette(k));
	}
	fputs("plot ", p.gp.fp);
	for (size_t k = 0; k < rv->n_arms; k++)
		fprintf(p.gp.fp,
			"%s\"trend.dat\" using ($1 + %.3f):%zu:%zu:%zu%s with yerrorlines lw 2 pt 7 "
			"ps 1.3 lc rgb \"%s\" title columnhead(%zu)",
			k ? ", \\\n     " : "", 0.08 * ((double)k - (double)(rv->n_arms - 1) / 2),
			3 + 3 * k, 4 + 3 * k, 5 + 3 * k, k == 0 ? ":xtic(2)" : "",
			chart_palette(k), 3 + 3 * k);
	fputc('\n', p.gp.fp);
	uplift_gp_tail(p.gp.fp, "trend", CHART_W, CHART_H);
	if (!uplift_gp_close(&p, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	*made = true;
	return UPLIFT_OK;
}
