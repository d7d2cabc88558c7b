/*
 * csv.c - streaming CSV reader: blocks from the file, lines to libcsv,
 * rows to the caller (see uplift_csv.h). The block index and the line scan
 * are csv_scan.h, the conversion of GBK and GB18030 lines csv_iconv.c.
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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_iconv.h"
#include "csv_scan.h"
#include "uplift_mem.h"

/* libcsv's parser states (csv_parser.pstate), from libcsv.c. */
enum { CSV_ROW_NOT_BEGUN = 0, CSV_FIELD_BEGUN = 2 };

#define BLOCK_SIZE (256 * 1024)

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
	size_t *off, *len;        /* per field: offset into buf and length */
	bool libcsv_only;         /* no plain-line path (tests) */
	struct scan_commas comma; /* a plain line's commas; .split: the fields split */
	bool utf8_unchecked;      /* the caller checks the fields it uses */
	bool plain_ok;            /* utf8_unchecked, not libcsv_only: see feed_line */
	size_t *fields_used;      /* uplift_csv_options.fields_used */
	struct scan_index ix;     /* of the buffer being fed (the block or a converted line) */
	const char **ptr;         /* per field: pointer, filled at row end */
	size_t n_fields, off_cap, len_cap, ptr_cap;
	size_t row_cap; /* ptr, len and comma hold at least this many */

	long line;           /* physical line being fed */
	long row_line;       /* line the current row started on */
	long candidate_line; /* line fed while no row was begun */
	long quote_line;     /* line where an open quoted field began, 0 if none */
	bool cr_row;         /* a row of the line being fed to libcsv ended at a CR */
	uint64_t rows;
};

/* The file, and the block it is read into: unfed bytes, then SCAN_PAD zeroed ones. */
struct source {
	FILE *fp;
	char *block;
	size_t cap, have;
	uint64_t total, size; /* bytes read so far; the file's size, 0 if unknown */
	bool eof;
};

/* Out of memory while reading line line (0 for none); returns false. */
static bool out_of_memory(struct reader *r, long line)
{
	uplift_error_set(r->err, UPLIFT_ENOMEM, r->path, line, NULL, "out of memory");
	return false;
}

