/*
 * data_orders.c - orders.csv and history.csv, one mechanism for both: each
 * row checked on the reading thread (user id, date, amount, discount, the
 * order_id's hash), then on the applying one counted as a repeated
 * order_id, of no user, outside the window (after asof), or folded into
 * the user's accumulator (history) -- the counts in one struct
 * uplift_file_counts per file (see data_internal.h).
 *
 * The columns are found through [columns] (header_find.c). A file may give
 * the value before discount (amount), after it (paid) or both, which must
 * then agree to the cent (without a discount column the discount is their
 * difference). A negative amount or paid is a refund row: an
 * error, or with [columns] refunds = net a record whose amount is the
 * (negative) paid value, netted against the user's paid value and never
 * taking it below 0 (clamped once the file is read, so the order of the
 * rows does not matter); it is no order.
 */
#include "data_findings.h"
#include "data_internal.h"
#include "uplift_amount.h"
#include "uplift_date.h"
#include "uplift_mem.h"
#include "uplift_strtab.h"

#include <math.h>

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
		uint64_t *slot = uplift_mem_table_calloc(n, sizeof(*slot));
		if (!slot)
			return -1;
		for (size_t k = 0; k < s->n_slots; k++) {
			if (!s->slot[k])
				continue;
			for (i = s->slot[k] & (n - 1); slot[i]; i = (i + 1) & (n - 1))
				;
			slot[i] = s->slot[k];
		}
		uplift_mem_table_free(s->slot, s->n_slots, sizeof(*s->slot));
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
	long c_user, c_time, c_amount, c_paid, c_discount, c_order_id;
	const struct uplift_columns_def *cols;
	int tz_minutes;   /* [experiment] timezone, for times with an offset */
	bool refunds_net; /* [columns] refunds = net */
	bool minutes;     /* the minute of each order is read (within_days) */
	size_t width;
	uint64_t read; /* rows read, into the file's counts at the end */
	struct uplift_date_cache dates;

	/* the applying thread's */
	_Alignas(64) struct uplift_data *d;
	bool history;                /* history.csv, not orders.csv */
	struct uplift_file_counts n; /* the file's counts but read, into d->counts at the end */
	struct uplift_problems *problems;
	struct idset seen; /* order ids, when c_order_id >= 0 */
	struct pipe pipe;
};

static enum uplift_status orders_header(struct orders_ctx *o, const struct uplift_csv_row *row,
					struct uplift_error *err)
{
	if (uplift_header_check(o->path, row, err) ||
	    uplift_header_need(o->path, row, o->cols, UPLIFT_COL_USER_ID, &o->c_user, err) ||
	    uplift_header_need(o->path, row, o->cols, UPLIFT_COL_ORDER_TIME, &o->c_time, err))
		return err->status;
	o->c_amount = uplift_header_find(row, o->cols, UPLIFT_COL_AMOUNT);
	o->c_paid = uplift_header_find(row, o->cols, UPLIFT_COL_PAID);
	if (o->c_amount < 0 && o->c_paid < 0)
		return uplift_header_missing(o->path, row, o->cols, UPLIFT_COL_AMOUNT,
					     UPLIFT_COL_PAID, err);
	o->c_discount = uplift_header_find(row, o->cols, UPLIFT_COL_DISCOUNT);
	o->c_order_id = uplift_header_find(row, o->cols, UPLIFT_COL_ORDER_ID);
	o->width = row->n;
	return UPLIFT_OK;
}

/*
 * Field col (column c) of row as an amount of money into *v. A negative one
 * is taken (negative) for a refund column (amount, paid) with refunds =
 * net; otherwise it is an error, which for a refund column names the
 * option.
 */
static enum uplift_status money(struct orders_ctx *o, const struct uplift_csv_row *row, long col,
				enum uplift_column_name c, double *v, struct uplift_error *err)
{
	int why = uplift_amount_parse(row->field[col], row->len[col], v);
	const char *name;
	bool refund;

