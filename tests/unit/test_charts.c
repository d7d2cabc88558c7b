/*
 * test_charts.c - the review pack's charts and report.md through the
 * library, on a copy of tests/fixtures/small with a hostile arm name:
 * issue 13, finding 1 (names from the data never become gnuplot code),
 * finding 7 (a chart with nothing to draw is skipped with a note) and
 * finding 10 (names are escaped in report.md); and every writer working
 * from a result without any struct uplift_data (a statistics file).
 */
#include "capture.h"
#include "stats_fixture.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_report.h"
#include "uplift_suff.h"

#include <jansson.h>

/* An arm name with everything gnuplot or Markdown could read as code. */
#define HOSTILE "#h\"q\\b`id`'@x<b>|"

struct run {
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an;
	struct uplift_result result;
};

/* Copy src to dst, every "8折券" made the hostile name (doubled quotes in the CSV). */
static void copy_renamed(const char *src, const char *dst, bool csv)
{
	char *s = slurp(src), *p = s;
	FILE *fp = fopen(dst, "wb");

	assert_non_null(fp);
	for (char *q; (q = strstr(p, "8折券")); p = q + strlen("8折券")) {
		fwrite(p, 1, (size_t)(q - p), fp);
		fputs(csv ? "\"#h\"\"q\\b`id`'@x<b>|\"" : HOSTILE, fp);
	}
	fputs(p, fp);
	assert_int_equal(fclose(fp), 0);
	free(s);
}

static void analyze(struct run *r, const char *dir, const char *const *by, size_t n_by)
{
	struct uplift_error err;
	struct uplift_load_options lopt = {.by = by, .n_by = n_by};
	struct uplift_analysis_options aopt = {.alpha = 0.05,
					       .correction = UPLIFT_HOLM,
					       .metrics = UPLIFT_DEFAULT_METRICS,
					       .gross_margin = 0.6};
	double w[] = {1, 1};
	char path[256];

	uplift_error_clear(&err);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	r->exp = uplift_experiment_load(path, "small", &err);
	assert_non_null(r->exp);
	r->data = uplift_data_load(r->exp, dir, &lopt, &err);
	assert_non_null(r->data);
	r->suff = uplift_suff_from_data(r->data);
	assert_non_null(r->suff);
	r->an = uplift_analysis_run(r->suff, r->exp->control, w, &aopt);
	assert_non_null(r->an);
	r->result = (struct uplift_result){.exp = r->exp,
					   .an = r->an,
					   .counts = &r->data->counts,
					   .basket = r->data->basket_hist,
					   .daily = r->suff->daily};
}

static void run_free(struct run *r)
{
	uplift_analysis_free(r->an);
	uplift_suff_free(r->suff);
	uplift_data_free(r->data);
	uplift_experiment_free(r->exp);
}

static const char *fixture(void)
{
	static char dir[80];
	char path[128];

	snprintf(dir, sizeof(dir), "%s", temp_dir());
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	copy_renamed("tests/fixtures/small/experiment.ini", path, false);
	snprintf(path, sizeof(path), "%s/assignments.csv", dir);
	copy_renamed("tests/fixtures/small/assignments.csv", path, true);
	snprintf(path, sizeof(path), "%s/orders.csv", dir);
	copy_renamed("tests/fixtures/small/orders.csv", path, true);
	return dir;
}

