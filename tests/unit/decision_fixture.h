/*
 * decision_fixture.h - a result built by hand, with every field of issue 15
 * set as the library sets it (tested, pairs, decision, checks, economics per
 * segment, the plan), for the tests of what a manager reads: the decision
 * words, the tables and report.md (test_decision_words.c, test_report.c).
 *
 * The numbers are those of experiments/coffee-w47 as `uplift analyze
 * experiments/coffee-w47 --by rfm_segment` printed them (30,000 users, three
 * arms); the writers only word them, so the tests check words and marks,
 * not statistics. Everything lives in one struct hand: no allocation.
 */
#ifndef UPLIFT_DECISION_FIXTURE_H
#define UPLIFT_DECISION_FIXTURE_H

#include "capture.h"
#include "uplift_analysis.h"
#include "uplift_date.h"
#include "uplift_format.h"
#include "uplift_plan.h"
#include "uplift_report.h"

#define H_ARMS    3
#define H_METRICS 5 /* conversion, revenue, discount, aov, profit */
#define H_VALUES  3
#define H_CMP     (2 * H_METRICS * (1 + H_VALUES))
#define H_PAIRS   (H_METRICS * (1 + H_VALUES))
#define H_ECON    (2 * (1 + H_VALUES))

static const enum uplift_metric h_metric[H_METRICS] = {UPLIFT_CONVERSION, UPLIFT_REVENUE,
						       UPLIFT_DISCOUNT, UPLIFT_AOV, UPLIFT_PROFIT};

struct hand {
	struct uplift_arm_def arm_defs[H_ARMS];
	struct uplift_experiment exp;
	const char *arm_names[H_ARMS];
	const char *values[H_VALUES];
	struct uplift_segment_cell cells[H_VALUES * H_ARMS];
	struct uplift_analysis_column column;
	struct uplift_arm_summary arms[H_ARMS];
	struct uplift_comparison cmp[H_CMP];
	struct uplift_comparison pairs[H_PAIRS];
	struct uplift_best best[H_VALUES];
	struct uplift_segment_srm seg_srm[H_VALUES];
	struct uplift_economics econ[H_ECON];
	struct uplift_check checks[4];
	struct uplift_plan_row plan_rows[H_VALUES];
	struct uplift_plan plan;
	struct uplift_plan *plans[1];
	struct uplift_analysis an;
	struct uplift_result r;
};

/* One comparison: diff [lo, hi], lift [lo, hi], p, p adj (NaN for an untested metric). */
static inline void h_set(struct uplift_comparison *c, long column, size_t value, size_t arm,
			 size_t baseline, enum uplift_metric m, double d, double dlo, double dhi,
			 double l, double llo, double lhi, double p, double pa)
{
	memset(c, 0, sizeof(*c));
	c->column = column;
	c->value = value;
	c->arm = arm;
	c->baseline = baseline;
	c->metric = m;
	c->tested = uplift_metric_tested(NULL, m);
	c->n_control = c->n_treatment = 10000;
	c->diff = d;
	c->diff_lo = dlo;
	c->diff_hi = dhi;
	c->lift = l;
	c->lift_lo = llo;
	c->lift_hi = lhi;
	c->p = c->tested ? p : NAN;
	c->p_adjusted = c->tested ? pa : NAN;
	c->significant = c->tested && pa < 0.05;
	c->chance_to_win = NAN;
	c->control = 1;
	c->treatment = 1 + d;
}

