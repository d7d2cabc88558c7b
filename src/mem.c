/*
 * mem.c - memory for the large hash tables (see uplift_mem.h).
 */
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE */
#include "uplift_mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

void *uplift_table_calloc(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (size && n > (SIZE_MAX - HUGE_PAGE) / size)
		return NULL;
	bytes = n * size;
	if (bytes < 2 * HUGE_PAGE)
		return calloc(n, size);
	p = aligned_alloc(HUGE_PAGE, (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1));
	if (!p)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE); /* a hint: ordinary pages if refused */
#endif
	memset(p, 0, bytes);
	return p;
}