/* The hostile name is in no script, and in the data files encoded so gnuplot reads it back. */
static void names_are_data(void **state)
{
	static const char *const by[] = {"tier"};
	const char *dir = fixture();
	static const char *const names[] = {"forest", "rates", "daily", "basket"};
	struct uplift_chart_list charts;
	struct uplift_error err;
	struct run r;
	char path[160], *s;

	analyze(&r, dir, by, 1);
	uplift_error_clear(&err);
	assert_int_equal(uplift_charts_write(dir, &r.result, false, &charts, &err), UPLIFT_OK);
	assert_int_equal(charts.n, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(charts.chart[i].name, names[i]);
		snprintf(path, sizeof(path), "%s/%s.gp", dir, names[i]);
		s = slurp(path);
		assert_null(strstr(s, "h\"q"));
		assert_null(strstr(s, "`id`"));
		assert_null(strstr(s, "@x"));
		free(s);
	}
	/* rates.dat has the name in its header: # as \043 (a comment at a line's start), " \042, \ \\ */
	snprintf(path, sizeof(path), "%s/rates.dat", dir);
	s = slurp(path);
	assert_non_null(strstr(s, "\t\\043h\\042q\\\\b`id`'@x<b>|\tlow %"));
	free(s);
	/* forest.dat: the name inside a label keeps its # but not its " or \ */
	snprintf(path, sizeof(path), "%s/forest.dat", dir);
	s = slurp(path);
	assert_non_null(strstr(s, "\t\\043h\\042q\\\\b`id`'@x<b>| · conversion\t"));
	free(s);

	/* the forest leaves out the coupon cost (described, not tested) and says so */
	assert_int_equal(charts.n_notes, 2);
	assert_string_equal(charts.note[0].name, "forest");
	assert_false(charts.note[0].skipped);
	assert_non_null(strstr(charts.note[0].text, "Coupon cost is described, not tested"));
	/* every cell of tier has fewer than 30 users: its chart is skipped, with a note */
	assert_string_equal(charts.note[1].name, "segments-1");
	assert_true(charts.note[1].skipped);
	assert_non_null(strstr(charts.note[1].title, "by tier"));
	assert_non_null(strstr(charts.note[1].text, "Not drawn"));
	snprintf(path, sizeof(path), "%s/segments-1.gp", dir);
	assert_int_equal(access(path, F_OK), -1);

	/* report.md names the skipped chart and escapes the hostile name */
	{
		struct uplift_report_options opt = {.rendered = true, .source = "a`b"};
		assert_int_equal(uplift_report_write(dir, &r.result, &charts, &opt, &err),
				 UPLIFT_OK);
	}
	snprintf(path, sizeof(path), "%s/report.md", dir);
	s = slurp(path);
	assert_non_null(strstr(s, " by tier: change vs control, with 95% intervals\n\n"
				  "Not drawn: "));
	assert_non_null(strstr(s, "| \\#h\"q\\\\b\\`id\\`'\\@x&lt;b&gt;\\| | 5 | "));
	assert_non_null(strstr(s, "from ``a`b``.\n"));
	free(s);
	run_free(&r);
}

/* The charts of r into a new folder (its name returned), with their list. */
static const char *charts_of(const struct uplift_result *r, struct uplift_chart_list *charts)
{
	static char dir[2][64];
	static int k;
	struct uplift_error err;
	char *d = dir[k++ % 2];

	snprintf(d, sizeof(dir[0]), "%s", temp_dir());
	uplift_error_clear(&err);
	assert_int_equal(uplift_charts_write(d, r, false, charts, &err), UPLIFT_OK);
	return d;
}

static char *file_in(const char *dir, const char *name)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return slurp(path);
}

