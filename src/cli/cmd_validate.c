/*
 * cmd_validate.c - "uplift validate DIR": every check of the loader, no
 * analysis; lists all problems found (up to --max-problems) with their
 * positions, then a summary. Exit 2 when there is any problem; else the
 * checks of the data (control_discount, missing_discount, ...) as warnings,
 * exit 1 when any is flagged.
 */
#include "cli.h"
#include "uplift_escape.h"

static const char usage[] =
    "usage: uplift validate DIR [--encoding utf-8|gbk|gb18030] [--dedupe] [--max-problems N]\n"
    "\n"
    "Runs every check of analyze and lists all problems found (the first N, default\n"
    "100) with file, line and column, then a summary; exit 2 when there is any. A\n"
    "problem in a file's structure (its header, quoting or encoding) stops the checks\n"
    "of that file only: the other files are still checked. Without problems it\n"
    "prints where every row went, then each check that is flagged (the sample ratio,\n"
    "control_discount, discount_mismatch, ...) as a warning; exit 1 when there is any.\n"
    "The checks that need the analysis (segment_srm, pre_period) are analyze's.\n"
    "\n"
    "  --encoding E      utf-8 (default), gbk or gb18030 for experiment.ini and the\n"
    "                    CSV files\n"
    "  --dedupe          a user assigned twice to the same arm counts once\n"
    "  --max-problems N  list the first N problems (1 to 1000000, default 100)\n";

static const struct option options[] = {
    {"encoding", required_argument, NULL, 'e'},
    {"dedupe", no_argument, NULL, 'D'},
    {"max-problems", required_argument, NULL, 'm'},
    {NULL, 0, NULL, 0},
};

static const struct cli_number max_problems = {
    .lo = 1, .hi = 1000000, .whole = true, .what = "%.0f to %.0f"};

static int option(void *ctx, int ch, const char *arg)
{
	struct uplift_pipeline_options *opt = ctx;
	double max;
	int rc;

	switch (ch) {
	case 'e':
		return cli_encoding("validate", arg, &opt->encoding);
	case 'D':
		opt->dedupe = true;
		return EXIT_OK;
	default:
		if ((rc = cli_number("validate", "--max-problems", arg, &max_problems, &max)))
			return rc;
		opt->problems->max = (size_t)max;
		return EXIT_OK;
	}
}

/*
 * The checks of the data (uplift_checks_from_findings): each a warning line
 * on standard error, then how many; EXIT_FLAGGED when there is any.
 */
static int data_checks(const struct uplift_check *k, size_t n, bool srm,
		       const struct uplift_experiment *exp, const char *shown)
{
	cli_warn_data_checks(exp, k, n);
	n += srm;
	if (n > 0)
		fprintf(stderr, "uplift: validate: %zu check%s flagged in %s\n", n,
			n == 1 ? "" : "s", shown);
	return n > 0 ? EXIT_FLAGGED : EXIT_OK;
}

/*
 * The sample ratio, as analyze tests it: users per arm against the planned
 * weights (chi-square, flagged below UPLIFT_SRM_THRESHOLD). True, and the warning on
 * standard error, when it is off.
 */
static bool srm_flagged(const struct uplift_pipeline *p)
{
	size_t k = p->exp->n_arms;
	double *w = calloc(2 * k + 1, sizeof(*w)), *n = w ? w + k : NULL, chi2, df, pv;
	const char *why;
	bool off = false;

	for (size_t i = 0; w && i < k; i++) {
		w[i] = p->exp->arms[i].weight;
		n[i] = (double)p->data->arm_users[i];
	}
	if (w && uplift_srm(n, w, k, &chi2, &df, &pv, &why) && pv < UPLIFT_SRM_THRESHOLD) {
		fprintf(
		    stderr,
		    "uplift: warning: sample ratio mismatch (chi2 %.2f, df %.0f, p = %.2g): users "
		    "per arm do not match the planned weights\n",
		    chi2, df, pv);
		off = true;
	}
	free(w);
	return off;
}

/* Where the rows of orders.csv or history.csv went: "N order rows: ... in the window, ...". */
static void write_rows(FILE *out, const char *file, const char *used, const char *outside,
		       const struct uplift_file_counts *c)
{
	fprintf(out, "%llu %s rows: %llu %s, ", (unsigned long long)c->read, file,
		(unsigned long long)c->used, used);
	if (c->post) /* post_days */
		fprintf(out, "%llu in the post period, ", (unsigned long long)c->post);
	fprintf(out, "%llu %s, %llu of unassigned users, %llu repeated",
		(unsigned long long)c->outside, outside, (unsigned long long)c->unassigned,
		(unsigned long long)c->duplicate);
}

