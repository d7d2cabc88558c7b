/*
 * uplift_strtab.h - an interning table of byte strings.
 *
 * Each distinct string gets a dense index 0, 1, 2, ... in order of first
 * sight. Strings are copied into one growing arena (no allocation per
 * string), each behind its 4-byte length, and found through an
 * open-addressing hash whose slots hold the hash next to the index, so a
 * miss or a probe past another string costs no trip to the arena. Used for
 * user ids and for the values of segment columns. The table owns its memory.
 */
#ifndef UPLIFT_STRTAB_H
#define UPLIFT_STRTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uplift_strtab {
	char *arena; /* per string: uint32 length, the bytes, a NUL */
	size_t arena_len, arena_cap;
	uint64_t *off; /* per string: offset of its length in arena */
	size_t n, cap;
	uint64_t *slot; /* (hash << 32) | (index + 1); 0 when empty */
	size_t n_slots; /* a power of two, at least twice n */
};

/* Initialise an empty table (no allocation yet). */
void uplift_strtab_init(struct uplift_strtab *t);

/* Free what the table holds; the struct itself is the caller's. */
void uplift_strtab_release(struct uplift_strtab *t);

/* Index of s[0..len) or -1 when absent. */
long uplift_strtab_find(const struct uplift_strtab *t, const char *s, size_t len);

/*
 * Index of s[0..len), adding it when absent (*added tells which; may be
 * NULL). Returns -1 only when out of memory (or a string over 4 GiB).
 */
long uplift_strtab_intern(struct uplift_strtab *t, const char *s, size_t len, bool *added);

/* The string at index i (NUL-terminated); its length in *len if not NULL. */
const char *uplift_strtab_get(const struct uplift_strtab *t, size_t i, size_t *len);

#endif
