/*
 * uplift_atomic.h - files that appear whole or not at all.
 *
 * An atomic file is written under a hidden temporary name in the target
 * folder and renamed over the final name on commit; abandoned, the temporary
 * is removed. Readers of the folder never see half a file.
 */
#ifndef UPLIFT_ATOMIC_H
#define UPLIFT_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "uplift_error.h"

struct uplift_atomic {
	FILE *fp;         /* write here between open and close */
	char tmp[4096];   /* dir/.name.tmp */
	char final[4096]; /* dir/name */
};

/* Open dir/name for writing (as dir/.name.tmp). False, with err, on failure. */
bool uplift_atomic_open(struct uplift_atomic *f, const char *dir, const char *name,
			struct uplift_error *err);

/*
 * Close f; with commit, rename it into place (false, with err, if any write
 * or the rename failed); without, discard it. Safe on a never-opened f
 * (zero-initialised).
 */
bool uplift_atomic_close(struct uplift_atomic *f, bool commit, struct uplift_error *err);

#endif
