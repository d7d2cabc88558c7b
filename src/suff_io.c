/*
 * suff_io.c - sufficient statistics as CSV (see uplift_suff_io.h): the
 * writer, which quotes every name the reader would otherwise change, and
 * the reader, which refuses numbers that no per-user values can give
 * (uplift_suff_check, in suff_check.c) and puts columns and values in the
 * raw folder's order (uplift_segment_order.h).
 */
#include "uplift_suff_io.h"
#include "uplift_csv.h"
#include "uplift_data.h"
#include "uplift_segment_order.h"
#include "uplift_strtab.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const header[] = {"experiment", "arm",    "column", "value",    "metric", "n",
				     "sum",        "sum_sq", "sum_x",  "sum_x_sq", "sum_xy"};
#define N_FIELDS 11
/* the first field of the statistics (arm): the experiment's name comes before it */
#define F      1
#define HEADER "experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy"
/* what a file of an older uplift or SQL starts with: no experiment column */
#define OLD_HEADER "arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy"

/*
 * The reader trims spaces and tabs from both ends of an unquoted field (as
 * libcsv does) and splits at commas, quotes and line ends: a name with any
 * of these, or with another control character at an end, is written quoted
 * (quotes doubled) and read back byte for byte.
 */
static void write_field(FILE *out, const char *s)
{
	size_t n = strlen(s);

	if (n > 0 &&
	    ((unsigned char)s[0] <= ' ' || (unsigned char)s[n - 1] <= ' ' || strpbrk(s, ",\"\r\n")))
		csv_fwrite(out, s, n);
	else
		fputs(s, out);
}

static void row(FILE *out, const char *experiment, const char *arm, const char *col,
		const char *val, const struct uplift_metric_set *set, enum uplift_metric m,
		const struct uplift_moments *x)
{
	write_field(out, experiment);
	fputc(',', out);
	write_field(out, arm);
	fputc(',', out);
	write_field(out, col);
	fputc(',', out);
	write_field(out, val);
	fprintf(out, ",%s,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", uplift_metric_name(set, m), x->n,
		x->sum, x->sum_sq, x->sum_x, x->sum_x_sq, x->sum_xy);
}

void uplift_suff_io_write(FILE *out, const struct uplift_suff *s, const char *experiment)
{
	for (size_t i = 0; i < N_FIELDS; i++)
		fprintf(out, "%s%s", header[i], i + 1 < N_FIELDS ? "," : "\n");
	for (size_t a = 0; a < s->n_arms; a++)
		for (int m = 0; m < UPLIFT_N_METRICS; m++)
			if (s->metrics & UPLIFT_METRIC_BIT(m))
				row(out, experiment, s->arms[a], "", "", s->set, m,
				    uplift_suff_cell(s, -1, 0, a, m));
	for (size_t c = 0; c < s->n_columns; c++)
		for (size_t v = 0; v < s->columns[c].n_values; v++)
			for (size_t a = 0; a < s->n_arms; a++)
				for (int m = 0; m < UPLIFT_N_METRICS; m++)
					if (s->metrics & UPLIFT_METRIC_BIT(m))
						row(out, experiment, s->arms[a], s->columns[c].name,
						    s->columns[c].values[v], s->set, m,
						    uplift_suff_cell(s, (long)c, v, a, m));
}

/* One parsed row, kept until the shape (columns, values) is known. */
struct stat_row {
	long line;
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
	char *experiment; /* the experiment of the first row */
	long experiment_line;
};

/*
 * A number as SQL engines and printf write it: [-+]digits[.digits][e[-+]digits]
 * (either side of the point may be empty, not both). Returns false with
 * why set for anything else: words, hex floats, blanks inside quotes, NaN,
 * infinities and numbers beyond a double's range.
 */
static bool parse_number(const char *s, double *v, const char **why)
{
	const char *p = s + (*s == '-' || *s == '+');
	size_t digits = strspn(p, "0123456789");
	char *end;

	p += digits;
	if (*p == '.') {
		size_t frac = strspn(p + 1, "0123456789");
		digits += frac;
		p += 1 + frac;
	}
	if (digits > 0 && (*p == 'e' || *p == 'E')) {
		const char *q = p + 1 + (p[1] == '-' || p[1] == '+');
		size_t exp = strspn(q, "0123456789");
		p = exp > 0 ? q + exp : p;
	}
	*v = strtod(s, &end);
	if (end != s && *end == '\0' && !isfinite(*v)) {
		*why = "not a finite number";
		return false;
	}
	if (digits == 0 || *p != '\0' || end != p) {
		*why = "not a number";
		return false;
	}
	return true;
}

static bool is_header(const struct uplift_csv_row *r)
{
	return r->n == N_FIELDS && strcmp(r->field[0], "experiment") == 0 &&
	       strcmp(r->field[1], "arm") == 0 && strcmp(r->field[4], "metric") == 0;
}