	if (why == 0)
		return UPLIFT_OK;
	name = uplift_columns_header(o->cols, c);
	refund = c == UPLIFT_COL_AMOUNT || c == UPLIFT_COL_PAID;
	if (why == 2 && (o->refunds_net || c == UPLIFT_COL_DISCOUNT) &&
	    uplift_amount_parse(row->field[col] + 1, row->len[col] - 1, v) == 0) {
		*v = -*v; /* a discount is checked against the row's other values */
		return UPLIFT_OK;
	}
	if (why == 2 && refund)
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, name,
					"negative: '%s' (a refund row? with refunds = net in "
					"[columns] of experiment.ini, refunds are netted against "
					"the user's paid value)",
					row->field[col]);
	return uplift_number_error(o->path, row, col, name, why, err);
}

/*
 * The row's values before discount (*amount) and of the discount, checked;
 * for a refund row (refunds = net) *amount is its paid value (below 0) and
 * *discount 0.
 */
static enum uplift_status order_values(struct orders_ctx *o, const struct uplift_csv_row *row,
				       double *amount, double *discount, struct uplift_error *err)
{
	double paid = 0, disc = 0;
	bool refund;

	*amount = 0;
	if (o->c_discount >= 0 && row->len[o->c_discount] > 0 &&
	    money(o, row, o->c_discount, UPLIFT_COL_DISCOUNT, &disc, err))
		return err->status;
	if (o->c_amount >= 0 && money(o, row, o->c_amount, UPLIFT_COL_AMOUNT, amount, err))
		return err->status;
	if (o->c_paid >= 0 && money(o, row, o->c_paid, UPLIFT_COL_PAID, &paid, err))
		return err->status;
	/* amount and paid without a discount column: the discount is their difference */
	if (o->c_amount >= 0 && o->c_paid >= 0 && o->c_discount < 0) {
		disc = *amount - paid;
		if (*amount >= 0 && paid >= 0 && disc < -0.005)
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
						uplift_columns_header(o->cols, UPLIFT_COL_PAID),
						"%s is more than the amount %s",
						row->field[o->c_paid], row->field[o->c_amount]);
		if (disc < 0)
			disc = 0; /* within the cent */
	}
	if (o->c_amount >= 0 && o->c_paid >= 0 && fabs(*amount - (paid + disc)) > 0.005 + 1e-9)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, o->path, row->line,
		    uplift_columns_header(o->cols, UPLIFT_COL_PAID),
		    "%s + discount %s is not the amount %s (amount = paid + "
		    "discount, to the cent)",
		    row->field[o->c_paid],
		    o->c_discount >= 0 && row->len[o->c_discount] ? row->field[o->c_discount] : "0",
		    row->field[o->c_amount]);
	if (o->c_amount < 0)
		*amount = paid + disc;
	else
		paid = *amount - disc;
	refund = (o->c_amount >= 0 && *amount < 0) || (o->c_paid >= 0 && paid < 0);
	if (refund) {
		if (paid >= 0)
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
						uplift_columns_header(o->cols, UPLIFT_COL_AMOUNT),
						"a refund row whose paid value (amount - discount) "
						"is not negative");
		*amount = paid;
		*discount = 0;
		return UPLIFT_OK;
	}
	if (disc < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
					uplift_columns_header(o->cols, UPLIFT_COL_DISCOUNT),
					"negative: '%s'", row->field[o->c_discount]);
	if (disc > *amount) /* with paid alone, amount = paid + discount is never below it */
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
					uplift_columns_header(o->cols, UPLIFT_COL_DISCOUNT),
					"%s is more than the amount %s", row->field[o->c_discount],
					row->field[o->c_amount]);
	*discount = disc;
	return UPLIFT_OK;
}

/* Check an order row of orders.csv or history.csv and add it to the batch. */
static enum uplift_status order_parse(struct orders_ctx *o, const struct uplift_csv_row *row,
				      struct uplift_error *err)
{
	struct batch *b = uplift_pipe_batch(&o->pipe);
	struct rec *r = &b->rec[b->n];
	const char *id = row->field[o->c_user];
	size_t id_len = row->len[o->c_user];
	long day, minute = -1;

