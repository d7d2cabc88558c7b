/*
 * test_headline.c - the rule of every sentence on an effect (src/headline.c):
 * never "not distinguishable from zero" beside an interval that excludes 0
 * (issue 15: "满80减15 对转化率的影响与零无法区分 (+10.6% [+0.2%, +22.1%])"),
 * "does not survive the correction over N comparisons" instead, with N the
 * size of the family; "significant" only for what is significant after the
 * correction; untested metrics described, never tested. Checked over a grid
 * of hand-built comparisons (every combination of where the two intervals
 * lie, significance, p adj, tested, small), in English and Chinese.
 */
#include "decision_fixture.h"
#include "../../src/headline.h"

/* The sentence on c (baseline control, family n) as voice v writes it (free() it). */
static char *sentence(const struct uplift_voice *v, const struct uplift_comparison *c, size_t n)
{
	struct capture cap;

	uplift_headline_write(capture_begin(&cap), v, c, 0, n);
	capture_end(&cap);
	return cap.buf;
}

/* Computed here, not by the code under test: an interval of c lies on one side of 0. */
static bool off_zero(const struct uplift_comparison *c)
{
	return (isfinite(c->diff_lo) && c->diff_lo > 0) ||
	       (isfinite(c->diff_hi) && c->diff_hi < 0) ||
	       (isfinite(c->lift_lo) && c->lift_lo > 0) || (isfinite(c->lift_hi) && c->lift_hi < 0);
}

/* Where an interval lies: above 0, across it, below it, unknown. */
static const double where[4][2] = {{.2, 1.5}, {-.5, 1.5}, {-1.5, -.2}, {NAN, NAN}};

static void never_indistinct_beside_an_interval_off_zero(void **state)
{
	static const double p_adj[] = {0.001, 0.049, 0.21, NAN};
	struct hand h;
	size_t cases = 0, surviving = 0, indistinct = 0;

	hand_coffee(&h);
	for (int zh = 0; zh < 2; zh++)
		for (int tested = 0; tested < 2; tested++)
			for (int d = 0; d < 4; d++)
				for (int l = 0; l < 4; l++)
					for (int k = 0; k < 4; k++)
						for (int sig = 0; sig < 2; sig++)
							for (int small = 0; small < 2; small++) {
								const struct uplift_voice v = {
								    &uplift_markup_markdown, &h.r,
								    zh};
								struct uplift_comparison c;
								double est =
								    where[d][0] == where[d][0]
									? (where[d][0] +
									   where[d][1]) /
									      2
									: 0.3;
								char *s;

								h_set(&c, -1, 0, 2, 0,
								      tested ? UPLIFT_CONVERSION
									     : UPLIFT_DISCOUNT,
								      est, where[d][0], where[d][1],
								      l == 3 ? NAN : est / 10,
								      where[l][0] / 10,
								      where[l][1] / 10, p_adj[k],
								      p_adj[k]);
								/* significant as the library sets
								 * it, and the inconsistent case too
								 */
								c.significant =
								    tested &&
								    (sig ? true : p_adj[k] < 0.05);
								c.small = small;
								s = sentence(&v, &c, 12);
								cases++;
								if (off_zero(&c)) {
									assert_lacks(
									    s,
									    "not distinguishable");
									assert_lacks(s, "无法区分");
								}
								if (!tested) {
									assert_has(
									    s, zh ? "不做检验"
										  : "not tested");
									assert_lacks(s, zh ? "校正后 p" : "p adj");
									assert_lacks(
									    s, zh ? "显著"
										  : "significant");
								} else if (c.significant) {
									assert_has(
									    s,
									    zh ? "后显著"
									       : "significant "
										 "after the Holm "
										 "correction over "
										 "12 comparisons");
									if (zh)
										assert_has(
										    s,
										    "经 Holm "
										    "校正（共 12 "
										    "项比较）后显"
										    "著");
								} else {
									/* "significant" is said of
									 * nothing that is not */
									assert_lacks(
									    s, zh ? "后显著"
										  : " significant");
									if (off_zero(&c) &&
									    isfinite(
										c.p_adjusted)) {
										assert_has(
										    s,
										    zh ? "未能通过"
											 "共 12 "
											 "项比较的 "
											 "Holm 校正"
										       : "does not "
											 "survive "
											 "the "
											 "correctio"
											 "n: Holm "
											 "over 12 "
											 "compariso"
											 "ns");
										surviving++;
									}
									if (strstr(s,
										   zh ? "无法区分"
										      : "not "
											"distinguis"
											"hable"))
										indistinct++;
								}
								if (small && c.significant)
									assert_has(
									    s,
									    zh ? "只能当作个例"
									       : "not a finding");
								free(s);
							}
	/* the grid reaches every branch */
	assert_int_equal(cases, 2 * 2 * 4 * 4 * 4 * 2 * 2);
	assert_true(surviving > 0);
	assert_true(indistinct > 0);
}

