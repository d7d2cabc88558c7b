/*
 * test_experiment.c - experiment.ini: the contract's example, defaults,
 * every error with its line, and the reader (ini.c): long lines and names,
 * duplicates, NUL bytes, encodings, the dialect, the arm limit.
 */
#include "testutil.h"
#include "uplift_date.h"
#include "uplift_experiment.h"
#include "uplift_history.h" /* UPLIFT_NO_DAY */

static const char *contract_ini =
    "[experiment]\n"
    "name    = T咖啡 会员发券 2026-W47\n"
    "control = control          ; the arm every other arm is compared with\n"
    "start   = 2026-11-16       ; first day of the outcome window, inclusive\n"
    "end     = 2026-11-22\n"
    "alpha   = 0.05             ; optional, default 0.05\n"
    "\n"
    "[arm control]\n"
    "weight = 1\n"
    "label  = 不触达\n"
    "\n"
    "[arm 8折券]\n"
    "weight      = 1\n"
    "percent_off = 20\n"
    "\n"
    "[arm 满80减15]\n"
    "weight     = 2\n"
    "min_spend  = 80\n"
    "amount_off = 15\n";

static struct uplift_experiment *load(const char *text, struct uplift_error *err)
{
	const char *dir = temp_dir();
	char path[128];
	struct uplift_experiment *exp;

	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	write_file(path, text);
	uplift_error_clear(err);
	exp = uplift_experiment_load(path, "folder", err);
	remove(path);
	rmdir(dir);
	return exp;
}

static void contract_example(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load(contract_ini, &err);

	assert_non_null(exp);
	assert_string_equal(exp->name, "T咖啡 会员发券 2026-W47");
	assert_int_equal(exp->n_arms, 3);
	assert_int_equal(exp->control, 0);
	assert_string_equal(exp->arms[1].name, "8折券");
	assert_string_equal(exp->arms[0].label, "不触达");
	assert_close(exp->arms[1].percent_off, 20, 0);
	assert_close(exp->arms[2].weight, 2, 0);
	assert_close(exp->arms[2].min_spend, 80, 0);
	assert_close(exp->arms[2].amount_off, 15, 0);
	assert_int_equal(exp->start, uplift_date_from_civil(2026, 11, 16));
	assert_int_equal(exp->end - exp->start, 6);
	assert_int_equal(exp->segments.asof, exp->start - 1);
	assert_true(exp->has_window);
	assert_false(exp->has_economics);
	assert_int_equal(uplift_experiment_find_arm(exp, "满80减15", strlen("满80减15")), 2);
	uplift_experiment_free(exp);
}

/* an arm section with no keys still defines the arm (weight 1) */
static void empty_arm_section(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load("[experiment]\ncontrol = c\nstart = 2026-01-01\n"
					     "end = 2026-01-07\n[arm c]\n[arm t]\n",
					     &err);

	assert_non_null(exp);
	assert_int_equal(exp->n_arms, 2);
	assert_close(exp->arms[1].weight, 1, 0);
	assert_string_equal(exp->name, "folder");
	assert_close(exp->alpha, 0.05, 0);
	uplift_experiment_free(exp);
}

/* no start and no end: no window (outcomes.csv), and no date made up for it */
static void no_window(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load("[experiment]\ncontrol = c\n[arm c]\n[arm t]\n", &err);

	assert_non_null(exp);
	assert_false(exp->has_window);
	assert_int_equal(exp->start, UPLIFT_NO_DAY);
	assert_int_equal(exp->end, UPLIFT_NO_DAY);
	assert_int_equal(exp->segments.asof, UPLIFT_NO_DAY);
	uplift_experiment_free(exp);
}

static void expect_error(const char *text, const char *message)
{
	struct uplift_error err;
	char buf[1200];

	assert_null(load(text, &err));
	assert_int_equal(err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), message);
}

