/*
 * format_internal.h - the parts of analyze's writers that live in files of
 * their own, called by uplift_format_write (format_text.c). Internal to the
 * library.
 */
#ifndef UPLIFT_FORMAT_INTERNAL_H
#define UPLIFT_FORMAT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "uplift_format.h"
#include "markup.h"

/*
 * The sections of --by column c in markup mk (format_segments.c): the
 * within-segment sample ratio warnings, one table per metric with its
 * heterogeneity line, the legend, and the targeting plan when there is one.
 */
void uplift_format_segments_write(FILE *out, const struct markup *mk, const struct uplift_result *r,
				  size_t c);

/*
 * The comparisons as CSV (format_csv.c): one header row, then one row per
 * comparison, overall and per segment, then one per head-to-head pair,
 * numbers in full precision ("" when not finite); a "#" line first when
 * the sample ratio is off.
 */
void uplift_format_csv_write(FILE *out, const struct uplift_result *r);

#endif
