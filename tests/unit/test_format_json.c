/*
 * test_format_json.c - the JSON and CSV writers of what issue 15 added
 * (format_json.c, format_json_decision.c, format_json_checks.c,
 * format_csv.c): "baseline" and "tested" in each comparison, "pairs",
 * "decision" with its sentence, "checks" and "warnings", the economics per
 * segment with their intervals, "p_adjusted" of the per-segment sample
 * ratio, and the CSV's pair rows.
 *
 * The analysis is built by hand, with the fields set as the library sets
 * them (three arms, one --by column of two values), so that every field and
 * every null case is reached whatever the data. The writers do no
 * statistics: the numbers are arbitrary, chosen to read well in sentences.
 */
#include "capture.h"
#include "uplift_analysis.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_format.h"
#include "uplift_stats.h"

enum { CONTROL, PCT, MINSPEND, N_ARMS }; /* control, 8折券, 满80减15 */

/* One hand-built analysis and the result the writers read. */
struct world {
	const char *arm_names[N_ARMS];
	struct uplift_arm_def arm_defs[N_ARMS];
	struct uplift_experiment exp;
	const char *values[2];
	struct uplift_analysis_column column;
	struct uplift_arm_summary arms[N_ARMS];
	struct uplift_comparison cmp[4];
	struct uplift_comparison pairs[2];
	struct uplift_economics econ[4];
	struct uplift_segment_srm seg_srm[2];
	struct uplift_check checks[2];
	struct uplift_analysis an;
	struct uplift_result r;
};

static struct uplift_comparison comparison(long column, size_t value, size_t baseline, size_t arm,
					   enum uplift_metric m)
{
	struct uplift_comparison c = {
	    .column = column,
	    .value = value,
	    .arm = arm,
	    .baseline = baseline,
	    .metric = m,
	    .tested = uplift_metric_tested(NULL, m),
	    .n_control = 1000,
	    .n_treatment = 1010,
	    .control = 0.25,
	    .treatment = 0.5,
	    .diff = 0.25,
	    .diff_lo = 0.125,
	    .diff_hi = 0.375,
	    .lift = 1,
	    .lift_lo = 0.5,
	    .lift_hi = 1.5,
	    .p = 0.001,
	    .p_adjusted = 0.004,
	    .significant = true,
	    .chance_to_win = 0.999,
	    .loss_treatment = 0,
	    .loss_control = 0.25,
	    .theta = NAN,
	    .variance_reduction = NAN,
	    .tau2 = NAN,
	};
	if (!c.tested) { /* as families.c leaves an untested metric */
		c.p = c.p_adjusted = NAN;
		c.significant = false;
	}
	return c;
}

static struct uplift_interval interval(double est, double lo, double hi)
{
	struct uplift_interval v = {est, lo, hi};
	return v;
}

static struct uplift_economics economics(long column, size_t value, size_t arm)
{
	struct uplift_economics e = {
	    .column = column,
	    .value = value,
	    .arm = arm,
	    .discount_per_user = 1,
	    .revenue = interval(2, 1, 3),
	    .profit = interval(0.5, 0.25, 0.75),
	    .cost_per_incremental_buyer = interval(40, 30, 60),
	    .redemption_rate = 0.125,
	    .per_redeemer = interval(16, 8, 24),
	    .incremental_share_of_redeemers = interval(0.25, 0.125, 0.375),
	};
	return e;
}

