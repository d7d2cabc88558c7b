/*
 * spreadsheet.c - a folder file given as a spreadsheet (see
 * uplift_spreadsheet.h): found by its name, refused with the command that
 * converts it. LibreOffice converts both .xlsx and .xls; the filter options
 * 44,34,76 are comma, double quote and UTF-8, which is what the loader reads.
 */
#include "uplift_spreadsheet.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

const char *const uplift_folder_files[UPLIFT_FOLDER_FILES] = {"assignments", "orders", "outcomes",
							      "history"};

static const char *const extensions[] = {"xlsx", "xls", "XLSX", "XLS"};

static bool is_file(const char *dir, const char *name)
{
	char path[4096];
	size_t n = strlen(dir);
	struct stat sb;

	snprintf(path, sizeof(path), "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static bool has_csv(const char *dir, const char *stem)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.csv", stem);
	return is_file(dir, name);
}

/* Append s to buf at *len, in single quotes unless every byte is safe in a shell word. */
static void shell_word(char *buf, size_t size, size_t *len, const char *s)
{
	bool plain = *s != '\0';

	for (const char *c = s; *c; c++)
		if (!strchr(
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+:@%,",
			*c))
			plain = false;
	if (plain) {
		*len += (size_t)snprintf(buf + *len, *len < size ? size - *len : 0, "%s", s);
		return;
	}
	*len += (size_t)snprintf(buf + *len, *len < size ? size - *len : 0, "'");
	for (const char *c = s; *c; c++)
		*len += (size_t)snprintf(buf + *len, *len < size ? size - *len : 0, "%s",
					 *c == '\'' ? "'\\''" : (char[2]){*c, 0});
	*len += (size_t)snprintf(buf + *len, *len < size ? size - *len : 0, "'");
}

const char *uplift_spreadsheet_command(const char *dir, const char *name, char *buf, size_t size)
{
	char path[4096];
	size_t len = 0, n = strlen(dir);

	if (size == 0)
		return buf;
	buf[0] = '\0';
	snprintf(path, sizeof(path), "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	len += (size_t)snprintf(buf, size,
				"libreoffice --headless --convert-to "
				"csv:\"Text - txt - csv (StarCalc)\":44,34,76 --outdir ");
	shell_word(buf, size, &len, dir);
	if (len < size)
		len += (size_t)snprintf(buf + len, size - len, " ");
	shell_word(buf, size, &len, path);
	return buf;
}

enum uplift_status uplift_spreadsheet_check(const char *dir, size_t k, struct uplift_error *err)
{
	const char *stem = uplift_folder_files[k];
	char name[64], command[1024];

	if (has_csv(dir, stem))
		return UPLIFT_OK;
	if ((strcmp(stem, "orders") == 0 && has_csv(dir, "outcomes")) ||
	    (strcmp(stem, "outcomes") == 0 && has_csv(dir, "orders")))
		return UPLIFT_OK;
	for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
		snprintf(name, sizeof(name), "%s.%s", stem, extensions[i]);
		if (!is_file(dir, name))
			continue;
		return uplift_error_set(
		    err, UPLIFT_EINPUT, name, 0, NULL,
		    "a spreadsheet; uplift reads %s.csv: convert it with %s", stem,
		    uplift_spreadsheet_command(dir, name, command, sizeof(command)));
	}
	return UPLIFT_OK;
}
