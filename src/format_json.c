/*
 * format_json.c - the contract's JSON document, built with jansson (which
 * also does the string escaping). NaN never reaches the output: every
 * number goes through num(), which writes null for anything not finite
 * (uplift_format_json_num for the other files of the document).
 */
#include "format_json_internal.h"
#include "uplift_date.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *count(double v)
{
	return isfinite(v) ? json_integer((json_int_t)v) : json_null();
}

json_t *uplift_format_json_num(double v)
{
	return num(v);
}

json_t *uplift_format_json_count(double v)
{
	return count(v);
}

json_t *uplift_format_json_arm(const struct uplift_analysis *an, size_t a)
{
	return a < an->n_arms ? json_string(an->arm_names[a]) : json_null();
}

const char *uplift_format_segment(const struct uplift_analysis *an,
				  const struct uplift_comparison *c, const char **column)
{
	const struct uplift_analysis_column *col;

	if (c->column < 0) {
		if (column)
			*column = NULL;
		return "";
	}
	col = &an->columns[c->column];
	if (column)
		*column = col->name;
	return col->values[c->value];
}

static json_t *experiment_json(const struct uplift_result *r)
{
	char start[16], end[16];

	/* no window (outcomes.csv without start and end): null, never a made-up date */
	bool w = r->exp->has_window;

	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:b, s:b}", "name", r->exp->name,
			 "control", r->exp->arms[r->an->control].name, "start",
			 w ? json_string(uplift_date_format(r->exp->start, start)) : json_null(),
			 "end", w ? json_string(uplift_date_format(r->exp->end, end)) : json_null(),
			 "alpha", num(r->an->opt.alpha), "correction",
			 uplift_stats_correction_name(r->an->opt.correction), "decide",
			 uplift_metric_name(r->an->opt.set, r->an->opt.decide), "cuped", r->an->opt.cuped,
			 "sequential", r->an->opt.sequential);
}

static json_t *data_json(const struct uplift_result *r)
{
	const struct uplift_counts *d = r->counts;
	double users = 0;
	json_t *o;

	for (size_t a = 0; a < r->an->n_arms; a++)
		users += r->an->arms[a].users;
	if (!d) /* sufficient statistics: the order counts stayed where they were made */
		return json_pack("{s:o, s:n, s:n, s:n, s:n, s:s}", "users", count(users),
				 "orders_read", "orders_in_window", "orders_outside_window",
				 "orders_unassigned", "source", "stats");
	o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:s}", "users", (json_int_t)d->users,
		      "orders_read", (json_int_t)d->orders.read, "orders_in_window",
		      (json_int_t)d->orders.used, "orders_outside_window",
		      (json_int_t)d->orders.outside, "orders_unassigned",
		      (json_int_t)d->orders.unassigned, "source",
		      d->from_outcomes ? "outcomes.csv" : "orders.csv");
	if (o) {
		json_object_set_new(o, "assignments_read",
				    json_integer((json_int_t)d->assignments_read));
		json_object_set_new(o, "assignments_duplicate",
				    json_integer((json_int_t)d->assignments_duplicate));
		json_object_set_new(o, "orders_duplicate",
				    json_integer((json_int_t)d->orders.duplicate));
		/* refund rows netted ([columns] refunds = net), in or outside the window */
		json_object_set_new(o, "refund_rows",
				    json_integer((json_int_t)d->orders.refund_rows));
	}
	if (o && d->has_history) {
		json_object_set_new(o, "history_read", json_integer((json_int_t)d->history.read));
		json_object_set_new(o, "history_used", json_integer((json_int_t)d->history.used));
		json_object_set_new(o, "history_after_asof",
				    json_integer((json_int_t)d->history.outside));
		json_object_set_new(o, "history_unassigned",
				    json_integer((json_int_t)d->history.unassigned));
		json_object_set_new(o, "history_duplicate",
				    json_integer((json_int_t)d->history.duplicate));
		json_object_set_new(o, "history_refund_rows",
				    json_integer((json_int_t)d->history.refund_rows));
	}
	if (o && r->post) /* post_days: in the post period */
		json_object_set_new(o, "orders_post", json_integer((json_int_t)d->orders.post));
	if (o && d->has_exposure) /* left out of a within_days metric: their days are not over */
		json_object_set_new(o, "not_yet_exposed",
				    json_integer((json_int_t)d->not_yet_exposed));
	if (o && d->from_outcomes) {
		json_object_set_new(o, "outcomes_read", json_integer((json_int_t)d->outcomes_read));
		json_object_set_new(o, "outcomes_unassigned",
				    json_integer((json_int_t)d->outcomes_unassigned));
	}
	return o;
}

