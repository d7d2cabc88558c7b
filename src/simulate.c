/*
 * simulate.c - the seeded experiment generator (see uplift_simulate.h).
 *
 * The model, per member:
 *   weekly purchase rate  a mixture: regulars (a daily coffee habit) with
 *                         lambda ~ Gamma(4, 2.5/4), mean 2.5 a week, and
 *                         occasional buyers with lambda ~ Gamma(0.5, s); the
 *                         share of regulars and s are set so that each group
 *                         brings half the control arm's expected weekly
 *                         conversion (E[1 - exp(-lambda)] = weekly_conversion,
 *                         using E[exp(-lambda)] = (1 + scale)^-shape). Habits
 *                         persist, so the pre-period predicts the window
 *                         (which is what CUPED exploits);
 *   typical basket        m ~ LogNormal(log 36, 0.35); an order is
 *                         m * LogNormal(0, 0.30), rounded to 0.5 yuan;
 *   history               Poisson(lambda / 7) orders a day over the 120 days
 *                         before the window (rate drifting by +-30%), and
 *                         15% of members joined within the last 45 days.
 * In the window the arm scales lambda, differently by typical basket (the
 * CRM's spend_level tag: 高客单 when m >= 36, else 低客单), so that the
 * coupons' effects differ by segment with a known best arm:
 *   8折券    1 + (rate_8 - 1) * 1.5 for 低客单, * 0.5 for 高客单;
 *   满80减15 1 + (rate_80 - 1) * 0.2 for 低客单, * 1.8 for 高客单.
 * The first order of a treated member uses the coupon: 20% off any order, or
 * 15 off an order of 80 or more (a 60-80 basket is topped up to 80-95 with
 * probability topup). The export also holds the week before the window,
 * three days after it, and orders of walk-in guests who are not members.
 *
 * With hetero, assignments.csv has one more column, age (18-65, uniform),
 * and the arms' effects depend on three member features, two at a time, so
 * that no one column tells who gains (HETERO_SCALE = 3, HETERO_AGE = 40):
 *   8折券    1 + (rate_8 - 1) * 3 for members under 40 reached by 小程序
 *            or App (channel and age), no change (1) for everyone else;
 *   满80减15 1 + (rate_80 - 1) * 3 for 高客单 members aged 40 or more
 *            (spend_level and age), no change for everyone else.
 * A coupon that does not change a member's purchases still costs its
 * discount. The draws of the default model are unchanged by it (age is
 * drawn only with hetero), so without it the files are the same bytes.
 *
 * The truth file (opt->truth) holds, per member, the expected effect of
 * each arm over control on revenue (paid), profit and conversion over the
 * window, from the member's lambda, m and the arms' rates in closed form
 * (simulate_truth.c): what a perfect model of the member would predict,
 * not what the draws gave.
 */
#include "simulate_internal.h"
#include "uplift_atomic.h"
#include "uplift_date.h"
#include "uplift_stats.h"

#include <errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HISTORY_DAYS 120
#define REGULAR_RATE 2.5 /* mean weekly purchases of a regular */
#define HETERO_SCALE 3   /* the responders' share of the rate effects, with hetero */
#define HETERO_AGE   40  /* with hetero, 8折券 works below this age, 满80减15 from it */

static const char *const channels[] = {"企业微信", "小程序", "App", "短信"};
static const double channel_p[] = {0.40, 0.35, 0.15, 0.10};

void uplift_simulate_defaults(struct uplift_simulate_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->users = 30000;
	opt->seed = 47;
	opt->start = uplift_date_from_civil(2026, 11, 16);
	opt->days = 7;
	opt->rate_8 = 1.50;
	opt->rate_80 = 1.30;
	opt->topup = 0.35;
	opt->weekly_conversion = 0.10;
	opt->history = true;
	opt->name = "T咖啡 会员发券 2026-W47";
}

