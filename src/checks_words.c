/*
 * checks_words.c - the sentences of the data checks (uplift_checks_words in
 * uplift_checks.h), in English and Chinese: what is wrong, how many rows
 * out of how many, the first lines, and what to check. Every writer (JSON,
 * the tables, CSV, report.md, validate) words a data check here, with the
 * names escaped its own way beforehand, so that all of them say the same.
 */
#include "uplift_checks.h"
#include "uplift_experiment.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

/* Append to buf (of size, used *len) as printf; cut at a whole UTF-8 character. */
static void add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < size - *len) {
		*len += (size_t)n;
		return;
	}
	*len = size - 1;
	{
		/* the last character's lead byte, and whether all of it is there */
		size_t i = *len;
		unsigned char c;
		size_t want;

		while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
			i--;
		if (i == 0)
			return;
		c = (unsigned char)buf[i - 1];
		want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		if (i - 1 + want > *len)
			buf[i - 1] = '\0';
	}
	/* *len stays size - 1: nothing more is added after a cut */
}

/* A count with thousands separated: 4,012. */
static const char *count(char *b, size_t n, uint64_t v)
{
	return uplift_numfmt_grouped(b, n, (double)v, 0, 0);
}

/* "orders.csv lines 118, 245" / "orders.csv 第 118、245 行" (file NULL: without it). */
static void lines(char *buf, size_t size, size_t *len, const struct uplift_check *k,
		  const char *file, bool zh)
{
	size_t m = 0;

	for (int i = 0; i < UPLIFT_CHECK_EXAMPLES; i++)
		m += k->example[i] > 0;
	if (file)
		add(buf, size, len, zh ? "%s " : "%s ", file);
	if (zh)
		add(buf, size, len, "第 ");
	else
		add(buf, size, len, m == 1 ? "line " : "lines ");
	for (int i = 0, j = 0; i < UPLIFT_CHECK_EXAMPLES; i++) {
		if (k->example[i] <= 0)
			continue;
		add(buf, size, len, "%s%ld", j++ ? (zh ? "、" : ", ") : "", k->example[i]);
	}
	if (zh)
		add(buf, size, len, " 行");
}

/* The arm's declared coupon, "20% off" / "15 off" (zh "8 折" style "20% 折扣" / "减 15"). */
static void declared(char *buf, size_t size, size_t *len, const struct uplift_arm_def *def, bool zh)
{
	if (!def)
		add(buf, size, len, zh ? "声明的券" : "the declared coupon");
	else if (def->percent_off > 0)
		add(buf, size, len, zh ? "声明的 %g%% 折扣" : "the declared %g%% off",
		    def->percent_off);
	else
		add(buf, size, len, zh ? "声明的减 %g " : "the declared %g off", def->amount_off);
}

static void words_en(char *b, size_t size, size_t *len, const struct uplift_check *k,
		     const struct uplift_arm_def *def, const char *arm, const char *names)
{
	char c[32], o[32];

	count(c, sizeof(c), k->count);
	count(o, sizeof(o), k->of);
	switch (k->code) {
	case UPLIFT_CHECK_CONTROL_DISCOUNT:
		add(b, size, len, "%s: %s of %s orders in the window carry a discount (", arm, c,
		    o);
		lines(b, size, len, k, k->file, false);
		add(b, size, len,
		    "): the control group should get no coupon; check who "
		    "received the coupons before trusting any effect");
		break;
	case UPLIFT_CHECK_DISCOUNT_MISMATCH:
		add(b, size, len, "%s: %s of %s discounted orders differ from ", arm, c, o);
		declared(b, size, len, def, false);
		add(b, size, len, " by more than a cent (");
		lines(b, size, len, k, k->file, false);
		add(b, size, len, "): check %s in experiment.ini against the discount column",
		    def && def->percent_off > 0 ? "percent_off" : "amount_off");
		break;
	case UPLIFT_CHECK_BELOW_MIN_SPEND:
		add(b, size, len, "%s: %s of %s discounted orders are below min_spend", arm, c, o);
		if (def)
			add(b, size, len, " %g", def->min_spend);
		add(b, size, len, " (");
		lines(b, size, len, k, k->file, false);
		add(b, size, len,
		    "): the coupon was redeemed under its threshold; check "
		    "min_spend in experiment.ini and the coupon's rule at the till");
		break;
	case UPLIFT_CHECK_NO_REDEMPTION:
		add(b, size, len,
		    "%s: none of its %s orders in the window carries a discount, though "
		    "experiment.ini declares a coupon: check that the coupon was sent and that "
		    "the discount column is the right one",
		    arm, o);
		break;
	case UPLIFT_CHECK_MISSING_DISCOUNT:
		add(b, size, len,
		    "experiment.ini declares a coupon for %s arm%s but %s has no discount column: "
		    "the coupon's cost, redemption and profit cannot be computed and are left "
		    "out; incremental revenue and conversion are still reported",
		    c, k->count == 1 ? "" : "s", k->file ? k->file : "the data");
		if (k->gross)
			add(b, size, len,
			    " (revenue is the order amount before any discount, which overstates "
			    "what the coupon arms' customers paid: map the paid value in "
			    "[columns], "
			    "paid = HEADER)");
		break;
	case UPLIFT_CHECK_IGNORED_COLUMNS:
		add(b, size, len,
		    "%s: %s column%s not used (%s): uplift reads user_id, orders, revenue, "
		    "discount, converted and repurchased; map a column to one of them in "
		    "[columns]",
		    k->file ? k->file : "outcomes.csv", c, k->count == 1 ? "" : "s",
		    names ? names : "");
		break;
	case UPLIFT_CHECK_INCONSISTENT_OUTCOME:
		add(b, size, len,
		    "%s: %s of %s rows contradict themselves (converted 0 with revenue, orders or "
		    "a discount above 0, or repurchased without converted; ",
		    k->file ? k->file : "outcomes.csv", c, o);
		lines(b, size, len, k, NULL, false);
		add(b, size, len, "): check how the export computes these columns");
		break;
	default:
		break;
	}
}

