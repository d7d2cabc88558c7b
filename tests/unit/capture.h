/*
 * capture.h - what a writer prints, caught in memory (open_memstream), for
 * the unit tests of the formats, tables and markup.
 */
#ifndef UPLIFT_CAPTURE_H
#define UPLIFT_CAPTURE_H

#include "testutil.h"

struct capture {
	FILE *fp;  /* write here */
	char *buf; /* after capture_end: what was written, NUL-terminated; free() it */
	size_t len;
};

static inline FILE *capture_begin(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
	return c->fp;
}

/* Close the stream; returns the text written (owned by c, free(c->buf)). */
static inline const char *capture_end(struct capture *c)
{
	assert_int_equal(fclose(c->fp), 0);
	c->fp = NULL;
	assert_non_null(c->buf);
	return c->buf;
}

/* The whole of file path, NUL-terminated (free() it). */
static inline char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	return s;
}

#endif
