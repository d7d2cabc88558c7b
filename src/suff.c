/*
 * suff.c - folds per-user accumulators into sufficient statistics, and
 * counts the first purchases per arm and day on the way (see
 * uplift_suff.h).
 */
#include "uplift_suff.h"
#include "uplift_data.h"
#include "suff_internal.h"

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
	uint64_t left_out; /* users of the cell not in the metric (within_days) */
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

/* What `of` sums, from the user's accumulator (g: the gross margin). */
static inline double of_user(enum uplift_metric_of of, const struct uplift_user *u, double g)
{
	switch (of) {
	case UPLIFT_OF_ORDERS:
		return u->orders;
	case UPLIFT_OF_AMOUNT:
		return u->paid + u->discount;
	case UPLIFT_OF_PAID:
		return u->paid;
	case UPLIFT_OF_DISCOUNT:
		return u->discount;
	case UPLIFT_OF_PROFIT:
		return g * (u->paid + u->discount) - u->discount;
	case UPLIFT_OF_CONVERTED:
		return u->converted;
	case UPLIFT_OF_REPURCHASED:
		return u->repurchased;
	case UPLIFT_OF_REDEEMED:
		return u->redeemed;
	default:
		return 0;
	}
}

/* The same over the pre-period (history.csv), as a proportion or a sum. */
static inline double of_history(enum uplift_metric_of of, enum uplift_metric_kind kind,
				const struct uplift_history *h)
{
	switch (of) {
	case UPLIFT_OF_CONVERTED:
		return h->pre_orders >= 1;
	case UPLIFT_OF_REPURCHASED:
		return h->pre_orders >= 2;
	case UPLIFT_OF_ORDERS:
		return kind == UPLIFT_PROPORTION ? h->pre_orders >= 1 : h->pre_orders;
	case UPLIFT_OF_PAID:
		return kind == UPLIFT_PROPORTION ? h->pre_paid > 0 : h->pre_paid;
	case UPLIFT_OF_DISCOUNT:
		return kind == UPLIFT_PROPORTION ? h->pre_discount > 0 : h->pre_discount;
	default:
		return 0;
	}
}

double uplift_suff_value(const struct uplift_metric_value *v, const struct uplift_user *u,
			 const struct uplift_history *h, size_t user, double *x)
{
	static const struct uplift_history none;
	const struct uplift_metric_def *def = v->def;
	double y;

	if (!h)
		h = &none;
	y = v->sum ? v->sum[user] + (v->sum2 ? v->sum2[user] : 0) : of_user(def->of, u, v->g);
	switch (def->kind) {
	case UPLIFT_RATIO: /* x: the denominator */
		*x = v->den ? v->den[user] + (v->den2 ? v->den2[user] : 0)
			    : of_user(def->of_den, u, v->g);
		return y > v->cap ? v->cap : y;
	case UPLIFT_PROPORTION:
		y = y > 0;
		break;
	case UPLIFT_MEAN:
		if (y > v->cap)
			y = v->cap;
		break;
	}
	/* x: the CUPED covariate (a column, or what the metric sums over the
	 * pre-period); for amount the discount (profit = g amount - discount) */
	if (v->cov)
		*x = v->cov[user];
	else if (def->of == UPLIFT_OF_AMOUNT && !def->user)
		*x = u->discount;
	else if (v->pre)
		*x = of_history(def->of, def->kind, h);
	else
		*x = 0;
	return y;
}

void uplift_suff_value_init(struct uplift_metric_value *v, const struct uplift_data *d,
			    const struct uplift_metric_set *set, int m, double cap)
{
	const struct uplift_metric_def *def = uplift_metric_def(set, m);
	int own = def->uncapped_of != UPLIFT_N_METRICS ? def->uncapped_of : m;
	bool filtered = def->where.on || def->within_days;

	v->def = def;
	v->m = m;
	v->g = d && d->exp->has_economics ? d->exp->gross_margin : 0;
	v->cap = isnan(cap) ? INFINITY : cap;
	v->sum = d && (filtered || def->of == UPLIFT_OF_COLUMN) ? d->metric_sum[own] : NULL;
	v->den = d && (filtered || def->of_den == UPLIFT_OF_COLUMN) ? d->metric_den[own] : NULL;
	v->sum2 = v->den2 = NULL;
	v->cov = d && def->covariate[0] ? d->covariate[own] : NULL;
	v->pre = uplift_metric_has_covariate(set, (enum uplift_metric)m) ||
		 (!def->user && def->kind != UPLIFT_RATIO);
	v->within = def->within_days;
	v->exposed = d ? d->exposed : NULL;
	v->end = d ? d->exp->end : 0;
}

