/*
 * fuzz_loader.c - libFuzzer harness over the whole input path: experiment.ini,
 * assignments.csv, orders.csv and history.csv, then the analysis and the
 * JSON writer. One input holds the files one after the other, separated by
 * a line "====" (missing parts are left out, so the loader's own errors for
 * missing files are fuzzed too). Run with `make fuzz` (FUZZ_SECONDS=60).
 *
 * The folder runs through uplift_pipeline_run, as "uplift analyze" runs it
 * (every metric, and the plans when the input asks for --by tier). The
 * harness asserts the pipeline's contract: it returns a result or an error
 * with a message, and an analysis never yields NaN in JSON.
 */
#define _GNU_SOURCE /* memmem */
#include "uplift.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];
static const char *const names[] = {"experiment.ini", "assignments.csv", "orders.csv",
				    "history.csv"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put(int k, const uint8_t *p, size_t n)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
	if (!p) {
		remove(path);
		return;
	}
	fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (n && fwrite(p, 1, n, fp) != n)
		abort();
	fclose(fp);
}

/* Every number in the document is finite (NaN and infinities become null). */
static bool all_finite(json_t *j)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_real(j))
		return isfinite(json_real_value(j));
	if (json_is_object(j)) {
		json_object_foreach(j, key, v) if (!all_finite(v)) return false;
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v) if (!all_finite(v)) return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n====\n";
	static const char *const by[] = {"tier"};
	const uint8_t *p = data, *end = data + size;
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *pl;
	int k;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/uplift-fuzz-%d", (int)getpid());
		mkdir(dir, 0700);
	}
	for (k = 0; k < 4; k++) {
		const uint8_t *s =
		    p < end ? memmem(p, (size_t)(end - p), sep, sizeof(sep) - 1) : NULL;
		if (p > end || (p == end && k > 0)) {
			put(k, NULL, 0);
			continue;
		}
		put(k, p, (size_t)((s ? s : end) - p));
		p = s ? s + sizeof(sep) - 1 : end + 1;
	}
	uplift_error_clear(&err);
	exp = uplift_experiment_load("/dev/null/none", NULL, &err); /* a missing file */
	if (exp || err.status != UPLIFT_EINPUT)
		abort();
	uplift_pipeline_defaults(&opt);
	opt.dir = dir;
	opt.metrics = UPLIFT_ALL_METRICS;
	opt.alpha = 0.05;
	if (size > 0 && data[0] == '#') {
		opt.by = by; /* break down by the column "tier" too */
		opt.n_by = 1;
	}
	uplift_error_clear(&err);
	if (uplift_pipeline_run(&opt, &pl, &err)) {
		if (pl || err.status == UPLIFT_OK || !err.message[0])
			abort();
		return 0;
	}
	{
		FILE *devnull = fopen("/dev/null", "w");
		json_t *j = uplift_format_json(&pl->result);
		if (!j || !all_finite(j))
			abort(); /* NaN must never reach the output */
		json_decref(j);
		uplift_format_write(devnull, UPLIFT_FMT_TABLE, &pl->result, &err);
		fclose(devnull);
	}
	uplift_pipeline_free(pl);
	return 0;
}
