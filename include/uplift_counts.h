/*
 * uplift_counts.h - the counts the writers show besides the estimates:
 * where every row of an experiment folder went (read, used, outside the
 * window, of no assigned user, a repeat), the first purchases per arm and
 * day, and the order values per arm.
 *
 * The loader fills one struct uplift_counts and the basket histogram (they
 * are counts of rows and orders, not of users); the fold
 * (uplift_suff_from_data) counts struct uplift_daily from the users. The
 * writers (the data block of JSON, the notes under the tables, validate's
 * summary, the charts) read them through struct uplift_result. struct
 * uplift_counts is plain numbers, no pointers: it can be copied.
 */
#ifndef UPLIFT_COUNTS_H
#define UPLIFT_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * One file of orders, orders.csv or history.csv; every row read lands in
 * exactly one count: read = used + outside + unassigned + duplicate (+ rows
 * skipped by validate).
 */
struct uplift_file_counts {
	uint64_t read;       /* rows read */
	uint64_t used;       /* orders.csv: in the outcome window; history.csv: on or before asof */
	uint64_t outside;    /* orders.csv: outside the window and the post period; history.csv:
				after asof */
	uint64_t unassigned; /* the user_id is no assigned user's */
	uint64_t duplicate;  /* the same order_id again (when the column exists) */
	/* rows with a negative amount netted against the user's paid value
	 * ([columns] refunds = net); counted in used or outside as well */
	uint64_t refund_rows;
	uint64_t post; /* orders.csv: in the post period (post_days after end) */
};

struct uplift_counts {
	uint64_t users; /* assigned users */
	/* users + assignments_duplicate (+ rows skipped by validate) = assignments_read */
	uint64_t assignments_read, assignments_duplicate;
	struct uplift_file_counts orders;            /* zero with outcomes.csv */
	struct uplift_file_counts history;           /* zero without history.csv */
	uint64_t outcomes_read, outcomes_unassigned; /* zero with orders.csv */
	bool from_outcomes;                          /* outcomes.csv instead of orders.csv */
	bool has_history;                            /* the folder has history.csv */
	/* within_days: members whose days (of the longest such metric) are not
	 * over by the end of the window, left out of it */
	bool has_exposure;
	uint64_t not_yet_exposed;
};

/* Order values in the window, per arm: bins of 5 from 0 to 200, then >= 200. */
#define UPLIFT_BASKET_WIDTH 5.0
#define UPLIFT_BASKET_BINS  41

/* Days of the longest window whose first purchases are counted per day. */
#define UPLIFT_DAILY_MAX_DAYS 366

/*
 * First purchases per arm and day of the outcome window: how many users of
 * each arm made their first order in the window on each day. Counted by the
 * fold from every user's first day (orders.csv); absent with outcomes.csv
 * and with a statistics file, which have no days.
 */
struct uplift_daily {
	long start;      /* the window's first day (uplift_date.h) */
	size_t n_days;   /* days of the window */
	size_t n_arms;   /* arms, in the experiment's order */
	uint64_t *first; /* first[arm * n_days + day]; NULL when n_days > UPLIFT_DAILY_MAX_DAYS */
	/* with post_days, n_days runs on over the post period: a first purchase
	 * after the window is counted on its day */
};

#endif
