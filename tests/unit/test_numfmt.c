/*
 * test_numfmt.c - numbers as the text, Markdown and report formats print
 * them (src/numfmt.c). Expected strings are C's printf conversions, checked
 * with Debian's /usr/bin/python3 where noted (Python's % formatting is the
 * same conversion): a change to one is a change to every human format.
 */
#include "testutil.h"
#include "../../src/numfmt.h"

#include <float.h>

#define DASH "\xE2\x80\x93" /* U+2013 EN DASH, what a missing number prints as */

static void value_per_metric(void **state)
{
	char b[64];

	/* rates in percent, orders with three decimals, money with two */
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_CONVERSION, 0.1125), "11.25%");
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_REDEMPTION, 1), "100.00%");
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_ORDERS, 1.082), "1.082");
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_REVENUE, 4.314), "4.31");
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_AOV, 28.75), "28.75");
	/* the value is returned where it was written */
	assert_ptr_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_AOV, 1), b);
}

static void not_finite_is_a_dash(void **state)
{
	char b[64];

	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_REVENUE, NAN), DASH);
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_CONVERSION, INFINITY), DASH);
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_ORDERS, -INFINITY), DASH);
	assert_string_equal(uplift_numfmt_lift(b, sizeof(b), NAN), DASH);
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), NAN), DASH);
	assert_string_equal(uplift_numfmt_value_ci(b, sizeof(b), NULL, UPLIFT_REVENUE, NAN, NAN, NAN),
			    DASH " [" DASH "]");
	assert_string_equal(UPLIFT_NUMFMT_NONE, DASH);
}

static void changes_are_signed(void **state)
{
	char b[64];

	/* a rate's change in percentage points: 0.029 -> +2.90 */
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_CONVERSION, 0.029), "+2.90");
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_ORDERS, -0.7333), "-0.733");
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_REVENUE, 7.3117), "+7.31");
	assert_string_equal(uplift_numfmt_lift(b, sizeof(b), 0.259), "+25.9%");
	assert_string_equal(uplift_numfmt_lift(b, sizeof(b), -0.342), "-34.2%");
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_REVENUE, 0.0), "+0.00");
}

/*
 * printf keeps the sign of zero, so negative zero and a change that rounds
 * to zero from below print as "-0.00": pinned, so that hiding the sign would
 * be a decision rather than an accident.
 * python3 -c "print('%.2f' % -0.0, '%+.2f' % -0.0, '%+.1f%%' % (100 * -0.0004))"
 *   -> -0.00 -0.00 -0.0%
 */
static void negative_zero(void **state)
{
	char b[64];

	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_REVENUE, -0.0), "-0.00");
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_REVENUE, -0.0), "-0.00");
	assert_string_equal(uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_REVENUE, -0.004), "-0.00");
	assert_string_equal(uplift_numfmt_lift(b, sizeof(b), -0.0004), "-0.0%");
	assert_string_equal(uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_CONVERSION, -0.0), "-0.00%");
}

/*
 * A huge value is printed in full and cut by the buffer, never overrun.
 * python3 -c "s = '%.2f' % 1e300; print(len(s), s[:20])" -> 304 10000000000000000525
 */
static void huge_values_are_cut(void **state)
{
	char b[64], ci[UPLIFT_NUMFMT_CI], small[8];

	uplift_numfmt_value(b, sizeof(b), NULL, UPLIFT_REVENUE, 1e300);
	assert_int_equal(strlen(b), 63);
	assert_memory_equal(b, "10000000000000000525", 20);
	uplift_numfmt_diff(b, sizeof(b), NULL, UPLIFT_REVENUE, -DBL_MAX);
	assert_int_equal(strlen(b), 63);
	assert_int_equal(b[0], '-');
	/* the composed form holds three cut numbers whole: 63 + " [" 63 ", " 63 "]" */
	uplift_numfmt_value_ci(ci, sizeof(ci), NULL, UPLIFT_REVENUE, 1e300, -1e300, DBL_MAX);
	assert_int_equal(strlen(ci), 63 + 2 + 63 + 2 + 63 + 1);
	assert_int_equal(ci[strlen(ci) - 1], ']');
	/* and a short buffer gets what fits, NUL-terminated */
	assert_string_equal(uplift_numfmt_lift(small, sizeof(small), 12.345), "+1234.5");
	assert_string_equal(uplift_numfmt_value(small, sizeof(small), NULL, UPLIFT_REVENUE, 123456.5),
			    "123456.");
}

