/*
 * uplift_mem.h - memory for the large hash tables (the slots of the user
 * ids, the set of order ids).
 *
 * Such a table is read at random, one probe per row: on 4 KB pages nearly
 * every probe of a table of many megabytes missed the TLB as well as the
 * cache, and the table took a page fault per 4 KB (16 MB of slots for a
 * million users: 4,096 faults). Tables of 4 MB or more are therefore
 * aligned to 2 MB and offered to the kernel for transparent huge pages
 * (madvise, Linux's default mode); where huge pages are off or none is
 * free, the kernel uses ordinary pages and nothing else changes. An
 * analysis of a million users ran about 10% faster (bench/README.md).
 * Tables filled in order (the users, the id records) gained nothing from
 * huge pages and stay on ordinary ones.
 *
 * Tables of 4 MB or more are mapped afresh (mmap), so they come zeroed by
 * the kernel, page by page as they are first touched -- by the thread that
 * fills them, not all at once by the one that creates them (zeroing 16 MB
 * up front was a tenth of the reading thread's time for a million users).
 *
 * Also the growth of the small arrays that are reused from row to row
 * (uplift_mem_grow).
 */
#ifndef UPLIFT_MEM_H
#define UPLIFT_MEM_H

#include <stdbool.h>
#include <stddef.h>

/* Like calloc(n, size); from 4 MB, 2 MB-aligned and marked for huge pages. */
void *uplift_mem_table_calloc(size_t n, size_t size);

/* Free a table from uplift_mem_table_calloc(n, size) (the same n and size); NULL is a no-op. */
void uplift_mem_table_free(void *p, size_t n, size_t size);

/*
 * Make the array *p (from malloc or NULL, *cap elements of elem bytes) hold
 * at least need elements: when it holds fewer, realloc it to the first
 * doubling of *cap (from 16) that does, updating *p and *cap. Returns false,
 * leaving *p and *cap as they were, when out of memory or when the size
 * would overflow.
 */
bool uplift_mem_grow(void **p, size_t *cap, size_t need, size_t elem);

#endif
