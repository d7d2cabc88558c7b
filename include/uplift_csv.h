/*
 * uplift_csv.h - streaming CSV reading on top of libcsv.
 *
 * One pass, constant memory: the file is read in blocks, fed to libcsv line
 * by line (so every row knows the physical line it started on), and each
 * complete row is handed to a callback. The row's fields live in a buffer
 * that is reused for the next row: copy what must outlive the callback.
 * Rows are RFC 4180 (strict quoting), UTF-8 with or without a byte-order
 * mark, LF or CRLF (a CR alone ends no line: such a file is refused); GBK
 * and GB18030 files are converted with iconv.
 *
 * The reader's loop is csv.c, its block index and line scan csv_scan.h,
 * the conversion csv_iconv.c; the UTF-8 checks (uplift_utf8.h) and the
 * field writer (uplift_csv_write.h) have their own headers, included here
 * so that the callers of this header keep finding them.
 */
#ifndef UPLIFT_CSV_H
#define UPLIFT_CSV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "uplift_csv_write.h" /* uplift_csv_write_field, for the writers that include this */
#include "uplift_error.h"
#include "uplift_utf8.h" /* uplift_utf8_check and the hint, for the callers of this */

enum uplift_encoding { UPLIFT_ENC_UTF8 = 0, UPLIFT_ENC_GBK, UPLIFT_ENC_GB18030 };

struct uplift_csv_row {
	size_t n;                 /* number of fields */
	const char *const *field; /* field[i] is NUL-terminated, len[i] bytes */
	const size_t *len;
	long line;      /* physical line the row starts on (1-based) */
	uint64_t index; /* 0 for the header, then 1, 2, ... */
};

/*
 * Called once per row, the header first. Return UPLIFT_OK to go on; any
 * other status stops the reading, and the callback is expected to have
 * filled err.
 */
typedef enum uplift_status (*uplift_csv_row_fn)(void *ctx, const struct uplift_csv_row *row,
						struct uplift_error *err);

struct uplift_csv_options {
	enum uplift_encoding encoding;
	/* Optional: told the bytes read so far and the file's size, every block. */
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *progress_ctx;
	/* For tests: give every line to libcsv, none to the plain-line path. */
	bool libcsv_only;
	/* The caller checks the UTF-8 of the fields it uses (uplift_utf8_check);
	 * the reader then checks lines only for NUL bytes. */
	bool utf8_by_caller;
	/* Optional: the number of leading fields the callback reads, which it
	 * may set when it is given the header. From the next row on, only
	 * those fields are filled in (field[i] and len[i] for i below it);
	 * n still counts every field. */
	size_t *fields_used;
};

/*
 * Read the file at path, calling fn for each row. Returns UPLIFT_OK when the
 * whole file was read; otherwise err names the file, line and problem
 * (cannot open, invalid encoding, NUL byte, bad quoting, an unterminated
 * quote with the line it opened on, a carriage return outside quotes that
 * ends a row without a line feed -- CR-only line ends -- with its line, an
 * empty file, or the callback's error).
 * If bytes is not NULL it receives the number of bytes read.
 */
enum uplift_status uplift_csv_read(const char *path, const struct uplift_csv_options *opt,
				   uplift_csv_row_fn fn, void *ctx, uint64_t *bytes,
				   struct uplift_error *err);

/* Index of the header field equal to name, or -1. */
long uplift_csv_column(const struct uplift_csv_row *header, const char *name);

/* Parse an encoding name ("utf-8", "utf8", "gbk", "gb18030"); false if unknown. */
bool uplift_csv_encoding_parse(const char *name, enum uplift_encoding *enc);

#endif
