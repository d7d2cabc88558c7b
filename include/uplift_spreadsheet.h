/*
 * uplift_spreadsheet.h - a folder file given as a spreadsheet: orders.xlsx
 * (or .xls) where uplift reads orders.csv. uplift does not read
 * spreadsheets (README.md, "Spreadsheets", says why); it names the file and
 * the command that converts it to the CSV it reads.
 */
#ifndef UPLIFT_SPREADSHEET_H
#define UPLIFT_SPREADSHEET_H

#include <stddef.h>

#include "uplift_error.h"

/* The files of an experiment folder, without ".csv", in the order they are read. */
#define UPLIFT_FOLDER_FILES 4
extern const char *const uplift_folder_files[UPLIFT_FOLDER_FILES];

/*
 * When file k of uplift_folder_files is in dir only as a spreadsheet
 * (NAME.xlsx or NAME.xls, and no NAME.csv; orders and outcomes stand for
 * each other, so either one's CSV is enough): the error naming the
 * spreadsheet and the command that converts it into dir, and UPLIFT_EINPUT.
 * Otherwise UPLIFT_OK, err untouched.
 */
enum uplift_status uplift_spreadsheet_check(const char *dir, size_t k, struct uplift_error *err);

/*
 * The command that converts the spreadsheet dir/name into dir/STEM.csv,
 * UTF-8 with commas, into buf (NUL-terminated; shell-quoted where the
 * path needs it). Returns buf.
 */
const char *uplift_spreadsheet_command(const char *dir, const char *name, char *buf, size_t size);

#endif
