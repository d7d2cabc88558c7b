/*
 * target_internal.h - the seams between the files of uplift target
 * (uplift_target.h): features and bins (target_features.c), one tree
 * (target_tree.c), a forest and its threads (target_forest.c), the folds
 * and the run (target_crossfit.c), the values (target_value.c, target_qini.c).
 */
#ifndef UPLIFT_TARGET_INTERNAL_H
#define UPLIFT_TARGET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uplift_strtab.h"
#include "uplift_target.h"

#define TARGET_MAX_DEPTH 10

/* splitmix64: the seeded stream of every random choice. */
static inline uint64_t target_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A uniform draw from [0, n) (n < 2^32: the multiply-shift is unbiased enough). */
static inline size_t target_rand_below(uint64_t *s, size_t n)
{
	return (size_t)(((target_rand(s) >> 32) * (uint64_t)n) >> 32);
}

/* One feature as the trees see it. */
struct tfeat {
	char *name;
	bool numeric, history;
	int hist_kind; /* history: 0 recency, 1 frequency, 2 monetary */
	long col;      /* its column in assignments.csv, -1 for a history number */
	unsigned bins; /* bin 0 is missing (numbers) or missing and unknown (categories) */
	/* numbers: x goes to bin 1 + (the count of edges below x) */
	double edges[UPLIFT_TARGET_MAX_BINS];
	unsigned n_edges;
	/* categories: each value read, and its bin */
	struct uplift_strtab cats;
	uint8_t *cat_bin;
};

struct tfeatures {
	struct tfeat *f;
	size_t n;
	uint8_t *x; /* x[u * n + f]: user u's bin of feature f */
	size_t n_users;
	struct uplift_target_left_out *left;
	size_t n_left;
};

/* Read and bin the features of opt for d (target_features.c). */
enum uplift_status target_features_load(struct tfeatures *F, const struct uplift_data *d,
					const struct uplift_target_options *opt,
					struct uplift_error *err);
void target_features_release(struct tfeatures *F);

/* The bin of x (NaN: missing) for numeric feature f. */
unsigned target_bin_number(const struct tfeat *f, double x);

/* ---- trees --------------------------------------------------------------- */

struct tnode {
	int16_t feature; /* -1: a leaf */
	uint8_t bin;     /* numbers: left when x <= bin; categories: left when x == bin */
	uint8_t cat;
	int32_t left; /* the right child is left + 1 */
};

struct ttree {
	struct tnode *nodes; /* room for 2^(depth + 1) - 1 */
	double *gain;        /* gain[node * n_arms + a]: mean of arm a - mean of control */
	unsigned n_nodes;
};

/* What growing a tree needs. */
struct tparams {
	unsigned depth, min_leaf, mtry, n_arms, control;
	double n_reg;
	const struct tfeat *feat;
	size_t n_feat;
};

/* A tree's rows and buffers, allocated once per thread and reused. */
struct tws {
	uint8_t *x; /* x[r * n_feat + f] */
	double *y;
	uint16_t *arm;
	uint32_t *idx;
	size_t rows, cap;
	struct hcell {
		double n, s;
	} * hist; /* [feature slot][bin][arm] */
	unsigned *fperm;
	double *means;    /* [depth + 2][n_arms] scratch */
	unsigned *splits; /* per feature, added to by each split */
	double *imp;      /* the tree's: per feature, gain x members of each split on it */
};

bool target_ws_init(struct tws *w, const struct tparams *p, size_t cap);
void target_ws_release(struct tws *w);

/* Grow a tree on w's rows (w->rows of them) into t. */
void target_tree_grow(struct ttree *t, const struct tparams *p, struct tws *w, uint64_t seed);

/* The leaf of a member whose bins are x. */
static inline unsigned target_tree_leaf(const struct ttree *t, const uint8_t *x)
{
	unsigned i = 0;

	while (t->nodes[i].feature >= 0) {
		const struct tnode *nd = &t->nodes[i];
		uint8_t v = x[nd->feature];
		bool left = nd->cat ? v == nd->bin : v <= nd->bin;
		i = (unsigned)nd->left + (left ? 0u : 1u);
	}
	return i;
}

/* ---- forests (one per fold) ---------------------------------------------- */

struct tforest {
	struct ttree *trees;
	unsigned n;
	struct tnode *node_mem;
	double *gain_mem;
};

struct uplift_target_model {
	struct tforest *forest; /* per fold */
	double *imp; /* [fold][tree][feature]: each tree's split gains, summed in order after */
	unsigned folds;
	struct tparams params;
	struct tfeatures feat;
	size_t n_arms, control;
	char **arm_names;
};

/*
 * Grow every fold's forest: fold k's trees on bootstrap draws of train[k]
 * (the members outside fold k), tree t of fold k seeded by (seed, k, t)
 * whatever the thread. feat_splits[f] gets the splits on feature f.
 */
bool target_forests_grow(struct uplift_target_model *m, const struct uplift_target_options *opt,
			 const uint32_t *const *train, const size_t *n_train, const double *y,
			 const uint16_t *arm, unsigned *feat_splits);

/* Add the average over f's trees of the gains of the member with bins x into out[n_arms]. */
void target_forest_predict(const struct tforest *f, const uint8_t *x, size_t n_arms, double *out);

void target_model_free(struct uplift_target_model *m);

/* ---- values (target_value.c, target_qini.c) ------------------------------ */

struct tvalues_in {
	size_t n_users, n_arms, control;
	const uint16_t *arm; /* assigned */
	const double *y;
	const uint8_t *has_y;
	const uint16_t *fold;
	unsigned folds;
	const double *p;    /* arm weights, summing to 1 */
	const double *pred; /* [u * n_arms + a] */
	double z;
};

/* A member and its score, for a ranking: by score, largest first, ties by member (row order). */
struct target_ranked {
	double score;
	uint32_t u;
};

/* qsort comparison for struct target_ranked (target_value.c). */
int target_cmp_ranked(const void *a, const void *b);

/* Everything target_value.c fills in t (policy, best, control, gain, plans, budget). */
bool target_values(struct uplift_target *t, const struct tvalues_in *in);
/* The Qini curves (target_qini.c). */
bool target_qini(struct uplift_target *t, const struct tvalues_in *in);

/* The verdict's reason in a sentence (target_json.c). */
void target_verdict_reason(const struct uplift_target *t, char *buf, size_t size, bool zh);

#endif
