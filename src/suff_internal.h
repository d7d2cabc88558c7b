/*
 * suff_internal.h - the fold of suff.c, for suff_period.c. Internal to the
 * library.
 */
#ifndef UPLIFT_SUFF_INTERNAL_H
#define UPLIFT_SUFF_INTERNAL_H

#include "uplift_suff.h"

/*
 * The cells of one group (overall: value_of NULL, n_values 1; or a --by
 * column) over period, the n_v metrics of v, and daily's first purchases
 * when daily is not NULL. NULL when out of memory.
 */
struct uplift_moments *uplift_suff_fold_group(const struct uplift_data *d, enum uplift_period period,
					      const uint32_t *value_of, size_t n_values,
					      struct uplift_daily *daily,
					      const struct uplift_metric_value *v, size_t n_v);

#endif
