/*
 * test_amount.c - amounts as exports write them (amount.c): what is a
 * number, what is negative, and the fast path against strtod.
 */
#include "testutil.h"
#include "uplift_amount.h"

static void parse_amount(void **state)
{
	double v;

	assert_int_equal(uplift_amount_parse("12.50", 5, &v), 0);
	assert_close(v, 12.5, 0);
	assert_int_equal(uplift_amount_parse(".5", 2, &v), 0);
	assert_int_equal(uplift_amount_parse("7.", 2, &v), 0);
	assert_int_equal(uplift_amount_parse("-0", 2, &v), 0);
	assert_close(v, 0, 0);
	assert_int_equal(uplift_amount_parse("-3", 2, &v), 2);
	assert_int_equal(uplift_amount_parse("1e3", 3, &v), 1);
	assert_int_equal(uplift_amount_parse("inf", 3, &v), 1);
	assert_int_equal(uplift_amount_parse("¥12", strlen("¥12"), &v), 1);
	assert_int_equal(uplift_amount_parse(".", 1, &v), 1);
	assert_int_equal(uplift_amount_parse("", 0, &v), 1);
	assert_int_equal(uplift_amount_parse("0x10", 4, &v), 1);
	assert_int_equal(uplift_amount_parse("1.2.3", 5, &v), 1);
	assert_int_equal(uplift_amount_parse("1..2", 4, &v), 1);
	assert_int_equal(uplift_amount_parse("-", 1, &v), 1);
	assert_int_equal(uplift_amount_parse("--1", 3, &v), 1);
	assert_int_equal(uplift_amount_parse("1-", 2, &v), 1);
	assert_int_equal(uplift_amount_parse("1 ", 2, &v), 1);
	assert_int_equal(uplift_amount_parse("-.5", 3, &v), 2);
	assert_int_equal(uplift_amount_parse("0012.340", 8, &v), 0);
	assert_close(v, 12.34, 0);
}

/*
 * The fast decimal path (up to 15 digits) gives the very double glibc's
 * strtod (the independent, correctly rounded reference) gives, on a million
 * random amounts of 1 to 18 digits with the point anywhere; longer ones go
 * through strtod itself. Fixed-seed LCG, so a failure repeats.
 */
static void parse_amount_matches_strtod(void **state)
{
	uint64_t seed = 7;
	long mismatches = 0;

	for (int round = 0; round < 1000000; round++) {
		char s[32];
		size_t n = 0, digits, point;
		double got, want;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		digits = 1 + (seed >> 33) % 18;
		point = (seed >> 20) % (digits + 2); /* digits + 1: no point */
		for (size_t i = 0; i < digits; i++) {
			if (i == point)
				s[n++] = '.';
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			s[n++] = (char)('0' + (seed >> 33) % 10);
		}
		if (point == digits)
			s[n++] = '.';
		s[n] = '\0';
		want = strtod(s, NULL);
		if (uplift_amount_parse(s, n, &got) != 0 || memcmp(&got, &want, sizeof(got)) != 0) {
			if (mismatches++ < 3)
				print_message("%s: %.17g, strtod %.17g\n", s, got, want);
		}
	}
	assert_int_equal(mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_amount),
	    cmocka_unit_test(parse_amount_matches_strtod),
	};
	return cmocka_run_group_tests_name("amount", tests, NULL, NULL);
}
