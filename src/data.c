/*
 * data.c - loads an experiment folder (see uplift_data.h): assignments.csv,
 * then orders.csv or outcomes.csv, then history.csv and the segments
 * derived from it, each file in one streaming pass by its own file of the
 * loader (data_assign.c, data_orders.c, data_outcomes.c; the seams in
 * data_internal.h), then numbers each --by column's values in the
 * contract's order (data_order.c). This file only runs them in order (for
 * uplift validate, on to the next file after one that a problem stopped),
 * and frees.
 */
#include "data_findings.h"
#include "data_internal.h"
#include "uplift_by.h"
#include "uplift_metric.h"
#include "uplift_segments.h"
#include "uplift_spreadsheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ASSIGN_FILE   "assignments.csv"
#define ORDERS_FILE   "orders.csv"
#define OUTCOMES_FILE "outcomes.csv"
#define HISTORY_FILE  "history.csv"

static void path_join(char *buf, size_t size, const char *dir, const char *file)
{
	size_t n = strlen(dir);
	snprintf(buf, size, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", file);
}

static bool file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Thresholds, then the values of the derived --by columns. */
static enum uplift_status derive_segments(struct uplift_data *d, const char *path,
					  struct uplift_error *err)
{
	d->thresholds = calloc(1, sizeof(*d->thresholds));
	if (!d->thresholds || !uplift_segments_thresholds(d->history, d->n_users, d->asof,
							  &d->exp->segments, d->thresholds))
		return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
	for (size_t i = 0; i < d->n_by; i++) {
		struct uplift_by_column *by = &d->by[i];
		enum uplift_derived col;
		const char *const *names;
		size_t n;

		if (!by->derived || by->spec) /* not binned numbers, not a crossing */
			continue;
		col = (enum uplift_derived)uplift_segments_column(by->name);
		names = uplift_segments_values(col, &n);
		for (size_t k = 0; k < n; k++)
			if (uplift_strtab_intern(&by->values, names[k], strlen(names[k]), NULL) < 0)
				return uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL,
							"out of memory");
		for (size_t u = 0; u < d->n_users; u++) {
			const char *v = uplift_segments_value(col, &d->history[u], d->thresholds);
			by->of_user[u] = (uint32_t)uplift_strtab_find(&by->values, v, strlen(v));
		}
	}
	return UPLIFT_OK;
}

/*
 * One --by column named name, with the spec it asks for when binned or
 * crossed (spec moved into it). ENOMEM in err.
 */
static enum uplift_status add_column(struct uplift_data *d, const char *name,
				     struct uplift_by_spec *spec, struct uplift_error *err)
{
	struct uplift_by_column *by = &d->by[d->n_by++];

	uplift_strtab_init(&by->values);
	if (!(by->name = strdup(name)))
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	if (!uplift_by_special(spec)) {
		uplift_by_release(spec);
		return UPLIFT_OK;
	}
	if (!(by->spec = malloc(sizeof(*by->spec))))
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	*by->spec = *spec;
	memset(spec, 0, sizeof(*spec));
	return UPLIFT_OK;
}

/*
 * The --by columns asked for, then the two parts of each crossing
 * (uplift_data_cross makes the crossing from them and drops them).
 */
static enum uplift_status add_by_columns(struct uplift_data *d,
					 const struct uplift_load_options *opt,
					 struct uplift_error *err)
{
	struct uplift_by_spec spec;

	for (size_t i = 0; i < opt->n_by; i++) {
		if (uplift_by_parse(opt->by[i], &spec, err))
			return err->status;
		if (add_column(d, opt->by[i], &spec, err))
			return err->status;
	}
	for (size_t i = 0; i < opt->n_by; i++) {
		const struct uplift_by_spec *x = d->by[i].spec;
		if (!x || x->n_parts != 2)
			continue;
		d->by[i].parts = d->n_by;
		for (size_t k = 0; k < 2; k++)
			if (uplift_by_parse(x->part[k].text, &spec, err) ||
			    add_column(d, x->part[k].text, &spec, err))
				return err->status;
	}
	return UPLIFT_OK;
}