static void p_values(void **state)
{
	char b[32];

	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 0.03124), "0.0312");
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 1), "1.0000");
	/* 1e-4 itself still has four decimals; below it, one significant digit more */
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 1e-4), "0.0001");
	/* python3 -c "print('%.1e' % 9.99e-5, '%.1e' % 3.14e-5, '%.1e' % 0.0)" */
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 9.99e-5), "1.0e-04");
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 3.14e-5), "3.1e-05");
	assert_string_equal(uplift_numfmt_p(b, sizeof(b), 0), "0.0e+00");
}

static void intervals(void **state)
{
	char b[64];

	assert_string_equal(uplift_numfmt_interval(b, sizeof(b), "1.00", "2.50"), "[1.00, 2.50]");
	/* neither end known: one dash; one end known: both shown */
	assert_string_equal(uplift_numfmt_interval(b, sizeof(b), DASH, DASH), "[" DASH "]");
	assert_string_equal(uplift_numfmt_interval(b, sizeof(b), DASH, "1.00"), "[" DASH ", 1.00]");
	assert_string_equal(
	    uplift_numfmt_value_ci(b, sizeof(b), NULL, UPLIFT_CONVERSION, 0.5, 0.18757, 0.81243),
	    "50.00% [18.76%, 81.24%]");
	assert_string_equal(
	    uplift_numfmt_diff_ci(b, sizeof(b), NULL, UPLIFT_REVENUE, 7.31, -20.13, 34.76),
	    "+7.31 [-20.13, +34.76]");
	assert_string_equal(uplift_numfmt_lift_ci(b, sizeof(b), 0.6, -0.357, 2.984),
			    "+60.0% [-35.7%, +298.4%]");
	assert_string_equal(uplift_numfmt_lift_ci(b, sizeof(b), NAN, 0.1, NAN),
			    DASH " [+10.0%, " DASH "]");
}

/*
 * Counts and totals with thousands separated, as Python's "," format does:
 * python3 -c "print(f'{30000:,.0f}', f'{25518.4:+,.0f}', f'{-1234567.891:+,.2f}',
 *   f'{999.5:,.0f}', f'{-0.004:+,.2f}', f'{3.3:+,.2f}', f'{123456789012345:,.0f}')"
 *   -> 30,000 +25,518 -1,234,567.89 1,000 -0.00 +3.30 123,456,789,012,345
 * python3 -c "print('%+.3g' % 2e15)" -> +2e+15
 */
static void grouped(void **state)
{
	char b[64];

	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 30000, 0, 0), "30,000");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 25518.4, 0, 1), "+25,518");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), -1234567.891, 2, 1),
			    "-1,234,567.89");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 999.5, 0, 0), "1,000");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), -0.004, 2, 1), "-0.00");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 3.3, 2, 1), "+3.30");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 123456789012345.0, 0, 0),
			    "123,456,789,012,345");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), 2e15, 0, 1), "+2e+15");
	assert_string_equal(uplift_numfmt_grouped(b, sizeof(b), NAN, 0, 1), DASH);
	/* a total's interval: no decimals from 100 on, else two; the same for all three */
	assert_string_equal(uplift_numfmt_total_ci(b, sizeof(b), 37800, 16800, 58800),
			    "+37,800 [+16,800, +58,800]");
	assert_string_equal(uplift_numfmt_total_ci(b, sizeof(b), 3.31, -1.2, 120), "+3 [-1, +120]");
	assert_string_equal(uplift_numfmt_total_ci(b, sizeof(b), 3.31, -1.2, 7.8),
			    "+3.31 [-1.20, +7.80]");
	assert_string_equal(uplift_numfmt_total_ci(b, sizeof(b), 3.31, NAN, NAN),
			    "+3.31 [" DASH "]");
	/* cut, never overrun */
	assert_string_equal(uplift_numfmt_grouped(b, 4, 30000, 0, 0), "30,");
}

static void levels(void **state)
{
	assert_int_equal(uplift_numfmt_level(0.05), 95);
	assert_int_equal(uplift_numfmt_level(0.1), 90);
	assert_int_equal(uplift_numfmt_level(0.01), 99);
	/* 97.5 rounds half away from zero (lround) */
	assert_int_equal(uplift_numfmt_level(0.025), 98);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(value_per_metric),
	    cmocka_unit_test(not_finite_is_a_dash),
	    cmocka_unit_test(changes_are_signed),
	    cmocka_unit_test(negative_zero),
	    cmocka_unit_test(huge_values_are_cut),
	    cmocka_unit_test(p_values),
	    cmocka_unit_test(intervals),
	    cmocka_unit_test(levels),
	    cmocka_unit_test(grouped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
