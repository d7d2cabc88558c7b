/*
 * test_escape.c - text from the data made safe for terminals and Markdown
 * (issue 13, finding 10: names went raw into report.md and the terminal).
 */
#include "testutil.h"
#include "uplift_escape.h"

static void text_controls(void **state)
{
	char buf[128];

	/* ESC [ 2 J clears a terminal; the ESC becomes U+FFFD, the rest is harmless */
	assert_string_equal(uplift_escape_text("a\x1b[2Jb", buf, sizeof(buf)), "a\xEF\xBF\xBD[2Jb");
	assert_string_equal(uplift_escape_text("x\ty\nz\r", buf, sizeof(buf)), "x y z ");
	/* C1 (U+009B is a one-character CSI) and DEL */
	assert_string_equal(uplift_escape_text("\xC2\x9B"
					       "1m\x7f",
					       buf, sizeof(buf)),
			    "\xEF\xBF\xBD"
			    "1m\xEF\xBF\xBD");
	/* U+202E right-to-left override */
	assert_string_equal(uplift_escape_text("ab\xE2\x80\xAE"
					       "cd",
					       buf, sizeof(buf)),
			    "ab\xEF\xBF\xBD"
			    "cd");
	/* an invalid byte (GBK) is shown as U+FFFD */
	assert_string_equal(uplift_escape_text("\xb2\xe2", buf, sizeof(buf)),
			    "\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_string_equal(uplift_escape_text("满80减15", buf, sizeof(buf)), "满80减15");
}

static void markdown_markup(void **state)
{
	char buf[256];

	assert_string_equal(uplift_escape_markdown("<script>alert(1)</script>", buf, sizeof(buf)),
			    "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(uplift_escape_markdown("a|b", buf, sizeof(buf)), "a\\|b");
	assert_string_equal(
	    uplift_escape_markdown("**x** `y` [l](u) $m$ @c ~s~ ^t^ #h _e_ !", buf, sizeof(buf)),
	    "\\*\\*x\\*\\* \\`y\\` \\[l\\](u) \\$m\\$ \\@c \\~s\\~ \\^t\\^ \\#h "
	    "\\_e\\_ \\!");
	assert_string_equal(uplift_escape_markdown("a&b\\", buf, sizeof(buf)), "a&amp;b\\\\");
	assert_string_equal(uplift_escape_markdown("line\nbreak", buf, sizeof(buf)), "line break");
}

static void cut_with_ellipsis(void **state)
{
	char buf[16];

	/* fits exactly: no ellipsis */
	assert_string_equal(uplift_escape_text("0123456789abcd", buf, sizeof(buf)),
			    "0123456789abcd");
	/* too long: cut, "…" added, within the buffer */
	assert_string_equal(uplift_escape_text("0123456789abcdefgh", buf, sizeof(buf)),
			    "0123456789ab\xE2\x80\xA6");
	/* never inside a character: 折 is three bytes */
	assert_string_equal(uplift_escape_text("折折折折折折", buf, sizeof(buf)),
			    "折折折折\xE2\x80\xA6");
	/* an escape is never split */
	assert_string_equal(uplift_escape_markdown("<<<<<<<", buf, sizeof(buf)),
			    "&lt;&lt;&lt;\xE2\x80\xA6");
	/* too small a buffer gives the empty string, not an overflow */
	assert_string_equal(uplift_escape_text("abc", buf, 4), "");
}

/* Cut by display columns (issue 13, finding 10: a 10 MB segment value gave 660 MB of table). */
static void cut_by_columns(void **state)
{
	char buf[256];

	/* exactly the width: whole */
	assert_string_equal(uplift_escape_text_cols("abcdef", 6, buf, sizeof(buf)), "abcdef");
	/* one more: five columns and "…" */
	assert_string_equal(uplift_escape_text_cols("abcdefg", 6, buf, sizeof(buf)),
			    "abcde\xE2\x80\xA6");
	/* 折 is two columns: two of them and "…" in six */
	assert_string_equal(uplift_escape_text_cols("折折折折", 6, buf, sizeof(buf)),
			    "折折\xE2\x80\xA6");
	assert_string_equal(uplift_escape_text_cols("折折折", 6, buf, sizeof(buf)), "折折折");
	/* Markdown counts what the reader sees: "&lt;" is one column */
	assert_string_equal(uplift_escape_markdown_cols("<a|b>", 5, buf, sizeof(buf)),
			    "&lt;a\\|b&gt;");
	assert_string_equal(uplift_escape_markdown_cols("<a|b>c", 5, buf, sizeof(buf)),
			    "&lt;a\\|b\xE2\x80\xA6");
	/* a replaced control character is one column */
	assert_string_equal(uplift_escape_text_cols("\x1b\x1b\x1b", 3, buf, sizeof(buf)),
			    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	/* the byte limit still holds when the width would allow more */
	assert_string_equal(uplift_escape_text_cols("0123456789abcdefgh", 100, buf, 16),
			    "0123456789ab\xE2\x80\xA6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_controls),
	    cmocka_unit_test(markdown_markup),
	    cmocka_unit_test(cut_with_ellipsis),
	    cmocka_unit_test(cut_by_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
