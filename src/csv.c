/*
 * csv.c - streaming CSV reader: blocks from the file, lines to libcsv,
 * rows to the caller (see uplift_csv.h).
 *
 * Why line by line: libcsv reports fields and row ends but not where they
 * are in the file. Feeding it one physical line at a time lets us know the
 * line every row starts on and, from the parser's state at each line end,
 * the line on which a quoted field that never closes was opened.
 *
 * Plain lines skip libcsv. A line with no quote and no carriage return
 * (but a final one before the newline), met between rows, is split at its
 * commas in place, with spaces and tabs trimmed from both ends of each
 * field and a blank line giving no row -- what libcsv makes of such a line,
 * checked against it by test_csv and by the fuzz_csv target. Every other
 * line goes to libcsv. libcsv's callbacks copy every byte of every field;
 * with empty callbacks it parses the benchmark files at about 400 MB/s
 * (bench/README.md), which was half the time of a whole analysis.
 */
#include "uplift_csv.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* libcsv's parser states (csv_parser.pstate), from libcsv.c. */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2 };

#define BLOCK_SIZE (256 * 1024)
/* Bytes after the data that the scanner may read: every buffer it reads has them, zeroed. */
#define PAD 64

/*
 * The masks of a buffer, 64 bytes to a word (bit b of word w for byte
 * 64 w + b): built in one pass over every byte read (index_build), after
 * which a line's end, commas and rare bytes are found a word at a time,
 * not a byte or a chunk at a time, however long the line.
 */
struct scan_index {
	uint64_t *lf, *comma, *rare;
	size_t cap; /* words */
};

struct reader {
	const char *path;
	struct csv_parser parser;
	uplift_csv_row_fn fn;
	void *ctx;
	struct uplift_error *err;
	bool stop; /* the callback failed: ignore the rest */

	/* the row being collected; reused for every row */
	char *buf; /* field bytes, each followed by a NUL */
	size_t buf_len, buf_cap;
	size_t *off, *len; /* per field: offset into buf and length */
	bool libcsv_only;  /* no plain-line path (tests) */
	size_t *comma;     /* the offsets of a plain line's commas */
	size_t n_comma, comma_cap;
	bool utf8_unchecked;  /* the caller checks the fields it uses */
	bool plain_ok;        /* utf8_unchecked, not libcsv_only: see feed_line */
	size_t *fields_used;  /* uplift_csv_options.fields_used */
	size_t split;         /* the leading fields of a plain line that are split */
	struct scan_index ix; /* of the buffer being fed */
	const char **ptr;     /* per field: pointer, filled at row end */
	size_t n_fields, off_cap, len_cap, ptr_cap;
	size_t row_cap; /* ptr, len and comma hold at least this many */

	long line;           /* physical line being fed */
	long row_line;       /* line the current row started on */
	long candidate_line; /* line fed while no row was begun */
	long quote_line;     /* line where an open quoted field began, 0 if none */
	bool cr_row;         /* a row of the line being fed to libcsv ended at a CR */
	uint64_t rows;
};

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n;
	void *q;

	if (need <= *cap)
		return true;
	n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * elem);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (r->stop)
		return;
	if (r->n_fields == 0)
		r->row_line = r->candidate_line;
	r->quote_line = 0;
	if (!grow((void **)&r->off, &r->off_cap, r->n_fields + 1, sizeof(*r->off)) ||
	    !grow((void **)&r->len, &r->len_cap, r->n_fields + 1, sizeof(*r->len)) ||
	    !grow((void **)&r->buf, &r->buf_cap, r->buf_len + n + 1, 1)) {
		uplift_error_set(r->err, UPLIFT_ENOMEM, r->path, r->line, NULL, "out of memory");
		r->stop = true;
		return;
	}
	if (n)
		memcpy(r->buf + r->buf_len, s, n);
	r->buf[r->buf_len + n] = '\0';
	r->off[r->n_fields] = r->buf_len;
	r->len[r->n_fields] = n;
	r->buf_len += n + 1;
	r->n_fields++;
}

/* Hand a row to the callback; after the header, take the fields it uses. */
static bool deliver(struct reader *r, struct uplift_csv_row *row)
{
	row->index = r->rows++;
	if (r->fn(r->ctx, row, r->err) != UPLIFT_OK)
		return false;
	if (row->index == 0 && r->fields_used && *r->fields_used > 0)
		r->split = *r->fields_used;
	return true;
}

/*
 * A carriage return outside quotes that no line feed follows ends a row in
 * the middle of a physical line: the file's lines end in CR alone (old Mac
 * exports), and every row of it would be on line 1. Refused, not read: the
 * reader's lines, line numbers and plain path are built on LF.
 */
