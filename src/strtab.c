/*
 * strtab.c - interning table of strings (see uplift_strtab.h).
 */
#include "uplift_strtab.h"
#include "uplift_mem.h"

#include <stdlib.h>
#include <string.h>

/*
 * A record: the uint32 index, the length in one byte (255: in the uint32
 * that follows), the bytes and a NUL, rounded up to 4 bytes -- 16 bytes
 * for a user id of 9 to 10 characters (it was 24 with a uint32 length and
 * 8-byte records).
 */
#define UNIT      4
#define LONG_LEN  255
#define HEAD(len) ((len) < LONG_LEN ? 5 : 9)

/* The bytes a record of a string of len bytes takes. */
static size_t record_size(size_t len)
{
	return (HEAD(len) + len + 1 + UNIT - 1) & ~(size_t)(UNIT - 1);
}

/* The string of the record at p, and its length in *n. */
static const char *record_string(const char *p, uint32_t *n)
{
	unsigned char n8 = (unsigned char)p[4];

	if (n8 < LONG_LEN) {
		*n = n8;
		return p + 5;
	}
	memcpy(n, p + 5, 4);
	return p + 9;
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
	free(t->rec);
	uplift_mem_table_free(t->slot, t->n_slots, sizeof(*t->slot));
	uplift_strtab_init(t);
}

void uplift_strtab_prefetch(const struct uplift_strtab *t, uint32_t hash)
{
	if (t->n_slots)
		__builtin_prefetch(&t->slot[hash & (t->n_slots - 1)]);
}

void uplift_strtab_prefetch_string(const struct uplift_strtab *t, uint32_t hash)
{
	uint64_t v;

	if (!t->n_slots)
		return;
	v = t->slot[hash & (t->n_slots - 1)];
	if (v)
		__builtin_prefetch(t->arena + ((uint32_t)v - 1) * (size_t)UNIT);
}

/* The record at arena offset units * UNIT. */
static const char *record(const struct uplift_strtab *t, uint64_t units)
{
	return t->arena + units * UNIT;
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
			const char *p = record(t, (uint32_t)v - 1), *str;
			uint32_t idx, n;
			memcpy(&idx, p, 4);
			str = record_string(p, &n);
			if (n == len && memcmp(str, s, len) == 0)
				return (long)idx;
		}
		i = (i + 1) & mask;
	}
}

long uplift_strtab_find_hashed(const struct uplift_strtab *t, const char *s, size_t len,
			       uint32_t hash)
{
	size_t slot;

	if (t->n_slots == 0)
		return -1;
	return lookup(t, s, len, hash, &slot);
}

long uplift_strtab_find(const struct uplift_strtab *t, const char *s, size_t len)
{
	return uplift_strtab_find_hashed(t, s, len, uplift_strtab_hash(s, len));
}

static bool rehash(struct uplift_strtab *t, size_t n_slots)
{
	uint64_t *slot = uplift_mem_table_calloc(n_slots, sizeof(*slot));

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
	uplift_mem_table_free(t->slot, t->n_slots, sizeof(*t->slot));
	t->slot = slot;
	t->n_slots = n_slots;
	return true;
}

/* Room for n records in t->rec and bytes in the arena (growing by doubling, at least). */
static bool room(struct uplift_strtab *t, size_t n, size_t bytes)
{
	if (n > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		uint32_t *p;
		if (cap < n)
			cap = n;
		if (!(p = realloc(t->rec, cap * sizeof(*p))))
			return false;
		t->rec = p;
		t->cap = cap;
	}
	if (bytes > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap * 2 : 4096;
		char *a;
		if (cap < bytes)
			cap = bytes;
		if (!(a = realloc(t->arena, cap)))
			return false;
		t->arena = a;
		t->arena_cap = cap;
	}
	return true;
}

bool uplift_strtab_reserve(struct uplift_strtab *t, size_t n, size_t avg_len)
{
	size_t slots = t->n_slots ? t->n_slots : 128, bytes = n * record_size(avg_len);

	while (slots < 2 * n)
		slots *= 2;
	if (slots > t->n_slots && !rehash(t, slots))
		return false;
	return room(t, n, bytes);
}

long uplift_strtab_intern_hashed(struct uplift_strtab *t, const char *s, size_t len, uint32_t hash,
				 bool *added)
{
	size_t slot, need = record_size(len);
	uint32_t idx = (uint32_t)t->n, n32 = (uint32_t)len;
	long found;

	if (added)
		*added = false;
	if (len > UINT32_MAX - 16 || t->n >= UINT32_MAX - 1)
		return -1;
	if ((t->n + 1) * 2 > t->n_slots && !rehash(t, t->n_slots ? t->n_slots * 2 : 128))
		return -1;
	found = lookup(t, s, len, hash, &slot);
	if (found >= 0)
		return found;
	if ((t->arena_len + need) / UNIT >= UINT32_MAX || !room(t, t->n + 1, t->arena_len + need))
		return -1;
	{
		char *p = t->arena + t->arena_len;
		size_t head = HEAD(len);
		memcpy(p, &idx, 4);
		p[4] = (char)(len < LONG_LEN ? len : LONG_LEN);
		if (len >= LONG_LEN)
			memcpy(p + 5, &n32, 4);
		memcpy(p + head, s, len);
		memset(p + head + len, 0, need - head - len);
	}
	t->rec[t->n] = (uint32_t)(t->arena_len / UNIT);
	t->slot[slot] = ((uint64_t)hash << 32) | (uint64_t)(t->arena_len / UNIT + 1);
	t->arena_len += need;
	if (added)
		*added = true;
	return (long)t->n++;
}

long uplift_strtab_intern(struct uplift_strtab *t, const char *s, size_t len, bool *added)
{
	return uplift_strtab_intern_hashed(t, s, len, uplift_strtab_hash(s, len), added);
}

const char *uplift_strtab_get(const struct uplift_strtab *t, size_t i, size_t *len)
{
	uint32_t n;
	const char *s = record_string(record(t, t->rec[i]), &n);

	if (len)
		*len = n;
	return s;
}
