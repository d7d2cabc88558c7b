/*
 * test_by.c - binned and crossed --by columns (uplift_by.h): the entries
 * parsed and their errors, a --by list split with cut points kept
 * together, the numbers a binned column accepts, the order of bin and
 * cell names (uplift_segment_order.h defers to it), and folders loaded
 * with bins (the cell counts of pandas.qcut, to the float, and of
 * pandas.cut) and crossings.
 */
#include "data_fixture.h"
#include "uplift_by.h"
#include "uplift_segment_order.h"

static void parse_ok(void **state)
{
	struct uplift_by_spec s;
	struct uplift_error err = {0};

	assert_int_equal(uplift_by_parse("channel", &s, &err), UPLIFT_OK);
	assert_int_equal(s.n_parts, 1);
	assert_false(uplift_by_special(&s));
	assert_string_equal(s.part[0].column, "channel");
	uplift_by_release(&s);

	assert_int_equal(uplift_by_parse("spend:q4", &s, &err), UPLIFT_OK);
	assert_true(uplift_by_special(&s));
	assert_int_equal(s.part[0].kind, UPLIFT_BIN_QUANTILES);
	assert_int_equal(s.part[0].quantiles, 4);
	assert_string_equal(s.part[0].column, "spend");
	uplift_by_release(&s);

	assert_int_equal(uplift_by_parse("spend:-5,0,100.5,1e3", &s, &err), UPLIFT_OK);
	assert_int_equal(s.part[0].kind, UPLIFT_BIN_CUTS);
	assert_int_equal(s.part[0].n_cuts, 4);
	assert_true(s.part[0].cuts[0] == -5 && s.part[0].cuts[2] == 100.5 &&
		    s.part[0].cuts[3] == 1000);
	uplift_by_release(&s);

	assert_int_equal(uplift_by_parse("channel*spend:q10", &s, &err), UPLIFT_OK);
	assert_int_equal(s.n_parts, 2);
	assert_string_equal(s.part[0].text, "channel");
	assert_string_equal(s.part[1].text, "spend:q10");
	assert_string_equal(s.part[1].column, "spend");
	assert_int_equal(s.part[1].quantiles, 10);
	uplift_by_release(&s);
	uplift_by_release(NULL);
}

static void parse_error(const char *text, const char *message)
{
	struct uplift_by_spec s;
	struct uplift_error err = {0};

	assert_int_equal(uplift_by_parse(text, &s, &err), UPLIFT_EINPUT);
	assert_string_equal(err.message, message);
	assert_int_equal(s.n_parts, 0);
}

static void parse_errors(void **state)
{
	parse_error("spend:q1", "--by 'spend:q1': quantile bins go from q2 to q10");
	parse_error("spend:q11", "--by 'spend:q11': quantile bins go from q2 to q10");
	parse_error("spend:100,50", "--by 'spend:100,50': cut points must be ascending, each above "
				    "the one before (50 after 100)");
	parse_error("spend:5,5", "--by 'spend:5,5': cut points must be ascending, each above the "
				 "one before (5 after 5)");
	parse_error("a*b*c", "--by 'a*b*c': a crossing is of two columns (A*B)");
	parse_error("a*a", "--by 'a*a': a column crossed with itself");
	parse_error("a:q2*a:0,1", "--by 'a:q2*a:0,1': a column crossed with itself");
	parse_error(":q4", "--by ':q4': a column name is missing");
	parse_error("a*", "--by 'a*': a column name is missing");
	parse_error("spend:", "--by 'spend:': nothing after ':' (qN or cut points)");
	parse_error("spend:q", "--by 'spend:q': after ':' come quantile bins (q2 to q10) or "
			       "ascending cut points (0,100,500)");
	parse_error("spend:1,inf", "--by 'spend:1,inf': after ':' come quantile bins (q2 to q10) "
				   "or ascending cut points (0,100,500)");
	parse_error("", "--by needs a column name");
}

