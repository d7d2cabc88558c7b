/*
 * cmd_power.c - "uplift power": users per arm for the next test, or the
 * smallest effect a given number of users can detect.
 */
#include "cli.h"
#include "uplift_power.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: uplift power --baseline P --mde D [--relative] [--arms K] [--comparisons N]\n"
    "                    [--alpha A] [--power B] [--format table|json]\n"
    "       uplift power --sd S --mde D [...]          (a mean, e.g. revenue per user)\n"
    "       uplift power --baseline P --users N [...]  (the smallest detectable effect)\n"
    "\n"
    "Users per arm for a two-sided test of a rate (as R power.prop.test) or of a\n"
    "mean (as R power.t.test, two-sample), rounded up, at the level uplift analyze\n"
    "will hold the effect to: alpha / N over the N comparisons of its overall family\n"
    "(Bonferroni, which is Holm's first step).\n"
    "\n"
    "  --baseline P      the control rate (or, with --sd and --relative, the mean)\n"
    "  --mde D           the effect to detect: absolute (0.01 = 1 pp), or relative\n"
    "                    with --relative (0.1 = +10%)\n"
    "  --relative        --mde is relative to the baseline\n"
    "  --sd S            standard deviation per user: size for a mean\n"
    "  --users N         users per arm: print the smallest detectable effect\n"
    "  --arms K          arms including control (default 2)\n"
    "  --comparisons N   the comparisons the analysis corrects over; default\n"
    "                    (K - 1) x 5, the tested default metrics (conversion,\n"
    "                    repurchase, revenue, orders, aov); with [economics]\n"
    "                    gross_margin profit is tested too: (K - 1) x 6; 1 for a\n"
    "                    single planned comparison (R's plain answer)\n"
    "  --alpha A         default 0.05;  --power B  default 0.8\n"
    "  --format F        table (default) or json\n";

static const struct option options[] = {
    {"baseline", required_argument, NULL, 'b'},
    {"mde", required_argument, NULL, 'm'},
    {"relative", no_argument, NULL, 'r'},
    {"arms", required_argument, NULL, 'k'},
    {"alpha", required_argument, NULL, 'a'},
    {"power", required_argument, NULL, 'p'},
    {"sd", required_argument, NULL, 's'},
    {"users", required_argument, NULL, 'n'},
    {"format", required_argument, NULL, 'f'},
    {"comparisons", required_argument, NULL, 'c'},
    {NULL, 0, NULL, 0},
};

/*
 * The most users a result may count: 2^53, below which every whole number is
 * exact in a double and in JSON (and far below the 2^63 of json_int_t, so the
 * casts below are defined).
 */
#define MAX_USERS UPLIFT_POWER_MAX_USERS

struct power_args {
	double baseline, mde, sd, alpha, power, users;
	bool has_baseline, has_mde, has_sd, has_users, relative, json;
	long arms, comparisons; /* comparisons 0: the default family of the arms */
};

/* What each number option accepts, and the words of its message. */
static const struct cli_number baseline_number = {
    .lo = -HUGE_VAL, .hi = HUGE_VAL, .what = "a number"};
static const struct cli_number mde_number = {
    .lo = -HUGE_VAL, .hi = HUGE_VAL, .nonzero = true, .what = "a non-zero number"};
static const struct cli_number arms_number = {
    .lo = 2, .hi = 1000, .whole = true, .what = "a whole number >= 2"};
static const struct cli_number alpha_number = {
    .lo = 0, .hi = 0.5, .lo_open = true, .hi_open = true, .what = "in (0, 0.5)"};
static const struct cli_number power_number = {
    .lo = 0.05, .hi = 1, .lo_open = true, .hi_open = true, .what = "in (0.05, 1)"};
static const struct cli_number sd_number = {
    .lo = 0, .hi = HUGE_VAL, .lo_open = true, .what = "a number > 0"};
static const struct cli_number comparisons_number = {
    .lo = 1, .hi = 1000000, .whole = true, .what = "a whole number from 1 to 1000000"};
static const struct cli_number users_number = {
    .lo = 2, .hi = MAX_USERS, .whole = true, .what = "a whole number from 2 to 2^53"};

static int option(void *ctx, int ch, const char *arg)
{
	struct power_args *a = ctx;
	double v;
	int rc;

	switch (ch) {
	case 'b':
		a->has_baseline = true;
		return cli_number("power", "--baseline", arg, &baseline_number, &a->baseline);
	case 'm':
		a->has_mde = true;
		return cli_number("power", "--mde", arg, &mde_number, &a->mde);
	case 'r':
		a->relative = true;
		return EXIT_OK;
	case 'k':
		if ((rc = cli_number("power", "--arms", arg, &arms_number, &v)))
			return rc;
		a->arms = (long)v;
		return EXIT_OK;
	case 'a':
		return cli_number("power", "--alpha", arg, &alpha_number, &a->alpha);
	case 'p':
		return cli_number("power", "--power", arg, &power_number, &a->power);
	case 's':
		a->has_sd = true;
		return cli_number("power", "--sd", arg, &sd_number, &a->sd);
	case 'c':
		if ((rc = cli_number("power", "--comparisons", arg, &comparisons_number, &v)))
			return rc;
		a->comparisons = (long)v;
		return EXIT_OK;
	case 'n':
		a->has_users = true;
		return cli_number("power", "--users", arg, &users_number, &a->users);
	default:
		if (strcmp(arg, "json") != 0 && strcmp(arg, "table") != 0)
			return cli_usage_error("power", "unknown --format '%s' (table or json)",
					       arg);
		a->json = strcmp(arg, "json") == 0;
		return EXIT_OK;
	}
}

