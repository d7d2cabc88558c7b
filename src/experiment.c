/*
 * experiment.c - reads experiment.ini and validates it: what each section
 * and key means, duplicates, the arm limits, the control.
 *
 * The lines come from our own reader (ini.c, uplift_ini.h), not libinih:
 * Debian's libinih is compiled with a 200-byte line buffer and a 50-byte
 * section name (INI_MAX_LINE and MAX_SECTION are fixed in the .so, with
 * no realloc), so it split a long line into two (a 190-character label
 * followed by "weight = 7" set the weight) and cut long arm names
 * mid-character. ini.c has no fixed buffer, passes every line number and
 * reports sections that hold no keys, so an empty "[arm control]" still
 * defines the arm. Arms are found through a hash index (experiment_arms.c);
 * [decision] is read by experiment_decision.c, [columns] by
 * experiment_columns.c.
 */
#include "experiment_internal.h"
#include "uplift_date.h"
#include "uplift_history.h" /* UPLIFT_NO_DAY */
#include "uplift_ini.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum section {
	SEC_NONE,
	SEC_EXPERIMENT,
	SEC_SEGMENTS,
	SEC_ECONOMICS,
	SEC_DECISION,
	SEC_ARM,
	SEC_COLUMNS,
	SEC_METRIC,
	N_SECTIONS
};

/* The keys of each section, in the order of key_line[]. */
static const char *const section_keys[N_SECTIONS][8] = {
    [SEC_EXPERIMENT] = {"name", "control", "start", "end", "alpha", "timezone", "post_days",
			"lang"},
    [SEC_SEGMENTS] = {"asof", "recency_days", "frequency", "monetary", "new_days", "dormant_days",
		      "loyal_orders"},
    [SEC_ECONOMICS] = {"gross_margin"},
    [SEC_DECISION] = {"metric", "guardrails"},
    [SEC_ARM] = {"weight", "label", "percent_off", "min_spend", "amount_off"},
    [SEC_METRIC] = {"kind", "of", "where", "within_days", "cap", "covariate", "label"},
};

struct ini_state {
	struct uplift_experiment *exp;
	struct uplift_error *err;
	const char *path;
	long line;                     /* the line being read */
	enum section sec;              /* the section being read */
	char *section;                 /* its header, "arm 8折券", for messages */
	size_t arm;                    /* its arm, in an [arm NAME] section */
	size_t arms_cap;               /* room in exp->arms, grown by doubling */
	long key_line[8];              /* where each key of the section was given, 0 if not yet */
	long section_line[N_SECTIONS]; /* where [experiment] etc. were opened */
	bool has_start, has_end;
	char start[64], end[64];
	long start_line, end_line, control_line;
	long decision_line[2]; /* where [decision] metric and guardrails were given */
	char *decision_value[2]; /* and their values */
	long refunds_line;     /* where [columns] refunds was given */
};

static enum uplift_status nomem(struct ini_state *st)
{
	return uplift_error_set(st->err, UPLIFT_ENOMEM, st->path, st->line, NULL, "out of memory");
}

