/*
 * format_json_cap.c - a capped metric in the JSON: the cap used and its
 * uncapped result beside the capped one (../shared/CONTRACT.md
 * "Capping"). The uncapped twin (uplift_metric_set_twins) is computed as
 * a metric of its own; here it is found again and folded into the capped
 * metric's entries instead of being listed on its own.
 */
#include "format_json_internal.h"
#include "uplift_suff.h"

#include <math.h>

/* The comparison of c's uncapped twin in list[0..n): the same group, arms and twin metric. */
static const struct uplift_comparison *twin_of(const struct uplift_comparison *list, size_t n,
					       const struct uplift_comparison *c, int twin)
{
	for (size_t i = 0; i < n; i++) {
		const struct uplift_comparison *t = &list[i];
		if ((int)t->metric == twin && t->column == c->column && t->value == c->value &&
		    t->arm == c->arm && t->baseline == c->baseline)
			return t;
	}
	return NULL;
}

void uplift_format_json_cap(json_t *o, const struct uplift_analysis *an,
			    const struct uplift_comparison *list, size_t n,
			    const struct uplift_comparison *c)
{
	const struct uplift_metric_def *def = uplift_metric_def(an->opt.set, (int)c->metric);
	const struct uplift_comparison *t;

	if (!o || !def || def->uncapped >= UPLIFT_N_METRICS)
		return;
	json_object_set_new(o, "cap", uplift_format_json_num(an->suff ? an->suff->cap[c->metric] : NAN));
	if (!(t = twin_of(list, n, c, def->uncapped)))
		return;
	json_object_set_new(o, "uncapped",
			    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "control",
				      uplift_format_json_num(t->control), "treatment", uplift_format_json_num(t->treatment), "diff",
				      uplift_format_json_num(t->diff), "diff_ci_low", uplift_format_json_num(t->diff_lo), "diff_ci_high",
				      uplift_format_json_num(t->diff_hi), "lift", uplift_format_json_num(t->lift), "lift_ci_low",
				      uplift_format_json_num(t->lift_lo), "lift_ci_high", uplift_format_json_num(t->lift_hi), "p_value",
				      uplift_format_json_num(t->p)));
}

void uplift_format_json_cap_arm(json_t *mv, const struct uplift_analysis *an, size_t arm, int m)
{
	const struct uplift_metric_def *def = uplift_metric_def(an->opt.set, m);
	const struct uplift_value *v;

	if (!mv || !def || def->uncapped >= UPLIFT_N_METRICS)
		return;
	v = &an->arms[arm].metric[def->uncapped];
	json_object_set_new(mv, "cap", uplift_format_json_num(an->suff ? an->suff->cap[m] : NAN));
	json_object_set_new(mv, "uncapped", json_pack("{s:o, s:o, s:o}", "value", uplift_format_json_num(v->value),
						      "ci_low", uplift_format_json_num(v->lo), "ci_high",
						      uplift_format_json_num(v->hi)));
}
