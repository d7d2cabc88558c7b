/*
 * cmd_init.c - "uplift init DIR": a commented experiment.ini guessed from
 * the folder's files (uplift_init.h), for the user to check before
 * "uplift analyze DIR". It never replaces an existing experiment.ini.
 */
#include "cli.h"
#include "uplift_date.h"
#include "uplift_escape.h"
#include "uplift_init.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: uplift init DIR [--control ARM] [--encoding utf-8|gbk|gb18030]\n"
    "\n"
    "Reads the files of the experiment folder DIR (assignments.csv, and orders.csv or\n"
    "outcomes.csv, and history.csv) and writes DIR/experiment.ini, commented, for you\n"
    "to check: the arms found with their users, the control recognised by its name\n"
    "(control, 对照组, 不触达, holdout ...), the window from the days of the orders\n"
    "(of the discounts, when there are any), the coupon of each arm when its\n"
    "discounts show it, and a [columns] section for the headers it recognises\n"
    "(会员ID, 下单时间, 实付金额, 优惠金额, customer_id ...). What needs a look is\n"
    "also said on stderr. An existing experiment.ini is never overwritten.\n"
    "\n"
    "  --control ARM     the arm the others are compared with (default: the arm\n"
    "                    named like a control, else the first, with a warning)\n"
    "  --encoding E      utf-8 (default), gbk or gb18030 for the CSV files; the\n"
    "                    ini is written in UTF-8\n";

static const struct option options[] = {
    {"control", required_argument, NULL, 'c'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

static int option(void *ctx, int ch, const char *arg)
{
	struct uplift_init_options *opt = ctx;

	if (ch == 'c') {
		opt->control = arg;
		return EXIT_OK;
	}
	return cli_encoding("init", arg, &opt->encoding);
}

/* The one-line summary of what was written, on stdout. */
static int summary(const char *dir, const struct uplift_init *in)
{
	char shown[1024], arm[512], a[16], b[16];
	struct cli_out out;

	if (!cli_out_open(&out))
		return cli_nomem();
	fprintf(out.fp, "wrote %s/experiment.ini: %zu arms, control '%s'",
		uplift_escape_text(dir, shown, sizeof(shown)), in->n_arms,
		uplift_escape_text(in->arms[0].name, arm, sizeof(arm)));
	if (in->has_discounts)
		fprintf(out.fp, ", %s to %s (the days with a discount)",
			uplift_date_format(in->first_discount, a),
			uplift_date_format(in->last_discount, b));
	else if (in->has_orders && !in->file[UPLIFT_INIT_OUTCOMES].present)
		fprintf(out.fp, ", %s to %s (the days of the orders)",
			uplift_date_format(in->first_order, a),
			uplift_date_format(in->last_order, b));
	fprintf(out.fp, "; check it, then run: uplift analyze %s\n", shown);
	return cli_out_emit(&out);
}

static int run(int argc, char **argv)
{
	struct uplift_init_options opt = {UPLIFT_ENC_UTF8, NULL};
	struct uplift_init *in;
	struct uplift_error err;
	char path[4096], shown[1200];
	struct stat sb;
	int first, rc;

	uplift_error_clear(&err);
	if ((rc = cli_parse(&cli_init, argc, argv, option, &opt, &first)))
		return rc;
	if (first + 1 != argc)
		return cli_usage_error("init", "expected one experiment folder DIR");
	snprintf(path, sizeof(path), "%s/experiment.ini", argv[first]);
	if (lstat(path, &sb) == 0) {
		fprintf(stderr,
			"uplift: %s: already exists; init never overwrites it (move it away to "
			"write a new one)\n",
			uplift_escape_text(path, shown, sizeof(shown)));
		return EXIT_INPUT;
	}
	if (!(in = uplift_init_scan(argv[first], &opt, &err)))
		return cli_fail(&err);
	if (uplift_init_create(in, argv[first], &err)) {
		uplift_init_free(in);
		return cli_fail(&err);
	}
	for (size_t i = 0; i < in->n_notes; i++)
		fprintf(stderr, "uplift: init: warning: %s\n",
			uplift_escape_text(in->notes[i], shown, sizeof(shown)));
	rc = summary(argv[first], in);
	uplift_init_free(in);
	return rc;
}

const struct command cli_init = {"init", "write a commented experiment.ini from a folder's files",
				 usage, options, run};
