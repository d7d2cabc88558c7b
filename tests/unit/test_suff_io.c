/*
 * test_suff_io.c - the statistics file: uplift_suff_check's bounds (what
 * per-user values can give, with the rounding slack of SQL sums), the
 * reader's errors with file, line and column, the writer's quoting, so
 * that every name comes back byte for byte, and the reader's order of
 * columns and values (the raw folder's, whatever the file's).
 */
#include "testutil.h"
#include "uplift_experiment.h"
#include "uplift_suff_io.h"

#define M(...) ((struct uplift_moments){__VA_ARGS__, NAN})

/* uplift_suff_check(metric, m): NULL, or the field (and why = want unless want is NULL) */
static void check(enum uplift_metric metric, struct uplift_moments m, const char *field,
		  const char *want)
{
	char why[300] = "";
	const char *got = uplift_suff_check(NULL, metric, &m, why, sizeof(why));

	if (field && !want) { /* the field only */
		assert_non_null(got);
		assert_string_equal(got, field);
		return;
	}
	if (!field) {
		if (got)
			print_error("unexpected: %s: %s\n", got, why);
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, field);
	assert_string_equal(why, want);
}

static void test_possible_sums(void **state)
{
	(void)state;
	/* the small fixture's rows, as aggregate writes them */
	check(UPLIFT_CONVERSION, M(6, 3, 3, 0, 0, 0), NULL, NULL);
	check(UPLIFT_AOV, M(6, 115, 4525, 4, 6, 160), NULL, NULL);
	check(UPLIFT_AMOUNT, M(5, 154, 6620, 21.6, 152.96, 936.8), NULL, NULL);
	/* no users, no sums; one user: sum_sq = sum^2 exactly */
	check(UPLIFT_REVENUE, M(0, 0, 0, 0, 0, 0), NULL, NULL);
	check(UPLIFT_REVENUE, M(1, 12.5, 156.25, 0, 0, 0), NULL, NULL);
	/* a rate of all and of none */
	check(UPLIFT_REDEMPTION, M(7, 7, 7, 0, 0, 0), NULL, NULL);
	check(UPLIFT_REDEMPTION, M(7, 0, 0, 0, 0, 0), NULL, NULL);
	/* the largest count a double holds exactly, minus one */
	check(UPLIFT_CONVERSION, M(9007199254740991.0, 0, 0, 0, 0, 0), NULL, NULL);
}

/* Floating sums of equal values sit on the bound sum_sq = sum^2/n: accepted. */
static void test_rounding_slack(void **state)
{
	double sum = 0, sq = 0, xy = 0;
	int n = 100000;

	(void)state;
	for (int i = 0; i < n; i++) { /* naive float sums, as a SQL engine adds */
		sum += 0.1;
		sq += 0.1 * 0.1;
		xy += 0.1;
	}
	assert_true(sum * sum / n > sq || sum * sum / n < sq); /* off the bound by rounding */
	check(UPLIFT_REVENUE, M(n, sum, sq, 0, 0, 0), NULL, NULL);
	/* aov with one order each: x has no variance, sum_xy = sum up to rounding */
	check(UPLIFT_AOV, M(n, sum, sq, n, n, xy * (1 + 1e-12)), NULL, NULL);
	/* what SQLite prints (15 digits) of the same */
	check(UPLIFT_REVENUE, M(3, 0.3, 0.03, 0, 0, 0), NULL, NULL);
	/* but well beyond the slack: refused */
	check(UPLIFT_REVENUE, M(n, sum, sq * (1 - 1e-4), 0, 0, 0), "sum_sq", NULL);
	check(UPLIFT_AOV, M(n, sum, sq, n, n, xy * (1 + 1e-4)), "sum_xy", NULL);
}