	if (uplift_width_check(o->path, row, o->width, err))
		return err->status;
	if (id_len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
					uplift_columns_header(o->cols, UPLIFT_COL_USER_ID),
					"empty user id");
	/* the plain forms through the cache; Excel's and ISO 8601's after it */
	r->minute = -1;
	if (o->minutes ? !uplift_date_parse_minute(row->field[o->c_time], row->len[o->c_time],
						    o->tz_minutes, &day, &minute)
		       : !uplift_date_parse_cached(&o->dates, row->field[o->c_time],
						   row->len[o->c_time], &day) &&
			     !uplift_date_parse_tz(row->field[o->c_time], row->len[o->c_time],
						   o->tz_minutes, &day)) {
		const char *name = uplift_columns_header(o->cols, UPLIFT_COL_ORDER_TIME);
		if (uplift_utf8_error(o->path, row->line, name, row->field[o->c_time],
				      row->len[o->c_time], err))
			return err->status;
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, name,
					"not a date/time: '%s' (expected " UPLIFT_DATE_FORMS ")",
					row->field[o->c_time]);
	}
	if (order_values(o, row, &r->amount, &r->discount, err))
		return err->status;
	r->line = row->line;
	r->day = (int32_t)day;
	if (o->minutes)
		r->minute = (int32_t)minute;
	r->order = 0; /* no order id */
	if (o->c_order_id >= 0 && row->len[o->c_order_id] > 0) {
		if (uplift_utf8_error(o->path, row->line,
				      uplift_columns_header(o->cols, UPLIFT_COL_ORDER_ID),
				      row->field[o->c_order_id], row->len[o->c_order_id], err))
			return err->status;
		r->order = uplift_strtab_hash64(row->field[o->c_order_id], row->len[o->c_order_id]);
		/* a refund row often carries its sale's order id: it is no repeat of the sale
		 * (a refund exported twice still is one) */
		if (r->amount < 0)
			r->order = ~r->order;
		r->order += r->order == 0; /* 0 marks an empty slot of the set */
	}
	/* the hash is left to the applying thread, which has less to do here */
	r->hash = 0;
	r->id_len = id_len > UINT32_MAX - 16 ? 0 : (uint32_t)id_len; /* 0: no user */
	if (!uplift_batch_text(b, id, r->id_len, &r->id_off))
		return uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL,
					"out of memory");
	b->n++;
	return UPLIFT_OK;
}

/*
 * Fold an order of orders.csv into its user (or count it as outside the
 * window). False when out of memory.
 */
/* An order (or a refund, amount < 0) into a user's accumulator. */
static void add_order(struct uplift_user *u, const struct rec *r)
{
	if (r->amount < 0) { /* a refund: its paid value, no order */
		u->paid += r->amount;
		return;
	}
	u->orders++;
	u->converted = 1;
	u->repurchased = u->orders >= 2;
	u->redeemed |= r->discount > 0;
	u->paid += r->amount - r->discount;
	u->discount += r->discount;
	if (u->first_day == UPLIFT_NO_DAY || r->day < u->first_day)
		u->first_day = r->day;
}

/* An order of the post period (post_days after end), into the post accumulators. */
static bool post_apply(struct orders_ctx *o, const struct rec *r)
{
	struct uplift_data *d = o->d;
	struct uplift_user *u = uplift_data_post_user(d, (size_t)r->user);

	if (!u)
		return false;
	o->n.post++;
	if (d->n_order_metrics)
		uplift_data_metrics_order(d, (size_t)r->user, r->day, r->minute, r->amount,
					  r->discount, true);
	add_order(u, r);
	return true;
}

static bool order_apply(struct orders_ctx *o, const struct rec *r)
{
	struct uplift_data *d = o->d;
	struct uplift_user *u;

	o->n.refund_rows += r->amount < 0;
	if (uplift_data_post_in(d, r->day))
		return post_apply(o, r);
	if (r->day < d->exp->start || r->day > d->exp->end) {
		o->n.outside++;
		return true;
	}
	if (!(u = uplift_user_acc(d, (size_t)r->user)))
		return false;
	o->n.used++;
	if (d->n_order_metrics)
		uplift_data_metrics_order(d, (size_t)r->user, r->day, r->minute, r->amount,
					  r->discount, false);
	if (r->amount < 0) {
		add_order(u, r);
		return true;
	}
	uplift_findings_order(&d->findings, d->exp, u->arm, r->line, r->amount, r->discount);
	add_order(u, r);
	{
		double bin = floor(r->amount / UPLIFT_BASKET_WIDTH);
		size_t b = bin >= UPLIFT_BASKET_BINS - 1 ? UPLIFT_BASKET_BINS - 1 : (size_t)bin;
		d->basket_hist[(size_t)u->arm * UPLIFT_BASKET_BINS + b]++;
	}
	return true;
}