static void split(void **state)
{
	char a[] = "channel,spend:0,100,500,tier", b[] = "spend:0,100*channel,x",
	     c[] = "spend:q4,10", d[] = "a,,b";
	const char *out[4];

	assert_int_equal(uplift_by_split(a, out, 4), 3);
	assert_string_equal(out[0], "channel");
	assert_string_equal(out[1], "spend:0,100,500");
	assert_string_equal(out[2], "tier");
	assert_int_equal(uplift_by_split(b, out, 4), 2);
	assert_string_equal(out[0], "spend:0,100*channel");
	assert_string_equal(out[1], "x");
	assert_int_equal(uplift_by_split(c, out, 4), 2); /* after qN, a number is a column */
	assert_string_equal(out[1], "10");
	assert_int_equal(uplift_by_split(d, out, 2), 3); /* more than fit */
	assert_string_equal(out[1], "");
}

static void numbers(void **state)
{
	double v;

	assert_true(uplift_by_number(" 12.5 ", 6, &v) && v == 12.5);
	assert_true(uplift_by_number("-3", 2, &v) && v == -3);
	assert_true(uplift_by_number(".5", 2, &v) && v == 0.5);
	assert_true(uplift_by_number("1e3", 3, &v) && v == 1000);
	assert_true(uplift_by_number("-0", 2, &v) && v == 0 && !signbit(v));
	assert_true(uplift_by_number("12abc", 2, &v) && v == 12); /* only the length given */
	assert_false(uplift_by_number("12abc", 5, &v));
	assert_false(uplift_by_number("", 0, &v));
	assert_false(uplift_by_number("  ", 2, &v));
	assert_false(uplift_by_number("inf", 3, &v));
	assert_false(uplift_by_number("nan", 3, &v));
	assert_false(uplift_by_number("0x10", 4, &v));
	assert_false(uplift_by_number("1,234", 5, &v));
	assert_false(uplift_by_number("1e999", 5, &v));
	assert_false(uplift_by_number("1e", 2, &v));
}

static int cmp(const char *column, const char *a, const char *b)
{
	return uplift_segment_order_compare(column, a, strlen(a), b, strlen(b));
}

static void assert_order(const char *column, const char *const *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(cmp(column, want[i], want[i]), 0);
		for (size_t j = i + 1; j < n; j++) {
			assert_true(cmp(column, want[i], want[j]) < 0);
			assert_true(cmp(column, want[j], want[i]) > 0);
		}
	}
}

static void order(void **state)
{
	/* by the lower edge as a number ("[2" after "(10" in bytes), "-" last */
	static const char *const q[] = {"[2, 10]", "(10, 20]", "(20, 100.5]", "other", "-"};
	static const char *const cuts[] = {"(-∞, 0)", "[0, 100)", "[100, 500)", "[500, +∞)", "-"};
	/* the first column's order (numbers as numbers: 2 before 10), then the bins' */
	static const char *const crossed[] = {"2 × [0, 100)", "2 × [100, +∞)",  "10 × (-∞, 0)",
					      "10 × -",       "App × [0, 100)", "no cell"};
	struct uplift_strtab t;
	uint32_t ord[6];

	assert_true(uplift_by_special_name("spend:q4"));
	assert_true(uplift_by_special_name("a*b"));
	assert_false(uplift_by_special_name("spend"));
	assert_false(uplift_by_special_name(":x"));
	assert_order("spend:q4", q, 5);
	assert_order("spend:0,100,500", cuts, 5);
	assert_order("tier*spend:0,100", crossed, 6);
	/* a statistics file's names sorted through a string table */
	uplift_strtab_init(&t);
	for (size_t i = 0; i < 5; i++)
		assert_true(uplift_strtab_intern(&t, cuts[4 - i], strlen(cuts[4 - i]), NULL) >= 0);
	assert_true(uplift_segment_order_sort("spend:0,100,500", &t, ord));
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(uplift_strtab_get(&t, ord[i], NULL), cuts[i]);
	uplift_strtab_release(&t);
}

/* users per value of --by column 0, in order, into n[] (returns how many values) */
static size_t users_per_value(const struct uplift_data *d, size_t col, size_t *n)
{
	const struct uplift_by_column *by = &d->by[col];

	memset(n, 0, by->values.n * sizeof(*n));
	for (size_t u = 0; u < d->n_users; u++)
		n[by->of_user[u]]++;
	return by->values.n;
}

