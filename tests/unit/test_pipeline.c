/*
 * test_pipeline.c - uplift_pipeline_run: a folder or a statistics file to
 * a result, each stop (data, sums, analysis), the plans, the progress
 * callback, the errors of the pipeline's own, --control, [decision] passed
 * on, and GSL's handler turned off by the library without the caller asking.
 */
#include "stats_fixture.h"
#include "testutil.h"
#include "uplift.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_log.h>
#include <sys/stat.h>

#define SMALL "tests/fixtures/small"

static const struct uplift_comparison *find(const struct uplift_analysis *an, long column,
					    enum uplift_metric m)
{
	for (size_t i = 0; i < an->n_cmp; i++)
		if (an->cmp[i].column == column && an->cmp[i].value == 0 && an->cmp[i].metric == m)
			return &an->cmp[i];
	fail();
	return NULL;
}

/* Runs first, in a process that has not called into the library yet. */
static void gsl_handler_off_without_init(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p = (struct uplift_pipeline *)1;
	struct uplift_error err;

	/* GSL's default: no handler, which makes gsl_error abort */
	assert_null(gsl_set_error_handler(NULL));
	uplift_pipeline_defaults(&opt);
	opt.dir = "/nonexistent/uplift";
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_null(p);
	/* the library set a handler that returns instead of aborting */
	assert_non_null(gsl_set_error_handler_off());
	/* a domain error now comes back as NaN (it aborted under the default) */
	assert_true(isnan(gsl_sf_log(-1.0)));
}

/* Every expected number: /usr/bin/python3 tests/reference/small_experiment.py */
static void folder_to_analysis(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const struct uplift_comparison *c;

	uplift_pipeline_defaults(&opt);
	opt.dir = SMALL;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_non_null(p->exp);
	assert_non_null(p->data);
	assert_non_null(p->suff);
	assert_non_null(p->an);
	assert_ptr_equal(p->result.exp, p->exp);
	/* the writers' inputs: the loader's counts and basket, the fold's daily counts */
	assert_ptr_equal(p->result.counts, &p->data->counts);
	assert_ptr_equal(p->result.basket, p->data->basket_hist);
	assert_non_null(p->result.daily);
	assert_ptr_equal(p->result.daily, p->suff->daily);
	assert_ptr_equal(p->result.an, p->an);
	assert_int_equal(p->n_plans, 0); /* no --by, no plans */
	/* the experiment's alpha (none in experiment.ini: 0.05) and its economics */
	assert_close(p->an->opt.alpha, 0.05, 0);
	assert_close(p->an->opt.gross_margin, 0.6, 0);
	assert_int_equal(p->an->metrics, UPLIFT_DEFAULT_METRICS);
	/* conversion 4/5 vs 3/6, Newcombe's interval and the pooled z-test */
	c = find(p->an, -1, UPLIFT_CONVERSION);
	assert_close(c->control, 0.5, 1e-12);
	assert_close(c->treatment, 0.8, 1e-12);
	assert_close(c->diff_lo, -0.22702411947308243, 1e-9);
	assert_close(c->diff_hi, 0.6527125097991044, 1e-9);
	assert_close(c->p, 0.30305232949008276, 1e-9);
	/* revenue: Welch */
	c = find(p->an, -1, UPLIFT_REVENUE);
	assert_close(c->diff_lo, -20.131450807125773, 1e-7);
	assert_close(c->p, 0.5613631968029111, 1e-7);
	/* chisquare([6, 5], f_exp=[5.5, 5.5]) */
	assert_close(p->an->srm.p, 0.763024600552995, 1e-9);
	uplift_pipeline_free(p);
}

static void options_reach_the_analysis(void **state)
{
	static const char *const by[] = {"tier"};
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;

	uplift_pipeline_defaults(&opt);
	opt.dir = SMALL;
	opt.by = by;
	opt.n_by = 1;
	opt.alpha = 0.1;
	opt.metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_REVENUE);
	opt.correction = UPLIFT_BH;
	opt.sequential = true;
	opt.expected_users = 100;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_close(p->an->opt.alpha, 0.1, 0);
	assert_int_equal(p->an->opt.correction, UPLIFT_BH);
	assert_true(p->an->opt.sequential);
	assert_close(p->an->opt.expected_users, 100, 0);
	assert_int_equal(p->an->metrics, opt.metrics);
	assert_int_equal(p->suff->n_columns, 1);
	/* --by with revenue (the decide metric) in the data: one plan per column */
	assert_int_equal(p->n_plans, 1);
	assert_non_null(p->plans[0]);
	assert_ptr_equal(p->result.plans, p->plans);
	assert_int_equal(p->result.n_plans, 1);
	uplift_pipeline_free(p);
}

