/*
 * html_inline.c - inline Markdown as HTML (html_internal.h): the text of
 * a heading, a paragraph, a list item or a table cell.
 *
 * Nothing of the input is ever passed on as markup: a backslash escape or
 * an entity is undone to the character it stands for, and every character
 * of text goes out through html_text. Only the marks below make elements:
 * `code`, **strong**, *em*, [text](url) and ![alt](src). A mark with no
 * closing partner is text.
 */
#include "html_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_DEPTH 16 /* emphasis and links inside each other, at most */

static bool punct(char ch)
{
	return ch && (unsigned char)ch < 0x80 && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ch);
}

static bool space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

void html_text(FILE *out, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;

	while (p < end) {
		int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &cp);

		if (k <= 0) { /* an invalid byte */
			k = 1;
			cp = 0xFFFD;
		}
		switch (cp) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\t':
		case '\n':
		case '\r': fputc(' ', out); break;
		default:
			if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
			    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
			    cp == 0xFFFD)
				fputs("\xEF\xBF\xBD", out);
			else
				fwrite(p, 1, (size_t)k, out);
		}
		p += k;
	}
}

void html_str(FILE *out, const char *s)
{
	html_text(out, s, strlen(s));
}

/*
 * The entity at s[0..n) (s[0] == '&'): its length, and the character in
 * buf (UTF-8, *len bytes); 0 when it is none uplift would write.
 */
static size_t entity(const char *s, size_t n, char *buf, size_t *len)
{
	static const struct {
		const char *name;
		char ch;
	} named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
	size_t i = 2;
	long cp = 0;
	bool hex;

	for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
		size_t m = strlen(named[k].name);
		if (n >= m && memcmp(s, named[k].name, m) == 0) {
			buf[0] = named[k].ch;
			*len = 1;
			return m;
		}
	}
	if (n < 4 || s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	i += hex;
	for (size_t start = i; i < n && i - start < 8; i++) {
		char ch = s[i];
		int d = ch >= '0' && ch <= '9'			 ? ch - '0'
			: hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
							 : -1;
		if (d < 0)
			break;
		cp = cp * (hex ? 16 : 10) + d;
	}
	if (i >= n || s[i] != ';' || i == 2 + (size_t)hex)
		return 0;
	if (cp == 0 || cp > 0x10FFFF || !utf8proc_codepoint_valid((utf8proc_int32_t)cp))
		cp = 0xFFFD;
	*len = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)buf);
	return i + 1;
}

/* The end of the backquote run at s[i] and of the code span it opens, or 0 when it opens none. */
static size_t code_end(const char *s, size_t n, size_t i, size_t *run)
{
	size_t k = 0;

	while (i + k < n && s[i + k] == '`')
		k++;
	*run = k;
	for (size_t j = i + k; j < n;) {
		size_t m = 0;
		if (s[j] != '`') {
			j++;
			continue;
		}
		while (j + m < n && s[j + m] == '`')
			m++;
		if (m == k)
			return j + m;
		j += m;
	}
	return 0;
}

/* Past the token at s[i]: an escape, a code span, or one byte. */
static size_t step(const char *s, size_t n, size_t i)
{
	size_t run, end;

	if (s[i] == '\\' && i + 1 < n && punct(s[i + 1]))
		return i + 2;
	if (s[i] == '`')
		return (end = code_end(s, n, i, &run)) ? end : i + run;
	return i + 1;
}

/*
 * The closing mark (k stars) of emphasis opened at s[i] (k stars), or 0:
 * the opening is followed by a non-space, the closing preceded by one, and
 * for a single star the closing is not half of "**".
 */
static size_t closing(const char *s, size_t n, size_t i, size_t k)
{
	if (i + k >= n || space(s[i + k]))
		return 0;
	for (size_t j = i + k; j < n;) {
		size_t m = 0, c;
		if (s[j] != '*') {
			j = step(s, n, j);
			continue;
		}
		while (j + m < n && s[j + m] == '*')
			m++;
		if (!space(s[j - 1]) && (k == 2 ? m >= 2 : m == 1))
			return j;
		if (k == 1 && m >= 2 && (c = closing(s, n, j, 2))) { /* a strong inside the em */
			j = c + 2;
			continue;
		}
		j += m;
	}
	return 0;
}

/* The end of the bracket text opened at s[i] == '[' (the index of its ']'), or 0. */
static size_t bracket_end(const char *s, size_t n, size_t i)
{
	int depth = 0;

	for (size_t j = i; j < n; j = step(s, n, j)) {
		if (s[j] == '[')
			depth++;
		else if (s[j] == ']' && --depth == 0)
			return j;
	}
	return 0;
}

/*
 * [text](url) or ![alt](url) at s[i] (the '['): the index past ')', with
 * the text and url; 0 when it is not one (a url has no space or line end).
 */
