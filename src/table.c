/*
 * table.c - aligned text and Markdown tables (see table.h). Display widths
 * come from utf8proc, so a wide character such as 折 counts as two columns.
 */
#include "table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct table {
	size_t ncol;
	char **cell;
	size_t n, cap;
	bool *right;
};

struct table *table_new(size_t ncol)
{
	struct table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->ncol = ncol;
	t->right = calloc(ncol, sizeof(*t->right));
	if (!t->right) {
		free(t);
		return NULL;
	}
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->right);
	free(t);
}

void table_align_right(struct table *t, size_t col)
{
	if (col < t->ncol)
		t->right[col] = true;
}

bool table_cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int len;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **c = realloc(t->cell, cap * sizeof(*c));
		if (!c)
			return false;
		t->cell = c;
		t->cap = cap;
	}
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || !(s = malloc((size_t)len + 1)))
		return false;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	t->cell[t->n++] = s;
	return true;
}

size_t uplift_display_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		if (k <= 0) {
			p++;
			w++;
			continue;
		}
		w += (size_t)utf8proc_charwidth(cp);
		p += k;
	}
	return w;
}

static void pad(FILE *out, size_t n)
{
	while (n--)
		fputc(' ', out);
}

void table_write_text(const struct table *t, FILE *out)
{
	size_t rows = (t->n + t->ncol - 1) / t->ncol;
	size_t *w = calloc(t->ncol, sizeof(*w));
	size_t total = 0;

	if (!w)
		return;
	for (size_t i = 0; i < t->n; i++) {
		size_t dw = uplift_display_width(t->cell[i]);
		if (dw > w[i % t->ncol])
			w[i % t->ncol] = dw;
	}
	for (size_t c = 0; c < t->ncol; c++)
		total += w[c] + (c ? 2 : 0);
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < t->ncol; c++) {
			size_t i = r * t->ncol + c;
			const char *s = i < t->n ? t->cell[i] : "";
			size_t dw = uplift_display_width(s);
			bool last = c + 1 == t->ncol;

			if (c)
				pad(out, 2);
			if (t->right[c])
				pad(out, w[c] - dw);
			fputs(s, out);
			if (!t->right[c] && !last)
				pad(out, w[c] - dw);
		}
		fputc('\n', out);
		if (r == 0) {
			for (size_t k = 0; k < total; k++)
				fputs("─", out);
			fputc('\n', out);
		}
	}
	free(w);
}

/*
 * One cell: a '|' that is not escaped yet (after an even number of
 * backslashes) gets its backslash, so that a cell the caller escaped with
 * uplift_escape_markdown ("\\|") is not escaped twice and one it did not
 * escape still cannot end the cell early.
 */
static void md_cell(FILE *out, const char *s)
{
	size_t backslashes = 0;

	fputc(' ', out);
	for (; *s; s++) {
		if (*s == '|' && backslashes % 2 == 0)
			fputc('\\', out);
		backslashes = *s == '\\' ? backslashes + 1 : 0;
		fputc(*s == '\n' ? ' ' : *s, out);
	}
	fputs(" |", out);
}

void table_write_markdown(const struct table *t, FILE *out)
{
	size_t rows = (t->n + t->ncol - 1) / t->ncol;

	for (size_t r = 0; r < rows; r++) {
		fputc('|', out);
		for (size_t c = 0; c < t->ncol; c++) {
			size_t i = r * t->ncol + c;
			md_cell(out, i < t->n ? t->cell[i] : "");
		}
		fputc('\n', out);
		if (r == 0) {
			fputc('|', out);
			for (size_t c = 0; c < t->ncol; c++)
				fputs(t->right[c] ? " ---: |" : " --- |", out);
			fputc('\n', out);
		}
	}
}
