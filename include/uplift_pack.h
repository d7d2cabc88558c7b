/*
 * uplift_pack.h - a pack folder replaced whole: lock, stage, swap.
 *
 * A pack (the files of "uplift report") is built in a private staging
 * folder beside the pack folder (same parent, mkdtemp), and swapped in at
 * the end with one rename (renameat2 RENAME_EXCHANGE, or the old folder
 * renamed aside and the new one in, with recovery). Readers and a failed
 * run never see a mixed pack: until the swap the old pack is untouched.
 *
 * The pack's files are report.md, summary.json, comparisons.csv, summary.xlsx,
 * report.html and per
 * chart NAME.gp (a script whose head says "written by uplift report"),
 * NAME.dat, NAME.png and NAME.svg. Anything else in the pack folder (a
 * user's notes.txt, a subfolder) is carried into the new pack; files of an
 * earlier pack that the new one does not write (a stale chart) are removed.
 * A second writer waits on the lock (flock on PARENT/.NAME.uplift-lock,
 * created with O_NOFOLLOW and removed at the end; bounded) or is refused.
 */
#ifndef UPLIFT_PACK_H
#define UPLIFT_PACK_H

#include <stdbool.h>

#include "uplift_error.h"

struct uplift_pack {
	char out[4096];   /* the pack folder, as given (for messages) */
	char path[4096];  /* the pack folder, resolved (realpath) */
	char stage[4096]; /* the staging folder: write the new pack here */
	char lock[4200];  /* the lock file beside the pack folder */
	char kept[4200];  /* after commit: an old folder that could not be removed, or "" */
	int lock_fd;      /* -1 when not locked */
};

/*
 * Lock the existing folder out (waiting up to wait_seconds for another
 * writer) and create the staging folder beside it. On failure (EINPUT: the
 * folder is locked, or the lock file is not a plain file; EINTERNAL: an OS
 * failure) err says why and nothing needs releasing.
 */
enum uplift_status uplift_pack_begin(struct uplift_pack *p, const char *out, double wait_seconds,
				     struct uplift_error *err);

/*
 * Carry the user's files of the old
 * folder over, swap the staged folder in and remove the old one; unlock.
 * On failure the old pack is as it was, the staging folder is removed and
 * err says why. After success, p->kept names an old folder left behind
 * (something in it could not be moved or removed), or is "".
 */
enum uplift_status uplift_pack_commit(struct uplift_pack *p, struct uplift_error *err);

/* Remove the staging folder and unlock; the old pack is untouched. Safe twice. */
void uplift_pack_abort(struct uplift_pack *p);

/* Remove the folder dir and everything in it, never following a symlink. 0 or -1. */
int uplift_pack_remove_tree(const char *dir);

#endif
