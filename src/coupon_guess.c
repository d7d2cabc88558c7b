/*
 * coupon_guess.c - the coupon of an arm, as its orders' discounts show it
 * or as its name spells it, for the hints of "uplift init".
 *
 * The discounts are gathered in constant memory: for a percentage coupon,
 * each order narrows the interval of the percentages p that give its
 * discount to the cent (|discount - amount p/100| <= 0.01); for a 满X减Y
 * coupon, every discount must be the same Y and the smallest amount that
 * got it is the guess of X. A guess is made only when it is the only one
 * the data allow.
 */
#include "uplift_init.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define CENT 0.01
#define EPS  1e-9

void uplift_coupon_guess_start(struct uplift_coupon_obs *o)
{
	memset(o, 0, sizeof(*o));
	o->pct_lo = -HUGE_VAL;
	o->pct_hi = HUGE_VAL;
	o->same_discount = true;
}

void uplift_coupon_guess_observe(struct uplift_coupon_obs *o, double amount, double discount)
{
	double r;

	o->orders++;
	if (!(discount > 0) || !(amount > 0))
		return;
	r = discount / amount;
	if (o->discounted == 0) {
		o->first_discount = discount;
		o->min_amount = o->max_amount = amount;
		o->min_ratio = o->max_ratio = r;
	} else {
		if (fabs(discount - o->first_discount) > CENT / 2)
			o->same_discount = false;
		o->min_amount = fmin(o->min_amount, amount);
		o->max_amount = fmax(o->max_amount, amount);
		o->min_ratio = fmin(o->min_ratio, r);
		o->max_ratio = fmax(o->max_ratio, r);
	}
	o->discounted++;
	o->pct_lo = fmax(o->pct_lo, 100 * (discount - CENT - EPS) / amount);
	o->pct_hi = fmin(o->pct_hi, 100 * (discount + CENT + EPS) / amount);
}

/* The only multiple of step in [lo, hi] inside (0, 100), into *p; false if none or several. */
static bool only_multiple(double lo, double hi, double step, double *p)
{
	double first = ceil(fmax(lo, EPS) / step), last = floor(fmin(hi, 100 - EPS) / step);

	if (first != last)
		return false;
	*p = first * step;
	return *p > 0 && *p < 100;
}

struct uplift_coupon uplift_coupon_guess(const struct uplift_coupon_obs *o)
{
	struct uplift_coupon c = {UPLIFT_COUPON_NONE, 0, 0, 0};
	bool amounts_vary;
	double p;

	if (o->discounted < UPLIFT_COUPON_MIN_ORDERS)
		return c;
	amounts_vary = o->max_amount - o->min_amount > CENT / 2;
	if (o->pct_lo <= o->pct_hi && amounts_vary && !o->same_discount &&
	    (only_multiple(o->pct_lo, o->pct_hi, 1, &p) ||
	     (floor(o->pct_hi) < ceil(o->pct_lo) &&
	      only_multiple(o->pct_lo, o->pct_hi, 0.5, &p)))) {
		c.kind = UPLIFT_COUPON_PERCENT;
		c.percent_off = p;
		return c;
	}
	if (o->same_discount && amounts_vary && fabs(o->min_amount - round(o->min_amount)) < EPS &&
	    o->min_amount >= o->first_discount) {
		c.kind = UPLIFT_COUPON_THRESHOLD;
		c.min_spend = round(o->min_amount);
		c.amount_off = round(o->first_discount * 100) / 100;
	}
	return c;
}

/* A decimal number at s ("80", "7.5") into *v; the bytes read, 0 if none. */
static size_t number_at(const char *s, double *v)
{
	char *end;
	if (!(*s >= '0' && *s <= '9'))
		return 0;
	*v = strtod(s, &end);
	return (size_t)(end - s);
}

struct uplift_coupon uplift_coupon_guess_from_name(const char *name)
{
	struct uplift_coupon c = {UPLIFT_COUPON_NONE, 0, 0, 0};
	const char *man = strstr(name, "满"), *s;
	double x, y;
	size_t n;

	/* 满80减15 */
	if (man && (n = number_at(man + 3, &x)) && strncmp(man + 3 + n, "减", 3) == 0 &&
	    number_at(man + 6 + n, &y) && y > 0 && x >= y) {
		c.kind = UPLIFT_COUPON_THRESHOLD;
		c.min_spend = x;
		c.amount_off = y;
		return c;
	}
	/* 8折, 85折, 7.5折: the price paid, in tenths (two digits: hundredths) */
	for (s = name; (s = strstr(s, "折")); s += 3) {
		const char *d = s;
		while (d > name && ((d[-1] >= '0' && d[-1] <= '9') || d[-1] == '.'))
			d--;
		if (d < s && number_at(d, &x) == (size_t)(s - d)) {
			double paid = s - d == 2 && !memchr(d, '.', 2) ? x / 10 : x;
			if (paid > 0 && paid < 10) {
				c.kind = UPLIFT_COUPON_PERCENT;
				c.percent_off = round((10 - paid) * 1000) / 100;
				return c;
			}
		}
	}
	/* "20% off", "20%off" */
	for (s = name; (s = strchr(s, '%')); s++) {
		const char *d = s, *after = s + 1;
		while (d > name && ((d[-1] >= '0' && d[-1] <= '9') || d[-1] == '.'))
			d--;
		while (*after == ' ')
			after++;
		if (d < s && number_at(d, &x) == (size_t)(s - d) && x > 0 && x < 100 &&
		    (strncmp(after, "off", 3) == 0 || strncmp(after, "OFF", 3) == 0 ||
		     strncmp(after, "Off", 3) == 0)) {
			c.kind = UPLIFT_COUPON_PERCENT;
			c.percent_off = x;
			return c;
		}
	}
	return c;
}
