/*
 * init_write.c - the text of the experiment.ini that "uplift init" writes
 * (uplift_init_write), and the file itself (uplift_init_create).
 *
 * Every value is either one experiment.ini reads back as it was found or
 * not written at all: an arm name is checked by the scan, a header or a
 * name that the dialect cannot hold (uplift_init_value_ok) becomes a
 * comment saying why. Text from the data inside comments goes through
 * uplift_escape_text, so no line end or control character can start a
 * line of its own. Every guess says so in its comment.
 */
#include "numfmt.h"
#include "uplift_atomic.h"
#include "uplift_date.h"
#include "uplift_escape.h"
#include "uplift_init.h"

#include <math.h>
#include <string.h>

/* s escaped for a comment, into buf. */
static const char *esc(const char *s, char *buf, size_t size)
{
	return uplift_escape_text(s, buf, size);
}

static const char *count(uint64_t n, char *buf, size_t size)
{
	return uplift_numfmt_grouped(buf, size, (double)n, 0, 0);
}

/* A number as the ini takes it: 20, 12.5, 0.01. */
static const char *num(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.10g", round(v * 100) / 100);
	return buf;
}

/* ---- [experiment] ------------------------------------------------------------ */

static void write_window(const struct uplift_init *in, FILE *fp)
{
	char a[16], b[16], c[16], d[16];
	bool outcomes =
	    in->file[UPLIFT_INIT_OUTCOMES].present && !in->file[UPLIFT_INIT_ORDERS].present;

	if (outcomes) {
		fputs("; start = YYYY-MM-DD   ; optional with outcomes.csv (it has no dates): the\n"
		      "; end   = YYYY-MM-DD   ; days of the test, for the report's title\n",
		      fp);
		return;
	}
	if (in->has_discounts) {
		fprintf(fp, "start   = %s   ; the first day with a discount (orders from %s)\n",
			uplift_date_format(in->first_discount, a),
			uplift_date_format(in->first_order, c));
		fprintf(fp, "end     = %s   ; the last day with a discount (orders until %s)\n",
			uplift_date_format(in->last_discount, b),
			uplift_date_format(in->last_order, d));
	} else if (in->has_orders) {
		fprintf(fp, "start   = %s   ; the first day of an order in orders.csv: check\n",
			uplift_date_format(in->first_order, a));
		fprintf(fp, "end     = %s   ; the last day of an order in orders.csv: check\n",
			uplift_date_format(in->last_order, b));
	} else {
		fputs(
		    "; start = YYYY-MM-DD   ; no order dates were read: the first day of the test\n"
		    "; end   = YYYY-MM-DD   ; and its last day, both inclusive\n",
		    fp);
	}
}

static void write_experiment(const struct uplift_init *in, FILE *fp)
{
	static const char *const how[] = {"given with --control", "recognised by its name",
					  "NOT recognised by its name: the first arm, check it"};
	char shown[1024];

	fputs("[experiment]\n", fp);
	if (uplift_init_value_ok(in->name))
		fprintf(fp, "name    = %s\n", in->name);
	else
		fprintf(fp,
			"; name = %s   ; the folder's name cannot be written here as it is "
			"(analyze uses it anyway)\n",
			esc(in->name, shown, sizeof(shown)));
	fprintf(fp, "control = %s   ; %s\n", in->arms[0].name, how[in->control_how]);
	write_window(in, fp);
	fputs("; alpha = 0.05         ; optional: the significance level (default 0.05)\n", fp);
}

/* ---- [columns] --------------------------------------------------------------- */

/* The header of column c in file f, or NULL. */
static const char *header_of(const struct uplift_init_file *f, int c)
{
	return f->present && f->col[c] >= 0 ? f->header[f->col[c]] : NULL;
}

static const char *mapped(const struct uplift_init *in, int c, int *conflict)
{
	return uplift_init_header(in, (enum uplift_column_name)c, conflict);
}

/* Whether [columns] has a line to write: a column held under another header. */
static bool needs_columns(const struct uplift_init *in)
{
	int conflict;

	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++) {
		const char *h = mapped(in, c, &conflict);
		if (h && (strcmp(h, uplift_columns_name((enum uplift_column_name)c)) != 0 ||
			  conflict >= 0))
			return true;
	}
	return false;
}