/* The header of a file without the experiment column (an older uplift, or SQL). */
static bool is_old_header(const struct uplift_csv_row *r)
{
	return r->n == N_FIELDS - 1 && strcmp(r->field[0], "arm") == 0 &&
	       strcmp(r->field[3], "metric") == 0;
}

/*
 * The row's experiment: the one experiment.ini names, and the same on
 * every row (statistics of two experiments must not be pooled under one
 * name and window).
 */
static enum uplift_status check_experiment(struct reader *rd, const struct uplift_csv_row *r,
					   struct uplift_error *err)
{
	const char *name = rd->exp->name ? rd->exp->name : "";

	if (rd->experiment) {
		if (strcmp(r->field[0], rd->experiment) == 0)
			return UPLIFT_OK;
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "experiment",
					"the file mixes experiments '%s' (from line %ld) and '%s': "
					"analyze each experiment's statistics on their own",
					rd->experiment, rd->experiment_line, r->field[0]);
	}
	if (strcmp(r->field[0], name) != 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "experiment",
					"experiment '%s', but experiment.ini names '%s': these are "
					"the statistics of another experiment",
					r->field[0], name);
	if (!(rd->experiment = strdup(r->field[0])))
		return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
					"out of memory");
	rd->experiment_line = r->line;
	return UPLIFT_OK;
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
	struct uplift_moments mo;
	double v[6];
	long arm, col = -1, value = 0;
	int metric;
	const char *why, *bad;
	char msg[300];

	if (is_old_header(r))
		return uplift_error_set(
		    err, UPLIFT_EINPUT, rd->path, r->line, NULL,
		    "no 'experiment' column: the statistics come from an older "
		    "uplift or SQL; regenerate them with 'uplift aggregate DIR' or "
		    "the current sql/sufficient_stats.sql (header " HEADER ")");
	if (r->index == 0 || is_header(r)) {
		if (r->n != N_FIELDS)
			return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, NULL,
						"expected the header " HEADER);
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
	if (check_experiment(rd, r, err) != UPLIFT_OK)
		return err->status;
	arm = uplift_experiment_find_arm(rd->exp, r->field[F], r->len[F]);
	if (arm < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "arm",
					"arm '%s' is not defined in experiment.ini", r->field[F]);
	metric = uplift_metric_parse_any(&rd->exp->metrics, r->field[F + 3]);
	if (metric < 0)
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, "metric",
					"unknown metric '%s'", r->field[F + 3]);
	for (int k = 0; k < 6; k++) {
		if (r->len[F + 4 + k] == 0) {
			v[k] = 0; /* sum_x... may be left empty */
			if (k < 3)
				return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line,
							header[F + 4 + k], "empty value");
			continue;
		}
		if (!parse_number(r->field[F + 4 + k], &v[k], &why))
			return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line,
						header[F + 4 + k], "%s: '%s'", why,
						r->field[F + 4 + k]);
	}
	mo = (struct uplift_moments){v[0], v[1], v[2], v[3], v[4], v[5], NAN};
	if ((bad = uplift_suff_check(&rd->exp->metrics, (enum uplift_metric)metric, &mo, msg, sizeof(msg))))
		return uplift_error_set(err, UPLIFT_EINPUT, rd->path, r->line, bad, "%s", msg);
	if (r->len[F + 1] > 0) {
		bool added;
		if (!wanted(rd, r->field[F + 1]))
			return UPLIFT_OK;
		col = uplift_strtab_intern(&rd->columns, r->field[F + 1], r->len[F + 1], &added);
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
		value =
		    uplift_strtab_intern(&rd->values[col], r->field[F + 2], r->len[F + 2], NULL);
		if (value < 0)
			return uplift_error_set(err, UPLIFT_ENOMEM, rd->path, r->line, NULL,
						"out of memory");
	} else if (r->len[F + 2] > 0) {
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
	sr->line = r->line;
	sr->m = mo;
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

/*
 * The order the raw folder gives (data_order.c): the columns as --by names
 * them, each column's values as uplift_segment_order.h sorts them, however
 * the file's rows came (a warehouse's GROUP BY has an order of its own).
 * Renumbers the rows' columns and values in place and fills from[p], the
 * reader's column that comes p-th, and value[p][i], the reader's value of
 * it that comes i-th. False when out of memory.
 */
static bool order(struct reader *rd, size_t *from, uint32_t **value)
{
	size_t nc = rd->columns.n, next = 0;
	size_t *pos = malloc((nc ? nc : 1) * sizeof(*pos));
	uint32_t **rank = calloc(nc ? nc : 1, sizeof(*rank));
	bool ok = pos && rank;

	for (size_t c = 0; ok && c < nc; c++)
		pos[c] = SIZE_MAX;
	for (size_t i = 0; ok && i < rd->n_by; i++) {
		long c = uplift_strtab_find(&rd->columns, rd->by[i], strlen(rd->by[i]));
		if (c >= 0 && pos[c] == SIZE_MAX)
			pos[c] = next++;
	}
	for (size_t c = 0; ok && c < nc; c++) {
		const char *name = uplift_strtab_get(&rd->columns, c, NULL);
		size_t nv = rd->values[c].n;
		if (pos[c] == SIZE_MAX) /* no --by: the file's order of columns */
			pos[c] = next++;
		from[pos[c]] = c;
		ok = (value[pos[c]] = malloc((nv ? nv : 1) * sizeof(**value))) &&
		     (rank[c] = malloc((nv ? nv : 1) * sizeof(**rank))) &&
		     uplift_segment_order_sort(name, &rd->values[c], value[pos[c]]);
		for (size_t i = 0; ok && i < nv; i++)
			rank[c][value[pos[c]][i]] = (uint32_t)i;
	}
	for (size_t i = 0; ok && i < rd->n_rows; i++) {
		struct stat_row *r = &rd->rows[i];
		if (r->column >= 0) {
			r->value = rank[r->column][r->value];
			r->column = (long)pos[r->column];
		}
	}
	for (size_t c = 0; rank && c < nc; c++)
		free(rank[c]);
	free(rank);
	free(pos);
	return ok;
}

/*
 * The uplift_suff of the rows read, each cell the sum of its rows; NULL
 * with err set when memory runs out or the counts of a cell add up past
 * what a double counts exactly.
 */
static struct uplift_suff *build(struct reader *rd, struct uplift_error *err)
{
	const struct uplift_experiment *exp = rd->exp;
	struct uplift_suff *s = calloc(1, sizeof(*s));
	size_t k = exp->n_arms, nc = rd->columns.n;
	size_t *from = calloc(nc ? nc : 1, sizeof(*from));
	uint32_t **value = calloc(nc ? nc : 1, sizeof(*value));

	if (!s || !from || !value || !order(rd, from, value))
		goto fail;
	s->metrics = rd->metrics;
	if (!(s->set = malloc(sizeof(*s->set))))
		goto fail;
	*s->set = exp->metrics;
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		s->cap[m] = NAN; /* a statistics file holds the capped sums, not the cap */
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
	for (size_t p = 0; p < nc; p++) {
		struct uplift_suff_column *col = &s->columns[p];
		size_t c = from[p], nv = rd->values[c].n;
		s->n_columns++;
		if (!(col->name = strdup(uplift_strtab_get(&rd->columns, c, NULL))) ||
		    !(col->values = calloc(nv + 1, sizeof(*col->values))) ||
		    !(col->cells = calloc((nv + 1) * k * UPLIFT_N_METRICS, sizeof(*col->cells))))
			goto fail;
		col->n_values = nv;
		for (size_t v = 0; v < nv; v++)
			if (!(col->values[v] =
				  strdup(uplift_strtab_get(&rd->values[c], value[p][v], NULL))))
				goto fail;
	}
	for (size_t i = 0; i < rd->n_rows; i++) {
		const struct stat_row *r = &rd->rows[i];
		struct uplift_moments *cell = (struct uplift_moments *)uplift_suff_cell(
		    s, r->column, r->value, r->arm, (enum uplift_metric)r->metric);
		add(cell, &r->m);
		if (cell->n >= UPLIFT_SUFF_MAX_COUNT) {
			uplift_error_set(
			    err, UPLIFT_EINPUT, rd->path, r->line, "n",
			    "with the rows before it of arm '%s', metric '%s'%s%s%s%s%s "
			    "the count is %.17g, 2^53 or more, beyond the counts a "
			    "double holds exactly",
			    exp->arms[r->arm].name,
			    uplift_metric_name(&exp->metrics, (enum uplift_metric)r->metric),
			    r->column < 0 ? "" : ", column '",
			    r->column < 0 ? "" : s->columns[r->column].name,
			    r->column < 0 ? "" : "', value '",
			    r->column < 0 ? "" : s->columns[r->column].values[r->value],
			    r->column < 0 ? "" : "'", cell->n);
			uplift_suff_free(s);
			s = NULL;
			goto done;
		}
	}
done:
	for (size_t p = 0; value && p < nc; p++)
		free(value[p]);
	free(value);
	free(from);
	return s;
fail:
	uplift_error_set(err, UPLIFT_ENOMEM, rd->path, 0, NULL, "out of memory");
	uplift_suff_free(s);
	s = NULL;
	goto done;
}

struct uplift_suff *uplift_suff_io_read(const char *path, const struct uplift_experiment *exp,
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
		s = build(&rd, err);
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
	free(rd.experiment);
	return s;
}