static void on_field(void *s, size_t n, void *data)
{
	struct reader *r = data;

	if (r->stop)
		return;
	if (r->n_fields == 0)
		r->row_line = r->candidate_line;
	r->quote_line = 0;
	if (!uplift_mem_grow((void **)&r->off, &r->off_cap, r->n_fields + 1, sizeof(*r->off)) ||
	    !uplift_mem_grow((void **)&r->len, &r->len_cap, r->n_fields + 1, sizeof(*r->len)) ||
	    !uplift_mem_grow((void **)&r->buf, &r->buf_cap, r->buf_len + n + 1, 1)) {
		out_of_memory(r, r->line);
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
		r->comma.split = *r->fields_used;
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

	if (r->stop || r->n_fields == 0)
		return;
	if (r->cr_row) { /* a second row in one physical line: the first ended at a lone CR */
		cr_only(r, r->line);
		return;
	}
	r->cr_row = c == '\r';
	if (!uplift_mem_grow((void **)&r->ptr, &r->ptr_cap, r->n_fields, sizeof(*r->ptr))) {
		out_of_memory(r, r->line);
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
 * Split a plain line's content line[0..n) (see the top of the file) at the
 * commas scan_line found, in place, and hand its row to the callback: its
 * first r->comma.split fields (all by default). line[n] must be writable
 * (every line the reader holds has spare bytes after it). False when the
 * callback stopped.
 */
static inline __attribute__((always_inline)) bool plain_line(struct reader *r, char *line, size_t n)
{
	struct uplift_csv_row row;
	size_t nf = r->comma.n + 1, split = nf < r->comma.split ? nf : r->comma.split;

	if (scan_is_blank(line[0])) {
		size_t p = 0;
		while (p < n && scan_is_blank(line[p]))
			p++;
		if (p == n)
			return true; /* blank: libcsv gives no row */
	} else if (n == 0) {
		return true;
	}
	if (nf > r->row_cap) {
		if (!uplift_mem_grow((void **)&r->ptr, &r->ptr_cap, nf, sizeof(*r->ptr)) ||
		    !uplift_mem_grow((void **)&r->len, &r->len_cap, nf, sizeof(*r->len)) ||
		    !uplift_mem_grow((void **)&r->comma.at, &r->comma.cap, nf,
				     sizeof(*r->comma.at)))
			return out_of_memory(r, r->line);
		r->row_cap = nf; /* all three hold nf now; comma may grow on its own */
	}
	if (split == nf)
		r->comma.at[nf - 1] = n; /* the last field ends where the content does */
	/* the arrays go to scan_split as arguments, so that the NULs it writes
	 * into the line do not reload them */
	scan_split(line, r->comma.at, split, r->ptr, r->len);
	row.n = nf;
	row.field = r->ptr;
	row.len = r->len;
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

/*
 * feed_line for every line but the common plain one; special and nul are
 * scan_line's (struct scan), by value so that the scan stays in registers.
 */
static bool feed_slow(struct reader *r, const char *line, size_t n, size_t special, size_t nul)
{
	size_t content = n;
	long bad;

	r->line++;
	if (nul != SIZE_MAX)
		return nul_error(r, line, nul);
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
		if (!r->libcsv_only && special >= content)
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
	return feed_slow(r, line, n, sc->special, sc->nul);
}

/* Feed one physical line of a GBK or GB18030 file: converted, scanned, fed. */
static bool feed_converted(struct reader *r, struct uplift_iconv *cv, enum uplift_encoding enc,
			   const char *line, size_t n)
{
	const char *z = memchr(line, '\0', n);
	struct scan sc;

	if (z) {
		r->line++;
		return nul_error(r, line, (size_t)(z - line));
	}
	if (!uplift_iconv_line(cv, &line, &n, SCAN_PAD)) {
		uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line + 1, NULL,
				 "text is not valid %s (check --encoding)", uplift_iconv_name(enc));
		return false;
	}
	if (!uplift_scan_index_build(&r->ix, line, n) ||
	    !scan_line(&r->ix, line, 0, n, &r->comma, &sc))
		return out_of_memory(r, r->line + 1);
	return feed_line(r, line, n, &sc);
}

long uplift_csv_column(const struct uplift_csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->n; i++)
		if (strcmp(header->field[i], name) == 0)
			return (long)i;
	return -1;
}

/* r for reading path with opt (NULL for the defaults) into fn. */
static void reader_init(struct reader *r, const char *path, const struct uplift_csv_options *opt,
			uplift_csv_row_fn fn, void *ctx, struct uplift_error *err)
{
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->fn = fn;
	r->ctx = ctx;
	r->err = err;
	r->libcsv_only = opt && opt->libcsv_only;
	r->utf8_unchecked = opt && opt->utf8_by_caller;
	r->plain_ok = r->utf8_unchecked && !r->libcsv_only;
	r->fields_used = opt ? opt->fields_used : NULL;
	r->comma.split = SIZE_MAX;
}

static void reader_release(struct reader *r)
{
	csv_free(&r->parser);
	free(r->buf);
	free(r->off);
	free(r->len);
	free(r->ptr);
	free(r->comma.at);
	uplift_scan_index_release(&r->ix);
}

/*
 * Append the file's next bytes to src's block (doubled when one line fills
 * it), then SCAN_PAD zeroed bytes; *start: 3 past a byte order mark that
 * opens the file, else 0. False with r->err set on failure.
 */
static bool read_more(struct reader *r, struct source *src, const struct uplift_csv_options *opt,
		      size_t *start)
{
	size_t got;

	*start = 0;
	if (src->have == src->cap) {
		char *b;
		/* a line longer than the block: a CR-only file is one line, which
		 * would be read whole before libcsv is given it */
		if (r->parser.pstate == CSV_ROW_NOT_BEGUN && scan_lone_cr(src->block, src->have)) {
			cr_only(r, r->line + 1);
			return false;
		}
		src->cap *= 2;
		b = realloc(src->block, src->cap + SCAN_PAD);
		if (!b)
			return out_of_memory(r, r->line);
		src->block = b;
	}
	got = fread(src->block + src->have, 1, src->cap - src->have, src->fp);
	if (got == 0) {
		if (ferror(src->fp)) {
			uplift_error_set(r->err, UPLIFT_EINPUT, r->path, r->line, NULL,
					 "read error: %s", strerror(errno));
			return false;
		}
		src->eof = true;
	}
	if (src->total == 0 && src->have + got >= 3 && memcmp(src->block, "\xEF\xBB\xBF", 3) == 0)
		*start = 3; /* a byte order mark */
	src->total += got;
	if (opt && opt->progress)
		opt->progress(opt->progress_ctx, src->total, src->size);
	src->have += got;
	memset(src->block + src->have, 0, SCAN_PAD);
	return true;
}

/*
 * Feed the whole lines of src's block from *start on (at the end of the
 * file, the last one without a LF too), straight from the block, and
 * advance *start past them. False when reading must stop (r->err says why).
 */
static bool feed_block(struct reader *r, struct uplift_iconv *cv, enum uplift_encoding enc,
		       const struct source *src, size_t *start)
{
	/* locals: the callbacks cannot change them, so they stay in registers */
	char *block = src->block;
	size_t have = src->have, at = *start;
	bool ok = true, eof = src->eof;

	if (enc == UPLIFT_ENC_UTF8 && !uplift_scan_index_build(&r->ix, block, have))
		return out_of_memory(r, r->line + 1);
	while (ok && at < have) {
		const char *line = block + at;
		size_t avail = have - at, n;

		if (enc == UPLIFT_ENC_UTF8) {
			struct scan sc;
			if (!scan_line(&r->ix, block, at, have, &r->comma, &sc)) {
				ok = out_of_memory(r, r->line + 1);
				break;
			}
			n = sc.n;
			if (n == 0 && sc.nul == SIZE_MAX) {
				if (!eof)
					break; /* the line goes on in the next read */
				n = avail;
			}
			ok = feed_line(r, line, n, &sc);
		} else {
			const char *lf = memchr(line, '\n', avail);
			if (!lf && !eof)
				break;
			n = lf ? (size_t)(lf - line) + 1 : avail;
			ok = feed_converted(r, cv, enc, line, n);
		}
		at += n;
	}
	*start = at;
	return ok;
}

/* After the last line: the end of the last row, and a header at least. */
static bool finish(struct reader *r)
{
	if (csv_fini(&r->parser, on_field, on_row, r) != 0) {
		uplift_error_set(r->err, UPLIFT_EINPUT, r->path,
				 r->quote_line ? r->quote_line : r->row_line, NULL,
				 "unterminated quoted field: the quote opened on this line "
				 "never closes");
		return false;
	}
	if (r->stop)
		return false;
	if (r->rows == 0) {
		uplift_error_set(r->err, UPLIFT_EINPUT, r->path, 0, NULL,
				 "empty file: a header row is required");
		return false;
	}
	return true;
}

enum uplift_status uplift_csv_read(const char *path, const struct uplift_csv_options *opt,
				   uplift_csv_row_fn fn, void *ctx, uint64_t *bytes,
				   struct uplift_error *err)
{
	struct reader r;
	struct uplift_iconv cv;
	struct source src = {NULL, NULL, BLOCK_SIZE, 0, 0, 0, false};
	enum uplift_encoding enc = opt ? opt->encoding : UPLIFT_ENC_UTF8;
	struct stat sb;
	bool ok = true;

	reader_init(&r, path, opt, fn, ctx, err);
	if (bytes)
		*bytes = 0;
	src.fp = fopen(path, "rb");
	if (!src.fp)
		return uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "cannot open: %s",
					strerror(errno));
	if (fstat(fileno(src.fp), &sb) == 0)
		src.size = (uint64_t)sb.st_size;
	if (!uplift_iconv_open(&cv, enc)) {
		fclose(src.fp);
		return uplift_error_set(err, UPLIFT_EINTERNAL, path, 0, NULL,
					"iconv cannot convert from %s", uplift_iconv_name(enc));
	}
	src.block = malloc(src.cap + SCAN_PAD);
	if (!src.block || csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		ok = out_of_memory(&r, 0);
	/* a trailing partial line moves to the block's front, for the next read to complete */
	while (ok && !src.eof) {
		size_t start;
		ok = read_more(&r, &src, opt, &start) && feed_block(&r, &cv, enc, &src, &start);
		if (ok && start > 0) {
			memmove(src.block, src.block + start, src.have - start);
			src.have -= start;
		}
	}
	ok = ok && finish(&r);
	if (bytes)
		*bytes = src.total;
	reader_release(&r);
	free(src.block);
	uplift_iconv_close(&cv);
	fclose(src.fp);
	if (!ok && err->status == UPLIFT_OK)
		uplift_error_set(err, UPLIFT_EINTERNAL, path, r.line, NULL, "read failed");
	return ok ? UPLIFT_OK : err->status;
}