static bool parse_number(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* "arm 8折券" -> "8折券"; NULL when section is not an arm section. */
static const char *arm_section_name(const char *section)
{
	if (strncmp(section, "arm", 3) != 0 || (section[3] != ' ' && section[3] != '\t'))
		return NULL;
	section += 3;
	while (*section == ' ' || *section == '\t')
		section++;
	return *section ? section : NULL;
}

/* A new arm called name, from the section header at st->line. */
static enum uplift_status add_arm(struct ini_state *st, const char *name)
{
	struct uplift_experiment *exp = st->exp;
	size_t len = strlen(name);
	long i = uplift_experiment_find_arm(exp, name, len);
	struct uplift_arm_def *arms, *a;

	if (i >= 0)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
					"arm '%s' is defined twice (first at line %ld)", name,
					exp->arms[i].line);
	if (len > UPLIFT_ARM_NAME_MAX)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
					"arm name of %zu bytes is too long (at most %d)", len,
					UPLIFT_ARM_NAME_MAX);
	if (exp->n_arms >= UPLIFT_MAX_ARMS)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
					"too many arms (at most %d)", UPLIFT_MAX_ARMS);
	if (exp->n_arms == st->arms_cap) { /* doubling: a file of many arms stays linear */
		size_t cap = st->arms_cap ? 2 * st->arms_cap : 8;
		if (!(arms = realloc(exp->arms, cap * sizeof(*arms))))
			return nomem(st);
		exp->arms = arms;
		st->arms_cap = cap;
	}
	arms = exp->arms;
	a = &arms[exp->n_arms];
	memset(a, 0, sizeof(*a));
	a->weight = 1.0;
	a->line = st->line;
	if (!(a->name = strdup(name)))
		return nomem(st);
	a->name_len = len;
	exp->n_arms++;
	st->arm = exp->n_arms - 1;
	return uplift_experiment_index_add(exp) ? UPLIFT_OK : nomem(st);
}

static enum uplift_status bad_value(struct ini_state *st, const char *key, const char *value,
				    const char *want)
{
	return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
				"[%s] %s: %s, got '%s'", st->section, key, want, value);
}

static enum uplift_status set_positive(struct ini_state *st, const char *key, const char *value,
				       double *out, bool allow_zero)
{
	double v;

	if (!parse_number(value, &v) || v < 0 || (!allow_zero && v == 0))
		return bad_value(st, key, value,
				 allow_zero ? "expected a number >= 0" : "expected a number > 0");
	*out = v;
	return UPLIFT_OK;
}

/* A copy of value into *out (replacing nothing: each key is given once). */
static enum uplift_status set_string(struct ini_state *st, char **out, const char *value)
{
	return (*out = strdup(value)) ? UPLIFT_OK : nomem(st);
}

/* A date YYYY-MM-DD into *day. */
static enum uplift_status set_date(struct ini_state *st, const char *key, const char *value,
				   long *day)
{
	if (strlen(value) != 10 || !uplift_date_parse(value, 10, day))
		return bad_value(st, key, value, "expected a date YYYY-MM-DD");
	return UPLIFT_OK;
}

static enum uplift_status handle_experiment(struct ini_state *st, int k, const char *key,
					    const char *value)
{
	struct uplift_experiment *exp = st->exp;
	double a;

	switch (k) {
	case 0:
		return set_string(st, &exp->name, value);
	case 1:
		st->control_line = st->line;
		return set_string(st, &exp->control_name, value);
	case 2:
		snprintf(st->start, sizeof(st->start), "%s", value);
		st->has_start = true;
		st->start_line = st->line;
		return set_date(st, key, value, &exp->start);
	case 3:
		snprintf(st->end, sizeof(st->end), "%s", value);
		st->has_end = true;
		st->end_line = st->line;
		return set_date(st, key, value, &exp->end);
	case 6:
		if (!parse_number(value, &a) || a < 1 || a > 365 || a != floor(a))
			return bad_value(st, key, value, "expected whole days, 1 to 365");
		exp->post_days = (int)a;
		return UPLIFT_OK;
	case 7:
		if (strcmp(value, "zh") != 0 && strcmp(value, "en") != 0)
			return bad_value(st, key, value, "expected en or zh");
		exp->lang_zh = strcmp(value, "zh") == 0;
		return UPLIFT_OK;
	case 5:
		if (!uplift_date_tz_parse(value, strlen(value), &exp->tz_minutes))
			return bad_value(st, key, value,
					 "expected an offset from UTC like +08:00, -05:00, +0530 "
					 "or UTC");
		return UPLIFT_OK;
	default:
		if (!parse_number(value, &a) || a <= 0 || a >= 0.5)
			return bad_value(st, key, value, "expected a number in (0, 0.5)");
		exp->alpha = a;
		return UPLIFT_OK;
	}
}