static void test_counts(void **state)
{
	(void)state;
	check(UPLIFT_REVENUE, M(6.5, 1, 1, 0, 0, 0), "n",
	      "6.5 is not a whole number (n counts users)");
	check(UPLIFT_REVENUE, M(-1, 0, 0, 0, 0, 0), "n", "-1 is negative (n counts users)");
	check(UPLIFT_REVENUE, M(9007199254740992.0, 0, 0, 0, 0, 0), "n",
	      "9007199254740992 is 2^53 or more, beyond the counts a double holds exactly");
	check(UPLIFT_REVENUE, M(NAN, 0, 0, 0, 0, 0), "n", "nan is not a finite number");
	check(UPLIFT_REVENUE, M(1, 0, 0, 0, 0, INFINITY), "sum_xy", "inf is not a finite number");
	check(UPLIFT_REVENUE, M(0, 3, 9, 0, 0, 0), "sum",
	      "3 with n = 0 (no users: every sum is 0)");
	check(UPLIFT_REVENUE, M(0, 0, 9, 0, 0, 0), "sum_sq",
	      "9 with n = 0 (no users: every sum is 0)");
	check(UPLIFT_AOV, M(0, 0, 0, 0, 0, 2), "sum_xy", "2 with n = 0 (no users: every sum is 0)");
}

static void test_rates(void **state)
{
	(void)state;
	check(UPLIFT_CONVERSION, M(665, 1330, 1330, 0, 0, 0), "sum",
	      "1330 is more than n = 665 for a rate");
	check(UPLIFT_CONVERSION, M(665, 10, 11, 0, 0, 0), "sum_sq",
	      "11 is not sum = 10 (for a rate, each user's 0 or 1 is its own square)");
	check(UPLIFT_REPURCHASE, M(665, 10.5, 10.5, 0, 0, 0), "sum",
	      "10.5 is not a whole number (repurchase is 0 or 1 for a user)");
	check(UPLIFT_CONVERSION, M(665, -1, -1, 0, 0, 0), "sum",
	      "-1 is negative (conversion is never negative for a user)");
	/* the covariate of a rate (the pre-period conversion) is 0 or 1 too */
	check(UPLIFT_CONVERSION, M(10, 3, 3, 11, 11, 3), "sum_x",
	      "11 is more than n = 10 for a rate");
}

static void test_means(void **state)
{
	(void)state;
	check(UPLIFT_REVENUE, M(6, 115, 100, 0, 0, 0), "sum_sq",
	      "100 is less than sum^2/n = 2204.16666666667, which no values can give (a "
	      "negative variance)");
	check(UPLIFT_REVENUE, M(6, 10, 101, 0, 0, 0), "sum_sq",
	      "101 is more than sum^2 = 100, which no values that are never negative can give");
	check(UPLIFT_DISCOUNT, M(6, 0, 4, 0, 0, 0), "sum_sq",
	      "4 is more than sum^2 = 0, which no values that are never negative can give");
	check(UPLIFT_ORDERS, M(6, 4, 6.5, 0, 0, 0), "sum_sq",
	      "6.5 is not a whole number (orders is a whole number for a user)");
	check(UPLIFT_REVENUE, M(6, 1, -1, 0, 0, 0), "sum_sq", "-1 is negative (a sum of squares)");
	check(UPLIFT_REVENUE, M(6, 115, 4525, -2, 4, 0), "sum_x",
	      "-2 is negative (the pre-period revenue (x) is never negative for a user)");
	check(UPLIFT_AMOUNT, M(6, 115, 4525, 10, 200, 0), "sum_x_sq",
	      "200 is more than sum_x^2 = 100, which no values that are never negative can give");
}

static void test_ratio(void **state)
{
	(void)state;
	check(UPLIFT_AOV, M(6, 115, 4525, 4, 6, 900), "sum_xy",
	      "900 is more than sqrt(sum_sq * sum_x_sq) = 164.772570532841, which no values can "
	      "give (Cauchy-Schwarz)");
	check(UPLIFT_AOV, M(6, 115, 4525, 4, 6, -1), "sum_xy",
	      "-1 is negative (x and y are never negative)");
	check(UPLIFT_AOV, M(6, 115, 4525, 6, 6, 100), "sum_xy",
	      "100 gives a covariance of x and y larger than their variances allow (|cov| > sd_x "
	      "sd_y)");
	check(UPLIFT_AOV, M(6, 115, 4525, 4.5, 6, 160), "sum_x",
	      "4.5 is not a whole number (orders (x of aov) is a whole number for a user)");
}

