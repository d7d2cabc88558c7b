/*
 * xlsx.c - summary.xlsx (see uplift_xlsx.h): the workbook, its sheets'
 * names, and the cells (see xlsx_internal.h); the sheets themselves are
 * xlsx_sheets.c.
 *
 * Sheet names from the data (a --by column's) are made legal for Excel:
 * []:*?/\ and control characters become "_", an apostrophe cannot start
 * or end one, at most 31 characters (UTF-16 units, as Excel counts; the
 * cut is on a character boundary), unique ignoring case (a clash gets
 * "~2", "~3", ...). Strings from the data are written with
 * worksheet_write_string, as text (a name "=1+1" is never a formula),
 * with control characters replaced (XML has no room for them) and cut at
 * Excel's 32,767 characters with "…".
 *
 * libxlsxwriter writes the file at the name it is given when the workbook
 * is closed; that name is the hidden temporary of an uplift_atomic file in
 * the same folder, so the file is synced and renamed into place only when
 * the whole workbook was written, and removed otherwise.
 */
#include "uplift_xlsx.h"
#include "headline.h"
#include "table.h"
#include "uplift_atomic.h"
#include "uplift_escape.h"
#include "xlsx_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Columns no wider than this (a long reason), in characters of the default font. */
#define MAX_WIDTH 60.0

static const char *const num_format[XLSX_N_KINDS] = {
    [XLSX_COUNT] = "#,##0", [XLSX_RATE] = "0.0%",    [XLSX_MONEY] = "#,##0.00",
    [XLSX_P] = "0.0000",    [XLSX_ORDERS] = "0.000",
};

static void fail(struct xlsx_book *b, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR && b->error == LXW_NO_ERROR) {
		b->error = e;
		b->what = what;
	}
}

/*
 * in as a legal sheet name of at most units UTF-16 units into out (size >=
 * XLSX_NAME_CHARS * 4 + 1 bytes).
 */
static void legal_name(const char *in, size_t units, char *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
	size_t j = 0, used = 0;

	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
		size_t u;
		if (k <= 0) { /* not UTF-8 (the loaders check): one byte, shown as "_" */
			k = 1;
			cp = '_';
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
		    (cp < 0x80 && strchr("[]:*?/\\", cp)))
			cp = '_';
		u = cp > 0xFFFF ? 2 : 1;
		if (used + u > units)
			break;
		used += u;
		j += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + j);
		p += k;
	}
	out[j] = '\0';
	if (j == 0)
		snprintf(out, 2, "_");
	if (out[0] == '\'')
		out[0] = '_';
	if (out[strlen(out) - 1] == '\'')
		out[strlen(out) - 1] = '_';
}

/* Whether name is taken, ignoring case as Excel does (Unicode case folding). */
static bool taken(const struct xlsx_book *b, const char *name)
{
	utf8proc_uint8_t *a = NULL, *c = NULL;
	bool same = false;

	if (utf8proc_map((const utf8proc_uint8_t *)name, 0, &a,
			 UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE) < 0)
		a = NULL;
	for (size_t i = 0; !same && i < b->n_names; i++) {
		if (!a) {
			same = strcasecmp(name, b->names[i]) == 0;
			continue;
		}
		if (utf8proc_map((const utf8proc_uint8_t *)b->names[i], 0, &c,
				 UTF8PROC_NULLTERM | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE) < 0)
			continue;
		same = strcmp((const char *)a, (const char *)c) == 0;
		free(c);
	}
	free(a);
	return same;
}

/* The sheet's name: legal, unique; false when none can be made (the book has failed). */
static bool sheet_name(struct xlsx_book *b, const char *want, char *out)
{
	char base[XLSX_NAME_CHARS * 4 + 1], tail[16];

	legal_name(want, XLSX_NAME_CHARS, out);
	for (unsigned k = 2; taken(b, out); k++) {
		if (k > XLSX_MAX_SHEETS + 1) {
			fail(b, LXW_ERROR_SHEETNAME_ALREADY_USED, want);
			return false;
		}
		snprintf(tail, sizeof(tail), "~%u", k);
		legal_name(want, XLSX_NAME_CHARS - strlen(tail), base);
		/* base holds at most XLSX_NAME_CHARS - strlen(tail) characters: it fits */
		if (snprintf(out, XLSX_NAME_CHARS * 4 + 1, "%s%s", base, tail) < 0)
			out[0] = '\0';
	}
	fail(b, workbook_validate_sheet_name(b->wb, out), want);
	return b->error == LXW_NO_ERROR;
}

