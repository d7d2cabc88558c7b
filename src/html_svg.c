/*
 * html_svg.c - a chart's SVG inline in the page (html_internal.h).
 *
 * The SVG is read as a sequence of tags and text and written again, never
 * copied: what comes out is well formed whatever came in. Elements are
 * kept only from a list of SVG's drawing elements; any other (script,
 * style, foreignObject, image, animate, set, ...) is dropped with all it
 * contains, but <a>, whose content is kept without it. Attributes are kept
 * but for on* handlers, href/xlink:href to anything but an id of the same
 * chart, src-like ones, namespaced ones, and any whose value (entities
 * undone) names javascript:, data:, an outside url() or expression().
 * Every id is prefixed (two charts of one page both have "gpPt0"), and so
 * is every reference to one. The root loses its width and height (the
 * page sizes it) and gains role="img", aria-label and a <title>.
 */
#include "html_internal.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_NEST 64
#define MAX_SVG  (16L << 20) /* a chart bigger than this is not read */

static const char *const elements[] = {
    "svg",	      "g",		"defs",	   "title",   "desc",	"rect",	    "circle",
    "ellipse",	      "line",		"polyline", "polygon", "path",	"text",	    "tspan",
    "use",	      "clipPath",	"symbol",  "marker",  "mask",	"pattern",  "stop",
    "linearGradient", "radialGradient", "textPath",
};

/* The element's name as SVG spells it, or NULL when it is not kept. */
static const char *known(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof(elements) / sizeof(elements[0]); k++)
		if (strlen(elements[k]) == n && strncasecmp(elements[k], s, n) == 0)
			return elements[k];
	return NULL;
}

static bool name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == ':' || ch == '-' || ch == '.';
}

/* Whether s[0..n) is an id: letters, digits, _ . : - */
static bool id_like(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!name_char(s[i]))
			return false;
	return n > 0;
}

