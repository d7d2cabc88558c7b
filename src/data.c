/*
 * data.c - loads an experiment folder: assignments.csv, then orders.csv or
 * outcomes.csv, each in one streaming pass (see uplift_data.h).
 */
#include "uplift_data.h"
#include "uplift_date.h"
#include "uplift_metric.h"
#include "uplift_segments.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSIGN_FILE   "assignments.csv"
#define ORDERS_FILE   "orders.csv"
#define OUTCOMES_FILE "outcomes.csv"
#define HISTORY_FILE  "history.csv"

int uplift_parse_amount(const char *s, size_t len, double *out)
{
	size_t i = 0, digits = 0;
	bool neg = false;
	char *end;
	double v;

	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0 || i != len)
		return 1;
	v = strtod(s, &end);
	if (end != s + len || !isfinite(v))
		return 1;
	if (neg && v != 0)
		return 2;
	*out = neg ? 0.0 : v;
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

/* Fail on a header that names a column twice or has an empty name. */
static enum uplift_status check_header(const char *path, const struct uplift_csv_row *h,
				       struct uplift_error *err)
{
	for (size_t i = 0; i < h->n; i++) {
		if (h->len[i] == 0)
			return uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
						"header field %zu is empty", i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(h->field[i], h->field[j]) == 0)
				return uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
							"column '%s' appears twice in the header",
							h->field[i]);
	}
	return UPLIFT_OK;
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

/* ---- assignments.csv ---------------------------------------------------- */

struct assign_ctx {
	struct uplift_data *d;
	const char *path;
	bool dedupe;
	long c_user, c_arm;
	long *c_by; /* per --by column: its index in the header */
	size_t width;
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
	return UPLIFT_OK;
}

static enum uplift_status assign_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct assign_ctx *a = ctx;
	struct uplift_data *d = a->d;
	struct uplift_user *u;
	const char *id;
	size_t id_len;
	long arm, idx;
	bool added;

	if (row->index == 0)
		return assign_header(a, row, err);
	d->assignments_read++;
	if (check_width(a->path, row, a->width, err))
		return err->status;
	id = row->field[a->c_user];
	id_len = row->len[a->c_user];
	if (id_len == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "user_id",
					"empty user id");
	arm = uplift_experiment_find_arm(d->exp, row->field[a->c_arm], row->len[a->c_arm]);
	if (arm < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "arm",
					"arm '%s' is not defined in experiment.ini",
					row->field[a->c_arm]);
	/* checked before anything is stored, so a rejected row leaves no trace */
	for (size_t i = 0; i < d->n_by; i++) {
		long c = a->c_by[i];
		if (d->by[i].derived || d->by[i].values.n < UPLIFT_MAX_SEGMENT_VALUES ||
		    uplift_strtab_find(&d->by[i].values, row->field[c], row->len[c]) >= 0)
			continue;
		return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, d->by[i].name,
					"more than %d distinct values: --by is for segments, not "
					"for identifiers",
					UPLIFT_MAX_SEGMENT_VALUES);
	}
	idx = uplift_strtab_intern(&d->ids, id, id_len, &added);
	if (idx < 0)
		return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
					"out of memory");
	if (!added) {
		const struct uplift_user *first = &d->users[idx];
		if (first->arm != arm)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, a->path, row->line, "user_id",
			    "user '%s' is assigned to two arms: '%s' (line %u) and "
			    "'%s' (line %ld)",
			    id, d->exp->arms[first->arm].name, first->line, d->exp->arms[arm].name,
			    row->line);
		if (!a->dedupe)
			return uplift_error_set(err, UPLIFT_EINPUT, a->path, row->line, "user_id",
						"user '%s' is assigned twice (lines %u and %ld); "
						"--dedupe counts such repeats once",
						id, first->line, row->line);
		d->assignments_duplicate++;
		return UPLIFT_OK;
	}
	if (d->n_users == d->users_cap) {
		size_t cap = d->users_cap ? d->users_cap * 2 : 1024;
		struct uplift_user *p = realloc(d->users, cap * sizeof(*p));
		if (!p)
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
						"out of memory");
		d->users = p;
		for (size_t i = 0; i < d->n_by; i++) {
			uint32_t *q = realloc(d->by[i].of_user, cap * sizeof(*q));
			if (!q)
				return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line,
							NULL, "out of memory");
			d->by[i].of_user = q;
		}
		d->users_cap = cap;
	}
	u = &d->users[d->n_users];
	memset(u, 0, sizeof(*u));
	u->line = row->line > (long)UINT32_MAX ? UINT32_MAX : (uint32_t)row->line;
	u->arm = (uint16_t)arm;
	u->first_day = UPLIFT_NO_DAY;
	u->h_first = u->h_last = UPLIFT_NO_DAY;
	for (size_t i = 0; i < d->n_by; i++) {
		long c = a->c_by[i];
		long v;
		if (d->by[i].derived)
			continue;
		v = uplift_strtab_intern(&d->by[i].values, row->field[c], row->len[c], NULL);
		if (v < 0)
			return uplift_error_set(err, UPLIFT_ENOMEM, a->path, row->line, NULL,
						"out of memory");
		d->by[i].of_user[d->n_users] = (uint32_t)v;
	}
	d->arm_users[arm]++;
	d->n_users++;
	return UPLIFT_OK;
}

