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
	free(t->slot);
	uplift_strtab_init(t);
}

static bool same(const struct uplift_strtab *t, size_t v, const char *s, size_t len)
{
	const char *p = t->arena + t->off[v];
	uint32_t n;

	memcpy(&n, p, sizeof(n));
	return n == len && memcmp(p + sizeof(n), s, len) == 0;
}

static long lookup(const struct uplift_strtab *t, const char *s, size_t len, uint32_t h,
		   size_t *slot_out)
{
	size_t mask = t->n_slots - 1;
	size_t i = h & mask;

	for (;;) {
		uint64_t v = t->slot[i];
		if (v == 0) {
			*slot_out = i;
			return -1;
		}
		if ((uint32_t)(v >> 32) == h) {
			size_t idx = (uint32_t)v - 1;
			if (same(t, idx, s, len))
				return (long)idx;
		}
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
	uint64_t *slot = calloc(n_slots, sizeof(*slot));

	if (!slot)
		return false;
	for (size_t k = 0; k < t->n_slots; k++) {
		uint64_t v = t->slot[k];
		size_t i;
		if (!v)
			continue;
		i = (uint32_t)(v >> 32) & (n_slots - 1);
		while (slot[i])
			i = (i + 1) & (n_slots - 1);
		slot[i] = v;
	}
	free(t->slot);
	t->slot = slot;
	t->n_slots = n_slots;
	return true;
}

long uplift_strtab_intern(struct uplift_strtab *t, const char *s, size_t len, bool *added)
{
	uint32_t h = hash_bytes(s, len), n32 = (uint32_t)len;
	size_t slot, need = sizeof(n32) + len + 1;
	long found;

	if (added)
		*added = false;
	if (len > UINT32_MAX - 8 || t->n >= UINT32_MAX - 1)
		return -1;
	if ((t->n + 1) * 2 > t->n_slots && !rehash(t, t->n_slots ? t->n_slots * 2 : 128))
		return -1;
	found = lookup(t, s, len, h, &slot);
	if (found >= 0)
		return found;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		uint64_t *p = realloc(t->off, cap * sizeof(*p));
		if (!p)
			return -1;
		t->off = p;
		t->cap = cap;
	}
	if (t->arena_len + need > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap : 4096;
		char *a;
		while (cap < t->arena_len + need)
			cap *= 2;
		if (!(a = realloc(t->arena, cap)))
			return -1;
		t->arena = a;
		t->arena_cap = cap;
	}
	memcpy(t->arena + t->arena_len, &n32, sizeof(n32));
	memcpy(t->arena + t->arena_len + sizeof(n32), s, len);
	t->arena[t->arena_len + sizeof(n32) + len] = '\0';
	t->off[t->n] = t->arena_len;
	t->arena_len += need;
	t->slot[slot] = ((uint64_t)h << 32) | (uint64_t)(t->n + 1);
	if (added)
		*added = true;
	return (long)t->n++;
}

const char *uplift_strtab_get(const struct uplift_strtab *t, size_t i, size_t *len)
{
	const char *p = t->arena + t->off[i];
	uint32_t n;

	memcpy(&n, p, sizeof(n));
	if (len)
		*len = n;
	return p + sizeof(n);
}
