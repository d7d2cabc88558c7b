/*
 * data.c - loads an experiment folder: assignments.csv, then orders.csv or
 * outcomes.csv, each in one streaming pass (see uplift_data.h).
 */
#include "uplift_data.h"
#include "uplift_date.h"
#include "uplift_mem.h"
#include "uplift_metric.h"
#include "uplift_segments.h"

#include <math.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSIGN_FILE   "assignments.csv"
#define ORDERS_FILE   "orders.csv"
#define OUTCOMES_FILE "outcomes.csv"
#define HISTORY_FILE  "history.csv"

/* exact doubles: 10^k for Clinger's fast path (uplift_parse_amount) */
static const double p10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
			       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

/* The general parse (uplift_parse_amount is its fast path for plain amounts). */
static int parse_amount_general(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0, frac = 0;
	bool neg = false, dot = false;
	uint64_t m = 0;
	char *end;
	double v;

	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	/* one pass: the grammar (digits, at most one point) and the digits as m */
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d <= 9) {
			if (digits < 19)
				m = m * 10 + d; /* used only with 15 digits or fewer */
			digits++;
			frac += dot;
		} else if (s[i] == '.' && !dot) {
			dot = true;
		} else {
			return 1;
		}
	}
	if (digits == 0)
		return 1;
	if (digits <= 15) {
		/*
		 * Clinger's fast path: the digits as an integer m < 10^15 and the
		 * power of ten 10^k (k <= 15) are both exact doubles, so m / 10^k,
		 * one correctly rounded division, is the double strtod returns.
		 * test_data compares the two on a million random amounts.
		 */
		v = (double)m / p10[frac];
	} else {
		v = strtod(s, &end);
		if (end != s + len || !isfinite(v))
			return 1;
	}
	if (neg && v != 0)
		return 2;
	*out = neg ? 0.0 : v;
	return 0;
}

int uplift_parse_amount(const char *s, size_t len, double *out)
{
	uint64_t m = 0;
	size_t i = 0, point;
	unsigned d;

	/*
	 * Most amounts are a few digits, a point and a few more ("24.50"):
	 * at most 15 characters, so at most 14 digits, which the general
	 * parse would take through Clinger's fast path too -- the same
	 * double. Anything else (a sign, no digit, a second point, other
	 * characters, more characters) goes to the general parse.
	 */
	if (len == 0 || len > 15)
		return parse_amount_general(s, len, out);
	while (i < len && (d = (unsigned)(unsigned char)s[i] - '0') <= 9) {
		m = m * 10 + d;
		i++;
	}
	if (i == len) {
		*out = (double)m;
		return 0;
	}
	if (s[i] != '.')
		return parse_amount_general(s, len, out);
	point = i++;
	while (i < len && (d = (unsigned)(unsigned char)s[i] - '0') <= 9) {
		m = m * 10 + d;
		i++;
	}
	if (i < len || len == 1) /* other characters after the point, or "." alone */
		return parse_amount_general(s, len, out);
	*out = (double)m / p10[len - point - 1];
	return 0;
}

static void path_join(char *buf, size_t size, const char *dir, const char *file)
{
	size_t n = strlen(dir);
	snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", file);
}

static bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/*
 * Fail on a header that names a column twice or has an empty name. The
 * names seen go into a hash table, so a header of a million columns is
 * checked in linear time (comparing each with every earlier one took
 * minutes).
 */
static enum uplift_status check_header(const char *path, const struct uplift_csv_row *h,
				       struct uplift_error *err)
{
	struct uplift_strtab names;
	enum uplift_status st = UPLIFT_OK;

	uplift_strtab_init(&names);
	for (size_t i = 0; i < h->n && st == UPLIFT_OK; i++) {
		long bad = uplift_utf8_check((const unsigned char *)h->field[i], h->len[i]), first;
		bool added;

		if (bad >= 0) {
			st = uplift_error_set(
			    err, UPLIFT_EINPUT, path, h->line, NULL,
			    "header field %zu is not valid UTF-8 (byte 0x%02X); " UPLIFT_UTF8_HINT,
			    i + 1, (unsigned char)h->field[i][bad]);
		} else if (h->len[i] == 0) {
			st = uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
					      "header field %zu is empty", i + 1);
		} else if ((first = uplift_strtab_intern(&names, h->field[i], h->len[i], &added)) <
			   0) {
			st = uplift_error_set(err, UPLIFT_ENOMEM, path, h->line, NULL,
					      "out of memory");
		} else if (!added) {
			/* every earlier name is distinct: its index is its field's */
			st = uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
					      "column '%s' appears twice in the header (fields %ld "
					      "and %zu)",
					      h->field[i], first + 1, i + 1);
		}
	}
	uplift_strtab_release(&names);
	return st;
}

static enum uplift_status require_column(const char *path, const struct uplift_csv_row *h,
					 const char *name, long *idx, struct uplift_error *err)
{
	*idx = uplift_csv_column(h, name);
	if (*idx < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
					"missing column '%s' in the header", name);
	return UPLIFT_OK;
}

static enum uplift_status check_width(const char *path, const struct uplift_csv_row *row,
				      size_t want, struct uplift_error *err)
{
	if (row->n != want)
		return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, NULL,
					"row has %zu field%s, the header has %zu", row->n,
					row->n == 1 ? "" : "s", want);
	return UPLIFT_OK;
}

/* ---- problems and batches ------------------------------------------------ */

void uplift_problems_release(struct uplift_problems *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->line[i]);
	free(p->line);
	p->line = NULL;
	p->n = 0;
	p->total = 0;
}

/* Keep the problem in err (when there is room) and clear err. */
static enum uplift_status keep_problem(struct uplift_problems *p, struct uplift_error *err)
{
	char buf[1200];

	p->total++;
	if (p->n < p->max) {
		char **line = realloc(p->line, (p->n + 1) * sizeof(*line));
		if (!line || !(line[p->n] = strdup(uplift_error_format(err, buf, sizeof(buf))))) {
			if (line)
				p->line = line;
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		}
		p->line = line;
		p->n++;
	}
	uplift_error_clear(err);
	return UPLIFT_OK;
}

