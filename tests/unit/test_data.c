/*
 * test_data.c - loading an experiment folder: counts, per-user
 * accumulators, outcomes.csv, and every bad-input error with its position.
 */
#include "testutil.h"
#include "uplift_data.h"
#include "uplift_mem.h"
#include "uplift_strtab.h"
#include "uplift_simulate.h"
#include "uplift_suff.h"
#include "uplift_experiment.h"
#include "uplift_metric.h"

static const char *ini = "[experiment]\ncontrol = control\nstart = 2026-11-16\n"
			 "end = 2026-11-22\n[arm control]\n[arm 8折券]\n";

struct folder {
	char dir[64];
	struct uplift_experiment *exp;
	struct uplift_data *data;
	struct uplift_error err;
};

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];

	if (!text)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, text);
}

/* Build a folder from the given files (NULL = absent) and load it. */
static bool load(struct folder *f, const char *assignments, const char *orders,
		 const char *outcomes, const char *const *by, size_t n_by)
{
	struct uplift_load_options opt = {.by = by, .n_by = n_by};
	char path[256];

	memset(f, 0, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "%s", temp_dir());
	put(f->dir, "experiment.ini", ini);
	put(f->dir, "assignments.csv", assignments);
	put(f->dir, "orders.csv", orders);
	put(f->dir, "outcomes.csv", outcomes);
	snprintf(path, sizeof(path), "%s/experiment.ini", f->dir);
	f->exp = uplift_experiment_load(path, "t", &f->err);
	assert_non_null(f->exp);
	f->data = uplift_data_load(f->exp, f->dir, &opt, &f->err);
	return f->data != NULL;
}

static void cleanup(struct folder *f)
{
	const char *names[] = {"experiment.ini", "assignments.csv", "orders.csv", "outcomes.csv"};
	char path[256];

	uplift_data_free(f->data);
	uplift_experiment_free(f->exp);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", f->dir, names[i]);
		remove(path);
	}
	rmdir(f->dir);
}

static void fixture_counts(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp;
	struct uplift_data *d;
	const char *by[] = {"tier"};
	struct uplift_load_options opt = {.by = by, .n_by = 1};
	long t5;
	struct uplift_user fresh;
	const struct uplift_user *u5;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("tests/fixtures/small/experiment.ini", "small", &err);
	assert_non_null(exp);
	d = uplift_data_load(exp, "tests/fixtures/small", &opt, &err);
	assert_non_null(d);
	assert_int_equal(d->n_users, 11);
	assert_int_equal(d->arm_users[0], 6);
	assert_int_equal(d->arm_users[1], 5);
	assert_int_equal(d->orders_read, 14);
	assert_int_equal(d->orders_in_window, 11);
	assert_int_equal(d->orders_outside_window, 2);
	assert_int_equal(d->orders_unassigned, 1);
	t5 = uplift_strtab_find(&d->ids, "t5", 2);
	assert_int_equal(t5, 10);
	u5 = uplift_data_user(d, (size_t)t5, &fresh);
	assert_ptr_not_equal(u5, &fresh); /* t5 bought: it has its own accumulator */
	assert_int_equal(u5->orders, 3);
	assert_int_equal(u5->redeemed, 1);
	assert_close(u5->paid, 34, 1e-12);
	assert_close(u5->discount, 2, 1e-12);
	assert_true(u5->repurchased);
	assert_int_equal(u5->arm, d->members[t5].arm);
	assert_int_equal(u5->line, d->members[t5].line);
	assert_int_equal(d->by[0].values.n, 2);
	assert_string_equal(uplift_strtab_get(&d->by[0].values, d->by[0].of_user[t5], NULL),
			    "gold");
	uplift_data_free(d);
	uplift_experiment_free(exp);
}

static const char *assign_ok = "user_id,arm\nu1,control\nu2,8折券\n";
static const char *orders_head = "user_id,order_time,amount,discount\n";

static void expect(const char *assignments, const char *orders, const char *message)
{
	struct folder f;
	char buf[1200];

	assert_false(load(&f, assignments, orders, NULL, NULL, 0));
	assert_int_equal(f.err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), message);
	cleanup(&f);
}

