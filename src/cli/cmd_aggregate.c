/*
 * cmd_aggregate.c - "uplift aggregate DIR": the sufficient statistics of an
 * experiment folder as CSV, for analyze --stats (and for summing shards).
 */
#include "cli.h"
#include "run.h"
#include "uplift_suff_io.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

int cmd_aggregate(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"encoding", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0},
	};
	struct run_args a = {0};
	struct uplift_load_options lopt = {0};
	struct uplift_experiment *exp = NULL;
	struct uplift_data *d = NULL;
	struct uplift_suff *s = NULL;
	struct uplift_error err;
	char path[4096], name[256];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int ch, rc = EXIT_OK;

	uplift_error_clear(&err);
	a.cmd = "aggregate";
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			if ((rc = run_parse_by(&a, optarg)))
				goto out;
			break;
		case 'e':
			if (!uplift_encoding_parse(optarg, &a.encoding)) {
				rc =
				    cli_usage_error("aggregate", "unknown --encoding '%s'", optarg);
				goto out;
			}
			break;
		case ':':
			rc = cli_usage_error("aggregate", "%s needs a value", argv[optind - 1]);
			goto out;
		default:
			rc = cli_usage_error("aggregate", "unknown option '%s'", argv[optind - 1]);
			goto out;
		}
	}
	if (optind + 1 != argc) {
		rc = cli_usage_error("aggregate", "expected one experiment folder DIR");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/experiment.ini", argv[optind]);
	cli_dir_name(argv[optind], name, sizeof(name));
	lopt.encoding = a.encoding;
	lopt.by = a.by;
	lopt.n_by = a.n_by;
	if (!(exp = uplift_experiment_load_opt(
		  path, name, &(struct uplift_experiment_options){a.encoding}, &err)) ||
	    !(d = uplift_data_load(exp, argv[optind], &lopt, &err)))
		goto fail;
	if (!(s = uplift_suff_from_data(d)) || !(mem = open_memstream(&buf, &len))) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	uplift_suff_write_csv(mem, s);
	if (fclose(mem) != 0) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	rc = cli_emit(buf, len);
	goto out;
fail:
	rc = cli_fail(&err);
out:
	free(buf);
	uplift_suff_free(s);
	uplift_data_free(d);
	uplift_experiment_free(exp);
	run_args_free(&a);
	return rc;
}
