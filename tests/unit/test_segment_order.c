/*
 * test_segment_order.c - the order of segment values
 * (uplift_segment_order.h): the RFM table's, the grades', the lifecycle's,
 * numbers as numbers (integers, decimals, negatives, labels that begin with
 * one, as Hillstrom's history_segment), numbers before text, text by
 * bytes; and uplift_segment_order_sort over a string table.
 */
#include "testutil.h"
#include "uplift_segment_order.h"

static int cmp(const char *column, const char *a, const char *b)
{
	return uplift_segment_order_compare(column, a, strlen(a), b, strlen(b));
}

/* want[0..n) is in order: each pair compares both ways, each value equals itself */
static void assert_order(const char *column, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(cmp(column, want[i], want[i]), 0);
		for (size_t j = i + 1; j < n; j++) {
			if (cmp(column, want[i], want[j]) >= 0 ||
			    cmp(column, want[j], want[i]) <= 0)
				print_error("%s: '%s' should come before '%s'\n", column, want[i],
					    want[j]);
			assert_true(cmp(column, want[i], want[j]) < 0);
			assert_true(cmp(column, want[j], want[i]) > 0);
		}
	}
}

/* have[0..n) sorted through a string table gives want[0..n) */
static void assert_sorted(const char *column, const char *const *have, const char *const *want,
			  size_t n)
{
	struct uplift_strtab t;
	uint32_t order[64];

	assert_true(n <= 64);
	uplift_strtab_init(&t);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(uplift_strtab_intern(&t, have[i], strlen(have[i]), NULL), (long)i);
	assert_true(uplift_segment_order_sort(column, &t, order));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(uplift_strtab_get(&t, order[i], NULL), want[i]);
	uplift_strtab_release(&t);
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* the contract's RFM table, top to bottom, 无消费记录 last */
static void rfm_segment(void **state)
{
	static const char *const want[] = {
	    "重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户",
	    "一般发展客户", "一般保持客户", "一般挽留客户", "无消费记录",
	};
	/* first appearance in coffee-w47's assignments, which was the old order */
	static const char *const have[] = {
	    "无消费记录",   "重要保持客户", "一般挽留客户", "重要价值客户", "一般保持客户",
	    "一般发展客户", "一般价值客户", "重要挽留客户", "重要发展客户",
	};

	(void)state;
	assert_order("rfm_segment", want, N(want));
	assert_sorted("rfm_segment", have, want, N(want));
	/* by bytes 一 (E4 B8 80) comes before 重 (E9 87 8D): the table is not byte order */
	assert_true(cmp("other", "一般价值客户", "重要价值客户") < 0);
	assert_true(cmp("rfm_segment", "一般价值客户", "重要价值客户") > 0);
	/* a value the table does not list: after the table's, before 无消费记录 */
	static const char *const mixed[] = {"重要价值客户", "一般挽留客户", "2", "其他",
					    "无消费记录"};
	assert_order("rfm_segment", mixed, N(mixed));
}

static void rfm_grade(void **state)
{
	static const char *const want[] = {"A", "B", "C", "-"};
	static const char *const have[] = {"-", "B", "C", "A"};
	static const char *const mixed[] = {"A", "C", "D", "-"};

	(void)state;
	/* by bytes '-' (0x2D) comes first */
	assert_true(cmp("grade", "-", "A") < 0);
	assert_order("rfm_grade", want, N(want));
	assert_sorted("rfm_grade", have, want, N(want));
	assert_order("rfm_grade", mixed, N(mixed));
}

/* as the stages run, not the enum's order (休眠 before 忠实 there) */
static void lifecycle(void **state)
{
	static const char *const want[] = {"潜在用户", "新用户", "活跃用户", "忠实用户",
					   "休眠用户"};
	static const char *const have[] = {"活跃用户", "潜在用户", "休眠用户", "忠实用户",
					   "新用户"};
	static const char *const mixed[] = {"潜在用户", "休眠用户", "流失用户"};

	(void)state;
	assert_order("lifecycle", want, N(want));
	assert_sorted("lifecycle", have, want, N(want));
	/* an unlisted stage comes after the listed ones: nothing is "last" here */
	assert_order("lifecycle", mixed, N(mixed));
}

/* Hillstrom's recency, in the order the rows first show them, and its history_segment */
static void numbers_as_numbers(void **state)
{
	static const char *const recency_have[] = {"10", "6", "7", "9",  "2",  "1",
						   "5",  "4", "3", "11", "12", "8"};
	static const char *const recency_want[] = {"1", "2", "3", "4",  "5",  "6",
						   "7", "8", "9", "10", "11", "12"};
	static const char *const hist_have[] = {
	    "2) $100 - $200",   "3) $200 - $350", "5) $500 - $750", "1) $0 - $100",
	    "6) $750 - $1,000", "4) $350 - $500", "7) $1,000 +",
	};
	static const char *const hist_want[] = {
	    "1) $0 - $100",   "2) $100 - $200",   "3) $200 - $350", "4) $350 - $500",
	    "5) $500 - $750", "6) $750 - $1,000", "7) $1,000 +",
	};
	/* decimals and negatives compared exactly, leading zeros and -0 too */
	static const char *const numbers[] = {"-1000", "-10.5", "-10.25", "-2",  "-0.5", "0",
					      ".5",    "0.75",  "1",      "1.5", "2",    "9.99",
					      "10",    "10.01", "99",     "100"};

	(void)state;
	assert_order("recency", recency_want, N(recency_want));
	assert_sorted("recency", recency_have, recency_want, N(recency_want));
	assert_sorted("history_segment", hist_have, hist_want, N(hist_want));
	assert_order("x", numbers, N(numbers));
	/* 2 before 10: by bytes it is the other way */
	assert_true(cmp("x", "2", "10") < 0);
	assert_true(memcmp("2", "10", 1) > 0);
	/* numbers wider than a double compare digit by digit */
	assert_true(cmp("x", "123456789012345678901234567890", "123456789012345678901234567891") <
		    0);
	assert_true(cmp("x", "0.1000000000000000000001", "0.1") > 0);
	/* equal numbers, written differently: by their bytes, never equal */
	assert_true(cmp("x", "2", "2.0") < 0);
	assert_true(cmp("x", "02", "2") < 0);
	assert_true(cmp("x", "-0", "0") < 0);
	assert_true(cmp("x", "0", "+0") > 0);
	assert_true(cmp("x", "18-24", "18-34") < 0);
	/* age bands and amounts by their leading number */
	static const char *const bands[] = {"5-17", "18-24", "25-34", "100+"};
	assert_order("age", bands, N(bands));
}

/* numbers (and labels that begin with one) first, then text by bytes (code points) */
static void numbers_then_text(void **state)
{
	/* "1e" is the number 1 and then "e" (no exponents); "10" before "10 元" (a prefix) */
	static const char *const nums[] = {"-3", "1e", "2", "10", "10 元"};
	/* a leading space, a sign or point alone, letters: text; upper case before
	 * lower, and code point order, which UTF-8 bytes keep (U+00A5 ¥ < U+4E2D 中
	 * < U+9AD8 高) */
	static const char *const text[] = {"",  " 5", "+", "-",   "-x", ".",  "A",
					   "B", "a",  "b", "¥12", "中", "高", "高客单"};

	(void)state;
	assert_order("x", nums, N(nums));
	assert_order("x", text, N(text));
	for (size_t i = 0; i < N(nums); i++)
		for (size_t j = 0; j < N(text); j++)
			assert_true(cmp("x", nums[i], text[j]) < 0);
	assert_true(cmp("channel", "App", "Web") < 0);
	/* an exponent is not read: 1e3 is 1 and then "e3" */
	assert_true(cmp("x", "1e3", "2") < 0);
}

/* the sort of a whole table, and of none */
static void sort_table(void **state)
{
	static const char *const have[] = {"高客单", "b",   "10", "中", "A", "",  "-x", "2", "+",
					   "a",      "¥12", ".",  "1e", "B", "-", " 5", "-3"};
	static const char *const want[] = {"-3", "1e", "2", "10", "",  " 5",  "+",  "-",     "-x",
					   ".",  "A",  "B", "a",  "b", "¥12", "中", "高客单"};
	struct uplift_strtab t;
	uint32_t order[1];

	(void)state;
	assert_sorted("x", have, want, N(want));
	uplift_strtab_init(&t);
	assert_true(uplift_segment_order_sort("x", &t, order));
	uplift_strtab_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(rfm_segment),       cmocka_unit_test(rfm_grade),
	    cmocka_unit_test(lifecycle),         cmocka_unit_test(numbers_as_numbers),
	    cmocka_unit_test(numbers_then_text), cmocka_unit_test(sort_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
