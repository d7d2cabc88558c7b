/*
 * test_markup.c - the plain-text and Markdown markup of analyze's output
 * (src/markup.c): how each shows a string from the data (escaped, cut at 64
 * display columns) and draws a table, and the heading levels.
 */
#include "capture.h"
#include "uplift_escape.h"
#include "../../src/markup.h"

#define FFFD     "\xEF\xBF\xBD" /* U+FFFD, what a control character becomes */
#define ELLIPSIS "\xE2\x80\xA6"

static const struct markup *const text = &uplift_markup_text;
static const struct markup *const md = &uplift_markup_markdown;

/* The hostile name of tests/security/60-output.sh: ESC [ 2 J, a C1 CSI, U+202E, markup. */
static const char hostile[] = "8折\x1b[2J\xC2\x9B"
			      "1m\xE2\x80\xAE|<b>";

static void show_escapes_for_the_format(void **state)
{
	char buf[UPLIFT_MARKUP_SIZE];

	/* text: control and bidi characters replaced, markup left as it is */
	assert_string_equal(uplift_markup_show(text, hostile, buf),
			    "8折" FFFD "[2J" FFFD "1m" FFFD "|<b>");
	/* Markdown: the same, and every markup character escaped */
	assert_string_equal(uplift_markup_show(md, hostile, buf),
			    "8折" FFFD "\\[2J" FFFD "1m" FFFD "\\|&lt;b&gt;");
	assert_ptr_equal(uplift_markup_show(md, "x", buf), buf);
}

/* Names are cut at 64 display columns with "…" (the 64-column cut of 60-output.sh). */
static void show_cuts_at_64_columns(void **state)
{
	char name[256], buf[UPLIFT_MARKUP_SIZE];

	memset(name, 'a', 100);
	name[100] = '\0';
	uplift_markup_show(text, name, buf);
	assert_int_equal(uplift_display_width(buf), 64);
	assert_int_equal(strlen(buf), 63 + strlen(ELLIPSIS));
	assert_string_equal(buf + 63, ELLIPSIS);
	/* exactly 64 columns fit whole */
	name[64] = '\0';
	assert_string_equal(uplift_markup_show(text, name, buf), name);
	/* wide characters: 31 of them (62 columns) and "…"; a 32nd would make 65 */
	name[0] = '\0';
	for (int i = 0; i < 40; i++)
		strcat(name, "折");
	uplift_markup_show(md, name, buf);
	assert_int_equal(uplift_display_width(buf), 63);
	assert_int_equal(strlen(buf), 31 * 3 + strlen(ELLIPSIS));
	/* a Markdown escape counts as the one character a reader sees */
	memset(name, '|', 70);
	name[70] = '\0';
	uplift_markup_show(md, name, buf);
	assert_int_equal(strlen(buf), 63 * 2 + strlen(ELLIPSIS));
	assert_memory_equal(buf, "\\|\\|", 4);
	/* the longest escape (&amp;) at every column still fits the buffer */
	memset(name, '&', 100);
	name[100] = '\0';
	uplift_markup_show(md, name, buf);
	assert_int_equal(strlen(buf), 63 * 5 + strlen(ELLIPSIS));
	assert_true(strlen(buf) < UPLIFT_MARKUP_SIZE);
}

static void section_levels(void **state)
{
	assert_string_equal(uplift_markup_section(text, false), "");
	assert_string_equal(uplift_markup_section(text, true), "");
	assert_string_equal(uplift_markup_section(md, false), "## ");
	/* inside report.md, whose own sections are "##" */
	assert_string_equal(uplift_markup_section(md, true), "### ");
	assert_string_equal(md->title, "# ");
	assert_string_equal(text->title, "");
}

/* One table drawn by each markup, a hostile name shown in it; the table is freed. */
static struct table *arms(const struct markup *mk)
{
	struct table *t = table_new(2);
	char buf[UPLIFT_MARKUP_SIZE];

	assert_non_null(t);
	table_cell(t, "arm");
	table_cell(t, "users");
	table_align_right(t, 1);
	table_cell(t, "%s", uplift_markup_show(mk, hostile, buf));
	table_cell(t, "5");
	return t;
}

static void table_in_each_markup(void **state)
{
	struct capture c;

	uplift_markup_table(md, arms(md), capture_begin(&c));
	/* one '|' per cell boundary: the name's bar is escaped once, not twice */
	assert_string_equal(capture_end(&c),
			    "| arm | users |\n"
			    "| --- | ---: |\n"
			    "| 8折" FFFD "\\[2J" FFFD "1m" FFFD "\\|&lt;b&gt; | 5 |\n");
	free(c.buf);
	uplift_markup_table(text, arms(text), capture_begin(&c));
	/* "8折�[2J�1m�|<b>" is 15 columns wide (折 two, each U+FFFD one) */
	assert_string_equal(capture_end(&c), "arm              users\n"
					     "──────────────────────\n"
					     "8折" FFFD "[2J" FFFD "1m" FFFD "|<b>      5\n");
	free(c.buf);
	/* no table (out of memory): nothing written */
	uplift_markup_table(md, NULL, capture_begin(&c));
	assert_int_equal(strlen(capture_end(&c)), 0);
	free(c.buf);
}

/* The two tables of markup differ where the formats differ, and only there. */
static void the_two_markups(void **state)
{
	assert_ptr_equal(text->escape, uplift_escape_text_cols);
	assert_ptr_equal(md->escape, uplift_escape_markdown_cols);
	assert_ptr_equal(text->write_table, table_write_text);
	assert_ptr_equal(md->write_table, table_write_markdown);
	assert_string_equal(text->note, "  note: ");
	assert_string_equal(md->note, "- ");
	assert_string_equal(text->gap, "");
	assert_string_equal(md->gap, "\n");
	assert_string_equal(md->warn_open, "> **");
	assert_string_equal(md->warn_close, "**");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(show_escapes_for_the_format),
	    cmocka_unit_test(show_cuts_at_64_columns),
	    cmocka_unit_test(section_levels),
	    cmocka_unit_test(table_in_each_markup),
	    cmocka_unit_test(the_two_markups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