static json_t *srm_json(const struct uplift_srm_result *s)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:b}", "chi2", num(s->chi2), "df", count(s->df),
			      "p_value", num(s->p), "mismatch", s->mismatch);
	if (o && s->reason && isnan(s->p))
		json_object_set_new(o, "reason", json_string(s->reason));
	return o;
}

static json_t *arms_json(const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	json_t *arr = json_array();

	for (size_t a = 0; arr && a < an->n_arms; a++) {
		json_t *metrics = json_object();
		json_t *arm = json_pack("{s:s, s:o}", "arm", an->arm_names[a], "users",
					count(an->arms[a].users));
		if (r->exp->arms[a].label)
			json_object_set_new(arm, "label", json_string(r->exp->arms[a].label));
		for (int m = 0; m < UPLIFT_N_METRICS; m++) {
			const struct uplift_value *v = &an->arms[a].metric[m];
			json_t *mv;
			if (!(an->metrics & UPLIFT_METRIC_BIT(m)) ||
			    uplift_metric_is_twin(an->opt.set, m))
				continue;
			mv = json_pack("{s:o, s:o, s:o}", "value", num(v->value), "ci_low",
				       num(v->lo), "ci_high", num(v->hi));
			if (v->reason)
				json_object_set_new(mv, "reason", json_string(v->reason));
			uplift_format_json_cap_arm(mv, an, a, m);
			json_object_set_new(metrics, uplift_metric_name(r->an->opt.set, m), mv);
		}
		json_object_set_new(arm, "metrics", metrics);
		json_array_append_new(arr, arm);
	}
	return arr;
}

/* {"column", "value"} of a --by column's value; null for the overall result (column -1). */
static json_t *segment_json(const struct uplift_analysis *an, long column, size_t value)
{
	const struct uplift_analysis_column *col;

	if (column < 0 || (size_t)column >= an->n_columns)
		return json_null();
	col = &an->columns[column];
	if (value >= col->n_values)
		return json_null();
	return json_pack("{s:s, s:s}", "column", col->name, "value", col->values[value]);
}

static json_t *comparison_json(const struct uplift_result *r, const struct uplift_comparison *c)
{
	const struct uplift_analysis *an = r->an;
	json_t *seg = segment_json(an, c->column, c->value);
	json_t *o = json_pack(
	    "{s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
	    " s:b, s:o, s:o, s:b}",
	    "segment", seg, "baseline", uplift_format_json_arm(an, c->baseline), "arm",
	    an->arm_names[c->arm], "metric", uplift_metric_name(r->an->opt.set, c->metric), "n_control",
	    count(c->n_control), "n_treatment", count(c->n_treatment), "control", num(c->control),
	    "treatment", num(c->treatment), "diff", num(c->diff), "diff_ci_low", num(c->diff_lo),
	    "diff_ci_high", num(c->diff_hi), "lift", num(c->lift), "lift_ci_low", num(c->lift_lo),
	    "lift_ci_high", num(c->lift_hi), "tested", c->tested, "p_value", num(c->p),
	    "p_adjusted", num(c->p_adjusted), "significant", c->significant);
	if (o) {
		json_object_set_new(o, "small", json_boolean(c->small));
		json_object_set_new(o, "chance_to_win", num(c->chance_to_win));
		json_object_set_new(o, "expected_loss_treatment", num(c->loss_treatment));
		json_object_set_new(o, "expected_loss_control", num(c->loss_control));
		if (c->cuped)
			json_object_set_new(o, "cuped",
					    json_pack("{s:o, s:o}", "theta", num(c->theta),
						      "variance_reduction",
						      num(c->variance_reduction)));
		if (c->cuped_note)
			json_object_set_new(o, "cuped_note", json_string(c->cuped_note));
		if (c->sequential)
			json_object_set_new(o, "sequential",
					    json_pack("{s:o, s:o}", "tau2", num(c->tau2),
						      "expected_users",
						      num(r->an->opt.expected_users)));
	}
	if (o && c->reason)
		json_object_set_new(o, "reason", json_string(c->reason));
	return o;
}

