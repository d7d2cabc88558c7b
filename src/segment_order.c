/*
 * segment_order.c - the fixed order of segment values (see
 * uplift_segment_order.h): the derived columns in their tables' order,
 * every other column numbers first, as numbers, then text by bytes.
 *
 * Each value becomes a key once (its group, its place in a table, its
 * leading number) and the keys are sorted with qsort: a column has at
 * most UPLIFT_MAX_SEGMENT_VALUES values, so the sort costs nothing next
 * to the pass over the users that applies it.
 */
#include "uplift_segment_order.h"
#include "uplift_by.h"
#include "uplift_segments.h"

#include <stdlib.h>
#include <string.h>

/* A leading decimal number, as digits (no rounding): [+-]int[.frac]. */
struct num {
	bool ok;        /* the value begins with a number */
	bool neg;       /* below zero (a zero is never negative) */
	const char *ip; /* integer digits, leading zeros dropped */
	size_t il;      /* how many */
	const char *fp; /* fraction digits, trailing zeros dropped */
	size_t fl;      /* how many */
};

/* Where a value goes: a table's value (group 0, by rank), any other (1), the last one (2). */
struct key {
	int group;
	size_t rank;
	struct num num;
	const char *s;
	size_t len;
	uint32_t index;
};

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static struct num leading_number(const char *s, size_t len)
{
	struct num n = {0};
	size_t p = 0, i0;

	if (p < len && (s[p] == '+' || s[p] == '-'))
		n.neg = s[p++] == '-';
	i0 = p;
	while (p < len && digit(s[p]))
		p++;
	n.ip = s + i0;
	n.il = p - i0;
	if (p + 1 < len && s[p] == '.' && digit(s[p + 1])) {
		size_t f0 = ++p;
		while (p < len && digit(s[p]))
			p++;
		n.fp = s + f0;
		n.fl = p - f0;
	}
	n.ok = n.il + n.fl > 0;
	while (n.il > 0 && n.ip[0] == '0')
		n.ip++, n.il--;
	while (n.fl > 0 && n.fp[n.fl - 1] == '0')
		n.fl--;
	if (n.il == 0 && n.fl == 0)
		n.neg = false; /* -0 is 0 */
	return n;
}

/* Compare |a| with |b|: more integer digits is larger, then digit by digit. */
static int cmp_magnitude(const struct num *a, const struct num *b)
{
	size_t m = a->fl < b->fl ? a->fl : b->fl;
	int c;

	if (a->il != b->il)
		return a->il < b->il ? -1 : 1;
	if (a->il && (c = memcmp(a->ip, b->ip, a->il)) != 0)
		return c;
	if (m && (c = memcmp(a->fp, b->fp, m)) != 0)
		return c;
	/* trailing zeros are gone: the longer fraction has a digit > 0 left */
	return (a->fl > b->fl) - (a->fl < b->fl);
}

static int cmp_num(const struct num *a, const struct num *b)
{
	int c;

	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	c = cmp_magnitude(a, b);
	return a->neg ? -c : c;
}

/* Bytes as unsigned (memcmp's rule), a prefix first: UTF-8 code point order. */
static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

static struct key make_key(int col, const char *s, size_t len)
{
	struct key k = {.group = 1, .s = s, .len = len};

	if (col >= 0) {
		size_t n;
		const char *const *values = uplift_segments_values((enum uplift_derived)col, &n);
		/* 无消费记录 and '-' (users without history) last; the lifecycle's
		 * 潜在用户 is the first stage */
		bool has_last = col != UPLIFT_COL_LIFECYCLE;
		for (size_t i = 0; i < n; i++)
			if (strlen(values[i]) == len && memcmp(values[i], s, len) == 0) {
				k.group = has_last && i + 1 == n ? 2 : 0;
				k.rank = i;
				return k;
			}
	}
	k.num = leading_number(s, len);
	return k;
}

static int cmp_key(const struct key *a, const struct key *b)
{
	int c;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->group == 0 && a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->num.ok != b->num.ok)
		return a->num.ok ? -1 : 1;
	if (a->num.ok && (c = cmp_num(&a->num, &b->num)) != 0)
		return c;
	return cmp_bytes(a->s, a->len, b->s, b->len);
}

static int cmp_key_qsort(const void *a, const void *b)
{
	return cmp_key(a, b);
}

int uplift_segment_order_compare(const char *column, const char *a, size_t alen, const char *b,
				 size_t blen)
{
	int col = uplift_segments_column(column);
	struct key ka, kb;

	if (uplift_by_special_name(column)) /* binned or crossed: by_order.c */
		return uplift_by_order_compare(column, a, alen, b, blen);
	ka = make_key(col, a, alen);
	kb = make_key(col, b, blen);
	return cmp_key(&ka, &kb);
}

/* A binned or crossed column's values: insertion sort by uplift_by_order_compare. */
static void sort_special(const char *column, const struct uplift_strtab *t, uint32_t *order)
{
	for (size_t i = 0; i < t->n; i++) {
		size_t j = i, alen, blen;
		const char *a = uplift_strtab_get(t, i, &alen);
		for (; j > 0; j--) {
			const char *b = uplift_strtab_get(t, order[j - 1], &blen);
			if (uplift_by_order_compare(column, b, blen, a, alen) <= 0)
				break;
			order[j] = order[j - 1];
		}
		order[j] = (uint32_t)i;
	}
}

bool uplift_segment_order_sort(const char *column, const struct uplift_strtab *t, uint32_t *order)
{
	int col = uplift_segments_column(column);
	struct key *keys;

	if (t->n == 0)
		return true;
	if (uplift_by_special_name(column)) {
		sort_special(column, t, order);
		return true;
	}
	if (!(keys = malloc(t->n * sizeof(*keys))))
		return false;
	for (size_t i = 0; i < t->n; i++) {
		size_t len;
		const char *s = uplift_strtab_get(t, i, &len);
		keys[i] = make_key(col, s, len);
		keys[i].index = (uint32_t)i;
	}
	qsort(keys, t->n, sizeof(*keys), cmp_key_qsort);
	for (size_t i = 0; i < t->n; i++)
		order[i] = keys[i].index;
	free(keys);
	return true;
}
