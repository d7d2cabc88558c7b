/*
 * segments.c - RFM and lifecycle from purchase history (see uplift_segments.h).
 */
#include "uplift_segments.h"

#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort.h>
#include <stdlib.h>
#include <string.h>

static const char *const rfm_names[UPLIFT_N_RFM] = {
    "重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户",
    "一般发展客户", "一般保持客户", "一般挽留客户", "无消费记录",
};
static const char *const rfm_grades[UPLIFT_N_RFM] = {"A", "A", "B", "B", "B", "B", "C", "C", "-"};
static const char *const grade_order[] = {"A", "B", "C", "-"};
static const char *const lifecycle_names[UPLIFT_N_LIFECYCLE] = {
    "潜在用户", "新用户", "活跃用户", "休眠用户", "忠实用户",
};
/* the stages as they run (the contract's order), not the enum's */
static const char *const lifecycle_order[UPLIFT_N_LIFECYCLE] = {
    "潜在用户", "新用户", "活跃用户", "忠实用户", "休眠用户",
};

int uplift_segments_column(const char *name)
{
	if (strcmp(name, "rfm_segment") == 0)
		return UPLIFT_COL_RFM_SEGMENT;
	if (strcmp(name, "rfm_grade") == 0)
		return UPLIFT_COL_RFM_GRADE;
	if (strcmp(name, "lifecycle") == 0)
		return UPLIFT_COL_LIFECYCLE;
	return -1;
}

const char *uplift_segments_rfm_name(enum uplift_rfm r)
{
	return rfm_names[r];
}

const char *uplift_segments_rfm_grade(enum uplift_rfm r)
{
	return rfm_grades[r];
}

const char *uplift_segments_lifecycle_name(enum uplift_lifecycle l)
{
	return lifecycle_names[l];
}

const char *const *uplift_segments_values(enum uplift_derived col, size_t *n)
{
	switch (col) {
	case UPLIFT_COL_RFM_SEGMENT:
		*n = UPLIFT_N_RFM;
		return rfm_names;
	case UPLIFT_COL_RFM_GRADE:
		*n = sizeof(grade_order) / sizeof(grade_order[0]);
		return grade_order;
	default:
		*n = UPLIFT_N_LIFECYCLE;
		return lifecycle_order;
	}
}

const char *uplift_segments_value(enum uplift_derived col, const struct uplift_history *u,
				  const struct uplift_thresholds *th)
{
	switch (col) {
	case UPLIFT_COL_RFM_SEGMENT:
		return rfm_names[uplift_segments_rfm(u, th)];
	case UPLIFT_COL_RFM_GRADE:
		return rfm_grades[uplift_segments_rfm(u, th)];
	default:
		return lifecycle_names[uplift_segments_lifecycle(u, th)];
	}
}

void uplift_segments_count(enum uplift_derived col, const struct uplift_history *history,
			   size_t n_users, const struct uplift_thresholds *th, uint64_t *counts)
{
	static const struct uplift_history none;
	size_t n;
	const char *const *values = uplift_segments_values(col, &n);

	memset(counts, 0, n * sizeof(*counts));
	for (size_t u = 0; u < n_users; u++) {
		const char *v = uplift_segments_value(col, history ? &history[u] : &none, th);
		for (size_t k = 0; k < n; k++)
			if (strcmp(values[k], v) == 0) {
				counts[k]++;
				break;
			}
	}
}

/* Exact median (mean of the two middle values for an even count); sorts x. */
static double median(double *x, size_t n)
{
	gsl_sort(x, 1, n);
	return gsl_stats_median_from_sorted_data(x, 1, n);
}

bool uplift_segments_thresholds(const struct uplift_history *history, size_t n_users, long asof,
				const struct uplift_segment_def *def, struct uplift_thresholds *th)
{
	double *r = NULL, *f = NULL, *m = NULL;
	size_t n = 0;

	memset(th, 0, sizeof(*th));
	th->asof = asof;
	th->new_days = def->new_days;
	th->dormant_days = def->dormant_days;
	th->loyal_orders = def->loyal_orders;
	th->recency_days = def->recency_days;
	th->frequency = def->frequency;
	th->monetary = def->monetary;
	for (size_t u = 0; u < n_users; u++)
		n += history && history[u].orders > 0;
	th->with_history = n;
	th->recency_median = !def->has_recency;
	th->frequency_median = !def->has_frequency;
	th->monetary_median = !def->has_monetary;
	if (!th->recency_median && !th->frequency_median && !th->monetary_median)
		return true;
	if (n == 0) {
		/* nobody has history: every user is 无消费记录, thresholds are moot */
		return true;
	}
	r = malloc(n * sizeof(*r));
	f = malloc(n * sizeof(*f));
	m = malloc(n * sizeof(*m));
	if (!r || !f || !m) {
		free(r);
		free(f);
		free(m);
		return false;
	}
	n = 0;
	for (size_t u = 0; u < n_users; u++) {
		const struct uplift_history *h = &history[u];
		if (h->orders == 0)
			continue;
		r[n] = (double)(asof - h->last);
		f[n] = h->orders;
		m[n] = h->paid;
		n++;
	}
	if (th->recency_median)
		th->recency_days = median(r, n);
	if (th->frequency_median)
		th->frequency = median(f, n);
	if (th->monetary_median)
		th->monetary = median(m, n);
	free(r);
	free(f);
	free(m);
	return true;
}

enum uplift_rfm uplift_segments_rfm(const struct uplift_history *u,
				    const struct uplift_thresholds *th)
{
	bool r, f, m;

	if (u->orders == 0)
		return UPLIFT_RFM_NONE;
	r = (double)(th->asof - u->last) <= th->recency_days;
	f = (double)u->orders >= th->frequency;
	m = u->paid >= th->monetary;
	/* the contract's table, in its order: HHH HLH LHH LLH HHL HLL LHL LLL */
	if (m)
		return r ? (f ? UPLIFT_RFM_HHH : UPLIFT_RFM_HLH)
			 : (f ? UPLIFT_RFM_LHH : UPLIFT_RFM_LLH);
	return r ? (f ? UPLIFT_RFM_HHL : UPLIFT_RFM_HLL) : (f ? UPLIFT_RFM_LHL : UPLIFT_RFM_LLL);
}

enum uplift_lifecycle uplift_segments_lifecycle(const struct uplift_history *u,
						const struct uplift_thresholds *th)
{
	if (u->orders == 0)
		return UPLIFT_LC_PROSPECT;
	if ((double)(th->asof - u->last) > th->dormant_days)
		return UPLIFT_LC_DORMANT;
	if ((double)u->orders >= th->loyal_orders)
		return UPLIFT_LC_LOYAL;
	if ((double)(th->asof - u->first) <= th->new_days)
		return UPLIFT_LC_NEW;
	return UPLIFT_LC_ACTIVE;
}
