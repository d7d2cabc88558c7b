/*
 * test_charts.c - the review pack's charts and report.md through the
 * library, on a copy of tests/fixtures/small with a hostile arm name:
 * issue 13, finding 1 (names from the data never become gnuplot code),
 * finding 7 (a chart with nothing to draw is skipped with a note) and
 * finding 10 (names are escaped in report.md).
 */
#include "capture.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_report.h"
#include "uplift_suff.h"

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
	r->an = uplift_analyze(r->suff, r->exp->control, w, &aopt);
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
	/* rates.dat starts a line with the name: # as \043 (else a comment), " \042, \ \\ */
	snprintf(path, sizeof(path), "%s/rates.dat", dir);
	s = slurp(path);
	assert_non_null(strstr(s, "\n\\043h\\042q\\\\b`id`'@x<b>|\t"));
	free(s);
	/* forest.dat: the name inside a label keeps its # but not its " or \ */
	snprintf(path, sizeof(path), "%s/forest.dat", dir);
	s = slurp(path);
	assert_non_null(strstr(s, "\t\\043h\\042q\\\\b`id`'@x<b>| · conversion\t"));
	free(s);

	/* the forest leaves out the discount row (a control of 0: no lift) and says so */
	assert_int_equal(charts.n_notes, 2);
	assert_string_equal(charts.note[0].name, "forest");
	assert_false(charts.note[0].skipped);
	assert_non_null(strstr(charts.note[0].text, "or a control value of 0): 1;"));
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
	assert_non_null(strstr(s, "| \\#h\"q\\\\b\\`id\\`'\\@x&lt;b&gt;\\| | 5 |\n"));
	assert_non_null(strstr(s, "from ``a`b``.\n"));
	free(s);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(names_are_data),
	};

	uplift_stats_init();
	return cmocka_run_group_tests_name("charts", tests, NULL, NULL);
}