/*
 * When the reader leaves UTF-8 to us (uplift_csv_options.utf8_by_caller),
 * the fields the loader uses are checked here: user ids as they are read,
 * segment values when first seen, and any field before an error message
 * quotes it. True (with err filled) when s is not UTF-8.
 */
/*
 * Whether s[0..len) is ASCII, which is UTF-8: words of eight bytes, the
 * last overlapping the one before, and a short string read as two
 * overlapping halves; a dozen instructions for an id of a few bytes, where
 * the call of the full check cost a few per byte (make bench with order
 * ids: 3% of the analysis).
 */
static inline bool ascii(const char *s, size_t len)
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

static inline bool utf8_error(const char *path, long line, const char *column, const char *s,
			      size_t len, struct uplift_error *err)
{
	long bad;

	if (ascii(s, len))
		return false;
	if ((bad = uplift_utf8_check((const unsigned char *)s, len)) < 0)
		return false;
	uplift_error_set(err, UPLIFT_EINPUT, path, line, column,
			 "not valid UTF-8 at character %ld (byte 0x%02X); " UPLIFT_UTF8_HINT,
			 uplift_utf8_column(s, (size_t)bad), (unsigned char)s[bad]);
	return true;
}

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
};

static void batch_release(struct batch *b)
{
	free(b->text);
	free(b->by_off);
	free(b->by_len);
}

/* Copy s[0..len) into the batch's text; its offset in *off. */
static bool batch_text(struct batch *b, const char *s, size_t len, size_t *off)
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

/*
 * A pipe of batches between the thread that reads and parses (the caller
 * of uplift_csv_read) and the thread that applies: parsing a row and
 * applying it cost about the same, so on two cores the file reads in about
 * half the time. Batches are applied one at a time, in the order they were
 * filled, and each exactly as it would be without the second thread (the
 * results are the same to the bit; test_data checks it). When the applier
 * stops at an error, the reader is told at its next hand-over and stops
 * too; the applier's error, from an earlier row, is the one reported.
 * Without a thread (one_thread, or pthread_create failing) batches are
 * applied as soon as they are full.
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
	enum uplift_status (*apply)(void *ctx, struct batch *b, struct uplift_error *err);
	void *ctx;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
};

static void batch_reset(struct batch *b)
{
	b->n = 0;
	b->text_len = 0;
}

static void *pipe_applier(void *arg)
{
	struct pipe *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct batch *b;
		enum uplift_status st = UPLIFT_OK;
		bool skip;

		if (p->count == 0) {
			p->want_work = true;
			while (!p->done && (p->count == 0 || (p->count < RING / 2 && !p->draining)))
				pthread_cond_wait(&p->cv, &p->mu);
			p->want_work = false;
		}
		if (p->count == 0)
			break;
		b = &p->ring[p->head];
		skip = p->failed;
		pthread_mutex_unlock(&p->mu);
		if (!skip)
			st = p->apply(p->ctx, b, &p->cerr);
		batch_reset(b);
		pthread_mutex_lock(&p->mu);
		if (st != UPLIFT_OK)
			p->failed = true;
		p->head = (p->head + 1) % RING;
		p->count--;
		if ((p->want_space && p->count <= RING / 2) || (p->draining && p->count == 0))
			pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void pipe_start(struct pipe *p,
		       enum uplift_status (*apply)(void *ctx, struct batch *b,
						   struct uplift_error *err),
		       void *ctx, bool threaded)
{
	p->apply = apply;
	p->ctx = ctx;
	uplift_error_clear(&p->cerr);
	p->threaded = false;
	if (!threaded || pthread_mutex_init(&p->mu, NULL) != 0)
		return;
	if (pthread_cond_init(&p->cv, NULL) != 0) {
		pthread_mutex_destroy(&p->mu);
		return;
	}
	if (pthread_create(&p->thread, NULL, pipe_applier, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		return;
	}
	p->threaded = true;
}

/* The batch to fill. */
static struct batch *pipe_batch(struct pipe *p)
{
	return &p->ring[p->fill];
}

/* The applier's error, once it has stopped (cerr is then no longer written). */
static enum uplift_status pipe_failure(struct pipe *p, struct uplift_error *err)
{
	*err = p->cerr;
	return p->cerr.status;
}

/* Hand the batch being filled over; an error when the applier has stopped. */
static enum uplift_status pipe_submit(struct pipe *p, struct uplift_error *err)
{
	bool failed;

	if (!p->threaded) {
		struct batch *b = &p->ring[p->fill];
		if (!p->failed && p->apply(p->ctx, b, &p->cerr) != UPLIFT_OK)
			p->failed = true;
		batch_reset(b);
		return p->failed ? pipe_failure(p, err) : UPLIFT_OK;
	}
	pthread_mutex_lock(&p->mu);
	p->count++;
	p->fill = (p->fill + 1) % RING;
	if (p->want_work && p->count >= RING / 2)
		pthread_cond_broadcast(&p->cv);
	if (p->count == RING) {
		p->want_space = true;
		while (p->count > RING / 2)
			pthread_cond_wait(&p->cv, &p->mu);
		p->want_space = false;
	}
	failed = p->failed;
	pthread_mutex_unlock(&p->mu);
	return failed ? pipe_failure(p, err) : UPLIFT_OK;
}

/* Apply everything filled so far and wait for it; the applier's error if any. */
static enum uplift_status pipe_drain(struct pipe *p, struct uplift_error *err)
{
	bool failed;

	if (p->ring[p->fill].n > 0)
		(void)pipe_submit(p, err); /* failed is looked at below */
	if (!p->threaded)
		return p->failed ? pipe_failure(p, err) : UPLIFT_OK;
	pthread_mutex_lock(&p->mu);
	p->draining = true;
	pthread_cond_broadcast(&p->cv);
	while (p->count > 0)
		pthread_cond_wait(&p->cv, &p->mu);
	p->draining = false;
	failed = p->failed;
	pthread_mutex_unlock(&p->mu);
	return failed ? pipe_failure(p, err) : UPLIFT_OK;
}

/* Stop the applier (after pipe_drain) and free the batches. */
static void pipe_stop(struct pipe *p)
{
	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		p->done = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		p->threaded = false;
	}
	for (size_t i = 0; i < RING; i++)
		batch_release(&p->ring[i]);
}

/*
 * After a row fails to parse: the rows before it are applied first, and
 * an error among them, being earlier, wins over the parse error st.
 */
