/*
 * init.c - the scan of "uplift init" (uplift_init.h): the folder's files
 * read once, streaming, into what experiment.ini should say.
 *
 * assignments.csv gives the arms and their users (one strtab entry and one
 * arm index per user, the only memory that grows); the control is chosen
 * next, so that orders.csv can tell the coupon arms' discounts from the
 * others while it gives the days of the orders and of the discounts. Of
 * history.csv and outcomes.csv only the header is read: init needs their
 * columns, not their rows. Every header is matched by column_synonyms.c.
 * The text is written by init_write.c, the notes by init_notes.c.
 */
#include "init_internal.h"
#include "uplift_amount.h"
#include "uplift_date.h"
#include "uplift_init.h"
#include "uplift_pipeline.h"
#include "uplift_spreadsheet.h"
#include "uplift_strtab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* More distinct values than this in the arm column: not the arm column. */
#define INIT_MAX_ARMS 100

static const char *const file_names[UPLIFT_INIT_N_FILES] = {"assignments.csv", "orders.csv",
							    "outcomes.csv", "history.csv"};
static const enum uplift_file_kind file_kinds[UPLIFT_INIT_N_FILES] = {
    UPLIFT_FILE_ASSIGNMENTS, UPLIFT_FILE_ORDERS, UPLIFT_FILE_OUTCOMES, UPLIFT_FILE_ORDERS};

struct scan {
	struct uplift_init *in;
	struct uplift_init_file *file; /* the file being read */
	const char *path;
	struct uplift_strtab users;
	uint8_t *user_arm; /* per user: its arm, in order of appearance */
	size_t user_cap;
	struct uplift_strtab arms; /* the arms in order of appearance */
	uint64_t arm_users[INIT_MAX_ARMS];
	struct uplift_coupon_obs obs[INIT_MAX_ARMS];
	long control; /* in order of appearance, once known */
	uint64_t empty_rows;
	bool header_only; /* stop after the header */
};

static enum uplift_status nomem(struct scan *s, struct uplift_error *err)
{
	return uplift_error_set(err, UPLIFT_ENOMEM, s->path, 0, NULL, "out of memory");
}

/* The header: kept verbatim, each field matched to a column of uplift. */
static enum uplift_status on_header(struct scan *s, const struct uplift_csv_row *row,
				    struct uplift_error *err)
{
	struct uplift_init_file *f = s->file;
	int best[UPLIFT_N_COLUMN_NAMES];

	if (!(f->header = calloc(row->n ? row->n : 1, sizeof(*f->header))))
		return nomem(s, err);
	for (size_t i = 0; i < row->n; i++) {
		int c, rank;
		if (!(f->header[i] = strdup(row->field[i])))
			return nomem(s, err);
		f->n_header++;
		c = uplift_column_synonyms_find(row->field[i], f->kind, &rank);
		if (c >= 0 && (f->col[c] < 0 || rank < best[c])) {
			f->col[c] = (long)i;
			best[c] = rank;
		}
	}
	return UPLIFT_OK;
}

/* The field of column c in row, or NULL when the file has none (or the row is short). */
static const char *field(const struct scan *s, const struct uplift_csv_row *row,
			 enum uplift_column_name c, size_t *len)
{
	long i = s->file->col[c];

	if (i < 0 || (size_t)i >= row->n)
		return NULL;
	*len = row->len[i];
	return row->field[i];
}

static enum uplift_status on_assignment(struct scan *s, const struct uplift_csv_row *row,
					struct uplift_error *err)
{
	const char *id, *arm;
	size_t id_len = 0, arm_len = 0;
	long a, u;
	bool added;

