/*
 * target_features.c - the features of uplift target: the columns of
 * assignments.csv and history.csv's recency, frequency and monetary, each
 * cut once into at most UPLIFT_TARGET_MAX_BINS bins, one byte per member
 * and feature.
 *
 * assignments.csv is read once more, after the loader: each feature
 * column's fields are interned (one table of distinct values per column:
 * memory proportional to users, nothing allocated per row once the tables
 * have grown), and each member's value index kept. A column whose every
 * non-blank value is a decimal number is numeric: its bins are cut at
 * quantiles of the members' values (every distinct value its own bin when
 * there are at most 63). Any other column is categorical: with at most 63
 * values each has its bin, with more the 62 most frequent have theirs and
 * the rest share one; with more than UPLIFT_TARGET_MAX_CATEGORIES it is
 * left out, and said so. Bin 0 is a blank field (and, when scoring, a
 * category never seen).
 */
#include "data_internal.h"
#include "target_internal.h"
#include "uplift_by.h"
#include "uplift_data.h"
#include "uplift_experiment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OWN_BINS (UPLIFT_TARGET_MAX_BINS - 1) /* bins 1..63 */

static const char *const history_names[] = {"recency", "frequency", "monetary"};

struct read_ctx {
	const char *path;
	const struct uplift_data *d;
	const struct uplift_target_options *opt;
	struct tfeatures *F;
	long c_user;
	size_t width;
	bool header_done;
	uint32_t **code;  /* per assignment feature: value index per user */
	uint64_t **count; /* per assignment feature: users per value index */
	size_t n_orig;    /* features chosen, before any is left out */
	size_t *count_cap;
	struct uplift_error *err;
};

static bool add_left(struct tfeatures *F, const char *name, const char *reason)
{
	struct uplift_target_left_out *l = realloc(F->left, (F->n_left + 1) * sizeof(*l));

	if (!l)
		return false;
	F->left = l;
	l[F->n_left].name = strdup(name);
	l[F->n_left].reason = strdup(reason);
	if (!l[F->n_left].name || !l[F->n_left].reason)
		return false;
	F->n_left++;
	return true;
}

static struct tfeat *add_feat(struct tfeatures *F, const char *name, long col, int hist)
{
	struct tfeat *f = realloc(F->f, (F->n + 1) * sizeof(*f));

	if (!f)
		return NULL;
	F->f = f;
	f = &F->f[F->n];
	memset(f, 0, sizeof(*f));
	uplift_strtab_init(&f->cats);
	if (!(f->name = strdup(name)))
		return NULL;
	f->col = col;
	f->history = hist >= 0;
	f->hist_kind = hist;
	F->n++;
	return f;
}

static bool is_arm_or_user(const struct uplift_data *d, const struct uplift_csv_row *h, size_t i)
{
	const struct uplift_columns_def *def = &d->exp->columns;

	return (long)i == uplift_header_find(h, def, UPLIFT_COL_USER_ID) ||
	       (long)i == uplift_header_find(h, def, UPLIFT_COL_ARM);
}

static long header_index(const struct uplift_csv_row *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->field[i], name) == 0)
			return (long)i;
	return -1;
}

/* The features asked for (or all) from the header. */
static enum uplift_status choose(struct read_ctx *c, const struct uplift_csv_row *h)
{
	const struct uplift_data *d = c->d;
	const struct uplift_target_options *opt = c->opt;
	struct tfeatures *F = c->F;

