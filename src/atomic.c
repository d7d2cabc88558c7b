/*
 * atomic.c - whole-or-nothing files (see uplift_atomic.h).
 *
 * The FILE is a fopencookie stream over the temporary's descriptor so that
 * the errno of the first failed write is kept: stdio only remembers that a
 * write failed, and the message must say why (ENOSPC, EDQUOT, EIO).
 */
#define _GNU_SOURCE /* fopencookie, mkostemp */
#include "uplift_atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sink {
	int fd;
	int err; /* errno of the first failed write, 0 if none */
};

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct sink *s = cookie;
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(s->fd, buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!s->err)
				s->err = n < 0 ? errno : ENOSPC;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int sink_close(void *cookie)
{
	(void)cookie; /* the descriptor is closed by uplift_atomic_close */
	return 0;
}

static mode_t file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

bool uplift_atomic_open(struct uplift_atomic *f, const char *dir, const char *name,
			struct uplift_error *err)
{
	static const cookie_io_functions_t io = {.write = sink_write, .close = sink_close};
	struct sink *s;
	int fd, e;

	f->fp = NULL;
	f->sink = NULL;
	snprintf(f->final, sizeof(f->final), "%s/%s", dir, name);
	snprintf(f->tmp, sizeof(f->tmp), "%s/.%s.XXXXXX", dir, name);
	fd = mkostemp(f->tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		goto fail;
	}
	if (fchmod(fd, file_mode()) != 0 || !(s = malloc(sizeof(*s)))) {
		e = errno ? errno : ENOMEM;
		close(fd);
		unlink(f->tmp);
		goto fail;
	}
	s->fd = fd;
	s->err = 0;
	f->fp = fopencookie(s, "w", io);
	if (!f->fp) {
		e = errno;
		free(s);
		close(fd);
		unlink(f->tmp);
		goto fail;
	}
	f->sink = s;
	return true;
fail:
	uplift_error_set(err, UPLIFT_EINTERNAL, f->final, 0, NULL, "cannot write: %s", strerror(e));
	return false;
}

/*
 * Put the temporary at its final name without replacing a file there:
 * link() fails with EEXIST when the name is taken; a file system without
 * hard links gets renameat2's RENAME_NOREPLACE instead.
 */
static int place_new(const char *tmp, const char *final)
{
	if (link(tmp, final) == 0) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return EEXIST;
#ifdef RENAME_NOREPLACE
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE) == 0)
		return 0;
#endif
	return errno;
}

static bool finish(struct uplift_atomic *f, bool commit, bool exclusive, struct uplift_error *err)
{
	struct sink *s = f->sink;
	int e = 0;

	if (!f->fp || !s)
		return false;
	if (fflush(f->fp) != 0 || ferror(f->fp))
		e = s->err ? s->err : EIO;
	fclose(f->fp); /* the cookie's close does nothing: the descriptor is still ours */
	f->fp = NULL;
	if (!e && commit && fsync(s->fd) != 0 && errno != EINVAL)
		e = errno;
	if (close(s->fd) != 0 && !e && commit)
		e = errno;
	free(s);
	f->sink = NULL;
	if (!e && commit)
		e = exclusive ? place_new(f->tmp, f->final)
			      : (rename(f->tmp, f->final) != 0 ? errno : 0);
	if (!e && commit)
		return true;
	if (commit && e == EEXIST && exclusive)
		uplift_error_set(err, UPLIFT_EINPUT, f->final, 0, NULL,
				 "already exists; it is never overwritten");
	else if (commit)
		uplift_error_set(err, UPLIFT_EINTERNAL, f->final, 0, NULL, "write failed: %s",
				 strerror(e));
	unlink(f->tmp);
	return false;
}

bool uplift_atomic_close(struct uplift_atomic *f, bool commit, struct uplift_error *err)
{
	return finish(f, commit, false, err);
}

bool uplift_atomic_close_new(struct uplift_atomic *f, struct uplift_error *err)
{
	return finish(f, true, true, err);
}

int uplift_atomic_sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int rc, e;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	if (rc != 0 && errno == EINVAL)
		rc = 0; /* a file system without fsync */
	e = errno;
	close(fd);
	errno = e;
	return rc;
}
