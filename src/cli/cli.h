/*
 * cli.h - what the command front ends share: the command table, exit
 * statuses, option parsing, opening a folder and error printing. Only the
 * CLI prints and exits; every command's usage text sits at the top of its
 * cmd_*.c, beside the options its parser accepts.
 */
#ifndef UPLIFT_CLI_H
#define UPLIFT_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "uplift_error.h"
#include "uplift_pipeline.h"

enum {
	EXIT_OK = 0,
	EXIT_FLAGGED = 1, /* --strict and something is flagged */
	EXIT_INPUT = 2,   /* bad usage or bad input */
	EXIT_INTERNAL = 3
};

/* One command: what "uplift help" lists and runs. */
struct command {
	const char *name;
	const char *summary;          /* one line, for the overview */
	const char *usage;            /* the full help text: the synopsis, a blank line, the rest */
	const struct option *options; /* every option its parser accepts (getopt_long) */
	int (*run)(int argc, char **argv);
};

extern const struct command cli_analyze, cli_report, cli_review, cli_aggregate, cli_validate, cli_init,
    cli_segment, cli_power, cli_simulate, cli_target, cli_help;

/* The commands in the order "uplift help" lists them, NULL-terminated. */
extern const struct command *const uplift_commands[];

/* Find a command by name, or NULL. */
const struct command *cli_find(const char *name);

/* The overview: every command with its summary. */
void cli_overview(FILE *out);

/* Help of c, or the overview when c is NULL, on stdout (checked): 0 or 3. */
int cli_print_help(const struct command *c);

/* ---- options (options.c) -------------------------------------------------- */

/* One option getopt_long returned (its val, its argument): 0 or an exit status. */
typedef int cli_option_fn(void *ctx, int ch, const char *arg);

/*
 * Parse the options of argv (argv[0] is the command's name) by c->options,
 * calling fn for each; an unknown option or a missing value is a usage
 * error of c. Returns 0 with *first the index of the first operand, or an
 * exit status.
 */
int cli_parse(const struct command *c, int argc, char **argv, cli_option_fn *fn, void *ctx,
	      int *first);

/* What a number option accepts, and the words its message says it in. */
struct cli_number {
	double lo, hi;         /* the bounds, inclusive unless open */
	bool lo_open, hi_open; /* (lo, hi) rather than [lo, hi] */
	bool whole;            /* a whole number (decimal; 1e6 allowed) */
	bool nonzero;          /* anything but 0 */
	bool echo;             /* the message ends in ", got 'ARG'" */
	/* "--NAME must be " what: a printf format that may use lo and hi (doubles) */
	const char *what;
};

/*
 * Read arg, the value of option opt ("--alpha") of command cmd, as a finite
 * number that n accepts. Returns 0 with *out set, or 2 after the usage error
 * "uplift: CMD: --alpha must be WHAT".
 */
int cli_number(const char *cmd, const char *opt, const char *arg, const struct cli_number *n,
	       double *out);

/*
 * A seed: decimal digits that fit 64 bits, read exactly (a double would
 * round it). Returns 0 with *out set, or 2 after "OPT must be WHAT".
 */
int cli_uint64(const char *cmd, const char *opt, const char *arg, const char *what, uint64_t *out);

/* --encoding E into *enc: 0, or 2 after "unknown --encoding 'E' (utf-8, gbk or gb18030)". */
int cli_encoding(const char *cmd, const char *arg, enum uplift_encoding *enc);

#define CLI_MAX_BY 16

/* A --by list: the columns, split in place in a copy of the argument. */
struct cli_by {
	char *list; /* the copy */
	const char *col[CLI_MAX_BY];
	size_t n;
};

/* Parse a --by list into by (replacing an earlier one): 0 or an exit status. */
int cli_by_parse(const char *cmd, struct cli_by *by, const char *list);

/* Free what cli_by_parse allocated. */
void cli_by_free(struct cli_by *by);

/* ---- opening a folder (open.c) ------------------------------------------------ */

/*
 * Run the pipeline of opt into *out (uplift_pipeline_free), with the
 * progress line on stderr when progress is true and stderr is a terminal:
 * after the first second, at most four times a second, cleared at the end.
 * Returns UPLIFT_OK, or the status with err filled (*out NULL).
 */
enum uplift_status cli_open(struct uplift_pipeline_options *opt, bool progress,
			    struct uplift_pipeline **out, struct uplift_error *err);

/* ---- packs (out_dir.c) ------------------------------------------------------ */

/* The gnuplot on PATH (into buf), or NULL. */
const char *cli_find_gnuplot(char *buf, size_t size);
/* mkdir -p dir, which must end up a writable folder; false with errno. */
bool cli_make_dirs(const char *dir);
/* Seconds from the environment variable name, or fallback when unset or bad. */
double cli_env_seconds(const char *name, double fallback);
struct uplift_pack; /* uplift_pack.h */
/* --out FOLDER made (never through a symbolic link) and its pack begun (staged, locked). */
enum uplift_status cli_pack_begin(struct uplift_pack *pack, const char *out,
				  struct uplift_error *err);
/* Warn when the previous pack could not be cleared out of the folder. */
void cli_pack_kept(const struct uplift_pack *pack);
/* An error about a file of the staging folder, named out/file instead. */
void cli_in_pack(struct uplift_error *err, const char *out);

/* ---- errors and output (common.c) ------------------------------------------ */

/* Print "uplift: <error>" on stderr; return the matching exit status. */
int cli_fail(const struct uplift_error *err);

/* Print "uplift: <cmd>: <message>" and a usage hint on stderr; return 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "uplift: out of memory" on stderr; returns 3. */
int cli_nomem(void);

/*
 * Copy a buffered output to stdout: all or nothing, so that an error found
 * while computing never leaves half an answer on stdout. Returns 0, or 3
 * after "uplift: cannot write to standard output: <strerror>" on stderr.
 */
int cli_emit(const char *buf, size_t len);

/* A command's output, built in memory (write to fp) and emitted at the end. */
struct cli_out {
	FILE *fp;
	char *buf;
	size_t len;
};

/* Open o for writing; false when out of memory. */
bool cli_out_open(struct cli_out *o);

/* Close o (its text stays in o->buf): 0, or 3 after "uplift: out of memory". */
int cli_out_close(struct cli_out *o);

/* Close o, write what it holds to stdout as cli_emit does, free it: 0 or 3. */
int cli_out_emit(struct cli_out *o);

/* Close and free o without writing it (an error path). */
void cli_out_discard(struct cli_out *o);

/*
 * The last check of main: stdout flushed without an error, or the message of
 * cli_emit (once) and 3. Returns rc when all went well.
 */
int cli_finish(int rc);

/*
 * The data checks among k[0..n) (uplift_checks_is_data) as warning lines on
 * standard error, arms named from exp; how many were written.
 */
size_t cli_warn_data_checks(const struct uplift_experiment *exp, const struct uplift_check *k,
			    size_t n);

#endif
