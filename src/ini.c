/*
 * ini.c - the reader of experiment.ini's dialect (uplift_ini.h), with no
 * fixed buffer.
 *
 * It replaces libinih, which cannot be configured for this: Debian builds
 * libinih with a 200-byte line buffer and a 50-byte section buffer
 * (INI_MAX_LINE, INI_ALLOW_REALLOC 0 and MAX_SECTION are fixed when the .so
 * is compiled; ini_parse_string and ini_parse_stream share them), and it
 * splits a longer line into two lines without a word. The file is read
 * whole, checked line by line (NUL bytes, then UTF-8, or converted from GBK
 * or GB18030 with iconv as the CSV reader does), then each line is parsed
 * in a copy grown to the longest line.
 */
#include "uplift_ini.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MALFORMED "malformed line (expected [section], key = value or a comment)"

/* A growable byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};

static bool buf_room(struct buf *b, size_t more)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->len + more <= b->cap)
		return true;
	while (cap < b->len + more)
		cap *= 2;
	if (!(p = realloc(b->p, cap)))
		return false;
	b->p = p;
	b->cap = cap;
	return true;
}

/* The blanks libinih skipped (isspace in the C locale, but for CR and LF). */
static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static char *lskip(char *s)
{
	while (blank(*s))
		s++;
	return s;
}

static void rstrip(char *s)
{
	char *e = s + strlen(s);

	while (e > s && blank(e[-1]))
		*--e = '\0';
}

/* The line at *p, up to end: its length without the LF; *p moves past it. */
static size_t next_line(const char **p, const char *end)
{
	const char *s = *p, *lf = memchr(s, '\n', (size_t)(end - s));
	size_t len = lf ? (size_t)(lf - s) : (size_t)(end - s);

	*p = lf ? lf + 1 : end;
	return len;
}

static const char *encoding_name(enum uplift_encoding e)
{
	return e == UPLIFT_ENC_GBK ? "GBK" : e == UPLIFT_ENC_GB18030 ? "GB18030" : "UTF-8";
}

/* A NUL byte in s[0..len) is an error at line. */
static enum uplift_status check_nul(const char *s, size_t len, long line, const char *path,
				    struct uplift_error *err)
{
	const char *z = memchr(s, '\0', len);

	if (!z)
		return UPLIFT_OK;
	return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
				"NUL byte at column %ld (a binary file, or UTF-16? save as UTF-8)",
				uplift_utf8_column(s, (size_t)(z - s)));
}

/* Append s[0..len) converted by cd, then a LF, to out; false if not valid. */
static bool convert_line(iconv_t cd, const char *s, size_t len, struct buf *out, bool *nomem)
{
	char *in = (char *)s;
	size_t in_left = len;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (in_left > 0) {
		char *o;
		size_t o_left;
		if (!buf_room(out, in_left * 2 + 16)) {
			*nomem = true;
			return false;
		}
		o = out->p + out->len;
		o_left = out->cap - out->len;
		if (iconv(cd, &in, &in_left, &o, &o_left) == (size_t)-1 && errno != E2BIG) {
			out->len = (size_t)(o - out->p);
			return false; /* EILSEQ, or EINVAL: a character cut by the line end */
		}
		out->len = (size_t)(o - out->p);
	}
	if (!buf_room(out, 1)) {
		*nomem = true;
		return false;
	}
	out->p[out->len++] = '\n';
	return true;
}

/*
 * Check text[0..n) (without its byte-order mark): NUL bytes and UTF-8. A
 * text that is not UTF-8 is converted into *conv when an encoding is given.
 */
static enum uplift_status check_text(const char *text, size_t n, const char *path,
				     enum uplift_encoding enc, struct buf *conv,
				     struct uplift_error *err)
{
	const char *p = text, *end = text + n;
	enum uplift_status st = UPLIFT_OK;
	long line = 0;
	iconv_t cd;
	bool convert = false, nomem = false;

