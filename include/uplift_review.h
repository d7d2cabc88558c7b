/*
 * uplift_review.h - several experiments in one review (`uplift review`,
 * ../shared/CONTRACT.md "Several experiments"): the experiments ordered by
 * start date, each arm name that recurs across them followed over time on
 * one metric, and its effect pooled by DerSimonian-Laird (uplift_meta.h).
 *
 * A review borrows the results it is built from; they must outlive it.
 */
#ifndef UPLIFT_REVIEW_H
#define UPLIFT_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_format.h"
#include "uplift_error.h"
#include "uplift_meta.h"

/* One experiment's effect of a recurring arm against its control. */
struct uplift_review_point {
	size_t exp;                /* index into the review's experiments (their order) */
	double diff, lo, hi, p;    /* arm - control on the review's metric */
	double var;                /* the difference's variance, for the pooling */
	bool significant, tested;
};

/* An arm name found in two experiments or more. */
struct uplift_review_arm {
	char *arm;
	size_t n;
	struct uplift_review_point *points; /* in the experiments' order */
	struct uplift_meta pooled;
};

struct uplift_review {
	size_t n;                         /* experiments */
	const struct uplift_result **exp; /* ordered by start date (then as given) */
	char metric[64];                  /* what the trends follow: the decision metric of
					     the experiments when they share it, else revenue */
	bool rate;                        /* the metric is a proportion */
	double alpha;
	struct uplift_review_arm *arms;
	size_t n_arms;
};

/* Build the review of r[0..n); NULL when out of memory. */
struct uplift_review *uplift_review_build(const struct uplift_result *const *r, size_t n);

/* Release; NULL is a no-op. */
void uplift_review_free(struct uplift_review *rv);

/*
 * Write review.json and review.md (in Chinese with zh; with chart, it
 * shows trend.png) into dir, each whole or not at all.
 */
enum uplift_status uplift_review_write(const char *dir, const struct uplift_review *rv, bool zh,
				       bool chart, struct uplift_error *err);

/* trend.gp and trend.dat (gnuplot) into dir; none (and false in *made) without recurring arms. */
enum uplift_status uplift_review_chart(const char *dir, const struct uplift_review *rv, bool zh,
				       bool *made, struct uplift_error *err);

#endif
