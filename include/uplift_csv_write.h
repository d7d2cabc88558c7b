/*
 * uplift_csv_write.h - writing CSV fields that uplift_csv_read (and any
 * RFC 4180 reader) gives back byte for byte: `analyze --format csv` and
 * `segment`. A writer needs only this header, not the reader's.
 */
#ifndef UPLIFT_CSV_WRITE_H
#define UPLIFT_CSV_WRITE_H

#include <stdio.h>

/* Write one CSV field to out, quoted (by libcsv) only when it must be. */
void uplift_csv_write_field(FILE *out, const char *s);

#endif
