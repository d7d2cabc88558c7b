/*
 * table.h - a small text table, rendered aligned by display width (so that
 * Chinese arm names line up) or as a Markdown pipe table. Internal to the
 * library. A table owns its cells; table_free(NULL) is a no-op.
 */
#ifndef UPLIFT_TABLE_H
#define UPLIFT_TABLE_H

#include <stdbool.h>
#include <stdio.h>

struct table;

/* A table of ncol columns; the first row added is the header. */
struct table *table_new(size_t ncol);
void table_free(struct table *t);

/* Right-align column col (numbers); columns are left-aligned by default. */
void table_align_right(struct table *t, size_t col);

/* Append one cell (printf format); rows fill left to right. false on no memory. */
bool table_cell(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write the table as aligned text, columns two spaces apart, header underlined. */
void table_write_text(const struct table *t, FILE *out);

/*
 * Write the table as a Markdown pipe table. Cells are written as given
 * (text from the data must be escaped with uplift_escape_markdown first),
 * except that a '|' not escaped yet is escaped.
 */
void table_write_markdown(const struct table *t, FILE *out);

/* Display width of a UTF-8 string in terminal columns (CJK = 2). */
size_t uplift_display_width(const char *s);

#endif
