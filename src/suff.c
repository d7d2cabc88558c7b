/*
 * suff.c - folds per-user accumulators into sufficient statistics, and
 * counts the first purchases per arm and day on the way (see
 * uplift_suff.h).
 */
#include "uplift_suff.h"
#include "uplift_data.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Neumaier's compensated sum. */
struct ksum {
	double s, c;
};

static inline void kadd(struct ksum *k, double v)
{
	double t = k->s + v;

	if (fabs(k->s) >= fabs(v))
		k->c += (k->s - t) + v;
	else
		k->c += (v - t) + k->s;
	k->s = t;
}

struct kmoments {
	struct ksum sum, sum_sq, sum_x, sum_x_sq, sum_xy;
};

/*
 * Adding zero leaves a Neumaier sum as it is (s + 0 = s, and the
 * compensation gains (s - s) + 0 = 0), so zeros are skipped: most users
 * buy nothing, and without history.csv every x is zero. The count is
 * kept by the caller, per cell. The sums are the same to the bit.
 */
static void kfold(struct kmoments *k, double y, double x)
{
	if (y != 0) {
		kadd(&k->sum, y);
		kadd(&k->sum_sq, y * y);
	}
	if (x != 0) {
		kadd(&k->sum_x, x);
		kadd(&k->sum_x_sq, x * x);
		if (y != 0)
			kadd(&k->sum_xy, x * y);
	}
}

static void kfinish(const struct kmoments *k, struct uplift_moments *m)
{
	m->sum = k->sum.s + k->sum.c;
	m->sum_sq = k->sum_sq.s + k->sum_sq.c;
	m->sum_x = k->sum_x.s + k->sum_x.c;
	m->sum_x_sq = k->sum_x_sq.s + k->sum_x_sq.c;
	m->sum_xy = k->sum_xy.s + k->sum_xy.c;
}

/* The value of metric m for one user; *x gets the ratio denominator. */
double uplift_suff_user_metric(const struct uplift_user *u, const struct uplift_history *h,
			       enum uplift_metric m, double *x)
{
	static const struct uplift_history none;

	if (!h)
		h = &none;
	/* x: the CUPED covariate (the same metric over the pre-period), or for
	 * aov the orders and for amount the discount (profit = g amount - discount) */
	switch (m) {
	case UPLIFT_CONVERSION:
		*x = h->pre_orders >= 1;
		return u->converted;
	case UPLIFT_REPURCHASE:
		*x = h->pre_orders >= 2;
		return u->repurchased;
	case UPLIFT_REVENUE:
		*x = h->pre_paid;
		return u->paid;
	case UPLIFT_ORDERS:
		*x = h->pre_orders;
		return u->orders;
	case UPLIFT_DISCOUNT:
		*x = h->pre_discount;
		return u->discount;
	case UPLIFT_AOV:
		*x = u->orders;
		return u->paid;
	case UPLIFT_AMOUNT:
		*x = u->discount;
		return u->paid + u->discount;
	case UPLIFT_REDEMPTION:
		*x = 0;
		return u->redeemed;
	default:
		*x = 0;
		return 0;
	}
}

void uplift_suff_free(struct uplift_suff *s)
{
	if (!s)
		return;
	for (size_t a = 0; a < s->n_arms && s->arms; a++)
		free(s->arms[a]);
	free(s->arms);
	free(s->overall);
	for (size_t c = 0; c < s->n_columns; c++) {
		struct uplift_suff_column *col = &s->columns[c];
		for (size_t v = 0; v < col->n_values && col->values; v++)
			free(col->values[v]);
		free(col->values);
		free(col->cells);
		free(col->name);
	}
	free(s->columns);
	if (s->daily)
		free(s->daily->first);
	free(s->daily);
	free(s);
}

const struct uplift_moments *uplift_suff_cell(const struct uplift_suff *s, long column,
					      size_t value, size_t arm, enum uplift_metric m)
{
	if (column < 0)
		return &s->overall[arm * UPLIFT_N_METRICS + m];
	return &s->columns[column].cells[(value * s->n_arms + arm) * UPLIFT_N_METRICS + m];
}

