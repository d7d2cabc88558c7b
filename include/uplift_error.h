/*
 * uplift_error.h - status codes and the error record every module fills.
 *
 * The library never prints and never exits. A function that can fail returns
 * an enum uplift_status and, on failure, fills a struct uplift_error with the
 * position (file, line, column) and a one-line message. Only the command-line
 * front end turns the record into text on stderr and picks an exit status.
 */
#ifndef UPLIFT_ERROR_H
#define UPLIFT_ERROR_H

#include <stddef.h>

enum uplift_status {
	UPLIFT_OK = 0,
	UPLIFT_EINPUT,   /* bad input or usage: the user can fix it (exit 2) */
	UPLIFT_ENOMEM,   /* out of memory (exit 3) */
	UPLIFT_EINTERNAL /* a bug or an OS failure (exit 3) */
};

struct uplift_error {
	enum uplift_status status;
	char file[256];   /* base name of the file at fault, "" if none */
	long line;        /* 1-based physical line, 0 if not applicable */
	char column[128]; /* column name (CSV) or key (INI), "" if none */
	char message[512];
};

/* Clear an error record. */
void uplift_error_clear(struct uplift_error *err);

/*
 * Fill err (when err is not NULL and holds no error yet, so the first error
 * wins) and return status. file may be NULL; only its base name is kept.
 */
enum uplift_status uplift_error_set(struct uplift_error *err, enum uplift_status status,
				    const char *file, long line, const char *column,
				    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * Render err as one line, "orders.csv:200: column 'amount': not a number: 'abc'",
 * into buf (always NUL-terminated), safe for a terminal: control and bidi
 * characters from the input replaced as uplift_escape_text does. Returns buf.
 */
const char *uplift_error_format(const struct uplift_error *err, char *buf, size_t size);

#endif
