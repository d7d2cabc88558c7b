/*
 * html_internal.h - the pieces of the Markdown to HTML converter
 * (uplift_html.h): blocks (html.c), inline text (html_inline.c), charts
 * (html_svg.c) and the page around them (html_page.c). Internal to the
 * library.
 */
#ifndef UPLIFT_HTML_INTERNAL_H
#define UPLIFT_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "uplift_html.h"

struct html_ctx {
	FILE *out;
	const struct uplift_html_options *opt;
	unsigned charts; /* charts inlined so far: their ids are prefixed "cN-" */
	bool nomem;      /* an allocation failed: the caller reports ENOMEM */
};

/*
 * UTF-8 text s[0..n) for HTML text or a quoted attribute: & < > " ' as
 * references, invalid bytes, control and bidi-override characters as
 * U+FFFD, a line end or tab as a space.
 */
void html_text(FILE *out, const char *s, size_t n);

/* The same for a NUL-terminated string. */
void html_str(FILE *out, const char *s);

/*
 * Inline Markdown s[0..n) as HTML: escapes and entities undone and the
 * text escaped again, `code`, *em*, **strong**, links, images (charts),
 * a line end as <br>.
 */
void html_inline(struct html_ctx *c, const char *s, size_t n);

/*
 * Inline Markdown s[0..n) as plain text (escapes and entities undone,
 * emphasis and code marks dropped), NUL-terminated in a new string;
 * NULL when out of memory.
 */
char *html_plain(const char *s, size_t n);

/*
 * If s[0..n) is exactly one image ![alt](src) (spaces around allowed):
 * true, with alt and src (as written) in s.
 */
bool html_image_only(const char *s, size_t n, const char **alt, size_t *alt_n, const char **src,
		     size_t *src_n);

/*
 * The chart of image ![alt](src): NAME.svg of the charts folder (src is
 * NAME.png or NAME.svg) inline, or a visible note in its place.
 */
void html_chart(struct html_ctx *c, const char *alt, size_t alt_n, const char *src, size_t src_n);

/*
 * SVG document svg[0..n) sanitized into out (see uplift_html.h), its ids
 * prefixed with prefix, its root titled label (plain text). False, with
 * nothing written, when it has no <svg> root element.
 */
bool html_svg_write(FILE *out, const char *svg, size_t n, const char *prefix, const char *label);

/* The page's CSS (html_page.c). */
extern const char html_css[];

/*
 * The document: head (title: plain text or NULL), body[0..split), the
 * table of contents of the n sections (toc[i] plain text, id "s<ids[i]>";
 * none when n is 0), body[split..len).
 */
void html_page(FILE *out, bool zh, const char *title, const char *body, size_t len, size_t split,
	       char *const *toc, const unsigned *ids, size_t n);

#endif
