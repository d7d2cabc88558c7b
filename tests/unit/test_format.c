/*
 * test_format.c - analyze's text, Markdown and CSV writers through the
 * library (uplift_format_write over format_text.c, format_segments.c,
 * format_csv.c), on tests/fixtures/small. The expected files are the CLI's
 * (tests/cli/expected/, made by `uplift analyze tests/fixtures/small`, with
 * `--by tier --format markdown`, and `--format csv --metrics
 * conversion,aov`): the library writes them byte for byte.
 */
#include "capture.h"
#include "uplift_analysis.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_plan.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

/* The pieces of one analysis of the small fixture, as `uplift analyze` builds them. */
struct fixture {
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_suff *suff;
	struct uplift_analysis *an;
	struct uplift_plan *plan; /* by tier, when asked for */
	struct uplift_result r;
};

static void load(struct fixture *f, bool by_tier, unsigned metrics)
{
	static const char *const by[] = {"tier"};
	struct uplift_error err;
	struct uplift_load_options lopt = {.by = by, .n_by = by_tier ? 1 : 0};
	/* analyze's defaults: holm, 95%, decide on revenue; gross margin from [economics] */
	struct uplift_analysis_options aopt = {.alpha = 0.05,
					       .correction = UPLIFT_HOLM,
					       .metrics = metrics,
					       .decide = UPLIFT_REVENUE,
					       .expected_users = UPLIFT_SEQ_EXPECTED_USERS,
					       .gross_margin = 0.6};
	double w[] = {1, 1};

	memset(f, 0, sizeof(*f));
	uplift_error_clear(&err);
	f->exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(f->exp);
	f->data = uplift_data_load(f->exp, "tests/fixtures/small", &lopt, &err);
	assert_non_null(f->data);
	f->suff = uplift_suff_from_data(f->data);
	assert_non_null(f->suff);
	uplift_suff_derive(f->suff, 0.6); /* as the pipeline does */
	f->an = uplift_analysis_run(f->suff, f->exp->control, w, &aopt);
	assert_non_null(f->an);
	if (by_tier) {
		f->plan = uplift_plan_compute(f->data, 0, UPLIFT_PROFIT, 0.05, UPLIFT_PLAN_SEED);
		assert_non_null(f->plan);
	}
	f->r.exp = f->exp;
	f->r.counts = &f->data->counts;
	f->r.basket = f->data->basket_hist;
	f->r.daily = f->suff->daily;
	f->r.an = f->an;
	f->r.plans = f->plan ? &f->plan : NULL;
	f->r.n_plans = f->plan ? 1 : 0;
}

static void unload(struct fixture *f)
{
	uplift_plan_free(f->plan);
	uplift_analysis_free(f->an);
	uplift_suff_free(f->suff);
	uplift_data_free(f->data);
	uplift_experiment_free(f->exp);
}

/* What uplift_format_write writes for r in fmt (free() it). */
static char *written(enum uplift_format fmt, const struct uplift_result *r)
{
	struct uplift_error err;
	struct capture c;

	uplift_error_clear(&err);
	assert_int_equal(uplift_format_write(capture_begin(&c), fmt, r, &err), UPLIFT_OK);
	capture_end(&c);
	return c.buf;
}

/* One case of the CLI's expected files: the analysis, the format, the file. */
struct expected {
	bool by_tier;
	unsigned metrics;
	enum uplift_format fmt;
	const char *path;
};

static const struct expected cli_table = {false, UPLIFT_DEFAULT_METRICS, UPLIFT_FMT_TABLE,
					  "tests/cli/expected/small.table"};
static const struct expected cli_markdown = {true, UPLIFT_DEFAULT_METRICS, UPLIFT_FMT_MARKDOWN,
					     "tests/cli/expected/small-by-tier.md"};
static const struct expected cli_csv = {
    false, UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_AOV), UPLIFT_FMT_CSV,
    "tests/cli/expected/small.csv"};

static void same_as_cli(void **state)
{
	const struct expected *e = *state;
	struct fixture f;
	char *got, *want;

	load(&f, e->by_tier, e->metrics);
	got = written(e->fmt, &f.r);
	want = slurp(e->path);
	assert_string_equal(got, want);
	free(want);
	free(got);
	unload(&f);
}

/*
 * Inside report.md (embedded): no title block, every section a level deeper
 * than report.md's own "##", and the tables the same as the standalone ones.
 */
static void markdown_embedded(void **state)
{
	struct fixture f;
	char *alone, *inner, *p;

	load(&f, true, UPLIFT_DEFAULT_METRICS);
	alone = written(UPLIFT_FMT_MARKDOWN, &f.r);
	f.r.embedded = true;
	inner = written(UPLIFT_FMT_MARKDOWN, &f.r);
	assert_memory_equal(inner, "### Arms (95% intervals)\n\n| metric |", 36);
	assert_null(strstr(inner, "# small"));
	assert_null(strstr(inner, "sample ratio:"));
	for (p = inner; (p = strstr(p, "\n#")) != NULL; p++)
		assert_memory_equal(p, "\n### ", 5);
	/* the rest is the standalone text with "## " made "### " */
	p = strstr(alone, "## Arms");
	assert_non_null(p);
	for (const char *a = p, *b = inner; *a || *b; a++, b++) {
		if (a[0] == '#' && a[1] == '#' && a[2] == ' ' && (a == alone || a[-1] == '\n')) {
			assert_memory_equal(b, "###", 3);
			b++;
		}
		assert_int_equal(*a, *b);
	}
	free(alone);
	free(inner);
	unload(&f);
}

/* Without the loader's counts (--stats), the heading has no users/orders line. */
static void heading_without_data(void **state)
{
	static const char want[] =
	    "small\n"
	    "window 2026-11-16 – 2026-11-22 (7 days) · control: control · 95% "
	    "intervals · correction: holm\n"
	    "sample ratio: ok (chi2 0.09, df 1, p 0.7630)\n\nArms";
	struct fixture f;
	char *got;

	load(&f, false, UPLIFT_DEFAULT_METRICS);
	f.r.counts = NULL;
	got = written(UPLIFT_FMT_TABLE, &f.r);
	assert_memory_equal(got, want, strlen(want));
	assert_null(strstr(got, "orders read"));
	free(got);
	unload(&f);
}

static void format_names(void **state)
{
	enum uplift_format fmt = UPLIFT_FMT_JSON;

	assert_true(uplift_format_parse("table", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_TABLE);
	assert_true(uplift_format_parse("md", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_MARKDOWN);
	assert_true(uplift_format_parse("markdown", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_MARKDOWN);
	assert_true(uplift_format_parse("csv", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_CSV);
	assert_true(uplift_format_parse("json", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_JSON);
	assert_false(uplift_format_parse("xml", &fmt));
	assert_int_equal(fmt, UPLIFT_FMT_JSON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_prestate(same_as_cli, (void *)&cli_table),
	    cmocka_unit_test_prestate(same_as_cli, (void *)&cli_markdown),
	    cmocka_unit_test_prestate(same_as_cli, (void *)&cli_csv),
	    cmocka_unit_test(markdown_embedded),
	    cmocka_unit_test(heading_without_data),
	    cmocka_unit_test(format_names),
	};
	uplift_stats_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