/*
 * Metrics [m0, m1) of every user into acc[cell(user)][metric]; cell() picks
 * the group. The job that counts the users per cell also counts the first
 * purchases per arm and day when daily is set.
 */
struct fold_job {
	const struct uplift_data *d;
	struct kmoments *acc;
	uint64_t *count; /* users per cell, or NULL (the other job counts) */
	const uint32_t *value_of;
	size_t n_arms;
	int m0, m1;
	struct uplift_daily *daily; /* first purchases, or NULL (not counted by this job) */
};

static void fold_metrics(const struct fold_job *j)
{
	static const struct uplift_user fresh = {.first_day = UPLIFT_NO_DAY};
	const struct uplift_data *d = j->d;

	for (size_t u = 0; u < d->n_users; u++) {
		const struct uplift_member *mb = &d->members[u];
		const struct uplift_history *h = d->history ? &d->history[u] : NULL;
		const struct uplift_user *usr = mb->acc ? &d->acc[mb->acc - 1] : &fresh;
		size_t cell = (j->value_of ? j->value_of[u] * j->n_arms : 0) + mb->arm;
		struct kmoments *k = &j->acc[cell * UPLIFT_N_METRICS];

		if (j->count)
			j->count[cell]++;
		/* a user who bought nothing: every metric zero (test_suff checks),
		 * which kfold would skip -- the same sums to the bit */
		if (!h && !mb->acc)
			continue;
		/* a buyer's first day; no day (INT32_MIN) falls outside as a huge size_t */
		if (j->daily && mb->acc) {
			size_t day = (size_t)((long)usr->first_day - j->daily->start);
			if (day < j->daily->n_days)
				j->daily->first[mb->arm * j->daily->n_days + day]++;
		}
		for (int m = j->m0; m < j->m1; m++) {
			double x, y = uplift_suff_user_metric(usr, h, (enum uplift_metric)m, &x);
			kfold(&k[m], y, x);
		}
	}
}

static void *fold_thread(void *arg)
{
	fold_metrics(arg);
	return NULL;
}

/*
 * Users from which the fold is split over two threads, when there is
 * history (then every user has covariates to fold; without it most users
 * are skipped, and 1M users take 6 ms on one thread, no less on two).
 * With history, 1M users: 13.4 ms on two threads against 20.2 on one.
 */
#define FOLD_THREADED 100000
/* The metrics the first thread takes: half (with history, 4 + 4 took 11.1
 * ms, 5 + 3 13.4 ms and 6 + 2 15.8 ms for 1M users). */
#define FOLD_SPLIT (UPLIFT_N_METRICS / 2)

/*
 * Fold every user into acc[cell(user)][metric] (zeroed, n cells' worth).
 * From FOLD_THREADED users with history (unless the data was loaded with
 * one_thread), a second thread folds the metrics from FOLD_SPLIT on into its own array (no
 * cache line shared while folding), copied in at the end: each sum still
 * takes its users in the same order, so the result is the same to the bit
 * as on one thread.
 */
static void fold(const struct uplift_data *d, struct kmoments *acc, uint64_t *count,
		 const uint32_t *value_of, size_t n_cells, struct uplift_daily *daily)
{
	struct fold_job a = {d, acc, count, value_of, d->exp->n_arms, 0, UPLIFT_N_METRICS, daily},
			b = a;
	pthread_t t;

	if (d->n_users >= FOLD_THREADED && d->history && !d->one_thread &&
	    (b.acc = calloc(n_cells * UPLIFT_N_METRICS, sizeof(*b.acc)))) {
		b.count = NULL;
		b.daily = NULL;
		b.m0 = FOLD_SPLIT;
		a.m1 = FOLD_SPLIT;
		if (pthread_create(&t, NULL, fold_thread, &b) == 0) {
			fold_metrics(&a);
			pthread_join(t, NULL);
			for (size_t c = 0; c < n_cells; c++)
				for (int m = FOLD_SPLIT; m < UPLIFT_N_METRICS; m++)
					acc[c * UPLIFT_N_METRICS + m] =
					    b.acc[c * UPLIFT_N_METRICS + m];
			free(b.acc);
			return;
		}
		free(b.acc);
		a.m1 = UPLIFT_N_METRICS;
	}
	fold_metrics(&a);
}

