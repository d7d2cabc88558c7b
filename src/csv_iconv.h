/*
 * csv_iconv.h - GBK and GB18030 lines to UTF-8 for the CSV reader, internal
 * to the library (csv_iconv.c; the reader is csv.c).
 */
#ifndef UPLIFT_CSV_ICONV_H
#define UPLIFT_CSV_ICONV_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>

#include "uplift_csv.h"

/* A converter and the buffer of its last line, reused for every line. */
struct uplift_iconv {
	iconv_t cd; /* (iconv_t)-1 for UTF-8: nothing to convert */
	char *out;  /* the last converted line */
	size_t cap;
};

/*
 * Make cv a converter from enc to UTF-8 (for UTF-8 itself, one that is
 * never used). False when iconv cannot convert from enc; cv can be closed
 * either way.
 */
bool uplift_iconv_open(struct uplift_iconv *cv, enum uplift_encoding enc);

/*
 * Convert the line (*line)[0..*n) to UTF-8; on success *line and *n point
 * at the result, in cv's buffer until the next line, with pad zeroed bytes
 * after it (the scanner reads them, the plain-line path writes a NUL).
 * False when the line is not valid in the encoding or out of memory.
 */
bool uplift_iconv_line(struct uplift_iconv *cv, const char **line, size_t *n, size_t pad);

/* Free what cv holds. */
void uplift_iconv_close(struct uplift_iconv *cv);

/* The name of enc in messages: "UTF-8", "GBK" or "GB18030". */
const char *uplift_iconv_name(enum uplift_encoding enc);

#endif
