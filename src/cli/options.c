/*
 * options.c - option parsing for every command: one getopt_long loop, and
 * the readers of numbers, encodings and --by lists with their messages.
 */
#include "cli.h"
#include "uplift_by.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int cli_parse(const struct command *c, int argc, char **argv, cli_option_fn *fn, void *ctx,
	      int *first)
{
	int ch, rc;

	*first = argc;
	opterr = 0; /* the messages are ours */
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":", c->options, NULL)) != -1) {
		if (ch == ':')
			return cli_usage_error(c->name, "%s needs a value", argv[optind - 1]);
		if (ch == '?')
			return cli_usage_error(c->name, "unknown option '%s'", argv[optind - 1]);
		if ((rc = fn(ctx, ch, optarg)))
			return rc;
	}
	*first = optind;
	return EXIT_OK;
}

int cli_number(const char *cmd, const char *opt, const char *arg, const struct cli_number *n,
	       double *out)
{
	char what[256], *end;
	double v = strtod(arg, &end);
	bool ok = end != arg && *end == '\0' && isfinite(v);

	ok = ok && (n->lo_open ? v > n->lo : v >= n->lo) && (n->hi_open ? v < n->hi : v <= n->hi);
	ok = ok && (!n->whole || v == floor(v)) && (!n->nonzero || v != 0);
	if (ok) {
		*out = v;
		return EXIT_OK;
	}
	snprintf(what, sizeof(what), n->what, n->lo, n->hi);
	if (n->echo)
		return cli_usage_error(cmd, "%s must be %s, got '%s'", opt, what, arg);
	return cli_usage_error(cmd, "%s must be %s", opt, what);
}

int cli_uint64(const char *cmd, const char *opt, const char *arg, const char *what, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*arg >= '0' && *arg <= '9') {
		errno = 0;
		v = strtoull(arg, &end, 10);
		if (!*end && errno != ERANGE) {
			*out = (uint64_t)v;
			return EXIT_OK;
		}
	}
	return cli_usage_error(cmd, "%s must be %s", opt, what);
}

int cli_encoding(const char *cmd, const char *arg, enum uplift_encoding *enc)
{
	if (uplift_csv_encoding_parse(arg, enc))
		return EXIT_OK;
	return cli_usage_error(cmd, "unknown --encoding '%s' (utf-8, gbk or gb18030)", arg);
}

int cli_by_parse(const char *cmd, struct cli_by *by, const char *list)
{
	struct uplift_by_spec spec;
	struct uplift_error err;

	free(by->list);
	by->list = strdup(list);
	if (!by->list)
		return EXIT_INTERNAL;
	/* at commas, cut points (spend:0,100,500) kept together */
	by->n = uplift_by_split(by->list, by->col, CLI_MAX_BY);
	if (by->n > CLI_MAX_BY) {
		by->n = 0;
		return cli_usage_error(cmd, "--by: at most %d columns", CLI_MAX_BY);
	}
	for (size_t k = 0; k < by->n; k++) {
		const char *p = by->col[k];
		if (!*p) { /* ",," or a trailing comma: nothing there, as before */
			memmove(&by->col[k], &by->col[k + 1], (by->n - k - 1) * sizeof(*by->col));
			by->n--, k--;
			continue;
		}
		for (size_t i = 0; i < k; i++)
			if (strcmp(by->col[i], p) == 0)
				return cli_usage_error(cmd, "--by: column '%s' given twice", p);
		uplift_error_clear(&err);
		if (uplift_by_parse(p, &spec, &err))
			return err.status == UPLIFT_ENOMEM
				   ? EXIT_INTERNAL
				   : cli_usage_error(cmd, "%s", err.message);
		uplift_by_release(&spec);
	}
	if (by->n == 0)
		return cli_usage_error(cmd, "--by needs a column name");
	return EXIT_OK;
}

void cli_by_free(struct cli_by *by)
{
	free(by->list);
	by->list = NULL;
	by->n = 0;
}