static enum uplift_status parse_failed(struct pipe *p, enum uplift_status st,
				       struct uplift_error *err)
{
	struct uplift_error first;

	uplift_error_clear(&first);
	if (pipe_drain(p, &first) != UPLIFT_OK) {
		*err = first;
		return first.status;
	}
	return st;
}

/*
 * After a row was parsed into the batch being filled (st: how that went):
 * a failure is reported as parse_failed says; a full batch is handed over.
 */
static enum uplift_status pipe_parsed(struct pipe *p, enum uplift_status st,
				      struct uplift_error *err)
{
	if (st != UPLIFT_OK)
		return parse_failed(p, st, err);
	return pipe_batch(p)->n == BATCH ? pipe_submit(p, err) : UPLIFT_OK;
}

/* ---- assignments.csv ---------------------------------------------------- */

/*
 * The reading thread's fields first, the applying thread's in cache lines
 * of their own: a counter bumped by the reader beside a field the applier
 * reads would move that line between the cores on every row (measured:
 * about a tenth of the reader's time, when the reader counted rows in
 * struct uplift_data). The reader does not touch struct uplift_data while
 * the applier runs.
 */
struct assign_ctx {
	const char *path;
	const struct uplift_experiment *exp;
	size_t n_by;
	long c_user, c_arm;
	long *c_by; /* per --by column: its index in the header, -1 if derived */
	size_t width;
	size_t fields; /* the leading fields read: the reader splits only these */
	uint64_t read; /* rows read, into d->assignments_read at the end */

	/* the applying thread's */
	_Alignas(64) struct uplift_data *d;
	bool dedupe;
	struct uplift_problems *problems;
	long *by_value; /* per --by column: the row's value index, -1 if new */
	struct pipe pipe;
};

static enum uplift_status assign_header(struct assign_ctx *a, const struct uplift_csv_row *h,
					struct uplift_error *err)
{
	struct uplift_data *d = a->d;

	if (check_header(a->path, h, err) ||
	    require_column(a->path, h, "user_id", &a->c_user, err) ||
	    require_column(a->path, h, "arm", &a->c_arm, err))
		return err->status;
	a->width = h->n;
	if (d->has_history) {
		for (size_t i = 0; i < h->n; i++)
			if (uplift_derived_column(h->field[i]) >= 0)
				return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line,
							h->field[i],
							"this column is derived from history.csv; "
							"rename it in assignments.csv");
	}
	for (size_t i = 0; i < d->n_by; i++) {
		const char *name = d->by[i].name;
		if (uplift_derived_column(name) >= 0 && d->has_history) {
			d->by[i].derived = true;
			a->c_by[i] = -1;
			continue;
		}
		a->c_by[i] = uplift_csv_column(h, name);
		if (a->c_by[i] < 0 && uplift_derived_column(name) >= 0)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"no column '%s' to break down by (--by); it is "
						"derived from history.csv, which the folder lacks",
						name);
		if (a->c_by[i] < 0)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"no column '%s' to break down by (--by)", name);
		if (a->c_by[i] == a->c_user || a->c_by[i] == a->c_arm)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"cannot break down by '%s'", name);
	}
	a->fields = (size_t)(a->c_user > a->c_arm ? a->c_user : a->c_arm) + 1;
	for (size_t i = 0; i < d->n_by; i++)
		if (a->c_by[i] >= (long)a->fields)
			a->fields = (size_t)a->c_by[i] + 1;
	for (size_t i = 0; i < RING && d->n_by; i++) {
		struct batch *b = &a->pipe.ring[i];
		if (!(b->by_off = calloc(BATCH * d->n_by, sizeof(size_t))) ||
		    !(b->by_len = calloc(BATCH * d->n_by, sizeof(size_t))))
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, h->line, NULL,
						"out of memory");
	}
	return UPLIFT_OK;
}

/* Check an assignment row and add it to the batch. */
static enum uplift_status assign_parse(struct assign_ctx *a, const struct uplift_csv_row *row,
				       struct uplift_error *err)
{
	struct batch *b = pipe_batch(&a->pipe);
	struct rec *r = &b->rec[b->n];
	const char *id;
	size_t id_len;
	long arm;

	if (check_width(a->path, row, a->width, err))
		return err->status;
	id = row->field[a->c_user];
	id_len = row->len[a->c_user];
	if (id_len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "user_id",
					"empty user id");
	if (id_len > UINT32_MAX - 16)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "user_id",
					"user id longer than 4 GB");
	if (utf8_error(a->path, row->line, "user_id", id, id_len, err))
		return err->status;
	arm = uplift_experiment_find_arm(a->exp, row->field[a->c_arm], row->len[a->c_arm]);
	if (arm < 0) {
		if (utf8_error(a->path, row->line, "arm", row->field[a->c_arm], row->len[a->c_arm],
			       err))
			return err->status;
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "arm",
					"arm '%s' is not defined in experiment.ini",
					row->field[a->c_arm]);
	}
	r->line = row->line;
	r->id_len = (uint32_t)id_len;
	r->hash = uplift_strtab_hash(id, id_len);
	r->arm = (uint16_t)arm;
	if (!batch_text(b, id, id_len, &r->id_off))
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
					"out of memory");
	for (size_t i = 0; i < a->n_by; i++) {
		long c = a->c_by[i];
		size_t k = b->n * a->n_by + i;
		if (c < 0) /* derived */
			continue;
		b->by_len[k] = row->len[c];
		if (!batch_text(b, row->field[c], row->len[c], &b->by_off[k]))
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
						"out of memory");
	}
	b->n++;
	return UPLIFT_OK;
}

/* Add the user of record k of the batch (in file order). */
static enum uplift_status assign_apply(struct assign_ctx *a, const struct batch *b, size_t k,
				       struct uplift_error *err)
{
	struct uplift_data *d = a->d;
	const struct rec *r = &b->rec[k];
	const char *id = b->text + r->id_off;
	struct uplift_member *u;
	long idx;
	bool added;