static void bad_assignments(void **state)
{
	expect("user_id,arm\nu1,control\nu2,9折券\n", orders_head,
	       "assignments.csv:3: column 'arm': arm '9折券' is not defined in experiment.ini");
	expect("user_id,arm\nu1,control\nu2,8折券\nu1,8折券\n", orders_head,
	       "assignments.csv:4: column 'user_id': user 'u1' is assigned to two arms: 'control' "
	       "(line 2) and '8折券' (line 4)");
	expect("user_id,arm\nu1,control\nu2,8折券\nu1,control\n", orders_head,
	       "assignments.csv:4: column 'user_id': user 'u1' is assigned twice (lines 2 and 4); "
	       "--dedupe counts such repeats once");
	expect("user_id,arm\nu1,control\nu2,control\n", orders_head,
	       "assignments.csv: arm '8折券' has no users");
	expect("user_id,arm,tier\nu1,control,a\nu2,8折券\n", orders_head,
	       "assignments.csv:3: row has 2 fields, the header has 3");
	expect("user,arm\nu1,control\n", orders_head,
	       "assignments.csv:1: missing column 'user_id' in the header");
	expect(NULL, orders_head, "assignments.csv: cannot open: No such file or directory");
	expect("user_id,arm\nu1,control\nu2,\"8折券\n", orders_head,
	       "assignments.csv:3: unterminated quoted field: the quote opened on this line "
	       "never closes");
}

static void bad_orders(void **state)
{
	char orders[512];

	snprintf(orders, sizeof(orders), "%su1,2026-11-16,12,0\nu2,16/11/2026,12,0\n", orders_head);
	expect(assign_ok, orders,
	       "orders.csv:3: column 'order_time': not a date/time: '16/11/2026' (expected "
	       "YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,abc,0\n", orders_head);
	expect(assign_ok, orders,
	       "orders.csv:2: column 'amount': not a number: 'abc' (write plain decimals like "
	       "1234.50)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,-5,0\n", orders_head);
	expect(assign_ok, orders, "orders.csv:2: column 'amount': negative: '-5'");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5,-1\n", orders_head);
	expect(assign_ok, orders, "orders.csv:2: column 'discount': negative: '-1'");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5,6\n", orders_head);
	expect(assign_ok, orders, "orders.csv:2: column 'discount': 6 is more than the amount 5");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,5\n", orders_head);
	expect(assign_ok, orders, "orders.csv:2: row has 3 fields, the header has 4");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,,0\n", orders_head);
	expect(assign_ok, orders, "orders.csv:2: column 'amount': empty value");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,nan,0\n", orders_head);
	expect(assign_ok, orders,
	       "orders.csv:2: column 'amount': not a number: 'nan' (write plain decimals like "
	       "1234.50)");
	snprintf(orders, sizeof(orders), "%su1,2026-11-16,\"1,234.50\",0\n", orders_head);
	expect(assign_ok, orders,
	       "orders.csv:2: column 'amount': not a number: '1,234.50' (write plain decimals "
	       "like 1234.50)");
	expect(assign_ok, NULL,
	       "orders.csv: cannot open: No such file or directory (nor is there an "
	       "outcomes.csv)");
}

static void parse_amount(void **state)
{
	double v;

	assert_int_equal(uplift_parse_amount("12.50", 5, &v), 0);
	assert_close(v, 12.5, 0);
	assert_int_equal(uplift_parse_amount(".5", 2, &v), 0);
	assert_int_equal(uplift_parse_amount("7.", 2, &v), 0);
	assert_int_equal(uplift_parse_amount("-0", 2, &v), 0);
	assert_close(v, 0, 0);
	assert_int_equal(uplift_parse_amount("-3", 2, &v), 2);
	assert_int_equal(uplift_parse_amount("1e3", 3, &v), 1);
	assert_int_equal(uplift_parse_amount("inf", 3, &v), 1);
	assert_int_equal(uplift_parse_amount("¥12", strlen("¥12"), &v), 1);
	assert_int_equal(uplift_parse_amount(".", 1, &v), 1);
	assert_int_equal(uplift_parse_amount("", 0, &v), 1);
	assert_int_equal(uplift_parse_amount("0x10", 4, &v), 1);
	assert_int_equal(uplift_parse_amount("1.2.3", 5, &v), 1);
	assert_int_equal(uplift_parse_amount("1..2", 4, &v), 1);
	assert_int_equal(uplift_parse_amount("-", 1, &v), 1);
	assert_int_equal(uplift_parse_amount("--1", 3, &v), 1);
	assert_int_equal(uplift_parse_amount("1-", 2, &v), 1);
	assert_int_equal(uplift_parse_amount("1 ", 2, &v), 1);
	assert_int_equal(uplift_parse_amount("-.5", 3, &v), 2);
	assert_int_equal(uplift_parse_amount("0012.340", 8, &v), 0);
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
		if (uplift_parse_amount(s, n, &got) != 0 || memcmp(&got, &want, sizeof(got)) != 0) {
			if (mismatches++ < 3)
				print_message("%s: %.17g, strtod %.17g\n", s, got, want);
		}
	}
	assert_int_equal(mismatches, 0);
}

