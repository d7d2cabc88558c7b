/*
 * column_synonyms.c - which of uplift's columns an export's header stands
 * for: the headers POS, CRM and spreadsheet exports use, in Chinese and in
 * English, for "uplift init" to write the [columns] section.
 *
 * A header is compared in a normal form: ASCII letters in lower case,
 * blanks (ASCII and the ideographic space), '_', '-' and '.' dropped, and
 * a trailing unit in brackets cut ("实付金额(元)", "Amount (RMB)"). Each
 * column's synonyms are listed best first: when two headers of one file
 * stand for the same column, the earlier synonym wins.
 */
#include "uplift_init.h"

#include <string.h>

/* The synonyms of each column, in normal form, best first. */
static const char *const synonyms[UPLIFT_N_COLUMN_NAMES][24] = {
    [UPLIFT_COL_USER_ID] = {"userid", "会员id", "会员编号", "用户id", "customerid", "memberid",
			    "会员号", "会员卡号", "用户编号", "客户id", "客户编号", "顾客id", "uid",
			    "customer", "user"},
    [UPLIFT_COL_ARM] = {"arm", "分组", "实验组", "组别", "group", "variant", "实验分组",
			"treatment", "bucket", "分桶", "experimentgroup", "testgroup", "abgroup",
			"组", "策略"},
    [UPLIFT_COL_ORDER_TIME] =
	{"ordertime",       "下单时间",   "订单时间", "支付时间", "orderdate",    "createdat",
	 "付款时间",        "交易时间",   "下单日期", "订单日期", "创建时间",     "消费时间",
	 "orderdatetime",   "createtime", "paytime",  "paidat",   "purchasetime", "purchasedate",
	 "transactiontime", "datetime",   "date",     "time",     "日期",         "时间"},
    [UPLIFT_COL_AMOUNT] = {"amount", "订单金额", "原价", "应付金额", "订单原价", "商品金额",
			   "原价金额", "orderamount", "grossamount", "subtotal", "ordervalue",
			   "totalamount", "总金额", "应收金额"},
    [UPLIFT_COL_PAID] = {"paid", "实付金额", "实收金额", "支付金额", "paidamount", "付款金额",
			 "实付", "实收", "实付款", "amountpaid", "netamount", "payamount",
			 "payment"},
    [UPLIFT_COL_DISCOUNT] = {"discount", "优惠金额", "券抵扣", "折扣金额", "discountamount",
			     "优惠券金额", "券抵扣金额", "抵扣金额", "券金额", "优惠",
			     "couponamount", "coupondiscount"},
    [UPLIFT_COL_ORDER_ID] = {"orderid", "订单号", "订单编号", "订单id", "orderno", "ordernumber",
			     "单号", "流水号", "交易号", "transactionid"},
    [UPLIFT_COL_ORDERS] = {"orders", "订单数", "下单次数", "购买次数", "订单量", "ordercount",
			   "norders", "numorders", "purchases", "消费次数"},
    [UPLIFT_COL_REVENUE] = {"revenue", "收入", "实付总额", "消费金额", "销售额", "营收", "spend",
			    "sales", "gmv", "totalpaid", "totalspend"},
    [UPLIFT_COL_CONVERTED] = {"converted", "是否购买", "是否下单", "是否转化", "转化", "已购买",
			      "conversion", "purchased", "bought", "isconverted"},
    [UPLIFT_COL_REPURCHASED] = {"repurchased", "是否复购", "复购", "repurchase", "isrepurchased"},
};

/* The columns each kind of file holds. */
static bool applies(enum uplift_column_name c, enum uplift_file_kind kind)
{
	switch (kind) {
	case UPLIFT_FILE_ASSIGNMENTS:
		return c == UPLIFT_COL_USER_ID || c == UPLIFT_COL_ARM;
	case UPLIFT_FILE_ORDERS:
		return c == UPLIFT_COL_USER_ID || c == UPLIFT_COL_ORDER_TIME ||
		       c == UPLIFT_COL_AMOUNT || c == UPLIFT_COL_PAID || c == UPLIFT_COL_DISCOUNT ||
		       c == UPLIFT_COL_ORDER_ID;
	default:
		return c == UPLIFT_COL_USER_ID || c == UPLIFT_COL_ORDERS ||
		       c == UPLIFT_COL_REVENUE || c == UPLIFT_COL_DISCOUNT ||
		       c == UPLIFT_COL_CONVERTED || c == UPLIFT_COL_REPURCHASED;
	}
}

bool uplift_column_synonyms_normal(const char *header, char *out, size_t size)
{
	size_t n = 0, len = strlen(header);
	const char *open;

	/* a unit in brackets at the end: "(元)", "（元）" */
	if (len >= 3 && memcmp(header + len - 3, "\xEF\xBC\x89", 3) == 0 &&
	    (open = strstr(header, "\xEF\xBC\x88")) && open > header)
		len = (size_t)(open - header);
	else if (len >= 1 && header[len - 1] == ')' && (open = strchr(header, '(')) &&
		 open > header)
		len = (size_t)(open - header);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)header[i];
		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '.')
			continue;
		if (c == 0xE3 && i + 2 < len && (unsigned char)header[i + 1] == 0x80 &&
		    (unsigned char)header[i + 2] == 0x80) { /* U+3000 */
			i += 2;
			continue;
		}
		if (n + 1 >= size)
			return false;
		out[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[n] = '\0';
	return n > 0;
}

int uplift_column_synonyms_find(const char *header, enum uplift_file_kind kind, int *rank)
{
	char norm[128];

	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++)
		if (applies((enum uplift_column_name)c, kind) &&
		    strcmp(header, uplift_columns_name((enum uplift_column_name)c)) == 0) {
			if (rank)
				*rank = 0;
			return c;
		}
	if (!uplift_column_synonyms_normal(header, norm, sizeof(norm)))
		return -1;
	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++) {
		if (!applies((enum uplift_column_name)c, kind))
			continue;
		for (int k = 0; k < 24 && synonyms[c][k]; k++)
			if (strcmp(norm, synonyms[c][k]) == 0) {
				if (rank)
					*rank = k + 1;
				return c;
			}
	}
	return -1;
}