	/* checked before anything is stored, so a rejected row leaves no trace;
	 * the values found are kept for storing (a->by_value) */
	for (size_t i = 0; i < d->n_by; i++) {
		const char *v = b->text + b->by_off[k * d->n_by + i];
		size_t len = b->by_len[k * d->n_by + i];
		if (d->by[i].derived)
			continue;
		a->by_value[i] = uplift_strtab_find(&d->by[i].values, v, len);
		if (a->by_value[i] >= 0)
			continue;
		if (utf8_error(a->path, r->line, d->by[i].name, v, len, err))
			return err->status;
		if (d->by[i].values.n >= UPLIFT_MAX_SEGMENT_VALUES)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->path, r->line, d->by[i].name,
			    "more than %d distinct values: --by is for segments, "
			    "not for identifiers",
			    UPLIFT_MAX_SEGMENT_VALUES);
	}
	idx = uplift_strtab_intern_hashed(&d->ids, id, r->id_len, r->hash, &added);
	if (idx < 0)
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
					"out of memory");
	if (!added) {
		const struct uplift_member *first = &d->members[idx];
		if (first->arm != r->arm)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->path, r->line, "user_id",
			    "user '%s' is assigned to two arms: '%s' (line %u) and "
			    "'%s' (line %ld)",
			    id, d->exp->arms[first->arm].name, first->line,
			    d->exp->arms[r->arm].name, r->line);
		if (!a->dedupe)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, r->line, "user_id",
						"user '%s' is assigned twice (lines %u and %ld); "
						"--dedupe counts such repeats once",
						id, first->line, r->line);
		d->assignments_duplicate++;
		return UPLIFT_OK;
	}
	if (d->n_users == d->users_cap) {
		size_t cap = d->users_cap ? d->users_cap * 2 : 1024;
		struct uplift_member *p = realloc(d->members, cap * sizeof(*p));
		if (!p)
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
						"out of memory");
		d->members = p;
		for (size_t i = 0; i < d->n_by; i++) {
			uint32_t *q = realloc(d->by[i].of_user, cap * sizeof(*q));
			if (!q)
				return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
							"out of memory");
			d->by[i].of_user = q;
		}
		d->users_cap = cap;
	}
	u = &d->members[d->n_users];
	u->line = r->line > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)r->line;
	u->arm = r->arm;
	u->unused = 0;
	u->acc = 0; /* none until the user buys */
	for (size_t i = 0; i < d->n_by; i++) {
		long v = a->by_value[i];
		if (d->by[i].derived)
			continue;
		if (v < 0) /* a new value */
			v = uplift_strtab_intern(&d->by[i].values,
						 b->text + b->by_off[k * d->n_by + i],
						 b->by_len[k * d->n_by + i], NULL);
		if (v < 0)
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
						"out of memory");
		d->by[i].of_user[d->n_users] = (uint32_t)v;
	}
	d->arm_users[r->arm]++;
	d->n_users++;
	return UPLIFT_OK;
}

/*
 * Apply the batch: every record, or up to the first problem (kept, and
 * the rest applied, when collecting problems).
 */
static enum uplift_status assign_flush(void *ctx, struct batch *b, struct uplift_error *err)
{
	struct assign_ctx *a = ctx;
	enum uplift_status st = UPLIFT_OK;

	for (size_t k = 0; k < b->n && k < AHEAD; k++)
		uplift_strtab_prefetch(&a->d->ids, b->rec[k].hash);
	for (size_t k = 0; k < b->n && st == UPLIFT_OK; k++) {
		if (k + AHEAD < b->n)
			uplift_strtab_prefetch(&a->d->ids, b->rec[k + AHEAD].hash);
		st = assign_apply(a, b, k, err);
		if (st == UPLIFT_EINPUT && a->problems)
			st = keep_problem(a->problems, err);
	}
	return st;
}

static enum uplift_status assign_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct assign_ctx *a = ctx;

	if (row->index == 0)
		return assign_header(a, row, err);
	a->read++;
	return pipe_parsed(&a->pipe, assign_parse(a, row, err), err);
}

/* ---- orders.csv and history.csv ------------------------------------------- */

/*
 * The order ids seen so far, as 64-bit hashes in an open-addressing set:
 * 8 bytes per order, and only when the file has an order_id column. (Two
 * different ids share a 64-bit hash with odds below 1e-6 in 10 million
 * orders; such a pair would be counted as one duplicate.)
 */
struct idset {
	uint64_t *slot;
	size_t n, n_slots;
};

/* 1 if h was new, 0 if seen before, -1 when out of memory. */
static int idset_add(struct idset *s, uint64_t h)
{
	size_t i;

	if ((s->n + 1) * 2 > s->n_slots) {
		size_t n = s->n_slots ? s->n_slots * 2 : 1024;
		uint64_t *slot = uplift_table_calloc(n, sizeof(*slot));
		if (!slot)
			return -1;
		for (size_t k = 0; k < s->n_slots; k++) {
			if (!s->slot[k])
				continue;
			for (i = s->slot[k] & (n - 1); slot[i]; i = (i + 1) & (n - 1))
				;
			slot[i] = s->slot[k];
		}
		uplift_table_free(s->slot, s->n_slots, sizeof(*s->slot));
		s->slot = slot;
		s->n_slots = n;
	}
	for (i = h & (s->n_slots - 1); s->slot[i]; i = (i + 1) & (s->n_slots - 1))
		if (s->slot[i] == h)
			return 0;
	s->slot[i] = h;
	s->n++;
	return 1;
}

/* The reading thread's fields first, then the applier's (see struct assign_ctx). */
struct orders_ctx {
	const char *path;
	long c_user, c_time, c_amount, c_discount, c_order_id;
	size_t width;
	uint64_t read; /* rows read, into struct uplift_data at the end */
	struct uplift_date_cache dates;

	/* the applying thread's */
	_Alignas(64) struct uplift_data *d;
	bool history;                     /* history.csv, not orders.csv */
	uint64_t *duplicate, *unassigned; /* the file's counts in struct uplift_data */
	struct uplift_problems *problems;
	struct idset seen; /* order ids, when c_order_id >= 0 */
	struct pipe pipe;
};

static enum uplift_status number_error(const char *path, const struct uplift_csv_row *row, long col,
				       const char *name, int why, struct uplift_error *err)
{
	if (row->len[col] == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, name, "empty value");
	if (utf8_error(path, row->line, name, row->field[col], row->len[col], err))
		return err->status;
	return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, name,
				why == 2 ? "negative: '%s'"
					 : "not a number: '%s' (write plain decimals like 1234.50)",
				row->field[col]);
}

