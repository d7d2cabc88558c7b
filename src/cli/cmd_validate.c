/*
 * cmd_validate.c - "uplift validate DIR": every check of the loader, no
 * analysis; lists all problems found (up to --max-problems) with their
 * positions, then a summary. Exit 2 when there is any problem.
 */
#include "cli.h"
#include "uplift_data.h"
#include "uplift_escape.h"
#include "uplift_experiment.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_validate(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"encoding", required_argument, NULL, 'e'},
	    {"dedupe", no_argument, NULL, 'D'},
	    {"max-problems", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0},
	};
	struct uplift_problems pr = {.max = 100};
	struct uplift_load_options lopt = {.problems = &pr, .check_all_utf8 = true};
	struct uplift_experiment *exp = NULL;
	struct uplift_data *d = NULL;
	struct uplift_error err;
	char path[4096], name[256], buf[1200], shown[1024], *end;
	struct cli_out out;
	int ch, rc;
	long max;

	uplift_error_clear(&err);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			if (!uplift_encoding_parse(optarg, &lopt.encoding))
				return cli_usage_error("validate", "unknown --encoding '%s'",
						       optarg);
			break;
		case 'D':
			lopt.dedupe = true;
			break;
		case 'm':
			max = strtol(optarg, &end, 10);
			if (*end || max < 1 || max > 1000000)
				return cli_usage_error("validate",
						       "--max-problems must be 1 to 1000000");
			pr.max = (size_t)max;
			break;
		case ':':
			return cli_usage_error("validate", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("validate", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("validate", "expected one experiment folder DIR");
	snprintf(path, sizeof(path), "%s/experiment.ini", argv[optind]);
	uplift_escape_text(argv[optind], shown, sizeof(shown)); /* the folder, as echoed */
	cli_dir_name(argv[optind], name, sizeof(name));
	exp = uplift_experiment_load_opt(path, name,
					 &(struct uplift_experiment_options){lopt.encoding}, &err);
	if (exp)
		d = uplift_data_load(exp, argv[optind], &lopt, &err);
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
		fprintf(stderr, "uplift: validate: %llu problem%s in %s%s\n",
			(unsigned long long)pr.total, pr.total == 1 ? "" : "s", shown,
			err.status != UPLIFT_OK ? " (checks stopped at the last one)" : "");
		rc = err.status == UPLIFT_ENOMEM || err.status == UPLIFT_EINTERNAL ? EXIT_INTERNAL
										   : EXIT_INPUT;
	} else if (!cli_out_open(&out)) {
		fprintf(stderr, "uplift: out of memory\n");
		rc = EXIT_INTERNAL;
	} else {
		fprintf(out.fp,
			"%s: ok: %zu users in %zu arms (%llu assignment rows, %llu repeated); "
			"%llu order rows: %llu in the window, %llu outside it, %llu of unassigned "
			"users, %llu repeated",
			shown, d->n_users, exp->n_arms, (unsigned long long)d->assignments_read,
			(unsigned long long)d->assignments_duplicate,
			(unsigned long long)d->orders_read, (unsigned long long)d->orders_in_window,
			(unsigned long long)d->orders_outside_window,
			(unsigned long long)d->orders_unassigned,
			(unsigned long long)d->orders_duplicate);
		if (d->from_outcomes)
			fprintf(out.fp, "; %llu outcome rows, %llu of unassigned users",
				(unsigned long long)d->outcomes_read,
				(unsigned long long)d->outcomes_unassigned);
		if (d->has_history)
			fprintf(
			    out.fp,
			    "; %llu history rows: %llu used, %llu after asof, %llu of unassigned "
			    "users, %llu repeated",
			    (unsigned long long)d->history_read,
			    (unsigned long long)d->history_used,
			    (unsigned long long)d->history_after_asof,
			    (unsigned long long)d->history_unassigned,
			    (unsigned long long)d->history_duplicate);
		fputc('\n', out.fp);
		rc = cli_out_emit(&out);
	}
	uplift_problems_release(&pr);
	uplift_data_free(d);
	uplift_experiment_free(exp);
	return rc;
}
