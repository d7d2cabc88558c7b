/*
 * metric.c - the definitions of the metrics (the built-in ones and an
 * experiment's [metric NAME] sections), their names, kinds and values.
 */
#include "uplift_metric.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "uplift_suff.h"

#define N UPLIFT_N_METRICS

/* The built-in metrics, as [metric] sections would define them. */
#define BUILTIN(nm, k, o, den, t)                                                                  \
	{.name = nm, .kind = k, .of = o, .of_den = den, .tested = t, .uncapped = N, .uncapped_of = N}
static const struct uplift_metric_set builtin = {
    .n = UPLIFT_N_BUILTIN,
    .def =
	{
	    [UPLIFT_CONVERSION] = BUILTIN("conversion", UPLIFT_PROPORTION, UPLIFT_OF_CONVERTED,
					  UPLIFT_OF_NONE, true),
	    [UPLIFT_REPURCHASE] = BUILTIN("repurchase", UPLIFT_PROPORTION, UPLIFT_OF_REPURCHASED,
					  UPLIFT_OF_NONE, true),
	    [UPLIFT_REVENUE] =
		BUILTIN("revenue", UPLIFT_MEAN, UPLIFT_OF_PAID, UPLIFT_OF_NONE, true),
	    [UPLIFT_ORDERS] = BUILTIN("orders", UPLIFT_MEAN, UPLIFT_OF_ORDERS, UPLIFT_OF_NONE, true),
	    [UPLIFT_DISCOUNT] =
		BUILTIN("discount", UPLIFT_MEAN, UPLIFT_OF_DISCOUNT, UPLIFT_OF_NONE, false),
	    [UPLIFT_AOV] = BUILTIN("aov", UPLIFT_RATIO, UPLIFT_OF_PAID, UPLIFT_OF_ORDERS, true),
	    [UPLIFT_AMOUNT] =
		BUILTIN("amount", UPLIFT_MEAN, UPLIFT_OF_AMOUNT, UPLIFT_OF_NONE, false),
	    [UPLIFT_REDEMPTION] = BUILTIN("redemption", UPLIFT_PROPORTION, UPLIFT_OF_REDEEMED,
					  UPLIFT_OF_NONE, false),
	    [UPLIFT_PROFIT] =
		BUILTIN("profit", UPLIFT_MEAN, UPLIFT_OF_PROFIT, UPLIFT_OF_NONE, true),
	},
};

const struct uplift_metric_set *uplift_metric_builtin(void)
{
	return &builtin;
}

void uplift_metric_set_init(struct uplift_metric_set *set)
{
	*set = builtin;
	for (int m = UPLIFT_N_BUILTIN; m < N; m++)
		set->def[m].uncapped = set->def[m].uncapped_of = N;
}

const struct uplift_metric_def *uplift_metric_def(const struct uplift_metric_set *set, int m)
{
	if (!set)
		set = &builtin;
	return m >= 0 && (size_t)m < set->n ? &set->def[m] : NULL;
}

const char *uplift_metric_name(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d ? d->name : "?";
}

const char *uplift_metric_label(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d && d->label[0] ? d->label : NULL;
}

enum uplift_metric_kind uplift_metric_kind(const struct uplift_metric_set *set,
					   enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d ? d->kind : UPLIFT_MEAN;
}

double uplift_metric_value(const struct uplift_metric_set *set, const struct uplift_moments *m,
			   enum uplift_metric metric)
{
	if (uplift_metric_kind(set, metric) == UPLIFT_RATIO)
		return m->sum_x > 0 ? m->sum / m->sum_x : NAN;
	return m->n > 0 ? m->sum / m->n : NAN;
}

bool uplift_metric_tested(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d && d->tested;
}

