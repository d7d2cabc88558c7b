/*
 * gnuplot.c - text in gnuplot scripts and data files, never code (see
 * gnuplot.h for what gnuplot does and does not interpret, and why this is
 * safe).
 */
#include "gnuplot.h"
#include "uplift_escape.h"

#include <math.h>
#include <string.h>

/* A CJK font first; fontconfig falls back to any installed font with the glyphs. */
#define CHART_FONT "Noto Sans CJK SC"
#define FONT_SIZE  13 /* px of the SVG; the PNG is drawn twice as large */

const char *uplift_gp_string(const char *s, char *buf, size_t size)
{
	char t[256];
	size_t j = 0;

	uplift_escape_text(s, t, sizeof(t));
	buf[j++] = '\'';
	for (const char *p = t; *p && j + 4 < size; p++) {
		if (*p == '\'')
			buf[j++] = '\'';
		buf[j++] = *p;
	}
	buf[j++] = '\'';
	buf[j] = '\0';
	return buf;
}

void uplift_gp_field(FILE *fp, const char *s)
{
	char t[UPLIFT_GP_NAME_CUT];

	uplift_escape_text(s, t, sizeof(t));
	if (t[0] == '#') /* a comment at the start of a line */
		fputs("\\043", fp);
	for (const char *p = t + (t[0] == '#'); *p; p++) {
		if (*p == '\\')
			fputs("\\\\", fp);
		else if (*p == '"')
			fputs("\\042", fp);
		else
			fputc(*p, fp);
	}
}

void uplift_gp_num(FILE *fp, double v)
{
	if (isfinite(v))
		fprintf(fp, "\t%.6f", v);
	else
		fputs("\tNaN", fp);
}

/*
 * title as a gnuplot string expression: a long one in two lines, broken
 * after its first ": " or "：" (each part single-quoted, joined by "\n").
 */
static void title_expr(const char *title, char *out, size_t size)
{
	const char *colon = strstr(title, "："), *c2 = strstr(title, ": ");
	char a[256], b[UPLIFT_GP_STRING], q[UPLIFT_GP_STRING];
	size_t k;

	const char *paren = strstr(title, "（"), *p2 = strchr(title, '(');

	if (!paren || (p2 && p2 < paren))
		paren = p2;

	if (!colon || (c2 && c2 < colon))
		colon = c2;
	if (strlen(title) < 48 || !colon || (paren && paren < colon)) {
		uplift_gp_string(title, out, size);
		return;
	}
	k = (size_t)(colon - title) + (colon == c2 ? 1 : strlen("："));
	snprintf(a, sizeof(a), "%.*s", (int)k, title);
	uplift_gp_string(a, q, sizeof(q));
	uplift_gp_string(colon + (colon == c2 ? 2 : strlen("：")), b, sizeof(b));
	snprintf(out, size, "%s.\"\\n\".%s", q, b);
}

void uplift_gp_head(FILE *fp, const char *name, const char *title, int width, int height)
{
	char t[UPLIFT_GP_STRING], e[2 * UPLIFT_GP_STRING + 8];

	uplift_gp_string(title, t, sizeof(t));
	title_expr(title, e, sizeof(e));
	fprintf(fp,
		"# %s.gp - %s\n"
		"# written by uplift report; run from this folder: gnuplot %s.gp\n"
		"if (!exists(\"outprefix\")) outprefix = \"\"\n"
		"set encoding utf8\n"
		"set datafile separator \"\\t\"\n"
		"# the PNG is the SVG at twice its size: fs scales every font the script sets\n"
		"fs = 2\n"
		"set terminal pngcairo size %d,%d noenhanced font \"" CHART_FONT ",%d\" "
		"linewidth 2 pointscale 2\n"
		"set output outprefix.\"%s.png\"\n"
		"set title %s font sprintf(\",%%d\", 15 * fs)\n"
		"set grid xtics ytics lc rgb \"#dddddd\"\n"
		"set border 3\n"
		"set tics nomirror\n"
		"set key top left box opaque\n",
		name, t, name, 2 * width, 2 * height, 2 * FONT_SIZE, name, e);
}

void uplift_gp_svg(FILE *fp, const char *name, int width, int height)
{
	fprintf(fp,
		"fs = 1\n"
		"set terminal svg size %d,%d noenhanced font \"" CHART_FONT ",%d\" background rgb "
		"\"white\"\n"
		"set title font sprintf(\",%%d\", 15 * fs)\n"
		"set output outprefix.\"%s.svg\"\n",
		width, height, FONT_SIZE, name);
}

void uplift_gp_tail(FILE *fp, const char *name, int width, int height)
{
	uplift_gp_svg(fp, name, width, height);
	fputs("replot\nunset output\n", fp);
}

bool uplift_gp_open(struct uplift_gp_pair *p, const char *dir, const char *name,
		    struct uplift_error *err)
{
	char f[128];

	memset(p, 0, sizeof(*p));
	snprintf(f, sizeof(f), "%s.gp", name);
	if (!uplift_atomic_open(&p->gp, dir, f, err))
		return false;
	snprintf(f, sizeof(f), "%s.dat", name);
	if (!uplift_atomic_open(&p->dat, dir, f, err)) {
		uplift_atomic_close(&p->gp, false, err);
		return false;
	}
	return true;
}

bool uplift_gp_close(struct uplift_gp_pair *p, struct uplift_error *err)
{
	bool ok = uplift_atomic_close(&p->dat, true, err);
	return uplift_atomic_close(&p->gp, ok, err) && ok;
}
