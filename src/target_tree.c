/*
 * target_tree.c - one multi-treatment uplift tree, grown with the CTS
 * criterion (Zhao, Fang & Simchi-Levi 2017; causalml's evaluationFunction
 * 'CTS'), on histograms of pre-binned features.
 *
 * At a node with arm means m_a (each shrunk toward its parent's:
 * (sum_a + n_reg m_parent_a) / (n_a + n_reg), causalml's n_reg), a split
 * into L and R gains
 *     n_L / n * max_a m_L_a + n_R / n * max_a m_R_a - max_a m_a,
 * the child means shrunk toward the node's. The gain is 0 when the same
 * arm is best on both sides: CTS splits where the best arm changes, which
 * is the question a targeting policy asks. A split must leave min_leaf
 * members of every arm on each side. Splits on a number are x <= bin
 * (missing, bin 0, goes left), on a category x == bin against the rest.
 * A node tries mtry features drawn at random. Histograms (per feature
 * tried, bin and arm: count and sum) and the row index are the thread's
 * workspace, allocated once: nothing is allocated while a tree grows.
 * Rows are partitioned in place, depth first.
 */
#include "target_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NB UPLIFT_TARGET_MAX_BINS

bool target_ws_init(struct tws *w, const struct tparams *p, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->cap = cap;
	w->x = malloc(cap * p->n_feat + 1);
	w->y = malloc((cap + 1) * sizeof(*w->y));
	w->arm = malloc((cap + 1) * sizeof(*w->arm));
	w->idx = malloc((cap + 1) * sizeof(*w->idx));
	w->hist = malloc((p->n_feat * NB * p->n_arms + 1) * sizeof(*w->hist));
	w->fperm = malloc((p->n_feat + 1) * sizeof(*w->fperm));
	w->means = malloc(((TARGET_MAX_DEPTH + 2) * p->n_arms + 1) * sizeof(*w->means));
	w->splits = calloc(p->n_feat + 1, sizeof(*w->splits));
	if (!w->x || !w->y || !w->arm || !w->idx || !w->hist || !w->fperm || !w->means ||
	    !w->splits) {
		target_ws_release(w);
		return false;
	}
	return true;
}

void target_ws_release(struct tws *w)
{
	free(w->x);
	free(w->y);
	free(w->arm);
	free(w->idx);
	free(w->hist);
	free(w->fperm);
	free(w->means);
	free(w->splits);
	memset(w, 0, sizeof(*w));
}

struct grow {
	const struct tparams *p;
	struct tws *w;
	struct ttree *t;
	uint64_t rng;
};

static double max_of(const double *m, unsigned k)
{
	double top = m[0];

	for (unsigned a = 1; a < k; a++)
		if (m[a] > top)
			top = m[a];
	return top;
}

/* The gain of a split with left sums l, node sums tot, node means m (n_arms each). */
static double split_gain(const struct tparams *p, const struct hcell *l, const struct hcell *tot,
			 const double *m, double n, double top)
{
	double ml, mr, best_l = -INFINITY, best_r = -INFINITY, nl = 0;

	for (unsigned a = 0; a < p->n_arms; a++) {
		double ln = l[a].n, rn = tot[a].n - l[a].n;
		if (ln < p->min_leaf || rn < p->min_leaf)
			return -INFINITY;
		ml = (l[a].s + p->n_reg * m[a]) / (ln + p->n_reg);
		mr = (tot[a].s - l[a].s + p->n_reg * m[a]) / (rn + p->n_reg);
		if (ml > best_l)
			best_l = ml;
		if (mr > best_r)
			best_r = mr;
		nl += ln;
	}
	return nl / n * best_l + (n - nl) / n * best_r - top;
}

