/*
 * problems.c - what the loader checks in every file before it uses a row:
 * the header (names distinct, non-empty, UTF-8; the columns required), the
 * error for a bad number, and the problems list that uplift validate
 * collects instead of stopping at the first (see data_internal.h).
 */
#include "data_internal.h"
#include "uplift_strtab.h"

#include <stdlib.h>
#include <string.h>

/*
 * The names seen go into a hash table, so a header of a million columns is
 * checked in linear time (comparing each with every earlier one took
 * minutes).
 */
enum uplift_status uplift_header_check(const char *path, const struct uplift_csv_row *h,
				       struct uplift_error *err)
{
	struct uplift_strtab names;
	enum uplift_status st = UPLIFT_OK;

	uplift_strtab_init(&names);
	for (size_t i = 0; i < h->n && st == UPLIFT_OK; i++) {
		long bad = uplift_utf8_check((const unsigned char *)h->field[i], h->len[i]), first;
		bool added;

		if (bad >= 0) {
			st = uplift_error_set(
			    err, UPLIFT_EINPUT, path, h->line, NULL,
			    "header field %zu is not valid UTF-8 (byte 0x%02X); " UPLIFT_UTF8_HINT,
			    i + 1, (unsigned char)h->field[i][bad]);
		} else if (h->len[i] == 0) {
			st = uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
					      "header field %zu is empty", i + 1);
		} else if ((first = uplift_strtab_intern(&names, h->field[i], h->len[i], &added)) <
			   0) {
			st = uplift_error_set(err, UPLIFT_ENOMEM, path, h->line, NULL,
					      "out of memory");
		} else if (!added) {
			/* every earlier name is distinct: its index is its field's */
			st = uplift_error_set(err, UPLIFT_EINPUT, path, h->line, NULL,
					      "column '%s' appears twice in the header (fields %ld "
					      "and %zu)",
					      h->field[i], first + 1, i + 1);
		}
	}
	uplift_strtab_release(&names);
	return st;
}

enum uplift_status uplift_number_error(const char *path, const struct uplift_csv_row *row, long col,
				       const char *name, int why, struct uplift_error *err)
{
	if (row->len[col] == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, name, "empty value");
	if (uplift_utf8_error(path, row->line, name, row->field[col], row->len[col], err))
		return err->status;
	return uplift_error_set(err, UPLIFT_EINPUT, path, row->line, name,
				why == 2 ? "negative: '%s'"
					 : "not a number: '%s' (write plain decimals like 1234.50)",
				row->field[col]);
}

void uplift_problems_release(struct uplift_problems *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++)
		free(p->line[i]);
	free(p->line);
	p->line = NULL;
	p->n = 0;
	p->total = 0;
}

enum uplift_status uplift_problems_keep(struct uplift_problems *p, struct uplift_error *err)
{
	char buf[1200];

	p->total++;
	if (p->n < p->max) {
		char **line = realloc(p->line, (p->n + 1) * sizeof(*line));
		if (!line || !(line[p->n] = strdup(uplift_error_format(err, buf, sizeof(buf))))) {
			if (line)
				p->line = line;
			return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		}
		p->line = line;
		p->n++;
	}
	uplift_error_clear(err);
	return UPLIFT_OK;
}

enum uplift_status uplift_problems_guarded(void *guard, const struct uplift_csv_row *row,
					   struct uplift_error *err)
{
	struct uplift_problems_guard *g = guard;
	enum uplift_status st = g->fn(g->ctx, row, err);

	if (st == UPLIFT_EINPUT && row->index > 0)
		return uplift_problems_keep(g->problems, err);
	return st;
}
