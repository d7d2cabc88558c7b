/*
 * suff_io.c - sufficient statistics as CSV (see uplift_suff_io.h).
 */
#include "uplift_suff_io.h"
#include "uplift_csv.h"
#include "uplift_data.h"
#include "uplift_strtab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const header[] = {"arm", "column", "value", "metric",   "n",
				     "sum", "sum_sq", "sum_x", "sum_x_sq", "sum_xy"};
#define N_FIELDS 10

static void row(FILE *out, const char *arm, const char *col, const char *val, enum uplift_metric m,
		const struct uplift_moments *x)
{
	uplift_csv_write_field(out, arm);
	fputc(',', out);
	uplift_csv_write_field(out, col);
	fputc(',', out);
	uplift_csv_write_field(out, val);
	fprintf(out, ",%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", uplift_metric_name(m), x->n,
		x->sum, x->sum_sq, x->sum_x, x->sum_x_sq, x->sum_xy);
}

void uplift_suff_write_csv(FILE *out, const struct uplift_suff *s)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		fprintf(out, "%s%s", header[i], i + 1 < N_FIELDS ? "," : "\n");
	for (size_t a = 0; a < s->n_arms; a++)
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			if (s->metrics & UPLIFT_METRIC_BIT(m))
				row(out, s->arms[a], "", "", m, uplift_suff_cell(s, -1, 0, a, m));
	for (size_t c = 0; c < s->n_columns; c++)
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			for (size_t a = 0; a < s->n_arms; a++)
				for (int m = 0; m < UPLIFT_N_METRICS; m++)
					if (s->metrics & UPLIFT_METRIC_BIT(m))
						row(out, s->arms[a], s->columns[c].name,
						    s->columns[c].values[v], m,
						    uplift_suff_cell(s, (long)c, v, a, m));
}

/* One parsed row, kept until the shape (columns, values) is known. */
struct stat_row {
	long column; /* -1 overall */
	uint32_t value;
	uint16_t arm;
	uint8_t metric;
	struct uplift_moments m;
};

struct reader {
	const struct uplift_experiment *exp;
	const char *path;
	const char *const *by;
	size_t n_by;
	long col[N_FIELDS];
	struct uplift_strtab columns; /* names of the columns kept */
	struct uplift_strtab *values; /* per column: its values */
	size_t values_cap;
	struct stat_row *rows;
	size_t n_rows, cap;
	unsigned metrics;
};

static bool is_header(const struct uplift_csv_row *r)
{
	return r->n == N_FIELDS && strcmp(r->field[0], "arm") == 0 &&
	       strcmp(r->field[3], "metric") == 0;
}

static bool wanted(const struct reader *rd, const char *column)
{
	if (rd->n_by == 0)
		return true;
	for (size_t i = 0; i < rd->n_by; i++)
		if (strcmp(rd->by[i], column) == 0)
			return true;
	return false;
}

static enum uplift_status on_row(void *ctx, const struct uplift_csv_row *r,
				 struct uplift_error *err)
{
	struct reader *rd = ctx;
	struct stat_row *sr;
	double v[6];
	long arm, col = -1, value = 0;
	int metric;

	if (r->index == 0 || is_header(r)) {
		if (r->n != N_FIELDS)
			return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, NULL,
						"expected the header "
						"arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_"
						"sq,sum_xy");
		for (size_t i = 0; i < N_FIELDS; i++)
			if (strcmp(r->field[i], header[i]) != 0)
				return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, NULL,
							"header field %zu is '%s', expected '%s'",
							i + 1, r->field[i], header[i]);
		return UPLIFT_OK;
	}
	if (r->n != N_FIELDS)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, NULL,
					"row has %zu fields, the header has %d", r->n, N_FIELDS);
	arm = uplift_experiment_find_arm(rd->exp, r->field[0], r->len[0]);
	if (arm < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "arm",
					"arm '%s' is not defined in experiment.ini", r->field[0]);
	metric = uplift_metric_parse(r->field[3]);
	if (metric < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "metric",
					"unknown metric '%s'", r->field[3]);
	for (int k = 0; k < 6; k++) {
		char *end;
		const char *s = r->field[4 + k];
		if (r->len[4 + k] == 0) {
			v[k] = 0; /* sum_x... may be left empty */
			if (k < 3)
				return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line,
							header[4 + k], "empty value");
			continue;
		}
		v[k] = strtod(s, &end);
		if (*end || !isfinite(v[k]))
			return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line,
						header[4 + k], "not a number: '%s'", s);
	}
	if (v[0] < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "n",
					"negative count: '%s'", r->field[4]);
	if (r->len[1] > 0) {
		bool added;
		if (!wanted(rd, r->field[1]))
			return UPLIFT_OK;
		col = uplift_strtab_intern(&rd->columns, r->field[1], r->len[1], &added);
		if (col < 0)
			return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
						"out of memory");
		if ((size_t)col >= rd->values_cap) {
			size_t cap = rd->values_cap ? rd->values_cap * 2 : 8;
			struct uplift_strtab *p = realloc(rd->values, cap * sizeof(*p));
			if (!p)
				return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
							"out of memory");
			for (size_t i = rd->values_cap; i < cap; i++)
				uplift_strtab_init(&p[i]);
			rd->values = p;
			rd->values_cap = cap;
		}
		value = uplift_strtab_intern(&rd->values[col], r->field[2], r->len[2], NULL);
		if (value < 0)
			return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
						"out of memory");
	} else if (r->len[2] > 0) {
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "value",
					"a value without a column");
	}
	if (rd->n_rows == rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 256;
		struct stat_row *p = realloc(rd->rows, cap * sizeof(*p));
		if (!p)
			return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
						"out of memory");
		rd->rows = p;
		rd->cap = cap;
	}
	sr = &rd->rows[rd->n_rows++];
	sr->column = col;
	sr->value = (uint32_t)value;
	sr->arm = (uint16_t)arm;
	sr->metric = (uint8_t)metric;
	sr->m.n = v[0];
	sr->m.sum = v[1];
	sr->m.sum_sq = v[2];
	sr->m.sum_x = v[3];
	sr->m.sum_x_sq = v[4];
	sr->m.sum_xy = v[5];
	rd->metrics |= UPLIFT_METRIC_BIT(metric);
	return UPLIFT_OK;
}

