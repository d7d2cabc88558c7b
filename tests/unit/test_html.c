/*
 * test_html.c - the Markdown to HTML converter of report.html and
 * review.html (src/html*.c): text from the data escaped wherever it lands
 * (headings, table cells, list items, attributes), Markdown's escapes and
 * entities undone first, the blocks uplift writes (tables, nested lists
 * after a paragraph, block quotes), and the charts' SVG inlined without
 * anything that runs or reaches out.
 */
#define _GNU_SOURCE /* mkdtemp */
#include "capture.h"
#include "uplift_html.h"

#include <sys/stat.h>

/* The HTML of md between <main> and </main> (free() it), for opt (NULL: en, no charts). */
static char *body_of(const char *md, const struct uplift_html_options *opt)
{
	struct uplift_html_options en = {0};
	struct uplift_error err;
	struct capture c;
	const char *all, *b, *e;
	char *s;

	uplift_error_clear(&err);
	capture_begin(&c);
	assert_int_equal(uplift_html_convert(c.fp, md, strlen(md), opt ? opt : &en, &err),
			 UPLIFT_OK);
	all = capture_end(&c);
	b = strstr(all, "<main>\n");
	e = strstr(all, "</main>");
	assert_non_null(b);
	assert_non_null(e);
	b += strlen("<main>\n");
	s = strndup(b, (size_t)(e - b));
	free(c.buf);
	return s;
}

static void assert_body(const char *md, const char *want)
{
	char *got = body_of(md, NULL);

	assert_string_equal(got, want);
	free(got);
}

/* No raw HTML ever: in a heading, a paragraph, quotes and ampersands too. */
static void text_is_escaped(void **state)
{
	assert_body("# A <script>alert(1)</script> & \"q\" 'x'\n",
		    "<h1 id=\"s1\">A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; "
		    "&#39;x&#39;</h1>\n");
	/* what uplift_escape_markdown writes: entities, undone and escaped again */
	assert_body("8折&lt;b&gt; &amp;lt; \\<img src=x onerror=alert(1)\\>\n",
		    "<p>8折&lt;b&gt; &amp;lt; &lt;img src=x onerror=alert(1)&gt;</p>\n");
	/* numeric references: the character, escaped; NUL and out of range as U+FFFD */
	assert_body("&#60;&#x3C;&#0;&#x110000;&#65\n",
		    "<p>&lt;&lt;\xEF\xBF\xBD\xEF\xBF\xBD&amp;#65</p>\n");
	/* invalid UTF-8, a control and a bidi override: U+FFFD */
	assert_body("a\xff b\x1b c\xE2\x80\xAE d\n",
		    "<p>a\xEF\xBF\xBD b\xEF\xBF\xBD c\xEF\xBF\xBD d</p>\n");
	/* the closing tag of a script, in every place it could end one */
	assert_body("## </script><script>x</script>\n\n| a |\n| --- |\n| </script> |\n",
		    "<h2 id=\"s1\">&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;</h2>\n"
		    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		    "aria-label=\"&lt;/script&gt;&lt;script&gt;x&lt;/script&gt;\"><table>\n"
		    "<thead><tr><th scope=\"col\">a</th></tr></thead>\n<tbody>\n"
		    "<tr><td>&lt;/script&gt;</td></tr>\n</tbody></table></div>\n");
}

/* Backslash escapes as src/escape.c writes them: the character itself. */
static void backslash_escapes(void **state)
{
	assert_body("rfm\\_segment \\*x\\* \\\\ \\[a\\](b) \\`c\\` \\# \\| \\! \\~ \\^ \\$ \\@\n",
		    "<p>rfm_segment *x* \\ [a](b) `c` # | ! ~ ^ $ @</p>\n");
	/* a backslash before a letter is a backslash */
	assert_body("C:\\dir\n", "<p>C:\\dir</p>\n");
}

/* Tables: alignment, escaped pipes, quotes and markup in cells, short rows. */
static void tables(void **state)
{
	assert_body("| arm | users | note |\n|---|---:|:---:|\n"
		    "| 8折\\|<b> | 10118 | say \"hi\" & 'bye' |\n"
		    "| **满80减15** | 9991 |\n",
		    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"><table>\n"
		    "<thead><tr><th scope=\"col\">arm</th><th scope=\"col\" class=\"r\">users</th>"
		    "<th scope=\"col\" class=\"c\">note</th></tr></thead>\n<tbody>\n"
		    "<tr><td>8折|&lt;b&gt;</td><td class=\"r\">10118</td>"
		    "<td class=\"c\">say &quot;hi&quot; &amp; &#39;bye&#39;</td></tr>\n"
		    "<tr><td><strong>满80减15</strong></td><td class=\"r\">9991</td>"
		    "<td class=\"c\"></td></tr>\n</tbody></table></div>\n");
	/* a line with pipes but no alignment row under it is a paragraph */
	assert_body("| a | b |\nnot a table\n", "<p>| a | b |<br>\nnot a table</p>\n");
}

