/*
 * test_target.c - uplift target's trees and forests: a tree finds a split
 * planted in the data (on a category and on a number), never splits below
 * min_leaf members of an arm, and the whole run gives the same bytes for
 * the same seed, on one thread or two.
 */
#include "testutil.h"
#include "../../src/target_internal.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_simulate.h"

#include <math.h>
#include <string.h>

#define ROWS 6000

/* A normal draw from the tree's own generator (Box-Muller). */
static double normal(uint64_t *s)
{
	double u1 = ((double)(target_rand(s) >> 11) + 0.5) / 9007199254740992.0;
	double u2 = (double)(target_rand(s) >> 11) / 9007199254740992.0;

	return sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2);
}

/*
 * Three arms, two features: f0 a number cut into 10 bins, f1 a category of
 * 3 bins (1 and 2; 0 missing, unused). Members with f1 == 1 gain 5 from arm
 * 1, those with f1 == 2 gain 5 from arm 2 (planted = 1); or, planted = 0,
 * those with f0 <= 3 gain 5 from arm 1 and the others 5 from arm 2. Noise sd 1.
 */
static void fill(struct tws *w, struct tparams *p, struct tfeat *feat, int planted, uint64_t seed)
{
	memset(feat, 0, 2 * sizeof(*feat));
	feat[0].numeric = true;
	feat[0].bins = 10;
	feat[1].numeric = false;
	feat[1].bins = 3;
	*p = (struct tparams){.depth = 1,
			      .min_leaf = 200,
			      .mtry = 2,
			      .n_arms = 3,
			      .control = 0,
			      .n_reg = 100,
			      .feat = feat,
			      .n_feat = 2};
	assert_true(target_ws_init(w, p, ROWS));
	w->rows = ROWS;
	for (size_t r = 0; r < ROWS; r++) {
		uint8_t x0 = (uint8_t)target_rand_below(&seed, 10),
			x1 = (uint8_t)(1 + target_rand_below(&seed, 2));
		uint16_t a = (uint16_t)target_rand_below(&seed, 3);
		int good = planted ? x1 : (x0 <= 3 ? 1 : 2);
		w->x[r * 2] = x0;
		w->x[r * 2 + 1] = x1;
		w->arm[r] = a;
		w->y[r] = 10 + (a == good ? 5 : 0) + normal(&seed);
	}
}

static void finds_planted_category(void **state)
{
	struct tws w;
	struct tparams p;
	struct tfeat feat[2];
	struct tnode nodes[3];
	double gain[9];
	struct ttree t = {nodes, gain, 0};
	uint8_t a1[2] = {7, 1}, a2[2] = {0, 2};
	const double *g;

	(void)state;
	fill(&w, &p, feat, 1, 11);
	target_tree_grow(&t, &p, &w, 5);
	assert_int_equal(nodes[0].feature, 1);
	assert_true(nodes[0].cat);
	/* the leaf of f1 == 1: arm 1 gains about 5 over control, arm 2 about 0
	 * (the means shrunk toward the node's by n_reg = 100 of ~1000 members) */
	g = gain + (size_t)target_tree_leaf(&t, a1) * 3;
	assert_true(g[1] > 4.0 && g[1] < 5.5);
	assert_true(fabs(g[2]) < 0.6);
	g = gain + (size_t)target_tree_leaf(&t, a2) * 3;
	assert_true(g[2] > 4.0 && g[2] < 5.5);
	assert_true(fabs(g[1]) < 0.6);
	assert_int_equal(w.splits[1], 1);
	target_ws_release(&w);
}

static void finds_planted_threshold(void **state)
{
	struct tws w;
	struct tparams p;
	struct tfeat feat[2];
	struct tnode nodes[3];
	double gain[9];
	struct ttree t = {nodes, gain, 0};

	(void)state;
	fill(&w, &p, feat, 0, 12);
	target_tree_grow(&t, &p, &w, 5);
	assert_int_equal(nodes[0].feature, 0);
	assert_false(nodes[0].cat);
	assert_int_equal(nodes[0].bin, 3);
	target_ws_release(&w);
}

/* min_leaf above half of an arm's members: no split is allowed. */
static void min_leaf_stops(void **state)
{
	struct tws w;
	struct tparams p;
	struct tfeat feat[2];
	struct tnode nodes[3];
	double gain[9];
	struct ttree t = {nodes, gain, 0};

	(void)state;
	fill(&w, &p, feat, 1, 13);
	p.min_leaf = ROWS / 3 / 2 + 200;
	target_tree_grow(&t, &p, &w, 5);
	assert_int_equal(nodes[0].feature, -1);
	assert_int_equal(t.n_nodes, 1);
	target_ws_release(&w);
}

/*
 * The leaf values of a one-split tree, by hand: 400 rows, x = 1 + r % 2,
 * arm (r / 2) % 2, y = r * 7 % 13, + 5 for arm 1 where x = 1, + 3 for arm 0
 * where x = 2. Each leaf's arm means are shrunk toward the root's by
 * n_reg = 100; the gain of arm 1 over control (arm 0) in each leaf:
 *   /usr/bin/python3 -c "
 *   import numpy as np
 *   r=np.arange(400); x=1+r%2; a=(r//2)%2;
 * y=(r*7%13)+np.where((a==1)&(x==1),5,0)+np.where((a==0)&(x==2),3,0) m=np.array([y[a==k].mean() for
 * k in (0,1)]) for leaf in (1,2): s=x==leaf
 *       ml=np.array([(y[s&(a==k)].sum()+100*m[k])/((s&(a==k)).sum()+100) for k in (0,1)])
 *       print(leaf, repr(ml[1]-ml[0]))
 *   print('root', repr(m[1]-m[0]))"
 * gives 1 2.9924999999999997, 2 -0.9424999999999999, root 1.0250000000000004.
 */