static void add(struct uplift_moments *to, const struct uplift_moments *x)
{
	to->n += x->n;
	to->sum += x->sum;
	to->sum_sq += x->sum_sq;
	to->sum_x += x->sum_x;
	to->sum_x_sq += x->sum_x_sq;
	to->sum_xy += x->sum_xy;
}

static struct uplift_suff *build(struct reader *rd)
{
	const struct uplift_experiment *exp = rd->exp;
	struct uplift_suff *s = calloc(1, sizeof(*s));
	size_t k = exp->n_arms;

	if (!s)
		return NULL;
	s->metrics = rd->metrics;
	if (!(s->arms = calloc(k, sizeof(*s->arms))))
		goto fail;
	s->n_arms = k;
	for (size_t a = 0; a < k; a++)
		if (!(s->arms[a] = strdup(exp->arms[a].name)))
			goto fail;
	if (!(s->overall = calloc(k * UPLIFT_N_METRICS, sizeof(*s->overall))))
		goto fail;
	if (rd->columns.n && !(s->columns = calloc(rd->columns.n, sizeof(*s->columns))))
		goto fail;
	for (size_t c = 0; c < rd->columns.n; c++) {
		struct uplift_suff_column *col = &s->columns[c];
		size_t nv = rd->values[c].n;
		s->n_columns++;
		if (!(col->name = strdup(uplift_strtab_get(&rd->columns, c, NULL))) ||
		    !(col->values = calloc(nv + 1, sizeof(*col->values))) ||
		    !(col->cells = calloc((nv + 1) * k * UPLIFT_N_METRICS, sizeof(*col->cells))))
			goto fail;
		col->n_values = nv;
		for (size_t v = 0; v < nv; v++)
			if (!(col->values[v] = strdup(uplift_strtab_get(&rd->values[c], v, NULL))))
				goto fail;
	}
	for (size_t i = 0; i < rd->n_rows; i++) {
		const struct stat_row *r = &rd->rows[i];
		add((struct uplift_moments *)uplift_suff_cell(s, r->column, r->value, r->arm,
							      (enum uplift_metric)r->metric),
		    &r->m);
	}
	return s;
fail:
	uplift_suff_free(s);
	return NULL;
}

struct uplift_suff *uplift_suff_read_csv(const char *path, const struct uplift_experiment *exp,
					 const char *const *by, size_t n_by,
					 enum uplift_encoding encoding, struct uplift_error *err)
{
	struct uplift_csv_options opt = {.encoding = encoding};
	struct reader rd = {.exp = exp, .path = path, .by = by, .n_by = n_by};
	struct uplift_suff *s = NULL;

	uplift_strtab_init(&rd.columns);
	if (uplift_csv_read(path, &opt, on_row, &rd, NULL, err) == UPLIFT_OK) {
		for (size_t i = 0; i < n_by; i++)
			if (uplift_strtab_find(&rd.columns, by[i], strlen(by[i])) < 0) {
				uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
						 "no rows for column '%s' (--by)", by[i]);
				goto done;
			}
		if (rd.metrics == 0) {
			uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "no statistics rows");
			goto done;
		}
		if (!(s = build(&rd)))
			uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
		for (size_t a = 0; s && a < exp->n_arms; a++) {
			bool any = false;
			for (int m = 0; m < UPLIFT_N_METRICS; m++)
				any |= uplift_suff_cell(s, -1, 0, a, m)->n > 0;
			if (!any) {
				uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
						 "arm '%s' has no overall rows", exp->arms[a].name);
				uplift_suff_free(s);
				s = NULL;
			}
		}
	}
done:
	for (size_t c = 0; c < rd.values_cap; c++)
		uplift_strtab_release(&rd.values[c]);
	free(rd.values);
	uplift_strtab_release(&rd.columns);
	free(rd.rows);
	return s;
}
