/*
 * uplift_simulate.h - a seeded generator of coupon experiments with known
 * true effects: the coffee-shop example, benchmarks and calibration tests
 * all come from it. Same options and seed, same bytes.
 */
#ifndef UPLIFT_SIMULATE_H
#define UPLIFT_SIMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "uplift_error.h"

struct uplift_sim_options {
	uint64_t users; /* members in the test */
	uint64_t seed;
	long start;               /* first day of the window (day number) */
	int days;                 /* window length */
	double rate_8;            /* purchase-rate multiplier of 8折券 (1 = no effect) */
	double rate_80;           /* purchase-rate multiplier of 满80减15 */
	double topup;             /* chance a 60-80 basket is topped up to 80+ under 满80减15 */
	double weekly_conversion; /* control's expected weekly conversion, e.g. 0.10 */
	bool history;             /* also write history.csv (120 days before start) */
	const char *name;         /* experiment name */
};

/* Defaults: 30,000 users, seed 47, 2026-11-16 for 7 days, 1.50 / 1.30, 0.35. */
void uplift_sim_defaults(struct uplift_sim_options *opt);

/*
 * Write experiment.ini, assignments.csv, orders.csv (and history.csv) into
 * dir, which must exist. Each file is written under a temporary name and
 * renamed, so it appears whole or not at all.
 */
enum uplift_status uplift_simulate(const char *dir, const struct uplift_sim_options *opt,
				   struct uplift_error *err);

#endif