	while (p < end && !convert) {
		const char *s = p;
		size_t len = next_line(&p, end);
		long bad;
		line++;
		if ((st = check_nul(s, len, line, path, err)) != UPLIFT_OK)
			return st;
		bad = uplift_utf8_check((const unsigned char *)s, len);
		if (bad >= 0 && enc == UPLIFT_ENC_UTF8)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, path, line, NULL,
			    "not valid UTF-8 at column %ld (byte 0x%02X); " UPLIFT_UTF8_HINT,
			    uplift_utf8_column(s, (size_t)bad), (unsigned char)s[bad]);
		convert = bad >= 0;
	}
	if (!convert)
		return UPLIFT_OK;

	cd = iconv_open("UTF-8", encoding_name(enc));
	if (cd == (iconv_t)-1)
		return uplift_error_set(err, UPLIFT_EINTERNAL, path, 0, NULL,
					"iconv cannot convert from %s", encoding_name(enc));
	p = text;
	line = 0;
	while (st == UPLIFT_OK && p < end) {
		const char *s = p;
		size_t len = next_line(&p, end);
		line++;
		if ((st = check_nul(s, len, line, path, err)) != UPLIFT_OK)
			break;
		if (!convert_line(cd, s, len, conv, &nomem))
			st = nomem ? uplift_error_set(err, UPLIFT_ENOMEM, path, line, NULL,
						      "out of memory")
				   : uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
						      "text is not valid %s (check --encoding)",
						      encoding_name(enc));
	}
	iconv_close(cd);
	return st;
}

/* One line, NUL-terminated in s (which it may change). */
static enum uplift_status parse_line(char *s, long line, const char *path,
				     const struct uplift_ini_handler *h, struct uplift_error *err)
{
	char *eq, *value;

	s = lskip(s);
	rstrip(s);
	if (*s == '\0' || *s == ';' || *s == '#')
		return UPLIFT_OK;
	if (*s == '[') {
		char *close = strchr(s, ']'), *rest, *name;
		if (!close)
			return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
						"no ']' closing the section name");
		*close = '\0';
		rest = lskip(close + 1);
		if (*rest && *rest != ';' && *rest != '#')
			return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
						"text after the ']' of a section header");
		name = lskip(s + 1);
		rstrip(name);
		return h->section(h->ctx, name, line, err);
	}
	eq = strpbrk(s, "=:");
	if (!eq)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL, MALFORMED);
	/* an inline comment: ';' after a blank; before the '=' it hides it */
	for (char *c = s + 1; *c; c++)
		if (*c == ';' && blank(c[-1])) {
			if (c < eq)
				return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
							MALFORMED);
			*c = '\0';
			break;
		}
	*eq = '\0';
	rstrip(s);
	value = lskip(eq + 1);
	rstrip(value);
	return h->key(h->ctx, s, value, line, err);
}

enum uplift_status uplift_ini_parse(const char *text, size_t n, const char *path,
				    enum uplift_encoding encoding,
				    const struct uplift_ini_handler *h, struct uplift_error *err)
{
	struct buf conv = {0}, copy = {0};
	const char *p, *end;
	enum uplift_status st;
	long line = 0;

	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		n -= 3;
	}
	st = check_text(text, n, path, encoding, &conv, err);
	if (st == UPLIFT_OK && conv.p) {
		text = conv.p;
		n = conv.len;
	}
	p = text;
	end = text + n;
	while (st == UPLIFT_OK && p < end) {
		const char *s = p;
		size_t len = next_line(&p, end);
		line++;
		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (memchr(s, '\r', len)) {
			st = uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
					      "a carriage return inside the line (CR-only line "
					      "ends? save the file with LF or CRLF line ends)");
			break;
		}
		if (!buf_room(&copy, len + 1)) {
			st =
			    uplift_error_set(err, UPLIFT_ENOMEM, path, line, NULL, "out of memory");
			break;
		}
		memcpy(copy.p, s, len);
		copy.p[len] = '\0';
		st = parse_line(copy.p, line, path, h, err);
	}
	free(copy.p);
	free(conv.p);
	return st;
}

enum uplift_status uplift_ini_read(const char *path, enum uplift_encoding encoding,
				   const struct uplift_ini_handler *h, struct uplift_error *err)
{
	struct buf b = {0};
	struct stat sb;
	enum uplift_status st;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "cannot open: %s",
					strerror(errno));
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(fp);
		return uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
					"cannot read: Is a directory");
	}
	for (;;) {
		size_t got;
		if (!buf_room(&b, 65536)) {
			fclose(fp);
			free(b.p);
			return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
		}
		got = fread(b.p + b.len, 1, b.cap - b.len, fp);
		b.len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		int e = errno;
		fclose(fp);
		free(b.p);
		return uplift_error_set(err, UPLIFT_EINTERNAL, path, 0, NULL, "cannot read: %s",
					strerror(e));
	}
	fclose(fp);
	st = uplift_ini_parse(b.p ? b.p : "", b.len, path, encoding, h, err);
	free(b.p);
	return st;
}
