/*
 * analysis_args.h - the options "analyze" and "report" share (what to
 * analyze and how), parsed into the library's pipeline options.
 */
#ifndef UPLIFT_CLI_ANALYSIS_ARGS_H
#define UPLIFT_CLI_ANALYSIS_ARGS_H

#include "cli.h"

/* The getopt_long entries of the shared options, for a command's table. */
/* clang-format off */
#define CLI_ANALYSIS_OPTIONS \
	{"by", required_argument, NULL, 'b'}, \
	{"alpha", required_argument, NULL, 'a'}, \
	{"correction", required_argument, NULL, 'c'}, \
	{"metrics", required_argument, NULL, 'm'}, \
	{"encoding", required_argument, NULL, 'e'}, \
	{"strict", no_argument, NULL, 's'}, \
	{"decide", required_argument, NULL, 'd'}, \
	{"cuped", no_argument, NULL, 'C'}, \
	{"sequential", no_argument, NULL, 'S'}, \
	{"expected-users", required_argument, NULL, 'E'}, \
	{"quiet", no_argument, NULL, 'q'}, \
	{"dedupe", no_argument, NULL, 'D'}, \
	{"control", required_argument, NULL, 'K'}, \
	{"cap", required_argument, NULL, 'P'}
/* clang-format on */

/* The shared options' help lines, for a command's usage text. */
#define CLI_ANALYSIS_HELP                                                                          \
	"  --by COLUMNS      break results down by columns of assignments.csv; a column\n"         \
	"                    of numbers binned: COLUMN:q4 (quantiles, q2..q10) or\n"               \
	"                    COLUMN:0,100,500 (cut points); two crossed: A*B\n"                    \
	"  --alpha A         two-sided level 1 - A (default: the experiment's, else 0.05)\n"       \
	"  --correction C    holm (default), bh or none, within each family\n"                     \
	"  --metrics LIST    conversion,repurchase,revenue,orders,discount,aov (the\n"             \
	"                    default, with every [metric NAME] of experiment.ini); also\n"        \
	"                    amount, redemption\n"                                                 \
	"  --cap pNN|N       cap every tested mean metric without a cap of its own at the\n"      \
	"                    pNN of the non-zero per-user values of all arms, or at N;\n"        \
	"                    the uncapped result is shown beside\n"                              \
	"  --encoding E      utf-8 (default), gbk or gb18030 for experiment.ini and the\n"         \
	"                    CSV files (an experiment.ini in UTF-8 is read as it is)\n"            \
	"  --control ARM     compare every arm with ARM instead of experiment.ini's control\n"     \
	"  --decide METRIC   metric that picks the best arm per segment (default revenue)\n"       \
	"  --cuped           adjust each metric by its pre-period value (needs history.csv)\n"     \
	"  --sequential      always-valid intervals and p-values for repeated looks (mSPRT)\n"     \
	"  --expected-users N  --sequential tuning: users per comparison the mixture is\n"         \
	"                    tuned for (default 5000)\n"                                           \
	"  --strict          exit 1 when any check is flagged (sample ratio, the data's\n"         \
	"                    checks such as control_discount or missing_discount)\n"               \
	"  --dedupe          a user assigned twice to the same arm counts once (the\n"             \
	"                    repeats are counted in data.assignments_duplicate)\n"                 \
	"  --quiet           no progress line (shown on a terminal for inputs that take\n"         \
	"                    more than a second)\n"

/* Returned by cli_analysis_option for an option that is not a shared one. */
#define CLI_NOT_MINE (-1)

struct cli_analysis {
	const char *cmd; /* "analyze" or "report", for messages */
	struct uplift_pipeline_options opt;
	struct cli_by by; /* opt.by points into it */
	bool strict;      /* exit 1 when something is flagged */
	bool quiet;       /* no progress line */
};

/* The defaults of cmd's options. */
void cli_analysis_init(struct cli_analysis *a, const char *cmd);

/* Apply one shared option: 0 or an exit status, CLI_NOT_MINE for any other. */
int cli_analysis_option(struct cli_analysis *a, int ch, const char *arg);

/*
 * The operands from argv[first]: the folder DIR (optional with --stats).
 * Returns 0, or 2 after the usage error.
 */
int cli_analysis_operands(struct cli_analysis *a, int argc, char **argv, int first);

/* Use the columns of by for --by (when it was not given). */
void cli_analysis_set_by(struct cli_analysis *a, const char *const *cols, size_t n);

/* Release what the options hold. */
void cli_analysis_free(struct cli_analysis *a);

#endif
