/*
 * uplift_target.h - per-member targeting learned from the test itself:
 * which arm each member should get, valued honestly by cross-fitting.
 *
 * Features are the columns of assignments.csv (numbers or categories) and,
 * with history.csv, recency, frequency and monetary; each is cut once into
 * at most UPLIFT_TARGET_MAX_BINS bins (bin 0: missing or unknown). The
 * model is an ensemble of multi-treatment uplift trees grown with the CTS
 * criterion (Zhao, Fang & Simchi-Levi 2017; causalml's evaluationFunction
 * 'CTS'): a split's gain is the sum over its two children of
 * (n_child / n) x max over arms of the child's arm mean, minus the max over
 * arms of the node's arm mean, the arm means shrunk toward the node's
 * (n_reg). A member's predicted gain for arm a is the average over trees of
 * the leaf mean of a minus the leaf mean of control.
 *
 * Cross-fitting: the members are dealt into K folds (seeded, balanced per
 * arm); a member's predictions come from the forest grown on the other
 * folds. Every value is an inverse-propensity-weighted mean over held-out
 * members, V(pi) = mean_i 1{A_i = pi(X_i)} Y_i / p_{A_i}, with p_a the arm
 * weights of experiment.ini, and a normal interval from the per-member
 * contributions; gains are paired differences of contributions.
 *
 * The library never prints or exits; the writers take a FILE or a folder.
 */
#ifndef UPLIFT_TARGET_H
#define UPLIFT_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "uplift_csv.h"
#include "uplift_error.h"

struct uplift_data;       /* uplift_data.h */
struct uplift_experiment; /* uplift_experiment.h */

#define UPLIFT_TARGET_MAX_BINS       64
#define UPLIFT_TARGET_MAX_CATEGORIES 1000 /* a categorical column with more is left out */
#define UPLIFT_TARGET_SEED           20261203u
#define UPLIFT_TARGET_BUDGET_POINTS  21  /* 0%, 5%, ..., 100% */
#define UPLIFT_TARGET_QINI_POINTS    101 /* 0%, 1%, ..., 100% */
#define UPLIFT_TARGET_MIN_FOLD_ARM   30  /* fewer members of an arm in a fold: no values */

struct uplift_target_options {
	const char *dir;               /* the experiment folder (assignments.csv is read again) */
	enum uplift_encoding encoding; /* of its CSV files */
	const char *const *features;   /* --features, or NULL: every column but user_id and arm,
					  plus recency, frequency, monetary with history.csv */
	size_t n_features;
	const char *metric; /* --metric, or NULL: the decision metric */
	unsigned folds;     /* K >= 2 (default 5) */
	uint64_t seed;      /* same seed, same bytes of output */
	unsigned trees;     /* per fold (default 40) */
	unsigned depth;     /* max depth (default 4) */
	unsigned min_leaf;  /* members of each arm in a leaf, at least (default 100) */
	double n_reg;       /* shrinkage of a child's arm means toward its parent's (default 100) */
	double sample;      /* share of the training members drawn for each tree (default 0.5) */
	size_t max_rows;    /* at most this many members per tree (default 100000) */
	double mtry;        /* share of the features tried at each node (default 0.7) */
	double alpha;       /* intervals at level 1 - alpha; 0: the experiment's */
	unsigned threads;   /* 1 or 2 (default 2); the output does not depend on it */
};

/* The defaults above. */
void uplift_target_defaults(struct uplift_target_options *opt);

/* A feature: how it was read. */
struct uplift_target_feature {
	char *name;
	bool numeric;      /* else categorical */
	bool history;      /* recency, frequency or monetary, from history.csv */
	unsigned bins;     /* bins used, missing included */
	unsigned splits;   /* splits on it over every tree of every fold */
	double importance; /* its share of the CTS gain (x members) of all splits */
};

struct uplift_target_left_out {
	char *name, *reason;
};

struct uplift_target_value {
	double value, lo, hi; /* NaN: not computable (see reason) */
};

struct uplift_target_plan {
	char *column;                     /* the --by column */
	struct uplift_target_value value; /* of the plan, per member */
	struct uplift_target_value gain;  /* policy minus the plan (paired) */
};

