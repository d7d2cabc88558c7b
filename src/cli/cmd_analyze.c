/*
 * cmd_analyze.c - "uplift analyze DIR": load, fold, analyze, write.
 */
#include "cli.h"
#include "run.h"

#include <stdlib.h>

int cmd_analyze(int argc, char **argv)
{
	struct run_args args = {0};
	struct uplift_error err;
	struct run r = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	uplift_error_clear(&err);
	if ((rc = run_parse(argc, argv, "analyze", &args)))
		goto out;
	if (run_analysis(&args, &r, &err))
		goto fail;
	if (!(mem = open_memstream(&buf, &len))) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (uplift_format_write(mem, args.format, &r.result, &err)) {
		fclose(mem);
		goto fail;
	}
	if (fclose(mem) != 0) {
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (r.an->srm.mismatch)
		fprintf(stderr,
			"uplift: warning: sample ratio mismatch (p = %.2g): users per arm "
			"do not match the planned weights\n",
			r.an->srm.p);
	rc = cli_emit(buf, len);
	if (rc == EXIT_OK && args.strict && r.an->srm.mismatch)
		rc = EXIT_FLAGGED;
	goto out;
fail:
	rc = cli_fail(&err);
out:
	free(buf);
	run_free(&r);
	run_args_free(&args);
	return rc;
}
