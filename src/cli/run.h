/*
 * run.h - what "analyze" and "report" share: their options, and running the
 * analysis from a folder to an uplift_result.
 */
#ifndef UPLIFT_CLI_RUN_H
#define UPLIFT_CLI_RUN_H

#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_plan.h"
#include "uplift_suff.h"

#define MAX_BY 16

struct run_args {
	const char *cmd; /* "analyze" or "report", for messages */
	const char *dir;
	char *by_list; /* strdup of --by, split in place */
	const char *by[MAX_BY];
	size_t n_by;
	enum uplift_format format;
	double alpha; /* 0 = the experiment's */
	enum uplift_correction correction;
	unsigned metrics;
	enum uplift_metric decide;
	bool cuped, sequential;
	double expected_users;
	enum uplift_encoding encoding;
	bool strict;
	bool quiet;        /* no progress line */
	bool dedupe;       /* count repeated assignments (same arm) once */
	const char *stats; /* analyze: --stats FILE */
	const char *out;   /* report: --out */
	bool zh;           /* report: --lang zh */
};

struct run {
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an;
	struct uplift_plan **plans;
	size_t n_plans;
	double *weights;
	struct uplift_result result; /* points into the above */
};

/* Parse the options of cmd ("analyze" or "report"); 0 or an exit status. */
int run_parse(int argc, char **argv, const char *cmd, struct run_args *a);

/*
 * Load the folder and analyze it. Returns UPLIFT_OK with r filled (free with
 * run_free), or a status with err filled.
 */
enum uplift_status run_analysis(const struct run_args *a, struct run *r, struct uplift_error *err);

void run_free(struct run *r);

/* Parse a --by list into a->by (0 or an exit status). */
int run_parse_by(struct run_args *a, const char *list);

/* Release what run_parse allocated. */
void run_args_free(struct run_args *a);

#endif
