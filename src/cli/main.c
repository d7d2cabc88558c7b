/*
 * main.c - the uplift program: dispatches to a command from the table
 * (help.c); whatever the command printed, stdout is checked before exit.
 */
#include "cli.h"

#include <string.h>

static int dispatch(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		cli_overview(stderr);
		return EXIT_INPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cli_print_help(NULL);
	c = cli_find(argv[1]);
	if (!c)
		return cli_usage_error(NULL, "unknown command '%s' (try 'uplift help')", argv[1]);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_print_help(c);
	return c->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	return cli_finish(dispatch(argc, argv));
}
