/*
 * uplift_utf8.h - UTF-8 well-formedness and columns, for the messages that
 * point at a bad byte: the CSV reader checks its lines (or leaves the fields
 * to its caller, uplift_csv_options.utf8_by_caller), the loader the fields
 * it uses, the ini parser its lines.
 */
#ifndef UPLIFT_UTF8_H
#define UPLIFT_UTF8_H

#include <stddef.h>

/*
 * The offset of the first byte that makes s[0..n) ill-formed UTF-8 (RFC
 * 3629: no overlong forms, surrogates or code points above U+10FFFF), or -1
 * when all of it is well formed. NUL bytes are well formed here.
 */
long uplift_utf8_check(const unsigned char *s, size_t n);

/* The column, in characters from 1, of byte offset pos of UTF-8 text s. */
long uplift_utf8_column(const char *s, size_t pos);

/* What every "not valid UTF-8" message ends with. */
#define UPLIFT_UTF8_HINT "a spreadsheet export in Chinese? try --encoding gbk"

#endif
