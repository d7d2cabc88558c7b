/*
 * uplift_data.h - an experiment's users and what they did, loaded from the
 * experiment folder in one streaming pass per file.
 *
 * Memory is proportional to users: a table of user ids, 12 bytes per user
 * (struct uplift_member), an accumulator per user who has bought (most
 * have not), and per requested --by column one value index per user.
 * Orders are folded into their user's accumulator as they stream past and
 * are never stored. struct uplift_data owns everything it points to.
 */
#ifndef UPLIFT_DATA_H
#define UPLIFT_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "uplift_counts.h"
#include "uplift_metric.h"
#include "uplift_csv.h"
#include "uplift_error.h"
#include "uplift_experiment.h"
#include "uplift_findings.h"
#include "uplift_history.h" /* struct uplift_history, UPLIFT_NO_DAY */
#include "uplift_strtab.h"

struct uplift_thresholds; /* uplift_segments.h */
struct uplift_by_spec;    /* uplift_by.h */

/* A --by column may hold at most this many distinct values. */
#define UPLIFT_MAX_SEGMENT_VALUES 1000

/*
 * Per-user accumulator of the outcome window: 32 bytes, two to a cache
 * line. Only users with an order in the window (or a row of outcomes.csv)
 * have one; uplift_data_user gives every user's. The amount before
 * discount is paid + discount.
 */
struct uplift_user {
	uint32_t line;           /* line of the user's row in assignments.csv */
	uint16_t arm;            /* index into the experiment's arms */
	uint8_t converted : 1;   /* >= 1 order in the window (or outcomes.csv) */
	uint8_t repurchased : 1; /* >= 2 orders */
	uint8_t redeemed : 1;    /* >= 1 order with a discount > 0 */
	uint32_t orders;         /* orders in the window */
	int32_t first_day;       /* day of the first order in the window, or UPLIFT_NO_DAY */
	double paid;             /* sum of amount - discount */
	double discount;         /* sum of discount */
};
_Static_assert(sizeof(struct uplift_user) == 32, "struct uplift_user is 32 bytes");

/* Per user, in the order of assignments.csv (12 bytes). */
struct uplift_member {
	uint32_t line; /* line of the user's row in assignments.csv */
	uint16_t arm;  /* index into the experiment's arms */
	uint16_t unused;
	uint32_t acc; /* 1 + the index of the user's accumulator, 0 while there is none */
};

/* A --by column: its values, interned and numbered in the order of
 * uplift_segment_order.h (once loaded), and each user's value index. */
struct uplift_by_column {
	char *name;   /* as --by gives it: "channel", "spend:q4", "channel*spend:q4" */
	bool derived; /* not read from assignments.csv: rfm_segment, rfm_grade or lifecycle,
			 history.csv's numbers binned, a crossing */
	struct uplift_by_spec *spec; /* binned or crossed (uplift_by.h), else NULL */
	size_t parts;                /* crossed, while loading: by[parts], by[parts + 1] */
	struct uplift_strtab values;
	uint32_t *of_user; /* of_user[u] = value index of user u */
};

/* Problems collected instead of stopping at the first (uplift validate). */
struct uplift_problems {
	char **line;    /* formatted "file:line: column 'x': message" */
	size_t n, max;  /* kept, and how many to keep */
	uint64_t total; /* found, kept or not */
	/* the files whose checks a problem in their structure stopped (the
	 * other files were still checked), ", "-joined; "" when none */
	char stopped[160];
};

/* Release what problems holds. */
void uplift_problems_release(struct uplift_problems *p);

struct uplift_load_options {
	enum uplift_encoding encoding;
	const char *const *by; /* columns of assignments.csv to break down by */
	size_t n_by;
	void (*progress)(void *ctx, uint64_t done, uint64_t total);
	void *progress_ctx;
	bool dedupe; /* a user assigned twice to the same arm counts once */
	/* Check that every line of every file is UTF-8, also in the columns
	 * uplift does not use (uplift validate); otherwise only the fields
	 * used are checked. */
	bool check_all_utf8;
	/* Parse and apply rows on the calling thread only. By default a second
	 * thread applies the rows while this one reads and parses the next, and
	 * uplift_suff_from_data folds half of the metrics on a second thread;
	 * the results are the same to the bit either way. */
	bool one_thread;
	/* When not NULL, row-level problems are collected here and the rows
	 * skipped, instead of stopping at the first; a problem in a file's
	 * structure (header, quoting, encoding, the file missing or given as a
	 * spreadsheet) stops that file only: it is collected too, the file
	 * named in problems->stopped, and the next file is read. */
	struct uplift_problems *problems;
};

