/*
 * data_outcomes.c - outcomes.csv, the per-user totals an export may give
 * instead of orders.csv: one row per user, its columns deciding the
 * metrics the folder supports (see data_internal.h). Each row is applied
 * as it is read, on the reading thread, without the pipe. Its columns are
 * found through [columns] (header_find.c); converted and repurchased are
 * flags (uplift_flag.h).
 */
#include "data_findings.h"
#include "data_internal.h"
#include "uplift_amount.h"
#include "uplift_flag.h"
#include "uplift_metric.h"
#include "uplift_strtab.h"

#include <math.h>
#include <stdlib.h>

enum { OC_ORDERS, OC_REVENUE, OC_DISCOUNT, OC_CONVERTED, OC_REPURCHASED, OC_N };
static const enum uplift_column_name oc_columns[OC_N] = {
    UPLIFT_COL_ORDERS,    UPLIFT_COL_REVENUE,     UPLIFT_COL_DISCOUNT,
    UPLIFT_COL_CONVERTED, UPLIFT_COL_REPURCHASED,
};

struct outcomes_ctx {
	struct uplift_data *d;
	const char *path;
	const struct uplift_columns_def *cols;
	long c_user;
	long c[OC_N];
	size_t width;
	uint8_t *seen; /* per user: had a row already (line kept in seen_line) */
	uint32_t *seen_line;
	uint64_t read, unassigned; /* rows, and rows of no user: into d->counts at the end */
	/* [metric] sections' columns (of = visit): index in the header per
	 * metric, of the value and of a ratio's denominator; -1: none */
	long mc[UPLIFT_N_METRICS], mc_den[UPLIFT_N_METRICS];
};

/* The columns [metric] sections read (of = COLUMN, or A / B with columns). */
static enum uplift_status metric_columns(struct outcomes_ctx *o, const struct uplift_csv_row *h,
					 struct uplift_error *err)
{
	const struct uplift_metric_set *set = &o->d->exp->metrics;
	char found[UPLIFT_HEADER_LIST_SIZE];

	for (size_t m = 0; m < UPLIFT_N_METRICS; m++)
		o->mc[m] = o->mc_den[m] = -1;
	for (size_t m = UPLIFT_N_BUILTIN; m < set->n; m++) {
		const struct uplift_metric_def *def = &set->def[m];
		for (int den = 0; den < 2; den++) {
			const char *want = den ? def->column_den : def->column;
			long c = -1;
			if ((den ? def->of_den : def->of) != UPLIFT_OF_COLUMN ||
			    def->uncapped_of != UPLIFT_N_METRICS)
				continue;
			for (size_t i = 0; i < h->n; i++)
				if (h->len[i] == strlen(want) && memcmp(h->field[i], want, h->len[i]) == 0)
					c = (long)i;
			if (c < 0)
				return uplift_error_set(
				    err, UPLIFT_EINPUT, o->path, h->line, want,
				    "missing column '%s' in the header (found: %s), needed by "
				    "[metric %s] of experiment.ini",
				    want, uplift_header_list(h, found, sizeof(found)), def->name);
			*(den ? &o->mc_den[m] : &o->mc[m]) = c;
		}
		if (o->mc[m] >= 0 || o->mc_den[m] >= 0)
			o->d->column_found |= UPLIFT_METRIC_BIT(m);
	}
	return UPLIFT_OK;
}

/* A [metric] column's field: a flag (0/1, true/false, 是/否) or a number. */
static enum uplift_status metric_value(struct outcomes_ctx *o, const struct uplift_csv_row *row,
				       long c, const char *name, double *v, struct uplift_error *err)
{
	int flag, why;

	if (uplift_flag_parse(row->field[c], row->len[c], &flag)) {
		*v = flag;
		return UPLIFT_OK;
	}
	if ((why = uplift_amount_parse(row->field[c], row->len[c], v)) == 0)
		return UPLIFT_OK;
	if (why == 2 && uplift_amount_parse(row->field[c] + 1, row->len[c] - 1, v) == 0) {
		*v = -*v; /* a negative value of a user's own column is a value */
		return UPLIFT_OK;
	}
	return uplift_number_error(o->path, row, c, name, why, err);
}

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

/*
 * The findings of the header (data_findings.h): whether it has a discount
 * column, and the columns no metric reads. False when out of memory.
 */
static bool outcomes_header_findings(struct outcomes_ctx *o, const struct uplift_csv_row *h)
{
	long used[OC_N + 1 + 2 * UPLIFT_N_METRICS];
	size_t n = 0;

	used[n++] = o->c_user;
	for (int k = 0; k < OC_N; k++)
		if (o->c[k] >= 0)
			used[n++] = o->c[k];
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		if (o->mc[m] >= 0)
			used[n++] = o->mc[m];
		if (o->mc_den[m] >= 0)
			used[n++] = o->mc_den[m];
	}
	o->d->findings.has_discount = o->c[OC_DISCOUNT] >= 0;
	return uplift_findings_ignored(&o->d->findings, h, used, n);
}

