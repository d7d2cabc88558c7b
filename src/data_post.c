/*
 * data_post.c - the post period's orders (`[experiment] post_days`,
 * ../shared/CONTRACT.md "After the window: pull-forward"): the orders of
 * the post_days after `end`, folded per user as the window's are, into
 * accumulators of their own (4 bytes per member for the index, and one
 * struct uplift_user per member who bought then), and into the post sums
 * of the [metric] sections that keep one.
 */
#include "data_internal.h"

#include <stdlib.h>

enum uplift_status uplift_data_post_init(struct uplift_data *d, bool has_orders,
					 struct uplift_error *err)
{
	const struct uplift_metric_set *set = &d->exp->metrics;
	size_t n = d->n_users ? d->n_users : 1;

	if (!d->exp->post_days)
		return UPLIFT_OK;
	if (!has_orders)
		return uplift_error_set(err, UPLIFT_EINPUT, "experiment.ini", 0, NULL,
					"[experiment] post_days needs orders.csv: outcomes.csv "
					"has no days to tell the post period by");
	if (!(d->post_of = calloc(n, sizeof(*d->post_of))))
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	for (size_t i = 0; i < d->n_order_metrics; i++) {
		int m = d->order_metric[i];
		if (set->def[m].within_days) /* its days run from the exposure, not the window */
			continue;
		if (!(d->metric_post[m] = calloc(n, sizeof(double))) ||
		    (d->metric_den[m] && !(d->metric_post_den[m] = calloc(n, sizeof(double)))))
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	}
	return UPLIFT_OK;
}

bool uplift_data_post_in(const struct uplift_data *d, long day)
{
	return d->post_of && day > d->exp->end && day <= d->exp->end + d->exp->post_days;
}

struct uplift_user *uplift_data_post_user(struct uplift_data *d, size_t user)
{
	const struct uplift_member *m = &d->members[user];
	struct uplift_user *u;

	if (d->post_of[user])
		return &d->post_acc[d->post_of[user] - 1];
	if (d->n_post_acc == d->post_acc_cap) {
		size_t cap = d->post_acc_cap ? d->post_acc_cap * 2 : 1024;
		if (cap > (size_t)UINT32_MAX - 1)
			cap = (size_t)UINT32_MAX - 1;
		if (cap == d->n_post_acc || !(u = realloc(d->post_acc, cap * sizeof(*u))))
			return NULL;
		d->post_acc = u;
		d->post_acc_cap = cap;
	}
	u = &d->post_acc[d->n_post_acc++];
	*u = (struct uplift_user){.line = m->line, .arm = m->arm, .first_day = UPLIFT_NO_DAY};
	d->post_of[user] = (uint32_t)d->n_post_acc;
	return u;
}

void uplift_data_post_free(struct uplift_data *d)
{
	free(d->post_of);
	free(d->post_acc);
	for (int m = 0; m < UPLIFT_N_METRICS; m++) {
		free(d->metric_post[m]);
		free(d->metric_post_den[m]);
	}
}
