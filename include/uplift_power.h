/*
 * uplift_power.h - sample size and detectable effects for the next test,
 * as R's power.prop.test (rates) and power.t.test (two-sample means) define
 * them: two-sided, level alpha, the non-strict power formula.
 */
#ifndef UPLIFT_POWER_H
#define UPLIFT_POWER_H

/* Power of the two-proportion test with n users per arm (power.prop.test). */
double uplift_power_prop(double p1, double p2, double n, double alpha);

/* Users per arm (not rounded) for power `power`; NaN when p1 == p2. */
double uplift_power_prop_n(double p1, double p2, double alpha, double power);

/* The p2 > p1 detectable with n per arm at this power (power.prop.test(n=, p1=)). */
double uplift_power_prop_p2(double p1, double n, double alpha, double power);

/* Upper tail of the non-central t distribution, P(T > t | df, ncp). */
double uplift_nct_sf(double t, double df, double ncp);

/* Power of the two-sample t-test with n per arm (power.t.test). */
double uplift_power_t(double n, double delta, double sd, double alpha);

/* Users per arm (not rounded) for power `power`. */
double uplift_power_t_n(double delta, double sd, double alpha, double power);

/* The delta detectable with n per arm (power.t.test(n=, sd=, power=)). */
double uplift_power_t_delta(double n, double sd, double alpha, double power);

#endif
