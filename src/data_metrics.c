/*
 * data_metrics.c - what the [metric NAME] sections need of the files
 * beyond struct uplift_user: the per-user sums of the orders a metric
 * keeps (where, within_days), each member's exposed_at and the covariate
 * columns of assignments.csv (see struct uplift_data). One double per
 * user for each such array, none per order.
 */
#include "data_internal.h"
#include "uplift_amount.h"
#include "uplift_date.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The metric sums part of the orders or a column: it keeps its own per-user sum. */
static bool keeps_sum(const struct uplift_metric_def *def)
{
	return def->user && def->uncapped_of == UPLIFT_N_METRICS &&
	       (def->where.on || def->within_days || def->of == UPLIFT_OF_COLUMN ||
		def->of_den == UPLIFT_OF_COLUMN);
}

bool uplift_data_metrics_exposure(const struct uplift_experiment *exp)
{
	for (size_t m = UPLIFT_N_BUILTIN; m < exp->metrics.n; m++)
		if (exp->metrics.def[m].within_days)
			return true;
	return false;
}

/* within_days without an exposed_at column: experiment.ini's line that asks for it. */
static enum uplift_status no_exposure(const struct uplift_experiment *exp,
				      const struct uplift_csv_row *h, const char *path,
				      struct uplift_error *err)
{
	const char *slash = strrchr(path, '/');
	char ini[4096], found[400];
	size_t m = UPLIFT_N_BUILTIN;

	while (m < exp->metrics.n && !exp->metrics.def[m].within_days)
		m++;
	snprintf(ini, sizeof(ini), "%.*sexperiment.ini", slash ? (int)(slash - path + 1) : 0, path);
	return uplift_error_set(err, UPLIFT_EINPUT, ini, exp->metrics.def[m].within_line, NULL,
				"[metric %s] within_days: needs an exposed_at column in "
				"assignments.csv, the time each member got the message (found: %s)",
				exp->metrics.def[m].name, uplift_header_list(h, found, sizeof(found)));
}

enum uplift_status uplift_data_values_header(struct uplift_assign_values *v,
					     const struct uplift_experiment *exp,
					     const struct uplift_csv_row *h, const char *path,
					     struct uplift_error *err)
{
	char found[400];

	v->n = 0;
	v->tz_minutes = exp->tz_minutes;
	for (size_t m = UPLIFT_N_BUILTIN; m <= exp->metrics.n; m++) {
		const struct uplift_metric_def *def = m < exp->metrics.n ? &exp->metrics.def[m] : NULL;
		const char *want = def ? def->covariate : "exposed_at";
		long c = -1;

		if (def && (!def->covariate[0] || def->uncapped_of != UPLIFT_N_METRICS))
			continue;
		if (!def && !uplift_data_metrics_exposure(exp))
			continue;
		for (size_t i = 0; i < h->n; i++)
			if (h->len[i] == strlen(want) && memcmp(h->field[i], want, h->len[i]) == 0)
				c = (long)i;
		if (c < 0 && def)
			return uplift_error_set(
			    err, UPLIFT_EINPUT, path, h->line, want,
			    "missing column '%s' in the header (found: %s), the covariate of "
			    "[metric %s]",
			    want, uplift_header_list(h, found, sizeof(found)), def->name);
		if (c < 0) /* named where it was asked for: the first within_days */
			return no_exposure(exp, h, path, err);
		v->col[v->n] = c;
		v->metric[v->n] = def ? (int)m : -1;
		v->name[v->n] = def ? def->covariate : "exposed_at";
		v->n++;
	}
	return UPLIFT_OK;
}

enum uplift_status uplift_data_values_parse(const struct uplift_assign_values *v,
					    const struct uplift_csv_row *row, double *out,
					    const char *path, struct uplift_error *err)
{
	for (size_t i = 0; i < v->n; i++) {
		const char *s = row->field[v->col[i]];
		size_t len = row->len[v->col[i]];

		if (v->metric[i] < 0) { /* exposed_at: a date or a time */
			long day, minute;
			if (len == 0) {
				out[i] = (double)UPLIFT_NO_EXPOSURE;
				continue;
			}
			if (!uplift_date_parse_minute(s, len, v->tz_minutes, &day, &minute))
				return uplift_error_set(err, UPLIFT_EINPUT, path, row->line,
							"exposed_at",
							"not a date/time: '%s' (expected " UPLIFT_DATE_FORMS
							")",
							s);
			out[i] = minute < 0 ? (double)(day * 1440) * 2 : (double)(day * 1440 + minute) * 2 + 1;
			continue;
		}
		if (len == 0) { /* no covariate value: 0, as a member without history */
			out[i] = 0;
			continue;
		}
		if (uplift_amount_parse(s, len, &out[i]) != 0) {
			char *end;
			out[i] = strtod(s, &end);
			if (end != s + len || !isfinite(out[i]))
				return uplift_error_set(err, UPLIFT_EINPUT, path, row->line,
							v->name[i], "not a number: '%s' (column %ld)",
							s, v->col[i] + 1);
		}
	}
	return UPLIFT_OK;
}