static void outcomes(void **state)
{
	struct folder f;
	struct uplift_user fresh;
	char buf[1200];

	assert_true(load(&f, "user_id,arm\nu1,control\nu2,8折券\nu3,8折券\n", NULL,
			 "user_id,orders,revenue\nu1,2,30.5\nu2,0,0\nzz,1,9\n", NULL, 0));
	assert_true(f.data->from_outcomes);
	assert_int_equal(f.data->outcomes_read, 3);
	assert_int_equal(f.data->outcomes_unassigned, 1);
	assert_true(uplift_data_user(f.data, 0, &fresh)->repurchased);
	assert_false(uplift_data_user(f.data, 2, &fresh)->converted); /* no row: zeros */
	assert_int_equal(f.data->n_acc, 2); /* u1 and u2 have rows, u3 none */
	assert_true(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_AOV));
	assert_false(f.data->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	cleanup(&f);

	assert_true(load(&f, assign_ok, NULL, "user_id,converted\nu1,1\nu2,0\n", NULL, 0));
	assert_int_equal(f.data->metrics, UPLIFT_METRIC_BIT(UPLIFT_CONVERSION));
	cleanup(&f);

	assert_false(load(&f, assign_ok, NULL, "user_id,converted\nu1,2\n", NULL, 0));
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
			    "outcomes.csv:2: column 'converted': expected 0 or 1, got '2'");
	cleanup(&f);

	assert_false(load(&f, assign_ok, orders_head, "user_id,orders\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv: the folder has both orders.csv and outcomes.csv; keep one");
	cleanup(&f);

	assert_false(load(&f, assign_ok, NULL, "user_id,orders\nu1,1\nu1,2\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv:3: column 'user_id': user 'u1' has two rows (lines 2 and 3)");
	cleanup(&f);
}

/* --dedupe, order_id duplicates, and every row accounted for */
static void duplicates_and_counts(void **state)
{
	struct folder f;
	struct uplift_load_options opt = {.dedupe = true};
	struct uplift_user fresh;
	char path[256];
	const char *orders = "order_id,user_id,order_time,amount,discount\n"
			     "1,u1,2026-11-16,10,0\n"
			     "2,u1,2026-11-17,10,0\n"
			     "1,u1,2026-11-16,10,0\n" /* the same order exported twice */
			     "3,u2,2026-11-01,10,0\n" /* outside the window */
			     "4,zz,2026-11-18,10,0\n" /* not assigned */
			     "4,zz,2026-11-18,10,0\n";

	/* without --dedupe the repeated assignment is an error (see bad_assignments) */
	assert_true(load(&f, "user_id,arm\nu1,control\nu2,8折券\nu1,control\n", orders, NULL, NULL,
			 0) == false);
	uplift_data_free(f.data);
	snprintf(path, sizeof(path), "%s", f.dir);
	f.data = uplift_data_load(f.exp, path, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(f.data->assignments_read, 3);
	assert_int_equal(f.data->assignments_duplicate, 1);
	assert_int_equal(f.data->n_users, 2);
	assert_int_equal(f.data->orders_read, 6);
	assert_int_equal(f.data->orders_duplicate, 2);
	assert_int_equal(f.data->orders_in_window, 2);
	assert_int_equal(f.data->orders_outside_window, 1);
	assert_int_equal(f.data->orders_unassigned, 1);
	assert_int_equal(f.data->orders_read,
			 f.data->orders_in_window + f.data->orders_outside_window +
			     f.data->orders_unassigned + f.data->orders_duplicate);
	assert_int_equal(uplift_data_user(f.data, 0, &fresh)->orders, 2);
	cleanup(&f);
}

/* validate mode: every row-level problem is collected, the rows skipped */
static void problems_collected(void **state)
{
	struct folder f;
	struct uplift_problems pr = {.max = 2};
	struct uplift_load_options opt = {.problems = &pr};
	char path[256];
	const char *orders = "user_id,order_time,amount,discount\n"
			     "u1,2026-11-16,10,0\n"
			     "u1,2026-13-01,10,0\n"
			     "u2,2026-11-16,-1,0\n"
			     "u2,2026-11-16,5,9\n";

	assert_false(load(&f, assign_ok, orders, NULL, NULL, 0));
	uplift_error_clear(&f.err);
	snprintf(path, sizeof(path), "%s", f.dir);
	f.data = uplift_data_load(f.exp, path, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(pr.total, 3);
	assert_int_equal(pr.n, 2); /* kept up to max */
	assert_string_equal(pr.line[0],
			    "orders.csv:3: column 'order_time': not a date/time: "
			    "'2026-13-01' (expected YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS])");
	assert_string_equal(pr.line[1], "orders.csv:4: column 'amount': negative: '-1'");
	assert_int_equal(f.data->orders_in_window, 1);
	uplift_problems_release(&pr);
	cleanup(&f);
}

/*
 * assignments.csv of n users u1..un (arms alternating); row `dup` (a line
 * number, 0 for none) repeats u1 in the other arm and row `bad` names an
 * arm that does not exist. Returned text is malloc'd.
 */
static char *many_users(int n, int dup, int bad)
{
	size_t cap = (size_t)n * 32 + 64, len;
	char *s = malloc(cap);

	len = (size_t)snprintf(s, cap, "user_id,arm,tier\n");
	for (int i = 1; i <= n; i++) {
		int line = i + 1;
		const char *arm = i % 2 ? "control" : "8折券";
		if (line == dup)
			len += (size_t)snprintf(s + len, cap - len, "u1,8折券,t%d\n", i % 3);
		else if (line == bad)
			len += (size_t)snprintf(s + len, cap - len, "u%d,9折券,t%d\n", i, i % 3);
		else
			len += (size_t)snprintf(s + len, cap - len, "u%d,%s,t%d\n", i, arm, i % 3);
	}
	return s;
}

/*
 * Rows are applied by a second thread, batches of 1024 behind the parsing:
 * across many batches the first error in the file is still the one
 * reported, whether it is found when parsing (an unknown arm) or when
 * applying (a user in two arms), and validate's problems come in line order.
 */
static void errors_in_file_order_across_batches(void **state)
{
	static const struct {
		int dup, bad;
		const char *want;
	} cases[] = {
	    /* applying fails first */
	    {9000, 15000,
	     "assignments.csv:9000: column 'user_id': user 'u1' is assigned to two arms: "
	     "'control' (line 2) and '8折券' (line 9000)"},
	    /* parsing fails first */
	    {15000, 9000,
	     "assignments.csv:9000: column 'arm': arm '9折券' is not defined in experiment.ini"},
	};
	struct folder f;
	char buf[1200], *text;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text = many_users(20000, cases[i].dup, cases[i].bad);
		assert_false(load(&f, text, orders_head, NULL, NULL, 0));
		assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), cases[i].want);
		cleanup(&f);
		free(text);
	}

	/* validate: a problem found when applying row 9000 is listed before one
	 * found when parsing row 9100, though row 9100 is parsed first */
	text = many_users(20000, 9000, 9100);
	{
		struct uplift_problems pr = {.max = 10};
		struct uplift_load_options opt = {.problems = &pr};
		assert_false(load(&f, text, orders_head, NULL, NULL, 0));
		uplift_error_clear(&f.err);
		f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
		assert_non_null(f.data);
		assert_int_equal(pr.total, 2);
		assert_non_null(strstr(pr.line[0], "assignments.csv:9000: column 'user_id'"));
		assert_non_null(strstr(pr.line[1], "assignments.csv:9100: column 'arm'"));
		assert_int_equal(f.data->n_users, 19998);
		uplift_problems_release(&pr);
		cleanup(&f);
	}
	free(text);
}