static enum uplift_status handle_arm(struct ini_state *st, int k, const char *key,
				     const char *value)
{
	struct uplift_arm_def *a = &st->exp->arms[st->arm];

	switch (k) {
	case 0:
		return set_positive(st, key, value, &a->weight, false);
	case 1:
		return set_string(st, &a->label, value);
	case 2:
		if (set_positive(st, key, value, &a->percent_off, true))
			return st->err->status;
		if (a->percent_off >= 100)
			return bad_value(st, key, value, "expected a number in [0, 100)");
		return UPLIFT_OK;
	case 3:
		return set_positive(st, key, value, &a->min_spend, true);
	default:
		return set_positive(st, key, value, &a->amount_off, true);
	}
}

static enum uplift_status handle_segments(struct ini_state *st, int k, const char *key,
					  const char *value)
{
	struct uplift_segment_def *s = &st->exp->segments;

	switch (k) {
	case 0:
		s->has_asof = true;
		return set_date(st, key, value, &s->asof);
	case 1:
		s->has_recency = true;
		return set_positive(st, key, value, &s->recency_days, true);
	case 2:
		s->has_frequency = true;
		return set_positive(st, key, value, &s->frequency, true);
	case 3:
		s->has_monetary = true;
		return set_positive(st, key, value, &s->monetary, true);
	case 4:
		return set_positive(st, key, value, &s->new_days, true);
	case 5:
		return set_positive(st, key, value, &s->dormant_days, true);
	default:
		return set_positive(st, key, value, &s->loyal_orders, true);
	}
}

static enum uplift_status handle_economics(struct ini_state *st, const char *key, const char *value)
{
	double g;

	if (!parse_number(value, &g) || g <= 0 || g > 1)
		return bad_value(st, key, value, "expected a number in (0, 1]");
	st->exp->has_economics = true;
	st->exp->gross_margin = g;
	return UPLIFT_OK;
}

/* A "key = value" line, in the section st->sec. */
static enum uplift_status on_key(void *ctx, const char *key, const char *value, long line,
				 struct uplift_error *err)
{
	struct ini_state *st = ctx;
	const char *const *keys = section_keys[st->sec];
	int k = 0;

	st->line = line;
	if (st->sec == SEC_NONE)
		return uplift_error_set(err, UPLIFT_EINPUT, st->path, line, NULL,
					"key '%s' outside any section", key);
	if (st->sec == SEC_COLUMNS)
		return uplift_experiment_columns_key(&st->exp->columns, &st->refunds_line, key,
						     value, st->path, line, err);
	while (k < 8 && keys[k] && strcmp(keys[k], key) != 0)
		k++;
	if (k == 8 || !keys[k])
		return uplift_error_set(err, UPLIFT_EINPUT, st->path, line, NULL,
					"unknown key '%s' in section [%s]", key, st->section);
	if (st->key_line[k])
		return uplift_error_set(err, UPLIFT_EINPUT, st->path, line, NULL,
					"key '%s' is given twice (first at line %ld)", key,
					st->key_line[k]);
	st->key_line[k] = line;
	switch (st->sec) {
	case SEC_EXPERIMENT:
		return handle_experiment(st, k, key, value);
	case SEC_SEGMENTS:
		return handle_segments(st, k, key, value);
	case SEC_ECONOMICS:
		return handle_economics(st, key, value);
	case SEC_DECISION:
		/* read once every [metric] section is: it may name one */
		st->decision_line[k] = line;
		if (!(st->decision_value[k] = strdup(value)))
			return nomem(st);
		return UPLIFT_OK;
	case SEC_METRIC:
		return uplift_experiment_metric_key(st->exp, key, value, st->path, line, err);
	default:
		return handle_arm(st, k, key, value);
	}
}

/* "metric big_basket" -> "big_basket"; NULL when section is not a metric section. */
static const char *metric_section_name(const char *section)
{
	if (strncmp(section, "metric", 6) != 0 || (section[6] != ' ' && section[6] != '\t'))
		return NULL;
	section += 6;
	while (*section == ' ' || *section == '\t')
		section++;
	return section;
}