/* The display width of a number as its format shows it, roughly. */
static double num_width(enum xlsx_kind k, double v)
{
	char s[64];
	size_t n;

	switch (k) {
	case XLSX_RATE:
		return (double)snprintf(s, sizeof(s), "%.1f%%", 100 * v);
	case XLSX_P:
		return (double)snprintf(s, sizeof(s), "%.4f", v);
	case XLSX_ORDERS:
		return (double)snprintf(s, sizeof(s), "%.3f", v);
	case XLSX_COUNT:
	case XLSX_MONEY:
		n = (size_t)snprintf(s, sizeof(s), "%.0f", fabs(v));
		return (double)(n + (n - 1) / 3 + (v < 0) + (k == XLSX_MONEY ? 3 : 0));
	default:
		return 5;
	}
}

static void widen(struct xlsx_sheet *s, double w)
{
	if (s->col < XLSX_MAX_COLS && w > s->width[s->col])
		s->width[s->col] = w;
}

/* The kind of the next cell, and the format that shows it. */
static enum xlsx_kind next_kind(const struct xlsx_sheet *s)
{
	enum xlsx_kind k = s->col < s->n_cols ? s->cols[s->col].kind : XLSX_TEXT;

	return k == XLSX_METRIC ? s->unit : k;
}

bool xlsx_sheet_begin(struct xlsx_book *b, struct xlsx_sheet *s, const char *name,
		      const struct xlsx_col *cols, size_t n_cols)
{
	char legal[XLSX_NAME_CHARS * 4 + 1];

	memset(s, 0, sizeof(*s));
	s->b = b;
	s->cols = cols;
	s->n_cols = n_cols < XLSX_MAX_COLS ? n_cols : XLSX_MAX_COLS;
	if (!b->error && b->n_names >= XLSX_MAX_SHEETS) /* never silently one sheet fewer */
		fail(b, LXW_ERROR_PARAMETER_VALIDATION, "more than 256 sheets: fewer --by columns");
	if (b->error || !sheet_name(b, name, legal))
		return false;
	if (!(s->ws = workbook_add_worksheet(b->wb, legal))) {
		fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_worksheet");
		return false;
	}
	memcpy(b->names[b->n_names++], legal, sizeof(legal));
	for (size_t c = 0; c < s->n_cols; c++) {
		const char *h = b->zh ? cols[c].zh : cols[c].en;
		s->col = (lxw_col_t)c;
		widen(s, (double)uplift_display_width(h));
		fail(b, worksheet_write_string(s->ws, 0, (lxw_col_t)c, h, b->head),
		     "worksheet_write_string");
	}
	s->col = 0;
	return b->error == LXW_NO_ERROR;
}

void xlsx_row(struct xlsx_sheet *s, const struct uplift_metric_set *set, enum uplift_metric m)
{
	s->col = 0;
	if ((s->skip = s->row >= XLSX_MAX_ROWS)) {
		s->dropped++;
		return;
	}
	s->row++;
	if ((unsigned)m >= UPLIFT_N_METRICS)
		s->unit = XLSX_MONEY;
	else if (uplift_metric_kind(set, m) == UPLIFT_PROPORTION)
		s->unit = XLSX_RATE;
	else
		s->unit = m == UPLIFT_ORDERS ? XLSX_ORDERS : XLSX_MONEY;
}

void xlsx_text(struct xlsx_sheet *s, const char *str)
{
	struct xlsx_book *b = s->b;

	if (s->skip)
		return;
	if (s->ws && !b->error && str && *str) {
		uplift_escape_text(str, b->buf, XLSX_CELL_CHARS + 1);
		widen(s, (double)uplift_display_width(b->buf));
		fail(b, worksheet_write_string(s->ws, s->row, s->col, b->buf, NULL),
		     "worksheet_write_string");
	}
	s->col++;
}

void xlsx_num(struct xlsx_sheet *s, double v)
{
	struct xlsx_book *b = s->b;
	enum xlsx_kind k = next_kind(s);

	if (s->skip)
		return;
	if (s->ws && !b->error && isfinite(v)) {
		widen(s, num_width(k, v));
		fail(b, worksheet_write_number(s->ws, s->row, s->col, v, b->fmt[k]),
		     "worksheet_write_number");
	}
	s->col++;
}