/* ---- the reader and the writer ------------------------------------------------ */

static const char *const ini = "[experiment]\nname = t\ncontrol = control\n"
			       "start = 2026-11-16\nend = 2026-11-22\n"
			       "[arm control]\nweight = 1\n[arm 8折, \"券\"]\nweight = 1\n";

struct fixture {
	const char *dir;
	char path[128];
	struct uplift_experiment *exp;
};

static void setup(struct fixture *f)
{
	struct uplift_error err;
	char p[128];

	uplift_error_clear(&err);
	f->dir = temp_dir();
	snprintf(p, sizeof(p), "%s/experiment.ini", f->dir);
	write_file(p, ini);
	f->exp = uplift_experiment_load(p, "t", &err);
	if (!f->exp)
		print_error("%s\n", err.message);
	assert_non_null(f->exp);
	snprintf(f->path, sizeof(f->path), "%s/stats.csv", f->dir);
}

static void teardown(struct fixture *f)
{
	char p[160];

	uplift_experiment_free(f->exp);
	snprintf(p, sizeof(p), "%s/experiment.ini", f->dir);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
}

/* read text as the statistics file: the error line, or "" when it reads */
static void read_expect(struct fixture *f, const char *text, const char *want)
{
	struct uplift_error err;
	struct uplift_suff *s;
	char buf[1200];

	uplift_error_clear(&err);
	write_file(f->path, text);
	s = uplift_suff_io_read(f->path, f->exp, NULL, 0, UPLIFT_ENC_UTF8, &err);
	assert_string_equal(s ? "" : uplift_error_format(&err, buf, sizeof(buf)), want);
	uplift_suff_free(s);
}

#define HEAD "experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy\n"
#define ROWS "t,control,,,conversion,6,3,3,0,0,0\nt,\"8折, \"\"券\"\"\",,,conversion,5,4,4,0,0,0\n"

static void test_reader_errors(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	read_expect(&f, HEAD ROWS, "");
	/* numbers from SQL engines: exponents, a trailing point, a sign */
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6.,1.15e2,+4525,0,0,0\n", "");
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6,115,4525,0x0,0,0\n",
		    "stats.csv:4: column 'sum_x': not a number: '0x0'");
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6,115,4525,.,0,0\n",
		    "stats.csv:4: column 'sum_x': not a number: '.'");
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6,115,4525,1e,0,0\n",
		    "stats.csv:4: column 'sum_x': not a number: '1e'");
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6,115,-infinity,0,0,0\n",
		    "stats.csv:4: column 'sum_sq': not a finite number: '-infinity'");
	read_expect(&f, HEAD ROWS "t,control,,,revenue,6,115,NaN,0,0,0\n",
		    "stats.csv:4: column 'sum_sq': not a finite number: 'NaN'");
	read_expect(&f, HEAD "t,control,,,conversion,665,1330,1330,0,0,0\n" ROWS,
		    "stats.csv:2: column 'sum': 1330 is more than n = 665 for a rate");
	/* a row of a column that --by does not keep is checked all the same */
	read_expect(&f, HEAD ROWS "t,control,seg,a,conversion,2,3,3,0,0,0\n",
		    "stats.csv:4: column 'sum': 3 is more than n = 2 for a rate");
	/* shards: the rows of one key add up, the total must stay below 2^53 */
	read_expect(&f,
		    HEAD ROWS "t,control,,,conversion,4503599627370496,0,0,0,0,0\n" HEAD
			      "t,control,,,conversion,4503599627370496,0,0,0,0,0\n",
		    "stats.csv:6: column 'n': with the rows before it of arm 'control', metric "
		    "'conversion' the count is 9007199254740998, 2^53 or more, beyond the counts "
		    "a double holds exactly");
	teardown(&f);
}

/*
 * The experiment column: every row the experiment experiment.ini names; a
 * file of another experiment, two weeks concatenated, and a file without
 * the column are refused, naming what was found.
 */
