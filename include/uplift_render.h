/*
 * uplift_render.h - run gnuplot on a chart script, safely and checked.
 *
 * gnuplot runs in a child of its own process group, in the chart's folder,
 * with its outputs sent into a fresh private folder (mkdtemp) through the
 * script's outprefix variable, its stderr kept in a file there, a time
 * limit (the whole group is killed past it) and, where libseccomp works, a
 * seccomp filter that makes process creation fail (fork, vfork, clone of a
 * process, clone3), so the shell of gnuplot's backquotes, system() and
 * "< command" cannot start. gnuplot exits 0 when its writes fail, so each
 * image is checked (a PNG has its signature and ends with IEND; an SVG ends
 * with </svg>) before it is fsync'd and renamed to NAME.png / NAME.svg.
 */
#ifndef UPLIFT_RENDER_H
#define UPLIFT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_error.h"

struct uplift_render_options {
	const char *gnuplot; /* path of the gnuplot program */
	double timeout;      /* seconds per chart; 0: 60 */
	bool no_sandbox;     /* skip the seccomp filter (for a debugger) */
};

/*
 * Render dir/NAME.gp into dir/NAME.png and dir/NAME.svg. UPLIFT_OK, or
 * UPLIFT_EINTERNAL with err naming the chart and why (gnuplot's exit status
 * and its first lines of stderr, the time limit, an incomplete image, a
 * write's errno); on failure no NAME.png or NAME.svg is created.
 */
enum uplift_status uplift_render_chart(const char *dir, const char *name,
				       const struct uplift_render_options *opt,
				       struct uplift_error *err);

/* Whether the file at path is a complete PNG (signature, final IEND chunk). */
bool uplift_render_png_complete(const char *path);

/* Whether the file at path is a complete SVG (ends with </svg>). */
bool uplift_render_svg_complete(const char *path);

/*
 * In the calling process (meant for a child about to execve a renderer):
 * make fork, vfork, process clones and clone3 fail from now on, threads
 * still allowed. 0, or -1 when the filter could not be installed.
 */
int uplift_render_sandbox(void);

#endif