/* A section header, even when no key follows. */
static enum uplift_status on_section(void *ctx, const char *name, long line,
				     struct uplift_error *err)
{
	struct ini_state *st = ctx;
	const char *arm = arm_section_name(name);
	const char *metric = metric_section_name(name);

	st->line = line;
	free(st->section);
	if (!(st->section = strdup(name)))
		return nomem(st);
	memset(st->key_line, 0, sizeof(st->key_line));
	st->sec = strcmp(name, "experiment") == 0  ? SEC_EXPERIMENT
		  : strcmp(name, "segments") == 0  ? SEC_SEGMENTS
		  : strcmp(name, "economics") == 0 ? SEC_ECONOMICS
		  : strcmp(name, "decision") == 0  ? SEC_DECISION
		  : strcmp(name, "columns") == 0   ? SEC_COLUMNS
		  : arm                            ? SEC_ARM
		  : metric                         ? SEC_METRIC
						   : SEC_NONE;
	if (st->sec == SEC_ARM)
		return add_arm(st, arm);
	if (st->sec == SEC_METRIC)
		return uplift_experiment_metric_section(st->exp, metric, st->path, line, err);
	if (st->sec == SEC_NONE)
		return uplift_error_set(err, UPLIFT_EINPUT, st->path, line, NULL,
					"unknown section [%s] (expected [experiment], [arm NAME], "
					"[segments], [economics], [decision], [columns] or [metric NAME])",
					name);
	if (st->section_line[st->sec])
		return uplift_error_set(err, UPLIFT_EINPUT, st->path, line, NULL,
					"section [%s] is given twice (first at line %ld)", name,
					st->section_line[st->sec]);
	st->section_line[st->sec] = line;
	if (st->sec == SEC_COLUMNS)
		st->exp->columns.section_line = line;
	return UPLIFT_OK;
}

static enum uplift_status validate(struct ini_state *st, const char *default_name)
{
	struct uplift_experiment *exp = st->exp;
	long c;

	if (!st->section_line[SEC_EXPERIMENT])
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"no [experiment] section");
	if (!exp->name) {
		exp->name = strdup(default_name ? default_name : "experiment");
		if (!exp->name)
			return uplift_error_set(st->err, UPLIFT_ENOMEM, st->path, 0, NULL,
						"out of memory");
	}
	if (!exp->control_name)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"[experiment] has no 'control' key");
	/* no window at all is for outcomes.csv (the loader asks for one with
	 * orders.csv); half a window is a mistake here already */
	if (st->has_start != st->has_end)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path,
					st->has_start ? st->start_line : st->end_line, NULL,
					"[experiment] has '%s' but no '%s' (give both, or neither "
					"with outcomes.csv)",
					st->has_start ? "start" : "end",
					st->has_start ? "end" : "start");
	if (exp->post_days && !st->has_start)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"[experiment] post_days needs the window ('start' and "
					"'end'): the post period is the days after 'end'");
	if (st->has_start && exp->end < exp->start)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->end_line, NULL,
					"end %s is before start %s", st->end, st->start);
	exp->has_window = st->has_start;
	if (!exp->has_window)
		exp->start = exp->end = UPLIFT_NO_DAY;
	c = uplift_experiment_find_arm(exp, exp->control_name, strlen(exp->control_name));
	if (c < 0 && exp->n_arms == 0)
		return uplift_error_set(
		    st->err, UPLIFT_EINPUT, st->path, st->control_line, NULL,
		    "[experiment] control: arm '%s' is not defined (there is no "
		    "[arm NAME] section)",
		    exp->control_name);
	if (c < 0) {
		char arms[300];
		return uplift_error_set(
		    st->err, UPLIFT_EINPUT, st->path, st->control_line, NULL,
		    "[experiment] control: arm '%s' is not defined (the arms: %s; or add an "
		    "[arm %s] section)",
		    exp->control_name, uplift_experiment_arm_list(exp, arms, sizeof(arms)),
		    exp->control_name);
	}
	exp->control = (size_t)c;
	if (exp->n_arms < 2)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"an experiment needs at least two arms, found %zu",
					exp->n_arms);
	for (size_t i = 0; i < exp->n_arms; i++) {
		const struct uplift_arm_def *a = &exp->arms[i];
		if (a->percent_off > 0 && (a->min_spend > 0 || a->amount_off > 0))
			return uplift_error_set(
			    st->err, UPLIFT_EINPUT, st->path, a->line, NULL,
			    "arm '%s' has both percent_off and min_spend/amount_off", a->name);
		if (a->min_spend > 0 && a->amount_off <= 0)
			return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, a->line, NULL,
						"arm '%s' has min_spend but no amount_off",
						a->name);
	}
	if (!exp->segments.has_asof)
		exp->segments.asof = exp->has_window ? exp->start - 1 : UPLIFT_NO_DAY;
	if (uplift_experiment_metrics_check(exp, st->path, st->err))
		return st->err->status;
	for (int k = 0; k < 2; k++)
		if (st->decision_value[k] &&
		    uplift_experiment_decision_key(&exp->decision, &exp->metrics, k,
						   st->decision_value[k], st->path,
						   st->decision_line[k], st->err))
			return st->err->status;
	return uplift_experiment_decision_check(exp, st->path, st->decision_line[0],
						st->decision_line[1], st->err);
}