#define AFTER_DAYS  3 /* the export holds three days after the window */
#define BEFORE_DAYS 7 /* and the week before it */

/* The days of orders after the window: three, or the post period. */
static int after_days(const struct uplift_simulate_options *opt)
{
	return opt->post_days > AFTER_DAYS ? opt->post_days : AFTER_DAYS;
}

enum uplift_status uplift_simulate_check(const struct uplift_simulate_options *opt,
					 struct uplift_error *err)
{
	long first = uplift_date_from_civil(1900, 1, 1),
	     last = uplift_date_from_civil(9999, 12, 31);
	long from = opt->start - (opt->history ? HISTORY_DAYS : BEFORE_DAYS);
	char a[16], b[16];

	if (opt->users < UPLIFT_SIM_MIN_USERS || opt->users > UPLIFT_SIM_MAX_USERS)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--users must be a whole number from %d to %d",
					UPLIFT_SIM_MIN_USERS, UPLIFT_SIM_MAX_USERS);
	if (opt->days < 1 || opt->days > UPLIFT_SIM_MAX_DAYS)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--days must be a whole number from 1 to %d",
					UPLIFT_SIM_MAX_DAYS);
	if (!(opt->rate_8 >= 0 && opt->rate_8 <= UPLIFT_SIM_MAX_RATE) ||
	    !(opt->rate_80 >= 0 && opt->rate_80 <= UPLIFT_SIM_MAX_RATE))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--rate-8 and --rate-80 must be from 0 to %d",
					UPLIFT_SIM_MAX_RATE);
	if (!(opt->topup >= 0 && opt->topup <= 1))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--topup must be in [0, 1]");
	if (!(opt->weekly_conversion >= 0.001 &&
	      opt->weekly_conversion <= UPLIFT_SIM_MAX_CONVERSION))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--conversion must be from 0.001 to %g",
					UPLIFT_SIM_MAX_CONVERSION);
	if (from < first)
		return uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "--start %s: the %s begins %d days before it, before 1900-01-01, the "
		    "first date uplift reads",
		    uplift_date_format(opt->start, a), opt->history ? "history" : "order export",
		    opt->history ? HISTORY_DAYS : BEFORE_DAYS);
	if (opt->post_days < 0 || opt->post_days > 365)
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--post-days must be a whole number from 1 to 365");
	if (!(opt->pull_forward >= 0 && opt->pull_forward <= 1))
		return uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					"--pull-forward must be in [0, 1]");
	if (opt->start > last - (opt->days - 1) - after_days(opt))
		return uplift_error_set(
		    err, UPLIFT_EINPUT, NULL, 0, NULL,
		    "--start %s with --days %d: the orders run to %d days after the window, "
		    "past 9999-12-31, the last date uplift reads (latest start: %s)",
		    uplift_date_format(opt->start, a), opt->days, after_days(opt),
		    uplift_date_format(last - (opt->days - 1) - after_days(opt), b));
	return UPLIFT_OK;
}

/* One order at a random time of day on `day`. */
static void write_order(FILE *fp, const char *user, long day, gsl_rng *r, double amount,
			double discount)
{
	char date[16];
	unsigned secs = (unsigned)(7 * 3600 + gsl_rng_uniform_int(r, 15 * 3600));

	fprintf(fp, "%s,%s %02u:%02u:%02u,%.2f,%.2f\n", user, uplift_date_format(day, date),
		secs / 3600, secs / 60 % 60, secs % 60, amount, discount);
}

static double basket(gsl_rng *r, double m)
{
	return fmax(6, round(2 * m * gsl_ran_lognormal(r, 0, 0.30)) / 2);
}

/* RFM type the CRM would tag, from the member's own history (fixed cut-offs). */
static const char *crm_rfm(long recency, unsigned freq, double monetary)
{
	static const char *const names[8] = {
	    "一般挽留客户", "重要挽留客户", "一般保持客户", "重要保持客户",
	    "一般发展客户", "重要发展客户", "一般价值客户", "重要价值客户",
	};
	int r = recency <= 30, f = freq >= 3, m = monetary >= 120;

	if (freq == 0)
		return "无消费记录";
	return names[r * 4 + f * 2 + m];
}

