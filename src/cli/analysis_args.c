/*
 * analysis_args.c - the options "analyze" and "report" share, parsed into
 * the pipeline's options (see analysis_args.h).
 */
#include "analysis_args.h"

#include <math.h>
#include <string.h>

void cli_analysis_init(struct cli_analysis *a, const char *cmd)
{
	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	uplift_pipeline_defaults(&a->opt);
}

static const struct cli_number alpha = {.lo = 0,
					.hi = 0.5,
					.lo_open = true,
					.hi_open = true,
					.echo = true,
					.what = "a number in (0, 0.5)"};
static const struct cli_number expected_users = {
    .lo = 2, .hi = HUGE_VAL, .echo = true, .what = "a number >= 2"};

int cli_analysis_option(struct cli_analysis *a, int ch, const char *arg)
{
	char bad[64];
	int m, rc;

	switch (ch) {
	case 'b':
		if ((rc = cli_by_parse(a->cmd, &a->by, arg)))
			return rc;
		a->opt.by = a->by.col;
		a->opt.n_by = a->by.n;
		return EXIT_OK;
	case 'a':
		return cli_number(a->cmd, "--alpha", arg, &alpha, &a->opt.alpha);
	case 'c':
		if (!uplift_stats_correction_parse(arg, &a->opt.correction))
			return cli_usage_error(a->cmd,
					       "unknown --correction '%s' (holm, bh or none)", arg);
		return EXIT_OK;
	case 'm':
		/* a name the built-in metrics do not know may be a [metric]
		 * section's: the pipeline looks it up in experiment.ini */
		a->opt.metric_names = NULL;
		if (!uplift_metric_parse_list(NULL, arg, &a->opt.metrics, bad, sizeof(bad)))
			a->opt.metric_names = arg;
		return EXIT_OK;
	case 'e':
		return cli_encoding(a->cmd, arg, &a->opt.encoding);
	case 's':
		a->strict = true;
		return EXIT_OK;
	case 'd':
		a->opt.decide_name = NULL;
		if ((m = uplift_metric_parse(NULL, arg)) < 0)
			a->opt.decide_name = arg; /* a [metric] section's, maybe */
		else
			a->opt.decide = (enum uplift_metric)m;
		return EXIT_OK;
	case 'P':
		if (!uplift_metric_cap_parse(arg, &a->opt.cap))
			return cli_usage_error(a->cmd,
					       "--cap: expected pNN (a percentile above 0, at most "
					       "100, such as p99) or a number above 0, got '%s'",
					       arg);
		return EXIT_OK;
	case 'C':
		a->opt.cuped = true;
		return EXIT_OK;
	case 'S':
		a->opt.sequential = true;
		return EXIT_OK;
	case 'E':
		return cli_number(a->cmd, "--expected-users", arg, &expected_users,
				  &a->opt.expected_users);
	case 'q':
		a->quiet = true;
		return EXIT_OK;
	case 'D':
		a->opt.dedupe = true;
		return EXIT_OK;
	case 'K': /* checked against the arms once experiment.ini is read */
		a->opt.control = arg;
		return EXIT_OK;
	default:
		return CLI_NOT_MINE;
	}
}

int cli_analysis_operands(struct cli_analysis *a, int argc, char **argv, int first)
{
	if (first >= argc && !a->opt.stats)
		return cli_usage_error(a->cmd, "missing the experiment folder DIR");
	if (first + 1 < argc)
		return cli_usage_error(a->cmd, "unexpected argument '%s'", argv[first + 1]);
	a->opt.dir = first < argc ? argv[first] : NULL;
	if (a->opt.stats && a->opt.cuped)
		return cli_usage_error(a->cmd, "--cuped needs the raw folder, not --stats");
	return EXIT_OK;
}

void cli_analysis_set_by(struct cli_analysis *a, const char *const *cols, size_t n)
{
	for (size_t i = 0; i < n && i < CLI_MAX_BY; i++)
		a->by.col[i] = cols[i];
	a->by.n = n < CLI_MAX_BY ? n : CLI_MAX_BY;
	a->opt.by = a->by.col;
	a->opt.n_by = a->by.n;
}

void cli_analysis_free(struct cli_analysis *a)
{
	cli_by_free(&a->by);
}