static void test_reader_experiment(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f);
	/* two shards of the same experiment, concatenated: the header repeats */
	read_expect(&f, HEAD ROWS HEAD "t,control,,,revenue,6,115,4525,0,0,0\n", "");
	read_expect(&f, HEAD "w48,control,,,conversion,6,3,3,0,0,0\n",
		    "stats.csv:2: column 'experiment': experiment 'w48', but experiment.ini names "
		    "'t': these are the statistics of another experiment");
	read_expect(
	    &f, HEAD ROWS HEAD "w48,control,,,conversion,6,3,3,0,0,0\n",
	    "stats.csv:5: column 'experiment': the file mixes experiments 't' (from line 2) "
	    "and 'w48': analyze each experiment's statistics on their own");
	/* an empty experiment is another experiment's too */
	read_expect(
	    &f, HEAD ",control,,,conversion,6,3,3,0,0,0\n",
	    "stats.csv:2: column 'experiment': experiment '', but experiment.ini names 't': "
	    "these are the statistics of another experiment");
	/* a file of an older uplift: how to regenerate it */
	read_expect(&f,
		    "arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy\n"
		    "control,,,conversion,6,3,3,0,0,0\n",
		    "stats.csv:1: no 'experiment' column: the statistics come from an older uplift "
		    "or SQL; regenerate them with 'uplift aggregate DIR' or the current "
		    "sql/sufficient_stats.sql (header "
		    "experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy)");
	/* ... also when it comes second, concatenated to a current one */
	read_expect(&f,
		    HEAD ROWS "arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy\n"
			      "control,,,conversion,6,3,3,0,0,0\n",
		    "stats.csv:4: no 'experiment' column: the statistics come from an older uplift "
		    "or SQL; regenerate them with 'uplift aggregate DIR' or the current "
		    "sql/sufficient_stats.sql (header "
		    "experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy)");
	teardown(&f);
}

/* Names the reader would trim or split are quoted and come back whole. */
static void test_round_trip_names(void **state)
{
	static const char *const values[] = {"  padded  ", "padded",   "a,b",   "say \"hi\"",
					     "two\nlines", "cr\rhere", "\ttab", "中文 值",
					     "=1+1",       "",         " "};
	enum { NV = sizeof(values) / sizeof(values[0]) };
	struct uplift_moments cells[(NV + 1) * 2 * UPLIFT_N_METRICS];
	char *vals[NV], *arms[2] = {"control", "8折, \"券\""};
	struct uplift_suff_column col = {" seg \"q\" ", NV, vals, cells};
	struct uplift_suff s = {.n_arms = 2,
				.arms = arms,
				.metrics = UPLIFT_METRIC_BIT(UPLIFT_CONVERSION),
				.overall = cells,
				.n_columns = 1,
				.columns = &col};
	struct uplift_suff *back;
	struct uplift_error err;
	struct fixture f;
	FILE *fp;

	(void)state;
	memset(cells, 0, sizeof(cells));
	for (size_t v = 0; v < NV; v++)
		vals[v] = (char *)values[v];
	s.overall = cells + NV * 2 * UPLIFT_N_METRICS; /* after the column's cells */
	for (size_t i = 0; i < (NV + 1) * 2; i++) {
		struct uplift_moments *m = &cells[i * UPLIFT_N_METRICS + UPLIFT_CONVERSION];
		m->n = (double)(i + 1);
		m->sum = m->sum_sq = (double)(i % 2);
	}
	setup(&f);
	fp = fopen(f.path, "w");
	assert_non_null(fp);
	uplift_suff_io_write(fp, &s, f.exp->name);
	assert_int_equal(fclose(fp), 0);
	uplift_error_clear(&err);
	back = uplift_suff_io_read(f.path, f.exp, NULL, 0, UPLIFT_ENC_UTF8, &err);
	if (!back)
		print_error("%s\n", err.message);
	assert_non_null(back);
	assert_int_equal(back->n_columns, 1);
	assert_string_equal(back->columns[0].name, col.name);
	assert_int_equal(back->columns[0].n_values, NV);
	for (size_t v = 0; v < NV; v++) {
		/* read back in the order of uplift_segment_order.h, not the file's */
		size_t w = 0;
		while (w < NV && strcmp(back->columns[0].values[w], values[v]) != 0)
			w++;
		assert_true(w < NV);
		for (size_t a = 0; a < 2; a++)
			assert_true(uplift_suff_cell(back, 0, w, a, UPLIFT_CONVERSION)->n ==
				    uplift_suff_cell(&s, 0, v, a, UPLIFT_CONVERSION)->n);
	}
	for (size_t a = 0; a < 2; a++)
		assert_true(uplift_suff_cell(back, -1, 0, a, UPLIFT_CONVERSION)->n ==
			    uplift_suff_cell(&s, -1, 0, a, UPLIFT_CONVERSION)->n);
	uplift_suff_free(back);
	teardown(&f);
}