/* "; FILE: WHAT: a, b, c" for the headers of f that pick(f, i) selects. */
static void list_headers(FILE *fp, const struct uplift_init_file *f, const char *what,
			 bool (*pick)(const struct uplift_init_file *, size_t))
{
	char shown[256];
	size_t n = 0, width = 0;

	for (size_t i = 0; i < f->n_header; i++) {
		if (!pick(f, i))
			continue;
		if (n == 0) {
			fprintf(fp, "; %s: %s: ", f->name, what);
			width = strlen(f->name) + strlen(what) + 6;
		} else if (width > 70) {
			fputs(",\n;   ", fp);
			width = 4;
		} else {
			fputs(", ", fp);
			width += 2;
		}
		esc(f->header[i], shown, sizeof(shown));
		fputs(shown, fp);
		width += strlen(shown);
		n++;
	}
	if (n)
		fputc('\n', fp);
}

static bool unrecognised(const struct uplift_init_file *f, size_t i)
{
	return uplift_column_synonyms_find(f->header[i], f->kind, NULL) < 0;
}

static bool second_choice(const struct uplift_init_file *f, size_t i)
{
	int c = uplift_column_synonyms_find(f->header[i], f->kind, NULL);
	return c >= 0 && f->col[c] != (long)i;
}

static void write_columns(const struct uplift_init *in, FILE *fp)
{
	char shown[512], other[512];
	bool section = needs_columns(in);

	fputs("\n", fp);
	if (section)
		fputs("; which header of your files holds each of uplift's columns (one name for\n"
		      "; every file; a key left out goes by uplift's own name)\n"
		      "[columns]\n",
		      fp);
	else
		fputs("; [columns]: every column uplift reads has uplift's own name in the files,\n"
		      "; nothing to map\n",
		      fp);
	for (int c = 0; c < UPLIFT_N_COLUMN_NAMES; c++) {
		const char *key = uplift_columns_name((enum uplift_column_name)c), *h;
		int conflict;
		if (!(h = mapped(in, c, &conflict)) || (strcmp(h, key) == 0 && conflict < 0))
			continue;
		if (!uplift_init_value_ok(h)) {
			fprintf(
			    fp,
			    "; %-10s = ?   ; the header \"%s\" cannot be written in experiment.ini "
			    "(; = [ ] or blanks at its ends): rename the column\n",
			    key, esc(h, shown, sizeof(shown)));
			continue;
		}
		fprintf(fp, "%-10s = %s", key, h);
		if (c == UPLIFT_COL_AMOUNT)
			fputs("   ; the value before the discount", fp);
		else if (c == UPLIFT_COL_PAID)
			fputs("   ; the value after the discount", fp);
		fputc('\n', fp);
		if (conflict >= 0)
			fprintf(fp,
				";   but %s calls it \"%s\": one header serves every file, rename "
				"one of them\n",
				in->file[conflict].name,
				esc(header_of(&in->file[conflict], c), other, sizeof(other)));
	}
	if (in->negative_rows)
		fprintf(fp,
			"; refunds = net   ; %s order rows have a negative amount (refunds?): "
			"remove the ';' to net them\n",
			count(in->negative_rows, shown, sizeof(shown)));
	for (int k = 0; k < UPLIFT_INIT_N_FILES; k++) {
		const struct uplift_init_file *f = &in->file[k];
		if (!f->present)
			continue;
		list_headers(fp, f, "also looks like a column above, not used", second_choice);
		list_headers(fp, f,
			     f->kind == UPLIFT_FILE_ASSIGNMENTS
				 ? "other columns (segments for --by)"
			     : f->kind == UPLIFT_FILE_OUTCOMES
				 ? "not recognised (ignored unless a [metric] section reads it)"
				 : "not read (ignored)",
			     unrecognised);
	}
}

/* ---- the arms ---------------------------------------------------------------- */

static void write_guess(const struct uplift_init_arm *a, struct uplift_coupon g, FILE *fp)
{
	char n1[32], n2[32], n3[32], n4[32];
	const struct uplift_coupon_obs *o = &a->obs;

	if (g.kind == UPLIFT_COUPON_PERCENT) {
		fprintf(fp,
			"percent_off = %s   ; guessed from the discounts (%s orders, each %s%% of "
			"the amount): check\n",
			num(g.percent_off, n1, sizeof(n1)), count(o->discounted, n2, sizeof(n2)),
			num(g.percent_off, n3, sizeof(n3)));
		return;
	}
	fprintf(fp,
		"min_spend   = %s   ; guessed from the discounts (%s orders with %s off, the "
		"smallest of %s): check\n",
		num(g.min_spend, n1, sizeof(n1)), count(o->discounted, n2, sizeof(n2)),
		num(g.amount_off, n3, sizeof(n3)), num(o->min_amount, n4, sizeof(n4)));
	fprintf(fp, "amount_off  = %s   ; guessed from the discounts: check\n",
		num(g.amount_off, n1, sizeof(n1)));
}