double uplift_suff_user_metric(const struct uplift_user *u, const struct uplift_history *h,
			       enum uplift_metric m, double *x)
{
	struct uplift_metric_value v;

	if (m == UPLIFT_PROFIT || m >= UPLIFT_N_BUILTIN) { /* derived from amount (uplift_suff_derive) */
		*x = 0;
		return 0;
	}
	uplift_suff_value_init(&v, NULL, NULL, m, NAN);
	return uplift_suff_value(&v, u, h, 0, x);
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
	free(s->set);
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
 * Metrics v[i0, i1) of every user into acc[cell(user)][metric]; cell()
 * picks the group. The job that counts the users per cell also counts the
 * first purchases per arm and day when daily is set.
 */
struct fold_job {
	const struct uplift_data *d;
	enum uplift_period period;
	struct kmoments *acc;
	uint64_t *count; /* users per cell, or NULL (the other job counts) */
	const uint32_t *value_of;
	size_t n_arms;
	const struct uplift_metric_value *v;
	size_t i0, i1;
	struct uplift_daily *daily; /* first purchases, or NULL (not counted by this job) */
	bool every_user;            /* covariate columns or exposures: no user is all zeros */
};

/* A user's window and post period together, into *both. */
static const struct uplift_user *period_sum(struct uplift_user *both, const struct uplift_user *w,
					    const struct uplift_user *p)
{
	*both = *w;
	both->orders = w->orders + p->orders;
	both->converted = both->orders >= 1;
	both->repurchased = both->orders >= 2;
	both->redeemed = w->redeemed | p->redeemed;
	both->paid = w->paid + p->paid;
	both->discount = w->discount + p->discount;
	return both;
}

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
		struct uplift_user both;
		bool bought = mb->acc;