	id = field(s, row, UPLIFT_COL_USER_ID, &id_len);
	arm = field(s, row, UPLIFT_COL_ARM, &arm_len);
	if (!id || !arm || id_len == 0 || arm_len == 0) {
		s->empty_rows++;
		return UPLIFT_OK;
	}
	if ((a = uplift_strtab_find(&s->arms, arm, arm_len)) < 0) {
		if (s->arms.n == INIT_MAX_ARMS)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, s->path, row->line,
			    s->file->header[s->file->col[UPLIFT_COL_ARM]],
			    "more than %d distinct values: is this the arm column?", INIT_MAX_ARMS);
		if (!uplift_init_arm_ok(arm))
			return uplift_error_set(
			    err, UPLIFT_EINPUT, s->path, row->line,
			    s->file->header[s->file->col[UPLIFT_COL_ARM]],
			    "the arm '%s' cannot be named in experiment.ini ([arm NAME] holds no "
			    "']', control character or blank at either end, and at most %d "
			    "bytes): rename it",
			    arm, UPLIFT_ARM_NAME_MAX);
		if ((a = uplift_strtab_intern(&s->arms, arm, arm_len, NULL)) < 0)
			return nomem(s, err);
		uplift_coupon_guess_start(&s->obs[a]);
	}
	if ((u = uplift_strtab_intern(&s->users, id, id_len, &added)) < 0)
		return nomem(s, err);
	if (!added) {
		s->in->repeated_users++;
		return UPLIFT_OK;
	}
	if ((size_t)u >= s->user_cap) {
		size_t cap = s->user_cap ? 2 * s->user_cap : 4096;
		uint8_t *p = realloc(s->user_arm, cap);
		if (!p)
			return nomem(s, err);
		s->user_arm = p;
		s->user_cap = cap;
	}
	s->user_arm[u] = (uint8_t)a;
	s->arm_users[a]++;
	return UPLIFT_OK;
}

/* A money field: *v, 0 when ok, 1 not a number, 2 negative, 3 absent. */
static int money(const struct scan *s, const struct uplift_csv_row *row, enum uplift_column_name c,
		 double *v)
{
	size_t len;
	const char *f = field(s, row, c, &len);

	if (!f)
		return 3;
	return uplift_amount_parse(f, len, v);
}

static enum uplift_status on_order(struct scan *s, const struct uplift_csv_row *row)
{
	struct uplift_init *in = s->in;
	const char *t, *id;
	size_t len = 0, id_len = 0;
	double amount = 0, paid = 0, discount = 0;
	int ra, rp, rd;
	long day = 0, u, arm = -1;
	bool has_day = false;

	if ((t = field(s, row, UPLIFT_COL_ORDER_TIME, &len))) {
		has_day = uplift_date_parse_tz(t, len, 8 * 60, &day);
		if (!has_day && in->bad_times++ == 0) {
			in->bad_time_line = row->line;
			snprintf(in->bad_time, sizeof(in->bad_time), "%.*s",
				 (int)(len < 60 ? len : 60), t);
		}
	}
	if (has_day) {
		if (!in->has_orders || day < in->first_order)
			in->first_order = day;
		if (!in->has_orders || day > in->last_order)
			in->last_order = day;
		in->has_orders = true;
	}
	ra = money(s, row, UPLIFT_COL_AMOUNT, &amount);
	rp = money(s, row, UPLIFT_COL_PAID, &paid);
	rd = money(s, row, UPLIFT_COL_DISCOUNT, &discount);
	if (ra == 2 || rp == 2)
		in->negative_rows++;
	if (ra == 3 && rp == 0 && rd == 0)
		amount = paid + discount, ra = 0;
	if ((id = field(s, row, UPLIFT_COL_USER_ID, &id_len)) &&
	    (u = uplift_strtab_find(&s->users, id, id_len)) >= 0)
		arm = s->user_arm[u];
	if (arm < 0 || ra != 0 || rd != 0 || discount > amount)
		return UPLIFT_OK;
	uplift_coupon_guess_observe(&s->obs[arm], amount, discount);
	if (discount > 0 && arm != s->control && has_day) {
		if (!in->has_discounts || day < in->first_discount)
			in->first_discount = day;
		if (!in->has_discounts || day > in->last_discount)
			in->last_discount = day;
		in->has_discounts = true;
	}
	return UPLIFT_OK;
}

static enum uplift_status on_row(void *ctx, const struct uplift_csv_row *row,
				 struct uplift_error *err)
{
	struct scan *s = ctx;