/*
 * Whatever order the file's rows come in (a warehouse's GROUP BY has its
 * own), columns come in the order --by names them and values in the
 * order of uplift_segment_order.h, as the raw folder gives them, and each
 * cell keeps its sums.
 */
static void test_reader_order(void **state)
{
	static const char *const by[] = {"recency", "rfm_grade"};
	static const char *const recency[] = {"1", "2", "10"};
	static const char *const grade[] = {"A", "C", "-"};
	struct uplift_error err;
	struct uplift_suff *s;
	struct fixture f;

	(void)state;
	setup(&f);
	write_file(f.path, HEAD ROWS "t,control,rfm_grade,-,conversion,1,0,0,0,0,0\n"
				     "t,control,recency,10,conversion,2,1,1,0,0,0\n"
				     "t,control,rfm_grade,A,conversion,3,1,1,0,0,0\n"
				     "t,control,recency,2,conversion,4,1,1,0,0,0\n"
				     "t,control,rfm_grade,C,conversion,5,1,1,0,0,0\n"
				     "t,control,recency,1,conversion,6,1,1,0,0,0\n");
	uplift_error_clear(&err);
	s = uplift_suff_io_read(f.path, f.exp, by, 2, UPLIFT_ENC_UTF8, &err);
	if (!s)
		print_error("%s\n", err.message);
	assert_non_null(s);
	assert_int_equal(s->n_columns, 2);
	assert_string_equal(s->columns[0].name, "recency");
	assert_string_equal(s->columns[1].name, "rfm_grade");
	for (size_t v = 0; v < 3; v++) {
		assert_string_equal(s->columns[0].values[v], recency[v]);
		assert_string_equal(s->columns[1].values[v], grade[v]);
	}
	/* the sums went with their values: recency 1, 2, 10 had n 6, 4, 2 */
	assert_true(uplift_suff_cell(s, 0, 0, 0, UPLIFT_CONVERSION)->n == 6);
	assert_true(uplift_suff_cell(s, 0, 1, 0, UPLIFT_CONVERSION)->n == 4);
	assert_true(uplift_suff_cell(s, 0, 2, 0, UPLIFT_CONVERSION)->n == 2);
	assert_true(uplift_suff_cell(s, 1, 0, 0, UPLIFT_CONVERSION)->n == 3);
	assert_true(uplift_suff_cell(s, 1, 1, 0, UPLIFT_CONVERSION)->n == 5);
	assert_true(uplift_suff_cell(s, 1, 2, 0, UPLIFT_CONVERSION)->n == 1);
	uplift_suff_free(s);
	/* without --by: every column, in the order the file first shows them */
	uplift_error_clear(&err);
	s = uplift_suff_io_read(f.path, f.exp, NULL, 0, UPLIFT_ENC_UTF8, &err);
	assert_non_null(s);
	assert_string_equal(s->columns[0].name, "rfm_grade");
	assert_string_equal(s->columns[0].values[0], "A");
	assert_string_equal(s->columns[1].values[0], "1");
	uplift_suff_free(s);
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_possible_sums),
	    cmocka_unit_test(test_rounding_slack),
	    cmocka_unit_test(test_counts),
	    cmocka_unit_test(test_rates),
	    cmocka_unit_test(test_means),
	    cmocka_unit_test(test_ratio),
	    cmocka_unit_test(test_reader_errors),
	    cmocka_unit_test(test_reader_experiment),
	    cmocka_unit_test(test_round_trip_names),
	    cmocka_unit_test(test_reader_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
