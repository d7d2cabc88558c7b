/*
 * decision_internal.h - what the files of the decision block share
 * (decision_words.c, decision_unclear.c, decision_findings.c). Internal to
 * the library.
 */
#ifndef UPLIFT_DECISION_INTERNAL_H
#define UPLIFT_DECISION_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "decision_words.h"

/*
 * A per-user change of metric m with its interval in the metric's unit:
 * "+1.93 pp [+1.04, +2.81]" for rates, "+1.26 [+0.56, +1.96]" for money
 * ("... 元" in Chinese). Returns buf.
 */
const char *uplift_decision_words_per_user(char *buf, size_t n, const struct uplift_voice *v,
					   enum uplift_metric m, double d, double lo, double hi);

/* The size of a change, unsigned, in the metric's unit: "1.04 pp", "0.75". Returns buf. */
const char *uplift_decision_words_amount(char *buf, size_t n, const struct uplift_voice *v,
					 enum uplift_metric m, double x);

/* The users of the test: every arm's. */
double uplift_decision_words_users(const struct uplift_analysis *an);

/* The overall comparison of arm against control on m, or NULL. */
const struct uplift_comparison *uplift_decision_words_overall(const struct uplift_analysis *an,
							      size_t arm, enum uplift_metric m);

/*
 * How the decision came out, as far as its fields add up: a decision whose
 * arms are missing or inconsistent for its `why` reads as not computable.
 */
enum uplift_decision_why uplift_decision_words_state(const struct uplift_analysis *an);

/* The targeting plan of the decision's targeting column, or NULL. */
const struct uplift_plan *uplift_decision_words_plan(const struct uplift_result *r);

/* No clear winner: keep testing, how many users would settle it, send X only if
 * (decision_unclear.c). */
void uplift_decision_words_not_clear(FILE *out, const struct uplift_voice *v);

/* The leader is clear but a guardrail fails (decision_unclear.c). */
void uplift_decision_words_guardrail(FILE *out, const struct uplift_voice *v);

/* No decision: the metric is missing or the arms could not be compared (decision_unclear.c). */
void uplift_decision_words_none(FILE *out, const struct uplift_voice *v,
				enum uplift_decision_why why);

/*
 * The one caveat that matters most (decision_unclear.c): a flagged sample
 * ratio, overall then within a segment; a failed guardrail; a lead that is
 * not clear (not when a targeting plan is sent); small cells; else none.
 */
void uplift_decision_words_caveat(FILE *out, const struct uplift_voice *v, bool targeted);

#endif
