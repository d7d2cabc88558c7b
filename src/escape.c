/*
 * escape.c - strings from the data made safe for terminals and Markdown
 * (see uplift_escape.h).
 *
 * One walk over the UTF-8 input decides for each character what it becomes
 * (itself, a replacement, or an escaped form for Markdown). It remembers the
 * last place where "…" would still fit, and goes back there when the whole
 * string does not.
 */
#include "uplift_escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#define ELLIPSIS    "\xE2\x80\xA6" /* … */
#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Whether cp would change what a terminal shows or where it shows it. */
static bool unsafe(int32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	       cp == 0x200F || cp == 0x061C;
}

/*
 * The walk: s into buf (size bytes), at most width display columns (what a
 * reader sees: a wide character counts two, "…" one, an escape sequence of
 * Markdown the one character it stands for).
 */
/* Columns a character takes on a terminal (0 for combining marks). */
static size_t columns(int32_t cp)
{
	int w = utf8proc_charwidth(cp);

	return w < 0 ? 1 : (size_t)w;
}

static const char *walk(const char *s, char *buf, size_t size, size_t width, bool markdown)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t j = 0, cut = 0, room, w = 0;
	char piece[16];

	if (size < UPLIFT_ESCAPE_MIN) {
		if (size)
			buf[0] = '\0';
		return buf;
	}
	room = size - sizeof(ELLIPSIS); /* keeps space for "…" and the NUL */
	while (*p) {
		int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		size_t n, cw;

		if (k <= 0) { /* an invalid byte: shown, not passed on */
			k = 1;
			cp = -1;
		}
		if (cp == '\t' || cp == '\n' || cp == '\r')
			memcpy(piece, " ", n = 1);
		else if (cp < 0 || unsafe(cp))
			memcpy(piece, REPLACEMENT, n = 3);
		else if (markdown && cp == '<')
			memcpy(piece, "&lt;", n = 4);
		else if (markdown && cp == '>')
			memcpy(piece, "&gt;", n = 4);
		else if (markdown && cp == '&')
			memcpy(piece, "&amp;", n = 5);
		else if (markdown && cp < 0x80 && strchr("\\`*_[]|#~^$@!", (int)cp)) {
			piece[0] = '\\';
			piece[1] = (char)cp;
			n = 2;
		} else
			memcpy(piece, p, n = (size_t)k);
		/* a replaced or ASCII character shows as one column, others as utf8proc says */
		cw = cp < 0x80 || unsafe(cp) ? 1 : columns(cp);
		if (j + n > size - 1 || w + cw > width) {
			/* does not fit whole: cut where "…" still fits */
			memcpy(buf + cut, ELLIPSIS, sizeof(ELLIPSIS) - 1);
			j = cut + sizeof(ELLIPSIS) - 1;
			break;
		}
		if (j + n <= room && w + cw + 1 <= width)
			cut = j + n;
		memcpy(buf + j, piece, n);
		j += n;
		w += cw;
		p += k;
	}
	buf[j] = '\0';
	return buf;
}

const char *uplift_escape_text(const char *s, char *buf, size_t size)
{
	return walk(s, buf, size, SIZE_MAX, false);
}

const char *uplift_escape_markdown(const char *s, char *buf, size_t size)
{
	return walk(s, buf, size, SIZE_MAX, true);
}

const char *uplift_escape_text_cols(const char *s, size_t width, char *buf, size_t size)
{
	return walk(s, buf, size, width, false);
}

const char *uplift_escape_markdown_cols(const char *s, size_t width, char *buf, size_t size)
{
	return walk(s, buf, size, width, true);
}