/* The overall comparisons of analysis an (the post period's or net), as the top level's. */
static json_t *period_json(const struct uplift_result *r, const struct uplift_analysis *an)
{
	struct uplift_result pr = *r;
	json_t *arr = json_array();

	pr.an = an;
	for (size_t i = 0; arr && i < an->n_cmp; i++) {
		json_t *o;
		if (an->cmp[i].column != -1 || uplift_metric_is_twin(an->opt.set, an->cmp[i].metric))
			continue;
		o = comparison_json(&pr, &an->cmp[i]);
		uplift_format_json_cap(o, an, an->cmp, an->n_cmp, &an->cmp[i]);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* post_days: "post": {"start", "end", "days", "comparisons", "net"}. */
static json_t *post_json(const struct uplift_result *r)
{
	char a[16], b[16];

	return json_pack("{s:s, s:s, s:i, s:o, s:o}", "start",
			 uplift_date_format(r->exp->end + 1, a), "end",
			 uplift_date_format(r->exp->end + r->exp->post_days, b), "days",
			 r->exp->post_days, "comparisons", period_json(r, r->post), "net",
			 period_json(r, r->net));
}

static json_t *heterogeneity_json(const struct uplift_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->n_het; i++) {
		const struct uplift_heterogeneity *h = &an->het[i];
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:I}", "column",
				   an->columns[h->column].name, "arm", an->arm_names[h->arm],
				   "metric", uplift_metric_name(an->opt.set, h->metric), "q", num(h->q), "df",
				   count(h->df), "p_value", num(h->p), "i2", num(h->i2),
				   "values_used", (json_int_t)h->used));
	}
	return arr;
}

