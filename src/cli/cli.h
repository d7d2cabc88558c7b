/*
 * cli.h - what the command front ends share: the command table, exit
 * statuses and error printing. Only the CLI prints and exits.
 */
#ifndef UPLIFT_CLI_H
#define UPLIFT_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "uplift_error.h"

enum {
	EXIT_OK = 0,
	EXIT_FLAGGED = 1, /* --strict and something is flagged */
	EXIT_INPUT = 2,   /* bad usage or bad input */
	EXIT_INTERNAL = 3
};

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text */
};

extern const struct command uplift_commands[];

/* Print "uplift: <error>" on stderr; return the matching exit status. */
int cli_fail(const struct uplift_error *err);

/* Print "uplift: <cmd>: <message>" and a usage hint on stderr; return 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print the help of a command on out. */
void cli_help(const struct command *c, FILE *out);

/* Find a command by name, or NULL. */
const struct command *cli_find(const char *name);

/* Name of the last path component of dir ("experiments/coffee-w47/" -> "coffee-w47"). */
void cli_dir_name(const char *dir, char *buf, size_t size);

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

/* Close o, write what it holds to stdout as cli_emit does, free it: 0 or 3. */
int cli_out_emit(struct cli_out *o);

/* Close and free o without writing it (an error path). */
void cli_out_discard(struct cli_out *o);

/*
 * The last check of main: stdout flushed without an error, or the message of
 * cli_emit (once) and 3. Returns rc when all went well.
 */
int cli_finish(int rc);

int cmd_analyze(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_power(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_aggregate(int argc, char **argv);
int cmd_validate(int argc, char **argv);

#endif