static void build(struct world *w)
{
	static const char *const names[N_ARMS] = {"control", "8折券", "满80减15"};
	struct uplift_analysis *an = &w->an;

	memset(w, 0, sizeof(*w));
	for (size_t a = 0; a < N_ARMS; a++) {
		w->arm_names[a] = names[a];
		w->arm_defs[a].name = (char *)names[a];
		w->arm_defs[a].weight = 1;
		w->arms[a].users = 1000;
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			w->arms[a].metric[m] = (struct uplift_value){0.25, 0.125, 0.375, NULL};
	}
	w->exp.name = "w47";
	w->exp.control_name = "control";
	w->exp.start = uplift_date_from_civil(2026, 11, 16);
	w->exp.end = uplift_date_from_civil(2026, 11, 22);
	w->exp.has_window = true;
	w->exp.alpha = 0.05;
	w->exp.arms = w->arm_defs;
	w->exp.n_arms = N_ARMS;

	w->values[0] = "重要价值客户";
	w->values[1] = "重要保持客户";
	w->column = (struct uplift_analysis_column){"rfm_segment", 2, w->values, NULL};

	w->cmp[0] = comparison(-1, 0, CONTROL, PCT, UPLIFT_CONVERSION);
	w->cmp[1] = comparison(-1, 0, CONTROL, PCT, UPLIFT_DISCOUNT);
	w->cmp[2] = comparison(-1, 0, CONTROL, MINSPEND, UPLIFT_CONVERSION);
	w->cmp[3] = comparison(0, 1, CONTROL, MINSPEND, UPLIFT_CONVERSION);
	w->pairs[0] = comparison(-1, 0, PCT, MINSPEND, UPLIFT_PROFIT);
	w->pairs[1] = comparison(0, 1, PCT, MINSPEND, UPLIFT_PROFIT);
	w->econ[0] = economics(-1, 0, PCT);
	w->econ[1] = economics(-1, 0, MINSPEND);
	w->econ[2] = economics(0, 0, PCT);
	w->econ[3] = economics(0, 0, MINSPEND);
	w->seg_srm[0] = (struct uplift_segment_srm){0, 0, {1.5, 2, 0.47, false, NULL}, 0.47};
	w->seg_srm[1] = (struct uplift_segment_srm){0, 1, {15, 2, 0.0002, true, NULL}, 0.0004};

	an->n_arms = N_ARMS;
	an->arm_names = w->arm_names;
	an->n_columns = 1;
	an->columns = &w->column;
	an->opt.alpha = 0.05;
	an->opt.correction = UPLIFT_HOLM;
	an->opt.metrics = UPLIFT_DEFAULT_METRICS;
	an->opt.decide = UPLIFT_REVENUE;
	an->opt.expected_users = UPLIFT_SEQ_EXPECTED_USERS;
	an->opt.gross_margin = 0.6;
	an->control = CONTROL;
	an->metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION) | UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT) |
		      UPLIFT_METRIC_BIT(UPLIFT_PROFIT);
	an->srm = (struct uplift_srm_result){0.5, 2, 0.78, false, NULL};
	an->arms = w->arms;
	an->cmp = w->cmp;
	an->n_cmp = 4;
	an->pairs = w->pairs;
	an->n_pairs = 2;
	an->econ = w->econ;
	an->n_econ = 4;
	an->seg_srm = w->seg_srm;
	an->n_seg_srm = 2;
	an->checks = w->checks;
	an->n_checks = 0;
	/* the decision of the brief: not clear */
	an->decision = (struct uplift_decision){
	    .metric = UPLIFT_PROFIT,
	    .leader = MINSPEND,
	    .runner_up = PCT,
	    .ship = SIZE_MAX,
	    .leader_value = 1.26,
	    .runner_up_value = 0.66,
	    .diff = 0.6,
	    .diff_lo = -0.1,
	    .diff_hi = 1.3,
	    .clear = false,
	    .why = UPLIFT_DECISION_NOT_CLEAR,
	    .users_per_arm = 12387,
	    .targeting = -1,
	};
	w->r.exp = &w->exp;
	w->r.an = an;
}

/* The JSON document of w, printed and parsed back as a reader sees it (json_decref it). */
static json_t *document(const struct world *w)
{
	json_t *j = uplift_format_json(&w->r), *back;
	char *text;
	json_error_t e;

	assert_non_null(j);
	text = json_dumps(j, JSON_INDENT(2) | JSON_REAL_PRECISION(16));
	assert_non_null(text);
	back = json_loads(text, 0, &e);
	assert_non_null(back);
	free(text);
	json_decref(j);
	return back;
}

static const char *str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	assert_true(json_is_string(v));
	return json_string_value(v);
}

static double number(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void is_null(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_null(v)) {
		print_error("%s: want null\n", key);
		fail();
	}
}

static bool flag(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	assert_true(json_is_boolean(v));
	return json_is_true(v);
}

static json_t *item(const json_t *o, const char *key, size_t i)
{
	json_t *arr = json_object_get(o, key);
	assert_true(json_is_array(arr));
	assert_true(i < json_array_size(arr));
	return json_array_get(arr, i);
}

