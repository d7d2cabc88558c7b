/*
 * uplift_decision.h - what to do next week: the arm to ship on the decision
 * metric, its guardrails, and when nothing is clear, how many more users
 * per arm would settle it.
 *
 * The rule (../shared/CONTRACT.md, "decision"): `ship` is the arm, control
 * included, with the highest value of the decision metric whose advantage
 * over every other arm has an interval above 0 (level 1 - alpha,
 * uncorrected: one question asked once; the comparison methods of
 * uplift_compare_with, so --cuped and --sequential apply) and whose
 * guardrails hold: for each guardrail metric, the lower bound of the
 * relative change of the shipped arm against control stays above the
 * margin. Otherwise nothing is shipped and `why` says what is unclear.
 *
 * Implemented by decision.c; the experiment holds the rules of its
 * [decision] section, the analysis the outcome.
 */
#ifndef UPLIFT_DECISION_H
#define UPLIFT_DECISION_H

#include <stdbool.h>
#include <stddef.h>

#include "uplift_metric.h"

#define UPLIFT_MAX_GUARDRAILS 16

/* One guardrail of [decision] guardrails = aov -5%, conversion 0. */
struct uplift_guardrail_def {
	enum uplift_metric metric;
	double margin; /* relative change: -0.05 for -5% */
};

/* [decision] in experiment.ini; every key optional. */
struct uplift_decision_def {
	bool has_metric;
	enum uplift_metric metric; /* default: profit with a gross margin, else revenue */
	struct uplift_guardrail_def guardrails[UPLIFT_MAX_GUARDRAILS];
	size_t n_guardrails;
};

/* A guardrail as it came out for the arm to ship. */
struct uplift_guardrail {
	enum uplift_metric metric;
	double margin;
	double lift_lo; /* lower bound of the relative change vs control; NaN: not computable */
	bool holds;     /* lift_lo > margin (the shipped arm is control: holds) */
};

/* Why the decision came out as it did. */
enum uplift_decision_why {
	UPLIFT_DECISION_CLEAR = 0,     /* ship is set: it beats every other arm, guardrails hold */
	UPLIFT_DECISION_NOT_CLEAR,     /* the leader's advantage over runner_up includes 0 */
	UPLIFT_DECISION_GUARDRAIL,     /* the leader is clear but a guardrail fails */
	UPLIFT_DECISION_NO_METRIC,     /* the decision metric is not in the data */
	UPLIFT_DECISION_NOT_COMPUTABLE /* too few users, no variance: see reason */
};

struct uplift_decision {
	enum uplift_metric metric;
	const struct uplift_metric_set *set; /* the metric's definition (NULL: built-in) */
	size_t leader;    /* arm with the highest value of the metric (SIZE_MAX: none) */
	size_t runner_up; /* the arm the leader is closest to beating (SIZE_MAX: none) */
	size_t ship;      /* the leader when clear and the guardrails hold, else SIZE_MAX */
	double leader_value, runner_up_value;
	double diff, diff_lo, diff_hi; /* leader - runner_up, interval at level 1 - alpha */
	bool clear; /* the leader beats every other arm: every interval above 0 */
	struct uplift_guardrail guardrails[UPLIFT_MAX_GUARDRAILS];
	size_t n_guardrails;
	enum uplift_decision_why why;
	/* with no clear leader: users per arm that a new plain fixed-sample
	 * test needs to tell leader from runner-up at their observed values,
	 * 80% power, level alpha, rounded up (uplift_power: power.prop.test with
	 * the two rates; power.t.test with the pooled sd of the two arms,
	 * sqrt(((n1-1) s1^2 + (n2-1) s2^2) / (n1 + n2 - 2))); computed only
	 * when why is UPLIFT_DECISION_NOT_CLEAR, else NaN; NaN with a reason for
	 * a ratio metric, equal values or more users than can be counted */
	double users_per_arm;
	/* the --by column whose cross-fitted plan on the decision metric beats
	 * the best single arm with an interval above 0, the largest gain of
	 * several (set by the pipeline, which has the plans), -1 when none */
	long targeting;
	const char *reason; /* why a figure is NaN, else NULL */
};

#endif