#define HINT "; a spreadsheet export in Chinese? try --encoding gbk"

/*
 * Issue 13, finding 5: every field analyze uses is UTF-8 or the file is
 * refused, as validate refuses it. A user id in GBK (用户 is D3 C3 BB A7)
 * matched no user and the order was counted as of an unassigned user: a
 * GBK orders.csv gave conversion 0 and exit 0. The ids of orders.csv,
 * history.csv and outcomes.csv that are no user's are checked, and order
 * ids; an id that is valid UTF-8 and no user's is still only counted.
 */
static void utf8_in_every_used_field(void **state)
{
	struct folder f;
	char buf[1200], path[256];
	const char *history = "user_id,order_time,amount,discount\n"
			      "u1,2026-10-01,10,0\n"
			      "\xD3\xC3\xBB\xA7,2026-10-02,10,0\n";
	struct uplift_load_options opt = {0};

	expect(assign_ok,
	       "user_id,order_time,amount,discount\nu1,2026-11-16,1,0\nzz,2026-11-16,1,0\n"
	       "\xD3\xC3\xBB\xA7,2026-11-16,1,0\n",
	       "orders.csv:4: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	/* after a valid Chinese id, the bad byte's character is named */
	expect(assign_ok, "user_id,order_time,amount,discount\n用户\xD3\xC3,2026-11-16,1,0\n",
	       "orders.csv:2: column 'user_id': not valid UTF-8 at character 3 (byte 0xD3)" HINT);
	expect(assign_ok,
	       "order_id,user_id,order_time,amount\n1,u1,2026-11-16,1\n\xB6\xA9,u2,2026-11-16,1\n",
	       "orders.csv:3: column 'order_id': not valid UTF-8 at character 1 (byte 0xB6)" HINT);

	assert_false(
	    load(&f, assign_ok, NULL, "user_id,orders\nu1,1\n\xD3\xC3\xBB\xA7,2\n", NULL, 0));
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "outcomes.csv:3: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	cleanup(&f);

	assert_true(load(&f, assign_ok, orders_head, NULL, NULL, 0));
	uplift_data_free(f.data);
	put(f.dir, "history.csv", history);
	f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
	assert_null(f.data);
	assert_string_equal(
	    uplift_error_format(&f.err, buf, sizeof(buf)),
	    "history.csv:3: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3)" HINT);
	snprintf(path, sizeof(path), "%s/history.csv", f.dir);
	remove(path);
	cleanup(&f);

	/* Chinese ids in UTF-8 are found; one that is no user's is counted */
	assert_true(load(&f, "user_id,arm\n用户1,control\n用户2,8折券\n",
			 "user_id,order_time,amount\n用户1,2026-11-16,1\n路人,2026-11-16,1\n", NULL,
			 NULL, 0));
	assert_int_equal(f.data->orders_in_window, 1);
	assert_int_equal(f.data->orders_unassigned, 1);
	cleanup(&f);
}

/*
 * The check skips ASCII ids a word at a time (data.c's ascii()): a lone
 * 0xFF at every place of ids of 1 to 24 bytes is still found, in
 * orders.csv ids (applying thread) and in assignments.csv ids (parsing).
 */
static void utf8_bad_byte_anywhere(void **state)
{
	struct folder f;
	char id[32], text[256], want[256], buf[1200];

	for (size_t len = 1; len <= 24; len++)
		for (size_t at = 0; at < len; at++) {
			memset(id, 'a', len);
			id[at] = '\xFF';
			id[len] = '\0';
			snprintf(text, sizeof(text), "%s%s,2026-11-16,1,0\n", orders_head, id);
			snprintf(want, sizeof(want),
				 "orders.csv:2: column 'user_id': not valid UTF-8 at character %zu "
				 "(byte 0xFF)" HINT,
				 at + 1);
			assert_false(load(&f, assign_ok, text, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), want);
			cleanup(&f);
			snprintf(text, sizeof(text), "user_id,arm\nu1,control\n%s,8折券\n", id);
			snprintf(
			    want, sizeof(want),
			    "assignments.csv:3: column 'user_id': not valid UTF-8 at character "
			    "%zu (byte 0xFF)" HINT,
			    at + 1);
			assert_false(load(&f, text, orders_head, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), want);
			cleanup(&f);
		}
}

/*
 * The ids of orders.csv are checked by the applying thread, batches behind
 * the parsing: the first problem in the file is still the one reported,
 * whichever thread finds it.
 */
static void utf8_errors_in_file_order(void **state)
{
	static const struct {
		int gbk, bad; /* lines */
		const char *want;
	} cases[] = {
	    {5000, 9000,
	     "orders.csv:5000: column 'user_id': not valid UTF-8 at character 2 (byte 0xD3)" HINT},
	    {9000, 5000,
	     "orders.csv:5000: column 'amount': not a number: 'x' (write plain decimals like "
	     "1234.50)"},
	};
	struct folder f;
	char buf[1200];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t cap = 20000 * 32, len;
		char *orders = malloc(cap);
		len = (size_t)snprintf(orders, cap, "%s", orders_head);
		for (int line = 2; line <= 12000; line++)
			len += (size_t)snprintf(orders + len, cap - len, "%s,2026-11-16,%s,0\n",
						line == cases[i].gbk ? "u\xD3\xC3" : "u1",
						line == cases[i].bad ? "x" : "1");
		assert_false(load(&f, assign_ok, orders, NULL, NULL, 0));
		assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)), cases[i].want);
		cleanup(&f);
		free(orders);
	}
}