/* The window's dates, and null for both without a window (outcomes.csv). */
static void window_or_null(void **state)
{
	struct world w;
	json_t *d, *e;

	build(&w);
	d = document(&w);
	e = json_object_get(d, "experiment");
	assert_string_equal(json_string_value(json_object_get(e, "start")), "2026-11-16");
	assert_string_equal(json_string_value(json_object_get(e, "end")), "2026-11-22");
	json_decref(d);
	w.exp.has_window = false;
	w.exp.start = w.exp.end = INT32_MIN; /* UPLIFT_NO_DAY */
	d = document(&w);
	e = json_object_get(d, "experiment");
	is_null(e, "start");
	is_null(e, "end");
	json_decref(d);
}

/* The comparisons gain "baseline" and "tested"; an untested metric has null p-values. */
static void comparisons_baseline_tested(void **state)
{
	struct world w;
	json_t *d, *c;

	build(&w);
	d = document(&w);
	c = item(d, "comparisons", 0);
	is_null(c, "segment");
	assert_string_equal(str(c, "baseline"), "control");
	assert_string_equal(str(c, "arm"), "8折券");
	assert_true(flag(c, "tested"));
	assert_close(number(c, "p_adjusted"), 0.004, 1e-15);
	assert_true(flag(c, "significant"));
	assert_false(flag(c, "small"));
	/* discount: reported, never tested */
	c = item(d, "comparisons", 1);
	assert_string_equal(str(c, "metric"), "discount");
	assert_false(flag(c, "tested"));
	is_null(c, "p_value");
	is_null(c, "p_adjusted");
	assert_false(flag(c, "significant"));
	assert_close(number(c, "diff"), 0.25, 1e-15);
	/* a segment row */
	c = item(d, "comparisons", 3);
	assert_string_equal(str(json_object_get(c, "segment"), "column"), "rfm_segment");
	assert_string_equal(str(json_object_get(c, "segment"), "value"), "重要保持客户");
	json_decref(d);
}

/* "pairs": treatment against treatment, the earlier arm as baseline, overall then per segment. */
static void pairs(void **state)
{
	struct world w;
	json_t *d, *p;

	build(&w);
	w.pairs[1].small = true;
	w.pairs[1].diff_lo = w.pairs[1].diff_hi = w.pairs[1].lift_lo = NAN;
	w.pairs[1].reason = "no variation in either arm";
	d = document(&w);
	assert_int_equal(json_array_size(json_object_get(d, "pairs")), 2);
	p = item(d, "pairs", 0);
	is_null(p, "segment");
	assert_string_equal(str(p, "baseline"), "8折券");
	assert_string_equal(str(p, "arm"), "满80减15");
	assert_string_equal(str(p, "metric"), "profit");
	assert_true(flag(p, "tested"));
	assert_close(number(p, "diff_ci_high"), 0.375, 1e-15);
	assert_close(number(p, "chance_to_win"), 0.999, 1e-15);
	p = item(d, "pairs", 1);
	assert_string_equal(str(json_object_get(p, "segment"), "value"), "重要保持客户");
	assert_true(flag(p, "small"));
	is_null(p, "diff_ci_low");
	is_null(p, "diff_ci_high");
	is_null(p, "lift_ci_low");
	assert_string_equal(str(p, "reason"), "no variation in either arm");
	/* two arms: no pairs, and the key is still there */
	w.an.n_pairs = 0;
	json_decref(d);
	d = document(&w);
	assert_int_equal(json_array_size(json_object_get(d, "pairs")), 0);
	json_decref(d);
}