/* The length of a reference uplift keeps at s (&lt; &gt; &amp; &quot; &apos; &#N; &#xH;), or 0. */
static size_t ref_len(const char *s, size_t n)
{
	static const char *const named[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&apos;"};
	size_t i = 2;

	for (size_t k = 0; k < 5; k++)
		if (n >= strlen(named[k]) && memcmp(s, named[k], strlen(named[k])) == 0)
			return strlen(named[k]);
	if (n < 4 || s[1] != '#')
		return 0;
	if (s[2] == 'x' || s[2] == 'X') {
		for (i = 3; i < n && i < 11 && isxdigit((unsigned char)s[i]); i++)
			;
		return i > 3 && i < n && s[i] == ';' ? i + 1 : 0;
	}
	for (; i < n && i < 10 && isdigit((unsigned char)s[i]); i++)
		;
	return i > 2 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* s[0..n) as XML text or attribute value: references kept, < > " & escaped, controls spaces. */
static void xml_piece(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k;
		unsigned char ch = (unsigned char)s[i];
		if (ch == '&' && (k = ref_len(s + i, n - i)) && s[i + 1] != '#') {
			fwrite(s + i, 1, k, out);
			i += k - 1;
		} else if (ch == '&' && (k = ref_len(s + i, n - i))) {
			/* a numeric reference: as the character, escaped again */
			char *t = html_plain(s + i, k);
			if (t)
				html_str(out, t);
			free(t);
			i += k - 1;
		} else if (ch == '\n' || ch == '\t') {
			fputc(ch, out); /* the layout of the file, kept */
		} else if (ch == '&' || ch == '<' || ch == '>' || ch == '"' || ch == '\'' ||
			   ch < 0x20 || ch == 0x7F) {
			/* html_text: the reference, or a space for a line end or control */
			html_text(out, s + i, 1);
		} else {
			size_t j = i;
			while (j < n && !strchr("&<>\"'", s[j]) && (unsigned char)s[j] >= 0x20 &&
			       s[j] != 0x7F)
				j++;
			html_text(out, s + i, j - i);
			i = j - 1;
		}
	}
}

/* What a reader of value sees in it: references undone, lower case, no spaces. */
static char *flat(const char *v, size_t n)
{
	char *t = html_plain(v, n);
	size_t j = 0;

	if (!t)
		return NULL;
	for (size_t i = 0; t[i]; i++)
		if (!isspace((unsigned char)t[i]) && (unsigned char)t[i] >= 0x20)
			t[j++] = (char)tolower((unsigned char)t[i]);
	t[j] = '\0';
	return t;
}

/* Whether the value (flattened) may reach anything outside the chart or run anything. */
static bool reaches_out(const char *f)
{
	static const char *const bad[] = {"javascript:", "vbscript:", "data:", "expression(",
					  "@import", "behavior:", "-moz-binding"};

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		if (strstr(f, bad[k]))
			return true;
	for (const char *u = strstr(f, "url("); u; u = strstr(u + 4, "url(")) {
		const char *p = u + 4;
		p += *p == '\'' || *p == '"';
		if (*p != '#')
			return true;
	}
	return false;
}

/* value with each url(#id) (quoted or not) as url(#PREFIXid). */
static void write_value(FILE *out, const char *v, size_t n, const char *prefix)
{
	size_t i = 0;

	while (i < n) {
		const char *u = NULL;
		for (size_t j = i; j + 5 <= n; j++)
			if (strncasecmp(v + j, "url(", 4) == 0) {
				size_t q = j + 4 + (v[j + 4] == '\'' || v[j + 4] == '"');
				if (q < n && v[q] == '#') {
					u = v + q + 1;
					break;
				}
			}
		if (!u) {
			xml_piece(out, v + i, n - i);
			return;
		}
		xml_piece(out, v + i, (size_t)(u - v) - i);
		fputs(prefix, out);
		i = (size_t)(u - v);
	}
}

struct attr {
	const char *name, *value;
	size_t name_n, value_n;
};

/* One attribute as the policy above keeps it (or not); root: of the <svg> root. */
static void attribute(FILE *out, const struct attr *a, const char *prefix, bool root, double *wh)
{
	static const char *const dropped[] = {"src", "srcset", "srcdoc", "action", "formaction",
					      "ping", "background", "attributename"};
	char name[64];
	char *f;

	if (a->name_n >= sizeof(name) || !id_like(a->name, a->name_n))
		return;
	for (size_t i = 0; i <= a->name_n; i++)
		name[i] = i < a->name_n ? (char)tolower((unsigned char)a->name[i]) : '\0';
	if (strncmp(name, "on", 2) == 0)
		return;
	for (size_t k = 0; k < sizeof(dropped) / sizeof(dropped[0]); k++)
		if (strcmp(name, dropped[k]) == 0)
			return;
	if (root && (strcmp(name, "width") == 0 || strcmp(name, "height") == 0)) {
		char v[32];
		snprintf(v, sizeof(v), "%.*s", (int)(a->value_n < 31 ? a->value_n : 31), a->value);
		wh[name[0] == 'h'] = strtod(v, NULL); /* for a viewBox the root lacks */
		return;
	}
	if (strcmp(name, "xmlns") == 0 || strcmp(name, "xmlns:xlink") == 0)
		return; /* HTML needs neither; the page writes them on the root */
	if (strcmp(name, "id") == 0) {
		if (id_like(a->value, a->value_n))
			fprintf(out, " id=\"%s%.*s\"", prefix, (int)a->value_n, a->value);
		return;
	}
	if (strcmp(name, "href") == 0 || strcmp(name, "xlink:href") == 0) {
		if (a->value_n > 1 && a->value[0] == '#' && id_like(a->value + 1, a->value_n - 1))
			fprintf(out, " %s=\"#%s%.*s\"", name, prefix, (int)a->value_n - 1,
				a->value + 1);
		return;
	}
	if (strchr(name, ':') && strcmp(name, "xml:space") != 0)
		return;
	if (!(f = flat(a->value, a->value_n)))
		return;
	if (!reaches_out(f)) {
		fprintf(out, " %.*s=\"", (int)a->name_n, a->name);
		write_value(out, a->value, a->value_n, prefix);
		fputc('"', out);
	}
	free(f);
}

/*
 * The tag at s[i] ('<' then a name): its name, attributes (up to max) and
 * whether it closes itself; the index past its '>' (n when it has none).
 */
static size_t tag(const char *s, size_t n, size_t i, struct attr *name, struct attr *at,
		  size_t max, size_t *n_at, bool *empty)
{
	size_t j = i + 1;

	*n_at = 0;
	*empty = false;
	name->name = s + j;
	while (j < n && name_char(s[j]))
		j++;
	name->name_n = (size_t)(s + j - name->name);
	while (j < n && s[j] != '>') {
		struct attr a = {0};
		if (isspace((unsigned char)s[j])) {
			j++;
			continue;
		}
		if (s[j] == '/') {
			*empty = j + 1 < n && s[j + 1] == '>';
			j++;
			continue;
		}
		a.name = s + j;
		while (j < n && !isspace((unsigned char)s[j]) && !strchr("=/>", s[j]))
			j++;
		a.name_n = (size_t)(s + j - a.name);
		if (!a.name_n) { /* a stray '=' */
			j++;
			continue;
		}
		while (j < n && isspace((unsigned char)s[j]))
			j++;
		if (j < n && s[j] == '=') {
			j++;
			while (j < n && isspace((unsigned char)s[j]))
				j++;
			if (j < n && (s[j] == '"' || s[j] == '\'')) {
				const char *q = memchr(s + j + 1, s[j], n - j - 1);
				a.value = s + j + 1;
				a.value_n = q ? (size_t)(q - a.value) : n - j - 1;
				j = q ? (size_t)(q - s) + 1 : n;
			} else {
				a.value = s + j;
				while (j < n && !isspace((unsigned char)s[j]) && s[j] != '>')
					j++;
				a.value_n = (size_t)(s + j - a.value);
			}
		} else
			a.value = "";
		if (*n_at < max)
			at[(*n_at)++] = a;
	}
	return j < n ? j + 1 : n;
}

/* The index of the first needle at or after s[i], or n. */
static size_t find(const char *s, size_t n, size_t i, const char *needle)
{
	size_t m = strlen(needle);

	for (; i + m <= n; i++)
		if (memcmp(s + i, needle, m) == 0)
			return i;
	return n;
}

/* The index past the first needle at or after s[i], or n. */
static size_t past(const char *s, size_t n, size_t i, const char *needle)
{
	size_t k = find(s, n, i, needle);

	return k < n ? k + strlen(needle) : n;
}

/* Whether s[i..n) starts with lit. */
static bool starts(const char *s, size_t n, size_t i, const char *lit)
{
	return n - i >= strlen(lit) && memcmp(s + i, lit, strlen(lit)) == 0;
}

bool html_svg_write(FILE *out, const char *s, size_t n, const char *prefix, const char *label)
{
	const char *stack[MAX_NEST];
	struct attr at[64], nm;
	size_t depth = 0, skip = 0, i = 0, n_at;
	bool empty, done = false, root = false;

	while (i < n && !done) {
		size_t j;
		if (s[i] != '<') {
			j = i;
			while (j < n && s[j] != '<')
				j++;
			if (depth && !skip)
				xml_piece(out, s + i, j - i);
			i = j;
		} else if (starts(s, n, i, "<!--"))
			i = past(s, n, i + 4, "-->");
		else if (starts(s, n, i, "<?"))
			i = past(s, n, i + 2, "?>");
		else if (starts(s, n, i, "<![CDATA[")) {
			j = find(s, n, i + 9, "]]>");
			if (depth && !skip) /* as text: every character escaped */
				html_text(out, s + i + 9, j - i - 9);
			i = j < n ? j + 3 : n;
		} else if (starts(s, n, i, "<!")) { /* DOCTYPE, with its internal subset */
			size_t gt = find(s, n, i, ">"), sq = find(s, n, i, "[");
			i = sq < gt ? past(s, n, sq, "]>") : gt < n ? gt + 1 : n;
		} else if (starts(s, n, i, "</")) {
			const char *name;
			size_t k;
			j = past(s, n, i, ">");
			if (skip) {
				skip--;
				i = j;
				continue;
			}
			nm.name = s + i + 2;
			for (nm.name_n = 0; i + 2 + nm.name_n < n && name_char(nm.name[nm.name_n]);)
				nm.name_n++;
			name = known(nm.name, nm.name_n);
			for (k = depth; name && k > 0 && stack[k - 1] != name; k--)
				;
			while (name && k > 0 && depth >= k) {
				fprintf(out, "</%s>", stack[--depth]);
				done = depth == 0;
			}
			i = j;
		} else if (i + 1 < n && isalpha((unsigned char)s[i + 1])) {
			const char *name;
			double wh[2] = {0, 0};
			j = tag(s, n, i, &nm, at, 64, &n_at, &empty);
			i = j;
			if (skip) {
				skip += !empty;
				continue;
			}
			name = known(nm.name, nm.name_n);
			if (nm.name_n == 1 && (nm.name[0] == 'a' || nm.name[0] == 'A'))
				continue; /* a link: its content without it */
			if (!name || (!root && strcmp(name, "svg") != 0) || depth == MAX_NEST ||
			    (depth == 1 && (strcmp(name, "title") == 0 || strcmp(name, "desc") == 0))) {
				skip = !empty;
				continue;
			}
			fprintf(out, "<%s", name);
			for (size_t k = 0; k < n_at; k++)
				attribute(out, &at[k], prefix, !root, wh);
			if (!root) {
				bool has_box = false;
				for (size_t k = 0; k < n_at; k++)
					has_box |= at[k].name_n == 7 &&
						   strncasecmp(at[k].name, "viewBox", 7) == 0;
				if (!has_box && wh[0] > 0 && wh[1] > 0)
					fprintf(out, " viewBox=\"0 0 %g %g\"", wh[0], wh[1]);
				fputs(" xmlns=\"http://www.w3.org/2000/svg\""
				      " xmlns:xlink=\"http://www.w3.org/1999/xlink\" role=\"img\""
				      " class=\"chart-svg\" aria-label=\"",
				      out);
				html_str(out, label);
				fputs("\">", out);
				fputs("<title>", out);
				html_str(out, label);
				fputs("</title>", out);
				root = true;
				if (empty)
					fputs("</svg>", out);
				else
					stack[depth++] = name;
				done = empty;
				continue;
			}
			if (empty)
				fputs("/>", out);
			else {
				fputc('>', out);
				stack[depth++] = name;
			}
		} else { /* a '<' that starts no tag */
			if (depth && !skip)
				fputs("&lt;", out);
			i++;
		}
	}
	while (depth > 0)
		fprintf(out, "</%s>", stack[--depth]);
	return root;
}

/* The stem of a chart's file name NAME.png or NAME.svg: letters, digits, . _ -; 0 if not one. */
static size_t stem(const char *src, size_t n)
{
	if (n < 5 || n > 200 || src[0] == '.' ||
	    (strncmp(src + n - 4, ".png", 4) != 0 && strncmp(src + n - 4, ".svg", 4) != 0))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)src[i]) && !strchr("._-", src[i]))
			return 0;
	return n - 4;
}

