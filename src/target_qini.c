/*
 * target_qini.c - the Qini curve of each arm against control, on held-out
 * predictions.
 *
 * The members of control and of arm a (with an outcome) are ranked by
 * their predicted gain for a, highest first. Over the top k ranked members, with Y_a(k), N_a(k)
 * the outcome sum and count of arm a among them and Y_c(k), N_c(k)
 * control's,
 *     Q(k) = Y_a(k) - Y_c(k) N_a(k) / N_c(k)   (0 while N_c(k) = 0),
 * sklift's qini_curve. A point is (k / n, Q(k) / n), n the members of the
 * two arms: the share of them targeted and the incremental outcome per
 * member, in the metric's unit. The coefficient is the area between that
 * curve and the random line from (0, 0) to (1, Q(n) / n), by the
 * trapezoid rule over the k that end a block of equal gains (a point
 * between them on the straight line, as sklift's curve): in the metric's unit per member, > 0 when
 * the ranking puts the members who gain first. (sklift divides by the
 * area of the perfect ranking instead, which a money outcome does not
 * have.)
 */
#include "target_internal.h"
#include "uplift_data.h"

#include <math.h>
#include <stdlib.h>

static void one_arm(struct uplift_target_qini *q, const struct tvalues_in *in, size_t a,
		    struct target_ranked *r)
{
	size_t n = 0, j = 0;
	double ya = 0, na = 0, yc = 0, nc = 0, prev = 0, area = 0, qn;
	size_t A = in->n_arms;

	q->arm = a;
	for (size_t u = 0; u < in->n_users; u++)
		if (in->has_y[u] && (in->arm[u] == a || in->arm[u] == in->control))
			r[n++] = (struct target_ranked){in->pred[u * A + a], (uint32_t)u};
	qsort(r, n, sizeof(*r), target_cmp_ranked);
	q->n_points = UPLIFT_TARGET_QINI_POINTS;
	if (n == 0) {
		q->coefficient = NAN;
		for (size_t i = 0; i < q->n_points; i++)
			q->points[i] = (struct uplift_target_point){(double)i / (q->n_points - 1),
								    NAN, NAN, NAN, NAN};
		return;
	}
	/* Q(n) first, for the random line */
	for (size_t i = 0; i < n; i++) {
		uint32_t u = r[i].u;
		if (in->arm[u] == a) {
			ya += in->y[u];
			na += 1;
		} else {
			yc += in->y[u];
			nc += 1;
		}
	}
	qn = nc > 0 ? (ya - yc * na / nc) / (double)n : 0;
	ya = na = yc = nc = 0;
	q->points[j++] = (struct uplift_target_point){0, NAN, NAN, NAN, 0};
	/*
	 * As sklift, the curve has a point only where the score changes (the
	 * end of each block of equal scores) and is a straight line between
	 * them: a block's order, an accident of assignments.csv, moves
	 * nothing.
	 */
	for (size_t k = 1, k0 = 0; k <= n; k++) {
		uint32_t u = r[k - 1].u;
		double cur;
		if (in->arm[u] == a) {
			ya += in->y[u];
			na += 1;
		} else {
			yc += in->y[u];
			nc += 1;
		}
		if (k < n && r[k].score == r[k - 1].score)
			continue;
		cur = (nc > 0 ? ya - yc * na / nc : 0) / (double)n;
		/* the strip from k0 / n to k / n, less the line's */
		area += ((prev + cur) / 2 - qn * (double)(k0 + k) / 2 / (double)n) *
			(double)(k - k0) / (double)n;
		while (j < q->n_points && j * n / (q->n_points - 1) <= k) {
			size_t kj = j * n / (q->n_points - 1);
			q->points[j] = (struct uplift_target_point){
			    (double)j / (q->n_points - 1), NAN, NAN, NAN,
			    prev + (cur - prev) * (double)(kj - k0) / (double)(k - k0)};
			j++;
		}
		prev = cur;
		k0 = k;
	}
	q->coefficient = area;
}

bool target_qini(struct uplift_target *t, const struct tvalues_in *in)
{
	struct target_ranked *r = malloc((in->n_users + 1) * sizeof(*r));

	if (!r || !(t->qini = calloc(in->n_arms, sizeof(*t->qini)))) {
		free(r);
		return false;
	}
	for (size_t a = 0; a < in->n_arms; a++) {
		struct uplift_target_qini *q;
		if (a == in->control)
			continue;
		one_arm(q = &t->qini[t->n_qini++], in, a, r);
		if (t->reason) { /* too few members to value anything: no curve either */
			q->coefficient = NAN;
			for (size_t i = 0; i < q->n_points; i++)
				q->points[i].gain = NAN;
		}
	}
	free(r);
	return true;
}