static void cr_only(struct reader *r, long line)
{
	uplift_error_set(r->err, UPLIFT_EINPUT, r->path, line, NULL,
			 "line ends with a carriage return alone (CR only, the old Mac format); "
			 "save the file with LF or CRLF line ends");
	r->stop = true;
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct uplift_csv_row row;

	if (r->stop)
		return;
	if (r->n_fields == 0)
		return;
	if (r->cr_row) { /* a second row in one physical line: the first ended at a lone CR */
		cr_only(r, r->line);
		return;
	}
	r->cr_row = c == '\r';
	if (!grow((void **)&r->ptr, &r->ptr_cap, r->n_fields, sizeof(*r->ptr))) {
		uplift_error_set(r->err, UPLIFT_ENOMEM, r->path, r->line, NULL, "out of memory");
		r->stop = true;
		return;
	}
	for (size_t i = 0; i < r->n_fields; i++)
		r->ptr[i] = r->buf + r->off[i];
	row.n = r->n_fields;
	row.field = r->ptr;
	row.len = r->len;
	row.line = r->row_line;
	if (!deliver(r, &row))
		r->stop = true;
	r->n_fields = 0;
	r->buf_len = 0;
}

/*
 * Length of the well-formed UTF-8 sequence that starts s[0..n) with a byte
 * of 0x80 or more, or 0: the table of well-formed byte sequences in the
 * Unicode standard (section 3.9, table 3-7). test_csv compares it with
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

struct converter {
	iconv_t cd;
	char *out;
	size_t cap;
};

/* Convert one line to UTF-8; on success *line and *n point at the result. */
static bool convert_line(struct converter *cv, const char **line, size_t *n)
{
	char *in = (char *)*line;
	size_t in_left = *n, out_left;
	char *out;

	if (!grow((void **)&cv->out, &cv->cap, *n * 2 + 8, 1))
		return false;
	iconv(cv->cd, NULL, NULL, NULL, NULL);
	out = cv->out;
	out_left = cv->cap;
	while (in_left > 0) {
		if (iconv(cv->cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
			size_t used = (size_t)(out - cv->out);
			if (errno != E2BIG)
				return false;
			if (!grow((void **)&cv->out, &cv->cap, cv->cap * 2, 1))
				return false;
			out = cv->out + used;
			out_left = cv->cap - used;
		}
	}
	*n = (size_t)(out - cv->out);
	/* the scanner reads PAD bytes after the line, plain_line writes a NUL */
	if (!grow((void **)&cv->out, &cv->cap, *n + PAD, 1))
		return false;
	memset(cv->out + *n, 0, PAD);
	*line = cv->out;
	return true;
}

static const char *encoding_name(enum uplift_encoding e)
{
	return e == UPLIFT_ENC_GBK ? "GBK" : e == UPLIFT_ENC_GB18030 ? "GB18030" : "UTF-8";
}

static inline bool is_blank(char c)
{
	/* one comparison for the usual byte, above the space */
	return (unsigned char)c <= ' ' && (c == ' ' || c == '\t');
}

/* Room in r->comma for k + 64 offsets. */
static bool comma_room(struct reader *r, size_t k)
{
	return k + 64 <= r->comma_cap ||
	       grow((void **)&r->comma, &r->comma_cap, k + 64, sizeof(*r->comma));
}

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

static void index_release(struct scan_index *ix)
{
	free(ix->lf);
	free(ix->comma);
	free(ix->rare);
}

/* Index s[0..len), which has PAD readable bytes after it. False when out of memory. */
static bool index_build(struct scan_index *ix, const char *s, size_t len)
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

/* What scan_line found in a line. */
struct scan {
	size_t n;       /* the line's length with its LF; 0 when no LF follows it */
	size_t special; /* offset of the first quote or carriage return, SIZE_MAX if none */
	size_t nul;     /* offset of the first NUL byte (the scan stopped there), or SIZE_MAX */
};

/*
 * The line that starts at base[start] in the indexed buffer base[0..len):
 * where its LF is, its commas (up to its first quote or carriage return; a
 * line with either goes to libcsv, which needs none): their number in
 * r->n_comma and the offsets of the first r->split of them in r->comma,
 * the first quote or carriage return, and the first NUL byte; offsets are
 * from start. False when out of memory.
 */
static inline __attribute__((always_inline)) bool scan_line(struct reader *r,
							    const struct scan_index *ix,
							    const char *base, size_t start,
							    size_t len, struct scan *sc)
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
				r->n_comma = k;
				return true;
			}
			if (sc->special == SIZE_MAX)
				sc->special = at - start;
		}
		if (sc->special != SIZE_MAX) { /* in this word or an earlier one */
			size_t at = start + sc->special;
			comma &= at <= 64 * w ? 0 : ((uint64_t)1 << (at - 64 * w)) - 1;
		}
		if (comma && k < r->split) {
			if (!comma_room(r, k))
				return false;
			for (; comma && k < r->split; comma &= comma - 1)
				r->comma[k++] = 64 * w + (size_t)__builtin_ctzll(comma) - start;
		}
		for (; comma; comma &= comma - 1) /* past the fields asked for: only counted */
			k++;
		if (lf) {
			sc->n = 64 * w + (size_t)__builtin_ctzll(lf) + 1 - start;
			break;
		}
	}
	r->n_comma = k;
	return true;
}

