/*
 * out_dir.c - what the commands that write a pack share (report, review):
 * the pack folder made, gnuplot found, the waits read from the environment,
 * and an error in the staging folder named by its place in the pack.
 */
#include "cli.h"
#include "uplift_pack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The gnuplot on PATH, or NULL. */
const char *cli_find_gnuplot(char *buf, size_t size)
{
	const char *path = getenv("PATH");
	const char *p = path ? path : "/usr/bin:/bin";

	while (*p) {
		size_t n = strcspn(p, ":");
		snprintf(buf, size, "%.*s/gnuplot", (int)n, p);
		if (n && access(buf, X_OK) == 0)
			return buf;
		p += n + (p[n] == ':');
	}
	return NULL;
}

/* mkdir -p; false with errno on failure. */
bool cli_make_dirs(const char *dir)
{
	char buf[4096];
	struct stat sb;

	snprintf(buf, sizeof(buf), "%s", dir);
	for (char *s = buf + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(buf, 0777) != 0 && errno != EEXIST)
			return false;
		*s = '/';
	}
	if (mkdir(buf, 0777) != 0 && errno != EEXIST)
		return false;
	if (stat(buf, &sb) != 0)
		return false;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return false;
	}
	return access(buf, W_OK | X_OK) == 0;
}

/* Seconds from an environment variable, or fallback when unset or bad. */
double cli_env_seconds(const char *name, double fallback)
{
	const char *s = getenv(name);
	char *end;
	double v;

	if (!s || !*s)
		return fallback;
	v = strtod(s, &end);
	return *end == '\0' && v > 0 && v < 1e6 ? v : fallback;
}

/* Name a file of the staging folder by its place in the pack: out/file. */
void cli_in_pack(struct uplift_error *err, const char *out)
{
	char msg[4096 + sizeof(err->file) + sizeof(err->message) + 8];
	size_t n;

	if (!err->file[0] || err->line)
		return;
	snprintf(msg, sizeof(msg), "%s/%s: %s", out, err->file, err->message);
	n = strnlen(msg, sizeof(err->message) - 1);
	memcpy(err->message, msg, n);
	err->message[n] = '\0';
	err->file[0] = '\0';
}


enum uplift_status cli_pack_begin(struct uplift_pack *pack, const char *out,
				  struct uplift_error *err)
{
	struct stat sb;

	if (lstat(out, &sb) == 0 && S_ISLNK(sb.st_mode))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--out %s: is a symbolic link; give the folder it points to",
					out);
	if (!cli_make_dirs(out))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--out %s: cannot use it as the pack folder: %s", out,
					strerror(errno));
	return uplift_pack_begin(pack, out, cli_env_seconds("UPLIFT_LOCK_WAIT", 120), err);
}

void cli_pack_kept(const struct uplift_pack *pack)
{
	if (pack->kept[0])
		fprintf(stderr,
			"uplift: warning: the previous pack is left in %s (something in it "
			"could not be moved or removed)\n",
			pack->kept);
}