static void grow_node(struct grow *g, unsigned node, size_t lo, size_t hi, unsigned depth,
		      const double *parent)
{
	const struct tparams *p = g->p;
	struct tws *w = g->w;
	struct ttree *t = g->t;
	unsigned A = p->n_arms, F = (unsigned)p->n_feat;
	struct hcell tot[256];
	double *m = w->means + (size_t)depth * A;
	double n = (double)(hi - lo), best = 0, top;
	int best_f = -1;
	unsigned best_bin = 0, mtry = p->mtry < F ? p->mtry : F;
	bool enough = true;

	memset(tot, 0, A * sizeof(*tot));
	for (size_t i = lo; i < hi; i++) {
		uint32_t r = w->idx[i];
		tot[w->arm[r]].n += 1;
		tot[w->arm[r]].s += w->y[r];
	}
	for (unsigned a = 0; a < A; a++) {
		m[a] = parent ? (tot[a].s + p->n_reg * parent[a]) / (tot[a].n + p->n_reg)
			      : (tot[a].n > 0 ? tot[a].s / tot[a].n : 0);
		enough &= tot[a].n >= 2.0 * p->min_leaf;
	}
	for (unsigned a = 0; a < A; a++)
		t->gain[(size_t)node * A + a] = m[a] - m[p->control];
	t->nodes[node] = (struct tnode){.feature = -1};
	if (depth >= p->depth || !enough || 2 * node + 2 >= (2u << p->depth))
		return;

	/* the features tried: the first mtry of a shuffle */
	for (unsigned f = 0; f < F; f++)
		w->fperm[f] = f;
	for (unsigned f = 0; f < mtry; f++) {
		unsigned j = f + (unsigned)target_rand_below(&g->rng, F - f), s = w->fperm[f];
		w->fperm[f] = w->fperm[j];
		w->fperm[j] = s;
	}
	memset(w->hist, 0, (size_t)mtry * NB * A * sizeof(*w->hist));
	for (size_t i = lo; i < hi; i++) {
		uint32_t r = w->idx[i];
		const uint8_t *x = w->x + (size_t)r * F;
		unsigned a = w->arm[r];
		double y = w->y[r];
		for (unsigned k = 0; k < mtry; k++) {
			struct hcell *h = &w->hist[((size_t)k * NB + x[w->fperm[k]]) * A + a];
			h->n += 1;
			h->s += y;
		}
	}
	top = max_of(m, A);
	best = 1e-12 * fabs(top); /* a gain of rounding errors is none */
	for (unsigned k = 0; k < mtry; k++) {
		unsigned f = w->fperm[k], nb = p->feat[f].bins;
		struct hcell *h = &w->hist[(size_t)k * NB * A];
		if (p->feat[f].numeric) {
			struct hcell l[256];
			memset(l, 0, A * sizeof(*l));
			for (unsigned b = 0; b + 1 < nb; b++) {
				double gain;
				for (unsigned a = 0; a < A; a++) {
					l[a].n += h[b * A + a].n;
					l[a].s += h[b * A + a].s;
				}
				gain = split_gain(p, l, tot, m, n, top);
				if (gain > best) {
					best = gain;
					best_f = (int)f;
					best_bin = b;
				}
			}
		} else {
			for (unsigned b = 0; b < nb; b++) {
				double gain = split_gain(p, &h[b * A], tot, m, n, top);
				if (gain > best) {
					best = gain;
					best_f = (int)f;
					best_bin = b;
				}
			}
		}
	}
	if (best_f < 0)
		return;
	{
		bool cat = !p->feat[best_f].numeric;
		size_t i = lo, j = hi;
		unsigned left = 2 * node + 1;
		while (i < j) { /* left rows first */
			uint8_t v = w->x[(size_t)w->idx[i] * F + (unsigned)best_f];
			if (cat ? v == best_bin : v <= best_bin)
				i++;
			else {
				uint32_t s = w->idx[i];
				w->idx[i] = w->idx[--j];
				w->idx[j] = s;
			}
		}
		t->nodes[node] = (struct tnode){.feature = (int16_t)best_f,
						.bin = (uint8_t)best_bin,
						.cat = cat,
						.left = (int32_t)left};
		w->splits[best_f]++;
		if (w->imp)
			w->imp[best_f] += best * n;
		if (left + 1 >= t->n_nodes)
			t->n_nodes = left + 2;
		grow_node(g, left, lo, i, depth + 1, m);
		grow_node(g, left + 1, i, hi, depth + 1, m);
	}
}

void target_tree_grow(struct ttree *t, const struct tparams *p, struct tws *w, uint64_t seed)
{
	struct grow g = {p, w, t, seed};

	for (size_t i = 0; i < w->rows; i++)
		w->idx[i] = (uint32_t)i;
	t->n_nodes = 1;
	grow_node(&g, 0, 0, w->rows, 0, NULL);
}
