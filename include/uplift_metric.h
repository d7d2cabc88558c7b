/*
 * uplift_metric.h - the metrics uplift reports: the built-in ones and those
 * an experiment.ini defines in [metric NAME] sections, all described the
 * same way (struct uplift_metric_def) and computed by one code path
 * (uplift_metric_user_value, suff.c).
 *
 * A metric is an index into a struct uplift_metric_set: the built-in ones
 * first, at the fixed indices of enum uplift_metric, then the user-defined
 * ones in the order of experiment.ini (at most UPLIFT_N_METRICS in all, so
 * a set of metrics is one bit mask). Every function taking a set accepts
 * NULL for the built-in metrics alone.
 */
#ifndef UPLIFT_METRIC_H
#define UPLIFT_METRIC_H

#include <stdbool.h>
#include <stddef.h>

enum uplift_metric {
	UPLIFT_CONVERSION = 0, /* 1 if >= 1 order in the window (proportion) */
	UPLIFT_REPURCHASE,     /* 1 if >= 2 orders (proportion) */
	UPLIFT_REVENUE,        /* paid value per user (mean) */
	UPLIFT_ORDERS,         /* orders per user (mean) */
	UPLIFT_DISCOUNT,       /* coupon cost per user (mean) */
	UPLIFT_AOV,            /* paid value per order (ratio of means) */
	/* on request only (--metrics), and for the coupon economics: */
	UPLIFT_AMOUNT,     /* order value before discount per user (mean) */
	UPLIFT_REDEMPTION, /* 1 if >= 1 order with a discount (proportion) */
	/* with [economics] gross_margin only (uplift_suff_derive): */
	UPLIFT_PROFIT, /* gross_margin x amount - discount per user (mean) */
	UPLIFT_N_BUILTIN,
	/* user-defined metrics take the indices from UPLIFT_N_BUILTIN on */
	UPLIFT_N_METRICS = 32 /* room for every metric: a set of them is an unsigned bit mask */
};

enum uplift_metric_kind { UPLIFT_PROPORTION, UPLIFT_MEAN, UPLIFT_RATIO };

#define UPLIFT_METRIC_BIT(m) (1u << (m))
/* every built-in metric */
#define UPLIFT_ALL_METRICS ((1u << UPLIFT_N_BUILTIN) - 1)
/* what analyze reports unless --metrics says otherwise (profit only when
 * the experiment has a gross margin: otherwise it is not in the data);
 * user-defined metrics are added to it (uplift_metric_set_defaults) */
#define UPLIFT_DEFAULT_METRICS (((1u << (UPLIFT_AOV + 1)) - 1) | UPLIFT_METRIC_BIT(UPLIFT_PROFIT))

/* What a metric sums per user: a value of each order, or a per-user flag. */
enum uplift_metric_of {
	UPLIFT_OF_ORDERS,   /* 1 per order */
	UPLIFT_OF_AMOUNT,   /* value before discount */
	UPLIFT_OF_PAID,     /* amount - discount */
	UPLIFT_OF_DISCOUNT, /* the coupon's discount */
	UPLIFT_OF_PROFIT,   /* gross_margin x amount - discount */
	UPLIFT_OF_COLUMN,   /* a column of outcomes.csv (def->column) */
	/* the built-in metrics' flags (as outcomes.csv may give them) */
	UPLIFT_OF_CONVERTED,   /* >= 1 order */
	UPLIFT_OF_REPURCHASED, /* >= 2 orders */
	UPLIFT_OF_REDEEMED,    /* >= 1 order with a discount */
	UPLIFT_OF_NONE
};

enum uplift_metric_op { UPLIFT_OP_LT, UPLIFT_OP_LE, UPLIFT_OP_GE, UPLIFT_OP_GT };

/* where = FIELD OP NUMBER: only the orders that pass. */
struct uplift_metric_where {
	bool on;
	enum uplift_metric_of field; /* amount, paid or discount */
	enum uplift_metric_op op;
	double value;
};

enum uplift_cap_kind { UPLIFT_CAP_NONE, UPLIFT_CAP_PERCENTILE, UPLIFT_CAP_FIXED };

struct uplift_metric_cap {
	enum uplift_cap_kind kind;
	double value; /* the percentile (0, 100] or the fixed cap (> 0) */
};

