/*
 * columns.c - uplift's column names and the header that holds each, through
 * the [columns] section of experiment.ini (uplift_columns.h). The section
 * itself is read by experiment_columns.c; the loader finds the headers in a
 * file with header_find.c.
 */
#include "uplift_columns.h"

#include <stddef.h>

static const char *const names[UPLIFT_N_COLUMN_NAMES] = {
    [UPLIFT_COL_USER_ID] = "user_id",
    [UPLIFT_COL_ARM] = "arm",
    [UPLIFT_COL_ORDER_TIME] = "order_time",
    [UPLIFT_COL_AMOUNT] = "amount",
    [UPLIFT_COL_PAID] = "paid",
    [UPLIFT_COL_DISCOUNT] = "discount",
    [UPLIFT_COL_ORDER_ID] = "order_id",
    [UPLIFT_COL_ORDERS] = "orders",
    [UPLIFT_COL_REVENUE] = "revenue",
    [UPLIFT_COL_CONVERTED] = "converted",
    [UPLIFT_COL_REPURCHASED] = "repurchased",
};

const char *uplift_columns_name(enum uplift_column_name c)
{
	return (unsigned)c < UPLIFT_N_COLUMN_NAMES ? names[c] : "?";
}

const char *uplift_columns_header(const struct uplift_columns_def *def, enum uplift_column_name c)
{
	if ((unsigned)c >= UPLIFT_N_COLUMN_NAMES)
		return "?";
	return def && def->header[c] ? def->header[c] : names[c];
}