static int parse(int argc, char **argv, struct power_args *a)
{
	int first, rc;

	a->alpha = 0.05;
	a->power = 0.8;
	a->arms = 2;
	if ((rc = cli_parse(&cli_power, argc, argv, option, a, &first)))
		return rc;
	if (first < argc)
		return cli_usage_error("power", "unexpected argument '%s'", argv[first]);
	if (a->has_mde == a->has_users)
		return cli_usage_error("power", "give either --mde (for users needed) or --users "
						"(for the detectable effect)");
	if (!a->has_sd && !a->has_baseline)
		return cli_usage_error("power",
				       "give --baseline P for a rate or --sd S for a mean");
	if (!a->has_sd && !(a->baseline > 0 && a->baseline < 1))
		return cli_usage_error("power", "--baseline is a rate in (0, 1)");
	if (a->has_sd && a->relative && !(a->has_baseline && a->baseline != 0))
		return cli_usage_error("power", "--relative with --sd needs --baseline MEAN");
	if (a->has_users && a->users * (double)a->arms > MAX_USERS)
		return cli_usage_error("power", "--users %.0f in %ld arms is more than 2^53 users",
				       a->users, a->arms);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	struct power_args a = {0};
	struct uplift_power_question q;
	struct uplift_power_answer ans;
	double alpha_each, delta, users;
	bool rate;
	json_t *o;
	char *text;
	struct cli_out out;
	int rc;

	if ((rc = parse(argc, argv, &a)))
		return rc;
	rate = !a.has_sd;
	q = (struct uplift_power_question){
	    .rate = rate,
	    .solve_users = a.has_mde,
	    .baseline = a.baseline,
	    .sd = a.sd,
	    .mde = a.relative ? a.baseline * a.mde : a.mde,
	    .users = a.users,
	    .alpha = a.alpha,
	    .power = a.power,
	    .arms = a.arms,
	    .comparisons = a.comparisons,
	};
	switch (uplift_power_plan(&q, &ans)) {
	case UPLIFT_POWER_NOT_A_RATE:
		return cli_usage_error("power", "baseline + effect = %g is not a rate in (0, 1)",
				       a.baseline + q.mde);
	case UPLIFT_POWER_TOO_MANY_USERS:
		fprintf(stderr,
			"uplift: power: an effect of %g needs %.3g users per arm, more than can "
			"be counted (2^53 in all): the effect is too small to detect\n",
			ans.delta, ans.n);
		return EXIT_INPUT;
	case UPLIFT_POWER_NO_SOLUTION:
		fprintf(stderr, "uplift: power: no solution for these inputs\n");
		return EXIT_INPUT;
	case UPLIFT_POWER_OK:
		break;
	}
	alpha_each = ans.alpha_each;
	delta = ans.delta;
	users = ans.users;
	/* from here 2 <= users and users * arms <= 2^53: the casts below are exact */
	o = json_pack("{s:s, s:I, s:I, s:I, s:f, s:I, s:f, s:f}", "metric", rate ? "rate" : "mean",
		      "users_per_arm", (json_int_t)users, "total_users",
		      (json_int_t)(users * (double)a.arms), "arms", (json_int_t)a.arms, "alpha",
		      a.alpha, "comparisons", (json_int_t)ans.comparisons, "alpha_per_comparison",
		      alpha_each, "power", a.power);
	json_object_set_new(o, "mde_absolute", json_real(delta));
	if (a.has_baseline) {
		json_object_set_new(o, "baseline", json_real(a.baseline));
		json_object_set_new(o, "mde_relative", json_real(delta / a.baseline));
	}
	if (!rate)
		json_object_set_new(o, "sd", json_real(a.sd));
	if (!o || !cli_out_open(&out)) {
		json_decref(o);
		fprintf(stderr, "uplift: out of memory\n");
		return EXIT_INTERNAL;
	}
	if (a.json) {
		text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(16));
		if (!text) {
			json_decref(o);
			cli_out_discard(&out);
			fprintf(stderr, "uplift: out of memory\n");
			return EXIT_INTERNAL;
		}
		fprintf(out.fp, "%s\n", text);
		free(text);
	} else {
		if (rate)
			fprintf(out.fp, "rate %.4g%% -> %.4g%%: %+.4g pp (%+.3g%% relative)\n",
				100 * a.baseline, 100 * (a.baseline + delta), 100 * delta,
				100 * delta / a.baseline);
		else
			fprintf(out.fp, "mean: a difference of %.6g with sd %.6g\n", delta, a.sd);
		fprintf(out.fp, "two-sided alpha %g", a.alpha);
		if (ans.comparisons > 1)
			fprintf(out.fp,
				" / %ld comparisons = %.4g each (Bonferroni, Holm's first step)",
				ans.comparisons, alpha_each);
		fprintf(out.fp, ", power %g\n", a.power);
		if (!a.comparisons)
			fprintf(
			    out.fp,
			    "comparisons: (%ld arms - 1) x %ld tested metrics (conversion, "
			    "repurchase, revenue, orders, aov), as uplift analyze corrects; with a "
			    "gross margin profit too: --comparisons %ld\n",
			    a.arms, uplift_power_comparisons(2, false),
			    uplift_power_comparisons(a.arms, true));
		fprintf(out.fp, "%s: %.0f users per arm, %ld arms, %.0f users in all\n",
			a.has_mde ? "needed" : "given", users, a.arms, users * (double)a.arms);
	}
	json_decref(o);
	return cli_out_emit(&out);
}

const struct command cli_power = {
    "power", "users needed for the next test, or the effect they can detect", usage, options, run};
