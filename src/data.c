/*
 * data.c - loads an experiment folder (see uplift_data.h): assignments.csv,
 * then orders.csv or outcomes.csv, then history.csv and the segments
 * derived from it, each file in one streaming pass by its own file of the
 * loader (data_assign.c, data_orders.c, data_outcomes.c; the seams in
 * data_internal.h), then numbers each --by column's values in the
 * contract's order (data_order.c). This file only runs them in order, and
 * frees.
 */
#include "data_findings.h"
#include "data_internal.h"
#include "uplift_metric.h"
#include "uplift_segments.h"

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

		if (!by->derived)
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

void uplift_data_free(struct uplift_data *d)
{
	if (!d)
		return;
	uplift_strtab_release(&d->ids);
	free(d->thresholds);
	free(d->members);
	free(d->acc);
	free(d->history);
	free(d->arm_users);
	free(d->basket_hist);
	free(d->findings.arm);
	free(d->findings.ignored);
	for (size_t i = 0; i < d->n_by; i++) {
		free(d->by[i].name);
		uplift_strtab_release(&d->by[i].values);
		free(d->by[i].of_user);
	}
	free(d->by);
	free(d);
}

struct uplift_data *uplift_data_load(const struct uplift_experiment *exp, const char *dir,
				     const struct uplift_load_options *opt,
				     struct uplift_error *err)
{
	struct uplift_csv_options copt = {0};
	struct uplift_data *d;
	char path[4096], orders[4096], outcomes[4096], history[4096];
	bool has_orders, has_outcomes;

	path_join(orders, sizeof(orders), dir, ORDERS_FILE);
	path_join(outcomes, sizeof(outcomes), dir, OUTCOMES_FILE);
	has_orders = file_exists(orders);
	has_outcomes = file_exists(outcomes);
	if (has_orders && has_outcomes) {
		uplift_error_set(err, UPLIFT_EINPUT, outcomes, 0, NULL,
				 "the folder has both orders.csv and outcomes.csv; keep one");
		return NULL;
	}
	if (!has_orders && !has_outcomes) {
		uplift_error_set(err, UPLIFT_EINPUT, orders, 0, NULL,
				 "cannot open: No such file or directory (nor is there an "
				 "outcomes.csv)");
		return NULL;
	}

	d = calloc(1, sizeof(*d));
	if (!d || !(d->arm_users = calloc(exp->n_arms, sizeof(*d->arm_users))) ||
	    !(d->basket_hist = calloc(exp->n_arms * UPLIFT_BASKET_BINS, sizeof(*d->basket_hist))) ||
	    (opt->n_by && !(d->by = calloc(opt->n_by, sizeof(*d->by))))) {
		uplift_data_free(d);
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		return NULL;
	}
	d->exp = exp;
	d->one_thread = opt->one_thread;
	path_join(history, sizeof(history), dir, HISTORY_FILE);
	d->has_history = file_exists(history);
	d->asof = exp->segments.asof;
	d->window_days = (int)(exp->end - exp->start + 1);
	uplift_strtab_init(&d->ids);
	for (size_t i = 0; i < opt->n_by; i++) {
		uplift_strtab_init(&d->by[i].values);
		d->by[i].name = strdup(opt->by[i]);
		d->n_by++;
		if (!d->by[i].name) {
			uplift_data_free(d);
			uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
			return NULL;
		}
	}
	copt.encoding = opt->encoding;
	copt.progress = opt->progress;
	copt.progress_ctx = opt->progress_ctx;
	copt.utf8_by_caller = !opt->check_all_utf8;

	path_join(path, sizeof(path), dir, ASSIGN_FILE);
	if (uplift_assign_load(d, path, &copt, opt, err))
		goto fail;
	if (!uplift_findings_init(&d->findings, exp, has_orders ? ORDERS_FILE : OUTCOMES_FILE,
				  has_orders)) {
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
		goto fail;
	}
	if (has_orders) {
		d->metrics = UPLIFT_ALL_METRICS & ~UPLIFT_METRIC_BIT(UPLIFT_PROFIT); /* derived */
		if (uplift_orders_load(d, orders, &copt, opt, false, err))
			goto fail;
	} else {
		d->from_outcomes = true;
		if (uplift_outcomes_load(d, outcomes, &copt, opt->problems, err))
			goto fail;
	}
	/* no discount column while coupons are declared: no cost reported as 0 */
	d->metrics = uplift_findings_metrics(&d->findings, exp, d->metrics);
	if (d->has_history) {
		if (!(d->history = calloc(d->n_users + 1, sizeof(*d->history)))) {
			uplift_error_set(err, UPLIFT_ENOMEM, history, 0, NULL, "out of memory");
			goto fail;
		}
		for (size_t u = 0; u < d->n_users; u++)
			d->history[u].first = d->history[u].last = UPLIFT_NO_DAY;
		if (uplift_orders_load(d, history, &copt, opt, true, err))
			goto fail;
		if (derive_segments(d, history, err))
			goto fail;
	}
	if (uplift_data_order(d, err)) /* the values' numbers in the contract's order */
		goto fail;
	d->counts.users = d->n_users;
	d->counts.from_outcomes = d->from_outcomes;
	d->counts.has_history = d->has_history;
	return d;
fail:
	uplift_data_free(d);
	return NULL;
}