struct uplift_target_point {
	double share;         /* of members */
	double value, lo, hi; /* budget: value per member */
	double gain;          /* qini: Q(k) / n, in the metric's unit per member */
};

struct uplift_target_qini {
	size_t arm;
	double coefficient; /* area between the curve and the random line, over shares */
	struct uplift_target_point points[UPLIFT_TARGET_QINI_POINTS];
	size_t n_points;
};

struct uplift_target_model; /* target_internal.h */

struct uplift_target {
	const struct uplift_experiment *exp; /* borrowed */
	const struct uplift_data *data;      /* borrowed: ids and arms for the send list */
	int metric;
	const char *metric_name;
	const char *unit; /* "yuan per member", "share of members" ... */
	bool net_of_cost; /* profit: values are net of coupon cost */
	unsigned folds;
	uint64_t seed;
	double alpha;
	size_t n_users; /* members with an outcome */
	struct uplift_target_feature *features;
	size_t n_features;
	struct uplift_target_left_out *left_out;
	size_t n_left_out;

	struct uplift_target_value policy, control, best, gain;
	size_t best_arm;          /* the single arm of the highest value on all members; SIZE_MAX: none */
	size_t *best_arm_by_fold; /* [fold]: the arm of the highest mean on its training members
				     (what a segment plan sends a value its training folds lack) */
	double *arm_share;        /* [arm]: share of members the policy sends it */
	struct uplift_target_plan *plans;
	size_t n_plans;
	struct uplift_target_qini *qini; /* per non-control arm */
	size_t n_qini;
	struct uplift_target_point budget[UPLIFT_TARGET_BUDGET_POINTS];
	bool pays;          /* verdict: per_member_targeting_pays */
	const char *reason; /* why values are null, or NULL */
	char verdict_why[256];

	/* per user (index into data): the policy's arm, the predicted gain of
	 * each arm over control ([u * n_arms + a], 0 for control), whether the
	 * user has an outcome */
	uint16_t *policy_arm;
	double *pred;
	uint8_t *has_y;
	struct uplift_target_model *model; /* the fold forests, for --score */
};

/*
 * Learn and value the targeting on d (loaded for exp, its --by columns the
 * segment plans). NULL with err filled: bad input (an unknown feature, a
 * ratio metric, folds < 2) as UPLIFT_EINPUT naming file and column, or
 * ENOMEM.
 */
struct uplift_target *uplift_target_run(const struct uplift_data *d,
					const struct uplift_experiment *exp,
					const struct uplift_target_options *opt,
					struct uplift_error *err);

void uplift_target_free(struct uplift_target *t);

/* The JSON object (one line per field, indented) on out. False on a write error. */
bool uplift_target_json(const struct uplift_target *t, FILE *out);

/* The tables for a manager, in English or Chinese (zh). */
bool uplift_target_table(const struct uplift_target *t, FILE *out, bool zh);

/* The send list user_id,arm,gain_<arm>,... for the members of the test, to path, atomically. */
bool uplift_target_send_list(const struct uplift_target *t, const char *path,
			     struct uplift_error *err);

/*
 * Score the members of the CSV file score_path (user_id and the feature
 * columns) with the average of the K fold forests and write their send
 * list to path, atomically. A missing column is an error naming the file
 * and the column.
 */
bool uplift_target_score(const struct uplift_target *t, const char *score_path,
			 enum uplift_encoding enc, const char *path, struct uplift_error *err);

/*
 * The report's section (Markdown in the subset src/html.c reads): the
 * verdict first, naming send_list (or nothing when NULL) when targeting
 * pays, the values, plans, features, Qini coefficients, and the charts as
 * images charts + "qini.svg" / "budget.svg" (charts NULL: no images).
 */
bool uplift_target_markdown(const struct uplift_target *t, FILE *out, bool zh,
			    const char *send_list, const char *charts);

/* qini.gp/.dat and budget.gp/.dat in dir (gnuplot scripts, data escaped). */
bool uplift_target_charts(const struct uplift_target *t, const char *dir, bool zh,
			  struct uplift_error *err);

#endif