/* An outcome row's findings: one that contradicts itself, when conversion is known. */
static void outcome_row_findings(struct outcomes_ctx *o, long line, const double *v)
{
	bool converted = o->c[OC_CONVERTED] >= 0 ? v[OC_CONVERTED] != 0 : v[OC_ORDERS] >= 1;

	o->d->findings.rows++;
	if (o->c[OC_CONVERTED] >= 0 || o->c[OC_ORDERS] >= 0)
		uplift_findings_outcome(&o->d->findings, line, converted,
					o->c[OC_REPURCHASED] >= 0 && v[OC_REPURCHASED] != 0,
					v[OC_REVENUE], v[OC_ORDERS], v[OC_DISCOUNT]);
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
		if (uplift_header_check(o->path, row, err) ||
		    uplift_header_need(o->path, row, o->cols, UPLIFT_COL_USER_ID, &o->c_user, err))
			return err->status;
		for (int k = 0; k < OC_N; k++)
			o->c[k] = uplift_header_find(row, o->cols, oc_columns[k]);
		d->metrics = outcome_metrics(o->c);
		if (metric_columns(o, row, err))
			return err->status;
		if (d->metrics == 0 && d->column_found == 0) {
			char found[UPLIFT_HEADER_LIST_SIZE];
			return uplift_error_set(
			    err, UPLIFT_EINPUT, o->path, row->line, NULL,
			    "no metric column (expected any of orders, revenue, "
			    "discount, converted, repurchased, or one mapped in [columns]; "
			    "found: %s)",
			    uplift_header_list(row, found, sizeof(found)));
		}
		o->width = row->n;
		if (!outcomes_header_findings(o, row))
			return uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL,
						"out of memory");
		return UPLIFT_OK;
	}
	o->read++;
	if (uplift_width_check(o->path, row, o->width, err))
		return err->status;
	for (int k = 0; k < OC_N; k++) {
		long c = o->c[k];
		const char *name = uplift_columns_header(o->cols, oc_columns[k]);
		int why, flag;
		v[k] = 0;
		if (c < 0)
			continue;
		if (k == OC_CONVERTED || k == OC_REPURCHASED) {
			/* a flag: its error says the spellings, never the money hint */
			if (uplift_flag_parse(row->field[c], row->len[c], &flag)) {
				v[k] = flag;
				continue;
			}
			if (uplift_utf8_error(o->path, row->line, name, row->field[c], row->len[c],
					      err))
				return err->status;
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, name,
						"expected a flag: " UPLIFT_FLAG_FORMS ", got '%s'",
						row->field[c]);
		}
		if ((why = uplift_amount_parse(row->field[c], row->len[c], &v[k])))
			return uplift_number_error(o->path, row, c, name, why, err);
		if (k == OC_ORDERS && (v[k] != floor(v[k]) || v[k] > UINT32_MAX))
			return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line, name,
						"expected a whole number, got '%s'", row->field[c]);
	}
	outcome_row_findings(o, row->line, v);
	idx = uplift_strtab_find(&d->ids, row->field[o->c_user], row->len[o->c_user]);
	if (idx < 0) {
		/* no user's id, or one in another encoding (see orders_flush) */
		if (uplift_utf8_error(o->path, row->line,
				      uplift_columns_header(o->cols, UPLIFT_COL_USER_ID),
				      row->field[o->c_user], row->len[o->c_user], err))
			return err->status;
		o->unassigned++;
		return UPLIFT_OK;
	}
	if (o->seen[idx])
		return uplift_error_set(err, UPLIFT_EINPUT, o->path, row->line,
					uplift_columns_header(o->cols, UPLIFT_COL_USER_ID),
					"user '%s' has two rows (lines %u and %ld)",
					row->field[o->c_user], o->seen_line[idx], row->line);
	if (!(u = uplift_user_acc(d, (size_t)idx)))
		return uplift_error_set(err, UPLIFT_ENOMEM, o->path, row->line, NULL,
					"out of memory");
	o->seen[idx] = 1;
	o->seen_line[idx] = (uint32_t)row->line;
	for (int m = UPLIFT_N_BUILTIN; m < UPLIFT_N_METRICS; m++) {
		if (o->mc[m] >= 0 &&
		    metric_value(o, row, o->mc[m], d->exp->metrics.def[m].column,
				 &d->metric_sum[m][idx], err))
			return err->status;
		if (o->mc_den[m] >= 0 &&
		    metric_value(o, row, o->mc_den[m], d->exp->metrics.def[m].column_den,
				 &d->metric_den[m][idx], err))
			return err->status;
	}
	u->orders = (uint32_t)v[OC_ORDERS];
	u->paid = v[OC_REVENUE];
	u->discount = v[OC_DISCOUNT];
	u->redeemed = v[OC_DISCOUNT] > 0; /* per user: at least one discounted order */
	/* converted and repurchased were checked to be 0 or 1 */
	u->converted = o->c[OC_CONVERTED] >= 0 ? v[OC_CONVERTED] != 0 : u->orders >= 1;
	u->repurchased = o->c[OC_REPURCHASED] >= 0 ? v[OC_REPURCHASED] != 0 : u->orders >= 2;
	return UPLIFT_OK;
}

enum uplift_status uplift_outcomes_load(struct uplift_data *d, const char *path,
					const struct uplift_csv_options *copt,
					struct uplift_problems *problems, struct uplift_error *err)
{
	struct outcomes_ctx o = {.d = d, .path = path, .cols = &d->exp->columns};
	struct uplift_data_file file = {.path = path,
					.copt = copt,
					.row = outcomes_row,
					.ctx = &o,
					.problems = problems,
					.bytes_read = &d->bytes_read};
	enum uplift_status st;

	o.seen = calloc(d->n_users + 1, 1);
	o.seen_line = calloc(d->n_users + 1, sizeof(*o.seen_line));
	if (!o.seen || !o.seen_line) {
		free(o.seen);
		free(o.seen_line);
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	}
	st = uplift_pipe_read_file(&file, err);
	d->counts.outcomes_read = o.read;
	d->counts.outcomes_unassigned = o.unassigned;
	free(o.seen);
	free(o.seen_line);
	return st;
}
