/*
 * cmd_aggregate.c - "uplift aggregate DIR": the sufficient statistics of an
 * experiment folder as CSV, for analyze --stats (and for summing shards).
 */
#include "cli.h"
#include "uplift_suff_io.h"

static const char usage[] =
    "usage: uplift aggregate DIR [--by COLUMN[,COLUMN...]] [--encoding utf-8|gbk|gb18030]\n"
    "\n"
    "Prints one CSV row per arm, segment value and metric:\n"
    "  experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy\n"
    "(experiment is the experiment's name, on every row; column and value empty\n"
    "for the overall rows; x is orders for aov, the discount for amount, and the\n"
    "pre-period value of the metric otherwise). Files from several shards of one\n"
    "experiment can be concatenated: 'uplift analyze --stats FILE' sums rows with\n"
    "the same arm, column, value and metric, and gives the same numbers as the\n"
    "analysis of the raw folder; it refuses rows of another experiment, or of two.\n"
    "sql/sufficient_stats.sql computes the same rows in a warehouse.\n"
    "\n"
    "  --by COLUMNS      rows per value of these columns of assignments.csv too\n"
    "                    (COLUMN:q4, COLUMN:0,100,500 and A*B as for analyze)\n"
    "  --encoding E      utf-8 (default), gbk or gb18030 for experiment.ini and the\n"
    "                    CSV files\n";

static const struct option options[] = {
    {"by", required_argument, NULL, 'b'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

struct args {
	struct uplift_pipeline_options opt;
	struct cli_by by;
};

static int option(void *ctx, int ch, const char *arg)
{
	struct args *x = ctx;
	int rc;

	if (ch == 'e')
		return cli_encoding("aggregate", arg, &x->opt.encoding);
	if ((rc = cli_by_parse("aggregate", &x->by, arg)))
		return rc;
	x->opt.by = x->by.col;
	x->opt.n_by = x->by.n;
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	struct args x = {0};
	struct uplift_pipeline *p = NULL;
	struct uplift_error err;
	struct cli_out out;
	int first, rc;

	uplift_error_clear(&err);
	uplift_pipeline_defaults(&x.opt);
	x.opt.until = UPLIFT_UNTIL_SUFF;
	if ((rc = cli_parse(&cli_aggregate, argc, argv, option, &x, &first)))
		goto out;
	if (first + 1 != argc) {
		rc = cli_usage_error("aggregate", "expected one experiment folder DIR");
		goto out;
	}
	x.opt.dir = argv[first];
	if (cli_open(&x.opt, false, &p, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (!cli_out_open(&out)) {
		rc = cli_nomem();
		goto out;
	}
	uplift_suff_io_write(out.fp, p->suff, p->exp->name);
	rc = cli_out_emit(&out);
out:
	uplift_pipeline_free(p);
	cli_by_free(&x.by);
	return rc;
}

const struct command cli_aggregate = {
    "aggregate", "sufficient statistics of a folder, for analyze --stats", usage, options, run};
