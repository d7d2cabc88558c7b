/*
 * data_assign.c - assignments.csv into the user table: each row's user id
 * and arm checked on the reading thread, the users added (and the --by
 * values interned) on the applying one, the table sized up front for a
 * large file (see data_internal.h).
 */
#include "data_internal.h"
#include "uplift_by.h"
#include "uplift_segments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	const char *user_name, *arm_name; /* their headers ([columns]), for messages */
	long *c_by; /* per --by column: its index in the header, -1 if derived */
	size_t width;
	size_t fields; /* the leading fields read: the reader splits only these */
	uint64_t read; /* rows read, into d->counts at the end */

	/* the applying thread's */
	_Alignas(64) struct uplift_data *d;
	bool dedupe;
	uint64_t duplicate; /* rows of a user again (dedupe), into d->counts at the end */
	struct uplift_problems *problems;
	long *by_value; /* per --by column: the row's value index, -1 if new */
	struct uplift_assign_values values; /* the [metric] sections' columns */
	struct pipe pipe;
};

static enum uplift_status assign_header(struct assign_ctx *a, const struct uplift_csv_row *h,
					struct uplift_error *err)
{
	struct uplift_data *d = a->d;

	if (uplift_header_check(a->path, h, err) ||
	    uplift_header_need(a->path, h, &d->exp->columns, UPLIFT_COL_USER_ID, &a->c_user, err) ||
	    uplift_header_need(a->path, h, &d->exp->columns, UPLIFT_COL_ARM, &a->c_arm, err))
		return err->status;
	a->width = h->n;
	if (d->has_history) {
		for (size_t i = 0; i < h->n; i++)
			if (uplift_segments_column(h->field[i]) >= 0)
				return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line,
							h->field[i],
							"this column is derived from history.csv; "
							"rename it in assignments.csv");
	}
	for (size_t i = 0; i < d->n_by; i++) {
		const char *name = uplift_by_source(&d->by[i]); /* without bins */
		a->c_by[i] = -1;
		if (d->by[i].spec && d->by[i].spec->n_parts == 2) { /* made from its parts */
			d->by[i].derived = true;
			continue;
		}
		if (uplift_segments_column(name) >= 0 && d->has_history) {
			if (d->by[i].spec)
				return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
							"--by %s: '%s' is not a column of numbers",
							d->by[i].name, name);
			d->by[i].derived = true;
			continue;
		}
		a->c_by[i] = uplift_csv_column(h, name);
		if (a->c_by[i] < 0 && d->by[i].spec && d->has_history &&
		    uplift_bins_history_number(name) >= 0) { /* history.csv's recency, ... */
			d->by[i].derived = true;
			continue;
		}
		if (a->c_by[i] < 0 && uplift_segments_column(name) >= 0)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"no column '%s' to break down by (--by); it is "
						"derived from history.csv, which the folder lacks",
						name);
		if (a->c_by[i] < 0 && d->has_history && uplift_bins_history_number(name) >= 0)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"no column '%s' to break down by (--by); "
						"history.csv's %s can be binned: --by %s:q4",
						name, name, name);
		if (a->c_by[i] < 0)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"no column '%s' to break down by (--by)", name);
		if (a->c_by[i] == a->c_user || a->c_by[i] == a->c_arm)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, h->line, NULL,
						"cannot break down by '%s'", name);
	}
	if (uplift_data_values_header(&a->values, d->exp, h, a->path, err))
		return err->status;
	a->fields = (size_t)(a->c_user > a->c_arm ? a->c_user : a->c_arm) + 1;
	for (size_t i = 0; i < a->values.n; i++)
		if (a->values.col[i] >= (long)a->fields)
			a->fields = (size_t)a->values.col[i] + 1;
	for (size_t i = 0; i < RING && a->values.n; i++)
		if (!(a->pipe.ring[i].vals = calloc(BATCH * a->values.n, sizeof(double))))
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, h->line, NULL,
						"out of memory");
	if (a->values.n && d->users_cap && !uplift_data_values_grow(d, &a->values, d->users_cap))
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, h->line, NULL,
					"out of memory");
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
	struct batch *b = uplift_pipe_batch(&a->pipe);
	struct rec *r = &b->rec[b->n];
	const char *id;
	size_t id_len;
	long arm;

	if (uplift_width_check(a->path, row, a->width, err))
		return err->status;
	id = row->field[a->c_user];
	id_len = row->len[a->c_user];
	if (id_len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, a->user_name,
					"empty user id");
	if (id_len > UINT32_MAX - 16)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, a->user_name,
					"user id longer than 4 GB");
	if (uplift_utf8_error(a->path, row->line, a->user_name, id, id_len, err))
		return err->status;
	arm = uplift_experiment_find_arm(a->exp, row->field[a->c_arm], row->len[a->c_arm]);
	if (arm < 0) {
		if (uplift_utf8_error(a->path, row->line, a->arm_name, row->field[a->c_arm],
				      row->len[a->c_arm], err))
			return err->status;
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, a->arm_name,
					"arm '%s' is not defined in experiment.ini",
					row->field[a->c_arm]);
	}
	if (a->values.n &&
	    uplift_data_values_parse(&a->values, row, &b->vals[b->n * a->values.n], a->path, err))
		return err->status;
	r->line = row->line;
	r->id_len = (uint32_t)id_len;
	r->hash = uplift_strtab_hash(id, id_len);
	r->arm = (uint16_t)arm;
	if (!uplift_batch_text(b, id, id_len, &r->id_off))
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
					"out of memory");
	for (size_t i = 0; i < a->n_by; i++) {
		long c = a->c_by[i];
		size_t k = b->n * a->n_by + i;
		if (c < 0) /* derived */
			continue;
		b->by_len[k] = row->len[c];
		if (!uplift_batch_text(b, row->field[c], row->len[c], &b->by_off[k]))
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
		if (uplift_utf8_error(a->path, r->line, uplift_by_source(&d->by[i]), v, len, err))
			return err->status;
		if (d->by[i].values.n >= UPLIFT_MAX_SEGMENT_VALUES && !d->by[i].spec)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->path, r->line, d->by[i].name,
			    "more than %d distinct values: --by is for segments, "
			    "not for identifiers (a column of numbers can be binned: "
			    "--by %s:q4)",
			    UPLIFT_MAX_SEGMENT_VALUES, d->by[i].name);
	}
	idx = uplift_strtab_intern_hashed(&d->ids, id, r->id_len, r->hash, &added);
	if (idx < 0)
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
					"out of memory");
	if (!added) {
		const struct uplift_member *first = &d->members[idx];
		if (first->arm != r->arm)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->path, r->line, a->user_name,
			    "user '%s' is assigned to two arms: '%s' (line %u) and "
			    "'%s' (line %ld)",
			    id, d->exp->arms[first->arm].name, first->line,
			    d->exp->arms[r->arm].name, r->line);
		if (!a->dedupe)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, r->line, a->user_name,
						"user '%s' is assigned twice (lines %u and %ld); "
						"--dedupe counts such repeats once",
						id, first->line, r->line);
		a->duplicate++;
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
		if (a->values.n && !uplift_data_values_grow(d, &a->values, cap))
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, r->line, NULL,
						"out of memory");
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
	if (a->values.n)
		uplift_data_values_store(d, &a->values, &b->vals[k * a->values.n], d->n_users);
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
			st = uplift_problems_keep(a->problems, err);
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
	return uplift_pipe_parsed(&a->pipe, assign_parse(a, row, err), err);
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

