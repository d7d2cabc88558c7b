/*
 * fuzz_loader.c - libFuzzer harness over the whole input path: experiment.ini,
 * assignments.csv, orders.csv and history.csv, then the analysis and the
 * JSON writer. One input holds the files one after the other, separated by
 * a line "====" (missing parts are left out, so the loader's own errors for
 * missing files are fuzzed too). Run with `make fuzz` (FUZZ_SECONDS=60).
 *
 * The harness asserts the loader's contract: it returns data or an error
 * with a message, and an analysis of loaded data never yields NaN in JSON.
 */
#define _GNU_SOURCE /* memmem */
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

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
	const uint8_t *p = data, *end = data + size;
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_data *d;
	const char *by[] = {"tier"};
	struct uplift_load_options opt = {.by = by, .n_by = 0};
	int k;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/uplift-fuzz-%d", (int)getpid());
		mkdir(dir, 0700);
		uplift_stats_init();
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
	if (size > 0 && data[0] == '#')
		opt.n_by = 1; /* break down by the column "tier" too */
	uplift_error_clear(&err);
	exp = uplift_experiment_load("/dev/null/none", NULL, &err); /* a missing file */
	if (exp || err.status != UPLIFT_EINPUT)
		abort();
	{
		char path[128];
		snprintf(path, sizeof(path), "%s/experiment.ini", dir);
		uplift_error_clear(&err);
		exp = uplift_experiment_load(path, "fuzz", &err);
	}
	if (!exp) {
		if (err.status == UPLIFT_OK || !err.message[0])
			abort();
		return 0;
	}
	d = uplift_data_load(exp, dir, &opt, &err);
	if (!d) {
		if (err.status == UPLIFT_OK || !err.message[0])
			abort();
	} else {
		struct uplift_suff *s = uplift_suff_from_data(d);
		double w[64];
		struct uplift_analysis_options ao = {.alpha = 0.05,
						     .metrics = UPLIFT_ALL_METRICS,
						     .decide = UPLIFT_REVENUE,
						     .gross_margin = 0.6};
		struct uplift_analysis *an;
		for (size_t i = 0; i < exp->n_arms && i < 64; i++)
			w[i] = exp->arms[i].weight;
		an = s && exp->n_arms <= 64 ? uplift_analyze(s, exp->control, w, &ao) : NULL;
		if (an) {
			struct uplift_result r = {exp, d, an, NULL, 0, false};
			FILE *devnull = fopen("/dev/null", "w");
			json_t *j = uplift_format_json(&r);
			if (!j || !all_finite(j))
				abort(); /* NaN must never reach the output */
			json_decref(j);
			uplift_format_write(devnull, UPLIFT_FMT_TABLE, &r, &err);
			fclose(devnull);
		}
		uplift_analysis_free(an);
		uplift_suff_free(s);
		uplift_data_free(d);
	}
	uplift_experiment_free(exp);
	return 0;
}
