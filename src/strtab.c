/*
 * strtab.c - interning table of strings (see uplift_strtab.h).
 */
#include "uplift_strtab.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a, folded to 32 bits: ids are short, so a byte loop is fast enough. */
static uint32_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return (uint32_t)(h ^ (h >> 32));
}

void uplift_strtab_init(struct uplift_strtab *t)
{
	memset(t, 0, sizeof(*t));
}

void uplift_strtab_release(struct uplift_strtab *t)
{
	if (!t)
		return;
	free(t->arena);
	free(t->off);
	free(t->len);
	free(t->hash);
	free(t->slot);
	uplift_strtab_init(t);
}

static long lookup(const struct uplift_strtab *t, const char *s, size_t len, uint32_t h,
		   size_t *slot_out)
{
	size_t mask = t->n_slots - 1;
	size_t i = h & mask;

	for (;;) {
		uint32_t v = t->slot[i];
		if (v == 0) {
			*slot_out = i;
			return -1;
		}
		v--;
		if (t->hash[v] == h && t->len[v] == len &&
		    memcmp(t->arena + t->off[v], s, len) == 0)
			return (long)v;
		i = (i + 1) & mask;
	}
}

long uplift_strtab_find(const struct uplift_strtab *t, const char *s, size_t len)
{
	size_t slot;

	if (t->n_slots == 0)
		return -1;
	return lookup(t, s, len, hash_bytes(s, len), &slot);
}

static bool rehash(struct uplift_strtab *t, size_t n_slots)
{
	uint32_t *slot = calloc(n_slots, sizeof(*slot));

	if (!slot)
		return false;
	for (size_t v = 0; v < t->n; v++) {
		size_t i = t->hash[v] & (n_slots - 1);
		while (slot[i])
			i = (i + 1) & (n_slots - 1);
		slot[i] = (uint32_t)(v + 1);
	}
	free(t->slot);
	t->slot = slot;
	t->n_slots = n_slots;
	return true;
}

static bool reserve_items(struct uplift_strtab *t)
{
	size_t cap;
	void *p;

	if (t->n < t->cap)
		return true;
	cap = t->cap ? t->cap * 2 : 64;
	if (cap > UINT32_MAX - 1)
		return false;
	if (!(p = realloc(t->off, cap * sizeof(*t->off))))
		return false;
	t->off = p;
	if (!(p = realloc(t->len, cap * sizeof(*t->len))))
		return false;
	t->len = p;
	if (!(p = realloc(t->hash, cap * sizeof(*t->hash))))
		return false;
	t->hash = p;
	t->cap = cap;
	return true;
}

long uplift_strtab_intern(struct uplift_strtab *t, const char *s, size_t len, bool *added)
{
	uint32_t h = hash_bytes(s, len);
	size_t slot;
	long found;

	if (added)
		*added = false;
	if (len > UINT32_MAX)
		return -1;
	if ((t->n + 1) * 2 > t->n_slots && !rehash(t, t->n_slots ? t->n_slots * 2 : 128))
		return -1;
	found = lookup(t, s, len, h, &slot);
	if (found >= 0)
		return found;
	if (!reserve_items(t))
		return -1;
	if (t->arena_len + len + 1 > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap : 4096;
		char *a;
		while (cap < t->arena_len + len + 1)
			cap *= 2;
		if (!(a = realloc(t->arena, cap)))
			return -1;
		t->arena = a;
		t->arena_cap = cap;
	}
	memcpy(t->arena + t->arena_len, s, len);
	t->arena[t->arena_len + len] = '\0';
	t->off[t->n] = t->arena_len;
	t->len[t->n] = (uint32_t)len;
	t->hash[t->n] = h;
	t->arena_len += len + 1;
	t->slot[slot] = (uint32_t)(t->n + 1);
	if (added)
		*added = true;
	return (long)t->n++;
}

const char *uplift_strtab_get(const struct uplift_strtab *t, size_t i, size_t *len)
{
	if (len)
		*len = t->len[i];
	return t->arena + t->off[i];
}