static enum uplift_status orders_header(struct orders_ctx *o, const struct uplift_csv_row *row,
					struct uplift_error *err)
{
	if (check_header(o->path, row, err) ||
	    require_column(o->path, row, "user_id", &o->c_user, err) ||
	    require_column(o->path, row, "order_time", &o->c_time, err) ||
	    require_column(o->path, row, "amount", &o->c_amount, err))
		return err->status;
	o->c_discount = uplift_csv_column(row, "discount");
	o->c_order_id = uplift_csv_column(row, "order_id");
	o->width = row->n;
	return UPLIFT_OK;
}

/* Check an order row of orders.csv or history.csv and add it to the batch. */
static enum uplift_status order_parse(struct orders_ctx *o, const struct uplift_csv_row *row,
				      struct uplift_error *err)
{
	struct batch *b = pipe_batch(&o->pipe);
	struct rec *r = &b->rec[b->n];
	const char *id = row->field[o->c_user];
	size_t id_len = row->len[o->c_user];
	long day;
	int why;

	if (check_width(o->path, row, o->width, err))
		return err->status;
	if (id_len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "user_id",
					"empty user id");
	if (!uplift_date_parse_cached(&o->dates, row->field[o->c_time], row->len[o->c_time],
				      &day)) {
		if (utf8_error(o->path, row->line, "order_time", row->field[o->c_time],
			       row->len[o->c_time], err))
			return err->status;
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "order_time",
					"not a date/time: '%s' (expected YYYY-MM-DD or "
					"YYYY-MM-DD HH:MM[:SS])",
					row->field[o->c_time]);
	}
	if ((why = uplift_parse_amount(row->field[o->c_amount], row->len[o->c_amount], &r->amount)))
		return number_error(o->path, row, o->c_amount, "amount", why, err);
	r->discount = 0;
	if (o->c_discount >= 0 && row->len[o->c_discount] > 0) {
		if ((why = uplift_parse_amount(row->field[o->c_discount], row->len[o->c_discount],
					       &r->discount)))
			return number_error(o->path, row, o->c_discount, "discount", why, err);
		if (r->discount > r->amount)
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "discount",
						"%s is more than the amount %s",
						row->field[o->c_discount], row->field[o->c_amount]);
	}
	r->line = row->line;
	r->day = (int32_t)day;
	r->order = 0; /* no order id */
	if (o->c_order_id >= 0 && row->len[o->c_order_id] > 0) {
		if (utf8_error(o->path, row->line, "order_id", row->field[o->c_order_id],
			       row->len[o->c_order_id], err))
			return err->status;
		r->order = uplift_hash64(row->field[o->c_order_id], row->len[o->c_order_id]);
		r->order += r->order == 0; /* 0 marks an empty slot of the set */
	}
	/* the hash is left to the applying thread, which has less to do here */
	r->hash = 0;
	r->id_len = id_len > UINT32_MAX - 16 ? 0 : (uint32_t)id_len; /* 0: no user */
	if (!batch_text(b, id, r->id_len, &r->id_off))
		return uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL,
					"out of memory");
	b->n++;
	return UPLIFT_OK;
}

/*
 * The accumulator of user `user`, made (zero, no first day) if it has none
 * yet; NULL when out of memory.
 */
static struct uplift_user *user_acc(struct uplift_data *d, size_t user)
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

/*
 * Fold an order of orders.csv into its user (or count it as outside the
 * window). False when out of memory.
 */
static bool order_apply(struct uplift_data *d, const struct rec *r)
{
	struct uplift_user *u;

	if (r->day < d->exp->start || r->day > d->exp->end) {
		d->orders_outside_window++;
		return true;
	}
	if (!(u = user_acc(d, (size_t)r->user)))
		return false;
	d->orders_in_window++;
	u->orders++;
	u->converted = 1;
	u->repurchased = u->orders >= 2;
	u->redeemed |= r->discount > 0;
	u->paid += r->amount - r->discount;
	u->discount += r->discount;
	if (u->first_day == UPLIFT_NO_DAY || r->day < u->first_day)
		u->first_day = r->day;
	{
		double bin = floor(r->amount / UPLIFT_BASKET_WIDTH);
		size_t b = bin >= UPLIFT_BASKET_BINS - 1 ? UPLIFT_BASKET_BINS - 1 : (size_t)bin;
		d->basket_hist[(size_t)u->arm * UPLIFT_BASKET_BINS + b]++;
	}
	return true;
}

/* Fold an order of history.csv into its user (or count it as after asof). */
static void history_apply(struct uplift_data *d, const struct rec *r)
{
	struct uplift_history *u;
	double paid = r->amount - r->discount;

	if (r->day > d->asof) {
		d->history_after_asof++;
		return;
	}
	d->history_used++;
	u = &d->history[r->user];
	u->orders++;
	u->paid += paid;
	if (u->first == UPLIFT_NO_DAY || r->day < u->first)
		u->first = r->day;
	if (u->last == UPLIFT_NO_DAY || r->day > u->last)
		u->last = r->day;
	if (r->day > d->asof - d->window_days) {
		u->pre_orders++;
		u->pre_paid += paid;
		u->pre_amount += r->amount;
		u->pre_discount += r->discount;
	}
}

/*
 * Apply the batch in three sweeps: prefetch the id slots (and the order-id
 * slots), find the users (the table no longer changes) and prefetch them,
 * then count and fold each order in file order. A repeated order_id counts
 * as a duplicate before its user is looked at.
 */
static enum uplift_status orders_flush(void *ctx, struct batch *b, struct uplift_error *err)
{
	struct orders_ctx *o = ctx;
	struct uplift_data *d = o->d;
	enum uplift_status st = UPLIFT_OK;