static void remove_dir(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/*
 * The writers take what they show from struct uplift_result alone: run
 * from a statistics file of tests/fixtures/small (uplift_pipeline_run, no
 * struct uplift_data at all), every writer works, shows the same estimates
 * as from the folder, and says what a statistics file cannot carry (the
 * row counts, the daily and basket charts). From the folder, daily.dat is
 * the fold's first purchases per day (see test_suff's hand count: control
 * 1, 1, 0, 0, 1 of 6 users, 8折券 2, 0, 1, 1 of 5).
 */
static void writers_without_data(void **state)
{
	struct uplift_pipeline_options opt;
	struct uplift_pipeline *raw, *p;
	struct uplift_chart_list from_raw, from_stats;
	struct uplift_report_options ropt = {.rendered = false};
	struct uplift_error err;
	const char *dir = temp_dir(), *raw_dir, *stats_dir;
	char path[256], *a, *b;
	struct capture c;
	json_t *j;

	uplift_pipeline_defaults(&opt);
	opt.dir = "tests/fixtures/small";
	uplift_error_clear(&err);
	assert_int_equal(uplift_pipeline_run(&opt, &raw, &err), UPLIFT_OK);
	stats_file("tests/fixtures/small", dir, path, sizeof(path));
	uplift_pipeline_defaults(&opt);
	opt.stats = path;
	assert_int_equal(uplift_pipeline_run(&opt, &p, &err), UPLIFT_OK);
	assert_null(p->data); /* no struct uplift_data at all (test_pipeline checks the rest) */

	/* the charts: the same forest and rates; daily and basket skipped, with why */
	raw_dir = charts_of(&raw->result, &from_raw);
	stats_dir = charts_of(&p->result, &from_stats);
	assert_int_equal(from_raw.n, 4);
	assert_int_equal(from_stats.n, 2);
	for (const char *const *f = (const char *const[]){"forest.dat", "rates.dat", NULL}; *f;
	     f++) {
		a = file_in(raw_dir, *f);
		b = file_in(stats_dir, *f);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	/* each value with its Wilson 95% interval, as statsmodels computes it:
	 * /usr/bin/python3 -c "from statsmodels.stats.proportion import proportion_confint as p;
	 *   [print(x, n, ['%.6f' % (100 * v) for v in p(x, n, alpha=0.05, method='wilson')])
	 *    for x, n in [(1,6),(2,6),(3,6),(2,5),(3,5),(4,5)]]"
	 * 1 6 3.005337 56.350282; 2 6 9.677141 70.000668; 3 6 18.761631 81.238369;
	 * 2 5 11.762077 76.927572; 3 5 23.072428 88.237923; 4 5 37.553463 96.377589 */
	a = file_in(raw_dir, "daily.dat");
	assert_non_null(strstr(a, "2026-11-16\t16.666667\t3.005337\t56.350282\t40.000000\t11.762077\t76.927572\n"
				  "2026-11-17\t33.333333\t9.677141\t70.000668\t40.000000\t11.762077\t76.927572\n"
				  "2026-11-18\t33.333333\t9.677141\t70.000668\t60.000000\t23.072428\t88.237923\n"
				  "2026-11-19\t33.333333\t9.677141\t70.000668\t80.000000\t37.553463\t96.377589\n"
				  "2026-11-20\t50.000000\t18.761631\t81.238369\t80.000000\t37.553463\t96.377589\n"));
	free(a);
	assert_int_equal(from_stats.n_notes, 3); /* the forest's, daily, basket */
	assert_string_equal(from_stats.note[1].name, "daily");
	assert_string_equal(from_stats.note[2].name, "basket");
	for (size_t i = 1; i < 3; i++) {
		assert_true(from_stats.note[i].skipped);
		assert_non_null(strstr(from_stats.note[i].text, "the input has no orders"));
	}
	/* report.md says so too */
	assert_int_equal(uplift_report_write(stats_dir, &p->result, &from_stats, &ropt, &err),
			 UPLIFT_OK);
	a = file_in(stats_dir, "report.md");
	assert_non_null(strstr(a, "Not drawn: the input has no orders"));
	free(a);

	/* text: the estimates as from the folder, without the line of row counts */
	assert_int_equal(uplift_format_write(capture_begin(&c), UPLIFT_FMT_TABLE, &p->result, &err),
			 UPLIFT_OK);
	capture_end(&c);
	b = c.buf;
	assert_int_equal(
	    uplift_format_write(capture_begin(&c), UPLIFT_FMT_TABLE, &raw->result, &err),
	    UPLIFT_OK);
	capture_end(&c);
	a = c.buf;
	assert_null(strstr(b, "orders read"));
	assert_non_null(strstr(a, "users 11 · orders read 14: 11 in window"));
	assert_string_equal(strstr(a, "\nArms"), strstr(b, "\nArms"));
	free(a);
	free(b);
	/* JSON: the users from the sums, the order counts null */
	assert_non_null(j = uplift_format_json(&p->result));
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "data"), "source")), "stats");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "data"), "users")),
			 11);
	assert_true(json_is_null(json_object_get(json_object_get(j, "data"), "orders_read")));
	json_decref(j);

	uplift_pipeline_free(p);
	uplift_pipeline_free(raw);
	remove_dir(raw_dir);
	remove_dir(stats_dir);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_are_data),
	    cmocka_unit_test(writers_without_data),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("charts", tests, NULL, NULL);
}
