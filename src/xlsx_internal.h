/*
 * xlsx_internal.h - the sheet writer under summary.xlsx (xlsx.c) and the
 * sheets (xlsx_sheets.c). Internal to the library.
 *
 * A sheet is a table: a bold, frozen header row with an autofilter, then
 * rows written cell by cell, left to right, top to bottom (the workbook is
 * in libxlsxwriter's constant-memory mode: a row is flushed when the next
 * begins, so memory does not grow with the rows). Each column has a kind
 * that says how its numbers are formatted; the widths follow the widest
 * cell, a wide (CJK) character counting two.
 */
#ifndef UPLIFT_XLSX_INTERNAL_H
#define UPLIFT_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "uplift_format.h"

enum xlsx_kind {
	XLSX_TEXT,   /* a string */
	XLSX_COUNT,  /* #,##0 */
	XLSX_RATE,   /* 0.0%: rates, relative changes, probabilities */
	XLSX_MONEY,  /* #,##0.00 */
	XLSX_P,      /* 0.0000 */
	XLSX_BOOL,   /* TRUE / FALSE */
	XLSX_METRIC, /* the unit of the row's metric (xlsx_row): a rate, orders or money */
	XLSX_ORDERS, /* 0.000 */
	XLSX_N_KINDS
};

struct xlsx_col {
	const char *en, *zh; /* the header */
	enum xlsx_kind kind;
};

#define XLSX_MAX_COLS   40
#define XLSX_MAX_SHEETS 256
/* Excel's limits: characters in a cell, in a sheet name */
#define XLSX_CELL_CHARS 32767
#define XLSX_NAME_CHARS 31
/*
 * Rows of data a sheet holds at most (Excel's limit is 1,048,576; a sheet
 * past 100,000 rows is no longer read by a person): the rows past it are
 * left out, and a last row says how many and where they all are.
 */
#define XLSX_MAX_ROWS 100000

struct xlsx_book {
	lxw_workbook *wb;
	lxw_format *head, *fmt[XLSX_N_KINDS];
	const struct uplift_result *r;
	bool zh;
	char names[XLSX_MAX_SHEETS][XLSX_NAME_CHARS * 4 + 1]; /* the sheets' names so far */
	size_t n_names;
	char *buf; /* XLSX_CELL_CHARS + 1 bytes: a string cell, escaped, cut to fit (so to fewer
		      characters) */
	lxw_error error;  /* the first libxlsxwriter error, LXW_NO_ERROR if none */
	const char *what; /* what failed, for the message */
};

struct xlsx_sheet {
	struct xlsx_book *b;
	lxw_worksheet *ws;
	const struct xlsx_col *cols;
	size_t n_cols;
	lxw_row_t row;       /* the row being written (0: the header) */
	lxw_col_t col;       /* the next cell of it */
	enum xlsx_kind unit; /* what XLSX_METRIC stands for in this row */
	bool skip;           /* this row is past XLSX_MAX_ROWS: its cells are not written */
	size_t dropped;      /* rows left out */
	double width[XLSX_MAX_COLS];
};

/*
 * Add a sheet named name (made legal and unique: see xlsx.c) with the
 * header row of cols (at most XLSX_MAX_COLS). False when the book has
 * failed (b->error set); every call below is then a no-op.
 */
bool xlsx_sheet_begin(struct xlsx_book *b, struct xlsx_sheet *s, const char *name,
		      const struct xlsx_col *cols, size_t n_cols);

/*
 * Start the next row; XLSX_METRIC cells of it are in metric m's unit. Past
 * XLSX_MAX_ROWS the row is counted, not written.
 */
void xlsx_row(struct xlsx_sheet *s, const struct uplift_metric_set *set, enum uplift_metric m);

/* The next cell: a string from the data (NULL: empty), a number (not finite: empty), a flag. */
void xlsx_text(struct xlsx_sheet *s, const char *str);
void xlsx_num(struct xlsx_sheet *s, double v);
void xlsx_bool(struct xlsx_sheet *s, bool v);
/* An arm's name: in Chinese its ini label when it has one. */
void xlsx_arm(struct xlsx_sheet *s, size_t arm);
/* A metric's name: its key in English (as the JSON), in Chinese its words. */
void xlsx_metric(struct xlsx_sheet *s, enum uplift_metric m);

/* The column widths, the frozen header, the autofilter, the note on rows left out. */
void xlsx_sheet_end(struct xlsx_sheet *s);

/* The sheets, in order (xlsx_sheets.c). */
void xlsx_sheets_write(struct xlsx_book *b);

#endif