/* ---- orders.csv ----------------------------------------------------------- */

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

static uint64_t hash64(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33; /* finalise (murmur3 fmix64) so the low bits mix */
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h ? h : 1;
}

/* 1 if h was new, 0 if seen before, -1 when out of memory. */
static int idset_add(struct idset *s, uint64_t h)
{
	size_t i;

	if ((s->n + 1) * 2 > s->n_slots) {
		size_t n = s->n_slots ? s->n_slots * 2 : 1024;
		uint64_t *slot = calloc(n, sizeof(*slot));
		if (!slot)
			return -1;
		for (size_t k = 0; k < s->n_slots; k++) {
			if (!s->slot[k])
				continue;
			for (i = s->slot[k] & (n - 1); slot[i]; i = (i + 1) & (n - 1))
				;
			slot[i] = s->slot[k];
		}
		free(s->slot);
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

struct orders_ctx {
	struct uplift_data *d;
	const char *path;
	long c_user, c_time, c_amount, c_discount, c_order_id;
	size_t width;
	struct idset seen; /* order ids, when c_order_id >= 0 */
};

/* True when the row's order_id was seen before (counted by the caller). */
static bool repeated_order(struct orders_ctx *o, const struct uplift_csv_row *row,
			   struct uplift_error *err, bool *nomem)
{
	int r;

	*nomem = false;
	if (o->c_order_id < 0 || row->len[o->c_order_id] == 0)
		return false;
	r = idset_add(&o->seen, hash64(row->field[o->c_order_id], row->len[o->c_order_id]));
	if (r < 0) {
		*nomem = true;
		uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL, "out of memory");
	}
	return r == 0;
}

static enum uplift_status number_error(const char *path, const struct uplift_csv_row *row, long col,
				       const char *name, int why, struct uplift_error *err)
{
	if (row->len[col] == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, name, "empty value");
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

/* Validate one order row of orders.csv or history.csv; fill day, amount, discount. */
static enum uplift_status parse_order(struct orders_ctx *o, const struct uplift_csv_row *row,
				      long *day, double *amount, double *discount,
				      struct uplift_error *err)
{
	int why;

	*discount = 0;
	if (check_width(o->path, row, o->width, err))
		return err->status;
	if (row->len[o->c_user] == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "user_id",
					"empty user id");
	if (!uplift_date_parse(row->field[o->c_time], row->len[o->c_time], day))
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "order_time",
					"not a date/time: '%s' (expected YYYY-MM-DD or "
					"YYYY-MM-DD HH:MM[:SS])",
					row->field[o->c_time]);
	if ((why = uplift_parse_amount(row->field[o->c_amount], row->len[o->c_amount], amount)))
		return number_error(o->path, row, o->c_amount, "amount", why, err);
	if (o->c_discount >= 0 && row->len[o->c_discount] > 0) {
		if ((why = uplift_parse_amount(row->field[o->c_discount], row->len[o->c_discount],
					       discount)))
			return number_error(o->path, row, o->c_discount, "discount", why, err);
		if (*discount > *amount)
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "discount",
						"%s is more than the amount %s",
						row->field[o->c_discount], row->field[o->c_amount]);
	}
	return UPLIFT_OK;
}

