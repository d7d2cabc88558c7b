/*
 * markup.h - the words and marks that make a section of analyze's output
 * plain text or Markdown. Internal to the library.
 *
 * The text and the Markdown writer are one writer (format_text.c,
 * format_segments.c) over two tables of markup: what a heading starts
 * with, how a warning or a note is marked, how a table is drawn and how a
 * string from the data is escaped. The table is chosen once, from the
 * format; no function decides between the two itself. The words of the
 * tables come with the markup too (format_words.h): English for analyze,
 * Chinese for report.md with --lang zh.
 */
#ifndef UPLIFT_MARKUP_H
#define UPLIFT_MARKUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "format_words.h"
#include "table.h"

/* Display columns of a name or value from the data in a table or heading line. */
#define UPLIFT_MARKUP_COLS 64
/* Bytes that hold one: Markdown's longest escape (&amp;) is five bytes a column. */
#define UPLIFT_MARKUP_SIZE (UPLIFT_MARKUP_COLS * 6 + 16)

struct markup {
	const char *title;      /* before the experiment's name: "# " */
	const char *section;    /* before a section heading: "## " */
	const char *subsection; /* ... when embedded in a report (a level deeper) */
	const char *gap;        /* between heading lines Markdown would run together: "\n" */
	const char *warn_open;  /* around a warning: "> **" ... "**" */
	const char *warn_close;
	const char *em_open; /* around a label in running text: "*" ... "*" */
	const char *em_close;
	const char *strong_open; /* around what a reader must not miss: "**" ... "**" */
	const char *strong_close;
	const char *note;    /* before a footnote (a reason, a skipped step): "  note: " */
	const char *item;    /* before a line of remarks under a table: "  " */
	const char *subitem; /* before a line that belongs to the item above: "    " */
	const char *indent;  /* before a paragraph of explanations under a table: "  " */
	const char *list;    /* before the first of a run of figures: "" or "- " */
	const char *vs;      /* between a figure and the one it is compared with */
	const char *gives;   /* between two figures and what follows from them */
	/* s, cut to width display columns, escaped for this format (uplift_escape.h) */
	const char *(*escape)(const char *s, size_t width, char *buf, size_t size);
	void (*write_table)(const struct table *t, FILE *out);
	const struct format_words *words; /* the tables' headings, headers, legends, notes */
};

/* The aligned plain-text markup (analyze's default format). */
extern const struct markup uplift_markup_text;
/* The same in Chinese words (analyze --lang zh). */
extern const struct markup uplift_markup_text_zh;
/* The Markdown markup (analyze --format markdown, and the tables of report.md). */
extern const struct markup uplift_markup_markdown;
/* The Markdown markup in Chinese words (the tables of report.md with --lang zh). */
extern const struct markup uplift_markup_markdown_zh;

/*
 * s from the data as markup mk shows it: escaped and cut at
 * UPLIFT_MARKUP_COLS display columns with "…", in buf (UPLIFT_MARKUP_SIZE
 * bytes). Returns buf.
 */
const char *uplift_markup_show(const struct markup *mk, const char *s, char *buf);

/* The heading prefix of a section: mk->subsection when embedded, else mk->section. */
const char *uplift_markup_section(const struct markup *mk, bool embedded);

/*
 * Write table t in mk's style and free it. A NULL t (the table could not be
 * built for want of memory) writes nothing.
 */
void uplift_markup_table(const struct markup *mk, struct table *t, FILE *out);

#endif