/* Load from text[0..n), or from the file at path when text is NULL. */
static struct uplift_experiment *load(const char *path, const char *text, size_t n,
				      const char *default_name,
				      const struct uplift_experiment_options *opt,
				      struct uplift_error *err)
{
	enum uplift_encoding enc = opt ? opt->encoding : UPLIFT_ENC_UTF8;
	struct ini_state st;
	struct uplift_ini_handler h = {on_section, on_key, &st};
	struct uplift_experiment *exp = calloc(1, sizeof(*exp));
	enum uplift_status rc;

	if (!exp) {
		uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
		return NULL;
	}
	exp->alpha = 0.05;
	exp->tz_minutes = 8 * 60;
	exp->segments.new_days = 30;
	exp->segments.dormant_days = 60;
	exp->segments.loyal_orders = 5;
	uplift_metric_set_init(&exp->metrics);
	memset(&st, 0, sizeof(st));
	st.exp = exp;
	st.err = err;
	st.path = path;
	rc = text ? uplift_ini_parse(text, n, path, enc, &h, err)
		  : uplift_ini_read(path, enc, &h, err);
	if (rc == UPLIFT_OK)
		rc = validate(&st, default_name);
	free(st.section);
	free(st.decision_value[0]);
	free(st.decision_value[1]);
	if (rc != UPLIFT_OK) {
		uplift_experiment_free(exp);
		return NULL;
	}
	return exp;
}

struct uplift_experiment *uplift_experiment_load_opt(const char *path, const char *default_name,
						     const struct uplift_experiment_options *opt,
						     struct uplift_error *err)
{
	return load(path, NULL, 0, default_name, opt, err);
}

struct uplift_experiment *uplift_experiment_load(const char *path, const char *default_name,
						 struct uplift_error *err)
{
	return load(path, NULL, 0, default_name, NULL, err);
}

struct uplift_experiment *uplift_experiment_parse(const char *text, size_t n, const char *path,
						  const char *default_name,
						  const struct uplift_experiment_options *opt,
						  struct uplift_error *err)
{
	return load(path, text, n, default_name, opt, err);
}

void uplift_experiment_free(struct uplift_experiment *exp)
{
	if (!exp)
		return;
	for (size_t i = 0; i < exp->n_arms; i++) {
		free(exp->arms[i].name);
		free(exp->arms[i].label);
	}
	free(exp->arms);
	free(exp->arm_slot);
	uplift_experiment_columns_free(&exp->columns);
	free(exp->name);
	free(exp->control_name);
	free(exp);
}
