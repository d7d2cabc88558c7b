/*
 * cmd_review.c - "uplift review DIR...": several experiments in one pack
 * (review.md, review.json and the trend chart; ../shared/CONTRACT.md
 * "Several experiments"). Each folder is analyzed as "uplift analyze DIR"
 * would; the pack is staged and swapped in whole, as report's is.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uplift_html.h"
#include "uplift_pack.h"
#include "uplift_render.h"
#include "uplift_review.h"

static const char usage[] =
    "usage: uplift review DIR... [--out FOLDER] [--lang en|zh] [--encoding utf-8|gbk|gb18030]\n"
    "                     [--quiet]\n"
    "\n"
    "Analyzes each experiment folder as 'uplift analyze DIR' does and writes one\n"
    "pack for all of them into FOLDER (default plots/review): review.md (one line\n"
    "per experiment with its decision, the trend of every arm that recurs across\n"
    "the experiments, and its effect pooled by a random-effects meta-analysis,\n"
    "DerSimonian-Laird, with tau², I² and the prediction interval), review.json\n"
    "({\"experiments\": [each analyze JSON], \"trends\", \"pooled\"}) and trend.gp,\n"
    ".dat, .png, .svg. Experiments are ordered by start date. The trends follow\n"
    "the decision metric of the experiments when they share one, else revenue.\n"
    "\n"
    "  --out FOLDER      where to write the pack (created if missing)\n"
    "  --lang en|zh      language of review.md and the chart\n"
    "  --encoding E      utf-8 (default), gbk or gb18030, for every folder\n"
    "  --quiet           no progress line\n";

static const struct option options[] = {
    {"out", required_argument, NULL, 'o'},
    {"lang", required_argument, NULL, 'l'},
    {"encoding", required_argument, NULL, 'e'},
    {"quiet", no_argument, NULL, 'q'},
    {NULL, 0, NULL, 0},
};

struct args {
	const char *out;
	bool zh, quiet;
	bool lang_given; /* --lang; without it Chinese when every ini says lang = zh */
	enum uplift_encoding encoding;
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
			return cli_usage_error("review", "--lang is zh or en, got '%s'", arg);
		x->zh = strcmp(arg, "zh") == 0;
		x->lang_given = true;
		return EXIT_OK;
	case 'e':
		return cli_encoding("review", arg, &x->encoding);
	default: /* 'q', the last of the table */
		x->quiet = true;
		return EXIT_OK;
	}
}

/* The pack's files into the staging folder. */
static enum uplift_status build(const char *stage, const struct args *x,
				const struct uplift_review *rv, const char *gnuplot, bool *chart,
				struct uplift_error *err)
{
	struct uplift_render_options gopt = {0};
	enum uplift_status st;

	if ((st = uplift_review_chart(stage, rv, x->zh, chart, err)))
		return st;
	gopt.gnuplot = gnuplot;
	gopt.timeout = cli_env_seconds("UPLIFT_GNUPLOT_TIMEOUT", 60);
	if (*chart && gnuplot && (st = uplift_render_chart(stage, "trend", &gopt, err)))
		return st;
	if ((st = uplift_review_write(stage, rv, x->zh, *chart && gnuplot, err)))
		return st;
	return uplift_html_write(stage, "review.md", "review.html", x->zh, err);
}

static int run(int argc, char **argv)
{
	struct args x = {0};
	struct uplift_error err;
	struct uplift_pack pack = {.lock_fd = -1};
	struct uplift_pipeline **p = NULL;
	const struct uplift_result **r = NULL;
	struct uplift_review *rv = NULL;
	char gp_buf[4096];
	const char *out, *gnuplot;
	int first, rc, n = 0;
	bool chart = false;

	uplift_error_clear(&err);
	if ((rc = cli_parse(&cli_review, argc, argv, option, &x, &first)))
		return rc;
	if (first >= argc)
		return cli_usage_error("review", "expected one experiment folder or more");
	out = x.out ? x.out : "plots/review";
	p = calloc((size_t)(argc - first), sizeof(*p));
	r = calloc((size_t)(argc - first), sizeof(*r));
	if (!p || !r) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	for (int i = first; i < argc; i++, n++) {
		struct uplift_pipeline_options opt;
		uplift_pipeline_defaults(&opt);
		opt.dir = argv[i];
		opt.encoding = x.encoding;
		if (cli_open(&opt, !x.quiet, &p[n], &err))
			goto fail;
		r[n] = &p[n]->result;
	}
	if (!x.lang_given) {
		x.zh = n > 0;
		for (int i = 0; i < n; i++)
			x.zh &= p[i]->exp->lang_zh;
	}
	if (!(rv = uplift_review_build(r, (size_t)n))) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (cli_pack_begin(&pack, out, &err))
		goto fail;
	gnuplot = cli_find_gnuplot(gp_buf, sizeof(gp_buf));
	if (build(pack.stage, &x, rv, gnuplot, &chart, &err) || uplift_pack_commit(&pack, &err)) {
		cli_in_pack(&err, out);
		uplift_pack_abort(&pack);
		goto fail;
	}
	cli_pack_kept(&pack);
	printf("%s: review.md, review.json%s for %d experiments, %zu recurring arms\n", out,
	       chart ? (gnuplot ? " and trend (.gp, .dat, .png, .svg)" : " and trend (.gp, .dat)")
		     : "",
	       n, rv->n_arms);
	rc = fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_INTERNAL;
	goto done;
fail:
	rc = cli_fail(&err);
done:
	uplift_review_free(rv);
	for (int i = 0; p && i < n; i++)
		uplift_pipeline_free(p[i]);
	free(p);
	free(r);
	return rc;
}

const struct command cli_review = {
    "review", "several experiments in one pack: trends and pooled effects", usage, options, run};