void uplift_data_free(struct uplift_data *d)
{
	if (!d)
		return;
	uplift_strtab_release(&d->ids);
	free(d->thresholds);
	free(d->members);
	free(d->acc);
	free(d->history);
	uplift_data_metrics_free(d);
	uplift_data_post_free(d);
	free(d->arm_users);
	free(d->basket_hist);
	free(d->findings.arm);
	free(d->findings.ignored);
	for (size_t i = 0; i < d->n_by; i++)
		uplift_by_column_release(&d->by[i]);
	free(d->by);
	free(d);
}

/*
 * uplift validate collects problems: one that stops a file (its header,
 * quoting, encoding, or the file missing) is kept with the others, the
 * file named as skipped, and the load goes on with the next file, so that
 * every file is checked. Without problems to collect, or out of memory,
 * the load stops. True when it goes on.
 */
static bool go_on(const struct uplift_load_options *opt, const char *file, bool tell,
		  struct uplift_error *err)
{
	struct uplift_problems *p = opt->problems;
	size_t n = strlen(err->message), k = strlen(p ? p->stopped : "");

	if (!p || err->status != UPLIFT_EINPUT)
		return false;
	if (tell) /* the message does not say already that the file is not read */
		snprintf(err->message + n, sizeof(err->message) - n, "; %s%s skipped",
			 err->line > 1 ? "the rest of " : "", file);
	if (uplift_problems_keep(p, err))
		return false;
	if (!strstr(p->stopped, file))
		snprintf(p->stopped + k, sizeof(p->stopped) - k, "%s%s", k ? ", " : "", file);
	return true;
}

/*
 * Which of the folder's files are there only as a spreadsheet
 * (uplift_spreadsheet.h): sheet[k] for uplift_folder_files[k]. Each is an
 * error, and only the first is told without problems to collect.
 */
static enum uplift_status spreadsheets(const char *dir, const struct uplift_load_options *opt,
				       bool sheet[UPLIFT_FOLDER_FILES], struct uplift_error *err)
{
	for (size_t k = 0; k < UPLIFT_FOLDER_FILES; k++) {
		char file[64];

		sheet[k] = uplift_spreadsheet_check(dir, k, err) != UPLIFT_OK;
		snprintf(file, sizeof(file), "%s.csv", uplift_folder_files[k]);
		if (sheet[k] && !go_on(opt, file, false, err))
			return err->status;
	}
	return UPLIFT_OK;
}

/* The order files need the window; history without one needs asof. */
static enum uplift_status window_needed(const struct uplift_experiment *exp, const char *dir,
					bool orders, bool history, struct uplift_error *err)
{
	char ini[4096];

	path_join(ini, sizeof(ini), dir, "experiment.ini");
	if (orders && !exp->has_window)
		return uplift_error_set(err, UPLIFT_EINPUT, ini, 0, NULL,
					"[experiment] needs 'start' and 'end' dates with "
					"orders.csv (the outcome window; only outcomes.csv can do "
					"without)");
	if (history && !exp->has_window && !exp->segments.has_asof)
		return uplift_error_set(err, UPLIFT_EINPUT, ini, 0, NULL,
					"[segments] needs 'asof' with history.csv when "
					"[experiment] has no 'start' (the day the history is "
					"taken at)");
	return UPLIFT_OK;
}

struct uplift_data *uplift_data_load(const struct uplift_experiment *exp, const char *dir,
				     const struct uplift_load_options *opt,
				     struct uplift_error *err)
{
	struct uplift_csv_options copt = {0};
	struct uplift_data *d;
	char path[4096], orders[4096], outcomes[4096], history[4096];
	bool has_orders, has_outcomes, sheet[UPLIFT_FOLDER_FILES];

	if (spreadsheets(dir, opt, sheet, err))
		return NULL;
	path_join(orders, sizeof(orders), dir, ORDERS_FILE);
	path_join(outcomes, sizeof(outcomes), dir, OUTCOMES_FILE);
	has_orders = file_exists(orders);
	has_outcomes = file_exists(outcomes);
	if (has_orders && has_outcomes) {
		uplift_error_set(err, UPLIFT_EINPUT, outcomes, 0, NULL,
				 "the folder has both orders.csv and outcomes.csv; keep one");
		if (!go_on(opt, ORDERS_FILE ", " OUTCOMES_FILE, false, err))
			return NULL;
		has_orders = has_outcomes = false;
	} else if (!has_orders && !has_outcomes && !sheet[1] && !sheet[2]) {
		uplift_error_set(err, UPLIFT_EINPUT, orders, 0, NULL,
				 "cannot open: No such file or directory (nor is there an "
				 "outcomes.csv)");
		if (!go_on(opt, ORDERS_FILE, false, err))
			return NULL;
	}

