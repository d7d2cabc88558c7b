/*
 * csv_scan.c - the block index of the CSV reader (see csv_scan.h): the
 * masks of line feeds, commas and rare bytes of every byte read, sixteen
 * bytes at a time with SSE2, byte by byte without it or with
 * UPLIFT_PORTABLE_SCAN (the Makefile's test_csv_portable).
 */
#include "csv_scan.h"

#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * The sixteen bytes at s as bit masks (bit b for s[b]): line feeds, commas,
 * and the rare bytes (quote, carriage return, NUL).
 */
#if defined(__SSE2__) && !defined(UPLIFT_PORTABLE_SCAN)
static inline void chunk_masks(const char *s, unsigned *lf, unsigned *comma, unsigned *rare)
{
	const __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);

	*lf = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
	*comma = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')));
	*rare = (unsigned)_mm_movemask_epi8(
	    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
				      _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))),
			 _mm_cmpeq_epi8(x, _mm_setzero_si128())));
}
#else
/* Without SSE2 (and in the tests, built with UPLIFT_PORTABLE_SCAN), byte by byte. */
static inline void chunk_masks(const char *s, unsigned *lf, unsigned *comma, unsigned *rare)
{
	*lf = *comma = *rare = 0;
	for (unsigned b = 0; b < 16; b++) {
		char c = s[b];
		*lf |= (unsigned)(c == '\n') << b;
		*comma |= (unsigned)(c == ',') << b;
		*rare |= (unsigned)(c == '"' || c == '\r' || c == '\0') << b;
	}
}
#endif

void uplift_scan_index_release(struct scan_index *ix)
{
	free(ix->lf);
	free(ix->comma);
	free(ix->rare);
}

/*
 * Out of line on purpose: inlined into the reader's loop (twice, with the
 * converted lines' call) it cost the loop registers, 1.4% of the
 * instructions of an analysis of a million users (callgrind).
 */
__attribute__((noinline)) bool uplift_scan_index_build(struct scan_index *ix, const char *s,
						       size_t len)
{
	size_t words = (len + 63) / 64, cap = ix->cap;

	if (words > cap) {
		uint64_t *lf, *comma, *rare;
		while (cap < words)
			cap = cap ? cap * 2 : 1024;
		if (!(lf = realloc(ix->lf, cap * sizeof(*lf))))
			return false;
		ix->lf = lf;
		if (!(comma = realloc(ix->comma, cap * sizeof(*comma))))
			return false;
		ix->comma = comma;
		if (!(rare = realloc(ix->rare, cap * sizeof(*rare))))
			return false;
		ix->rare = rare;
		ix->cap = cap;
	}
	for (size_t w = 0; w < words; w++) {
		uint64_t lf = 0, comma = 0, rare = 0;
		for (unsigned c = 0; c < 4; c++) {
			unsigned l, m, x;
			chunk_masks(s + 64 * w + 16 * c, &l, &m, &x);
			lf |= (uint64_t)l << (16 * c);
			comma |= (uint64_t)m << (16 * c);
			rare |= (uint64_t)x << (16 * c);
		}
		ix->lf[w] = lf;
		ix->comma[w] = comma;
		ix->rare[w] = rare;
	}
	if (len % 64) { /* the padding is not the buffer's */
		uint64_t keep = ((uint64_t)1 << (len % 64)) - 1;
		ix->lf[words - 1] &= keep;
		ix->comma[words - 1] &= keep;
		ix->rare[words - 1] &= keep;
	}
	return true;
}