bool uplift_data_values_grow(struct uplift_data *d, const struct uplift_assign_values *v,
			     size_t cap)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->metric[i] < 0) {
			int64_t *p = realloc(d->exposed, cap * sizeof(*p));
			if (!p)
				return false;
			d->exposed = p;
		} else {
			double *p = realloc(d->covariate[v->metric[i]], cap * sizeof(*p));
			if (!p)
				return false;
			d->covariate[v->metric[i]] = p;
		}
	}
	d->values_cap = cap;
	return true;
}

void uplift_data_values_store(struct uplift_data *d, const struct uplift_assign_values *v,
			      const double *vals, size_t u)
{
	for (size_t i = 0; i < v->n; i++) {
		if (v->metric[i] < 0)
			d->exposed[u] = (int64_t)vals[i];
		else
			d->covariate[v->metric[i]][u] = vals[i];
	}
}

enum uplift_status uplift_data_metrics_init(struct uplift_data *d, bool has_orders,
					    struct uplift_error *err)
{
	const struct uplift_metric_set *set = &d->exp->metrics;
	size_t n = d->n_users ? d->n_users : 1;

	d->n_order_metrics = 0;
	for (size_t m = UPLIFT_N_BUILTIN; m < set->n; m++) {
		const struct uplift_metric_def *def = &set->def[m];
		if (has_orders && (def->of == UPLIFT_OF_COLUMN || def->of_den == UPLIFT_OF_COLUMN))
			return uplift_error_set(
			    err, UPLIFT_EINPUT, "experiment.ini", def->line, NULL,
			    "[metric %s] of = %s: not orders, amount, paid, discount or profit; a "
			    "column is read from outcomes.csv, and this folder has orders.csv",
			    def->name, def->of == UPLIFT_OF_COLUMN ? def->column : def->column_den);
		if (!has_orders && (def->where.on || def->within_days))
			return uplift_error_set(
			    err, UPLIFT_EINPUT, "experiment.ini", def->line, NULL,
			    "[metric %s] %s: filters orders, and this folder has outcomes.csv (one "
			    "row per user, no orders)",
			    def->name, def->where.on ? "where" : "within_days");
		if (!keeps_sum(def))
			continue;
		if (!(d->metric_sum[m] = calloc(n, sizeof(double))) ||
		    (def->kind == UPLIFT_RATIO && !(d->metric_den[m] = calloc(n, sizeof(double)))))
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		if (def->of != UPLIFT_OF_COLUMN && def->of_den != UPLIFT_OF_COLUMN)
			d->order_metric[d->n_order_metrics++] = (int)m;
	}
	return UPLIFT_OK;
}

/* Whether the files give what `of` sums (a column: when outcomes.csv has it). */
static bool source_ok(const struct uplift_data *d, int m, enum uplift_metric_of of)
{
	unsigned b = d->metrics;

	switch (of) {
	case UPLIFT_OF_ORDERS:
		return b & UPLIFT_METRIC_BIT(UPLIFT_ORDERS);
	case UPLIFT_OF_PAID:
		return b & UPLIFT_METRIC_BIT(UPLIFT_REVENUE);
	case UPLIFT_OF_DISCOUNT:
		return b & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT);
	case UPLIFT_OF_AMOUNT:
		return b & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT);
	case UPLIFT_OF_PROFIT:
		return (b & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT)) && (b & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
	case UPLIFT_OF_COLUMN:
		return d->column_found & UPLIFT_METRIC_BIT(m);
	default:
		return true;
	}
}

unsigned uplift_data_metrics_supported(const struct uplift_data *d)
{
	const struct uplift_metric_set *set = &d->exp->metrics;
	unsigned mask = 0;

	for (size_t m = UPLIFT_N_BUILTIN; m < set->n; m++) {
		const struct uplift_metric_def *def = &set->def[m];
		int own = def->uncapped_of != UPLIFT_N_METRICS ? def->uncapped_of : (int)m;
		if (source_ok(d, own, def->of) &&
		    (def->of_den == UPLIFT_OF_NONE || source_ok(d, own, def->of_den)))
			mask |= UPLIFT_METRIC_BIT(m);
	}
	return mask;
}

