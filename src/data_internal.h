/*
 * data_internal.h - the seams between the files of the loader, internal to
 * the library. data.c runs the load: data_assign.c reads assignments.csv
 * into the user table, data_orders.c orders.csv and history.csv, and
 * data_outcomes.c outcomes.csv; each reads its file through data_pipe.c
 * (a reader and an applier thread joined by a ring of batches) and checks
 * it with problems.c (headers, widths, UTF-8, the problems list).
 *
 * What runs once per row is static inline here (the UTF-8 check of a
 * field, the width check, copying a field into a batch, handing a full
 * batch over, finding a user's accumulator), so that splitting the loader
 * into files added no call on the per-row path.
 */
#ifndef UPLIFT_DATA_INTERNAL_H
#define UPLIFT_DATA_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uplift_csv.h"
#include "uplift_data.h"
#include "uplift_error.h"

/* ---- problems.c: headers, widths, UTF-8, the problems list --------------- */

/*
 * Fail on a header that names a column twice, has an empty name or a name
 * that is not UTF-8. UPLIFT_OK or the error, in err.
 */
enum uplift_status uplift_header_check(const char *path, const struct uplift_csv_row *h,
				       struct uplift_error *err);

/* ---- header_find.c: uplift's columns in a header, through [columns] ----- */

/* The index of column c in header h (the header [columns] gives it, else its name), or -1. */
long uplift_header_find(const struct uplift_csv_row *h, const struct uplift_columns_def *def,
			enum uplift_column_name c);

/*
 * The error for column c (or alt, which would do instead: paid for amount;
 * UPLIFT_N_COLUMN_NAMES for none) missing from header h of path: the
 * header sought with the ini line that gave it, the headers found and the
 * closest of them. Returns UPLIFT_EINPUT.
 */
enum uplift_status uplift_header_missing(const char *path, const struct uplift_csv_row *h,
					 const struct uplift_columns_def *def,
					 enum uplift_column_name c, enum uplift_column_name alt,
					 struct uplift_error *err);

/*
 * The headers of h for a message, "会员ID, 分组, 下单时间, … (12 more)":
 * escaped for the terminal, each cut to 32 display columns, the list cut
 * to fit UPLIFT_HEADER_LIST_SIZE bytes (buf's size at least that). Returns buf.
 */
#define UPLIFT_HEADER_LIST_SIZE 260
const char *uplift_header_list(const struct uplift_csv_row *h, char *buf, size_t size);

/* uplift_header_find into *idx, or uplift_header_missing's error. */
enum uplift_status uplift_header_need(const char *path, const struct uplift_csv_row *h,
				      const struct uplift_columns_def *def,
				      enum uplift_column_name c, long *idx,
				      struct uplift_error *err);

/* Keep the problem in err in p (when there is room) and clear err; ENOMEM. */
enum uplift_status uplift_problems_keep(struct uplift_problems *p, struct uplift_error *err);

/*
 * The error for field col (called name) of row, which uplift_amount_parse
 * rejected for reason why (1: not a number, 2: negative).
 */
enum uplift_status uplift_number_error(const char *path, const struct uplift_csv_row *row, long col,
				       const char *name, int why, struct uplift_error *err);

/* A row callback that turns row-level input errors into collected problems. */
struct uplift_problems_guard {
	uplift_csv_row_fn fn; /* the file's own row callback, and its context */
	void *ctx;
	struct uplift_problems *problems;
};

/* An uplift_csv_row_fn over a struct uplift_problems_guard. */
enum uplift_status uplift_problems_guarded(void *guard, const struct uplift_csv_row *row,
					   struct uplift_error *err);

static inline enum uplift_status uplift_width_check(const char *path,
						    const struct uplift_csv_row *row, size_t want,
						    struct uplift_error *err)
{
	if (row->n != want)
		return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, NULL,
					"row has %zu field%s, the header has %zu", row->n,
					row->n == 1 ? "" : "s", want);
	return UPLIFT_OK;
}

/*
 * Whether s[0..len) is ASCII, which is UTF-8: words of eight bytes, the
 * last overlapping the one before, and a short string read as two
 * overlapping halves; a dozen instructions for an id of a few bytes, where
 * the call of the full check cost a few per byte (make bench with order
 * ids: 3% of the analysis).
 */
static inline bool uplift_ascii(const char *s, size_t len)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t acc = 0, w;
	uint32_t a, b;

	if (len >= 8) {
		for (size_t i = 0; i + 8 < len; i += 8) {
			memcpy(&w, s + i, 8);
			acc |= w;
		}
		memcpy(&w, s + len - 8, 8);
		return ((acc | w) & high) == 0;
	}
	if (len >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		return ((a | b) & (uint32_t)high) == 0;
	}
	if (len == 0)
		return true;
	return (((unsigned char)s[0] | (unsigned char)s[len / 2] | (unsigned char)s[len - 1]) &
		0x80) == 0;
}