struct uplift_data {
	const struct uplift_experiment *exp; /* borrowed */
	struct uplift_strtab ids;            /* user ids; user u is ids[u] */
	struct uplift_member *members;       /* members[u] for user u */
	size_t n_users, users_cap;
	struct uplift_user *acc; /* the accumulators (see uplift_data_user) */
	size_t n_acc, acc_cap;
	struct uplift_history *history; /* history[u], or NULL without history.csv */
	uint64_t *arm_users;            /* users per arm */
	uint64_t *basket_hist;          /* [arm][UPLIFT_BASKET_BINS]: orders in the window by amount
					   (orders.csv) */
	struct uplift_by_column *by;
	size_t n_by;
	unsigned metrics;            /* bit mask of metrics the input supports */
	bool from_outcomes;          /* outcomes.csv instead of orders.csv */
	bool one_thread;             /* loaded with one_thread: the fold uses one thread too */
	bool has_history;            /* the folder has history.csv */
	long asof;                   /* the day the history is taken at */
	int window_days;             /* length of the outcome window (and of the pre-period) */
	uint64_t bytes_read;         /* all CSV bytes read */
	struct uplift_counts counts; /* where every row went (uplift_counts.h) */
	struct uplift_thresholds *thresholds; /* RFM/lifecycle cut-offs, with history */
	struct uplift_findings findings;      /* discounts against the ini, ignored columns, ... */
	/*
	 * The [metric] sections' per-user values (uplift_metric.h), indexed by
	 * user: metric_sum[m] for a metric that sums part of the orders (where,
	 * within_days) or a column of outcomes.csv, metric_den[m] the same for
	 * its ratio's denominator, covariate[m] its covariate column of
	 * assignments.csv; NULL where the value comes from struct uplift_user.
	 * One double per user each (data_metrics.c).
	 */
	double *metric_sum[UPLIFT_N_METRICS], *metric_den[UPLIFT_N_METRICS];
	double *covariate[UPLIFT_N_METRICS];
	/* exposed_at per user (within_days): minutes since the epoch in the
	 * experiment's timezone, times 2, plus 1 when it had a time of day;
	 * UPLIFT_NO_EXPOSURE when empty; NULL without a within_days metric */
	int64_t *exposed;
	size_t values_cap;        /* room in covariate[] and exposed */
	uint64_t not_yet_exposed; /* users left out of a within_days metric (the longest) */
	/* the metrics that sum part of each order (metric_sum), in index order */
	int order_metric[UPLIFT_N_METRICS];
	size_t n_order_metrics;
	unsigned column_found; /* the metrics whose outcomes.csv column was found */
	/* the post period (post_days, data_post.c): per member 1 + the index of
	 * its post accumulator (0: none), the accumulators, and the [metric]
	 * sums over the post period; NULL without post_days */
	uint32_t *post_of;
	struct uplift_user *post_acc;
	size_t n_post_acc, post_acc_cap;
	double *metric_post[UPLIFT_N_METRICS], *metric_post_den[UPLIFT_N_METRICS];
};

#define UPLIFT_NO_EXPOSURE INT64_MIN

/* within_days (data_metrics.c): an order on day (at minute, -1: none) counts for a member exposed at e within n_days. */
bool uplift_data_metrics_in_days(int64_t e, int n_days, long day, long minute);
/* The n_days of a member exposed at e are over by the end of day end. */
bool uplift_data_metrics_days_over(int64_t e, int n_days, long end);


/*
 * Load assignments.csv, orders.csv (or outcomes.csv) and, when present,
 * history.csv from dir for exp,
 * which must outlive the result. Returns a new uplift_data, freed with
 * uplift_data_free(), or NULL with err filled.
 */
struct uplift_data *uplift_data_load(const struct uplift_experiment *exp, const char *dir,
				     const struct uplift_load_options *opt,
				     struct uplift_error *err);

/* Release data; NULL is a no-op. */
void uplift_data_free(struct uplift_data *data);

/*
 * User u's accumulator: its own, or, for a user who has bought nothing,
 * *fresh filled in as such a user (its line and arm, everything else zero,
 * no first day).
 */
static inline const struct uplift_user *uplift_data_user(const struct uplift_data *d, size_t u,
							 struct uplift_user *fresh)
{
	const struct uplift_member *m = &d->members[u];

	if (m->acc)
		return &d->acc[m->acc - 1];
	*fresh = (struct uplift_user){.line = m->line, .arm = m->arm, .first_day = UPLIFT_NO_DAY};
	return fresh;
}

#endif
