/*
 * test_report.c - report.md (src/report.c) on a result built by hand
 * (decision_fixture.h): it opens with the decision in plain words, in
 * English or Chinese (arms by their ini label, money in 元), names every
 * significant effect, words the rest by the headline rule, says a coupon
 * paid for itself only when that survives the correction, and keeps its
 * own headings and sentences in the report's language.
 */
#include "decision_fixture.h"

/* report.md of h in a fresh folder (free() it). */
static char *report(struct hand *h, bool zh)
{
	struct uplift_chart_list charts;
	struct uplift_report_options opt = {.zh = zh, .rendered = true, .source = "coffee-w47"};
	struct uplift_error err;
	char path[128], *md;
	const char *dir = temp_dir();

	memset(&charts, 0, sizeof(charts));
	uplift_error_clear(&err);
	assert_int_equal(uplift_report_write(dir, &h->r, &charts, &opt, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/report.md", dir);
	md = slurp(path);
	for (const char *f = "report.md\0summary.json\0comparisons.csv\0summary.xlsx\0report.html\0"; *f;
	     f += strlen(f) + 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, f);
		unlink(path);
	}
	rmdir(dir);
	return md;
}

/*
 * Every line of md that calls an effect indistinguishable from zero prints
 * only intervals that include 0: each "[lo, hi]" on it has lo <= 0 <= hi.
 * Returns how many such lines there were.
 */
static size_t indistinct_lines_hold(const char *md, const char *words)
{
	size_t n = 0;

	for (const char *line = md; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *l = strndup(line, len);

		assert_non_null(l);
		if (strstr(l, words)) {
			n++;
			for (char *p = strchr(l, '['); p; p = strchr(p + 1, '[')) {
				char *q;
				double lo = strtod(p + 1, &q), hi;
				if (q == p + 1 || (*q != '%' && *q != ','))
					continue;
				q += *q == '%';
				if (*q != ',')
					continue;
				hi = strtod(q + 1, NULL);
				if (!(lo <= 0 && hi >= 0)) {
					print_error("line says '%s' beside [%g, %g]: %s\n", words,
						    lo, hi, l);
					fail();
				}
			}
		}
		free(l);
		line += len + (end != NULL);
	}
	return n;
}

static void english_opens_with_the_decision(void **state)
{
	struct hand h;
	char *md;

	hand_coffee(&h);
	md = report(&h, false);
	assert_has(md,
		   "# T咖啡 会员发券 2026-W47 — weekly review\n\n"
		   "Window 2026-11-16 – 2026-11-22 (7 days) · 30,000 users · control: control\n\n"
		   "Sample ratio: users per arm match the planned weights (chi-square p = "
		   "0.274).\n\n"
		   "## Decision: which coupon next week, and to whom\n\n"
		   "- **Send 满80减15 to everyone next week.** It has the highest gross profit per "
		   "user and beats every other arm (each 95% interval above 0): +0.60 [+0.02, "
		   "+1.18] over the runner-up 8折券.\n"
		   "- 满80减15 vs control: +1.26 [+0.56, +1.96] gross profit per user; over the "
		   "30,000 users of the test, +37,800 [+16,800, +58,800] in all.\n"
		   "- *Caveat*: none flagged");
	assert_true(strstr(md, "## Decision") < strstr(md, "## The numbers behind it"));
	assert_true(strstr(md, "## The numbers behind it") < strstr(md, "## Appendix"));
	/* every significant effect, whatever its metric */
	assert_has(
	    md, "  - 8折券 · average order value: -11.9% [-15.6%, -8.0%] relative (-4.78), p adj "
		"1.5e-07\n");
	/* the rest of the decision metric and conversion, by the headline rule */
	assert_has(md,
		   "- 满80减15's effect on conversion vs control is not distinguishable from zero: "
		   "+6.4% [-1.7%, +15.2%] relative (+0.68 pp), p adj 0.2528.\n");
	assert_int_equal(indistinct_lines_hold(md, "not distinguishable"), 1);
	/* paid for itself only when the profit effect survives the correction */
	assert_has(md,
		   "- 满80减15: coupon cost 0.26 per user, incremental gross profit +1.26 [+0.56, "
		   "+1.96] per user — the coupon paid for itself.\n");
	assert_has(md, "- 8折券: coupon cost 0.99 per user, incremental gross profit +0.66 [+0.02, "
		       "+1.30] per user — the interval is above 0, but the profit effect does not "
		       "survive the Holm correction over 8 comparisons: not a finding yet.\n");
	/* the tables below have no second decision block */
	assert_null(strstr(strstr(md, "### Arms ("), "Decision"));
	/* how to read: every mark */
	assert_has(md, "marked ✓, when p adj < 0.05");
	assert_has(md, "A >> B when A is clearly ahead of B");
	assert_has(md, "*(small)*");
	assert_has(md, "never tested, and never in a correction family");
	free(md);
}

static void chinese_words_and_labels(void **state)
{
	struct hand h;
	char *md, *own;

	hand_coffee(&h);
	hand_not_clear(&h);
	md = report(&h, true);
	assert_has(
	    md, "## 结论：下周发什么券、发给谁\n\n"
		"- **人均毛利上没有明确的赢家：继续测试**。满80减15 领先 8折券 +0.50 [-0.75, "
		"+1.75] 元，区间包含 0。\n"
		"- 要在当前差异下分出 满80减15 与 8折券，每组约需 12,400 名用户（本次分别为 "
		"9,991 和 10,118；80% 检验效能，显著性水平 0.05）。\n"
		"- 在此之前，只有能接受比 8折券 每人最多少 0.75 元（区间下限）时，才发 满80减15。\n"
		"- 满80减15 相比不触达：人均毛利 +1.26 [+0.56, +1.96] 元；按本次实验 30,000 "
		"名用户计，合计 +37,800 [+16,800, +58,800] 元。\n"
		"- *注意*：领先并不明确");
	assert_has(
	    md,
	    "- 满80减15 相比不触达对转化率的影响与零无法区分：相对 +6.4% [-1.7%, +15.2%]（+0.68 "
	    "个百分点），校正后 p = 0.2528。\n");
	assert_int_equal(indistinct_lines_hold(md, "无法区分"), 1);
	assert_has(
	    md, "- 8折券：人均券成本 0.99 元，人均增量毛利 +0.66 [+0.02, +1.30] 元，区间在 0 以上，"
		"但未能通过共 8 项比较的 Holm 校正：尚不能下结论。\n");
	assert_has(md, "| 不触达 | 9,891 | 对照组 | – |");
	/* the report's own part (before the embedded tables) has no English sentence */
	own = strndup(md, (size_t)(strstr(md, "## 附录") - md));
	assert_non_null(own);
	for (const char *w = "Decision\0Caveat\0Significant\0Head to head\0Interval\0users of the "
			     "test\0Users per arm\0 vs control\0keep testing\0";
	     *w; w += strlen(w) + 1)
		assert_lacks(own, w);
	/* bold and emphasis close where CommonMark lets them (not between "。" and a letter) */
	assert_lacks(own, "。**");
	assert_lacks(own, "：**");
	assert_lacks(own, "：*");
	free(own);
	assert_has(md, "### 如何解读\n\n");
	assert_has(md, "\n## 术语表\n\n- **Holm 校正**：");
	assert_has(md, "### 指标定义\n\n- **转化率** (`conversion`)：活动期内至少下 1 单的用户占分组用户的比例。\n");
	assert_has(md, "A >> B 表示 A 明显领先 B");
	/* the tables too are in Chinese words: headings, headers, legends, notes */
	assert_has(
	    md, "### 各组指标（95% 置信区间）\n\n| 指标 | 不触达 | 8折券 | 满80减15 |\n");
	assert_has(md,
		   "### 相比对照组（不触达）的效果（95% 置信区间；比率的变化以百分点计）\n\n"
		   "| 组 | 指标 | 对照组 | 实验组 | 变化 [区间] | 相对变化 [区间] | p | 校正后 p | "
		   "胜出概率 |   |\n");
	assert_has(md, "| 8折券 | 转化率 | ");
	assert_has(
	    md, "✓ = 经 Holm 校正后显著（共 8 项比较，本表；校正后 p < 0.05）；（样本少）= 某组不足 30 "
		"人");
	assert_has(md, "### 券与券对比（95% 置信区间；比率的变化以百分点计）\n");
	assert_has(md,
		   "### 按 RFM 分群 · 人均收入：对照组的数值，各券相比对照组的相对变化 [95% "
		   "置信区间]；以及所有组中最好的一组\n");
	assert_has(md, "| 满80减15 >> 8折券 |");
	assert_has(
	    md, "方案并不优于给所有人发 满80减15（每人增益 +0.01 [-0.37, +0.38]，交叉拟合估计）："
		"给所有人发 满80减15\n");
	for (const char *w = "Arms (\0Effects vs\0What the coupons\0Head to head\0Coupon "
			     "economics\0By rfm\0best (vs\0heterogeneity\0Targeting plan\0"
			     "significant\0described\0the plan\0";
	     *w; w += strlen(w) + 1)
		assert_lacks(md, w);
	free(md);
	/* English reports keep English tables */
	hand_coffee(&h);
	md = report(&h, false);
	assert_has(md, "### Arms (95% intervals)\n");
	assert_has(md, "### Head to head: each coupon vs each other");
	free(md);
}

/* The decision's warnings reach the report: a flagged segment check, in words of what to do. */
static void caveats_in_the_report(void **state)
{
	struct hand h;
	char *md;

	hand_coffee(&h);
	hand_guardrail(&h);
	md = report(&h, false);
	assert_has(md, "- **Do not ship 满80减15 yet: a guardrail fails.**");
	assert_has(md, "- *Caveat*: the average order value guardrail fails");
	free(md);
	hand_coffee(&h);
	hand_segment_srm(&h);
	md = report(&h, true);
	assert_has(md, "- *注意*：RFM 分群 = 重要保持客户 分群内各组人数与计划比例不符");
	free(md);
}

/* No markup from a name reaches the report's own sentences. */
static void names_escaped(void **state)
{
	struct hand h;
	char *md;

	hand_coffee(&h);
	h.arm_names[2] = "满80减15<img src=x onerror=alert(1)>|";
	h.arm_defs[2].name = (char *)h.arm_names[2];
	h.arm_defs[0].label = "不触达<b>";
	md = report(&h, true);
	assert_lacks(md, "<img");
	assert_lacks(md, "<b>");
	assert_has(md, "满80减15&lt;img src=x onerror=alert(1)&gt;\\|");
	assert_has(md, "相比不触达&lt;b&gt;");
	free(md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(english_opens_with_the_decision),
	    cmocka_unit_test(chinese_words_and_labels),
	    cmocka_unit_test(caveats_in_the_report),
	    cmocka_unit_test(names_escaped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
