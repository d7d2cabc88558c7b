/*
 * test_format.c - analyze's text, Markdown and CSV writers through the
 * library (uplift_format_write over format_text.c, format_segments.c,
 * format_csv.c), on tests/fixtures/small. The expected files are the CLI's
 * (tests/cli/expected/, made by `uplift analyze tests/fixtures/small`, with
 * `--by tier --format markdown`, and `--format csv --metrics
 * conversion,aov`): the library writes them byte for byte. Then the tables
 * of issue 15 on a result built by hand (decision_fixture.h): untested
 * metrics described, head to head, one meaning per mark with its legend,
 * the economics with their intervals and reasons, the segment sample-ratio
 * warning, and a targeting plan offered only when its gain is above 0.
 */
#include "decision_fixture.h"
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
	uplift_suff_derive(f->suff, f->exp->has_economics ? f->exp->gross_margin : 0);
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
	/* brief (report.md's appendix): the described coupon cost in one line, no table of it */
	f.r.brief = true;
	alone = written(UPLIFT_FMT_MARKDOWN, &f.r);
	assert_non_null(strstr(inner, "· discount: control value"));
	assert_null(strstr(alone, "· discount: control value"));
	assert_non_null(strstr(alone, "Described, not tested, vs control (95% intervals): discount: "));
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
	    "sample ratio: ok (chi2 0.09, df 1, p 0.7630)\n\nDecision: which coupon next week";
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

/* The part of s from the line starting with head up to the next blank line (free() it). */
static char *section(const char *s, const char *head)
{
	const char *a = strstr(s, head), *b;
	char *out;

	if (!a) {
		print_error("--- text ---\n%s\n--- lacks ---\n%s\n", s, head);
		fail();
	}
	b = strstr(a, "\n\n");
	b = b ? strstr(b + 2, "\n\n") : NULL; /* the heading, then its body */
	b = b ? b + 1 : a + strlen(a);
	out = strndup(a, (size_t)(b - a));
	assert_non_null(out);
	return out;
}

/* Untested metrics: values and change, no p-value, no mark, not in the family's count. */
static void untested_are_described(void **state)
{
	struct hand h;
	char *t, *eff, *cost;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	eff = section(t, "Effects vs control");
	assert_lacks(eff, "discount");
	assert_has(eff, "8折券     conversion  ");
	assert_has(eff, "  0.0002          –  ✓\n");
	cost = section(t, "What the coupons cost vs control");
	assert_has(cost,
		   "What the coupons cost vs control (95% intervals; described, not tested: no "
		   "p-value, outside the correction)\n\n"
		   "arm       metric    control  treatment           change [CI]\n");
	assert_has(cost, "8折券     discount     1.00       1.99  +0.99 [+0.93, +1.05]\n");
	assert_lacks(cost, "✓");
	assert_lacks(cost, "p adj");
	/* the legend names the family: the 8 tested comparisons */
	assert_has(t,
		   "  ✓ = significant after the Holm correction over the 8 comparisons of this "
		   "table (p adj < 0.05); (small) = fewer than 30 users in an arm, or fewer than 5 "
		   "events (buyers for aov): an anecdote, not a finding\n");
	free(eff);
	free(cost);
	free(t);
}

/* Head to head, after the effects vs control: both values, the change, p adj, its own family. */
static void head_to_head(void **state)
{
	struct hand h;
	char *t, *pairs;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_true(strstr(t, "Effects vs control") < strstr(t, "\nHead to head: each coupon"));
	pairs = section(t, "Head to head: each coupon");
	assert_has(pairs,
		   "A vs B             metric            B       A               A - B [CI]    "
		   "       A / B - 1 [CI]        p    p adj   \n");
	assert_has(pairs,
		   "满80减15 vs 8折券  conversion  100.00%  98.75%  -1.25 pp [-2.15, -0.36]   "
		   "-10.0% [-17.0%, -3.0%]   0.0060   0.0240  ✓\n");
	/* an untested pair: no p, no mark */
	assert_has(pairs,
		   "满80减15 vs 8折券  discount       1.00    0.27     -0.73 [-0.79, -0.67]  "
		   "-74.0% [-78.0%, -70.0%]        –        –  \n");
	assert_has(t, "  ✓ = significant after the Holm correction over the 4 comparisons of this "
		      "table, a family of its own (p adj < 0.05)");
	assert_has(t,
		   "  discount, amount and redemption rows: described, not tested (no p-value)\n");
	free(pairs);
	free(t);
	/* two arms: no pairs, no section */
	h.an.n_pairs = 0;
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_lacks(t, "Head to head");
	free(t);
}

