/*
 * uplift_init.h - "uplift init DIR": a commented experiment.ini guessed
 * from the files of an experiment folder, for the user to check.
 *
 * uplift_init_scan reads the folder once, streaming (assignments.csv for
 * the arms and their users, orders.csv for the window and the discounts
 * of each arm, the headers of history.csv and outcomes.csv), and returns
 * what it found; uplift_init_write turns that into the text of the ini,
 * and uplift_init_create puts it into DIR/experiment.ini, whole or not at
 * all, and never over an existing file. The pieces it is made of have
 * their own files: the header synonyms (column_synonyms.c), the control's
 * name (arm_guess.c), the coupon of an arm (coupon_guess.c), the days of
 * order times (init_day.c), the notes and what the ini can hold
 * (init_notes.c).
 *
 * Memory: the scan keeps one entry per user (its arm) and per arm; the
 * result owns every string it holds (uplift_init_free).
 */
#ifndef UPLIFT_INIT_H
#define UPLIFT_INIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "uplift_columns.h"
#include "uplift_csv.h"
#include "uplift_error.h"

/* ---- header synonyms (column_synonyms.c) ----------------------------------- */

/* The kinds of CSV file of a folder, by the columns uplift reads from them. */
enum uplift_file_kind {
	UPLIFT_FILE_ASSIGNMENTS = 0, /* user_id, arm */
	UPLIFT_FILE_ORDERS,          /* orders.csv and history.csv */
	UPLIFT_FILE_OUTCOMES,
	UPLIFT_N_FILE_KINDS
};

/*
 * The column of uplift that a header of a file of this kind stands for, or
 * -1: uplift's own name, or a Chinese or English synonym (会员ID, 下单时间,
 * 实付金额, customer_id, created_at ...), compared without case, blanks,
 * '_', '-' or '.', and without a unit in brackets ("实付金额(元)").
 * *rank (may be NULL) says how good the match is: 0 for uplift's own name
 * written exactly, then the synonym's place in its list (lower is better).
 */
int uplift_column_synonyms_find(const char *header, enum uplift_file_kind kind, int *rank);

/*
 * s in the normal form names are compared in (headers here, arm names in
 * arm_guess.c): lower case, without blanks (U+3000 too), '_', '-' and '.',
 * and without a unit or note in brackets at the end. False when it is
 * empty or does not fit out (size bytes).
 */
bool uplift_column_synonyms_normal(const char *s, char *out, size_t size);

/* ---- the control arm (arm_guess.c) ------------------------------------------ */

/* Whether an arm's name says it is the control: control, 对照(组), 不触达, holdout, ctrl ... */
bool uplift_arm_guess_is_control(const char *name);

/* The first of names[0..n) that uplift_arm_guess_is_control accepts, or -1. */
long uplift_arm_guess_control(const char *const *names, size_t n);

/* ---- the coupon of an arm (coupon_guess.c) ---------------------------------- */

/* What an arm's orders say about its coupon, gathered one order at a time. */
struct uplift_coupon_obs {
	uint64_t orders;     /* orders read with an amount */
	uint64_t discounted; /* of them with a discount above 0 */
	double pct_lo,
	    pct_hi; /* the percentages p with |discount - amount p/100| <= 1 cent on each */
	double first_discount;       /* the first discount seen */
	bool same_discount;          /* every discount equals the first, to the cent */
	double min_amount;           /* smallest amount of an order with a discount */
	double max_amount;           /* largest amount of an order with a discount */
	double min_ratio, max_ratio; /* discount / amount */
};

enum uplift_coupon_kind { UPLIFT_COUPON_NONE = 0, UPLIFT_COUPON_PERCENT, UPLIFT_COUPON_THRESHOLD };

/* A coupon as experiment.ini declares it. */
struct uplift_coupon {
	enum uplift_coupon_kind kind;
	double percent_off;           /* UPLIFT_COUPON_PERCENT */
	double min_spend, amount_off; /* UPLIFT_COUPON_THRESHOLD */
};

/* Start an observation (all counts 0). */
void uplift_coupon_guess_start(struct uplift_coupon_obs *o);

/* One order of the arm: its amount before discount and its discount (both >= 0). */
void uplift_coupon_guess_observe(struct uplift_coupon_obs *o, double amount, double discount);

/*
 * The coupon the discounts show, when they show it reliably: at least
 * UPLIFT_COUPON_MIN_ORDERS discounted orders, and either every discount p%
 * of its amount to the cent for exactly one whole (or half) p, or every
 * discount the same value Y with a whole smallest amount X >= Y (满X减Y).
 * Otherwise kind NONE.
 */
