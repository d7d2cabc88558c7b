/*
 * open.c - opening an experiment folder for a command: the library's
 * pipeline, and the progress line it reports to, drawn on a terminal.
 */
#include "cli.h"
#include "uplift_spreadsheet.h"

#include <time.h>
#include <unistd.h>

/*
 * The progress line: on a terminal only, after the first second, at most
 * four times a second: bytes read of all input files, and the rate.
 */
struct progress {
	struct timespec start, last;
	bool shown;
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;
	double el = seconds_since(&p->start);

	if (el < 1 || seconds_since(&p->last) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	fprintf(stderr, "\ruplift: read %.0f of %.0f MB (%.0f MB/s)   ", (double)done / 1e6,
		(double)total / 1e6, (double)done / 1e6 / el);
	p->shown = true;
}

/*
 * The folder's files that are there only as spreadsheets, one line each:
 * every one but the last printed here, the last left in err for the
 * command to print as its error. validate lists them with its problems.
 */
static enum uplift_status spreadsheets(const struct uplift_pipeline_options *opt,
				       struct uplift_error *err)
{
	struct uplift_error e;
	char buf[1200];
	bool found = false;

	for (size_t k = 0; opt->dir && !opt->stats && !opt->problems && k < UPLIFT_FOLDER_FILES;
	     k++) {
		uplift_error_clear(&e);
		if (!uplift_spreadsheet_check(opt->dir, k, &e))
			continue;
		if (found)
			fprintf(stderr, "uplift: %s\n", uplift_error_format(err, buf, sizeof(buf)));
		*err = e;
		found = true;
	}
	return found ? UPLIFT_EINPUT : UPLIFT_OK;
}

enum uplift_status cli_open(struct uplift_pipeline_options *opt, bool progress,
			    struct uplift_pipeline **out, struct uplift_error *err)
{
	struct progress prog = {0};
	enum uplift_status st;

	*out = NULL;
	if ((st = spreadsheets(opt, err)))
		return st;

	if (progress && isatty(STDERR_FILENO)) {
		clock_gettime(CLOCK_MONOTONIC, &prog.start);
		prog.last = prog.start;
		opt->progress = show_progress;
		opt->progress_ctx = &prog;
	}
	st = uplift_pipeline_run(opt, out, err);
	opt->progress = NULL;
	opt->progress_ctx = NULL;
	if (prog.shown)
		fputs("\r\033[K", stderr); /* clear the progress line */
	return st;
}
