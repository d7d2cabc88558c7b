/*
 * uplift_pipeline.h - an experiment folder (or a statistics file) to a
 * result in one call: experiment.ini -> the loaded folder -> sufficient
 * statistics -> the analysis and the targeting plans, as "uplift analyze",
 * "report", "aggregate", "validate" and "segment" run it.
 *
 * The pipeline owns everything it made; struct uplift_result inside points
 * into it and is what the writers (uplift_format.h, uplift_report.h) take.
 * Progress is reported through a callback in the options: the library never
 * prints.
 */
#ifndef UPLIFT_PIPELINE_H
#define UPLIFT_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_error.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_plan.h"
#include "uplift_suff.h"

/* Where uplift_pipeline_run stops. */
enum uplift_pipeline_until {
	UPLIFT_UNTIL_ANALYSIS = 0, /* the analysis and, with --by, the plans (the default) */
	UPLIFT_UNTIL_SUFF,         /* the sufficient statistics (uplift aggregate) */
	UPLIFT_UNTIL_DATA          /* the experiment and the loaded folder (validate, segment) */
};

/*
 * Called while the input files are read: done bytes of all of them (the
 * four CSV files of the folder), of total. Often; the callee throttles.
 */
typedef void uplift_progress_fn(void *ctx, uint64_t done, uint64_t total);

struct uplift_pipeline_options {
	/* the experiment folder; may be NULL with stats, then experiment.ini
	 * is the one beside the statistics file */
	const char *dir;
	/* a statistics file ("uplift aggregate", sql/sufficient_stats.sql) to
	 * analyze instead of the raw files, or NULL */
	const char *stats;
	enum uplift_encoding encoding; /* of experiment.ini and the CSV files */
	const char *const *by;         /* --by columns (borrowed) */
	size_t n_by;
	bool dedupe; /* a user assigned twice to the same arm counts once */
	/* --control: the arm every other arm is compared with instead of
	 * experiment.ini's control (NULL: the ini's); an arm the ini does not
	 * define is an input error listing the arms */
	const char *control;
	/* uplift validate: collect row-level problems here instead of stopping
	 * at the first, and check every byte of every line for UTF-8 */
	struct uplift_problems *problems;
	bool check_all_utf8;

	/* the analysis (uplift_analysis.h) */
	double alpha; /* 0: the experiment's */
	enum uplift_correction correction;
	unsigned metrics; /* bit mask of metrics asked for */
	enum uplift_metric decide;
	/* --metrics and --decide as given, when they name a metric that is not
	 * built in (a [metric] section's, looked up once experiment.ini is
	 * read; metrics and decide are then ignored); NULL otherwise */
	const char *metric_names, *decide_name;
	/* --cap pNN or a number: caps every mean metric without a cap of its
	 * own (UPLIFT_CAP_NONE: none) */
	struct uplift_metric_cap cap;
	bool cuped, sequential;
	double expected_users;

	enum uplift_pipeline_until until;
	uplift_progress_fn *progress; /* may be NULL */
	void *progress_ctx;
};

/* Everything a run made. All of it is owned by the pipeline. */
struct uplift_pipeline {
	struct uplift_experiment *exp;
	struct uplift_data *data; /* NULL with a statistics file */
	struct uplift_suff *suff; /* NULL with UPLIFT_UNTIL_DATA */
	struct uplift_analysis *an;
	/* post_days: the post period's and window + post's sums and analyses */
	struct uplift_suff *period_suff[2];
	struct uplift_analysis *period_an[2];
	struct uplift_plan **plans; /* per --by column, when the decide metric is in the data */
	size_t n_plans;
	double *weights;             /* the arms' planned weights, for the analysis */
	unsigned metrics;            /* asked for: options' metrics with [metric] names resolved */
	enum uplift_metric decide;   /* --decide, resolved */
	struct uplift_result result; /* points into the above: what the writers take */
};

/*
 * The options of "uplift analyze" without any flag: the default metrics,
 * decide by revenue, the default --sequential tuning, everything else 0.
 */
void uplift_pipeline_defaults(struct uplift_pipeline_options *opt);

/*
 * Run opt->dir (or opt->stats) as far as opt->until. On success returns
 * UPLIFT_OK and a new pipeline in *out (uplift_pipeline_free); otherwise
 * *out is NULL, err is filled and the status returned. Problems collected
 * for opt->problems stay in it either way.
 */
enum uplift_status uplift_pipeline_run(const struct uplift_pipeline_options *opt,
				       struct uplift_pipeline **out, struct uplift_error *err);

/* Free a pipeline and everything it holds; NULL is a no-op. */
void uplift_pipeline_free(struct uplift_pipeline *p);

/*
 * The name an experiment folder goes by, its last path component
 * ("experiments/coffee-w47/" -> "coffee-w47"), into buf (NUL-terminated).
 */
void uplift_pipeline_dir_name(const char *dir, char *buf, size_t size);

#endif
