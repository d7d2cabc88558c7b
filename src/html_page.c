/*
 * html_page.c - the page around the converted Markdown (html_internal.h):
 * head, CSS, table of contents.
 *
 * The CSS, for three readers. A phone (390 px): the text wraps anywhere a
 * long name needs it to, so nothing widens the page; a table scrolls
 * sideways in its own box, its cells do not wrap (满80减15 stays whole) and
 * its first column stays in view; a chart is as wide as the page but at
 * least 520 px (its text at least 9 px), scrolling sideways in its box. A wide
 * screen: the text column is at most 60rem, a table or a chart may be wider.
 * Paper (A4): tables no longer scroll but fit the page, their cells
 * wrapping at spaces only (keep-all: never inside a CJK word), headers
 * repeated on each page, no break inside a row, a figure or a heading and
 * what follows it; charts the width of the page.
 */
#include "html_internal.h"

const char html_css[] =
    "@page{size:A4;margin:14mm 12mm}\n"
    "*,*::before,*::after{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;color:#1f2328;background:#fff;line-height:1.6;font-size:16px;"
    "font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\",\"PingFang SC\",\"Microsoft YaHei\","
    "sans-serif;overflow-wrap:anywhere}\n"
    "main{max-width:60rem;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}\n"
    "h2{font-size:1.25rem;line-height:1.35;margin:2rem 0 .75rem;padding-bottom:.25rem;"
    "border-bottom:1px solid #d0d7de}\n"
    "h3{font-size:1.05rem;line-height:1.4;margin:1.5rem 0 .5rem}\n"
    "h4,h5,h6{font-size:1rem;margin:1.25rem 0 .5rem}\n"
    "p{margin:.5rem 0}\n"
    "ul,ol{margin:.5rem 0;padding-left:1.5rem}\n"
    "li{margin:.2rem 0}\n"
    "li>ul,li>ol{margin:.2rem 0}\n"
    "code{font-family:ui-monospace,\"Noto Sans Mono CJK SC\",monospace;font-size:.9em;"
    "background:#f3f4f6;padding:0 .2em;border-radius:3px}\n"
    "pre{overflow-x:auto;background:#f3f4f6;padding:.5rem;border-radius:4px}\n"
    "pre code{background:none;padding:0}\n"
    "blockquote{margin:.75rem 0;padding:.5rem .75rem;border-left:4px solid #bf8700;"
    "background:#fff8c5}\n"
    "blockquote>:first-child{margin-top:0}blockquote>:last-child{margin-bottom:0}\n"
    "a{color:#0969da}\n"
    /* as wide as its table, at most the page; a shadow at an edge with more beyond it */
    ".table-wrap{overflow-x:auto;width:fit-content;max-width:100%;margin:.75rem 0;"
    "border:1px solid #d0d7de;border-radius:4px;-webkit-overflow-scrolling:touch;"
    "background:linear-gradient(to right,#fff 30%,rgba(255,255,255,0)) left/2.5rem 100% "
    "no-repeat local,linear-gradient(to left,#fff 30%,rgba(255,255,255,0)) right/2.5rem 100% "
    "no-repeat local,radial-gradient(farthest-side at 100% 50%,rgba(0,0,0,.18),"
    "rgba(0,0,0,0)) right/.75rem 100% no-repeat scroll,#fff}\n"
    ".table-wrap:focus{outline:2px solid #0969da;outline-offset:2px}\n"
    "table{border-collapse:collapse;font-size:.875rem;line-height:1.45;"
    "font-variant-numeric:tabular-nums}\n"
    "th,td{padding:.3rem .6rem;border-bottom:1px solid #e5e7eb;white-space:nowrap;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#f6f8fa;font-weight:600}\n"
    "tbody tr:last-child td{border-bottom:0}\n"
    "th.r,td.r{text-align:right}th.c,td.c{text-align:center}\n"
    "th:first-child,td:first-child{position:sticky;left:0;background:#fff;"
    "box-shadow:1px 0 0 #e5e7eb}\n"
    "th:first-child{background:#f6f8fa}\n"
    "figure.chart{margin:1rem 0}\n"
    /* on a wide screen a chart may be wider than the text: up to 56rem (its 720 px
     * viewBox's 13 px text then 16 px) */
    "@media (min-width:64rem){figure.chart{width:min(56rem,calc(100vw - 3rem),135vh);"
    "margin-left:50%;transform:translateX(-50%)}}\n"
    /* on a phone: a chart is as wide as the screen, its text sharp when zoomed in */
    "figure.chart[data-hint]::after{content:attr(data-hint);display:none;font-size:.8rem;"
    "color:#57606a}\n"
    "@media (max-width:40rem){figure.chart[data-hint]::after{display:block}}\n"
    /* on a phone a chart keeps 520 px (its 13 px text at least 9 px) in a box that
     * scrolls sideways */
    "@media (max-width:40rem){figure.chart{overflow-x:auto}"
    "svg.chart-svg{min-width:520px}}\n"
    "svg.chart-svg{display:block;width:100%;height:auto;max-width:100%}\n"
    "svg.chart-svg g[font-family]{font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n"
    ".chart-missing{display:block;padding:.75rem;border:1px dashed #cf222e;color:#cf222e;"
    "background:#fff5f5}\n"
    "nav.toc{margin:1rem 0;padding:.5rem .75rem;background:#f6f8fa;border-radius:4px}\n"
    "nav.toc summary{cursor:pointer;font-weight:600}\n"
    "nav.toc ol{margin:.25rem 0 0}\n"
    "@media (min-width:48rem){main{padding:1.5rem 2rem}}\n"
    /* on a wide screen a table may run past the text to the right, not to the edge */
    "@media (min-width:64rem){.table-wrap{max-width:calc((100vw + 60rem) / 2 - 4.5rem)}}\n"
    "@media print{\n"
    ".table-wrap{max-width:100%!important}\n"
    "body{font-size:10pt;line-height:1.45}\n"
    "main{max-width:none;padding:0}\n"
    "nav.toc{display:none}\n"
    "a{color:inherit;text-decoration:none}\n"
    "h1,h2,h3,h4{break-after:avoid;page-break-after:avoid}\n"
    ".table-wrap{overflow:visible;border:0;border-radius:0}\n"
    "table{font-size:7.5pt;break-inside:auto}\n"
    ".table-wrap{width:auto;background:none}\n"
    "thead{display:table-header-group}\n"
    "tr,figure,.chart-missing,blockquote{break-inside:avoid;page-break-inside:avoid}\n"
    "th,td{white-space:normal;word-break:keep-all;overflow-wrap:normal;padding:.15rem .3rem}\n"
    "th:first-child,td:first-child{position:static;box-shadow:none}\n"
    "figure.chart{break-inside:avoid;page-break-inside:avoid;width:auto;margin:.5rem 0;"
    "transform:none}\n"
    "figure.chart::after{display:none!important}\n"
    "svg.chart-svg{max-height:125mm}\n"
    "}\n";

static void toc_write(FILE *out, bool zh, char *const *toc, const unsigned *ids, size_t n)
{
	fprintf(out, "<nav class=\"toc\" aria-label=\"%s\"><details><summary>%s</summary><ol>\n",
		zh ? "目录" : "Contents", zh ? "目录" : "Contents");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "<li><a href=\"#s%u\">", ids[i]);
		html_str(out, toc[i]);
		fputs("</a></li>\n", out);
	}
	fputs("</ol></details></nav>\n", out);
}

void html_page(FILE *out, bool zh, const char *title, const char *body, size_t len, size_t split,
	       char *const *toc, const unsigned *ids, size_t n)
{
	fprintf(out,
		"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		"style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
		"<meta name=\"generator\" content=\"uplift\">\n<title>",
		zh ? "zh-CN" : "en");
	html_str(out, title && *title ? title : "uplift");
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_css);
	fwrite(body, 1, split, out);
	if (n > 0)
		toc_write(out, zh, toc, ids, n);
	fwrite(body + split, 1, len - split, out);
	fputs("</main>\n</body>\n</html>\n", out);
}
