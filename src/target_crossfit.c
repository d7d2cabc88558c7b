/*
 * target_crossfit.c - uplift target's run (uplift_target.h): the outcome
 * of every member, the folds, the fold forests and every member's
 * held-out predictions, then the values (target_value.c, target_qini.c).
 *
 * Folds: the members in a seeded shuffle, dealt in turn to folds 0..K-1
 * within each arm, so every fold holds a K-th of every arm. Fold k's
 * forest is grown on the members of the other folds and predicts the
 * members of fold k only.
 */
#include "target_internal.h"
#include "uplift_data.h"
#include "uplift_experiment.h"
#include "uplift_stats.h"
#include "uplift_suff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void uplift_target_defaults(struct uplift_target_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->folds = 5;
	opt->seed = UPLIFT_TARGET_SEED;
	opt->trees = 40;
	opt->depth = 4;
	opt->min_leaf = 100;
	opt->n_reg = 100;
	opt->sample = 0.5;
	opt->max_rows = 100000;
	opt->mtry = 0.7;
	opt->threads = 2;
}

static enum uplift_metric pick_metric(const struct uplift_data *d,
				      const struct uplift_experiment *exp,
				      const struct uplift_target_options *opt,
				      struct uplift_error *err)
{
	int m;

	if (!opt->metric) {
		if (exp->decision.has_metric)
			return exp->decision.metric;
		return exp->has_economics && exp->gross_margin > 0 ? UPLIFT_PROFIT : UPLIFT_REVENUE;
	}
	if ((m = uplift_metric_parse(&exp->metrics, opt->metric)) < 0) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL, "--metric: unknown metric '%s'",
				 opt->metric);
		return UPLIFT_N_METRICS;
	}
	(void)d;
	return (enum uplift_metric)m;
}

static const char *unit_of(const struct uplift_experiment *exp, enum uplift_metric m)
{
	if (uplift_metric_kind(&exp->metrics, m) == UPLIFT_PROPORTION)
		return "share of members (0 to 1)";
	if (m == UPLIFT_PROFIT)
		return "yuan per member, net of coupon cost";
	if (m == UPLIFT_ORDERS)
		return "orders per member";
	if (m == UPLIFT_REVENUE || m == UPLIFT_AMOUNT || m == UPLIFT_DISCOUNT)
		return "yuan per member";
	return "metric units per member";
}

void uplift_target_free(struct uplift_target *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_features; i++)
		free(t->features[i].name);
	free(t->features);
	for (size_t i = 0; i < t->n_left_out; i++) {
		free(t->left_out[i].name);
		free(t->left_out[i].reason);
	}
	free(t->left_out);
	for (size_t i = 0; i < t->n_plans; i++)
		free(t->plans[i].column);
	free(t->plans);
	free(t->qini);
	free(t->arm_share);
	free(t->best_arm_by_fold);
	free(t->policy_arm);
	free(t->pred);
	free(t->has_y);
	target_model_free(t->model);
	free(t);
}

static struct uplift_target *fail_nomem(struct uplift_target *t, struct uplift_error *err)
{
	if (err->status == UPLIFT_OK)
		uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	uplift_target_free(t);
	return NULL;
}

struct uplift_target *uplift_target_run(const struct uplift_data *d,
					const struct uplift_experiment *exp,
					const struct uplift_target_options *opt,
					struct uplift_error *err)
{
	struct uplift_target *t = calloc(1, sizeof(*t));
	size_t n = d->n_users, A = exp->n_arms;
	double *y = NULL, *p = NULL;
	uint16_t *fold = NULL, *arm = NULL;
	uint32_t *order = NULL, **train = NULL;
	size_t *n_train = NULL, *dealt = NULL;
	unsigned *splits = NULL, K = opt->folds;
	struct uplift_target_model *m;
	struct uplift_metric_value mv;
	enum uplift_metric metric;
	double wsum = 0;
	uint64_t rng = opt->seed;
	struct tvalues_in in;