/*
 * The common part of an orders.csv or history.csv row: count it as read,
 * validate it, and find its user. Returns the user's index; -1 when the row
 * is a repeated order_id or of an unassigned user (counted in *dup or
 * *unassigned); -2 on an error, with err filled.
 */
static long order_user(struct orders_ctx *o, const struct uplift_csv_row *row, long *day,
		       double *amount, double *discount, uint64_t *read, uint64_t *dup,
		       uint64_t *unassigned, struct uplift_error *err)
{
	bool nomem;
	long idx;

	(*read)++;
	if (parse_order(o, row, day, amount, discount, err))
		return -2;
	if (repeated_order(o, row, err, &nomem)) {
		(*dup)++;
		return -1;
	}
	if (nomem)
		return -2;
	idx = uplift_strtab_find(&o->d->ids, row->field[o->c_user], row->len[o->c_user]);
	if (idx < 0) {
		(*unassigned)++;
		return -1;
	}
	return idx;
}

static enum uplift_status orders_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	struct orders_ctx *o = ctx;
	struct uplift_data *d = o->d;
	struct uplift_user *u;
	double amount, discount;
	long day, idx;

	if (row->index == 0)
		return orders_header(o, row, err);
	idx = order_user(o, row, &day, &amount, &discount, &d->orders_read, &d->orders_duplicate,
			 &d->orders_unassigned, err);
	if (idx < 0)
		return idx == -1 ? UPLIFT_OK : err->status;
	if (day < d->exp->start || day > d->exp->end) {
		d->orders_outside_window++;
		return UPLIFT_OK;
	}
	d->orders_in_window++;
	u = &d->users[idx];
	u->orders++;
	u->redeemed += discount > 0;
	u->paid += amount - discount;
	u->amount += amount;
	u->discount += discount;
	if (u->first_day == UPLIFT_NO_DAY || day < u->first_day)
		u->first_day = (int32_t)day;
	{
		double bin = floor(amount / UPLIFT_BASKET_WIDTH);
		size_t b = bin >= UPLIFT_BASKET_BINS - 1 ? UPLIFT_BASKET_BINS - 1 : (size_t)bin;
		d->basket_hist[(size_t)u->arm * UPLIFT_BASKET_BINS + b]++;
	}
	return UPLIFT_OK;
}

/* ---- history.csv ---------------------------------------------------------- */

static enum uplift_status history_row(void *ctx, const struct uplift_csv_row *row,
				      struct uplift_error *err)
{
	struct orders_ctx *o = ctx;
	struct uplift_data *d = o->d;
	struct uplift_user *u;
	double amount, discount = 0;
	long day, idx;