bool uplift_metric_has_covariate(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	if (!d)
		return false;
	if (!d->user)
		return m <= UPLIFT_DISCOUNT;
	/* a user metric: its covariate column, or the pre-period value of
	 * what it sums when it sums whole orders of the window */
	return d->kind != UPLIFT_RATIO &&
	       (d->covariate[0] || (!d->where.on && !d->within_days &&
				    (d->of == UPLIFT_OF_ORDERS || d->of == UPLIFT_OF_PAID ||
				     d->of == UPLIFT_OF_DISCOUNT)));
}

bool uplift_metric_is_twin(const struct uplift_metric_set *set, enum uplift_metric m)
{
	const struct uplift_metric_def *d = uplift_metric_def(set, (int)m);

	return d && d->uncapped_of != N;
}

int uplift_metric_parse(const struct uplift_metric_set *set, const char *name)
{
	if (!set)
		set = &builtin;
	for (size_t m = 0; m < set->n; m++)
		if (set->def[m].uncapped_of == N && strcmp(name, set->def[m].name) == 0)
			return (int)m;
	return -1;
}

int uplift_metric_parse_any(const struct uplift_metric_set *set, const char *name)
{
	if (!set)
		set = &builtin;
	for (size_t m = 0; m < set->n; m++)
		if (strcmp(name, set->def[m].name) == 0)
			return (int)m;
	return -1;
}

bool uplift_metric_parse_list(const struct uplift_metric_set *set, const char *list,
			      unsigned *mask, char *bad, unsigned long bad_size)
{
	char item[80];
	const char *p = list;

	*mask = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int m;

		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		m = n < sizeof(item) ? uplift_metric_parse(set, item) : -1;
		if (m < 0) {
			snprintf(bad, bad_size, "%s", item);
			return false;
		}
		*mask |= UPLIFT_METRIC_BIT(m);
		p += n;
		if (*p == ',')
			p++;
	}
	if (*mask == 0) {
		snprintf(bad, bad_size, "%s", list);
		return false;
	}
	return true;
}

unsigned uplift_metric_user_mask(const struct uplift_metric_set *set)
{
	unsigned mask = 0;

	for (size_t m = UPLIFT_N_BUILTIN; set && m < set->n; m++)
		mask |= UPLIFT_METRIC_BIT(m);
	return mask;
}

bool uplift_metric_set_cap_all(struct uplift_metric_set *set, struct uplift_metric_cap cap)
{
	for (size_t m = 0; m < set->n; m++) {
		struct uplift_metric_def *d = &set->def[m];
		if (d->kind == UPLIFT_MEAN && d->tested && d->cap.kind == UPLIFT_CAP_NONE &&
		    d->uncapped_of == N)
			d->cap = cap;
	}
	return true;
}

bool uplift_metric_set_twins(struct uplift_metric_set *set)
{
	size_t n = set->n;

	for (size_t m = 0; m < n; m++) {
		struct uplift_metric_def *d = &set->def[m], *t;
		if (d->cap.kind == UPLIFT_CAP_NONE || d->uncapped != N || d->uncapped_of != N)
			continue;
		if (set->n == N)
			return false;
		t = &set->def[set->n];
		*t = *d;
		t->cap.kind = UPLIFT_CAP_NONE;
		t->tested = false;
		t->user = true;
		t->uncapped = N;
		t->uncapped_of = (int)m;
		snprintf(t->name, sizeof(t->name), "%s (uncapped)", d->name);
		if (d->label[0])
			snprintf(t->label, sizeof(t->label), "%s（未封顶）", d->label);
		d->uncapped = (int)set->n++;
	}
	return true;
}

bool uplift_metric_cap_parse(const char *s, struct uplift_metric_cap *cap)
{
	char *end;
	double v;
	bool pct = s[0] == 'p' || s[0] == 'P';

	errno = 0;
	v = strtod(s + pct, &end);
	if (end == s + pct || *end != '\0' || errno == ERANGE || !isfinite(v) || !(v > 0) ||
	    (pct && v > 100))
		return false;
	cap->kind = pct ? UPLIFT_CAP_PERCENTILE : UPLIFT_CAP_FIXED;
	cap->value = v;
	return true;
}
