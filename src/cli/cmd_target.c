/*
 * cmd_target.c - "uplift target DIR": per-member targeting learned from the
 * test, cross-fitted (uplift_target.h).
 */
#include "cli.h"
#include "uplift_target.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: uplift target DIR [--features COL,...] [--metric M] [--folds K] [--out FILE]\n"
    "                     [--score FILE [--score-out FILE]] [--format table|json|markdown]\n"
    "                     [--by COL,...] [--lang en|zh] [--seed N] [--charts FOLDER]\n"
    "                     [--trees N] [--depth N] [--min-leaf N] [--threads N]\n"
    "                     [--encoding utf-8|gbk|gb18030]\n"
    "\n"
    "Learns from the test which arm each member should get: an ensemble of\n"
    "multi-treatment uplift trees (CTS criterion) on the columns of assignments.csv\n"
    "and, with history.csv, recency, frequency and monetary. Every figure is\n"
    "cross-fitted over K folds: a member's arm comes from a model that never saw\n"
    "that member. Values per member are inverse-propensity weighted with the arm\n"
    "weights of experiment.ini: the policy (each member's best predicted arm), the\n"
    "best single arm, control, each --by column's segment plan, the budget curve\n"
    "and the Qini curve of each arm.\n"
    "\n"
    "  --features COLS   features to use (default: every column but user_id and arm,\n"
    "                    plus recency, frequency, monetary with history.csv)\n"
    "  --metric M        outcome: a 0/1 or mean metric (default: the decision's;\n"
    "                    profit, net of coupon cost, with [economics] gross_margin)\n"
    "  --folds K         cross-fitting folds, 2 to 100 (default 5)\n"
    "  --out FILE        the send list: user_id,arm,gain_<arm>,... per member\n"
    "  --score FILE      a CSV of new members (user_id and the feature columns):\n"
    "                    their send list, from the average of the K fold models,\n"
    "                    to --score-out FILE (default FILE.send.csv)\n"
    "  --format F        table (default), json, or markdown (the report's section)\n"
    "  --by COLS         segment plans to compare the policy with\n"
    "  --lang en|zh      language of the table\n"
    "  --seed N          the seed of folds and trees (same seed, same output)\n"
    "  --trees N         trees per fold (default 40)\n"
    "  --depth N         the trees' depth, 1 to 10 (default 4)\n"
    "  --min-leaf N      members of each arm per leaf, at least (default 100)\n"
    "  --threads N       1 or 2 (default 2); the output does not depend on it\n"
    "  --charts FOLDER   write qini.gp/.dat and budget.gp/.dat there\n"
    "  --encoding E      utf-8 (default), gbk or gb18030\n";

static const struct option options[] = {
    {"features", required_argument, NULL, 'F'},
    {"metric", required_argument, NULL, 'm'},
    {"folds", required_argument, NULL, 'k'},
    {"out", required_argument, NULL, 'o'},
    {"score", required_argument, NULL, 's'},
    {"score-out", required_argument, NULL, 'S'},
    {"format", required_argument, NULL, 'f'},
    {"by", required_argument, NULL, 'b'},
    {"lang", required_argument, NULL, 'l'},
    {"seed", required_argument, NULL, 'r'},
    {"trees", required_argument, NULL, 't'},
    {"depth", required_argument, NULL, 'd'},
    {"min-leaf", required_argument, NULL, 'n'},
    {"threads", required_argument, NULL, 'T'},
    {"charts", required_argument, NULL, 'c'},
    {"encoding", required_argument, NULL, 'e'},
    {NULL, 0, NULL, 0},
};

#define MAX_FEATURES 256

struct args {
	struct uplift_pipeline_options opt;
	struct uplift_target_options t;
	struct cli_by by;
	char *features;
	const char *feature[MAX_FEATURES];
	const char *out, *score, *score_out, *charts;
	bool json, markdown, zh;
	bool lang_given; /* --lang; without it [experiment] lang decides */
};

static int whole(const char *opt, const char *arg, double lo, double hi, unsigned *out)
{
	struct cli_number n = {.lo = lo,
			       .hi = hi,
			       .whole = true,
			       .echo = true,
			       .what = "a whole number from %g to %g"};
	double v;
	int rc = cli_number("target", opt, arg, &n, &v);

	if (!rc)
		*out = (unsigned)v;
	return rc;
}