static void stops_early(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;

	uplift_pipeline_defaults(&opt);
	opt.dir = SMALL;
	opt.until = UPLIFT_UNTIL_DATA;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_non_null(p->data);
	/* wc -l tests/fixtures/small/assignments.csv: a header and 12 rows, 11 users */
	assert_int_equal(p->data->n_users, 11);
	assert_null(p->suff);
	assert_null(p->an);
	uplift_pipeline_free(p);

	opt.until = UPLIFT_UNTIL_SUFF;
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_non_null(p->suff);
	assert_close(uplift_suff_cell(p->suff, -1, 0, 0, UPLIFT_CONVERSION)->n, 6, 0);
	assert_close(uplift_suff_cell(p->suff, -1, 0, 1, UPLIFT_CONVERSION)->n, 5, 0);
	assert_null(p->an);
	uplift_pipeline_free(p);
}

/* The sums of the folder, written and read back beside a copy of experiment.ini. */
static void statistics_file(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	char path[256], ini[256];
	const char *dir = temp_dir();

	stats_file(SMALL, dir, path, sizeof(path));
	snprintf(ini, sizeof(ini), "%s/experiment.ini", dir);
	uplift_error_clear(&err);

	/* no folder: experiment.ini is the one beside the statistics file */
	uplift_pipeline_defaults(&opt);
	opt.stats = path;
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_null(p->data);
	assert_null(p->result.counts);
	assert_null(p->result.basket);
	assert_null(p->result.daily);
	assert_int_equal(p->n_plans, 0);
	/* the same numbers as the raw folder (small_experiment.py) */
	assert_close(find(p->an, -1, UPLIFT_CONVERSION)->diff_lo, -0.22702411947308243, 1e-9);
	assert_close(find(p->an, -1, UPLIFT_REVENUE)->p, 0.5613631968029111, 1e-7);
	uplift_pipeline_free(p);

	remove(path);
	remove(ini);
	rmdir(dir);
}

struct seen {
	uint64_t calls, last, total;
	bool backwards;
};

static void count_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct seen *s = ctx;

	s->backwards |= done < s->last;
	s->calls++;
	s->last = done;
	s->total = total;
}

static void progress_of_all_files(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	struct seen s = {0};

	uplift_pipeline_defaults(&opt);
	opt.dir = SMALL;
	opt.progress = count_progress;
	opt.progress_ctx = &s;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	/* wc -c tests/fixtures/small/assignments.csv tests/fixtures/small/orders.csv */
	assert_true(s.calls >= 2);
	assert_false(s.backwards);
	assert_int_equal(s.total, 283 + 463);
	assert_int_equal(s.last, 283 + 463);
	uplift_pipeline_free(p);
}

static void errors(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p = (struct uplift_pipeline *)1;
	struct uplift_error err;

	/* neither a folder nor a statistics file */
	uplift_pipeline_defaults(&opt);
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_null(p);

	/* a folder without experiment.ini */
	opt.dir = "/nonexistent/uplift";
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_string_equal(err.file, "experiment.ini");

	/* --cuped without history.csv */
	opt.dir = SMALL;
	opt.cuped = true;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_null(p);
	assert_string_equal(err.file, "history.csv");
	assert_non_null(strstr(err.message, "--cuped adjusts by the orders before the test"));

	/* no metric asked for that the data has */
	opt.cuped = false;
	opt.metrics = 0;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_string_equal(err.message, "none of the metrics asked for is in the data");
	uplift_pipeline_free(NULL); /* a no-op */
}

