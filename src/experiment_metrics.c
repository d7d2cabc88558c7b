/*
 * experiment_metrics.c - the [metric NAME] sections of experiment.ini
 * (uplift_metric.h, ../shared/CONTRACT.md "Metrics you define"):
 *
 *   [metric big_basket]
 *   kind        = proportion       ; proportion | mean | ratio
 *   of          = orders           ; orders | amount | paid | discount | profit | COLUMN, or A / B
 *   where       = amount >= 80     ; amount | paid | discount  < <= >= >  number
 *   within_days = 3                ; needs exposed_at in assignments.csv
 *   cap         = p99              ; pNN or a number
 *   covariate   = past_spend       ; an assignments.csv column, for --cuped
 *   label       = 大单率            ; the name the zh report uses
 *
 * Every error names the file, the line and the key. What a section means
 * is checked once the file is read (uplift_experiment_metrics_check): a
 * ratio needs "A / B", a proportion takes no cap, profit needs
 * [economics] gross_margin.
 */
#include "experiment_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KINDS   "proportion, mean or ratio"
#define SOURCES "orders, amount, paid, discount, profit or a column of outcomes.csv"

static enum uplift_status bad(struct uplift_error *err, const char *path, long line,
			      const struct uplift_metric_def *d, const char *key, const char *fmt,
			      const char *value)
{
	char what[300];

	snprintf(what, sizeof(what), fmt, value);
	return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL, "[metric %s] %s: %s",
				d->name, key, what);
}

static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

enum uplift_status uplift_experiment_metric_section(struct uplift_experiment *exp,
						    const char *name, const char *path, long line,
						    struct uplift_error *err)
{
	struct uplift_metric_set *set = &exp->metrics;
	struct uplift_metric_def *d;
	int m = uplift_metric_parse(set, name);

	if (!name_ok(name, 64))
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
					"[metric %s]: a metric's name is 1 to %zu letters, digits "
					"or '_' (it is used in --metrics lists and CSV files)",
					name, (size_t)63);
	if (m >= 0 && m < UPLIFT_N_BUILTIN)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
					"[metric %s]: %s is a built-in metric; give yours "
					"another name",
					name, name);
	if (m >= 0)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
					"[metric %s] is defined twice (first at line %ld)", name,
					set->def[m].line);
	/* room for the uncapped twin of each, should every one be capped */
	if (set->n >= UPLIFT_N_BUILTIN + (UPLIFT_N_METRICS - UPLIFT_N_BUILTIN) / 2)
		return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
					"[metric %s]: more than %d [metric] sections", name,
					(UPLIFT_N_METRICS - UPLIFT_N_BUILTIN) / 2);
	d = &set->def[set->n++];
	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->kind = UPLIFT_MEAN;
	d->of = d->of_den = UPLIFT_OF_NONE;
	d->tested = true;
	d->user = true;
	d->line = line;
	d->uncapped = d->uncapped_of = UPLIFT_N_METRICS;
	return UPLIFT_OK;
}

/* One source word of s[0..len), trimmed: orders, amount, ... or a column. */
static bool source(const char *s, size_t len, enum uplift_metric_of *of, char *column,
		   size_t size)
{
	static const char *const words[] = {"orders", "amount", "paid", "discount", "profit"};

	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || len >= size)
		return false;
	for (int i = 0; i < 5; i++)
		if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0) {
			*of = (enum uplift_metric_of)i;
			return true;
		}
	*of = UPLIFT_OF_COLUMN;
	memcpy(column, s, len);
	column[len] = '\0';
	return true;
}

static bool number(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	return end != s && *end == '\0' && errno != ERANGE && isfinite(*v);
}

/* where = FIELD OP NUMBER */
static bool parse_where(const char *s, struct uplift_metric_where *w)
{
	static const char *const fields[] = {"amount", "paid", "discount"};
	static const enum uplift_metric_of of[] = {UPLIFT_OF_AMOUNT, UPLIFT_OF_PAID,
						   UPLIFT_OF_DISCOUNT};
	size_t n;
	int f = -1;

	for (int i = 0; i < 3; i++) {
		n = strlen(fields[i]);
		if (strncmp(s, fields[i], n) == 0 && !isalnum((unsigned char)s[n]) && s[n] != '_') {
			f = i;
			break;
		}
	}
	if (f < 0)
		return false;
	s += n;
	while (isspace((unsigned char)*s))
		s++;
	if (s[0] == '<' && s[1] == '=')
		w->op = UPLIFT_OP_LE, s += 2;
	else if (s[0] == '>' && s[1] == '=')
		w->op = UPLIFT_OP_GE, s += 2;
	else if (s[0] == '<')
		w->op = UPLIFT_OP_LT, s++;
	else if (s[0] == '>')
		w->op = UPLIFT_OP_GT, s++;
	else
		return false;
	while (isspace((unsigned char)*s))
		s++;
	if (!number(s, &w->value))
		return false;
	w->on = true;
	w->field = of[f];
	return true;
}

