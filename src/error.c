/*
 * error.c - the error record shared by every module (see uplift_error.h).
 */
#include "uplift_error.h"
#include "uplift_escape.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void uplift_error_clear(struct uplift_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/*
 * Messages quote what the input held: keep them on one line (control
 * characters become spaces) and, when the message was cut short, end it at
 * a whole UTF-8 character with an ellipsis.
 */
static void one_line(char *m, bool truncated)
{
	size_t len = strlen(m);

	for (size_t i = 0; i < len; i++)
		if ((unsigned char)m[i] < 0x20 || m[i] == 0x7f)
			m[i] = ' ';
	if (!truncated)
		return;
	len = len > 400 ? 400 : len;
	/* back off over continuation bytes to the start of a character */
	while (len > 0 && ((unsigned char)m[len] & 0xC0) == 0x80)
		len--;
	memcpy(m + len, "…", sizeof("…"));
}

enum uplift_status uplift_error_set(struct uplift_error *err, enum uplift_status status,
				    const char *file, long line, const char *column,
				    const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err || err->status != UPLIFT_OK)
		return status;
	err->status = status;
	snprintf(err->file, sizeof(err->file), "%s", file ? base_name(file) : "");
	err->line = line;
	snprintf(err->column, sizeof(err->column), "%s", column ? column : "");
	va_start(ap, fmt);
	n = vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	one_line(err->message, n >= (int)sizeof(err->message));
	return status;
}

/*
 * The line is put together in full, then passed through the terminal
 * escaper: file, column and message quote the input, and a control or bidi
 * character there (ESC [ 2 J, a C1 byte, U+202E) must not reach a terminal.
 */
const char *uplift_error_format(const struct uplift_error *err, char *buf, size_t size)
{
	char where[320] = "";
	char col[160] = "";
	char line[sizeof(where) + sizeof(col) + sizeof(err->message)];

	if (err->file[0] && err->line > 0)
		snprintf(where, sizeof(where), "%s:%ld: ", err->file, err->line);
	else if (err->file[0])
		snprintf(where, sizeof(where), "%s: ", err->file);
	if (err->column[0])
		snprintf(col, sizeof(col), "column '%s': ", err->column);
	snprintf(line, sizeof(line), "%s%s%s", where, col, err->message);
	return uplift_escape_text(line, buf, size);
}
