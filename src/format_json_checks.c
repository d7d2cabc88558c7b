/*
 * format_json_checks.c - the JSON "checks": what looks wrong with the test
 * itself, one object per finding of the analysis (uplift_checks.h), each
 * with one English sentence that says what is wrong and what to do (the
 * data checks' from checks_words.c). The same sentences are the document's
 * "warnings".
 */
#include "format_json_internal.h"
#include "format_internal.h"
#include "numfmt.h"

#include <math.h>

/* The values of column c whose sample ratio could be tested: Holm ran over these. */
static size_t values_tested(const struct uplift_analysis *an, size_t c)
{
	size_t n = 0;

	for (size_t i = 0; i < an->n_seg_srm; i++)
		if (an->seg_srm[i].column == c && isfinite(an->seg_srm[i].srm.p))
			n++;
	return n ? n : an->columns[c].n_values;
}

/* Whether k names a value of a --by column of an. */
static bool names_segment(const struct uplift_analysis *an, const struct uplift_check *k)
{
	return k->column >= 0 && (size_t)k->column < an->n_columns &&
	       k->value < an->columns[k->column].n_values;
}

/* The pre_period sentence, names as they are (jansson escapes them). */
static json_t *pre_period_message(const struct uplift_analysis *an, const struct uplift_check *k)
{
	char s[2048];

	return json_string(uplift_format_pre_period_words(s, sizeof(s), an, k, NULL, false));
}

/* pre_period: the arm and metric, the pre-period difference with its interval, p and Holm's p. */
static void pre_period_fields(json_t *o, const struct uplift_analysis *an,
			      const struct uplift_check *k)
{
	json_object_set_new(o, "arm", uplift_format_json_arm(an, (size_t)k->arm));
	json_object_set_new(o, "metric", json_string(uplift_metric_name(an->opt.set, k->metric)));
	json_object_set_new(o, "diff", uplift_format_json_num(k->diff));
	json_object_set_new(o, "diff_ci_low", uplift_format_json_num(k->diff_lo));
	json_object_set_new(o, "diff_ci_high", uplift_format_json_num(k->diff_hi));
	json_object_set_new(o, "p_value", uplift_format_json_num(k->p));
	json_object_set_new(o, "p_adjusted", uplift_format_json_num(k->p_adjusted));
}

/* The name of k's arm, or NULL. */
static const char *arm_of(const struct uplift_analysis *an, const struct uplift_check *k)
{
	return k->arm >= 0 && (size_t)k->arm < an->n_arms ? an->arm_names[k->arm] : NULL;
}

json_t *uplift_format_json_check_message(const struct uplift_result *r,
					 const struct uplift_check *k)
{
	const struct uplift_analysis *an = r->an;
	char p[64];

	switch (k->code) {
	case UPLIFT_CHECK_SRM:
		return json_sprintf("users per arm do not match the planned weights (chi2 %.2f, df "
				    "%.0f, p %s): check how users were assigned to the arms before "
				    "reading any effect",
				    k->chi2, k->df, uplift_numfmt_p(p, sizeof(p), k->p));
	case UPLIFT_CHECK_SEGMENT_SRM:
		if (!names_segment(an, k))
			break;
		return json_sprintf(
		    "users per arm within %s = %s do not match the planned weights "
		    "(Holm-adjusted p %s across %zu values): check how this segment "
		    "was assigned before reading its rows",
		    an->columns[k->column].name, an->columns[k->column].values[k->value],
		    uplift_numfmt_p(p, sizeof(p), k->p_adjusted),
		    values_tested(an, (size_t)k->column));
	case UPLIFT_CHECK_PRE_PERIOD:
		return pre_period_message(an, k);
	default:
		break;
	}
	if (uplift_checks_is_data(k->code)) { /* names verbatim: JSON escapes them itself */
		char buf[2048];
		return json_string(uplift_checks_words(k, r->exp, arm_of(an, k), k->names, false,
						       buf, sizeof(buf)));
	}
	return json_sprintf("%s: check the data", uplift_checks_code_name(k->code));
}

/*
 * What a data check holds: its arm, the rows found out of how many (of
 * when counted), the file and the first lines, the columns it names.
 */
static void data_fields(const struct uplift_analysis *an, const struct uplift_check *k, json_t *o)
{
	json_t *lines = json_array();

	if (arm_of(an, k))
		json_object_set_new(o, "arm", json_string(arm_of(an, k)));
	json_object_set_new(o, "count", json_integer((json_int_t)k->count));
	if (k->of)
		json_object_set_new(o, "of", json_integer((json_int_t)k->of));
	if (k->file)
		json_object_set_new(o, "file", json_string(k->file));
	for (int i = 0; lines && i < UPLIFT_CHECK_EXAMPLES; i++)
		if (k->example[i] > 0)
			json_array_append_new(lines, json_integer(k->example[i]));
	json_object_set_new(o, "lines", lines);
	if (k->names)
		json_object_set_new(o, "names", json_string(k->names));
}

/* One check as its JSON object; the message is `message` (a reference is taken). */
static json_t *check_json(const struct uplift_analysis *an, const struct uplift_check *k,
			  json_t *message)
{
	json_t *o =
	    json_pack("{s:s, s:s, s:O}", "code", uplift_checks_code_name(k->code), "severity",
		      k->severity == UPLIFT_CHECK_ERROR ? "error" : "warning", "message", message);

	if (!o)
		return NULL;
	if (names_segment(an, k)) {
		json_object_set_new(o, "column", json_string(an->columns[k->column].name));
		json_object_set_new(o, "value",
				    json_string(an->columns[k->column].values[k->value]));
	}
	if (k->code == UPLIFT_CHECK_SRM || k->code == UPLIFT_CHECK_SEGMENT_SRM) {
		json_object_set_new(o, "chi2", uplift_format_json_num(k->chi2));
		json_object_set_new(o, "df", uplift_format_json_count(k->df));
		json_object_set_new(o, "p_value", uplift_format_json_num(k->p));
		json_object_set_new(o, "p_adjusted", uplift_format_json_num(k->p_adjusted));
	}
	if (k->code == UPLIFT_CHECK_PRE_PERIOD)
		pre_period_fields(o, an, k);
	if (uplift_checks_is_data(k->code))
		data_fields(an, k, o);
	return o;
}

json_t *uplift_format_json_checks(const struct uplift_result *r, json_t *warnings)
{
	const struct uplift_analysis *an = r->an;
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->n_checks; i++) {
		json_t *msg = uplift_format_json_check_message(r, &an->checks[i]);
		if (!msg) /* out of memory, or a name that is not UTF-8 (jansson refuses it) */
			msg = json_string(uplift_checks_code_name(an->checks[i].code));
		json_array_append_new(arr, check_json(an, &an->checks[i], msg));
		json_array_append_new(warnings, msg);
	}
	return arr;
}
