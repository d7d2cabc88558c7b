/*
 * uplift_columns.h - the [columns] section of experiment.ini: which header
 * of the export holds each of uplift's columns, for every CSV file of the
 * folder (a POS export's 会员ID, 下单时间, 实付金额, 优惠金额 ...), and
 * whether refund rows are netted.
 *
 * The loader asks uplift_columns_header for the header of a column and
 * finds that header in the file; a column the section does not map goes by
 * uplift's own name. The names are UTF-8, verbatim from the ini.
 */
#ifndef UPLIFT_COLUMNS_H
#define UPLIFT_COLUMNS_H

#include <stdbool.h>

/* uplift's columns that [columns] may map, in the order of its keys. */
enum uplift_column_name {
	UPLIFT_COL_USER_ID = 0,
	UPLIFT_COL_ARM,
	UPLIFT_COL_ORDER_TIME,
	UPLIFT_COL_AMOUNT,   /* order value before discount */
	UPLIFT_COL_PAID,     /* order value after discount */
	UPLIFT_COL_DISCOUNT, /* coupon discount of the order */
	UPLIFT_COL_ORDER_ID,
	UPLIFT_COL_ORDERS, /* outcomes.csv: */
	UPLIFT_COL_REVENUE,
	UPLIFT_COL_CONVERTED,
	UPLIFT_COL_REPURCHASED,
	UPLIFT_N_COLUMN_NAMES
};

struct uplift_columns_def {
	char *header[UPLIFT_N_COLUMN_NAMES]; /* the export's header, NULL: uplift's own name */
	long line[UPLIFT_N_COLUMN_NAMES];    /* where each was given, 0 if not */
	bool refunds_net;                    /* refunds = net: negative amounts are netted */
	long section_line;                   /* line of [columns], 0 without the section */
};

/* "user_id", "arm", ...: uplift's name of column c. */
const char *uplift_columns_name(enum uplift_column_name c);

/* The header that holds column c: the mapped one, else uplift's name. */
const char *uplift_columns_header(const struct uplift_columns_def *def, enum uplift_column_name c);

#endif