static int run(int argc, char **argv)
{
	struct uplift_problems pr = {.max = 100};
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p = NULL;
	const struct uplift_data *d;
	struct uplift_error err;
	char buf[1200], shown[1024];
	struct uplift_check *checks = NULL;
	size_t n_checks = 0;
	bool srm = false;
	struct cli_out out;
	int first, rc;

	uplift_error_clear(&err);
	uplift_pipeline_defaults(&opt);
	opt.problems = &pr;
	opt.check_all_utf8 = true;
	opt.until = UPLIFT_UNTIL_DATA;
	if ((rc = cli_parse(&cli_validate, argc, argv, option, &opt, &first)))
		return rc;
	if (first + 1 != argc)
		return cli_usage_error("validate", "expected one experiment folder DIR");
	opt.dir = argv[first];
	uplift_escape_text(opt.dir, shown, sizeof(shown)); /* the folder, as echoed */
	cli_open(&opt, false, &p, &err);
	for (size_t i = 0; i < pr.n; i++)
		fprintf(stderr, "uplift: %s\n", pr.line[i]);
	if (err.status != UPLIFT_OK) {
		/* a problem in a file's structure stops the checks of that file */
		fprintf(stderr, "uplift: %s\n", uplift_error_format(&err, buf, sizeof(buf)));
		pr.total++;
	}
	if (pr.total > pr.n + (err.status != UPLIFT_OK))
		fprintf(stderr, "uplift: ... and %llu more\n",
			(unsigned long long)(pr.total - pr.n - (err.status != UPLIFT_OK)));
	if (pr.total > 0) {
		fprintf(stderr, "uplift: validate: %llu problem%s in %s",
			(unsigned long long)pr.total, pr.total == 1 ? "" : "s", shown);
		if (err.status != UPLIFT_OK)
			fputs(" (checks stopped at the last one)", stderr);
		else if (pr.stopped[0]) /* a file's structure stopped its checks, not the others' */
			fprintf(stderr,
				" (checks of %s stopped at its problem; the other files were "
				"checked)",
				pr.stopped);
		fputc('\n', stderr);
		rc = err.status == UPLIFT_ENOMEM || err.status == UPLIFT_EINTERNAL ? EXIT_INTERNAL
										   : EXIT_INPUT;
	} else if (!uplift_checks_from_findings(p->exp, &p->data->findings, &checks, &n_checks) ||
		   !cli_out_open(&out)) {
		rc = cli_nomem();
	} else {
		d = p->data;
		srm = srm_flagged(p);
		/* "ok" only when no check is flagged either (the sample ratio, the data's) */
		fprintf(out.fp,
			"%s: %s: %zu users in %zu arms (%llu assignment rows, %llu repeated); ",
			shown, n_checks || srm ? "read, with warnings" : "ok", d->n_users,
			p->exp->n_arms, (unsigned long long)d->counts.assignments_read,
			(unsigned long long)d->counts.assignments_duplicate);
		if (d->from_outcomes) /* one row per user: no window, nothing repeated */
			fprintf(out.fp,
				"%llu outcome rows: %llu of assigned users, %llu of unassigned "
				"users",
				(unsigned long long)d->counts.outcomes_read,
				(unsigned long long)(d->counts.outcomes_read -
						     d->counts.outcomes_unassigned),
				(unsigned long long)d->counts.outcomes_unassigned);
		else
			write_rows(out.fp, "order", "in the window", "outside it",
				   &d->counts.orders);
		if (d->has_history) {
			fputs("; ", out.fp);
			write_rows(out.fp, "history", "used", "after asof", &d->counts.history);
		}
		fputc('\n', out.fp);
		rc = cli_out_emit(&out);
	}
	if (rc == EXIT_OK)
		rc = data_checks(checks, n_checks, srm, p->exp, shown);
	free(checks);
	uplift_problems_release(&pr);
	uplift_pipeline_free(p);
	return rc;
}

const struct command cli_validate = {
    "validate", "check a folder without analyzing it; list every problem", usage, options, run};