	if (row->index == 0) {
		enum uplift_status st = on_header(s, row, err);
		if (st == UPLIFT_OK && s->header_only)
			return uplift_error_set(err, UPLIFT_EINPUT, s->path, 0, NULL,
						"(header read)");
		return st;
	}
	s->file->rows++;
	if (s->file->kind == UPLIFT_FILE_ASSIGNMENTS)
		return on_assignment(s, row, err);
	return on_order(s, row);
}

/* Read file k of dir into s->in->file[k], if it exists. */
static enum uplift_status read_file(struct scan *s, const char *dir, int k,
				    const struct uplift_init_options *opt, struct uplift_error *err)
{
	struct uplift_init_file *f = &s->in->file[k];
	struct uplift_csv_options copt = {0};
	struct uplift_error scratch;
	char path[4096];
	struct stat sb;
	enum uplift_status st;

	/* orders.xlsx in place of orders.csv: the command that converts it, as analyze says */
	if ((st = uplift_spreadsheet_check(dir, (size_t)k, err)) != UPLIFT_OK)
		return st;
	snprintf(path, sizeof(path), "%s/%s", dir, file_names[k]);
	if (stat(path, &sb) != 0 && k != UPLIFT_INIT_ASSIGN)
		return UPLIFT_OK;
	f->present = true;
	s->file = f;
	s->path = path;
	s->header_only = k == UPLIFT_INIT_OUTCOMES || k == UPLIFT_INIT_HISTORY;
	copt.encoding = opt->encoding;
	uplift_error_clear(&scratch);
	st = uplift_csv_read(path, &copt, on_row, s, NULL, &scratch);
	if (st == UPLIFT_OK || (s->header_only && f->n_header > 0 && st == UPLIFT_EINPUT &&
				strcmp(scratch.message, "(header read)") == 0))
		return UPLIFT_OK;
	*err = scratch;
	return st;
}

/* The arms into in, the control first; the control by --control, its name, or the first. */
static enum uplift_status take_arms(struct scan *s, const struct uplift_init_options *opt,
				    struct uplift_error *err)
{
	struct uplift_init *in = s->in;
	size_t n = s->arms.n;
	const char *names[INIT_MAX_ARMS];
	long c;

	for (size_t i = 0; i < n; i++)
		names[i] = uplift_strtab_get(&s->arms, i, NULL);
	if (opt->control) {
		c = uplift_strtab_find(&s->arms, opt->control, strlen(opt->control));
		if (c < 0) {
			char list[600];
			size_t len = 0;
			list[0] = '\0';
			for (size_t i = 0; i < n && len + 8 < sizeof(list); i++) {
				int w = snprintf(list + len, sizeof(list) - len, "%s%s",
						 i ? ", " : "", names[i]);
				len += w > 0 ? (size_t)w : 0;
			}
			return uplift_error_set(
			    err, UPLIFT_EINPUT, NULL, 0, NULL,
			    "--control: '%s' is not an arm of assignments.csv (the arms: %s)",
			    opt->control, list);
		}
		in->control_how = UPLIFT_INIT_CONTROL_GIVEN;
	} else if ((c = uplift_arm_guess_control(names, n)) >= 0) {
		in->control_how = UPLIFT_INIT_CONTROL_NAMED;
	} else {
		c = 0;
		in->control_how = UPLIFT_INIT_CONTROL_FIRST;
		if (!uplift_init_note(
			in,
			"no arm is named like a control (control, 对照组, 不触达, holdout...): "
			"experiment.ini takes the first, '%s'; check it, or run init with "
			"--control ARM",
			names[0]))
			return nomem(s, err);
	}
	if (!uplift_init_value_ok(names[c]))
		return uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "the control '%s' cannot be written as a value of "
		    "experiment.ini (; = [ ] or blanks at its ends): rename the arm",
		    names[c]);
	s->control = c;
	if (!(in->arms = calloc(n, sizeof(*in->arms))))
		return nomem(s, err);
	for (size_t i = 0; i <= n; i++) {
		/* the control, then every other arm in order of appearance */
		size_t from = i == 0 ? (size_t)c : i - 1;
		if (i > 0 && from == (size_t)c)
			continue;
		if (!(in->arms[in->n_arms].name = strdup(names[from])))
			return nomem(s, err);
		in->arms[in->n_arms++].users = s->arm_users[from];
	}
	return UPLIFT_OK;
}

