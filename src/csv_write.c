/*
 * csv_write.c - CSV fields out (see uplift_csv_write.h); the reader is csv.c.
 */
#include "uplift_csv_write.h"

#include <csv.h>
#include <string.h>

void uplift_csv_write_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(out, s, strlen(s));
	else
		fputs(s, out);
}
