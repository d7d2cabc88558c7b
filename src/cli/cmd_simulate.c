/*
 * cmd_simulate.c - "uplift simulate DIR": the seeded experiment generator.
 */
#include "cli.h"
#include "uplift_date.h"
#include "uplift_simulate.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool to_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

int cmd_simulate(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"users", required_argument, NULL, 'u'},
	    {"seed", required_argument, NULL, 's'},
	    {"start", required_argument, NULL, 'S'},
	    {"days", required_argument, NULL, 'd'},
	    {"rate-8", required_argument, NULL, '8'},
	    {"rate-80", required_argument, NULL, '0'},
	    {"topup", required_argument, NULL, 't'},
	    {"conversion", required_argument, NULL, 'c'},
	    {"aa", no_argument, NULL, 'a'},
	    {"no-history", no_argument, NULL, 'n'},
	    {NULL, 0, NULL, 0},
	};
	struct uplift_sim_options opt;
	struct uplift_error err;
	const char *dir;
	double v;
	int ch;

	uplift_sim_defaults(&opt);
	uplift_error_clear(&err);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			if (!to_double(optarg, 2, 1e9, &v))
				return cli_usage_error("simulate", "--users must be 2 to 1e9");
			opt.users = (uint64_t)v;
			break;
		case 's':
			if (!to_double(optarg, 0, 1.8e19, &v))
				return cli_usage_error("simulate",
						       "--seed must be a whole number >= 0");
			opt.seed = (uint64_t)v;
			break;
		case 'S':
			if (strlen(optarg) != 10 || !uplift_date_parse(optarg, 10, &opt.start))
				return cli_usage_error("simulate", "--start must be YYYY-MM-DD");
			break;
		case 'd':
			if (!to_double(optarg, 1, 365, &v))
				return cli_usage_error("simulate", "--days must be 1 to 365");
			opt.days = (int)v;
			break;
		case '8':
			if (!to_double(optarg, 0, 100, &opt.rate_8))
				return cli_usage_error("simulate",
						       "--rate-8 must be a number >= 0");
			break;
		case '0':
			if (!to_double(optarg, 0, 100, &opt.rate_80))
				return cli_usage_error("simulate",
						       "--rate-80 must be a number >= 0");
			break;
		case 't':
			if (!to_double(optarg, 0, 1, &opt.topup))
				return cli_usage_error("simulate", "--topup must be in [0, 1]");
			break;
		case 'c':
			if (!to_double(optarg, 0.001, 0.99, &opt.weekly_conversion))
				return cli_usage_error("simulate",
						       "--conversion must be in (0, 1)");
			break;
		case 'a':
			opt.rate_8 = opt.rate_80 = 1;
			opt.topup = 0;
			break;
		case 'n':
			opt.history = false;
			break;
		case ':':
			return cli_usage_error("simulate", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("simulate", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("simulate", "expected one folder DIR");
	dir = argv[optind];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		uplift_error_set(&err, UPLIFT_EINPUT, dir, 0, NULL, "cannot create folder: %s",
				 strerror(errno));
		return cli_fail(&err);
	}
	if (uplift_simulate(dir, &opt, &err))
		return cli_fail(&err);
	return EXIT_OK;
}
