/*
 * cmd_analyze.c - "uplift analyze DIR": the pipeline to an analysis, written
 * as a table, Markdown, CSV or JSON.
 */
#include "analysis_args.h"

#include <string.h>

static const char usage[] =
    "usage: uplift analyze DIR [--by COLUMN[,COLUMN...]] [--format table|markdown|csv|json]\n"
    "                      [--alpha A] [--correction holm|bh|none] [--metrics m1,m2,...]\n"
    "                      [--encoding utf-8|gbk|gb18030] [--control ARM] [--decide METRIC]\n"
    "                      [--strict] [--cuped] [--sequential [--expected-users N]] [--dedupe]\n"
    "                      [--cap pNN|N] [--lang en|zh] [--quiet]\n"
    "       uplift analyze [DIR] --stats FILE [the options above but --cuped]\n"
    "\n"
    "Reads DIR/experiment.ini, DIR/assignments.csv and DIR/orders.csv (or\n"
    "DIR/outcomes.csv) and compares every arm with the control arm.\n"
    "\n"
    "  --format F        table (default), markdown, csv or json\n"
    "  --lang en|zh      words of the table and Markdown, arms by their ini label in\n"
    "                    Chinese (default: [experiment] lang, else en); CSV and JSON\n"
    "                    keep their English keys\n"
    "  --stats FILE      analyze sufficient statistics (from 'uplift aggregate' or\n"
    "                    sql/sufficient_stats.sql) instead of the raw files; DIR, or\n"
    "                    else FILE's folder, holds experiment.ini\n" CLI_ANALYSIS_HELP;

static const struct option options[] = {
    CLI_ANALYSIS_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {"stats", required_argument, NULL, 'T'},
    {"lang", required_argument, NULL, 'l'},
    {NULL, 0, NULL, 0},
};

struct args {
	struct cli_analysis a;
	enum uplift_format format;
	bool zh, lang_given; /* --lang */
};

static int option(void *ctx, int ch, const char *arg)
{
	struct args *x = ctx;

	switch (ch) {
	case 'f':
		if (!uplift_format_parse(arg, &x->format))
			return cli_usage_error("analyze", "unknown --format '%s'", arg);
		return EXIT_OK;
	case 'T':
		x->a.opt.stats = arg;
		return EXIT_OK;
	case 'l':
		if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
			return cli_usage_error("analyze", "--lang is zh or en, got '%s'", arg);
		x->zh = strcmp(arg, "zh") == 0;
		x->lang_given = true;
		return EXIT_OK;
	default:
		return cli_analysis_option(&x->a, ch, arg);
	}
}

static int run(int argc, char **argv)
{
	struct args x = {0};
	struct uplift_error err;
	struct uplift_pipeline *p = NULL;
	struct cli_out out = {0};
	int first, rc;

	uplift_error_clear(&err);
	cli_analysis_init(&x.a, "analyze");
	if ((rc = cli_parse(&cli_analyze, argc, argv, option, &x, &first)) ||
	    (rc = cli_analysis_operands(&x.a, argc, argv, first)))
		goto out;
	if (cli_open(&x.a.opt, !x.a.quiet, &p, &err))
		goto fail;
	if (!cli_out_open(&out)) {
		rc = cli_nomem();
		goto out;
	}
	p->result.zh = x.lang_given ? x.zh : p->exp->lang_zh;
	if (uplift_format_write(out.fp, x.format, &p->result, &err)) {
		cli_out_discard(&out);
		goto fail;
	}
	if ((rc = cli_out_close(&out)))
		goto out;
	if (p->an->srm.mismatch)
		fprintf(stderr,
			"uplift: warning: sample ratio mismatch (p = %.2g): users per arm "
			"do not match the planned weights\n",
			p->an->srm.p);
	cli_warn_data_checks(p->exp, p->an->checks, p->an->n_checks);
	rc = cli_out_emit(&out);
	/* --strict: any check flagged (srm, segment_srm, the data's, ...) */
	if (rc == EXIT_OK && x.a.strict && (p->an->srm.mismatch || p->an->n_checks > 0))
		rc = EXIT_FLAGGED;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	cli_out_discard(&out);
	uplift_pipeline_free(p);
	cli_analysis_free(&x.a);
	return rc;
}

const struct command cli_analyze = {"analyze", "analyze a finished experiment folder", usage,
				    options, run};
