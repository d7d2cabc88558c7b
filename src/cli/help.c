/*
 * help.c - the command table, and the help generated from it: the overview
 * lists every command's summary, "uplift help COMMAND" prints its usage.
 */
#include "cli.h"

#include <string.h>

const struct command *const uplift_commands[] = {
    &cli_analyze, &cli_simulate, &cli_report, &cli_review, &cli_aggregate, &cli_validate,
    &cli_init,    &cli_segment,  &cli_power,  &cli_target, &cli_help,      NULL,
};

const struct command *cli_find(const char *name)
{
	for (const struct command *const *c = uplift_commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

void cli_overview(FILE *out)
{
	fputs("uplift - analyze finished A/B coupon experiments\n\nusage: uplift COMMAND [ARGS]\n\n"
	      "commands:\n",
	      out);
	for (const struct command *const *c = uplift_commands; *c; c++)
		fprintf(out, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fputs("\n'uplift help COMMAND' or 'uplift COMMAND --help' shows a command's options.\n",
	      out);
}

int cli_print_help(const struct command *c)
{
	struct cli_out o;

	if (!cli_out_open(&o))
		return cli_nomem();
	if (c)
		fputs(c->usage, o.fp);
	else
		cli_overview(o.fp);
	return cli_out_emit(&o);
}

static int run(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2)
		return cli_print_help(NULL);
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error("help", "unknown command '%s'", argv[1]);
	return cli_print_help(c);
}

static const struct option options[] = {{NULL, 0, NULL, 0}};

const struct command cli_help = {"help", "show help for a command",
				 "usage: uplift help [COMMAND]\n", options, run};