/* ✓ in effect cells, >> / > in the best column, (small): each explained under the tables. */
static void one_meaning_per_mark(void **state)
{
	struct hand h;
	char *t, *rev;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	rev = section(t, "By rfm_segment · revenue");
	assert_has(rev, "best (vs runner-up)\n");
	assert_has(rev, "  满80减15 >> 8折券\n");
	assert_has(rev, "  8折券 > control (small)\n");
	assert_has(rev, "  满80减15 > control\n");
	assert_lacks(rev, "?");
	/* ✓ only where significant; the best column never uses it */
	assert_has(rev, "+20.5% [+7.5%, +35.1%] ✓");
	assert_lacks(strstr(rev, "best (vs"), "✓ vs");
	assert_has(
	    t, "  ✓ = significant after the Holm correction over the 22 comparisons of the "
	       "rfm_segment family, vs control (p adj < 0.05); (small) = fewer than 30 users in "
	       "an arm, or fewer than 5 events (buyers for aov): an anecdote, not a finding\n");
	assert_has(
	    t, "  best (vs runner-up): A >> B = A is clearly ahead of B (the 95% interval of "
	       "the difference excludes 0; not corrected for the number of segments); A > B = A "
	       "is ahead, but not clearly\n");
	assert_has(t,
		   "  \"A vs B\" columns: head to head, A's change relative to B; its ✓ is after "
		   "the Holm correction over the 12 head-to-head comparisons of rfm_segment, a "
		   "family of its own\n");
	free(rev);
	free(t);
}

/* Segment tables: the head-to-head column, untested metrics as changes, no table of dashes. */
static void segment_tables(void **state)
{
	struct hand h;
	char *t, *s;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	s = section(t, "By rfm_segment · conversion");
	assert_has(s,
		   "rfm_segment   users  control                           8折券                  "
		   "     满80减15                 满80减15 vs 8折券\n");
	assert_has(s, "-10.0% [-17.0%, -3.0%] ✓ (small)\n");
	free(s);
	s = section(t, "By rfm_segment · discount");
	assert_has(s, "By rfm_segment · discount: control value, each coupon's change (described, "
		      "not tested) vs control [95% CI]\n");
	assert_has(s, "+0.99 [+0.93, +1.05]");
	assert_lacks(s, "✓");
	free(s);
	/* more than one pair of coupons: no head-to-head columns, a line saying where they are */
	{
		struct hand h4;
		char *t4;
		hand_coffee(&h4);
		h4.pairs[H_METRICS + 1].metric = UPLIFT_CONVERSION;
		h4.pairs[H_METRICS + 1].baseline = 0;
		t4 = hand_written(&h4, UPLIFT_FMT_TABLE);
		assert_lacks(t4, "满80减15 vs 8折券\n");
		assert_has(t4, "  head to head by segment (2 pairs of coupons, too many for these "
			       "tables): in the JSON and the CSV\n");
		free(t4);
	}
	/* the one-buyer aov cell: a dash with (small), never a zero-width interval */
	s = section(t, "By rfm_segment · aov");
	assert_has(
	    s, "重要发展客户     87     0.60                 – (small)                – (small)");
	free(s);
	free(t);
	/* a metric with nothing computable in any cell: one line, no table of dashes */
	for (size_t i = 0; i < H_CMP; i++)
		if (h.cmp[i].column == 0 && h.cmp[i].metric == UPLIFT_DISCOUNT)
			h.cmp[i].diff = NAN;
	for (size_t i = 0; i < H_PAIRS; i++)
		if (h.pairs[i].column == 0 && h.pairs[i].metric == UPLIFT_DISCOUNT)
			h.pairs[i].diff = NAN;
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_has(t,
		   "By rfm_segment · discount: control value, each coupon's change (described, not "
		   "tested) vs control [95% CI]\n  no segment has a change that can be computed\n");
	free(t);
}

