/*
 * uplift_csv_write.h - writing CSV fields that uplift_csv_read (and any
 * RFC 4180 reader) gives back byte for byte: `analyze --format csv` and
 * `segment`. A writer needs only this header, not the reader's.
 */
#ifndef UPLIFT_CSV_WRITE_H
#define UPLIFT_CSV_WRITE_H

#include <stdio.h>

/*
 * Write the NUL-terminated value s to out as one CSV field, nothing before
 * or after it. It is quoted (by libcsv: "..." with quotes doubled) only when
 * a reader would not give it back as it is unquoted: when it holds a comma,
 * a quote or a control character (CR, LF, tab, any byte below 0x20, DEL),
 * or begins or ends with a space or tab (unquoted blanks at the ends of a
 * field are trimmed). Every other value is written as it is.
 */
void uplift_csv_write_field(FILE *out, const char *s);

#endif
