/*
 * test_table.c - the aligned text and Markdown pipe tables (src/table.c):
 * alignment by display width, so that Chinese arm names line up, and a
 * Markdown cell that no '|' can end early.
 */
#include "capture.h"
#include "../../src/table.h"

static void display_width(void **state)
{
	/* a wide character (折, 券, 满) is two columns; "…" and ASCII one */
	assert_int_equal(uplift_display_width(""), 0);
	assert_int_equal(uplift_display_width("control"), 7);
	assert_int_equal(uplift_display_width("8折券"), 5);
	assert_int_equal(uplift_display_width("满80减15"), 8);
	assert_int_equal(uplift_display_width("ab\xE2\x80\xA6"), 3);
	/* an invalid byte counts one column and is stepped over */
	assert_int_equal(uplift_display_width("a\xff"
					      "b"),
			 3);
}

/* Wide characters are aligned by the columns they take, not by bytes. */
static void text_aligned_by_display_width(void **state)
{
	struct table *t = table_new(3);
	struct capture c;

	assert_non_null(t);
	assert_true(table_cell(t, "arm"));
	assert_true(table_cell(t, "users"));
	assert_true(table_cell(t, "note"));
	table_align_right(t, 1);
	assert_true(table_cell(t, "8折券"));
	assert_true(table_cell(t, "%d", 12));
	assert_true(table_cell(t, "x"));
	assert_true(table_cell(t, "control"));
	assert_true(table_cell(t, "%.0f", 3.0));
	assert_true(table_cell(t, "满80减15"));
	table_write_text(t, capture_begin(&c));
	/* widths 7, 5, 8: columns two spaces apart, the rule as wide as the table
	 * (7 + 2 + 5 + 2 + 8 = 24), no padding after the last column */
	assert_string_equal(capture_end(&c), "arm      users  note\n"
					     "────────────────────────\n"
					     "8折券       12  x\n"
					     "control      3  满80减15\n");
	free(c.buf);
	table_free(t);
}

/* A row left short is filled with empty cells. */
static void short_last_row(void **state)
{
	struct table *t = table_new(2);
	struct capture c;

	assert_non_null(t);
	table_cell(t, "a");
	table_cell(t, "b");
	table_cell(t, "only");
	table_write_markdown(t, capture_begin(&c));
	assert_string_equal(capture_end(&c), "| a | b |\n| --- | --- |\n| only |  |\n");
	free(c.buf);
	table_free(t);
}

/*
 * A cell with a raw '|' gets it escaped; one the caller escaped already
 * ("\|") is left alone, and "\\|" (an escaped backslash, then a bar) gets
 * the bar escaped; a line end cannot end the row.
 */
static void markdown_cells_cannot_split(void **state)
{
	struct table *t = table_new(2);
	struct capture c;

	assert_non_null(t);
	table_cell(t, "arm");
	table_cell(t, "users");
	table_align_right(t, 1);
	table_cell(t, "a|b");
	table_cell(t, "1");
	table_cell(t, "a\\|b");
	table_cell(t, "2");
	table_cell(t, "a\\\\|b");
	table_cell(t, "line\nbreak");
	table_write_markdown(t, capture_begin(&c));
	assert_string_equal(capture_end(&c), "| arm | users |\n"
					     "| --- | ---: |\n"
					     "| a\\|b | 1 |\n"
					     "| a\\|b | 2 |\n"
					     "| a\\\\\\|b | line break |\n");
	free(c.buf);
	table_free(t);
}

static void free_null_and_bad_column(void **state)
{
	struct table *t = table_new(1);

	table_free(NULL);
	assert_non_null(t);
	table_align_right(t, 5); /* past the last column: ignored */
	table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(display_width),
	    cmocka_unit_test(text_aligned_by_display_width),
	    cmocka_unit_test(short_last_row),
	    cmocka_unit_test(markdown_cells_cannot_split),
	    cmocka_unit_test(free_null_and_bad_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
