/*
 * csv_write.c - CSV fields out, quoted only where reading them back needs
 * it (see uplift_csv_write.h); the reader is csv.c.
 *
 * The reader, like libcsv, trims spaces and tabs from both ends of an
 * unquoted field, so a value with blanks at either end is quoted; control
 * characters are quoted too (RFC 4180 allows none in an unquoted field).
 * Values without any of these are written bare, as they always were.
 */
#include "uplift_csv_write.h"

#include <csv.h>
#include <stdbool.h>
#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether s[0..n) must be quoted to be read back as it is. */
static bool needs_quotes(const char *s, size_t n)
{
	if (n > 0 && (is_blank(s[0]) || is_blank(s[n - 1])))
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F || c == ',' || c == '"')
			return true;
	}
	return false;
}

void uplift_csv_write_field(FILE *out, const char *s)
{
	size_t n = strlen(s);

	if (needs_quotes(s, n))
		csv_fwrite(out, s, n);
	else
		fwrite(s, 1, n, out);
}
