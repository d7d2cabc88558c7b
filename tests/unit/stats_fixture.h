/*
 * stats_fixture.h - a statistics file of an experiment folder, as "uplift
 * aggregate" writes it, beside a copy of the folder's experiment.ini: what
 * the tests of the --stats path (test_pipeline, test_charts) run on.
 */
#ifndef UPLIFT_STATS_FIXTURE_H
#define UPLIFT_STATS_FIXTURE_H

#include "testutil.h"
#include "uplift_pipeline.h"
#include "uplift_suff_io.h"

/* dir/stats.csv (its path into path) of folder, and dir/experiment.ini. */
static inline void stats_file(const char *folder, const char *dir, char *path, size_t size)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *raw;
	struct uplift_error err;
	char cmd[600];
	FILE *fp;

	uplift_pipeline_defaults(&opt);
	opt.dir = folder;
	opt.until = UPLIFT_UNTIL_SUFF;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &raw, &err), UPLIFT_OK);
	snprintf(path, size, "%s/stats.csv", dir);
	assert_non_null(fp = fopen(path, "w"));
	uplift_suff_io_write(fp, raw->suff, raw->exp->name);
	assert_int_equal(fclose(fp), 0);
	uplift_pipeline_free(raw);
	snprintf(cmd, sizeof(cmd), "cp '%s/experiment.ini' '%s/'", folder, dir);
	assert_int_equal(system(cmd), 0);
}

#endif
