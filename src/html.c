/*
 * html.c - report.md and review.md as one HTML page (uplift_html.h): the
 * blocks of the Markdown (headings, paragraphs, lists, block quotes,
 * tables, fenced code, rules); their text goes through html_inline.c, the
 * charts through html_svg.c, the page around them is html_page.c's.
 *
 * The body is written to memory first, so that the table of contents (the
 * ## sections, known only at the end) can go before the first of them.
 */
#include "html_internal.h"
#include "uplift_atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_QUOTE 8 /* block quotes inside each other */
#define MAX_LIST  8 /* lists inside each other */
#define MAX_COLS  64

struct line {
	const char *s;
	size_t n;
};

struct buf {
	char *p;
	size_t n, cap;
};

struct doc {
	struct html_ctx c;
	char **toc;      /* the ## headings, plain text */
	unsigned *ids;   /* their ids: "s<N>" */
	size_t n_toc, cap_toc;
	char *title;     /* the first # heading, plain text */
	char *label;     /* the last heading, plain text: a table's name */
	long split;      /* where the first ## starts in the body; -1 before */
	unsigned next_id;
};

static bool add(struct doc *d, struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;
		while (cap < b->n + n + 1)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			d->c.nomem = true;
			return false;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	return true;
}

static size_t lead(const struct line *l)
{
	size_t i = 0;

	while (i < l->n && l->s[i] == ' ')
		i++;
	return i;
}

static bool blank(const struct line *l)
{
	return lead(l) == l->n;
}

/* s[0..n) without the spaces around it. */
static struct line trim(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return (struct line){s, n};
}

/* An ATX heading's level (0: none) and its text. */
static int heading(const struct line *l, struct line *text)
{
	size_t i = lead(l), h = 0;

	if (i > 3)
		return 0;
	while (i + h < l->n && l->s[i + h] == '#')
		h++;
	if (h == 0 || h > 6 || (i + h < l->n && l->s[i + h] != ' '))
		return 0;
	*text = trim(l->s + i + h, l->n - i - h);
	while (text->n && text->s[text->n - 1] == '#') /* closing hashes */
		text->n--;
	*text = trim(text->s, text->n);
	return (int)h;
}

/* A list item: its indentation, whether numbered, and its text. */
static bool item(const struct line *l, size_t *ind, bool *ordered, struct line *text)
{
	size_t i = lead(l), j = i;

	*ind = i;
	if (i < l->n && strchr("-*+", l->s[i]) && l->s[i])
		j = i + 1;
	else {
		while (j < l->n && j - i < 9 && l->s[j] >= '0' && l->s[j] <= '9')
			j++;
		if (j == i || j >= l->n || (l->s[j] != '.' && l->s[j] != ')'))
			return false;
		j++;
	}
	if (j < l->n && l->s[j] != ' ')
		return false;
	*ordered = l->s[i] >= '0' && l->s[i] <= '9';
	*text = trim(l->s + j, l->n - j);
	return true;
}

static bool is_item(const struct line *l)
{
	size_t ind;
	bool ord;
	struct line t;

	return item(l, &ind, &ord, &t);
}

static bool fence(const struct line *l)
{
	size_t i = lead(l);

	return i <= 3 && l->n - i >= 3 && memcmp(l->s + i, "```", 3) == 0;
}

static bool quote(const struct line *l)
{
	size_t i = lead(l);

	return i <= 3 && i < l->n && l->s[i] == '>';
}

static bool rule(const struct line *l)
{
	size_t k = 0;
	char ch = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (l->s[i] == ' ')
			continue;
		if (!strchr("-*_", l->s[i]) || (ch && l->s[i] != ch))
			return false;
		ch = l->s[i];
		k++;
	}
	return k >= 3;
}

/* The cells of a table row (backslash-escaped pipes do not split). */
static size_t cells(const struct line *l, struct line *cell, size_t max)
{
	struct line t = trim(l->s, l->n);
	size_t n = 0, b = 0, slashes = 0;

	if (t.n && t.s[0] == '|')
		t.s++, t.n--;
	for (size_t i = 0; i <= t.n; i++) {
		bool end = i == t.n;
		if (end || (t.s[i] == '|' && slashes % 2 == 0)) {
			struct line c = trim(t.s + b, i - b);
			if (!(end && c.n == 0 && n > 0) && n < max) /* the closing pipe */
				cell[n++] = c;
			b = i + 1;
		}
		slashes = !end && t.s[i] == '\\' ? slashes + 1 : 0;
	}
	return n;
}