/*
 * Split a plain line's content line[0..n) (see the top of the file) at the
 * commas scan_line found, in place, and hand its row to the callback:
 * its first r->split fields (all of them by default). line[n] must be
 * writable (the reader keeps spare bytes after every line it holds).
 * False when the callback stopped.
 */
static inline __attribute__((always_inline)) bool plain_line(struct reader *r, char *line, size_t n)
{
	struct uplift_csv_row row;
	size_t nf = r->n_comma + 1, split = nf < r->split ? nf : r->split, start = 0, *comma, *len;
	const char **ptr;

	if (is_blank(line[0])) {
		size_t p = 0;
		while (p < n && is_blank(line[p]))
			p++;
		if (p == n)
			return true; /* blank: libcsv gives no row */
	} else if (n == 0) {
		return true;
	}
	if (nf > r->row_cap) {
		if (!grow((void **)&r->ptr, &r->ptr_cap, nf, sizeof(*r->ptr)) ||
		    !grow((void **)&r->len, &r->len_cap, nf, sizeof(*r->len)) ||
		    !grow((void **)&r->comma, &r->comma_cap, nf, sizeof(*r->comma))) {
			uplift_error_set(r->err, UPLIFT_ENOMEM, r->path, r->line, NULL,
					 "out of memory");
			return false;
		}
		r->row_cap = nf; /* all three hold nf now; comma may grow on its own */
	}
	/* locals, so that the NULs written into the line do not reload them */
	ptr = r->ptr;
	len = r->len;
	comma = r->comma;
	if (split == nf)
		comma[nf - 1] = n; /* the last field ends where the content does */
	for (size_t f = 0; f < split; f++) {
		size_t end = comma[f], p = start, e = end;
		if (p < e && is_blank(line[p]))
			while (p < e && is_blank(line[p]))
				p++;
		if (e > p && is_blank(line[e - 1]))
			while (e > p && is_blank(line[e - 1]))
				e--;
		line[e] = '\0';
		ptr[f] = line + p;
		len[f] = e - p;
		start = end + 1;
	}
	row.n = nf;
	row.field = ptr;
	row.len = len;
	row.line = r->line;
	return deliver(r, &row);
}

static bool nul_error(struct reader *r, const char *line, size_t at)
{
	uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line, NULL,
			 "NUL byte at column %ld (a binary file, or UTF-16? save as UTF-8 CSV)",
			 uplift_utf8_column(line, at));
	return false;
}

/* feed_line for every line but the common plain one. */
static bool feed_slow(struct reader *r, const char *line, size_t n, const struct scan *sc)
{
	size_t content = n;
	long bad;

	r->line++;
	if (sc->nul != SIZE_MAX)
		return nul_error(r, line, sc->nul);
	/* the content: the line without its LF and a CR before it */
	if (content > 0 && line[content - 1] == '\n')
		content--;
	if (content > 0 && line[content - 1] == '\r')
		content--;
	bad = r->utf8_unchecked ? -1 : uplift_utf8_check((const unsigned char *)line, n);
	if (bad >= 0) {
		uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line, NULL,
				 "not valid UTF-8 at column %ld (byte 0x%02X); " UPLIFT_UTF8_HINT,
				 uplift_utf8_column(line, (size_t)bad), (unsigned char)line[bad]);
		return false;
	}
	if (r->parser.pstate == CSV_ROW_NOT_BEGUN) {
		if (!r->libcsv_only && sc->special >= content)
			return plain_line(r, (char *)line, content);
		r->candidate_line = r->line;
	}
	/*
	 * libcsv grows its field buffer by a fixed block (128 bytes): a field
	 * of megabytes would be copied over and over. Keeping the block at
	 * least as large as the buffer and the line makes the growth geometric.
	 */
	{
		size_t have = csv_get_buffer_size(&r->parser), blk = have > n ? have : n;
		if (blk > r->parser.blk_size)
			csv_set_blk_size(&r->parser, blk);
	}
	r->cr_row = false;
	if (csv_parse(&r->parser, line, n, on_field, on_row, r) != n) {
		if (!r->stop)
			uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line, NULL,
					 "malformed quoting (a quote inside an unquoted field, or "
					 "text after a closing quote)");
		return false;
	}
	if (r->stop)
		return false;
	if (r->cr_row && r->parser.pstate != CSV_ROW_NOT_BEGUN) { /* a row begun after a lone CR */
		cr_only(r, r->line);
		return false;
	}
	if (r->parser.pstate == CSV_FIELD_BEGUN && r->parser.quoted && r->quote_line == 0)
		r->quote_line = r->line;
	return true;
}