enum uplift_status uplift_experiment_metric_key(struct uplift_experiment *exp, const char *key,
						const char *value, const char *path, long line,
						struct uplift_error *err)
{
	struct uplift_metric_def *d = &exp->metrics.def[exp->metrics.n - 1];
	double v;

	if (strcmp(key, "kind") == 0) {
		if (strcmp(value, "proportion") == 0)
			d->kind = UPLIFT_PROPORTION;
		else if (strcmp(value, "mean") == 0)
			d->kind = UPLIFT_MEAN;
		else if (strcmp(value, "ratio") == 0)
			d->kind = UPLIFT_RATIO;
		else
			return bad(err, path, line, d, key, "expected " KINDS ", got '%s'", value);
		return UPLIFT_OK;
	}
	if (strcmp(key, "of") == 0) {
		const char *slash = strchr(value, '/');
		if (!source(value, slash ? (size_t)(slash - value) : strlen(value), &d->of,
			    d->column, sizeof(d->column)) ||
		    (slash && !source(slash + 1, strlen(slash + 1), &d->of_den, d->column_den,
				      sizeof(d->column_den))))
			return bad(err, path, line, d, key,
				   "expected " SOURCES ", or A / B for a ratio, got '%s'", value);
		return UPLIFT_OK;
	}
	if (strcmp(key, "where") == 0) {
		if (!parse_where(value, &d->where))
			return bad(err, path, line, d, key,
				   "expected FIELD OP NUMBER, FIELD amount, paid or discount and OP "
				   "<, <=, >= or >, such as amount >= 80; got '%s'",
				   value);
		return UPLIFT_OK;
	}
	if (strcmp(key, "within_days") == 0) {
		if (!number(value, &v) || v < 1 || v > 366 || v != floor(v))
			return bad(err, path, line, d, key, "expected whole days, 1 to 366, got '%s'",
				   value);
		d->within_days = (int)v;
		d->within_line = line;
		return UPLIFT_OK;
	}
	if (strcmp(key, "cap") == 0) {
		if (!uplift_metric_cap_parse(value, &d->cap))
			return bad(err, path, line, d, key,
				   "expected pNN (a percentile above 0 and at most 100, such as "
				   "p99) or a number above 0, got '%s'",
				   value);
		d->cap_line = line;
		return UPLIFT_OK;
	}
	if (strcmp(key, "covariate") == 0) {
		if (!value[0] || strlen(value) >= sizeof(d->covariate))
			return bad(err, path, line, d, key, "expected a column of assignments.csv, got '%s'",
				   value);
		snprintf(d->covariate, sizeof(d->covariate), "%s", value);
		return UPLIFT_OK;
	}
	if (strcmp(key, "label") == 0) {
		if (strlen(value) > 95)
			return bad(err, path, line, d, key, "at most 95 bytes, got '%s'", value);
		snprintf(d->label, sizeof(d->label), "%s", value);
		return UPLIFT_OK;
	}
	return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL,
				"unknown key '%s' in section [metric %s] (expected kind, of, where, "
				"within_days, cap, covariate or label)",
				key, d->name);
}

enum uplift_status uplift_experiment_metrics_check(const struct uplift_experiment *exp,
						   const char *path, struct uplift_error *err)
{
	for (size_t m = UPLIFT_N_BUILTIN; m < exp->metrics.n; m++) {
		struct uplift_metric_def *d = (struct uplift_metric_def *)&exp->metrics.def[m];
		long line = d->line;

		if (d->of == UPLIFT_OF_NONE)
			return bad(err, path, line, d, "of", "missing (expected %s)", SOURCES);
		if ((d->kind == UPLIFT_RATIO) != (d->of_den != UPLIFT_OF_NONE))
			return bad(err, path, line, d, "of",
				   d->kind == UPLIFT_RATIO
				       ? "a ratio takes of = A / B, such as paid / orders%s"
				       : "A / B is for kind = ratio%s",
				   "");
		if (d->kind == UPLIFT_PROPORTION && d->cap.kind != UPLIFT_CAP_NONE)
			return bad(err, path, d->cap_line, d, "cap",
				   "a proportion counts users (0 or 1): there is nothing to cap%s",
				   "");
		if ((d->of == UPLIFT_OF_PROFIT || d->of_den == UPLIFT_OF_PROFIT) &&
		    !exp->has_economics)
			return bad(err, path, line, d, "of",
				   "profit needs [economics] gross_margin%s", "");
		if ((d->where.on || d->within_days) &&
		    (d->of == UPLIFT_OF_COLUMN || d->of_den == UPLIFT_OF_COLUMN))
			return bad(err, path, line, d, d->where.on ? "where" : "within_days",
				   "only orders can be filtered: a column of outcomes.csv has no "
				   "orders%s",
				   "");
		if (d->kind == UPLIFT_RATIO && d->covariate[0])
			return bad(err, path, line, d, "covariate",
				   "--cuped adjusts a proportion or a mean, not a ratio%s", "");
		/* a metric of discounts describes the coupon's cost, as discount does */
		d->tested = d->of != UPLIFT_OF_DISCOUNT;
	}
	return UPLIFT_OK;
}
