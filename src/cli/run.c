/*
 * run.c - options and the analysis pipeline shared by analyze and report:
 * experiment.ini -> data -> sufficient statistics -> analysis (+ plans).
 */
#include "cli.h"
#include "run.h"
#include "uplift_suff_io.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum uplift_status nomem(struct uplift_error *err)
{
	return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

int run_parse_by(struct run_args *a, const char *list)
{
	char *p;

	free(a->by_list);
	a->by_list = strdup(list);
	if (!a->by_list)
		return EXIT_INTERNAL;
	a->n_by = 0;
	for (p = strtok(a->by_list, ","); p; p = strtok(NULL, ",")) {
		if (a->n_by == MAX_BY)
			return cli_usage_error(a->cmd, "--by: at most %d columns", MAX_BY);
		for (size_t i = 0; i < a->n_by; i++)
			if (strcmp(a->by[i], p) == 0)
				return cli_usage_error(a->cmd, "--by: column '%s' given twice", p);
		a->by[a->n_by++] = p;
	}
	if (a->n_by == 0)
		return cli_usage_error(a->cmd, "--by needs a column name");
	return EXIT_OK;
}

int run_parse(int argc, char **argv, const char *cmd, struct run_args *a)
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
	    {"out", required_argument, NULL, 'o'},
	    {"stats", required_argument, NULL, 'T'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"dedupe", no_argument, NULL, 'D'},
	    {"lang", required_argument, NULL, 'l'},
	    {NULL, 0, NULL, 0},
	};
	char bad[64], *end;
	int ch, rc;

	a->cmd = cmd;
	a->metrics = UPLIFT_DEFAULT_METRICS;
	a->decide = UPLIFT_REVENUE;
	a->expected_users = UPLIFT_SEQ_EXPECTED_USERS;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if ((rc = run_parse_by(a, optarg)))
				return rc;
			break;
		case 'f':
			if (!uplift_format_parse(optarg, &a->format))
				return cli_usage_error(a->cmd, "unknown --format '%s'", optarg);
			break;
		case 'a':
			a->alpha = strtod(optarg, &end);
			if (*end || !(a->alpha > 0 && a->alpha < 0.5))
				return cli_usage_error(a->cmd,
						       "--alpha must be a number in (0, 0.5), "
						       "got '%s'",
						       optarg);
			break;
		case 'c':
			if (!uplift_correction_parse(optarg, &a->correction))
				return cli_usage_error(a->cmd,
						       "unknown --correction '%s' "
						       "(holm, bh or none)",
						       optarg);
			break;
		case 'm':
			if (!uplift_metric_parse_list(optarg, &a->metrics, bad, sizeof(bad)))
				return cli_usage_error(a->cmd,
						       "unknown metric '%s' (conversion, "
						       "repurchase, revenue, orders, discount, "
						       "aov, amount, redemption)",
						       bad);
			break;
		case 'e':
			if (!uplift_encoding_parse(optarg, &a->encoding))
				return cli_usage_error(a->cmd,
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
				return cli_usage_error(a->cmd,
						       "--expected-users must be a number "
						       ">= 2, got '%s'",
						       optarg);
			break;
		case 'd': {
			int m = uplift_metric_parse(optarg);
			if (m < 0)
				return cli_usage_error(a->cmd, "unknown --decide metric '%s'",
						       optarg);
			a->decide = (enum uplift_metric)m;
			break;
		}
		case 'q':
			a->quiet = true;
			break;
		case 'D':
			a->dedupe = true;
			break;
		case 'T':
			if (strcmp(cmd, "analyze") != 0)
				return cli_usage_error(a->cmd, "unknown option '%s'",
						       argv[optind - 1]);
			a->stats = optarg;
			break;
		case 'o':
		case 'l':
			if (strcmp(cmd, "report") != 0)
				return cli_usage_error(a->cmd, "unknown option '%s'",
						       argv[optind - 1]);
			if (ch == 'o')
				a->out = optarg;
			else if (strcmp(optarg, "zh") == 0 || strcmp(optarg, "en") == 0)
				a->zh = strcmp(optarg, "zh") == 0;
			else
				return cli_usage_error(a->cmd, "--lang is zh or en, got '%s'",
						       optarg);
			break;
		case ':':
			return cli_usage_error(a->cmd, "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error(a->cmd, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc && !a->stats)
		return cli_usage_error(a->cmd, "missing the experiment folder DIR");
	if (optind + 1 < argc)
		return cli_usage_error(a->cmd, "unexpected argument '%s'", argv[optind + 1]);
	a->dir = optind < argc ? argv[optind] : NULL;
	if (a->stats && a->cuped)
		return cli_usage_error(a->cmd, "--cuped needs the raw folder, not --stats");
	return EXIT_OK;
}

void run_args_free(struct run_args *a)
{
	free(a->by_list);
	a->by_list = NULL;
}

void run_free(struct run *r)
{
	free(r->weights);
	for (size_t i = 0; r->plans && i < r->n_plans; i++)
		uplift_plan_free(r->plans[i]);
	free(r->plans);
	uplift_analysis_free(r->an);
	uplift_suff_free(r->suff);
	uplift_data_free(r->data);
	uplift_experiment_free(r->exp);
	memset(r, 0, sizeof(*r));
}

static void analysis_options(const struct run_args *a, const struct run *r,
			     struct uplift_analysis_options *aopt)
{
	memset(aopt, 0, sizeof(*aopt));
	aopt->alpha = a->alpha > 0 ? a->alpha : r->exp->alpha;
	aopt->correction = a->correction;
	aopt->metrics = a->metrics;
	aopt->decide = a->decide;
	aopt->cuped = a->cuped;
	aopt->sequential = a->sequential;
	aopt->expected_users = a->expected_users;
	aopt->gross_margin = r->exp->has_economics ? r->exp->gross_margin : 0;
}

/* The arms' weights, the options and the analysis of r->suff, into r. */
static enum uplift_status analyze_suff(const struct run_args *a, struct run *r,
				       struct uplift_analysis_options *aopt,
				       struct uplift_error *err)
{
	if (!(r->weights = calloc(r->exp->n_arms, sizeof(*r->weights))))
		return nomem(err);
	for (size_t i = 0; i < r->exp->n_arms; i++)
		r->weights[i] = r->exp->arms[i].weight;
	analysis_options(a, r, aopt);
	if (!(r->an = uplift_analyze(r->suff, r->exp->control, r->weights, aopt)))
		return nomem(err);
	if (r->an->metrics == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"none of the metrics asked for is in the data");
	return UPLIFT_OK;
}

/* analyze --stats FILE: sufficient statistics instead of the raw folder. */
static enum uplift_status run_stats(const struct run_args *a, struct run *r,
				    struct uplift_error *err)
{
	struct uplift_analysis_options aopt;

	if (!(r->suff = uplift_suff_read_csv(a->stats, r->exp, a->by, a->n_by, a->encoding, err)))
		return err->status;
	if (analyze_suff(a, r, &aopt, err))
		return err->status;
	r->result.exp = r->exp;
	r->result.an = r->an;
	return UPLIFT_OK;
}

/*
 * The progress line: on a terminal only, after the first second, at most
 * four times a second: bytes read of all input files, and the rate.
 */
struct progress {
	struct timespec start, last;
	uint64_t base, prev, total;
	bool shown;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void on_progress(void *ctx, uint64_t done, uint64_t file_total)
{
	struct progress *p = ctx;
	double el;

	(void)file_total;
	if (done < p->prev) /* a new file began */
		p->base += p->prev;
	p->prev = done;
	el = seconds_since(&p->start);
	if (el < 1 || seconds_since(&p->last) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	fprintf(stderr, "\ruplift: read %.0f of %.0f MB (%.0f MB/s)   ",
		(double)(p->base + done) / 1e6, (double)p->total / 1e6,
		(double)(p->base + done) / 1e6 / el);
	p->shown = true;
}

static uint64_t file_size(const char *dir, const char *name)
{
	char path[4096];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
}

enum uplift_status run_analysis(const struct run_args *a, struct run *r, struct uplift_error *err)
{
	struct progress prog = {0};
	struct uplift_load_options lopt = {0};
	struct uplift_analysis_options aopt = {0};
	char path[4096], name[256];

	memset(r, 0, sizeof(*r));
	if (a->dir) {
		snprintf(path, sizeof(path), "%s/experiment.ini", a->dir);
		cli_dir_name(a->dir, name, sizeof(name));
	} else {
		/* --stats without DIR: the experiment.ini beside the statistics file */
		const char *slash = strrchr(a->stats, '/');
		int n = slash ? (int)(slash - a->stats) : 1;
		snprintf(path, sizeof(path), "%.*s/experiment.ini", n, slash ? a->stats : ".");
		snprintf(name, sizeof(name), "%.*s", n, slash ? a->stats : ".");
		cli_dir_name(name, name, sizeof(name));
	}
	if (!(r->exp = uplift_experiment_load_opt(
		  path, name, &(struct uplift_experiment_options){a->encoding}, err)))
		return err->status;
	if (a->stats)
		return run_stats(a, r, err);
	lopt.encoding = a->encoding;
	lopt.by = a->by;
	lopt.n_by = a->n_by;
	lopt.dedupe = a->dedupe;
	if (!a->quiet && isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		prog.last = prog.start;
		prog.total = file_size(a->dir, "assignments.csv") +
			     file_size(a->dir, "orders.csv") + file_size(a->dir, "outcomes.csv") +
			     file_size(a->dir, "history.csv");
		lopt.progress = on_progress;
		lopt.progress_ctx = &prog;
	}
	r->data = uplift_data_load(r->exp, a->dir, &lopt, err);
	if (prog.shown) {
		fputs("\r\033[K", stderr); /* clear the progress line */
		prog.shown = false;
	}
	if (!r->data)
		return err->status;
	if (a->cuped && !r->data->has_history)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, "history.csv", 0, NULL,
		    "cannot open: No such file or directory (--cuped adjusts by "
		    "the orders before the test)");
	if (!(r->suff = uplift_suff_from_data(r->data)))
		return nomem(err);
	if (analyze_suff(a, r, &aopt, err))
		return err->status;
	if (a->n_by && (r->suff->metrics & UPLIFT_METRIC_BIT(a->decide))) {
		if (!(r->plans = calloc(a->n_by, sizeof(*r->plans))))
			return nomem(err);
		for (r->n_plans = 0; r->n_plans < a->n_by; r->n_plans++) {
			r->plans[r->n_plans] = uplift_plan_compute(r->data, r->n_plans, a->decide,
								   aopt.alpha, UPLIFT_PLAN_SEED);
			if (!r->plans[r->n_plans])
				return nomem(err);
		}
	}
	r->result.exp = r->exp;
	r->result.data = r->data;
	r->result.an = r->an;
	r->result.plans = r->plans;
	r->result.n_plans = r->n_plans;
	return UPLIFT_OK;
}