static int option(void *ctx, int ch, const char *arg)
{
	struct args *x = ctx;
	int rc;

	switch (ch) {
	case 'F': {
		char *p;
		free(x->features);
		if (!(x->features = strdup(arg)))
			return cli_nomem();
		x->t.n_features = 0;
		for (p = strtok(x->features, ","); p; p = strtok(NULL, ",")) {
			if (x->t.n_features == MAX_FEATURES)
				return cli_usage_error("target", "--features: at most %d",
						       MAX_FEATURES);
			x->feature[x->t.n_features++] = p;
		}
		if (x->t.n_features == 0)
			return cli_usage_error("target", "--features needs at least one column");
		x->t.features = x->feature;
		return EXIT_OK;
	}
	case 'm':
		x->t.metric = arg;
		return EXIT_OK;
	case 'k':
		return whole("--folds", arg, 2, 100, &x->t.folds);
	case 'o':
		x->out = arg;
		return EXIT_OK;
	case 's':
		x->score = arg;
		return EXIT_OK;
	case 'S':
		x->score_out = arg;
		return EXIT_OK;
	case 'f':
		if (strcmp(arg, "json") != 0 && strcmp(arg, "table") != 0 &&
		    strcmp(arg, "markdown") != 0)
			return cli_usage_error(
			    "target", "unknown --format '%s' (table, json or markdown)", arg);
		x->json = strcmp(arg, "json") == 0;
		x->markdown = strcmp(arg, "markdown") == 0;
		return EXIT_OK;
	case 'b':
		return cli_by_parse("target", &x->by, arg);
	case 'l':
		if (strcmp(arg, "zh") != 0 && strcmp(arg, "en") != 0)
			return cli_usage_error("target", "--lang is zh or en, got '%s'", arg);
		x->zh = strcmp(arg, "zh") == 0;
		x->lang_given = true;
		return EXIT_OK;
	case 'r': /* summary JSON holds a seed as a signed 64-bit integer */
		if ((rc = cli_uint64("target", "--seed", arg, "a whole number", &x->t.seed)))
			return rc;
		if (x->t.seed > INT64_MAX)
			return cli_usage_error("target",
					       "--seed must be a whole number from 0 to %lld, got '%s'",
					       (long long)INT64_MAX, arg);
		return EXIT_OK;
	case 't':
		return whole("--trees", arg, 1, 1000, &x->t.trees);
	case 'd':
		return whole("--depth", arg, 1, 10, &x->t.depth);
	case 'n':
		return whole("--min-leaf", arg, 1, 1e9, &x->t.min_leaf);
	case 'T':
		return whole("--threads", arg, 1, 2, &x->t.threads);
	case 'c':
		x->charts = arg;
		return EXIT_OK;
	default:
		return cli_encoding("target", arg, &x->opt.encoding);
	}
}

/*
 * An output that is one of the files read (the experiment's own, or the
 * --score file): its path, else NULL. Compared by device and inode, so a
 * second name for the same file is caught too.
 */
static const char *clobbers(const char *out, const char *dir, const char *score)
{
	static const char *const ours[] = {"experiment.ini", "assignments.csv", "orders.csv",
					   "history.csv"};
	static char path[4200];
	struct stat o, st;

	if (!out || stat(out, &o) != 0)
		return NULL; /* a new file clobbers nothing */
	for (size_t i = 0; i < sizeof(ours) / sizeof(*ours); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, ours[i]);
		if (stat(path, &st) == 0 && st.st_dev == o.st_dev && st.st_ino == o.st_ino)
			return path;
	}
	if (score && stat(score, &st) == 0 && st.st_dev == o.st_dev && st.st_ino == o.st_ino)
		return score;
	return NULL;
}

static int run(int argc, char **argv)
{
	struct args x;
	struct uplift_pipeline *p = NULL;
	struct uplift_target *t = NULL;
	struct uplift_error err;
	struct cli_out o = {0};
	char score_out[4096];
	int first, rc;

	memset(&x, 0, sizeof(x));
	uplift_error_clear(&err);
	uplift_pipeline_defaults(&x.opt);
	uplift_target_defaults(&x.t);
	x.opt.until = UPLIFT_UNTIL_DATA;
	if ((rc = cli_parse(&cli_target, argc, argv, option, &x, &first)))
		goto out;
	if (first + 1 != argc) {
		rc = cli_usage_error("target", "expected one experiment folder DIR");
		goto out;
	}
	x.opt.dir = x.t.dir = argv[first];
	x.opt.by = x.by.col;
	x.opt.n_by = x.by.n;
	x.t.encoding = x.opt.encoding;
	if (x.score && !x.score_out) {
		if (snprintf(score_out, sizeof(score_out), "%s.send.csv", x.score) >=
		    (int)sizeof(score_out)) {
			rc = cli_usage_error("target", "--score: the path is too long");
			goto out;
		}
		x.score_out = score_out;
	}
	for (int i = 0; i < 2; i++) {
		const char *dst = i ? x.score_out : x.out, *in = clobbers(dst, x.opt.dir, x.score);
		if (in) {
			rc = cli_usage_error("target", "%s %s would overwrite %s, a file it reads",
					     i ? "--score-out" : "--out", dst, in);
			goto out;
		}
	}
	if (cli_open(&x.opt, true, &p, &err))
		goto fail;
	if (!x.lang_given)
		x.zh = p->exp->lang_zh;
	if (!(t = uplift_target_run(p->data, p->exp, &x.t, &err)))
		goto fail;
	if (x.out && !uplift_target_send_list(t, x.out, &err))
		goto fail;
	if (x.score) {
		if (!uplift_target_score(t, x.score, x.opt.encoding, x.score_out, &err))
			goto fail;
	}
	if (x.charts && !uplift_target_charts(t, x.charts, x.zh, &err))
		goto fail;
	if (!cli_out_open(&o)) {
		rc = cli_nomem();
		goto out;
	}
	if (!(x.json       ? uplift_target_json(t, o.fp)
	      : x.markdown ? uplift_target_markdown(t, o.fp, x.zh, x.out, NULL)
			   : uplift_target_table(t, o.fp, x.zh))) {
		cli_out_discard(&o);
		rc = cli_nomem();
		goto out;
	}
	rc = cli_out_emit(&o);
	goto out;
fail:
	if (err.status == UPLIFT_OK)
		uplift_error_set(&err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	rc = cli_fail(&err);
out:
	uplift_target_free(t);
	uplift_pipeline_free(p);
	cli_by_free(&x.by);
	free(x.features);
	return rc;
}

const struct command cli_target = {
    "target", "per-member targeting: who should get which coupon, cross-fitted", usage, options,
    run};
