/*
 * open.c - opening an experiment folder for a command: the library's
 * pipeline, and the progress line it reports to, drawn on a terminal.
 */
#include "cli.h"

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

enum uplift_status cli_open(struct uplift_pipeline_options *opt, bool progress,
			    struct uplift_pipeline **out, struct uplift_error *err)
{
	struct progress prog = {0};
	enum uplift_status st;

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
