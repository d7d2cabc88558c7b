/*
 * pack.c - lock, stage and swap a pack folder (see uplift_pack.h).
 *
 * Every name in the old folder is classified before the swap: the user's
 * files are carried into the staged folder (hard links, so
 * they are in the new pack the moment it appears; what cannot be linked, a
 * subfolder, is renamed across after the swap), the old pack's files are
 * dropped. Only names classified as dropped or linked are removed from the
 * old folder afterwards: anything else (a file created during the run) keeps
 * the old folder, which is then reported instead of removed.
 */
#define _GNU_SOURCE /* renameat2 flags, nftw */
#include "uplift_pack.h"
#include "uplift_atomic.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pause_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Split path into its parent folder and last component. */
static void split(const char *path, char *parent, size_t psize, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash || slash == path) {
		snprintf(parent, psize, "%s", slash ? "/" : ".");
		*base = slash ? slash + 1 : path;
		return;
	}
	snprintf(parent, psize, "%.*s", (int)(slash - path), path);
	*base = slash + 1;
}

static enum uplift_status lock(struct uplift_pack *p, double wait_seconds, struct uplift_error *err)
{
	char *lockpath = p->lock;
	double deadline = now() + wait_seconds;
	mode_t mask = umask(0);

	umask(mask);
	for (;;) {
		struct stat fs, ps;
		int fd = open(lockpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
			      0666 & ~mask);
		if (fd < 0)
			return uplift_error_set(
			    err, errno == ELOOP ? UPLIFT_EINPUT : UPLIFT_EINTERNAL, NULL, 0, NULL,
			    "%s: cannot open the pack's lock file: %s", lockpath,
			    errno == ELOOP ? "it is a symbolic link" : strerror(errno));
		if (fstat(fd, &fs) != 0 || !S_ISREG(fs.st_mode)) {
			close(fd);
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"%s: the pack's lock file is not a plain file",
						lockpath);
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			/* the folder may have been swapped while we waited */
			if (lstat(lockpath, &ps) == 0 && ps.st_dev == fs.st_dev &&
			    ps.st_ino == fs.st_ino) {
				p->lock_fd = fd;
				return UPLIFT_OK;
			}
			close(fd);
			continue;
		}
		close(fd);
		if (errno != EWOULDBLOCK && errno != EINTR)
			return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL,
						"%s: cannot lock: %s", lockpath, strerror(errno));
		if (now() >= deadline)
			return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
						"--out %s: another uplift report is writing this "
						"pack folder; try again when it has finished",
						p->out);
		pause_ms(50);
	}
}

enum uplift_status uplift_pack_begin(struct uplift_pack *p, const char *out, double wait_seconds,
				     struct uplift_error *err)
{
	char parent[4096];
	const char *base;
	enum uplift_status st;

	memset(p, 0, sizeof(*p));
	p->lock_fd = -1;
	snprintf(p->out, sizeof(p->out), "%s", out);
	if (!realpath(out, p->path))
		return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "--out %s: %s", out,
					strerror(errno));
	if (strcmp(p->path, "/") == 0)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--out %s: cannot use / as the pack folder", out);
	split(p->path, parent, sizeof(parent), &base);
	if (snprintf(p->lock, sizeof(p->lock), "%s/.%s.uplift-lock", parent, base) >=
	    (int)sizeof(p->lock))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL, "--out %s: %s", out,
					strerror(ENAMETOOLONG));
	if ((st = lock(p, wait_seconds, err)))
		return st;
	if (snprintf(p->stage, sizeof(p->stage), "%s/.%s.uplift-XXXXXX", parent, base) >=
		(int)sizeof(p->stage) ||
	    !mkdtemp(p->stage)) {
		int e = errno;
		p->stage[0] = '\0';
		uplift_pack_abort(p);
		return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL,
					"--out %s: cannot create a staging folder in %s: %s", out,
					parent, strerror(e));
	}
	return UPLIFT_OK;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

int uplift_pack_remove_tree(const char *dir)
{
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void uplift_pack_abort(struct uplift_pack *p)
{
	if (p->stage[0])
		uplift_pack_remove_tree(p->stage);
	p->stage[0] = '\0';
	if (p->lock_fd >= 0) {
		unlink(p->lock); /* safe: a waiter checks the name still is the file it locked */
		close(p->lock_fd);
	}
	p->lock_fd = -1;
}

/* A name that uplift's report writes or wrote, whatever the file holds. */
static bool legacy_name(const char *name)
{
	static const char *const fixed[] = {"report.md",   "summary.json", "comparisons.csv",
					    "report.html", "summary.xlsx", "send_list.csv",
					    "review.md",   "review.json",  "review.html"};
	static const char *const stems[] = {"forest", "rates", "daily", "basket"};
	static const char *const exts[] = {".gp", ".dat", ".png", ".svg"};
	size_t n = strlen(name), stem = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(name, fixed[i]) == 0)
			return true;
	if (strncmp(name, ".render-", 8) == 0 ||
	    (name[0] == '.' && n > 4 && strcmp(name + n - 4, ".tmp") == 0))
		return true; /* the temporaries of earlier versions */
	for (size_t i = 0; i < 4; i++)
		if (strncmp(name, stems[i], strlen(stems[i])) == 0)
			stem = strlen(stems[i]);
	if (!stem && strncmp(name, "segments-", 9) == 0) {
		stem = 9;
		while (name[stem] >= '0' && name[stem] <= '9')
			stem++;
		if (stem == 9)
			return false;
	}
	if (!stem)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (strcmp(name + stem, exts[i]) == 0)
			return true;
	return false;
}