	if (!t)
		return fail_nomem(t, err);
	t->exp = exp;
	t->data = d;
	t->folds = K;
	t->seed = opt->seed;
	t->alpha = opt->alpha > 0 ? opt->alpha : exp->alpha;
	t->best_arm = SIZE_MAX;
	if (K < 2 || K > 100) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "--folds must be a whole number from 2 to 100, got %u", K);
		goto fail;
	}
	if (A < 2 || A > 255) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "%zu arms: target needs 2 to 255", A);
		goto fail;
	}
	if (opt->depth < 1 || opt->depth > TARGET_MAX_DEPTH || opt->trees < 1) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "depth must be 1 to %d and trees at least 1", TARGET_MAX_DEPTH);
		goto fail;
	}
	if ((metric = pick_metric(d, exp, opt, err)) == UPLIFT_N_METRICS)
		goto fail;
	t->metric = (int)metric;
	t->metric_name = uplift_metric_name(&exp->metrics, metric);
	if (uplift_metric_kind(&exp->metrics, metric) == UPLIFT_RATIO) {
		uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "--metric %s is a ratio of two sums per arm, not a value per "
		    "member: target needs a 0/1 or a mean metric (conversion, revenue, "
		    "profit, ...)",
		    t->metric_name);
		goto fail;
	}
	if (metric == UPLIFT_PROFIT && !(exp->has_economics && exp->gross_margin > 0)) {
		uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "--metric profit needs [economics] gross_margin in experiment.ini");
		goto fail;
	}
	if (metric != UPLIFT_PROFIT && !(d->metrics & UPLIFT_METRIC_BIT(metric))) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "the metric %s is not in the data", t->metric_name);
		goto fail;
	}
	t->unit = unit_of(exp, metric);
	t->net_of_cost = metric == UPLIFT_PROFIT;

	if (!(t->model = m = calloc(1, sizeof(*m))))
		goto nomem;
	if (target_features_load(&m->feat, d, opt, err))
		goto fail;
	/* the features into t */
	t->features = calloc(m->feat.n, sizeof(*t->features));
	t->left_out = calloc(m->feat.n_left + 1, sizeof(*t->left_out));
	if (!t->features || !t->left_out)
		goto nomem;
	for (size_t i = 0; i < m->feat.n; i++) {
		t->features[i] = (struct uplift_target_feature){strdup(m->feat.f[i].name),
								m->feat.f[i].numeric,
								m->feat.f[i].history,
								m->feat.f[i].bins,
								0,
								0};
		t->n_features++;
		if (!t->features[i].name)
			goto nomem;
	}
	for (size_t i = 0; i < m->feat.n_left; i++) {
		t->left_out[i].name = strdup(m->feat.left[i].name);
		t->left_out[i].reason = strdup(m->feat.left[i].reason);
		t->n_left_out++;
		if (!t->left_out[i].name || !t->left_out[i].reason)
			goto nomem;
	}

	/* every member's outcome */
	y = calloc(n + 1, sizeof(*y));
	arm = calloc(n + 1, sizeof(*arm));
	fold = calloc(n + 1, sizeof(*fold));
	order = malloc((n + 1) * sizeof(*order));
	t->has_y = calloc(n + 1, 1);
	p = calloc(A, sizeof(*p));
	dealt = calloc(A, sizeof(*dealt));
	if (!y || !arm || !fold || !order || !t->has_y || !p || !dealt)
		goto nomem;
	uplift_suff_value_init(&mv, d, &exp->metrics, (int)metric, NAN);
	for (size_t u = 0; u < n; u++) {
		struct uplift_user fresh;
		const struct uplift_user *usr = uplift_data_user(d, u, &fresh);
		double x;
		arm[u] = usr->arm;
		if (mv.within && !uplift_data_metrics_days_over(mv.exposed[u], mv.within, mv.end))
			continue;
		y[u] = uplift_suff_value(&mv, usr, d->history ? &d->history[u] : NULL, u, &x);
		t->has_y[u] = 1;
		t->n_users++;
	}
	for (size_t a = 0; a < A; a++)
		wsum += exp->arms[a].weight;
	for (size_t a = 0; a < A; a++)
		p[a] = exp->arms[a].weight / wsum;

	/* the folds */
	for (size_t u = 0; u < n; u++)
		order[u] = (uint32_t)u;
	for (size_t i = n; i > 1; i--) {
		size_t j = target_rand_below(&rng, i);
		uint32_t s = order[i - 1];
		order[i - 1] = order[j];
		order[j] = s;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t u = order[i];
		fold[u] = (uint16_t)(dealt[arm[u]]++ % K);
	}
	train = calloc(K, sizeof(*train));
	n_train = calloc(K, sizeof(*n_train));
	if (!train || !n_train)
		goto nomem;
	for (unsigned k = 0; k < K; k++) {
		if (!(train[k] = malloc((t->n_users + 1) * sizeof(**train))))
			goto nomem;
		for (size_t u = 0; u < n; u++)
			if (t->has_y[u] && fold[u] != k)
				train[k][n_train[k]++] = (uint32_t)u;
		if (n_train[k] == 0) {
			uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					 "too few members with an outcome for %u folds", K);
			goto fail_train;
		}
	}

	/* the forests */
	m->folds = K;
	m->n_arms = A;
	m->control = exp->control;
	m->params = (struct tparams){.depth = opt->depth,
				     .min_leaf = opt->min_leaf,
				     .n_arms = (unsigned)A,
				     .control = (unsigned)exp->control,
				     .n_reg = opt->n_reg,
				     .feat = m->feat.f,
				     .n_feat = m->feat.n};
	m->params.mtry = (unsigned)ceil(opt->mtry * (double)m->feat.n);
	if (m->params.mtry < 1)
		m->params.mtry = 1;
	if (!(splits = calloc(m->feat.n + 1, sizeof(*splits))) ||
	    !target_forests_grow(m, opt, (const uint32_t *const *)train, n_train, y, arm, splits))
		goto nomem;
	{
		double total = 0;
		size_t jobs = (size_t)K * opt->trees;
		for (size_t f = 0; f < m->feat.n; f++) {
			t->features[f].splits = splits[f];
			for (size_t j = 0; j < jobs;
			     j++) /* in tree order: the same sum on any thread */
				t->features[f].importance += m->imp[j * m->feat.n + f];
			total += t->features[f].importance;
		}
		for (size_t f = 0; f < m->feat.n; f++)
			t->features[f].importance =
			    total > 0 ? t->features[f].importance / total : 0;
	}

	/* held-out predictions and the policy */
	t->pred = calloc(n * A + 1, sizeof(*t->pred));
	t->policy_arm = calloc(n + 1, sizeof(*t->policy_arm));
	t->arm_share = calloc(A, sizeof(*t->arm_share));
	if (!t->pred || !t->policy_arm || !t->arm_share)
		goto nomem;
	for (size_t u = 0; u < n; u++) {
		double *g = t->pred + u * A, top = 0;
		size_t best = exp->control;
		target_forest_predict(&m->forest[fold[u]], m->feat.x + u * m->feat.n, A, g);
		for (size_t a = 0; a < A; a++)
			if (a != exp->control && g[a] > top) {
				top = g[a];
				best = a;
			}
		t->policy_arm[u] = (uint16_t)best;
		if (t->has_y[u])
			t->arm_share[best] += 1;
	}
	for (size_t a = 0; a < A; a++)
		t->arm_share[a] = t->n_users ? t->arm_share[a] / (double)t->n_users : NAN;

	in = (struct tvalues_in){n, A,       exp->control,      arm, y, t->has_y, fold, K,
				 p, t->pred, uplift_z(t->alpha)};
	if (!target_values(t, &in) || !target_qini(t, &in))
		goto nomem;

	for (unsigned k = 0; k < K; k++)
		free(train[k]);
	free(train);
	free(n_train);
	free(splits);
	free(y);
	free(arm);
	free(fold);
	free(order);
	free(p);
	free(dealt);
	return t;
nomem:
	uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
fail_train:
	for (unsigned k = 0; train && k < K; k++)
		free(train[k]);
fail:
	free(train);
	free(n_train);
	free(splits);
	free(y);
	free(arm);
	free(fold);
	free(order);
	free(p);
	free(dealt);
	uplift_target_free(t);
	return NULL;
}
