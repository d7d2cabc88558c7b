/*
 * common.c - error printing and all-or-nothing output for the commands.
 */
#include "cli.h"

#include <stdarg.h>
#include <string.h>

int cli_fail(const struct uplift_error *err)
{
	char buf[1200];

	fprintf(stderr, "uplift: %s\n", uplift_error_format(err, buf, sizeof(buf)));
	return err->status == UPLIFT_EINPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("uplift: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, " (see 'uplift help %s')", cmd);
	fputc('\n', stderr);
	return EXIT_INPUT;
}

void cli_dir_name(const char *dir, char *buf, size_t size)
{
	size_t n = strlen(dir);
	const char *s;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	s = dir + n;
	while (s > dir && s[-1] != '/')
		s--;
	snprintf(buf, size, "%.*s", (int)(dir + n - s), s);
}

int cli_emit(const char *buf, size_t len)
{
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "uplift: cannot write to standard output\n");
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}
