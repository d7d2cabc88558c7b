/*
 * test_decision_words.c - the decision in plain words that opens analyze's
 * table and Markdown and report.md (src/decision_words.c,
 * decision_unclear.c, decision_findings.c), on results built by hand
 * (decision_fixture.h) with the decision, checks, pairs and plan set as the
 * library sets them: which coupon, to whom, what it earns per user and over
 * the users of the test, the one caveat that matters, and every effect
 * significant after correction, whatever its metric.
 */
#include "decision_fixture.h"
#include "../../src/decision_words.h"

/* The block alone, as v writes it (free() it). */
static char *block(struct hand *h, bool zh, bool markdown)
{
	const struct uplift_voice v = {markdown ? &uplift_markup_markdown : &uplift_markup_text,
				       &h->r, zh};
	struct capture c;

	uplift_decision_words_write(capture_begin(&c), &v);
	capture_end(&c);
	return c.buf;
}

/* How many times needle occurs in s. */
static size_t occurrences(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The table opens with the decision, before the arms; Markdown too, as a section. */
static void decision_comes_first(void **state)
{
	struct hand h;
	char *t, *md;

	hand_coffee(&h);
	t = hand_written(&h, UPLIFT_FMT_TABLE);
	md = hand_written(&h, UPLIFT_FMT_MARKDOWN);
	assert_has(t,
		   "sample ratio: ok (chi2 2.59, df 2, p 0.2741)\n\n"
		   "Decision: which coupon next week, and to whom (95% intervals)\n\n"
		   "  Send 满80减15 to everyone next week. It has the highest gross profit per "
		   "user and beats every other arm (each 95% interval above 0): +0.60 [+0.02, "
		   "+1.18] over the runner-up 8折券.\n"
		   "  满80减15 vs control: +1.26 [+0.56, +1.96] gross profit per user; over the "
		   "30,000 users of the test, +37,800 [+16,800, +58,800] in all.\n"
		   "  Caveat: none flagged (users per arm match the plan; the guardrails hold).\n");
	assert_true(strstr(t, "Decision:") < strstr(t, "Arms ("));
	assert_has(md, "## Decision: which coupon next week, and to whom (95% intervals)\n\n"
		       "- **Send 满80减15 to everyone next week.** It has");
	assert_true(strstr(md, "## Decision") < strstr(md, "## Arms"));
	/* inside report.md the report writes the block itself, in its language */
	h.r.embedded = true;
	free(md);
	md = hand_written(&h, UPLIFT_FMT_MARKDOWN);
	assert_lacks(md, "Decision");
	assert_lacks(md, "Send 满80减15");
	free(t);
	free(md);
}

/* Every effect significant after correction is named, whatever its metric, against control and head
 * to head. */
static void every_significant_effect_is_named(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	s = block(&h, false, false);
	assert_has(s,
		   "  Significant against control after the Holm correction over 8 comparisons:\n"
		   "    8折券 · conversion: +18.3% [+9.5%, +27.8%] relative (+1.93 pp), p adj 0.0002\n"
		   "    8折券 · revenue per user: +20.5% [+7.5%, +35.1%] relative (+1.77), p adj 0.0103\n"
		   "    8折券 · average order value: -11.9% [-15.6%, -8.0%] relative (-4.78), p adj "
		   "1.5e-07\n");
	assert_has(s,
		   "  Head to head (coupon vs coupon), significant after the Holm correction "
		   "over 4 comparisons:\n"
		   "    满80减15 vs 8折券 · conversion: -10.0% [-17.0%, -3.0%] relative (-1.25 pp), p adj "
		   "0.0240\n");
	/* an interval off 0 that does not survive is listed as not a finding, never as one */
	assert_has(s,
		   "  Interval excludes 0, but not significant after the correction (not "
		   "findings):\n"
		   "    8折券 · gross profit per user: +12.8% [+0.4%, +26.7%] relative (+0.66), p 0.0431, "
		   "p adj 0.1293\n");
	/* the coupon's cost is not tested: never among the findings */
	assert_lacks(s, "coupon cost per user");
	free(s);

	/*
	 * Cookie Cats: the only finding is a drop in 7-day retention (-4.3%, p adj
	 * 0.0047), the decision metric shows nothing; the block still names it.
	 */
	for (size_t i = 0; i < H_CMP; i++)
		if (h.cmp[i].column == -1) {
			h.cmp[i].significant = false;
			h.cmp[i].p_adjusted = 0.6;
			h.cmp[i].diff_lo = -fabs(h.cmp[i].diff) - 1;
			h.cmp[i].lift_lo = -1;
			h.cmp[i].diff_hi = h.cmp[i].lift_hi = 9;
		}
	h.cmp[5].metric = UPLIFT_REPURCHASE;
	h.cmp[5].diff = -.0082;
	h.cmp[5].diff_lo = -.0139;
	h.cmp[5].diff_hi = -.0025;
	h.cmp[5].lift = -.043;
	h.cmp[5].lift_lo = -.072;
	h.cmp[5].lift_hi = -.013;
	h.cmp[5].p_adjusted = .0047;
	h.cmp[5].significant = true;
	hand_not_clear(&h);
	s = block(&h, false, false);
	assert_has(s, "No clear winner on gross profit per user: keep testing.");
	assert_has(s, "    满80减15 · repurchase: -4.3% [-7.2%, -1.3%] relative (-0.82 pp), p adj 0.0047\n");
	free(s);
	/* and with nothing significant, it says so with the family's size */
	h.cmp[5].significant = false;
	h.cmp[5].p_adjusted = 0.3;
	h.pairs[0].significant = h.pairs[3].significant = false;
	s = block(&h, false, false);
	assert_has(s, "  No effect against control is significant after the Holm correction over 8 "
		      "comparisons.\n");
	assert_has(s,
		   "  Head to head (coupon vs coupon): no difference is significant after the Holm "
		   "correction over 4 comparisons.\n");
	free(s);
}

/* No clear winner: keep testing, the users per arm that would settle it, and "send X only if". */
static void no_clear_winner(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	hand_not_clear(&h);
	s = block(&h, false, true);
	assert_has(s,
		   "- **No clear winner on gross profit per user: keep testing.** 满80减15 leads "
		   "8折券 by +0.50 [-0.75, +1.75], an interval that includes 0.\n"
		   "- A test of about 12,400 users per arm (this one had 9,991 and 10,118) would "
		   "tell 满80减15 from 8折券 at the difference seen (80% power, level 0.05).\n"
		   "- Until then, send 满80减15 only if trailing 8折券 by up to 0.75 per user is "
		   "acceptable (the low end of the interval).\n"
		   "- 满80减15 vs control: +1.26 [+0.56, +1.96] gross profit per user; over the "
		   "30,000 users of the test, +37,800 [+16,800, +58,800] in all.\n"
		   "- *Caveat*: the lead is not clear: 满80减15 vs 8折券 +0.50 [-0.75, +1.75] "
		   "includes 0.\n");
	assert_lacks(s, "Send 满80减15 to everyone");
	free(s);
	/* an A/A test: the users needed dwarf the test: practically the same */
	h.an.decision.users_per_arm = 4.2e7;
	s = block(&h, false, false);
	assert_has(
	    s, "about 42,000,000 users per arm (this one had 9,991 and 10,118) would tell "
	       "满80减15 from 8折券 at the difference seen (80% power, level 0.05): so many that "
	       "the two are, in practice, equally good on gross profit per user; choose on cost "
	       "or other grounds.\n");
	free(s);
	/* not computable */
	h.an.decision.users_per_arm = NAN;
	h.an.decision.reason = "no variance in either arm";
	s = block(&h, false, false);
	assert_has(s, "How many users would settle it cannot be estimated (no variance in either "
		      "arm).\n");
	free(s);
	/* the leader is control: keep it only if missing what the coupon may bring is acceptable */
	h.an.decision.leader = 0;
	h.an.decision.runner_up = 2;
	s = block(&h, false, false);
	assert_has(s,
		   "Until then, keep control (no coupon) only if missing up to 0.75 per user that "
		   "满80减15 may bring is acceptable (the low end of the interval).\n");
	assert_lacks(s, "control vs control");
	free(s);
}

static void guardrail_fails(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	hand_guardrail(&h);
	s = block(&h, false, false);
	assert_has(s,
		   "  Do not ship 满80减15 yet: a guardrail fails. 满80减15 has the highest gross "
		   "profit per user and beats every other arm (+0.60 [+0.02, +1.18] over 8折券), "
		   "but its average order value change vs control may be as low as -7.2%, below "
		   "the margin of -5.0%.\n"
		   "  Send 满80减15 only if a change in average order value as low as -7.2% is "
		   "acceptable.\n");
	assert_has(s,
		   "  Caveat: the average order value guardrail fails: the change vs control may "
		   "be as low as -7.2%, below the margin of -5.0%.\n");
	free(s);
}

/* Control beats every coupon: send none. */
static void control_wins(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	h.an.decision.leader = h.an.decision.ship = 0;
	h.an.decision.runner_up = 2;
	h.an.decision.diff = .30;
	h.an.decision.diff_lo = .05;
	h.an.decision.diff_hi = .55;
	s = block(&h, true, true);
	assert_has(s, "- **下周不发券（保持不触达）**。不触达的人均毛利最高，且高于每一种券（95% "
		      "区间均在 0 以上）：比第二名 满80减15 高 +0.30 [+0.05, +0.55] 元。\n"
		      "- 不触达 相比满80减15：人均毛利 +0.30 [+0.05, +0.55] 元；按本次实验 30,000 "
		      "名用户计，合计 +9,000 [+1,500, +16,500] 元。\n");
	free(s);
}

/* A decision whose fields do not add up (the library's zeros) is no decision, never "send control".
 */
static void no_decision(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	memset(&h.an.decision, 0, sizeof(h.an.decision));
	s = block(&h, false, false);
	assert_has(s, "  No decision: the arms cannot be compared on conversion.\n");
	assert_lacks(s, "Send");
	free(s);
	h.an.decision.why = UPLIFT_DECISION_NO_METRIC;
	h.an.decision.metric = UPLIFT_PROFIT;
	h.an.decision.leader = h.an.decision.runner_up = h.an.decision.ship = SIZE_MAX;
	h.an.decision.targeting = -1;
	s = block(&h, true, true);
	assert_has(s, "- **无法给出决策：数据中没有人均毛利**。\n");
	free(s);
	/* a leader past the last arm */
	hand_coffee(&h);
	h.an.decision.leader = h.an.decision.ship = 7;
	s = block(&h, false, false);
	assert_has(s, "No decision: the arms cannot be compared on gross profit per user.");
	free(s);
}

/* To whom: the plan when the decision names its column and its gain is above 0. */
static void targeting(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	h.an.decision.targeting = 0;
	h.plan.gain = .4;
	h.plan.gain_lo = .1;
	h.plan.gain_hi = .7;
	s = block(&h, false, true);
	assert_has(
	    s, "- **Send by rfm\\_segment next week, each segment its best arm:** 重要价值客户 "
	       "→ 满80减15; 重要发展客户 → 8折券; 重要保持客户 → 满80减15.\n"
	       "- The plan beats sending everyone 满80减15 by +0.40 [+0.10, +0.70] gross profit "
	       "per user (cross-fitted); over the 30,000 users of the test, +12,000 [+3,000, "
	       "+21,000] in all.\n");
	assert_lacks(s, "to everyone next week");
	free(s);
	s = block(&h, true, true);
	assert_has(
	    s, "- **下周按 rfm\\_segment 分群发券，每个分群发它最好的一组**：重要价值客户 → "
	       "满80减15；重要发展客户 → 8折券；重要保持客户 → 满80减15。\n"
	       "- 比给所有人发 满80减15 每人多 +0.40 [+0.10, +0.70] 元（人均毛利，交叉拟合估计）"
	       "；按本次实验 30,000 名用户计，合计 +12,000 [+3,000, +21,000] 元。\n");
	free(s);
	/* a plan whose gain includes 0 is never offered, whatever the column */
	h.plan.gain_lo = -.37;
	s = block(&h, false, false);
	assert_lacks(s, "Send by");
	assert_has(s, "Send 满80减15 to everyone next week.");
	free(s);
}

/* One caveat, the one that matters: sample ratio > segment ratio > guardrail > not clear > small.
 */
static void one_caveat_by_priority(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	hand_guardrail(&h);
	hand_segment_srm(&h);
	h.an.srm.mismatch = true;
	h.an.srm.p = 2.1e-5;
	h.cmp[4].small = true;
	s = block(&h, false, false);
	assert_int_equal(occurrences(s, "Caveat"), 1);
	assert_has(s, "  Caveat: users per arm do not match the planned weights (sample ratio p "
		      "2.1e-05): check the assignment before acting on any of this.\n");
	free(s);
	h.an.srm.mismatch = false;
	s = block(&h, false, false);
	assert_has(s, "  Caveat: within rfm_segment = 重要保持客户 users are not split as planned "
		      "(adjusted p 0.0004): check how users of this segment were assigned before "
		      "reading its rows.\n");
	free(s);
	s = block(&h, true, false);
	assert_has(s, "  注意：rfm_segment = 重要保持客户 分群内各组人数与计划比例不符（校正后 p "
		      "0.0004）：先检查该分群的用户是如何分组的，再解读该分群的结果。\n");
	free(s);
	h.an.n_checks = 0;
	s = block(&h, false, false);
	assert_has(s, "  Caveat: the average order value guardrail fails");
	free(s);
	hand_coffee(&h);
	hand_not_clear(&h);
	h.cmp[4].small = true;
	s = block(&h, false, false);
	assert_has(s, "  Caveat: the lead is not clear");
	free(s);
	hand_coffee(&h);
	h.cmp[4].small = true;
	s = block(&h, false, false);
	assert_has(s, "  Caveat: the cells are small (fewer than 30 users in an arm, or 5 events): "
		      "read this as an anecdote, not a finding.\n");
	free(s);
	/* the overall sample-ratio check counts as well as the srm flag */
	hand_coffee(&h);
	h.checks[h.an.n_checks++] = (struct uplift_check){.code = UPLIFT_CHECK_SRM,
							  .severity = UPLIFT_CHECK_WARNING,
							  .column = -1,
							  .chi2 = 30,
							  .df = 2,
							  .p = 3e-7,
							  .p_adjusted = 3e-7,
							  .arm = -1,
							  .metric = UPLIFT_N_METRICS};
	s = block(&h, false, false);
	assert_has(s, "(sample ratio p 3.0e-07)");
	free(s);
}

/* In Chinese: arms by their label, money in 元, the same rules. */
static void chinese(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	s = block(&h, true, true);
	assert_has(
	    s, "- **下周给所有用户发 满80减15**。它的人均毛利最高，且高于其他各组（95% 区间均在 0 "
	       "以上）：比第二名 8折券 高 +0.60 [+0.02, +1.18] 元。\n"
	       "- 满80减15 相比不触达：人均毛利 +1.26 [+0.56, +1.96] 元；按本次实验 30,000 "
	       "名用户计，合计 +37,800 [+16,800, +58,800] 元。\n"
	       "- *注意*：无（各组人数与计划比例一致，护栏指标均达标）。\n"
	       "- 相比不触达，经 Holm 校正（共 8 项比较）后显著的效果：\n"
	       "  - 8折券 · 转化率：相对 +18.3% [+9.5%, +27.8%]（+1.93 个百分点），校正后 p = 0.0002\n");
	assert_has(s, "- 区间不含 0、但校正后不显著（不能当作结论）：\n");
	assert_lacks(s, "control");
	free(s);
	/* a rate as the decision metric: extra buyers, not money */
	h.an.decision.metric = UPLIFT_CONVERSION;
	h.an.decision.leader = h.an.decision.ship = 1;
	h.an.decision.runner_up = 2;
	s = block(&h, true, false);
	assert_has(
	    s, "  8折券 相比不触达：转化率 +1.93 个百分点 [+1.04, +2.81]；按本次实验 30,000 名用户计，"
	       "购买用户 +579 [+312, +843] 人。\n");
	free(s);
	s = block(&h, false, false);
	assert_has(
	    s, "  8折券 vs control: +1.93 pp [+1.04, +2.81] conversion; over the 30,000 users of "
	       "the test, +579 [+312, +843] buyers.\n");
	free(s);
	/* aov is per order: no total over users */
	h.an.decision.metric = UPLIFT_AOV;
	s = block(&h, false, false);
	assert_has(s, "  8折券 vs control: -4.78 [-6.44, -3.13] average order value.\n");
	free(s);
}

/* Names from the data are escaped in the block as in the tables. */
static void names_are_escaped(void **state)
{
	struct hand h;
	char *s;

	hand_coffee(&h);
	h.arm_names[2] = "满80减15<script>|";
	h.values[0] = "a*b_c";
	h.an.decision.targeting = 0;
	h.plan.gain_lo = .1;
	s = block(&h, false, true);
	assert_lacks(s, "<script>");
	assert_has(s, "满80减15&lt;script&gt;\\|");
	assert_has(s, "a\\*b\\_c → ");
	free(s);
	s = block(&h, false, false);
	assert_has(s, "满80减15<script>|");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decision_comes_first),
	    cmocka_unit_test(every_significant_effect_is_named),
	    cmocka_unit_test(no_clear_winner),
	    cmocka_unit_test(guardrail_fails),
	    cmocka_unit_test(control_wins),
	    cmocka_unit_test(no_decision),
	    cmocka_unit_test(targeting),
	    cmocka_unit_test(one_caveat_by_priority),
	    cmocka_unit_test(chinese),
	    cmocka_unit_test(names_are_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
