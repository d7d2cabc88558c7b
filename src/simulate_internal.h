/*
 * simulate_internal.h - what simulate.c shares with simulate_truth.c: the
 * model's constants and each member's expected window outcome under each
 * arm, in closed form from the member's parameters (not from the draws).
 */
#ifndef UPLIFT_SIMULATE_INTERNAL_H
#define UPLIFT_SIMULATE_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "uplift_simulate.h"

#define SIM_ARMS         3
#define SIM_GROSS_MARGIN 0.6  /* [economics] gross_margin of the ini written */
#define SIM_BASKET_SD    0.30 /* an order is m * LogNormal(0, 0.30), rounded to 0.5 */
#define SIM_BASKET_MIN   6    /* and at least 6 yuan */
#define SIM_PERCENT_OFF  0.20 /* 8折券 */
#define SIM_MIN_SPEND    80   /* 满80减15 */
#define SIM_AMOUNT_OFF   15
#define SIM_TOPUP_LOW    60   /* a basket in [60, 80) may be topped up to 80-95 */
#define SIM_TOPUP_MEAN   87.5 /* 80 + round(30 U) / 2: mean 87.5 */

extern const char *const uplift_sim_arm_names[SIM_ARMS];

/* A member's expected values over the window under one arm. */
struct sim_expect {
	double conversion; /* P(at least one order) */
	double paid;       /* E[sum of amount - discount]: the revenue metric */
	double profit;     /* E[sum of g * amount - discount] */
};

/*
 * The expectations for a member of weekly rate lambda and typical basket m
 * under each arm, whose window rate multipliers (pull-forward included) are
 * rate[arm]; days is the window length and topup the chance a 60-80 basket
 * is topped up under 满80减15.
 */
void sim_expect(double lambda, double m, const double rate[SIM_ARMS], int days, double topup,
		struct sim_expect out[SIM_ARMS]);

/* The truth file's header and one member's row (effects of each arm over control). */
void sim_truth_header(FILE *fp);
void sim_truth_row(FILE *fp, const char *id, const struct sim_expect e[SIM_ARMS]);

#endif