/*
 * Feed one physical UTF-8 line line[0..n) (with its LF, if any), which
 * scan_line has scanned, to the row splitter or to libcsv. Inline for the
 * common case, a line with its LF and no quote, carriage return or NUL,
 * met between rows, when the caller checks UTF-8: straight to the splitter.
 */
static inline __attribute__((always_inline)) bool feed_line(struct reader *r, const char *line,
							    size_t n, const struct scan *sc)
{
	if (sc->special == SIZE_MAX && sc->n > 0 && r->plain_ok &&
	    r->parser.pstate == CSV_ROW_NOT_BEGUN) {
		r->line++;
		return plain_line(r, (char *)line, sc->n - 1);
	}
	return feed_slow(r, line, n, sc);
}

/* Feed one physical line of a GBK or GB18030 file: converted, scanned, fed. */
static bool feed_converted(struct reader *r, struct converter *cv, enum uplift_encoding enc,
			   const char *line, size_t n)
{
	const char *z = memchr(line, '\0', n);
	struct scan sc;

	if (z) {
		r->line++;
		return nul_error(r, line, (size_t)(z - line));
	}
	if (!convert_line(cv, &line, &n)) {
		uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line + 1, NULL,
				 "text is not valid %s (check --encoding)", encoding_name(enc));
		return false;
	}
	if (!index_build(&r->ix, line, n) || !scan_line(r, &r->ix, line, 0, n, &sc)) {
		uplift_error_set(r->err, UPLIFT_ENOMEM, r->path, r->line + 1, NULL,
				 "out of memory");
		return false;
	}
	return feed_line(r, line, n, &sc);
}

/*
 * Whether the start of a line, s[0..n), begun outside quotes, has a
 * carriage return outside quotes with a byte other than LF after it (in
 * strict CSV a quote outside a quoted field only opens one, so the quotes
 * before a byte tell whether it is quoted). Also right for GBK and GB18030
 * bytes, whose multi-byte characters hold no quote, CR or LF.
 */
static bool lone_cr(const char *s, size_t n)
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

bool uplift_encoding_parse(const char *name, enum uplift_encoding *enc)
{
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		*enc = UPLIFT_ENC_UTF8;
	else if (!strcasecmp(name, "gbk") || !strcasecmp(name, "cp936"))
		*enc = UPLIFT_ENC_GBK;
	else if (!strcasecmp(name, "gb18030"))
		*enc = UPLIFT_ENC_GB18030;
	else
		return false;
	return true;
}

void uplift_csv_write_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n"))
		csv_fwrite(out, s, strlen(s));
	else
		fputs(s, out);
}

long uplift_csv_column(const struct uplift_csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->n; i++)
		if (strcmp(header->field[i], name) == 0)
			return (long)i;
	return -1;
}

enum uplift_status uplift_csv_read(const char *path, const struct uplift_csv_options *opt,
				   uplift_csv_row_fn fn, void *ctx, uint64_t *bytes,
				   struct uplift_error *err)
{
	struct reader r;
	struct converter cv = {(iconv_t)-1, NULL, 0};
	enum uplift_encoding enc = opt ? opt->encoding : UPLIFT_ENC_UTF8;
	FILE *fp;
	char *block = NULL;
	size_t cap = BLOCK_SIZE, have = 0;
	uint64_t total = 0, size = 0;
	bool ok = true, eof = false;
	struct stat sb;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.fn = fn;
	r.ctx = ctx;
	r.err = err;
	r.libcsv_only = opt && opt->libcsv_only;
	r.utf8_unchecked = opt && opt->utf8_by_caller;
	r.plain_ok = r.utf8_unchecked && !r.libcsv_only;
	r.fields_used = opt ? opt->fields_used : NULL;
	r.split = SIZE_MAX;
	if (bytes)
		*bytes = 0;

