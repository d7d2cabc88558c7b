/*
 * target_forest.c - the fold forests: every tree of every fold grown on
 * its own bootstrap draw of the fold's training members, on one or two
 * threads. Tree t of fold k is seeded by (seed, k, t) and written to its
 * own slot, so which thread grows it changes nothing: the same seed gives
 * the same forests to the bit.
 */
#include "target_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct job_ctx {
	struct uplift_target_model *m;
	const struct uplift_target_options *opt;
	const uint32_t *const *train;
	const size_t *n_train;
	const double *y;
	const uint16_t *arm;
	pthread_mutex_t mu;
	size_t next, n_jobs;
	bool failed;
	unsigned *splits; /* per thread: [thread][feature] */
};

static size_t tree_rows(const struct uplift_target_options *opt, size_t n_train)
{
	size_t r = (size_t)(opt->sample * (double)n_train);

	if (r > opt->max_rows)
		r = opt->max_rows;
	return r ? r : 1;
}

static uint64_t tree_seed(uint64_t seed, unsigned fold, unsigned tree)
{
	uint64_t s = seed ^ 0x5DEECE66DULL;

	s ^= target_rand(&s) + ((uint64_t)fold << 32) + tree;
	(void)target_rand(&s);
	return s;
}

static void grow_one(struct job_ctx *c, struct tws *w, size_t job)
{
	struct uplift_target_model *m = c->m;
	unsigned fold = (unsigned)(job / c->opt->trees), t = (unsigned)(job % c->opt->trees);
	const uint32_t *train = c->train[fold];
	size_t n = c->n_train[fold], rows = tree_rows(c->opt, n), F = m->feat.n;
	uint64_t rng = tree_seed(c->opt->seed, fold, t);

	w->rows = rows;
	for (size_t r = 0; r < rows; r++) { /* a bootstrap draw */
		uint32_t u = train[target_rand_below(&rng, n)];
		memcpy(w->x + r * F, m->feat.x + (size_t)u * F, F);
		w->y[r] = c->y[u];
		w->arm[r] = c->arm[u];
	}
	w->imp = m->imp + job * F;
	target_tree_grow(&m->forest[fold].trees[t], &m->params, w, target_rand(&rng));
}

static void *worker(void *arg)
{
	struct job_ctx *c = ((void **)arg)[0];
	unsigned *splits = ((void **)arg)[1];
	size_t cap = 0;
	struct tws w;

	for (unsigned k = 0; k < c->m->folds; k++) {
		size_t r = tree_rows(c->opt, c->n_train[k]);
		if (r > cap)
			cap = r;
	}
	if (!target_ws_init(&w, &c->m->params, cap)) {
		pthread_mutex_lock(&c->mu);
		c->failed = true;
		pthread_mutex_unlock(&c->mu);
		return NULL;
	}
	for (;;) {
		size_t job;
		pthread_mutex_lock(&c->mu);
		job = c->failed ? c->n_jobs : c->next++;
		pthread_mutex_unlock(&c->mu);
		if (job >= c->n_jobs)
			break;
		grow_one(c, &w, job);
	}
	for (size_t f = 0; f < c->m->feat.n; f++)
		splits[f] += w.splits[f];
	target_ws_release(&w);
	return NULL;
}

bool target_forests_grow(struct uplift_target_model *m, const struct uplift_target_options *opt,
			 const uint32_t *const *train, const size_t *n_train, const double *y,
			 const uint16_t *arm, unsigned *feat_splits)
{
	struct job_ctx c = {m, opt, train, n_train, y, arm, PTHREAD_MUTEX_INITIALIZER,
			    0, 0,   false, NULL};
	size_t max_nodes = ((size_t)2 << m->params.depth) - 1, F = m->feat.n;
	unsigned threads = opt->threads >= 2 ? 2 : 1;
	unsigned *splits = calloc(2 * F + 1, sizeof(*splits));
	pthread_t th;
	bool started = false;
	void *arg0[2], *arg1[2];

	if (!splits || !(m->forest = calloc(m->folds, sizeof(*m->forest))) ||
	    !(m->imp = calloc((size_t)m->folds * opt->trees * F + 1, sizeof(*m->imp)))) {
		free(splits);
		return false;
	}
	for (unsigned k = 0; k < m->folds; k++) {
		struct tforest *f = &m->forest[k];
		f->n = opt->trees;
		f->trees = calloc(f->n, sizeof(*f->trees));
		f->node_mem = calloc(f->n * max_nodes, sizeof(*f->node_mem));
		f->gain_mem = calloc(f->n * max_nodes * m->n_arms, sizeof(*f->gain_mem));
		if (!f->trees || !f->node_mem || !f->gain_mem) {
			free(splits);
			return false;
		}
		for (unsigned t = 0; t < f->n; t++) {
			f->trees[t].nodes = f->node_mem + t * max_nodes;
			f->trees[t].gain = f->gain_mem + t * max_nodes * m->n_arms;
		}
	}
	c.n_jobs = (size_t)m->folds * opt->trees;
	arg0[0] = &c;
	arg0[1] = splits;
	arg1[0] = &c;
	arg1[1] = splits + F;
	if (threads == 2)
		started = pthread_create(&th, NULL, worker, arg1) == 0;
	worker(arg0);
	if (started)
		pthread_join(th, NULL);
	for (size_t f = 0; f < F; f++)
		feat_splits[f] = splits[f] + splits[F + f];
	free(splits);
	pthread_mutex_destroy(&c.mu);
	return !c.failed;
}

void target_forest_predict(const struct tforest *f, const uint8_t *x, size_t n_arms, double *out)
{
	double inv = 1.0 / f->n;

	for (unsigned t = 0; t < f->n; t++) {
		const struct ttree *tr = &f->trees[t];
		const double *g = tr->gain + (size_t)target_tree_leaf(tr, x) * n_arms;
		for (size_t a = 0; a < n_arms; a++)
			out[a] += g[a] * inv;
	}
}

void target_model_free(struct uplift_target_model *m)
{
	if (!m)
		return;
	if (m->forest)
		for (unsigned k = 0; k < m->folds; k++) {
			free(m->forest[k].trees);
			free(m->forest[k].node_mem);
			free(m->forest[k].gain_mem);
		}
	free(m->forest);
	free(m->imp);
	target_features_release(&m->feat);
	free(m);
}