/* Whether dir/STEM.gp, STEM being name less its extension, is a script uplift wrote. */
static bool chart_file(int dirfd, const char *name)
{
	static const char *const exts[] = {".gp", ".dat", ".png", ".svg"};
	char gp[512], head[256];
	size_t n = strlen(name);
	ssize_t got;
	int fd;

	for (size_t i = 0; i < 4; i++) {
		if (n <= 3 || n - 3 >= sizeof(gp) - 4 || strcmp(name + n - 4 + (i == 0), exts[i]))
			continue;
		snprintf(gp, sizeof(gp), "%.*s.gp", (int)(n - 4 + (i == 0)), name);
		if ((fd = openat(dirfd, gp, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)) < 0)
			return false;
		got = read(fd, head, sizeof(head) - 1);
		close(fd);
		head[got > 0 ? got : 0] = '\0';
		return strstr(head, "written by uplift report") != NULL;
	}
	return false;
}

enum name_fate { DROP, LINKED, MOVE };

struct entry {
	char *name;
	enum name_fate fate;
};

struct plan {
	struct entry *e;
	size_t n, cap;
};

static bool plan_add(struct plan *pl, const char *name, enum name_fate fate)
{
	if (pl->n == pl->cap) {
		size_t cap = pl->cap ? 2 * pl->cap : 32;
		struct entry *e = realloc(pl->e, cap * sizeof(*e));
		if (!e)
			return false;
		pl->e = e;
		pl->cap = cap;
	}
	if (!(pl->e[pl->n].name = strdup(name)))
		return false;
	pl->e[pl->n++].fate = fate;
	return true;
}

static void plan_free(struct plan *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->e[i].name);
	free(pl->e);
}

/* Classify every name of the old folder; link the carried ones into the stage. */
static enum uplift_status carry(struct uplift_pack *p, int oldfd, int newfd, struct plan *pl,
				struct uplift_error *err)
{
	int fd = dup(oldfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	struct stat sb;
	enum uplift_status st = UPLIFT_OK;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "%s: %s", p->out,
					strerror(errno));
	}
	while (!st && (e = readdir(d))) {
		const char *name = e->d_name;
		enum name_fate fate = MOVE;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (legacy_name(name) || chart_file(oldfd, name) ||
		    fstatat(newfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			fate = DROP;
		else if (e->d_type != DT_DIR && linkat(oldfd, name, newfd, name, 0) == 0)
			fate = LINKED;
		if (!st && !plan_add(pl, name, fate))
			st = uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	}
	closedir(d);
	return st;
}

/* Put the staged folder at p->path; the old folder ends at *old_at. */
static int swap(struct uplift_pack *p, char *old_at, size_t size)
{
	char parent[4096], aside[4200];
	const char *base;

	if (syscall(SYS_renameat2, AT_FDCWD, p->stage, AT_FDCWD, p->path, RENAME_EXCHANGE) == 0) {
		snprintf(old_at, size, "%s", p->stage);
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
		return -1;
	/* no exchange on this file system: old aside, new in, old back on failure */
	split(p->path, parent, sizeof(parent), &base);
	snprintf(aside, sizeof(aside), "%s/.%s.uplift-old-XXXXXX", parent, base);
	if (!mkdtemp(aside) || rename(p->path, aside) != 0)
		return -1;
	if (rename(p->stage, p->path) != 0) {
		int e = errno;
		rename(aside, p->path);
		rmdir(aside);
		errno = e;
		return -1;
	}
	snprintf(old_at, size, "%s", aside);
	return 0;
}

enum uplift_status uplift_pack_commit(struct uplift_pack *p, struct uplift_error *err)
{
	struct plan pl = {0};
	char old_at[4200], parent[4096];
	const char *base;
	struct stat sb;
	int oldfd, newfd = -1, pfd;
	bool keep = false;
	enum uplift_status st;

	oldfd = open(p->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (oldfd < 0 || (newfd = open(p->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "%s: %s", p->out,
				      strerror(errno));
		if (oldfd >= 0)
			close(oldfd);
		goto fail;
	}
	if (fstat(oldfd, &sb) == 0)
		fchmod(newfd, sb.st_mode & 07777);
	if ((st = carry(p, oldfd, newfd, &pl, err)))
		goto fail_fds;
	if (fsync(newfd) != 0 && errno != EINVAL) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL, "%s: %s", p->out,
				      strerror(errno));
		goto fail_fds;
	}
	if (swap(p, old_at, sizeof(old_at)) != 0) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, NULL, 0, NULL,
				      "--out %s: cannot put the new pack in place: %s", p->out,
				      strerror(errno));
		goto fail_fds;
	}
	p->stage[0] = '\0'; /* the new pack is in place: nothing to abort any more */
	split(p->path, parent, sizeof(parent), &base);
	if ((pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(pfd);
		close(pfd);
	}
	for (size_t i = 0; i < pl.n; i++) {
		struct entry *e = &pl.e[i];
		if (e->fate == MOVE && renameat(oldfd, e->name, newfd, e->name) != 0)
			keep = true;
		else if (e->fate != MOVE && unlinkat(oldfd, e->name, 0) != 0 && errno != ENOENT)
			keep = true;
	}
	if (rmdir(old_at) != 0)
		keep = true;
	if (keep)
		snprintf(p->kept, sizeof(p->kept), "%s", old_at);
	close(oldfd);
	close(newfd);
	plan_free(&pl);
	uplift_pack_abort(p);
	return UPLIFT_OK;
fail_fds:
	close(oldfd);
	close(newfd);
	/* undo the links into the stage: abort removes the whole stage anyway */
fail:
	plan_free(&pl);
	uplift_pack_abort(p);
	return st;
}