static const char *crm_stage(long recency, unsigned freq, long first_age)
{
	if (freq == 0)
		return "潜在用户";
	if (recency > 60)
		return "休眠用户";
	if (freq >= 5)
		return "忠实用户";
	if (first_age <= 30)
		return "新用户";
	return "活跃用户";
}

/*
 * The window's purchase-rate multiplier of arm for a member (pull-forward
 * aside): a rate below 1/3 or 4/9 stops buying.
 */
static double arm_rate(const struct uplift_simulate_options *opt, size_t arm, bool high_spend,
		       size_t ch, int age)
{
	double k;

	if (arm == 0)
		return 1;
	if (opt->hetero) {
		bool digital = ch == 1 || ch == 2; /* 小程序, App */
		k = arm == 1 ? (digital && age < HETERO_AGE ? HETERO_SCALE : 0)
			     : (high_spend && age >= HETERO_AGE ? HETERO_SCALE : 0);
	} else {
		k = arm == 1 ? (high_spend ? 0.5 : 1.5) : (high_spend ? 1.8 : 0.2);
	}
	return fmax(0, 1 + ((arm == 1 ? opt->rate_8 : opt->rate_80) - 1) * k);
}

static bool same_folder(const char *a, const char *b)
{
	struct stat sa, sb;

	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return strcmp(a, b) == 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Open the truth file, opt->truth, which must not be one of dir's files. */
static bool open_truth(struct uplift_atomic *f, const char *dir, const char *path,
		       struct uplift_error *err)
{
	static const char *const ours[] = {"experiment.ini", "assignments.csv", "orders.csv",
					   "history.csv"};
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	char folder[4096];
	size_t n = slash ? (size_t)(slash - path) : 0;
	struct stat st;

	if (!*name || n >= sizeof(folder)) {
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "--truth %s: expected the path of a file", path);
		return false;
	}
	if (!slash)
		strcpy(folder, ".");
	else if (n == 0)
		strcpy(folder, "/");
	else {
		memcpy(folder, path, n);
		folder[n] = '\0';
	}
	if (stat(folder, &st) != 0 || !S_ISDIR(st.st_mode)) {
		const char *why = stat(folder, &st) != 0 ? strerror(errno) : "not a folder";
		uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
				 "--truth %s: cannot write there: %s", path, why);
		return false;
	}
	for (size_t i = 0; i < sizeof(ours) / sizeof(*ours); i++)
		if (strcmp(name, ours[i]) == 0 && same_folder(folder, dir)) {
			uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					 "--truth %s: that is the experiment's own %s", path,
					 ours[i]);
			return false;
		}
	return uplift_atomic_open(f, folder, name, err);
}

static void write_ini(FILE *fp, const struct uplift_simulate_options *opt)
{
	char start[16], end[16], post[40] = "";

	if (opt->post_days)
		snprintf(post, sizeof(post), "post_days = %d\n", opt->post_days);
	fprintf(fp,
		"; generated by: uplift simulate --users %llu --seed %llu%s\n"
		"[experiment]\nname    = %s\ncontrol = control\nstart   = %s\nend     = %s\n"
		"alpha   = 0.05\n%s\n"
		"[arm control]\nweight = 1\nlabel  = 不触达\n\n"
		"[arm 8折券]\nweight      = 1\npercent_off = 20\n\n"
		"[arm 满80减15]\nweight     = 1\nmin_spend  = 80\namount_off = 15\n\n"
		"[economics]\ngross_margin = 0.6\n",
		(unsigned long long)opt->users, (unsigned long long)opt->seed,
		opt->hetero ? " --hetero" : "", opt->name, uplift_date_format(opt->start, start),
		uplift_date_format(opt->start + opt->days - 1, end), post);
}

