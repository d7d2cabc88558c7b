/*
 * format_checks.c - the checks of the data (control_discount ...
 * inconsistent_outcome, uplift_checks.h) in analyze's human formats and
 * CSV, and on report.md's first page: one warning line each, in the words
 * of checks_words.c, English or Chinese by the markup's words.
 *
 * Names from the data in a sentence (the arm, the ignored columns) are
 * escaped for where they land first: the markup's own escape for the
 * table and Markdown (control characters replaced, Markdown escaped, cut
 * at UPLIFT_MARKUP_COLS columns), uplift_escape_text for a CSV comment
 * line, which no line end in a name may end early.
 */
#include "format_internal.h"
#include "uplift_escape.h"

/* The longest sentence: the words, two names, and room. */
#define SENTENCE (2 * UPLIFT_MARKUP_SIZE + 1024)

/* The name of k's arm, or NULL. */
static const char *arm_of(const struct uplift_analysis *an, const struct uplift_check *k)
{
	return k->arm >= 0 && (size_t)k->arm < an->n_arms ? an->arm_names[k->arm] : NULL;
}

void uplift_format_checks_write(FILE *out, const struct markup *mk, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	bool zh = mk->words == &uplift_format_words_zh;
	char arm[UPLIFT_MARKUP_SIZE], names[UPLIFT_MARKUP_SIZE], s[SENTENCE];

	for (size_t i = 0; i < an->n_checks; i++) {
		const struct uplift_check *k = &an->checks[i];
		const char *a = arm_of(an, k);

		if (!uplift_checks_is_data(k->code))
			continue;
		uplift_checks_words(k, r->exp, a ? uplift_markup_show(mk, a, arm) : NULL,
				    k->names ? uplift_markup_show(mk, k->names, names) : NULL, zh,
				    s, sizeof(s));
		if (zh)
			fprintf(out, "%s%s：%s。%s\n\n", mk->warn_open,
				k->severity == UPLIFT_CHECK_ERROR ? "数据错误" : "数据警告", s,
				mk->warn_close);
		else
			fprintf(out, "%s%s: %s.%s\n\n", mk->warn_open,
				k->severity == UPLIFT_CHECK_ERROR ? "DATA ERROR" : "WARNING", s,
				mk->warn_close);
	}
}

void uplift_format_checks_csv(FILE *out, const struct uplift_result *r)
{
	const struct uplift_analysis *an = r->an;
	char arm[1024], names[1024], s[SENTENCE + 2048];

	for (size_t i = 0; i < an->n_checks; i++) {
		const struct uplift_check *k = &an->checks[i];
		const char *a = arm_of(an, k);

		if (!uplift_checks_is_data(k->code))
			continue;
		uplift_checks_words(k, r->exp, a ? uplift_escape_text(a, arm, sizeof(arm)) : NULL,
				    k->names ? uplift_escape_text(k->names, names, sizeof(names))
					     : NULL,
				    false, s, sizeof(s));
		fprintf(out, "# %s: %s\n",
			k->severity == UPLIFT_CHECK_ERROR ? "DATA ERROR" : "WARNING", s);
	}
}
