/*
 * fuzz_csv.c - libFuzzer differential target for the CSV reader: the input
 * is one CSV file, read twice, once with the plain-line path (lines without
 * quotes split in place) and once with every line through libcsv. The rows,
 * the lines they start on and any error must be the same; a difference
 * aborts. The input's size picks how many leading fields are split
 * (uplift_csv_options.fields_used: all, or one to three): those fields
 * and every row's number of fields are compared; and whether UTF-8 is
 * left to the caller (uplift_csv_options.utf8_by_caller, as analyze does).
 * Run by `make fuzz` next to fuzz_loader.
 */
#include "uplift_csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The rows as text: "line:len:bytes" per field, rows separated by a NUL-free mark. */
struct dump {
	char *text;
	size_t len, cap;
	size_t upto; /* the fields dumped, 0 for all */
};

static void put(struct dump *d, const void *p, size_t n)
{
	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2 + 256;
		d->text = realloc(d->text, d->cap);
		if (!d->text)
			abort();
	}
	memcpy(d->text + d->len, p, n);
	d->len += n;
}

static enum uplift_status on_row(void *ctx, const struct uplift_csv_row *row,
				 struct uplift_error *err)
{
	struct dump *d = ctx;
	char head[64];

	(void)err;
	snprintf(head, sizeof(head), "\n%ld:%zu:", row->line, row->n);
	put(d, head, strlen(head));
	for (size_t i = 0; i < row->n && (!d->upto || i < d->upto); i++) {
		if (strlen(row->field[i]) != row->len[i] && !memchr(row->field[i], 0, row->len[i]))
			abort(); /* a field's length and its NUL disagree */
		snprintf(head, sizeof(head), "[%zu]", row->len[i]);
		put(d, head, strlen(head));
		put(d, row->field[i], row->len[i]);
	}
	return UPLIFT_OK;
}

static void read_once(const char *path, bool libcsv_only, size_t upto, bool utf8_by_caller,
		      struct dump *d, struct uplift_error *err, enum uplift_status *st)
{
	struct uplift_csv_options opt = {.libcsv_only = libcsv_only,
					 .utf8_by_caller = utf8_by_caller};

	opt.fields_used = upto ? &upto : NULL;
	memset(d, 0, sizeof(*d));
	d->upto = upto;
	uplift_error_clear(err);
	*st = uplift_csv_read(path, &opt, on_row, d, NULL, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct dump a, b;
	struct uplift_error ea, eb;
	enum uplift_status sa, sb;
	char ma[1200], mb[1200];
	FILE *fp;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/uplift-fuzz-csv-%d.csv", (int)getpid());
	fp = fopen(path, "wb");
	if (!fp || (size && fwrite(data, 1, size, fp) != size))
		abort();
	fclose(fp);
	read_once(path, false, size % 4, size % 8 >= 4, &a, &ea, &sa);
	read_once(path, true, size % 4, size % 8 >= 4, &b, &eb, &sb);
	if (sa != sb || a.len != b.len || (a.len && memcmp(a.text, b.text, a.len) != 0) ||
	    strcmp(uplift_error_format(&ea, ma, sizeof(ma)),
		   uplift_error_format(&eb, mb, sizeof(mb))) != 0) {
		fprintf(stderr, "plain path and libcsv differ:\n  plain:  %d %s\n  libcsv: %d %s\n",
			(int)sa, ma, (int)sb, mb);
		abort();
	}
	free(a.text);
	free(b.text);
	remove(path);
	return 0;
}