/* assignments.csv of users 1..n with x = their number, alternately in each arm */
static char *numbered(size_t n)
{
	char *s = malloc(64 + n * 32), *p = s;

	p += sprintf(p, "user_id,arm,x\n");
	for (size_t i = 1; i <= n; i++)
		p += sprintf(p, "u%zu,%s,%zu\n", i, i % 2 ? "control" : "8折券", i);
	return s;
}

/*
 * Cell counts of pandas.qcut(numpy.arange(1, n + 1), q, duplicates="drop"),
 * its empty bins left out, from
 *   /usr/bin/python3 -c 'import numpy as np, pandas as pd
 *   for n in (7, 10, 13, 22, 31):
 *     for q in (3, 7, 9, 10):
 *       c = pd.qcut(np.arange(1, n + 1, dtype=float), q, labels=False, duplicates="drop")
 *       print(n, q, [int(v) for v in np.bincount(c) if v])'
 * (pandas 1.5.3, numpy 1.24.2). numpy's quantile of 10 values at 7/9 is
 * 7.999999999999999, not 8: the 8 then goes to the bin above, and a bin
 * computed as 8 would hold one user too many.
 */
static const struct {
	size_t n, q, bins, count[10];
} qcut_cases[] = {
    {7, 3, 3, {3, 2, 2}},
    {7, 7, 7, {1, 1, 1, 1, 1, 1, 1}},
    {7, 9, 7, {1, 1, 1, 1, 1, 1, 1}},
    {7, 10, 7, {1, 1, 1, 1, 1, 1, 1}},
    {10, 3, 3, {4, 3, 3}},
    {10, 7, 7, {2, 1, 1, 2, 1, 1, 2}},
    {10, 9, 8, {2, 1, 1, 1, 1, 1, 2, 1}},
    {10, 10, 10, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
    {13, 3, 3, {5, 4, 4}},
    {13, 7, 7, {2, 2, 2, 1, 2, 2, 2}},
    {13, 9, 9, {2, 1, 2, 1, 1, 2, 1, 1, 2}},
    {13, 10, 10, {2, 1, 1, 1, 2, 1, 1, 1, 1, 2}},
    {22, 3, 3, {8, 7, 7}},
    {22, 7, 7, {4, 3, 3, 3, 2, 4, 3}},
    {22, 9, 9, {3, 2, 3, 2, 2, 3, 2, 2, 3}},
    {22, 10, 10, {3, 2, 2, 2, 2, 2, 2, 2, 2, 3}},
    {31, 3, 3, {11, 10, 10}},
    {31, 7, 7, {5, 4, 4, 5, 4, 4, 5}},
    {31, 9, 9, {4, 3, 4, 3, 3, 4, 3, 3, 4}},
    {31, 10, 10, {4, 3, 3, 3, 3, 3, 3, 3, 3, 3}},
};

static void quantiles_as_qcut(void **state)
{
	for (size_t c = 0; c < sizeof(qcut_cases) / sizeof(qcut_cases[0]); c++) {
		char by[16], *assign = numbered(qcut_cases[c].n);
		const char *cols[] = {by};
		struct folder f;
		size_t n[64], k;

		snprintf(by, sizeof(by), "x:q%zu", qcut_cases[c].q);
		assert_true(load(&f, assign, ORDERS_HEAD, NULL, cols, 1));
		k = users_per_value(f.data, 0, n);
		if (k != qcut_cases[c].bins)
			print_error("n %zu q %zu: %zu bins\n", qcut_cases[c].n, qcut_cases[c].q, k);
		assert_int_equal(k, qcut_cases[c].bins);
		for (size_t i = 0; i < k; i++)
			assert_int_equal(n[i], qcut_cases[c].count[i]);
		if (qcut_cases[c].n == 10 && qcut_cases[c].q == 9) /* the name says where 8 is */
			assert_string_equal(uplift_strtab_get(&f.data->by[0].values, 6, NULL),
					    "(7.999999999999999, 9]");
		cleanup(&f);
		free(assign);
	}
}

/*
 * Repeated edges dropped, blanks in "-": numpy.quantile([0, 0, 0, 0, 0, 1,
 * 2, 3.5, 3.5, 10.25], [0, .25, .5, .75, 1]) = [0, 0, 0.5, 3.125, 10.25];
 * pd.qcut(x, 4, duplicates="drop") counts 5, 2, 3.
 */
static void repeated_edges_and_blanks(void **state)
{
	static const char *const want[] = {"[0, 0.5]", "(0.5, 3.125]", "(3.125, 10.25]", "-"};
	static const size_t count[] = {5, 2, 3, 2};
	const char *cols[] = {"x:q4", "x:0,1,3.5"};
	struct folder f;
	size_t n[8];

	assert_true(load(&f,
			 "user_id,arm,x\nu1,control,0\nu2,8折券,0\nu3,control,0\nu4,8折券, 0\n"
			 "u5,control,0\nu6,8折券,1\nu7,control,2\nu8,8折券,3.5\nu9,control,3.5\n"
			 "u10,8折券,10.25\nu11,control,\nu12,8折券,\" \"\n",
			 ORDERS_HEAD, NULL, cols, 2));
	assert_int_equal(users_per_value(f.data, 0, n), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(uplift_strtab_get(&f.data->by[0].values, i, NULL), want[i]);
		assert_int_equal(n[i], count[i]);
	}
	/* pd.cut(x, [-inf, 0, 1, 3.5, inf], right=False): 0, 5, 2, 3 (the empty bin left out) */
	assert_int_equal(users_per_value(f.data, 1, n), 4);
	assert_string_equal(uplift_strtab_get(&f.data->by[1].values, 0, NULL), "[0, 1)");
	assert_string_equal(uplift_strtab_get(&f.data->by[1].values, 2, NULL), "[3.5, +∞)");
	assert_int_equal(n[0], 5);
	assert_int_equal(n[1], 2);
	assert_int_equal(n[2], 3);
	assert_int_equal(n[3], 2);
	cleanup(&f);
}

static void crossing(void **state)
{
	static const char *const want[] = {"2 × (-∞, 10)", "2 × [10, +∞)", "10 × [10, +∞)",
					   "b × (-∞, 10)"};
	static const size_t count[] = {2, 1, 1, 1};
	const char *cols[] = {"g*x:10", "g"};
	struct folder f;
	size_t n[8];

	assert_true(load(&f,
			 "user_id,arm,g,x\nu1,control,10,50\nu2,8折券,2,1\nu3,control,b,3\n"
			 "u4,8折券,2,10\nu5,control,2,9\n",
			 ORDERS_HEAD, NULL, cols, 2));
	assert_int_equal(f.data->n_by, 2); /* the parts are gone */
	assert_string_equal(f.data->by[0].name, "g*x:10");
	assert_int_equal(users_per_value(f.data, 0, n), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(uplift_strtab_get(&f.data->by[0].values, i, NULL), want[i]);
		assert_int_equal(n[i], count[i]);
	}
	assert_string_equal(uplift_strtab_get(&f.data->by[1].values, 0, NULL), "2");
	cleanup(&f);
}

static void load_errors(void **state)
{
	const char *cols[] = {"x:q4"}, *cross[] = {"g*x:q2"};
	struct folder f;
	char buf[600];

	assert_false(load(&f, "user_id,arm,x\nu1,control,1\nu2,8折券,1.5.2\nu3,control,x\n",
			  ORDERS_HEAD, NULL, cols, 1));
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
			    "assignments.csv:3: column 'x': not a number: '1.5.2' (--by x:q4 bins "
			    "numbers; leave the field blank for a missing value)");
	cleanup(&f);
	assert_false(
	    load(&f, "user_id,arm,g\nu1,control,1\nu2,8折券,2\n", ORDERS_HEAD, NULL, cross, 1));
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
			    "assignments.csv:1: no column 'x' to break down by (--by)");
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_ok),
	    cmocka_unit_test(parse_errors),
	    cmocka_unit_test(split),
	    cmocka_unit_test(numbers),
	    cmocka_unit_test(order),
	    cmocka_unit_test(quantiles_as_qcut),
	    cmocka_unit_test(repeated_edges_and_blanks),
	    cmocka_unit_test(crossing),
	    cmocka_unit_test(load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