/* Each arm's discounts, from the scan into in (in->arms is in the control-first order). */
static void take_discounts(struct scan *s)
{
	struct uplift_init *in = s->in;

	for (size_t i = 0; i < in->n_arms; i++) {
		long a = uplift_strtab_find(&s->arms, in->arms[i].name, strlen(in->arms[i].name));
		in->arms[i].obs = s->obs[a];
	}
}

/* The folder's name: its last component, or the real folder's for "." and "..". */
static char *folder_name(const char *dir)
{
	char name[256];

	uplift_pipeline_dir_name(dir, name, sizeof(name)); /* "." resolved */
	return strdup(name);
}

static enum uplift_status scan(struct scan *s, const char *dir,
			       const struct uplift_init_options *opt, struct uplift_error *err)
{
	struct uplift_init *in = s->in;
	struct uplift_init_file *a = &in->file[UPLIFT_INIT_ASSIGN];
	char list[600];
	enum uplift_status st;

	if ((st = read_file(s, dir, UPLIFT_INIT_ASSIGN, opt, err)))
		return st;
	for (int c = UPLIFT_COL_USER_ID; c <= UPLIFT_COL_ARM; c++)
		if (a->col[c] < 0)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->name, 1, NULL,
			    "no column recognised as %s (the headers: %s); name it %s",
			    c == UPLIFT_COL_ARM ? "the arm" : "the user id",
			    uplift_init_header_list(a, list, sizeof(list)),
			    uplift_columns_name((enum uplift_column_name)c));
	if (s->arms.n == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, a->name, 0, NULL,
					"no assignment rows: no arm to write");
	if (s->empty_rows &&
	    !uplift_init_note(
		in,
		"assignments.csv: %llu rows without a user id or an arm (analyze refuses "
		"them; uplift validate lists them)",
		(unsigned long long)s->empty_rows))
		return nomem(s, err);
	if ((st = take_arms(s, opt, err)))
		return st;
	if (in->n_arms < 2 &&
	    !uplift_init_note(in, "assignments.csv has one arm, '%s': a test compares at least two",
			      in->arms[0].name))
		return nomem(s, err);
	for (int k = UPLIFT_INIT_ORDERS; k < UPLIFT_INIT_N_FILES; k++)
		if ((st = read_file(s, dir, k, opt, err)))
			return st;
	take_discounts(s);
	return uplift_init_file_notes(in) ? UPLIFT_OK : nomem(s, err);
}

struct uplift_init *uplift_init_scan(const char *dir, const struct uplift_init_options *opt,
				     struct uplift_error *err)
{
	struct uplift_init *in = calloc(1, sizeof(*in));
	struct scan s;
	enum uplift_status st;

	if (!in) {
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	memset(&s, 0, sizeof(s));
	s.in = in;
	uplift_strtab_init(&s.users);
	uplift_strtab_init(&s.arms);
	for (int k = 0; k < UPLIFT_INIT_N_FILES; k++) {
		in->file[k].name = file_names[k];
		in->file[k].kind = file_kinds[k];
		for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++)
			in->file[k].col[c] = -1;
	}
	if (!(in->name = folder_name(dir)))
		st = uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	else
		st = scan(&s, dir, opt, err);
	uplift_strtab_release(&s.users);
	uplift_strtab_release(&s.arms);
	free(s.user_arm);
	if (st != UPLIFT_OK) {
		uplift_init_free(in);
		return NULL;
	}
	return in;
}

void uplift_init_free(struct uplift_init *in)
{
	if (!in)
		return;
	for (int k = 0; k < UPLIFT_INIT_N_FILES; k++) {
		for (size_t i = 0; i < in->file[k].n_header; i++)
			free(in->file[k].header[i]);
		free(in->file[k].header);
	}
	for (size_t i = 0; i < in->n_arms; i++)
		free(in->arms[i].name);
	free(in->arms);
	for (size_t i = 0; i < in->n_notes; i++)
		free(in->notes[i]);
	free(in->notes);
	free(in->name);
	free(in);
}
