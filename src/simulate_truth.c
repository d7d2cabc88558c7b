/*
 * simulate_truth.c - each simulated member's expected outcome over the
 * window under each arm, in closed form from the member's parameters (see
 * the model in simulate.c), and the truth file of their differences: the
 * member's true incremental effect of each arm over control.
 *
 * With N ~ Poisson(mu) window orders, mu = lambda * days / 7 * rate, and
 * baskets a = max(6, round(2 m X) / 2), X ~ LogNormal(0, 0.30):
 *   conversion  1 - exp(-mu);
 *   control     amount mu E[a], no discount;
 *   8折券       amount mu E[a], discount 0.2 E[a] (1 - exp(-mu)) (the
 *               first order; its basket is independent of N);
 *   满80减15    until the coupon is used each order is topped up (a in
 *               [60, 80) becomes 80 + round(30 U) / 2, mean 87.5, with
 *               probability topup) and uses it if a >= 80, which happens
 *               with probability q = P(a >= 80) + topup P(60 <= a < 80).
 *               The orders up to and with the coupon number J = min(N, G),
 *               G ~ Geometric(q): E[J] = sum_j (1 - q)^(j - 1) P(N >= j)
 *               = (1 - exp(-mu q)) / q; by Wald's identity they bring
 *               E[J] E[a'] (a' the topped-up basket) and the others
 *               (mu - E[J]) E[a]; discount 15 (1 - exp(-mu q)).
 *   paid = amount - discount, profit = g amount - discount (g = 0.6).
 * E[a] and the moments over [60, 80) are exact sums over the half-yuan
 * values a takes, P(round(y) = k) = P(k - 0.5 <= y < k + 0.5), up to where
 * P(y > k) < 1e-17.
 */
#include "simulate_internal.h"

#include <math.h>

const char *const uplift_sim_arm_names[SIM_ARMS] = {"control", "8折券", "满80减15"};

/* The moments of a member's basket that the expectations need. */
struct basket {
	double mean;  /* E[a] */
	double p80;   /* P(a >= 80) */
	double p6080; /* P(60 <= a < 80) */
	double e6080; /* E[a 1{60 <= a < 80}] */
};

/* P(2 m X >= t) */
static double upper(double t, double two_m)
{
	return 0.5 * erfc(log(t / two_m) / SIM_BASKET_SD / 1.4142135623730951);
}

static void basket_moments(double m, struct basket *b)
{
	double two_m = 2 * m;
	long k_min = 2 * SIM_BASKET_MIN + 1; /* round(y) / 2 <= 6 below: a = 6 */
	long k_max = (long)ceil(two_m * exp(8.5 * SIM_BASKET_SD)) + 1;
	double s_lo = upper(k_min - 0.5, two_m);

	b->mean = SIM_BASKET_MIN * (1 - s_lo);
	b->p6080 = b->e6080 = 0;
	for (long k = k_min; k <= k_max; k++) {
		double s_hi = upper(k + 0.5, two_m), p = s_lo - s_hi;
		b->mean += k / 2.0 * p;
		if (k >= 2 * SIM_TOPUP_LOW && k < 2 * SIM_MIN_SPEND) {
			b->p6080 += p;
			b->e6080 += k / 2.0 * p;
		}
		s_lo = s_hi;
	}
	b->p80 = upper(2 * SIM_MIN_SPEND - 0.5, two_m);
}

void sim_expect(double lambda, double m, const double rate[SIM_ARMS], int days, double topup,
		struct sim_expect out[SIM_ARMS])
{
	struct basket b;

	basket_moments(m, &b);
	for (size_t arm = 0; arm < SIM_ARMS; arm++) {
		double mu = lambda * days / 7.0 * rate[arm];
		double conv = -expm1(-mu), amount = mu * b.mean, discount = 0;

		if (arm == 1) {
			discount = SIM_PERCENT_OFF * b.mean * conv;
		} else if (arm == 2) {
			double q = b.p80 + topup * b.p6080, used = -expm1(-mu * q);
			double j = q > 1e-300 ? used / q : mu;
			double topped = b.mean + topup * (b.p6080 * SIM_TOPUP_MEAN - b.e6080);
			amount = j * topped + (mu - j) * b.mean;
			discount = SIM_AMOUNT_OFF * used;
		}
		out[arm].conversion = conv;
		out[arm].paid = amount - discount;
		out[arm].profit = SIM_GROSS_MARGIN * amount - discount;
	}
}

void sim_truth_header(FILE *fp)
{
	static const char *const what[] = {"revenue", "profit", "conversion"};

	fputs("user_id", fp);
	for (size_t w = 0; w < 3; w++)
		for (size_t arm = 1; arm < SIM_ARMS; arm++)
			fprintf(fp, ",effect_%s_%s", what[w], uplift_sim_arm_names[arm]);
	fputc('\n', fp);
}

void sim_truth_row(FILE *fp, const char *id, const struct sim_expect e[SIM_ARMS])
{
	fputs(id, fp);
	for (size_t arm = 1; arm < SIM_ARMS; arm++)
		fprintf(fp, ",%.9g", e[arm].paid - e[0].paid);
	for (size_t arm = 1; arm < SIM_ARMS; arm++)
		fprintf(fp, ",%.9g", e[arm].profit - e[0].profit);
	for (size_t arm = 1; arm < SIM_ARMS; arm++)
		fprintf(fp, ",%.9g", e[arm].conversion - e[0].conversion);
	fputc('\n', fp);
}