static void errors(void **state)
{
	const char *head = "[experiment]\ncontrol = c\nstart = 2026-01-01\nend = 2026-01-07\n";
	char text[512];

	snprintf(text, sizeof(text), "%s[arm c]\nweigth = 1\n[arm t]\n", head);
	expect_error(text, "experiment.ini:6: unknown key 'weigth' in section [arm c]");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\n[arms x]\nweight = 1\n", head);
	expect_error(text, "experiment.ini:7: unknown section [arms x] (expected [experiment], "
			   "[arm NAME], [segments], [economics], [decision], [columns] or [metric NAME])");
	/* an undefined control: the file, its line, the key and the arms there are */
	snprintf(text, sizeof(text), "%s[arm t]\n[arm u]\n", head);
	expect_error(text, "experiment.ini:2: [experiment] control: arm 'c' is not defined (the "
			   "arms: t, u; or add an [arm c] section)");
	expect_error(
	    "[experiment]\nstart = 2026-11-16\nend = 2026-11-22\ncontrol = 对照组\n"
	    "[arm control]\n[arm 8折券]\n[arm 满80减15]\n",
	    "experiment.ini:4: [experiment] control: arm '对照组' is not defined (the arms: "
	    "control, 8折券, 满80减15; or add an [arm 对照组] section)");
	expect_error(head, "experiment.ini:2: [experiment] control: arm 'c' is not defined (there "
			   "is no [arm NAME] section)");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\nweight = -1\n", head);
	expect_error(text, "experiment.ini:7: [arm t] weight: expected a number > 0, got '-1'");
	snprintf(text, sizeof(text), "%s[arm c]\n[arm t]\n[arm c]\n", head);
	expect_error(text, "experiment.ini:7: arm 'c' is defined twice (first at line 5)");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-02-30\nend = 2026-03-07\n",
		     "experiment.ini:3: [experiment] start: expected a date YYYY-MM-DD, got "
		     "'2026-02-30'");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-03-08\nend = 2026-03-07\n"
		     "[arm c]\n[arm t]\n",
		     "experiment.ini:4: end 2026-03-07 is before start 2026-03-08");
	expect_error("[experiment]\ncontrol = c\nstart = 2026-03-01\nend = 2026-03-07\n"
		     "[arm c]\n",
		     "experiment.ini: an experiment needs at least two arms, found 1");
	expect_error("[experiment]\ncontrol = c\nthis line is broken\n",
		     "experiment.ini:3: malformed line (expected [section], key = value or a "
		     "comment)");
	expect_error("[experiment]\nstart = 2026-03-01\nend = 2026-03-07\n[arm c]\n[arm t]\n",
		     "experiment.ini: [experiment] has no 'control' key");
	/* half a window names the key that is missing */
	expect_error("[experiment]\ncontrol = c\nstart = 2026-03-01\n[arm c]\n[arm t]\n",
		     "experiment.ini:3: [experiment] has 'start' but no 'end' (give both, or "
		     "neither with outcomes.csv)");
	expect_error("[experiment]\ncontrol = c\nend = 2026-03-01\n[arm c]\n[arm t]\n",
		     "experiment.ini:3: [experiment] has 'end' but no 'start' (give both, or "
		     "neither with outcomes.csv)");
}

/* text[0..n) through uplift_experiment_parse, with encoding enc */
static struct uplift_experiment *parse(const char *text, size_t n, enum uplift_encoding enc,
				       struct uplift_error *err)
{
	struct uplift_experiment_options opt = {.encoding = enc};

	uplift_error_clear(err);
	return uplift_experiment_parse(text, n, "dir/experiment.ini", "folder", &opt, err);
}

static void expect_parse_error(const char *text, size_t n, enum uplift_encoding enc,
			       const char *message)
{
	struct uplift_error err;
	char buf[1200];

	assert_null(parse(text, n, enc, &err));
	assert_int_equal(err.status, UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), message);
}

/* a string literal and its length, NULs included */
#define TEXT(s) s, sizeof(s) - 1
#define HEAD    "[experiment]\ncontrol = c\nstart = 2026-01-01\nend = 2026-01-07\n"

/* lines and names of any length: libinih split lines at 199 bytes and cut
 * section names at 49 (issue 13, finding 6) */
