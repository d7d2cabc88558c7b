/*
 * uplift_escape.h - text from the data made safe for the format it lands in.
 *
 * Every string that comes from an input file (arm names, labels, the
 * experiment name, column names, segment values, ids) goes through one of
 * these before a writer puts it into Markdown, a terminal or a CSV cell.
 * Each function writes into the caller's buffer, always NUL-terminated, and
 * cuts a string that does not fit at a character boundary with "…", so that
 * output stays proportional to what a reader can use (JSON keeps values
 * whole; it has its own escaping in jansson). Input is UTF-8 (the loaders
 * check it); an invalid byte is shown as U+FFFD rather than passed on.
 */
#ifndef UPLIFT_ESCAPE_H
#define UPLIFT_ESCAPE_H

#include <stddef.h>

/* The shortest buffer the functions below accept (room for "…" and NUL). */
#define UPLIFT_ESCAPE_MIN 8

/*
 * s for a terminal or a plain-text table: control characters (C0, DEL, C1),
 * and the bidirectional overrides that reorder what a reader sees, become
 * U+FFFD; tabs and line ends become spaces. Returns buf.
 */
const char *uplift_escape_text(const char *s, char *buf, size_t size);

/*
 * s as Markdown inline text, safe inside a table cell: what is plain text
 * with the terminal rules above, and every character Markdown or pandoc
 * would read as markup (\ ` * _ [ ] | # ~ ^ $ @ ! and the HTML < > &)
 * escaped, so it reads back as exactly s. Returns buf.
 */
const char *uplift_escape_markdown(const char *s, char *buf, size_t size);

/*
 * As the two above, and cut (with "…") to at most width display columns:
 * a wide character such as 折 counts two, "…" one, and an escaped Markdown
 * character the one character a reader sees. For table cells, whose
 * alignment is by display width. Returns buf.
 */
const char *uplift_escape_text_cols(const char *s, size_t width, char *buf, size_t size);
const char *uplift_escape_markdown_cols(const char *s, size_t width, char *buf, size_t size);

#endif
