/*
 * data_checks.c - the checks of the data on standard error: one
 * "uplift: warning: ..." line each (the sentences of uplift_checks_words,
 * names escaped for a terminal), for analyze, report and validate.
 */
#include "cli.h"
#include "uplift_escape.h"

size_t cli_warn_data_checks(const struct uplift_experiment *exp, const struct uplift_check *k,
			    size_t n)
{
	char arm[1024], names[1024], s[4096];
	size_t shown = 0;

	for (size_t i = 0; i < n; i++) {
		const char *a = k[i].arm >= 0 && (size_t)k[i].arm < exp->n_arms
				    ? exp->arms[k[i].arm].name
				    : NULL;
		if (!uplift_checks_is_data(k[i].code))
			continue;
		uplift_checks_words(
		    &k[i], exp, a ? uplift_escape_text(a, arm, sizeof(arm)) : NULL,
		    k[i].names ? uplift_escape_text(k[i].names, names, sizeof(names)) : NULL, false,
		    s, sizeof(s));
		fprintf(stderr, "uplift: warning: %s\n", s);
		shown++;
	}
	return shown;
}
