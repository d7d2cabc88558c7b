/*
 * render.c - gnuplot in a box: private output folder, time limit, no
 * process creation, checked images (see uplift_render.h).
 */
#define _GNU_SOURCE /* mkdtemp, CLONE_THREAD */
#include "uplift_render.h"
#include "uplift_atomic.h"
#include "uplift_escape.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ERR_FILE "gnuplot.err"

int uplift_render_sandbox(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = 0;

	if (!ctx)
		return -1;
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(fork), 0);
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(vfork), 0);
	/* threads (fontconfig, cairo) clone with CLONE_THREAD: allowed */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
			       SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
	/* clone3 passes its flags in memory the filter cannot read: ENOSYS makes
	 * glibc fall back to clone, which the rule above sees */
	rc |= seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc == 0 ? 0 : -1;
}

static bool read_at(int fd, off_t off, void *buf, size_t n)
{
	return pread(fd, buf, n, off) == (ssize_t)n;
}

bool uplift_render_png_complete(const char *path)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	static const unsigned char iend[12] = {0,   0,   0,    0,    'I',  'E',
					       'N', 'D', 0xae, 0x42, 0x60, 0x82};
	unsigned char head[8], tail[12];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	bool ok;

	if (fd < 0)
		return false;
	ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size >= 8 + 12 &&
	     read_at(fd, 0, head, 8) && read_at(fd, sb.st_size - 12, tail, 12) &&
	     memcmp(head, sig, 8) == 0 && memcmp(tail, iend, 12) == 0;
	close(fd);
	return ok;
}

bool uplift_render_svg_complete(const char *path)
{
	char tail[64];
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	size_t n;
	bool ok = false;

	if (fd < 0)
		return false;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 6) {
		n = sb.st_size < (off_t)sizeof(tail) ? (size_t)sb.st_size : sizeof(tail);
		if (read_at(fd, sb.st_size - (off_t)n, tail, n)) {
			while (n && (tail[n - 1] == '\n' || tail[n - 1] == '\r' ||
				     tail[n - 1] == ' ' || tail[n - 1] == '\t'))
				n--;
			ok = n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
		}
	}
	close(fd);
	return ok;
}

/* Whether a line of gnuplot's stderr is worth showing, and how much. */
static int rank(const char *s)
{
	if (!*s || strspn(s, "^ ") == strlen(s))
		return 0; /* blank, or the caret under an echoed command */
	if (strstr(s, "\" line ") && !strstr(s, "warning:"))
		return 3; /* "forest.gp" line 19: x range is invalid */
	return strstr(s, "warning:") ? 1 : 2;
}

/*
 * The line of gnuplot's stderr that says what went wrong, made printable:
 * its last error (errors come after echoed commands and warnings), else
 * its last other line, else its last warning.
 */
static void gnuplot_says(const char *path, char *out, size_t size)
{
	char line[300], pick[300] = "";
	int best = 0;
	FILE *fp = fopen(path, "r");

	out[0] = '\0';
	if (!fp)
		return;
	while (fgets(line, sizeof(line), fp)) {
		char *s = line;
		int r;
		if (!strchr(line, '\n'))
			for (int c; (c = fgetc(fp)) != EOF && c != '\n';)
				; /* the rest of a long line */
		s[strcspn(s, "\r\n")] = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if ((r = rank(s)) && r >= best) {
			best = r;
			snprintf(pick, sizeof(pick), "%s", s);
		}
	}
	fclose(fp);
	uplift_escape_text(pick, out, size);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The child: a process group of its own, stdio redirected, sandboxed, gnuplot. */
static void child(const char *dir, const char *gnuplot, const char *prefix_arg, const char *script,
		  int errfd, bool sandbox)
{
	int devnull = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	if (chdir(dir) != 0 || devnull < 0 || dup2(devnull, 0) < 0 || dup2(devnull, 1) < 0 ||
	    dup2(errfd, 2) < 0)
		_exit(126);
	if (sandbox && uplift_render_sandbox() != 0) {
		dprintf(2, "uplift: cannot install the seccomp filter\n");
		_exit(126);
	}
	execl(gnuplot, "gnuplot", "-e", prefix_arg, script, (char *)NULL);
	dprintf(2, "cannot run %s: %s\n", gnuplot, strerror(errno));
	_exit(127);
}

/* Wait for pid at most timeout seconds; kill its group past it. */
static int wait_limited(pid_t pid, double timeout, int *status, bool *timed_out)
{
	double deadline = now() + timeout;
	long ms = 2;

	*timed_out = false;
	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now() >= deadline) {
			*timed_out = true;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			return 0;
		}
		struct timespec ts = {0, ms * 1000000L};
		nanosleep(&ts, NULL);
		if (ms < 25)
			ms *= 2;
	}
}