static void leaf_values_by_hand(void **state)
{
	struct tws w;
	struct tparams p;
	struct tfeat feat[1] = {{.numeric = false, .bins = 3}};
	struct tnode nodes[3];
	double gain[6];
	struct ttree t = {nodes, gain, 0};
	uint8_t x1 = 1, x2 = 2;

	(void)state;
	p = (struct tparams){.depth = 1,
			     .min_leaf = 10,
			     .mtry = 1,
			     .n_arms = 2,
			     .control = 0,
			     .n_reg = 100,
			     .feat = feat,
			     .n_feat = 1};
	assert_true(target_ws_init(&w, &p, 400));
	w.rows = 400;
	for (size_t r = 0; r < 400; r++) {
		w.x[r] = (uint8_t)(1 + r % 2);
		w.arm[r] = (uint16_t)((r / 2) % 2);
		w.y[r] = (double)(r * 7 % 13) + (w.arm[r] == 1 && w.x[r] == 1 ? 5 : 0) +
			 (w.arm[r] == 0 && w.x[r] == 2 ? 3 : 0);
	}
	target_tree_grow(&t, &p, &w, 1);
	assert_int_equal(nodes[0].feature, 0);
	assert_close(gain[1], 1.0250000000000004, 1e-12);
	assert_close(gain[target_tree_leaf(&t, &x1) * 2 + 1], 2.9924999999999997, 1e-12);
	assert_close(gain[target_tree_leaf(&t, &x2) * 2 + 1], -0.9424999999999999, 1e-12);
	target_ws_release(&w);
}

/* The same arm best on both sides of every split: CTS gains nothing, the tree stays a leaf. */
static void no_split_when_the_best_arm_is_the_same(void **state)
{
	struct tws w;
	struct tparams p;
	struct tfeat feat[1] = {{.numeric = false, .bins = 3}};
	struct tnode nodes[3];
	double gain[6];
	struct ttree t = {nodes, gain, 0};

	(void)state;
	p = (struct tparams){.depth = 1,
			     .min_leaf = 10,
			     .mtry = 1,
			     .n_arms = 2,
			     .control = 0,
			     .n_reg = 100,
			     .feat = feat,
			     .n_feat = 1};
	assert_true(target_ws_init(&w, &p, 400));
	w.rows = 400;
	for (size_t r = 0; r < 400; r++) {
		w.x[r] = (uint8_t)(1 + r % 2);
		w.arm[r] = (uint16_t)((r / 2) % 2);
		w.y[r] = (double)(r * 7 % 13) + (w.arm[r] == 1 ? (w.x[r] == 1 ? 5 : 1) : 0);
	}
	target_tree_grow(&t, &p, &w, 1);
	assert_int_equal(nodes[0].feature, -1);
	target_ws_release(&w);
}

static struct uplift_target *run(const char *dir, struct uplift_experiment **ep,
				 struct uplift_data **dp, uint64_t seed, unsigned threads)
{
	struct uplift_target_options o;
	struct uplift_error err;
	struct uplift_load_options lo = {0};
	char path[256];
	struct uplift_target *t;

	uplift_error_clear(&err);
	snprintf(path, sizeof(path), "%s/experiment.ini", dir);
	if (!*ep)
		assert_non_null(*ep = uplift_experiment_load(path, "sim", &err));
	if (!*dp)
		assert_non_null(*dp = uplift_data_load(*ep, dir, &lo, &err));
	uplift_target_defaults(&o);
	o.dir = dir;
	o.seed = seed;
	o.threads = threads;
	o.trees = 10;
	t = uplift_target_run(*dp, *ep, &o, &err);
	if (!t)
		fail_msg("%s", err.message);
	return t;
}

static void same_seed_same_bytes(void **state)
{
	struct uplift_simulate_options sim;
	struct uplift_error err;
	const char *dir = temp_dir();
	struct uplift_experiment *e = NULL;
	struct uplift_data *d = NULL;
	struct uplift_target *a, *b, *c;
	size_t n;

	(void)state;
	uplift_simulate_defaults(&sim);
	sim.users = 9000;
	sim.seed = 3;
	uplift_error_clear(&err);
	assert_int_equal(uplift_simulate(dir, &sim, &err), UPLIFT_OK);
	a = run(dir, &e, &d, 42, 2);
	b = run(dir, &e, &d, 42, 1);
	c = run(dir, &e, &d, 43, 2);
	n = d->n_users * e->n_arms;
	assert_memory_equal(a->pred, b->pred, n * sizeof(double));
	assert_memory_equal(a->policy_arm, b->policy_arm, d->n_users * sizeof(uint16_t));
	assert_memory_equal(&a->policy, &b->policy, sizeof(a->policy));
	assert_true(memcmp(a->pred, c->pred, n * sizeof(double)) != 0);
	uplift_target_free(a);
	uplift_target_free(b);
	uplift_target_free(c);
	uplift_data_free(d);
	uplift_experiment_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(finds_planted_category),
	    cmocka_unit_test(finds_planted_threshold),
	    cmocka_unit_test(min_leaf_stops),
	    cmocka_unit_test(leaf_values_by_hand),
	    cmocka_unit_test(no_split_when_the_best_arm_is_the_same),
	    cmocka_unit_test(same_seed_same_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
