/*
 * metric.c - metric names and kinds, and the value of a metric in a group.
 */
#include "uplift_metric.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "uplift_suff.h"

static const char *const names[UPLIFT_N_METRICS] = {
    "conversion", "repurchase", "revenue",    "orders", "discount",
    "aov",        "amount",     "redemption", "profit",
};

const char *uplift_metric_name(enum uplift_metric m)
{
	return names[m];
}

enum uplift_metric_kind uplift_metric_kind(enum uplift_metric m)
{
	switch (m) {
	case UPLIFT_CONVERSION:
	case UPLIFT_REPURCHASE:
	case UPLIFT_REDEMPTION:
		return UPLIFT_PROPORTION;
	case UPLIFT_AOV:
		return UPLIFT_RATIO;
	default:
		return UPLIFT_MEAN;
	}
}

double uplift_metric_value(const struct uplift_moments *m, enum uplift_metric metric)
{
	if (uplift_metric_kind(metric) == UPLIFT_RATIO)
		return m->sum_x > 0 ? m->sum / m->sum_x : NAN;
	return m->n > 0 ? m->sum / m->n : NAN;
}

bool uplift_metric_tested(enum uplift_metric m)
{
	return m != UPLIFT_DISCOUNT && m != UPLIFT_AMOUNT && m != UPLIFT_REDEMPTION;
}

bool uplift_metric_has_covariate(enum uplift_metric m)
{
	return m <= UPLIFT_DISCOUNT;
}

int uplift_metric_parse(const char *name)
{
	for (int m = 0; m < UPLIFT_N_METRICS; m++)
		if (strcmp(name, names[m]) == 0)
			return m;
	return -1;
}

bool uplift_metric_parse_list(const char *list, unsigned *mask, char *bad, unsigned long bad_size)
{
	char item[64];
	const char *p = list;

	*mask = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int m;

		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		m = uplift_metric_parse(item);
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