	d = calloc(1, sizeof(*d));
	if (!d || !(d->arm_users = calloc(exp->n_arms, sizeof(*d->arm_users))) ||
	    !(d->basket_hist = calloc(exp->n_arms * UPLIFT_BASKET_BINS, sizeof(*d->basket_hist))) ||
	    (opt->n_by && !(d->by = calloc(3 * opt->n_by, sizeof(*d->by))))) {
		uplift_data_free(d);
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	d->exp = exp;
	d->one_thread = opt->one_thread;
	path_join(history, sizeof(history), dir, HISTORY_FILE);
	d->has_history = file_exists(history);
	d->asof = exp->segments.asof;
	/* the pre-period is as long as the window; without a window there is none */
	d->window_days = exp->has_window ? (int)(exp->end - exp->start + 1) : 0;
	uplift_strtab_init(&d->ids);
	if (add_by_columns(d, opt, err)) {
		uplift_data_free(d);
		return NULL;
	}
	copt.encoding = opt->encoding;
	copt.progress = opt->progress;
	copt.progress_ctx = opt->progress_ctx;
	copt.utf8_by_caller = !opt->check_all_utf8;

	path_join(path, sizeof(path), dir, ASSIGN_FILE);
	if (!sheet[0] && uplift_assign_load(d, path, &copt, opt, err) &&
	    !go_on(opt, ASSIGN_FILE, true, err))
		goto fail;
	if (uplift_data_metrics_init(d, has_orders, err) || uplift_data_post_init(d, has_orders, err))
		goto fail;
	if (!uplift_findings_init(&d->findings, exp, has_orders ? ORDERS_FILE : OUTCOMES_FILE,
				  has_orders)) {
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (has_orders) {
		d->metrics = UPLIFT_ALL_METRICS & ~UPLIFT_METRIC_BIT(UPLIFT_PROFIT); /* derived */
		if ((window_needed(exp, dir, true, false, err) ||
		     uplift_orders_load(d, orders, &copt, opt, false, err)) &&
		    !go_on(opt, ORDERS_FILE, true, err))
			goto fail;
	} else if (has_outcomes) {
		d->from_outcomes = true;
		if (uplift_outcomes_load(d, outcomes, &copt, opt->problems, err) &&
		    !go_on(opt, OUTCOMES_FILE, true, err))
			goto fail;
	}
	/* no discount column while coupons are declared: no cost reported as 0 */
	d->metrics = uplift_findings_metrics(&d->findings, exp, d->metrics);
	d->metrics |= uplift_data_metrics_supported(d);
	if (d->has_history) {
		if (!(d->history = calloc(d->n_users + 1, sizeof(*d->history)))) {
			uplift_error_set(err, UPLIFT_ENOMEM, history, 0, NULL, "out of memory");
			goto fail;
		}
		for (size_t u = 0; u < d->n_users; u++)
			d->history[u].first = d->history[u].last = UPLIFT_NO_DAY;
		if (window_needed(exp, dir, false, true, err) ||
		    uplift_orders_load(d, history, &copt, opt, true, err)) {
			if (!go_on(opt, HISTORY_FILE, true, err))
				goto fail;
		}
		if (derive_segments(d, history, err))
			goto fail;
	}
	if (uplift_data_bins(d, path, err)) /* binned columns: numbers into bins */
		goto fail;
	if (uplift_data_order(d, err)) /* the values' numbers in the contract's order */
		goto fail;
	if (uplift_data_cross(d, opt->n_by, err)) /* crossings, from their ordered parts */
		goto fail;
	d->counts.users = d->n_users;
	d->counts.from_outcomes = d->from_outcomes;
	d->counts.has_history = d->has_history;
	return d;
fail:
	uplift_data_free(d);
	return NULL;
}
