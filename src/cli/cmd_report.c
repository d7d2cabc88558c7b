/*
 * cmd_report.c - "uplift report DIR": the weekly-review pack.
 *
 * Order of work: analyze (any input error stops here, before the output
 * folder is touched), check the folder, lock it and stage a new pack beside
 * it (uplift_pack.h), write the chart scripts and data there, render them
 * with gnuplot (uplift_render.h: private output folder, time limit, no
 * process creation, checked images), write report.md, summary.json and
 * comparisons.csv, then swap the staged pack in. A failed run leaves the
 * previous pack as it was; a successful one leaves no file of the previous
 * pack that this one did not write (the user's own files are kept).
 */
#define _DEFAULT_SOURCE /* realpath */
#include "analysis_args.h"
#include "uplift_pack.h"
#include "uplift_render.h"
#include "uplift_report.h"
#include "uplift_target.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: uplift report DIR [--out FOLDER] [--lang en|zh] [--by COLUMN[,COLUMN...]]\n"
    "                     [--alpha A] [--correction holm|bh|none] [--metrics m1,m2,...]\n"
    "                     [--encoding utf-8|gbk|gb18030] [--control ARM] [--decide METRIC]\n"
    "                     [--strict] [--cuped] [--sequential [--expected-users N]] [--dedupe]\n"
    "                     [--cap pNN|N] [--quiet]\n"
    "\n"
    "Writes into FOLDER (default plots/NAME, NAME = the experiment folder's name):\n"
    "report.md (headline, tables, charts, how to read them), summary.json (the JSON of\n"
    "analyze), comparisons.csv, summary.xlsx (the tables as sheets, for Excel or WPS),\n"
    "and per chart a gnuplot script NAME.gp with its data\n"
    "NAME.dat, rendered to NAME.png and NAME.svg when gnuplot is installed. Charts:\n"
    "forest (relative lifts), rates (conversion and repurchase), daily (cumulative\n"
    "conversion), basket (order values, with the 满X减Y threshold) and segments-N (per\n"
    "--by column). With history.csv and no --by, segments are rfm_segment,lifecycle.\n"
    "The pack is built beside FOLDER and swapped in whole at the end: a failed run\n"
    "leaves the previous pack as it was, a re-run leaves no stale chart. Files of\n"
    "yours in FOLDER (not report.md, summary.json, comparisons.csv or a chart's\n"
    "NAME.gp/.dat/.png/.svg) are kept. A second report into FOLDER waits for the\n"
    "first (UPLIFT_LOCK_WAIT seconds, default 120). gnuplot runs without a shell,\n"
    "UPLIFT_GNUPLOT_TIMEOUT seconds per chart at most (default 60).\n"
    "\n"
    "  --out FOLDER      where to write the pack (created if missing)\n"
    "  --lang en|zh      language of report.md and chart titles (default en)\n"
    "and, as for analyze:\n" CLI_ANALYSIS_HELP;

static const struct option options[] = {
    CLI_ANALYSIS_OPTIONS,
    {"out", required_argument, NULL, 'o'},
    {"lang", required_argument, NULL, 'l'},
    {NULL, 0, NULL, 0},
};

struct args {
	struct cli_analysis a;
	const char *out; /* --out */
	bool zh;         /* --lang zh, or [experiment] lang = zh without --lang */
	bool lang_given; /* --lang */
};

static int option(void *ctx, int ch, const char *arg)
{
	struct args *x = ctx;

	switch (ch) {
	case 'o':
		x->out = arg;
		return EXIT_OK;
	case 'l':
		if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
			return cli_usage_error("report", "--lang is zh or en, got '%s'", arg);
		x->zh = strcmp(arg, "zh") == 0;
		x->lang_given = true;
		return EXIT_OK;
	default:
		return cli_analysis_option(&x->a, ch, arg);
	}
}

/*
 * The default pack folder's name: the experiment folder's own name, never
 * one that would leave plots/ ("..", ".", "/"). False when there is none.
 */
