/*
 * format_json_decision.c - the JSON "decision" (uplift_decision.h): the arm
 * to ship next week or null, and "reason", one plain English sentence built
 * from why it came out so and its numbers, for example
 *
 *   满80减15 has the highest profit per user, but its advantage over 8折券
 *   (+0.60 [-0.10, +1.30]) includes 0; about 12,400 users per arm would
 *   settle it.
 *
 * Arm names go in verbatim; jansson escapes them.
 */
#include "format_json_internal.h"
#include "numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The decision metric as the sentence names it. */
static const char *const phrase[UPLIFT_N_BUILTIN] = {
    [UPLIFT_CONVERSION] = "conversion rate",
    [UPLIFT_REPURCHASE] = "repurchase rate",
    [UPLIFT_REVENUE] = "revenue per user",
    [UPLIFT_ORDERS] = "orders per user",
    [UPLIFT_DISCOUNT] = "coupon cost per user",
    [UPLIFT_AOV] = "order value",
    [UPLIFT_AMOUNT] = "order value before discount per user",
    [UPLIFT_REDEMPTION] = "redemption rate",
    [UPLIFT_PROFIT] = "profit per user",
};

static const char *metric_phrase(const struct uplift_decision *d, enum uplift_metric m)
{
	if ((unsigned)m < UPLIFT_N_BUILTIN && phrase[m])
		return phrase[m];
	return (unsigned)m < UPLIFT_N_METRICS ? uplift_metric_name(d->set, m) : "the decision metric";
}

static const char *arm_name(const struct uplift_analysis *an, size_t a)
{
	return a < an->n_arms ? an->arm_names[a] : "no arm";
}

/* The leader's advantage with its interval: "+0.60 [-0.10, +1.30]", rates in points. */
static const char *advantage(char *buf, size_t n, const struct uplift_decision *d)
{
	char ci[UPLIFT_NUMFMT_CI];

	uplift_numfmt_diff_ci(ci, sizeof(ci), d->set, d->metric, d->diff, d->diff_lo, d->diff_hi);
	snprintf(buf, n, "%s%s", ci,
		 (unsigned)d->metric < UPLIFT_N_METRICS &&
			 uplift_metric_kind(d->set, d->metric) == UPLIFT_PROPORTION
		     ? " pp"
		     : "");
	return buf;
}

/*
 * A count of users for a sentence: rounded up to 3 significant digits
 * ("about" precedes it) and grouped by thousands: 12,387 -> "12,400".
 */