/* The overall comparisons of coffee-w47 (arm 1 = 8折券, arm 2 = 满80减15), into c[0..10). */
static inline void h_overall(struct uplift_comparison *c, long column, size_t value)
{
	size_t i = 0;

	h_set(&c[i++], column, value, 1, 0, UPLIFT_CONVERSION, .0193, .0104, .0281, .183, .095,
	      .278, 1.9e-5, 2e-4);
	h_set(&c[i++], column, value, 1, 0, UPLIFT_REVENUE, 1.77, .68, 2.85, .205, .075, .351,
	      .0015, .0103);
	h_set(&c[i++], column, value, 1, 0, UPLIFT_DISCOUNT, .99, .93, 1.05, NAN, NAN, NAN, 0, 0);
	h_set(&c[i++], column, value, 1, 0, UPLIFT_AOV, -4.78, -6.44, -3.13, -.119, -.156, -.080,
	      1.4e-8, 1.5e-7);
	h_set(&c[i++], column, value, 1, 0, UPLIFT_PROFIT, .66, .02, 1.30, .128, .004, .267, .0431,
	      .1293);
	h_set(&c[i++], column, value, 2, 0, UPLIFT_CONVERSION, .0068, -.0019, .0154, .064, -.017,
	      .152, .1264, .2528);
	h_set(&c[i++], column, value, 2, 0, UPLIFT_REVENUE, 2.27, 1.09, 3.44, .263, .121, .423,
	      .0002, .0015);
	h_set(&c[i++], column, value, 2, 0, UPLIFT_DISCOUNT, .26, .22, .29, NAN, NAN, NAN, 0, 0);
	h_set(&c[i++], column, value, 2, 0, UPLIFT_AOV, 2.57, .72, 4.41, .064, .018, .112, .0064,
	      .032);
	h_set(&c[i++], column, value, 2, 0, UPLIFT_PROFIT, 1.26, .56, 1.96, .243, .103, .401, .0004,
	      .0035);
}

/* 满80减15 vs 8折券, into c[0..5). */
static inline void h_pairs(struct uplift_comparison *c, long column, size_t value)
{
	size_t i = 0;

	h_set(&c[i++], column, value, 2, 1, UPLIFT_CONVERSION, -.0125, -.0215, -.0036, -.100, -.17,
	      -.03, .006, .024);
	h_set(&c[i++], column, value, 2, 1, UPLIFT_REVENUE, .50, -.75, 1.75, .048, -.07, .17, .43,
	      .86);
	h_set(&c[i++], column, value, 2, 1, UPLIFT_DISCOUNT, -.73, -.79, -.67, -.74, -.78, -.70, 0,
	      0);
	h_set(&c[i++], column, value, 2, 1, UPLIFT_AOV, 7.35, 5.6, 9.1, .207, .16, .26, 1e-10,
	      4e-10);
	h_set(&c[i++], column, value, 2, 1, UPLIFT_PROFIT, .60, .02, 1.18, .103, .003, .20, .043,
	      .129);
}

static inline void h_econ(struct uplift_economics *e, long column, size_t value, size_t arm)
{
	memset(e, 0, sizeof(*e));
	e->column = column;
	e->value = value;
	e->arm = arm;
	if (arm == 1) {
		e->discount_per_user = .99;
		e->revenue = (struct uplift_interval){1.77, .68, 2.85};
		e->profit = (struct uplift_interval){.66, .02, 1.30};
		e->cost_per_incremental_buyer = (struct uplift_interval){51.49, 33.2, 95.1};
		e->redemption_rate = .1247;
		e->per_redeemer = (struct uplift_interval){14.15, 5.40, 22.91};
		e->incremental_share_of_redeemers = (struct uplift_interval){.15, .08, .23};
	} else {
		e->discount_per_user = .26;
		e->revenue = (struct uplift_interval){2.27, 1.09, 3.44};
		e->profit = (struct uplift_interval){1.26, .56, 1.96};
		e->cost_per_incremental_buyer = (struct uplift_interval){NAN, NAN, NAN};
		e->redemption_rate = .0171;
		e->per_redeemer = (struct uplift_interval){132.40, 60.77, 204.03};
		e->incremental_share_of_redeemers = (struct uplift_interval){.39, -.11, .90};
		e->reason = "conversion difference not above 0";
	}
}

/*
 * coffee-w47 by rfm_segment (three of its values), decided on profit: a
 * clear winner, 满80减15, whose guardrails hold; no check flagged; the plan
 * by rfm_segment does not beat sending everyone 满80减15. Tests change what
 * they need (decision.why, checks, plan gain) after calling this.
 */
