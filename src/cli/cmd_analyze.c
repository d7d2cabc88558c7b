/*
 * cmd_analyze.c - "uplift analyze DIR": load, fold, analyze, write.
 */
#include "cli.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_suff.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BY 16

struct analyze_args {
	const char *dir;
	char *by_list; /* strdup of --by, split in place */
	const char *by[MAX_BY];
	size_t n_by;
	enum uplift_format format;
	double alpha; /* 0 = the experiment's */
	enum uplift_correction correction;
	unsigned metrics;
	enum uplift_metric decide;
	bool cuped, sequential;
	double expected_users;
	enum uplift_encoding encoding;
	bool strict;
};

static int parse_by(struct analyze_args *a, const char *list)
{
	char *p;

	free(a->by_list);
	a->by_list = strdup(list);
	if (!a->by_list)
		return EXIT_INTERNAL;
	a->n_by = 0;
	for (p = strtok(a->by_list, ","); p; p = strtok(NULL, ",")) {
		if (a->n_by == MAX_BY)
			return cli_usage_error("analyze", "--by: at most %d columns", MAX_BY);
		for (size_t i = 0; i < a->n_by; i++)
			if (strcmp(a->by[i], p) == 0)
				return cli_usage_error("analyze", "--by: column '%s' given twice",
						       p);
		a->by[a->n_by++] = p;
	}
	if (a->n_by == 0)
		return cli_usage_error("analyze", "--by needs a column name");
	return EXIT_OK;
}

