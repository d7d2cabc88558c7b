/*
 * flag.c - yes/no values of flag columns (uplift_flag.h): the one-byte
 * 0 and 1 of almost every row first, then the words.
 */
#include "uplift_flag.h"
#include "uplift_amount.h"

#include <string.h>
#include <strings.h>

/* A number that is exactly 0 or 1 ("1.0", "0.00": pandas writes flags so). */
static bool number_flag(const char *s, size_t len, int *v)
{
	double x;

	if (uplift_amount_parse(s, len, &x) != 0 || (x != 0 && x != 1))
		return false;
	*v = x == 1;
	return true;
}

bool uplift_flag_parse(const char *s, size_t len, int *v)
{
	if (len == 1 && (s[0] == '0' || s[0] == '1')) {
		*v = s[0] == '1';
		return true;
	}
	if ((len == 4 && strncasecmp(s, "true", 4) == 0) || (len == 3 && memcmp(s, "是", 3) == 0)) {
		*v = 1;
		return true;
	}
	if ((len == 5 && strncasecmp(s, "false", 5) == 0) ||
	    (len == 3 && memcmp(s, "否", 3) == 0)) {
		*v = 0;
		return true;
	}
	return number_flag(s, len, v);
}
