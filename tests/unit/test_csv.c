/*
 * test_csv.c - the streaming CSV reader: quoting, BOM, CRLF, encodings,
 * and the positions it reports for broken files.
 */
#include "testutil.h"
#include "uplift_csv.h"

struct collect {
	char text[4096]; /* rows as "line:f1|f2|...;" */
	size_t rows;
};

static enum uplift_status collect_row(void *ctx, const struct uplift_csv_row *row,
				      struct uplift_error *err)
{
	struct collect *c = ctx;
	size_t n = strlen(c->text);

	c->rows++;
	snprintf(c->text + n, sizeof(c->text) - n, "%ld:", row->line);
	for (size_t i = 0; i < row->n; i++) {
		assert_int_equal(strlen(row->field[i]), row->len[i]);
		n = strlen(c->text);
		snprintf(c->text + n, sizeof(c->text) - n, "%s%.200s", i ? "|" : "", row->field[i]);
	}
	n = strlen(c->text);
	snprintf(c->text + n, sizeof(c->text) - n, ";");
	return UPLIFT_OK;
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
	struct collect c = {{0}, 0};
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(bom_crlf_quotes),    cmocka_unit_test(blank_lines_skipped),
	    cmocka_unit_test(unterminated_quote), cmocka_unit_test(malformed_quote),
	    cmocka_unit_test(invalid_utf8),       cmocka_unit_test(gbk),
	    cmocka_unit_test(nul_byte),           cmocka_unit_test(empty_and_missing),
	    cmocka_unit_test(long_line),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