/* Check, fsync and rename box/NAME.ext to dir/NAME.ext. */
static enum uplift_status place(const char *dir, const char *box, const char *name, const char *ext,
				struct uplift_error *err)
{
	char from[8400], to[8400], file[200];
	struct statvfs vs;
	bool complete;

	snprintf(from, sizeof(from), "%s/%s.%s", box, name, ext);
	snprintf(to, sizeof(to), "%s/%s.%s", dir, name, ext);
	snprintf(file, sizeof(file), "%s.%s", name, ext);
	complete = strcmp(ext, "png") == 0 ? uplift_render_png_complete(from)
					   : uplift_render_svg_complete(from);
	if (!complete) {
		if (access(from, F_OK) != 0)
			return uplift_error_set(err, UPLIFT_EINTERNAL, file, 0, NULL,
						"gnuplot wrote nothing (%s.gp)", name);
		/* gnuplot says nothing when a write fails: a full disk is the usual cause */
		if (statvfs(dir, &vs) == 0 && (double)vs.f_bavail * vs.f_frsize < 64 * 1024)
			return uplift_error_set(err, UPLIFT_EINTERNAL, file, 0, NULL,
						"write failed: %s", strerror(ENOSPC));
		return uplift_error_set(err, UPLIFT_EINTERNAL, file, 0, NULL,
					"gnuplot wrote an incomplete image (%s.gp)", name);
	}
	if (uplift_atomic_sync_path(from) != 0 || rename(from, to) != 0)
		return uplift_error_set(err, UPLIFT_EINTERNAL, file, 0, NULL, "write failed: %s",
					strerror(errno));
	return UPLIFT_OK;
}

static void clear_box(const char *box, const char *name)
{
	static const char *const files[] = {"png", "svg"};
	char path[8400];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s.%s", box, name, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/" ERR_FILE, box);
	unlink(path);
	rmdir(box);
}

enum uplift_status uplift_render_chart(const char *dir, const char *name,
				       const struct uplift_render_options *opt,
				       struct uplift_error *err)
{
	char box[4200], prefix_arg[4300], script[160], errpath[4300], msg[400];
	const char *box_name;
	double timeout = opt->timeout > 0 ? opt->timeout : 60;
	enum uplift_status st = UPLIFT_OK;
	bool timed_out;
	int errfd, status;
	pid_t pid;

	snprintf(script, sizeof(script), "%s.gp", name);
	if (snprintf(box, sizeof(box), "%s/.render-XXXXXX", dir) >= (int)sizeof(box) ||
	    !mkdtemp(box))
		return uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
					"cannot create a folder to render into: %s",
					strerror(errno));
	box_name = strrchr(box, '/') + 1; /* mkdtemp's letters and digits only */
	snprintf(prefix_arg, sizeof(prefix_arg), "outprefix='%s/'", box_name);
	snprintf(errpath, sizeof(errpath), "%s/" ERR_FILE, box);
	errfd = open(errpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (errfd < 0) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
				      "cannot create gnuplot's error file: %s", strerror(errno));
		goto done;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		child(dir, opt->gnuplot, prefix_arg, script, errfd, !opt->no_sandbox);
	close(errfd);
	if (pid < 0) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
				      "cannot start gnuplot: %s", strerror(errno));
		goto done;
	}
	setpgid(pid, pid); /* also here: no window where a kill would miss the group */
	if (wait_limited(pid, timeout, &status, &timed_out) != 0) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
				      "cannot wait for gnuplot: %s", strerror(errno));
		goto done;
	}
	if (timed_out) {
		st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
				      "gnuplot did not finish in %g s and was stopped "
				      "(UPLIFT_GNUPLOT_TIMEOUT sets the limit)",
				      timeout);
		goto done;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		gnuplot_says(errpath, msg, sizeof(msg));
		if (WIFEXITED(status))
			st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
					      "gnuplot failed (exit %d)%s%s", WEXITSTATUS(status),
					      msg[0] ? ": " : "", msg);
		else
			st = uplift_error_set(err, UPLIFT_EINTERNAL, script, 0, NULL,
					      "gnuplot was killed by signal %d%s%s",
					      WTERMSIG(status), msg[0] ? ": " : "", msg);
		goto done;
	}
	if ((st = place(dir, box, name, "png", err)) || (st = place(dir, box, name, "svg", err))) {
		char path[8400];
		snprintf(path, sizeof(path), "%s/%s.png", dir, name);
		unlink(path); /* both images or neither */
	}
done:
	clear_box(box, name);
	return st;
}
