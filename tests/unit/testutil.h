/*
 * testutil.h - helpers shared by the cmocka unit tests.
 *
 * cmocka 1.1 has no double comparison (assert_float_equal works in float),
 * so assert_close compares doubles with a relative tolerance.
 */
#ifndef UPLIFT_TESTUTIL_H
#define UPLIFT_TESTUTIL_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static inline void assert_close_impl(double got, double want, double rel, const char *expr,
				     const char *file, int line)
{
	double tol = rel * fmax(1e-300, fabs(want));

	if (isnan(want) && isnan(got))
		return;
	if (!(fabs(got - want) <= tol)) {
		print_error("%s = %.17g, want %.17g (relative tolerance %g)\n", expr, got, want,
			    rel);
		_fail(file, line);
	}
}

/* |got - want| <= rel * |want| (both NaN counts as equal). */
#define assert_close(got, want, rel)                                                               \
	assert_close_impl((got), (want), (rel), #got, __FILE__, __LINE__)

/* Write text to path (test fixtures). */
static inline void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

/* A fresh temporary folder for one test; the path is static storage. */
static inline const char *temp_dir(void)
{
	static char dir[64];
	snprintf(dir, sizeof(dir), "/tmp/uplift-test-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

#endif
