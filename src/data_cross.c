/*
 * data_cross.c - a crossed --by column (A*B; see uplift_by.h) made from
 * its two parts once they are read, binned and in order: one cell per
 * pair of values some user has, named "a × b", numbered in A's order then
 * B's, so data_order.c leaves it as it is.
 *
 * The parts are loaded as columns of their own at the end of the --by
 * columns (data.c puts them there); once every crossing is made they are
 * released and the columns the user asked for are all that remain.
 */
#include "data_internal.h"
#include "uplift_by.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum uplift_status cross_column(struct uplift_data *d, struct uplift_by_column *by,
				       struct uplift_error *err)
{
	const struct uplift_by_column *a = &d->by[by->parts], *b = &d->by[by->parts + 1];
	size_t na = a->values.n, nb = b->values.n, cells = 0;
	long *cell = calloc(na * nb + 1, sizeof(*cell)); /* pair -> 1 + its number, 0 if absent */
	char *name = NULL;
	size_t cap = 0;

	if (!cell)
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	for (size_t u = 0; u < d->n_users; u++)
		cell[(size_t)a->of_user[u] * nb + b->of_user[u]] = 1;
	for (size_t i = 0; i < na * nb; i++) {
		size_t la, lb;
		const char *va, *vb;
		if (!cell[i])
			continue;
		if (++cells > UPLIFT_MAX_SEGMENT_VALUES) {
			free(cell);
			free(name);
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"--by %s: more than %d cells: cross columns with "
						"fewer values, or bin them",
						by->name, UPLIFT_MAX_SEGMENT_VALUES);
		}
		va = uplift_strtab_get(&a->values, i / nb, &la);
		vb = uplift_strtab_get(&b->values, i % nb, &lb);
		if (la + lb + sizeof(UPLIFT_BY_CROSS) > cap) {
			char *p = realloc(name, cap = la + lb + sizeof(UPLIFT_BY_CROSS) + 64);
			if (!p)
				goto nomem;
			name = p;
		}
		memcpy(name, va, la);
		memcpy(name + la, UPLIFT_BY_CROSS, sizeof(UPLIFT_BY_CROSS) - 1);
		memcpy(name + la + sizeof(UPLIFT_BY_CROSS) - 1, vb, lb);
		if ((cell[i] = uplift_strtab_intern(
			 &by->values, name, la + lb + sizeof(UPLIFT_BY_CROSS) - 1, NULL)) < 0)
			goto nomem;
		cell[i]++;
	}
	for (size_t u = 0; u < d->n_users; u++)
		by->of_user[u] = (uint32_t)(cell[(size_t)a->of_user[u] * nb + b->of_user[u]] - 1);
	free(cell);
	free(name);
	return UPLIFT_OK;
nomem:
	free(cell);
	free(name);
	return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

void uplift_by_column_release(struct uplift_by_column *by)
{
	free(by->name);
	uplift_strtab_release(&by->values);
	free(by->of_user);
	if (by->spec)
		uplift_by_release(by->spec);
	free(by->spec);
	memset(by, 0, sizeof(*by));
}

enum uplift_status uplift_data_cross(struct uplift_data *d, size_t n_shown,
				     struct uplift_error *err)
{
	for (size_t i = 0; i < n_shown; i++) {
		struct uplift_by_column *by = &d->by[i];
		if (by->spec && by->spec->n_parts == 2 && cross_column(d, by, err))
			return err->status;
	}
	while (d->n_by > n_shown)
		uplift_by_column_release(&d->by[--d->n_by]);
	return UPLIFT_OK;
}