enum uplift_status uplift_assign_load(struct uplift_data *d, const char *path,
				      const struct uplift_csv_options *copt,
				      const struct uplift_load_options *opt,
				      struct uplift_error *err)
{
	struct uplift_csv_options aopt = *copt;
	struct assign_ctx a = {.path = path,
			       .exp = d->exp,
			       .user_name =
				   uplift_columns_header(&d->exp->columns, UPLIFT_COL_USER_ID),
			       .arm_name = uplift_columns_header(&d->exp->columns, UPLIFT_COL_ARM),
			       .n_by = d->n_by,
			       .d = d,
			       .dedupe = opt->dedupe,
			       .problems = opt->problems};
	struct uplift_data_file file;
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
	file = (struct uplift_data_file){.path = path,
					 .copt = &aopt,
					 .row = assign_row,
					 .ctx = &a,
					 .pipe = &a.pipe,
					 .apply = assign_flush,
					 .threaded = !opt->one_thread,
					 .problems = opt->problems,
					 .bytes_read = &d->bytes_read};
	st = uplift_pipe_read_file(&file, err);
	d->counts.assignments_read = a.read;
	d->counts.assignments_duplicate = a.duplicate;
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
		if (uplift_problems_keep(opt->problems, err))
			return err->status;
	}
	return UPLIFT_OK;
}