/* The whole of dir/name (a regular file, not through a symbolic link), or NULL. */
static char *slurp(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	struct stat sb;
	char *buf = NULL;
	size_t got = 0;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return NULL;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size <= MAX_SVG &&
	    (buf = malloc((size_t)sb.st_size + 1))) {
		ssize_t k;
		while (got < (size_t)sb.st_size &&
		       (k = read(fd, buf + got, (size_t)sb.st_size - got)) > 0)
			got += (size_t)k;
		buf[got] = '\0';
	}
	close(fd);
	*len = got;
	return buf;
}

void html_chart(struct html_ctx *c, const char *alt, size_t alt_n, const char *src, size_t src_n)
{
	char *label = html_plain(alt, alt_n), *svg = NULL, name[256], prefix[32];
	size_t k = stem(src, src_n), len = 0;
	bool zh = c->opt->zh;

	if (!label) {
		c->nomem = true;
		return;
	}
	snprintf(prefix, sizeof(prefix), "c%u-", ++c->charts);
	if (k && c->opt->charts) {
		snprintf(name, sizeof(name), "%.*s.svg", (int)k, src);
		svg = slurp(c->opt->charts, name, &len);
	}
	if (!svg || !html_svg_write(c->out, svg, len, prefix, label)) {
		fputs("<span class=\"chart-missing\" role=\"note\">", c->out);
		fputs(zh ? "图表无法显示：" : "Chart not shown: ", c->out);
		html_str(c->out, label);
		fputs(zh ? "（缺少 " : " (", c->out);
		html_text(c->out, src, k ? k : src_n);
		fputs(zh ? ".svg 或无法读取；安装 gnuplot 后重新生成报告）"
			 : ".svg is missing or unreadable; install gnuplot and write the report "
			   "again)",
		      c->out);
		fputs("</span>", c->out);
	}
	free(svg);
	free(label);
}
