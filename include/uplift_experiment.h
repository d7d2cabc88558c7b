/*
 * uplift_experiment.h - what was tested: the contents of experiment.ini.
 *
 * An experiment owns every string it holds; uplift_experiment_free() releases
 * them all. Names, labels and lines have no length limit but the arm name's
 * (UPLIFT_ARM_NAME_MAX bytes), and at most UPLIFT_MAX_ARMS arms.
 */
#ifndef UPLIFT_EXPERIMENT_H
#define UPLIFT_EXPERIMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_columns.h"
#include "uplift_csv.h"
#include "uplift_decision.h"
#include "uplift_error.h"
#include "uplift_metric.h"

/* At most this many arms: a row's arm index is 16-bit (uplift_data.h). */
#define UPLIFT_MAX_ARMS 65535
/* An arm name is at most this many bytes (a longer one is refused). */
#define UPLIFT_ARM_NAME_MAX 1024

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
	char *name;         /* [experiment] name, or the folder's name */
	char *control_name; /* [experiment] control */
	size_t control;     /* index of the control arm in arms[] */
	long start, end;    /* outcome window, day numbers, inclusive */
	/* start and end were given; with outcomes.csv they may not be (then
	 * start and end are UPLIFT_NO_DAY and only label nothing) */
	bool has_window;
	int tz_minutes; /* [experiment] timezone, minutes east of UTC (default +08:00: 480) */
	struct uplift_columns_def columns; /* [columns] */
	double alpha;                      /* default 0.05 */
	struct uplift_arm_def *arms;       /* in the order of the file */
	size_t n_arms;
	struct uplift_segment_def segments;
	bool has_economics;
	double gross_margin;                 /* [economics] gross_margin, in (0, 1] */
	struct uplift_decision_def decision; /* [decision]; zero when absent */
	struct uplift_metric_set metrics;    /* the built-in ones and the [metric NAME] sections */
	/* [experiment] post_days: the days after end analyzed as the post
	 * period (pull-forward, ../shared/CONTRACT.md); 0: none */
	int post_days;
	/* [experiment] lang = zh: the report, review and target in Chinese
	 * unless --lang says otherwise */
	bool lang_zh;
	/* private: the hash index of uplift_experiment_find_arm (NULL: none) */
	size_t *arm_slot;
	size_t arm_slots;
};

/* How to read experiment.ini. */
struct uplift_experiment_options {
	/* --encoding: a file that is not valid UTF-8 is converted from GBK or
	 * GB18030 (uplift_ini.h); a valid UTF-8 file is read as it is. */
	enum uplift_encoding encoding;
};

/*
 * Read and validate an experiment.ini at path. On success returns a new
 * experiment the caller frees with uplift_experiment_free(); on failure
 * returns NULL and fills err (file, line and the offending key).
 * default_name is used when [experiment] has no name (may be NULL).
 * opt may be NULL (UTF-8).
 */
struct uplift_experiment *uplift_experiment_load_opt(const char *path, const char *default_name,
						     const struct uplift_experiment_options *opt,
						     struct uplift_error *err);

/* uplift_experiment_load_opt with the default options (UTF-8). */
struct uplift_experiment *uplift_experiment_load(const char *path, const char *default_name,
						 struct uplift_error *err);

/*
 * The same over the text of an experiment.ini, text[0..n) (need not end in
 * NUL); path only names the file in messages.
 */
struct uplift_experiment *uplift_experiment_parse(const char *text, size_t n, const char *path,
						  const char *default_name,
						  const struct uplift_experiment_options *opt,
						  struct uplift_error *err);

/* Release an experiment; NULL is a no-op. */
void uplift_experiment_free(struct uplift_experiment *exp);

/* Index of the arm called name, or -1. Length-delimited: name need not end in NUL. */
long uplift_experiment_find_arm(const struct uplift_experiment *exp, const char *name, size_t len);

/*
 * The arms' names in the order of the file, "control, 8折券, 满80减15", into
 * buf (size at least 8), for messages: cut at a whole name with ", …" when
 * they do not fit. Returns buf.
 */
const char *uplift_experiment_arm_list(const struct uplift_experiment *exp, char *buf, size_t size);

#endif
