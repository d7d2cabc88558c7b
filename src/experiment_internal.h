/*
 * experiment_internal.h - the seams between the files that read
 * experiment.ini, internal to the library: experiment.c reads the
 * sections and keys, experiment_arms.c keeps the arms' hash index,
 * experiment_decision.c reads [decision], experiment_columns.c [columns].
 */
#ifndef UPLIFT_EXPERIMENT_INTERNAL_H
#define UPLIFT_EXPERIMENT_INTERNAL_H

#include <stdbool.h>

#include "uplift_error.h"
#include "uplift_experiment.h"

/* Index the arms, the last one added included. False when out of memory. */
bool uplift_experiment_index_add(struct uplift_experiment *exp);

/*
 * Key k of [decision] (0 metric, 1 guardrails) with value, at path:line,
 * into d; an error naming file, line and key, and what is wrong.
 */
enum uplift_status uplift_experiment_decision_key(struct uplift_decision_def *d,
						  const struct uplift_metric_set *set, int k,
						  const char *value, const char *path, long line,
						  struct uplift_error *err);

/*
 * Once the whole file is read: profit, as the decision metric (given at
 * metric_line) or a guardrail (at guardrails_line), needs [economics]
 * gross_margin, which may come after [decision].
 */
enum uplift_status uplift_experiment_decision_check(const struct uplift_experiment *exp,
						    const char *path, long metric_line,
						    long guardrails_line, struct uplift_error *err);

/*
 * A "key = value" line of [columns] at path:line into def: key is one of
 * uplift's column names (the header that holds it) or `refunds` (net or
 * error; *refunds_line is where it was given, 0 if not yet). An unknown
 * key, an empty value, a key given twice or a header already given to
 * another key is an error naming file, line and key.
 */
enum uplift_status uplift_experiment_columns_key(struct uplift_columns_def *def, long *refunds_line,
						 const char *key, const char *value,
						 const char *path, long line,
						 struct uplift_error *err);

/* Free the headers of def (the struct itself is the experiment's). */
void uplift_experiment_columns_free(struct uplift_columns_def *def);

/* [metric NAME] (experiment_metrics.c): a new section, a key of the last one, the check. */
enum uplift_status uplift_experiment_metric_section(struct uplift_experiment *exp,
						    const char *name, const char *path, long line,
						    struct uplift_error *err);
enum uplift_status uplift_experiment_metric_key(struct uplift_experiment *exp, const char *key,
						const char *value, const char *path, long line,
						struct uplift_error *err);
enum uplift_status uplift_experiment_metrics_check(const struct uplift_experiment *exp,
						   const char *path, struct uplift_error *err);

#endif
