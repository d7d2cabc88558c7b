/*
 * uplift_meta.h - pooling one effect over several experiments: the
 * DerSimonian-Laird random-effects estimate (the building block of
 * `uplift review`, ../shared/CONTRACT.md "Several experiments").
 */
#ifndef UPLIFT_META_H
#define UPLIFT_META_H

#include <stddef.h>

struct uplift_meta {
	size_t k;          /* estimates used (finite, with a variance above 0) */
	double q, df, p_q; /* Cochran's Q, k - 1 and its chi-square p-value */
	double i2;         /* (Q - df) / Q, at least 0 */
	double tau2;       /* between-experiment variance (method of moments), at least 0 */
	double mu, se;     /* the pooled effect with weights 1 / (v + tau2), its standard error */
	double lo, hi;     /* mu +- z se at level 1 - alpha */
	double p;          /* two-sided normal p-value of mu */
	/* where the effect of a new experiment should fall: mu +- t(k - 2)
	 * sqrt(tau2 + se^2) (Higgins, Thompson & Spiegelhalter 2009); NaN
	 * with fewer than 3 estimates */
	double pi_lo, pi_hi;
	const char *reason; /* why something is NaN, else NULL */
};

/*
 * Pool the effects y[i] with variances v[i], i < k, at level 1 - alpha. An
 * estimate that is not finite or has no variance above 0 is left out (k
 * counts the rest); with none left everything is NaN, with one it is that
 * estimate (tau2 and I^2 NaN).
 */
void uplift_meta_dl(const double *y, const double *v, size_t k, double alpha,
		    struct uplift_meta *out);

#endif