static void problems_collected(void **state)
{
	struct uplift_problems pr = {.max = 10};
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256], cmd[600];

	snprintf(cmd, sizeof(cmd), "cp %s/experiment.ini %s/assignments.csv %s", SMALL, SMALL, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	write_file(path, "user_id,order_time,amount\nc1,2026-11-16,12\nc2,2026-11-17,x\n"
			 "c3,2026-11-18,-1\n");
	uplift_pipeline_defaults(&opt);
	opt.dir = dir;
	opt.problems = &pr;
	opt.until = UPLIFT_UNTIL_DATA;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_int_equal(pr.total, 2);
	assert_non_null(strstr(pr.line[0], "orders.csv:3"));
	assert_non_null(strstr(pr.line[1], "orders.csv:4"));
	uplift_pipeline_free(p);
	uplift_problems_release(&pr);
	snprintf(cmd, sizeof(cmd), "rm -r %s", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * --control 8折券 on the small fixture: control's conversion 3/6 is now
 * the treatment, 8折券's 4/5 the control; the experiment names 8折券 as
 * its control, for every writer. The numbers:
 *   /usr/bin/python3 -c "from statsmodels.stats.proportion import
 *     confint_proportions_2indep as c, proportions_ztest as z;
 *     print(c(3, 6, 4, 5, method='newcomb', compare='diff'), z([3, 4], [6, 5]))"
 *   -> (-0.6527125097991044, 0.22702411947308243) (-1.0299098434883929, 0.30305232949008276)
 */
static void control_option(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const struct uplift_comparison *c;
	char buf[600];

	uplift_pipeline_defaults(&opt);
	opt.dir = SMALL;
	opt.control = "8折券";
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_int_equal(p->an->control, 1);
	assert_int_equal(p->exp->control, 1);
	assert_string_equal(p->exp->control_name, "8折券");
	c = find(p->an, -1, UPLIFT_CONVERSION);
	assert_int_equal(c->arm, 0);
	assert_close(c->control, 0.8, 1e-12);
	assert_close(c->treatment, 0.5, 1e-12);
	assert_close(c->diff_lo, -0.6527125097991044, 1e-9);
	assert_close(c->diff_hi, 0.22702411947308243, 1e-9);
	assert_close(c->p, 0.30305232949008276, 1e-9);
	uplift_pipeline_free(p);

	/* an arm experiment.ini does not define: an input error listing the arms */
	opt.control = "对照组";
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_EINPUT);
	assert_null(p);
	assert_string_equal(
	    uplift_error_format(&err, buf, sizeof(buf)),
	    "--control: '对照组' is not an arm of experiment.ini (the arms: control, "
	    "8折券)");
}

/* [decision] of experiment.ini reaches the analysis' options */
static void decision_reaches_the_analysis(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256], cmd[600];
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "cp %s/experiment.ini %s/assignments.csv %s/orders.csv %s",
		 SMALL, SMALL, SMALL, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	assert_non_null(fp = fopen(path, "a"));
	fputs("[decision]\nmetric = conversion\nguardrails = aov -5%, revenue 0\n", fp);
	assert_int_equal(fclose(fp), 0);
	uplift_pipeline_defaults(&opt);
	opt.dir = dir;
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_true(p->an->opt.decision.has_metric);
	assert_int_equal(p->an->opt.decision.metric, UPLIFT_CONVERSION);
	assert_int_equal(p->an->opt.decision.n_guardrails, 2);
	assert_int_equal(p->an->opt.decision.guardrails[0].metric, UPLIFT_AOV);
	assert_close(p->an->opt.decision.guardrails[0].margin, -0.05, 1e-15);
	assert_int_equal(p->an->opt.decision.guardrails[1].metric, UPLIFT_REVENUE);
	uplift_pipeline_free(p);
	snprintf(cmd, sizeof(cmd), "rm -r %s", dir);
	assert_int_equal(system(cmd), 0);
}

static void dir_name(void **state)
{
	char buf[64];

	uplift_pipeline_dir_name("experiments/coffee-w47/", buf, sizeof(buf));
	assert_string_equal(buf, "coffee-w47");
	uplift_pipeline_dir_name("coffee", buf, sizeof(buf));
	assert_string_equal(buf, "coffee");
	/* nothing to name the root by (report's pack name resolves such folders itself) */
	uplift_pipeline_dir_name("/", buf, sizeof(buf));
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(gsl_handler_off_without_init), /* first: before any other call */
	    cmocka_unit_test(folder_to_analysis),
	    cmocka_unit_test(options_reach_the_analysis),
	    cmocka_unit_test(stops_early),
	    cmocka_unit_test(statistics_file),
	    cmocka_unit_test(progress_of_all_files),
	    cmocka_unit_test(errors),
	    cmocka_unit_test(problems_collected),
	    cmocka_unit_test(dir_name),
	    cmocka_unit_test(control_option),
	    cmocka_unit_test(decision_reaches_the_analysis),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