/* The alignment row: for each column 'l', 'r' or 'c'; 0 when l is not one. */
static size_t aligns(const struct line *l, char *al, size_t max)
{
	struct line c[MAX_COLS];
	size_t n = quote(l) || lead(l) > 3 ? 0 : cells(l, c, max);

	if (!memchr(l->s, '|', l->n))
		return 0;
	for (size_t k = 0; k < n; k++) {
		size_t i = 0, dashes = 0;
		bool left = c[k].n && c[k].s[0] == ':';
		bool right = c[k].n > 1 && c[k].s[c[k].n - 1] == ':';
		for (i = left; i < c[k].n - right; i++)
			if (c[k].s[i] == '-')
				dashes++;
			else
				return 0;
		if (!dashes)
			return 0;
		al[k] = left && right ? 'c' : right ? 'r' : 'l';
	}
	return n;
}

static bool table_start(const struct line *l, size_t i, size_t n)
{
	char al[MAX_COLS];
	struct line t = trim(l[i].s, l[i].n);

	return i + 1 < n && t.n && t.s[0] == '|' && aligns(&l[i + 1], al, MAX_COLS) > 0;
}

static bool block_start(const struct line *l, size_t i, size_t n)
{
	struct line t;

	return blank(&l[i]) || heading(&l[i], &t) || fence(&l[i]) || quote(&l[i]) ||
	       is_item(&l[i]) || rule(&l[i]) || table_start(l, i, n);
}

static void blocks(struct doc *d, const struct line *l, size_t n, int depth);

static void write_heading(struct doc *d, int level, const struct line *text)
{
	FILE *out = d->c.out;
	char *plain = html_plain(text->s, text->n);
	unsigned id = ++d->next_id;

	if (!plain) {
		d->c.nomem = true;
		return;
	}
	if (level == 2 && d->split < 0)
		d->split = ftell(out);
	fprintf(out, "<h%d id=\"s%u\">", level, id);
	html_inline(&d->c, text->s, text->n);
	fprintf(out, "</h%d>\n", level);
	if (level == 1 && !d->title)
		d->title = strdup(plain);
	if (level == 2) {
		if (d->n_toc == d->cap_toc) {
			size_t cap = d->cap_toc ? 2 * d->cap_toc : 16;
			char **t = realloc(d->toc, cap * sizeof(*t));
			unsigned *ids = t ? realloc(d->ids, cap * sizeof(*ids)) : NULL;
			if (t)
				d->toc = t;
			if (!t || !ids) {
				d->c.nomem = true;
				free(plain);
				return;
			}
			d->ids = ids;
			d->cap_toc = cap;
		}
		d->toc[d->n_toc] = strdup(plain);
		d->ids[d->n_toc++] = id;
	}
	free(d->label);
	d->label = plain;
}