	for (size_t k = 0; k < b->n; k++)
		b->rec[k].hash = uplift_strtab_hash(b->text + b->rec[k].id_off, b->rec[k].id_len);
	/* slots 2 * AHEAD records ahead, their strings AHEAD ahead */
	for (size_t k = 0; k < b->n + 2 * AHEAD; k++) {
		if (k < b->n)
			uplift_strtab_prefetch(&d->ids, b->rec[k].hash);
		if (k >= AHEAD && k - AHEAD < b->n)
			uplift_strtab_prefetch_string(&d->ids, b->rec[k - AHEAD].hash);
		if (k >= 2 * AHEAD) {
			struct rec *r = &b->rec[k - 2 * AHEAD];
			r->user = r->id_len ? uplift_strtab_find_hashed(
						  &d->ids, b->text + r->id_off, r->id_len, r->hash)
					    : -1;
		}
	}
	for (size_t k = 0; k < b->n; k++) {
		if (b->rec[k].user >= 0 && o->history)
			__builtin_prefetch(&d->history[b->rec[k].user], 1);
		else if (b->rec[k].user >= 0)
			__builtin_prefetch(&d->members[b->rec[k].user]);
		if (b->rec[k].order && o->seen.n_slots)
			__builtin_prefetch(&o->seen.slot[b->rec[k].order & (o->seen.n_slots - 1)]);
	}
	/* the accumulators of the users who have one already */
	for (size_t k = 0; k < b->n && !o->history; k++) {
		uint32_t acc = b->rec[k].user >= 0 ? d->members[b->rec[k].user].acc : 0;
		if (acc)
			__builtin_prefetch(&d->acc[acc - 1], 1);
	}
	for (size_t k = 0; k < b->n; k++) {
		const struct rec *r = &b->rec[k];
		/* an id that is no user's may be one in another encoding: user
		 * ids found were checked in assignments.csv, the others here */
		if (r->user < 0 &&
		    utf8_error(o->path, r->line, "user_id", b->text + r->id_off, r->id_len, err)) {
			st = o->problems ? keep_problem(o->problems, err) : err->status;
			if (st != UPLIFT_OK)
				break;
			continue;
		}
		if (r->order) {
			int added = idset_add(&o->seen, r->order);
			if (added < 0) {
				st = uplift_error_set(err, UPLIFT_ENOMEM, o->path, r->line, NULL,
						      "out of memory");
				break;
			}
			if (added == 0) {
				(*o->duplicate)++;
				continue;
			}
		}
		if (r->user < 0) {
			(*o->unassigned)++;
			continue;
		}
		if (o->history) {
			history_apply(d, r);
		} else if (!order_apply(d, r)) {
			st = uplift_error_set(err, UPLIFT_ENOMEM, o->path, r->line, NULL,
					      "out of memory");
			break;
		}
	}
	return st;
}

static enum uplift_status orders_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct orders_ctx *o = ctx;

	if (row->index == 0)
		return orders_header(o, row, err);
	o->read++;
	return pipe_parsed(&o->pipe, order_parse(o, row, err), err);
}

/* Thresholds, then the values of the derived --by columns. */
static enum uplift_status derive_segments(struct uplift_data *d, const char *path,
					  struct uplift_error *err)
{
	d->thresholds = calloc(1, sizeof(*d->thresholds));
	if (!d->thresholds || !uplift_thresholds_compute(d, &d->exp->segments, d->thresholds))
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	for (size_t i = 0; i < d->n_by; i++) {
		struct uplift_by_column *by = &d->by[i];
		enum uplift_derived col;
		const char *const *names;
		size_t n;

		if (!by->derived)
			continue;
		col = (enum uplift_derived)uplift_derived_column(by->name);
		names = uplift_derived_values(col, &n);
		for (size_t k = 0; k < n; k++)
			if (uplift_strtab_intern(&by->values, names[k], strlen(names[k]), NULL) < 0)
				return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL,
							"out of memory");
		for (size_t u = 0; u < d->n_users; u++) {
			const char *v = uplift_derived_value(col, &d->history[u], d->thresholds);
			by->of_user[u] = (uint32_t)uplift_strtab_find(&by->values, v, strlen(v));
		}
	}
	return UPLIFT_OK;
}

/* ---- outcomes.csv ------------------------------------------------------- */

enum { OC_ORDERS, OC_REVENUE, OC_DISCOUNT, OC_CONVERTED, OC_REPURCHASED, OC_N };
static const char *const oc_names[OC_N] = {
    "orders", "revenue", "discount", "converted", "repurchased",
};

struct outcomes_ctx {
	struct uplift_data *d;
	const char *path;
	long c_user;
	long c[OC_N];
	size_t width;
	uint8_t *seen; /* per user: had a row already (line kept in seen_line) */
	uint32_t *seen_line;
};

static unsigned outcome_metrics(const long *c)
{
	unsigned m = 0;

	if (c[OC_CONVERTED] >= 0 || c[OC_ORDERS] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_CONVERSION);
	if (c[OC_REPURCHASED] >= 0 || c[OC_ORDERS] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_REPURCHASE);
	if (c[OC_REVENUE] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_REVENUE);
	if (c[OC_ORDERS] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_ORDERS);
	if (c[OC_DISCOUNT] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT);
	if (c[OC_REVENUE] >= 0 && c[OC_ORDERS] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_AOV);
	if (c[OC_REVENUE] >= 0 && c[OC_DISCOUNT] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_AMOUNT);
	if (c[OC_DISCOUNT] >= 0)
		m |= UPLIFT_METRIC_BIT(UPLIFT_REDEMPTION);
	return m;
}

static enum uplift_status outcomes_row(void *ctx, const struct uplift_csv_row *row,
				       struct uplift_error *err)
{
	struct outcomes_ctx *o = ctx;
	struct uplift_data *d = o->d;
	struct uplift_user *u;
	double v[OC_N];
	long idx;

