/*
 * test_csv.c - the streaming CSV reader: quoting, BOM, CRLF, encodings,
 * and the positions it reports for broken files (the UTF-8 checks are
 * test_utf8.c, the writer test_csv_write.c).
 */
#include "testutil.h"
#include "uplift_csv.h"

struct collect {
	char text[16384]; /* rows as "line:f1|f2|...;" ("line/n:f1|...;" with upto) */
	size_t rows;
	size_t upto; /* when not 0: the fields before this one, and their number */
};

static enum uplift_status collect_row(void *ctx, const struct uplift_csv_row *row,
				      struct uplift_error *err)
{
	struct collect *c = ctx;
	size_t n = strlen(c->text);

	c->rows++;
	if (c->upto)
		snprintf(c->text + n, sizeof(c->text) - n, "%ld/%zu:", row->line, row->n);
	else
		snprintf(c->text + n, sizeof(c->text) - n, "%ld:", row->line);
	for (size_t i = 0; i < row->n && (!c->upto || i < c->upto); i++) {
		assert_int_equal(strlen(row->field[i]), row->len[i]);
		n = strlen(c->text);
		snprintf(c->text + n, sizeof(c->text) - n, "%s%.200s", i ? "|" : "", row->field[i]);
	}
	n = strlen(c->text);
	snprintf(c->text + n, sizeof(c->text) - n, ";");
	return UPLIFT_OK;
}

static enum uplift_status read_opt(const char *text, const struct uplift_csv_options *opt,
				   struct collect *c, struct uplift_error *err)
{
	const char *dir = temp_dir();
	char path[128];
	enum uplift_status st;

	snprintf(path, sizeof(path), "%s/t.csv", dir);
	write_file(path, text);
	memset(c, 0, sizeof(*c));
	c->upto = opt->fields_used ? *opt->fields_used : 0;
	uplift_error_clear(err);
	st = uplift_csv_read(path, opt, collect_row, c, NULL, err);
	remove(path);
	rmdir(dir);
	return st;
}

static enum uplift_status read_text(const char *text, enum uplift_encoding enc, struct collect *c,
				    struct uplift_error *err)
{
	const char *dir = temp_dir();
	char path[128];
	struct uplift_csv_options opt = {.encoding = enc};
	enum uplift_status st;

	snprintf(path, sizeof(path), "%s/t.csv", dir);
	write_file(path, text);
	memset(c, 0, sizeof(*c));
	uplift_error_clear(err);
	st = uplift_csv_read(path, &opt, collect_row, c, NULL, err);
	remove(path);
	rmdir(dir);
	return st;
}

static void bom_crlf_quotes(void **state)
{
	struct collect c;
	struct uplift_error err;

	assert_int_equal(read_text("\xEF\xBB\xBFuser_id,arm\r\n"
				   "u1,\"8折券\"\r\n"
				   "\"u,2\",\"say \"\"hi\"\"\"\r\n"
				   "u3,\"two\nlines\"\r\n"
				   "u4,last-without-newline",
				   UPLIFT_ENC_UTF8, &c, &err),
			 UPLIFT_OK);
	assert_string_equal(c.text, "1:user_id|arm;2:u1|8折券;3:u,2|say \"hi\";"
				    "4:u3|two\nlines;6:u4|last-without-newline;");
	assert_int_equal(c.rows, 5);
}

static void blank_lines_skipped(void **state)
{
	struct collect c;
	struct uplift_error err;

	assert_int_equal(read_text("a,b\n\n1,2\n\n", UPLIFT_ENC_UTF8, &c, &err), UPLIFT_OK);
	assert_string_equal(c.text, "1:a|b;3:1|2;");
}

/* the unterminated quote opened on line 3, and the file goes on for two more */
static void unterminated_quote(void **state)
{
	struct collect c;
	struct uplift_error err;
	char msg[1200];

	assert_int_equal(read_text("a,b\n1,2\n3,\"oops\n4,5\n6,7\n", UPLIFT_ENC_UTF8, &c, &err),
			 UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, msg, sizeof(msg)),
			    "t.csv:3: unterminated quoted field: the quote opened on this line "
			    "never closes");
}

static void malformed_quote(void **state)
{
	struct collect c;
	struct uplift_error err;

	assert_int_equal(read_text("a,b\n1,\"x\"y\n", UPLIFT_ENC_UTF8, &c, &err), UPLIFT_EINPUT);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "malformed quoting"));
}