/*
 * When the reader leaves UTF-8 to us (uplift_csv_options.utf8_by_caller),
 * the fields the loader uses are checked here: user ids as they are read,
 * segment values when first seen, and any field before an error message
 * quotes it. True (with err filled) when s is not UTF-8.
 */
static inline bool uplift_utf8_error(const char *path, long line, const char *column, const char *s,
				     size_t len, struct uplift_error *err)
{
	long bad;

	if (uplift_ascii(s, len))
		return false;
	if ((bad = uplift_utf8_check((const unsigned char *)s, len)) < 0)
		return false;
	uplift_error_set(err, UPLIFT_EINPUT, path, line, column,
			 "not valid UTF-8 at character %ld (byte 0x%02X); " UPLIFT_UTF8_HINT,
			 uplift_utf8_column(s, (size_t)bad), (unsigned char)s[bad]);
	return true;
}

/* ---- data_pipe.c: batches, the ring, the applier thread ------------------ */

/*
 * Rows are read in two steps. Parsing a row (its width, numbers, dates,
 * arm) needs nothing but the row; it fills a record in a batch of BATCH.
 * Applying the records (finding and adding users, adding up orders) is
 * done a batch at a time, the hash slots of the user ids AHEAD records
 * ahead prefetched, so that the cache misses of a million-user table
 * overlap instead of coming one after the other. Records are applied in file
 * order, and a batch is applied before a parse error is reported, so the
 * first error (and the order of validate's problems) is the file's.
 */
#define BATCH 1024
#define AHEAD 16 /* records between a prefetch and its use */

struct rec {
	long line;
	size_t id_off; /* user id in the batch's text */
	uint32_t id_len;
	uint32_t hash;  /* uplift_strtab_hash of the user id (orders: filled when applied) */
	long user;      /* orders: the user's index, or -1 */
	uint64_t order; /* orders: hash of the order_id, 0 when none */
	int32_t day;    /* orders */
	int32_t minute; /* orders: minute of the day, -1 without a time (read for within_days) */
	uint16_t arm;   /* assignments */
	double amount, discount;
};

/* Aligned, so that the reader filling one batch shares no cache line with
 * the applier working on the next one. */
struct batch {
	_Alignas(64) struct rec rec[BATCH];
	size_t n;
	char *text; /* the records' strings, each NUL-terminated */
	size_t text_len, text_cap;
	size_t *by_off, *by_len; /* assignments: [record * n_by + column] in text */
	double *vals;            /* assignments: [record * values + column], [metric] columns */
};

/* The columns of assignments.csv read as numbers for [metric] sections (data_metrics.c). */
struct uplift_assign_values {
	size_t n;
	long col[UPLIFT_N_METRICS + 1];   /* index in the header */
	int metric[UPLIFT_N_METRICS + 1]; /* the metric whose covariate it is; -1: exposed_at */
	const char *name[UPLIFT_N_METRICS + 1]; /* its header (the experiment's string) */
	int tz_minutes;
};

/* Whether a [metric] needs exposed_at (within_days). */
bool uplift_data_metrics_exposure(const struct uplift_experiment *exp);
/* Find the columns v reads in header h (a missing one is an error). */
enum uplift_status uplift_data_values_header(struct uplift_assign_values *v,
					     const struct uplift_experiment *exp,
					     const struct uplift_csv_row *h, const char *path,
					     struct uplift_error *err);
/* Row's values of those columns into out[v->n] (on the reading thread). */
enum uplift_status uplift_data_values_parse(const struct uplift_assign_values *v,
					    const struct uplift_csv_row *row, double *out,
					    const char *path, struct uplift_error *err);
/* Room for cap users in d's arrays of v's columns; false when out of memory. */
bool uplift_data_values_grow(struct uplift_data *d, const struct uplift_assign_values *v,
			     size_t cap);
/* Store user u's values. */
void uplift_data_values_store(struct uplift_data *d, const struct uplift_assign_values *v,
			      const double *vals, size_t u);
/* After assignments.csv: the per-user sums of the metrics that keep one. */
enum uplift_status uplift_data_metrics_init(struct uplift_data *d, bool has_orders,
					    struct uplift_error *err);
/* The user metrics the files support, as a bit mask (after d->metrics is set). */
unsigned uplift_data_metrics_supported(const struct uplift_data *d);
/* An order of user u in the window (amount < 0: a refund) into those sums. */
void uplift_data_metrics_order(struct uplift_data *d, size_t u, long day, long minute,
			       double amount, double discount, bool post);
