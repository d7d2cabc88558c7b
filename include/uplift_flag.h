/*
 * uplift_flag.h - yes/no values as exports write them: 0/1, true/false in
 * any case (Excel writes TRUE/FALSE), 是/否; the twin of uplift_amount.h
 * for flag columns (converted, repurchased, any 0/1 metric column).
 */
#ifndef UPLIFT_FLAG_H
#define UPLIFT_FLAG_H

#include <stdbool.h>
#include <stddef.h>

/* The spellings uplift_flag_parse accepts, for error messages. */
#define UPLIFT_FLAG_FORMS "0/1 (or 0.0/1.0), true/false (any case) or 是/否"

/* s[0..len) as a flag: *v is 0 or 1. False when it is none of UPLIFT_FLAG_FORMS. */
bool uplift_flag_parse(const char *s, size_t len, int *v);

#endif
