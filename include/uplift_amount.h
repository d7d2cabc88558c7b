/*
 * uplift_amount.h - amounts of money as exports write them ("24.50"),
 * parsed to the double strtod would give; the twin of uplift_date.h.
 */
#ifndef UPLIFT_AMOUNT_H
#define UPLIFT_AMOUNT_H

#include <stddef.h>

/*
 * Parse a non-negative decimal number as written in exports ("12", "12.50",
 * ".5"). Rejects empty text, signs other than a leading '-', thousands
 * separators, currency signs, exponents, NaN and infinities. Returns 0 on
 * success, 1 for text that is not a number, 2 for a negative number.
 */
int uplift_amount_parse(const char *s, size_t len, double *out);

#endif