/* Not clear: ship null, the users per arm, and the brief's sentence. */
static void decision_not_clear(void **state)
{
	struct world w;
	json_t *d, *o;

	build(&w);
	d = document(&w);
	o = json_object_get(d, "decision");
	assert_string_equal(str(o, "metric"), "profit");
	is_null(o, "ship");
	assert_string_equal(str(o, "leader"), "满80减15");
	assert_string_equal(str(o, "runner_up"), "8折券");
	assert_close(number(o, "leader_value"), 1.26, 1e-15);
	assert_close(number(o, "runner_up_value"), 0.66, 1e-15);
	assert_close(number(o, "diff"), 0.6, 1e-15);
	assert_close(number(o, "diff_ci_low"), -0.1, 1e-15);
	assert_close(number(o, "diff_ci_high"), 1.3, 1e-15);
	assert_false(flag(o, "clear"));
	assert_int_equal(json_array_size(json_object_get(o, "guardrails")), 0);
	assert_string_equal(str(o, "why"), "not_clear");
	assert_string_equal(
	    str(o, "reason"),
	    "满80减15 has the highest profit per user, but its advantage over 8折券 "
	    "(+0.60 [-0.10, +1.30]) includes 0; about 12,400 users per arm would "
	    "settle it.");
	assert_int_equal(json_integer_value(json_object_get(o, "users_per_arm")), 12387);
	is_null(o, "targeting");
	json_decref(d);

	/* users per arm not computable: null, and the sentence says why */
	w.an.decision.users_per_arm = NAN;
	w.an.decision.reason = "no variance in either arm";
	d = document(&w);
	o = json_object_get(d, "decision");
	is_null(o, "users_per_arm");
	assert_string_equal(
	    str(o, "reason"),
	    "满80减15 has the highest profit per user, but its advantage over 8折券 "
	    "(+0.60 [-0.10, +1.30]) includes 0; how many users per arm would "
	    "settle it cannot be computed (no variance in either arm).");
	json_decref(d);

	/* a rate: the difference in points */
	w.an.decision.metric = UPLIFT_CONVERSION;
	w.an.decision.diff = 0.0125;
	w.an.decision.diff_lo = -0.002;
	w.an.decision.diff_hi = 0.027;
	w.an.decision.users_per_arm = 1234567;
	d = document(&w);
	assert_string_equal(
	    str(json_object_get(d, "decision"), "reason"),
	    "满80减15 has the highest conversion rate, but its advantage over 8折券 "
	    "(+1.25 [-0.20, +2.70] pp) includes 0; about 1,240,000 users per arm "
	    "would settle it.");
	json_decref(d);
}

/* Clear: the arm to ship, the guardrails that hold, a targeting column. */
static void decision_clear(void **state)
{
	struct world w;
	json_t *d, *o, *g;

	build(&w);
	w.an.decision.ship = MINSPEND;
	w.an.decision.clear = true;
	w.an.decision.why = UPLIFT_DECISION_CLEAR;
	w.an.decision.diff_lo = 0.02;
	w.an.decision.diff_hi = 1.18;
	w.an.decision.users_per_arm = NAN;
	w.an.decision.guardrails[0] = (struct uplift_guardrail){UPLIFT_AOV, -0.05, 0.018, true};
	w.an.decision.n_guardrails = 1;
	w.an.decision.targeting = 0;
	d = document(&w);
	o = json_object_get(d, "decision");
	assert_string_equal(str(o, "ship"), "满80减15");
	assert_true(flag(o, "clear"));
	assert_string_equal(str(o, "why"), "clear");
	is_null(o, "users_per_arm");
	assert_string_equal(str(o, "targeting"), "rfm_segment");
	g = item(o, "guardrails", 0);
	assert_string_equal(str(g, "metric"), "aov");
	assert_close(number(g, "margin"), -0.05, 1e-15);
	assert_close(number(g, "lift_ci_low"), 0.018, 1e-15);
	assert_true(flag(g, "holds"));
	assert_string_equal(str(o, "reason"),
			    "满80减15 has the highest profit per user and its advantage over every "
			    "other arm is above 0 (over 8折券, the closest: +0.60 [+0.02, +1.18]), "
			    "and its guardrails hold: ship it.");
	json_decref(d);

	/* two arms, no guardrails, control the best: keep it */
	w.an.n_arms = 2;
	w.an.decision.ship = w.an.decision.leader = CONTROL;
	w.an.decision.n_guardrails = 0;
	w.an.decision.targeting = -1;
	d = document(&w);
	assert_string_equal(str(json_object_get(d, "decision"), "reason"),
			    "control has the highest profit per user and its advantage over 8折券 "
			    "(+0.60 [+0.02, +1.18]) is above 0: keep it.");
	json_decref(d);
}