struct uplift_metric_def {
	char name[80];   /* as --metrics, the JSON and the report name it (at most 63 bytes
			    in experiment.ini; a twin adds " (uncapped)") */
	char label[128]; /* [metric] label, for the zh report (at most 95 bytes; a twin
			    adds "（未封顶）"); "" when none */
	enum uplift_metric_kind kind;
	enum uplift_metric_of of;     /* the per-user value (a ratio's numerator) */
	enum uplift_metric_of of_den; /* a ratio's denominator; UPLIFT_OF_NONE otherwise */
	char column[64];              /* of = COLUMN (outcomes.csv), or "" */
	char column_den[64];
	struct uplift_metric_where where;
	int within_days;              /* 0: the whole window */
	struct uplift_metric_cap cap; /* the metric's own, or --cap's */
	char covariate[64];           /* CUPED covariate column of assignments.csv, or "" */
	bool tested;                  /* a tested outcome (see uplift_metric_tested) */
	bool user;                    /* defined in experiment.ini */
	long line;                    /* its section's line, for messages */
	long cap_line, within_line;   /* where cap and within_days were given (0: not) */
	/* the uncapped twin of a capped metric (UPLIFT_N_METRICS: none); a twin
	 * has `uncapped_of` set to the metric it is the uncapped value of */
	int uncapped, uncapped_of;
};

struct uplift_metric_set {
	size_t n; /* UPLIFT_N_BUILTIN + user metrics (+ their uncapped twins) */
	struct uplift_metric_def def[UPLIFT_N_METRICS];
};

/* The built-in metrics alone. */
const struct uplift_metric_set *uplift_metric_builtin(void);

/* Fill set with the built-in metrics. */
void uplift_metric_set_init(struct uplift_metric_set *set);

/* The definition of metric m (NULL set: the built-ins); NULL when none. */
const struct uplift_metric_def *uplift_metric_def(const struct uplift_metric_set *set, int m);

/* "conversion", "repurchase", ..., or a user metric's name. */
const char *uplift_metric_name(const struct uplift_metric_set *set, enum uplift_metric m);

/* The [metric] label, or NULL when none (built-in metrics have none). */
const char *uplift_metric_label(const struct uplift_metric_set *set, enum uplift_metric m);

enum uplift_metric_kind uplift_metric_kind(const struct uplift_metric_set *set,
					   enum uplift_metric m);

/*
 * Whether m is a tested outcome. discount, amount and redemption describe
 * the coupon's cost: they are reported (value, difference, interval) but
 * never tested, so they have no p-value and never enter a correction family.
 * A user metric is tested unless it sums discounts; an uncapped twin is not
 * tested either (its result is shown beside the capped one's).
 */
bool uplift_metric_tested(const struct uplift_metric_set *set, enum uplift_metric m);

/*
 * Whether the sufficient statistics of m carry the CUPED covariate (the same
 * metric over the pre-period, or a user metric's covariate column) in sum_x,
 * sum_x_sq, sum_xy. The ratio metrics use those for their denominator,
 * amount for the discount.
 */
bool uplift_metric_has_covariate(const struct uplift_metric_set *set, enum uplift_metric m);

/* Whether m is a user metric's uncapped twin (reported with it, never alone). */
bool uplift_metric_is_twin(const struct uplift_metric_set *set, enum uplift_metric m);

struct uplift_moments; /* uplift_suff.h */

/* The value of a metric in one group (rate, mean or ratio); NaN if none. */
double uplift_metric_value(const struct uplift_metric_set *set, const struct uplift_moments *m,
			   enum uplift_metric metric);

/* Metric called name, or -1. */
int uplift_metric_parse(const struct uplift_metric_set *set, const char *name);

/* The same, the uncapped twins too ("revenue (uncapped)", in statistics files). */
int uplift_metric_parse_any(const struct uplift_metric_set *set, const char *name);

/*
 * Parse a comma-separated list ("conversion,revenue") into a bit mask.
 * Returns false, with the first unknown name copied to bad, on error.
 */
bool uplift_metric_parse_list(const struct uplift_metric_set *set, const char *list,
			      unsigned *mask, char *bad, unsigned long bad_size);

/*
 * --cap: cap every tested mean metric of set that has no cap of its own
 * (the coupon's cost, discount and amount, is never capped). True.
 */
bool uplift_metric_set_cap_all(struct uplift_metric_set *set, struct uplift_metric_cap cap);

/*
 * Give every capped metric of set its uncapped twin (a metric of its own,
 * "revenue (uncapped)", computed the same way without the cap and shown
 * beside it). False when set has no room left (UPLIFT_N_METRICS).
 */
bool uplift_metric_set_twins(struct uplift_metric_set *set);

/* "p99" (a percentile) or "500" (a fixed cap) into *cap; false if neither. */
bool uplift_metric_cap_parse(const char *s, struct uplift_metric_cap *cap);

/* The user metrics of set (with their uncapped twins), as a bit mask. */
unsigned uplift_metric_user_mask(const struct uplift_metric_set *set);

#endif