static json_t *best_json(const struct uplift_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->n_best; i++) {
		const struct uplift_best *b = &an->best[i];
		const struct uplift_analysis_column *col = &an->columns[b->column];
		bool ok = b->arm != SIZE_MAX && b->runner_up != SIZE_MAX;
		json_t *o = json_pack(
		    "{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:b}", "column",
		    col->name, "value", col->values[b->value], "metric",
		    uplift_metric_name(an->opt.set, b->cmp.metric), "arm",
		    b->arm != SIZE_MAX ? json_string(an->arm_names[b->arm]) : json_null(),
		    "runner_up", ok ? json_string(an->arm_names[b->runner_up]) : json_null(),
		    "value_best", num(ok ? b->cmp.treatment : NAN), "value_runner_up",
		    num(ok ? b->cmp.control : NAN), "diff", num(b->cmp.diff), "diff_ci_low",
		    num(b->cmp.diff_lo), "diff_ci_high", num(b->cmp.diff_hi), "clear", b->clear,
		    "small", b->cmp.small);
		if (o && b->cmp.reason)
			json_object_set_new(o, "reason", json_string(b->cmp.reason));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *segment_srm_json(const struct uplift_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->n_seg_srm; i++) {
		const struct uplift_segment_srm *r = &an->seg_srm[i];
		const struct uplift_analysis_column *col = &an->columns[r->column];
		json_t *o =
		    json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:b}", "column", col->name, "value",
			      col->values[r->value], "chi2", num(r->srm.chi2), "df",
			      count(r->srm.df), "p_value", num(r->srm.p), "p_adjusted",
			      num(r->p_adjusted), "mismatch", r->srm.mismatch);
		if (o && r->srm.reason && isnan(r->srm.p))
			json_object_set_new(o, "reason", json_string(r->srm.reason));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *plans_json(const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < r->n_plans; i++) {
		const struct uplift_plan *p = r->plans[i];
		const struct uplift_analysis_column *col = &an->columns[p->column];
		json_t *rows = json_array(), *o;

		for (size_t k = 0; k < p->n_rows; k++) {
			const struct uplift_plan_row *row = &p->rows[k];
			json_array_append_new(
			    rows,
			    json_pack("{s:s, s:o, s:o, s:b}", "value", col->values[row->value],
				      "users", count(row->users), "arm",
				      row->arm != SIZE_MAX ? json_string(an->arm_names[row->arm])
							   : json_null(),
				      "folds_agree", row->folds_agree));
			json_object_set_new(json_array_get(rows, json_array_size(rows) - 1),
					    "agreement", num(p->reason ? NAN : row->agreement));
		}
		o = json_pack(
		    "{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
		    "s:s, s:I}",
		    "column", col->name, "metric", uplift_metric_name(r->an->opt.set, p->metric), "plan", rows,
		    "plan_value", num(p->plan), "plan_value_ci_low", num(p->plan_lo),
		    "plan_value_ci_high", num(p->plan_hi), "best_single_arm",
		    p->single_arm != SIZE_MAX ? json_string(an->arm_names[p->single_arm])
					      : json_null(),
		    "single_arm_value", num(p->single), "single_arm_value_ci_low",
		    num(p->single_lo), "single_arm_value_ci_high", num(p->single_hi), "gain",
		    num(p->gain), "gain_ci_low", num(p->gain_lo), "gain_ci_high", num(p->gain_hi),
		    "method", "cross-fitted over random halves", "seed", (json_int_t)p->seed);
		if (o)
			json_object_set_new(o, "splits", json_integer(p->splits));
		if (o && p->reason)
			json_object_set_new(o, "reason", json_string(p->reason));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* key, key_ci_low, key_ci_high of interval v. */
static void set_interval(json_t *o, const char *key, const struct uplift_interval *v)
{
	char name[64];

	json_object_set_new(o, key, num(v->est));
	snprintf(name, sizeof(name), "%s_ci_low", key);
	json_object_set_new(o, name, num(v->lo));
	snprintf(name, sizeof(name), "%s_ci_high", key);
	json_object_set_new(o, name, num(v->hi));
}

/* Overall entries first, then per --by column value, in the analysis's order. */
static json_t *economics_json(const struct uplift_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->n_econ; i++) {
		const struct uplift_economics *e = &an->econ[i];
		json_t *o = json_pack(
		    "{s:o, s:s, s:o}", "segment", segment_json(an, e->column, e->value), "arm",
		    an->arm_names[e->arm], "discount_per_user", num(e->discount_per_user));
		if (!o)
			continue;
		set_interval(o, "incremental_revenue", &e->revenue);
		set_interval(o, "incremental_profit", &e->profit);
		set_interval(o, "cost_per_incremental_buyer", &e->cost_per_incremental_buyer);
		json_object_set_new(o, "gross_margin", num(an->opt.gross_margin));
		json_object_set_new(o, "redemption_rate", num(e->redemption_rate));
		set_interval(o, "effect_per_redeemer", &e->per_redeemer);
		/* the share of redeemers who were extra buyers (conversion diff / redemption) */
		set_interval(o, "incremental_buyers_per_redeemer",
			     &e->incremental_share_of_redeemers);
		if (e->reason)
			json_object_set_new(o, "reason", json_string(e->reason));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *uplift_format_json(const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	json_t *root = json_object(), *warnings = json_array(), *cmp = json_array();
	json_t *pairs = json_array();

	if (!root || !warnings || !cmp || !pairs) {
		json_decref(root);
		json_decref(warnings);
		json_decref(cmp);
		json_decref(pairs);
		return NULL;
	}
	json_object_set_new(root, "warnings", warnings);
	json_object_set_new(root, "experiment", experiment_json(r));
	json_object_set_new(root, "data", data_json(r));
	json_object_set_new(root, "srm", srm_json(&an->srm));
	json_object_set_new(root, "checks", uplift_format_json_checks(r, warnings));
	json_object_set_new(root, "decision", uplift_format_json_decision(r));
	json_object_set_new(root, "arms", arms_json(r));
	for (size_t i = 0; i < an->n_cmp; i++) {
		json_t *o;
		if (uplift_metric_is_twin(an->opt.set, an->cmp[i].metric))
			continue; /* beside its capped metric's */
		o = comparison_json(r, &an->cmp[i]);
		uplift_format_json_cap(o, an, an->cmp, an->n_cmp, &an->cmp[i]);
		json_array_append_new(cmp, o);
	}
	json_object_set_new(root, "comparisons", cmp);
	for (size_t i = 0; i < an->n_pairs; i++) {
		json_t *o;
		if (uplift_metric_is_twin(an->opt.set, an->pairs[i].metric))
			continue;
		o = comparison_json(r, &an->pairs[i]);
		uplift_format_json_cap(o, an, an->pairs, an->n_pairs, &an->pairs[i]);
		json_array_append_new(pairs, o);
	}
	json_object_set_new(root, "pairs", pairs);
	if (r->post && r->net)
		json_object_set_new(root, "post", post_json(r));
	if (an->opt.gross_margin > 0)
		json_object_set_new(root, "economics", economics_json(an));
	if (an->n_columns) {
		json_object_set_new(root, "heterogeneity", heterogeneity_json(an));
		json_object_set_new(root, "best", best_json(an));
		json_object_set_new(root, "segment_srm", segment_srm_json(an));
		json_object_set_new(root, "targeting", plans_json(r));
	}
	return root;
}
