/*
 * test_spreadsheet.c - a folder file given as a spreadsheet
 * (spreadsheet.c): found only where its CSV is missing, refused with the
 * command that converts it, the folder's path quoted for the shell.
 */
#include "testutil.h"
#include "uplift_spreadsheet.h"

#include <unistd.h>

static void put(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	write_file(path, "");
}

static void gone(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	remove(path);
}

static void found_where_the_csv_is_missing(void **state)
{
	char dir[64], buf[1200], want[1200];
	struct uplift_error err;

	snprintf(dir, sizeof(dir), "%s", temp_dir());
	uplift_error_clear(&err);
	for (size_t k = 0; k < UPLIFT_FOLDER_FILES; k++)
		assert_int_equal(uplift_spreadsheet_check(dir, k, &err), UPLIFT_OK);
	put(dir, "orders.xlsx");
	assert_int_equal(uplift_spreadsheet_check(dir, 0, &err), UPLIFT_OK);
	assert_int_equal(uplift_spreadsheet_check(dir, 1, &err), UPLIFT_EINPUT);
	snprintf(want, sizeof(want),
		 "orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with libreoffice "
		 "--headless --convert-to csv:\"Text - txt - csv (StarCalc)\":44,34,76 --outdir "
		 "%s %s/orders.xlsx",
		 dir, dir);
	assert_string_equal(uplift_error_format(&err, buf, sizeof(buf)), want);
	/* beside its CSV, or beside outcomes.csv, it is not asked for */
	put(dir, "orders.csv");
	uplift_error_clear(&err);
	assert_int_equal(uplift_spreadsheet_check(dir, 1, &err), UPLIFT_OK);
	gone(dir, "orders.csv");
	put(dir, "outcomes.csv");
	assert_int_equal(uplift_spreadsheet_check(dir, 1, &err), UPLIFT_OK);
	assert_int_equal(err.status, UPLIFT_OK);
	gone(dir, "outcomes.csv");
	gone(dir, "orders.xlsx");
	/* .xls, upper case too */
	put(dir, "history.XLS");
	assert_int_equal(uplift_spreadsheet_check(dir, 3, &err), UPLIFT_EINPUT);
	assert_string_equal(err.file, "history.XLS");
	gone(dir, "history.XLS");
	rmdir(dir);
}

static void command_quoted(void **state)
{
	char buf[1024];

	assert_string_equal(uplift_spreadsheet_command("w47/", "orders.xls", buf, sizeof(buf)),
			    "libreoffice --headless --convert-to csv:\"Text - txt - csv "
			    "(StarCalc)\":44,34,76 --outdir w47/ w47/orders.xls");
	assert_string_equal(
	    uplift_spreadsheet_command("my w47's $x", "orders.xlsx", buf, sizeof(buf)),
	    "libreoffice --headless --convert-to csv:\"Text - txt - csv "
	    "(StarCalc)\":44,34,76 --outdir 'my w47'\\''s $x' 'my w47'\\''s "
	    "$x/orders.xlsx'");
	/* a buffer too small is cut, never overrun */
	assert_int_equal(strlen(uplift_spreadsheet_command("d", "orders.xlsx", buf, 20)), 19);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(found_where_the_csv_is_missing),
	    cmocka_unit_test(command_quoted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
