/*
 * format_named.c - an analysis with the names a reader of the language
 * sees (format_internal.h: uplift_format_named).
 */
#include "format_internal.h"
#include "format_words.h"

#include <stdlib.h>

bool uplift_format_named(struct uplift_named *nm, const struct uplift_result *r, bool in_zh)
{
	const struct format_words *w = uplift_format_words(in_zh);
	const struct uplift_analysis *an = r->an;

	nm->r = *r;
	nm->columns = NULL;
	if (!in_zh || an->n_arms > sizeof(nm->arm_names) / sizeof(nm->arm_names[0]))
		return true;
	for (size_t a = 0; a < an->n_arms; a++)
		nm->arm_names[a] = uplift_format_words_arm(w, r->exp, an->arm_names, a);
	if (an->n_columns) {
		nm->columns = calloc(an->n_columns, sizeof(*nm->columns));
		if (!nm->columns)
			return false;
		for (size_t c = 0; c < an->n_columns; c++) {
			nm->columns[c] = an->columns[c];
			nm->columns[c].name = uplift_format_words_column(w, an->columns[c].name);
		}
	}
	nm->an = *an;
	nm->an.arm_names = nm->arm_names;
	if (nm->columns)
		nm->an.columns = nm->columns;
	nm->r.an = &nm->an;
	if (r->post && r->post->n_arms == an->n_arms) {
		nm->post = *r->post;
		nm->post.arm_names = nm->arm_names;
		nm->r.post = &nm->post;
	}
	if (r->net && r->net->n_arms == an->n_arms) {
		nm->net = *r->net;
		nm->net.arm_names = nm->arm_names;
		nm->r.net = &nm->net;
	}
	return true;
}

void uplift_format_named_release(struct uplift_named *nm)
{
	free(nm->columns);
	nm->columns = NULL;
}
