/*
 * uplift_counts.h - where every row of an experiment folder went: read,
 * used, outside the window, of no assigned user, a repeat. The loader fills
 * one struct uplift_counts; the writers (the data block of JSON, the notes
 * under the tables, validate's summary) print it. Plain numbers, no
 * pointers: it can be copied and carried in a result.
 */
#ifndef UPLIFT_COUNTS_H
#define UPLIFT_COUNTS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * One file of orders, orders.csv or history.csv; every row read lands in
 * exactly one count: read = used + outside + unassigned + duplicate (+ rows
 * skipped by validate).
 */
struct uplift_file_counts {
	uint64_t read;       /* rows read */
	uint64_t used;       /* orders.csv: in the outcome window; history.csv: on or before asof */
	uint64_t outside;    /* orders.csv: outside the window; history.csv: after asof */
	uint64_t unassigned; /* the user_id is no assigned user's */
	uint64_t duplicate;  /* the same order_id again (when the column exists) */
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
};

#endif
