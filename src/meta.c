/*
 * meta.c - the DerSimonian-Laird random-effects estimate of one effect
 * over several experiments (uplift_meta.h): Cochran's Q over the fixed-
 * effect weights 1 / v, tau^2 = max(0, (Q - (k - 1)) / (S1 - S2 / S1)) with
 * S1 = sum w and S2 = sum w^2, then the weights 1 / (v + tau^2).
 * DerSimonian & Laird (1986); as R metafor's rma(method = "DL").
 */
#include "uplift_meta.h"
#include "uplift_stats.h"

#include <gsl/gsl_cdf.h>
#include <math.h>

static bool usable(double y, double v)
{
	return isfinite(y) && isfinite(v) && v > 0;
}

void uplift_meta_dl(const double *y, const double *v, size_t k, double alpha,
		    struct uplift_meta *out)
{
	double s1 = 0, s2 = 0, sy = 0, q = 0, fixed, sw = 0, swy = 0, z;

	uplift_stats_init(); /* GSL must not abort */
	*out = (struct uplift_meta){0, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
				    NAN, NAN, NAN,  NAN, NULL};
	for (size_t i = 0; i < k; i++) {
		if (!usable(y[i], v[i]))
			continue;
		s1 += 1 / v[i];
		s2 += 1 / (v[i] * v[i]);
		sy += y[i] / v[i];
		out->k++;
	}
	if (out->k == 0) {
		out->reason = "no estimate with a variance";
		return;
	}
	fixed = sy / s1;
	for (size_t i = 0; i < k; i++)
		if (usable(y[i], v[i]))
			q += (y[i] - fixed) * (y[i] - fixed) / v[i];
	if (out->k >= 2) {
		out->q = q;
		out->df = (double)(out->k - 1);
		out->p_q = gsl_cdf_chisq_Q(q, out->df);
		out->i2 = q > 0 ? fmax(0, (q - out->df) / q) : 0;
		out->tau2 = fmax(0, (q - out->df) / (s1 - s2 / s1));
	} else {
		out->reason = "one experiment: nothing to pool";
	}
	for (size_t i = 0; i < k; i++) {
		double w;
		if (!usable(y[i], v[i]))
			continue;
		w = 1 / (v[i] + (out->k >= 2 ? out->tau2 : 0));
		sw += w;
		swy += w * y[i];
	}
	z = uplift_z(alpha);
	out->mu = swy / sw;
	out->se = sqrt(1 / sw);
	out->lo = out->mu - z * out->se;
	out->hi = out->mu + z * out->se;
	out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->mu / out->se));
	if (out->k >= 3) {
		double t = gsl_cdf_tdist_Qinv(alpha / 2, (double)(out->k - 2));
		double s = sqrt(out->tau2 + out->se * out->se);
		out->pi_lo = out->mu - t * s;
		out->pi_hi = out->mu + t * s;
	} else if (!out->reason) {
		out->reason = "two experiments: no prediction interval (it needs 3)";
	}
}