/* The leader is clear but a guardrail fails, one of them not computable. */
static void decision_guardrail(void **state)
{
	struct world w;
	json_t *d, *o;

	build(&w);
	w.an.decision.clear = true;
	w.an.decision.why = UPLIFT_DECISION_GUARDRAIL;
	w.an.decision.diff_lo = 0.02;
	w.an.decision.diff_hi = 1.18;
	w.an.decision.guardrails[0] = (struct uplift_guardrail){UPLIFT_AOV, -0.05, -0.073, false};
	w.an.decision.guardrails[1] = (struct uplift_guardrail){UPLIFT_REVENUE, 0, 0.01, true};
	w.an.decision.guardrails[2] = (struct uplift_guardrail){UPLIFT_CONVERSION, 0, NAN, false};
	w.an.decision.n_guardrails = 3;
	d = document(&w);
	o = json_object_get(d, "decision");
	is_null(o, "ship");
	assert_string_equal(str(o, "why"), "guardrail");
	assert_false(flag(item(o, "guardrails", 0), "holds"));
	is_null(item(o, "guardrails", 2), "lift_ci_low");
	assert_close(number(item(o, "guardrails", 1), "margin"), 0, 1e-15);
	assert_string_equal(
	    str(o, "reason"),
	    "满80减15 has the highest profit per user and its advantage over every other arm is "
	    "above 0 (over 8折券, the closest: +0.60 [+0.02, +1.18]), but it fails its guardrails "
	    "on order value (lower bound -7.3% against control, margin -5%) and conversion rate "
	    "(its change against control cannot be computed): nothing to ship until that is "
	    "settled.");
	json_decref(d);
}

/* No decision metric, or nothing computable: ship and the numbers null, a sentence why. */
static void decision_nothing(void **state)
{
	struct world w;
	json_t *d, *o;

	build(&w);
	w.an.decision = (struct uplift_decision){.metric = UPLIFT_PROFIT,
						 .leader = SIZE_MAX,
						 .runner_up = SIZE_MAX,
						 .ship = SIZE_MAX,
						 .leader_value = NAN,
						 .runner_up_value = NAN,
						 .diff = NAN,
						 .diff_lo = NAN,
						 .diff_hi = NAN,
						 .why = UPLIFT_DECISION_NO_METRIC,
						 .users_per_arm = NAN,
						 .targeting = -1};
	d = document(&w);
	o = json_object_get(d, "decision");
	static const char *const nulls[] = {
	    "ship", "leader",      "runner_up",    "leader_value",  "runner_up_value",
	    "diff", "diff_ci_low", "diff_ci_high", "users_per_arm", "targeting"};
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		is_null(o, nulls[i]);
	assert_string_equal(str(o, "why"), "no_metric");
	assert_string_equal(
	    str(o, "reason"),
	    "the decision metric, profit, is not in the data analyzed (profit needs "
	    "[economics] gross_margin in experiment.ini), so no arm is chosen.");
	json_decref(d);

	w.an.decision.why = UPLIFT_DECISION_NOT_COMPUTABLE;
	w.an.decision.reason = "an arm has one user";
	d = document(&w);
	assert_string_equal(str(json_object_get(d, "decision"), "reason"),
			    "the arms cannot be compared on profit per user (an arm has one user), "
			    "so no arm is chosen.");
	json_decref(d);

	w.an.decision.leader = MINSPEND;
	w.an.decision.runner_up = PCT;
	d = document(&w);
	assert_string_equal(
	    str(json_object_get(d, "decision"), "reason"),
	    "the difference in profit per user between 满80减15 and 8折券 cannot be "
	    "computed (an arm has one user), so no arm is chosen.");
	json_decref(d);
}

