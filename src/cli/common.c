/*
 * common.c - error printing and all-or-nothing output for the commands:
 * every write to stdout is checked, and a failure is reported once, with
 * strerror, and exits 3.
 */
#include "cli.h"
#include "uplift_escape.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_fail(const struct uplift_error *err)
{
	char buf[1200];

	fprintf(stderr, "uplift: %s\n", uplift_error_format(err, buf, sizeof(buf)));
	return err->status == UPLIFT_EINPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	char message[1200], shown[1600];
	va_list ap;

	/* messages quote arguments and column names: no control character reaches stderr */
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	fputs("uplift: ", stderr);
	if (cmd)
		fprintf(stderr, "%s: ", cmd);
	fputs(uplift_escape_text(message, shown, sizeof(shown)), stderr);
	if (cmd)
		fprintf(stderr, " (see 'uplift help %s')", cmd);
	fputc('\n', stderr);
	return EXIT_INPUT;
}

int cli_nomem(void)
{
	fprintf(stderr, "uplift: out of memory\n");
	return EXIT_INTERNAL;
}

/* Whether a failed write to stdout was already reported (once is enough). */
static bool stdout_reported;

static int stdout_failed(int errnum)
{
	if (!stdout_reported)
		fprintf(stderr, "uplift: cannot write to standard output: %s\n",
			errnum ? strerror(errnum) : "write error");
	stdout_reported = true;
	return EXIT_INTERNAL;
}

int cli_emit(const char *buf, size_t len)
{
	errno = 0;
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout))
		return stdout_failed(errno);
	return EXIT_OK;
}

bool cli_out_open(struct cli_out *o)
{
	o->buf = NULL;
	o->len = 0;
	o->fp = open_memstream(&o->buf, &o->len);
	return o->fp != NULL;
}

int cli_out_close(struct cli_out *o)
{
	if (!o->fp)
		return o->buf ? EXIT_OK : EXIT_INTERNAL;
	if (fclose(o->fp) != 0) {
		o->fp = NULL;
		free(o->buf);
		o->buf = NULL;
		return cli_nomem();
	}
	o->fp = NULL;
	return EXIT_OK;
}

int cli_out_emit(struct cli_out *o)
{
	int rc = cli_out_close(o);

	if (rc == EXIT_OK)
		rc = cli_emit(o->buf, o->len);
	free(o->buf);
	o->buf = NULL;
	return rc;
}

void cli_out_discard(struct cli_out *o)
{
	if (o->fp)
		fclose(o->fp);
	o->fp = NULL;
	free(o->buf);
	o->buf = NULL;
}

int cli_finish(int rc)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return stdout_failed(errno);
	return rc;
}
