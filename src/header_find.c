/*
 * header_find.c - where the loader finds uplift's columns in a file's
 * header: through [columns] (uplift_columns_header), and, when one is
 * missing, the message that lets a user fix it at once -- which column,
 * the header the ini gave and its line, the headers the file has
 * (escaped for the terminal, cut when there are many) and the closest of
 * them (uplift_closest.h). See data_internal.h.
 */
#include "data_internal.h"
#include "uplift_closest.h"
#include "uplift_escape.h"

#include <stdio.h>
#include <string.h>

/* The headers listed in a message: at most this many bytes of them. */
#define LIST_BYTES (UPLIFT_HEADER_LIST_SIZE - 40)
/* Each header cut to this many display columns. */
#define NAME_COLS 32

long uplift_header_find(const struct uplift_csv_row *h, const struct uplift_columns_def *def,
			enum uplift_column_name c)
{
	/* a column left unmapped does not take the header another key was given
	 * (amount = paid: the file's "paid" is the amount, and paid has none) */
	for (int k = 0; def && !def->header[c] && k < UPLIFT_N_COLUMN_NAMES; k++)
		if (def->header[k] && strcmp(def->header[k], uplift_columns_name(c)) == 0)
			return -1;
	return uplift_csv_column(h, uplift_columns_header(def, c));
}

const char *uplift_header_list(const struct uplift_csv_row *h, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < h->n; i++) {
		char name[4 * NAME_COLS + 8];
		size_t len;
		uplift_escape_text_cols(h->field[i], NAME_COLS, name, sizeof(name));
		len = strlen(name);
		if (used + len + 2 > LIST_BYTES || used + len + 2 >= size) {
			snprintf(buf + used, size - used, "%s… (%zu more)", i ? ", " : "",
				 h->n - i);
			return buf;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name);
	}
	return buf;
}

/* "user_id" or, mapped, "会员号' ([columns] user_id, experiment.ini line 9" (quotes around). */
static void describe(const struct uplift_columns_def *def, enum uplift_column_name c, char *buf,
		     size_t size)
{
	char name[4 * NAME_COLS + 8];

	uplift_escape_text_cols(uplift_columns_header(def, c), NAME_COLS, name, sizeof(name));
	if (def && def->header[c])
		snprintf(buf, size, "'%s' ([columns] %s, experiment.ini line %ld)", name,
			 uplift_columns_name(c), def->line[c]);
	else
		snprintf(buf, size, "'%s'", name);
}

enum uplift_status uplift_header_missing(const char *path, const struct uplift_csv_row *h,
					 const struct uplift_columns_def *def,
					 enum uplift_column_name c, enum uplift_column_name alt,
					 struct uplift_error *err)
{
	char want[200], other[200] = "", list[UPLIFT_HEADER_LIST_SIZE],
			near[4 * NAME_COLS + 40] = "";
	char hint[120] = "";
	long k = uplift_closest(uplift_columns_header(def, c), h->field, h->n);
	bool mapped = def && def->header[c];

	if (k < 0 && alt < UPLIFT_N_COLUMN_NAMES)
		k = uplift_closest(uplift_columns_header(def, alt), h->field, h->n);
	describe(def, c, want, sizeof(want));
	if (alt < UPLIFT_N_COLUMN_NAMES) {
		other[0] = ' ', other[1] = 'o', other[2] = 'r', other[3] = ' ';
		describe(def, alt, other + 4, sizeof(other) - 4);
		mapped |= def && def->header[alt];
	}
	uplift_header_list(h, list, sizeof(list));
	if (k >= 0) {
		char name[4 * NAME_COLS + 8];
		uplift_escape_text_cols(h->field[k], NAME_COLS, name, sizeof(name));
		snprintf(near, sizeof(near), "; closest: %s", name);
	}
	if (!mapped)
		snprintf(hint, sizeof(hint), "; map it in [columns] of experiment.ini: %s = HEADER",
			 uplift_columns_name(c));
	return uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
				"missing column %s%s in the header (found: %s%s)%s", want, other,
				list, near, hint);
}

enum uplift_status uplift_header_need(const char *path, const struct uplift_csv_row *h,
				      const struct uplift_columns_def *def,
				      enum uplift_column_name c, long *idx,
				      struct uplift_error *err)
{
	*idx = uplift_header_find(h, def, c);
	if (*idx < 0)
		return uplift_header_missing(path, h, def, c, UPLIFT_N_COLUMN_NAMES, err);
	return UPLIFT_OK;
}