static void write_table(struct doc *d, const struct line *l, size_t *i, size_t n)
{
	FILE *out = d->c.out;
	struct line c[MAX_COLS];
	char al[MAX_COLS];
	size_t cols = aligns(&l[*i + 1], al, MAX_COLS), k;

	fputs("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"", out);
	if (d->label) {
		fputs(" aria-label=\"", out);
		html_str(out, d->label);
		fputc('"', out);
	}
	fputs("><table>\n<thead><tr>", out);
	k = cells(&l[*i], c, MAX_COLS);
	for (size_t j = 0; j < cols; j++) {
		fprintf(out, "<th scope=\"col\"%s>",
			al[j] == 'r' ? " class=\"r\"" : al[j] == 'c' ? " class=\"c\"" : "");
		if (j < k)
			html_inline(&d->c, c[j].s, c[j].n);
		fputs("</th>", out);
	}
	fputs("</tr></thead>\n<tbody>\n", out);
	for (*i += 2; *i < n; (*i)++) {
		struct line t = trim(l[*i].s, l[*i].n);
		if (!t.n || t.s[0] != '|')
			break;
		k = cells(&l[*i], c, MAX_COLS);
		fputs("<tr>", out);
		for (size_t j = 0; j < cols; j++) {
			fprintf(out, "<td%s>",
				al[j] == 'r' ? " class=\"r\"" : al[j] == 'c' ? " class=\"c\"" : "");
			if (j < k)
				html_inline(&d->c, c[j].s, c[j].n);
			fputs("</td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* A list and the lists inside it, from l[*i]; *i ends past it. */
static void write_list(struct doc *d, const struct line *l, size_t *i, size_t n)
{
	FILE *out = d->c.out;
	size_t ind[MAX_LIST], depth = 0, m;
	bool ord[MAX_LIST], o;
	struct line t;
	struct buf b = {0};

	while (*i < n && item(&l[*i], &m, &o, &t)) {
		/* the item's text: its line and the more indented lines under it */
		b.n = 0;
		add(d, &b, t.s, t.n);
		for ((*i)++; *i < n && !blank(&l[*i]) && !is_item(&l[*i]) && lead(&l[*i]) > m;
		     (*i)++) {
			struct line u = trim(l[*i].s, l[*i].n);
			add(d, &b, "\n", 1);
			add(d, &b, u.s, u.n);
		}
		while (depth > 0 && ind[depth - 1] > m) /* back out of deeper lists */
			fprintf(out, "</li>\n</%s>\n", ord[--depth] ? "ol" : "ul");
		if (depth > 0 && (m < ind[depth - 1] + 2 || depth == MAX_LIST) &&
		    ord[depth - 1] == o)
			fputs("</li>\n", out); /* the next item of the same list */
		else {
			if (depth > 0 && (m < ind[depth - 1] + 2 || depth == MAX_LIST))
				/* the same level, the other kind: a new list */
				fprintf(out, "</li>\n</%s>\n", ord[--depth] ? "ol" : "ul");
			fprintf(out, "%s<%s>\n", depth ? "\n" : "", o ? "ol" : "ul");
			ind[depth] = m;
			ord[depth++] = o;
		}
		fputs("<li>", out);
		if (b.p)
			html_inline(&d->c, b.p, b.n);
	}
	while (depth > 0)
		fprintf(out, "</li>\n</%s>\n", ord[--depth] ? "ol" : "ul");
	free(b.p);
}

/* A block quote: its lines less the '>' made blocks of their own. */
static void write_quote(struct doc *d, const struct line *l, size_t *i, size_t n, int depth)
{
	struct line *inner = NULL;
	size_t k = 0, start = *i;

	while (*i < n && quote(&l[*i]))
		(*i)++;
	if (!(inner = calloc(*i - start, sizeof(*inner)))) {
		d->c.nomem = true;
		return;
	}
	for (size_t j = start; j < *i; j++) {
		size_t p = lead(&l[j]) + 1;
		p += p < l[j].n && l[j].s[p] == ' ';
		inner[k++] = (struct line){l[j].s + p, l[j].n - p};
	}
	fputs("<blockquote>\n", d->c.out);
	blocks(d, inner, k, depth + 1);
	fputs("</blockquote>\n", d->c.out);
	free(inner);
}

static void write_paragraph(struct doc *d, const struct line *l, size_t *i, size_t n)
{
	FILE *out = d->c.out;
	struct buf b = {0};
	const char *alt, *src;
	size_t alt_n, src_n;

	do {
		struct line t = trim(l[*i].s, l[*i].n);
		if (b.n)
			add(d, &b, "\n", 1);
		add(d, &b, t.s, t.n);
		(*i)++;
	} while (*i < n && !block_start(l, *i, n));
	if (!b.p)
		return;
	if (html_image_only(b.p, b.n, &alt, &alt_n, &src, &src_n)) {
		fprintf(out, "<figure class=\"chart\" data-hint=\"%s\">",
			d->c.opt->zh ? "双指张开可放大图表，看清文字"
				     : "Spread two fingers to zoom in on the chart");
		html_chart(&d->c, alt, alt_n, src, src_n);
		fputs("</figure>\n", out);
	} else {
		fputs("<p>", out);
		html_inline(&d->c, b.p, b.n);
		fputs("</p>\n", out);
	}
	free(b.p);
}

static void blocks(struct doc *d, const struct line *l, size_t n, int depth)
{
	FILE *out = d->c.out;
	size_t i = 0;
	struct line t;
	int h;

	while (i < n && !d->c.nomem) {
		if (blank(&l[i]))
			i++;
		else if ((h = heading(&l[i], &t))) {
			write_heading(d, h, &t);
			i++;
		} else if (fence(&l[i])) {
			fputs("<pre><code>", out);
			for (i++; i < n && !fence(&l[i]); i++) {
				html_text(out, l[i].s, l[i].n);
				fputc('\n', out);
			}
			fputs("</code></pre>\n", out);
			i += i < n;
		} else if (quote(&l[i]) && depth < MAX_QUOTE)
			write_quote(d, l, &i, n, depth);
		else if (table_start(l, i, n))
			write_table(d, l, &i, n);
		else if (is_item(&l[i]))
			write_list(d, l, &i, n);
		else if (rule(&l[i])) {
			fputs("<hr>\n", out);
			i++;
		} else
			write_paragraph(d, l, &i, n);
	}
}

enum uplift_status uplift_html_convert(FILE *out, const char *md, size_t len,
				       const struct uplift_html_options *opt,
				       struct uplift_error *err)
{
	struct doc d = {.c = {.opt = opt}, .split = -1};
	struct line *l = NULL;
	char *body = NULL;
	size_t n = 0, blen = 0, k = 0;
	enum uplift_status st = UPLIFT_OK;

	for (size_t i = 0; i < len; i++)
		n += md[i] == '\n';
	if (!(l = calloc(n + 1, sizeof(*l))) || !(d.c.out = open_memstream(&body, &blen))) {
		free(l);
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	}
	for (size_t i = 0, b = 0; i <= len; i++)
		if (i == len || md[i] == '\n') {
			size_t e = i > b && md[i - 1] == '\r' ? i - 1 : i;
			if (i < len || e > b)
				l[k++] = (struct line){md + b, e - b};
			b = i + 1;
		}
	blocks(&d, l, k, 0);
	if (d.split < 0)
		d.split = ftell(d.c.out);
	if (fclose(d.c.out) != 0 || !body)
		d.c.nomem = true;
	for (size_t i = 0; i < d.n_toc; i++)
		d.c.nomem |= !d.toc[i];
	if (d.c.nomem)
		st = uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	else {
		/* contents for a long page (100 lines of Markdown) of three sections or more */
		html_page(out, opt->zh, d.title, body, blen,
			  d.split >= 0 && (size_t)d.split <= blen ? (size_t)d.split : blen, d.toc,
			  d.ids, k >= 100 && d.n_toc >= 3 ? d.n_toc : 0);
		if (ferror(out))
			st = uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "write failed");
	}
	for (size_t i = 0; i < d.n_toc; i++)
		free(d.toc[i]);
	free(d.toc);
	free(d.ids);
	free(d.title);
	free(d.label);
	free(body);
	free(l);
	return st;
}

/* The whole of dir/name, NUL-terminated, or NULL with errno. */
static char *read_all(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	struct stat sb;
	char *buf = NULL;
	size_t got = 0;
	ssize_t k = 0;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &sb) == 0 && (buf = malloc((size_t)sb.st_size + 1)))
		while (got < (size_t)sb.st_size &&
		       (k = read(fd, buf + got, (size_t)sb.st_size - got)) > 0)
			got += (size_t)k;
	if (buf && k < 0) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	if (buf)
		buf[got] = '\0';
	*len = got;
	return buf;
}

enum uplift_status uplift_html_write(const char *dir, const char *md_name, const char *html_name,
				     bool zh, struct uplift_error *err)
{
	struct uplift_html_options opt = {.zh = zh, .charts = dir};
	struct uplift_atomic f = {0};
	enum uplift_status st;
	size_t len;
	char *md = read_all(dir, md_name, &len);

	if (!md)
		return uplift_error_set(err, UPLIFT_EINTERNAL, md_name, 0, NULL,
					"cannot read it back: %s", strerror(errno));
	if (!uplift_atomic_open(&f, dir, html_name, err)) {
		free(md);
		return err->status;
	}
	st = uplift_html_convert(f.fp, md, len, &opt, err);
	free(md);
	if (!uplift_atomic_close(&f, st == UPLIFT_OK, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return st;
}
