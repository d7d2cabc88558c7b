/*
 * cmd_segment.c - "uplift segment DIR": RFM type, grade and lifecycle stage
 * of every assigned user, from history.csv.
 */
#include "cli.h"
#include "uplift_date.h"
#include "uplift_segments.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: uplift segment DIR [--format csv|json] [--encoding utf-8|gbk|gb18030]\n"
    "\n"
    "Prints one CSV row per assigned user:\n"
    "  user_id,recency,frequency,monetary,rfm_segment,rfm_grade,lifecycle\n"
    "(recency empty for users without history), then on stderr the thresholds\n"
    "used and the users per segment. --format json prints that summary instead.\n"
    "Thresholds come from [segments] in experiment.ini; one left out is the median\n"
    "over the users with history. The same columns work with 'analyze --by'.\n"
    "\n"
    "  --format F        csv (default): the users; json: the thresholds and counts\n"
    "  --encoding E      utf-8 (default), gbk or gb18030 for experiment.ini and the\n"
    "                    CSV files\n";

static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

struct args {
	struct uplift_pipeline_options opt;
	bool json; /* --format json */
};

static int option(void *ctx, int ch, const char *arg)
{
	struct args *x = ctx;

	if (ch == 'e')
		return cli_encoding("segment", arg, &x->opt.encoding);
	if (strcmp(arg, "json") != 0 && strcmp(arg, "csv") != 0)
		return cli_usage_error("segment", "unknown --format '%s' (csv or json)", arg);
	x->json = strcmp(arg, "json") == 0;
	return EXIT_OK;
}

static void write_users(FILE *out, const struct uplift_data *d, const struct uplift_thresholds *th)
{
	fputs("user_id,recency,frequency,monetary,rfm_segment,rfm_grade,lifecycle\n", out);
	for (size_t i = 0; i < d->n_users; i++) {
		const struct uplift_history *u = &d->history[i];
		enum uplift_rfm r = uplift_segments_rfm(u, th);
		const char *id = uplift_strtab_get(&d->ids, i, NULL);

		uplift_csv_write_field(out, id);
		if (u->orders)
			fprintf(out, ",%ld", th->asof - u->last);
		else
			fputc(',', out);
		fprintf(out, ",%u,%.15g,%s,%s,%s\n", u->orders, u->paid,
			uplift_segments_rfm_name(r), uplift_segments_rfm_grade(r),
			uplift_segments_lifecycle_name(uplift_segments_lifecycle(u, th)));
	}
}

/* Users per value of each derived column, as a JSON object per column. */
static json_t *counts_json(const struct uplift_data *d, const struct uplift_thresholds *th)
{
	json_t *o = json_object();

	for (int col = 0; col < 3; col++) {
		static const char *const names[] = {"rfm_segment", "rfm_grade", "lifecycle"};
		size_t n;
		const char *const *values = uplift_segments_values((enum uplift_derived)col, &n);
		json_t *c = json_object();
		uint64_t
		    count[(int)UPLIFT_N_RFM + (int)UPLIFT_N_LIFECYCLE]; /* room for any column */

		uplift_segments_count((enum uplift_derived)col, d->history, d->n_users, th, count);
		for (size_t k = 0; k < n; k++)
			json_object_set_new(c, values[k], json_integer((json_int_t)count[k]));
		json_object_set_new(o, names[col], c);
	}
	return o;
}

