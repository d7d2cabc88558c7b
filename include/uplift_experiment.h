/*
 * uplift_experiment.h - what was tested: the contents of experiment.ini.
 *
 * An experiment owns every string it holds; uplift_experiment_free() releases
 * them all.
 */
#ifndef UPLIFT_EXPERIMENT_H
#define UPLIFT_EXPERIMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_error.h"

/* One [arm NAME] section. */
struct uplift_arm_def {
	char *name;         /* UTF-8, verbatim from the section header */
	size_t name_len;    /* strlen(name), for matching a row's arm */
	char *label;        /* optional display label, NULL if absent */
	double weight;      /* planned share, relative to the others (> 0) */
	double percent_off; /* 0 when the coupon is not a percentage */
	double min_spend;   /* threshold of a "满X减Y" coupon, 0 if none */
	double amount_off;  /* value of a "满X减Y" coupon, 0 if none */
	long line;          /* line of the section header, for messages */
};

/* [segments]: thresholds for the RFM and lifecycle columns (history.csv). */
struct uplift_segment_def {
	bool has_asof, has_recency, has_frequency, has_monetary;
	long asof;           /* day number; default start - 1 */
	double recency_days; /* R high when last order <= this many days ago */
	double frequency;    /* F high when orders >= this */
	double monetary;     /* M high when paid value >= this */
	double new_days;     /* default 30 */
	double dormant_days; /* default 60 */
	double loyal_orders; /* default 5 */
};

struct uplift_experiment {
	char *name;                  /* [experiment] name, or the folder's name */
	char *control_name;          /* [experiment] control */
	size_t control;              /* index of the control arm in arms[] */
	long start, end;             /* outcome window, day numbers, inclusive */
	double alpha;                /* default 0.05 */
	struct uplift_arm_def *arms; /* in the order of the file */
	size_t n_arms;
	struct uplift_segment_def segments;
	bool has_economics;
	double gross_margin; /* [economics] gross_margin, in (0, 1] */
};

/*
 * Read and validate an experiment.ini at path. On success returns a new
 * experiment the caller frees with uplift_experiment_free(); on failure
 * returns NULL and fills err (file, line and the offending key).
 * default_name is used when [experiment] has no name (may be NULL).
 */
struct uplift_experiment *uplift_experiment_load(const char *path, const char *default_name,
						 struct uplift_error *err);

/* Release an experiment; NULL is a no-op. */
void uplift_experiment_free(struct uplift_experiment *exp);

/* Index of the arm called name, or -1. Length-delimited: name need not end in NUL. */
long uplift_experiment_find_arm(const struct uplift_experiment *exp, const char *name, size_t len);

#endif