/* A list right after a paragraph line (no blank line), nested items, then a paragraph. */
static void lists(void **state)
{
	assert_body("Economics:\n- 8折券: a\n- 满80减15: b\n  - nested *em*\n  - two\n- three\n\nafter\n",
		    "<p>Economics:</p>\n<ul>\n<li>8折券: a</li>\n<li>满80减15: b\n<ul>\n"
		    "<li>nested <em>em</em></li>\n<li>two</li>\n</ul>\n</li>\n<li>three</li>\n"
		    "</ul>\n<p>after</p>\n");
	assert_body("1. one\n2. two\n", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
	/* a number or a minus that starts a sentence starts no list */
	assert_body("-0.14 per user\n*注意*: x\n",
		    "<p>-0.14 per user<br>\n<em>注意</em>: x</p>\n");
}

/* Emphasis, code spans (nothing inside is markup), links kept only when safe. */
static void inline_marks(void **state)
{
	assert_body("**A** *b* `<x> *y*` ``a`b`` *not closed **nor\n",
		    "<p><strong>A</strong> <em>b</em> <code>&lt;x&gt; *y*</code> <code>a`b</code> "
		    "*not closed **nor</p>\n");
	assert_body("> **WARNING** check\n", "<blockquote>\n<p><strong>WARNING</strong> "
					       "check</p>\n</blockquote>\n");
	/* a url with a parenthesis is no link: text */
	assert_body("[x](javascript:alert(1)) [w](JavaScript:void) [v](data:x) [y](https://e.x/?a=1&b=\"2\") [z](#s2)\n",
		    "<p>[x](javascript:alert(1)) w v <a href=\"https://e.x/?a=1&amp;b=&quot;2&quot;\">y</a> "
		    "<a href=\"#s2\">z</a></p>\n");
}

/* The page: lang, the policy that loads nothing, the title, the fonts, a table of contents. */
static void page(void **state)
{
	struct uplift_html_options zh = {.zh = true};
	struct uplift_error err;
	struct capture c;
	char md[1024] = "# 实验 <1>\n\nx\n\n## 一\n\n## 二\n\n## 三\n";
	const char *all;

	/* a short page has no contents; one of 100 lines has */
	capture_begin(&c);
	assert_int_equal(uplift_html_convert(c.fp, md, strlen(md), &zh, &err), UPLIFT_OK);
	assert_null(strstr(capture_end(&c), "<nav"));
	free(c.buf);
	for (int i = 0; i < 100; i++)
		strcat(md, "\n");

	capture_begin(&c);
	assert_int_equal(uplift_html_convert(c.fp, md, strlen(md), &zh, &err), UPLIFT_OK);
	all = capture_end(&c);
	assert_non_null(strstr(all, "<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
	assert_non_null(strstr(all, "content=\"default-src 'none'; style-src 'unsafe-inline';"));
	assert_non_null(strstr(all, "<title>实验 &lt;1&gt;</title>"));
	assert_non_null(strstr(all, "font-family:\"Noto Sans CJK SC\",\"Noto Sans SC\","
				    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif"));
	assert_non_null(strstr(all, "@page{size:A4"));
	assert_non_null(strstr(all, "white-space:nowrap"));
	/* the contents between the first paragraph and the first section */
	assert_non_null(strstr(all, "<p>x</p>\n<nav class=\"toc\" aria-label=\"目录\">"
				    "<details><summary>目录</summary><ol>\n"
				    "<li><a href=\"#s2\">一</a></li>\n"));
	assert_null(strstr(all, "<script"));
	assert_null(strstr(all, "http://"));
	free(c.buf);
}

static char dir[64];

static int make_dir(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/uplift-html.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/* The chart inline, and nothing in it that runs, loads or clashes with another chart. */
static void svg_is_sanitized(void **state)
{
	struct uplift_html_options opt = {.charts = dir};
	char *got;

	put("forest.svg",
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" [<!ENTITY e \"boo\">]>\n"
	    "<svg width=\"100\" height=\"50\" xmlns=\"http://www.w3.org/2000/svg\" "
	    "onload=\"alert(1)\">\n"
	    "<title>Gnuplot</title>\n<script>alert(2)</script>\n"
	    "<script><![CDATA[ alert(3) ]]></script>\n"
	    "<g id=\"a\" onclick='x()' OnMouseOver=\"y()\">"
	    "<use xlink:href=\"#a\"/><use href=\"http://evil.example/x.svg#a\"/>"
	    "<image href=\"http://evil.example/i.png\"/>"
	    "<foreignObject><body><script>alert(4)</script></body></foreignObject>"
	    "<a xlink:href=\"javascript:alert(5)\"><text fill=\"url(#grad)\" "
	    "style=\"background:url(http://evil.example/b)\" x=\"1\">T &amp; &e; &#60;</text></a>"
	    "<animate attributeName=\"href\" to=\"javascript:alert(6)\"/>"
	    "<set attributeName=\"onmouseover\" to=\"alert(7)\"/>"
	    "<rect fill=\"&#106;avascript:alert(8)\" width=\"1\"/>"
	    "</g>\n</svg>\n<script>alert(9)</script>\n");
	got = body_of("![Forest <x> \\_1](forest.png)\n", &opt);
	static const char *const bad[] = {"script", "alert", "onload", "onclick", "OnMouse",
					  "evil", "foreign", "image", "animate", "<set",
					  "javascript", "<?xml", "DOCTYPE", "Gnuplot", "<a", "&e;"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(got, bad[i]))
			fail_msg("'%s' in %s", bad[i], got);
	assert_non_null(strstr(got, "<figure class=\"chart\" data-hint="));
	assert_non_null(strstr(got, "<svg viewBox=\"0 0 100 50\" xmlns=\"http://www.w3.org/2000/svg\""
				    " xmlns:xlink=\"http://www.w3.org/1999/xlink\" role=\"img\" "
				    "class=\"chart-svg\" aria-label=\"Forest &lt;x&gt; _1\">"
				    "<title>Forest &lt;x&gt; _1</title>"));
	assert_non_null(strstr(got, "<g id=\"c1-a\"><use xlink:href=\"#c1-a\"/><use/>"));
	assert_non_null(strstr(got, "<text fill=\"url(#c1-grad)\" x=\"1\">T &amp; &amp;e; &lt;</text>"));
	assert_non_null(strstr(got, "<rect width=\"1\"/>"));
	assert_non_null(strstr(got, "</g>\n</svg></figure>"));
	assert_null(strstr(got, " width=\"100\""));
	free(got);

	/* a second chart gets ids of its own */
	put("rates.svg", "<svg viewBox=\"0 0 10 10\"><g id=\"a\"/></svg>");
	got = body_of("![a](forest.png)\n\n![b](rates.png)\n", &opt);
	assert_non_null(strstr(got, "<g id=\"c1-a\">"));
	assert_non_null(strstr(got, "<g id=\"c2-a\"/>"));
	free(got);
}

/* No svg (no gnuplot), a name that leaves the folder, no root: a visible note. */
static void missing_chart_is_a_note(void **state)
{
	struct uplift_html_options en = {.charts = dir}, zh = {.charts = dir, .zh = true};
	char *got;

	got = body_of("![Daily](daily.png)\n", &en);
	assert_string_equal(got, "<figure class=\"chart\" data-hint=\"Spread two fingers to zoom "
				 "in on the chart\"><span class=\"chart-missing\" role=\"note\">"
				 "Chart not shown: Daily (daily.svg is missing or unreadable; "
				 "install gnuplot and write the report again)</span></figure>\n");
	free(got);
	got = body_of("![每日](../etc/passwd.png) ![x](/etc/x.svg)\n", &zh);
	assert_non_null(strstr(got, "图表无法显示：每日（缺少 ../etc/passwd.png.svg"));
	assert_null(strstr(got, "<svg"));
	free(got);
	put("text.svg", "<html><script>alert(1)</script></html>");
	got = body_of("![t](text.png)\n", &zh);
	assert_non_null(strstr(got, "chart-missing"));
	assert_null(strstr(got, "alert"));
	free(got);
}

/* uplift_html_write: the page next to the Markdown, whole, with its charts. */
static void html_write(void **state)
{
	struct uplift_error err;
	char path[256], *html;

	uplift_error_clear(&err);
	put("r.md", "# R\n\n![c](c.png)\n");
	put("c.svg", "<svg viewBox=\"0 0 4 4\"><rect width=\"4\" height=\"4\"/></svg>");
	assert_int_equal(uplift_html_write(dir, "r.md", "r.html", false, &err), UPLIFT_OK);
	snprintf(path, sizeof(path), "%s/r.html", dir);
	html = slurp(path);
	assert_non_null(strstr(html, "<html lang=\"en\">"));
	assert_non_null(strstr(html, "<rect width=\"4\" height=\"4\"/></svg></figure>"));
	free(html);
	assert_int_equal(uplift_html_write(dir, "none.md", "n.html", false, &err), UPLIFT_EINTERNAL);
	assert_string_equal(err.file, "none.md");
	snprintf(path, sizeof(path), "%s/n.html", dir);
	assert_int_not_equal(access(path, F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(text_is_escaped),
	    cmocka_unit_test(backslash_escapes),
	    cmocka_unit_test(tables),
	    cmocka_unit_test(lists),
	    cmocka_unit_test(inline_marks),
	    cmocka_unit_test(page),
	    cmocka_unit_test_setup_teardown(svg_is_sanitized, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(missing_chart_is_a_note, make_dir, remove_dir),
	    cmocka_unit_test_setup_teardown(html_write, make_dir, remove_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
