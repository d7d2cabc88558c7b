/*
 * uplift_strtab.h - an interning table of byte strings.
 *
 * Each distinct string gets a dense index 0, 1, 2, ... in order of first
 * sight. Strings are copied into one growing arena (no allocation per
 * string), each in a record holding its index and length, and found
 * through an open-addressing hash whose slots hold the hash next to the
 * record's place: a miss, or a probe past another string, costs no trip
 * to the arena, and a hit costs one. Used for user ids and for the values
 * of segment columns. The table owns its memory.
 *
 * For tables larger than the cache, callers that have many strings to look
 * up at once compute their hashes first (uplift_strtab_hash), prefetch
 * their slots, and then look them up with the *_hashed calls: the memory
 * latencies overlap instead of adding up.
 */
#ifndef UPLIFT_STRTAB_H
#define UPLIFT_STRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct uplift_strtab {
	char *arena; /* records: uint32 index, the length, the bytes, a NUL; 4-aligned
		      * (the length: one byte below 255, else 255 and a uint32) */
	size_t arena_len, arena_cap;
	uint32_t *rec; /* per string: its record's offset in arena / 4 */
	size_t n, cap;
	uint64_t *slot; /* (hash << 32) | (record offset / 4 + 1); 0 when empty */
	size_t n_slots; /* a power of two, at least twice n */
};

/* Initialise an empty table (no allocation yet). */
void uplift_strtab_init(struct uplift_strtab *t);

/* Free what the table holds; the struct itself is the caller's. */
void uplift_strtab_release(struct uplift_strtab *t);

/*
 * A 64-bit hash of s[0..len): eight bytes at a time, each word multiplied
 * in, then murmur3's fmix64 (user ids are short, and a byte loop cost more
 * than the probe). Inline: it runs once or twice per row.
 */
static inline uint64_t uplift_strtab_hash64(const char *s, size_t len)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = 0x243F6A8885A308D3ULL ^ (len * k), w;

	if (len >= 8) {
		const char *last = s + len - 8;
		for (; s < last; s += 8) {
			memcpy(&w, s, 8);
			h = (h ^ w) * k;
			h ^= h >> 29;
		}
		/* the last 1 to 8 bytes: the string's last word, shifted past
		 * the bytes the loop took (no call to memcpy of a variable length) */
		memcpy(&w, last, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w <<= 8 * (size_t)(s - last);
#else
		w >>= 8 * (size_t)(s - last);
#endif
		h = (h ^ w) * k;
		h ^= h >> 29;
	} else if (len) {
		w = 0;
		for (size_t i = 0; i < len; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* The hash the table uses for s[0..len): the low half of uplift_strtab_hash64. */
static inline uint32_t uplift_strtab_hash(const char *s, size_t len)
{
	return (uint32_t)uplift_strtab_hash64(s, len);
}

/* Start loading the slot where a string of this hash is looked for. */
void uplift_strtab_prefetch(const struct uplift_strtab *t, uint32_t hash);

/* Once that slot is in cache: start loading the string it points to. */
void uplift_strtab_prefetch_string(const struct uplift_strtab *t, uint32_t hash);

/*
 * Make room for n strings of about avg_len bytes each, so that filling the
 * table does not rehash it. A hint: false only when out of memory.
 */
bool uplift_strtab_reserve(struct uplift_strtab *t, size_t n, size_t avg_len);

/* Index of s[0..len) or -1 when absent. */
long uplift_strtab_find(const struct uplift_strtab *t, const char *s, size_t len);

/* The same, with hash = uplift_strtab_hash(s, len). */
long uplift_strtab_find_hashed(const struct uplift_strtab *t, const char *s, size_t len,
			       uint32_t hash);

/*
 * Index of s[0..len), adding it when absent (*added tells which; may be
 * NULL). Returns -1 only when out of memory (or past 4 billion strings or
 * 32 GiB of them).
 */
long uplift_strtab_intern(struct uplift_strtab *t, const char *s, size_t len, bool *added);

/* The same, with hash = uplift_strtab_hash(s, len). */
long uplift_strtab_intern_hashed(struct uplift_strtab *t, const char *s, size_t len, uint32_t hash,
				 bool *added);

/* The string at index i (NUL-terminated); its length in *len if not NULL. */
const char *uplift_strtab_get(const struct uplift_strtab *t, size_t i, size_t *len);

#endif