/* Fold an order of history.csv into its user (or count it as after asof). */
static void history_apply(struct orders_ctx *o, const struct rec *r)
{
	struct uplift_data *d = o->d;
	struct uplift_history *u;
	double paid = r->amount - r->discount;

	o->n.refund_rows += r->amount < 0;
	if (r->day > d->asof) {
		o->n.outside++;
		return;
	}
	o->n.used++;
	u = &d->history[r->user];
	if (r->amount < 0) { /* a refund: its paid value, no order */
		u->paid += paid;
		if (r->day > d->asof - d->window_days) {
			u->pre_paid += paid;
			u->pre_amount += paid;
		}
		return;
	}
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
		    uplift_utf8_error(o->path, r->line,
				      uplift_columns_header(o->cols, UPLIFT_COL_USER_ID),
				      b->text + r->id_off, r->id_len, err)) {
			st = o->problems ? uplift_problems_keep(o->problems, err) : err->status;
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
				o->n.duplicate++;
				continue;
			}
		}
		if (r->user < 0) {
			o->n.unassigned++;
			continue;
		}
		if (o->history) {
			history_apply(o, r);
		} else if (!order_apply(o, r)) {
			st = uplift_error_set(err, UPLIFT_ENOMEM, o->path, r->line, NULL,
					      "out of memory");
			break;
		}
	}
	return st;
}

/* Paid values that refunds took below 0 back to 0, once the file is read. */
static void clamp_refunds(struct uplift_data *d, bool history)
{
	if (!history) {
		for (size_t k = 0; k < d->n_acc; k++)
			if (d->acc[k].paid < 0)
				d->acc[k].paid = 0;
		for (size_t k = 0; k < d->n_post_acc; k++)
			if (d->post_acc[k].paid < 0)
				d->post_acc[k].paid = 0;
		return;
	}
	for (size_t u = 0; u < d->n_users; u++) {
		struct uplift_history *h = &d->history[u];
		h->paid = h->paid < 0 ? 0 : h->paid;
		h->pre_paid = h->pre_paid < 0 ? 0 : h->pre_paid;
		h->pre_amount = h->pre_amount < 0 ? 0 : h->pre_amount;
	}
}

static enum uplift_status orders_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct orders_ctx *o = ctx;

	if (row->index == 0)
		return orders_header(o, row, err);
	o->read++;
	return uplift_pipe_parsed(&o->pipe, order_parse(o, row, err), err);
}

enum uplift_status uplift_orders_load(struct uplift_data *d, const char *path,
				      const struct uplift_csv_options *copt,
				      const struct uplift_load_options *opt, bool history,
				      struct uplift_error *err)
{
	struct orders_ctx o = {.d = d,
			       .path = path,
			       .cols = &d->exp->columns,
			       .tz_minutes = d->exp->tz_minutes,
			       .refunds_net = d->exp->columns.refunds_net,
			       .minutes = !history && d->exposed,
			       .history = history,
			       .problems = opt->problems};
	struct uplift_data_file file = {.path = path,
					.copt = copt,
					.row = orders_row,
					.ctx = &o,
					.pipe = &o.pipe,
					.apply = orders_flush,
					.threaded = !opt->one_thread,
					.problems = opt->problems,
					.bytes_read = &d->bytes_read};
	enum uplift_status st;

	st = uplift_pipe_read_file(&file, err);
	if (!history) /* the findings (data_findings.h) know whether there were discounts */
		d->findings.has_discount = o.c_discount >= 0 || (o.c_amount >= 0 && o.c_paid >= 0);
	if (!history)
		d->findings.gross_revenue = o.c_discount < 0 && o.c_paid < 0;
	o.n.read = o.read;
	*(history ? &d->counts.history : &d->counts.orders) = o.n;
	if (o.n.refund_rows)
		clamp_refunds(d, history);
	if (!history)
		uplift_data_metrics_finish(d);
	uplift_mem_table_free(o.seen.slot, o.seen.n_slots, sizeof(*o.seen.slot));
	return st;
}
