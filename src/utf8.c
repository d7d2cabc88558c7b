/*
 * utf8.c - UTF-8 well-formedness and columns (see uplift_utf8.h).
 *
 * uplift_utf8_check runs over every field analyze uses (or every line the
 * CSV reader is given when the caller does not check): eight ASCII bytes at
 * a time, and the multi-byte sequences by the table of the Unicode standard.
 */
#include "uplift_utf8.h"

#include <stdint.h>
#include <string.h>

/*
 * Length of the well-formed UTF-8 sequence that starts s[0..n) with a byte
 * of 0x80 or more, or 0: the table of well-formed byte sequences in the
 * Unicode standard (section 3.9, table 3-7). test_utf8 compares it with
 * utf8proc_iterate for every sequence of up to three bytes and the edges of
 * the four-byte ones; it is inline because a library call per Chinese
 * character cost 6% of an analysis.
 */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

#define CONT(i) (n > (i) && (s[i] & 0xC0) == 0x80)
	if (c < 0xC2)
		return 0; /* a continuation byte, or the lead of an overlong pair */
	if (c < 0xE0)
		return CONT(1) ? 2 : 0;
	if (c < 0xF0) {
		if (!CONT(1) || !CONT(2))
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (c < 0xF5) {
		if (!CONT(1) || !CONT(2) || !CONT(3))
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
			return 0; /* overlong, or above U+10FFFF */
		return 4;
	}
#undef CONT
	return 0;
}

long uplift_utf8_check(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint64_t w;
		size_t k;

		/* eight ASCII bytes at a time */
		if (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_sequence(s + i, n - i);
		if (k == 0)
			return (long)i;
		i += k;
	}
	return -1;
}

long uplift_utf8_column(const char *s, size_t pos)
{
	long col = 1;

	for (size_t i = 0; i < pos; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}