#define UPLIFT_COUPON_MIN_ORDERS 10
struct uplift_coupon uplift_coupon_guess(const struct uplift_coupon_obs *o);

/* The coupon an arm's name spells: 8折券 -> 20% off, 满80减15, "20% off"; else kind NONE. */
struct uplift_coupon uplift_coupon_guess_from_name(const char *name);

/* ---- the scan and the file ------------------------------------------------- */

struct uplift_init_options {
	enum uplift_encoding encoding; /* of the CSV files (the ini is written in UTF-8) */
	const char *control;           /* --control ARM, or NULL: guessed from the names */
};

enum uplift_init_control_how {
	UPLIFT_INIT_CONTROL_GIVEN = 0, /* --control */
	UPLIFT_INIT_CONTROL_NAMED,     /* recognised by its name */
	UPLIFT_INIT_CONTROL_FIRST      /* not recognised: the first arm, to be checked */
};

/* One arm found in assignments.csv. */
struct uplift_init_arm {
	char *name;
	uint64_t users;               /* distinct users first assigned to it */
	struct uplift_coupon_obs obs; /* its users' orders in orders.csv */
};

/* One CSV file of the folder, as far as init read it. */
struct uplift_init_file {
	const char *name; /* "assignments.csv", ... (static) */
	enum uplift_file_kind kind;
	bool present;
	char **header; /* its header fields, verbatim (UTF-8) */
	size_t n_header;
	long col[UPLIFT_N_COLUMN_NAMES]; /* the header field that holds each column, -1 if none */
	uint64_t rows;                   /* rows read after the header */
};

enum {
	UPLIFT_INIT_ASSIGN = 0,
	UPLIFT_INIT_ORDERS,
	UPLIFT_INIT_OUTCOMES,
	UPLIFT_INIT_HISTORY,
	UPLIFT_INIT_N_FILES
};

struct uplift_init {
	char *name; /* the folder's name */
	struct uplift_init_file file[UPLIFT_INIT_N_FILES];
	struct uplift_init_arm *arms; /* the control first, then in order of appearance */
	size_t n_arms;
	enum uplift_init_control_how control_how; /* the control is arms[0] */
	uint64_t repeated_users;                  /* assignment rows of a user seen before */
	bool has_orders;                          /* days of orders were read */
	long first_order, last_order;             /* day numbers */
	bool has_discounts;                       /* days of discounted orders of treatment arms */
	long first_discount, last_discount;
	uint64_t bad_times;     /* order rows whose order_time was not read */
	long bad_time_line;     /* the first of them */
	char bad_time[64];      /* its text (cut) */
	uint64_t negative_rows; /* order rows with a negative amount (refunds?) */
	/* what the user should look at, one sentence each, also said in the ini */
	char **notes;
	size_t n_notes;
};

/*
 * Read the folder dir. On success returns a new result (uplift_init_free);
 * on failure NULL with err filled: a file that cannot be read, no arm or
 * user column recognised in assignments.csv, an arm name that experiment.ini
 * cannot hold, an unknown --control (listing the arms).
 */
struct uplift_init *uplift_init_scan(const char *dir, const struct uplift_init_options *opt,
				     struct uplift_error *err);

/* Free a result; NULL is a no-op. */
void uplift_init_free(struct uplift_init *in);

/*
 * The header that holds column c in the files of in (the first file that
 * has one, in the order of in->file), or NULL; *conflict is the index of
 * a file that names it otherwise, or -1.
 */
const char *uplift_init_header(const struct uplift_init *in, enum uplift_column_name c,
			       int *conflict);

/*
 * Whether s can be written verbatim as a value of experiment.ini (a header
 * of [columns], the control, the name): not empty, no blank at either end,
 * no control character, none of ; = [ ] (a ';' after a blank would start
 * a comment, and the others read as another line's syntax).
 */
bool uplift_init_value_ok(const char *s);

/* Whether s can be an arm's name in "[arm s]": not empty, no blank at either end, no ] or control
 * character. */
bool uplift_init_arm_ok(const char *s);

/* Write the commented experiment.ini of in to fp (UTF-8). */
void uplift_init_write(const struct uplift_init *in, FILE *fp);

/*
 * Create dir/experiment.ini with the text of uplift_init_write: written to
 * a temporary and linked into place, so it appears whole or not at all and
 * never replaces a file of that name (an existing one is an input error).
 */
enum uplift_status uplift_init_create(const struct uplift_init *in, const char *dir,
				      struct uplift_error *err);

#endif