	if (row->index == 0) {
		if (check_header(o->path, row, err) ||
		    require_column(o->path, row, "user_id", &o->c_user, err))
			return err->status;
		for (int k = 0; k < OC_N; k++)
			o->c[k] = uplift_csv_column(row, oc_names[k]);
		d->metrics = outcome_metrics(o->c);
		if (d->metrics == 0)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, o->path, row->line, NULL,
			    "no metric column (expected any of orders, revenue, "
			    "discount, converted, repurchased)");
		o->width = row->n;
		return UPLIFT_OK;
	}
	d->outcomes_read++;
	if (check_width(o->path, row, o->width, err))
		return err->status;
	for (int k = 0; k < OC_N; k++) {
		long c = o->c[k];
		int why;
		v[k] = 0;
		if (c < 0)
			continue;
		if ((why = uplift_parse_amount(row->field[c], row->len[c], &v[k])))
			return number_error(o->path, row, c, oc_names[k], why, err);
		if ((k == OC_CONVERTED || k == OC_REPURCHASED) && v[k] != 0 && v[k] != 1)
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, oc_names[k],
						"expected 0 or 1, got '%s'", row->field[c]);
		if (k == OC_ORDERS && (v[k] != floor(v[k]) || v[k] > UINT32_MAX))
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "orders",
						"expected a whole number, got '%s'", row->field[c]);
	}
	idx = uplift_strtab_find(&d->ids, row->field[o->c_user], row->len[o->c_user]);
	if (idx < 0) {
		/* no user's id, or one in another encoding (see orders_flush) */
		if (utf8_error(o->path, row->line, "user_id", row->field[o->c_user],
			       row->len[o->c_user], err))
			return err->status;
		d->outcomes_unassigned++;
		return UPLIFT_OK;
	}
	if (o->seen[idx])
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "user_id",
					"user '%s' has two rows (lines %u and %ld)",
					row->field[o->c_user], o->seen_line[idx], row->line);
	if (!(u = user_acc(d, (size_t)idx)))
		return uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL,
					"out of memory");
	o->seen[idx] = 1;
	o->seen_line[idx] = (uint32_t)row->line;
	u->orders = (uint32_t)v[OC_ORDERS];
	u->paid = v[OC_REVENUE];
	u->discount = v[OC_DISCOUNT];
	u->redeemed = v[OC_DISCOUNT] > 0; /* per user: at least one discounted order */
	/* converted and repurchased were checked to be 0 or 1 */
	u->converted = o->c[OC_CONVERTED] >= 0 ? v[OC_CONVERTED] != 0 : u->orders >= 1;
	u->repurchased = o->c[OC_REPURCHASED] >= 0 ? v[OC_REPURCHASED] != 0 : u->orders >= 2;
	return UPLIFT_OK;
}

/* ---- the folder ---------------------------------------------------------- */

void uplift_data_free(struct uplift_data *d)
{
	if (!d)
		return;
	uplift_strtab_release(&d->ids);
	free(d->thresholds);
	free(d->members);
	free(d->acc);
	free(d->history);
	free(d->arm_users);
	free(d->basket_hist);
	for (size_t i = 0; i < d->n_by; i++) {
		free(d->by[i].name);
		uplift_strtab_release(&d->by[i].values);
		free(d->by[i].of_user);
	}
	free(d->by);
	free(d);
}

/* A row callback that turns row-level input errors into collected problems. */
struct guard {
	uplift_csv_row_fn fn;
	void *ctx;
	struct uplift_problems *problems;
};

static enum uplift_status guarded(void *ctx, const struct uplift_csv_row *row,
				  struct uplift_error *err)
{
	struct guard *g = ctx;
	enum uplift_status st = g->fn(g->ctx, row, err);

	if (st == UPLIFT_EINPUT && row->index > 0)
		return keep_problem(g->problems, err);
	return st;
}

/*
 * Read one CSV file through fn, collecting problems when asked to. With a
 * pipe (fn batches its rows into it, apply applies them), the rows still
 * in it are applied at the end of the file or after the reader's own
 * error; an error among them is earlier and wins.
 */
static enum uplift_status
read_file(struct uplift_data *d, const char *path, const struct uplift_csv_options *copt,
	  uplift_csv_row_fn fn, struct pipe *pipe,
	  enum uplift_status (*apply)(void *ctx, struct batch *b, struct uplift_error *err),
	  bool threaded, void *ctx, struct uplift_problems *problems, struct uplift_error *err)
{
	struct guard g = {fn, ctx, problems};
	struct uplift_error first;
	uint64_t bytes = 0;
	enum uplift_status st;

	if (pipe)
		pipe_start(pipe, apply, ctx, threaded);
	if (problems)
		st = uplift_csv_read(path, copt, guarded, &g, &bytes, err);
	else
		st = uplift_csv_read(path, copt, fn, ctx, &bytes, err);
	d->bytes_read += bytes;
	if (!pipe)
		return st;
	uplift_error_clear(&first);
	if (pipe_drain(pipe, &first) != UPLIFT_OK) {
		*err = first;
		st = first.status;
	}
	pipe_stop(pipe);
	return st;
}

/*
 * Size the user table for a large assignments.csv up front, from the file's
 * size and the length of its first lines: growing it by doubling would move
 * every user id a second time. Only a hint; any error is left to the reader.
 * Not with --dedupe: there rows may outnumber users many times, and a hash
 * table sized for the rows would be touched all over by the users.
 */
static void reserve_users(struct uplift_data *d, const char *path)
{
	char buf[65536];
	size_t got, lines = 0, id = 0, ids = 0;
	struct stat sb;
	uint64_t rows;
	FILE *fp;

	if (stat(path, &sb) != 0 || sb.st_size < (off_t)sizeof(buf) * 4 ||
	    !(fp = fopen(path, "rb")))
		return;
	got = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	for (size_t i = 0; i < got; i++) {
		if (buf[i] == '\n') {
			lines++;
			id = 0;
		} else if (buf[i] == ',') {
			id = SIZE_MAX;
		} else if (id != SIZE_MAX) {
			id++, ids++;
		}
	}
	if (lines < 16)
		return;
	rows = (uint64_t)sb.st_size / (got / lines) + 1024;
	if (rows > (uint64_t)UINT32_MAX)
		return;
	if (uplift_strtab_reserve(&d->ids, (size_t)rows, ids / lines)) {
		struct uplift_member *p = realloc(d->members, (size_t)rows * sizeof(*p));
		if (p) {
			d->members = p;
			d->users_cap = (size_t)rows;
		}
		for (size_t i = 0; p && i < d->n_by; i++) {
			uint32_t *q = realloc(d->by[i].of_user, (size_t)rows * sizeof(*q));
			if (!q) { /* keep the arrays the same size */
				d->users_cap = 0;
				break;
			}
			d->by[i].of_user = q;
		}
	}
}

static enum uplift_status load_assignments(struct uplift_data *d, const char *path,
					   const struct uplift_csv_options *copt,
					   const struct uplift_load_options *opt,
					   struct uplift_error *err)
{
	struct uplift_csv_options aopt = *copt;
	struct assign_ctx a = {.path = path,
			       .exp = d->exp,
			       .n_by = d->n_by,
			       .d = d,
			       .dedupe = opt->dedupe,
			       .problems = opt->problems};
	enum uplift_status st;