void xlsx_bool(struct xlsx_sheet *s, bool v)
{
	struct xlsx_book *b = s->b;

	if (s->skip)
		return;
	if (s->ws && !b->error) {
		widen(s, 5);
		fail(b, worksheet_write_boolean(s->ws, s->row, s->col, v, NULL),
		     "worksheet_write_boolean");
	}
	s->col++;
}

void xlsx_arm(struct xlsx_sheet *s, size_t arm)
{
	const struct uplift_result *r = s->b->r;
	const char *name = arm < r->an->n_arms ? r->an->arm_names[arm] : NULL;

	if (s->b->zh && r->exp && arm < r->exp->n_arms && r->exp->arms[arm].label &&
	    *r->exp->arms[arm].label)
		name = r->exp->arms[arm].label;
	xlsx_text(s, name);
}

void xlsx_metric(struct xlsx_sheet *s, enum uplift_metric m)
{
	const struct uplift_voice v = {.mk = NULL, .r = s->b->r, .zh = true};

	xlsx_text(s, s->b->zh ? uplift_headline_metric(&v, m)
			      : uplift_metric_name(s->b->r->an->opt.set, m));
}

void xlsx_sheet_end(struct xlsx_sheet *s)
{
	struct xlsx_book *b = s->b;

	if (!s->ws || b->error)
		return;
	for (size_t c = 0; c < s->n_cols; c++) {
		double w = s->width[c] + 2 > MAX_WIDTH ? MAX_WIDTH : s->width[c] + 2;
		fail(b, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL),
		     "worksheet_set_column");
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	if (s->n_cols)
		fail(b, worksheet_autofilter(s->ws, 0, 0, s->row, (lxw_col_t)(s->n_cols - 1)),
		     "worksheet_autofilter");
	if (s->dropped && !b->error) { /* never a row fewer in silence */
		char note[256];
		snprintf(note, sizeof(note),
			 b->zh
			     ? "只列出前 %d 行，另有 %zu 行未列出；全部结果见 comparisons.csv 与 "
			       "summary.json。"
			     : "Showing the first %d rows; %zu more are left out; every row is in "
			       "comparisons.csv and summary.json.",
			 XLSX_MAX_ROWS, s->dropped);
		fail(b, worksheet_write_string(s->ws, s->row + 1, 0, note, NULL),
		     "worksheet_write_string");
	}
}

/* The formats: bold headers, one number format per kind. */
static void formats(struct xlsx_book *b)
{
	if (!(b->head = workbook_add_format(b->wb)))
		fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_format");
	else
		format_set_bold(b->head);
	for (int k = 0; k < XLSX_N_KINDS && !b->error; k++) {
		if (!num_format[k])
			continue;
		if (!(b->fmt[k] = workbook_add_format(b->wb)))
			fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook_add_format");
		else
			format_set_num_format(b->fmt[k], num_format[k]);
	}
}

enum uplift_status uplift_xlsx_write(const char *dir, const char *name,
				     const struct uplift_result *r, bool zh,
				     struct uplift_error *err)
{
	struct uplift_atomic f = {0};
	struct xlsx_book b = {.r = r, .zh = zh, .error = LXW_NO_ERROR};
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = (char *)dir};
	lxw_error closed;

	if (!uplift_atomic_open(&f, dir, name, err))
		return err->status;
	b.buf = malloc(XLSX_CELL_CHARS + 1);
	b.wb = b.buf ? workbook_new_opt(f.tmp, &opt) : NULL;
	if (!b.wb) {
		free(b.buf);
		uplift_atomic_close(&f, false, err);
		return uplift_error_set(err, UPLIFT_ENOMEM, name, 0, NULL, "out of memory");
	}
	formats(&b);
	xlsx_sheets_write(&b);
	closed = workbook_close(b.wb); /* writes f.tmp, frees the workbook */
	free(b.buf);
	fail(&b, closed, "workbook_close");
	if (b.error != LXW_NO_ERROR) {
		uplift_atomic_close(&f, false, err);
		return uplift_error_set(err, UPLIFT_EINTERNAL, name, 0, NULL,
					"cannot write: %s (%s)", lxw_strerror(b.error),
					b.what ? b.what : "libxlsxwriter");
	}
	if (!uplift_atomic_close(&f, true, err))
		return err->status ? err->status : UPLIFT_EINTERNAL;
	return UPLIFT_OK;
}