static void invalid_utf8(void **state)
{
	struct collect c;
	struct uplift_error err;
	char msg[1200];

	/* "8折券" in GBK: 38 D5 DB C8 AF */
	assert_int_equal(
	    read_text("user_id,arm\nu1,8\xD5\xDB\xC8\xAF\n", UPLIFT_ENC_UTF8, &c, &err),
	    UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, msg, sizeof(msg)),
			    "t.csv:2: not valid UTF-8 at column 5 (byte 0xD5); a spreadsheet "
			    "export in Chinese? try --encoding gbk");
}

/*
 * Issue 13, finding 10: a carriage return outside quotes that no LF follows
 * ends a row mid-line (CR-only line ends, old Mac exports; every row was
 * on line 1). Refused at the line it is on, by the plain path and libcsv
 * alike, in UTF-8 and GBK; CRLF, a last CR and a CR inside quotes are read.
 */
static void cr_only_line_ends(void **state)
{
	static const struct {
		const char *text;
		long line;
	} bad[] = {
	    {"a,b\r1,2\r3,4\r", 1},      {"a,b\r1,2", 1},
	    {"a,b\n1,2\n3,4\r5,6\n", 3}, {"a,b\r\n1,2\r3,4\r\n", 2},
	    {"a,b\r\"x\ny\",z\n", 1}, /* a quoted field after the lone CR */
	    {"a,b\n1,\"q\"\r2,3\n", 2},  {"a,b\n1,\"two\nlines\"\r2,3\n", 3},
	    {"a,b\n1,2\r3", 2}, /* the end of the file */
	};
	static const struct {
		const char *text, *rows;
	} good[] = {
	    {"a,b\r\n1,2\r\n", "1:a|b;2:1|2;"},
	    {"a,b\n1,2\r", "1:a|b;2:1|2;"},
	    {"a,\"x\ry\"\n1,\"\r\"\r\n", "1:a|x\ry;2:1|\r;"},
	    {"a,\"x\r\ny\r\"\n1,2\n", "1:a|x\r\ny\r;3:1|2;"},
	};
	struct uplift_csv_options fast = {0}, slow = {.libcsv_only = true},
				  gbk_opt = {.encoding = UPLIFT_ENC_GBK};
	const struct uplift_csv_options *opts[] = {&fast, &slow, &gbk_opt};
	struct collect c;
	struct uplift_error err;
	char msg[1200];

	for (size_t o = 0; o < 3; o++) {
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(read_opt(bad[i].text, opts[o], &c, &err), UPLIFT_EINPUT);
			if (err.line != bad[i].line)
				print_message("%zu/%zu: line %ld\n", o, i, err.line);
			assert_int_equal(err.line, bad[i].line);
			assert_non_null(strstr(err.message, "carriage return alone"));
		}
		for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			assert_int_equal(read_opt(good[i].text, opts[o], &c, &err), UPLIFT_OK);
			assert_string_equal(c.text, good[i].rows);
		}
	}
	assert_int_equal(read_opt("a,b\r1,2\r", &fast, &c, &err), UPLIFT_EINPUT);
	assert_string_equal(uplift_error_format(&err, msg, sizeof(msg)),
			    "t.csv:1: line ends with a carriage return alone (CR only, the old "
			    "Mac format); save the file with LF or CRLF line ends");
}

/* A CR-only file longer than the read block is refused after one block, not read whole. */
static void cr_only_long_file(void **state)
{
	size_t n = 2 * 1024 * 1024, len = 0;
	char *text = malloc(n + 64), path[128];
	const char *dir = temp_dir();
	struct collect c = {{0}, 0, 0};
	struct uplift_error err;
	uint64_t bytes = 0;

	len += (size_t)sprintf(text, "user_id,\"arm\"\r");
	while (len < n)
		len += (size_t)sprintf(text + len, "u%zu,\"a\r\"\r", len);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	write_file(path, text);
	uplift_error_clear(&err);
	assert_int_equal(uplift_csv_read(path, NULL, collect_row, &c, &bytes, &err), UPLIFT_EINPUT);
	assert_int_equal(err.line, 1);
	assert_non_null(strstr(err.message, "carriage return alone"));
	assert_true(bytes <= 256 * 1024);
	assert_int_equal(c.rows, 0);
	remove(path);
	rmdir(dir);
	free(text);
}

static void gbk(void **state)
{
	struct collect c;
	struct uplift_error err;

	assert_int_equal(read_text("user_id,arm\nu1,8\xD5\xDB\xC8\xAF\n", UPLIFT_ENC_GBK, &c, &err),
			 UPLIFT_OK);
	assert_string_equal(c.text, "1:user_id|arm;2:u1|8折券;");
	assert_int_equal(
	    read_text("user_id,arm\nu1,8\xD5\xDB\xC8\xAF\n", UPLIFT_ENC_GB18030, &c, &err),
	    UPLIFT_OK);
	assert_string_equal(c.text, "1:user_id|arm;2:u1|8折券;");
}