	if (uplift_header_need(c->path, h, &d->exp->columns, UPLIFT_COL_USER_ID, &c->c_user,
			       c->err))
		return c->err->status;
	c->width = h->n;
	if (opt->features) {
		for (size_t k = 0; k < opt->n_features; k++) {
			const char *name = opt->features[k];
			long col = header_index(h, name);
			int hist = -1;
			for (size_t j = 0; j < k; j++)
				if (strcmp(opt->features[j], name) == 0)
					return uplift_error_set(
					    c->err, UPLIFT_EINPUT, NULL, 0, name,
					    "--features names this column twice");
			if (col >= 0 && is_arm_or_user(d, h, (size_t)col))
				return uplift_error_set(
				    c->err, UPLIFT_EINPUT, c->path, h->line, name,
				    "--features: the user id and the arm are not "
				    "features");
			if (col < 0) {
				for (int i = 0; i < 3; i++)
					if (strcmp(name, history_names[i]) == 0)
						hist = i;
				if (hist < 0 || !d->has_history) {
					char list[UPLIFT_HEADER_LIST_SIZE];
					return uplift_error_set(
					    c->err, UPLIFT_EINPUT, c->path, h->line, name,
					    "--features: no such column (the columns: %s%s)",
					    uplift_header_list(h, list, sizeof(list)),
					    d->has_history ? "; and from history.csv recency, "
							     "frequency, monetary"
							   : "");
				}
			}
			if (!add_feat(F, name, col, hist))
				goto nomem;
		}
	} else {
		for (size_t i = 0; i < h->n; i++)
			if (!is_arm_or_user(d, h, i) && !add_feat(F, h->field[i], (long)i, -1))
				goto nomem;
		if (d->has_history)
			for (int i = 0; i < 3; i++)
				if (header_index(h, history_names[i]) < 0 &&
				    !add_feat(F, history_names[i], -1, i))
					goto nomem;
	}
	if (F->n > 255)
		return uplift_error_set(c->err, UPLIFT_EINPUT, c->path, h->line, NULL,
					"%zu features: at most 255", F->n);
	if (!(c->code = calloc(F->n, sizeof(*c->code))) ||
	    !(c->count = calloc(F->n, sizeof(*c->count))) ||
	    !(c->count_cap = calloc(F->n, sizeof(*c->count_cap))))
		goto nomem;
	c->n_orig = F->n;
	for (size_t k = 0; k < F->n; k++)
		if (F->f[k].col >= 0 && !(c->code[k] = calloc(d->n_users + 1, sizeof(uint32_t))))
			goto nomem;
	return UPLIFT_OK;
nomem:
	return uplift_error_set(c->err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

static enum uplift_status row_fn(void *ctx, const struct uplift_csv_row *row,
				 struct uplift_error *err)
{
	struct read_ctx *c = ctx;
	struct tfeatures *F = c->F;
	long u;

	if (!c->header_done) {
		c->header_done = true;
		return choose(c, row);
	}
	if (row->n != c->width)
		return UPLIFT_OK; /* the loader has reported or skipped it */
	u = uplift_strtab_find(&c->d->ids, row->field[c->c_user], row->len[c->c_user]);
	if (u < 0)
		return UPLIFT_OK; /* a row the loader left out */
	for (size_t k = 0; k < F->n; k++) {
		struct tfeat *f = &F->f[k];
		size_t col;
		bool added;
		long v;
		if (f->col < 0)
			continue;
		col = (size_t)f->col;
		if (uplift_utf8_error(c->path, row->line, f->name, row->field[col], row->len[col],
				      err))
			return err->status;
		v = uplift_strtab_intern(&f->cats, row->field[col], row->len[col], &added);
		if (v < 0)
			goto nomem;
		if ((size_t)v >= c->count_cap[k]) {
			size_t cap = c->count_cap[k] ? c->count_cap[k] * 2 : 64;
			uint64_t *n = realloc(c->count[k], cap * sizeof(*n));
			if (!n)
				goto nomem;
			memset(n + c->count_cap[k], 0, (cap - c->count_cap[k]) * sizeof(*n));
			c->count[k] = n;
			c->count_cap[k] = cap;
		}
		c->count[k][v]++;
		c->code[k][u] = (uint32_t)v;
	}
	return UPLIFT_OK;
nomem:
	return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

unsigned target_bin_number(const struct tfeat *f, double x)
{
	unsigned lo = 0, hi = f->n_edges;

	if (isnan(x))
		return 0;
	while (lo < hi) { /* the count of edges below x */
		unsigned mid = (lo + hi) / 2;
		if (f->edges[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 1 + lo;
}

struct vc {
	double v;
	uint64_t n;
};

static int cmp_vc(const void *a, const void *b)
{
	double x = ((const struct vc *)a)->v, y = ((const struct vc *)b)->v;

	return (x > y) - (x < y);
}

/*
 * Edges from the distinct values v[0..nd) (ascending) with their counts:
 * every value but the last when there are at most 63, else the values
 * where the cumulative count first reaches k / 63 of the total.
 */
static void cut(struct tfeat *f, const struct vc *v, size_t nd)
{
	uint64_t total = 0, cum = 0;
	size_t i = 0;

	f->n_edges = 0;
	if (nd <= MAX_OWN_BINS) {
		for (size_t j = 0; j + 1 < nd; j++)
			f->edges[f->n_edges++] = v[j].v;
	} else {
		for (size_t j = 0; j < nd; j++)
			total += v[j].n;
		for (unsigned k = 1; k < MAX_OWN_BINS; k++) {
			double want = (double)total * k / MAX_OWN_BINS;
			while (i < nd && (double)(cum + v[i].n) < want)
				cum += v[i++].n;
			if (i >= nd - 1)
				break;
			if (f->n_edges == 0 || v[i].v > f->edges[f->n_edges - 1])
				f->edges[f->n_edges++] = v[i].v;
		}
	}
	f->bins = 1 + f->n_edges + 1;
	f->numeric = true;
}

static int cmp_count_desc(const void *a, const void *b)
{
	const struct vc *x = a, *y = b; /* v holds the value index */

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return (x->v > y->v) - (x->v < y->v);
}

/* Decide what feature k is and put every user's bin into F->x. */
static enum uplift_status finish_column(struct read_ctx *c, size_t k)
{
	struct tfeatures *F = c->F;
	struct tfeat *f = &F->f[k];
	size_t nv = f->cats.n, nd = 0;
	struct vc *v = calloc(nv + 1, sizeof(*v));
	double *num = calloc(nv + 1, sizeof(*num));
	bool numeric = true;

	if (!v || !num || !(f->cat_bin = calloc(nv + 1, 1)))
		goto nomem;
	for (size_t i = 0; i < nv; i++) {
		size_t len;
		const char *s = uplift_strtab_get(&f->cats, i, &len);
		bool blank = true;
		for (size_t j = 0; j < len; j++)
			blank &= s[j] == ' ' || s[j] == '\t';
		if (blank) {
			num[i] = NAN;
			continue;
		}
		if (!uplift_by_number(s, len, &num[i]))
			numeric = false;
		else {
			v[nd].v = num[i];
			v[nd++].n = c->count[k][i];
		}
	}
	if (numeric) {
		qsort(v, nd, sizeof(*v), cmp_vc);
		{ /* merge equal numbers written differently (1, 1.0) */
			size_t w = 0;
			for (size_t i = 0; i < nd; i++)
				if (w && v[w - 1].v == v[i].v)
					v[w - 1].n += v[i].n;
				else
					v[w++] = v[i];
			nd = w;
		}
		cut(f, v, nd);
		for (size_t i = 0; i < nv; i++)
			f->cat_bin[i] = (uint8_t)target_bin_number(f, num[i]);
		uplift_strtab_release(&f->cats); /* numbers are binned by their edges */
		uplift_strtab_init(&f->cats);
	} else {
		size_t n_cat = 0;
		for (size_t i = 0; i < nv; i++) {
			size_t len;
			const char *s = uplift_strtab_get(&f->cats, i, &len);
			bool blank = true;
			for (size_t j = 0; j < len; j++)
				blank &= s[j] == ' ' || s[j] == '\t';
			if (!blank) {
				v[n_cat].v = (double)i;
				v[n_cat++].n = c->count[k][i];
			}
		}
		if (n_cat > UPLIFT_TARGET_MAX_CATEGORIES) {
			char why[160];
			snprintf(why, sizeof(why),
				 "categorical with %zu distinct values (more than %d)", n_cat,
				 UPLIFT_TARGET_MAX_CATEGORIES);
			free(v);
			free(num);
			return add_left(F, f->name, why) ? UPLIFT_OK : UPLIFT_ENOMEM;
		}
		if (n_cat > MAX_OWN_BINS)
			qsort(v, n_cat, sizeof(*v), cmp_count_desc);
		for (size_t j = 0; j < n_cat; j++)
			f->cat_bin[(size_t)v[j].v] =
			    (uint8_t)(j < MAX_OWN_BINS - 1 || n_cat <= MAX_OWN_BINS ? j + 1
										    : MAX_OWN_BINS);
		f->bins = 1 + (unsigned)(n_cat < MAX_OWN_BINS ? n_cat : MAX_OWN_BINS);
		f->numeric = false;
	}
	if (f->bins < 3) {
		free(v);
		free(num);
		return add_left(F, f->name, "a single value: nothing to split on") ? UPLIFT_OK
										   : UPLIFT_ENOMEM;
	}
	free(v);
	free(num);
	return UPLIFT_OK;
nomem:
	free(v);
	free(num);
	return UPLIFT_ENOMEM;
}

/* A history number of user u (NaN: no history). */
static double history_value(const struct uplift_data *d, size_t u, int kind)
{
	const struct uplift_history *h = &d->history[u];

	if (kind == 0)
		return h->orders && h->last != UPLIFT_NO_DAY ? (double)(d->asof - h->last) : NAN;
	return kind == 1 ? (double)h->orders : h->paid;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static enum uplift_status finish_history(const struct uplift_data *d, struct tfeat *f)
{
	size_t n = 0, nd = 0;
	double *s = malloc((d->n_users + 1) * sizeof(*s));
	struct vc *v = malloc((d->n_users + 1) * sizeof(*v));

	if (!s || !v) {
		free(s);
		free(v);
		return UPLIFT_ENOMEM;
	}
	for (size_t u = 0; u < d->n_users; u++) {
		double x = history_value(d, u, f->hist_kind);
		if (!isnan(x))
			s[n++] = x;
	}
	qsort(s, n, sizeof(*s), cmp_double);
	for (size_t i = 0; i < n; i++)
		if (nd && v[nd - 1].v == s[i])
			v[nd - 1].n++;
		else
			v[nd++] = (struct vc){s[i], 1};
	cut(f, v, nd);
	free(s);
	free(v);
	return UPLIFT_OK;
}

enum uplift_status target_features_load(struct tfeatures *F, const struct uplift_data *d,
					const struct uplift_target_options *opt,
					struct uplift_error *err)
{
	struct read_ctx c = {.d = d, .opt = opt, .F = F, .err = err};
	struct uplift_csv_options copt = {.encoding = opt->encoding, .utf8_by_caller = true};
	char path[4096];
	enum uplift_status st;
	size_t keep = 0;

	memset(F, 0, sizeof(*F));
	snprintf(path, sizeof(path), "%s/assignments.csv", opt->dir ? opt->dir : ".");
	c.path = path;
	st = uplift_csv_read(path, &copt, row_fn, &c, NULL, err);
	if (st == UPLIFT_OK) {
		for (size_t k = 0; k < F->n && st == UPLIFT_OK; k++)
			st = F->f[k].col >= 0 ? finish_column(&c, k) : finish_history(d, &F->f[k]);
		if (st == UPLIFT_ENOMEM)
			uplift_error_set(err, st, NULL, 0, NULL, "out of memory");
	}
	/* the features left out go; the others get their bins */
	if (st == UPLIFT_OK) {
		size_t n_f = 0;
		for (size_t k = 0; k < F->n; k++) {
			bool left = false;
			for (size_t j = 0; j < F->n_left; j++)
				left |= strcmp(F->left[j].name, F->f[k].name) == 0;
			if (!left)
				n_f++;
		}
		if (!(F->x = malloc(d->n_users * (n_f ? n_f : 1) + 1)))
			st = uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		for (size_t k = 0; k < F->n && st == UPLIFT_OK; k++) {
			struct tfeat *f = &F->f[k];
			bool left = false;
			for (size_t j = 0; j < F->n_left; j++)
				left |= strcmp(F->left[j].name, f->name) == 0;
			if (left) {
				free(f->name);
				free(f->cat_bin);
				uplift_strtab_release(&f->cats);
				free(c.code[k]);
				c.code[k] = NULL;
				continue;
			}
			for (size_t u = 0; u < d->n_users; u++)
				F->x[u * n_f + keep] =
				    f->col >= 0 ? f->cat_bin[c.code[k][u]]
						: (uint8_t)target_bin_number(
						      f, history_value(d, u, f->hist_kind));
			if (f->numeric) {
				free(f->cat_bin);
				f->cat_bin = NULL;
			}
			free(c.code[k]);
			c.code[k] = NULL;
			F->f[keep++] = *f;
		}
		F->n = keep;
		F->n_users = d->n_users;
		if (st == UPLIFT_OK && F->n == 0)
			st = uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL,
					      "no feature to learn from (%zu left out)", F->n_left);
	}
	for (size_t k = 0; k < c.n_orig; k++) {
		free(c.code[k]);
		free(c.count[k]);
	}
	free(c.code);
	free(c.count);
	free(c.count_cap);
	return st;
}

void target_features_release(struct tfeatures *F)
{
	for (size_t k = 0; k < F->n; k++) {
		free(F->f[k].name);
		free(F->f[k].cat_bin);
		uplift_strtab_release(&F->f[k].cats);
	}
	for (size_t k = 0; k < F->n_left; k++) {
		free(F->left[k].name);
		free(F->left[k].reason);
	}
	free(F->f);
	free(F->left);
	free(F->x);
	memset(F, 0, sizeof(*F));
}
