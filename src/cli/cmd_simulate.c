/*
 * cmd_simulate.c - "uplift simulate DIR": the seeded experiment generator.
 */
#include "cli.h"
#include "uplift_date.h"
#include "uplift_simulate.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
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

/* A whole number in [lo, hi] in decimal (1e6 allowed), or false. */
static bool to_whole(const char *s, double lo, double hi, double *out)
{
	return to_double(s, lo, hi, out) && *out == floor(*out);
}

/* A seed: a decimal whole number that fits 64 bits. */
static bool to_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end || errno == ERANGE)
		return false;
	*out = (uint64_t)v;
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
			if (!to_whole(optarg, UPLIFT_SIM_MIN_USERS, UPLIFT_SIM_MAX_USERS, &v))
				return cli_usage_error("simulate",
						       "--users must be a whole number from %d to "
						       "%d (fewer can leave an arm without users)",
						       UPLIFT_SIM_MIN_USERS, UPLIFT_SIM_MAX_USERS);
			opt.users = (uint64_t)v;
			break;
		case 's':
			if (!to_seed(optarg, &opt.seed))
				return cli_usage_error("simulate", "--seed must be a whole number "
								   "from 0 to 2^64 - 1");
			break;
		case 'S':
			if (strlen(optarg) != 10 || !uplift_date_parse(optarg, 10, &opt.start))
				return cli_usage_error("simulate", "--start must be YYYY-MM-DD");
			break;
		case 'd':
			if (!to_whole(optarg, 1, UPLIFT_SIM_MAX_DAYS, &v))
				return cli_usage_error("simulate",
						       "--days must be a whole number from 1 to %d",
						       UPLIFT_SIM_MAX_DAYS);
			opt.days = (int)v;
			break;
		case '8':
			if (!to_double(optarg, 0, UPLIFT_SIM_MAX_RATE, &opt.rate_8))
				return cli_usage_error("simulate", "--rate-8 must be from 0 to %d",
						       UPLIFT_SIM_MAX_RATE);
			break;
		case '0':
			if (!to_double(optarg, 0, UPLIFT_SIM_MAX_RATE, &opt.rate_80))
				return cli_usage_error("simulate", "--rate-80 must be from 0 to %d",
						       UPLIFT_SIM_MAX_RATE);
			break;
		case 't':
			if (!to_double(optarg, 0, 1, &opt.topup))
				return cli_usage_error("simulate", "--topup must be in [0, 1]");
			break;
		case 'c':
			if (!to_double(optarg, 0.001, UPLIFT_SIM_MAX_CONVERSION,
				       &opt.weekly_conversion))
				return cli_usage_error("simulate",
						       "--conversion must be from 0.001 to %g",
						       UPLIFT_SIM_MAX_CONVERSION);
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
	/* what only the options together decide: the dates written must be readable */
	if (uplift_sim_check(&opt, &err))
		return cli_usage_error("simulate", "%s", err.message);
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
