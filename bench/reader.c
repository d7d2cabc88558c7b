/*
 * reader.c - the CSV reading floor, for `make bench`: how fast a file is
 * read and split into fields, with nothing done to the fields, by
 *   libcsv        libcsv alone (csv_parse with empty callbacks, the whole
 *                 file in memory: no reading, no line bookkeeping)
 *   uplift/libcsv uplift_csv_read with every line through libcsv
 *   uplift        uplift_csv_read as analyze uses it (lines without quotes
 *                 split in place, libcsv for the others)
 * Best of three, in MB/s. usage: bench_reader FILE...
 */
#include "uplift_csv.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	(*(size_t *)data)++;
}

static void on_row(int c, void *data)
{
	(void)c;
	(void)data;
}

static enum uplift_status on_csv_row(void *ctx, const struct uplift_csv_row *row,
				     struct uplift_error *err)
{
	(void)err;
	*(size_t *)ctx += row->n;
	return UPLIFT_OK;
}

int main(int argc, char **argv)
{
	for (int f = 1; f < argc; f++) {
		FILE *fp = fopen(argv[f], "rb");
		double best[3] = {1e9, 1e9, 1e9};
		size_t n, fields[3] = {0, 0, 0};
		char *buf;

		if (!fp || fseek(fp, 0, SEEK_END) != 0) {
			perror(argv[f]);
			return 1;
		}
		n = (size_t)ftell(fp);
		rewind(fp);
		if (!(buf = malloc(n + 1)) || fread(buf, 1, n, fp) != n) {
			perror(argv[f]);
			return 1;
		}
		fclose(fp);
		for (int round = 0; round < 3; round++) {
			for (int way = 0; way < 3; way++) {
				struct uplift_csv_options opt = {.libcsv_only = way == 1,
								 .utf8_by_caller = true};
				struct uplift_error err;
				double t0 = now();
				fields[way] = 0;
				if (way == 0) {
					struct csv_parser p;
					if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
						return 1;
					csv_parse(&p, buf, n, on_field, on_row, &fields[way]);
					csv_fini(&p, on_field, on_row, &fields[way]);
					csv_free(&p);
				} else {
					uplift_error_clear(&err);
					if (uplift_csv_read(argv[f], &opt, on_csv_row, &fields[way],
							    NULL, &err) != UPLIFT_OK) {
						fprintf(stderr, "%s: %s\n", argv[f], err.message);
						return 1;
					}
				}
				if (now() - t0 < best[way])
					best[way] = now() - t0;
			}
		}
		printf("| %s | %.1f | %.0f | %.0f | %.0f |\n", argv[f], (double)n / 1e6,
		       (double)n / 1e6 / best[0], (double)n / 1e6 / best[1],
		       (double)n / 1e6 / best[2]);
		free(buf);
	}
	return 0;
}
