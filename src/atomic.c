/*
 * atomic.c - whole-or-nothing files (see uplift_atomic.h).
 */
#include "uplift_atomic.h"

#include <errno.h>
#include <string.h>

bool uplift_atomic_open(struct uplift_atomic *f, const char *dir, const char *name,
			struct uplift_error *err)
{
	snprintf(f->final, sizeof(f->final), "%s/%s", dir, name);
	snprintf(f->tmp, sizeof(f->tmp), "%s/.%s.tmp", dir, name);
	f->fp = fopen(f->tmp, "w");
	if (!f->fp) {
		uplift_error_set(err, UPLIFT_EINPUT, f->final, 0, NULL, "cannot write: %s",
				 strerror(errno));
		return false;
	}
	return true;
}

bool uplift_atomic_close(struct uplift_atomic *f, bool commit, struct uplift_error *err)
{
	bool ok = f->fp && !ferror(f->fp);

	if (!f->fp)
		return false;
	if (fclose(f->fp) != 0)
		ok = false;
	f->fp = NULL;
	if (ok && commit && rename(f->tmp, f->final) == 0)
		return true;
	if (commit)
		uplift_error_set(err, UPLIFT_EINTERNAL, f->final, 0, NULL, "write failed: %s",
				 strerror(errno));
	remove(f->tmp);
	return false;
}