/* The coupon keys as comments, with the values the name suggests (else examples). */
static void write_hints(const struct uplift_init_arm *a, bool has_discount, const char *file,
			FILE *fp)
{
	struct uplift_coupon name = uplift_coupon_guess_from_name(a->name);
	const struct uplift_coupon_obs *o = &a->obs;
	char n1[32], n2[32], n3[32], n4[32], n5[32];
	bool pct = name.kind == UPLIFT_COUPON_PERCENT, thr = name.kind == UPLIFT_COUPON_THRESHOLD;

	fputs("; the coupon (remove the ';' of what applies):\n", fp);
	if (has_discount && o->discounted)
		fprintf(fp,
			";   its orders: %s with a discount, of %s to %s, %s%% to %s%% of the "
			"amount\n",
			count(o->discounted, n1, sizeof(n1)), num(o->min_amount, n2, sizeof(n2)),
			num(o->max_amount, n3, sizeof(n3)), num(100 * o->min_ratio, n4, sizeof(n4)),
			num(100 * o->max_ratio, n5, sizeof(n5)));
	else if (has_discount)
		fputs(";   its orders have no discount at all\n", fp);
	else
		fprintf(fp, ";   %s\n", file);
	fprintf(fp, "; percent_off = %s   ; %s\n", num(pct ? name.percent_off : 20, n1, sizeof(n1)),
		pct ? "from the arm's name" : "e.g. 20% off any order");
	fprintf(fp, "; min_spend   = %s   ; %s\n", num(thr ? name.min_spend : 80, n1, sizeof(n1)),
		thr ? "from the arm's name" : "with amount_off: e.g. 15 off orders of 80 or more");
	fprintf(fp, "; amount_off  = %s\n", num(thr ? name.amount_off : 15, n1, sizeof(n1)));
}

static void write_arms(const struct uplift_init *in, FILE *fp)
{
	const struct uplift_init_file *orders = &in->file[UPLIFT_INIT_ORDERS];
	bool has_discount = orders->present && orders->col[UPLIFT_COL_DISCOUNT] >= 0;
	const struct uplift_init_file *outcomes = &in->file[UPLIFT_INIT_OUTCOMES];
	const char *file = orders->present || !outcomes->present
			       ? "orders.csv has no discount column to check it against"
			   : outcomes->col[UPLIFT_COL_DISCOUNT] >= 0
			       ? "outcomes.csv sums the discounts per user: no order's discount to "
				 "check it against"
			       : "outcomes.csv has no discount column to check it against";
	char n1[32], n2[32];

	fputs("\n; weight: each arm's planned share of the users, relative to the others (1 each:\n"
	      "; equal shares); the sample-ratio check compares the users found with it\n",
	      fp);
	for (size_t i = 0; i < in->n_arms; i++) {
		const struct uplift_init_arm *a = &in->arms[i];
		struct uplift_coupon g = uplift_coupon_guess(&a->obs);
		fprintf(fp, "\n[arm %s]   ; %s user%s\nweight      = 1\n", a->name,
			count(a->users, n1, sizeof(n1)), a->users == 1 ? "" : "s");
		if (i == 0) {
			fprintf(fp, "; label = %s   ; optional: the name reports show for it\n",
				strcmp(a->name, "不触达") == 0 ? "control" : "不触达");
			if (has_discount && a->obs.discounted)
				fprintf(fp,
					"; %s of its orders have a discount: is it the control?\n",
					count(a->obs.discounted, n2, sizeof(n2)));
			continue;
		}
		if (has_discount && g.kind != UPLIFT_COUPON_NONE)
			write_guess(a, g, fp);
		else
			write_hints(a, has_discount, file, fp);
	}
}

void uplift_init_write(const struct uplift_init *in, FILE *fp)
{
	char shown[512];

	fprintf(fp, "; experiment.ini written by uplift init from the files of %s.\n",
		esc(in->name, shown, sizeof(shown)));
	fputs("; Every value is a guess from the data, and says so: check each line, then\n"
	      "; run uplift analyze on the folder. A ';' starts a comment.\n\n",
	      fp);
	write_experiment(in, fp);
	write_columns(in, fp);
	write_arms(in, fp);
	fputs(
	    "\n; [economics]\n"
	    "; gross_margin = 0.6   ; your gross margin, in (0, 1]: adds profit and the cost per\n"
	    ";                      ; incremental buyer\n",
	    fp);
}

enum uplift_status uplift_init_create(const struct uplift_init *in, const char *dir,
				      struct uplift_error *err)
{
	struct uplift_atomic f = {0};

	if (!uplift_atomic_open(&f, dir, "experiment.ini", err))
		return err->status;
	uplift_init_write(in, f.fp);
	if (!uplift_atomic_close_new(&f, err))
		return err->status;
	return UPLIFT_OK;
}