static int parse_args(int argc, char **argv, struct analyze_args *a)
{
	static const struct option longopts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"format", required_argument, NULL, 'f'},
	    {"alpha", required_argument, NULL, 'a'},
	    {"correction", required_argument, NULL, 'c'},
	    {"metrics", required_argument, NULL, 'm'},
	    {"encoding", required_argument, NULL, 'e'},
	    {"strict", no_argument, NULL, 's'},
	    {"decide", required_argument, NULL, 'd'},
	    {"cuped", no_argument, NULL, 'C'},
	    {"sequential", no_argument, NULL, 'S'},
	    {"expected-users", required_argument, NULL, 'E'},
	    {NULL, 0, NULL, 0},
	};
	char bad[64], *end;
	int ch, rc;

	a->metrics = UPLIFT_DEFAULT_METRICS;
	a->decide = UPLIFT_REVENUE;
	a->expected_users = UPLIFT_SEQ_EXPECTED_USERS;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if ((rc = parse_by(a, optarg)))
				return rc;
			break;
		case 'f':
			if (!uplift_format_parse(optarg, &a->format))
				return cli_usage_error("analyze", "unknown --format '%s'", optarg);
			break;
		case 'a':
			a->alpha = strtod(optarg, &end);
			if (*end || !(a->alpha > 0 && a->alpha < 0.5))
				return cli_usage_error("analyze",
						       "--alpha must be a number in (0, 0.5), "
						       "got '%s'",
						       optarg);
			break;
		case 'c':
			if (!uplift_correction_parse(optarg, &a->correction))
				return cli_usage_error("analyze",
						       "unknown --correction '%s' "
						       "(holm, bh or none)",
						       optarg);
			break;
		case 'm':
			if (!uplift_metric_parse_list(optarg, &a->metrics, bad, sizeof(bad)))
				return cli_usage_error("analyze",
						       "unknown metric '%s' (conversion, "
						       "repurchase, revenue, orders, discount, "
						       "aov, amount, redemption)",
						       bad);
			break;
		case 'e':
			if (!uplift_encoding_parse(optarg, &a->encoding))
				return cli_usage_error("analyze",
						       "unknown --encoding '%s' "
						       "(utf-8, gbk or gb18030)",
						       optarg);
			break;
		case 's':
			a->strict = true;
			break;
		case 'C':
			a->cuped = true;
			break;
		case 'S':
			a->sequential = true;
			break;
		case 'E':
			a->expected_users = strtod(optarg, &end);
			if (*end || !(a->expected_users >= 2))
				return cli_usage_error("analyze",
						       "--expected-users must be a number "
						       ">= 2, got '%s'",
						       optarg);
			break;
		case 'd': {
			int m = uplift_metric_parse(optarg);
			if (m < 0)
				return cli_usage_error("analyze", "unknown --decide metric '%s'",
						       optarg);
			a->decide = (enum uplift_metric)m;
			break;
		}
		case ':':
			return cli_usage_error("analyze", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("analyze", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("analyze", "missing the experiment folder DIR");
	if (optind + 1 < argc)
		return cli_usage_error("analyze", "unexpected argument '%s'", argv[optind + 1]);
	a->dir = argv[optind];
	return EXIT_OK;
}

int cmd_analyze(int argc, char **argv)
{
	struct analyze_args args = {0};
	struct uplift_error err;
	struct uplift_experiment *exp = NULL;
	struct uplift_data *data = NULL;
	struct uplift_suff *suff = NULL;
	struct uplift_analysis *an = NULL;
	struct uplift_load_options lopt = {0};
	struct uplift_analysis_options aopt = {0};
	char path[4096], name[256];
	double *weights = NULL;
	struct uplift_plan **plans = NULL;
	size_t n_plans = 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = NULL;
	int rc;

	uplift_error_clear(&err);
	if ((rc = parse_args(argc, argv, &args)))
		goto out;
	snprintf(path, sizeof(path), "%s/experiment.ini", args.dir);
	cli_dir_name(args.dir, name, sizeof(name));
	rc = EXIT_INTERNAL;
	if (!(exp = uplift_experiment_load(path, name, &err)))
		goto fail;
	lopt.encoding = args.encoding;
	lopt.by = args.by;
	lopt.n_by = args.n_by;
	if (!(data = uplift_data_load(exp, args.dir, &lopt, &err)))
		goto fail;
	if (!(suff = uplift_suff_from_data(data)) ||
	    !(weights = calloc(exp->n_arms, sizeof(*weights)))) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < exp->n_arms; i++)
		weights[i] = exp->arms[i].weight;
	aopt.alpha = args.alpha > 0 ? args.alpha : exp->alpha;
	aopt.correction = args.correction;
	aopt.metrics = args.metrics;
	aopt.decide = args.decide;
	aopt.cuped = args.cuped;
	aopt.sequential = args.sequential;
	aopt.expected_users = args.expected_users;
	aopt.gross_margin = exp->has_economics ? exp->gross_margin : 0;
	if (args.cuped && !data->has_history) {
		uplift_error_set(&err, UPLIFT_EINPUT, "history.csv", 0, NULL,
				 "cannot open: No such file or directory (--cuped adjusts by the "
				 "orders before the test)");
		goto fail;
	}
	if (!(an = uplift_analyze(suff, exp->control, weights, &aopt))) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (an->metrics == 0) {
		uplift_error_set(&err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "none of the metrics asked for is in the data");
		goto fail;
	}
	if (args.n_by && (suff->metrics & UPLIFT_METRIC_BIT(args.decide))) {
		if (!(plans = calloc(args.n_by, sizeof(*plans)))) {
			uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
			goto fail;
		}
		for (n_plans = 0; n_plans < args.n_by; n_plans++) {
			plans[n_plans] = uplift_plan_compute(data, n_plans, args.decide, aopt.alpha,
							     UPLIFT_PLAN_SEED);
			if (!plans[n_plans]) {
				uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL,
						 "out of memory");
				goto fail;
			}
		}
	}
	{
		struct uplift_result res = {exp, data, an, plans, n_plans};
		if (!(mem = open_memstream(&buf, &len))) {
			uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
			goto fail;
		}
		if (uplift_format_write(mem, args.format, &res, &err)) {
			fclose(mem);
			mem = NULL;
			goto fail;
		}
		fclose(mem);
		mem = NULL;
	}
	if (an->srm.mismatch)
		fprintf(stderr,
			"uplift: warning: sample ratio mismatch (p = %.2g): users per arm "
			"do not match the planned weights\n",
			an->srm.p);
	rc = cli_emit(buf, len);
	if (rc == EXIT_OK && args.strict && an->srm.mismatch)
		rc = EXIT_FLAGGED;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	free(buf);
	free(weights);
	for (size_t i = 0; plans && i < n_plans; i++)
		uplift_plan_free(plans[i]);
	free(plans);
	uplift_analysis_free(an);
	uplift_suff_free(suff);
	uplift_data_free(data);
	uplift_experiment_free(exp);
	free(args.by_list);
	return rc;
}
