/*
 * test_cli.c - the program's command table (src/cli, linked without
 * main.o): every option a command's parser accepts appears in its help,
 * in the synopsis and in the text below it, so the help cannot drift from
 * the parser again (the analyze synopsis once lacked --dedupe, --quiet and
 * --stats); and the one reader of number options.
 */
#include "cli.h"
#include "testutil.h"

#include <ctype.h>

/* Whether "--name" occurs in text[0..n) as a whole option name. */
static bool mentions(const char *text, size_t n, const char *name)
{
	size_t len = strlen(name);

	for (const char *s = text; (s = strstr(s, "--")) && (size_t)(s - text) + 2 + len <= n;
	     s += 2) {
		char next = s[2 + len];
		if (strncmp(s + 2, name, len) == 0 && (s == text || s[-1] != '-') &&
		    !isalnum((unsigned char)next) && next != '-')
			return true;
	}
	return false;
}

static void every_option_in_its_help(void **state)
{
	size_t checked = 0;

	for (const struct command *const *c = uplift_commands; *c; c++) {
		const char *usage = (*c)->usage;
		const char *blank = strstr(usage, "\n\n");
		size_t synopsis = blank ? (size_t)(blank - usage) : strlen(usage);

		assert_true(strncmp(usage, "usage: uplift ", 14) == 0);
		assert_ptr_equal(cli_find((*c)->name), *c);
		for (const struct option *o = (*c)->options; o->name; o++) {
			if (!mentions(usage, synopsis, o->name) ||
			    !mentions(usage + synopsis, strlen(usage + synopsis), o->name)) {
				print_error("uplift %s: --%s is missing from its %s\n", (*c)->name,
					    o->name,
					    mentions(usage, synopsis, o->name) ? "option list"
									       : "synopsis");
				fail();
			}
			checked++;
		}
	}
	/* analyze 17, report 16, review 4, aggregate 2, validate 3, init 2, segment 2, power 10,
	 * simulate 15, target 16
	 */
	assert_int_equal(checked, 87);
}

static void every_command_listed(void **state)
{
	static const char *const names[] = {"analyze",   "simulate", "report", "review",
					    "aggregate", "validate", "init",   "segment",
					    "power",     "target",   "help"};
	size_t n = 0;

	for (const struct command *const *c = uplift_commands; *c; c++, n++) {
		assert_true(n < sizeof(names) / sizeof(*names));
		assert_string_equal((*c)->name, names[n]);
		assert_non_null((*c)->summary);
		assert_non_null((*c)->run);
	}
	assert_int_equal(n, sizeof(names) / sizeof(*names));
	assert_null(cli_find("analyse"));
}

static void numbers(void **state)
{
	static const struct cli_number open = {
	    .lo = 0, .hi = 0.5, .lo_open = true, .hi_open = true, .what = "in (%g, %g)"};
	static const struct cli_number whole = {
	    .lo = 1, .hi = 365, .whole = true, .what = "a whole number from %.0f to %.0f"};
	static const struct cli_number nonzero = {
	    .lo = -HUGE_VAL, .hi = HUGE_VAL, .nonzero = true, .what = "a non-zero number"};
	double v = -1;
	uint64_t u = 0;

	assert_int_equal(cli_number("test", "--x", "0.25", &open, &v), EXIT_OK);
	assert_close(v, 0.25, 0);
	assert_int_equal(cli_number("test", "--x", "0", &open, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "0.5", &open, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "", &open, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "0.1x", &open, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "nan", &open, &v), EXIT_INPUT);
	assert_close(v, 0.25, 0); /* untouched on error */
	assert_int_equal(cli_number("test", "--x", "365", &whole, &v), EXIT_OK);
	assert_int_equal(cli_number("test", "--x", "1e2", &whole, &v), EXIT_OK);
	assert_close(v, 100, 0);
	assert_int_equal(cli_number("test", "--x", "1.5", &whole, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "366", &whole, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "-3", &nonzero, &v), EXIT_OK);
	assert_int_equal(cli_number("test", "--x", "0", &nonzero, &v), EXIT_INPUT);
	assert_int_equal(cli_number("test", "--x", "inf", &nonzero, &v), EXIT_INPUT);
	/* a seed is exact to 2^64 - 1 */
	assert_int_equal(cli_uint64("test", "--s", "18446744073709551615", "x", &u), EXIT_OK);
	assert_true(u == UINT64_MAX);
	assert_int_equal(cli_uint64("test", "--s", "18446744073709551616", "x", &u), EXIT_INPUT);
	assert_int_equal(cli_uint64("test", "--s", "-1", "x", &u), EXIT_INPUT);
	assert_int_equal(cli_uint64("test", "--s", "1.5", "x", &u), EXIT_INPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_option_in_its_help),
	    cmocka_unit_test(every_command_listed),
	    cmocka_unit_test(numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