/* "checks" and "warnings": one entry per finding, the same sentence in both. */
static void checks_and_warnings(void **state)
{
	struct world w;
	json_t *d, *k;

	build(&w);
	d = document(&w);
	assert_int_equal(json_array_size(json_object_get(d, "checks")), 0);
	assert_int_equal(json_array_size(json_object_get(d, "warnings")), 0);
	json_decref(d);

	w.checks[0] = (struct uplift_check){.code = UPLIFT_CHECK_SRM,
					    .severity = UPLIFT_CHECK_ERROR,
					    .column = -1,
					    .value = 0,
					    .chi2 = 17.25,
					    .df = 2,
					    .p = 0.00018,
					    .p_adjusted = 0.00018,
					    .arm = -1,
					    .metric = UPLIFT_N_METRICS};
	w.checks[1] = (struct uplift_check){.code = UPLIFT_CHECK_SEGMENT_SRM,
					    .severity = UPLIFT_CHECK_WARNING,
					    .column = 0,
					    .value = 1,
					    .chi2 = 15,
					    .df = 2,
					    .p = 0.0002,
					    .p_adjusted = 0.0004,
					    .arm = -1,
					    .metric = UPLIFT_N_METRICS};
	w.an.n_checks = 2;
	d = document(&w);
	k = item(d, "checks", 0);
	assert_string_equal(str(k, "code"), "srm");
	assert_string_equal(str(k, "severity"), "error");
	assert_string_equal(str(k, "message"),
			    "users per arm do not match the planned weights (chi2 17.25, df 2, p "
			    "0.0002): check how users were assigned to the arms before reading any "
			    "effect");
	assert_null(json_object_get(k, "column"));
	assert_close(number(k, "chi2"), 17.25, 1e-15);
	assert_int_equal(json_integer_value(json_object_get(k, "df")), 2);
	assert_close(number(k, "p_value"), 0.00018, 1e-15);
	assert_close(number(k, "p_adjusted"), 0.00018, 1e-15);
	k = item(d, "checks", 1);
	assert_string_equal(str(k, "code"), "segment_srm");
	assert_string_equal(str(k, "severity"), "warning");
	assert_string_equal(str(k, "column"), "rfm_segment");
	assert_string_equal(str(k, "value"), "重要保持客户");
	assert_close(number(k, "p_adjusted"), 0.0004, 1e-15);
	/* Holm ran over the two values whose ratio could be tested */
	assert_string_equal(
	    str(k, "message"),
	    "users per arm within rfm_segment = 重要保持客户 do not match the planned "
	    "weights (Holm-adjusted p 0.0004 across 2 values): check how this segment "
	    "was assigned before reading its rows");
	assert_int_equal(json_array_size(json_object_get(d, "warnings")), 2);
	for (size_t i = 0; i < 2; i++)
		assert_string_equal(
		    json_string_value(json_array_get(json_object_get(d, "warnings"), i)),
		    str(item(d, "checks", i), "message"));
	json_decref(d);
}

/* "segment_srm" keeps its fields and gains p_adjusted. */
static void segment_srm(void **state)
{
	struct world w;
	json_t *d, *s;

	build(&w);
	w.seg_srm[0].srm.p = w.seg_srm[0].srm.chi2 = w.seg_srm[0].p_adjusted = NAN;
	w.seg_srm[0].srm.reason = "one arm has no users in this segment";
	d = document(&w);
	s = item(d, "segment_srm", 1);
	assert_string_equal(str(s, "column"), "rfm_segment");
	assert_string_equal(str(s, "value"), "重要保持客户");
	assert_close(number(s, "chi2"), 15, 1e-15);
	assert_int_equal(json_integer_value(json_object_get(s, "df")), 2);
	assert_close(number(s, "p_value"), 0.0002, 1e-15);
	assert_close(number(s, "p_adjusted"), 0.0004, 1e-15);
	assert_true(flag(s, "mismatch"));
	s = item(d, "segment_srm", 0);
	is_null(s, "p_value");
	is_null(s, "p_adjusted");
	assert_string_equal(str(s, "reason"), "one arm has no users in this segment");
	json_decref(d);
}

/* Economics: overall entries, then per segment; intervals; null with a reason. */
static void economics_entries(void **state)
{
	static const char *const keys[] = {"incremental_revenue", "incremental_profit",
					   "cost_per_incremental_buyer", "effect_per_redeemer",
					   "incremental_buyers_per_redeemer"};
	struct world w;
	json_t *d, *e;
	char key[64];

	build(&w);
	w.econ[3].cost_per_incremental_buyer = interval(NAN, NAN, NAN);
	w.econ[3].incremental_share_of_redeemers = interval(NAN, NAN, NAN);
	w.econ[3].reason = "the conversion difference's interval is not above 0";
	d = document(&w);
	assert_int_equal(json_array_size(json_object_get(d, "economics")), 4);
	e = item(d, "economics", 0);
	is_null(e, "segment");
	assert_string_equal(str(e, "arm"), "8折券");
	assert_close(number(e, "cost_per_incremental_buyer"), 40, 1e-15);
	assert_close(number(e, "cost_per_incremental_buyer_ci_low"), 30, 1e-15);
	assert_close(number(e, "cost_per_incremental_buyer_ci_high"), 60, 1e-15);
	assert_close(number(e, "incremental_buyers_per_redeemer"), 0.25, 1e-15);
	assert_close(number(e, "incremental_buyers_per_redeemer_ci_low"), 0.125, 1e-15);
	assert_close(number(e, "incremental_buyers_per_redeemer_ci_high"), 0.375, 1e-15);
	assert_close(number(e, "gross_margin"), 0.6, 1e-15);
	assert_null(json_object_get(e, "reason"));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		snprintf(key, sizeof(key), "%s_ci_low", keys[i]);
		assert_true(json_is_number(json_object_get(e, key)));
	}
	e = item(d, "economics", 3);
	assert_string_equal(str(json_object_get(e, "segment"), "column"), "rfm_segment");
	assert_string_equal(str(json_object_get(e, "segment"), "value"), "重要价值客户");
	assert_string_equal(str(e, "arm"), "满80减15");
	is_null(e, "cost_per_incremental_buyer");
	is_null(e, "cost_per_incremental_buyer_ci_low");
	is_null(e, "cost_per_incremental_buyer_ci_high");
	is_null(e, "incremental_buyers_per_redeemer_ci_high");
	assert_string_equal(str(e, "reason"),
			    "the conversion difference's interval is not above 0");
	json_decref(d);

	/* without a gross margin: no economics */
	w.an.opt.gross_margin = 0;
	d = document(&w);
	assert_null(json_object_get(d, "economics"));
	json_decref(d);
}

