/*
 * pipeline.c - one call from an experiment folder (or a statistics file) to
 * a result: experiment.ini -> data -> sufficient statistics -> analysis ->
 * plans (see uplift_pipeline.h). Only orchestration lives here; every stage
 * is its module's.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "uplift_pipeline.h"
#include "uplift_stats.h"
#include "uplift_suff_io.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static enum uplift_status nomem(struct uplift_error *err)
{
	return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

void uplift_pipeline_defaults(struct uplift_pipeline_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->metrics = UPLIFT_DEFAULT_METRICS;
	opt->decide = UPLIFT_REVENUE;
	opt->expected_users = UPLIFT_SEQ_EXPECTED_USERS;
}

void uplift_pipeline_dir_name(const char *dir, char *buf, size_t size)
{
	size_t n = strlen(dir);
	const char *s;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	s = dir + n;
	while (s > dir && s[-1] != '/')
		s--;
	snprintf(buf, size, "%.*s", (int)(dir + n - s), s);
	/* ".", ".." or "/": the folder's own name, as the shell's cwd knows it */
	if (!buf[0] || strcmp(buf, ".") == 0 || strcmp(buf, "..") == 0 || strcmp(buf, "/") == 0) {
		char *real = realpath(dir, NULL);
		if (real && strcmp(real, "/") != 0)
			uplift_pipeline_dir_name(real, buf, size);
		free(real);
	}
}

void uplift_pipeline_free(struct uplift_pipeline *p)
{
	if (!p)
		return;
	free(p->weights);
	for (size_t i = 0; p->plans && i < p->n_plans; i++)
		uplift_plan_free(p->plans[i]);
	free(p->plans);
	uplift_analysis_free(p->an);
	for (int k = 0; k < 2; k++) {
		uplift_analysis_free(p->period_an[k]);
		uplift_suff_free(p->period_suff[k]);
	}
	uplift_suff_free(p->suff);
	uplift_data_free(p->data);
	uplift_experiment_free(p->exp);
	free(p);
}

/* experiment.ini's path and the experiment's default name, from the options. */
static void experiment_path(const struct uplift_pipeline_options *opt, char *path, size_t size,
			    char *name, size_t name_size)
{
	if (opt->dir) {
		snprintf(path, size, "%s/experiment.ini", opt->dir);
		uplift_pipeline_dir_name(opt->dir, name, name_size);
	} else {
		/* a statistics file without DIR: the experiment.ini beside it */
		const char *slash = strrchr(opt->stats, '/');
		int n = slash ? (int)(slash - opt->stats) : 1;
		snprintf(path, size, "%.*s/experiment.ini", n, slash ? opt->stats : ".");
		snprintf(name, name_size, "%.*s", n, slash ? opt->stats : ".");
		uplift_pipeline_dir_name(name, name, name_size);
	}
}

/*
 * The metrics asked for and the --decide metric, which may name [metric]
 * sections of experiment.ini; --cap's cap on every mean metric without a
 * cap of its own. Without --metrics, the default metrics and every
 * [metric] section.
 */
static enum uplift_status resolve_metrics(const struct uplift_pipeline_options *opt,
					  struct uplift_pipeline *p, const char *path,
					  struct uplift_error *err)
{
	struct uplift_metric_set *set = &p->exp->metrics;
	char bad[80];
	int m;