static void long_lines_and_names(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp;
	size_t big = 100000;
	char *label = malloc(big + 1), *arm = malloc(3 * 300 + 1), *text = malloc(2 * big);

	memset(label, 'L', big);
	label[big] = '\0';
	for (int i = 0; i < 300; i++)
		memcpy(arm + 3 * i, "券", 3);
	arm[900] = '\0';
	/* a long label, then "weight = 7" on the same line: all of it the label */
	snprintf(text, 2 * big, HEAD "[arm c]\nlabel = %s weight = 7\n[arm %s]\npercent_off = 20\n",
		 label, arm);
	exp = parse(text, strlen(text), UPLIFT_ENC_UTF8, &err);
	assert_non_null(exp);
	assert_int_equal(exp->n_arms, 2);
	assert_close(exp->arms[0].weight, 1, 0);
	assert_int_equal(strlen(exp->arms[0].label), big + strlen(" weight = 7"));
	assert_memory_equal(exp->arms[0].label, label, big);
	/* a 900-byte arm name, whole, with its key */
	assert_string_equal(exp->arms[1].name, arm);
	assert_int_equal(exp->arms[1].name_len, 900);
	assert_close(exp->arms[1].percent_off, 20, 0);
	assert_int_equal(uplift_experiment_find_arm(exp, arm, 900), 1);
	uplift_experiment_free(exp);

	/* a 70-character Chinese name, and the line numbers after it */
	snprintf(text, 2 * big, "[experiment]\nname = %.210s\ncontrol = c\nstart = x\n", arm);
	expect_parse_error(text, strlen(text), UPLIFT_ENC_UTF8,
			   "experiment.ini:4: [experiment] start: expected a date YYYY-MM-DD, "
			   "got 'x'");
	/* the stated limit of an arm name: 1024 bytes */
	memset(label, 'a', 1025);
	snprintf(text, 2 * big, HEAD "[arm c]\n[arm %.1024s]\n", label);
	exp = parse(text, strlen(text), UPLIFT_ENC_UTF8, &err);
	assert_non_null(exp);
	assert_int_equal(exp->arms[1].name_len, UPLIFT_ARM_NAME_MAX);
	uplift_experiment_free(exp);
	snprintf(text, 2 * big, HEAD "[arm c]\n[arm %.1025s]\n", label);
	expect_parse_error(text, strlen(text), UPLIFT_ENC_UTF8,
			   "experiment.ini:6: arm name of 1025 bytes is too long (at most 1024)");
	free(label);
	free(arm);
	free(text);
}

static void duplicates(void **state)
{
	expect_parse_error(TEXT(HEAD "control = t\n[arm c]\n[arm t]\n"), UPLIFT_ENC_UTF8,
			   "experiment.ini:5: key 'control' is given twice (first at line 2)");
	expect_error(HEAD "[arm c]\nweight = 1\nlabel = x\nweight = 2\n[arm t]\n",
		     "experiment.ini:8: key 'weight' is given twice (first at line 6)");
	expect_error(HEAD "[arm c]\n[arm t]\n[experiment]\ncontrol = t\n",
		     "experiment.ini:7: section [experiment] is given twice (first at line 1)");
	expect_error(HEAD "[arm c]\n[arm t]\n[economics]\ngross_margin = 0.5\n[segments]\n"
			  "[economics]\n",
		     "experiment.ini:10: section [economics] is given twice (first at line 7)");
	/* the same key in two arms is no duplicate */
	struct uplift_error err;
	struct uplift_experiment *exp =
	    load(HEAD "[arm c]\nweight = 1\n[arm t]\nweight = 2\n", &err);
	assert_non_null(exp);
	assert_close(exp->arms[1].weight, 2, 0);
	uplift_experiment_free(exp);
}