	if (row->index == 0)
		return orders_header(o, row, err);
	idx = order_user(o, row, &day, &amount, &discount, &d->history_read, &d->history_duplicate,
			 &d->history_unassigned, err);
	if (idx < 0)
		return idx == -1 ? UPLIFT_OK : err->status;
	if (day > d->asof) {
		d->history_after_asof++;
		return UPLIFT_OK;
	}
	d->history_used++;
	u = &d->users[idx];
	u->h_orders++;
	u->h_paid += amount - discount;
	if (u->h_first == UPLIFT_NO_DAY || day < u->h_first)
		u->h_first = (int32_t)day;
	if (u->h_last == UPLIFT_NO_DAY || day > u->h_last)
		u->h_last = (int32_t)day;
	if (day > d->asof - d->window_days) {
		u->pre_orders++;
		u->pre_paid += amount - discount;
		u->pre_amount += amount;
		u->pre_discount += discount;
	}
	return UPLIFT_OK;
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
			const char *v = uplift_derived_value(col, &d->users[u], d->thresholds);
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
	if (check_width(o->path, row, o->width, err))
		return err->status;
	d->outcomes_read++;
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
		d->outcomes_unassigned++;
		return UPLIFT_OK;
	}
	if (o->seen[idx])
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, "user_id",
					"user '%s' has two rows (lines %u and %ld)",
					row->field[o->c_user], o->seen_line[idx], row->line);
	o->seen[idx] = 1;
	o->seen_line[idx] = (uint32_t)row->line;
	u = &d->users[idx];
	u->orders = (uint32_t)v[OC_ORDERS];
	u->paid = v[OC_REVENUE];
	u->discount = v[OC_DISCOUNT];
	u->amount = v[OC_REVENUE] + v[OC_DISCOUNT];
	u->redeemed = v[OC_DISCOUNT] > 0; /* per user: at least one discounted order */
	u->converted = o->c[OC_CONVERTED] >= 0 ? (uint8_t)v[OC_CONVERTED] : u->orders >= 1;
	u->repurchased = o->c[OC_REPURCHASED] >= 0 ? (uint8_t)v[OC_REPURCHASED] : u->orders >= 2;
	return UPLIFT_OK;
}

/* ---- the folder ---------------------------------------------------------- */

void uplift_data_free(struct uplift_data *d)
{
	if (!d)
		return;
	uplift_strtab_release(&d->ids);
	free(d->thresholds);
	free(d->users);
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

/* Read one CSV file through fn, collecting problems when asked to. */
static enum uplift_status read_file(struct uplift_data *d, const char *path,
				    const struct uplift_csv_options *copt, uplift_csv_row_fn fn,
				    void *ctx, struct uplift_problems *problems,
				    struct uplift_error *err)
{
	struct guard g = {fn, ctx, problems};
	uint64_t bytes = 0;
	enum uplift_status st;

	if (problems)
		st = uplift_csv_read(path, copt, guarded, &g, &bytes, err);
	else
		st = uplift_csv_read(path, copt, fn, ctx, &bytes, err);
	d->bytes_read += bytes;
	return st;
}

static enum uplift_status load_assignments(struct uplift_data *d, const char *path,
					   const struct uplift_csv_options *copt,
					   const struct uplift_load_options *opt,
					   struct uplift_error *err)
{
	struct assign_ctx a = {.d = d, .path = path, .dedupe = opt->dedupe};
	enum uplift_status st;

	a.c_by = calloc(d->n_by + 1, sizeof(*a.c_by));
	if (!a.c_by)
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	st = read_file(d, path, copt, assign_row, &a, opt->problems, err);
	free(a.c_by);
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
	st = read_file(d, path, copt, outcomes_row, &o, problems, err);
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

	path_join(path, sizeof(path), dir, ASSIGN_FILE);
	if (load_assignments(d, path, &copt, opt, err))
		goto fail;
	if (has_orders) {
		struct orders_ctx o = {.d = d, .path = orders};
		enum uplift_status st;
		d->metrics = UPLIFT_ALL_METRICS;
		st = read_file(d, orders, &copt, orders_row, &o, opt->problems, err);
		free(o.seen.slot);
		if (st)
			goto fail;
		for (size_t u = 0; u < d->n_users; u++) {
			d->users[u].converted = d->users[u].orders >= 1;
			d->users[u].repurchased = d->users[u].orders >= 2;
		}
	} else {
		d->from_outcomes = true;
		if (load_outcomes(d, outcomes, &copt, opt->problems, err))
			goto fail;
	}
	if (d->has_history) {
		struct orders_ctx h = {.d = d, .path = history};
		enum uplift_status st =
		    read_file(d, history, &copt, history_row, &h, opt->problems, err);
		free(h.seen.slot);
		if (st)
			goto fail;
		if (derive_segments(d, history, err))
			goto fail;
	}
	return d;
fail:
	uplift_data_free(d);
	return NULL;
}
