/*
 * uplift_html.h - report.md and review.md as one self-contained HTML file
 * (report.html, review.html; ../shared/CONTRACT.md "Command line").
 *
 * The converter reads the Markdown subset that uplift itself writes: ATX
 * headings, paragraphs (a line break inside one is kept as <br>), lists
 * ("- ", "* ", "1. ", nested by indentation; a list may follow a paragraph
 * line without a blank line between them), "> " block quotes, pipe tables
 * with their alignment row, `code spans`, *em*, **strong**, backslash
 * escapes, the entities &lt; &gt; &amp; &quot; &#39; &#N; &#xH; (what
 * uplift_escape_markdown writes), [links](url) and ![alt](NAME.png) images.
 * Everything else is text. The Markdown comes from data (arm names, segment
 * values): no HTML in it ever reaches the page as markup; every character
 * of text is escaped for HTML, after Markdown's escapes are undone.
 *
 * An image ![alt](NAME.png) (or NAME.svg) becomes the chart NAME.svg of the
 * folder given, inline: without its XML prolog and DOCTYPE, only SVG's
 * drawing elements (no script, style, foreignObject, animation, image),
 * no on* attribute, no reference but to its own ids (renamed so that two
 * charts cannot clash), titled with alt (role="img", aria-label, <title>)
 * and as wide as the page. A missing or unreadable NAME.svg becomes a
 * visible note in the report's language. A link is kept only to http(s),
 * mailto or an anchor of the page.
 *
 * The page has its CSS inline and a Content-Security-Policy that loads
 * nothing: no font, script or image from anywhere. Fonts are named
 * "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
 * sans-serif; tables scroll sideways inside their own box on a narrow
 * screen (cells do not wrap); print CSS fits A4 (tables whole and
 * wrapping at spaces only, charts the page's width, no break inside a
 * table row or figure). A long page (100 lines of Markdown, three
 * sections or more) has a table of contents before its first section.
 */
#ifndef UPLIFT_HTML_H
#define UPLIFT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "uplift_error.h"

struct uplift_html_options {
	bool zh;            /* lang="zh-CN" and the notes in Chinese; else lang="en" */
	const char *charts; /* folder of the charts' NAME.svg; NULL: none inlined (a note) */
};

/*
 * The whole HTML document for Markdown md[0..len) into out. Fails only
 * when out of memory or when a write to out fails (EINTERNAL).
 */
enum uplift_status uplift_html_convert(FILE *out, const char *md, size_t len,
				       const struct uplift_html_options *opt,
				       struct uplift_error *err);

/*
 * dir/md_name converted into dir/html_name (its charts from dir), written
 * whole or not at all (uplift_atomic.h).
 */
enum uplift_status uplift_html_write(const char *dir, const char *md_name, const char *html_name,
				     bool zh, struct uplift_error *err);

#endif
