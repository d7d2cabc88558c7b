/*
 * experiment.c - reads experiment.ini with libinih and validates it.
 *
 * libinih as Debian builds it neither passes line numbers to the handler nor
 * reports sections that hold no keys, so the file is fed through our own line
 * reader: it counts lines (every handler call then knows its line) and notes
 * section headers, so an empty "[arm control]" still defines the arm.
 */
#include "uplift_experiment.h"
#include "uplift_date.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ini_state {
	struct uplift_experiment *exp;
	struct uplift_error *err;
	const char *path;
	FILE *fp;
	long line; /* line most recently handed to inih */
	bool has_start, has_end;
	char start[64], end[64];
	long start_line, end_line;
	bool seen_experiment;
	bool nomem;
};

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

long uplift_experiment_find_arm(const struct uplift_experiment *exp, const char *name, size_t len)
{
	/* the first byte before memcmp: "control" and "8折券" are both 7 bytes long */
	for (size_t i = 0; i < exp->n_arms; i++)
		if (exp->arms[i].name_len == len && (len == 0 || exp->arms[i].name[0] == name[0]) &&
		    memcmp(exp->arms[i].name, name, len) == 0)
			return (long)i;
	return -1;
}

/* The arm of section "arm NAME", created on first sight. NULL on no memory. */
static struct uplift_arm_def *arm_for(struct ini_state *st, const char *name)
{
	struct uplift_experiment *exp = st->exp;
	long i = uplift_experiment_find_arm(exp, name, strlen(name));
	struct uplift_arm_def *arms, *a;

	if (i >= 0)
		return &exp->arms[i];
	arms = realloc(exp->arms, (exp->n_arms + 1) * sizeof(*arms));
	if (!arms)
		return NULL;
	exp->arms = arms;
	a = &arms[exp->n_arms];
	memset(a, 0, sizeof(*a));
	a->weight = 1.0;
	a->line = st->line;
	a->name = strdup(name);
	if (!a->name)
		return NULL;
	a->name_len = strlen(name);
	exp->n_arms++;
	return a;
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

static int bad_value(struct ini_state *st, const char *section, const char *key, const char *value,
		     const char *want)
{
	uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL, "[%s] %s: %s, got '%s'",
			 section, key, want, value);
	return 0;
}

static int set_positive(struct ini_state *st, const char *section, const char *key,
			const char *value, double *out, bool allow_zero)
{
	double v;

	if (!parse_number(value, &v) || v < 0 || (!allow_zero && v == 0))
		return bad_value(st, section, key, value,
				 allow_zero ? "expected a number >= 0" : "expected a number > 0");
	*out = v;
	return 1;
}

static int unknown_key(struct ini_state *st, const char *section, const char *key)
{
	uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
			 "unknown key '%s' in section [%s]", key, section);
	return 0;
}

static int handle_experiment(struct ini_state *st, const char *key, const char *value)
{
	struct uplift_experiment *exp = st->exp;
	const char *sec = "experiment";

	if (strcmp(key, "name") == 0) {
		free(exp->name);
		exp->name = strdup(value);
		st->nomem |= exp->name == NULL;
	} else if (strcmp(key, "control") == 0) {
		free(exp->control_name);
		exp->control_name = strdup(value);
		st->nomem |= exp->control_name == NULL;
	} else if (strcmp(key, "start") == 0) {
		snprintf(st->start, sizeof(st->start), "%s", value);
		st->has_start = true;
		st->start_line = st->line;
		if (!uplift_date_parse(value, strlen(value), &exp->start) || strlen(value) != 10)
			return bad_value(st, sec, key, value, "expected a date YYYY-MM-DD");
	} else if (strcmp(key, "end") == 0) {
		snprintf(st->end, sizeof(st->end), "%s", value);
		st->has_end = true;
		st->end_line = st->line;
		if (!uplift_date_parse(value, strlen(value), &exp->end) || strlen(value) != 10)
			return bad_value(st, sec, key, value, "expected a date YYYY-MM-DD");
	} else if (strcmp(key, "alpha") == 0) {
		double a;
		if (!parse_number(value, &a) || a <= 0 || a >= 0.5)
			return bad_value(st, sec, key, value, "expected a number in (0, 0.5)");
		exp->alpha = a;
	} else {
		return unknown_key(st, sec, key);
	}
	return 1;
}

