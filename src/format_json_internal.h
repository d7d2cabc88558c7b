/*
 * format_json_internal.h - the parts of analyze's JSON document that live in
 * files of their own: the decision (format_json_decision.c) and the checks
 * (format_json_checks.c), with the English sentences they carry. Internal
 * to the library; every json_t returned is new (the caller owns it), NULL
 * only when out of memory.
 */
#ifndef UPLIFT_FORMAT_JSON_INTERNAL_H
#define UPLIFT_FORMAT_JSON_INTERNAL_H

#include <jansson.h>
#include <stddef.h>

#include "uplift_format.h"

/* v as a JSON number; null when not finite. */
json_t *uplift_format_json_num(double v);

/* v as a JSON integer (a count); null when not finite. */
json_t *uplift_format_json_count(double v);

/* The name of arm a of an as a JSON string; null when a is not an arm (SIZE_MAX). */
json_t *uplift_format_json_arm(const struct uplift_analysis *an, size_t a);

/*
 * "decision": the arm to ship (or null), the leader and runner-up, their
 * difference on the decision metric with its interval, the guardrails, the
 * users per arm that would settle an unclear decision, the --by column of
 * a targeting plan that beats the best single arm, and "reason", one plain
 * English sentence saying why.
 */
json_t *uplift_format_json_decision(const struct uplift_result *r);

/*
 * A capped metric's comparison c (of list[0..n)) or arm value mv: "cap" and
 * "uncapped", from its uncapped twin (format_json_cap.c); nothing for a
 * metric without a cap.
 */
void uplift_format_json_cap(json_t *o, const struct uplift_analysis *an,
			    const struct uplift_comparison *list, size_t n,
			    const struct uplift_comparison *c);
void uplift_format_json_cap_arm(json_t *mv, const struct uplift_analysis *an, size_t arm, int m);

/*
 * The English sentence of check k: what is wrong and what to do about it,
 * as a JSON string (arm, column and segment names verbatim).
 */
json_t *uplift_format_json_check_message(const struct uplift_result *r,
					 const struct uplift_check *k);

/*
 * "checks": one object per entry of an->checks ({"code", "severity",
 * "message", and the column, value and statistics where they apply; a
 * data check its arm, count, of, file, lines and names}); each
 * message is also appended to warnings (the JSON "warnings" strings).
 */
json_t *uplift_format_json_checks(const struct uplift_result *r, json_t *warnings);

#endif