/* The cells of one group (overall, or a --by column), and daily's counts when not NULL. */
static struct uplift_moments *fold_group(const struct uplift_data *d, const uint32_t *value_of,
					 size_t n_values, struct uplift_daily *daily)
{
	size_t n = n_values * d->exp->n_arms * UPLIFT_N_METRICS;
	struct kmoments *acc = calloc(n, sizeof(*acc));
	struct uplift_moments *out = calloc(n, sizeof(*out));
	uint64_t *count = calloc(n_values * d->exp->n_arms, sizeof(*count));

	if (!acc || !out || !count) {
		free(acc);
		free(out);
		free(count);
		return NULL;
	}
	fold(d, acc, count, value_of, n_values * d->exp->n_arms, daily);
	for (size_t i = 0; i < n; i++) {
		kfinish(&acc[i], &out[i]);
		out[i].n = (double)count[i / UPLIFT_N_METRICS];
	}
	free(acc);
	free(count);
	return out;
}

/*
 * The daily counts of d's window, zero, to be folded (no counts, first
 * NULL, when the window is longer than UPLIFT_DAILY_MAX_DAYS); NULL when
 * out of memory.
 */
static struct uplift_daily *daily_new(const struct uplift_data *d)
{
	struct uplift_daily *daily = calloc(1, sizeof(*daily));

	if (!daily)
		return NULL;
	daily->start = d->exp->start;
	daily->n_days = (size_t)(d->exp->end - d->exp->start + 1);
	daily->n_arms = d->exp->n_arms;
	if (daily->n_days <= UPLIFT_DAILY_MAX_DAYS &&
	    !(daily->first = calloc(daily->n_arms * daily->n_days, sizeof(*daily->first)))) {
		free(daily);
		return NULL;
	}
	return daily;
}

struct uplift_suff *uplift_suff_from_data(const struct uplift_data *d)
{
	struct uplift_suff *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->metrics = d->metrics;
	s->arms = calloc(d->exp->n_arms, sizeof(*s->arms));
	if (!s->arms)
		goto fail;
	s->n_arms = d->exp->n_arms;
	for (size_t a = 0; a < s->n_arms; a++)
		if (!(s->arms[a] = strdup(d->exp->arms[a].name)))
			goto fail;
	if (!d->from_outcomes && !(s->daily = daily_new(d)))
		goto fail;
	if (!(s->overall = fold_group(d, NULL, 1, s->daily && s->daily->first ? s->daily : NULL)))
		goto fail;
	if (d->n_by && !(s->columns = calloc(d->n_by, sizeof(*s->columns))))
		goto fail;
	for (size_t c = 0; c < d->n_by; c++) {
		const struct uplift_by_column *by = &d->by[c];
		struct uplift_suff_column *col = &s->columns[c];

		s->n_columns++;
		if (!(col->name = strdup(by->name)))
			goto fail;
		if (!(col->values = calloc(by->values.n ? by->values.n : 1, sizeof(*col->values))))
			goto fail;
		col->n_values = by->values.n;
		for (size_t v = 0; v < col->n_values; v++)
			if (!(col->values[v] = strdup(uplift_strtab_get(&by->values, v, NULL))))
				goto fail;
		if (!(col->cells =
			  fold_group(d, by->of_user, col->n_values ? col->n_values : 1, NULL)))
			goto fail;
	}
	return s;
fail:
	uplift_suff_free(s);
	return NULL;
}
