/*
 * experiment_decision.c - [decision] in experiment.ini: the metric that
 * picks the arm to ship and the guardrails it must not break
 * (uplift_decision.h, ../shared/CONTRACT.md "decision").
 *
 *   [decision]
 *   metric     = profit             ; a tested metric; profit needs [economics]
 *   guardrails = aov -5%, conversion 0
 *
 * A guardrail is METRIC MARGIN, the margin a relative change: `-5%` is
 * -0.05, and a plain fraction (`-0.05`, `0`) is accepted too. Every error
 * names the file, the line and the key, and says what is wrong.
 */
#include "experiment_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TESTED "conversion, repurchase, revenue, orders, aov, profit or a [metric NAME]"

static enum uplift_status bad(struct uplift_error *err, const char *path, long line,
			      const char *key, const char *what)
{
	return uplift_error_set(err, UPLIFT_EINPUT, path, line, NULL, "[decision] %s: %s", key,
				what);
}

/* The metric called name[0..len), tested; else why it cannot be in msg. */
static bool tested_metric(const struct uplift_metric_set *set, const char *name, size_t len,
			  enum uplift_metric *m, const char *role, char *msg, size_t size)
{
	char word[64];
	int k;

	snprintf(word, sizeof(word), "%.*s", (int)(len < sizeof(word) ? len : sizeof(word) - 1),
		 name);
	if (len == 0) {
		snprintf(msg, size, "expected a metric name (%s)", TESTED);
		return false;
	}
	if (len >= sizeof(word) || (k = uplift_metric_parse(set, word)) < 0) {
		snprintf(msg, size, "unknown metric '%.*s' (expected %s)", (int)len, name, TESTED);
		return false;
	}
	if (!uplift_metric_tested(set, (enum uplift_metric)k)) {
		snprintf(msg, size,
			 "%s describes the coupon's cost: it is reported, never tested, so it "
			 "cannot be %s (expected %s)",
			 word, role, TESTED);
		return false;
	}
	*m = (enum uplift_metric)k;
	return true;
}

/*
 * A margin: a number with or without %, above -100%. A plain number is a
 * fraction, so one of 1 or more in size (-5 = -500%) is taken for a
 * forgotten % and refused.
 */
static bool parse_margin(const char *s, size_t len, double *out, char *msg, size_t size)
{
	char num[64], *end;
	bool percent = len > 0 && s[len - 1] == '%';
	size_t n = len - percent;
	double v;

	if (n == 0 || n >= sizeof(num) || strspn(s, "+-.0123456789") < n) {
		snprintf(msg, size,
			 "the margin '%.*s' is not a relative change such as -5%% or -0.05",
			 (int)len, s);
		return false;
	}
	memcpy(num, s, n);
	num[n] = '\0';
	errno = 0;
	v = strtod(num, &end);
	if (end != num + n || errno == ERANGE || !isfinite(v)) {
		snprintf(msg, size,
			 "the margin '%.*s' is not a relative change such as -5%% or -0.05",
			 (int)len, s);
		return false;
	}
	if (!percent && fabs(v) >= 1) {
		snprintf(
		    msg, size,
		    "the margin '%.*s' without %% is a fraction (%.*s = %g%%); write %.*s%% for "
		    "percent",
		    (int)len, s, (int)len, s, v * 100, (int)len, s);
		return false;
	}
	if (percent)
		v /= 100;
	if (v <= -1) {
		snprintf(msg, size,
			 "the margin '%.*s' is at or below -100%%: nothing could break it",
			 (int)len, s);
		return false;
	}
	*out = v == 0 ? 0 : v; /* -0% is 0 */
	return true;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* One "METRIC MARGIN" of s[0..len), trimmed; appended to d. */
static bool guardrail(const struct uplift_metric_set *set, const char *s, size_t len,
		      struct uplift_decision_def *d, char *msg, size_t size)
{
	struct uplift_guardrail_def g;
	size_t w = 0, m;

	while (len > 0 && blank(s[0]))
		s++, len--;
	while (len > 0 && blank(s[len - 1]))
		len--;
	if (len == 0) {
		snprintf(msg, size,
			 "an empty guardrail (expected METRIC MARGIN, such as aov -5%%)");
		return false;
	}
	while (w < len && !blank(s[w]))
		w++;
	m = w;
	while (m < len && blank(s[m]))
		m++;
	if (m == len || memchr(s + m, ' ', len - m) || memchr(s + m, '\t', len - m)) {
		snprintf(msg, size, "expected METRIC MARGIN, such as aov -5%%, got '%.*s'",
			 (int)len, s);
		return false;
	}
	if (!tested_metric(set, s, w, &g.metric, "a guardrail", msg, size) ||
	    !parse_margin(s + m, len - m, &g.margin, msg, size))
		return false;
	for (size_t i = 0; i < d->n_guardrails; i++)
		if (d->guardrails[i].metric == g.metric) {
			snprintf(msg, size, "%s has two guardrails", uplift_metric_name(set, g.metric));
			return false;
		}
	if (d->n_guardrails == UPLIFT_MAX_GUARDRAILS) {
		snprintf(msg, size, "more than %d guardrails", UPLIFT_MAX_GUARDRAILS);
		return false;
	}
	d->guardrails[d->n_guardrails++] = g;
	return true;
}

enum uplift_status uplift_experiment_decision_key(struct uplift_decision_def *d,
						  const struct uplift_metric_set *set, int k,
						  const char *value, const char *path, long line,
						  struct uplift_error *err)
{
	char msg[400];

	if (k == 0) {
		if (!tested_metric(set, value, strlen(value), &d->metric, "the decision metric", msg,
				   sizeof(msg)))
			return bad(err, path, line, "metric", msg);
		d->has_metric = true;
		return UPLIFT_OK;
	}
	/* guardrails: none when the value is empty */
	if (value[strspn(value, " \t")] == '\0')
		return UPLIFT_OK;
	for (const char *p = value;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (!guardrail(set, p, len, d, msg, sizeof(msg)))
			return bad(err, path, line, "guardrails", msg);
		if (!comma)
			return UPLIFT_OK;
		p = comma + 1;
	}
}

enum uplift_status uplift_experiment_decision_check(const struct uplift_experiment *exp,
						    const char *path, long metric_line,
						    long guardrails_line, struct uplift_error *err)
{
	const struct uplift_decision_def *d = &exp->decision;

	if (exp->has_economics)
		return UPLIFT_OK;
	if (d->has_metric && d->metric == UPLIFT_PROFIT)
		return bad(err, path, metric_line, "metric",
			   "profit needs [economics] gross_margin (profit = gross_margin x "
			   "amount - discount)");
	for (size_t i = 0; i < d->n_guardrails; i++)
		if (d->guardrails[i].metric == UPLIFT_PROFIT)
			return bad(err, path, guardrails_line, "guardrails",
				   "profit needs [economics] gross_margin (profit = "
				   "gross_margin x amount - discount)");
	return UPLIFT_OK;
}