	p->metrics = opt->metrics;
	p->decide = opt->decide;
	if (opt->metric_names &&
	    !uplift_metric_parse_list(set, opt->metric_names, &p->metrics, bad, sizeof(bad)))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"unknown metric '%s' (conversion, repurchase, revenue, "
					"orders, discount, aov, amount, redemption, profit, or a "
					"[metric NAME] section of %s)",
					bad, path);
	if (opt->decide_name) {
		if ((m = uplift_metric_parse(set, opt->decide_name)) < 0)
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"unknown --decide metric '%s' (a built-in metric or "
						"a [metric NAME] section of %s)",
						opt->decide_name, path);
		p->decide = (enum uplift_metric)m;
	}
	if (!opt->metric_names && opt->metrics == UPLIFT_DEFAULT_METRICS)
		p->metrics |= uplift_metric_user_mask(set);
	if (opt->cap.kind != UPLIFT_CAP_NONE && opt->stats)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--cap with --stats: a statistics file holds sums, and a "
					"cap is applied to each user's value when they are "
					"aggregated (give the cap in a [metric] section)");
	if (opt->cap.kind != UPLIFT_CAP_NONE && !uplift_metric_set_cap_all(set, opt->cap))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--cap: more capped metrics than uplift has room for "
					"(%d metrics in all)",
					UPLIFT_N_METRICS);
	if (!uplift_metric_set_twins(set))
		return uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
					"more metrics than uplift has room for (%d in all, with "
					"the uncapped twin of each capped one)",
					UPLIFT_N_METRICS);
	/* a capped metric brings its uncapped twin */
	for (size_t k = 0; k < set->n; k++)
		if ((p->metrics & UPLIFT_METRIC_BIT(k)) && set->def[k].uncapped < UPLIFT_N_METRICS)
			p->metrics |= UPLIFT_METRIC_BIT(set->def[k].uncapped);
	return UPLIFT_OK;
}

/*
 * post_days: the same comparisons over the post period and over window +
 * post (net), overall, with the window's options (uplift_suff_from_period).
 */
static enum uplift_status analyze_post(struct uplift_pipeline *p, struct uplift_error *err)
{
	static const enum uplift_period periods[2] = {UPLIFT_POST, UPLIFT_NET};

	for (int k = 0; k < 2; k++) {
		struct uplift_analysis_options aopt = p->an->opt;
		if (!(p->period_suff[k] = uplift_suff_from_period(p->data, p->suff, periods[k])))
			return nomem(err);
		uplift_suff_derive(p->period_suff[k],
				   p->exp->has_economics ? p->exp->gross_margin : 0);
		aopt.cuped = false; /* the pre-period is the window's */
		if (!(p->period_an[k] =
			  uplift_analysis_run(p->period_suff[k], p->exp->control, p->weights, &aopt)))
			return nomem(err);
	}
	p->result.post = p->period_an[0];
	p->result.net = p->period_an[1];
	return UPLIFT_OK;
}

/* The arms' weights, the options and the analysis of p->suff, into p. */
static enum uplift_status analyze_suff(const struct uplift_pipeline_options *opt,
				       struct uplift_pipeline *p, struct uplift_error *err)
{
	struct uplift_analysis_options aopt = {0};

	if (!(p->weights = calloc(p->exp->n_arms, sizeof(*p->weights))))
		return nomem(err);
	for (size_t i = 0; i < p->exp->n_arms; i++)
		p->weights[i] = p->exp->arms[i].weight;
	aopt.alpha = opt->alpha > 0 ? opt->alpha : p->exp->alpha;
	aopt.correction = opt->correction;
	aopt.metrics = p->metrics;
	aopt.decide = p->decide;
	aopt.cuped = opt->cuped;
	aopt.sequential = opt->sequential;
	aopt.expected_users = opt->expected_users;
	aopt.gross_margin = p->exp->has_economics ? p->exp->gross_margin : 0;
	aopt.decision = p->exp->decision; /* [decision]: the metric and the guardrails */
	if (!(p->an = uplift_analysis_run(p->suff, p->exp->control, p->weights, &aopt)))
		return nomem(err);
	if (p->an->metrics == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"none of the metrics asked for is in the data");
	return UPLIFT_OK;
}

/*
 * The metric the plans are valued on: the decision metric when it is in the
 * data and per user (a rate or a mean), else --decide (the metric of the
 * best rows), else none (UPLIFT_N_METRICS).
 */
