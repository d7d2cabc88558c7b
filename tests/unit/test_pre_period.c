/*
 * test_pre_period.c - the pre_period check (pre_period.c): the planted
 * fixture (tests/fixtures/pre_period: 8折券's users bought about three
 * times as often as the others in the 7 days before the test) flags 8折券
 * on every metric history gives, with the numbers of statsmodels and
 * scipy, and nothing for 满80减15; the check follows an srm check already
 * there; clean seeded folders (uplift simulate, with history) and a folder
 * without history give none; the writers word it (JSON, table, CSV).
 */
#define _GNU_SOURCE /* open_memstream, mkdtemp */
#include "testutil.h"
#include "uplift.h"
#include "uplift_pipeline.h"
#include "uplift_simulate.h"

#include <jansson.h>

static struct uplift_pipeline *run(const char *dir)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *p = NULL;
	struct uplift_error err;

	uplift_error_clear(&err);
	uplift_pipeline_defaults(&opt);
	opt.dir = dir;
	if (uplift_pipeline_run(&opt, &p, &err) != UPLIFT_OK)
		print_error("%s: %s\n", dir, err.message);
	assert_non_null(p);
	return p;
}

/* Remove what uplift simulate wrote into dir, and dir. */
static void remove_sim(const char *dir)
{
	static const char *const files[] = {"experiment.ini", "assignments.csv", "orders.csv",
					    "history.csv"};
	char path[128];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static size_t count_pre(const struct uplift_analysis *an)
{
	size_t n = 0;

	for (size_t i = 0; i < an->n_checks; i++)
		n += an->checks[i].code == UPLIFT_CHECK_PRE_PERIOD;
	return n;
}

/*
 * /usr/bin/python3 tests/reference/pre_period.py tests/fixtures/pre_period ->
 * 8折券 conversion diff 0.37333333333333341 lo 0.26516183386515929 hi 0.46891606861906959
 *   p 4.6412089259078773e-11 p_adjusted 3.7129671407263018e-10 FLAGGED
 * 8折券 repurchase diff 0.17333333333333334 lo 0.093139966357802847 hi 0.25347385236138881
 *   p 3.0974393322415516e-05 p_adjusted 0.00015487196661207757 FLAGGED
 * 8折券 revenue diff 37.596800000000002 lo 25.326842841602272 hi 49.866757158397746
 *   p 6.1605180698092485e-09 p_adjusted 3.6963108418855489e-08 FLAGGED
 * 8折券 orders diff 0.69333333333333336 lo 0.48700655228808698 hi 0.89966011437857973
 *   p 2.5103775205713103e-10 p_adjusted 1.7572642643999171e-09 FLAGGED
 * 满80减15 conversion ... p 0.34626659189795261 p_adjusted 1
 * 满80减15 repurchase ... p 0.10051817320746463 p_adjusted 0.40207269282985852
 * 满80减15 revenue ... p 0.57717749966763565 p_adjusted 1
 * 满80减15 orders diff 0 ... p 1 p_adjusted 1
 * (pooled z-test and Newcombe for rates, Welch for means, Holm over all 8)
 */
static const struct {
	enum uplift_metric metric;
	double diff, lo, hi, p, p_adjusted;
} want[] = {
    {UPLIFT_CONVERSION, 0.37333333333333341, 0.26516183386515929, 0.46891606861906959,
     4.6412089259078773e-11, 3.7129671407263018e-10},
    {UPLIFT_REPURCHASE, 0.17333333333333334, 0.093139966357802847, 0.25347385236138881,
     3.0974393322415516e-05, 0.00015487196661207757},
    {UPLIFT_REVENUE, 37.596800000000002, 25.326842841602272, 49.866757158397746,
     6.1605180698092485e-09, 3.6963108418855489e-08},
    {UPLIFT_ORDERS, 0.69333333333333336, 0.48700655228808698, 0.89966011437857973,
     2.5103775205713103e-10, 1.7572642643999171e-09},
};

static void check_planted(const struct uplift_analysis *an, size_t first)
{
	assert_int_equal(count_pre(an), 4);
	for (size_t i = 0; i < 4; i++) {
		const struct uplift_check *k = &an->checks[first + i];
		assert_int_equal(k->code, UPLIFT_CHECK_PRE_PERIOD);
		assert_int_equal(k->severity, UPLIFT_CHECK_WARNING);
		assert_int_equal(k->column, -1);
		assert_int_equal(k->arm, 1); /* 8折券 */
		assert_int_equal(k->metric, want[i].metric);
		assert_close(k->diff, want[i].diff, 1e-12);
		assert_close(k->diff_lo, want[i].lo, 1e-9);
		assert_close(k->diff_hi, want[i].hi, 1e-9);
		assert_close(k->p, want[i].p, 1e-6);
		assert_close(k->p_adjusted, want[i].p_adjusted, 1e-6);
	}
}

static void planted(void **state)
{
	struct uplift_pipeline *p = run("tests/fixtures/pre_period");

	assert_false(p->an->srm.mismatch);
	assert_int_equal(p->an->n_checks, 4);
	check_planted(p->an, 0);
	uplift_pipeline_free(p);
}

/* After an srm check (weights 5:1:1 for users split 1:1:1): appended behind it. */
static void after_srm(void **state)
{
	struct uplift_pipeline *p = run("tests/fixtures/pre_period");
	struct uplift_analysis_options aopt = p->an->opt;
	struct uplift_analysis *a =
	    uplift_analysis_run(p->suff, p->exp->control, (const double[]){5, 1, 1}, &aopt);

	assert_non_null(a);
	assert_int_equal(a->n_checks, 5);
	assert_int_equal(a->checks[0].code, UPLIFT_CHECK_SRM);
	check_planted(a, 1);
	uplift_analysis_free(a);
	uplift_pipeline_free(p);
}

/* Only asked-for metrics are compared: --metrics revenue gives the revenue check alone, Holm
 * over the two arms' revenue (p 6.16e-09 x 2). */
static void asked_metrics(void **state)
{
	struct uplift_pipeline *p = run("tests/fixtures/pre_period");
	struct uplift_analysis_options aopt = p->an->opt;
	struct uplift_analysis *a;

	aopt.metrics = UPLIFT_METRIC_BIT(UPLIFT_REVENUE);
	a = uplift_analysis_run(p->suff, p->exp->control, p->weights, &aopt);
	assert_non_null(a);
	assert_int_equal(a->n_checks, 1);
	assert_int_equal(a->checks[0].metric, UPLIFT_REVENUE);
	/* Holm over 2: min(1, 2 p); /usr/bin/python3 -c "print(2*6.1605180698092485e-09)" */
	assert_close(a->checks[0].p_adjusted, 1.2321036139618497e-08, 1e-6);
	uplift_analysis_free(a);
	uplift_pipeline_free(p);
}

/* 100 clean seeded folders with history (every third an A/A test): no pre_period check. */
static void clean_seeded(void **state)
{
	const char *dir = temp_dir();

	for (uint64_t seed = 1; seed <= 100; seed++) {
		struct uplift_simulate_options opt;
		struct uplift_error err;
		struct uplift_pipeline *p;

		uplift_simulate_defaults(&opt);
		opt.users = 3000;
		opt.seed = seed;
		if (seed % 3 == 0)
			opt.rate_8 = opt.rate_80 = 1;
		uplift_error_clear(&err);
		assert_int_equal(uplift_simulate(dir, &opt, &err), UPLIFT_OK);
		p = run(dir);
		assert_true(p->data->has_history);
		if (count_pre(p->an) != 0)
			print_error("seed %llu: a pre_period check\n", (unsigned long long)seed);
		assert_int_equal(count_pre(p->an), 0);
		uplift_pipeline_free(p);
	}
	remove_sim(dir);
}

/* Without history.csv there is nothing before the test: no check, whatever the arms. */
static void no_history(void **state)
{
	const char *dir = temp_dir();
	struct uplift_simulate_options opt;
	struct uplift_error err;
	struct uplift_pipeline *p;

	uplift_simulate_defaults(&opt);
	opt.users = 3000;
	opt.history = false;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &opt, &err), UPLIFT_OK);
	p = run(dir);
	assert_false(p->data->has_history);
	assert_int_equal(count_pre(p->an), 0);
	uplift_pipeline_free(p);
	remove_sim(dir);
}

