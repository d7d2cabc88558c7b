/*
 * uplift_by.h - what one --by entry asks for: a column as it is, a column
 * of numbers cut into bins, or two columns crossed.
 *
 *   COLUMN          the column's values (up to UPLIFT_MAX_SEGMENT_VALUES)
 *   COLUMN:qN       N quantile bins, N in 2..10, with pandas.qcut's edges
 *                   (numpy's linear quantiles) and closedness: [e0, e1],
 *                   (e1, e2], ..., (eN-1, eN]; an edge equal to the one
 *                   before is dropped, as qcut(duplicates="drop") does, so
 *                   a column with many equal values gets fewer bins
 *   COLUMN:a,b,c    cut points, strictly ascending: the bins of
 *                   pandas.cut(x, [-inf, a, b, c, inf], right=False),
 *                   (-∞, a), [a, b), [b, c), [c, +∞)
 *   A*B             one cell per pair of values present, named "a × b"
 *                   (U+00D7 between spaces), in A's order then B's; A and B
 *                   may each be binned (channel*spend:q4); not A*A, not
 *                   three columns
 *
 * Bins with no user are left out. A blank field of a binned column puts
 * the user in the bin "-" (after the others); any other field that is not
 * a decimal number ([+-]digits[.digits][e[+-]digits], spaces around
 * allowed) is an error naming the file, line and column. The column name
 * shown everywhere, JSON segment.column included, is the text as typed.
 *
 * Ownership: uplift_by_parse fills a spec that owns its strings and cut
 * points; uplift_by_release frees them (a zeroed spec is a no-op).
 */
#ifndef UPLIFT_BY_H
#define UPLIFT_BY_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_error.h"

#define UPLIFT_BY_MAX_QUANTILES 10
#define UPLIFT_BY_MAX_CUTS      50

/* The UTF-8 text between the two values of a crossed cell: " × ". */
#define UPLIFT_BY_CROSS " \xC3\x97 "

enum uplift_bin_kind {
	UPLIFT_BIN_NONE,      /* the column's own values */
	UPLIFT_BIN_QUANTILES, /* COLUMN:qN */
	UPLIFT_BIN_CUTS       /* COLUMN:a,b,c */
};

struct uplift_by_part {
	char *text;   /* the part as typed: "spend:q4" */
	char *column; /* the column read: "spend" */
	enum uplift_bin_kind kind;
	unsigned quantiles; /* UPLIFT_BIN_QUANTILES: N */
	double *cuts;       /* UPLIFT_BIN_CUTS: ascending */
	size_t n_cuts;
};

struct uplift_by_spec {
	struct uplift_by_part part[2];
	size_t n_parts; /* 1, or 2 for A*B */
};

/*
 * Parse one --by entry. UPLIFT_OK, or UPLIFT_EINPUT with a message naming
 * the entry (q1, q11, cut points not ascending, a*b*c, a*a, an empty
 * name) or UPLIFT_ENOMEM, in err. On failure spec holds nothing.
 */
enum uplift_status uplift_by_parse(const char *text, struct uplift_by_spec *spec,
				   struct uplift_error *err);

/* Whether spec asks for more than a column as it is (bins or a crossing). */
static inline bool uplift_by_special(const struct uplift_by_spec *spec)
{
	return spec->n_parts == 2 || spec->part[0].kind != UPLIFT_BIN_NONE;
}

/* Release what spec holds and zero it; NULL is a no-op. */
void uplift_by_release(struct uplift_by_spec *spec);

/*
 * Split a --by list in place into its entries: at commas, except that
 * after an entry with cut points (COLUMN:a,...) a comma followed by a
 * number continues the cut points ("spend:0,100,500,channel" is two
 * entries). Fills out[0..max) with pointers into list; returns how many
 * entries there are (more than max when they do not fit; empty entries
 * are kept, as "").
 */
size_t uplift_by_split(char *list, const char **out, size_t max);

/*
 * Whether s[0..len), spaces around it allowed, is a decimal number, and
 * then its value in *v. A blank field is not a number.
 */
bool uplift_by_number(const char *s, size_t len, double *v);

/*
 * Whether the --by column called column is binned (COLUMN:...) or
 * crossed (A*B), judged by its name alone, which is all that a statistics
 * file keeps.
 */
bool uplift_by_special_name(const char *column);

/*
 * The order of two values of such a column (uplift_segment_order.h defers
 * to it): bins by their lower edge, the open-ended (-∞, a) first and "-"
 * last; crossed cells by their first value in the first column's order,
 * then by the second in the second's. < 0 when a comes first, 0 only when
 * the bytes are equal, > 0 when b comes first.
 */
int uplift_by_order_compare(const char *column, const char *a, size_t alen, const char *b,
			    size_t blen);

#endif
