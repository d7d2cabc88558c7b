/*
 * by_spec.c - a --by entry read into what it asks for (see uplift_by.h):
 * the column, its bins (qN or cut points) and a second column to cross
 * with; and a --by list split into its entries, cut points kept together.
 */
#include "uplift_by.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool space(char c)
{
	return c == ' ' || c == '\t';
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

bool uplift_by_number(const char *s, size_t len, double *v)
{
	char buf[128], *end;
	size_t p = 0, d = 0;

	while (len && space(s[0]))
		s++, len--;
	while (len && space(s[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return false;
	/* [+-] digits [. digits] | [+-] . digits, then [eE [+-] digits] */
	if (s[p] == '+' || s[p] == '-')
		p++;
	while (p < len && digit(s[p]))
		p++, d++;
	if (p < len && s[p] == '.') {
		p++;
		while (p < len && digit(s[p]))
			p++, d++;
	}
	if (d == 0)
		return false;
	if (p < len && (s[p] == 'e' || s[p] == 'E')) {
		size_t e = 0;
		p++;
		if (p < len && (s[p] == '+' || s[p] == '-'))
			p++;
		while (p < len && digit(s[p]))
			p++, e++;
		if (e == 0)
			return false;
	}
	if (p != len)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*v = strtod(buf, &end);
	if (*v == 0)
		*v = 0; /* -0 is 0 */
	return end == buf + len && isfinite(*v);
}

void uplift_by_release(struct uplift_by_spec *spec)
{
	if (!spec)
		return;
	for (size_t i = 0; i < 2; i++) {
		free(spec->part[i].text);
		free(spec->part[i].column);
		free(spec->part[i].cuts);
	}
	memset(spec, 0, sizeof(*spec));
}

static enum uplift_status nomem(struct uplift_error *err)
{
	return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
}

/* The bins after the ':' of part (whole: the entry, for messages). */
static enum uplift_status parse_bins(struct uplift_by_part *part, const char *bins,
				     const char *whole, struct uplift_error *err)
{
	const char *p = bins;

	if ((bins[0] == 'q' || bins[0] == 'Q') && bins[1]) {
		char *end;
		long n = digit(bins[1]) ? strtol(bins + 1, &end, 10) : 0;
		if (!digit(bins[1]) || *end)
			goto bad;
		if (n < 2 || n > UPLIFT_BY_MAX_QUANTILES)
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"--by '%s': quantile bins go from q2 to q%d", whole,
						UPLIFT_BY_MAX_QUANTILES);
		part->kind = UPLIFT_BIN_QUANTILES;
		part->quantiles = (unsigned)n;
		return UPLIFT_OK;
	}
	if (!(part->cuts = malloc(UPLIFT_BY_MAX_CUTS * sizeof(*part->cuts))))
		return nomem(err);
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		double v;
		if (!uplift_by_number(p, len, &v))
			goto bad;
		if (part->n_cuts == UPLIFT_BY_MAX_CUTS)
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"--by '%s': at most %d cut points", whole,
						UPLIFT_BY_MAX_CUTS);
		if (part->n_cuts && !(v > part->cuts[part->n_cuts - 1]))
			return uplift_error_set(
			    err, UPLIFT_EINPUT, NULL, 0, NULL,
			    "--by '%s': cut points must be ascending, each above the one before "
			    "(%.*s after %g)",
			    whole, (int)len, p, part->cuts[part->n_cuts - 1]);
		part->cuts[part->n_cuts++] = v;
		if (!comma)
			break;
		p = comma + 1;
	}
	part->kind = UPLIFT_BIN_CUTS;
	return UPLIFT_OK;
bad:
	return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				"--by '%s': after ':' come quantile bins (q2 to q%d) or ascending "
				"cut points (0,100,500)",
				whole, UPLIFT_BY_MAX_QUANTILES);
}

static enum uplift_status parse_part(struct uplift_by_part *part, const char *s, size_t len,
				     const char *whole, struct uplift_error *err)
{
	const char *colon;
	size_t clen;

	if (!(part->text = strndup(s, len)))
		return nomem(err);
	colon = strrchr(part->text, ':');
	clen = colon ? (size_t)(colon - part->text) : len;
	if (clen == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--by '%s': a column name is missing", whole);
	if (!(part->column = strndup(part->text, clen)))
		return nomem(err);
	if (!colon)
		return UPLIFT_OK;
	if (!colon[1])
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--by '%s': nothing after ':' (qN or cut points)", whole);
	return parse_bins(part, colon + 1, whole, err);
}

enum uplift_status uplift_by_parse(const char *text, struct uplift_by_spec *spec,
				   struct uplift_error *err)
{
	const char *star = strchr(text, '*');
	enum uplift_status st;

	memset(spec, 0, sizeof(*spec));
	if (!text[0])
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--by needs a column name");
	if (star && strchr(star + 1, '*'))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--by '%s': a crossing is of two columns (A*B)", text);
	spec->n_parts = star ? 2 : 1;
	st = parse_part(&spec->part[0], text, star ? (size_t)(star - text) : strlen(text), text,
			err);
	if (!st && star)
		st = parse_part(&spec->part[1], star + 1, strlen(star + 1), text, err);
	if (!st && star && strcmp(spec->part[0].column, spec->part[1].column) == 0)
		st = uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				      "--by '%s': a column crossed with itself", text);
	if (st)
		uplift_by_release(spec);
	return st;
}

/* Whether entry (so far) ends in cut points: its last ':' is followed by a number. */
static bool ends_in_cuts(const char *entry)
{
	const char *colon = strrchr(entry, ':');
	double v;

	return colon && colon[1] && colon[1] != 'q' && colon[1] != 'Q' &&
	       uplift_by_number(colon + 1, strcspn(colon + 1, ","), &v);
}

/* Whether token continues entry's cut points: a number, perhaps then "*B" when entry has no '*'. */
static bool continues(const char *entry, const char *token)
{
	size_t len = strcspn(token, "*");
	double v;

	if (token[len] == '*' && strchr(entry, '*'))
		return false;
	return ends_in_cuts(entry) && !strchr(strrchr(entry, ':'), '*') &&
	       uplift_by_number(token, len, &v);
}

size_t uplift_by_split(char *list, const char **out, size_t max)
{
	size_t n = 0;
	char *p = list, *entry = NULL;

	for (;;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (entry && continues(entry, p)) {
			p[-1] = ','; /* back into the entry */
		} else {
			if (n < max)
				out[n] = p;
			n++;
			entry = p;
		}
		if (!comma)
			break;
		p = comma + 1;
	}
	return n;
}