static inline void hand_coffee(struct hand *h)
{
	static const char *const names[H_ARMS] = {"control", "8折券", "满80减15"};
	static const char *const values[H_VALUES] = {"重要价值客户", "重要发展客户",
						     "重要保持客户"};
	static const double users[H_ARMS] = {9891, 10118, 9991};
	struct uplift_decision *d;

	memset(h, 0, sizeof(*h));
	for (size_t a = 0; a < H_ARMS; a++) {
		h->arm_defs[a].name = (char *)names[a];
		h->arm_defs[a].name_len = strlen(names[a]);
		h->arm_defs[a].weight = 1;
		h->arm_names[a] = names[a];
		h->arms[a].users = users[a];
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			h->arms[a].metric[m] = (struct uplift_value){1 + a, 0.5 + a, 1.5 + a, NULL};
	}
	h->arm_defs[0].label = "不触达";
	h->exp.name = "T咖啡 会员发券 2026-W47";
	h->exp.control_name = "control";
	h->exp.start = uplift_date_from_civil(2026, 11, 16);
	h->exp.end = uplift_date_from_civil(2026, 11, 22);
	h->exp.has_window = true;
	h->exp.alpha = 0.05;
	h->exp.arms = h->arm_defs;
	h->exp.n_arms = H_ARMS;
	h->exp.has_economics = true;
	h->exp.gross_margin = 0.6;

	for (size_t v = 0; v < H_VALUES; v++) {
		h->values[v] = values[v];
		for (size_t a = 0; a < H_ARMS; a++)
			for (int m = 0; m < UPLIFT_N_METRICS; m++) {
				h->cells[v * H_ARMS + a].users[m] = v == 1 ? 29 : 1400;
				h->cells[v * H_ARMS + a].value[m] = 0.1 * (m + 1);
			}
	}
	h->column = (struct uplift_analysis_column){"rfm_segment", H_VALUES, h->values, h->cells};

	h_overall(h->cmp, -1, 0);
	h_pairs(h->pairs, -1, 0);
	for (size_t v = 0; v < H_VALUES; v++) {
		h_overall(h->cmp + 10 * (v + 1), 0, v);
		h_pairs(h->pairs + H_METRICS * (v + 1), 0, v);
	}
	/* 重要发展客户 is small, and its aov has one buyer in control: no interval, no p */
	for (size_t i = 10 * 2; i < 10 * 3; i++) {
		struct uplift_comparison *c = &h->cmp[i];
		c->small = true;
		c->significant = false;
		if (c->metric == UPLIFT_AOV) {
			c->diff_lo = c->diff_hi = c->lift = c->lift_lo = c->lift_hi = NAN;
			c->p = c->p_adjusted = NAN;
			c->reason = "a ratio needs at least 2 buyers in each arm";
		}
	}
	for (size_t i = H_METRICS * 2; i < H_METRICS * 3; i++)
		h->pairs[i].small = true;

	for (size_t v = 0; v < H_VALUES; v++) {
		struct uplift_best *b = &h->best[v];
		b->column = 0;
		b->value = v;
		b->arm = v == 1 ? 1 : 2;
		b->runner_up = v == 0 ? 1 : 0;
		b->clear = v == 0;
		b->cmp.small = v == 1;
		h->seg_srm[v] = (struct uplift_segment_srm){0, v, {1, 2, 0.5, false, NULL}, 1};
	}
	for (size_t a = 1; a < H_ARMS; a++) {
		h_econ(&h->econ[a - 1], -1, 0, a);
		for (size_t v = 0; v < H_VALUES; v++)
			h_econ(&h->econ[2 + 2 * v + (a - 1)], 0, v, a);
	}

	for (size_t v = 0; v < H_VALUES; v++)
		h->plan_rows[v] = (struct uplift_plan_row){v, 1400, v == 1 ? 1 : 2, 1, true};
	h->plan = (struct uplift_plan){.column = 0,
				       .metric = UPLIFT_PROFIT,
				       .seed = UPLIFT_PLAN_SEED,
				       .splits = UPLIFT_PLAN_SPLITS,
				       .rows = h->plan_rows,
				       .n_rows = H_VALUES,
				       .single_arm = 2,
				       .plan = 6.44,
				       .plan_lo = 5.9,
				       .plan_hi = 7.0,
				       .single = 6.43,
				       .single_lo = 5.87,
				       .single_hi = 6.98,
				       .gain = .01,
				       .gain_lo = -.37,
				       .gain_hi = .38};
	h->plans[0] = &h->plan;

	h->an.n_arms = H_ARMS;
	h->an.arm_names = h->arm_names;
	h->an.n_columns = 1;
	h->an.columns = &h->column;
	h->an.opt.alpha = 0.05;
	h->an.opt.correction = UPLIFT_HOLM;
	h->an.opt.decide = UPLIFT_REVENUE;
	h->an.opt.gross_margin = 0.6;
	h->an.control = 0;
	for (size_t i = 0; i < H_METRICS; i++)
		h->an.metrics |= UPLIFT_METRIC_BIT(h_metric[i]);
	h->an.srm = (struct uplift_srm_result){2.59, 2, 0.2741, false, NULL};
	h->an.arms = h->arms;
	h->an.cmp = h->cmp;
	h->an.n_cmp = H_CMP;
	h->an.pairs = h->pairs;
	h->an.n_pairs = H_PAIRS;
	h->an.best = h->best;
	h->an.n_best = H_VALUES;
	h->an.seg_srm = h->seg_srm;
	h->an.n_seg_srm = H_VALUES;
	h->an.econ = h->econ;
	h->an.n_econ = H_ECON;
	h->an.checks = h->checks;
	h->an.n_checks = 0;

	d = &h->an.decision;
	d->metric = UPLIFT_PROFIT;
	d->leader = d->ship = 2;
	d->runner_up = 1;
	d->leader_value = 6.43;
	d->runner_up_value = 5.83;
	d->diff = .60;
	d->diff_lo = .02;
	d->diff_hi = 1.18;
	d->clear = true;
	d->n_guardrails = 1;
	d->guardrails[0] = (struct uplift_guardrail){UPLIFT_AOV, -0.05, .018, true};
	d->why = UPLIFT_DECISION_CLEAR;
	d->users_per_arm = NAN;
	d->targeting = -1;

	h->r.exp = &h->exp;
	h->r.an = &h->an;
	h->r.plans = h->plans;
	h->r.n_plans = 1;
}