/* The case: +10.6% [+0.2%, +22.1%], p adj 0.21 over 12 comparisons. */
static void the_seed_48_headline(void **state)
{
	struct hand h;
	struct uplift_comparison c;
	const struct uplift_voice en = {&uplift_markup_markdown, &h.r, false};
	const struct uplift_voice zh = {&uplift_markup_markdown, &h.r, true};
	char *s;

	hand_coffee(&h);
	h_set(&c, -1, 0, 2, 0, UPLIFT_CONVERSION, .0094, .0002, .0187, .106, .002, .221, .031, .21);
	assert_int_equal(uplift_headline_classify(&c), UPLIFT_HEADLINE_NOT_SURVIVING);
	s = sentence(&en, &c, 12);
	assert_string_equal(s,
			    "满80减15 vs control on conversion: +10.6% [+0.2%, +22.1%] relative (+0.94 pp); "
			    "the interval excludes 0, but the effect does not survive the "
			    "correction: Holm over 12 comparisons (p 0.0310, p adj 0.2100).");
	free(s);
	s = sentence(&zh, &c, 12);
	assert_string_equal(
	    s, "满80减15 相比不触达的转化率：相对 +10.6% [+0.2%, +22.1%]（+0.94 个百分点）；区间不含 "
	       "0，但未能通过共 12 项比较的 Holm 校正（p = 0.0310，校正后 p = 0.2100）。");
	free(s);
	/* with no correction the interval and the test can still disagree; said so */
	h.an.opt.correction = UPLIFT_NONE;
	c.p_adjusted = c.p = 0.052;
	s = sentence(&en, &c, 12);
	assert_has(s, "the interval excludes 0, but the test is not significant (p 0.0520 ≥ 0.05");
	assert_lacks(s, "not distinguishable");
	free(s);
}

static void each_kind_its_sentence(void **state)
{
	struct hand h;
	struct uplift_comparison c;
	const struct uplift_voice en = {&uplift_markup_markdown, &h.r, false};
	char *s;

	hand_coffee(&h);
	/* significant: bold arm, the direction, the family */
	s = sentence(&en, &h.cmp[3], 8);
	assert_string_equal(s, "**8折券** lowered average order value vs control: -11.9% [-15.6%, "
			       "-8.0%] relative (-4.78), significant after the Holm correction over 8 "
			       "comparisons (p adj 1.5e-07).");
	free(s);
	/* indistinct: every interval includes 0 */
	s = sentence(&en, &h.cmp[5], 8);
	assert_string_equal(
	    s, "满80减15's effect on conversion vs control is not distinguishable from "
	       "zero: +6.4% [-1.7%, +15.2%] relative (+0.68 pp), p adj 0.2528.");
	free(s);
	/* described: no lift (control has no discount), no p */
	s = sentence(&en, &h.cmp[2], 8);
	assert_string_equal(s, "8折券 vs control, coupon cost per user: +0.99 [+0.93, +1.05] (a "
			       "description, not tested).");
	free(s);
	/* the one-buyer ratio: an estimate, no interval, no p */
	c = h.cmp[3];
	c.diff_lo = c.diff_hi = c.lift_lo = c.lift_hi = c.p = c.p_adjusted = NAN;
	c.significant = false;
	c.reason = "a ratio needs at least 2 buyers in each arm";
	assert_int_equal(uplift_headline_classify(&c), UPLIFT_HEADLINE_NO_TEST);
	s = sentence(&en, &c, 8);
	assert_has(s, "not testable (a ratio needs at least 2 buyers in each arm)");
	assert_lacks(s, "distinguishable");
	free(s);
	c.diff = c.lift = NAN;
	assert_int_equal(uplift_headline_classify(&c), UPLIFT_HEADLINE_NONE);
	s = sentence(&en, &c, 8);
	assert_has(s, "not computable (a ratio needs");
	free(s);
}

/* The family: tested comparisons with a p-value, of one column only. */
static void family_size(void **state)
{
	struct hand h;

	hand_coffee(&h);
	/* 2 coupons x 4 tested metrics overall; discount is not tested */
	assert_int_equal(uplift_headline_family(h.cmp, H_CMP, -1), 8);
	/* per rfm_segment: 3 values x 8, less the two aov cells of 重要发展客户 with no p */
	assert_int_equal(uplift_headline_family(h.cmp, H_CMP, 0), 22);
	assert_int_equal(uplift_headline_family(h.pairs, H_PAIRS, -1), 4);
	assert_int_equal(uplift_headline_family(h.cmp, H_CMP, 5), 0);
}

/* Arms by their label in Chinese, escaped for Markdown; metrics in words. */
static void names(void **state)
{
	struct hand h;
	const struct uplift_voice en = {&uplift_markup_markdown, &h.r, false};
	const struct uplift_voice zh = {&uplift_markup_markdown, &h.r, true};
	char buf[UPLIFT_MARKUP_SIZE];

	hand_coffee(&h);
	assert_string_equal(uplift_headline_arm(&en, 0, buf), "control");
	assert_string_equal(uplift_headline_arm(&zh, 0, buf), "不触达");
	assert_string_equal(uplift_headline_arm(&zh, 1, buf), "8折券");
	h.arm_names[1] = "8折<b>|*";
	assert_string_equal(uplift_headline_arm(&en, 1, buf), "8折&lt;b&gt;\\|\\*");
	assert_string_equal(uplift_headline_metric(&en, UPLIFT_PROFIT), "gross profit per user");
	assert_string_equal(uplift_headline_metric(&zh, UPLIFT_AOV), "客单价");
	assert_string_equal(uplift_headline_correction(&h.an), "Holm");
	h.an.opt.correction = UPLIFT_BH;
	assert_string_equal(uplift_headline_correction(&h.an), "Benjamini-Hochberg");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(never_indistinct_beside_an_interval_off_zero),
	    cmocka_unit_test(the_seed_48_headline),
	    cmocka_unit_test(each_kind_its_sentence),
	    cmocka_unit_test(family_size),
	    cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