static void bytes(void **state)
{
	static const char nul[] = "[experiment]\nname = ab\0cd\ncontrol = c\n";
	static const char bad_utf8[] = "[experiment]\n; fine\nname = caf\xC3(\n";
	static const char cr_only[] = "[experiment]\rcontrol = c\r";

	expect_parse_error(nul, sizeof(nul) - 1, UPLIFT_ENC_UTF8,
			   "experiment.ini:2: NUL byte at column 10 (a binary file, or UTF-16? "
			   "save as UTF-8)");
	expect_parse_error(nul, sizeof(nul) - 1, UPLIFT_ENC_GBK,
			   "experiment.ini:2: NUL byte at column 10 (a binary file, or UTF-16? "
			   "save as UTF-8)");
	expect_parse_error(
	    bad_utf8, sizeof(bad_utf8) - 1, UPLIFT_ENC_UTF8,
	    "experiment.ini:3: not valid UTF-8 at column 11 (byte 0xC3); " UPLIFT_UTF8_HINT);
	expect_parse_error(cr_only, sizeof(cr_only) - 1, UPLIFT_ENC_UTF8,
			   "experiment.ini:1: a carriage return inside the line (CR-only line "
			   "ends? save the file with LF or CRLF line ends)");
}

/* GBK (8折券 is 38 D5 DB C8 AF) with --encoding gbk; a UTF-8 file as it is */
static void encodings(void **state)
{
	static const char gbk[] = HEAD "[arm c]\nlabel = \xB2\xBB\xB4\xA5\xB4\xEF\n"
				       "[arm 8\xD5\xDB\xC8\xAF]\n";
	static const char utf8[] = HEAD "[arm c]\n[arm 8折券]\n";
	struct uplift_error err;
	struct uplift_experiment *exp;

	expect_parse_error(
	    gbk, sizeof(gbk) - 1, UPLIFT_ENC_UTF8,
	    "experiment.ini:6: not valid UTF-8 at column 9 (byte 0xB2); " UPLIFT_UTF8_HINT);
	exp = parse(gbk, sizeof(gbk) - 1, UPLIFT_ENC_GBK, &err);
	assert_non_null(exp);
	assert_string_equal(exp->arms[0].label, "不触达");
	assert_string_equal(exp->arms[1].name, "8折券");
	uplift_experiment_free(exp);
	exp = parse(gbk, sizeof(gbk) - 1, UPLIFT_ENC_GB18030, &err);
	assert_non_null(exp);
	assert_string_equal(exp->arms[1].name, "8折券");
	uplift_experiment_free(exp);
	exp = parse(utf8, sizeof(utf8) - 1, UPLIFT_ENC_GBK, &err);
	assert_non_null(exp);
	assert_string_equal(exp->arms[1].name, "8折券");
	uplift_experiment_free(exp);
	/* a GBK lead byte cut by the line end, and bytes GBK does not have */
	expect_parse_error(TEXT(HEAD "[arm c]\nlabel = \xB2\n[arm t]\n"), UPLIFT_ENC_GBK,
			   "experiment.ini:6: text is not valid GBK (check --encoding)");
	expect_parse_error(TEXT(HEAD "[arm c]\nlabel = \xFF\xFF\n"), UPLIFT_ENC_GBK,
			   "experiment.ini:6: text is not valid GBK (check --encoding)");
}

/* the dialect of the files: BOM, CRLF, comments, blanks, ':' */
static void dialect(void **state)
{
	static const char text[] = "\xEF\xBB\xBF; a comment\r\n"
				   "# another\r\n"
				   "\r\n"
				   "  [experiment]   ; inline\r\n"
				   "name: a;b #c ; the comment\r\n"
				   "\tcontrol   =   c   \r\n"
				   "start = 2026-01-01\r\n"
				   "end = 2026-01-07\r\n"
				   "[ arm   c ]\r\n"
				   "label = ; empty\r\n"
				   "[arm t] # comment\r\n"
				   "label = x=y:z";
	struct uplift_error err;
	struct uplift_experiment *exp = parse(text, sizeof(text) - 1, UPLIFT_ENC_UTF8, &err);

	assert_non_null(exp);
	assert_string_equal(exp->name, "a;b #c");
	assert_string_equal(exp->control_name, "c");
	assert_int_equal(exp->n_arms, 2);
	assert_string_equal(exp->arms[0].name, "c");
	assert_string_equal(exp->arms[0].label, "");
	assert_string_equal(exp->arms[1].label, "x=y:z");
	assert_int_equal(exp->arms[1].line, 11);
	uplift_experiment_free(exp);

	expect_error("[experiment]\ncontrol = c\n[arm c] x\n",
		     "experiment.ini:3: text after the ']' of a section header");
	expect_error("[experiment]\ncontrol = c\n[arm c\n",
		     "experiment.ini:3: no ']' closing the section name");
	expect_error("[experiment]\ncontrol ;= c\n",
		     "experiment.ini:2: malformed line (expected [section], key = value or a "
		     "comment)");
	expect_error("control = c\n[experiment]\n",
		     "experiment.ini:1: key 'control' outside any section");
	expect_error("", "experiment.ini: no [experiment] section");
}