/* No clear winner: 满80减15 leads 8折券 on profit by +0.50 [-0.75, +1.75]; 12,400 users per arm
 * would settle it. */
static inline void hand_not_clear(struct hand *h)
{
	struct uplift_decision *d = &h->an.decision;

	d->ship = SIZE_MAX;
	d->clear = false;
	d->diff = .50;
	d->diff_lo = -.75;
	d->diff_hi = 1.75;
	d->users_per_arm = 12400;
	d->why = UPLIFT_DECISION_NOT_CLEAR;
}

/* A clear winner that fails its aov guardrail (-7.2% against a margin of -5%). */
static inline void hand_guardrail(struct hand *h)
{
	struct uplift_decision *d = &h->an.decision;

	d->ship = SIZE_MAX;
	d->guardrails[0] = (struct uplift_guardrail){UPLIFT_AOV, -0.05, -0.072, false};
	d->why = UPLIFT_DECISION_GUARDRAIL;
}

/* The per-segment sample ratio of 重要保持客户 flagged after Holm. */
static inline void hand_segment_srm(struct hand *h)
{
	h->checks[h->an.n_checks++] = (struct uplift_check){.code = UPLIFT_CHECK_SEGMENT_SRM,
							    .severity = UPLIFT_CHECK_WARNING,
							    .column = 0,
							    .value = 2,
							    .chi2 = 18.1,
							    .df = 2,
							    .p = 0.00012,
							    .p_adjusted = 0.00036,
							    .arm = -1,
							    .metric = UPLIFT_N_METRICS};
}

/* What uplift_format_write writes for h in fmt (free() it). */
static inline char *hand_written(struct hand *h, enum uplift_format fmt)
{
	struct uplift_error err;
	struct capture c;

	uplift_error_clear(&err);
	assert_int_equal(uplift_format_write(capture_begin(&c), fmt, &h->r, &err), UPLIFT_OK);
	capture_end(&c);
	return c.buf;
}

/* Whether s holds needle; prints s when it does not, so a failure shows the text. */
#define assert_has(s, needle)                                                                      \
	do {                                                                                       \
		if (!strstr((s), (needle))) {                                                      \
			print_error("--- text ---\n%s\n--- lacks ---\n%s\n", (s), (needle));       \
			fail();                                                                    \
		}                                                                                  \
	} while (0)
#define assert_lacks(s, needle)                                                                    \
	do {                                                                                       \
		const char *at_ = strstr((s), (needle));                                           \
		if (at_) {                                                                         \
			print_error("--- text ---\n%s\n--- has, at %ld ---\n%s\n", (s),            \
				    (long)(at_ - (s)), (needle));                                  \
			fail();                                                                    \
		}                                                                                  \
	} while (0)

#endif
