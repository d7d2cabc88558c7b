/*
 * checks.c - the names of the checks as the JSON gives them (see
 * uplift_checks.h).
 */
#include "uplift_checks.h"

static const char *const names[UPLIFT_N_CHECK_CODES] = {
    [UPLIFT_CHECK_SRM] = "srm",
    [UPLIFT_CHECK_SEGMENT_SRM] = "segment_srm",
};

const char *uplift_checks_code_name(enum uplift_check_code code)
{
	return (unsigned)code < UPLIFT_N_CHECK_CODES ? names[code] : "unknown";
}