static size_t link_at(const char *s, size_t n, size_t i, size_t *tb, size_t *te, size_t *ub,
		      size_t *ue)
{
	size_t close = bracket_end(s, n, i), j;

	if (!close || close + 1 >= n || s[close + 1] != '(')
		return 0;
	for (j = close + 2; j < n && s[j] != ')'; j++)
		if (space(s[j]) || s[j] == '(' || s[j] == '<')
			return 0;
	if (j >= n || j == close + 2)
		return 0;
	*tb = i + 1;
	*te = close;
	*ub = close + 2;
	*ue = j;
	return j + 1;
}

/* A link is kept only to these: the page's own anchors, the web, mail. */
static bool safe_url(const char *u, size_t n)
{
	static const char *const ok[] = {"#", "https://", "http://", "mailto:"};

	for (size_t k = 0; k < sizeof(ok) / sizeof(ok[0]); k++)
		if (n > strlen(ok[k]) - (k == 0) && strncmp(u, ok[k], strlen(ok[k])) == 0)
			return true;
	return false;
}

/* The url as written, escapes and entities undone, into an attribute. */
static void url_attr(FILE *out, const char *s, size_t n)
{
	char *u = html_plain(s, n);

	if (u) {
		html_str(out, u);
		free(u);
	}
}

static void span(struct html_ctx *c, const char *s, size_t n, int depth)
{
	FILE *out = c->out;
	size_t i = 0, run = 0, end, tb, te, ub, ue;
	char buf[8];

	while (i < n) {
		size_t start = i, len;
		char ch = s[i];

		if (ch == '\\' && i + 1 < n && punct(s[i + 1])) {
			html_text(out, s + i + 1, 1);
			i += 2;
		} else if (ch == '&' && (len = entity(s + i, n - i, buf, &end))) {
			html_text(out, buf, end);
			i += len;
		} else if (ch == '`') {
			if ((end = code_end(s, n, i, &run))) {
				size_t b = i + run, e = end - run;
				if (e - b >= 2 && s[b] == ' ' && s[e - 1] == ' ')
					b++, e--;
				fputs("<code>", out);
				html_text(out, s + b, e - b);
				fputs("</code>", out);
				i = end;
			} else {
				html_text(out, s + i, run);
				i += run;
			}
		} else if (ch == '*' && depth < MAX_DEPTH) {
			size_t k = i + 1 < n && s[i + 1] == '*' ? 2 : 1;
			size_t close = closing(s, n, i, k);
			if (close) {
				fputs(k == 2 ? "<strong>" : "<em>", out);
				span(c, s + i + k, close - i - k, depth + 1);
				fputs(k == 2 ? "</strong>" : "</em>", out);
				i = close + k;
			} else {
				html_text(out, s + i, k);
				i += k;
			}
		} else if (ch == '!' && i + 1 < n && s[i + 1] == '[' &&
			   (end = link_at(s, n, i + 1, &tb, &te, &ub, &ue))) {
			html_chart(c, s + tb, te - tb, s + ub, ue - ub);
			i = end;
		} else if (ch == '[' && depth < MAX_DEPTH &&
			   (end = link_at(s, n, i, &tb, &te, &ub, &ue))) {
			bool ok = safe_url(s + ub, ue - ub);
			if (ok) {
				fputs("<a href=\"", out);
				url_attr(out, s + ub, ue - ub);
				fputs("\">", out);
			}
			span(c, s + tb, te - tb, depth + 1);
			if (ok)
				fputs("</a>", out);
			i = end;
		} else if (ch == '\n') {
			fputs("<br>\n", out);
			i++;
		} else {
			/* a run of plain text, up to the next character that may start a mark */
			while (i < n && !strchr("\\&`*![\n", s[i]))
				i++;
			if (i == start)
				i++;
			html_text(out, s + start, i - start);
		}
	}
}

void html_inline(struct html_ctx *c, const char *s, size_t n)
{
	span(c, s, n, 0);
}

char *html_plain(const char *s, size_t n)
{
	char *t = malloc(n + 1), buf[8];
	size_t j = 0, len, k;

	if (!t)
		return NULL;
	for (size_t i = 0; i < n;) {
		if (s[i] == '\\' && i + 1 < n && punct(s[i + 1])) {
			t[j++] = s[i + 1];
			i += 2;
		} else if (s[i] == '&' && (len = entity(s + i, n - i, buf, &k)) && k <= len) {
			memcpy(t + j, buf, k); /* never longer than the entity it replaces */
			j += k;
			i += len;
		} else if (s[i] == '*' || s[i] == '`') {
			i++;
		} else {
			t[j++] = s[i] == '\n' ? ' ' : s[i];
			i++;
		}
	}
	t[j] = '\0';
	return t;
}

bool html_image_only(const char *s, size_t n, const char **alt, size_t *alt_n, const char **src,
		     size_t *src_n)
{
	size_t b = 0, e = n, tb, te, ub, ue, end;

	while (b < e && space(s[b]))
		b++;
	while (e > b && space(s[e - 1]))
		e--;
	if (e - b < 5 || s[b] != '!' || s[b + 1] != '[')
		return false;
	end = link_at(s, e, b + 1, &tb, &te, &ub, &ue);
	if (end != e)
		return false;
	*alt = s + tb;
	*alt_n = te - tb;
	*src = s + ub;
	*src_n = ue - ub;
	return true;
}
