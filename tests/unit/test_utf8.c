/*
 * test_utf8.c - the UTF-8 checks: well-formedness against utf8proc, and
 * the columns that messages report.
 */
#include "testutil.h"
#include "uplift_utf8.h"

#include <utf8proc.h>

/* utf8proc's verdict on s[0..n): the offset of the first ill-formed sequence, or -1 */
static long utf8proc_check(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k < 0)
			return (long)i;
		i += (size_t)k;
	}
	return -1;
}

/*
 * The inline UTF-8 check agrees with utf8proc (the independent
 * implementation) on every sequence of one, two and three bytes, on every
 * four-byte sequence with a lead byte from 0xF0 to 0xF7 and the edge values
 * of the continuation bytes, and with a valid prefix in front (the 8-byte
 * ASCII stride).
 */
static void utf8_check_matches_utf8proc(void **state)
{
	static const unsigned char edge[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
					     0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
	unsigned char s[16];
	long mismatches = 0;

	for (unsigned a = 0; a < 256; a++) {
		s[0] = (unsigned char)a;
		mismatches += uplift_utf8_check(s, 1) != utf8proc_check(s, 1);
		for (unsigned b = 0; b < 256; b++) {
			s[1] = (unsigned char)b;
			mismatches += uplift_utf8_check(s, 2) != utf8proc_check(s, 2);
			for (unsigned c = 0; c < 256; c++) {
				s[2] = (unsigned char)c;
				mismatches += uplift_utf8_check(s, 3) != utf8proc_check(s, 3);
			}
		}
	}
	for (unsigned a = 0xF0; a < 0xF8; a++)
		for (unsigned b = 0; b < 256; b++)
			for (size_t c = 0; c < sizeof(edge); c++)
				for (size_t d = 0; d < sizeof(edge); d++) {
					memcpy(s, "ascii-8:", 8);
					s[8] = (unsigned char)a;
					s[9] = (unsigned char)b;
					s[10] = edge[c];
					s[11] = edge[d];
					mismatches +=
					    uplift_utf8_check(s, 12) != utf8proc_check(s, 12);
					mismatches +=
					    uplift_utf8_check(s + 8, 4) != utf8proc_check(s + 8, 4);
				}
	assert_int_equal(mismatches, 0);
	assert_int_equal(uplift_utf8_check((const unsigned char *)"8折券", 7), -1);
	assert_int_equal(uplift_utf8_check((const unsigned char *)"abcdefgh\xED\xA0\x80", 11), 8);
}

/*
 * Columns count characters from 1, not bytes. Reference values from
 * python3 -c 's = "8折券x".encode(); print([len(s[:p].decode()) + 1 for p in (0, 1, 4, 7, 8)])'
 * -> [1, 2, 3, 4, 5], and for the 33 bytes of "零一二三四五六七八九十" at 30: 11.
 */
static void utf8_column_counts_characters(void **state)
{
	static const size_t pos[] = {0, 1, 4, 7, 8};
	static const long col[] = {1, 2, 3, 4, 5};

	for (size_t i = 0; i < sizeof(pos) / sizeof(pos[0]); i++)
		assert_int_equal(uplift_utf8_column("8折券x", pos[i]), col[i]);
	assert_int_equal(uplift_utf8_column("零一二三四五六七八九十", 30), 11);
	assert_int_equal(uplift_utf8_column("u1,8\xD5\xDB", 4), 5); /* test_csv's invalid_utf8 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(utf8_check_matches_utf8proc),
	    cmocka_unit_test(utf8_column_counts_characters),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
