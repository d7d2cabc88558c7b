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

struct uplift_simulate_options {
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
	/* the post period: orders of the post_days after the window, and
	 * post_days in experiment.ini (0: three days of orders, no key) */
	int post_days;
	/* pull-forward: a coupon arm moves this share of its next days'
	 * purchases into the window (the window's days right after it buy that
	 * much less): a lift that is only timing */
	double pull_forward;
	/* the arms' effects depend on spend level, channel and a new age
	 * column together (see simulate.c); false: the default model */
	bool hetero;
	/* also write this file: each member's true expected effect of each
	 * arm over control (revenue, profit, conversion), or NULL */
	const char *truth;
};

/* Defaults: 30,000 users, seed 47, 2026-11-16 for 7 days, 1.50 / 1.30, 0.35. */
void uplift_simulate_defaults(struct uplift_simulate_options *opt);

/* Limits of the options (a folder outside them is one analyze would refuse or a broken model). */
#define UPLIFT_SIM_MIN_USERS      100 /* every arm gets users (P(an empty arm) < 1e-17) */
#define UPLIFT_SIM_MAX_USERS      1000000000
#define UPLIFT_SIM_MAX_DAYS       365
#define UPLIFT_SIM_MAX_RATE       100
#define UPLIFT_SIM_MAX_CONVERSION 0.8 /* the model's occasional buyers need conv. < 0.93 */

/*
 * Check opt against those limits and the dates uplift reads (1900-01-01 to
 * 9999-12-31) over everything written: history from 120 days before start
 * (7 without history), orders up to 3 days after the window. Returns
 * UPLIFT_OK, or UPLIFT_EINPUT with a message naming the option.
 */
enum uplift_status uplift_simulate_check(const struct uplift_simulate_options *opt,
					 struct uplift_error *err);

/*
 * Write experiment.ini, assignments.csv, orders.csv (and history.csv) into
 * dir, which must exist, and with opt->truth the truth file
 * user_id,effect_revenue_<arm>...,effect_profit_<arm>...,
 * effect_conversion_<arm>... (the non-control arms; expectations over the
 * window, in closed form from each member's parameters, not the draws).
 * Each file is written under a temporary name and renamed, so it appears
 * whole or not at all. Options are checked first
 * (uplift_simulate_check), and a run that left an arm without users writes
 * nothing and fails with UPLIFT_EINPUT.
 */
enum uplift_status uplift_simulate(const char *dir, const struct uplift_simulate_options *opt,
				   struct uplift_error *err);

#endif