static void nul_byte(void **state)
{
	const char *dir = temp_dir();
	char path[128];
	struct collect c = {{0}, 0, 0};
	struct uplift_error err;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/t.csv", dir);
	fp = fopen(path, "wb");
	fwrite("a,b\n1,\0002\n", 1, 9, fp);
	fclose(fp);
	uplift_error_clear(&err);
	assert_int_equal(uplift_csv_read(path, NULL, collect_row, &c, NULL, &err), UPLIFT_EINPUT);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.message, "NUL byte at column 3"));
	remove(path);
	rmdir(dir);
}

static void empty_and_missing(void **state)
{
	struct collect c;
	struct uplift_error err;

	assert_int_equal(read_text("", UPLIFT_ENC_UTF8, &c, &err), UPLIFT_EINPUT);
	assert_string_equal(err.message, "empty file: a header row is required");
	uplift_error_clear(&err);
	assert_int_equal(uplift_csv_read("/nonexistent/x.csv", NULL, collect_row, &c, NULL, &err),
			 UPLIFT_EINPUT);
	assert_string_equal(err.file, "x.csv");
	assert_string_equal(err.message, "cannot open: No such file or directory");
}

/* a line longer than the read block (256 KiB) still arrives whole */
static void long_line(void **state)
{
	size_t n = 600 * 1024;
	char *text = malloc(n + 16);
	struct collect c;
	struct uplift_error err;
	const char *dir = temp_dir();
	char path[128];
	uint64_t bytes;

	memcpy(text, "a\n", 2);
	memset(text + 2, 'x', n);
	memcpy(text + 2 + n, "\nb\n", 4);
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	write_file(path, text);
	memset(&c, 0, sizeof(c));
	uplift_error_clear(&err);
	/* collect_row truncates text; count rows only */
	assert_int_equal(uplift_csv_read(path, NULL, collect_row, &c, &bytes, &err), UPLIFT_OK);
	assert_int_equal(c.rows, 3);
	assert_int_equal(bytes, n + 5);
	remove(path);
	rmdir(dir);
	free(text);
}

/*
 * Plain lines skip libcsv: on random text made of the bytes that matter to
 * CSV (commas, quotes, CR, LF, spaces, tabs, multi-byte UTF-8), the rows,
 * their lines and any error are the same with and without the plain path.
 * The generator is a fixed-seed LCG, so a failure repeats.
 */
static void plain_path_matches_libcsv(void **state)
{
	/* the first six are chosen more often; some are long, so that lines of
	 * several 16-byte strides come up too */
	static const char *const atoms[] = {"a",
					    "b7",
					    "8折",
					    ",",
					    ",",
					    "abcdefghijklmnopqrstu",
					    "\"",
					    "\"\"",
					    " ",
					    "\t",
					    "\r",
					    "\n",
					    "\n",
					    "\r\n",
					    "x,y,z,w,v,u,t,s,r,q,p",
					    "\n\n",
					    "  \t   \t        ,",
					    "零一二三四五六七八九十"};
	struct uplift_csv_options fast = {0}, slow = {.libcsv_only = true};
	uint64_t seed = 42;
	char text[1024];
	int differ = 0;
	size_t upto = 0;

	for (int round = 0; round < 3000; round++) {
		struct collect a, b;
		struct uplift_error ea, eb;
		char ma[1200], mb[1200];
		size_t n = 0;
		int atoms_n;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		atoms_n = 1 + (int)((seed >> 33) % 100);
		text[0] = '\0';
		for (int i = 0; i < atoms_n; i++) {
			const char *t;
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* quotes are rarer, so many files have no quote at all */
			t = atoms[(seed >> 33) % (round % 3 ? 18 : 6)];
			if (t[0] == '"' && (seed >> 40) % 4)
				t = "c";
			if (n + strlen(t) + 1 >= sizeof(text))
				break;
			memcpy(text + n, t, strlen(t) + 1);
			n += strlen(t);
		}
		/* every third round, only the first one to three fields are split
		 * (uplift_csv_options.fields_used): those and the number of fields
		 * are compared */
		upto = round % 3 == 1 ? 1 + (size_t)(round / 3) % 3 : 0;
		fast.fields_used = slow.fields_used = upto ? &upto : NULL;
		/* and every other round the caller checks UTF-8 (as analyze does),
		 * which sends plain lines past feed_line */
		fast.utf8_by_caller = slow.utf8_by_caller = round % 2;
		read_opt(text, &fast, &a, &ea);
		read_opt(text, &slow, &b, &eb);
		if (strcmp(a.text, b.text) != 0 || a.rows != b.rows || ea.status != eb.status ||
		    strcmp(uplift_error_format(&ea, ma, sizeof(ma)),
			   uplift_error_format(&eb, mb, sizeof(mb))) != 0) {
			if (differ++ < 3)
				print_message(
				    "differs on [%s]:\n  plain:  %s %s\n  libcsv: %s %s\n", text,
				    a.text, ma, b.text, mb);
		}
	}
	assert_int_equal(differ, 0);
}

