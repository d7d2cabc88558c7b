/*
 * gnuplot.h - the pieces of the review pack's gnuplot scripts and data files
 * that carry text, built so that no text from the data is ever gnuplot code.
 * Internal to the library (charts.c).
 *
 * Names (arms, segment values, the threshold labels of basket) reach gnuplot
 * only as fields of a .dat file, read with ytic()/xtic(), columnhead() or
 * "with labels" by column number: gnuplot never runs what it reads from a
 * data file (no backquotes, no @macros). Its reader does end a field at a
 * double quote and reads backslash escapes, so a field is written with \ as
 * \\, " as \042 and a leading # (a comment) as \043, which it reads back as
 * the original; tabs and line ends become spaces (uplift_escape_text).
 * (strcol() would undo the escapes a second time: the scripts do not use it.)
 *
 * The one name a script must hold, a --by column in a chart title, goes into
 * a single-quoted string: in gnuplot 5.4 nothing in one is expanded -- no
 * backquoted shell command (double-quoted strings do run them), no @macro,
 * no backslash escape, and '' is a quote -- and line ends, which would end
 * the command, are replaced first. Checked with gnuplot 5.4 patchlevel 4;
 * tests/security/10-gnuplot-injection.sh tries every name slot.
 */
#ifndef UPLIFT_GNUPLOT_H
#define UPLIFT_GNUPLOT_H

#include <stdbool.h>
#include <stdio.h>

#include "uplift_atomic.h"

/* Bytes of a name in a tick label or a key (longer: cut with "…"). */
#define UPLIFT_GP_NAME_CUT 64

/* The size of a buffer for uplift_gp_string. */
#define UPLIFT_GP_STRING 600

/*
 * s as a single-quoted gnuplot string, quotes included, of at most 255 bytes
 * of s (cut with "…"): nothing in it is interpreted. Returns buf, of size
 * UPLIFT_GP_STRING.
 */
const char *uplift_gp_string(const char *s, char *buf, size_t size);

/* Write s (its first UPLIFT_GP_NAME_CUT bytes) into a data file field, read back as s. */
void uplift_gp_field(FILE *fp, const char *s);

/* Write a tab and v into a data file; NaN (no value) when v is not finite. */
void uplift_gp_num(FILE *fp, double v);

/* The head of every script: outputs, fonts, tab-separated data, the title. */
void uplift_gp_head(FILE *fp, const char *name, const char *title, int width, int height);

/*
 * The head sets fs = 2 (the PNG, drawn at twice the size given) and the
 * SVG fs = 1: a script that sets a font writes its size as N * fs.
 */

/* Switch to the SVG output (fs = 1) without drawing: for a script that draws twice itself. */
void uplift_gp_svg(FILE *fp, const char *name, int width, int height);

/* The tail of every script: draw again as SVG. */
void uplift_gp_tail(FILE *fp, const char *name, int width, int height);

/* A chart's name.gp and name.dat, written atomically. */
struct uplift_gp_pair {
	struct uplift_atomic gp, dat;
};

/* Open dir/name.gp and dir/name.dat. False, with err, on failure (nothing left open). */
bool uplift_gp_open(struct uplift_gp_pair *p, const char *dir, const char *name,
		    struct uplift_error *err);

/* Commit both files (or neither); false, with err, if a write failed. */
bool uplift_gp_close(struct uplift_gp_pair *p, struct uplift_error *err);

#endif