/* the arm limit (a 16-bit index), and find_arm over many arms */
static void many_arms(void **state)
{
	size_t cap = 16 * (UPLIFT_MAX_ARMS + 2), n;
	char *text = malloc(cap);
	struct uplift_error err;
	struct uplift_experiment *exp;
	char name[16];

	n = (size_t)snprintf(text, cap,
			     "[experiment]\ncontrol = c0\nstart = 2026-01-01\nend = 2026-01-07\n");
	for (int i = 0; i < UPLIFT_MAX_ARMS; i++)
		n += (size_t)snprintf(text + n, cap - n, "[arm %s%d]\n", i ? "a" : "c", i);
	exp = parse(text, n, UPLIFT_ENC_UTF8, &err);
	assert_non_null(exp);
	assert_int_equal(exp->n_arms, UPLIFT_MAX_ARMS);
	for (int i = 1; i < UPLIFT_MAX_ARMS; i += 997) {
		snprintf(name, sizeof(name), "a%d", i);
		assert_int_equal(uplift_experiment_find_arm(exp, name, strlen(name)), i);
	}
	assert_int_equal(uplift_experiment_find_arm(exp, "a0", 2), -1);
	assert_int_equal(uplift_experiment_find_arm(exp, "c0", 2), 0);
	assert_int_equal(exp->control, 0);
	uplift_experiment_free(exp);
	n += (size_t)snprintf(text + n, cap - n, "[arm one-too-many]\n");
	assert_null(parse(text, n, UPLIFT_ENC_UTF8, &err));
	assert_string_equal(err.message, "too many arms (at most 65535)");
	assert_int_equal(err.line, 4 + UPLIFT_MAX_ARMS + 1);
	/* a duplicate found through the index names the first line */
	n = (size_t)snprintf(text, cap,
			     "[experiment]\ncontrol = c0\nstart = 2026-01-01\nend = 2026-01-07\n");
	for (int i = 0; i < 50; i++)
		n += (size_t)snprintf(text + n, cap - n, "[arm %s%d]\n", i ? "a" : "c", i);
	n += (size_t)snprintf(text + n, cap - n, "[arm a30]\n");
	assert_null(parse(text, n, UPLIFT_ENC_UTF8, &err));
	assert_int_equal(err.line, 55);
	assert_string_equal(err.message, "arm 'a30' is defined twice (first at line 35)");
	free(text);
}

static void missing_file(void **state)
{
	struct uplift_error err;
	char buf[1200];

	uplift_error_clear(&err);
	assert_null(uplift_experiment_load("/nonexistent/experiment.ini", NULL, &err));
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)),
			    "experiment.ini: cannot open: No such file or directory");
}

