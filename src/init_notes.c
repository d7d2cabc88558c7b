/*
 * init_notes.c - what "uplift init" tells the user beside the ini: the
 * notes of a scan (said on stderr by the CLI and, where they concern a
 * line, in the ini's comments too), the header each column gets across the
 * folder's files, and what experiment.ini's dialect can hold verbatim.
 */
#include "init_internal.h"
#include "uplift_experiment.h" /* UPLIFT_ARM_NAME_MAX */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Add a note (printf-style) to in; false when out of memory. */
bool uplift_init_note(struct uplift_init *in, const char *fmt, ...)
{
	char buf[1024], **notes;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!(notes = realloc(in->notes, (in->n_notes + 1) * sizeof(*notes))))
		return false;
	in->notes = notes;
	if (!(notes[in->n_notes] = strdup(buf)))
		return false;
	in->n_notes++;
	return true;
}

bool uplift_init_value_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == ';' || *p == '=' || *p == '[' || *p == ']')
			return false;
	return true;
}

bool uplift_init_arm_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > UPLIFT_ARM_NAME_MAX || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == ']')
			return false;
	return true;
}

/* The headers of f, comma-separated and cut, for a message. */
const char *uplift_init_header_list(const struct uplift_init_file *f, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < f->n_header && n + 8 < size; i++) {
		int w = snprintf(buf + n, size - n, "%s%s", i ? ", " : "", f->header[i]);
		if (w < 0 || (size_t)w >= size - n) {
			snprintf(buf + n, size - n, ", …");
			break;
		}
		n += (size_t)w;
	}
	return buf;
}

const char *uplift_init_header(const struct uplift_init *in, enum uplift_column_name c,
			       int *conflict)
{
	const char *h = NULL;

	*conflict = -1;
	for (int k = 0; k < UPLIFT_INIT_N_FILES; k++) {
		const struct uplift_init_file *f = &in->file[k];
		const char *x = f->present && f->col[c] >= 0 ? f->header[f->col[c]] : NULL;
		if (!x)
			continue;
		if (!h)
			h = x;
		else if (strcmp(h, x) != 0 && *conflict < 0)
			*conflict = k;
	}
	return h;
}

/* What the files say that the ini can only point out: headers, missing columns, refunds. */
bool uplift_init_file_notes(struct uplift_init *in)
{
	const struct uplift_init_file *o = &in->file[UPLIFT_INIT_ORDERS];
	char list[600];

	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++) {
		int k;
		const char *h = uplift_init_header(in, (enum uplift_column_name)c, &k);
		if (k >= 0 &&
		    !uplift_init_note(in,
				      "%s is '%s' in one file and '%s' in %s: [columns] holds one "
				      "header for every file, rename one of them",
				      uplift_columns_name((enum uplift_column_name)c), h,
				      in->file[k].header[in->file[k].col[c]], in->file[k].name))
			return false;
		if (h && !uplift_init_value_ok(h) &&
		    !uplift_init_note(
			in,
			"the header '%s' (%s) cannot be written in experiment.ini: rename the "
			"column",
			h, uplift_columns_name((enum uplift_column_name)c)))
			return false;
	}
	if (o->present) {
		if (o->col[UPLIFT_COL_ORDER_TIME] < 0 &&
		    !uplift_init_note(
			in, "orders.csv: no column recognised as the order time (the headers: %s)",
			uplift_init_header_list(o, list, sizeof(list))))
			return false;
		if (o->col[UPLIFT_COL_AMOUNT] < 0 && o->col[UPLIFT_COL_PAID] < 0 &&
		    !uplift_init_note(
			in,
			"orders.csv: no column recognised as the amount or the paid value (the "
			"headers: %s)",
			uplift_init_header_list(o, list, sizeof(list))))
			return false;
		if (o->col[UPLIFT_COL_USER_ID] < 0 &&
		    !uplift_init_note(
			in, "orders.csv: no column recognised as the user id (the headers: %s)",
			uplift_init_header_list(o, list, sizeof(list))))
			return false;
	}
	if (in->bad_times &&
	    !uplift_init_note(
		in, "orders.csv:%ld: %llu order times were not read as dates, such as '%s'",
		in->bad_time_line, (unsigned long long)in->bad_times, in->bad_time))
		return false;
	if (!o->present && !in->file[UPLIFT_INIT_OUTCOMES].present &&
	    !uplift_init_note(
		in, "the folder has neither orders.csv nor outcomes.csv: fill in the window"))
		return false;
	if (o->present && in->file[UPLIFT_INIT_OUTCOMES].present &&
	    !uplift_init_note(
		in, "the folder has both orders.csv and outcomes.csv: analyze takes only one"))
		return false;
	return true;
}