/* The cost per extra buyer with its interval, or – with why; the share a finding only off 0. */
static void economics(void **state)
{
	struct hand h;
	char *t, *e;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	e = section(t, "Coupon economics per assigned user");
	assert_has(e,
		   "8折券            0.99    12.47%  +1.77 [+0.68, +2.85]  +0.66 [+0.02, +1.30]  "
		   "51.49 [33.20, 95.10]     +14.15 [+5.40, +22.91]\n");
	assert_has(e, "+1.26 [+0.56, +1.96]                     –  +132.40");
	free(e);
	assert_has(t,
		   "  8折券: 15% [8%, 23%] of redeemers were extra buyers; the others would likely "
		   "have bought anyway\n");
	assert_has(t, "  note: 满80减15: cost per extra buyer –: conversion did not clearly rise "
		      "(+0.68 pp [-0.19, +1.54])\n");
	assert_has(t, "  满80减15: the share of redeemers who were extra buyers is not clear: 39% "
		      "[-11%, 90%], an interval that includes 0\n");
	assert_lacks(t, "39% of redeemers were");
	/* per segment, in the segment section */
	e = section(t, "Coupon economics by rfm_segment");
	assert_has(e,
		   "rfm_segment   arm       coupon cost  redeemed    incremental profit  cost per "
		   "extra buyer\n");
	assert_has(e,
		   "重要发展客户  满80减15         0.26     1.71%  +1.26 [+0.56, +1.96]          "
		   "           –\n");
	free(e);
	assert_has(t, "  cost per extra buyer –: conversion did not clearly rise in that segment");
	free(t);
	/*
	 * A cost per extra buyer where conversion did not clearly rise is never
	 * shown (coffee-w47's "17288.87" at +0.0%), whatever the entry holds; a
	 * share with no interval is no finding.
	 */
	h.econ[1].cost_per_incremental_buyer = (struct uplift_interval){17288.87, NAN, NAN};
	h.econ[0].incremental_share_of_redeemers = (struct uplift_interval){.15, NAN, NAN};
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_lacks(t, "17288.87");
	assert_has(t, "  note: 满80减15: cost per extra buyer –: conversion did not clearly rise "
		      "(+0.68 pp [-0.19, +1.54])\n");
	assert_has(
	    t, "  8折券: 15% of redeemers were extra buyers, with no interval: not a finding\n");
	free(t);
}

/* The segment's sample ratio: only a flagged (Holm-adjusted) check, saying what to do. */
static void segment_srm_warning(void **state)
{
	struct hand h;
	char *t;

	hand_coffee(&h);
	/* unadjusted p 0.00061 but not flagged: no warning */
	h.seg_srm[2].srm.p = 0.00061;
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_lacks(t, "WARNING");
	free(t);
	hand_segment_srm(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_has(t,
		   "\nWARNING: within rfm_segment = 重要保持客户, users per arm do not match the "
		   "planned weights (chi2 18.10, p 0.0001; Holm-adjusted over the values of "
		   "rfm_segment: 0.0004). Check how users of this segment were assigned before "
		   "reading its rows.\n");
	free(t);
	t = hand_written(&h, UPLIFT_FMT_MARKDOWN);
	assert_has(t, "\n> **WARNING: within rfm\\_segment = 重要保持客户, users per arm");
	free(t);
}

/* The plan: its table only when the gain is above 0; else one line, no "send" column. */
static void plan_only_when_it_helps(void **state)
{
	struct hand h;
	char *t;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_has(
	    t, "Targeting plan by rfm_segment: each segment its best arm (profit)\n\n"
	       "  the plan does not beat sending everyone 满80减15 (gain +0.01 [-0.37, +0.38] per "
	       "user, cross-fitted): send everyone 满80减15\n");
	assert_lacks(t, "send\n");
	assert_lacks(t, "users  send");
	free(t);
	h.plan.gain = .4;
	h.plan.gain_lo = .1;
	h.plan.gain_hi = .7;
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	assert_has(t, "rfm_segment   users  send\n");
	assert_has(t, "gain +0.40 [+0.10, +0.70]\n");
	assert_lacks(t, "does not beat");
	free(t);
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
	    cmocka_unit_test(untested_are_described),
	    cmocka_unit_test(head_to_head),
	    cmocka_unit_test(one_meaning_per_mark),
	    cmocka_unit_test(segment_tables),
	    cmocka_unit_test(economics),
	    cmocka_unit_test(segment_srm_warning),
	    cmocka_unit_test(plan_only_when_it_helps),
	};
	uplift_stats_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
