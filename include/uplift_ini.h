/*
 * uplift_ini.h - the INI dialect of experiment.ini, read with no fixed
 * buffer: lines, section names, keys and values of any length.
 *
 * The dialect is what libinih (Debian's build) accepted for the files
 * uplift writes and documents: "[section]", "key = value" (or "key: value"),
 * full-line comments starting with ';' or '#', inline comments starting
 * with ';' after a blank, blanks around names and values ignored, a UTF-8
 * byte-order mark, LF or CRLF line ends. Unlike libinih there are no
 * continuation lines: an indented line is an ordinary line. Text after a
 * section's ']' (other than a comment), a line that is neither, a NUL byte,
 * a carriage return inside a line and invalid UTF-8 are errors naming the
 * line. GBK and GB18030 files are converted with iconv (see uplift_ini_parse).
 */
#ifndef UPLIFT_INI_H
#define UPLIFT_INI_H

#include <stddef.h>

#include "uplift_csv.h"
#include "uplift_error.h"

/*
 * What a parse calls, in the order of the file. name, key and value are
 * NUL-terminated, trimmed, valid UTF-8 and live only for the call; line is
 * the physical line (from 1). A callback returns UPLIFT_OK to go on, or a
 * status with err filled to stop the parse.
 */
struct uplift_ini_handler {
	enum uplift_status (*section)(void *ctx, const char *name, long line,
				      struct uplift_error *err);
	enum uplift_status (*key)(void *ctx, const char *key, const char *value, long line,
				  struct uplift_error *err);
	void *ctx;
};

/*
 * Parse text[0..n) (need not end in NUL; may hold NULs, which are an
 * error), calling h. path is only for messages. With encoding UTF-8 the
 * text must be valid UTF-8; with GBK or GB18030 a text that is valid UTF-8
 * is still read as UTF-8 (a hand-written file beside GBK exports) and any
 * other is converted from that encoding. Returns UPLIFT_OK, or a status
 * with err naming path, the line and the problem.
 */
enum uplift_status uplift_ini_parse(const char *text, size_t n, const char *path,
				    enum uplift_encoding encoding,
				    const struct uplift_ini_handler *h, struct uplift_error *err);

/* uplift_ini_parse over the whole file at path (any size that fits in memory). */
enum uplift_status uplift_ini_read(const char *path, enum uplift_encoding encoding,
				   const struct uplift_ini_handler *h, struct uplift_error *err);

#endif