static json_t *thresholds_json(const struct uplift_thresholds *th, const struct uplift_data *d)
{
	char asof[16];

	return json_pack("{s:s, s:f, s:b, s:f, s:b, s:f, s:b, s:f, s:f, s:f, s:I, s:I, s:I, s:I, "
			 "s:I}",
			 "asof", uplift_date_format(th->asof, asof), "recency_days",
			 th->recency_days, "recency_is_median", th->recency_median, "frequency",
			 th->frequency, "frequency_is_median", th->frequency_median, "monetary",
			 th->monetary, "monetary_is_median", th->monetary_median, "new_days",
			 th->new_days, "dormant_days", th->dormant_days, "loyal_orders",
			 th->loyal_orders, "users", (json_int_t)d->n_users, "users_with_history",
			 (json_int_t)th->with_history, "history_read",
			 (json_int_t)d->counts.history.read, "history_after_asof",
			 (json_int_t)d->counts.history.outside, "history_unassigned",
			 (json_int_t)d->counts.history.unassigned);
}

static void describe(FILE *out, const struct uplift_thresholds *th, const struct uplift_data *d,
		     json_t *counts)
{
	char asof[16];
	const char *key;
	json_t *col, *v;

	fprintf(out,
		"uplift segment: as of %s, %zu users, %zu with history (%llu history rows: "
		"%llu used, %llu after asof, %llu of unassigned users)\n",
		uplift_date_format(th->asof, asof), d->n_users, th->with_history,
		(unsigned long long)d->counts.history.read,
		(unsigned long long)d->counts.history.used,
		(unsigned long long)d->counts.history.outside,
		(unsigned long long)d->counts.history.unassigned);
	fprintf(out,
		"thresholds: recency <= %g days%s, frequency >= %g%s, monetary >= %g%s; "
		"new_days %g, dormant_days %g, loyal_orders %g\n",
		th->recency_days, th->recency_median ? " (median)" : "", th->frequency,
		th->frequency_median ? " (median)" : "", th->monetary,
		th->monetary_median ? " (median)" : "", th->new_days, th->dormant_days,
		th->loyal_orders);
	json_object_foreach(counts, key, col)
	{
		const char *name;
		fprintf(out, "%s:", key);
		json_object_foreach(col, name, v)
		    fprintf(out, " %s %lld", name, (long long)json_integer_value(v));
		fputc('\n', out);
	}
}

static int run(int argc, char **argv)
{
	struct args x = {0};
	struct uplift_pipeline *p = NULL;
	const struct uplift_data *d;
	struct uplift_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	json_t *counts = NULL;
	int first, rc = EXIT_INTERNAL;

	uplift_error_clear(&err);
	uplift_pipeline_defaults(&x.opt);
	x.opt.until = UPLIFT_UNTIL_DATA;
	if ((rc = cli_parse(&cli_segment, argc, argv, option, &x, &first)))
		return rc;
	if (first + 1 != argc)
		return cli_usage_error("segment", "expected one experiment folder DIR");
	x.opt.dir = argv[first];
	if (cli_open(&x.opt, false, &p, &err))
		goto fail;
	d = p->data;
	if (!d->has_history) {
		uplift_error_set(&err, UPLIFT_EINPUT, "history.csv", 0, NULL,
				 "cannot open: No such file or directory (segments are derived "
				 "from the orders before the test)");
		goto fail;
	}
	counts = counts_json(d, d->thresholds);
	if (!(mem = open_memstream(&buf, &len)))
		goto fail;
	if (x.json) {
		json_t *o = json_pack("{s:o, s:O}", "thresholds", thresholds_json(d->thresholds, d),
				      "counts", counts);
		json_dumpf(o, mem, JSON_INDENT(2) | JSON_REAL_PRECISION(16));
		fputc('\n', mem);
		json_decref(o);
	} else {
		write_users(mem, d, d->thresholds);
	}
	if (fclose(mem) != 0)
		goto fail;
	if (!x.json)
		describe(stderr, d->thresholds, d, counts);
	rc = cli_emit(buf, len);
	goto out;
fail:
	if (err.status == UPLIFT_OK)
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	rc = cli_fail(&err);
out:
	json_decref(counts);
	free(buf);
	uplift_pipeline_free(p);
	return rc;
}

const struct command cli_segment = {
    "segment", "RFM type and lifecycle stage of every user, from history.csv", usage, options, run};