static int handle_arm(struct ini_state *st, const char *section, const char *name, const char *key,
		      const char *value)
{
	struct uplift_arm_def *a = arm_for(st, name);

	if (!a) {
		st->nomem = true;
		return 0;
	}
	if (strcmp(key, "weight") == 0)
		return set_positive(st, section, key, value, &a->weight, false);
	if (strcmp(key, "label") == 0) {
		free(a->label);
		a->label = strdup(value);
		st->nomem |= a->label == NULL;
		return 1;
	}
	if (strcmp(key, "percent_off") == 0) {
		if (!set_positive(st, section, key, value, &a->percent_off, true))
			return 0;
		if (a->percent_off >= 100)
			return bad_value(st, section, key, value, "expected a number in [0, 100)");
		return 1;
	}
	if (strcmp(key, "min_spend") == 0)
		return set_positive(st, section, key, value, &a->min_spend, true);
	if (strcmp(key, "amount_off") == 0)
		return set_positive(st, section, key, value, &a->amount_off, true);
	return unknown_key(st, section, key);
}

static int handle_segments(struct ini_state *st, const char *key, const char *value)
{
	struct uplift_segment_def *s = &st->exp->segments;
	const char *sec = "segments";

	if (strcmp(key, "asof") == 0) {
		if (!uplift_date_parse(value, strlen(value), &s->asof) || strlen(value) != 10)
			return bad_value(st, sec, key, value, "expected a date YYYY-MM-DD");
		s->has_asof = true;
		return 1;
	}
	if (strcmp(key, "recency_days") == 0) {
		s->has_recency = true;
		return set_positive(st, sec, key, value, &s->recency_days, true);
	}
	if (strcmp(key, "frequency") == 0) {
		s->has_frequency = true;
		return set_positive(st, sec, key, value, &s->frequency, true);
	}
	if (strcmp(key, "monetary") == 0) {
		s->has_monetary = true;
		return set_positive(st, sec, key, value, &s->monetary, true);
	}
	if (strcmp(key, "new_days") == 0)
		return set_positive(st, sec, key, value, &s->new_days, true);
	if (strcmp(key, "dormant_days") == 0)
		return set_positive(st, sec, key, value, &s->dormant_days, true);
	if (strcmp(key, "loyal_orders") == 0)
		return set_positive(st, sec, key, value, &s->loyal_orders, true);
	return unknown_key(st, sec, key);
}

static int handle_economics(struct ini_state *st, const char *key, const char *value)
{
	double g;

	if (strcmp(key, "gross_margin") != 0)
		return unknown_key(st, "economics", key);
	if (!parse_number(value, &g) || g <= 0 || g > 1)
		return bad_value(st, "economics", key, value, "expected a number in (0, 1]");
	st->exp->has_economics = true;
	st->exp->gross_margin = g;
	return 1;
}

static int unknown_section(struct ini_state *st, const char *section)
{
	uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
			 "unknown section [%s] (expected [experiment], [arm NAME], "
			 "[segments] or [economics])",
			 section);
	return 0;
}