static void dates(void **state)
{
	long d;
	char buf[16];

	/* GNU coreutils: echo $(( $(date -u -d 2026-11-16 +%s) / 86400 )) prints 20773 */
	assert_true(uplift_date_parse("2026-11-16", 10, &d));
	assert_int_equal(d, 20773);
	assert_string_equal(uplift_date_format(d, buf), "2026-11-16");
	assert_true(uplift_date_parse("2024-02-29 23:59:59", 19, &d));
	assert_string_equal(uplift_date_format(d, buf), "2024-02-29");
	assert_true(uplift_date_parse("2026-11-16T08:30", 16, &d));
	assert_false(uplift_date_parse("2025-02-29", 10, &d));
	assert_false(uplift_date_parse("2026-11-16 24:00", 16, &d));
	assert_false(uplift_date_parse("2026/11/16", 10, &d));
	assert_false(uplift_date_parse("2026-11-1", 9, &d));
	assert_false(uplift_date_parse("2026-11-16 8:30", 15, &d));
	/* a non-digit in each two-digit group */
	assert_false(uplift_date_parse("2x26-11-16", 10, &d));
	assert_false(uplift_date_parse("20x6-11-16", 10, &d));
	assert_false(uplift_date_parse("202x-11-16", 10, &d));
	assert_false(uplift_date_parse("2026-1x-16", 10, &d));
	assert_false(uplift_date_parse("2026-11-1x", 10, &d));
	assert_false(uplift_date_parse("2026-11-16 1x:30", 16, &d));
	assert_false(uplift_date_parse("2026-11-16 10:x0", 16, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30:5x", 19, &d));
	/* bytes just above '9' (':' ';' '?') where digits belong */
	assert_false(uplift_date_parse("2026-11-16 1::30:00", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:3;:00", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30:0?", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10;30:00", 19, &d));
	assert_true(uplift_date_parse("2026-11-16 23:59:59", 19, &d));
	assert_false(uplift_date_parse("2026-11-16 10:30 05", 19, &d));
	assert_false(uplift_date_parse("1899-12-31", 10, &d));
}

/*
 * The cached parse gives uplift_date_parse's verdict and day on every
 * string, in an order where dates repeat (hits), share a cache entry
 * (2026-11-16 and 2026-10-16 pick the same one) and come back with a bad time.
 */
static void dates_cached(void **state)
{
	static const char *const s[] = {
	    "2026-11-16 08:30:00", "2026-11-16 23:59:59", "2026-11-16",
	    "2026-11-16 24:00:00", "2026-10-16 08:30",    "2026-11-16 08:30",
	    "2026-11-16T08:30:61", "2026-11-16 08:30 ",   "2026-02-30 10:00",
	    "2026-02-30 10:00",    "2024-02-29",          "2024-02-29 00:00:00",
	    "2026-11-17 10:00:00", "2026-11-17 1x:00:00", "2026-11-17",
	    "2026-11-1",           "2026-11-16X08:30",    "2026-11-16 08:30:00",
	    "2026-13-16",          "2026-11-16 8:30:00"};
	struct uplift_date_cache c = {0};

	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
			long want = -1, got = -1;
			bool ok = uplift_date_parse(s[i], strlen(s[i]), &want);
			assert_int_equal(uplift_date_parse_cached(&c, s[i], strlen(s[i]), &got),
					 ok);
			if (ok)
				assert_int_equal(got, want);
		}
	/* every day of three years, twice, in an order where neighbours in time
	 * (2026-11-06, -16, -26: one cache entry) keep replacing each other */
	for (int round = 0; round < 2; round++)
		for (int k = 0; k < 3 * 12 * 31; k++) {
			char t[32];
			int day = 1 + (k * 10 + k / 93) % 31, month = 1 + (k / 31) % 12,
			    year = 2025 + k / (12 * 31);
			long want = -1, got = -1;
			bool ok;
			snprintf(t, sizeof(t), "%04d-%02d-%02d 12:%02d:00", year, month, day,
				 k % 60);
			ok = uplift_date_parse(t, strlen(t), &want);
			assert_int_equal(uplift_date_parse_cached(&c, t, strlen(t), &got), ok);
			if (ok)
				assert_int_equal(got, want);
		}
}

/* [decision]: what the contract's example sets, and every default */
static void decision_section(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp;
	const struct uplift_decision_def *d;

	(void)state;
	exp = load(HEAD "[arm c]\n[arm t]\n[decision]\nmetric = profit\n"
			"guardrails = aov -5%, conversion 0 ,repurchase\t-0.05, revenue +2.5%\n"
			"[economics]\ngross_margin = 0.6\n",
		   &err);
	if (!exp)
		print_error("%s\n", err.message);
	assert_non_null(exp);
	d = &exp->decision;
	assert_true(d->has_metric);
	assert_int_equal(d->metric, UPLIFT_PROFIT);
	assert_int_equal(d->n_guardrails, 4);
	assert_int_equal(d->guardrails[0].metric, UPLIFT_AOV);
	assert_close(d->guardrails[0].margin, -0.05, 1e-15);
	assert_int_equal(d->guardrails[1].metric, UPLIFT_CONVERSION);
	assert_true(d->guardrails[1].margin == 0 && !signbit(d->guardrails[1].margin));
	assert_int_equal(d->guardrails[2].metric, UPLIFT_REPURCHASE);
	assert_close(d->guardrails[2].margin, -0.05, 0);
	assert_int_equal(d->guardrails[3].metric, UPLIFT_REVENUE);
	assert_close(d->guardrails[3].margin, 0.025, 1e-15);
	uplift_experiment_free(exp);

	/* no [decision]: nothing set (the analysis picks profit or revenue) */
	exp = load(HEAD "[arm c]\n[arm t]\n", &err);
	assert_non_null(exp);
	assert_false(exp->decision.has_metric);
	assert_int_equal(exp->decision.n_guardrails, 0);
	uplift_experiment_free(exp);

	/* any tested metric; an empty guardrails line is none; -0% is 0 */
	exp = load(HEAD "[arm c]\n[arm t]\n[decision]\nmetric = aov\nguardrails =\n", &err);
	assert_non_null(exp);
	assert_int_equal(exp->decision.metric, UPLIFT_AOV);
	assert_int_equal(exp->decision.n_guardrails, 0);
	uplift_experiment_free(exp);
	exp = load(HEAD "[arm c]\n[arm t]\n[decision]\nguardrails = orders -0%\n", &err);
	assert_non_null(exp);
	assert_false(exp->decision.has_metric);
	assert_int_equal(exp->decision.n_guardrails, 1);
	assert_true(exp->decision.guardrails[0].margin == 0 &&
		    !signbit(exp->decision.guardrails[0].margin));
	uplift_experiment_free(exp);
}

/* every error of [decision] names the file, the line, the key and what is wrong */
static void decision_errors(void **state)
{
	static const struct {
		const char *section, *message;
	} cases[] = {
	    {"metric = discount\n",
	     "experiment.ini:8: [decision] metric: discount describes the coupon's cost: it is "
	     "reported, never tested, so it cannot be the decision metric (expected conversion, "
	     "repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"metric = amount\n",
	     "experiment.ini:8: [decision] metric: amount describes the coupon's cost: it is "
	     "reported, never tested, so it cannot be the decision metric (expected conversion, "
	     "repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"metric = redemption\n",
	     "experiment.ini:8: [decision] metric: redemption describes the coupon's cost: it is "
	     "reported, never tested, so it cannot be the decision metric (expected conversion, "
	     "repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"metric = profits\n",
	     "experiment.ini:8: [decision] metric: unknown metric 'profits' (expected conversion, "
	     "repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"metric =\n", "experiment.ini:8: [decision] metric: expected a metric name "
			   "(conversion, repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"\nmetric = profit\n",
	     "experiment.ini:9: [decision] metric: profit needs [economics] gross_margin (profit = "
	     "gross_margin x amount - discount)"},
	    {"guardrails = aov -5%, profit 0\n",
	     "experiment.ini:8: [decision] guardrails: profit needs [economics] gross_margin "
	     "(profit = gross_margin x amount - discount)"},
	    {"guardrails = aov -5\n",
	     "experiment.ini:8: [decision] guardrails: the margin '-5' without % is a fraction "
	     "(-5 = -500%); write -5% for percent"},
	    {"guardrails = aov\n", "experiment.ini:8: [decision] guardrails: expected METRIC "
				   "MARGIN, such as aov -5%, got 'aov'"},
	    {"guardrails = aov - 5%\n", "experiment.ini:8: [decision] guardrails: expected "
					"METRIC MARGIN, such as aov -5%, got 'aov - 5%'"},
	    {"guardrails = aov -5%,, conversion 0\n",
	     "experiment.ini:8: [decision] guardrails: an empty guardrail (expected METRIC "
	     "MARGIN, such as aov -5%)"},
	    {"guardrails = aov -5%,\n", "experiment.ini:8: [decision] guardrails: an empty "
					"guardrail (expected METRIC MARGIN, such as aov -5%)"},
	    {"guardrails = aov -5%, aov 0\n",
	     "experiment.ini:8: [decision] guardrails: aov has two guardrails"},
	    {"guardrails = aov -100%\n", "experiment.ini:8: [decision] guardrails: the margin "
					 "'-100%' is at or below -100%: nothing could break it"},
	    {"guardrails = aov five\n", "experiment.ini:8: [decision] guardrails: the margin "
					"'five' is not a relative change such as -5% or -0.05"},
	    {"guardrails = aov -5%%\n", "experiment.ini:8: [decision] guardrails: the margin "
					"'-5%%' is not a relative change such as -5% or -0.05"},
	    {"guardrails = aov 1e-2\n", "experiment.ini:8: [decision] guardrails: the margin "
					"'1e-2' is not a relative change such as -5% or -0.05"},
	    {"guardrails = aov -.\n", "experiment.ini:8: [decision] guardrails: the margin '-.' "
				      "is not a relative change such as -5% or -0.05"},
	    {"guardrails = discount 0\n",
	     "experiment.ini:8: [decision] guardrails: discount describes the coupon's cost: it "
	     "is reported, never tested, so it cannot be a guardrail (expected conversion, "
	     "repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"guardrails = visits 0\n",
	     "experiment.ini:8: [decision] guardrails: unknown metric 'visits' (expected "
	     "conversion, repurchase, revenue, orders, aov, profit or a [metric NAME])"},
	    {"metric = aov\nmetric = revenue\n",
	     "experiment.ini:9: key 'metric' is given twice (first at line 8)"},
	    {"target = aov\n", "experiment.ini:8: unknown key 'target' in section [decision]"},
	    {"[decision]\n", "experiment.ini:8: section [decision] is given twice (first at "
			     "line 7)"},
	};
	char text[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), HEAD "[arm c]\n[arm t]\n[decision]\n%s",
			 cases[i].section);
		expect_error(text, cases[i].message);
	}
	/* profit with [economics] after [decision]: the check waits for the whole file */
	snprintf(text, sizeof(text),
		 HEAD "[arm c]\n[arm t]\n[decision]\nmetric = profit\n[economics]\n"
		      "gross_margin = 0.5\n");
	struct uplift_error err;
	struct uplift_experiment *exp = load(text, &err);
	assert_non_null(exp);
	uplift_experiment_free(exp);
}

/* the arms' names for messages, cut at a whole name */
static void arm_list(void **state)
{
	struct uplift_error err;
	struct uplift_experiment *exp = load(HEAD "[arm c]\n[arm 8折券]\n[arm 满80减15]\n", &err);
	char buf[64];

	(void)state;
	assert_non_null(exp);
	assert_string_equal(uplift_experiment_arm_list(exp, buf, sizeof(buf)),
			    "c, 8折券, 满80减15");
	assert_string_equal(uplift_experiment_arm_list(exp, buf, 23), "c, 8折券, 满80减15");
	assert_string_equal(uplift_experiment_arm_list(exp, buf, 16), "c, 8折券, …");
	assert_string_equal(uplift_experiment_arm_list(exp, buf, 22), "c, 8折券, …");
	assert_string_equal(uplift_experiment_arm_list(exp, buf, 15), "c, …");
	assert_string_equal(uplift_experiment_arm_list(exp, buf, 12), "c, …");
	uplift_experiment_free(exp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(contract_example),
	    cmocka_unit_test(empty_arm_section),
	    cmocka_unit_test(errors),
	    cmocka_unit_test(no_window),
	    cmocka_unit_test(dates_cached),
	    cmocka_unit_test(missing_file),
	    cmocka_unit_test(dates),
	    cmocka_unit_test(long_lines_and_names),
	    cmocka_unit_test(duplicates),
	    cmocka_unit_test(bytes),
	    cmocka_unit_test(encodings),
	    cmocka_unit_test(dialect),
	    cmocka_unit_test(many_arms),
	    cmocka_unit_test(decision_section),
	    cmocka_unit_test(decision_errors),
	    cmocka_unit_test(arm_list),
	};
	return cmocka_run_group_tests_name("experiment", tests, NULL, NULL);
}
