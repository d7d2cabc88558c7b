/*
 * cmd_simulate.c - "uplift simulate DIR": the seeded experiment generator.
 */
#include "cli.h"
#include "uplift_date.h"
#include "uplift_simulate.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: uplift simulate DIR [--users N] [--seed S] [--start YYYY-MM-DD] [--days D]\n"
    "                       [--rate-8 X] [--rate-80 X] [--topup P] [--conversion C]\n"
    "                       [--aa] [--no-history] [--name NAME] [--post-days N]\n"
    "                       [--pull-forward SHARE] [--hetero] [--truth FILE]\n"
    "\n"
    "Writes experiment.ini, assignments.csv, orders.csv and history.csv into DIR\n"
    "(created if missing): a coffee-shop coupon test with arms control, 8折券 and\n"
    "满80减15. The same options and seed always give the same files.\n"
    "\n"
    "  --users N         members in the test (default 30000)\n"
    "  --seed S          random seed (default 47)\n"
    "  --start DATE      first day of the outcome window (default 2026-11-16)\n"
    "  --days D          window length in days (default 7)\n"
    "  --rate-8 X        purchase-rate multiplier of 8折券 (default 1.50)\n"
    "  --rate-80 X       purchase-rate multiplier of 满80减15 (default 1.30)\n"
    "  --topup P         chance a 60-80 basket is topped up to 80+ (default 0.35)\n"
    "  --conversion C    control's expected weekly conversion (default 0.10)\n"
    "  --aa              no effect in any arm (an A/A test)\n"
    "  --no-history      do not write history.csv\n"
    "  --name NAME       the experiment's name in experiment.ini (default\n"
    "                    T咖啡 会员发券 2026-W47)\n"
    "  --post-days N     write N days of orders after the window, and post_days = N\n"
    "                    into experiment.ini (the post period, pull-forward)\n"
    "  --pull-forward S  the coupon arms buy in the window a share S of what they\n"
    "                    would buy over as many days after it, and that much less\n"
    "                    then (default 0): a lift that is only timing\n"
    "  --hetero          the arms' effects depend on channel, spend_level and a new\n"
    "                    age column, two at a time: 8折券 works for members under 40\n"
    "                    reached by 小程序 or App, 满80减15 for 高客单 members aged\n"
    "                    40+, and neither changes anyone else's purchases (a test of\n"
    "                    per-member targeting)\n"
    "  --truth FILE      also write FILE: each member's true expected effect of each\n"
    "                    arm over control in the window, effect_revenue_ARM,\n"
    "                    effect_profit_ARM, effect_conversion_ARM (from the model's\n"
    "                    parameters, not the draws)\n";

static const struct option options[] = {
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
    {"name", required_argument, NULL, 'N'},
    {"post-days", required_argument, NULL, 'P'},
    {"pull-forward", required_argument, NULL, 'F'},
    {"hetero", no_argument, NULL, 'H'},
    {"truth", required_argument, NULL, 'T'},
    {NULL, 0, NULL, 0},
};

/* What each number option accepts, and the words of its message. */
static const struct cli_number users_number = {
    .lo = UPLIFT_SIM_MIN_USERS,
    .hi = UPLIFT_SIM_MAX_USERS,
    .whole = true,
    .what = "a whole number from %.0f to %.0f (fewer can leave an arm without users)"};
static const struct cli_number days_number = {
    .lo = 1, .hi = UPLIFT_SIM_MAX_DAYS, .whole = true, .what = "a whole number from %.0f to %.0f"};
static const struct cli_number rate_number = {
    .lo = 0, .hi = UPLIFT_SIM_MAX_RATE, .what = "from %g to %g"};
static const struct cli_number post_number = {
    .lo = 1, .hi = 365, .whole = true, .what = "a whole number from %.0f to %.0f"};
static const struct cli_number topup_number = {.lo = 0, .hi = 1, .what = "in [%g, %g]"};
static const struct cli_number conversion_number = {
    .lo = 0.001, .hi = UPLIFT_SIM_MAX_CONVERSION, .what = "from %g to %g"};

static int option(void *ctx, int ch, const char *arg)
{
	struct uplift_simulate_options *opt = ctx;
	double v;
	int rc;

	switch (ch) {
	case 'u':
		if ((rc = cli_number("simulate", "--users", arg, &users_number, &v)))
			return rc;
		opt->users = (uint64_t)v;
		return EXIT_OK;
	case 's':
		return cli_uint64("simulate", "--seed", arg, "a whole number from 0 to 2^64 - 1",
				  &opt->seed);
	case 'S':
		if (strlen(arg) != 10 || !uplift_date_parse(arg, 10, &opt->start))
			return cli_usage_error("simulate", "--start must be YYYY-MM-DD");
		return EXIT_OK;
	case 'd':
		if ((rc = cli_number("simulate", "--days", arg, &days_number, &v)))
			return rc;
		opt->days = (int)v;
		return EXIT_OK;
	case '8':
		return cli_number("simulate", "--rate-8", arg, &rate_number, &opt->rate_8);
	case '0':
		return cli_number("simulate", "--rate-80", arg, &rate_number, &opt->rate_80);
	case 't':
		return cli_number("simulate", "--topup", arg, &topup_number, &opt->topup);
	case 'c':
		return cli_number("simulate", "--conversion", arg, &conversion_number,
				  &opt->weekly_conversion);
	case 'N':
		if (!*arg || strchr(arg, '\n') || strchr(arg, '\r'))
			return cli_usage_error("simulate", "--name must be one non-empty line");
		opt->name = arg;
		return EXIT_OK;
	case 'P':
		if ((rc = cli_number("simulate", "--post-days", arg, &post_number, &v)))
			return rc;
		opt->post_days = (int)v;
		return EXIT_OK;
	case 'F':
		return cli_number("simulate", "--pull-forward", arg, &topup_number,
				  &opt->pull_forward);
	case 'H':
		opt->hetero = true;
		return EXIT_OK;
	case 'T':
		if (!*arg)
			return cli_usage_error("simulate", "--truth must be the path of a file");
		opt->truth = arg;
		return EXIT_OK;
	case 'a':
		opt->rate_8 = opt->rate_80 = 1;
		opt->topup = 0;
		return EXIT_OK;
	default:
		opt->history = false;
		return EXIT_OK;
	}
}

static int run(int argc, char **argv)
{
	struct uplift_simulate_options opt;
	struct uplift_error err;
	const char *dir;
	int first, rc;

	uplift_simulate_defaults(&opt);
	uplift_error_clear(&err);
	if ((rc = cli_parse(&cli_simulate, argc, argv, option, &opt, &first)))
		return rc;
	if (first + 1 != argc)
		return cli_usage_error("simulate", "expected one folder DIR");
	/* what only the options together decide: the dates written must be readable */
	if (uplift_simulate_check(&opt, &err))
		return cli_usage_error("simulate", "%s", err.message);
	dir = argv[first];
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		uplift_error_set(&err, UPLIFT_EINPUT, dir, 0, NULL, "cannot create folder: %s",
				 strerror(errno));
		return cli_fail(&err);
	}
	if (uplift_simulate(dir, &opt, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

const struct command cli_simulate = {"simulate", "write a synthetic experiment with known effects",
				     usage, options, run};