/*
 * Issue 13, finding 10: the header check compared every name with every
 * earlier one (100,000 columns: 24 s). A header of 300,000 columns loads,
 * and a duplicate at its end is named with both fields.
 */
static void wide_header(void **state)
{
	size_t n = 300000, cap = n * 12 + 64, len;
	char *text = malloc(cap), buf[1200];
	struct folder f;

	for (int dup = 0; dup < 2; dup++) {
		len = (size_t)snprintf(text, cap, "user_id,arm");
		for (size_t i = 3; i <= n; i++)
			len +=
			    (size_t)snprintf(text + len, cap - len, ",c%zu", dup && i == n ? 5 : i);
		len += (size_t)snprintf(text + len, cap - len, "\nu1,control");
		for (size_t i = 3; i <= n; i++)
			text[len++] = ',';
		len += (size_t)snprintf(text + len, cap - len, "\nu2,8折券");
		for (size_t i = 3; i <= n; i++)
			text[len++] = ',';
		text[len++] = '\n';
		text[len] = '\0';
		if (!dup) {
			assert_true(load(&f, text, orders_head, NULL, NULL, 0));
			assert_int_equal(f.data->n_users, 2);
		} else {
			assert_false(load(&f, text, orders_head, NULL, NULL, 0));
			assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
					    "assignments.csv:1: column 'c5' appears twice in the "
					    "header (fields 5 and 300000)");
		}
		cleanup(&f);
	}
	expect("user_id,arm,user_id\n", orders_head,
	       "assignments.csv:1: column 'user_id' appears twice in the header (fields 1 and 3)");
	free(text);
}

