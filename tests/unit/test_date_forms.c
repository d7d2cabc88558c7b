/*
 * test_date_forms.c - the order times of real exports (date.c,
 * uplift_date_parse_tz): Excel's YYYY/M/D[ H:MM[:SS]], ISO 8601 with 'T',
 * fractional seconds and an offset moved to the experiment's timezone, and
 * the [experiment] timezone values (uplift_date_tz_parse).
 */
#include "testutil.h"
#include "uplift_date.h"

struct form {
	int tz;           /* minutes east of UTC */
	const char *in;   /* as written in the export */
	const char *want; /* the day in tz */
};

/*
 * The days from Python's datetime (3.11), the ISO ones with
 * /usr/bin/python3 -c "from datetime import datetime, timezone, timedelta
 * for tzm in (480, 0, -300):
 *   tz = timezone(timedelta(minutes=tzm))
 *   for s in ['2026-11-22T23:30:00Z', '2026-11-22T15:59:59Z', '2026-11-22T16:00:00Z',
 *             '2026-11-16T00:30:00+08:00', '2026-11-15T23:30:00-01:00',
 *             '2026-11-22T23:30:00.123Z', '2026-11-22T23:30+0530',
 *             '2026-12-31T20:00:00-08:00', '2024-02-28T22:00:00-03:00',
 *             '2026-01-01T03:00:00+09:00']:
 *     print(tzm, s, datetime.fromisoformat(s).astimezone(tz).date().isoformat())"
 * and Excel's with datetime.strptime(s, '%Y/%m/%d %H:%M').date() (and '%Y/%m/%d',
 * '%Y/%m/%d %H:%M:%S').
 */
static const struct form forms[] = {
    {480, "2026-11-22T23:30:00Z", "2026-11-23"},
    {480, "2026-11-22T15:59:59Z", "2026-11-22"},
    {480, "2026-11-22T16:00:00Z", "2026-11-23"},
    {480, "2026-11-16T00:30:00+08:00", "2026-11-16"},
    {480, "2026-11-15T23:30:00-01:00", "2026-11-16"},
    {480, "2026-11-22T23:30:00.123Z", "2026-11-23"},
    {480, "2026-11-22T23:30+0530", "2026-11-23"},
    {480, "2026-12-31T20:00:00-08:00", "2027-01-01"},
    {480, "2024-02-28T22:00:00-03:00", "2024-02-29"},
    {480, "2026-01-01T03:00:00+09:00", "2026-01-01"},
    {0, "2026-11-22T23:30:00Z", "2026-11-22"},
    {0, "2026-11-16T00:30:00+08:00", "2026-11-15"},
    {0, "2026-11-15T23:30:00-01:00", "2026-11-16"},
    {0, "2026-12-31T20:00:00-08:00", "2027-01-01"},
    {0, "2026-01-01T03:00:00+09:00", "2025-12-31"},
    {-300, "2026-11-22T23:30:00Z", "2026-11-22"},
    {-300, "2026-11-16T00:30:00+08:00", "2026-11-15"},
    {-300, "2026-11-15T23:30:00-01:00", "2026-11-15"},
    {-300, "2026-12-31T20:00:00-08:00", "2026-12-31"},
    {-300, "2024-02-28T22:00:00-03:00", "2024-02-28"},
    {-300, "2026-01-01T03:00:00+09:00", "2025-12-31"},
    /* Excel; no offset: the time is already in the experiment's timezone */
    {480, "2026/11/19 7:05", "2026-11-19"},
    {480, "2026/11/19 07:05:54", "2026-11-19"},
    {480, "2026/1/5", "2026-01-05"},
    {-300, "2024/2/29 23:59", "2024-02-29"},
    {0, "2026-11-22T23:30:00", "2026-11-22"},
    {0, "2026-11-22 23:30:00.5", "2026-11-22"},
    {480, "2026-11-22 23:30", "2026-11-22"},
    {480, "2026-11-22", "2026-11-22"},
};

static void accepted(void **state)
{
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		long day = -1;
		char buf[11];
		if (!uplift_date_parse_tz(forms[i].in, strlen(forms[i].in), forms[i].tz, &day))
			fail_msg("refused: %s", forms[i].in);
		if (strcmp(uplift_date_format(day, buf), forms[i].want) != 0)
			fail_msg("%s at %+d min: %s, want %s", forms[i].in, forms[i].tz, buf,
				 forms[i].want);
	}
}

static void refused(void **state)
{
	static const char *const bad[] = {
	    "2026/13/1",
	    "2026/2/30",
	    "2026/11/19 24:00",
	    "2026/11/19 7:5",
	    "2026/11/19 7:05:6",
	    "2026-1-5",
	    "2026-11-5",
	    "2026-11-22Z",
	    "2026-11-22T23:30:00ZZ",
	    "2026-11-22T23:30:00+24:00",
	    "2026-11-22T23:30:00+8",
	    "2026-11-22T23:30:00+08:0",
	    "2026-11-22T23:30:00.",
	    "2026-11-22T23:30:60Z",
	    "2026-11-22T7:30:00Z",
	    "19/11/2026",
	    "2026/11/19 ",
	    "2026/11/19T",
	    "1899/12/31",
	    "2026/11/19 7:05 PM",
	    "",
	};
	long day;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (uplift_date_parse_tz(bad[i], strlen(bad[i]), 480, &day))
			fail_msg("accepted: '%s'", bad[i]);
}

/* The plain forms: the fast path's verdict and day, whatever the timezone. */
static void plain_unchanged(void **state)
{
	static const char *const plain[] = {"2026-11-22",          "2026-11-22 07:05",
					    "2026-11-22 07:05:54", "2026-11-22T07:05:54",
					    "2026-02-30",          "2026-11-22 25:00"};
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		long a = -1, b = -1;
		bool pa = uplift_date_parse(plain[i], strlen(plain[i]), &a);
		bool pb = uplift_date_parse_tz(plain[i], strlen(plain[i]), -600, &b);
		assert_int_equal(pa, pb);
		assert_int_equal(a, b);
	}
}

static void timezones(void **state)
{
	static const struct {
		const char *in;
		int want;
	} ok[] = {{"+08:00", 480}, {"-05:00", -300}, {"+0530", 330},  {"+08", 480},
		  {"UTC", 0},      {"Z", 0},         {"-00:30", -30}, {"+23:59", 1439}};
	static const char *const bad[] = {"8", "+8:00", "+24:00", "GMT+8", "", "utc", "+08:00 "};
	int m;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		m = 12345;
		assert_true(uplift_date_tz_parse(ok[i].in, strlen(ok[i].in), &m));
		assert_int_equal(m, ok[i].want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (uplift_date_tz_parse(bad[i], strlen(bad[i]), &m))
			fail_msg("accepted: '%s'", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(accepted),
	    cmocka_unit_test(refused),
	    cmocka_unit_test(plain_unchanged),
	    cmocka_unit_test(timezones),
	};
	return cmocka_run_group_tests_name("date_forms", tests, NULL, NULL);
}