static const char *users_text(char *buf, size_t n, double v)
{
	char digits[32];
	double scale = 1;
	size_t len, k = 0;

	while (v / scale >= 1000 && scale < 1e15)
		scale *= 10;
	v = ceil(v / scale) * scale;
	snprintf(digits, sizeof(digits), "%.0f", v);
	len = strlen(digits);
	for (size_t i = 0; i < len && k + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

/* A guardrail margin: -0.05 -> "-5%", 0 -> "0%". */
static const char *margin_text(char *buf, size_t n, double margin)
{
	if (margin == 0)
		snprintf(buf, n, "0%%");
	else
		snprintf(buf, n, "%+.3g%%", 100 * margin);
	return buf;
}

/* "its advantage over 8折券 (+0.60 [+0.02, +1.18]) is above 0", or over every arm. */
static json_t *clear_clause(const struct uplift_analysis *an, const struct uplift_decision *d)
{
	char adv[UPLIFT_NUMFMT_CI + 8];

	advantage(adv, sizeof(adv), d);
	if (an->n_arms > 2)
		return json_sprintf("its advantage over every other arm is above 0 (over %s, the "
				    "closest: %s)",
				    arm_name(an, d->runner_up), adv);
	return json_sprintf("its advantage over %s (%s) is above 0", arm_name(an, d->runner_up),
			    adv);
}

/*
 * "order value (lower bound -7.3% against control, margin -5%)" for each
 * guardrail that fails, joined by "and"; *n_fail counts them.
 */
static json_t *failing_guardrails(const struct uplift_decision *d, size_t *n_fail)
{
	json_t *s = json_string("");

	*n_fail = 0;
	for (size_t i = 0; s && i < d->n_guardrails && i < UPLIFT_MAX_GUARDRAILS; i++) {
		const struct uplift_guardrail *g = &d->guardrails[i];
		char lo[64], m[32];
		json_t *next;
		if (g->holds)
			continue;
		++*n_fail;
		if (isfinite(g->lift_lo))
			next =
			    json_sprintf("%s%s%s (lower bound %s against control, margin %s)",
					 json_string_value(s), json_string_length(s) ? " and " : "",
					 metric_phrase(d, g->metric),
					 uplift_numfmt_lift(lo, sizeof(lo), g->lift_lo),
					 margin_text(m, sizeof(m), g->margin));
		else
			next =
			    json_sprintf("%s%s%s (its change against control cannot be computed)",
					 json_string_value(s), json_string_length(s) ? " and " : "",
					 metric_phrase(d, g->metric));
		json_decref(s);
		s = next;
	}
	return s;
}

/* The sentence of "reason". */
static json_t *reason_json(const struct uplift_analysis *an, const struct uplift_decision *d)
{
	const char *leader = arm_name(an, d->leader), *what = metric_phrase(d, d->metric);
	char adv[UPLIFT_NUMFMT_CI + 8], users[48];
	json_t *clause, *fails, *out = NULL;
	size_t n_fail;

	switch (d->why) {
	case UPLIFT_DECISION_CLEAR:
		if (!(clause = clear_clause(an, d)))
			return NULL;
		out = json_sprintf("%s has the highest %s and %s%s: %s it.", leader, what,
				   json_string_value(clause),
				   d->n_guardrails ? ", and its guardrails hold" : "",
				   d->leader == an->control ? "keep" : "ship");
		json_decref(clause);
		return out;
	case UPLIFT_DECISION_NOT_CLEAR:
		advantage(adv, sizeof(adv), d);
		if (isfinite(d->users_per_arm))
			return json_sprintf("%s has the highest %s, but its advantage over %s (%s) "
					    "includes 0; about %s users per arm would settle it.",
					    leader, what, arm_name(an, d->runner_up), adv,
					    users_text(users, sizeof(users), d->users_per_arm));
		return json_sprintf(
		    "%s has the highest %s, but its advantage over %s (%s) includes "
		    "0; how many users per arm would settle it cannot be computed%s%s%s.",
		    leader, what, arm_name(an, d->runner_up), adv, d->reason ? " (" : "",
		    d->reason ? d->reason : "", d->reason ? ")" : "");
	case UPLIFT_DECISION_GUARDRAIL:
		clause = clear_clause(an, d);
		fails = failing_guardrails(d, &n_fail);
		if (clause && fails)
			out = json_sprintf(
			    "%s has the highest %s and %s, but it fails its guardrail%s "
			    "on %s: nothing to ship until that is settled.",
			    leader, what, json_string_value(clause), n_fail > 1 ? "s" : "",
			    json_string_value(fails));
		json_decref(fails);
		json_decref(clause);
		return out;
	case UPLIFT_DECISION_NO_METRIC:
		return json_sprintf(
		    "the decision metric, %s, is not in the data analyzed%s, so no "
		    "arm is chosen.",
		    uplift_metric_name(d->set, d->metric),
		    d->metric == UPLIFT_PROFIT
			? " (profit needs [economics] gross_margin in experiment.ini)"
			: "");
	case UPLIFT_DECISION_NOT_COMPUTABLE:
	default:
		if (d->leader < an->n_arms && d->runner_up < an->n_arms)
			return json_sprintf("the difference in %s between %s and %s cannot be "
					    "computed%s%s%s, so no arm is chosen.",
					    what, leader, arm_name(an, d->runner_up),
					    d->reason ? " (" : "", d->reason ? d->reason : "",
					    d->reason ? ")" : "");
		return json_sprintf("the arms cannot be compared on %s%s%s%s, so no arm is chosen.",
				    what, d->reason ? " (" : "", d->reason ? d->reason : "",
				    d->reason ? ")" : "");
	}
}

static json_t *guardrails_json(const struct uplift_decision *d)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < d->n_guardrails && i < UPLIFT_MAX_GUARDRAILS; i++) {
		const struct uplift_guardrail *g = &d->guardrails[i];
		json_array_append_new(
		    arr, json_pack("{s:s, s:o, s:o, s:b}", "metric", uplift_metric_name(d->set, g->metric),
				   "margin", uplift_format_json_num(g->margin), "lift_ci_low",
				   uplift_format_json_num(g->lift_lo), "holds", g->holds));
	}
	return arr;
}

static const char *why_name(enum uplift_decision_why why)
{
	switch (why) {
	case UPLIFT_DECISION_CLEAR:
		return "clear";
	case UPLIFT_DECISION_NOT_CLEAR:
		return "not_clear";
	case UPLIFT_DECISION_GUARDRAIL:
		return "guardrail";
	case UPLIFT_DECISION_NO_METRIC:
		return "no_metric";
	default:
		return "not_computable";
	}
}

json_t *uplift_format_json_decision(const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	const struct uplift_decision *d = &an->decision;
	json_t *reason = reason_json(an, d), *o;
	long t = d->targeting;

	o = json_pack(
	    "{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:s, s:o, s:o, s:o}", "metric",
	    uplift_metric_name(d->set, d->metric), "ship", uplift_format_json_arm(an, d->ship), "leader",
	    uplift_format_json_arm(an, d->leader), "runner_up",
	    uplift_format_json_arm(an, d->runner_up), "leader_value",
	    uplift_format_json_num(d->leader_value), "runner_up_value",
	    uplift_format_json_num(d->runner_up_value), "diff", uplift_format_json_num(d->diff),
	    "diff_ci_low", uplift_format_json_num(d->diff_lo), "diff_ci_high",
	    uplift_format_json_num(d->diff_hi), "clear", d->clear, "guardrails", guardrails_json(d),
	    "why", why_name(d->why), "reason", reason ? reason : json_null(), "users_per_arm",
	    uplift_format_json_count(d->users_per_arm), "targeting",
	    t >= 0 && (size_t)t < an->n_columns ? json_string(an->columns[t].name) : json_null());
	return o;
}
