/*
 * test_meta.c - the DerSimonian-Laird pooled estimate (src/meta.c).
 *
 * Heterogeneous case, against statsmodels 0.13.5 (Debian python3-statsmodels):
 *   /usr/bin/python3 -c "import numpy as np; from statsmodels.stats.meta_analysis import
 *     combine_effects as c; r = c(np.array([2.27,1.10,0.35]), np.array([0.36,0.25,0.49]),
 *     method_re='dl'); print(r.q, r.tau2, r.i2, r.mean_effect_re, r.sd_eff_w_re,
 *     r.conf_int(use_t=False)[1])"
 *   -> 4.615224993571616 0.46230045454545504 0.5666516794336723 1.2730940700580144
 *      0.5219892639944549 [0.25001391 2.29617423]
 * and the rest with numpy/scipy, the same formulas written out (q, tau2 truncated
 * at 0, weights 1/(v + tau2), PI mu +- t(k-2) sqrt(tau2 + se^2), normal p):
 *   p 0.014730915567127172, PI [-9.618526822485311, 12.16471496260134],
 *   p of Q 0.09949852124515114
 * Homogeneous case: statsmodels leaves tau2 negative there (-0.0349) and its
 * pooled mean (1.3006) falls outside every estimate; metafor and DL truncate
 * tau2 at 0. numpy, y = [1.0, 1.1, 0.9, 1.05], v = [0.04, 0.05, 0.03, 0.06]:
 *   q 0.572368421052632, tau2 0, I2 0, mu 0.994736842105263, se 0.1025978352085154,
 *   PI [0.5532939863623572, 1.436179697848169]
 */
#include "testutil.h"
#include "uplift_meta.h"

#include <math.h>

#define CLOSE(a, b) assert_true(fabs((a) - (b)) <= 1e-12 * fmax(1, fabs(b)))
/* GSL's t quantile agrees with scipy's to about 2e-11 (df 1: 12.706204736174696
 * against 12.706204736432095): the prediction interval to 1e-9 */
#define CLOSE_T(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * fmax(1, fabs(b)))

static void heterogeneous(void **state)
{
	const double y[] = {2.27, 1.10, 0.35}, v[] = {0.36, 0.25, 0.49};
	struct uplift_meta m;

	uplift_meta_dl(y, v, 3, 0.05, &m);
	assert_int_equal(m.k, 3);
	CLOSE(m.q, 4.615224993571616);
	CLOSE(m.tau2, 0.46230045454545504);
	CLOSE(m.i2, 0.5666516794336723);
	CLOSE(m.mu, 1.2730940700580144);
	CLOSE(m.se, 0.5219892639944549);
	assert_true(fabs(m.lo - 0.25001391) < 1e-8 && fabs(m.hi - 2.29617423) < 1e-8);
	CLOSE(m.p, 0.014730915567127172);
	CLOSE_T(m.pi_lo, -9.618526822485311);
	CLOSE_T(m.pi_hi, 12.16471496260134);
	CLOSE(m.p_q, 0.09949852124515114);
	assert_null(m.reason);
}

static void homogeneous(void **state)
{
	const double y[] = {1.0, 1.1, 0.9, 1.05}, v[] = {0.04, 0.05, 0.03, 0.06};
	struct uplift_meta m;

	uplift_meta_dl(y, v, 4, 0.05, &m);
	CLOSE(m.q, 0.572368421052632);
	assert_true(m.tau2 == 0 && m.i2 == 0);
	CLOSE(m.mu, 0.994736842105263);
	CLOSE(m.se, 0.1025978352085154);
	CLOSE_T(m.pi_lo, 0.5532939863623572);
	CLOSE_T(m.pi_hi, 1.436179697848169);
}

static void too_few(void **state)
{
	const double y[] = {1.5, NAN, 2.0}, v[] = {0.25, 0.1, 0};
	struct uplift_meta m;

	/* only the first is usable: it is the estimate, nothing is pooled */
	uplift_meta_dl(y, v, 3, 0.05, &m);
	assert_int_equal(m.k, 1);
	CLOSE(m.mu, 1.5);
	CLOSE(m.se, 0.5);
	assert_true(isnan(m.tau2) && isnan(m.i2) && isnan(m.pi_lo));
	assert_non_null(m.reason);
	uplift_meta_dl(y, v, 0, 0.05, &m);
	assert_int_equal(m.k, 0);
	assert_true(isnan(m.mu));
	/* two: pooled, but no prediction interval */
	uplift_meta_dl((const double[]){1, 2}, (const double[]){0.5, 0.5}, 2, 0.05, &m);
	assert_true(isfinite(m.mu) && isnan(m.pi_lo));
	assert_non_null(m.reason);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(heterogeneous),
	    cmocka_unit_test(homogeneous),
	    cmocka_unit_test(too_few),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
