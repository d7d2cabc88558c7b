/*
 * uplift_power.h - sample size and detectable effects for the next test,
 * as R's power.prop.test (rates) and power.t.test (two-sample means) define
 * them: two-sided, level alpha, the non-strict power formula. A plan
 * (uplift_power_plan) passes alpha / m for the m comparisons the analysis
 * will correct over, as uplift analyze does.
 */
#ifndef UPLIFT_POWER_H
#define UPLIFT_POWER_H

#include <stdbool.h>

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

/* The most users a plan may count: 2^53, below which whole numbers are exact. */
#define UPLIFT_POWER_MAX_USERS 9007199254740992.0

/*
 * The comparisons the overall family of an analysis of `arms` arms with the
 * default metrics corrects over: (arms - 1) x the tested default metrics
 * (conversion, repurchase, revenue, orders, aov; and profit when the
 * experiment has a gross margin). discount is reported but never tested.
 */
long uplift_power_comparisons(long arms, bool gross_margin);

/* What "uplift power" asks: users for an effect, or the effect users detect. */
struct uplift_power_question {
	bool rate;        /* a rate from baseline, else a mean with sd */
	bool solve_users; /* users per arm for mde, else the effect for users */
	double baseline;  /* the control rate (rate) */
	double sd;        /* standard deviation per user (mean) */
	double mde;       /* the absolute effect to detect, with solve_users */
	double users;     /* users per arm, without solve_users */
	double alpha, power;
	long arms; /* arms including control, >= 2 */
	/* the comparisons the analysis will correct over (>= 1); 0: the
	 * analysis of `arms` arms with the default metrics and no gross margin,
	 * uplift_power_comparisons(arms, false). A single planned comparison
	 * (one arm against one other, one metric) is 1. */
	long comparisons;
};

struct uplift_power_answer {
	/* alpha / comparisons: Bonferroni over the family, which is also the
	 * first step of Holm (and of BH), the bar a single planned effect must
	 * clear when every other comparison of the family shows nothing */
	double alpha_each;
	long comparisons; /* the family size used */
	double n;         /* users per arm, unrounded (solve_users) */
	double users;     /* users per arm: n rounded up, or the question's */
	double delta;     /* the absolute effect */
};

enum uplift_power_outcome {
	UPLIFT_POWER_OK = 0,
	UPLIFT_POWER_NOT_A_RATE,     /* baseline + mde is not in (0, 1) */
	UPLIFT_POWER_TOO_MANY_USERS, /* more than UPLIFT_POWER_MAX_USERS in all */
	UPLIFT_POWER_NO_SOLUTION     /* the solver found none */
};

/*
 * Answer q (users per arm as R power.prop.test / power.t.test round them
 * up, or the detectable effect) at level alpha / comparisons, filling *a as
 * far as it got; the outcome says why there is no answer, and the caller
 * words it.
 */
enum uplift_power_outcome uplift_power_plan(const struct uplift_power_question *q,
					    struct uplift_power_answer *a);

#endif
