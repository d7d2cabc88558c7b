/*
 * mem.c - memory for the large hash tables, and the growth of reused arrays
 * (see uplift_mem.h).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MADV_HUGEPAGE */
#include "uplift_mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define LARGE     (2 * HUGE_PAGE) /* from here tables are mapped */

/* The bytes a large table of n * size bytes maps: whole huge pages. */
static size_t mapped(size_t bytes)
{
	return (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *uplift_mem_table_calloc(size_t n, size_t size)
{
	size_t bytes, len, head;
	char *p;

	if (size && n > (SIZE_MAX - 2 * HUGE_PAGE) / size)
		return NULL;
	bytes = n * size;
	if (bytes < LARGE)
		return calloc(n, size);
	/* a fresh mapping is zero; map a huge page more than needed and
	 * unmap what lies before and after the 2 MB-aligned part */
	len = mapped(bytes);
	p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	head = (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
	if (head)
		munmap(p, head);
	munmap(p + head + len, HUGE_PAGE - head);
	p += head;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, len, MADV_HUGEPAGE); /* a hint: ordinary pages if refused */
#endif
	return p;
}

void uplift_mem_table_free(void *p, size_t n, size_t size)
{
	if (!p)
		return;
	if (n * size < LARGE)
		free(p);
	else
		munmap(p, mapped(n * size));
}

bool uplift_mem_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t n;
	void *q;

	if (need <= *cap)
		return true;
	n = *cap ? *cap : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return false;
		n *= 2;
	}
	if (elem && n > SIZE_MAX / elem)
		return false;
	q = realloc(*p, n * elem);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}