static bool pack_name(const char *dir, char *name, size_t size)
{
	char real[4096];
	const char *base;

	uplift_pipeline_dir_name(dir, name, size);
	if (name[0] && name[0] != '.' && !strchr(name, '/'))
		return true;
	if (!realpath(dir, real))
		return false;
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (strlen(base) >= size)
		return false;
	memcpy(name, base, strlen(base) + 1);
	return name[0] && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/*
 * The per-member targeting of the report (uplift_target.h, on the decision
 * metric, the report's --by columns as the segment plans): the send list
 * and the Qini and budget charts into the stage, the result into r. A test
 * the targeting cannot run on (a ratio decision metric, too few members in
 * a fold) is no failure of the report: r->target_reason says why, and the
 * report says so. Only running out of memory or a failed write stops.
 */
static enum uplift_status targeting(const char *stage, const struct args *x,
				    struct uplift_pipeline *p, struct uplift_target **out,
				    const struct uplift_render_options *gopt, struct uplift_error *err)
{
	static char why[512];
	struct uplift_target_options topt;
	struct uplift_error terr;
	struct uplift_target *t;
	char path[4096];

	*out = NULL;
	if (!p->data)
		return UPLIFT_OK;
	uplift_target_defaults(&topt);
	topt.dir = x->a.opt.dir;
	topt.encoding = x->a.opt.encoding;
	topt.metric = uplift_metric_name(&p->exp->metrics, p->an->decision.metric);
	uplift_error_clear(&terr);
	if (!(t = uplift_target_run(p->data, p->exp, &topt, &terr))) {
		if (terr.status != UPLIFT_EINPUT) {
			*err = terr;
			return terr.status;
		}
		snprintf(why, sizeof(why), "%s", terr.message);
		p->result.target_reason = why;
		return UPLIFT_OK;
	}
	*out = t;
	p->result.target = t;
	if (t->reason) /* nothing could be valued: no send list, no charts */
		return UPLIFT_OK;
	if (snprintf(path, sizeof(path), "%s/send_list.csv", stage) >= (int)sizeof(path))
		return uplift_error_set(err, UPLIFT_EINPUT, stage, 0, NULL, "path too long");
	if (!uplift_target_send_list(t, path, err) ||
	    !uplift_target_charts(t, stage, x->zh, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	for (size_t i = 0; gopt->gnuplot && i < 2; i++) {
		enum uplift_status st = uplift_render_chart(stage, i ? "budget" : "qini", gopt, err);
		if (st)
			return st;
	}
	p->result.target_send_list = "send_list.csv";
	return UPLIFT_OK;
}

/* Charts, rendering and tables into the staging folder. */
static enum uplift_status build(const char *stage, const struct args *x,
				struct uplift_pipeline *p, const char *gnuplot,
				struct uplift_chart_list *charts, struct uplift_target **target,
				struct uplift_error *err)
{
	struct uplift_report_options ropt = {0};
	struct uplift_render_options gopt = {0};
	enum uplift_status st;

	if ((st = uplift_charts_write(stage, &p->result, x->zh, charts, err)))
		return st;
	gopt.gnuplot = gnuplot;
	gopt.timeout = cli_env_seconds("UPLIFT_GNUPLOT_TIMEOUT", 60);
	for (size_t i = 0; gnuplot && i < charts->n; i++)
		if ((st = uplift_render_chart(stage, charts->chart[i].name, &gopt, err)))
			return st;
	if ((st = targeting(stage, x, p, target, &gopt, err)))
		return st;
	ropt.rendered = gnuplot != NULL;
	ropt.zh = x->zh;
	ropt.source = x->a.opt.dir;
	return uplift_report_write(stage, &p->result, charts, &ropt, err);
}

static int run(int argc, char **argv)
{
	static const char *const history_by[] = {"rfm_segment", "lifecycle"};
	struct args x = {0};
	struct uplift_error err;
	struct uplift_chart_list charts;
	struct uplift_pack pack = {.lock_fd = -1};
	struct uplift_pipeline *p = NULL;
	struct uplift_target *target = NULL;
	char out[4096], name[256], hist[4096], gp_buf[4096];
	const char *gnuplot;
	struct stat sb;
	int first, rc;

	uplift_error_clear(&err);
	cli_analysis_init(&x.a, "report");
	if ((rc = cli_parse(&cli_report, argc, argv, option, &x, &first)) ||
	    (rc = cli_analysis_operands(&x.a, argc, argv, first)))
		goto done;
	if (x.out)
		snprintf(out, sizeof(out), "%s", x.out);
	else if (pack_name(x.a.opt.dir, name, sizeof(name)))
		snprintf(out, sizeof(out), "plots/%s", name);
	else {
		rc = cli_usage_error("report", "cannot name the pack after '%s': give --out FOLDER",
				     x.a.opt.dir);
		goto done;
	}
	/* segments come into the report when the folder has a history */
	snprintf(hist, sizeof(hist), "%s/history.csv", x.a.opt.dir);
	if (x.a.opt.n_by == 0 && stat(hist, &sb) == 0)
		cli_analysis_set_by(&x.a, history_by, 2);
	if (cli_open(&x.a.opt, !x.a.quiet, &p, &err))
		goto fail;
	if (!x.lang_given)
		x.zh = p->exp->lang_zh;
	if (cli_pack_begin(&pack, out, &err))
		goto fail;
	gnuplot = cli_find_gnuplot(gp_buf, sizeof(gp_buf));
	if (build(pack.stage, &x, p, gnuplot, &charts, &target, &err) ||
	    uplift_pack_commit(&pack, &err)) {
		cli_in_pack(&err, out);
		uplift_pack_abort(&pack);
		goto fail;
	}
	cli_pack_kept(&pack);
	if (p->an->srm.mismatch)
		fprintf(stderr, "uplift: warning: sample ratio mismatch (p = %.2g)\n",
			p->an->srm.p);
	cli_warn_data_checks(p->exp, p->an->checks, p->an->n_checks);
	if (!gnuplot)
		fprintf(stderr,
			"uplift: gnuplot is not installed: the charts' scripts and data are "
			"in %s; render them with 'cd %s && for f in *.gp; do gnuplot \"$f\"; "
			"done' (Debian: apt-get install gnuplot-nox)\n",
			out, out);
	printf("%s: report.md, report.html, summary.json, comparisons.csv, summary.xlsx%s and %zu "
	       "chart%s%s\n",
	       out, p->result.target_send_list ? ", send_list.csv" : "",
	       charts.n + (p->result.target_send_list ? 2 : 0),
	       charts.n + (p->result.target_send_list ? 2 : 0) == 1 ? "" : "s",
	       gnuplot ? " (.gp, .dat, .png, .svg)" : " (.gp, .dat; not rendered)");
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "uplift: cannot write to standard output: %s\n", strerror(errno));
		rc = EXIT_INTERNAL;
		goto done;
	}
	/* --strict: any check flagged (srm, segment_srm, the data's, ...) */
	rc = x.a.strict && (p->an->srm.mismatch || p->an->n_checks > 0) ? EXIT_FLAGGED : EXIT_OK;
	goto done;
fail:
	rc = cli_fail(&err);
done:
	uplift_target_free(target);
	uplift_pipeline_free(p);
	cli_analysis_free(&x.a);
	return rc;
}

const struct command cli_report = {
    "report", "the weekly-review pack: report.md, JSON, CSV and charts", usage, options, run};
