/*
 * target_json.c - uplift target's JSON object (CONTRACT.md, "Per-member
 * targeting"): numbers as numbers, null where the data cannot support one.
 */
#include "target_internal.h"
#include "uplift_data.h"
#include "uplift_experiment.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static const char *arm_name(const struct uplift_target *t, size_t a)
{
	return a < t->exp->n_arms ? t->exp->arms[a].name : NULL;
}

static void set_value(json_t *o, const char *key, const struct uplift_target_value *v)
{
	char k[64];

	json_object_set_new(o, key, num(v->value));
	snprintf(k, sizeof(k), "%s_ci_low", key);
	json_object_set_new(o, k, num(v->lo));
	snprintf(k, sizeof(k), "%s_ci_high", key);
	json_object_set_new(o, k, num(v->hi));
}

/* The verdict's reason, in a sentence. */
void target_verdict_reason(const struct uplift_target *t, char *buf, size_t size, bool zh)
{
	if (zh) {
		if (t->reason)
			snprintf(buf, size,
				 "数据不足：某一折中某个方案的会员少于 %d 人，无法在留出会员上估值",
				 UPLIFT_TARGET_MIN_FOLD_ARM);
		else if (t->pays)
			snprintf(buf, size,
				 "在留出会员上，逐会员策略比最优单一方案（%s）每会员多 %.4g [%.4g, "
				 "%.4g]%s",
				 arm_name(t, t->best_arm), t->gain.value, t->gain.lo, t->gain.hi,
				 t->n_plans ? "，且优于每个分群方案（区间高于 0）" : "");
		else
			snprintf(buf, size, "策略相对最优单一方案（%s）的增益 %.4g [%.4g, %.4g]%s",
				 arm_name(t, t->best_arm), t->gain.value, t->gain.lo, t->gain.hi,
				 t->gain.lo > 0 ? "，但未能以高于 0 的区间胜过每个分群方案"
						: "，区间未能高于 0");
		return;
	}
	if (t->reason) {
		snprintf(buf, size, "%s", t->reason);
		return;
	}
	if (t->pays) {
		snprintf(
		    buf, size,
		    "the per-member policy beats the best single arm (%s) by %.4g [%.4g, %.4g] "
		    "per member on held-out members%s",
		    arm_name(t, t->best_arm), t->gain.value, t->gain.lo, t->gain.hi,
		    t->n_plans ? " and every segment plan with an interval above 0" : "");
		return;
	}
	if (!(t->gain.lo > 0)) {
		snprintf(buf, size,
			 "the policy's gain over the best single arm (%s), %.4g [%.4g, %.4g] per "
			 "member, has an interval that does not stay above 0",
			 arm_name(t, t->best_arm), t->gain.value, t->gain.lo, t->gain.hi);
		return;
	}
	for (size_t c = 0; c < t->n_plans; c++)
		if (!(t->plans[c].gain.lo > 0)) {
			snprintf(buf, size,
				 "the policy does not beat the segment plan of %s with an interval "
				 "above 0: %.4g [%.4g, %.4g] per member",
				 t->plans[c].column, t->plans[c].gain.value, t->plans[c].gain.lo,
				 t->plans[c].gain.hi);
			return;
		}
	snprintf(buf, size, "cannot support targeting");
}