static enum uplift_metric plan_metric(const struct uplift_pipeline_options *opt,
				      const struct uplift_pipeline *p)
{
	enum uplift_metric m = p->an->decision.metric;

	if ((p->suff->metrics & UPLIFT_METRIC_BIT(m)) && uplift_metric_kind(p->suff->set, m) != UPLIFT_RATIO)
		return m;
	return (p->suff->metrics & UPLIFT_METRIC_BIT(p->decide)) ? p->decide : UPLIFT_N_METRICS;
}

/*
 * Per --by column, the targeting plan; then the decision's targeting: the
 * column whose plan on the decision metric gains over the best single arm
 * with an interval above 0 (the largest gain of several), else -1.
 */
static enum uplift_status plan(const struct uplift_pipeline_options *opt, struct uplift_pipeline *p,
			       struct uplift_error *err)
{
	enum uplift_metric m = plan_metric(opt, p);
	double top = -INFINITY;

	if (opt->n_by == 0 || m == UPLIFT_N_METRICS)
		return UPLIFT_OK;
	if (!(p->plans = calloc(opt->n_by, sizeof(*p->plans))))
		return nomem(err);
	for (p->n_plans = 0; p->n_plans < opt->n_by; p->n_plans++) {
		const struct uplift_plan *pl;

		p->plans[p->n_plans] =
		    uplift_plan_compute(p->data, p->n_plans, m, p->an->opt.alpha, UPLIFT_PLAN_SEED);
		if (!(pl = p->plans[p->n_plans]))
			return nomem(err);
		if (m == p->an->decision.metric && pl->gain_lo > 0 && pl->gain > top) {
			top = pl->gain;
			p->an->decision.targeting = (long)p->n_plans;
		}
	}
	return UPLIFT_OK;
}

/*
 * The loader reports each file's bytes on its own; the caller hears of all
 * the files at once: done of total, total the sizes of the four files.
 */
struct progress {
	uplift_progress_fn *fn;
	void *ctx;
	uint64_t base, prev, prev_size, total;
};

/*
 * A new file began when the count went back or the file's size changed
 * (the count alone missed a file read in one block larger than the last
 * one). Two files of the same size, each read in one block, still look
 * like one.
 */
static void on_file_progress(void *ctx, uint64_t done, uint64_t size)
{
	struct progress *p = ctx;

	if (done < p->prev || (p->prev && size != p->prev_size))
		p->base += p->prev;
	p->prev = done;
	p->prev_size = size;
	p->fn(p->ctx, p->base + done, p->total);
}

static uint64_t file_size(const char *dir, const char *name)
{
	char path[4096];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &sb) == 0 ? (uint64_t)sb.st_size : 0;
}

/* The folder's files into p->data, with the problems and progress asked for. */
static enum uplift_status load(const struct uplift_pipeline_options *opt, struct uplift_pipeline *p,
			       struct uplift_error *err)
{
	struct uplift_load_options lopt = {0};
	struct progress prog = {opt->progress, opt->progress_ctx, 0, 0, 0, 0};
	bool columns = false;

	lopt.encoding = opt->encoding;
	lopt.by = opt->by;
	lopt.n_by = opt->n_by;
	lopt.dedupe = opt->dedupe;
	lopt.problems = opt->problems;
	lopt.check_all_utf8 = opt->check_all_utf8;
	if (opt->progress) {
		static const char *const files[] = {"assignments.csv", "orders.csv", "outcomes.csv",
						    "history.csv"};
		for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
			prog.total += file_size(opt->dir, files[i]);
		lopt.progress = on_file_progress;
		lopt.progress_ctx = &prog;
	}
	if (!(p->data = uplift_data_load(p->exp, opt->dir, &lopt, err)))
		return err->status;
	/* a [metric] with a covariate column needs no history.csv */
	for (size_t m = UPLIFT_N_BUILTIN; m < p->exp->metrics.n; m++)
		columns |= (p->metrics & UPLIFT_METRIC_BIT(m)) && p->exp->metrics.def[m].covariate[0];
	if (opt->cuped && !p->data->has_history && !columns)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, "history.csv", 0, NULL,
		    "cannot open: No such file or directory (--cuped adjusts by "
		    "the orders before the test, or by a [metric]'s covariate column)");
	if (opt->cuped && !p->exp->has_window && p->data->has_history)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, "experiment.ini", 0, NULL,
		    "--cuped needs the outcome window: [experiment] has no 'start' and 'end' (the "
		    "history window before the test is as long as the outcome window)");
	return UPLIFT_OK;
}