	if (!opt->dedupe)
		reserve_users(d, path);
	a.c_by = calloc(d->n_by + 1, sizeof(*a.c_by));
	a.by_value = calloc(d->n_by + 1, sizeof(*a.by_value));
	if (!a.c_by || !a.by_value) {
		free(a.c_by);
		free(a.by_value);
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	}
	aopt.fields_used = &a.fields; /* user_id, arm and the --by columns */
	st = read_file(d, path, &aopt, assign_row, &a.pipe, assign_flush, !opt->one_thread, &a,
		       opt->problems, err);
	d->assignments_read += a.read;
	free(a.c_by);
	free(a.by_value);
	if (st)
		return st;
	for (size_t i = 0; i < d->exp->n_arms; i++) {
		if (d->arm_users[i] > 0)
			continue;
		uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "arm '%s' has no users",
				 d->exp->arms[i].name);
		if (!opt->problems)
			return err->status;
		if (keep_problem(opt->problems, err))
			return err->status;
	}
	return UPLIFT_OK;
}

/* orders.csv, or history.csv (history): every row into d's accumulators or history. */
static enum uplift_status load_orders(struct uplift_data *d, const char *path,
				      const struct uplift_csv_options *copt,
				      const struct uplift_load_options *opt, bool history,
				      struct uplift_error *err)
{
	struct orders_ctx o = {.d = d,
			       .path = path,
			       .history = history,
			       .duplicate = history ? &d->history_duplicate : &d->orders_duplicate,
			       .unassigned =
				   history ? &d->history_unassigned : &d->orders_unassigned,
			       .problems = opt->problems};
	enum uplift_status st;

	st = read_file(d, path, copt, orders_row, &o.pipe, orders_flush, !opt->one_thread, &o,
		       opt->problems, err);
	*(history ? &d->history_read : &d->orders_read) += o.read;
	uplift_table_free(o.seen.slot, o.seen.n_slots, sizeof(*o.seen.slot));
	return st;
}

static enum uplift_status load_outcomes(struct uplift_data *d, const char *path,
					const struct uplift_csv_options *copt,
					struct uplift_problems *problems, struct uplift_error *err)
{
	struct outcomes_ctx o = {.d = d, .path = path};
	enum uplift_status st;

	o.seen = calloc(d->n_users + 1, 1);
	o.seen_line = calloc(d->n_users + 1, sizeof(*o.seen_line));
	if (!o.seen || !o.seen_line) {
		free(o.seen);
		free(o.seen_line);
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	}
	st = read_file(d, path, copt, outcomes_row, NULL, NULL, false, &o, problems, err);
	free(o.seen);
	free(o.seen_line);
	return st;
}

struct uplift_data *uplift_data_load(const struct uplift_experiment *exp, const char *dir,
				     const struct uplift_load_options *opt,
				     struct uplift_error *err)
{
	struct uplift_csv_options copt = {0};
	struct uplift_data *d;
	char path[4096], orders[4096], outcomes[4096], history[4096];
	bool has_orders, has_outcomes;

	path_join(orders, sizeof(orders), dir, ORDERS_FILE);
	path_join(outcomes, sizeof(outcomes), dir, OUTCOMES_FILE);
	has_orders = file_exists(orders);
	has_outcomes = file_exists(outcomes);
	if (has_orders && has_outcomes) {
		uplift_error_set(err, UPLIFT_EINPUT, outcomes, 0, NULL,
				 "the folder has both orders.csv and outcomes.csv; keep one");
		return NULL;
	}
	if (!has_orders && !has_outcomes) {
		uplift_error_set(err, UPLIFT_EINPUT, orders, 0, NULL,
				 "cannot open: No such file or directory (nor is there an "
				 "outcomes.csv)");
		return NULL;
	}

	d = calloc(1, sizeof(*d));
	if (!d || !(d->arm_users = calloc(exp->n_arms, sizeof(*d->arm_users))) ||
	    !(d->basket_hist = calloc(exp->n_arms * UPLIFT_BASKET_BINS, sizeof(*d->basket_hist))) ||
	    (opt->n_by && !(d->by = calloc(opt->n_by, sizeof(*d->by))))) {
		uplift_data_free(d);
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	d->exp = exp;
	d->one_thread = opt->one_thread;
	path_join(history, sizeof(history), dir, HISTORY_FILE);
	d->has_history = file_exists(history);
	d->asof = exp->segments.asof;
	d->window_days = (int)(exp->end - exp->start + 1);
	uplift_strtab_init(&d->ids);
	for (size_t i = 0; i < opt->n_by; i++) {
		uplift_strtab_init(&d->by[i].values);
		d->by[i].name = strdup(opt->by[i]);
		d->n_by++;
		if (!d->by[i].name) {
			uplift_data_free(d);
			uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
			return NULL;
		}
	}
	copt.encoding = opt->encoding;
	copt.progress = opt->progress;
	copt.progress_ctx = opt->progress_ctx;
	copt.utf8_by_caller = !opt->check_all_utf8;

	path_join(path, sizeof(path), dir, ASSIGN_FILE);
	if (load_assignments(d, path, &copt, opt, err))
		goto fail;
	if (has_orders) {
		d->metrics = UPLIFT_ALL_METRICS;
		if (load_orders(d, orders, &copt, opt, false, err))
			goto fail;
	} else {
		d->from_outcomes = true;
		if (load_outcomes(d, outcomes, &copt, opt->problems, err))
			goto fail;
	}
	if (d->has_history) {
		if (!(d->history = calloc(d->n_users + 1, sizeof(*d->history)))) {
			uplift_error_set(err, UPLIFT_ENOMEM, history, 0, NULL, "out of memory");
			goto fail;
		}
		for (size_t u = 0; u < d->n_users; u++)
			d->history[u].first = d->history[u].last = UPLIFT_NO_DAY;
		if (load_orders(d, history, &copt, opt, true, err))
			goto fail;
		if (derive_segments(d, history, err))
			goto fail;
	}
	return d;
fail:
	uplift_data_free(d);
	return NULL;
}
