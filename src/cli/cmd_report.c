/*
 * cmd_report.c - "uplift report DIR": the weekly-review pack.
 *
 * Order of work: analyze (any input error stops here, before the output
 * folder is touched), check the folder, write the chart scripts and data,
 * render them with gnuplot under temporary names and rename the images into
 * place, then write report.md, summary.json and comparisons.csv. Every file
 * appears whole or not at all; files of charts this run does not draw are
 * removed so that a re-run replaces the whole pack.
 */
#include "cli.h"
#include "run.h"
#include "uplift_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define RENDER_PREFIX ".render-"

/* The gnuplot on PATH, or NULL. */
static const char *find_gnuplot(char *buf, size_t size)
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
static bool make_dirs(const char *dir)
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

/* Run gnuplot on dir/name.gp writing RENDER_PREFIX name.{png,svg}; 0 on success. */
static int render(const char *gnuplot, const char *dir, const char *name)
{
	char script[128];
	pid_t pid;
	int status;

	snprintf(script, sizeof(script), "%s.gp", name);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(127);
		execl(gnuplot, "gnuplot", "-e", "outprefix='" RENDER_PREFIX "'", script,
		      (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static bool place(const char *dir, const char *name, const char *ext)
{
	char from[8192], to[8192];

	snprintf(from, sizeof(from), "%s/" RENDER_PREFIX "%s.%s", dir, name, ext);
	snprintf(to, sizeof(to), "%s/%s.%s", dir, name, ext);
	return rename(from, to) == 0;
}

static void discard(const char *dir, const char *name)
{
	static const char *const ext[] = {"gp", "dat", "png", "svg"};
	char path[8192];

	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext[i]);
		remove(path);
		snprintf(path, sizeof(path), "%s/" RENDER_PREFIX "%s.%s", dir, name, ext[i]);
		remove(path);
	}
}

/* Remove the files of known charts that this run did not draw. */
static void remove_stale(const char *dir, const struct uplift_chart_list *charts)
{
	static const char *const fixed[] = {"forest", "rates", "daily", "basket"};
	char name[32];

	for (size_t i = 0; i < 4 + MAX_BY; i++) {
		bool drawn = false;
		if (i < 4)
			snprintf(name, sizeof(name), "%s", fixed[i]);
		else
			snprintf(name, sizeof(name), "segments-%zu", i - 3);
		for (size_t k = 0; k < charts->n; k++)
			drawn |= strcmp(charts->chart[k].name, name) == 0;
		if (!drawn)
			discard(dir, name);
	}
}

int cmd_report(int argc, char **argv)
{
	struct run_args args = {0};
	struct uplift_error err;
	struct uplift_report_options ropt = {0};
	struct uplift_chart_list charts;
	struct run r = {0};
	char out[4096], name[256], hist[4096], gp_buf[4096];
	const char *gnuplot;
	struct stat sb;
	int rc;

	uplift_error_clear(&err);
	if ((rc = run_parse(argc, argv, "report", &args)))
		goto done;
	cli_dir_name(args.dir, name, sizeof(name));
	if (args.out)
		snprintf(out, sizeof(out), "%s", args.out);
	else
		snprintf(out, sizeof(out), "plots/%s", name);
	/* segments come into the report when the folder has a history */
	snprintf(hist, sizeof(hist), "%s/history.csv", args.dir);
	if (args.n_by == 0 && stat(hist, &sb) == 0) {
		args.by[0] = "rfm_segment";
		args.by[1] = "lifecycle";
		args.n_by = 2;
	}
	if (run_analysis(&args, &r, &err))
		goto fail;
	if (!make_dirs(out)) {
		uplift_error_set(&err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "--out %s: cannot use it as the pack folder: %s", out,
				 strerror(errno));
		goto fail;
	}
	if (uplift_charts_write(out, &r.result, args.zh, &charts, &err))
		goto fail;
	remove_stale(out, &charts);
	gnuplot = find_gnuplot(gp_buf, sizeof(gp_buf));
	ropt.rendered = gnuplot != NULL;
	for (size_t i = 0; gnuplot && i < charts.n; i++) {
		const char *c = charts.chart[i].name;
		if (render(gnuplot, out, c) != 0 || !place(out, c, "png") ||
		    !place(out, c, "svg")) {
			discard(out, c); /* no half-drawn images; the script stays */
			uplift_error_set(&err, UPLIFT_EINTERNAL, NULL, 0, NULL,
					 "gnuplot failed on %s/%s.gp", out, c);
			goto fail;
		}
	}
	ropt.zh = args.zh;
	ropt.source = args.dir;
	if (uplift_report_write(out, &r.result, &charts, &ropt, &err))
		goto fail;
	if (r.an->srm.mismatch)
		fprintf(stderr, "uplift: warning: sample ratio mismatch (p = %.2g)\n", r.an->srm.p);
	if (!gnuplot)
		fprintf(stderr,
			"uplift: gnuplot is not installed: the charts' scripts and data are "
			"in %s; render them with 'cd %s && for f in *.gp; do gnuplot \"$f\"; "
			"done' (Debian: apt-get install gnuplot-nox)\n",
			out, out);
	printf("%s: report.md, summary.json, comparisons.csv and %zu charts%s\n", out, charts.n,
	       gnuplot ? " (.gp, .dat, .png, .svg)" : " (.gp, .dat; not rendered)");
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_INTERNAL;
	if (rc == EXIT_OK && args.strict && r.an->srm.mismatch)
		rc = EXIT_FLAGGED;
	goto done;
fail:
	rc = cli_fail(&err);
done:
	run_free(&r);
	run_args_free(&args);
	return rc;
}
