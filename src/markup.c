/*
 * markup.c - the plain-text and the Markdown markup of analyze's output
 * (see markup.h).
 *
 * Plain text keeps lines together and indents remarks under a table;
 * Markdown needs blank lines between paragraphs, marks warnings as block
 * quotes and turns remarks into list items. Strings from the data go through
 * uplift_escape_text_cols or uplift_escape_markdown_cols, so that neither a
 * terminal escape nor markup from a name reaches the reader.
 */
#include "markup.h"
#include "uplift_escape.h"

/* Plain text in either language: only the words differ */
#define TEXT_STYLE                                                                                 \
	.title = "", .section = "", .subsection = "", .gap = "", .warn_open = "", .warn_close = "", \
	.em_open = "", .em_close = "", .strong_open = "", .strong_close = "", .item = "  ",         \
	.subitem = "    ", .indent = "  ", .list = "", .escape = uplift_escape_text_cols,          \
	.write_table = table_write_text,

const struct markup uplift_markup_text = {
    TEXT_STYLE.note = "  note: ",
    .vs = " vs ",
    .gives = ": ",
    .words = &uplift_format_words_en,
};

const struct markup uplift_markup_text_zh = {
    TEXT_STYLE.note = "  注：",
    .vs = " 对 ",
    .gives = "：",
    .words = &uplift_format_words_zh,
};

/* Markdown in either language: only the words differ */
#define MARKDOWN_STYLE                                                                             \
	.title = "# ", .section = "## ", .subsection = "### ", .gap = "\n", .warn_open = "> **",   \
	.warn_close = "**", .em_open = "*", .em_close = "*", .strong_open = "**",                  \
	.strong_close = "**", .note = "- ", .item = "- ", .subitem = "  - ", .indent = "",         \
	.list = "- ", .vs = "\n- ", .gives = "\n- ", .escape = uplift_escape_markdown_cols,        \
	.write_table = table_write_markdown,

const struct markup uplift_markup_markdown = {
    MARKDOWN_STYLE.words = &uplift_format_words_en,
};

const struct markup uplift_markup_markdown_zh = {
    MARKDOWN_STYLE.words = &uplift_format_words_zh,
};

const char *uplift_markup_show(const struct markup *mk, const char *s, char *buf)
{
	return mk->escape(s, UPLIFT_MARKUP_COLS, buf, UPLIFT_MARKUP_SIZE);
}

const char *uplift_markup_section(const struct markup *mk, bool embedded)
{
	return embedded ? mk->subsection : mk->section;
}

void uplift_markup_table(const struct markup *mk, struct table *t, FILE *out)
{
	if (!t)
		return;
	mk->write_table(t, out);
	table_free(t);
}
