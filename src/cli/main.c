/*
 * main.c - the uplift program: dispatches to a command from the table.
 */
#include "cli.h"
#include "uplift_stats.h"

#include <stdarg.h>
#include <string.h>

const struct command uplift_commands[] = {
    {"analyze", cmd_analyze, "analyze a finished experiment folder",
     "usage: uplift analyze DIR [--by COLUMN[,COLUMN...]] [--format table|markdown|csv|json]\n"
     "                      [--alpha A] [--correction holm|bh|none] [--metrics m1,m2,...]\n"
     "                      [--encoding utf-8|gbk|gb18030] [--decide METRIC] [--strict]\n"
     "                      [--cuped] [--sequential [--expected-users N]]\n"
     "\n"
     "Reads DIR/experiment.ini, DIR/assignments.csv and DIR/orders.csv (or\n"
     "DIR/outcomes.csv) and compares every arm with the control arm.\n"
     "\n"
     "  --by COLUMNS      break results down by columns of assignments.csv\n"
     "  --format F        table (default), markdown, csv or json\n"
     "  --alpha A         two-sided level 1 - A (default: the experiment's, else 0.05)\n"
     "  --correction C    holm (default), bh or none, within each family\n"
     "  --metrics LIST    conversion,repurchase,revenue,orders,discount,aov\n"
     "  --encoding E      utf-8 (default), gbk or gb18030 for the CSV files\n"
     "  --stats FILE      analyze sufficient statistics (from 'uplift aggregate' or\n"
     "                    sql/sufficient_stats.sql) instead of the raw files; DIR, or\n"
     "                    else FILE's folder, holds experiment.ini\n"
     "  --decide METRIC   metric that picks the best arm per segment (default revenue)\n"
     "  --cuped           adjust each metric by its pre-period value (needs history.csv)\n"
     "  --sequential      always-valid intervals and p-values for repeated looks (mSPRT)\n"
     "  --expected-users N  --sequential tuning: users per comparison the mixture is\n"
     "                    tuned for (default 5000)\n"
     "  --strict          exit 1 when something is flagged (sample-ratio mismatch)\n"
     "  --dedupe          a user assigned twice to the same arm counts once (the\n"
     "                    repeats are counted in data.assignments_duplicate)\n"
     "  --quiet           no progress line (shown on a terminal for inputs that take\n"
     "                    more than a second)\n"},
    {"simulate", cmd_simulate, "write a synthetic experiment with known effects",
     "usage: uplift simulate DIR [--users N] [--seed S] [--start YYYY-MM-DD] [--days D]\n"
     "                       [--rate-8 X] [--rate-80 X] [--topup P] [--conversion C]\n"
     "                       [--aa] [--no-history]\n"
     "\n"
     "Writes experiment.ini, assignments.csv, orders.csv and history.csv into DIR\n"
     "(created if missing): a coffee-shop coupon test with arms control, 8折券 and\n"
     "满80减15. The same options and seed always give the same files.\n"
     "\n"
     "  --users N         members in the test (default 30000)\n"
     "  --seed S          random seed (default 47)\n"
     "  --start DATE      first day of the outcome window (default 2026-11-16)\n"
     "  --days D          window length in days (default 7)\n"
     "  --rate-8 X        purchase-rate multiplier of 8折券 (default 1.50)\n"
     "  --rate-80 X       purchase-rate multiplier of 满80减15 (default 1.30)\n"
     "  --topup P         chance a 60-80 basket is topped up to 80+ (default 0.35)\n"
     "  --conversion C    control's expected weekly conversion (default 0.10)\n"
     "  --aa              no effect in any arm (an A/A test)\n"
     "  --no-history      do not write history.csv\n"},
    {"report", cmd_report, "the weekly-review pack: report.md, JSON, CSV and charts",
     "usage: uplift report DIR [--out FOLDER] [--lang en|zh] [analyze options]\n"
     "\n"
     "Writes into FOLDER (default plots/NAME, NAME = the experiment folder's name):\n"
     "report.md (headline, tables, charts, how to read them), summary.json (the JSON of\n"
     "analyze), comparisons.csv, and per chart a gnuplot script NAME.gp with its data\n"
     "NAME.dat, rendered to NAME.png and NAME.svg when gnuplot is installed. Charts:\n"
     "forest (relative lifts), rates (conversion and repurchase), daily (cumulative\n"
     "conversion), basket (order values, with the 满X减Y threshold) and segments-N (per\n"
     "--by column). With history.csv and no --by, segments are rfm_segment,lifecycle.\n"
     "The pack is built beside FOLDER and swapped in whole at the end: a failed run\n"
     "leaves the previous pack as it was, a re-run leaves no stale chart. Files of\n"
     "yours in FOLDER (not report.md, summary.json, comparisons.csv or a chart's\n"
     "NAME.gp/.dat/.png/.svg) are kept. A second report into FOLDER waits for the\n"
     "first (UPLIFT_LOCK_WAIT seconds, default 120). gnuplot runs without a shell,\n"
     "UPLIFT_GNUPLOT_TIMEOUT seconds per chart at most (default 60).\n"
     "\n"
     "  --out FOLDER      where to write the pack (created if missing)\n"
     "  --lang en|zh      language of report.md and chart titles (default en)\n"
     "  and --by, --alpha, --correction, --metrics, --decide, --cuped, --sequential,\n"
     "  --expected-users, --encoding, --strict as for analyze\n"},
    {"aggregate", cmd_aggregate, "sufficient statistics of a folder, for analyze --stats",
     "usage: uplift aggregate DIR [--by COLUMN[,COLUMN...]] [--encoding E]\n"
     "\n"
     "Prints one CSV row per arm, segment value and metric:\n"
     "  arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy\n"
     "(column and value empty for the overall rows; x is orders for aov, the\n"
     "discount for amount, and the pre-period value of the metric otherwise).\n"
     "Files from several shards can be concatenated: 'uplift analyze --stats FILE'\n"
     "sums rows with the same arm, column, value and metric, and gives the same\n"
     "numbers as the analysis of the raw folder. sql/sufficient_stats.sql computes\n"
     "the same rows in a warehouse.\n"},
    {"validate", cmd_validate, "check a folder without analyzing it; list every problem",
     "usage: uplift validate DIR [--encoding E] [--dedupe] [--max-problems N]\n"
     "\n"
     "Runs every check of analyze and lists all problems found (the first N, default\n"
     "100) with file, line and column, then a summary; exit 2 when there is any. A\n"
     "problem in a file's structure (its header, quoting or encoding) stops the checks\n"
     "of that file. Without problems it prints where every row went.\n"},
    {"segment", cmd_segment, "RFM type and lifecycle stage of every user, from history.csv",
     "usage: uplift segment DIR [--format csv|json] [--encoding utf-8|gbk|gb18030]\n"
     "\n"
     "Prints one CSV row per assigned user:\n"
     "  user_id,recency,frequency,monetary,rfm_segment,rfm_grade,lifecycle\n"
     "(recency empty for users without history), then on stderr the thresholds\n"
     "used and the users per segment. --format json prints that summary instead.\n"
     "Thresholds come from [segments] in experiment.ini; one left out is the median\n"
     "over the users with history. The same columns work with 'analyze --by'.\n"},
    {"power", cmd_power, "users needed for the next test, or the effect they can detect",
     "usage: uplift power --baseline P --mde D [--relative] [--arms K] [--alpha A]\n"
     "                    [--power B] [--format table|json]\n"
     "       uplift power --sd S --mde D [...]          (a mean, e.g. revenue per user)\n"
     "       uplift power --baseline P --users N [...]  (the smallest detectable effect)\n"
     "\n"
     "Users per arm for a two-sided test of a rate (as R power.prop.test) or of a\n"
     "mean (as R power.t.test, two-sample), rounded up.\n"
     "\n"
     "  --baseline P      the control rate (or, with --sd and --relative, the mean)\n"
     "  --mde D           the effect to detect: absolute (0.01 = 1 pp), or relative\n"
     "                    with --relative (0.1 = +10%)\n"
     "  --sd S            standard deviation per user: size for a mean\n"
     "  --users N         users per arm: print the smallest detectable effect\n"
     "  --arms K          arms including control (default 2); alpha is split\n"
     "                    Bonferroni-style over the K - 1 comparisons\n"
     "  --alpha A         default 0.05;  --power B  default 0.8\n"},
    {"help", cmd_help, "show help for a command", "usage: uplift help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL},
};

const struct command *cli_find(const char *name)
{
	for (const struct command *c = uplift_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_help(const struct command *c, FILE *out)
{
	fputs(c->usage, out);
}

static void overview(FILE *out)
{
	fputs("uplift - analyze finished A/B coupon experiments\n\nusage: uplift COMMAND [ARGS]\n\n"
	      "commands:\n",
	      out);
	for (const struct command *c = uplift_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'uplift help COMMAND' or 'uplift COMMAND --help' shows a command's options.\n",
	      out);
}

/* Help of c, or the overview when c is NULL, on stdout (checked): 0 or 3. */
static int print_help(const struct command *c)
{
	struct cli_out o;

	if (!cli_out_open(&o)) {
		fprintf(stderr, "uplift: out of memory\n");
		return EXIT_INTERNAL;
	}
	if (c)
		cli_help(c, o.fp);
	else
		overview(o.fp);
	return cli_out_emit(&o);
}

int cmd_help(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2)
		return print_help(NULL);
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error("help", "unknown command '%s'", argv[1]);
	return print_help(c);
}

static int dispatch(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		overview(stderr);
		return EXIT_INPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_help(NULL);
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error(NULL, "unknown command '%s' (try 'uplift help')", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return print_help(c);
	return c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	uplift_stats_init();
	/* whatever a command printed, stdout is checked once more before exit */
	return cli_finish(dispatch(argc, argv));
}