static void words_zh(char *b, size_t size, size_t *len, const struct uplift_check *k,
		     const struct uplift_arm_def *def, const char *arm, const char *names)
{
	char c[32], o[32];

	count(c, sizeof(c), k->count);
	count(o, sizeof(o), k->of);
	switch (k->code) {
	case UPLIFT_CHECK_CONTROL_DISCOUNT:
		add(b, size, len, "对照组（%s）有 %s 笔订单使用了优惠（活动期内共 %s 笔订单；", arm,
		    c, o);
		lines(b, size, len, k, k->file, true);
		add(b, size, len, "）：对照组不应收到券，请先核对发券名单，再解读任何效果");
		break;
	case UPLIFT_CHECK_DISCOUNT_MISMATCH:
		add(b, size, len, "%s 有 %s 笔使用优惠的订单（共 %s 笔）优惠金额与", arm, c, o);
		declared(b, size, len, def, true);
		add(b, size, len, "相差超过 1 分（");
		lines(b, size, len, k, k->file, true);
		add(b, size, len, "）：请核对 `experiment.ini` 的 %s 与优惠金额列",
		    def && def->percent_off > 0 ? "`percent_off`" : "`amount_off`");
		break;
	case UPLIFT_CHECK_BELOW_MIN_SPEND:
		add(b, size, len, "%s 有 %s 笔使用优惠的订单（共 %s 笔）金额低于门槛", arm, c, o);
		if (def)
			add(b, size, len, " %g", def->min_spend);
		add(b, size, len, "（");
		lines(b, size, len, k, k->file, true);
		add(b, size, len,
		    "）：券在门槛以下被使用，请核对 `experiment.ini` 的 `min_spend` 与收银的用券规则");
		break;
	case UPLIFT_CHECK_NO_REDEMPTION:
		add(b, size, len,
		    "%s 活动期内的 %s 笔订单都没有使用优惠，但 `experiment.ini` 为它声明了券：请确认"
		    "券已发出、优惠金额列无误",
		    arm, o);
		break;
	case UPLIFT_CHECK_MISSING_DISCOUNT:
		add(b, size, len,
		    "`experiment.ini` 为 %s 个组声明了券，但 %s 没有优惠金额列（`discount`）：无法计算"
		    "券成本、核销率与毛利，因此不报告；增量收入与转化率照常报告",
		    c, k->file ? k->file : "数据");
		if (k->gross)
			add(b, size, len,
			    "（收入按折前订单金额计算，会高估券组顾客的实付：请在 `[columns]` 中映射"
			    "实付金额，`paid = 列名`）");
		break;
	case UPLIFT_CHECK_IGNORED_COLUMNS:
		add(b, size, len,
		    "%s 有 %s 列未被使用（%s）：本工具只读取 `user_id`、`orders`、`revenue`、`discount`、"
		    "`converted` 与 `repurchased` 列，可在 `[columns]` 中把列映射到其中之一",
		    k->file ? k->file : "outcomes.csv", c, names ? names : "");
		break;
	case UPLIFT_CHECK_INCONSISTENT_OUTCOME:
		add(b, size, len,
		    "%s 有 %s 行（共 %s 行）自相矛盾（`converted` 为 0 却有收入、订单或优惠，或 "
		    "`repurchased` 为 1 而 `converted` 为 0；",
		    k->file ? k->file : "outcomes.csv", c, o);
		lines(b, size, len, k, NULL, true);
		add(b, size, len, "）：请核对导出时这些列是如何计算的");
		break;
	default:
		break;
	}
}

const char *uplift_checks_words(const struct uplift_check *k, const struct uplift_experiment *exp,
				const char *arm, const char *names, bool zh, char *buf, size_t size)
{
	const struct uplift_arm_def *def = NULL;
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (exp && k->arm >= 0 && (size_t)k->arm < exp->n_arms)
		def = &exp->arms[k->arm];
	if (!arm)
		arm = def ? def->name : "?";
	if (zh)
		words_zh(buf, size, &len, k, def, arm, names);
	else
		words_en(buf, size, &len, k, def, arm, names);
	return buf;
}