	fp = fopen(path, "rb");
	if (!fp)
		return uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "cannot open: %s",
					strerror(errno));
	if (fstat(fileno(fp), &sb) == 0)
		size = (uint64_t)sb.st_size;
	if (enc != UPLIFT_ENC_UTF8) {
		cv.cd = iconv_open("UTF-8", enc == UPLIFT_ENC_GBK ? "GBK" : "GB18030");
		if (cv.cd == (iconv_t)-1) {
			fclose(fp);
			return uplift_error_set(err, UPLIFT_EINTERNAL, path, 0, NULL,
						"iconv cannot convert from %s", encoding_name(enc));
		}
	}
	block = malloc(cap + PAD);
	if (!block || csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		ok = false;
		uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
		goto done;
	}

	/*
	 * block[0..have) holds unfed bytes: whole lines are fed straight from
	 * the block; a trailing partial line moves to the front and the block
	 * grows (doubling) only when one line is longer than the block. PAD
	 * zeroed bytes follow the data, for the scanner's last chunk and for
	 * plain_line's NUL after a last line without a LF.
	 */
	while (ok && !eof) {
		size_t got, start = 0;

		if (have == cap) {
			char *b;
			/* a line longer than the block: a CR-only file is one line, which
			 * would be read whole before libcsv is given it */
			if (r.parser.pstate == CSV_ROW_NOT_BEGUN && lone_cr(block, have)) {
				ok = false;
				cr_only(&r, r.line + 1);
				break;
			}
			cap *= 2;
			b = realloc(block, cap + PAD);
			if (!b) {
				ok = false;
				uplift_error_set(err, UPLIFT_ENOMEM, path, r.line, NULL,
						 "out of memory");
				break;
			}
			block = b;
		}
		got = fread(block + have, 1, cap - have, fp);
		if (got == 0) {
			if (ferror(fp)) {
				ok = false;
				uplift_error_set(err, UPLIFT_EINPUT, path, r.line, NULL,
						 "read error: %s", strerror(errno));
				break;
			}
			eof = true;
		}
		if (total == 0 && have + got >= 3 && memcmp(block, "\xEF\xBB\xBF", 3) == 0)
			start = 3; /* a byte order mark */
		total += got;
		if (opt && opt->progress)
			opt->progress(opt->progress_ctx, total, size);
		have += got;
		memset(block + have, 0, PAD);
		if (enc == UPLIFT_ENC_UTF8 && !index_build(&r.ix, block, have)) {
			ok = false;
			uplift_error_set(err, UPLIFT_ENOMEM, path, r.line + 1, NULL,
					 "out of memory");
			break;
		}
		while (ok && start < have) {
			const char *line = block + start;
			size_t avail = have - start, n;

			if (enc == UPLIFT_ENC_UTF8) {
				struct scan sc;
				if (!scan_line(&r, &r.ix, block, start, have, &sc)) {
					ok = false;
					uplift_error_set(err, UPLIFT_ENOMEM, path, r.line + 1, NULL,
							 "out of memory");
					break;
				}
				n = sc.n;
				if (n == 0 && sc.nul == SIZE_MAX) {
					if (!eof)
						break; /* the line goes on in the next read */
					n = avail;
				}
				ok = feed_line(&r, line, n, &sc);
			} else {
				const char *lf = memchr(line, '\n', avail);
				if (!lf && !eof)
					break;
				n = lf ? (size_t)(lf - line) + 1 : avail;
				ok = feed_converted(&r, &cv, enc, line, n);
			}
			start += n;
		}
		if (start > 0) {
			memmove(block, block + start, have - start);
			have -= start;
		}
	}

	if (ok) {
		if (csv_fini(&r.parser, on_field, on_row, &r) != 0) {
			ok = false;
			uplift_error_set(err, UPLIFT_EINPUT, path,
					 r.quote_line ? r.quote_line : r.row_line, NULL,
					 "unterminated quoted field: the quote opened on this line "
					 "never closes");
		} else if (r.stop) {
			ok = false;
		} else if (r.rows == 0) {
			ok = false;
			uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
					 "empty file: a header row is required");
		}
	}
done:
	if (bytes)
		*bytes = total;
	csv_free(&r.parser);
	free(block);
	free(r.buf);
	free(r.off);
	free(r.len);
	free(r.ptr);
	free(r.comma);
	index_release(&r.ix);
	free(cv.out);
	if (cv.cd != (iconv_t)-1)
		iconv_close(cv.cd);
	fclose(fp);
	if (!ok && err->status == UPLIFT_OK)
		uplift_error_set(err, UPLIFT_EINTERNAL, path, r.line, NULL, "read failed");
	return ok ? UPLIFT_OK : err->status;
}