struct digest {
	uint64_t h;
	size_t rows;
	size_t upto; /* when not 0: the fields before this one, and their number */
};

static enum uplift_status digest_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct digest *d = ctx;

	d->rows++;
	d->h = d->h * 31 + (uint64_t)row->line;
	if (d->upto)
		d->h = d->h * 31 + row->n;
	for (size_t i = 0; i < row->n && (!d->upto || i < d->upto); i++) {
		assert_int_equal(strlen(row->field[i]), row->len[i]);
		for (size_t k = 0; k < row->len[i]; k++)
			d->h = d->h * 131 + (unsigned char)row->field[i][k];
		d->h = d->h * 131 + 0x100; /* the end of a field */
	}
	return UPLIFT_OK;
}

/*
 * Rows of every length from 0 to 299 bytes over about three read blocks
 * (lines cut by the end of a block, quoted and CRLF lines among them): the
 * same rows, fields and line numbers from the plain path as from libcsv.
 */
static void rows_across_blocks(void **state)
{
	struct uplift_csv_options fast = {0}, slow = {.libcsv_only = true};
	struct digest a = {0, 0, 0}, b = {0, 0, 0}, c = {0, 0, 2}, e = {0, 0, 2};
	size_t two = 2;
	struct uplift_error err;
	size_t cap = 900 * 1024, n = 0, rows = 0;
	char *text = malloc(cap), path[128];
	const char *dir = temp_dir();

	for (size_t i = 0; n + 400 < cap; i++) {
		size_t len = (i * 7919) % 300;
		n += (size_t)sprintf(text + n, "%zu,", i);
		for (size_t k = 0; k < len; k++)
			text[n++] = k % 23 == 22 ? ',' : (char)('a' + (i + k) % 26);
		if (i % 50 == 0)
			n += (size_t)sprintf(text + n, ",\"q,\"\"\"");
		if (i % 40 == 0)
			text[n++] = '\r';
		text[n++] = '\n';
		if (i % 60 == 0)
			text[n++] = '\n'; /* a blank line: no row */
		rows++;
	}
	text[n] = '\0';
	snprintf(path, sizeof(path), "%s/t.csv", dir);
	write_file(path, text);
	uplift_error_clear(&err);
	assert_int_equal(uplift_csv_read(path, &fast, digest_row, &a, NULL, &err), UPLIFT_OK);
	assert_int_equal(uplift_csv_read(path, &slow, digest_row, &b, NULL, &err), UPLIFT_OK);
	assert_int_equal(a.rows, rows);
	assert_int_equal(b.rows, rows);
	assert_true(a.h == b.h);
	/* only the first two fields split, UTF-8 left to the caller: those, and
	 * every row's width, the same */
	fast.fields_used = &two;
	fast.utf8_by_caller = true;
	assert_int_equal(uplift_csv_read(path, &fast, digest_row, &c, NULL, &err), UPLIFT_OK);
	assert_int_equal(uplift_csv_read(path, &slow, digest_row, &e, NULL, &err), UPLIFT_OK);
	assert_int_equal(c.rows, rows);
	assert_true(c.h == e.h);
	remove(path);
	rmdir(dir);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bom_crlf_quotes),    cmocka_unit_test(blank_lines_skipped),
	    cmocka_unit_test(unterminated_quote), cmocka_unit_test(malformed_quote),
	    cmocka_unit_test(invalid_utf8),       cmocka_unit_test(gbk),
	    cmocka_unit_test(cr_only_line_ends),  cmocka_unit_test(cr_only_long_file),
	    cmocka_unit_test(nul_byte),           cmocka_unit_test(empty_and_missing),
	    cmocka_unit_test(long_line),          cmocka_unit_test(plain_path_matches_libcsv),
	    cmocka_unit_test(rows_across_blocks),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