enum uplift_status uplift_simulate(const char *dir, const struct uplift_simulate_options *opt,
				   struct uplift_error *err)
{
	struct uplift_atomic ini = {0}, asg = {0}, ord = {0}, his = {0}, tru = {0};
	gsl_rng *r;
	double c = opt->weekly_conversion;
	double conv_regular = 1 - pow(1 + REGULAR_RATE / 4, -4);
	double share_regular = fmin(0.5, c / 2 / conv_regular);
	/* occasional: 1 - (1 + s)^-0.5 = (c - share * conv_regular) / (1 - share) */
	double conv_occasional = (c - share_regular * conv_regular) / (1 - share_regular);
	double scale = pow(1 - conv_occasional, -2) - 1;
	long export_from = opt->start - BEFORE_DAYS,
	     export_to = opt->start + opt->days - 1 + after_days(opt);
	uint64_t per_arm[3] = {0};
	bool ok = false;

	uplift_stats_init(); /* GSL must not abort */
	if (uplift_simulate_check(opt, err))
		return err->status;
	if (!(r = gsl_rng_alloc(gsl_rng_mt19937)))
		return uplift_error_set(err, UPLIFT_ENOMEM, NULL, 0, NULL, "out of memory");
	gsl_rng_set(r, (unsigned long)opt->seed);
	if (!uplift_atomic_open(&ini, dir, "experiment.ini", err) ||
	    !uplift_atomic_open(&asg, dir, "assignments.csv", err) ||
	    !uplift_atomic_open(&ord, dir, "orders.csv", err) ||
	    (opt->history && !uplift_atomic_open(&his, dir, "history.csv", err)) ||
	    (opt->truth && !open_truth(&tru, dir, opt->truth, err)))
		goto done;

	write_ini(ini.fp, opt);
	fputs(opt->hetero ? "user_id,arm,channel,rfm_type,member_stage,spend_level,age\n"
			  : "user_id,arm,channel,rfm_type,member_stage,spend_level\n",
	      asg.fp);
	fputs("user_id,order_time,amount,discount\n", ord.fp);
	if (opt->history)
		fputs("user_id,order_time,amount,discount\n", his.fp);
	if (opt->truth)
		sim_truth_header(tru.fp);