/* Names from the data go in verbatim: quotes, backslashes and control characters survive. */
static void names_verbatim(void **state)
{
	static const char odd[] = "满\"80\\减15\n\x1b[2J";
	struct world w;
	json_t *d;
	char want[256];

	build(&w);
	w.arm_names[MINSPEND] = odd;
	w.values[1] = "a\"b";
	w.checks[0] = (struct uplift_check){.code = UPLIFT_CHECK_SEGMENT_SRM,
					    .severity = UPLIFT_CHECK_WARNING,
					    .column = 0,
					    .value = 1,
					    .chi2 = 15,
					    .df = 2,
					    .p = 0.0002,
					    .p_adjusted = 0.0004,
					    .arm = -1,
					    .metric = UPLIFT_N_METRICS};
	w.an.n_checks = 1;
	d = document(&w);
	assert_string_equal(str(json_object_get(d, "decision"), "leader"), odd);
	assert_string_equal(str(item(d, "pairs", 0), "arm"), odd);
	snprintf(want, sizeof(want), "%s has the highest profit per user, but", odd);
	assert_memory_equal(str(json_object_get(d, "decision"), "reason"), want, strlen(want));
	assert_non_null(strstr(str(item(d, "checks", 0), "message"), "rfm_segment = a\"b do not"));
	json_decref(d);
}

/* CSV: the experiment first, baseline and tested last; the pairs after the comparisons; null as "". */
static void csv_pairs(void **state)
{
	struct world w;
	struct uplift_error err;
	struct capture c;
	const char *text, *line;

	build(&w);
	uplift_error_clear(&err);
	assert_int_equal(uplift_format_write(capture_begin(&c), UPLIFT_FMT_CSV, &w.r, &err),
			 UPLIFT_OK);
	text = capture_end(&c);
	line = strchr(text, '\n');
	assert_non_null(line);
	assert_memory_equal(text, "experiment,segment_column,", strlen("experiment,segment_column,"));
	assert_memory_equal(line - strlen(",reason,baseline,tested"), ",reason,baseline,tested",
			    strlen(",reason,baseline,tested"));
	/* the header and 4 comparisons and 2 pairs */
	size_t rows = 0;
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		rows++;
	assert_int_equal(rows, 1 + 4 + 2);
	/* discount: untested, empty p-values */
	assert_non_null(strstr(text, "\nw47,,,8折券,discount,1000,1010,0.25,0.5,0.25,0.125,0.375,1,0.5,"
				     "1.5,,,false,false,"));
	assert_non_null(strstr(text, ",control,false\n"));
	/* the pairs: baseline 8折券 */
	assert_non_null(strstr(text, "\nw47,,,满80减15,profit,1000,"));
	assert_non_null(strstr(text, "\nw47,rfm_segment,重要保持客户,满80减15,profit,"));
	assert_non_null(strstr(text, ",,,,,8折券,true\n"));
	free(c.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(window_or_null),
	    cmocka_unit_test(comparisons_baseline_tested),
	    cmocka_unit_test(pairs),
	    cmocka_unit_test(decision_not_clear),
	    cmocka_unit_test(decision_clear),
	    cmocka_unit_test(decision_guardrail),
	    cmocka_unit_test(decision_nothing),
	    cmocka_unit_test(checks_and_warnings),
	    cmocka_unit_test(segment_srm),
	    cmocka_unit_test(economics_entries),
	    cmocka_unit_test(names_verbatim),
	    cmocka_unit_test(csv_pairs),
	};
	uplift_stats_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
