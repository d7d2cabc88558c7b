/*
 * uplift_atomic.h - files that appear whole or not at all.
 *
 * An atomic file is created under a unique hidden temporary name in the
 * target folder (mkostemp: O_CREAT|O_EXCL, so a symlink planted at any name
 * is never followed), written, flushed, fsync'd and checked, then renamed
 * over the final name on commit (rename replaces a planted symlink, it does
 * not write through it); abandoned, the temporary is removed. Readers of the
 * folder never see half a file. Errors name the file and the errno of the
 * first failed write ("forest.gp: write failed: No space left on device").
 */
#ifndef UPLIFT_ATOMIC_H
#define UPLIFT_ATOMIC_H

#include <stdbool.h>
#include <stdio.h>

#include "uplift_error.h"

struct uplift_atomic {
	FILE *fp;         /* write here between open and close */
	char tmp[4096];   /* dir/.name.XXXXXX */
	char final[4096]; /* dir/name */
	void *sink;       /* private: the descriptor and the first write error */
};

/*
 * Open dir/name for writing (as a fresh dir/.name.XXXXXX, mode 0666 less the
 * umask). False, with err naming the file and errno, on failure.
 */
bool uplift_atomic_open(struct uplift_atomic *f, const char *dir, const char *name,
			struct uplift_error *err);

/*
 * Close f; with commit, flush, fsync and rename it into place (false, with
 * err naming the file and errno, if any write, the flush or the rename
 * failed); without, discard it. Safe on a never-opened f (zero-initialised).
 */
bool uplift_atomic_close(struct uplift_atomic *f, bool commit, struct uplift_error *err);

/*
 * As uplift_atomic_close with commit, but the file is linked into place
 * only when no file of its name exists (O_EXCL semantics for a whole
 * file): an existing one is left alone and is an input error
 * ("experiment.ini: already exists; it is never overwritten").
 */
bool uplift_atomic_close_new(struct uplift_atomic *f, struct uplift_error *err);

/*
 * Flush and fsync the file at path (opened without following a symlink).
 * 0, or -1 with errno.
 */
int uplift_atomic_sync_path(const char *path);

#endif