/*
 * --control ARM: the experiment's control becomes ARM, its index and its
 * name, so that every stage and writer after this one sees one control.
 */
static enum uplift_status set_control(struct uplift_experiment *exp, const char *arm,
				      struct uplift_error *err)
{
	long c = uplift_experiment_find_arm(exp, arm, strlen(arm));
	char arms[300], *name;

	if (c < 0)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "--control: '%s' is not an arm of experiment.ini (the arms: %s)", arm,
		    uplift_experiment_arm_list(exp, arms, sizeof(arms)));
	if (!(name = strdup(arm)))
		return nomem(err);
	free(exp->control_name);
	exp->control_name = name;
	exp->control = (size_t)c;
	return UPLIFT_OK;
}

/* The stages in order into p, as far as opt->until. */
static enum uplift_status run(const struct uplift_pipeline_options *opt, struct uplift_pipeline *p,
			      struct uplift_error *err)
{
	char path[4096], name[256];
	enum uplift_status st;

	experiment_path(opt, path, sizeof(path), name, sizeof(name));
	if (!(p->exp = uplift_experiment_load_opt(
		  path, name, &(struct uplift_experiment_options){opt->encoding}, err)))
		return err->status;
	if (opt->control && (st = set_control(p->exp, opt->control, err)))
		return st;
	if ((st = resolve_metrics(opt, p, path, err)))
		return st;
	p->result.exp = p->exp;
	if (opt->stats) {
		if (opt->until == UPLIFT_UNTIL_DATA)
			return UPLIFT_OK;
		p->suff =
		    uplift_suff_io_read(opt->stats, p->exp, opt->by, opt->n_by, opt->encoding, err);
		if (!p->suff)
			return err->status;
	} else {
		if ((st = load(opt, p, err)))
			return st;
		/* what the writers show of the files: the counts of rows, and
		 * the order values (per order: no sum over users holds them) */
		p->result.counts = &p->data->counts;
		p->result.basket = p->data->from_outcomes ? NULL : p->data->basket_hist;
		if (opt->until == UPLIFT_UNTIL_DATA)
			return UPLIFT_OK;
		if (!(p->suff = uplift_suff_from_data(p->data)))
			return nomem(err);
	}
	uplift_suff_derive(p->suff, p->exp->has_economics ? p->exp->gross_margin : 0);
	p->result.daily = p->suff->daily; /* NULL from a statistics file */
	if (opt->until == UPLIFT_UNTIL_SUFF)
		return UPLIFT_OK;
	if ((st = analyze_suff(opt, p, err)))
		return st;
	if (p->data && p->data->post_of && (st = analyze_post(p, err)))
		return st;
	/* the checks of the data, after those of the statistics (uplift_checks.h) */
	if (p->data && !uplift_checks_add_findings(p->an, p->exp, &p->data->findings))
		return nomem(err);
	p->result.an = p->an;
	if (p->data && (st = plan(opt, p, err)))
		return st;
	p->result.plans = p->plans;
	p->result.n_plans = p->n_plans;
	return UPLIFT_OK;
}

enum uplift_status uplift_pipeline_run(const struct uplift_pipeline_options *opt,
				       struct uplift_pipeline **out, struct uplift_error *err)
{
	struct uplift_pipeline *p;
	enum uplift_status st;

	uplift_stats_init();
	*out = NULL;
	if (!opt->dir && !opt->stats)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"no experiment folder and no statistics file");
	if (!(p = calloc(1, sizeof(*p))))
		return nomem(err);
	if ((st = run(opt, p, err))) {
		uplift_pipeline_free(p);
		return st;
	}
	*out = p;
	return UPLIFT_OK;
}