	for (uint64_t i = 0; i < opt->users; i++) {
		char id[32];
		double lambda = gsl_rng_uniform(r) < share_regular
				    ? gsl_ran_gamma(r, 4, REGULAR_RATE / 4)
				    : gsl_ran_gamma(r, 0.5, scale);
		double m = 36 * gsl_ran_lognormal(r, 0, 0.35);
		bool high_spend = m >= 36;
		size_t arm = gsl_rng_uniform_int(r, 3);
		per_arm[arm]++;
		double u = gsl_rng_uniform(r), acc = 0;
		size_t ch = 0;
		long joined = opt->start - 1 -
			      (gsl_rng_uniform(r) < 0.15 ? (long)gsl_rng_uniform_int(r, 45)
							 : HISTORY_DAYS + 365);
		long last = 0, first = 0;
		unsigned freq = 0;
		double monetary = 0, mult;
		bool coupon_used = false;
		int age = opt->hetero ? 18 + (int)gsl_rng_uniform_int(r, 48) : 0;

		while (ch < 3 && u > (acc += channel_p[ch]))
			ch++;
		snprintf(id, sizeof(id), "M%08llu", (unsigned long long)(i + 1));

		/* history: the 120 days before the window, and the export's first week */
		for (long day = opt->start - HISTORY_DAYS; day < opt->start; day++) {
			double drift = 1 + 0.3 * sin((double)(day + (long)i) / 17.0);
			unsigned k;
			if (day < joined)
				continue;
			k = gsl_ran_poisson(r, lambda / 7 * drift);
			for (unsigned j = 0; j < k; j++) {
				double a = basket(r, m);
				if (opt->history)
					write_order(his.fp, id, day, r, a, 0);
				if (day >= export_from)
					write_order(ord.fp, id, day, r, a, 0);
				if (freq == 0)
					first = day;
				last = day;
				freq++;
				monetary += a;
			}
		}
		fprintf(asg.fp, "%s,%s,%s,%s,%s,%s", id, uplift_sim_arm_names[arm], channels[ch],
			crm_rfm(opt->start - 1 - last, freq, monetary),
			crm_stage(opt->start - 1 - last, freq, opt->start - 1 - first),
			high_spend ? "高客单" : "低客单");
		if (opt->hetero)
			fprintf(asg.fp, ",%d", age);
		fputc('\n', asg.fp);

		/* the window, and three days after it */
		mult = arm_rate(opt, arm, high_spend, ch, age);
		if (opt->truth) {
			struct sim_expect e[SIM_ARMS];
			double rate[SIM_ARMS];
			for (size_t a = 0; a < SIM_ARMS; a++)
				rate[a] = arm_rate(opt, a, high_spend, ch, age) +
					  (a != 0 ? opt->pull_forward : 0);
			sim_expect(lambda, m, rate, opt->days, opt->topup, e);
			sim_truth_row(tru.fp, id, e);
		}
		for (long day = opt->start; day <= export_to; day++) {
			bool in = day < opt->start + opt->days;
			/* pull-forward: the coupon arms buy in the window what they
			 * would have bought in the as many days after it */
			double pf = arm != 0 ? opt->pull_forward : 0;
			bool paid_back = !in && day < opt->start + 2 * opt->days;
			unsigned k = gsl_ran_poisson(
			    r, lambda / 7 * (in ? mult + pf : paid_back ? 1.0 - pf : 1.0));
			for (unsigned j = 0; j < k; j++) {
				double a = basket(r, m), d = 0;
				if (in && !coupon_used && arm == 1) {
					d = round(a * 20) / 100;
					coupon_used = true;
				} else if (in && !coupon_used && arm == 2) {
					if (a >= 60 && a < 80 && gsl_rng_uniform(r) < opt->topup)
						a = 80 + round(2 * 15 * gsl_rng_uniform(r)) / 2;
					if (a >= 80) {
						d = 15;
						coupon_used = true;
					}
				}
				write_order(ord.fp, id, day, r, a, d);
			}
		}
		/* walk-in guests who are not members: about one order per 50 members */
		if (gsl_rng_uniform(r) < 0.02) {
			char guest[32];
			snprintf(guest, sizeof(guest), "G%08llu", (unsigned long long)(i + 1));
			write_order(ord.fp, guest,
				    export_from +
					(long)gsl_rng_uniform_int(
					    r, (unsigned long)(export_to - export_from + 1)),
				    r, basket(r, 36), 0);
		}
	}
	ok = true;
	for (size_t a = 0; a < 3; a++)
		if (per_arm[a] == 0) { /* analyze refuses an arm without users */
			uplift_error_set(err, UPLIFT_EINPUT, NULL, 0, NULL,
					 "--users %llu with --seed %llu leaves arm '%s' without "
					 "users: use more users",
					 (unsigned long long)opt->users,
					 (unsigned long long)opt->seed, uplift_sim_arm_names[a]);
			ok = false;
			break;
		}
done:
	ok = uplift_atomic_close(&ini, ok, err) && ok;
	ok = uplift_atomic_close(&asg, ok, err) && ok;
	ok = uplift_atomic_close(&ord, ok, err) && ok;
	if (opt->history)
		ok = uplift_atomic_close(&his, ok, err) && ok;
	if (opt->truth)
		ok = uplift_atomic_close(&tru, ok, err) && ok;
	gsl_rng_free(r);
	return ok ? UPLIFT_OK : err->status;
}