/* validate: an outcomes.csv row of the wrong width is read (counted) and skipped */
static void outcomes_rows_counted(void **state)
{
	struct folder f;
	struct uplift_problems pr = {.max = 4};
	struct uplift_load_options opt = {.problems = &pr};

	assert_true(load(&f, assign_ok, NULL, "user_id,orders\nu1,1\nu2\nu2,0\n", NULL, 0) ==
		    false);
	uplift_error_clear(&f.err);
	f.data = uplift_data_load(f.exp, f.dir, &opt, &f.err);
	assert_non_null(f.data);
	assert_int_equal(pr.total, 1);
	assert_int_equal(f.data->outcomes_read, 3);
	uplift_problems_release(&pr);
	cleanup(&f);
}

/* The second thread changes nothing: every user, count and value the same. */
static void one_thread_same_result(void **state)
{
	const char *by[] = {"rfm_segment", "channel"};
	struct uplift_load_options one = {.by = by, .n_by = 2, .one_thread = true};
	struct uplift_load_options two = {.by = by, .n_by = 2};
	struct uplift_experiment *exp;
	struct uplift_data *a, *b;
	struct uplift_error err;

	uplift_error_clear(&err);
	exp = uplift_experiment_load("experiments/coffee-w47/experiment.ini", "w47", &err);
	assert_non_null(exp);
	a = uplift_data_load(exp, "experiments/coffee-w47", &one, &err);
	b = uplift_data_load(exp, "experiments/coffee-w47", &two, &err);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(a->n_users, 30000);
	assert_int_equal(a->n_users, b->n_users);
	assert_memory_equal(a->members, b->members, a->n_users * sizeof(*a->members));
	assert_int_equal(a->n_acc, b->n_acc);
	assert_memory_equal(a->acc, b->acc, a->n_acc * sizeof(*a->acc));
	assert_memory_equal(a->history, b->history, a->n_users * sizeof(*a->history));
	assert_memory_equal(a->by[1].of_user, b->by[1].of_user, a->n_users * sizeof(uint32_t));
	assert_int_equal(a->orders_in_window, b->orders_in_window);
	assert_int_equal(a->orders_unassigned, b->orders_unassigned);
	assert_int_equal(a->history_used, b->history_used);
	assert_memory_equal(a->basket_hist, b->basket_hist,
			    exp->n_arms * UPLIFT_BASKET_BINS * sizeof(uint64_t));
	uplift_data_free(a);
	uplift_data_free(b);
	uplift_experiment_free(exp);
}

/*
 * From 100,000 users the fold runs half of the metrics on a second thread:
 * the sufficient statistics are the same to the bit as on one thread
 * (every cell and metric, overall and per --by value, with history.csv).
 */
