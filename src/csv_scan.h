/*
 * csv_scan.h - the CSV reader's block index and line scan, internal to the
 * library: the hottest code of the program. Every byte read goes through
 * uplift_scan_index_build (csv_scan.c, once per block), every line through
 * scan_line, every line without quotes through scan_split: these are
 * static inline, for csv.c alone, as a call per line would cost more than
 * the scan.
 *
 * The index holds the masks of a buffer, 64 bytes to a word (bit b of word
 * w for byte 64 w + b): built in one pass over every byte read, after which
 * a line's end, commas and rare bytes (quote, CR, NUL) are found a word at
 * a time, not a byte or a chunk at a time, however long the line. The
 * chunk step is SSE2 where the compiler has it, and byte by byte without
 * it or with UPLIFT_PORTABLE_SCAN (test_csv_portable runs test_csv over
 * that variant).
 */
#ifndef UPLIFT_CSV_SCAN_H
#define UPLIFT_CSV_SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "uplift_mem.h"

/* Bytes after the data that the scanner may read: every buffer it reads has them, zeroed. */
#define SCAN_PAD 64

/* The masks of a buffer (see the top of the file). */
struct scan_index {
	uint64_t *lf, *comma, *rare;
	size_t cap; /* words */
};

/* A line's commas, from scan_line; reused for every line. */
struct scan_commas {
	size_t *at;   /* the offsets of the first split of them, from the line's start */
	size_t cap;   /* at holds this many */
	size_t n;     /* the commas before the first quote, CR or NUL (or the line's end) */
	size_t split; /* how many offsets are wanted (the fields split, SIZE_MAX for all) */
};

/* What scan_line found in a line. */
struct scan {
	size_t n;       /* the line's length with its LF; 0 when no LF follows it */
	size_t special; /* offset of the first quote or carriage return, SIZE_MAX if none */
	size_t nul;     /* offset of the first NUL byte (the scan stopped there), or SIZE_MAX */
};

static inline bool scan_is_blank(char c)
{
	/* one comparison for the usual byte, above the space */
	return (unsigned char)c <= ' ' && (c == ' ' || c == '\t');
}

/*
 * csv_scan.c: index s[0..len), which has SCAN_PAD readable bytes after it
 * (the masks of the last word are cleared beyond len). False when out of
 * memory.
 */
bool uplift_scan_index_build(struct scan_index *ix, const char *s, size_t len);

/* csv_scan.c: free what ix holds. */
void uplift_scan_index_release(struct scan_index *ix);

/* Room in c for k + 64 offsets. */
static inline bool scan_comma_room(struct scan_commas *c, size_t k)
{
	return k + 64 <= c->cap ||
	       uplift_mem_grow((void **)&c->at, &c->cap, k + 64, sizeof(*c->at));
}

/*
 * The line that starts at base[start] in the indexed buffer base[0..len):
 * where its LF is, its commas (up to its first quote or carriage return; a
 * line with either goes to libcsv, which needs none): their number in
 * sc->commas and the offsets of the first split of them in c->at, the
 * first quote or carriage return, and the first NUL byte; offsets are from
 * start. False when out of memory.
 */
static inline __attribute__((always_inline)) bool scan_line(const struct scan_index *ix,
							    const char *base, size_t start,
							    size_t len, struct scan_commas *c,
							    struct scan *sc)
{
	size_t words = (len + 63) / 64, k = 0;
	uint64_t from = ~(uint64_t)0 << (start % 64); /* the line's bytes in its first word */

	sc->n = 0;
	sc->special = sc->nul = SIZE_MAX;
	for (size_t w = start / 64; w < words; w++, from = ~(uint64_t)0) {
		uint64_t lf = ix->lf[w] & from;
		uint64_t before = (lf & -lf) - 1; /* the bytes before the LF (all without one) */
		uint64_t rare = ix->rare[w] & from & before;
		uint64_t comma = ix->comma[w] & from & before;

		for (; rare; rare &= rare - 1) {
			size_t at = 64 * w + (size_t)__builtin_ctzll(rare);
			if (base[at] == '\0') {
				sc->nul = at - start;
				c->n = k;
				return true;
			}
			if (sc->special == SIZE_MAX)
				sc->special = at - start;
		}
		if (sc->special != SIZE_MAX) { /* in this word or an earlier one */
			size_t at = start + sc->special;
			comma &= at <= 64 * w ? 0 : ((uint64_t)1 << (at - 64 * w)) - 1;
		}
		if (comma && k < c->split) {
			if (!scan_comma_room(c, k))
				return false;
			for (; comma && k < c->split; comma &= comma - 1)
				c->at[k++] = 64 * w + (size_t)__builtin_ctzll(comma) - start;
		}
		for (; comma; comma &= comma - 1) /* past the fields asked for: only counted */
			k++;
		if (lf) {
			sc->n = 64 * w + (size_t)__builtin_ctzll(lf) + 1 - start;
			break;
		}
	}
	c->n = k;
	return true;
}

/*
 * Split a plain line's content line[0..n) in place at the commas comma[]
 * (comma[f] ends field f; the last field's end, n, is in comma[split - 1]
 * when the line has no more fields than split): field f becomes
 * ptr[f][0..len[f]), NUL-terminated, with the spaces and tabs at both of
 * its ends trimmed, as libcsv trims them. line[n] must be writable.
 */
static inline __attribute__((always_inline)) void
scan_split(char *line, const size_t *comma, size_t split, const char **ptr, size_t *len)
{
	size_t start = 0;

	for (size_t f = 0; f < split; f++) {
		size_t end = comma[f], p = start, e = end;
		if (p < e && scan_is_blank(line[p]))
			while (p < e && scan_is_blank(line[p]))
				p++;
		if (e > p && scan_is_blank(line[e - 1]))
			while (e > p && scan_is_blank(line[e - 1]))
				e--;
		line[e] = '\0';
		ptr[f] = line + p;
		len[f] = e - p;
		start = end + 1;
	}
}

/*
 * Whether the start of a line, s[0..n), begun outside quotes, has a
 * carriage return outside quotes with a byte other than LF after it (in
 * strict CSV a quote outside a quoted field only opens one, so the quotes
 * before a byte tell whether it is quoted). Also right for GBK and GB18030
 * bytes, whose multi-byte characters hold no quote, CR or LF.
 */
static inline bool scan_lone_cr(const char *s, size_t n)
{
	bool quoted = false;

	for (size_t i = 0; i + 1 < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '\r' && !quoted && s[i + 1] != '\n')
			return true;
	}
	return false;
}

#endif