		if (j->period != UPLIFT_WINDOW) {
			const struct uplift_user *post =
			    d->post_of[u] ? &d->post_acc[d->post_of[u] - 1] : &fresh;
			usr = j->period == UPLIFT_POST ? post : period_sum(&both, usr, post);
			bought = j->period == UPLIFT_POST ? d->post_of[u] : bought || d->post_of[u];
		}
		if (j->count)
			j->count[cell]++;
		/* a user who bought nothing: every metric zero (test_suff checks),
		 * which kfold would skip -- the same sums to the bit */
		if (!h && !bought && !j->every_user)
			continue;
		/* a buyer's first day; no day (INT32_MIN) falls outside as a huge size_t */
		if (j->daily && (mb->acc || (d->post_of && d->post_of[u]))) {
			long first = mb->acc ? usr->first_day
					     : d->post_acc[d->post_of[u] - 1].first_day;
			size_t day = (size_t)(first - j->daily->start);
			if (day < j->daily->n_days)
				j->daily->first[mb->arm * j->daily->n_days + day]++;
		}
		for (size_t i = j->i0; i < j->i1; i++) {
			const struct uplift_metric_value *v = &j->v[i];
			double x, y;
			if (v->within && !uplift_data_metrics_days_over(v->exposed[u], v->within, v->end)) {
				k[v->m].left_out++; /* its days are not over: not in the metric */
				continue;
			}
			y = uplift_suff_value(v, usr, h, u, &x);
			kfold(&k[v->m], y, x);
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

/*
 * Fold every user into acc[cell(user)][metric] (zeroed, n cells' worth),
 * the n_v metrics of v. From FOLD_THREADED users with history (unless the
 * data was loaded with one_thread), a second thread folds the second half
 * of them into its own array (no cache line shared while folding), copied
 * in at the end: each sum still takes its users in the same order, so the
 * result is the same to the bit as on one thread.
 */
static void fold(const struct uplift_data *d, enum uplift_period period, struct kmoments *acc,
		 uint64_t *count, const uint32_t *value_of, size_t n_cells,
		 struct uplift_daily *daily, const struct uplift_metric_value *v, size_t n_v)
{
	struct fold_job a = {d,	   period, acc,	  count, value_of, d->exp->n_arms,
			     v,	   0,	   n_v,	  daily, false},
			b;
	pthread_t t;

	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		a.every_user |= d->covariate[m] != NULL;
	a.every_user |= d->exposed != NULL;
	b = a;
	if (d->n_users >= FOLD_THREADED && (d->history || a.every_user) && !d->one_thread &&
	    n_v >= 2 && (b.acc = calloc(n_cells * UPLIFT_N_METRICS, sizeof(*b.acc)))) {
		b.count = NULL;
		b.daily = NULL;
		b.i0 = a.i1 = n_v / 2;
		if (pthread_create(&t, NULL, fold_thread, &b) == 0) {
			fold_metrics(&a);
			pthread_join(t, NULL);
			for (size_t c = 0; c < n_cells; c++)
				for (size_t i = b.i0; i < n_v; i++)
					acc[c * UPLIFT_N_METRICS + v[i].m] =
					    b.acc[c * UPLIFT_N_METRICS + v[i].m];
			free(b.acc);
			return;
		}
		free(b.acc);
		a.i1 = n_v;
	}
	fold_metrics(&a);
}

/* The cells of one group (overall, or a --by column), and daily's counts when not NULL. */
struct uplift_moments *uplift_suff_fold_group(const struct uplift_data *d, enum uplift_period period,
					 const uint32_t *value_of, size_t n_values,
					 struct uplift_daily *daily,
					 const struct uplift_metric_value *v, size_t n_v)
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
	fold(d, period, acc, count, value_of, n_values * d->exp->n_arms, daily, v, n_v);
	for (size_t i = 0; i < n; i++) {
		kfinish(&acc[i], &out[i]);
		out[i].n = (double)(count[i / UPLIFT_N_METRICS] - acc[i].left_out);
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
	/* with post_days, the post period's days too (a first purchase after the window) */
	daily->n_days = (size_t)(d->exp->end - d->exp->start + 1) + (d->post_of ? (size_t)d->exp->post_days : 0);
	daily->n_arms = d->exp->n_arms;
	if (daily->n_days <= UPLIFT_DAILY_MAX_DAYS &&
	    !(daily->first = calloc(daily->n_arms * daily->n_days, sizeof(*daily->first)))) {
		free(daily);
		return NULL;
	}
	return daily;
}

/*
 * The metrics folded from d, into v (in index order), with each capped
 * metric's cap found first (uplift_suff_caps); returns how many. profit is
 * not folded unless capped: uplift_suff_derive makes it from amount.
 */
static size_t metric_values(const struct uplift_data *d, struct uplift_suff *s,
			    struct uplift_metric_value *v)
{
	size_t n = 0;

	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		s->cap[m] = NAN;
	for (size_t m = 0; m < s->set->n; m++) {
		const struct uplift_metric_def *def = &s->set->def[m];
		bool capped_profit = m == UPLIFT_PROFIT && def->cap.kind != UPLIFT_CAP_NONE &&
				     d->exp->has_economics &&
				     (d->metrics & UPLIFT_METRIC_BIT(UPLIFT_AMOUNT)) &&
				     (d->metrics & UPLIFT_METRIC_BIT(UPLIFT_DISCOUNT));
		if (!(d->metrics & UPLIFT_METRIC_BIT(m)) && !capped_profit)
			continue;
		if (def->cap.kind != UPLIFT_CAP_NONE)
			s->cap[m] = uplift_suff_cap(d, s->set, (int)m);
		uplift_suff_value_init(&v[n++], d, s->set, (int)m, s->cap[m]);
	}
	return n;
}

struct uplift_suff *uplift_suff_from_data(const struct uplift_data *d)
{
	struct uplift_suff *s = calloc(1, sizeof(*s));
	struct uplift_metric_value v[UPLIFT_N_METRICS];
	size_t n_v;

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
	if (!(s->set = malloc(sizeof(*s->set))))
		goto fail;
	*s->set = d->exp->metrics;
	n_v = metric_values(d, s, v);
	if (!(s->overall = uplift_suff_fold_group(d, UPLIFT_WINDOW, NULL, 1,
				      s->daily && s->daily->first ? s->daily : NULL, v, n_v)))
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
		for (size_t k = 0; k < col->n_values; k++)
			if (!(col->values[k] = strdup(uplift_strtab_get(&by->values, k, NULL))))
				goto fail;
		if (!(col->cells =
			  uplift_suff_fold_group(d, UPLIFT_WINDOW, by->of_user, col->n_values ? col->n_values : 1,
				     NULL, v, n_v)))
			goto fail;
	}
	return s;
fail:
	uplift_suff_free(s);
	return NULL;
}