static void fold_two_threads_same_result(void **state)
{
	const char *by[] = {"rfm_segment", "channel"};
	struct uplift_load_options one = {.by = by, .n_by = 2, .one_thread = true};
	struct uplift_load_options two = {.by = by, .n_by = 2};
	struct uplift_sim_options sim;
	struct uplift_experiment *exp;
	struct uplift_data *a, *b;
	struct uplift_suff *sa, *sb;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[256];
	size_t cells;

	uplift_error_clear(&err);
	uplift_sim_defaults(&sim);
	sim.users = 100000;
	sim.history = true;
	assert_int_equal(uplift_simulate(dir, &sim, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	assert_non_null(exp = uplift_experiment_load(path, "sim", &err));
	assert_non_null(a = uplift_data_load(exp, dir, &one, &err));
	assert_non_null(b = uplift_data_load(exp, dir, &two, &err));
	assert_int_equal(a->n_users, 100000);
	assert_non_null(sa = uplift_suff_from_data(a));
	assert_non_null(sb = uplift_suff_from_data(b));
	assert_memory_equal(sa->overall, sb->overall,
			    exp->n_arms * UPLIFT_N_METRICS * sizeof(*sa->overall));
	for (size_t c = 0; c < 2; c++) {
		assert_int_equal(sa->columns[c].n_values, sb->columns[c].n_values);
		cells = sa->columns[c].n_values * exp->n_arms * UPLIFT_N_METRICS;
		assert_memory_equal(sa->columns[c].cells, sb->columns[c].cells,
				    cells * sizeof(*sa->columns[c].cells));
	}
	uplift_suff_free(sa);
	uplift_suff_free(sb);
	uplift_data_free(a);
	uplift_data_free(b);
	uplift_experiment_free(exp);
	for (const char *const *f = (const char *const[]){"experiment.ini", "assignments.csv",
							  "orders.csv", "history.csv", NULL};
	     *f; f++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		remove(path);
	}
	rmdir(dir);
}

/*
 * Strings of every length from 0 to 600 bytes (a record keeps lengths
 * below 255 in one byte, longer ones in four more), interned twice and
 * found again: the same index, bytes and length back.
 */
static void strtab_lengths(void **state)
{
	struct uplift_strtab t;
	char s[601];

	uplift_strtab_init(&t);
	for (int pass = 0; pass < 2; pass++)
		for (size_t len = 0; len <= 600; len++) {
			bool added;
			size_t got;
			const char *p;
			for (size_t k = 0; k < len; k++)
				s[k] = (char)('a' + (len + k) % 26);
			assert_int_equal(uplift_strtab_intern(&t, s, len, &added), (long)len);
			assert_true(added == (pass == 0));
			assert_int_equal(uplift_strtab_find(&t, s, len), (long)len);
			p = uplift_strtab_get(&t, len, &got);
			assert_int_equal(got, len);
			assert_memory_equal(p, s, len);
			assert_int_equal(p[len], '\0');
		}
	/* a prefix and an extension of a stored string are other strings */
	assert_int_equal(uplift_strtab_find(&t, s, 599), -1);
	s[600] = 'x';
	assert_int_equal(uplift_strtab_find(&t, s, 601), -1);
	assert_int_equal(t.n, 601);
	uplift_strtab_release(&t);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * The hash takes every byte: ids of 3 to 20 characters that differ only
 * in one place (first, middle, last) get 32-bit hashes as distinct as
 * chance allows -- 2^17 ids per length, where 2 collisions are expected
 * (n^2 / 2^33).
 */
static void hash_every_byte(void **state)
{
	enum { N = 1 << 17 };
	uint32_t *h = malloc(N * sizeof(*h));

	assert_non_null(h);
	for (size_t len = 3; len <= 20; len++) {
		size_t step = len / 2 > 1 ? len / 2 - 1 : 1; /* the start, the middle, the end */
		for (size_t at = 0; at < len; at += step) {
			char s[32];
			size_t same = 0;
			for (size_t i = 0; i < N; i++) {
				memset(s, 'M', len);
				/* three bytes of i at `at` (wrapping round the string) */
				for (size_t b = 0; b < 3; b++)
					s[(at + b) % len] = (char)(0x20 + (i >> (6 * b)) % 64);
				h[i] = uplift_strtab_hash(s, len);
			}
			qsort(h, N, sizeof(*h), cmp_u32);
			for (size_t i = 1; i < N; i++)
				same += h[i] == h[i - 1];
			if (same > 12)
				print_message("length %zu, bytes at %zu: %zu equal hashes\n", len,
					      at, same);
			assert_true(same <= 12);
		}
	}
	free(h);
}

/*
 * The hash tables' memory: zeroed at every size, 2 MB-aligned from 4 MB
 * (where it is offered for huge pages), NULL when n * size overflows; and
 * a user table reserved for 300,000 ids, the first to reach that size,
 * finds all of them.
 */
static void table_memory(void **state)
{
	size_t sizes[] = {1, 4096, (4u << 20) - 8, 4u << 20, (6u << 20) + 24};
	struct uplift_strtab t;
	char id[16];

	/* three rounds, each block dirtied before it is freed: a table that
	 * reused freed memory without zeroing it fails the later rounds */
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = uplift_table_calloc(sizes[i] / 8, 8);
			size_t nonzero = 0;
			assert_non_null(p);
			for (size_t k = 0; k < sizes[i] / 8 * 8; k++)
				nonzero += p[k] != 0;
			assert_int_equal(nonzero, 0);
			if (sizes[i] >= (4u << 20))
				assert_int_equal((uintptr_t)p % (2u << 20), 0);
			memset(p, 0xFF, sizes[i] / 8 * 8);
			uplift_table_free(p, sizes[i] / 8, 8);
		}
	assert_null(uplift_table_calloc(SIZE_MAX / 4, 8));
	uplift_strtab_init(&t);
	assert_true(uplift_strtab_reserve(&t, 300000, 7));
	assert_true(t.n_slots * sizeof(*t.slot) >= (4u << 20));
	for (int i = 0; i < 300000; i++) {
		snprintf(id, sizeof(id), "u%d", i);
		assert_int_equal(uplift_strtab_intern(&t, id, strlen(id), NULL), i);
	}
	for (int i = 0; i < 300000; i += 7) {
		snprintf(id, sizeof(id), "u%d", i);
		assert_int_equal(uplift_strtab_find(&t, id, strlen(id)), i);
	}
	assert_int_equal(uplift_strtab_find(&t, "u300000", 7), -1);
	uplift_strtab_release(&t);
}

/*
 * A user who has bought nothing (no accumulator) reads as one with every
 * metric and covariate zero, whatever its line and arm: the fold skips such
 * users without evaluating their metrics, so a metric added later that is
 * not zero for them fails here.
 */
static void fresh_user_metrics_zero(void **state)
{
	struct uplift_member m = {.line = 17, .arm = 2, .acc = 0};
	struct uplift_data d = {.members = &m, .n_users = 1};
	struct uplift_user fresh;
	const struct uplift_user *u;

	memset(&fresh, 0xAB, sizeof(fresh)); /* every field must be set */
	u = uplift_data_user(&d, 0, &fresh);
	assert_int_equal(u->line, 17);
	assert_int_equal(u->arm, 2);
	assert_int_equal(u->first_day, UPLIFT_NO_DAY);
	for (int k = 0; k < UPLIFT_N_METRICS; k++) {
		double x = -1, y = uplift_user_metric(u, NULL, (enum uplift_metric)k, &x);
		assert_true(y == 0 && x == 0);
	}
}

static void by_column_missing(void **state)
{
	struct folder f;
	const char *by[] = {"city"};
	char buf[1200];

	assert_false(load(&f, assign_ok, orders_head, NULL, by, 1));
	assert_string_equal(uplift_error_format(&f.err, buf, sizeof(buf)),
			    "assignments.csv:1: no column 'city' to break down by (--by)");
	cleanup(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(fixture_counts),
	    cmocka_unit_test(bad_assignments),
	    cmocka_unit_test(bad_orders),
	    cmocka_unit_test(parse_amount),
	    cmocka_unit_test(parse_amount_matches_strtod),
	    cmocka_unit_test(outcomes),
	    cmocka_unit_test(by_column_missing),
	    cmocka_unit_test(duplicates_and_counts),
	    cmocka_unit_test(problems_collected),
	    cmocka_unit_test(errors_in_file_order_across_batches),
	    cmocka_unit_test(utf8_in_every_used_field),
	    cmocka_unit_test(utf8_bad_byte_anywhere),
	    cmocka_unit_test(utf8_errors_in_file_order),
	    cmocka_unit_test(wide_header),
	    cmocka_unit_test(outcomes_rows_counted),
	    cmocka_unit_test(one_thread_same_result),
	    cmocka_unit_test(fold_two_threads_same_result),
	    cmocka_unit_test(strtab_lengths),
	    cmocka_unit_test(hash_every_byte),
	    cmocka_unit_test(table_memory),
	    cmocka_unit_test(fresh_user_metrics_zero),
	};
	return cmocka_run_group_tests_name("data", tests, NULL, NULL);
}
