/*
 * uplift_xlsx.h - summary.xlsx, the pack's tables as spreadsheet sheets
 * (libxlsxwriter): the decision, the arms, the effects vs control, the
 * head-to-head pairs, the coupon economics and one sheet per --by column.
 *
 * The numbers are the ones summary.json and comparisons.csv are written
 * from, as full doubles in number cells; only the cell's number format
 * rounds them (0.0% for rates and relative changes, #,##0.00 for money,
 * 0.0000 for p-values, #,##0 for counts). A value that is null in the JSON
 * is an empty cell. Strings from the data are string cells, never formulas.
 */
#ifndef UPLIFT_XLSX_H
#define UPLIFT_XLSX_H

#include <stdbool.h>

#include "uplift_error.h"
#include "uplift_format.h"

/*
 * Write dir/name from r, in Chinese sheet names, headers and arm labels
 * with zh. The file appears whole or not at all: it is written as a hidden
 * temporary of dir (libxlsxwriter's own temporaries in dir too), synced and
 * renamed. A libxlsxwriter failure is an UPLIFT_EINTERNAL naming the file.
 */
enum uplift_status uplift_xlsx_write(const char *dir, const char *name,
				     const struct uplift_result *r, bool zh,
				     struct uplift_error *err);

#endif
