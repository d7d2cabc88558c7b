/*
 * data_bins.c - a binned --by column (COLUMN:qN, COLUMN:a,b,c; see
 * uplift_by.h) turned from each user's number into each user's bin, once
 * the folder is read.
 *
 * The loader interns a binned column's fields as it does any column's
 * (without the limit on distinct values: memory still proportional to
 * users), or, for recency, frequency and monetary without such a column
 * in assignments.csv, leaves them to history.csv. Here every distinct
 * field is read as a number once; a copy of the users' numbers is sorted
 * for the quantiles, computed as numpy.quantile (pandas.qcut) computes
 * them, to the bit: an edge that lands on a value must land on the same
 * value, or that value's users change bins. Bins are interned in their
 * order (the ones with users only, "-" for blanks last), so data_order.c
 * leaves the column as it is.
 */
#include "data_internal.h"
#include "uplift_by.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* history.csv's numbers a column may be binned on, when assignments.csv has no such column. */
static const char *const history_numbers[] = {"recency", "frequency", "monetary"};

int uplift_bins_history_number(const char *column)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(column, history_numbers[i]) == 0)
			return i;
	return -1;
}

/* numpy's _lerp: a + (b - a) t, or b - (b - a)(1 - t) from t = 0.5 on. */
static double lerp(double a, double b, double t)
{
	double diff = b - a;

	return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/* numpy.quantile(s, k / q), method "linear", of the n sorted values s. */
static double quantile(const double *s, size_t n, unsigned k, unsigned q)
{
	/* numpy.linspace(0, 1, q + 1): k * (1 / q), the last exactly 1 */
	double p = k == q ? 1.0 : (double)k * (1.0 / (double)q);
	double vi = (double)(n - 1) * p, prev = floor(vi);
	size_t i = (size_t)prev;

	if (vi >= (double)(n - 1))
		return s[n - 1];
	return lerp(s[i], s[i + 1], vi - prev);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * v as the shortest fixed-point text that reads back as v exactly (64.66,
 * 325.6575, 7.999999999999999: a name never rounds an edge onto a value
 * on its other side), %.17g for what needs more than 17 decimals.
 */
static void format_edge(double v, char *buf, size_t size)
{
	if (fabs(v) < 1e15)
		for (int d = 0; d <= 17; d++) {
			snprintf(buf, size, "%.*f", d, v);
			if (strtod(buf, NULL) == v) {
				if (strcmp(buf, "-0") == 0)
					strcpy(buf, "0");
				return;
			}
		}
	snprintf(buf, size, "%.17g", v);
}

/* Every user's number (NAN for a blank), from the column's fields or history.csv. */
static enum uplift_status user_numbers(const struct uplift_data *d,
				       const struct uplift_by_column *by, const char *path,
				       double *x, struct uplift_error *err)
{
	const char *column = by->spec->part[0].column;
	size_t nv = by->values.n;
	double *of_value;
	signed char *state; /* per value: 0 number, 1 blank, 2 not a number */

	if (by->derived) { /* recency, frequency or monetary */
		int q = uplift_bins_history_number(column);
		for (size_t u = 0; u < d->n_users; u++) {
			const struct uplift_history *h = &d->history[u];
			x[u] = q == 0   ? (h->orders ? (double)(d->asof - h->last) : NAN)
			       : q == 1 ? (double)h->orders
					: h->paid;
		}
		return UPLIFT_OK;
	}
	of_value = malloc((nv + 1) * sizeof(*of_value));
	state = malloc(nv + 1);
	if (!of_value || !state) {
		free(of_value);
		free(state);
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	}
	for (size_t v = 0; v < nv; v++) {
		size_t len, i = 0;
		const char *s = uplift_strtab_get(&by->values, v, &len);
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		state[v] = i == len ? 1 : uplift_by_number(s, len, &of_value[v]) ? 0 : 2;
		if (state[v] == 1)
			of_value[v] = NAN;
	}
	for (size_t u = 0; u < d->n_users; u++) {
		uint32_t v = by->of_user[u];
		if (state[v] == 2) { /* the first such row of the file */
			uplift_error_set(
			    err, UPLIFT_EINPUT, path, d->members[u].line, column,
			    "not a number: '%s' (--by %s bins numbers; leave the field "
			    "blank for a missing value)",
			    uplift_strtab_get(&by->values, v, NULL), by->name);
			break;
		}
		x[u] = of_value[v];
	}
	free(of_value);
	free(state);
	return err->status;
}

/*
 * The edges of the bins, in e[0..*n_edges): the quantiles (their repeats
 * dropped) or -inf, the cut points, +inf. s: the m numbers, sorted.
 */
static void bin_edges(const struct uplift_by_part *p, const double *s, size_t m, double *e,
		      size_t *n_edges)
{
	size_t n = 0;

	if (p->kind == UPLIFT_BIN_CUTS) {
		e[n++] = -HUGE_VAL;
		for (size_t i = 0; i < p->n_cuts; i++)
			e[n++] = p->cuts[i];
		e[n++] = HUGE_VAL;
	} else if (m > 0) {
		for (unsigned k = 0; k <= p->quantiles; k++) {
			double q = quantile(s, m, k, p->quantiles);
			if (n == 0 || q != e[n - 1]) /* qcut(duplicates="drop") */
				e[n++] = q;
		}
	}
	*n_edges = n;
}

/* The bin of x among the edges (-1 for a blank): qcut's right-closed bins, cut's left-closed. */
static long bin_of(const struct uplift_by_part *p, const double *e, size_t n_edges, double x)
{
	size_t lo = 1, hi = n_edges - 1;

	if (isnan(x))
		return -1;
	if (p->kind == UPLIFT_BIN_CUTS) { /* the number of cut points <= x */
		long k = 0;
		while ((size_t)k < p->n_cuts && p->cuts[k] <= x)
			k++;
		return k;
	}
	if (n_edges < 2) /* one value for everyone */
		return 0;
	while (lo < hi) { /* the first edge i >= 1 with x <= e[i] */
		size_t mid = (lo + hi) / 2;
		if (x <= e[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return (long)lo - 1;
}

/* The name of bin b: [e0, e1], (e1, e2] for quantiles; (-∞, a), [a, b), [b, +∞) for cuts. */
static void bin_name(const struct uplift_by_part *p, const double *e, size_t n_edges, size_t b,
		     char *buf, size_t size)
{
	char lo[64], hi[64];

	if (p->kind == UPLIFT_BIN_QUANTILES) {
		format_edge(e[b], lo, sizeof(lo));
		format_edge(n_edges < 2 ? e[0] : e[b + 1], hi, sizeof(hi));
		snprintf(buf, size, "%s%s, %s]", b == 0 ? "[" : "(", lo, hi);
		return;
	}
	if (b == 0) {
		format_edge(e[1], hi, sizeof(hi));
		snprintf(buf, size, "(-\xE2\x88\x9E, %s)", hi);
	} else if (b + 2 == n_edges) {
		format_edge(e[b], lo, sizeof(lo));
		snprintf(buf, size, "[%s, +\xE2\x88\x9E)", lo);
	} else {
		format_edge(e[b], lo, sizeof(lo));
		format_edge(e[b + 1], hi, sizeof(hi));
		snprintf(buf, size, "[%s, %s)", lo, hi);
	}
}

static enum uplift_status bin_column(struct uplift_data *d, struct uplift_by_column *by,
				     const char *path, struct uplift_error *err)
{
	const struct uplift_by_part *p = &by->spec->part[0];
	size_t m = 0, n_edges, n_bins;
	double *x = malloc((d->n_users + 1) * sizeof(*x)), *s = NULL;
	double e[UPLIFT_BY_MAX_CUTS + UPLIFT_BY_MAX_QUANTILES + 3];
	uint64_t *count = NULL;
	long *rank = NULL;
	struct uplift_strtab names;

	uplift_strtab_init(&names);
	if (!x || !(s = malloc((d->n_users + 1) * sizeof(*s))))
		goto nomem;
	if (user_numbers(d, by, path, x, err))
		goto fail;
	for (size_t u = 0; u < d->n_users; u++)
		if (!isnan(x[u]))
			s[m++] = x[u];
	qsort(s, m, sizeof(*s), cmp_double);
	bin_edges(p, s, m, e, &n_edges);
	free(s);
	s = NULL;
	n_bins = p->kind == UPLIFT_BIN_CUTS ? n_edges - 1 : n_edges < 2 ? n_edges : n_edges - 1;
	count = calloc(n_bins + 1, sizeof(*count)); /* [n_bins]: the blanks */
	rank = malloc((n_bins + 1) * sizeof(*rank));
	if (!count || !rank)
		goto nomem;
	for (size_t u = 0; u < d->n_users; u++) {
		long b = bin_of(p, e, n_edges, x[u]);
		count[b < 0 ? n_bins : (size_t)b]++;
	}
	for (size_t b = 0; b <= n_bins; b++) { /* the bins with users, in order, "-" last */
		char name[200];
		rank[b] = -1;
		if (!count[b])
			continue;
		if (b == n_bins)
			strcpy(name, "-");
		else
			bin_name(p, e, n_edges, b, name, sizeof(name));
		if ((rank[b] = uplift_strtab_intern(&names, name, strlen(name), NULL)) < 0)
			goto nomem;
	}
	for (size_t u = 0; u < d->n_users; u++) {
		long b = bin_of(p, e, n_edges, x[u]);
		by->of_user[u] = (uint32_t)rank[b < 0 ? n_bins : (size_t)b];
	}
	uplift_strtab_release(&by->values);
	by->values = names;
	free(x);
	free(count);
	free(rank);
	return UPLIFT_OK;
nomem:
	uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
fail:
	uplift_strtab_release(&names);
	free(x);
	free(s);
	free(count);
	free(rank);
	return err->status;
}

enum uplift_status uplift_data_bins(struct uplift_data *d, const char *path,
				    struct uplift_error *err)
{
	for (size_t i = 0; i < d->n_by; i++) {
		struct uplift_by_column *by = &d->by[i];
		if (!by->spec || by->spec->n_parts != 1)
			continue;
		if (bin_column(d, by, path, err))
			return err->status;
	}
	return UPLIFT_OK;
}

const char *uplift_by_source(const struct uplift_by_column *by)
{
	return by->spec ? by->spec->part[0].column : by->name;
}