/* After orders.csv: refunds clamped, the users not yet exposed counted. */
void uplift_data_metrics_finish(struct uplift_data *d);
void uplift_data_metrics_free(struct uplift_data *d);

/* Applies the records of a full batch, in order (the applier thread's work). */
typedef enum uplift_status (*uplift_batch_fn)(void *ctx, struct batch *b, struct uplift_error *err);

/*
 * A pipe of batches between the thread that reads and parses (the caller
 * of uplift_csv_read) and the thread that applies: parsing a row and
 * applying it cost about the same, so on two cores the file reads in about
 * half the time. Batches are applied one at a time, in the order they were
 * filled, and each exactly as it would be without the second thread (the
 * results are the same to the bit; test_data_pipe checks it). When the
 * applier stops at an error, the reader is told at its next hand-over and
 * stops too; the applier's error, from an earlier row, is the one
 * reported. Without a thread (one_thread, or pthread_create failing)
 * batches are applied as soon as they are full.
 *
 * A thread that finds nothing to do (the applier an empty ring, the reader
 * a full one) sleeps until half the ring is there for it again, so that
 * the two wake each other once every RING / 2 batches, not once a batch.
 */
#define RING 8

struct pipe {
	struct batch ring[RING];
	size_t fill;        /* the batch being filled */
	size_t head, count; /* handed over, not yet applied: ring[head .. head + count) */
	bool done;          /* the reader has finished */
	bool draining;      /* the reader waits for the ring to empty (pipe_drain) */
	bool want_work;     /* the applier sleeps until RING / 2 batches (or the end) */
	bool want_space;    /* the reader sleeps until RING / 2 batches are free */
	bool failed;        /* the applier stopped at the error in cerr */
	bool threaded;
	struct uplift_error cerr;
	uplift_batch_fn apply;
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

/* One CSV file to read: what uplift_pipe_read_file needs. */
struct uplift_data_file {
	const char *path;
	const struct uplift_csv_options *copt;
	uplift_csv_row_fn row; /* every row, the header first, with ctx */
	void *ctx;
	/* With a pipe, row parses into its batches and apply (with ctx)
	 * applies them, on a second thread when threaded; NULL: row applies
	 * each row itself. */
	struct pipe *pipe;
	uplift_batch_fn apply;
	bool threaded;
	struct uplift_problems *problems; /* collect row-level problems, or NULL */
	uint64_t *bytes_read;             /* the file's bytes are added here */
};

/*
 * Read the file through f->row, collecting problems when asked to. With a
 * pipe, the rows still in it are applied at the end of the file or after
 * the reader's own error; an error among them is earlier and wins.
 */
enum uplift_status uplift_pipe_read_file(const struct uplift_data_file *f,
					 struct uplift_error *err);

/* Hand the batch being filled over; an error when the applier has stopped. */
enum uplift_status uplift_pipe_submit(struct pipe *p, struct uplift_error *err);

/*
 * After a row fails to parse: the rows before it are applied first, and
 * an error among them, being earlier, wins over the parse error st.
 */
enum uplift_status uplift_pipe_parse_failed(struct pipe *p, enum uplift_status st,
					    struct uplift_error *err);

/* The batch to fill. */
static inline struct batch *uplift_pipe_batch(struct pipe *p)
{
	return &p->ring[p->fill];
}

/*
 * After a row was parsed into the batch being filled (st: how that went):
 * a failure is reported as uplift_pipe_parse_failed says; a full batch is
 * handed over.
 */
static inline enum uplift_status uplift_pipe_parsed(struct pipe *p, enum uplift_status st,
						    struct uplift_error *err)
{
	if (st != UPLIFT_OK)
		return uplift_pipe_parse_failed(p, st, err);
	return uplift_pipe_batch(p)->n == BATCH ? uplift_pipe_submit(p, err) : UPLIFT_OK;
}

/* Copy s[0..len) into the batch's text; its offset in *off. False when out of memory. */
static inline bool uplift_batch_text(struct batch *b, const char *s, size_t len, size_t *off)
{
	if (b->text_len + len + 1 > b->text_cap) {
		size_t cap = b->text_cap ? b->text_cap : 16384;
		char *t;
		while (cap < b->text_len + len + 1)
			cap *= 2;
		if (!(t = realloc(b->text, cap)))
			return false;
		b->text = t;
		b->text_cap = cap;
	}
	memcpy(b->text + b->text_len, s, len);
	b->text[b->text_len + len] = '\0';
	*off = b->text_len;
	b->text_len += len + 1;
	return true;
}

/* ---- data_assign.c: assignments.csv and the user table ------------------- */

/*
 * Read assignments.csv at path into d's user table and --by values (d->by
 * named, d->has_history set); fills d->counts' assignment counts. An arm
 * without users is an error (a problem, when collecting them).
 */
enum uplift_status uplift_assign_load(struct uplift_data *d, const char *path,
				      const struct uplift_csv_options *copt,
				      const struct uplift_load_options *opt,
				      struct uplift_error *err);

/*
 * The accumulator of user `user`, made (zero, no first day) if it has none
 * yet; NULL when out of memory. Inline: orders_flush and outcomes_row call
 * it on every row.
 */
static inline struct uplift_user *uplift_user_acc(struct uplift_data *d, size_t user)
{
	struct uplift_member *m = &d->members[user];
	struct uplift_user *u;

	if (m->acc)
		return &d->acc[m->acc - 1];
	if (d->n_acc == d->acc_cap) {
		size_t cap = d->acc_cap ? d->acc_cap * 2 : 1024;
		if (cap > (size_t)UINT32_MAX - 1)
			cap = (size_t)UINT32_MAX - 1;
		if (cap == d->n_acc || !(u = realloc(d->acc, cap * sizeof(*u))))
			return NULL;
		d->acc = u;
		d->acc_cap = cap;
	}
	u = &d->acc[d->n_acc++];
	*u = (struct uplift_user){.line = m->line, .arm = m->arm, .first_day = UPLIFT_NO_DAY};
	m->acc = (uint32_t)d->n_acc;
	return u;
}

/* ---- data_post.c ----------------------------------------------------------- */

/* After assignments.csv: the post period's indices and sums (none without post_days). */
enum uplift_status uplift_data_post_init(struct uplift_data *d, bool has_orders,
					 struct uplift_error *err);
/* Whether day is in the post period. */
bool uplift_data_post_in(const struct uplift_data *d, long day);
/* User's post-period accumulator, made on first use; NULL when out of memory. */
struct uplift_user *uplift_data_post_user(struct uplift_data *d, size_t user);
void uplift_data_post_free(struct uplift_data *d);

/* ---- data_orders.c, data_outcomes.c -------------------------------------- */

/*
 * orders.csv at path, or history.csv (history, d->history allocated and
 * set to no days): every row folded into d's accumulators or history, the
 * file's counts into d->counts.orders or d->counts.history.
 */
enum uplift_status uplift_orders_load(struct uplift_data *d, const char *path,
				      const struct uplift_csv_options *copt,
				      const struct uplift_load_options *opt, bool history,
				      struct uplift_error *err);

/*
 * outcomes.csv at path: a row per user into d's accumulators (d->metrics
 * from its columns), the counts into d->counts.
 */
enum uplift_status uplift_outcomes_load(struct uplift_data *d, const char *path,
					const struct uplift_csv_options *copt,
					struct uplift_problems *problems, struct uplift_error *err);

/* ---- data_order.c: the --by values in the contract's order --------------- */

/*
 * Renumber the values of every --by column of d in the order of
 * uplift_segment_order.h (the strtab rebuilt in that order, each user's
 * of_user mapped through the new numbers: one pass over the users per
 * column). Called once every file is read. UPLIFT_OK or ENOMEM in err.
 */
enum uplift_status uplift_data_order(struct uplift_data *d, struct uplift_error *err);

/* ---- data_bins.c, data_cross.c: binned and crossed --by columns ---------- */

/*
 * Which of history.csv's numbers (0 recency, 1 frequency, 2 monetary) a
 * binned --by column called column reads when assignments.csv has no such
 * column; -1 for any other name.
 */
int uplift_bins_history_number(const char *column);

/*
 * Each binned --by column's users from their numbers into their bins (see
 * uplift_by.h); a field that is not a number is an error naming path, its
 * line and the column. Called once every file is read, before
 * uplift_data_order.
 */
enum uplift_status uplift_data_bins(struct uplift_data *d, const char *path,
				    struct uplift_error *err);

/*
 * Each crossed column among the first n_shown --by columns made from its
 * parts (ordered already), then the parts (the columns from n_shown on)
 * released: d->n_by becomes n_shown.
 */
enum uplift_status uplift_data_cross(struct uplift_data *d, size_t n_shown,
				     struct uplift_error *err);

/* Release what a --by column holds (its name, values, users' values, spec). */
void uplift_by_column_release(struct uplift_by_column *by);

/* The column of assignments.csv that by reads: its name, without bins. */
const char *uplift_by_source(const struct uplift_by_column *by);

#endif
