/*
 * test_csv_write.c - the CSV field writer: what it quotes, and that every
 * value it writes comes back byte for byte from uplift_csv_read.
 */
#include "testutil.h"
#include "uplift_csv.h"
#include "uplift_csv_write.h"

/* The awkward values: blanks at the ends, separators, quotes, line ends, Chinese. */
static const char *const awkward[] = {
    "plain",       "",           " lead",      "trail ",     "\tlead-tab",
    "trail-tab\t", " both ",     " ",          "\t",         "inner space",
    "inner\ttab",  "a,b",        ",",          "say \"hi\"", "\"",
    "\"\"",        "cr\rinside", "lf\ninside", "crlf\r\n",   "\r",
    "\n",          "\r\n\r\n",   "8折券",      "满80减15",   " 重要发展客户 ",
    "零,一\n二",   "bell\x07",   "del\x7f",    "\"quoted\"", " \" , \r\n\t",
};
#define N_AWKWARD (sizeof(awkward) / sizeof(awkward[0]))

/* What uplift_csv_write_field writes for s. */
static char *written(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	uplift_csv_write_field(out, s);
	assert_int_equal(fclose(out), 0);
	return buf;
}

/*
 * Quoted exactly when reading back needs it (RFC 4180: "..." with quotes
 * doubled); values without blanks at the ends, separators, quotes or
 * control characters are written as they are, as before the review.
 */
static void quotes_only_what_needs_it(void **state)
{
	static const struct {
		const char *value, *out;
	} cases[] = {
	    {"plain", "plain"},
	    {"", ""},
	    {"inner space", "inner space"},
	    {"8折券", "8折券"},
	    {"满80减15", "满80减15"},
	    {"-1.5e-07", "-1.5e-07"},
	    {" lead", "\" lead\""},
	    {"trail ", "\"trail \""},
	    {"\tlead-tab", "\"\tlead-tab\""},
	    {"trail-tab\t", "\"trail-tab\t\""},
	    {" ", "\" \""},
	    {"inner\ttab", "\"inner\ttab\""},
	    {"a,b", "\"a,b\""},
	    {"say \"hi\"", "\"say \"\"hi\"\"\""},
	    {"cr\rinside", "\"cr\rinside\""},
	    {"lf\ninside", "\"lf\ninside\""},
	    {"bell\x07", "\"bell\x07\""},
	    {"del\x7f", "\"del\x7f\""},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = written(cases[i].value);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

struct back {
	size_t rows;
	size_t bad;        /* values that did not come back as written */
	size_t per_row;    /* when not 0: the row holds all the values */
	const char *first; /* the first value that did not, for the message */
};

/* Row 0 is the header; row i (i >= 1) holds id i - 1, awkward[i - 1], "end". */
static enum uplift_status check_row(void *ctx, const struct uplift_csv_row *row,
				    struct uplift_error *err)
{
	struct back *b = ctx;

	b->rows++;
	if (row->index == 0)
		return UPLIFT_OK;
	if (b->per_row) {
		assert_int_equal(row->n, N_AWKWARD);
		for (size_t i = 0; i < N_AWKWARD; i++)
			if (row->len[i] != strlen(awkward[i]) ||
			    memcmp(row->field[i], awkward[i], row->len[i]) != 0) {
				b->bad++;
				b->first = b->first ? b->first : awkward[i];
			}
		return UPLIFT_OK;
	}
	assert_int_equal(row->n, 3);
	assert_int_equal(atoi(row->field[0]), (int)row->index - 1);
	assert_string_equal(row->field[2], "end");
	if (row->len[1] != strlen(awkward[row->index - 1]) ||
	    memcmp(row->field[1], awkward[row->index - 1], row->len[1]) != 0) {
		b->bad++;
		b->first = b->first ? b->first : awkward[row->index - 1];
	}
	return UPLIFT_OK;
}

/* Read path back with each way of the reader; every value as written. */
static void read_back(const char *path, size_t per_row, size_t rows)
{
	struct uplift_csv_options ways[] = {
	    {.libcsv_only = false}, {.libcsv_only = true}, {.utf8_by_caller = true}};

	for (size_t w = 0; w < sizeof(ways) / sizeof(ways[0]); w++) {
		struct back b = {0, 0, per_row, NULL};
		struct uplift_error err;
		uplift_error_clear(&err);
		assert_int_equal(uplift_csv_read(path, &ways[w], check_row, &b, NULL, &err),
				 UPLIFT_OK);
		assert_int_equal(b.rows, rows);
		if (b.bad)
			print_message("way %zu: [%s] did not come back\n", w, b.first);
		assert_int_equal(b.bad, 0);
	}
}

/*
 * Review finding: values with blanks at either end (and control
 * characters) lost them when `analyze --format csv` or `segment` output
 * was read back. Each value in a row of its own, then all in one row.
 */
static void round_trip(void **state)
{
	const char *dir = temp_dir();
	char path[128];
	FILE *out;

	snprintf(path, sizeof(path), "%s/t.csv", dir);
	out = fopen(path, "wb");
	assert_non_null(out);
	fputs("id,value,end\n", out);
	for (size_t i = 0; i < N_AWKWARD; i++) {
		fprintf(out, "%zu,", i);
		uplift_csv_write_field(out, awkward[i]);
		fputs(",end\n", out);
	}
	assert_int_equal(fclose(out), 0);
	read_back(path, 0, 1 + N_AWKWARD);

	out = fopen(path, "wb");
	assert_non_null(out);
	for (size_t r = 0; r < 2; r++) /* a header of the same values, then a row */
		for (size_t i = 0; i < N_AWKWARD; i++) {
			uplift_csv_write_field(out, awkward[i]);
			fputc(i + 1 < N_AWKWARD ? ',' : '\n', out);
		}
	assert_int_equal(fclose(out), 0);
	read_back(path, 1, 2);
	remove(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quotes_only_what_needs_it),
	    cmocka_unit_test(round_trip),
	};
	return cmocka_run_group_tests_name("csv_write", tests, NULL, NULL);
}