static char *written(const struct uplift_result *r, enum uplift_format fmt)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	struct uplift_error err;

	assert_non_null(fp);
	uplift_error_clear(&err);
	assert_int_equal(uplift_format_write(fp, fmt, r, &err), UPLIFT_OK);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

/* The JSON's check objects and warnings, the table's and the CSV's warning lines. */
static void writers(void **state)
{
	struct uplift_pipeline *p = run("tests/fixtures/pre_period");
	char *s = written(&p->result, UPLIFT_FMT_JSON);
	json_error_t jerr;
	json_t *j = json_loads(s, 0, &jerr), *k;
	const char *sentence =
	    "before the test began, 8折券 and control already differed on revenue "
	    "(history over the pre-period of the window's length: +37.60 "
	    "[+25.33, +49.87], Holm-adjusted p 3.7e-08)";

	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "checks")), 4);
	assert_int_equal(json_array_size(json_object_get(j, "warnings")), 4);
	k = json_array_get(json_object_get(j, "checks"), 2);
	assert_string_equal(json_string_value(json_object_get(k, "code")), "pre_period");
	assert_string_equal(json_string_value(json_object_get(k, "arm")), "8折券");
	assert_string_equal(json_string_value(json_object_get(k, "metric")), "revenue");
	assert_close(json_real_value(json_object_get(k, "diff")), want[2].diff, 1e-12);
	assert_close(json_real_value(json_object_get(k, "diff_ci_low")), want[2].lo, 1e-9);
	assert_close(json_real_value(json_object_get(k, "diff_ci_high")), want[2].hi, 1e-9);
	assert_close(json_real_value(json_object_get(k, "p_value")), want[2].p, 1e-6);
	assert_close(json_real_value(json_object_get(k, "p_adjusted")), want[2].p_adjusted, 1e-6);
	assert_non_null(strstr(json_string_value(json_object_get(k, "message")), sentence));
	json_decref(j);
	free(s);

	s = written(&p->result, UPLIFT_FMT_TABLE);
	assert_non_null(strstr(s, "WARNING: "));
	assert_non_null(strstr(s, sentence));
	assert_non_null(strstr(s, "+37.33 pp [+26.52, +46.89]")); /* conversion, in points */
	free(s);
	s = written(&p->result, UPLIFT_FMT_CSV);
	assert_int_equal(strncmp(s, "# WARNING: before the test began, 8折券", 40), 0);
	assert_non_null(strstr(s, sentence));
	free(s);
	uplift_pipeline_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(planted),       cmocka_unit_test(after_srm),
	    cmocka_unit_test(asked_metrics), cmocka_unit_test(clean_seeded),
	    cmocka_unit_test(no_history),    cmocka_unit_test(writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