/* A section header, seen by the line reader, even when no key follows. */
static int open_section(struct ini_state *st, const char *section)
{
	const char *arm = arm_section_name(section);

	if (strcmp(section, "experiment") == 0) {
		st->seen_experiment = true;
		return 1;
	}
	if (strcmp(section, "segments") == 0 || strcmp(section, "economics") == 0)
		return 1;
	if (arm) {
		if (uplift_experiment_find_arm(st->exp, arm, strlen(arm)) >= 0) {
			uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
					 "arm '%s' is defined twice", arm);
			return 0;
		}
		if (!arm_for(st, arm)) {
			st->nomem = true;
			return 0;
		}
		return 1;
	}
	return unknown_section(st, section);
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	struct ini_state *st = user;
	const char *arm;

	if (st->err->status != UPLIFT_OK || st->nomem)
		return 0;
	if (strcmp(section, "experiment") == 0)
		return handle_experiment(st, key, value);
	if (strcmp(section, "segments") == 0)
		return handle_segments(st, key, value);
	if (strcmp(section, "economics") == 0)
		return handle_economics(st, key, value);
	arm = arm_section_name(section);
	if (arm)
		return handle_arm(st, section, arm, key, value);
	if (section[0] == '\0') {
		uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->line, NULL,
				 "key '%s' outside any section", key);
		return 0;
	}
	return unknown_section(st, section);
}

/* Trim s in place; returns the first non-blank character. */
static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/*
 * inih's line reader: fgets plus line counting. A section header line is
 * registered here, before inih sees it, so that sections without keys exist.
 */
static char *reader(char *str, int num, void *stream)
{
	struct ini_state *st = stream;
	char copy[512];
	char *s, *close;

	if (!fgets(str, num, st->fp))
		return NULL;
	st->line++;
	if (st->err->status != UPLIFT_OK || st->nomem)
		return str;
	snprintf(copy, sizeof(copy), "%s", str);
	s = copy;
	if (st->line == 1 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	s = trim(s);
	if (*s == '[' && (close = strchr(s, ']')) != NULL) {
		*close = '\0';
		open_section(st, trim(s + 1));
	}
	return str;
}

static enum uplift_status validate(struct ini_state *st, const char *default_name)
{
	struct uplift_experiment *exp = st->exp;
	long c;

	if (!st->seen_experiment)
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
	if (!st->has_start || !st->has_end)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"[experiment] needs 'start' and 'end' dates");
	if (exp->end < exp->start)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, st->end_line, NULL,
					"end %s is before start %s", st->end, st->start);
	c = uplift_experiment_find_arm(exp, exp->control_name, strlen(exp->control_name));
	if (c < 0)
		return uplift_error_set(st->err, UPLIFT_EINPUT, st->path, 0, NULL,
					"control arm '%s' is not defined (add an [arm %s] section)",
					exp->control_name, exp->control_name);
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
		exp->segments.asof = exp->start - 1;
	return UPLIFT_OK;
}

struct uplift_experiment *uplift_experiment_load(const char *path, const char *default_name,
						 struct uplift_error *err)
{
	struct ini_state st;
	struct uplift_experiment *exp;
	int rc;

	memset(&st, 0, sizeof(st));
	st.path = path;
	st.err = err;
	st.fp = fopen(path, "r");
	if (!st.fp) {
		uplift_error_set(err, UPLIFT_EINPUT, path, 0, NULL, "cannot open: %s",
				 strerror(errno));
		return NULL;
	}
	exp = calloc(1, sizeof(*exp));
	if (!exp) {
		fclose(st.fp);
		uplift_error_set(err, UPLIFT_ENOMEM, path, 0, NULL, "out of memory");
		return NULL;
	}
	exp->alpha = 0.05;
	exp->segments.new_days = 30;
	exp->segments.dormant_days = 60;
	exp->segments.loyal_orders = 5;
	st.exp = exp;

	rc = ini_parse_stream(reader, &st, handler, &st);
	fclose(st.fp);
	if (st.nomem)
		uplift_error_set(err, UPLIFT_ENOMEM, path, st.line, NULL, "out of memory");
	else if (rc > 0)
		uplift_error_set(err, UPLIFT_EINPUT, path, rc, NULL,
				 "malformed line (expected [section], key = value or a comment)");
	else if (rc < 0)
		uplift_error_set(err, UPLIFT_EINTERNAL, path, 0, NULL, "INI parser failed");
	if (err->status == UPLIFT_OK)
		validate(&st, default_name);
	if (err->status != UPLIFT_OK) {
		uplift_experiment_free(exp);
		return NULL;
	}
	return exp;
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
	free(exp->name);
	free(exp->control_name);
	free(exp);
}