static double of_order(enum uplift_metric_of of, double amount, double discount, double g)
{
	switch (of) {
	case UPLIFT_OF_ORDERS:
		return 1;
	case UPLIFT_OF_AMOUNT:
		return amount;
	case UPLIFT_OF_PAID:
		return amount - discount;
	case UPLIFT_OF_DISCOUNT:
		return discount;
	case UPLIFT_OF_PROFIT:
		return g * amount - discount;
	default:
		return 0;
	}
}

static bool passes(const struct uplift_metric_where *w, double amount, double discount)
{
	double v = w->field == UPLIFT_OF_AMOUNT ? amount
		   : w->field == UPLIFT_OF_PAID ? amount - discount
						: discount;

	switch (w->op) {
	case UPLIFT_OP_LT:
		return v < w->value;
	case UPLIFT_OP_LE:
		return v <= w->value;
	case UPLIFT_OP_GE:
		return v >= w->value;
	default:
		return v > w->value;
	}
}

bool uplift_data_metrics_in_days(int64_t e, int n_days, long day, long minute)
{
	int64_t emin, eday;

	if (e == UPLIFT_NO_EXPOSURE)
		return false;
	emin = (e - (e & 1)) / 2;
	eday = emin >= 0 ? emin / 1440 : -((1439 - emin) / 1440);
	if ((e & 1) && minute >= 0) {
		int64_t t = (int64_t)day * 1440 + minute;
		return t >= emin && t < emin + (int64_t)n_days * 1440;
	}
	return day >= eday && day <= eday + n_days - 1;
}

bool uplift_data_metrics_days_over(int64_t e, int n_days, long end)
{
	int64_t emin, eday;

	if (e == UPLIFT_NO_EXPOSURE)
		return false;
	emin = (e - (e & 1)) / 2;
	eday = emin >= 0 ? emin / 1440 : -((1439 - emin) / 1440);
	if (e & 1)
		return emin + (int64_t)n_days * 1440 <= ((int64_t)end + 1) * 1440;
	return eday + n_days - 1 <= end;
}

void uplift_data_metrics_order(struct uplift_data *d, size_t u, long day, long minute,
			       double amount, double discount, bool post)
{
	const struct uplift_metric_set *set = &d->exp->metrics;
	double g = d->exp->has_economics ? d->exp->gross_margin : 0;

	for (size_t i = 0; i < d->n_order_metrics; i++) {
		int m = d->order_metric[i];
		const struct uplift_metric_def *def = &set->def[m];

		if (amount < 0) { /* a refund row: its paid value, no order */
			if (def->where.on || (def->of != UPLIFT_OF_PAID && def->of != UPLIFT_OF_PROFIT))
				continue;
		} else if (def->where.on && !passes(&def->where, amount, discount)) {
			continue;
		}
		double *sum = post ? d->metric_post[m] : d->metric_sum[m];
		double *den = post ? d->metric_post_den[m] : d->metric_den[m];
		if (!sum || (def->within_days && (post || !uplift_data_metrics_in_days(
								d->exposed[u], def->within_days,
								day, minute))))
			continue;
		if (amount < 0) { /* the refund's paid value; profit loses g of it */
			sum[u] += def->of == UPLIFT_OF_PROFIT ? g * amount : amount;
			continue;
		}
		sum[u] += of_order(def->of, amount, discount, g);
		if (den)
			den[u] += of_order(def->of_den, amount, discount, g);
	}
}

void uplift_data_metrics_finish(struct uplift_data *d)
{
	/* refunds never take a paid value below 0 (as struct uplift_user's);
	 * a profit may be below 0 and is left as it is */
	for (size_t i = 0; i < d->n_order_metrics; i++) {
		int m = d->order_metric[i];
		double *post = d->metric_post[m];
		if (d->exp->metrics.def[m].of != UPLIFT_OF_PAID)
			continue;
		for (size_t u = 0; u < d->n_users; u++) {
			if (d->metric_sum[m][u] < 0)
				d->metric_sum[m][u] = 0;
			if (post && post[u] < 0)
				post[u] = 0;
		}
	}
	d->not_yet_exposed = 0;
	if (d->exposed) {
		int longest = 0;
		for (size_t m = UPLIFT_N_BUILTIN; m < d->exp->metrics.n; m++)
			if (d->exp->metrics.def[m].within_days > longest)
				longest = d->exp->metrics.def[m].within_days;
		for (size_t u = 0; u < d->n_users; u++)
			d->not_yet_exposed += !uplift_data_metrics_days_over(d->exposed[u], longest, d->exp->end);
		d->counts.has_exposure = true;
		d->counts.not_yet_exposed = d->not_yet_exposed;
	}
}

void uplift_data_metrics_free(struct uplift_data *d)
{
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		free(d->metric_sum[m]);
		free(d->metric_den[m]);
		free(d->covariate[m]);
	}
	free(d->exposed);
}