static json_t *build(const struct uplift_target *t)
{
	json_t *o = json_object(), *a, *x;
	const struct uplift_experiment *e = t->exp;
	char why[512];

	json_object_set_new(o, "experiment", json_string(e->name));
	json_object_set_new(o, "metric", json_string(t->metric_name));
	json_object_set_new(o, "unit", json_string(t->unit));
	json_object_set_new(o, "net_of_coupon_cost", json_boolean(t->net_of_cost));
	json_object_set_new(o, "control", json_string(arm_name(t, e->control)));
	json_object_set_new(o, "folds", json_integer(t->folds));
	json_object_set_new(o, "seed", json_integer((json_int_t)t->seed));
	json_object_set_new(o, "alpha", json_real(t->alpha));
	json_object_set_new(o, "n_users", json_integer((json_int_t)t->n_users));
	a = json_array();
	for (size_t i = 0; i < t->n_features; i++)
		json_array_append_new(
		    a,
		    json_pack("{s:s, s:s, s:s, s:i, s:i, s:f}", "name", t->features[i].name, "type",
			      t->features[i].numeric ? "numeric" : "categorical", "source",
			      t->features[i].history ? "history.csv" : "assignments.csv", "bins",
			      (int)t->features[i].bins, "splits", (int)t->features[i].splits,
			      "importance", t->features[i].importance));
	json_object_set_new(o, "features", a);
	a = json_array();
	for (size_t i = 0; i < t->n_left_out; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "name", t->left_out[i].name,
						   "reason", t->left_out[i].reason));
	json_object_set_new(o, "features_left_out", a);
	set_value(o, "policy_value", &t->policy);
	json_object_set_new(o, "best_arm",
			    t->best_arm < e->n_arms ? json_string(arm_name(t, t->best_arm))
						    : json_null());
	set_value(o, "best_arm_value", &t->best);
	x = json_array();
	for (size_t k = 0; k < t->folds && t->best_arm_by_fold; k++)
		json_array_append_new(x, t->best_arm_by_fold[k] < e->n_arms
					     ? json_string(arm_name(t, t->best_arm_by_fold[k]))
					     : json_null());
	json_object_set_new(o, "best_arm_by_fold", x);
	set_value(o, "control_value", &t->control);
	set_value(o, "gain", &t->gain);
	x = json_object();
	for (size_t k = 0; k < e->n_arms; k++)
		json_object_set_new(x, arm_name(t, k), num(t->arm_share[k]));
	json_object_set_new(o, "policy_arm_share", x);
	a = json_array();
	for (size_t c = 0; c < t->n_plans; c++) {
		json_t *p = json_object();
		json_object_set_new(p, "column", json_string(t->plans[c].column));
		set_value(p, "value", &t->plans[c].value);
		set_value(p, "gain", &t->plans[c].gain);
		json_array_append_new(a, p);
	}
	json_object_set_new(o, "segment_plans", a);
	a = json_array();
	for (size_t q = 0; q < t->n_qini; q++) {
		json_t *pts = json_array();
		for (size_t i = 0; i < t->qini[q].n_points; i++)
			json_array_append_new(
			    pts, json_pack("{s:o, s:o}", "share", num(t->qini[q].points[i].share),
					   "gain", num(t->qini[q].points[i].gain)));
		json_array_append_new(a, json_pack("{s:s, s:o, s:o}", "arm",
						   arm_name(t, t->qini[q].arm), "coefficient",
						   num(t->qini[q].coefficient), "points", pts));
	}
	json_object_set_new(o, "qini", a);
	a = json_array();
	for (size_t i = 0; i < UPLIFT_TARGET_BUDGET_POINTS; i++) {
		const struct uplift_target_point *b = &t->budget[i];
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}", "share", num(b->share),
						   "value", num(b->value), "value_ci_low",
						   num(b->lo), "value_ci_high", num(b->hi)));
	}
	json_object_set_new(o, "budget", a);
	json_object_set_new(
	    o, "verdict",
	    json_string(t->pays ? "per_member_targeting_pays" : "cannot_support_targeting"));
	target_verdict_reason(t, why, sizeof(why), false);
	json_object_set_new(o, "reason", json_string(why));
	return o;
}

bool uplift_target_json(const struct uplift_target *t, FILE *out)
{
	json_t *o = build(t);
	int rc;

	if (!o)
		return false;
	rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_REAL_PRECISION(16));
	json_decref(o);
	return rc == 0 && fputc('\n', out) != EOF;
}
