/*
 * test_strtab.c - the interned-string table of user ids (strtab.c) and
 * the memory of its hash tables (mem.c): lengths, the hash, reservation.
 */
#include "testutil.h"
#include "uplift_mem.h"
#include "uplift_strtab.h"

/*
 * Strings of every length from 0 to 600 bytes (a record keeps lengths
 * below 255 in one byte, longer ones in four more), interned twice and
 * found again: the same index, bytes and length back.
 */
static void strtab_lengths(void **state)
{
	struct uplift_strtab t;
	char s[601];

	uplift_strtab_init(&t);
	for (int pass = 0; pass < 2; pass++)
		for (size_t len = 0; len <= 600; len++) {
			bool added;
			size_t got;
			const char *p;
			for (size_t k = 0; k < len; k++)
				s[k] = (char)('a' + (len + k) % 26);
			assert_int_equal(uplift_strtab_intern(&t, s, len, &added), (long)len);
			assert_true(added == (pass == 0));
			assert_int_equal(uplift_strtab_find(&t, s, len), (long)len);
			p = uplift_strtab_get(&t, len, &got);
			assert_int_equal(got, len);
			assert_memory_equal(p, s, len);
			assert_int_equal(p[len], '\0');
		}
	/* a prefix and an extension of a stored string are other strings */
	assert_int_equal(uplift_strtab_find(&t, s, 599), -1);
	s[600] = 'x';
	assert_int_equal(uplift_strtab_find(&t, s, 601), -1);
	assert_int_equal(t.n, 601);
	uplift_strtab_release(&t);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/*
 * The hash takes every byte: ids of 3 to 20 characters that differ only
 * in one place (first, middle, last) get 32-bit hashes as distinct as
 * chance allows -- 2^17 ids per length, where 2 collisions are expected
 * (n^2 / 2^33).
 */
static void hash_every_byte(void **state)
{
	enum { N = 1 << 17 };
	uint32_t *h = malloc(N * sizeof(*h));

	assert_non_null(h);
	for (size_t len = 3; len <= 20; len++) {
		size_t step = len / 2 > 1 ? len / 2 - 1 : 1; /* the start, the middle, the end */
		for (size_t at = 0; at < len; at += step) {
			char s[32];
			size_t same = 0;
			for (size_t i = 0; i < N; i++) {
				memset(s, 'M', len);
				/* three bytes of i at `at` (wrapping round the string) */
				for (size_t b = 0; b < 3; b++)
					s[(at + b) % len] = (char)(0x20 + (i >> (6 * b)) % 64);
				h[i] = uplift_strtab_hash(s, len);
			}
			qsort(h, N, sizeof(*h), cmp_u32);
			for (size_t i = 1; i < N; i++)
				same += h[i] == h[i - 1];
			if (same > 12)
				print_message("length %zu, bytes at %zu: %zu equal hashes\n", len,
					      at, same);
			assert_true(same <= 12);
		}
	}
	free(h);
}

/*
 * The hash tables' memory: zeroed at every size, 2 MB-aligned from 4 MB
 * (where it is offered for huge pages), NULL when n * size overflows; and
 * a user table reserved for 300,000 ids, the first to reach that size,
 * finds all of them.
 */
static void table_memory(void **state)
{
	size_t sizes[] = {1, 4096, (4u << 20) - 8, 4u << 20, (6u << 20) + 24};
	struct uplift_strtab t;
	char id[16];

	/* three rounds, each block dirtied before it is freed: a table that
	 * reused freed memory without zeroing it fails the later rounds */
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = uplift_mem_table_calloc(sizes[i] / 8, 8);
			size_t nonzero = 0;
			assert_non_null(p);
			for (size_t k = 0; k < sizes[i] / 8 * 8; k++)
				nonzero += p[k] != 0;
			assert_int_equal(nonzero, 0);
			if (sizes[i] >= (4u << 20))
				assert_int_equal((uintptr_t)p % (2u << 20), 0);
			memset(p, 0xFF, sizes[i] / 8 * 8);
			uplift_mem_table_free(p, sizes[i] / 8, 8);
		}
	assert_null(uplift_mem_table_calloc(SIZE_MAX / 4, 8));
	uplift_strtab_init(&t);
	assert_true(uplift_strtab_reserve(&t, 300000, 7));
	assert_true(t.n_slots * sizeof(*t.slot) >= (4u << 20));
	for (int i = 0; i < 300000; i++) {
		snprintf(id, sizeof(id), "u%d", i);
		assert_int_equal(uplift_strtab_intern(&t, id, strlen(id), NULL), i);
	}
	for (int i = 0; i < 300000; i += 7) {
		snprintf(id, sizeof(id), "u%d", i);
		assert_int_equal(uplift_strtab_find(&t, id, strlen(id)), i);
	}
	assert_int_equal(uplift_strtab_find(&t, "u300000", 7), -1);
	uplift_strtab_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(strtab_lengths),
	    cmocka_unit_test(hash_every_byte),
	    cmocka_unit_test(table_memory),
	};
	return cmocka_run_group_tests_name("strtab", tests, NULL, NULL);
}
