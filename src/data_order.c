/*
 * data_order.c - the values of each --by column renumbered in the
 * contract's order (uplift_segment_order.h) once the folder is read.
 *
 * The readers number a column's values as they first appear, which is
 * what a streaming pass can do; the order users see is fixed here, where
 * the numbers are made, so that the sufficient statistics, the analysis,
 * the plans (which index by value number) and every writer agree without
 * sorting anything themselves. Per column: the values sorted (at most
 * UPLIFT_MAX_SEGMENT_VALUES), the table rebuilt in that order, and one
 * pass over the users mapping each old number to its new one; no
 * allocation per user.
 */
#include "data_internal.h"
#include "uplift_segment_order.h"

static enum uplift_status order_column(struct uplift_by_column *by, size_t n_users,
				       struct uplift_error *err)
{
	size_t n = by->values.n;
	uint32_t *order, *rank;
	struct uplift_strtab t;
	bool same = true;

	if (n < 2 || by->spec) /* bins and crossings are made in their order */
		return UPLIFT_OK;
	order = malloc(n * sizeof(*order));
	rank = malloc(n * sizeof(*rank));
	if (!order || !rank || !uplift_segment_order_sort(by->name, &by->values, order)) {
		free(order);
		free(rank);
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		same &= order[i] == i;
	if (same) {
		free(order);
		free(rank);
		return UPLIFT_OK;
	}
	uplift_strtab_init(&t);
	uplift_strtab_reserve(&t, n, by->values.arena_len / n);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		const char *s = uplift_strtab_get(&by->values, order[i], &len);
		if (uplift_strtab_intern(&t, s, len, NULL) < 0) {
			uplift_strtab_release(&t);
			free(order);
			free(rank);
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		}
		rank[order[i]] = (uint32_t)i;
	}
	for (size_t u = 0; u < n_users; u++)
		by->of_user[u] = rank[by->of_user[u]];
	uplift_strtab_release(&by->values);
	by->values = t;
	free(order);
	free(rank);
	return UPLIFT_OK;
}

enum uplift_status uplift_data_order(struct uplift_data *d, struct uplift_error *err)
{
	for (size_t i = 0; i < d->n_by; i++)
		if (order_column(&d->by[i], d->n_users, err))
			return err->status;
	return UPLIFT_OK;
}
